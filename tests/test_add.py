"""`factledger add`: claims written from options or standard input, checked field by field, placed in the
right file in that file's own style; and on a real pseudo-terminal, the guided entry."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from factledger.pipeline import load_ledger

from support import REPO

SOURCES = ("sources:\n  - id: NIS\n    name: National Intelligence Service\n    kind: intelligence\n"
           "  - id: KCNA\n    name: Korean Central News Agency\n    kind: media\n")
DOCUMENT = "The agency said about 1,500 soldiers were sent to the east in October.\n"


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    (data / "claims").mkdir(parents=True)
    (data / "documents").mkdir()
    (data / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (data / "documents" / "report.txt").write_text(DOCUMENT, encoding="utf-8")
    (data / "documents.yaml").write_text("documents:\n  - id: report\n    title: A report\n"
                                         "    file: documents/report.txt\n", encoding="utf-8")
    (data / "claims" / "north-korea.yaml").write_text(
        "# North Korea.\nclaims:\n- {id: c0, statement: Earlier., subject: north-korea, property: troops, "
        "sources: [{source: NIS}]}\n", encoding="utf-8")
    return data


def _files(data: Path) -> dict[str, bytes]:
    return {p.relative_to(data).as_posix(): p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()}


def test_a_claim_from_options_goes_to_its_subjects_file_in_that_files_style(invoke, ledger: Path) -> None:
    result = invoke("add", "--data", str(ledger), "--statement", "About 1,500 soldiers were sent.", "--source", "nis",
                    "--document", "report", "--quote", "about 1,500 soldiers were sent", "--value",
                    "about 1,500 soldiers", "--date", "2024-10", "--subject", "north-korea", "--property", "troops",
                    "--tag", "troops", "--via", "KCNA")
    assert result.exit_code == 0, result.output
    assert "quote found in documents/report.txt: '…The agency said [about 1,500 soldiers were sent]" in result.stdout
    text = (ledger / "claims" / "north-korea.yaml").read_text(encoding="utf-8")
    assert text == (
        "# North Korea.\nclaims:\n- {id: c0, statement: Earlier., subject: north-korea, property: troops, "
        "sources: [{source: NIS}]}\n"
        "- {id: nis-north-korea-troops-2024-10, statement: \"About 1,500 soldiers were sent.\", subject: north-korea, "
        "property: troops, value: {approx: 1500, unit: soldiers}, date: 2024-10, sources: [{source: NIS, "
        "document: report, via: [KCNA], quote: \"about 1,500 soldiers were sent\"}], tags: [troops]}\n")
    assert load_ledger(ledger, cache=False).errors == []


def test_a_new_subject_gets_its_own_file_and_a_new_source_is_made_on_the_way(invoke, ledger: Path) -> None:
    result = invoke("add", "--data", str(ledger), "--statement", "The ministry counted 1,520 arrivals.",
                    "--source", "MOD", "--new-source", "--source-name", "Ministry of Defence", "--source-kind",
                    "government", "--value", "1520 arrivals", "--subject", "border", "--property", "arrivals")
    assert result.exit_code == 0, result.output
    assert (ledger / "claims" / "border.yaml").read_text(encoding="utf-8") == (
        "claims:\n  - id: mod-border-arrivals\n    statement: The ministry counted 1,520 arrivals.\n"
        "    subject: border\n    property: arrivals\n    value: {exact: 1520, unit: arrivals}\n"
        "    sources:\n      - source: MOD\n")
    # The file writes its entries without a blank line between them: so is the new one.
    assert (ledger / "sources.yaml").read_text(encoding="utf-8") == SOURCES + (
        "  - id: MOD\n    name: Ministry of Defence\n    kind: government\n")
    again = invoke("add", "--data", str(ledger), "--statement", "Again.", "--source", "MOD", "--subject", "border",
                   "--property", "arrivals")
    assert again.exit_code == 0 and "mod-border-arrivals-2" in again.stdout


@pytest.mark.parametrize("args, option, said", [
    (["--source", "NIZ"], "--source", "did you mean 'NIS'"),
    (["--source", "NIS", "--document", "report", "--quote", "about 1,600 soldiers"], "--quote", "does not occur"),
    (["--source", "NIS", "--value", "lots of soldiers"], "--value", "cannot read 'lots of soldiers' as a value"),
    (["--source", "NIS", "--value", "1.500 soldiers"], "--value", "reads two ways"),
    (["--source", "NIS", "--date", "2024-02-30"], "--date", "has 29 days"),
    (["--source", "NIS", "--subject", "North Korea"], "--subject", "did you mean 'north-korea'"),
    (["--source", "NIS", "--id", "c0"], "--id", "already exists"),
    (["--source", "NIS", "--id", "c\u0430"], "--id", "is not a claim id"),  # a Cyrillic look-alike
    (["--source", "NIS", "--new-source"], "--new-source", "exists already"),
    (["--source", "NEW", "--new-source", "--source-name", "New"], "--source-kind", "kind is one of"),
    (["--source", "NIS", "--url", "www.example.org/x"], "--url", "did you mean 'https://www.example.org/x'"),
    (["--source", "NIS", "--document", "reprot"], "--document", "did you mean 'report'"),
    (["--source", "NIS", "--file", "/tmp/elsewhere.yaml"], "--file", "under the data directory"),
    (["--source", "NIS", "--via", "nis"], "--via", "the source itself"),
])
def test_bad_input_is_a_usage_error_naming_the_field_and_nothing_is_written(invoke, ledger: Path, args: list[str],
                                                                             option: str, said: str) -> None:
    before = _files(ledger)
    result = invoke("add", "--data", str(ledger), "--statement", "A claim.", *args)
    assert result.exit_code == 2, result.output
    assert option in result.output and said in result.output
    assert _files(ledger) == before


def test_entries_from_standard_input_in_yaml_or_json(invoke, ledger: Path) -> None:
    given = "claims:\n  - statement: One.\n    subject: north-korea\n    sources: [{source: NIS}]\n" \
            "  - {id: two, statement: Two., subject: war, sources: [{source: NEW}]}\n" \
            "sources:\n  - {id: NEW, name: A new source, kind: media}\n"
    result = invoke("add", "--from", "-", "--data", str(ledger), input=given)
    assert result.exit_code == 0, result.output
    ledger_now = load_ledger(ledger, cache=False)
    assert ledger_now.errors == []
    assert {c.id for c in ledger_now.ledger.claims} == {"c0", "nis-north-korea", "two"}
    as_json = json.dumps([{"statement": "Three.", "subject": "war", "sources": [{"source": "NIS"}]}])
    assert invoke("add", "--from", "-", "--data", str(ledger), input=as_json).exit_code == 0
    bad = invoke("add", "--from", "-", "--data", str(ledger), input='{"statement": "x", "sources": [{"source": "NIZ"}]}')
    assert bad.exit_code == 2 and "did you mean 'NIS'" in bad.stderr
    invalid = invoke("add", "--from", "-", "--data", str(ledger),
                     input="claims: [{statement: x, sources: [{source: NIS}], status: rumoured}]")
    assert invalid.exit_code == 2 and "FL106" in invalid.stderr and "nothing was written" in invalid.stderr


def test_a_crlf_file_stays_crlf(invoke, ledger: Path) -> None:
    path = ledger / "sources.yaml"
    path.write_bytes(SOURCES.replace("\n", "\r\n").encode())
    result = invoke("add", "--data", str(ledger), "--statement", "x", "--source", "T", "--new-source",
                    "--source-name", "T", "--source-kind", "media")
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == (SOURCES + "  - id: T\n    name: T\n    kind: media\n").replace("\n", "\r\n").encode()


# -- on a real terminal ----------------------------------------------------------------------------

pexpect = pytest.importorskip("pexpect")


def _spawn(data: Path) -> object:
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100", "LINES": "40", "NO_COLOR": "1", "PROMPT_TOOLKIT_NO_CPR": "1",
           "FACTLEDGER_CACHE_DIR": str(data.parent / "cache")}
    return pexpect.spawn(sys.executable, ["-m", "factledger", "add", "--data", str(data)], cwd=str(REPO), env=env,
                         encoding="utf-8", timeout=60, dimensions=(40, 100))


def test_add_on_a_terminal_completes_reads_words_confirms_and_writes(ledger: Path) -> None:
    child = _spawn(ledger)
    child.expect("Statement:")
    child.sendline("About 1,500 soldiers were sent.")
    child.expect("Source")
    child.send("ni\t")  # completion of a source id, in any case
    child.expect("NIS")
    child.sendline("")
    child.expect("Document")
    child.sendline("report")
    child.expect("Quote")
    child.sendline("about 1,500 soldiers were sent")
    child.expect("quote found in documents/report.txt")
    child.expect("Date")
    child.sendline("2024-10")
    child.expect("Value, in words")
    child.sendline("about 1,500 soldiers")
    child.expect(r"read as \{approx: 1500, unit: soldiers\}: right\?")
    child.sendline("y")
    child.expect("Subject")
    child.expect("north-korea")  # the previous claim's, as the default
    child.sendline("")
    child.expect("Property")
    child.expect("troops")
    child.sendline("")
    child.expect("Tags")
    child.sendline("")
    child.expect("Via")
    child.sendline("")
    child.expect("Id")
    child.sendline("")  # the id made from the source, subject, property and date
    child.expect("nis-north-korea-troops-2024-10")
    child.expect(r"Write it\?")
    child.sendline("y")
    child.expect("added claim 'nis-north-korea-troops-2024-10'")
    child.expect(r"Another claim\?")
    child.sendline("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    claim = load_ledger(ledger, cache=False).ledger.claim("nis-north-korea-troops-2024-10")
    assert claim is not None and str(claim.value) == "≈1,500 soldiers" and claim.citations[0].quote


@pytest.mark.parametrize("prompts, key", [(0, "ctrl-c"), (2, "ctrl-c"), (5, "ctrl-c"), (3, "ctrl-d")])
def test_ctrl_c_at_any_prompt_leaves_every_file_byte_identical(ledger: Path, prompts: int, key: str) -> None:
    before = _files(ledger)
    child = _spawn(ledger)
    answers = ["Statement:", "A claim.", "Source", "NIS", "Document", "report", "Quote", "", "Date", "2024"]
    for n in range(prompts):
        child.expect(answers[2 * n])
        child.sendline(answers[2 * n + 1])
    child.expect(answers[2 * prompts] if prompts < 5 else "Value")
    if key == "ctrl-c":
        child.sendintr()
    else:
        child.sendeof()  # end of input
    child.expect("stopped: nothing was written")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert _files(ledger) == before
    shutil.rmtree(ledger.parent / "cache", ignore_errors=True)


@pytest.mark.parametrize("text, expected", [
    ("claims: []  # none yet\n", "claims:  # none yet\n  - {ENTRY}\n"),
    ("claims:\n", "claims:\n  - {ENTRY}\n"),
    ("claims: ~\r\n", "claims:\r\n  - {ENTRY}\r\n"),
    ("claims:", "claims:\n  - {ENTRY}"),
    ("# nothing yet\n", "# nothing yet\n\nclaims:\n  - {ENTRY}\n"),
    ("claims: [{id: c1, statement: x, sources: [{source: S}]}]\n",
     "claims: [{id: c1, statement: x, sources: [{source: S}]}, {FLOW}]\n"),
    ("claims:\n- id: c1\n  statement: x\n  sources: [{source: S}]\n# the end\n",
     "claims:\n- id: c1\n  statement: x\n  sources: [{source: S}]\n\n- {ENTRY0}\n# the end\n"),
])
def test_a_new_entry_is_written_in_the_files_own_style_wherever_its_section_is(tmp_path: Path, text: str,
                                                                              expected: str) -> None:
    from factledger.edit.append import insertion
    from factledger.edit.engine import apply, read_original

    path = tmp_path / "f.yaml"
    path.write_bytes(text.encode())
    original = read_original(path, 1 << 20)
    edits, _ = insertion(original, str(path), "claims", [{"id": "c9", "statement": "New.", "sources": [{"source": "S"}]}])
    newline = "\r\n" if "\r\n" in text else "\n"
    block = f"id: c9{newline}    statement: New.{newline}    sources:{newline}      - source: S"
    block0 = "id: c9\n  statement: New.\n  sources:\n    - source: S"
    assert apply(original, edits) == expected.replace("{ENTRY}", block).replace("{ENTRY0}", block0).replace(
        "{FLOW}", "{id: c9, statement: New., sources: [{source: S}]}")
