"""Series for `factledger timeline`: how a numeric question's value moved, source by source."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from factledger.model import Claim
from factledger.query import SortKey, sort_claims


@dataclass(frozen=True)
class Point:
    claim: Claim
    figure: float  # the number to draw: the value itself, or a range's middle


@dataclass(frozen=True)
class Series:
    question: str
    unit: str | None
    by_source: dict[str, list[Point]]

    @property
    def largest(self) -> float:
        return max((abs(p.figure) for points in self.by_source.values() for p in points), default=0.0)


def numeric_series(claims: list[Claim]) -> list[Series]:
    """For each question whose dated numeric values number two or more: the points, per originator."""
    questions: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in sort_claims(claims, SortKey.date):
        if claim.subject and claim.property and claim.value is not None and claim.value.is_numeric and claim.date:
            questions[(claim.subject, claim.property)].append(claim)
    found = []
    for (subject, prop), group in sorted(questions.items()):
        if len(group) < 2:
            continue
        by_source: dict[str, list[Point]] = defaultdict(list)
        for claim in group:
            value = claim.value
            assert value is not None
            by_source[", ".join(claim.originators())].append(Point(claim, value.figure))
        units = {c.value.unit for c in group if c.value and c.value.unit}
        found.append(Series(f"{subject} / {prop}", units.pop() if len(units) == 1 else None, dict(by_source)))
    return found
