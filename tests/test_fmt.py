"""`factledger fmt`: one canonical layout, idempotent, meaning-preserving, comments kept with their entry,
quotes where YAML (1.2, and 1.1 readers) needs them, files it cannot lay out safely left alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factledger.edit.engine import read_original
from factledger.edit.formatting import layout
from factledger.edit.layout import Unformattable
from factledger.load.files import parse
from factledger.problems.errors import UsageError

from support import FIXTURES, REPO, said

LEDGER_FILES = sorted(p for p in [*FIXTURES.rglob("*.yaml"), *FIXTURES.rglob("*.yml"), *(REPO / "data").rglob("*.yaml")]
                      if p.is_file() and not p.is_symlink())


def _meaning(data: bytes, name: str = "ledger.yaml") -> tuple[object, list[tuple[str, str]]]:
    parsed, entries, diagnostics = parse(data, name, Path(name))
    import re

    return said(entries), sorted((d.code, re.sub(r"(line|column)s? \d+", "", d.message)) for d in diagnostics)


def _format(text: str, tmp_path: Path) -> str:
    path = tmp_path / "ledger.yaml"
    path.write_bytes(text.encode("utf-8"))
    return layout(read_original(path, 1 << 26), "ledger.yaml")


@pytest.mark.parametrize("path", LEDGER_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_fixture_is_laid_out_idempotently_without_changing_what_it_means(path: Path) -> None:
    try:
        original = read_original(path, 1 << 26)
        text = layout(original, "ledger.yaml")
    except (Unformattable, UsageError) as exc:
        # Only files the loader could not read whole are left alone, and they say why.
        assert str(exc), path
        assert "invalid" in path.parts or "top level" in str(exc), (path, exc)
        return
    after = original.encode(text.replace("\n", original.newline) if original.newline != "\n" else text)
    assert _meaning(after) == _meaning(original.data)
    again = read_original(path, 1 << 26)
    again.data, again.text = after, after.decode("utf-8-sig")
    again._spans = None
    assert layout(again, "ledger.yaml") == text


def test_the_canonical_layout(tmp_path: Path) -> None:
    messy = (
        "# A ledger file.\n\n"
        "sources:\n"
        "- {kind: media, id: S, name: 'A source'}   # the only one\n"
        "claims:\n"
        "    # about c1\n"
        "    - statement: \"Troops were sent.\"\n"
        "      sources: [{quote: \"sent\", source: S}]\n"
        "      id: c1\n"
        "      value:\n"
        "          approx: 1e3\n"
        "          unit: soldiers\n"
        "      tags: [a,   b]\n"
        "      date: \"2024-10\"\n"
    )
    assert _format(messy, tmp_path) == (
        "# A ledger file.\n\n"
        "sources:\n"
        "  - id: S  # the only one\n"
        "    name: A source\n"
        "    kind: media\n"
        "\n"
        "claims:\n"
        "  # about c1\n"
        "  - id: c1\n"
        "    statement: Troops were sent.\n"
        "    value: {approx: 1000.0, unit: soldiers}\n"
        "    date: 2024-10\n"
        "    sources:\n"
        "      - source: S\n"
        "        quote: sent\n"
        "    tags: [a, b]\n"
    )


@pytest.mark.parametrize("text, written", [
    ("NO", '"NO"'), ("yes", '"yes"'), ("on", '"on"'), ("1e3", '"1e3"'), ("012", '"012"'), ("1:20", '"1:20"'),
    ("2024-01-01", '"2024-01-01"'), ("null", '"null"'), ("y", '"y"'), ("a: b", '"a: b"'), ("#x", '"#x"'),
    ("plain words", "plain words"), ("café", "café"), ("zero\u200bwidth", '"zero\\u200bwidth"'),
    ("bell\x07", '"bell\\x07"'),
])
def test_text_is_quoted_exactly_where_a_yaml_reader_would_misread_it(text: str, written: str,
                                                                      tmp_path: Path) -> None:
    source = f"sources: [{{id: S, name: {json.dumps(text)}, kind: media}}]\n"
    out = _format(source, tmp_path)
    assert f"    name: {written}\n" in out, out
    # Both YAML 1.1 (PyYAML) and factledger read the text back.
    assert yaml.safe_load(out)["sources"][0]["name"] == text


def test_dates_stay_dates_and_numbers_are_written_so_every_reader_reads_the_same_number(tmp_path: Path) -> None:
    out = _format("claims: [{id: c1, statement: x, date: 2024-01-01, value: {at_least: 012}, "
                  "sources: [{source: S, date: {from: \"2024\", to: 2025}}]}]\n", tmp_path)
    assert "date: 2024-01-01\n" in out and "value: {at_least: 12}" in out and "date: {from: 2024, to: 2025}" in out


def test_comments_stay_with_the_entry_and_field_they_belong_to(tmp_path: Path) -> None:
    text = ("claims:\n"
            "  - statement: First.   # said in October\n"
            "    # the one source\n"
            "    sources: [{source: S}]\n"
            "    id: c1  # factledger: ignore[FL115]\n"
            "\n\n\n"
            "  # --- the second -----\n\n"
            "  - id: c2\n"
            "    statement: Second.\n"
            "    sources: [{source: S}]\n"
            "# the end\n")
    assert _format(text, tmp_path) == (
        "claims:\n"
        "  - id: c1  # factledger: ignore[FL115]\n"
        "    statement: First.  # said in October\n"
        "    # the one source\n"
        "    sources:\n"
        "      - source: S\n"
        "\n"
        "  # --- the second -----\n"
        "\n"
        "  - id: c2\n"
        "    statement: Second.\n"
        "    sources:\n"
        "      - source: S\n"
        "\n"
        "# the end\n")


def test_a_value_holding_a_comment_stays_a_block_and_long_lists_become_blocks(tmp_path: Path) -> None:
    ids = ", ".join(f"claim-number-{n}" for n in range(10))
    text = ("claims:\n  - id: c1\n    statement: x\n    value:\n      approx: 1500  # rounded\n"
            f"    supports: [{ids}]\n    sources: [{{source: S}}]\n")
    out = _format(text, tmp_path)
    assert "    value:\n      approx: 1500  # rounded\n" in out
    assert "    supports:\n      - claim-number-0\n" in out


def test_block_texts_stay_blocks_with_their_lines(tmp_path: Path) -> None:
    text = "claims:\n- id: c1\n  statement: >-\n     Folded\n     text.\n  notes: |\n     line one\n       indented\n  sources: [{source: S}]\n"
    out = _format(text, tmp_path)
    assert "    statement: >-\n      Folded\n      text.\n" in out
    assert "    notes: |\n      line one\n        indented\n" in out


@pytest.mark.parametrize("text, why", [
    ("sources:\n  - &s {id: S, name: A, kind: media}\n  - *s\n", "FL005"),
    ("sources: [{id: S, name: A, kind: media}]\n---\nsources: []\n", "FL008"),
    ("sources: [{id: S, name: A, kind: media, name: B}]\n", "FL004"),
    ("sources: [{id: S, name: 'A\n", "FL001"),
    ("- {id: S}\n", "top level"),
])
def test_a_file_that_cannot_be_laid_out_safely_is_left_alone_with_the_reason(invoke, tmp_path: Path, text: str,
                                                                               why: str) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "ledger.yaml").write_text(text, encoding="utf-8")
    result = invoke("fmt", "--data", str(data))
    assert result.exit_code == 0, result.output
    assert why in result.stderr and "left" in result.stderr
    assert (data / "ledger.yaml").read_text(encoding="utf-8") == text


def test_check_lists_what_would_change_and_writes_nothing(invoke, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    messy = "sources: [{id: S, name: A, kind: media}]\n"
    (data / "a.yaml").write_text(messy, encoding="utf-8")
    (data / "b.yaml").write_text("sources:\n  - id: T\n    name: B\n    kind: media\n", encoding="utf-8")
    result = invoke("fmt", "--check", "--data", str(data))
    assert result.exit_code == 1, result.output
    assert f"would reformat {data.as_posix()}/a.yaml" in result.stdout and "b.yaml" not in result.stdout
    assert (data / "a.yaml").read_text(encoding="utf-8") == messy
    diff = invoke("fmt", "--diff", "--data", str(data))
    assert diff.exit_code == 0 and diff.stdout.startswith("--- a/") and "+  - id: S" in diff.stdout
    assert (data / "a.yaml").read_text(encoding="utf-8") == messy
    assert invoke("fmt", "--data", str(data)).exit_code == 0
    assert invoke("fmt", "--check", "--data", str(data)).exit_code == 0


def test_files_the_ledger_does_not_read_are_passed_over_byte_for_byte(invoke, tmp_path: Path) -> None:
    """pre-commit passes fmt every changed YAML file: a workflow, the pre-commit configuration, an excluded
    draft are not the ledger's to lay out."""
    data = tmp_path / "data"
    (data / "drafts").mkdir(parents=True)
    messy = "sources: [{id: S, name: A, kind: media}]\n"
    workflow = "on: [push, pull_request]\njobs: {a: {runs-on: x}}\n"
    (tmp_path / "ci.yml").write_text(workflow, encoding="utf-8")
    (data / "drafts" / "d.yaml").write_text(messy, encoding="utf-8")
    (data / "a.yaml").write_text(messy, encoding="utf-8")
    (tmp_path / "factledger.toml").write_text('data = "data"\nexclude = ["drafts"]\n', encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        result = invoke("fmt", "ci.yml", "data/drafts/d.yaml", "data/a.yaml")
    assert result.exit_code == 0, result.output
    assert "passed over" in result.stderr and "reformatted 1 file" in result.stdout, result.output
    assert (tmp_path / "ci.yml").read_text(encoding="utf-8") == workflow
    assert (data / "drafts" / "d.yaml").read_text(encoding="utf-8") == messy
    assert (data / "a.yaml").read_text(encoding="utf-8") != messy


def test_a_crlf_file_keeps_its_line_ends_and_a_bom_its_mark(invoke, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    path = data / "a.yaml"
    path.write_bytes(b"\xef\xbb\xbfsources: [{id: S, name: A, kind: media}]\r\n")
    assert invoke("fmt", "--data", str(data)).exit_code == 0
    assert path.read_bytes() == b"\xef\xbb\xbfsources:\r\n  - id: S\r\n    name: A\r\n    kind: media\r\n"


# -- generated ledgers ---------------------------------------------------------------------------

_TEXTS = st.sampled_from(["Troops were sent.", "NO", "yes", "on", "1e3", "012", "2024-01-01", "a: b", "x #y",
                          "café", "zero\u200bwidth", "it's", 'say "hi"', "null", "~", "- x", "[x]", "1,500",
                          "about 1,500 soldiers", " padded ", "tab\there", "new\nline", "12000"])
_VALUES = st.sampled_from(["1500", "{approx: 1500, unit: soldiers}", "\"1,500\"", "\"~12000\"", "true", "1e3",
                           "{low: 10, high: 12}", "many", "'NO'", "012", "{at_least: 0x10}"])


@st.composite
def _ledger(draw: st.DrawFn) -> str:
    """A ledger file written in a random mix of styles: flow and block, quoted and plain, keys in any order,
    comments here and there."""
    lines = ["# generated", "sources:"]
    for n in range(draw(st.integers(1, 3))):
        fields = [f"id: S{n}", f"name: {json.dumps(draw(_TEXTS))}", "kind: media"]
        fields = draw(st.permutations(fields))
        if draw(st.booleans()):
            lines.append("  - {" + ", ".join(fields) + "}" + ("  # a source" if draw(st.booleans()) else ""))
        else:
            lines.append(f"  - {fields[0]}")
            lines += [f"    {f}" for f in fields[1:]]
    lines.append("claims:")
    for n in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            lines.append(f"  # claim {n}")
        fields = [f"id: c{n}", f"statement: {json.dumps(draw(_TEXTS))}", f"value: {draw(_VALUES)}",
                  f"sources: [{{source: S0, quote: {json.dumps(draw(_TEXTS))}}}]",
                  f"tags: [t{n}, {draw(st.sampled_from(['x', 'yes', 'NO', 'a-b']))}]",
                  "date: " + draw(st.sampled_from(["2024", "2024-10", '"2024-10-05"', "{from: 2024, to: 2025}"]))]
        fields = draw(st.permutations(fields))
        lines.append(f"  - {fields[0]}")
        lines += [f"    {f}" + ("  # note" if draw(st.booleans()) else "") for f in fields[1:]]
    return "\n".join(lines) + "\n"


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(_ledger())
def test_fmt_is_idempotent_and_meaning_preserving_on_generated_ledgers(tmp_path: Path, text: str) -> None:
    data = text.encode("utf-8")
    out = _format(text, tmp_path)
    assert _meaning(out.encode("utf-8")) == _meaning(data)
    assert _format(out, tmp_path) == out


@pytest.mark.parametrize("kept", ["\n", "\n\n", ""], ids=["one blank", "two blanks", "none"])
def test_a_block_that_keeps_its_line_breaks_keeps_them_when_laid_out(tmp_path: Path, kept: str) -> None:
    # '|+' keeps the blank lines after its text: a blank line the layout put after it to set the next entry
    # apart would be more of its text. Laid out, it means the same, and laying it out again changes nothing.
    text = ("sources: [{id: A, name: Source A, kind: official}]\n"
            "claims:\n  - id: c1\n    statement: One.\n    sources: [{source: A}]\n    notes: |+\n      kept lines\n"
            f"{kept}  - id: c2\n    statement: Two.\n    sources: [{{source: A}}]\n    notes: |+\n      last\n{kept}")
    laid = _format(text, tmp_path)
    assert _meaning(laid.encode()) == _meaning(text.encode())
    assert _format(laid, tmp_path) == laid
