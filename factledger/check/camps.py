"""A question at a glance: the current positions, and the camps they fall into.

A *position* is, for each origin (claims of the same lineage), its latest claim on the question
that is neither superseded nor retracted. A *camp* is a maximal group of positions whose values
are mutually consistent; an open-ended figure ("at least 20,000") can stand in two camps. For
intervals on a line, positions that are pairwise consistent share a common point, so the camps
are the sets of positions covering some point, found by one sweep over the ends.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factledger.check.compare import Interval, interval, normalised_category
from factledger.model import Claim, QuestionKey
from factledger.units import by_unit

if TYPE_CHECKING:
    from factledger.check.engine import Engine
    from factledger.check.questions import QuestionState


@dataclass(frozen=True)
class Camp:
    claims: tuple[str, ...]
    sources: tuple[str, ...]
    # what the camp's members said, by value: "CROWD-LAB 35,000–45,000 people, DAILY-NEWS ≥20,000 people".
    # Each source's own words, never the camp's common ground, which no one stated.
    label: str
    low: float | None = None  # where the camp's values all meet; None: open-ended, or not a number
    high: float | None = None


@dataclass
class QuestionSummary:
    key: QuestionKey
    claims: list[str]
    positions: list[str]
    camps: list[Camp] = field(default_factory=list)
    superseded: list[tuple[str, str]] = field(default_factory=list)  # (older, newer)
    spread: str = ""  # from the lowest position to the highest, in words; '' when not one scale
    # pairs of positions that are consistent but do not corroborate each other (the first few) and how many
    consistent_only: list[tuple[str, str]] = field(default_factory=list)
    consistent_total: int = 0

    def line(self) -> str:
        """The one-line summary: '3 camps: POLICE ≈18,000 | LAB, NEWS 35,000–45,000 | ORG >100,000'."""
        if not self.camps:
            return ""
        shown = " | ".join(c.label for c in self.camps)
        if len(self.positions) == 1:
            return f"one position: {shown}"
        word = "camp" if len(self.camps) == 1 else "camps"
        return f"{len(self.camps)} {word}: {shown}"

    def camp_of(self, claim_id: str) -> list[int]:
        return [i for i, camp in enumerate(self.camps) if claim_id in camp.claims]


def summarise(engine: "Engine", state: "QuestionState") -> QuestionSummary:
    from factledger.check.questions import newest

    superseded = {older for older in state.superseded}
    by_lineage: dict[frozenset[str], list[Claim]] = {}
    for claim in state.claims:
        if claim.id not in superseded:
            by_lineage.setdefault(engine.lineage[claim.id], []).append(claim)
    positions = sorted((newest(engine, group) for group in by_lineage.values()), key=lambda c: c.id)
    summary = QuestionSummary(state.key, [c.id for c in state.claims], [c.id for c in positions],
                              superseded=[(o, n.id) for o, updates in sorted(state.superseded.items()) for n, _ in updates])
    numbers = [c for c in positions if c.value is not None and c.value.is_numeric]
    others = [c for c in positions if c.value is not None and not c.value.is_numeric]
    unit_groups = list(by_unit((c.value, c) for c in numbers).values())  # type: ignore[misc]
    for unit_group in unit_groups:
        summary.camps += _interval_camps(engine, unit_group)  # type: ignore[arg-type]
    if len(unit_groups) == 1 and len(summary.camps) > 1:
        summary.spread = _spread(engine, unit_groups[0])  # type: ignore[arg-type]
    categories: dict[str, list[Claim]] = {}
    for claim in others:
        categories.setdefault(f"{claim.value.kind}:{normalised_category(claim.value)}", []).append(claim)  # type: ignore[arg-type]
    for members in sorted(categories.values(), key=lambda group: str(group[0].value)):
        summary.camps.append(Camp(tuple(c.id for c in members), _sources(engine, members), _said(engine, members)))
    return summary


def _sources(engine: "Engine", claims: list[Claim]) -> tuple[str, ...]:
    return tuple(sorted({s for c in claims for s in engine.sources[c.id]}))


def _interval_camps(engine: "Engine", claims: list[Claim]) -> list[Camp]:
    """Maximal sets of claims whose intervals share a point, lowest first."""
    tolerance = engine.options.tolerance
    spans = {c.id: interval(c.value, tolerance) for c in claims}  # type: ignore[arg-type]
    # Where each interval's points start and end, as (x, 0 just before x | 1 at x | 2 just after x).
    events = []
    for claim in claims:
        i = spans[claim.id]
        events.append(((i.low, 2 if i.low_open else 1), 0, claim))  # 0: enters
        events.append(((i.high, 0 if i.high_open else 1), 1, claim))  # 1: leaves (after the point)
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
            camps.append(_camp(engine, members, [spans[c.id] for c in members]))
            entered = False
        active.pop(claim.id, None)
    return camps


def _camp(engine: "Engine", members: list[Claim], intervals: list[Interval]) -> Camp:
    low = max(intervals, key=lambda i: (i.low, i.low_open))
    high = min(intervals, key=lambda i: (i.high, not i.high_open))
    return Camp(tuple(c.id for c in members), _sources(engine, members), _said(engine, members),
                low.low if math.isfinite(low.low) else None, high.high if math.isfinite(high.high) else None)


def _said(engine: "Engine", members: list[Claim]) -> str:
    """Who said what, one entry per value as written: 'CROWD-LAB 35,000–45,000, DAILY-NEWS ≥20,000'."""
    by_value: dict[str, set[str]] = {}
    for claim in members:
        by_value.setdefault(str(claim.value), set()).update(engine.sources[claim.id])
    entries = sorted((", ".join(sorted(sources)), value) for value, sources in by_value.items())
    return ", ".join(f"{sources} {value}" for sources, value in entries)


def _spread(engine: "Engine", claims: list[Claim]) -> str:
    """From the position lowest on the scale to the highest, each with who said it."""
    tolerance = engine.options.tolerance
    spans = {c.id: interval(c.value, tolerance) for c in claims}  # type: ignore[arg-type]
    lowest = min(claims, key=lambda c: (spans[c.id].low, spans[c.id].high, c.id))
    highest = max(claims, key=lambda c: (spans[c.id].high, spans[c.id].low, c.id))
    return f"from {lowest.value} ({', '.join(sorted(engine.sources[lowest.id]))}) to {highest.value} " \
           f"({', '.join(sorted(engine.sources[highest.id]))})"
