"""`factledger fix` and `validate --fix`: exact, safe fixes applied as edits; unsafe ones only when asked; the
catalogue says which codes have one; nothing the ledger means changes beyond the fixed field."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factledger.edit.fixes import FIXABLE, quantity_fix
from factledger.pipeline import load_ledger
from factledger.problems.catalogue import CATALOGUE

from support import said

S = "sources:\n  - {id: NIS, name: National Intelligence Service, kind: intelligence}\n"


def _ledger(tmp_path: Path, text: str) -> Path:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    (data / "ledger.yaml").write_text(text, encoding="utf-8")
    return data


def test_the_catalogue_says_which_codes_have_a_fix_and_the_fixers_agree() -> None:
    assert {c.code for c in CATALOGUE.values() if c.autofix} == set(FIXABLE)
    assert all(c.autofix in ("", "safe", "unsafe", "safe or unsafe") for c in CATALOGUE.values())
    assert all(bool(c.autofix) == bool(c.autofix_what) for c in CATALOGUE.values())


def test_codes_shows_whether_a_code_has_a_fix(invoke) -> None:
    shown = invoke("codes", "FL113")
    assert shown.exit_code == 0 and "autofix" in shown.stdout and "safe (applied by factledger fix" in shown.stdout
    none = invoke("codes", "FL501")
    assert "no automatic fix" in none.stdout
    import json

    data = {c["code"]: c for c in json.loads(invoke("codes", "--format", "json").stdout)}
    assert data["FL115"]["autofix"] == "safe or unsafe" and data["FL501"]["autofix"] is None


@pytest.mark.parametrize("written, fixed, safe", [
    ("12000", "12000", True), ("12 000", "12000", True), ("1,500,000", "1500000", True), ("1,500", "1500", False),
    ("~12000", "{approx: 12000}", True), ("about 1,500 soldiers", "{approx: 1500, unit: soldiers}", False),
    ("about 12000 soldiers", "{approx: 12000, unit: soldiers}", True), ("over 100000", "{more_than: 100000}", True),
    ("nearly 500", "{approx: 500}", False), ("between 10000 and 12000", "{low: 10000, high: 12000}", True),
    ("25k", "25000", False), ("1.5 million", "1500000", False),  # exact as written, but perhaps rounded
])
def test_a_number_written_as_text_is_fixed_safely_only_when_it_reads_one_way(written: str, fixed: str,
                                                                             safe: bool) -> None:
    assert quantity_fix(written) == (fixed, safe)


@pytest.mark.parametrize("written", ["1.500", "many", "1.2.3"])
def test_a_text_that_reads_two_ways_or_none_has_no_fix(written: str) -> None:
    assert quantity_fix(written) is None


BROKEN = S.replace("kind: intelligence}", "kind: Intelligence, country: uk, url: www.nis.go.kr/eng}") + """\
claims:
  - id: c1
    statment: Troops were sent.
    value: "12000"
    sources: [{source: nis}]
  - id: c2  # factledger: ignore[FL9999]
    statement: More were.
    value: "1,500"
    sources: [{source: NIZ}]
"""


def test_fix_applies_the_safe_fixes_and_says_what_the_unsafe_ones_would_do(invoke, tmp_path: Path) -> None:
    data = _ledger(tmp_path, BROKEN)
    result = invoke("fix", "--data", str(data))
    assert result.exit_code == 0, result.output
    assert "fixed 6 problems; 3 more with --unsafe-fixes" in result.stdout
    assert (data / "ledger.yaml").read_text(encoding="utf-8") == BROKEN.replace(
        "kind: Intelligence", "kind: intelligence").replace("country: uk", "country: GB").replace(
        "statment", "statement").replace('value: "12000"', "value: 12000").replace("source: nis", "source: NIS").replace(
        "  # factledger: ignore[FL9999]", "")
    assert "FL115 has an unsafe fix (writes 1500 for '1,500')" in result.stderr
    unsafe = invoke("fix", "--unsafe-fixes", "--data", str(data))
    assert unsafe.exit_code == 0, unsafe.output
    text = (data / "ledger.yaml").read_text(encoding="utf-8")
    assert "value: 1500\n" in text and "source: NIS}]\n" in text and "url: https://www.nis.go.kr/eng" in text
    assert invoke("validate", "--data", str(data)).exit_code == 0


def test_validate_fix_fixes_then_reports_what_remains(invoke, tmp_path: Path) -> None:
    data = _ledger(tmp_path, BROKEN)
    result = invoke("validate", "--fix", "--data", str(data))
    assert result.exit_code == 1, result.output  # the unknown source NIZ remains: its fix is unsafe
    assert "FL202" in result.stdout and "FL103" not in result.stdout
    assert "fixed 6 problems" in result.stderr


def test_a_suppressed_problem_is_not_fixed(invoke, tmp_path: Path) -> None:
    text = S + "claims:\n  - id: c1  # factledger: ignore[FL115]\n    statement: x\n    value: \"12000\"\n" \
               "    sources: [{source: NIS}]\n"
    data = _ledger(tmp_path, text)
    result = invoke("fix", "--data", str(data))
    assert result.exit_code == 0 and "fixed 0 problems" in result.stdout
    assert (data / "ledger.yaml").read_text(encoding="utf-8") == text


def test_a_fix_that_would_collide_with_a_field_already_there_is_not_offered(invoke, tmp_path: Path) -> None:
    text = S + "claims:\n  - id: c1\n    statement: x\n    statment: y\n    sources: [{source: NIS}]\n"
    data = _ledger(tmp_path, text)
    assert "fixed 0 problems" in invoke("fix", "--data", str(data)).stdout
    assert (data / "ledger.yaml").read_text(encoding="utf-8") == text


_VALUES = st.sampled_from(['"12000"', '"~12000"', '"1,500"', '"about 1,500 soldiers"', "1500", '"many"',
                           '"over 100,000"', '"1.500"', "{approx: 3}"])


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.lists(_VALUES, min_size=1, max_size=4), st.booleans(), st.booleans())
def test_fix_never_changes_what_the_ledger_means_beyond_the_fixed_field(invoke, tmp_path_factory, values: list[str],
                                                                        unsafe: bool, cased: bool) -> None:
    claims = "".join(f"  - id: c{n}\n    statement: Claim {n}.\n    value: {v}\n    date: 2024-10\n"
                     f"    sources: [{{source: {'nis' if cased else 'NIS'}, quote: \"words\"}}]\n"
                     for n, v in enumerate(values))
    data = _ledger(tmp_path_factory.mktemp("fix"), S + "claims:\n" + claims)
    before = load_ledger(data, cache=False).ledger
    result = invoke("fix", *(["--unsafe-fixes"] if unsafe else []), "--data", str(data))
    assert result.exit_code == 0, result.output
    after = load_ledger(data, cache=False).ledger
    assert said(after.sources) == said(before.sources)
    for old, new in zip(before.claims, after.claims, strict=True):
        old_fields, new_fields = said(old), said(new)
        assert isinstance(old_fields, dict) and isinstance(new_fields, dict)
        # What may change: the value (a number written as text), and a citation's spelling of its source;
        # the source it names is the same.
        assert {k: v for k, v in old_fields.items() if k not in ("value", "citations")} == \
               {k: v for k, v in new_fields.items() if k not in ("value", "citations")}
        assert [c.source.id.casefold() for c in old.citations] == [c.source.id.casefold() for c in new.citations]
        assert [c.quote for c in old.citations] == [c.quote for c in new.citations]
        if old.value is not None and old.value.kind != "text":
            assert new.value == old.value  # only text values are fixed


@pytest.mark.parametrize("written, code", [("Russia", "RU"), ("south korea", "KR"), ("RUS", "RU"),
                                           ("United  Kingdom", "GB"), ("uk", "GB"), ("Korea", None), ("Narnia", None)])
def test_a_country_written_by_its_name_is_fixed_to_its_code_only_when_the_name_names_one(
        invoke, tmp_path: Path, written: str, code: str | None) -> None:
    text = f"sources:\n  - id: s1\n    name: A ministry\n    kind: government\n    country: {written}\n"
    data = _ledger(tmp_path, text)
    result = invoke("fix", "--data", str(data))
    assert result.exit_code == 0, result.output
    after = (data / "ledger.yaml").read_text(encoding="utf-8")
    assert after == (text.replace(f"country: {written}", f"country: {code}") if code else text), result.output
