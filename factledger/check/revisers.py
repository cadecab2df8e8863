"""Who may revise whom: the one rule for when a later claim updates (or withdraws) an earlier one.

A source's figure is revised by the source itself, or by a source it is ``part_of`` or ``depends_on``
(transitively: an *ancestor*): the aid society revises its own count, and a ministry revises what its
spokesman said; the society's update also supersedes a humanitarian office's relay of its earlier
figure, since the office depends on it. Never the other way: a source that relies on another (or is
part of it) repeating or restating a figure does not update the figure's origin. Dependence, which
decides independence (:mod:`.origins`), is symmetric; revising is not.

Ancestor sets are never built (along a ``part_of`` chain of 10,000 sources they would hold fifty
million entries). The ``part_of`` links form a forest (each source has at most one), numbered once so
that "is X an ancestor of Y along part_of" is two comparisons; a ``depends_on`` link is a jump to
another place in the forest, and each source keeps the jumps above it, shared along chains.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from factledger.model.entries import Ledger
from factledger.model.ids import fold


class Revisers:
    """Whether one source may revise another's figures, by casefolded id."""

    def __init__(self, ledger: Ledger) -> None:
        known = {fold("source", s.id) for s in ledger.sources}
        parent: dict[str, str] = {}
        relies: dict[str, tuple[str, ...]] = {}
        for source in ledger.sources:
            key = fold("source", source.id)
            if source.part_of is not None and (up := fold("source", source.part_of.id)) in known and up != key:
                parent.setdefault(key, up)
            relies[key] = tuple(dict.fromkeys(d for r in source.depends_on if (d := fold("source", r.id)) in known))
        self._enter: dict[str, int] = {}
        self._leave: dict[str, int] = {}
        self._jumps: dict[str, frozenset[str]] = {}
        self._number(known, parent, relies)
        self.revises = lru_cache(maxsize=1 << 16)(self._revises)

    def _number(self, known: set[str], parent: dict[str, str], relies: dict[str, tuple[str, ...]]) -> None:
        children: dict[str, list[str]] = {}
        for child, up in parent.items():
            children.setdefault(up, []).append(child)
        # Roots first; a part_of cycle (which validate refuses) has no root: its members start trees of their own.
        starts = sorted(k for k in known if k not in parent) + sorted(k for k in known if k in parent)
        counter = 0
        empty: frozenset[str] = frozenset()
        for start in starts:
            if start in self._enter:
                continue
            stack: list[tuple[str, bool]] = [(start, False)]
            while stack:
                node, done = stack.pop()
                if done:
                    self._leave[node] = counter
                    counter += 1
                    continue
                if node in self._enter:
                    continue
                self._enter[node] = counter
                counter += 1
                above = self._jumps.get(parent[node], empty) if node in parent and parent[node] in self._jumps \
                    else empty
                own = relies.get(node, ())
                self._jumps[node] = above | frozenset(own) if own else above  # shared along a chain
                stack.append((node, True))
                stack.extend((c, False) for c in sorted(children.get(node, ()), reverse=True))

    def _above(self, a: str, b: str) -> bool:
        """``a`` is ``b`` or contains it along part_of."""
        if a == b:
            return True
        enter, leave = self._enter, self._leave
        return a in enter and b in enter and enter[a] < enter[b] and leave[b] < leave[a]

    def _revises(self, a: str, b: str) -> bool:
        if self._above(a, b):
            return True
        seen: set[str] = set()
        stack = list(self._jumps.get(b, ()))
        while stack:
            d = stack.pop()
            if d in seen:
                continue
            seen.add(d)
            if self._above(a, d):
                return True
            stack.extend(self._jumps.get(d, ()))
        return False

    def source_revises(self, newer: str, older: str) -> bool:
        """Whether source ``newer`` may revise the figures of source ``older``."""
        return self.revises(fold("source", newer), fold("source", older))

    def contains(self, organisation: str, member: str) -> bool:
        """Whether source ``member`` is ``organisation`` or part of it (along part_of alone)."""
        return self._above(fold("source", organisation), fold("source", member))

    def claim_revises(self, newer: Iterable[str], older: Iterable[str]) -> bool:
        """Whether a claim from the sources ``newer`` may revise one from ``older``: every source of the older
        claim is revised by one of the newer (a figure two sources gave is revised only when both are)."""
        mine = [fold("source", s) for s in newer]
        return all(any(self.revises(n, o) for n in mine) for o in (fold("source", s) for s in older))
