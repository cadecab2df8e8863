"""Series for `factledger timeline`: how a numeric question's value moved, source by source."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from factledger.model.entries import Claim, Ledger, QuestionKey
from factledger.model.units import by_unit, unit_label
from factledger.query.select import SortKey, sort_claims


@dataclass(frozen=True)
class Point:
    claim: Claim
    figure: float  # the number to draw: the value itself, or a range's middle
    superseded_by: tuple[str, ...] = ()  # drawn, but marked: its source has said otherwise since


@dataclass(frozen=True)
class Series:
    question: str
    unit: str | None
    by_source: dict[str, list[Point]]
    mixed_units: bool = False

    @property
    def largest(self) -> float:
        return max((abs(p.figure) for points in self.by_source.values() for p in points), default=0.0)


def numeric_series(claims: list[Claim], ledger: Ledger,
                   superseded: dict[str, tuple[str, ...]] | None = None) -> list[Series]:
    """For each question whose dated numeric values number two or more: the points, per originator.

    Retracted claims are never plotted; a superseded one (``superseded``: claim → what superseded it)
    is plotted and marked as such.
    """
    superseded = superseded or {}
    questions: dict[QuestionKey, list[Claim]] = defaultdict(list)
    for claim in sort_claims(claims, SortKey.date):
        if claim.value is not None and claim.value.is_numeric and claim.date and claim.status != "retracted":
            key = claim.question()
            if key is not None:
                questions[key].append(claim)
    found = []
    for key, group in sorted(questions.items()):
        if len(group) < 2:
            continue
        by_source: dict[str, list[Point]] = defaultdict(list)
        for claim in group:
            value = claim.value
            assert value is not None
            by_source[", ".join(claim.originators())].append(
                Point(claim, value.figure, superseded.get(claim.id, ())))
        units = by_unit((c.value, c.value.unit) for c in group if c.value)
        labels = sorted(unit_label(spellings) for unit, spellings in units.items() if unit is not None)
        # Values in different units share no scale: the chart says so rather than draw them as one.
        found.append(Series(str(key), " / ".join(labels) if labels else None, dict(by_source),
                            mixed_units=len(labels) > 1))
    return found
