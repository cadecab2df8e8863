"""What a number in the ledger may be: the one policy on digits and magnitude.

Every number reaches the model through :func:`number_problem`, so nothing downstream (interval
arithmetic, charts, JSON, SQLite) ever meets a number it cannot convert or compute with:
Python cannot print an int of more than 4,300 digits, a float overflows past about 1.8e308, and
a literal such as 1e-400 would silently read as 0.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

MAX_MAGNITUDE = 1e300  # n * (1 + tolerance), midpoints and sums of two stay finite below this
MIN_MAGNITUDE = 1e-300  # a nonzero number smaller than this loses its digits or reads as 0
MAX_DIGITS = 300

_DIGIT = re.compile(r"[0-9]")
_NONZERO_MANTISSA = re.compile(r"^[^eE]*[1-9]")
_SPECIAL = re.compile(r"^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)\Z")


def number_problem(value: int | float, written: str) -> str | None:
    """Why the number ``written`` (read as ``value``) cannot be used, or None when it can."""
    if _SPECIAL.match(written.strip()):
        return f"must be a finite number, not {written.strip()}"
    text = written.strip()
    digits = len(text) - 2 if text.startswith(("0x", "0o")) else len(_DIGIT.findall(text))
    if digits > MAX_DIGITS:
        return f"has {digits:,} digits; a number may have at most {MAX_DIGITS}"
    if isinstance(value, float) and math.isnan(value):
        return "is not a number"
    # abs() of an int is compared exactly (converting a huge int to float would overflow).
    if (isinstance(value, float) and math.isinf(value)) or abs(value) > MAX_MAGNITUDE:
        return "is too large: a number may be at most 1e300 in size"
    if value == 0:
        # All of a zero's digits are zeros, unless it is a float literal that underflowed.
        if _NONZERO_MANTISSA.match(written):
            return "is too small: it would be read as 0 (a nonzero number must be at least 1e-300 in size)"
        return None
    if abs(value) < MIN_MAGNITUDE:
        return "is too small: a nonzero number must be at least 1e-300 in size"
    return None


# -- numbers as people write them ----------------------------------------------------------------

_HEDGES = (  # (words that open the phrase, the kind they mean); longest first where they overlap
    # "nearly" and "almost" lean below their figure; an interval around it is the nearest hedge a value has.
    (("approximately", "approx.", "approx", "about", "around", "roughly", "circa", "ca.", "c.", "some", "nearly",
      "almost", "close to", "~", "≈"), "approx"),
    (("at least", "no fewer than", "no less than", "≥", ">="), "at_least"),
    (("more than", "in excess of", "over", "above", ">"), "more_than"),
    (("up to", "at most", "no more than", "as many as", "≤", "<="), "at_most"),
    (("fewer than", "less than", "under", "below", "<"), "less_than"),
)
_SCALES = {"k": 10**3, "thousand": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "million": 10**6,
           "bn": 10**9, "billion": 10**9, "trillion": 10**12}
_FIGURE = r"[-+]?(?:[0-9]{1,3}(?:[,\u202f\u00a0 ][0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_SCALE = r"(?:\s*(?:k|thousand|million|mln|mn|bn|billion|trillion)\b|(?<=[0-9])m\b)?"
_NUMBER = re.compile(f"({_FIGURE}){_SCALE}", re.IGNORECASE)
_UNIT = r"(?:\s+([a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2}))?"
_ONE = re.compile(rf"\s*(?P<figure>{_FIGURE}{_SCALE})(?P<plus>\+)?{_UNIT}\s*", re.IGNORECASE)
_RANGE = re.compile(rf"\s*(?:between\s+|from\s+)?(?P<low>{_FIGURE}{_SCALE})\s*(?:-|–|—|to|and)\s*"
                    rf"(?P<high>{_FIGURE}{_SCALE}){_UNIT}\s*", re.IGNORECASE)


def _figure(written: str) -> int | float:
    match = _NUMBER.fullmatch(written.strip())
    assert match is not None
    digits = re.sub(r"[,\u202f\u00a0 ]", "", match.group(1))
    scale = written.strip()[match.end(1):].strip().lower()
    # Decimal, so "1.1 million" is 1100000 and not 1100000.0000000002.
    value = Decimal(digits) * _SCALES[scale] if scale else Decimal(digits)
    return int(value) if value == value.to_integral_value() else float(value)


def parse_quantity(text: str) -> tuple[str, dict[str, int | float | str]] | None:
    """How a number written in words or symbols would be written as a value, or None if it is not one.

    ``1500``, ``1,500``, ``~1500``, ``≈1,500``, ``about 1,500``, ``approximately``, ``around``, ``>3000``,
    ``more than``, ``over``, ``at least``, ``≥``, ``12,000+``, ``up to``, ``at most``, ``fewer than``,
    ``10,000-12,000``, ``between 10,000 and 12,000``, ``25k``, ``1.2 million``, with an optional unit of
    up to three words (``about 1,500 soldiers``). Returns (the hedge, the value's fields): ("approx",
    {"approx": 1500, "unit": "soldiers"}).
    """
    written = " ".join(text.split())
    lowered = written.lower()
    kind, rest = "exact", written
    for openings, meaning in _HEDGES:
        opening = next((o for o in openings if lowered.startswith(o)), None)
        if opening is not None:
            kind, rest = meaning, written[len(opening):]
            break
    if kind == "exact":
        both = _RANGE.fullmatch(rest)
        if both is not None:
            # "between 1,000 and 500" is the same range written backwards.
            low, high = sorted((_figure(both.group("low")), _figure(both.group("high"))))
            fields: dict[str, int | float | str] = {"low": low, "high": high}
            if both.group(3):
                fields["unit"] = both.group(3)
            return "range", fields
    one = _ONE.fullmatch(rest)
    if one is None or (kind != "exact" and one.group("plus")):
        return None
    if one.group("plus"):
        kind = "at_least"
    fields = {kind: _figure(one.group("figure"))}
    if one.group(3):
        fields["unit"] = one.group(3)
    return kind, fields


_DOT_THOUSANDS = re.compile(r"(?<![0-9.,])[0-9]{1,3}(?:\.[0-9]{3})+(?![0-9.,])")


def dot_thousands(text: str) -> bool:
    """Whether ``text`` holds a figure such as ``1.500``, which reads as 1.5 here and as 1500 where a dot
    separates thousands: a reading of it needs saying both ways."""
    return _DOT_THOUSANDS.search(text) is not None


def quantity_text(fields: dict[str, int | float | str]) -> str:
    """The value's fields as a person writes them in the ledger: {approx: 1500, unit: soldiers}."""
    return "{" + ", ".join(f"{key}: {value}" for key, value in fields.items()) + "}"
