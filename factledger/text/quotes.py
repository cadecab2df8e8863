"""Quote matching: what quoting legitimately changes, folded away, so that a quote can be checked
against its document (and a search can match what was written)."""

from __future__ import annotations

import re
import unicodedata

from factledger.text.escapes import clip

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


class QuoteText:
    """A document's normalised text, and (made on first need, once) its lower-case copy."""

    def __init__(self, content: str) -> None:
        self.content = content
        self._lowered: str | None = None

    @property
    def lowered(self) -> str:
        if self._lowered is None:
            self._lowered = self.content.lower()
        return self._lowered


def quote_problem(quote: str, text: QuoteText) -> str | None:
    """Why ``quote`` does not occur in the text (fragments in order), or None when it does.

    A failing quote costs a few scans of the document, never a copy of it per fragment: a
    thousand wrong quotes against a 20 MB document must not take minutes.
    """
    content = text.content
    position = 0
    fragments = quote_fragments(quote)
    if not fragments:
        return "the quote is empty"
    for fragment in fragments:
        found = content.find(fragment, position)
        if found < 0:
            if position and content.find(fragment) >= 0:
                return f"'{clip(fragment)}' occurs, but not after the fragment before it"
            # lower(), not casefold(): casefold also folds ligatures and ß, which are not capitals.
            if fragment.lower() in text.lowered:
                return f"'{clip(fragment)}' occurs only with different capital letters (a quote is verbatim)"
            return _divergence(fragment, content, position)
        position = found + len(fragment)
    return None


_SEED = 8  # a beginning shorter than this says nothing about where a quote went wrong
_OCCURRENCES = 100  # places the beginning occurs that are examined (it is a hint, not a proof)


def _divergence(fragment: str, content: str, start: int) -> str:
    """Where a fragment stops matching the document: its longest beginning that occurs (among the
    first places its first words occur, after ``start``), and what follows."""
    best, at = 0, -1
    place = content.find(fragment[:_SEED], start)
    for _ in range(_OCCURRENCES):
        if place < 0 or len(fragment) < _SEED:
            break
        low, high = _SEED, len(fragment)  # the longest prefix matching at this place
        while low < high:
            middle = (low + high + 1) // 2
            if content.startswith(fragment[:middle], place):
                low = middle
            else:
                high = middle - 1
        if low > best:
            best, at = low, place
        place = content.find(fragment[:_SEED], place + 1)
    if best < _SEED:
        return f"'{clip(fragment)}' not found"
    low = best
    # Report the difference from the start of the word where it begins ('about' vs 'approximately').
    space = fragment.rfind(" ", 0, low + 1)
    if space >= _SEED and low < len(fragment):
        low = space
    matched = fragment[:low]
    said = content[at + low: at + low + 30]
    return (f"it matches the document up to '…{clip(matched[-30:].strip())}', then the quote has "
            f"'{clip(fragment[low:low + 30].strip())}…' where the document has '{clip(said.strip())}…'")


def quote_place(quote: str, text: QuoteText) -> tuple[int, int] | None:
    """Where ``quote`` occurs in the (normalised) text: the start of its first fragment and the end of its
    last; None when it does not occur (quote_problem says why)."""
    fragments = quote_fragments(quote)
    position, first = 0, None
    for fragment in fragments:
        found = text.content.find(fragment, position)
        if found < 0:
            return None
        first = found if first is None else first
        position = found + len(fragment)
    return (first, position) if first is not None else None
