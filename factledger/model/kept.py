"""What is computed of each entry of a ledger, kept while the entry is the same object.

A language server reads again only the entries an edit touched; every other entry of the new version of the
ledger is the very object of the last (:mod:`factledger.load.live`, :mod:`factledger.model.spelling`). An index
of the whole ledger is then brought up to date by what left it and what came, instead of built again: the
same code builds it from nothing for a command (every entry comes) and keeps it for an editor.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import compress
from operator import is_not
from typing import Generic, TypeVar

E = TypeVar("E")
V = TypeVar("V")
Change = tuple[int, E, V]  # an entry's identity, the entry, and what was computed of it


class PerEntry(Generic[E, V]):
    """``of(entry)`` for each entry given, computed once while the entry stays."""

    def __init__(self, of: Callable[[E], V]) -> None:
        self.of = of
        # By identity; the entry is held, so that no new object is given the identity of one gone.
        self._held: dict[int, tuple[E, V]] = {}
        self.entries: list[E] = []  # as last given (a copy: a ledger's lists are changed in place)
        self.values: list[V] = []  # ``of`` of each of them, in their order

    def update(self, entries: Sequence[E]) -> tuple[list[Change[E, V]], list[Change[E, V]]]:
        """The entries now: what left since the last update, and what came (in the order given)."""
        entries, last, held = list(entries), self.entries, self._held
        # The whole ledger is looked at in compiled code: an edit changes a few places in its lists, found by
        # comparing them item by item when it keeps their length (else by identity, every entry).
        at = list(compress(range(len(entries)), map(is_not, entries, last))) if len(entries) == len(last) else None
        before = held if at is None else {id(last[i]): last[i] for i in at}
        after = dict(zip(map(id, entries), entries, strict=True)) if at is None else \
            {id(entries[i]): entries[i] for i in at}
        gone = [(key, *held.pop(key)) for key in before.keys() - after.keys()]
        came: list[Change[E, V]] = []
        for key, entry in after.items():
            if key not in held:
                value = self.of(entry)
                held[key] = (entry, value)
                came.append((key, entry, value))
        if at is None:
            self.values = [held[key][1] for key in map(id, entries)]
        else:
            self.values = self.values.copy()
            for i in at:
                self.values[i] = held[id(entries[i])][1]
        self.entries = entries
        return gone, came
