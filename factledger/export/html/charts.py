"""Time charts as geometry for inline SVG: one per numeric question and unit, drawn by the page template.

The points are the timeline's (:mod:`factledger.query.timeline`): every dated figure in the order of
time, superseded figures drawn and marked, withdrawn and retracted ones left out and named. Here they are
placed on a true time axis (a date known to the month spans its month) and a value axis that starts at
zero, labelled with the unit, whole; a range is drawn from its low to its high, and an open bound as an
arrow from its threshold the way it is open ("at least 3,000" points up). The same points are listed in a
table beside the chart, so nothing is said only by a picture.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from factledger.model.entries import format_number
from factledger.model.units import by_unit, unit_label
from factledger.query.timeline import Point, Series

WIDTH, HEIGHT = 520, 250
LEFT, RIGHT, TOP, BOTTOM = 82, 44, 16, 48  # the plot's margins: room for the axes' labels (half a date's right)
COLOURS = 6  # series colours in the stylesheet (.s0 to .s5)
# Then shapes: sources beyond the colours take the colours again with another marker, so that no two sources
# look alike until colours × shapes (24) sources are drawn on one page.
SHAPES = ("circle", "square", "triangle", "diamond")


@dataclass(frozen=True)
class Tick:
    at: float  # the position on its axis, in the SVG's units
    label: str


@dataclass(frozen=True)
class Mark:
    """One figure: a point at (x, y), the span of its date (x_from to x_to) and of its value (y_low to
    y_high, a range), an arrow for an open bound, hollow when superseded."""

    claim: str
    x: float
    y: float
    x_from: float
    x_to: float
    y_low: float
    y_high: float
    bound: str | None  # 'lower' (at least, more than), 'upper' (at most, less than) or None
    superseded: bool
    colour: int
    label: str  # what the mark says, as its tooltip and for screen readers
    shape: int = 0  # of SHAPES
    clipped: bool = False  # the span starts later than its date does (see _spans): drawn dashed

    @property
    def marker(self) -> str:
        """The marker's outline (an SVG path) when it is not a circle."""
        return marker(self.shape, self.x, self.y)


def marker(shape: int, x: float, y: float, r: float = 5) -> str:
    """A marker of ``shape`` centred at (x, y), about as large as a circle of radius ``r``; '' for a circle."""
    if SHAPES[shape] == "square":
        return f"M{x - r + 0.5:g} {y - r + 0.5:g}h{2 * r - 1:g}v{2 * r - 1:g}h{1 - 2 * r:g}Z"
    if SHAPES[shape] == "triangle":
        return f"M{x:g} {y - r - 1:g}L{x + r + 0.5:g} {y + r - 0.5:g}H{x - r - 0.5:g}Z"
    if SHAPES[shape] == "diamond":
        return f"M{x:g} {y - r - 1:g}L{x + r + 1:g} {y:g}L{x:g} {y + r + 1:g}L{x - r - 1:g} {y:g}Z"
    return ""


@dataclass(frozen=True)
class Figure:
    """A row of the table beside the chart."""

    date: str
    sources: str
    value: str
    claim: str
    note: str


@dataclass(frozen=True)
class Chart:
    question: str
    unit: str  # the value axis's label: the unit as written, or "value" when there is none
    marks: list[Mark]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    legend: list[tuple[int, str, int]]  # (colour, sources, shape)
    figures: list[Figure]
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (claim, why): not drawn
    width: int = WIDTH
    height: int = HEIGHT
    plot: tuple[float, float, float, float] = (LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM)  # x0, y0, x1, y1


def charts_of(series: Series, styles: dict[str, int] | None = None) -> list[Chart]:
    """The charts of one question's series: one per unit, since figures in different units share no scale.
    ``styles`` numbers the sources in the order the page first draws them, shared by every chart of a page,
    so that one source keeps its colour and marker in all of them."""
    styles = {} if styles is None else styles
    groups = by_unit((p.claim.value, p) for p in series.points if p.claim.value is not None)
    found = []
    for key in sorted(groups, key=lambda k: (k is not None, k or "")):
        members = {id(p) for p in groups[key]}
        points = [p for p in series.points if id(p) in members]  # in the order of time
        unit = unit_label(p.claim.value.unit for p in points if p.claim.value) if key is not None else ""
        drawn = {p.claim.id for p in points}
        found.append(_chart(series.question, unit, points, [(c, why) for c, why in series.left_out if c not in drawn],
                            styles))
    return found


def _span(point: Point) -> tuple[int, int]:
    date = point.claim.date
    assert date is not None  # the timeline draws dated figures only
    first, last = date.first(), date.last()
    start = (first or last or dt.date.min).toordinal()
    return start, (last or first or dt.date.min).toordinal()


def _spans(points: list[Point]) -> list[tuple[int, int]]:
    """Each figure's span of days as drawn. A figure dated only to a month or a year among figures of days
    within it (the timeline's ``placed``) is drawn at the last day its date allows, as every view orders it,
    and its span starts no earlier than the question's first figure of its own: a month's bar begun on the
    1st would show a figure standing before anything was said, above the figures said after it. The cut is
    said: the bar is drawn dashed and the figure's note says from when."""
    spans = [_span(p) for p in points]
    first = min((s for p, (s, _) in zip(points, spans, strict=True) if not p.placed), default=None)
    return [(max(s, first), e) if p.placed and first is not None else (s, e)
            for p, (s, e) in zip(points, spans, strict=True)]


def _chart(question: str, unit: str, points: list[Point], left_out: list[tuple[str, str]],
           styles: dict[str, int]) -> Chart:
    whole = [_span(p) for p in points]
    spans = _spans(points)
    days = (min(s for s, _ in spans), max(e for _, e in spans))
    if days[1] - days[0] < 30:  # a few days or a month still get an axis to stand on, the figures spread on it
        margin = max(1, (days[1] - days[0]) // 4)
        days = (days[0] - margin, days[1] + margin)
    values = [v for p in points for v in _extent(p)]
    # Room above a bound open upwards and below one open downwards for its arrow (a tenth of the plot's height).
    reach = 0.12 * (max(0.0, *values) - min(0.0, *values))
    floor = min(0.0, *values)  # counts never reach below nought for an arrow's sake
    values += [p.figure + reach if p.bound == "lower" else max(floor, p.figure - reach) for p in points if p.bound]
    y_ticks_at = _nice_ticks(min(0.0, *values), max(0.0, *values))
    low, high = y_ticks_at[0], y_ticks_at[-1]
    x0, y0, x1, y1 = LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM

    def x(day: float) -> float:
        return round(x0 + (day - days[0]) / (days[1] - days[0]) * (x1 - x0), 1)

    def y(value: float) -> float:
        return round(y1 - (value - low) / (high - low) * (y1 - y0), 1)

    legend: dict[str, int] = {}
    marks, figures = [], []
    for point, (start, end), (begun, _) in zip(points, spans, whole, strict=True):
        sources = ", ".join(point.claim.originators())
        style = legend.setdefault(sources, styles.setdefault(sources, len(styles)))
        colour, shape = style % COLOURS, style // COLOURS % len(SHAPES)
        low_value, high_value = _extent(point)
        shown = _value(point, unit)
        note = _note(point, dt.date.fromordinal(start) if start > begun else None)
        marks.append(Mark(point.claim.id, x(end if point.placed else (start + end) / 2), y(point.figure), x(start),
                          x(end), y(low_value), y(high_value), point.bound, bool(point.superseded_by), colour,
                          f"{point.claim.date}: {sources}, {shown}" + (f" ({note})" if note else ""), shape,
                          start > begun))
        figures.append(Figure(str(point.claim.date), sources, shown, point.claim.id, note))
    return Chart(question, unit or "value", marks, _date_ticks(days, x), [Tick(y(t), format_number(_tidy(t)))
                                                                        for t in y_ticks_at],
                 [(c % COLOURS, s, c // COLOURS % len(SHAPES)) for s, c in legend.items()], figures, left_out)


def _extent(point: Point) -> tuple[float, float]:
    value = point.claim.value
    if value is not None and value.kind == "range":
        low, high = value.ends()
        return float(low), float(high)
    return point.figure, point.figure


def _value(point: Point, unit: str) -> str:
    value = point.claim.value
    assert value is not None
    shown = value.display(prose=True)
    return shown.removesuffix(f" {value.unit}") if value.unit and unit else shown  # the axis names the unit


def _note(point: Point, cut: dt.date | None = None) -> str:
    """What the figures table says beside the value; ``cut``: the day its bar is drawn from, when later than its
    date's first."""
    parts = []
    if point.placed:
        parts.append(f"dated only to {point.claim.date}: drawn at the last day it allows"
                     + (f", its bar from the question's first figure ({cut.isoformat()})" if cut else ""))
    if point.bound == "lower":
        parts.append("a lower bound: at least this")
    elif point.bound == "upper":
        parts.append("an upper bound: at most this")
    if point.superseded_by:
        parts.append(f"superseded by {', '.join(point.superseded_by)}")
    return "; ".join(parts)


def _tidy(value: float) -> float | int:
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else value


def _nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round values from at most ``low`` to at least ``high``, about ``count`` steps apart."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step)
    steps = max(1, math.ceil(high / step) - first)  # multiples of the step: no sum of rounded floats
    return [(first + i) * step for i in range(steps + 1)]


def _date_ticks(days: tuple[int, int], place: Callable[[float], float]) -> list[Tick]:
    """Ticks at the start of years, or of months, or of days, whichever gives two to seven of them."""
    first, last = dt.date.fromordinal(days[0]), dt.date.fromordinal(days[1])
    for step in (1, 2, 5, 10, 25, 50, 100):  # years
        years = [y for y in range(first.year, last.year + 1) if y % step == 0 and
                 days[0] <= dt.date(y, 1, 1).toordinal() <= days[1]]
        if 2 <= len(years) <= 7:
            return [Tick(place(dt.date(y, 1, 1).toordinal()), str(y)) for y in years]
        if len(years) < 2:
            break
    for step in (1, 2, 3, 6):  # months
        months = [(y, m) for y in range(first.year, last.year + 1) for m in range(1, 13, step)
                  if days[0] <= dt.date(y, m, 1).toordinal() <= days[1]]
        if 2 <= len(months) <= 5:  # six would touch
            return [Tick(place(dt.date(y, m, 1).toordinal()), f"{y:04d}-{m:02d}") for y, m in months]
        if len(months) < 2:
            break
    # Days: at most four, so that whole dates never run into each other, even on a phone.
    span = max(1, -(-(days[1] - days[0]) // 3))
    return [Tick(place(d), dt.date.fromordinal(d).isoformat()) for d in range(days[0], days[1] + 1, span)]
