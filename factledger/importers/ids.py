"""Ids for imported entries: readable, stable and never taken twice.

Names in any script become readable ids through anyascii's transliteration (``Agência Lupa`` →
``agencia-lupa``, ``台灣事實查核中心`` → ``taiwanshishichahezhongxin``); only text with nothing to
transliterate falls back to a short hash. Claims and reviews carry a fingerprint of their identity
(:mod:`factledger.model.identity`), so the same review imported again gets the same ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from factledger.model.identity import fingerprint
from factledger.model.ids import confusable


@lru_cache(maxsize=65536)  # a reviewer's name is slugged for each of its reviews
def slug(text: str, limit: int = 48) -> str:
    """Lowercase letters, digits and single hyphens, at most ``limit`` long."""
    from anyascii import anyascii  # only the importer needs it

    made = re.sub(r"[^a-z0-9]+", "-", anyascii(text).casefold()).strip("-")[:limit].rstrip("-")
    return made or "x-" + fingerprint((text,))


@dataclass
class Ids:
    """The ids of one kind already taken (casefolded), and how far each base has counted."""

    taken: set[str] = field(default_factory=set)
    counters: dict[str, int] = field(default_factory=dict)

    def unique(self, base: str) -> str:
        """``base``, or ``base-2``, ``base-3``, … : the first not taken. Each base remembers how far it
        got, so the thousandth entry of one name costs one try, not a thousand."""
        key = confusable(base)
        number = self.counters.get(key, 0) + 1  # the number after the last one this base was given
        candidate = base if number == 1 else f"{base}-{number}"
        while confusable(candidate) in self.taken:
            number += 1
            candidate = f"{base}-{number}"
        self.counters[key] = number
        self.taken.add(confusable(candidate))
        return candidate
