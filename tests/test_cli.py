"""The CLI as a user meets it: help, exit codes, filters, formats, and safe output."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from factledger.system.fs import shown

from support import FIXTURES, REPO

REPO_DATA = REPO / "data"

SPLIT = str(FIXTURES / "valid" / "split-files")

SOURCES = """\
sources:
  - id: NATO
    name: North Atlantic Treaty Organization
    kind: international-organization
  - id: NATO-SG
    name: NATO Secretary General
    kind: official
    part_of: NATO
  - id: NATO-SPOX
    name: NATO spokesperson
    kind: official
    part_of: NATO-SG
  - id: NIS
    name: National Intelligence Service
    kind: intelligence
    reliability: B
"""

CLAIMS = """\
claims:
  - id: a-nis-early
    statement: An early NIS claim.
    date: 2024-09
    tags: [troops]
    sources: [{source: NIS, quote: soldiers were seen}]
  - id: b-nato
    statement: The Secretary General said something.
    date: 2024-10-15
    status: disputed
    sources: [{source: NATO-SG}]
  - id: c-spox
    statement: The spokesperson said something else.
    date: {from: 2024-11}
    tags: [troops, reaction]
    sources: [{source: nato-spox}]
  - id: d-undated
    statement: Undated.
    sources: [{source: NIS}]
"""


@pytest.fixture
def ledger(write_ledger) -> Path:
    return write_ledger({"sources.yaml": SOURCES, "claims.yaml": CLAIMS})


def ids(result) -> list[str]:
    return [c["id"] for c in json.loads(result.stdout)]


def test_help_tells_how_to_list_what_a_source_claimed(invoke) -> None:
    top = invoke("--help")
    assert top.exit_code == 0, top.output
    assert "list --source NIS" in top.stdout
    sub = invoke("list", "-h")
    assert sub.exit_code == 0 and "--source" in sub.stdout and "part_of" in sub.stdout


def test_no_arguments_shows_help_on_stdout(invoke) -> None:
    result = invoke()
    assert result.exit_code == 0, result.output
    assert "Commands" in result.stdout and "list --source NIS" in result.stdout


def test_version(invoke) -> None:
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.startswith("factledger ")


def test_an_unknown_option_is_a_usage_error(invoke, ledger: Path) -> None:
    result = invoke("list", "--data", str(ledger), "--sorce", "NIS")
    assert result.exit_code == 2, result.output
    assert "--source" in result.output  # Click suggests the option meant


def test_a_missing_data_directory_is_a_usage_error(invoke, tmp_path: Path) -> None:
    for command in ("validate", "list", "sources"):
        result = invoke(command, "--data", str(tmp_path / "nope"))
        assert result.exit_code == 2, result.output
        assert "does not exist" in result.stderr and "Traceback" not in result.output


def test_data_directory_from_the_environment(invoke, ledger: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTLEDGER_DATA", str(ledger))
    result = invoke("list", "--format", "json")
    assert result.exit_code == 0, result.output
    assert len(ids(result)) == 4


def test_default_data_directory_is_dot_data(invoke, ledger: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ledger.parent)
    result = invoke("list", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["file"] == "data/claims.yaml"


def test_source_filter_includes_members_transitively_and_ignores_case(invoke, ledger: Path) -> None:
    result = invoke("list", "-d", str(ledger), "--source", "nato", "--format", "json")
    assert result.exit_code == 0, result.output
    assert ids(result) == ["b-nato", "c-spox"]
    only_sg = invoke("list", "-d", str(ledger), "--source", "NATO-SG", "--format", "json")
    assert ids(only_sg) == ["b-nato", "c-spox"]
    spox = invoke("list", "-d", str(ledger), "--source", "NATO-SPOX", "--format", "json")
    assert ids(spox) == ["c-spox"]
    both = invoke("list", "-d", str(ledger), "--source", "NIS", "--source", "NATO-SPOX", "--format", "json")
    assert ids(both) == ["a-nis-early", "c-spox", "d-undated"]


def test_unknown_source_suggests_the_right_one(invoke, ledger: Path) -> None:
    result = invoke("list", "-d", str(ledger), "--source", "NIZ")
    assert result.exit_code == 2, result.output
    assert "did you mean 'NIS'" in result.stderr


@pytest.mark.parametrize("args, expected", [
    (["--since", "2024-10"], ["b-nato", "c-spox"]),
    (["--until", "2024-10"], ["a-nis-early", "b-nato"]),
    (["--since", "2024-10-16"], ["c-spox"]),
    (["--since", "2024", "--until", "2024-10-15"], ["a-nis-early", "b-nato"]),
    (["--tag", "troops"], ["a-nis-early", "c-spox"]),
    (["--tag", "troops", "--tag", "reaction"], ["c-spox"]),
    (["--status", "disputed"], ["b-nato"]),
    (["--status", "reported", "--status", "disputed"], ["a-nis-early", "b-nato", "c-spox", "d-undated"]),
    (["--search", "SOLDIERS"], ["a-nis-early"]),
    (["--search", "secretary"], ["b-nato"]),
    (["--sort", "id", "--limit", "2"], ["a-nis-early", "b-nato"]),
])
def test_filters(invoke, ledger: Path, args: list[str], expected: list[str]) -> None:
    result = invoke("list", "-d", str(ledger), "--format", "json", *args)
    assert result.exit_code == 0, result.output
    assert ids(result) == expected


def test_sort_by_date_puts_undated_last(invoke, ledger: Path) -> None:
    result = invoke("list", "-d", str(ledger), "--format", "json")
    assert ids(result) == ["a-nis-early", "b-nato", "c-spox", "d-undated"]


def test_a_bad_date_filter_is_a_usage_error(invoke, ledger: Path) -> None:
    result = invoke("list", "-d", str(ledger), "--since", "2024-13")
    assert result.exit_code == 2, result.output
    assert "month must be 01 to 12" in result.output


def test_a_bad_status_filter_is_a_usage_error(invoke, ledger: Path) -> None:
    result = invoke("list", "-d", str(ledger), "--status", "confirmd")
    assert result.exit_code == 2, result.output


def test_an_empty_result_is_not_an_error(invoke, ledger: Path) -> None:
    result = invoke("list", "-d", str(ledger), "--search", "nothing like this")
    assert result.exit_code == 0, result.output
    assert "no claims match" in result.stdout
    as_json = invoke("list", "-d", str(ledger), "--search", "nothing like this", "--format", "json")
    assert json.loads(as_json.stdout) == []


def test_table_shows_the_columns(invoke) -> None:
    result = invoke("list", "-d", SPLIT)
    assert result.exit_code == 0, result.output
    header = result.stdout.splitlines()[0].split()
    assert header == ["id", "date", "statement", "value", "sources", "status"]
    assert "≈1,500 soldiers" in result.stdout and "5 claims" in result.stdout


def test_machine_formats_carry_every_field_plus_file_and_line(invoke) -> None:
    claims = json.loads(invoke("list", "-d", SPLIT, "--format", "json", "--sort", "file").stdout)
    first = claims[0]
    assert list(first) == ["id", "statement", "subject", "property", "qualifiers", "value", "date", "status", "sources",
                           "supports", "disputes", "supersedes", "tags", "notes", "file", "line", "reviews"]
    assert first["file"].endswith("claims/troops.yml") and first["line"] == 2
    assert first["value"] == {"approx": 1500, "unit": "soldiers"}
    assert first["sources"][0]["via"] == ["NATO"] and first["sources"][0]["credibility"] == 3
    # YAML is a ledger file's 'claims' section: what JSON says, but for where each is written (a comment there)
    # and what a ledger leaves out when absent.
    written = invoke("list", "-d", SPLIT, "--format", "yaml", "--sort", "file").stdout
    as_yaml = yaml.safe_load(written)["claims"]
    assert [c["id"] for c in as_yaml] == [c["id"] for c in claims] and all(c["status"] for c in as_yaml)
    for entry, full in zip(as_yaml, claims, strict=True):
        assert {k: v for k, v in full.items() if v not in (None, [], {}) and k not in ("file", "line", "reviews",
                                                                                     "sources")} \
            == {k: v for k, v in entry.items() if k != "sources"}
        assert [{k: v for k, v in c.items() if v not in (None, [])} for c in full["sources"]] == entry["sources"]
    assert f"# {first['file']}:2:" in written
    rows = list(csv.DictReader(io.StringIO(invoke("list", "-d", SPLIT, "--format", "csv", "--sort", "file").stdout)))
    assert [r["id"] for r in rows] == [c["id"] for c in claims]
    assert rows[0]["value_kind"] == "approx" and rows[0]["value_number"] == "1500" and rows[0]["line"] == "2"
    assert rows[2]["date_from"] == "2023-08-01" and rows[2]["date_to"] == ""


HOSTILE = """\
sources:
  - id: X
    name: "[bold red]Injected[/] :smile: \\e[2J\\e]0;title\\a"
    kind: other
claims:
  - id: hostile
    statement: "=HYPERLINK(\\"http://evil\\") [link=http://evil]x[/link] \\u202egnp.exe \\e[31mred"
    sources:
      - source: X
        quote: "@SUM(1) +1 -1"
"""


def test_ledger_text_is_never_markup_and_never_raw_escapes(invoke, write_ledger) -> None:
    data = write_ledger({"l.yaml": HOSTILE})
    for args in (["list"], ["show", "hostile"], ["sources"], ["list", "--format", "json"],
                 ["list", "--format", "yaml"], ["list", "--format", "csv"], ["show", "hostile", "--format", "json"]):
        result = invoke(*args, "-d", str(data))
        out = result.stdout
        assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out, (args, out)
        if args[0] in ("list", "show") and args[-1] not in ("json", "yaml", "csv"):
            assert "[link=http://evil]x[/link]" in out and "\\x1b[31mred" in out, out
        if args[0] in ("sources", "show") and args[-1] not in ("json", "yaml", "csv"):
            assert "[bold red]Injected[/] :smile:" in out, out
    validate = invoke("validate", "-d", str(data))
    assert validate.exit_code == 0 and "FL116" in validate.stdout and "\x1b" not in validate.stdout


def test_csv_cells_never_start_a_formula(invoke, write_ledger) -> None:
    data = write_ledger({"l.yaml": HOSTILE})
    rows = list(csv.DictReader(io.StringIO(invoke("list", "-d", str(data), "--format", "csv").stdout)))
    assert rows[0]["statement"].startswith("'=")
    assert rows[0]["quotes"].startswith("'@")


def test_list_on_a_broken_ledger_lists_what_loaded_and_exits_1(invoke, write_ledger) -> None:
    data = write_ledger({
        "good.yaml": SOURCES + CLAIMS,
        "bad.yaml": "claims:\n  - id: broken\n    statment: typo\n    sources: [{source: NIS}]\n",
        "worse.yaml": "claims: [unclosed\n",
    })
    result = invoke("list", "-d", str(data), "--format", "json")
    assert result.exit_code == 1, result.output
    assert "broken" in ids(result) and "a-nis-early" in ids(result)
    assert "the ledger has" in result.stderr and "error" in result.stderr


def test_show_gives_citations_and_relations_both_ways(invoke) -> None:
    result = invoke("show", "nis-troops", "-d", SPLIT)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "National Intelligence Service" in out and "reliability B" in out
    assert "North Korea has dispatched approximately 1,500 soldiers ... to Russia" in out
    assert "disputed by ←" in out and "nato-no-confirmation" in out
    assert "superseded by ←" in out and "range-value" in out
    other = invoke("show", "nato-no-confirmation", "-d", SPLIT)
    assert "disputes →" in other.stdout and "nis-troops" in other.stdout


def test_show_json(invoke) -> None:
    result = invoke("show", "nis-troops", "-d", SPLIT, "--format", "json")
    shown = json.loads(result.stdout)
    assert shown["sources"][0]["source_name"] == "National Intelligence Service"
    assert shown["sources"][0]["reliability"] == "B"
    assert {"relation": "disputes", "claim": "nato-no-confirmation"} in shown["incoming"]


def test_show_an_unknown_claim_suggests_one(invoke) -> None:
    result = invoke("show", "nis-trops", "-d", SPLIT)
    assert result.exit_code == 2, result.output
    assert "did you mean 'nis-troops'" in result.stderr


def test_sources_counts_claims_citing_each(invoke) -> None:
    result = invoke("sources", "-d", SPLIT, "--format", "json")
    assert result.exit_code == 0, result.output
    counts = {s["id"]: s["claims"] for s in json.loads(result.stdout)}
    assert counts == {"NATO": 0, "NATO-SG": 1, "NIS": 2, "UA-INTEL": 1, "norway-gov": 1}
    table = invoke("sources", "-d", SPLIT)
    assert "international-organization" in table.stdout and "5 sources" in table.stdout


def test_validate_text_report_and_exit_codes(invoke) -> None:
    bad = FIXTURES / "invalid" / "FL103-unknown-field"
    result = invoke("validate", "-d", str(bad))
    assert result.exit_code == 1, result.output
    first = result.stdout.splitlines()[0]
    # named relative to the current directory, however the data directory was given (issue 18)
    assert first.startswith(f"{shown(bad).as_posix()}/ledger.yaml:5:5: error FL103 unknown field 'contry'")
    assert result.stdout.splitlines()[-1].startswith("✗ 4 errors, 0 warnings")


def test_warnings_fail_only_with_strict(invoke) -> None:
    folder = str(FIXTURES / "invalid" / "FL115-numeric-text-value")
    assert invoke("validate", "-d", folder).exit_code == 0
    assert invoke("validate", "-d", folder, "--strict").exit_code == 1
    strict = json.loads(invoke("validate", "-d", folder, "--strict", "--format", "json").stdout)
    assert strict["ok"] is False


def test_validate_json_shape(invoke) -> None:
    result = invoke("validate", "-d", SPLIT, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report == {"ok": True, "counts": {"files": 2, "sources": 5, "documents": 1, "claims": 5, "assessments": 0, "reviews": 0,
                                                 "questions": 0, "scales": 0},
                      "diagnostics": []}


def test_github_annotations(invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = FIXTURES / "invalid" / "FL202-unknown-source"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = invoke("validate", "-d", str(folder))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (f"::error file={shown(folder).as_posix()}/ledger.yaml,line=5,col=14,"
                        "title=FL202 unknown-source::part_of 'ROK-GOV' is not a defined source")


def test_codes_explains_a_code(invoke) -> None:
    result = invoke("codes", "FL303")
    assert result.exit_code == 0 and "quote-not-found" in result.stdout
    assert invoke("codes", "quote-not-found").stdout == result.stdout
    assert invoke("codes", "FL999").exit_code == 2


def test_python_dash_m_entry_point() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "factledger", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("factledger ")


def test_github_annotations_and_file_names_never_carry_raw_escapes(invoke, write_ledger) -> None:
    data = write_ledger({"\x1b[31mevil\nname.yaml": 'claims:\n  - {id: c, statement: s, "\\e[2Jclear": 1}\n'})
    for fmt in ("github", "text"):
        result = invoke("validate", "-d", str(data), "--format", fmt)
        assert result.exit_code == 1, result.output
        assert "\x1b" not in result.stdout, (fmt, result.stdout)
        assert "\\x1b[2Jclear" in result.stdout
        located = [line for line in result.stdout.splitlines() if "FL103" in line]
        newline = "%0A" if fmt == "github" else "\\x0a"  # GitHub's own encoding of a newline
        assert len(located) == 1 and f"\\x1b[31mevil{newline}name.yaml" in located[0]


def test_a_broken_sources_file_still_lets_list_find_the_claims(invoke, write_ledger) -> None:
    data = write_ledger({"sources.yaml": "sources:\n  - id: NIS\n    name: [oops\n",
                         "claims.yaml": "claims:\n  - {id: c, statement: s, sources: [{source: NIS}]}\n"})
    result = invoke("list", "-d", str(data), "--source", "NIS", "--format", "json")
    assert result.exit_code == 1, result.output
    assert ids(result) == ["c"]
    missing = invoke("show", "nope", "-d", str(data))
    assert missing.exit_code == 1 and "in what loaded" in missing.stderr


def test_search_and_status_forgive_what_users_type(invoke, write_ledger) -> None:
    data = write_ledger({"l.yaml": SOURCES + """\
claims:
  - id: curly
    statement: North Korea’s troops — reportedly
    status: confirmed
    sources: [{source: NIS}]
"""})
    assert ids(invoke("list", "-d", str(data), "--search", "korea's troops - reportedly", "--format", "json")) == ["curly"]
    assert ids(invoke("list", "-d", str(data), "--status", "Confirmed", "--format", "json")) == ["curly"]


def test_date_option_errors_name_the_option(invoke, ledger: Path) -> None:
    result = invoke("list", "-d", str(ledger), "--until", "2024-02-30")
    assert result.exit_code == 2
    assert "'--until'" in result.output and "2024-02 has 29 days" in result.output


def test_ids_are_never_broken_across_lines_in_the_table(invoke) -> None:
    result = invoke("list", "-d", str(REPO_DATA), env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert "nis-munitions-supplied" in result.stdout


def test_a_limited_list_says_how_many_matched(invoke) -> None:
    limited = invoke("list", "--source", "NIS", "--limit", "2", "--data", str(REPO / "data"))
    assert limited.exit_code == 0, limited.output
    assert limited.stdout.rstrip().endswith("2 of 7 claims (--limit 2)")
    none = invoke("list", "--source", "NIS", "--limit", "0", "--data", str(REPO / "data"))
    assert none.stdout.strip() == "0 of 7 claims (--limit 0)", none.output
    whole = invoke("list", "--source", "NIS", "--data", str(REPO / "data"))
    assert whole.stdout.rstrip().endswith("\n7 claims")
