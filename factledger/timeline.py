"""Series for `factledger timeline`: how a numeric question's value moved, source by source."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from factledger.model import Claim, Ledger
from factledger.query import SortKey, sort_claims
from factledger.units import by_unit, unit_label


@dataclass(frozen=True)
class Point:
    claim: Claim
    figure: float  # the number to draw: the value itself, or a range's middle


@dataclass(frozen=True)
class Series:
    question: str
    unit: str | None
    by_source: dict[str, list[Point]]
    mixed_units: bool = False

    @property
    def largest(self) -> float:
        return max((abs(p.figure) for points in self.by_source.values() for p in points), default=0.0)


def numeric_series(claims: list[Claim], ledger: Ledger) -> list[Series]:
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
        units = by_unit((c.value, c.value.unit) for c in group if c.value)  # type: ignore[misc]
        labels = sorted(unit_label(spellings) for key, spellings in units.items() if key is not None)  # type: ignore[arg-type]
        # Values in different units share no scale: the chart says so rather than draw them as one.
        found.append(Series(f"{subject} / {prop}", " / ".join(labels) if labels else None, dict(by_source),
                            mixed_units=len(labels) > 1))
    return found
