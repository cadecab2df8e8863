"""What a number in the ledger may be: the one policy on digits and magnitude.

Every number reaches the model through :func:`number_problem`, so nothing downstream (interval
arithmetic, charts, JSON, SQLite) ever meets a number it cannot convert or compute with:
Python cannot print an int of more than 4,300 digits, a float overflows past about 1.8e308, and
a literal such as 1e-400 would silently read as 0.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
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
_AFTER = (  # (words after the figure, the kind they mean): "1,500 or more" is at least 1,500, never a unit
    (("or more", "and more", "or over", "and over", "or above", "and above", "or higher", "and up", "plus", "+"),
     "at_least"),
    (("or less", "or fewer", "or under", "and under", "or below", "and below", "or lower"), "at_most"),
    (("or so",), "approx"),
)
_AFTER_KIND = {words: kind for openings, kind in _AFTER for words in openings}
# Words that are never a unit's: what is left of a hedge or a scale this reader does not know where it stands
# ("1500 at most", "1500 more or less", "100+ million"). A unit holding one means no reading, never a guess.
_NOT_UNIT = frozenset(set(_SCALES) | {
    "more", "less", "fewer", "plus", "minus", "than", "most", "least", "maximum", "minimum", "approximately",
    "approx", "about", "around", "roughly", "nearly", "almost", "estimated", "counting", "odd", "give", "take"})
_FIGURE = r"[-+]?(?:[0-9]{1,3}(?:[,\u202f\u00a0 ][0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_SCALE = r"(?:\s*(?:k|thousand|million|mln|mn|bn|billion|trillion)\b|(?<=[0-9])m\b)?"
_NUMBER = re.compile(f"({_FIGURE}){_SCALE}", re.IGNORECASE)
_AFTER_WORDS = "(?:" + "|".join(
    w.replace(" ", r"\s+") for w in sorted(_AFTER_KIND, key=len, reverse=True) if w != "+") + r")\b"
_HEDGE_AFTER = rf"\s*\+|\s+{_AFTER_WORDS}"
_UNIT_WORD = rf"(?!{_AFTER_WORDS})[a-z][a-z-]*"  # a unit word never opens a hedge ("1,500 soldiers or more")
_UNIT = rf"(?:\s+({_UNIT_WORD}(?:\s+{_UNIT_WORD}){{0,2}}))?"
_ONE = re.compile(rf"\s*(?P<figure>{_FIGURE}{_SCALE})(?P<before>{_HEDGE_AFTER})?{_UNIT}(?P<after>{_HEDGE_AFTER})?\s*",
                  re.IGNORECASE)
_RANGE = re.compile(rf"\s*(?:between\s+|from\s+)?(?P<low>{_FIGURE}{_SCALE})\s*(?:-|–|—|to|and)\s*"
                    rf"(?P<high>{_FIGURE}{_SCALE}){_UNIT}\s*", re.IGNORECASE)
_GROUP = re.compile(r"[,\u202f\u00a0 ]")

Fields = dict[str, int | float | str]


def _parts(written: str) -> tuple[Decimal, int | None]:
    """A figure's digits and its scale (None when no scale word follows it)."""
    match = _NUMBER.fullmatch(written.strip())
    assert match is not None
    scale = written.strip()[match.end(1):].strip().lower()
    # Decimal, so "1.1 million" is 1100000 and not 1100000.0000000002.
    return Decimal(_GROUP.sub("", match.group(1))), (_SCALES[scale] if scale else None)


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _figure(written: str) -> int | float:
    digits, scale = _parts(written)
    return _number(digits * (scale or 1))


@dataclass(frozen=True)
class _Reading:
    kind: str
    fields: Fields
    other: Fields | None = None  # the second reading, when the text reads two ways
    doubt: str | None = None  # why the one reading is not certain


def _range(low_text: str, high_text: str, unit: str | None) -> _Reading:
    """A range's reading: a scale said once, after the second figure, is said for both ("2-3 million")."""
    low, low_scale = _parts(low_text)
    high, high_scale = _parts(high_text)
    doubt: str | None = None
    other: Fields | None = None
    if high_scale is not None and low_scale is None:
        if low < high:
            low_scale = high_scale
        else:  # "500 to 2 million": the scale for both would run the range backwards; 500 thousand is a guess
            doubt = f"the scale word may be meant for '{low_text.strip()}' too"
    elif high_scale is None and low_scale is None and not _GROUP.search(low_text.strip()):
        # "2-3,000" is 2 to 3,000, or 2,000 to 3,000 with the thousands said once: no reading is certain.
        groups = len(_GROUP.findall(high_text.strip()))
        shared = low * 1000**groups
        if groups and shared != low and shared < high:  # "1-1,000" is no range from 1,000 to 1,000
            other = {"low": _number(shared), "high": _number(high)}
    written = (_number(low * (low_scale or 1)), _number(high * (high_scale or 1)))
    if written[0] > written[1] and (low_scale is None) != (high_scale is None):
        # "2 million to 3" runs backwards only through a scale word: which figure it belongs to is a guess.
        doubt = f"the scale word may be meant for '{(high_text if low_scale else low_text).strip()}' too"
    if written[0] > written[1] and doubt is None and low_scale is None and high_scale is None:
        # "between 1,000 and 500" may be the same range written backwards, or "1990-95" a shortened span;
        # "between 3 million and 2 million" is plainly the former.
        doubt = f"the range is written backwards ({low_text.strip()} to {high_text.strip()})"
    ends = sorted(written)
    fields: Fields = {"low": ends[0], "high": ends[1]}
    if unit:
        fields["unit"] = unit
        if other is not None:
            other["unit"] = unit
    return _Reading("range", fields, other, doubt)


def _read(text: str) -> _Reading | None:
    written = " ".join(text.split())
    lowered = written.lower()
    kind, rest = "exact", written
    for openings, meaning in _HEDGES:
        # A hedge word is a word: "over-1500" is no "over" before a figure.
        opening = next((o for o in openings if lowered.startswith(o)
                        and not (o[-1].isalpha() and lowered[len(o):len(o) + 1] not in ("", " "))), None)
        if opening is not None:
            kind, rest = meaning, written[len(opening):]
            break
    if kind == "exact":
        both = _RANGE.fullmatch(rest)
        if both is not None:
            return _range(both.group("low"), both.group("high"), both.group(3))
    one = _ONE.fullmatch(rest)
    if one is None:
        return None
    hedges = [h for h in (one.group("before"), one.group("after")) if h]
    if hedges and (kind != "exact" or len(hedges) > 1):
        return None  # "about 1,500 or more" says two hedges for one figure
    if hedges:
        kind = _AFTER_KIND[" ".join(hedges[0].split()).lower()]
    if one.group(3) and _NOT_UNIT & set(one.group(3).lower().split()):
        return None  # "1500 more or less", "100+ million", "2 or so thousand": a hedge or a scale left over
    fields: Fields = {kind: _figure(one.group("figure"))}
    if one.group(3):
        fields["unit"] = one.group(3)
    doubt = None
    if kind == "exact" and _parts(one.group("figure"))[1] is not None:
        # "25k" is 25000 as written, with no hedge; but an abbreviated figure is often a rounded one.
        doubt = f"'{one.group('figure').strip()}' may be rounded, which {{approx: {fields[kind]}}} would say"
    return _Reading(kind, fields, None, doubt)


def parse_quantity(text: str) -> tuple[str, Fields] | None:
    """How a number written in words or symbols would be written as a value, or None if it is not one.

    ``1500``, ``1,500``, ``~1500``, ``≈1,500``, ``about 1,500``, ``approximately``, ``around``, ``>3000``,
    ``more than``, ``over``, ``at least``, ``≥``, ``12,000+``, ``1,500 or more``, ``up to``, ``at most``,
    ``1,500 or fewer``, ``fewer than``, ``10,000-12,000``, ``between 10,000 and 12,000``, ``2-3 million``
    (both ends in millions), ``25k``, ``1.2 million``, with an optional unit of up to three words (``about
    1,500 soldiers``). Returns (the hedge, the value's fields): ("approx", {"approx": 1500, "unit":
    "soldiers"}). A range that reads two ways (``2-3,000``) is read as written; :func:`second_reading` gives
    the other reading.
    """
    read = _read(text)
    return None if read is None else (read.kind, read.fields)


def second_reading(text: str) -> Fields | None:
    """The other reading of a range such as ``2-3,000`` (2,000 to 3,000, the thousands said once), or None
    when the text has one reading at most."""
    read = _read(text)
    return None if read is None else read.other


def reading_doubt(text: str) -> str | None:
    """Why the one reading of ``text`` is not certain (``25k``: exact, or rounded?), or None when it is."""
    read = _read(text)
    return None if read is None else read.doubt


_DOT_THOUSANDS = re.compile(r"(?<![0-9.,])[0-9]{1,3}(?:\.[0-9]{3})+(?![0-9.,])")


def dot_thousands(text: str) -> bool:
    """Whether ``text`` holds a figure such as ``1.500``, which reads as 1.5 here and as 1500 where a dot
    separates thousands: a reading of it needs saying both ways."""
    return _DOT_THOUSANDS.search(text) is not None


def quantity_text(fields: Fields) -> str:
    """The value's fields as a person writes them in the ledger: {approx: 1500, unit: soldiers}."""
    return "{" + ", ".join(f"{key}: {value}" for key, value in fields.items()) + "}"
