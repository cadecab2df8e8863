"""What a number in the ledger may be: the one policy on digits and magnitude.

Every number reaches the model through :func:`number_problem`, so nothing downstream (interval
arithmetic, charts, JSON, SQLite) ever meets a number it cannot convert or compute with:
Python cannot print an int of more than 4,300 digits, a float overflows past about 1.8e308, and
a literal such as 1e-400 would silently read as 0.
"""

from __future__ import annotations

import math
import re

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
