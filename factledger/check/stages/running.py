"""A running total that falls: on a question declared ``cumulative`` (a death toll), a later figure from
any origin below an earlier figure's lower bound is a conflict, however far apart in time they are
("at least five dead" on Monday, then 3 on Tuesday). The sweep finds the pairs whose times meet
(:mod:`.sweep`); this pass finds the rest, one conflict per later figure: with the earlier figure whose
lower bound is highest (the strongest evidence that the count has fallen).

Earlier figures are kept sorted by their lower bound once their time has ended, so each later figure
looks only at the few highest: the work grows with the question, not with its square.
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
    done = 0
    for later in by_first:
        limit = spans[later.id].first - 2 * window  # what the sweep met (contemporaneous) it has judged
        while done < len(by_last) and spans[by_last[done].id].last < limit:
            earlier = by_last[done]
            insort(ended.setdefault(unit_key(_value(earlier).unit), []),
                   (intervals[earlier.id].low, spans[earlier.id].last, earlier.id))
            done += 1
        state.comparisons += 1
        found = _highest_below(facts, later, intervals, ended, comparable)
        if found is None:
            continue
        earlier = facts.by_id[found]
        narrow = narrow_gap(_value(earlier), _value(later), intervals[earlier.id], intervals[later.id], tolerance)
        state.in_conflict.update((earlier.id, later.id))
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


def _value(claim: Claim) -> Value:
    assert claim.value is not None  # a question's numeric claims all have one
    return claim.value
