"""Every code's examples in the catalogue are true: the failing one reports exactly its code, the
passing one does not report it (and, as near a miss as it is, reports nothing else either)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factledger.problems.catalogue import CATALOGUE
from factledger.problems.examples import EXAMPLES, WITHOUT_EXAMPLE, Example, materialise, shown

# Per-claim notes that any ledger with a claim may carry; an example of another code is not about them.
_NOTES = {"FL504", "FL505"}


def _reported(invoke, tmp_path: Path, example: Example, monkeypatch: pytest.MonkeyPatch) -> set[str]:
    data = tmp_path / "data"
    materialise(example, data)
    for name, value in example.env.items():
        monkeypatch.setenv(name, value)
    validated = json.loads(invoke("validate", "--data", str(data), "--format", "json").stdout)
    codes = {d["code"] for d in validated["diagnostics"]}
    if not any(d["severity"] == "error" for d in validated["diagnostics"]):
        checked = json.loads(invoke("check", "--all", "--data", str(data), "--format", "json").stdout)
        codes |= {f["code"] for f in checked["findings"]}
    return codes


def test_every_code_has_examples_or_a_reason() -> None:
    assert set(EXAMPLES) | set(WITHOUT_EXAMPLE) == set(CATALOGUE)
    assert not set(EXAMPLES) & set(WITHOUT_EXAMPLE)


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_failing_example_reports_exactly_its_code(code: str, invoke, tmp_path: Path, monkeypatch) -> None:
    entry = EXAMPLES[code]
    reported = _reported(invoke, tmp_path, entry.failing, monkeypatch)
    assert reported - (_NOTES - {code}) == {code, *entry.also}, shown(entry.failing)


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_passing_example_does_not_report_it(code: str, invoke, tmp_path: Path, monkeypatch) -> None:
    entry = EXAMPLES[code]
    reported = _reported(invoke, tmp_path, entry.passing, monkeypatch)
    assert code not in reported, shown(entry.passing)
    assert reported - _NOTES == set(entry.passing_also), (reported, shown(entry.passing))


def test_codes_json_carries_the_examples_the_test_runs(invoke) -> None:
    from factledger.problems.examples import file_text

    entries = {e["code"]: e for e in json.loads(invoke("codes", "--format", "json").stdout)}
    assert set(entries) == set(CATALOGUE)
    for code, entry in EXAMPLES.items():
        for side in ("failing", "passing"):
            example = getattr(entry, side)
            assert [f["text"] for f in entries[code][side]["files"]] == \
                [file_text(c) for c in shown(example).values()], (code, side)
            assert entries[code][side]["env"] == example.env
        assert entries[code]["options"] == entry.options
    assert entries["FL900"]["no_example"] == WITHOUT_EXAMPLE["FL900"]


def test_codes_shows_one_codes_examples(invoke) -> None:
    result = invoke("codes", "FL303")
    assert result.exit_code == 0, result.output
    assert "reported for" in result.stdout and "not reported for" in result.stdout
    assert "quote: Fifteen thousand troops" in result.stdout and "article.txt" in result.stdout
    raw = invoke("codes", "FL002")
    assert "# caf\\xe9" in raw.stdout  # the raw byte, visible
