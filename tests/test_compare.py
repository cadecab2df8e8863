"""Interval and time arithmetic, and dependence between sources."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from factledger.check.compare import INF, Interval, Span, agree, claim_span, contemporaneous, interval, meets, restates
from factledger.problems.diagnostics import Location
from factledger.model.entries import Citation, Claim, DateSpan, Ledger, PartialDate, Ref, Source, Value
from factledger.check.origins import Dependence

HERE = Location("t.yaml", 1, 1)
numbers = st.integers(min_value=-10**9, max_value=10**9)
kinds = st.sampled_from(["exact", "approx", "at_least", "at_most", "more_than", "less_than"])


def quantity(kind: str, n: int) -> Value:
    return Value(kind, number=n)


@pytest.mark.parametrize("kind, n, inside, outside", [
    ("exact", 5, [5], [4.999, 5.001]),
    ("approx", 1500, [1350, 1500, 1650], [1349.9, 1650.1]),
    ("at_least", 10, [10, 1e12], [9.99]),
    ("more_than", 10, [10.001, 1e12], [10]),
    ("at_most", 10, [10, -1e12], [10.01]),
    ("less_than", 10, [9.999, -1e12], [10]),
])
def test_each_hedge_covers_what_it_says(kind: str, n: int, inside: list[float], outside: list[float]) -> None:
    span = interval(quantity(kind, n), tolerance=0.1)
    for x in inside:
        assert span.intersects(Interval(x, x)), (kind, x)
    for x in outside:
        assert not span.intersects(Interval(x, x)), (kind, x)


def test_open_ends_touching_do_not_agree_but_closed_ends_do() -> None:
    assert not agree(Value("more_than", number=10), Value("at_most", number=10), 0.1)
    assert agree(Value("at_least", number=10), Value("at_most", number=10), 0.1)
    assert not agree(Value("less_than", number=10), Value("exact", number=10), 0.1)
    assert agree(Value("range", low=1, high=10), Value("exact", number=10), 0.1)
    assert agree(Value("more_than", number=10), Value("more_than", number=1000), 0.1)  # both reach infinity
    assert not agree(Value("less_than", number=0), Value("more_than", number=0), 0.1)


def test_large_numbers_one_apart_are_apart() -> None:
    assert not agree(Value("exact", number=-999_999_999), Value("exact", number=-1_000_000_000), 0.1)
    assert not agree(Value("exact", number=10**15), Value("exact", number=10**15 + 1), 0.1)


def test_tolerance_widens_approx_symmetrically_even_for_negative_numbers() -> None:
    assert interval(Value("approx", number=-100), 0.1) == Interval(-110, -90)
    assert agree(Value("approx", number=1500), Value("exact", number=1700), 0.2)
    assert not agree(Value("approx", number=1500), Value("exact", number=1700), 0.1)
    assert interval(Value("approx", number=1500), 0.0) == Interval(1500, 1500)


def test_texts_and_booleans_agree_when_equal_after_normalisation() -> None:
    assert agree(Value("text", text=" Confirmed "), Value("text", text="confirmed"), 0.1)
    assert not agree(Value("text", text="confirmed"), Value("text", text="denied"), 0.1)
    assert agree(Value("boolean", flag=False), Value("boolean", flag=False), 0.1)


@pytest.mark.parametrize("earlier, later, same", [
    (Value("exact", number=3958), Value("at_least", number=3958), True),  # a relay putting the count as a bound
    (Value("exact", number=3958), Value("approx", number=3958), True),
    (Value("at_least", number=3958), Value("exact", number=3958), True),
    (Value("at_least", number=3958), Value("more_than", number=3958), True),  # it allowed as much
    (Value("exact", number=3958), Value("more_than", number=3958), False),  # the count has passed it
    (Value("at_least", number=3958), Value("at_most", number=3958), False),  # a bound from the other side
    (Value("exact", number=3958), Value("exact", number=3959), False),
    (Value("range", low=3900, high=4000), Value("exact", number=3950), False),  # a range's middle is no number said
    (Value("range", low=3900, high=4000), Value("range", low=3900, high=4000), True),
])
def test_a_restatement_names_the_same_number_in_a_hedge_it_is_consistent_with(earlier: Value, later: Value,
                                                                              same: bool) -> None:
    assert restates(earlier, later) is same
    assert restates(later, earlier) is same


finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False)


@st.composite
def values(draw: st.DrawFn) -> Value:
    kind = draw(st.sampled_from(["exact", "approx", "at_least", "at_most", "more_than", "less_than", "range"]))
    if kind == "range":
        low, high = sorted((draw(finite), draw(finite)))
        return Value("range", low=low, high=high)
    return Value(kind, number=draw(finite | numbers))


@given(values(), values(), st.floats(min_value=0, max_value=1))
def test_agreement_is_symmetric(a: Value, b: Value, tolerance: float) -> None:
    assert agree(a, b, tolerance) == agree(b, a, tolerance)


@given(values(), st.floats(min_value=0, max_value=1))
def test_every_value_agrees_with_itself_floats_and_ranges_too(a: Value, tolerance: float) -> None:
    assert agree(a, a, tolerance)


@given(st.decimals(min_value=-1000, max_value=1000, places=2), st.sampled_from([0.05, 0.1, 0.2, 0.25]))
def test_approx_reaches_exactly_its_tolerance_despite_float_rounding(n, tolerance: float) -> None:
    base = float(n)
    edge = float(n * (1 + type(n)(str(tolerance)))) if n >= 0 else float(n * (1 - type(n)(str(tolerance))))
    assert agree(Value("approx", number=base), Value("exact", number=edge), tolerance)


@given(kinds, numbers, st.floats(min_value=0, max_value=1))
def test_every_value_agrees_with_itself(kind: str, n: int, tolerance: float) -> None:
    assert agree(quantity(kind, n), quantity(kind, n), tolerance)


@given(kinds, numbers, st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.floats(min_value=0, max_value=1))
def test_agreement_with_a_point_is_membership(kind: str, n: int, x: float, tolerance: float) -> None:
    span = interval(quantity(kind, n), tolerance)
    # A bound within float rounding of the point counts as reaching it (closed) or stopping short (open).
    above = (span.low < x and not meets(span.low, x)) or (meets(span.low, x) and not span.low_open)
    below = (x < span.high and not meets(x, span.high)) or (meets(x, span.high) and not span.high_open)
    assert span.intersects(Interval(x, x)) == (above and below)


@given(kinds, numbers, st.floats(min_value=0, max_value=0.5), st.floats(min_value=0, max_value=0.5))
def test_a_wider_tolerance_never_turns_agreement_into_disagreement(kind: str, n: int, t1: float, t2: float) -> None:
    assume(t1 <= t2)
    a, b = Value("approx", number=1000), quantity(kind, n)
    if agree(a, b, t1):
        assert agree(a, b, t2)


# -- time ----------------------------------------------------------------------------------------

def claim(date: DateSpan | None = None, said: list[DateSpan] | None = None, source: str = "A") -> Claim:
    citations = [Citation(Ref(source, HERE), HERE, date=d) for d in (said or [None])]  # type: ignore[list-item]
    return Claim("c", "s", HERE, date=date, citations=citations)


def day(text: str) -> int:
    return PartialDate.parse(text).first().toordinal()


def test_a_claims_time_is_its_date_else_its_citations_else_unbounded() -> None:
    month = DateSpan.single(PartialDate(2024, 10))
    assert claim_span(claim(month)) == Span(day("2024-10-01"), day("2024-10-31"), "date")
    said = claim(None, [DateSpan.single(PartialDate(2024, 10, 5)), DateSpan.single(PartialDate(2024, 11))])
    assert claim_span(said) == Span(day("2024-10-05"), day("2024-11-30"), "citations")
    assert claim_span(claim()) == Span(-INF, INF, None)
    since = claim(DateSpan(PartialDate(2023, 8), None, True))
    assert claim_span(since).first == day("2023-08-01") and claim_span(since).last == INF


def test_partial_dates_overlap_their_parts() -> None:
    year = claim_span(claim(DateSpan.single(PartialDate(2024))))
    one_day = claim_span(claim(DateSpan.single(PartialDate(2024, 12, 31))))
    next_year = claim_span(claim(DateSpan.single(PartialDate(2025))))
    assert contemporaneous(year, one_day, 0)
    assert not contemporaneous(year, next_year, 0)
    assert contemporaneous(one_day, next_year, 1)  # 2024-12-31 and 2025-01-01 are a day apart


@given(st.dates(), st.integers(0, 400), st.dates(), st.integers(0, 400), st.integers(0, 100))
def test_contemporaneous_is_symmetric_and_grows_with_the_window(d1: dt.date, len1: int, d2: dt.date, len2: int,
                                                                window: int) -> None:
    a = Span(d1.toordinal(), d1.toordinal() + len1, "date")
    b = Span(d2.toordinal(), d2.toordinal() + len2, "date")
    assert contemporaneous(a, b, window) == contemporaneous(b, a, window)
    if contemporaneous(a, b, window):
        assert contemporaneous(a, b, window + 1)
    gap = max(b.first - a.last, a.first - b.last)
    assert contemporaneous(a, b, window) == (gap <= 2 * window)


def test_open_spans_reach_infinitely_far() -> None:
    since = Span(day("2023-08-01"), INF, "date")
    assert contemporaneous(since, Span(day("2099-01-01"), day("2099-01-31"), "date"), 0)
    assert not contemporaneous(since, Span(day("2023-07-01"), day("2023-07-31"), "date"), 0)
    assert math.isinf(Span(-INF, INF, None).first)


# -- dependence ----------------------------------------------------------------------------------

def ledger_of(*sources: tuple[str, str | None, list[str]]) -> Ledger:
    ledger = Ledger()
    for sid, part_of, depends in sources:
        ledger.sources.append(Source(sid, sid, "other", HERE, part_of=Ref(part_of, HERE) if part_of else None,
                                     depends_on=[Ref(d, HERE) for d in depends]))
    return ledger


def test_dependence_through_part_of_and_depends_on_chains() -> None:
    dep = Dependence(ledger_of(
        ("GOV", None, []), ("MOD", "GOV", []), ("SPOX", "MOD", []),
        ("AGENCY", None, []), ("RELAY", None, ["AGENCY"]), ("RELAY2", None, ["RELAY"]),
        ("LONER", None, []),
    ))
    assert dep.dependent("SPOX", "GOV")  # transitively part_of
    assert dep.dependent("spox", "mod")  # case-insensitive
    assert dep.dependent("RELAY2", "AGENCY")  # transitively depends_on
    assert dep.dependent("SPOX", "MOD") and dep.dependent("MOD", "SPOX")
    assert not dep.dependent("SPOX", "AGENCY")
    assert not dep.dependent("LONER", "GOV")
    assert dep.independent_count(["SPOX", "GOV", "RELAY2", "AGENCY", "LONER"]) == 3


def test_common_parent_makes_siblings_dependent_but_dependence_is_not_transitive() -> None:
    dep = Dependence(ledger_of(("C", None, []), ("D", None, []), ("A", None, ["C"]), ("B", None, ["C", "D"]),
                               ("E", None, ["D"])))
    assert dep.dependent("A", "B") and dep.dependent("B", "E")
    assert not dep.dependent("A", "E")  # no common ancestor
    assert dep.independent_count(["A", "B", "E"]) == 2  # A and E; citing B as well adds no origin
    assert dep.common_origin(["A", "B", "E"]) is None  # so citing all three is not circular reporting
    assert dep.common_origin(["A", "B"]) == "c"


def test_depends_on_cycles_are_tolerated() -> None:
    dep = Dependence(ledger_of(("A", None, ["B"]), ("B", None, ["A"]), ("C", None, [])))
    assert dep.dependent("A", "B") and not dep.dependent("A", "C")


def test_part_of_cycles_are_rejected_by_validate() -> None:
    from support import FIXTURES
    from factledger.pipeline import load_ledger

    assert [d.code for d in load_ledger(FIXTURES / "invalid" / "FL205-part-of-cycle").diagnostics] == ["FL205"]
