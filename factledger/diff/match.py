"""Matching two lists of things by a key, as multisets: what one has beyond what the other has."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")
U = TypeVar("U")


def unmatched(old: list[U], old_key: Callable[[U], Hashable], new: list[T],
              new_key: Callable[[T], Hashable]) -> tuple[list[T], list[U]]:
    """(the items of ``new`` beyond as many of each key as ``old`` holds, the items of ``old`` beyond those
    of ``new``), each in its list's order; every key is made once."""
    old_keys = [old_key(item) for item in old]
    new_keys = [new_key(item) for item in new]
    return _beyond(new, new_keys, Counter(old_keys)), _beyond(old, old_keys, Counter(new_keys))


def _beyond(chosen: list[T], keys: list[Hashable], other: Counter[Hashable]) -> list[T]:
    kept: list[T] = []
    for item, k in zip(chosen, keys, strict=True):
        if other[k] > 0:
            other[k] -= 1
        else:
            kept.append(item)
    return kept
