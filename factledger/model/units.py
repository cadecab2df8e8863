"""What a unit is: the one policy for when two units are the same, and how a group of them is named.

Units are free text, so ``Soldiers``, ``soldiers`` and ``soldiers `` must be one unit everywhere:
when claims are compared, charted, grouped into a timeline or summarised. Every part of
factledger that asks "same unit?" or "what do I call this unit?" asks here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from factledger.model.entries import Value

T = TypeVar("T")


def unit_key(unit: str | None) -> str | None:
    """The unit's identity: case and surrounding space ignored; None for no unit (or a blank one)."""
    if unit is None:
        return None
    key = unit.strip().casefold()
    return key or None


def unit_label(spellings: Iterable[str | None]) -> str:
    """How to name one unit written several ways: its most common spelling (ties: the first in order)."""
    counts = Counter(s.strip() for s in spellings if s and s.strip())
    if not counts:
        return ""
    return min(counts, key=lambda s: (-counts[s], s))


def by_unit(values: Iterable[tuple[Value, T]]) -> dict[str | None, list[T]]:
    """Items grouped by their value's unit; an item without a unit joins the only unit there is, if
    there is exactly one (it is taken to be in the question's unit), else stays apart under None."""
    grouped: dict[str | None, list[T]] = {}
    unitless: list[T] = []
    for value, item in values:
        key = unit_key(value.unit)
        if key is None:
            unitless.append(item)
        else:
            grouped.setdefault(key, []).append(item)
    if unitless:
        if len(grouped) == 1:
            next(iter(grouped.values())).extend(unitless)
        else:
            grouped[None] = unitless
    return grouped
