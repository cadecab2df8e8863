"""Quote matching: what quoting legitimately changes, folded away, so that a quote can be checked
against its document (and a search can match what was written)."""

from __future__ import annotations

import re
import unicodedata

# What quoting legitimately changes, folded to one spelling (also read by the HTML report's search).
TYPOGRAPHIC = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
})
_SPACE = re.compile(r"\s+")
_SPACED_DASH = re.compile(r" ?- ?")
# An ellipsis marks an omission; "[...]" and "…" are the same mark.
_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…)\s*")


def normalise(value: str) -> str:
    """Fold what quoting legitimately changes: Unicode form, typographic quotes and dashes, whitespace."""
    value = unicodedata.normalize("NFC", value).translate(TYPOGRAPHIC)
    value = _SPACE.sub(" ", value)
    # A dash spaced differently ("a - b", "a—b") is the same dash.
    value = _SPACED_DASH.sub("-", value)
    return value.strip()


def quote_fragments(quote: str) -> list[str]:
    """The parts of a quote that must each occur, in order: it is split on ``...``."""
    return [normalise(part) for part in _ELLIPSIS.split(quote) if normalise(part)]

