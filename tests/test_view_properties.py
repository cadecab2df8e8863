"""Properties of what the views say (issue 19): no claim is ever superseded by a claim whose origin merely
depends on its own; on a running total, a rising series is never a conflict and its charts never fall."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from factledger.check.engine import cross_check
from factledger.export.summary import charts
from factledger.model.entries import Citation, Claim, DateSpan, Ledger, PartialDate, Ref, Source, Value
from factledger.model.questions import QuestionRule
from factledger.problems.diagnostics import Location
from factledger.query.timeline import numeric_series

WHERE = Location("generated.yaml", 1, 1)
START = dt.date(2026, 3, 1).toordinal()


def _day(offset: int) -> DateSpan:
    day = dt.date.fromordinal(START + offset)
    return DateSpan.single(PartialDate(day.year, day.month, day.day))


@st.composite
def families(draw: st.DrawFn) -> list[Source]:
    """Up to eight sources, each part_of and depending on earlier ones at random (no cycles)."""
    sources: list[Source] = []
    for i in range(draw(st.integers(2, 8))):
        earlier = [s.id for s in sources]
        part_of = draw(st.one_of(st.none(), st.sampled_from(earlier))) if earlier else None
        depends = draw(st.lists(st.sampled_from(earlier), max_size=2, unique=True)) if earlier else []
        sources.append(Source(f"S{i}", f"Source {i}", "other", WHERE, part_of=Ref(part_of, WHERE) if part_of else None,
                              depends_on=[Ref(d, WHERE) for d in depends if d != part_of]))
    return sources


def _ancestors(sources: list[Source], name: str) -> set[str]:
    """A source and everything it is part_of or depends_on, transitively: written plainly, apart from the code."""
    by_id = {s.id: s for s in sources}
    found, stack = set(), [name]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        source = by_id[current]
        stack += ([source.part_of.id] if source.part_of else []) + [r.id for r in source.depends_on]
    return found


@st.composite
def ledgers(draw: st.DrawFn) -> Ledger:
    sources = draw(families())
    claims = []
    for i in range(draw(st.integers(2, 10))):
        source = draw(st.sampled_from(sources)).id
        said = draw(st.integers(0, 6))
        claims.append(Claim(
            f"c{i}", "s", WHERE, subject="q", property="p", value=Value("exact", number=draw(st.integers(1, 4))),
            date=_day(draw(st.integers(0, 6))),
            citations=[Citation(Ref(source, WHERE), WHERE, date=_day(said))]))
    return Ledger(sources=sources, claims=claims)


@settings(max_examples=150, deadline=None)
@given(ledgers(), st.integers(0, 3))
def test_no_claim_is_superseded_by_a_claim_whose_origin_merely_depends_on_its_own(ledger: Ledger,
                                                                                window: int) -> None:
    from factledger.check.options import CheckOptions

    checked = cross_check(ledger, CheckOptions(window=window))
    by_id = {c.id: c for c in ledger.claims}
    for finding in checked.findings:
        if finding.kind != "superseded":
            continue
        older, newer = (by_id[c] for c in finding.claims)
        older_source, newer_source = older.citations[0].source.id, newer.citations[0].source.id
        # The newer claim's source is the older's own, or one it is part of or relays: never one relying on it.
        assert newer_source in _ancestors(ledger.sources, older_source), (finding.message, ledger.sources)


KINDS = st.sampled_from(["exact", "at_least", "approx", "more_than"])


@st.composite
def rising(draw: st.DrawFn) -> Ledger:
    """A running total reported on different days by several sources, each figure at or above the one before."""
    sources = [Source(f"S{i}", f"Source {i}", "other", WHERE) for i in range(3)]
    # Each figure at or above the one drawn before it (a range's middle), and above a "more than" it follows.
    last, strict, day, claims = draw(st.integers(0, 50)), False, 0, []
    for i in range(draw(st.integers(2, 9))):
        base = last + int(strict) + draw(st.integers(0, 40))
        day += draw(st.integers(1, 12))
        kind = draw(KINDS)
        if kind == "approx" and i % 2:
            half = draw(st.integers(0, 5))
            value, last = Value("range", low=base, high=base + 2 * half), base + half
        else:
            value, last = Value(kind, number=base), base
        strict = kind == "more_than"
        claims.append(Claim(f"c{i}", "s", WHERE, subject="fire", property="deaths", value=value, date=_day(day),
                            citations=[Citation(Ref(draw(st.sampled_from(sources)).id, WHERE), WHERE)]))
    # Issue 19b: the last figure of a month may be dated only to its month ("September"); a chart must still
    # draw the count rising, never put "September" before the days within it.
    months = {(c.date.first().year, c.date.first().month): c for c in claims if c.date and c.date.first()}
    for claim in draw(st.lists(st.sampled_from(sorted(months.values(), key=lambda c: c.id)), max_size=2)):
        first = claim.date.first() if claim.date else None
        assert first is not None
        claim.date = DateSpan.single(PartialDate(first.year, first.month))
    return Ledger(sources=sources, claims=claims,
                  questions=[QuestionRule("deaths", WHERE, subject="fire", cumulative=True)])


@settings(max_examples=150, deadline=None)
@given(rising(), st.integers(0, 5))
def test_a_rising_running_total_is_never_a_conflict_and_its_charts_never_fall(ledger: Ledger, window: int) -> None:
    from factledger.check.options import CheckOptions

    checked = cross_check(ledger, CheckOptions(window=window))
    assert not [f.message for f in checked.findings if f.kind in ("conflict", "narrow-gap")]
    superseded: dict[str, tuple[str, ...]] = {}
    for question in checked.questions:
        for older, newer in question.superseded:
            superseded[older] = superseded.get(older, ()) + (newer,)
    for series in numeric_series(ledger.claims, ledger, superseded, checked.withdrawn):
        figures = [p.figure for p in series.points]
        assert figures == sorted(figures)
    for chart in charts("fire / deaths", ledger.claims, superseded, checked.withdrawn):
        bars = [figure for _, figure in chart.bars]
        assert bars == sorted(bars)
