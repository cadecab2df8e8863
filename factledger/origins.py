"""Which sources depend on which: the basis of independence and of circular reporting.

Two sources are *dependent* when one is (transitively) ``part_of`` or ``depends_on`` the
other, or both are, transitively, ``part_of``/``depends_on`` a common source. That is: their
sets of ancestors (each source counted among its own) intersect. Note that this relation is
not transitive: two ministries that each rely on a different agency are independent of each
other even though both are dependent on a third source that relies on both agencies.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from factledger.model import Ledger


class Dependence:
    """Dependence between the ledger's sources, by casefolded id."""

    def __init__(self, ledger: Ledger) -> None:
        self._parents: dict[str, tuple[str, ...]] = {}
        for source in ledger.sources:
            links = ([source.part_of] if source.part_of else []) + list(source.depends_on)
            key = source.id.casefold()
            known = tuple(dict.fromkeys(r.id.casefold() for r in links if ledger.source(r.id) is not None))
            self._parents[key] = tuple(dict.fromkeys(self._parents.get(key, ()) + known))
        self.ancestors = lru_cache(maxsize=None)(self._ancestors)
        self._pair = lru_cache(maxsize=1 << 16)(self._dependent)

    def _ancestors(self, source: str) -> frozenset[str]:
        """The source and everything it is part of or depends on, transitively (cycles tolerated)."""
        seen = {source}
        stack = [source]
        while stack:
            for parent in self._parents.get(stack.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        return frozenset(seen)

    def _dependent(self, a: str, b: str) -> bool:
        return a == b or not self.ancestors(a).isdisjoint(self.ancestors(b))

    def dependent(self, a: str, b: str) -> bool:
        a, b = a.casefold(), b.casefold()
        return self._pair(a, b) if a <= b else self._pair(b, a)

    def independent_count(self, sources: Iterable[str]) -> int:
        """How many of the sources are mutually independent: their independent origins.

        Dependence does not chain (two ministries relying on different agencies are independent
        even if a third office relies on both), so this is not a count of connected groups but
        of sources whose ancestries are pairwise disjoint, chosen greedily from the narrowest
        ancestry up: M1 and M2 count as two whether or not the hub that relies on both is cited.
        """
        ancestries = sorted({self.ancestors(s.casefold()) for s in sources}, key=lambda a: (len(a), sorted(a)))
        taken: set[str] = set()
        count = 0
        for ancestry in ancestries:
            if taken.isdisjoint(ancestry):
                taken.update(ancestry)
                count += 1
        return count

    def common_origin(self, sources: Iterable[str]) -> str | None:
        """A source every given source is, or descends from (by part_of/depends_on), if there is one."""
        sets = [self.ancestors(s.casefold()) for s in sources]
        if not sets:
            return None
        common = frozenset.intersection(*sets)
        return min(common) if common else None
