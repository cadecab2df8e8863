"""'Did you mean ...?': one implementation for every suggestion factledger makes.

Fast on large ledgers: candidates are narrowed by their first letters before any fuzzy
matching, and answers are cached, so thousands of unknown references do not cost
thousands of scans of every id (measured: 3,000 dangling references took minutes before).

The similarity is rapidfuzz's ratio (the share of characters two names have in common, in
order), computed in compiled code: Python's difflib took 83 s for ten unknown names among
2,000 long, similar ids, rapidfuzz 17 ms. It is imported only when a suggestion is needed.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

_MAX_CANDIDATES = 2000
# Fuzzy matching costs the product of the lengths: names longer than this are neither suggested
# nor looked for (no id is this long; FL107 caps them at 200 characters).
_MAX_LENGTH = 256


class Suggester:
    """Suggests the known name closest to an unknown one; optionally ignoring case."""

    def __init__(self, known: Iterable[str], casefold: bool = False) -> None:
        self._casefold = casefold
        self._by_key: dict[str, str] = {}
        self._by_folded: dict[str, str] = {}
        self._by_prefix: dict[str, list[str]] = {}
        for name in known:
            if len(name) > _MAX_LENGTH:
                continue
            key = name.casefold() if casefold else name
            if key not in self._by_key:
                self._by_key[key] = name
                self._by_folded.setdefault(name.casefold(), name)
                self._by_prefix.setdefault(key[:2], []).append(key)
        self._cached = lru_cache(maxsize=4096)(self._closest)

    def closest(self, wanted: str) -> str | None:
        """The known name closest to ``wanted``, or None. (A very long name is never cached or matched.)"""
        return self._cached(wanted) if len(wanted) <= _MAX_LENGTH else None

    def _closest(self, wanted: str) -> str | None:
        key = wanted.casefold() if self._casefold else wanted
        if key in self._by_key:
            return self._by_key[key]
        if wanted.casefold() in self._by_folded:
            return self._by_folded[wanted.casefold()]  # the same name in other case
        from rapidfuzz import fuzz, process

        # Few names: compare with all. Many: only with those that start alike (typos rarely do not).
        pool = list(self._by_key) if len(self._by_key) <= _MAX_CANDIDATES else self._by_prefix.get(key[:2], [])
        # Sorted, so that of equally close names the same one is always chosen.
        found = process.extractOne(key, sorted(pool[:_MAX_CANDIDATES]), scorer=fuzz.ratio, score_cutoff=60)
        return self._by_key[found[0]] if found else None

    def hint(self, wanted: str) -> str:
        """" (did you mean 'NIS'?)" when something known is close to ``wanted``, else ''."""
        found = self.closest(wanted)
        return f" (did you mean '{found}'?)" if found is not None and found != wanted else ""


def did_you_mean(wanted: str, known: Iterable[str], casefold: bool = False) -> str:
    """One-off suggestion; build a :class:`Suggester` to ask many times about the same names."""
    return Suggester(known, casefold).hint(wanted)


def similarity(a: str, b: str) -> float:
    """How alike two names are, from 0 to 100 (the measure suggestions are chosen by), ignoring case."""
    from rapidfuzz import fuzz

    return float(fuzz.ratio(a.casefold(), b.casefold()))


def typed_rank(name: str, typed: str) -> int | None:
    """How well ``name`` matches what a person typed to find it (an editor's completion and symbol search):
    0 when it starts with ``typed``, 1 when it holds it, None when not; any case. A filter for a person's
    eyes, not whether two ids name the same entry (model/ids.py says that; a claim's id keeps its case)."""
    name, typed = name.casefold(), typed.casefold()
    return 0 if name.startswith(typed) else 1 if typed in name else None
