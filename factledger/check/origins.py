"""Which sources depend on which: the basis of independence and of circular reporting.

Two sources are *dependent* when one is (transitively) ``part_of`` or ``depends_on`` the
other, or both are, transitively, ``part_of``/``depends_on`` a common source. That is: their
sets of ancestors (each source counted among its own) intersect. Note that this relation is
not transitive: two ministries that each rely on a different agency are independent of each
other even though both are dependent on a third source that relies on both agencies.

Ancestor sets are never built: along a ``part_of`` chain of 10,000 sources they would hold
fifty million entries. Two ancestor sets intersect exactly when the sources share a *root*
(an ancestor with no ancestors outside its own cycle, if any): a common ancestor always leads
up to a common root, and a common root is a common ancestor. So each source keeps only its
roots, and a source with one parent shares its parent's set: a chain costs one set in all.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from factledger.model.entries import Ledger
from factledger.model.ids import fold


class Dependence:
    """Dependence between the ledger's sources, by casefolded id."""

    def __init__(self, ledger: Ledger) -> None:
        parents: dict[str, tuple[str, ...]] = {}
        for source in ledger.sources:
            links = ([source.part_of] if source.part_of else []) + list(source.depends_on)
            key = fold("source", source.id)
            known = tuple(dict.fromkeys(fold("source", r.id) for r in links if ledger.source(r.id) is not None))
            parents[key] = tuple(dict.fromkeys(parents.get(key, ()) + known))
        self._roots = _roots(parents)
        self._pair = lru_cache(maxsize=1 << 16)(self._dependent)

    def roots(self, source: str) -> frozenset[str]:
        """The origins ``source`` comes down to: itself when it has no parent, else its roots' roots."""
        key = fold("source", source)
        return self._roots.get(key) or frozenset((key,))

    def _dependent(self, a: str, b: str) -> bool:
        return a == b or not self.roots(a).isdisjoint(self.roots(b))

    def dependent(self, a: str, b: str) -> bool:
        a, b = fold("source", a), fold("source", b)
        return self._pair(a, b) if a <= b else self._pair(b, a)

    def independent_count(self, sources: Iterable[str]) -> int:
        """How many of the sources are mutually independent: their independent origins.

        Dependence does not chain (two ministries relying on different agencies are independent
        even if a third office relies on both), so this is not a count of connected groups but
        of sources whose roots are pairwise disjoint, chosen greedily from the fewest roots up:
        M1 and M2 count as two whether or not the hub that relies on both is cited.
        """
        rooted = sorted({self.roots(s) for s in sources}, key=lambda r: (len(r), sorted(r)))
        taken: set[str] = set()
        count = 0
        for roots in rooted:
            if taken.isdisjoint(roots):
                taken.update(roots)
                count += 1
        return count

    def common_origin(self, sources: Iterable[str]) -> str | None:
        """An origin every given source comes down to (by part_of/depends_on), if there is one."""
        sets = [self.roots(s) for s in sources]
        if not sets:
            return None
        common = frozenset.intersection(*sets)
        return min(common) if common else None


def _roots(parents: dict[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    """Each source's roots, from its parents: strongly connected components (iterative Tarjan),
    which come out parents first, so each component's roots are the union of its parents' roots,
    or, for a component with no parent outside itself, its smallest member."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: dict[str, frozenset[str]] = {}
    interned: dict[frozenset[str], frozenset[str]] = {}
    counter = 0
    for start in parents:
        if start in index:
            continue
        work = [(start, iter(parents.get(start, ())))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(parents.get(child, ()))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] != index[node]:
                continue
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            members = set(component)
            above = {id(result[p]): result[p] for m in component for p in parents.get(m, ()) if p not in members}
            if not above:
                roots = frozenset((min(component),))
            elif len(above) == 1:
                roots = next(iter(above.values()))  # one parent's set, shared: a chain costs nothing
            else:
                roots = frozenset().union(*above.values())
            roots = interned.setdefault(roots, roots)
            for member in component:
                result[member] = roots
    return result
