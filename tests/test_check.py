"""The cross-check engine and `factledger check`: one fixture per finding kind, near misses, the CLI."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from factledger.problems.catalogue import CATALOGUE
from factledger.pipeline import load_ledger
from factledger.check.engine import CheckOptions, cross_check

from support import FIXTURES, REPO
from generate_ledger import generated_ledger, one_long_question

CHECK = sorted(p for p in (FIXTURES / "check").iterdir() if p.is_dir())
CHECK_CODES = [c.code for c in CATALOGUE.values() if c.stage == "check"]


def findings(folder: Path, **options) -> list[str]:
    result = load_ledger(folder)
    assert result.errors == [], result.errors
    return sorted(f"{f.code} {' '.join(f.claims)}" for f in cross_check(result.ledger, CheckOptions(**options)).findings)


def expected(folder: Path) -> list[str]:
    return sorted(line for line in (folder / "expected.txt").read_text(encoding="utf-8").splitlines() if line.strip())


@pytest.mark.parametrize("folder", CHECK, ids=lambda p: p.name)
def test_fixture_gives_exactly_its_expected_findings(folder: Path) -> None:
    assert findings(folder) == expected(folder)


def test_every_finding_kind_has_a_fixture_that_produces_it() -> None:
    named = {p.name.split("-")[0]: p for p in CHECK if p.name.startswith("FL")}
    assert sorted(set(CHECK_CODES) - set(named)) == []
    for code, folder in named.items():
        assert any(row.startswith(code + " ") for row in expected(folder)), folder.name
        assert folder.name == f"{code}-{CATALOGUE[code].slug}"


@pytest.mark.parametrize("folder", [p for p in CHECK if p.name.startswith("ok-")], ids=lambda p: p.name)
def test_near_misses_never_conflict(folder: Path) -> None:
    assert [row for row in findings(folder) if row.startswith("FL501")] == []


def test_tolerance_decides_whether_approximate_values_agree(write_ledger) -> None:
    data = write_ledger({"l.yaml": """\
sources:
  - {id: A, name: A, kind: other}
  - {id: B, name: B, kind: other}
claims:
  - {id: about, statement: About 1500., subject: q, property: p, value: {approx: 1500}, date: 2024-10, sources: [{source: A}]}
  - {id: exact, statement: 1700., subject: q, property: p, value: 1700, date: 2024-10, sources: [{source: B}]}
"""})
    assert "FL501 about exact" in findings(data)  # 1500 ± 10% = [1350, 1650]
    wider = findings(data, tolerance=0.2)  # [1200, 1800]: consistent, so no conflict
    assert "FL501 about exact" not in wider
    assert "FL505 about exact" not in wider  # but 1,500 is not in 1,700's interval: no corroboration


def test_window_widens_what_is_contemporaneous() -> None:
    folder = FIXTURES / "check" / "ok-not-contemporaneous"  # 2024-09 vs 2024-11: 31 days apart
    assert not any(row.startswith("FL501") for row in findings(folder, window=15))
    assert "FL501 september november" in findings(folder, window=16)


def test_undated_claims_are_contemporaneous_with_everything(write_ledger) -> None:
    data = write_ledger({"l.yaml": """\
sources:
  - {id: A, name: A, kind: other}
  - {id: B, name: B, kind: other}
claims:
  - {id: dated, statement: x, subject: q, property: p, value: 1, date: 1990, sources: [{source: A}]}
  - {id: undated, statement: y, subject: q, property: p, value: 2, sources: [{source: B}]}
"""})
    assert "FL501 undated dated" in findings(data)  # pairs are ordered by time, unbounded first


def test_claims_in_other_questions_are_never_compared(write_ledger) -> None:
    data = write_ledger({"l.yaml": """\
sources:
  - {id: A, name: A, kind: other}
claims:
  - {id: one, statement: x, subject: q, property: p, value: 1, date: 2024, sources: [{source: A}]}
  - {id: two, statement: y, subject: q, property: other, value: 2, date: 2024, sources: [{source: A}]}
  - {id: three, statement: z, subject: r, property: p, value: 3, date: 2024, sources: [{source: A}]}
"""})
    assert all(not row.startswith("FL501") for row in findings(data))


def test_checking_100000_claims_compares_only_what_overlaps_within_questions() -> None:
    """Work is bounded by what overlaps in time within questions, not by the ledger: a count, no timing."""
    claims, questions = 100_000, 3_000
    ledger = generated_ledger(claims, questions)
    result = cross_check(ledger)
    # Count independently the pairs the sweep may compare: same question, overlapping months.
    months: dict[tuple[object, object], Counter[tuple[int, int]]] = {}
    for c in ledger.claims:
        assert c.date is not None and c.date.start is not None
        months.setdefault((c.subject, c.property), Counter())[(c.date.start.year, c.date.start.month or 0)] += 1
    overlapping = sum(n * (n - 1) // 2 for per_month in months.values() for n in per_month.values())
    within_questions = sum(k * (k - 1) // 2 for k in Counter((c.subject, c.property) for c in ledger.claims).values())
    lineage = max(len(c.citations) for c in ledger.claims) * 2  # a source and its organisation
    assert result.comparisons <= overlapping + claims * lineage
    assert result.comparisons < within_questions / 2  # far below comparing every pair of a question
    counts = result.counts()
    assert counts["conflict"] and counts["corroborated"] and counts["superseded"] and counts["known-dispute"]


def test_one_long_question_is_not_quadratic() -> None:
    """20,000 claims on one question, each on its own day: the sweep meets only neighbours in time."""
    claims = 20_000
    result = cross_check(one_long_question(claims))
    assert result.comparisons <= 3 * claims  # all pairs would be 200 million
    assert result.counts()["superseded"] > 0


# -- the command ---------------------------------------------------------------------------------

DATA = str(REPO / "data")


def test_check_on_the_project_ledger_exits_0(invoke) -> None:
    result = invoke("check", "--data", DATA)
    assert result.exit_code == 0, result.output
    assert "known-dispute" not in result.stdout and "conflict" not in result.stdout  # NATO disputes nothing
    assert "dependent-support" in result.stdout  # the NIS vouching for its own finding
    assert "uncorroborated: 28 (--all lists them)" in result.stdout


def test_check_json_shape(invoke) -> None:
    result = invoke("check", "--data", DATA, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["ok"] is True
    assert set(report["counts"]) == {c.slug for c in CATALOGUE.values() if c.stage == "check"}
    support = next(f for f in report["findings"] if f["kind"] == "dependent-support")
    assert set(support) >= {"code", "severity", "kind", "message", "claims", "sources", "subject", "property",
                            "qualifiers", "locations"}
    assert support["code"] == "FL513" and support["severity"] == "info"
    assert support["sources"] == ["NIS"]
    assert all(set(loc) == {"file", "line", "column"} for loc in support["locations"])
    assert not any(f["kind"] == "uncorroborated" for f in report["findings"])
    # counts count what is listed; what --all would add is counted apart, so the two always agree.
    assert sum(report["counts"].values()) == len(report["findings"])
    assert report["counts"]["uncorroborated"] == 0 and report["not_listed"]["uncorroborated"] > 0
    everything = json.loads(invoke("check", "--all", "--data", DATA, "--format", "json").stdout)
    assert sum(everything["counts"].values()) == len(everything["findings"]) and everything["not_listed"] == {}
    assert everything["counts"]["uncorroborated"] == report["not_listed"]["uncorroborated"]


@pytest.mark.parametrize("folder", CHECK, ids=lambda p: p.name)
def test_text_and_json_list_the_same_findings_in_the_same_order(invoke, folder: Path) -> None:
    for flags in ([], ["--all"]):
        text = invoke("check", "-d", str(folder), *flags).stdout
        listed = json.loads(invoke("check", "-d", str(folder), "--format", "json", *flags).stdout)["findings"]
        in_text = [line.split()[1] for line in text.splitlines() if line.startswith(("  error FL", "  warning FL", "  info FL"))]
        assert in_text == [f["code"] for f in listed], flags


def test_a_conflict_fails_and_explains_both_sides(invoke) -> None:
    result = invoke("check", "-d", str(FIXTURES / "check" / "FL501-conflict"))
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert "error FL501 conflict: the values do not overlap ([1,350, 1,650] vs [3,000, ∞)" in out
    assert "• nis-1500  NIS, 2024-10: ≈1,500 soldiers" in out
    assert "• ua-3000  UA-INTEL, 2024-10-15: ≥3,000 soldiers" in out
    assert "record it in an assessment (claims: [nis-1500, ua-3000], verdict: known-discrepancy)" in out
    assert "• spox-denied  MOD-SPOX, said 2024-10-02: denied" in out


def test_each_question_is_listed_once_under_its_heading_whatever_its_qualifiers(invoke, write_ledger) -> None:
    # Two regions' counts: the same subject and property, two questions. Their errors and their notes
    # must not interleave, which would head each question twice.
    data = write_ledger({"l.yaml": """\
sources:
  - {id: A, name: A, kind: other}
  - {id: B, name: B, kind: other}
claims:
  - {id: n1, statement: x, subject: q, property: p, qualifiers: {region: north}, value: 1, date: 2024, sources: [{source: A}]}
  - {id: n2, statement: x, subject: q, property: p, qualifiers: {region: north}, value: 2, date: 2024, sources: [{source: B}]}
  - {id: s1, statement: x, subject: q, property: p, qualifiers: {region: south}, value: 5, date: 2024, sources: [{source: A}]}
  - {id: s2, statement: x, subject: q, property: p, qualifiers: {region: south}, value: 6, date: 2024, sources: [{source: B}]}
"""})
    result = invoke("check", "--all", "-d", str(data))
    assert result.exit_code == 1, result.output
    headings = [line for line in result.stdout.splitlines() if line.startswith("q / p")]
    assert headings == ["q / p (region: north)", "q / p (region: south)"], result.stdout
    shown = invoke("check", "--all", "--format", "json", "-d", str(data))
    codes = [(f["claims"][0], f["code"]) for f in json.loads(shown.stdout)["findings"]]
    assert [c for c, _ in codes] == ["n1", "n1", "n2", "s1", "s1", "s2"], codes  # each question's together


def test_filters_choose_findings_not_comparisons(invoke) -> None:
    folder = str(FIXTURES / "check" / "FL501-conflict")
    strike = invoke("check", "-d", folder, "--subject", "strike", "--format", "json")
    assert strike.exit_code == 1
    assert [f["claims"] for f in json.loads(strike.stdout)["findings"]] == [["mod-confirmed", "spox-denied"]]
    by_org = invoke("check", "-d", folder, "--source", "mod", "--format", "json")  # MOD-SPOX is part_of MOD
    assert [f["claims"] for f in json.loads(by_org.stdout)["findings"]] == [["mod-confirmed", "spox-denied"]]
    other = invoke("check", "-d", folder, "--subject", "nothing-here")  # a typo in CI must not pass green
    assert other.exit_code == 2 and "no claim has subject 'nothing-here'" in other.output


def test_warnings_fail_only_with_strict(invoke) -> None:
    folder = str(FIXTURES / "check" / "FL508-mixed-units")
    assert invoke("check", "-d", folder).exit_code == 0
    assert invoke("check", "-d", folder, "--strict").exit_code == 1


def test_an_invalid_ledger_is_reported_not_checked(invoke) -> None:
    folder = str(FIXTURES / "invalid" / "FL202-unknown-source")
    result = invoke("check", "-d", folder)
    assert result.exit_code == 1, result.output
    assert "FL202" in result.stdout and "not cross-checked" in result.stderr
    as_json = json.loads(invoke("check", "-d", folder, "--format", "json").stdout)
    assert as_json["ok"] is False and as_json["findings"] == [] and as_json["diagnostics"]


def test_bad_options_are_usage_errors(invoke) -> None:
    assert invoke("check", "--data", DATA, "--tolerance", "1.5").exit_code == 2
    assert invoke("check", "--data", DATA, "--window", "-1").exit_code == 2
    unknown = invoke("check", "--data", DATA, "--source", "NIZ")
    assert unknown.exit_code == 2 and "did you mean 'NIS'" in unknown.stderr


def test_show_gains_the_claims_findings(invoke) -> None:
    folder = str(FIXTURES / "check" / "FL505-corroborated")
    result = invoke("show", "ua-1600", "-d", folder)
    assert result.exit_code == 0, result.output
    assert "independent origins  2" in result.stdout  # UA-INTEL; NIS with its director
    assert re.search(r"info corroborated +ua-1600 is corroborated by director-1500, nis-1500, from independent\s+origins",
                     result.stdout), result.stdout
    shown = json.loads(invoke("show", "ua-1600", "-d", folder, "--format", "json").stdout)
    assert shown["independent_origins"] == 2
    assert sorted(f["kind"] for f in shown["findings"]) == ["corroborated"] * 3  # its own, and naming it in two
    conflict = json.loads(invoke("show", "nis-1500", "-d", str(FIXTURES / "check" / "FL501-conflict"),
                                 "--format", "json").stdout)
    assert [f["claims"] for f in conflict["findings"] if f["kind"] == "conflict"] == [["nis-1500", "ua-3000"]]


def test_a_question_filter_keeps_disputes_that_cross_into_it(invoke) -> None:
    folder = str(FIXTURES / "check" / "FL502-known-dispute")
    for prop in ("troops", "participation-confirmed"):  # the cross-question dispute shows under both
        result = invoke("check", "--data", folder, "--subject", "north-korea", "--property", prop, "--format", "json")
        disputes = [f["claims"] for f in json.loads(result.stdout)["findings"] if f["kind"] == "known-dispute"]
        assert ["mod-other-question", "nis-1500"] in disputes, prop


def test_a_mistyped_subject_is_pointed_out(invoke) -> None:
    result = invoke("check", "--data", DATA, "--subject", "north-kora")
    assert result.exit_code == 2, result.output  # a usage error: a CI job with the typo must not pass green
    assert "no claim has subject 'north-kora' (did you mean 'north-korea'?)" in result.output
    broken = invoke("list", "--data", str(FIXTURES / "invalid" / "FL202-unknown-source"), "--subject", "nowhere")
    assert broken.exit_code == 1 and "may be in a file that could not be read" in broken.stderr  # only a notice


def test_validation_warnings_are_mentioned_and_fail_with_strict(invoke, tmp_path: Path) -> None:
    folder = str(FIXTURES / "invalid" / "FL115-numeric-text-value")
    result = invoke("check", "-d", folder)
    assert result.exit_code == 0 and "1 validation warning" in result.stderr
    assert invoke("check", "-d", folder, "--strict").exit_code == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    assert invoke("check", "-d", str(empty)).exit_code == 1  # a CI job pointed at the wrong folder fails


@pytest.mark.parametrize("folder", CHECK, ids=lambda p: p.name)
def test_no_assessment_is_both_acknowledging_and_stale(folder: Path) -> None:
    """Every stage that acknowledges returns the assessments it used, and staleness is judged after all
    of them: an assessment named by an acknowledged finding is never also stale in the same run."""
    ledger = load_ledger(folder).ledger
    result = cross_check(ledger)
    named = re.compile(r"assessment '([^']+)'")
    acknowledging = {m for f in result.findings if f.code == "FL516" for m in named.findall(f.message)}
    stale = {m for f in result.findings if f.code == "FL517" for m in named.findall(f.message)}
    assert acknowledging & stale == set()
