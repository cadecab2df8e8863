"""Reviews and relays in every view, machine formats that carry every field, input that would shrink or
break, filters that combine, annotations that matter (issue 19, items 6 to 9). Each docstring is the
sentence the view implies; each test also holds the near miss where the view must not say it."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

from support import FIXTURES

CHECK = FIXTURES / "check"

RELAYED = """\
sources:
  - {id: POLICE, name: City police, kind: government}
  - {id: WIRE, name: A wire agency, kind: media}
  - {id: WIRE-DESK, name: The wire's foreign desk, kind: media, part_of: WIRE}
  - {id: CHECKER, name: A fact-checker, kind: media}
claims:
  - {id: relayed, statement: The police counted 12000., subject: rally, property: attendance, value: 12000,
     date: 2026-05-01, sources: [{source: POLICE, via: [WIRE-DESK]}]}
  - {id: direct, statement: The police counted 500 arrests., subject: rally, property: arrests, value: 500,
     date: 2026-05-01, sources: [{source: POLICE}]}
  - {id: wire-own, statement: The wire counted 10000., subject: rally, property: attendance, value: 10000,
     date: 2026-05-01, sources: [{source: WIRE}]}
reviews:
  - {id: r1, claim: direct, by: CHECKER, verdict: denied, rating: {label: "False"}, url: "https://checker.example/r1"}
"""


# -- 6. reviews and relays in every view -------------------------------------------------------------

def test_via_finds_what_a_source_relayed_and_source_what_it_originated(invoke, write_ledger) -> None:
    """"The wire relayed the police's 12,000": --via WIRE finds it (its desk is part of the wire); --source WIRE
    finds only what the wire itself said."""
    data = write_ledger({"l.yaml": RELAYED})
    via = json.loads(invoke("list", "--data", str(data), "--via", "WIRE", "--format", "json").stdout)
    assert [c["id"] for c in via] == ["relayed"]
    source = json.loads(invoke("list", "--data", str(data), "--source", "WIRE", "--format", "json").stdout)
    assert [c["id"] for c in source] == ["wire-own"]
    for command in (["stats"], ["timeline"], ["questions"], ["export", "json"], ["check"]):
        assert invoke(*command, "--data", str(data), "--via", "WIRE").exit_code in (0, 1), command
    typo = invoke("list", "--data", str(data), "--via", "WIRE-DSK")
    assert typo.exit_code == 2 and "WIRE-DESK" in typo.output


def test_sources_counts_claims_cited_and_relayed_apart(invoke, write_ledger) -> None:
    """"The wire's desk relayed one claim and originated none"; the police originated two and relayed none."""
    data = write_ledger({"l.yaml": RELAYED})
    rows = {s["id"]: (s["claims"], s["relayed"]) for s in
            json.loads(invoke("sources", "--data", str(data), "--format", "json").stdout)}
    assert rows["WIRE-DESK"] == (0, 1) and rows["POLICE"] == (2, 0) and rows["WIRE"] == (1, 0)
    text = invoke("sources", "--data", str(data), env={"COLUMNS": "120"}).stdout
    assert "relayed" in text.splitlines()[0]


def test_reviewed_claims_carry_their_verdicts_in_every_view(invoke, write_ledger) -> None:
    """"A fact-checker rated the 500 arrests false": list, questions and the markdown export say so; an
    unreviewed claim shows no review."""
    data = write_ledger({"l.yaml": RELAYED})
    listed = {c["id"]: c for c in json.loads(invoke("list", "--data", str(data), "--format", "json").stdout)}
    assert [r["verdict"] for r in listed["direct"]["reviews"]] == ["denied"] and listed["relayed"]["reviews"] == []
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(invoke("list", "--data", str(data), "--format",
                                                                  "csv").stdout))}
    assert rows["direct"]["reviews"] == "denied by CHECKER ('False')" and rows["relayed"]["reviews"] == ""
    text = invoke("list", "--data", str(data), env={"COLUMNS": "200"}).stdout
    assert "reported; reviewed: denied by CHECKER" in text
    questions = json.loads(invoke("questions", "--data", str(data), "--format", "json").stdout)["questions"]
    arrests = next(q for q in questions if q["property"] == "arrests")
    assert arrests["reviews"] == {"direct": ["denied by CHECKER ('False')"]}
    markdown = invoke("export", "markdown", "--data", str(data)).stdout
    assert "reported; reviewed: denied by [CHECKER](https://checker.example/r1)" in markdown
    assert "## Reviews" in markdown and "- `direct`: **CHECKER**, verdict denied, rated “False”" in markdown


def test_a_ledgers_own_rating_scale_gives_verdicts_on_import(invoke, tmp_path: Path) -> None:
    """"Onwaar" is denied on the team's own scale; without it the label is on no known scale: no verdict."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "l.yaml").write_text("""\
sources: [{id: NIEUWSCHECK, name: Nieuwscheckers, kind: media}]
scales:
  - {id: nl-checkers, language: nl, labels: {Onwaar: denied, Half waar: disputed, Klopt: confirmed},
     publishers: [NIEUWSCHECK]}
""", encoding="utf-8")
    review = [{"@type": "ClaimReview", "claimReviewed": "Er zijn 300 doden.", "url": "https://check.example/1",
               "author": {"@type": "Organization", "name": "Nieuwscheckers"},
               "itemReviewed": {"@type": "Claim", "author": {"name": "Een politicus"}},
               "reviewRating": {"alternateName": "Onwaar"}}]
    source = tmp_path / "r.json"
    source.write_text(json.dumps(review), encoding="utf-8")
    with_scale = invoke("import", "claimreview", str(source), "--data", str(data))
    assert with_scale.exit_code == 0, with_scale.output
    assert "verdict: denied" in with_scale.stdout and "scale: nl-checkers" in with_scale.stdout
    without = invoke("import", "claimreview", str(source))
    assert "verdict: reported" in without.stdout


def test_a_rating_scale_is_validated_like_every_entry(invoke, write_ledger) -> None:
    """"Klopt: yes" is no verdict, and a scale's publisher must be a source."""
    data = write_ledger({"l.yaml": "sources: [{id: S, name: S, kind: media}]\n"
                                   "scales: [{id: nl, labels: {Klopt: yes, Onwaar: denied}, publishers: [NOPE]}]\n"})
    found = json.loads(invoke("validate", "--data", str(data), "--format", "json").stdout)["diagnostics"]
    assert sorted(d["code"] for d in found) == ["FL106", "FL202"]


# -- 7. machine formats carry every field -------------------------------------------------------------

def test_json_lines_carry_status_on_every_line_so_duckdb_finds_reported_claims(invoke, write_ledger) -> None:
    """"Every claim here is reported": DuckDB's `where status = 'reported'` returns them all, even when no claim
    has another status (the column exists on every line)."""
    import duckdb

    data = write_ledger({"l.yaml": RELAYED})
    lines = invoke("export", "jsonl", "--data", str(data)).stdout.splitlines()
    assert all(json.loads(line)["status"] == "reported" for line in lines)
    assert all({"notes", "tags", "qualifiers", "value_text"} <= set(json.loads(line)) for line in lines)
    target = data.parent / "ledger.jsonl"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = duckdb.sql(f"select count(*) from read_json_auto('{target}') where status = 'reported'").fetchone()
    assert found == (3,)
    exported = json.loads(invoke("export", "json", "--data", str(data)).stdout)
    assert all(c["status"] == "reported" and "notes" in c for c in exported["claims"])


def test_csv_json_lines_and_sqlite_name_a_column_alike(invoke, write_ledger, tmp_path: Path) -> None:
    """"value_unit" is the unit's column in all three (CSV said "unit"); every column two of them share holds
    the same value."""
    data = write_ledger({"l.yaml": RELAYED.replace("value: 12000,", "value: {approx: 12000, unit: people},")})
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(invoke("export", "csv", "--data", str(data)).stdout))}
    lines = {(d := json.loads(line))["id"]: d for line in invoke("export", "jsonl", "--data", str(data)).stdout.splitlines()
             if line}
    database = tmp_path / "l.db"
    assert invoke("export", "sqlite", "--data", str(data), "-o", str(database)).exit_code == 0
    with sqlite3.connect(database) as db:
        db.row_factory = sqlite3.Row
        table = {r["id"]: dict(r) for r in db.execute("select * from claims")}
    assert "unit" not in next(iter(rows.values()))
    shared = {"value_kind", "value_number", "value_low", "value_high", "value_unit", "value_text", "date_from",
              "date_to", "status"}
    assert shared <= set(next(iter(rows.values()))) and shared <= set(lines["relayed"]) and \
        shared <= set(table["relayed"])
    for column in shared:
        for claim in rows:
            values = {str(x) if x is not None else "" for x in (lines[claim][column], table[claim][column])}
            assert values == {rows[claim][column].removesuffix(".0")} or \
                {v.removesuffix(".0") for v in values} == {rows[claim][column]}, (column, claim)


# -- 8. input that would shrink or break says so ----------------------------------------------------------

def test_a_filter_given_twice_combines(invoke) -> None:
    """"Claims about the rally's attendance or its casualties": --property given twice matches either, never only
    the last; the same for --subject and --search, and for check's findings."""
    crowd = str(CHECK / "crowd-count")

    def ids(*args: str) -> set[str]:
        return {c["id"] for c in json.loads(invoke("list", "--data", crowd, "--format", "json", *args).stdout)}

    assert ids("--property", "attendance", "--property", "casualties") == \
        ids("--property", "attendance") | ids("--property", "casualties")
    assert ids("--property", "casualties") < ids("--property", "attendance", "--property", "casualties")
    assert ids("--search", "wire", "--search", "hospitals") == {"wire-relay", "treated"}
    findings = json.loads(invoke("check", "--all", "--data", crowd, "--format", "json", "--property", "attendance",
                                 "--property", "casualties").stdout)["findings"]
    assert {f["property"] for f in findings} == {"attendance", "casualties"}


def test_exports_never_drop_a_link_without_a_word(invoke) -> None:
    """"Every address in the ledger is a link in the export": the ledger can only hold absolute http(s) ones."""
    markdown = invoke("export", "markdown", "--data", str(FIXTURES / "export")).stdout
    ledger = (FIXTURES / "export" / "ledger.yaml").read_text(encoding="utf-8")
    assert markdown.count("](https://example.org/report") >= 1 and "](https://example.org/hur/statement)" in markdown
    assert "url:" in ledger


# -- 9. annotations that matter -------------------------------------------------------------------------

def test_annotations_carry_errors_and_warnings_and_info_only_with_all(invoke, tmp_path: Path, monkeypatch) -> None:
    """"A passing check posts nothing on unchanged lines": no ::notice without --all (or all = true in the
    configuration); SARIF the same."""
    folder = str((CHECK / "revision-by-origin").resolve())  # supersessions and uncorroborated claims only: all info
    plain = invoke("check", "--data", folder, "--format", "github")
    assert plain.exit_code == 0 and plain.stdout == ""
    everything = invoke("check", "--data", folder, "--format", "github", "--all")
    assert everything.stdout.count("::notice ") >= 5
    sarif = json.loads(invoke("check", "--data", folder, "--format", "sarif").stdout)
    assert sarif["runs"][0]["results"] == []
    (tmp_path / "factledger.toml").write_text("all = true\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    configured = invoke("check", "--data", folder, "--format", "github")
    assert configured.stdout.count("::notice ") >= 5
    (tmp_path / "factledger.toml").unlink()
    conflict = invoke("check", "--data", str((CHECK / "FL501-conflict").resolve()), "--format", "github")
    assert "::error " in conflict.stdout and "::notice " not in conflict.stdout
