"""A question at a glance: the current positions, and the camps they fall into.

A *position* is, for each origin (claims of the same lineage), its latest claim on the question
that is neither superseded nor retracted. A *camp* is a maximal group of positions whose values
are mutually consistent; an open-ended figure ("at least 20,000") can stand in two camps. For
intervals on a line, positions that are pairwise consistent share a common point, so the camps
are the sets of positions covering some point, found by one sweep over the ends.
"""

from __future__ import annotations

import math

from factledger.check.compare import Interval, interval, meets, normalised_category, order
from factledger.check.facts import Facts
from factledger.check.findings import Camp, QuestionSummary
from factledger.check.stages.judgement import Judged
from factledger.check.stages.sweep import Compared
from factledger.model.entries import Claim
from factledger.model.units import by_unit


def summarise(facts: Facts, compared: Compared, judged: Judged) -> QuestionSummary:
    superseded = set(judged.superseded)
    by_lineage: dict[frozenset[str], list[Claim]] = {}
    for claim in compared.claims:
        if claim.id not in superseded:
            by_lineage.setdefault(facts.lineage[claim.id], []).append(claim)
    # An origin's position is its latest claim. Claims that nothing orders (the same day, said when
    # unknown) all stand, since no one can say which came later; so does one in conflict with another
    # claim of its origin (two offices of one government disagreeing at the same time).
    spans = facts.spans
    disputing = {c.id for pair in compared.conflicts for c in pair[:2]}
    positions = []
    for group in by_lineage.values():
        latest = facts.newest(group)
        positions += [c for c in group
                      if order(c, latest, spans[c.id], spans[latest.id]) != 1 or c.id in disputing]
    positions.sort(key=lambda c: c.id)
    replaced = [(o, n.id) for o, updates in sorted(judged.superseded.items()) for n, _ in updates]
    summary = QuestionSummary(compared.key, [c.id for c in compared.claims], [c.id for c in positions],
                              superseded=replaced, withdrawn=sorted(judged.withdrawn))
    # Positions of different times are dated in the camps line: their values may differ because time passed.
    dated = len({(spans[c.id].first, spans[c.id].last) for c in positions}) > 1
    numbers = [(c.value, c) for c in positions if c.value is not None and c.value.is_numeric]
    others = [(c.value, c) for c in positions if c.value is not None and not c.value.is_numeric]
    unit_groups = by_unit(numbers)
    for unit, unit_group in unit_groups.items():
        summary.camps += _interval_camps(facts, unit_group, unit or "no unit", dated)
    if len(unit_groups) == 1 and len(summary.camps) > 1:
        summary.spread = _spread(facts, next(iter(unit_groups.values())))
    categories: dict[str, list[Claim]] = {}
    for value, claim in others:
        categories.setdefault(f"{value.kind}:{normalised_category(value)}", []).append(claim)
    for members in sorted(categories.values(), key=lambda group: str(group[0].value)):
        summary.camps.append(Camp(tuple(c.id for c in members), _sources(facts, members),
                                  _said(facts, members, dated)))
    return summary


def _sources(facts: Facts, claims: list[Claim]) -> tuple[str, ...]:
    return tuple(sorted({s for c in claims for s in facts.sources[c.id]}))


def _interval_camps(facts: Facts, claims: list[Claim], scale: str, dated: bool) -> list[Camp]:
    """Maximal sets of claims whose intervals share a point, lowest first."""
    spans = _intervals(claims, facts.options.tolerance)
    # Ends apart only by float rounding are one point, as Interval.intersects treats them (1.2 ± 10%
    # reaches 1.32, though 1.2 * 1.1 is 1.3199999999999998): snap each run of such ends to its first.
    ends = sorted({x for i in spans.values() for x in (i.low, i.high) if math.isfinite(x)})
    snapped: dict[float, float] = {}
    previous: float | None = None
    for x in ends:
        snapped[x] = snapped[previous] if previous is not None and meets(previous, x) else x
        previous = x

    def point(x: float) -> float:
        return snapped.get(x, x)  # infinities map to themselves

    # Where each interval's points start and end, as (x, 0 just before x | 1 at x | 2 just after x).
    events = []
    for claim in claims:
        i = spans[claim.id]
        events.append(((point(i.low), 2 if i.low_open else 1), 0, claim))  # 0: enters
        events.append(((point(i.high), 0 if i.high_open else 1), 1, claim))  # 1: leaves (after the point)
    events.sort(key=lambda e: (e[0], e[1], e[2].id))
    camps: list[Camp] = []
    active: dict[str, Claim] = {}
    entered = False
    for _, leaves, claim in events:
        if not leaves:
            active[claim.id] = claim
            entered = True
            continue
        if entered:  # the set just before the first exit after an entry is maximal
            members = sorted(active.values(), key=lambda c: c.id)
            camps.append(_camp(facts, members, [spans[c.id] for c in members], scale, dated))
            entered = False
        active.pop(claim.id, None)
    return camps


def _intervals(claims: list[Claim], tolerance: float) -> dict[str, Interval]:
    """Each claim's value as an interval, by claim id (every claim here has a numeric value)."""
    spans = {}
    for c in claims:
        assert c.value is not None  # summarise passes only the positions with a numeric value
        spans[c.id] = interval(c.value, tolerance)
    return spans


def _camp(facts: Facts, members: list[Claim], intervals: list[Interval], scale: str, dated: bool) -> Camp:
    low = max(intervals, key=lambda i: (i.low, i.low_open))
    high = min(intervals, key=lambda i: (i.high, not i.high_open))
    return Camp(tuple(c.id for c in members), _sources(facts, members), _said(facts, members, dated),
                low.low if math.isfinite(low.low) else None, high.high if math.isfinite(high.high) else None, scale)


def _said(facts: Facts, members: list[Claim], dated: bool = False) -> str:
    """Who said what, one entry per value as written: 'CROWD-LAB 35,000–45,000, DAILY-NEWS ≥20,000'
    (with each value's date, when the positions are of different times)."""
    by_value: dict[str, set[str]] = {}
    for claim in members:
        shown = str(claim.value) + (f" ({claim.date or 'undated'})" if dated else "")
        by_value.setdefault(shown, set()).update(facts.sources[claim.id])
    entries = sorted((", ".join(sorted(sources)), value) for value, sources in by_value.items())
    return ", ".join(f"{sources} {value}" for sources, value in entries)


def _spread(facts: Facts, claims: list[Claim]) -> str:
    """From the position lowest on the scale to the highest, each with who said it."""
    spans = _intervals(claims, facts.options.tolerance)
    # The position whose values reach least high, and the one whose values start highest: an open-ended
    # figure ("at least 10,000") is neither end of a spread it straddles.
    lowest = min(claims, key=lambda c: (spans[c.id].high, spans[c.id].low, c.id))
    highest = max(claims, key=lambda c: (spans[c.id].low, spans[c.id].high, c.id))
    if lowest is highest or spans[highest.id].low <= spans[lowest.id].high:
        return ""
    return f"from {lowest.value} ({', '.join(sorted(facts.sources[lowest.id]))}) to {highest.value} " \
           f"({', '.join(sorted(facts.sources[highest.id]))})"
