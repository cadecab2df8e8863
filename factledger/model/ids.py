"""How ids compare: the one home of the rule, called wherever an id is looked up, grouped or matched.

Sources and documents are named by people and cited by hand in many files, so their ids ignore
case (``NIS`` and ``nis`` are one source); claims, assessments, reviews and rating scales are named once and
referred to exactly, so theirs are compared as written.
"""

from __future__ import annotations

from typing import Literal

IdKind = Literal["source", "document", "claim", "assessment", "review", "scale"]
KINDS: tuple[IdKind, ...] = ("source", "document", "claim", "assessment", "review", "scale")
_FOLDED = frozenset({"source", "document"})


def folds_case(kind: str) -> bool:
    """Whether two ids of ``kind`` that differ only in case are one id."""
    return kind in _FOLDED


def fold(kind: str, id_: str) -> str:
    """The form under which two ids of ``kind`` are the same id."""
    return id_.casefold() if kind in _FOLDED else id_


def same(kind: str, a: str, b: str) -> bool:
    return fold(kind, a) == fold(kind, b)


def confusable(id_: str) -> str:
    """The form under which two ids of any kind could be taken for one by a person (case ignored): what a
    new id must not share with one already taken, whatever its kind (an import minting ids)."""
    return id_.casefold()
