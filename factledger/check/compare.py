"""The arithmetic of cross-checking: values as intervals, claims' times as day ranges.

Pure functions over the model; property-tested in tests/test_compare.py.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from factledger.model.dates import periods_overlap
from factledger.model.entries import Claim, DateSpan, Value
from factledger.model.units import unit_key

INF = math.inf
_ULPS = 4  # float rounding in n * (1 ± t) is a unit or two in the last place; any real difference is more


def meets(a: float, b: float) -> bool:
    """Equal, or apart only by float rounding (a few units in the last place)."""
    if a == b:
        return True
    if not (math.isfinite(a) and math.isfinite(b)):
        return False
    return abs(a - b) <= _ULPS * math.ulp(max(abs(a), abs(b)))


@dataclass(frozen=True, slots=True)
class Interval:
    """A set of numbers between ``low`` and ``high``; an open end excludes its bound."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def intersects(self, other: Interval) -> bool:
        # The common case first: clearly overlapping, or clearly apart (far more than float rounding).
        low, high = max(self.low, other.low), min(self.high, other.high)
        if low < high and high - low > abs(high) * 1e-12 + abs(low) * 1e-12:
            return True
        if low > high and low - high > abs(high) * 1e-12 + abs(low) * 1e-12:
            return False
        if self.low > other.low:
            low, low_open = self.low, self.low_open
        elif other.low > self.low:
            low, low_open = other.low, other.low_open
        else:
            low, low_open = self.low, self.low_open or other.low_open
        if self.high < other.high:
            high, high_open = self.high, self.high_open
        elif other.high < self.high:
            high, high_open = other.high, other.high_open
        else:
            high, high_open = self.high, self.high_open or other.high_open
        close = meets(low, high)
        if low < high and not close:
            return True
        # Bounds that meet: 1.2 ± 10% reaches 1.32, though 1.2 * 1.1 is 1.3199999999999998 in floats.
        return close and not low_open and not high_open and math.isfinite(low)

    def __str__(self) -> str:
        if self.low == self.high and not (self.low_open or self.high_open):
            return _fmt(self.low)
        left = "(" if self.low_open else "["
        right = ")" if self.high_open else "]"
        return f"{left}{_fmt(self.low)}, {_fmt(self.high)}{right}"


def _fmt(x: float) -> str:
    if math.isinf(x):
        return "-∞" if x < 0 else "∞"
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"


def interval(value: Value, tolerance: float) -> Interval:
    """A numeric value as an interval; ``approx`` widens by ``tolerance`` (a fraction) either side."""
    kind, n = value.kind, value.number
    if kind == "range":
        low, high = value.ends()
        return Interval(float(low), float(high))
    assert n is not None
    if kind == "exact":
        return Interval(n, n)
    if kind == "approx":
        spread = abs(n) * tolerance
        return Interval(n - spread, n + spread)
    if kind == "at_least":
        return Interval(n, INF, high_open=True)
    if kind == "more_than":
        return Interval(n, INF, low_open=True, high_open=True)
    if kind == "at_most":
        return Interval(-INF, n, low_open=True)
    if kind == "less_than":
        return Interval(-INF, n, low_open=True, high_open=True)
    raise ValueError(f"not a numeric value: {kind}")


def anchor(value: Value) -> float:
    """The one figure a numeric value stands for: its number, a range's middle, a bound's threshold."""
    return value.figure


def holds(interval: Interval, x: float) -> bool:
    """Whether ``x`` lies in ``interval`` with its ends included: a threshold lies in its own bound, so
    two claims of "more than 100,000" corroborate each other."""
    return (interval.low <= x or meets(interval.low, x)) and (x <= interval.high or meets(x, interval.high))


def corroborates(a: Interval, a_anchor: float, b: Interval, b_anchor: float) -> bool:
    """The stronger level of agreement: each value's anchor lies in the other's interval. About 3,000 and
    at least 3,000 corroborate; more than 100,000 and at least 20,000 are only consistent. Only consistent
    values can corroborate: 5 and more than 5 each hold the other's anchor at a closed end, yet conflict."""
    return a.intersects(b) and holds(a, b_anchor) and holds(b, a_anchor)


def gap(a: Interval, b: Interval) -> tuple[float, float] | None:
    """Where two intervals that do not intersect are apart: (the lower one's top, the higher one's bottom);
    None when either reaches the other's side without end."""
    lower, upper = (a, b) if a.high <= b.low else (b, a)
    if not (math.isfinite(lower.high) and math.isfinite(upper.low)):
        return None
    return lower.high, upper.low


def below(a: Interval, b: Interval) -> bool:
    """Whether ``a`` lies wholly below ``b``'s lower bound (sharing no number with it)."""
    return not a.intersects(b) and a.high <= b.low


def narrow_gap(a: Value, b: Value, ia: Interval, ib: Interval, tolerance: float) -> bool:
    """Whether two values that do not intersect are apart only by an edge: they meet at a shared bound that
    one of them leaves open ("18,000 to 20,000" and "more than 20,000"), or, when neither is an ``approx``
    (whose interval already reaches as far as the tolerance allows), the gap is within ``tolerance`` of
    their size (two exact counts a hair apart)."""
    ends = gap(ia, ib)
    if ends is None:
        return False
    top, bottom = ends
    if meets(top, bottom):
        return True
    if "approx" in (a.kind, b.kind):
        return False
    return bottom - top <= tolerance * max(abs(top), abs(bottom))


def value_class(value: Value) -> str:
    """What a value can be compared with: 'number', 'text' or 'boolean'."""
    if value.is_numeric:
        return "number"
    return value.kind


def normalised_category(value: Value) -> str:
    if value.kind == "boolean":
        return "true" if value.flag else "false"
    return (value.text or "").strip().casefold()


def agree(a: Value, b: Value, tolerance: float) -> bool:
    """Whether two comparable values agree: intervals intersect, or categories are equal."""
    if a.is_numeric:
        return interval(a, tolerance).intersects(interval(b, tolerance))
    return normalised_category(a) == normalised_category(b)


def value_key(value: Value) -> tuple[object, ...]:
    """What :func:`identical` compares, as a key: equal keys (with equal units) are identical values."""
    if value.is_numeric:
        return ("number", value.kind, value.number, value.low, value.high)
    return (value_class(value), normalised_category(value))


_UP, _DOWN = frozenset({"at_least", "more_than"}), frozenset({"at_most", "less_than"})


def restates(a: Value, b: Value) -> bool:
    """Whether one value says again what the other said, so that the later of two claims updates nothing:
    the same value, or the same number with another hedge it is consistent with ("at least 3,958" after
    "3,958": a relay putting its origin's count as a bound). "More than 3,958" after "3,958" says the count
    has passed it, and "up to 3,958" after "at least 3,958" bounds it from the other side: updates.
    Units are the caller's to compare."""
    if value_key(a) == value_key(b):
        return True
    if not (a.is_numeric and b.is_numeric) or "range" in (a.kind, b.kind) or a.number != b.number:
        return False
    if {a.kind, b.kind} & _UP and {a.kind, b.kind} & _DOWN:
        return False
    return interval(a, 0.0).intersects(interval(b, 0.0))


def identical(a: Value, b: Value, compare_units: bool = True) -> bool:
    """The same value as written (hedge, number and, unless told otherwise, unit), ignoring case and
    spacing of texts and units."""
    if a.is_numeric and b.is_numeric:
        same = (a.kind, a.number, a.low, a.high) == (b.kind, b.number, b.low, b.high)
        return same and (not compare_units or unit_key(a.unit) == unit_key(b.unit))
    return value_class(a) == value_class(b) and normalised_category(a) == normalised_category(b)


# Time -----------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Span:
    """Days as ordinals; -inf/inf where open. ``source`` says where it came from ('date', 'citations', None)."""

    first: float
    last: float
    basis: str | None


UNBOUNDED = Span(-INF, INF, None)


def _ordinals(span: DateSpan) -> tuple[float, float]:
    first, last = span.first(), span.last()
    return (first.toordinal() if first else -INF, last.toordinal() if last else INF)


def claim_span(claim: Claim) -> Span:
    """A claim's time: its date; else the span of its citations' dates; else unbounded."""
    if claim.date is not None:
        return Span(*_ordinals(claim.date), "date")
    spans = [_ordinals(c.date) for c in claim.citations if c.date is not None]
    if not spans:
        return UNBOUNDED
    return Span(min(s[0] for s in spans), max(s[1] for s in spans), "citations")


def contemporaneous(a: Span, b: Span, window_days: int) -> bool:
    """Whether two times overlap once each is widened by ``window_days`` on both sides."""
    return a.first - window_days <= b.last + window_days and b.first - window_days <= a.last + window_days


def said_span(claim: Claim) -> tuple[float, float] | None:
    """The days over which the claim's citations say it was said, or None when they give no date."""
    spans = [_ordinals(c.date) for c in claim.citations if c.date is not None]
    if not spans:
        return None
    return min(s[0] for s in spans), max(s[1] for s in spans)


def order(a: Claim, b: Claim, span_a: Span, span_b: Span) -> int:
    """1 when ``b`` is later than ``a``, -1 when earlier, 0 when nothing orders them.

    Later is by the claims' time; where those tie or overlap, by when their citations say they were
    said (the police's figure on the day, and their revised figure two days later, of the same rally).
    """
    if span_a.last < span_b.first:
        return 1
    if span_b.last < span_a.first:
        return -1
    said_a, said_b = said_span(a), said_span(b)
    if said_a is not None and said_b is not None:
        if said_a[1] < said_b[0]:
            return 1
        if said_b[1] < said_a[0]:
            return -1
    return 0


def overlap(a: Span, b: Span) -> bool:
    """Whether two times share a day (no window): what makes a revision a revision of the same fact."""
    return periods_overlap(a.first, a.last, b.first, b.last)


def first_reported(claim: Claim) -> float | None:
    """The last day of the earliest citation date: by then at least one source had said it."""
    ends = [_ordinals(c.date)[1] for c in claim.citations if c.date is not None]
    return min(ends) if ends else None


def tolerance_label(tolerance: float) -> str:
    return f"±{tolerance * 100:.4g}%"
