"""Matching two lists of things by a key, as multisets: what one has beyond what the other has."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

T = TypeVar("T")


def beyond(chosen: Iterable[T], key: Callable[[T], Hashable], other: Iterable[T],
           other_key: Callable[[T], Hashable] | None = None) -> list[T]:
    """The items of ``chosen`` beyond as many of each key as ``other`` holds, in ``chosen``'s order."""
    left = Counter((other_key or key)(item) for item in other)
    kept = []
    for item in chosen:
        k = key(item)
        if left[k] > 0:
            left[k] -= 1
        else:
            kept.append(item)
    return kept
