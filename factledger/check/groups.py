"""Groups of interchangeable claims, and the circle of claims that corroborate a group.

Claims of one question with the same value, unit and time compare alike with every other claim,
so the sweep compares groups, not claims: two thousand identical claims are one comparison.
Two groups are *consistent* when their intervals intersect (never a conflict), and *corroborate*
each other when each one's anchor lies in the other's interval.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factledger.check.compare import Interval, Span, anchor, interval, normalised_category
from factledger.model.entries import Claim, Value
from factledger.model.units import unit_key

if TYPE_CHECKING:
    from factledger.check.origins import Dependence

MAX_NAMED = 20  # corroborators a finding names; beyond them it says how many more


@dataclass(eq=False)
class Group:
    """Claims of one question with the same value, unit and time: they compare alike."""

    members: list[Claim]
    span: Span
    linked: bool = False  # a single claim that a disputes or supersedes link touches
    consistent: list[Group] = field(default_factory=list)  # other groups whose values it does not contradict
    corroborating: list[Group] = field(default_factory=list)  # ... and that support the same figure
    # Computed once per group, not once per comparison: the value as an interval and its anchor
    # (numbers) or a normalised category (texts, booleans), and its unit.
    interval: Interval | None = None
    anchor: float = 0.0
    category: str | None = None
    unit: str | None = None

    @property
    def value(self) -> Value:
        value = self.members[0].value
        assert value is not None  # a question's claims all have one (Facts.questions)
        return value

    def prepare(self, tolerance: float) -> Group:
        value = self.value
        self.unit = unit_key(value.unit)
        if value.is_numeric:
            self.interval = interval(value, tolerance)
            self.anchor = anchor(value)
        else:
            self.category = normalised_category(value)
        return self


class Circle:
    """A group and every group that corroborates it: the claims that corroborate each of its members.

    Built with set and counter operations that run in compiled code: on one undated question
    of two thousand overlapping values every circle holds every claim.
    """

    def __init__(self, group: Group, lineage: dict[str, frozenset[str]], sources: dict[str, tuple[str, ...]],
                 dependence: Dependence, withdrawn: AbstractSet[str] = frozenset()) -> None:
        groups = (group, *group.corroborating)
        # A withdrawn estimate no longer stands for its source, so it corroborates nothing.
        members = [c for g in groups for c in g.members if c.id not in withdrawn]
        self.lineage = lineage
        self.sources = sources
        self.dependence = dependence
        self.member_ids = {c.id for c in members}
        self.source_union: set[str] = set().union(*(sources[c.id] for c in members))
        self.origins = dependence.independent_count(sorted(self.source_union))
        # How many claims of the circle have each lineage: a claim's corroborators are counted by
        # lineage, not one by one.
        self.by_lineage = Counter(self.lineage[c.id] for c in members)
        self.members = members
        self._first: list[str] | None = None

    def origins_of(self, claim: Claim) -> int:
        """Independent origins behind ``claim``: the circle's, with the claim's own sources added when it is
        not counted in it (a withdrawn claim keeps the sources it had)."""
        if claim.id in self.member_ids:
            return self.origins
        return self.dependence.independent_count(sorted(self.source_union.union(self.sources[claim.id])))

    def corroborators(self, claim: Claim, lineage: frozenset[str]) -> tuple[list[str], int]:
        """The first MAX_NAMED corroborators of ``claim`` (by id) and how many there are in all."""
        total = sum(n for other, n in self.by_lineage.items() if other.isdisjoint(lineage))
        if not total:
            return [], 0
        if self._first is None:
            # The first ids of the circle in order, enough for any member unless many share its origin.
            self._first = heapq.nsmallest(4 * MAX_NAMED, (c.id for c in self.members))
        named = [i for i in self._first if i != claim.id and self.lineage[i].isdisjoint(lineage)][:MAX_NAMED]
        if len(named) < min(total, MAX_NAMED):  # rare: look further
            ordered = sorted(c.id for c in self.members)
            named = [i for i in ordered if i != claim.id and self.lineage[i].isdisjoint(lineage)][:MAX_NAMED]
        return named, total
