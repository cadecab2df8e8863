"""Judgement an analyst can trust: the two levels of agreement, hedged numbers written as text, and the
question view (`factledger questions`, and the camps that `check`, `show` and the markdown export share).

Each check finding's own fixture is under fixtures/check/ (found by test_fixtures); this module holds
what a fixture's expected findings cannot say: the mapping of every hedged spelling, the round trip of
factledger's own display style, and the analyst's reading of the crowd-count ledger."""

from __future__ import annotations

import json
import re
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factledger.check.compare import anchor, corroborates, interval
from factledger.model.entries import Value
from factledger.model.numbers import parse_quantity, quantity_text
from support import FIXTURES

CROWD = FIXTURES / "check" / "crowd-count"
GOLDEN = Path(__file__).parent / "golden"


# -- the two levels of agreement ---------------------------------------------------------------------

def _corroborate(a: Value, b: Value, tolerance: float = 0.1) -> bool:
    return corroborates(interval(a, tolerance), anchor(a), interval(b, tolerance), anchor(b))


@pytest.mark.parametrize("a, b, expected", [
    (Value("approx", number=3000), Value("at_least", number=3000), True),
    (Value("exact", number=1500), Value("approx", number=1500), True),
    (Value("more_than", number=100000), Value("at_least", number=20000), False),
    (Value("at_least", number=12000), Value("at_least", number=20000), False),
    (Value("more_than", number=5), Value("more_than", number=5), True),  # a threshold lies in its own bound
    (Value("range", low=35000, high=45000), Value("approx", number=40000), True),  # the range's midpoint
    (Value("range", low=35000, high=45000), Value("at_least", number=20000), False),
    (Value("exact", number=5), Value("more_than", number=5), False),  # not even consistent: a conflict
])
def test_the_contracts_examples_of_corroboration(a: Value, b: Value, expected: bool) -> None:
    assert _corroborate(a, b) is expected and _corroborate(b, a) is expected


kinds = st.sampled_from(["exact", "approx", "at_least", "at_most", "more_than", "less_than"])
figures = st.integers(min_value=-10**9, max_value=10**9)


@given(kinds, figures, kinds, figures, st.floats(min_value=0, max_value=0.5))
def test_corroboration_is_symmetric_and_implies_consistency(k1: str, n1: int, k2: str, n2: int, t: float) -> None:
    a, b = Value(k1, number=n1), Value(k2, number=n2)
    assert _corroborate(a, b, t) == _corroborate(b, a, t)
    if _corroborate(a, b, t):
        assert interval(a, t).intersects(interval(b, t))


@given(kinds, figures, st.floats(min_value=0, max_value=0.5))
def test_every_value_corroborates_itself(kind: str, n: int, t: float) -> None:
    assert _corroborate(Value(kind, number=n), Value(kind, number=n), t)


# -- hedged numbers written as text ------------------------------------------------------------------

@pytest.mark.parametrize("written, fields", [
    ("1500", {"exact": 1500}),
    ("1,500", {"exact": 1500}),
    ("~1500", {"approx": 1500}),
    ("≈1,500", {"approx": 1500}),
    ("about 1,500", {"approx": 1500}),
    ("approximately 12000", {"approx": 12000}),
    ("around 3000", {"approx": 3000}),
    ("nearly 300", {"approx": 300}),
    (">3000", {"more_than": 3000}),
    ("more than 3000", {"more_than": 3000}),
    ("over 100,000", {"more_than": 100000}),
    ("at least 20,000", {"at_least": 20000}),
    ("≥ 20000", {"at_least": 20000}),
    ("12,000+", {"at_least": 12000}),
    ("up to 12,000", {"at_most": 12000}),
    ("at most 12000", {"at_most": 12000}),
    ("fewer than 50", {"less_than": 50}),
    ("10,000-12,000", {"low": 10000, "high": 12000}),
    ("10,000–12,000", {"low": 10000, "high": 12000}),
    ("between 10,000 and 12,000", {"low": 10000, "high": 12000}),
    ("25k", {"exact": 25000}),
    ("1.2 million", {"exact": 1200000}),
    ("1.1 million", {"exact": 1100000}),  # not 1100000.0000000002
    ("about 1,500 soldiers", {"approx": 1500, "unit": "soldiers"}),
    ("  about   1500 ", {"approx": 1500}),
    ("between 1,000 and 500", {"low": 500, "high": 1000}),  # a range written backwards is still the range
])
def test_each_way_of_writing_a_number_has_one_reading(written: str, fields: dict) -> None:
    parsed = parse_quantity(written)
    assert parsed is not None and parsed[1] == fields


@pytest.mark.parametrize("written", ["F-16", "COVID-19", "act of desperation", "12,000 killed: or more", "1,50",
                                     "some people", "over", "5%", ""])
def test_text_that_is_not_a_number_is_left_alone(written: str) -> None:
    assert parse_quantity(written) is None


def test_the_suggestion_is_the_mapping_to_write() -> None:
    assert quantity_text(parse_quantity("~12000")[1]) == "{approx: 12000}"  # type: ignore[index]
    assert quantity_text(parse_quantity("between 10 and 12 people")[1]) == "{low: 10, high: 12, unit: people}"  # type: ignore[index]


units = st.sampled_from([None, "people", "soldiers", "killed-or-wounded"])


@given(kinds, st.integers(min_value=-10**12, max_value=10**12), units)
def test_factledgers_own_display_style_reads_back_as_the_same_value(kind: str, n: int, unit: str | None) -> None:
    value = Value(kind, number=n, unit=unit)
    parsed = parse_quantity(str(value))
    assert parsed is not None, str(value)
    assert parsed[1] == {kind: n, **({"unit": unit} if unit else {})}


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=10**9))
def test_a_displayed_range_reads_back_as_the_same_range(a: int, b: int) -> None:
    low, high = min(a, b), max(a, b)
    parsed = parse_quantity(str(Value("range", low=low, high=high)))
    assert parsed is not None and parsed[1] == {"low": low, "high": high}


def test_validate_reports_the_hedged_text_where_it_is_written(invoke) -> None:
    result = invoke("validate", "--data", str(FIXTURES / "invalid" / "FL121-hedged-number-text"))
    assert result.exit_code == 0, result.output  # a warning
    assert 'ledger.yaml:6:12: warning FL121' in result.stdout
    assert 'write {approx: 12000} for "~12000"' in result.stdout
    assert 'write {low: 10000, high: 12000} for "between 10,000 and 12,000"' in result.stdout
    # "1.500" is 1.5 here and 1500 where a dot separates thousands: the message gives both readings.
    assert 'write {approx: 1.5} for "around 1.500" (or {approx: 1500}, if the dot separates thousands)' in result.stdout
    strict = invoke("validate", "--strict", "--data", str(FIXTURES / "invalid" / "FL121-hedged-number-text"))
    assert strict.exit_code == 1, strict.output


# -- the question view on the disputed crowd count ------------------------------------------------------

def test_questions_reads_the_crowd_count_as_an_analyst_would(invoke) -> None:
    result = invoke("questions", "--data", str(CROWD), "--format", "json")
    assert result.exit_code == 1, result.output  # the police's standing 18,000 conflicts with three others
    report = json.loads(result.stdout)
    assert report["ok"] is False
    attendance = next(q for q in report["questions"] if q["property"] == "attendance")
    assert attendance["qualifiers"] == {}
    assert attendance["claims"] == ["lab", "newspaper", "organisers", "police-day", "police-revised", "wire-relay"]
    # The police's first figure, and the wire's relay of it, no longer stand: the police revised them.
    assert attendance["positions"] == ["lab", "newspaper", "organisers", "police-revised"]
    assert attendance["superseded"] == [{"claim": "police-day", "by": "police-revised"},
                                        {"claim": "wire-relay", "by": "police-revised"}]
    camps = [(c["claims"], c["sources"], c["low"], c["high"]) for c in attendance["camps"]]
    assert camps == [(["police-revised"], ["CITY-POLICE"], 16200, 19800),
                     (["lab", "newspaper"], ["CROWD-LAB", "DAILY-NEWS"], 35000, 45000),
                     (["newspaper", "organisers"], ["DAILY-NEWS", "ORGANISERS"], 100000, None)]
    # "At least 20,000" stands with both the lab and the organisers, and supports neither's figure.
    assert attendance["consistent_only"] == [["lab", "newspaper"], ["newspaper", "organisers"]]
    kinds = sorted((f["kind"], tuple(f["claims"])) for f in attendance["findings"] if f["kind"] != "uncorroborated")
    assert [k for k in kinds if k[0] in ("conflict", "acknowledged")] == [
        ("acknowledged", ("lab", "organisers")),
        ("conflict", ("lab", "police-revised")),
        ("conflict", ("newspaper", "police-revised")),
        ("conflict", ("organisers", "police-revised")),
    ]
    # Nothing the withdrawn 12,000 disagrees with is a conflict; nothing corroborates anything here.
    assert all("police-day" not in f["claims"] and "wire-relay" not in f["claims"]
               for f in attendance["findings"] if f["kind"] == "conflict")
    assert not [f for f in attendance["findings"] if f["kind"] == "corroborated"]
    measures = [q["qualifiers"] for q in report["questions"] if q["property"] == "casualties"]
    assert measures == [{"measure": "injured"}, {"measure": "treated-in-hospital"}]  # two questions, never compared


def test_questions_text_matches_its_golden_file(invoke) -> None:
    result = invoke("questions", "--data", "tests/fixtures/check/crowd-count", env={"COLUMNS": "80"})
    assert result.exit_code == 1, result.output
    golden = GOLDEN / "crowd-count-questions.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8"), "UPDATE_GOLDEN=1 pytest to accept changes"


def test_check_opens_each_disputed_question_with_its_camps(invoke) -> None:
    result = invoke("check", "--data", str(CROWD))
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    opening = lines.index("may-day-rally / attendance")
    assert lines[opening + 1].strip().startswith("3 camps: CITY-POLICE ≈18,000 people | CROWD-LAB 35,000–45,000")
    assert "acknowledged by assessment 'organisers-versus-lab' (known-discrepancy" in result.stdout
    assert "historical-conflict" in result.stdout


def test_show_names_the_claims_camp_and_what_it_is_only_consistent_with(invoke) -> None:
    result = invoke("show", "newspaper", "--data", str(CROWD), "--format", "json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["camp"].startswith("in camps 2 and 3 of 3")
    assert shown["consistent_with"] == ["lab", "organisers"] and shown["consistent_with_count"] == 2
    assert shown["independent_origins"] == 1
    withdrawn = json.loads(invoke("show", "police-day", "--data", str(CROWD), "--format", "json").stdout)
    assert withdrawn["camp"] == "not a current position: superseded by police-revised"
    text = invoke("show", "newspaper", "--data", str(CROWD), env={"COLUMNS": "200"}).stdout
    assert re.search(r"consistent with +lab, organisers \(no contradiction, no corroboration\)", text), text


def test_questions_takes_the_list_filters(invoke) -> None:
    only = invoke("questions", "--data", str(CROWD), "--property", "casualties", "--format", "json")
    assert only.exit_code == 0, only.output  # the filters choose what is shown, and so the exit code
    assert [q["property"] for q in json.loads(only.stdout)["questions"]] == ["casualties", "casualties"]
    by_source = invoke("questions", "--data", str(CROWD), "--source", "CROWD-LAB", "--format", "json")
    assert [q["property"] for q in json.loads(by_source.stdout)["questions"]] == ["attendance"]
    typo = invoke("questions", "--data", str(CROWD), "--source", "CROWD-LAP")
    assert typo.exit_code == 2, typo.output
    assert "CROWD-LAB" in typo.output


def test_questions_on_a_broken_ledger_says_so(invoke) -> None:
    result = invoke("questions", "--data", str(FIXTURES / "invalid" / "FL204-unknown-claim"))
    assert result.exit_code == 1, result.output
    assert "does not validate" in result.output


def test_github_annotations_show_acknowledged_conflicts_as_notices(invoke) -> None:
    result = invoke("check", "--all", "--format", "github", "--data", str(FIXTURES / "check" / "FL516-acknowledged"))
    assert result.exit_code == 0, result.output
    acknowledged = [line for line in result.stdout.splitlines() if "acknowledged" in line]
    assert acknowledged and all(line.startswith("::notice ") for line in acknowledged)
    assert not any(line.startswith("::error ") for line in result.stdout.splitlines())


# -- the question view's statements, each against a ledger where a careless reading would make it false ----

_SOURCES = """sources:
  - {id: A, name: Source A, kind: media}
  - {id: B, name: Source B, kind: media}
  - {id: GOV, name: A government, kind: government}
  - {id: GOV-MOD, name: Its ministry, kind: government, part_of: GOV}
  - {id: GOV-INTEL, name: Its intelligence service, kind: intelligence, part_of: GOV}
claims:
"""


def _questions(invoke, write_ledger, claims: str) -> dict:
    result = invoke("questions", "--format", "json", "--data", str(write_ledger({"l.yaml": _SOURCES + claims})))
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["questions"][0]


def test_claims_that_nothing_orders_are_both_positions(invoke, write_ledger) -> None:
    q = _questions(invoke, write_ledger, """
  - {id: a-40, statement: 40., subject: s, property: p, value: 40, date: 2025-01-01, sources: [{source: A}]}
  - {id: a-65, statement: 65., subject: s, property: p, value: 65, date: 2025-01-01, sources: [{source: A}]}
""")
    assert q["positions"] == ["a-40", "a-65"]  # neither is "later": the same day, said when unknown
    assert [f["kind"] for f in q["findings"] if f["kind"] == "conflict"] == ["conflict"]


def test_two_offices_in_conflict_both_stand(invoke, write_ledger) -> None:
    q = _questions(invoke, write_ledger, """
  - {id: intel, statement: 11000., subject: s, property: p, value: 11000, date: 2024-11, sources: [{source: GOV-INTEL, date: 2024-11-05}]}
  - {id: ministry, statement: 12000., subject: s, property: p, value: 12000, date: 2024-11, sources: [{source: GOV-MOD, date: 2024-11-10}]}
""")
    assert q["positions"] == ["intel", "ministry"]
    assert len(q["camps"]) == 2


def test_the_history_line_names_only_withdrawn_claims(invoke, write_ledger) -> None:
    data = write_ledger({"l.yaml": _SOURCES + """
  - {id: a-day, statement: 3., subject: s, property: p, value: 3, date: 2025-02-10, sources: [{source: A, date: 2025-02-10}]}
  - {id: a-later, statement: 14., subject: s, property: p, value: 14, date: 2025-02-10, sources: [{source: A, date: 2025-02-12}]}
  - {id: b-dated, statement: 7., subject: s, property: p, value: 7, date: 2025-02-10, sources: [{source: B}]}
  - {id: b-undated, statement: 14 too., subject: s, property: p, value: 14, sources: [{source: B}]}
"""})
    out = invoke("questions", "--data", str(data)).stdout
    history = next(line for line in out.splitlines() if "history:" in line)
    assert "(a-day)" in history and "b-undated" not in history  # b-undated was never withdrawn
    assert "error conflict: b-dated and b-undated" in out or "error conflict: b-undated and b-dated" in out


def test_a_finding_across_questions_is_shown_in_each(invoke, write_ledger) -> None:
    data = write_ledger({"l.yaml": _SOURCES + """
  - {id: plain, statement: 300., subject: s, property: p, value: 300, date: 2025-01, sources: [{source: A}]}
  - {id: measured, statement: 1200., subject: s, property: p, qualifiers: {measure: killed-or-wounded}, value: 1200, date: 2025-01, sources: [{source: B}]}
"""})
    report = json.loads(invoke("questions", "--format", "json", "--data", str(data)).stdout)
    assert [any(f["kind"] == "uneven-qualifiers" for f in q["findings"]) for q in report["questions"]] == [True, True]


def test_an_error_that_fails_the_view_is_shown_in_it(invoke, write_ledger) -> None:
    data = write_ledger({"l.yaml": _SOURCES + """
  - {id: a1, statement: 10., subject: s, property: p, value: 10, date: 2025-01, supersedes: [a2], sources: [{source: A}]}
  - {id: a2, statement: 12., subject: s, property: p, value: 12, date: 2025-01, supersedes: [a1], sources: [{source: A}]}
"""})
    result = invoke("questions", "--data", str(data))
    assert result.exit_code == 1, result.output
    assert "error supersession-cycle" in result.stdout


def test_camps_in_different_units_are_listed_apart(invoke, write_ledger) -> None:
    q = _questions(invoke, write_ledger, """
  - {id: households, statement: x., subject: s, property: p, value: {approx: 120000, unit: households}, date: 2025-01, sources: [{source: A}]}
  - {id: people, statement: y., subject: s, property: p, value: {approx: 600000, unit: people}, date: 2025-01, sources: [{source: B}]}
""")
    assert q["summary"] == "1 camp in households: A ≈120,000 households; 1 camp in people: B ≈600,000 people"
    assert q["spread"] is None  # never a spread across units


def test_values_that_meet_only_by_float_rounding_share_a_camp(invoke, write_ledger) -> None:
    q = _questions(invoke, write_ledger, """
  - {id: a, statement: x., subject: s, property: p, value: {approx: 1.2}, date: 2025-01, sources: [{source: A}]}
  - {id: b, statement: y., subject: s, property: p, value: 1.32, date: 2025-01, sources: [{source: B}]}
""")
    assert len(q["camps"]) == 1  # 1.2 ± 10% reaches 1.32, as check says (no conflict)
    assert not [f for f in q["findings"] if f["kind"] == "conflict"]


def test_positions_of_different_times_are_dated(invoke, write_ledger) -> None:
    q = _questions(invoke, write_ledger, """
  - {id: jan, statement: x., subject: s, property: p, value: 20, date: 2025-01, sources: [{source: A}]}
  - {id: feb, statement: y., subject: s, property: p, value: 35, date: 2025-02, sources: [{source: B}]}
""")
    assert q["summary"] == "2 camps: A 20 (2025-01) | B 35 (2025-02)"
