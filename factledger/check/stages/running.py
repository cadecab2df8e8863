"""A running total that falls: on a question declared ``cumulative`` (a death toll), a later figure from
any origin below an earlier figure's lower bound is a conflict, however far apart in time they are
("at least five dead" on Monday, then 3 on Tuesday). The sweep finds the pairs whose times meet
(:mod:`.sweep`); this pass finds the rest, one conflict per later figure: with the earlier figure whose
lower bound is highest (the strongest evidence that the count has fallen); and every earlier figure
that a later one lies below is named in one conflict at least, with the first such later figure (an open
bound, "more than 5,300", that every later count stayed below is a fall, whatever else passed it).

Earlier figures are kept sorted by their lower bound once their time has ended, so each later figure
looks only at the few highest; those not yet named are kept apart likewise, and leave once named: the
work grows with the question, not with its square.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable

from factledger.check.compare import Interval, below, interval, narrow_gap
from factledger.check.facts import Facts, linked
from factledger.check.stages.sweep import Compared, fall_why
from factledger.model.entries import Claim, Value
from factledger.model.units import unit_key


def falls(facts: Facts, state: Compared) -> None:
    """Add to ``state.conflicts`` each later figure of the running total ``state`` compared that lies below
    an earlier figure the sweep never compared it with."""
    if not state.cumulative:
        return
    claims = [c for c in state.claims if _value(c).is_numeric]
    comparable = state.comparable
    window, tolerance, spans = facts.options.window, facts.options.tolerance, facts.spans
    intervals: dict[str, Interval] = {c.id: interval(_value(c), tolerance) for c in claims}
    by_first = sorted(claims, key=lambda c: (spans[c.id].first, spans[c.id].last, c.id))
    by_last = sorted(claims, key=lambda c: (spans[c.id].last, spans[c.id].first, c.id))
    ended: dict[str | None, list[tuple[float, float, str]]] = {}  # per unit: (lower bound, end, id), sorted
    unnamed: dict[str | None, list[tuple[float, float, str]]] = {}  # the same, of those no fall names yet
    done = 0
    for later in by_first:
        limit = spans[later.id].first - 2 * window  # what the sweep met (contemporaneous) it has judged
        while done < len(by_last) and spans[by_last[done].id].last < limit:
            earlier = by_last[done]
            entry = (intervals[earlier.id].low, spans[earlier.id].last, earlier.id)
            insort(ended.setdefault(unit_key(_value(earlier).unit), []), entry)
            if earlier.id not in state.fell_below:
                insort(unnamed.setdefault(unit_key(_value(earlier).unit), []), entry)
            done += 1
        state.comparisons += 1
        found = _highest_below(facts, later, intervals, ended, comparable)
        if found is None:
            continue
        for earlier_id in [found, *_unnamed_below(facts, later, intervals, unnamed, comparable, found)]:
            earlier = facts.by_id[earlier_id]
            narrow = narrow_gap(_value(earlier), _value(later), intervals[earlier.id], intervals[later.id], tolerance)
            state.in_conflict.update((earlier.id, later.id))
            state.fell_below.add(earlier.id)
            state.conflicts.append((earlier, later, fall_why(earlier, later, tolerance), narrow))


def _highest_below(facts: Facts, later: Claim, intervals: dict[str, Interval],
                   ended: dict[str | None, list[tuple[float, float, str]]],
                   comparable: Callable[[str | None, str | None], bool]) -> str | None:
    """The earlier figure with the highest lower bound that ``later`` lies below (not linked to it), or None."""
    mine, unit = intervals[later.id], unit_key(_value(later).unit)
    best: tuple[float, float, str] | None = None
    for their_unit, entries in ended.items():
        if not comparable(their_unit, unit):
            continue
        for entry in reversed(entries):  # highest lower bound first
            if not below(mine, intervals[entry[2]]):
                break  # nor below any lower one
            if linked(facts.by_id[entry[2]], later, "disputes") or linked(facts.by_id[entry[2]], later, "supersedes"):
                continue  # the links say how the two relate
            if best is None or entry[:2] > best[:2]:
                best = entry
            break
    return best[2] if best is not None else None


def _unnamed_below(facts: Facts, later: Claim, intervals: dict[str, Interval],
                   unnamed: dict[str | None, list[tuple[float, float, str]]],
                   comparable: Callable[[str | None, str | None], bool], found: str) -> list[str]:
    """The earlier figures no fall names yet that ``later`` lies below (not linked to it), taken out of
    ``unnamed``; ``found``, named already as the highest (the top of its unit's list), leaves it too."""
    mine, unit = intervals[later.id], unit_key(_value(later).unit)
    named: list[str] = []
    for their_unit, entries in unnamed.items():
        if not comparable(their_unit, unit):
            continue
        kept = []
        while entries and below(mine, intervals[entries[-1][2]]):
            entry = entries.pop()  # highest lower bound first
            linked_to = linked(facts.by_id[entry[2]], later, "disputes") or \
                linked(facts.by_id[entry[2]], later, "supersedes")
            if entry[2] == found:
                continue
            if linked_to:
                kept.append(entry)  # the links say how these two relate; a later figure may still fall below it
                continue
            named.append(entry[2])
        for entry in kept:
            insort(entries, entry)
    return sorted(named)


def _value(claim: Claim) -> Value:
    assert claim.value is not None  # a question's numeric claims all have one
    return claim.value
