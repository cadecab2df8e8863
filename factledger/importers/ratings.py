"""Verdicts from ClaimReview ratings: a rating's number, read on its scale, and its label."""

from __future__ import annotations

import math
import re
from typing import Any

from factledger.importers.text import fit


def _text(node: dict[str, Any], key: str) -> str | None:
    value = node.get(key)
    if isinstance(value, str) and value.strip():
        return fit(value) or None
    return None


_DISPUTED = ("mixture", "mixed", "half", "partly", "partially", "misleading", "exaggerat", "unproven", "disputed",
             "context", "unsupported")
_DENIED = ("false", "pants", "incorrect", "wrong", "fake", "fabricated", "not true", "hoax", "misattributed", "denied")
_CONFIRMED = ("true", "correct", "accurate", "confirmed", "verified")


def _status_from_label(label: str) -> str | None:
    lowered = label.casefold()
    for words, status in ((_DISPUTED, "disputed"), (_DENIED, "denied"), (_CONFIRMED, "confirmed")):
        if any(word in lowered for word in words):
            return status
    return None


# A rating written as text: ASCII digits only. float() would also take "4_5" (as 45) and digits of
# other scripts ("５"), which no rating scale means.
_NUMERIC = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def _number(value: Any) -> float | None:
    """A finite number from a number or numeric text; None for anything else (NaN, ∞, huge, words)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        if not _NUMERIC.fullmatch(value.strip()):
            return None
        value = value.strip()
    elif not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except (ValueError, OverflowError):
        return None
    # Bounded well inside float range, so that a scale's width (best - worst) is finite too.
    return number if math.isfinite(number) and abs(number) <= 1e15 else None


def verdict(rating: Any) -> tuple[str, str]:
    """(status, what the notes should say about the rating)."""
    if isinstance(rating, str) and rating.strip():
        rating = {"alternateName": rating}
    if not isinstance(rating, dict):
        return "reported", "no rating given, so no verdict was recorded"
    label = _text(rating, "alternateName") or _text(rating, "name")
    value = _number(rating.get("ratingValue"))
    best = _number(rating.get("bestRating"))
    worst = _number(rating.get("worstRating"))
    best = 5.0 if best is None else best  # schema.org's defaults
    worst = 1.0 if worst is None else worst
    from_label = _status_from_label(label) if label else None
    unusable = ""
    if value is not None and best == worst:
        unusable = f"the rating scale runs from {worst:g} to {best:g}, which has no range, so its number was not used; "
    elif value is not None and min(best, worst) <= value <= max(best, worst):
        place = (value - worst) / (best - worst)
        status = "confirmed" if place >= 0.75 else "denied" if place <= 0.25 else "disputed"
        said = f"rated {value:g} on a scale from {worst:g} to {best:g}" + (f", labelled '{label}'" if label else "")
        if from_label is not None and from_label != status:
            said += f"; the label suggests {from_label}, the number {status}: the number was used"
        return status, said
    elif value is not None:
        unusable = f"the rating {value:g} is outside its scale ({worst:g} to {best:g}) and was not used; "
    elif rating.get("ratingValue") is not None:
        unusable = "the rating value is not a usable number and was not used; "
    if from_label is not None:
        return from_label, f"{unusable}labelled '{label}'"
    if label:
        return "reported", f"{unusable}labelled '{label}', which does not map to a verdict, so none was recorded"
    return "reported", f"{unusable}the rating has no usable number or label, so no verdict was recorded"


