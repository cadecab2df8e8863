"""How an id is spelt in every output: as the entry it names declares it.

Source and document ids are compared case-insensitively, so a citation may write ``nis`` for the
source declared as ``NIS``. After validation every reference is resolved once to the declared
spelling (:func:`spell_as_declared`), so that no listing, export or finding can spell the same
source two ways. A reference to an entry that does not exist is left as written: validation has
reported it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from factledger.model.entries import Citation, Claim, Document, Ledger, Ref, Review, Source
from factledger.model.kept import PerEntry

E = TypeVar("E")


class Respelt:
    """The copies :func:`spell_as_declared` made (or the entries it left as they were) in the last refresh of a
    ledger kept in memory, by entry: an entry read again is a new object and is spelt again; the others keep
    their copy while the ledger declares the same ids in the same order (what the spelling of any reference
    depends on), so that an edit of one file spells that file's entries only."""

    def __init__(self) -> None:
        self.declared: tuple[tuple[str, ...], tuple[str, ...]] | None = None
        self.sections: dict[str, PerEntry[Any, Any]] = {}  # each section's entries and their spelling

    def start(self, ledger: Ledger) -> None:
        declared = (tuple(s.id for s in ledger.sources), tuple(d.id for d in ledger.documents))
        if declared != self.declared:
            self.declared, self.sections = declared, {}

    def spelt(self, section: str, entries: list[E], spelling: Callable[[E], E]) -> list[E]:
        """Each of ``entries`` as spelt (``spelling``: how an entry not kept is)."""
        kept = self.sections.setdefault(section, PerEntry(spelling))
        kept.of = spelling
        kept.update(entries)
        return kept.values


class _Spelling:
    """A reference as its entry declares it (the same Ref when it is already so spelt)."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    def source(self, ref: Ref) -> Ref:
        found = self.ledger.source(ref.id)
        return ref if found is None or found.id == ref.id else Ref(found.id, ref.location)

    def document(self, ref: Ref) -> Ref:
        found = self.ledger.document(ref.id)
        return ref if found is None or found.id == ref.id else Ref(found.id, ref.location)

    def source_entry(self, s: Source) -> Source:
        part_of = self.source(s.part_of) if s.part_of is not None else None
        depends_on = [self.source(r) for r in s.depends_on]
        if part_of is not s.part_of or _changed(s.depends_on, depends_on):
            return replace(s, part_of=part_of, depends_on=depends_on)
        return s

    def document_entry(self, d: Document) -> Document:
        publisher = self.source(d.publisher) if d.publisher is not None else None
        return replace(d, publisher=publisher) if publisher is not d.publisher else d

    def review(self, review: Review) -> Review:
        by, appearances = self.source(review.by), [self.document(r) for r in review.appearances]
        if by is not review.by or _changed(review.appearances, appearances):
            return replace(review, by=by, appearances=appearances)
        return review


def spell_as_declared(ledger: Ledger, copying: bool = False, kept: Respelt | None = None) -> None:
    """Rewrite every source and document reference in ``ledger`` to the id its entry declares. With
    ``copying``, an entry that changes is replaced in the ledger's lists by a changed copy, and the entry
    itself stays as written (a language server keeps entries between edits, and validates them again); ``kept``
    then holds the copies from one call to the next, so that only the entries read again are spelt again."""
    if copying:
        _copies(ledger, kept or Respelt())
        return
    spelt = _Spelling(ledger)
    source, document = spelt.source, spelt.document
    for s in ledger.sources:
        s.part_of = source(s.part_of) if s.part_of is not None else None
        s.depends_on = [source(r) for r in s.depends_on]
    for d in ledger.documents:
        d.publisher = source(d.publisher) if d.publisher is not None else None
    for claim in ledger.claims:
        for citation in claim.citations:
            citation.source = source(citation.source)
            citation.via = [source(r) for r in citation.via]
            citation.document = document(citation.document) if citation.document is not None else None
    for review in ledger.reviews:
        review.by = source(review.by)
        review.appearances = [document(r) for r in review.appearances]


def _copies(ledger: Ledger, kept: Respelt) -> None:
    kept.start(ledger)
    spelt = _Spelling(ledger)
    ledger.sources[:] = kept.spelt("sources", ledger.sources, spelt.source_entry)
    ledger.documents[:] = kept.spelt("documents", ledger.documents, spelt.document_entry)
    ledger.claims[:] = kept.spelt("claims", ledger.claims, functools.partial(_claim, spelt))
    ledger.reviews[:] = kept.spelt("reviews", ledger.reviews, spelt.review)
    ledger.reindex()  # the lookups found the entries as written


def _claim(spelt: _Spelling, claim: Claim) -> Claim:
    cited = [_citation(spelt, c) for c in claim.citations]
    return claim if not _changed(claim.citations, cited) else replace(claim, citations=cited)


def _citation(spelt: _Spelling, c: Citation) -> Citation:
    source = spelt.source(c.source)
    via = [spelt.source(r) for r in c.via]
    document = spelt.document(c.document) if c.document is not None else None
    if source is c.source and document is c.document and not _changed(c.via, via):
        return c
    return replace(c, source=source, via=via, document=document)


def _changed(old: Sequence[object], new: Sequence[object]) -> bool:
    return any(a is not b for a, b in zip(old, new, strict=True))
