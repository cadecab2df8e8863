"""A question at a glance: the current positions, and the camps they fall into.

A *position* is, for each origin, its latest claim on the question that is neither superseded nor
retracted: a claim stands unless a later one from a source that may revise it (its own, an
organisation it is part of, one it relays: :mod:`factledger.check.revisers`) exists. A *camp* is a
maximal group of positions whose values are mutually consistent; an open-ended figure ("at least
20,000") can stand in two camps. For intervals on a line, positions that are pairwise consistent share
a common point, so the camps are the sets of positions covering some point, found by one sweep over
the ends.

Camps compare positions of one time: an open lower bound that later figures have moved past ("at
least 250" on day one, thousands since) is left out of them, and on a running total (a question
declared ``cumulative``) so is every position of an earlier moment than the latest: a count that grew
is one story over time, not several camps. Retracted claims are listed apart, with who withdrew them, and
so are the claims their own source disputes (disowned), which are no positions either.
"""

from __future__ import annotations

import math

from factledger.check.compare import Interval, below, contemporaneous, interval, meets, normalised_category, order
from factledger.check.facts import Facts, said
from factledger.check.findings import Camp, Earlier, QuestionSummary, Retraction
from factledger.check.stages.judgement import Judged
from factledger.check.stages.sweep import Compared
from factledger.model.entries import Claim
from factledger.model.units import by_unit, unit_key


def summarise(facts: Facts, compared: Compared, judged: Judged) -> QuestionSummary:
    positions = _positions(facts, compared, judged)
    replaced = [(o, n.id) for o, updates in sorted(judged.superseded.items()) for n, _ in updates]
    retracted, disowned = facts.retracted_on(compared.key), facts.disowned_on(compared.key)
    summary = QuestionSummary(compared.key, [c.id for c in (*compared.claims, *retracted, *disowned)],
                              [c.id for c in positions], superseded=replaced, withdrawn=sorted(judged.withdrawn),
                              retracted=[_retraction(facts, c) for c in retracted], cumulative=compared.cumulative,
                              disowned=[_retraction(facts, c) for c in disowned])
    summary.earlier = [_earlier_one(facts, facts.by_id[claim_id], why) for claim_id, why in
                       sorted(_earlier(facts, compared, positions), key=lambda e: facts.later_key(facts.by_id[e[0]]))]
    left_out = {e.claim for e in summary.earlier}
    standing = [c for c in positions if c.id not in left_out]
    spans = facts.spans
    if compared.cumulative and standing:
        newest = facts.newest(standing)
        if all(contemporaneous(spans[c.id], spans[newest.id], facts.options.window) for c in standing):
            summary.as_of = str(newest.date) if newest.date else None
    # Positions of different times are dated in the camps line: their values may differ because time passed.
    dated = len({(spans[c.id].first, spans[c.id].last) for c in standing}) > 1
    numbers = [(c.value, c) for c in standing if c.value is not None and c.value.is_numeric]
    others = [(c.value, c) for c in standing if c.value is not None and not c.value.is_numeric]
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


def _positions(facts: Facts, compared: Compared, judged: Judged) -> list[Claim]:
    """Each origin's standing claims. A claim stands unless a later claim from a source that may revise it
    exists; claims that nothing orders (the same day, said when unknown) all stand, since no one can say
    which came later; so does one in conflict with another claim of its lineage (two offices of one
    government disagreeing at the same time)."""
    by_lineage: dict[frozenset[str], dict[frozenset[str], list[Claim]]] = {}
    for claim in compared.claims:
        if claim.id not in judged.superseded:
            by_lineage.setdefault(facts.lineage[claim.id], {}).setdefault(facts.origin_sets[claim.id], []).append(claim)
    spans = facts.spans
    disputing = {c.id for pair in compared.conflicts for c in pair[:2]}
    positions = []
    for origins in by_lineage.values():
        latest = {origin: facts.newest(claims) for origin, claims in origins.items()}
        for origin, claims in origins.items():
            revisers = [last for other, last in latest.items() if facts.sets_revise(other, origin)]
            positions += [c for c in claims if c.id in disputing or
                          not any(order(c, last, spans[c.id], spans[last.id]) == 1 for last in revisers)]
    return sorted(positions, key=lambda c: c.id)


def _earlier(facts: Facts, compared: Compared, positions: list[Claim]) -> list[tuple[str, str]]:
    """The positions the camps leave out, and why: on a running total those of an earlier moment than the
    latest position's; on any question an open lower bound a later claim has moved past."""
    if not positions:
        return []
    spans, window = facts.spans, facts.options.window
    left: list[tuple[str, str]] = []
    fallen: set[str] = set()
    if compared.cumulative:
        # Left out only when the count has grown past it: a position a later one fell below stays in the
        # camps, dated, so that the fall is in view (and it is a conflict); an open bound too, whatever else
        # passed it ("more than 5,300", and every later count below 5,300).
        newest = facts.newest(positions)
        latest = [c for c in positions if contemporaneous(spans[c.id], spans[newest.id], window)]
        now = {c.id for c in latest}
        fallen = {c.id for c in positions if c.id not in now and any(_fell_below(facts, later, c) for later in latest)}
        left = [(c.id, "earlier moment") for c in positions if c.id not in now and c.id not in fallen]
    gone = {claim_id for claim_id, _ in left} | fallen
    bounds = [c for c in positions if c.id not in gone and c.value is not None and c.value.kind in ("at_least",
                                                                                                    "more_than")]
    if bounds:
        in_time = sorted(compared.claims, key=facts.later_key)
        for claim in bounds:
            past = _moved_past(facts, in_time, claim, {c.id for c in positions})
            if past is not None:
                left.append((claim.id, "bound passed"))
    return sorted(left)


def _fell_below(facts: Facts, later: Claim, earlier: Claim) -> bool:
    """Whether a running total's later figure lies below an earlier one's lower bound (in one unit)."""
    if later.value is None or earlier.value is None or not (later.value.is_numeric and earlier.value.is_numeric):
        return False
    if unit_key(later.value.unit) not in (None, unit_key(earlier.value.unit)) and unit_key(earlier.value.unit):
        return False
    tolerance = facts.options.tolerance
    return below(interval(later.value, tolerance), interval(earlier.value, tolerance))


def _moved_past(facts: Facts, in_time: list[Claim], bound: Claim, standing: set[str]) -> str | None:
    """The first claim about a later time (of the bound's own lineage, or a position) whose figure is past the
    bound."""
    assert bound.value is not None
    threshold, spans, tolerance = bound.value.amount(), facts.spans, facts.options.tolerance
    lineage, unit = facts.lineage[bound.id], unit_key(bound.value.unit)
    for other in in_time:
        value = other.value
        if other.id == bound.id or value is None or not value.is_numeric:
            continue
        if other.id not in standing and facts.lineage[other.id] != lineage:
            continue
        if unit is not None and unit_key(value.unit) not in (None, unit):
            continue
        # About a later time (not merely said later: a lab's later estimate of the same rally is one of its camps).
        if spans[bound.id].last < spans[other.id].first and interval(value, tolerance).low > threshold:
            return other.id
    return None


def _earlier_one(facts: Facts, claim: Claim, why: str) -> Earlier:
    return Earlier(claim.id, facts.sources[claim.id], str(claim.value), str(claim.date) if claim.date else None, why)


def _retraction(facts: Facts, claim: Claim) -> Retraction:
    """A retracted or disowned claim, with the claim of its own source that disputes it (the earliest), if any."""
    disowners = sorted((c for c in facts.disputed_by.get(claim.id, ()) if facts.revises(c, claim)),
                       key=facts.later_key)
    by = disowners[0] if disowners else None
    when = None
    if by is not None:
        when = said(by) or (str(by.date) if by.date else None)
    return Retraction(claim.id, facts.sources[claim.id], str(claim.value), str(claim.date) if claim.date else None,
                      by.id if by else None, facts.sources[by.id] if by else (), when)


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
    """From the position whose figure is lowest to the one whose figure is highest, each with who said it:
    it spans every position's figure (a standing "nearly 4,000" is inside it, never below its start)."""
    def figure(claim: Claim) -> float:
        assert claim.value is not None  # summarise passes only the positions with a numeric value
        return claim.value.figure

    lowest = min(claims, key=lambda c: (figure(c), c.id))
    highest = max(claims, key=lambda c: (figure(c), c.id))
    if figure(lowest) == figure(highest):
        return ""
    return f"from {lowest.value} ({', '.join(sorted(facts.sources[lowest.id]))}) to {highest.value} " \
           f"({', '.join(sorted(facts.sources[highest.id]))})"
