"""How a numeric question's figures moved over time: the points of every chart (`timeline`, the markdown
export's Mermaid charts, and any chart to come), decided once.

* Every dated figure of the question, in the order of time: by date, then by when it was said, then by
  id; never grouped by source first, so a count reported 3, 4, 5 over three days is drawn 3, 4, 5.
* A figure dated only to a month or a year is placed at the last day its date allows (by then it had
  been said), labelled with its date as written; where that puts it among figures of days within its
  date, it is named beside the chart as placed so. Drawn at its first day, "September" would come
  before the 12th and invert a count that grew through the month.
* A figure superseded by a later one (a count that grew) is drawn, and marked as superseded.
* Figures that no longer stand for their own time are left out and named beside the chart: an estimate
  its source withdrew (revised for the same time), a retracted claim, and one its own source disputes.
* An open bound is drawn as a bound ("≥5" is at least 5, never a plain 5), and units are written whole.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Set
from dataclasses import dataclass, field

from factledger.check.compare import said_span
from factledger.model.entries import Claim, Ledger, QuestionKey, Value
from factledger.model.units import by_unit, unit_label

_LOWER = ("at_least", "more_than")
_UPPER = ("at_most", "less_than")


@dataclass(frozen=True)
class Point:
    claim: Claim
    figure: float  # the number to draw: the value itself, a bound's threshold, or a range's middle
    superseded_by: tuple[str, ...] = ()  # drawn, but marked: a later figure has taken its place
    placed: bool = False  # dated only to a month or year, among figures of days within it: drawn at its last day

    @property
    def bound(self) -> str | None:
        """'lower' for "at least" and "more than", 'upper' for "at most" and "less than", else None."""
        kind = self.claim.value.kind if self.claim.value is not None else ""
        return "lower" if kind in _LOWER else "upper" if kind in _UPPER else None


@dataclass(frozen=True)
class Series:
    question: str
    unit: str | None
    by_source: dict[str, list[Point]]
    mixed_units: bool = False
    points: list[Point] = field(default_factory=list)  # every point, in the order of time
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (claim, why) not drawn: withdrawn, retracted

    @property
    def largest(self) -> float:
        return max((abs(p.figure) for p in self.points), default=0.0)


def in_time(claims: list[Claim]) -> list[Claim]:
    """Dated claims in the order of time: the last day their date allows, then its first (a month before a
    day at its end), then when said (citations' dates), then id."""
    def key(claim: Claim) -> tuple[object, ...]:
        first, last = _days(claim)
        said = said_span(claim)
        return (last, first, said if said is not None else (float("inf"), float("inf")), claim.id)
    return sorted(claims, key=key)


def _days(claim: Claim) -> tuple[int, int]:
    assert claim.date is not None
    first, last = claim.date.first(), claim.date.last()
    return (first.toordinal() if first else 0, last.toordinal() if last else 10**7)


def _placed(claim: Claim, others: list[Claim]) -> bool:
    """Whether a figure of a month or a year is drawn among figures of other days within its date."""
    first, last = _days(claim)
    return first < last and any(first <= _days(o)[0] and _days(o)[1] <= last and _days(o) != (first, last)
                                for o in others)


def chart_points(claims: list[Claim], superseded: Mapping[str, tuple[str, ...]], withdrawn: Set[str],
                 disowned: Mapping[str, str] | None = None) -> tuple[list[Point], list[tuple[str, str]]]:
    """The points of one question's chart, in the order of time, and what is left out with why (``disowned``:
    the claims their own source disputes, each with the claim that does)."""
    disowned = disowned or {}
    points: list[Point] = []
    left_out: list[tuple[str, str]] = []
    dated = in_time([c for c in claims if c.value is not None and c.value.is_numeric and c.date is not None])
    for claim in dated:
        value = claim.value
        assert value is not None
        if claim.status == "retracted":
            left_out.append((claim.id, "retracted"))
        elif claim.id in disowned:
            left_out.append((claim.id, f"disowned: its own source disputes it in {disowned[claim.id]}"))
        elif claim.id in withdrawn:
            by = ", ".join(superseded.get(claim.id, ())) or "its source"
            left_out.append((claim.id, f"withdrawn: {by} revised it for the same time"))
        else:
            points.append(Point(claim, value.figure, superseded.get(claim.id, ()), _placed(claim, dated)))
    return points, left_out


def numeric_series(claims: list[Claim], ledger: Ledger, superseded: dict[str, tuple[str, ...]] | None = None,
                   withdrawn: Set[str] = frozenset(), disowned: Mapping[str, str] | None = None) -> list[Series]:
    """For each question with two or more dated numeric values that stand: its points, in the order of time."""
    superseded = superseded or {}
    questions: dict[QuestionKey, list[Claim]] = defaultdict(list)
    for claim in claims:
        key = claim.question()
        if key is not None and claim.value is not None and claim.value.is_numeric and claim.date:
            questions[key].append(claim)
    found = []
    for key, group in sorted(questions.items()):
        points, left_out = chart_points(group, superseded, withdrawn, disowned)
        if len(points) < 2:
            continue
        by_source: dict[str, list[Point]] = defaultdict(list)
        for point in points:
            by_source[", ".join(point.claim.originators())].append(point)
        units = by_unit((p.claim.value, p.claim.value.unit) for p in points if p.claim.value)
        labels = sorted(unit_label(spellings) for unit, spellings in units.items() if unit is not None)
        # Values in different units share no scale: the chart says so rather than draw them as one.
        found.append(Series(str(key), " / ".join(labels) if labels else None, dict(by_source),
                            mixed_units=len(labels) > 1, points=points, left_out=left_out))
    return found


def bounded(value: Value | None) -> str | None:
    """How a point's value is marked on a chart: '≥' for a lower bound, '≤' for an upper one, else None."""
    if value is None:
        return None
    return "≥" if value.kind in _LOWER else "≤" if value.kind in _UPPER else None
