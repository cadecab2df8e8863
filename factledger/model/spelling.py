"""How an id is spelt in every output: as the entry it names declares it.

Source and document ids are compared case-insensitively, so a citation may write ``nis`` for the
source declared as ``NIS``. After validation every reference is resolved once to the declared
spelling (:func:`spell_as_declared`), so that no listing, export or finding can spell the same
source two ways. A reference to an entry that does not exist is left as written: validation has
reported it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from factledger.model.entries import Citation, Claim, Ledger, Ref


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


def spell_as_declared(ledger: Ledger, copying: bool = False) -> None:
    """Rewrite every source and document reference in ``ledger`` to the id its entry declares. With
    ``copying``, an entry that changes is replaced in the ledger's lists by a changed copy, and the entry
    itself stays as written (a language server keeps entries between edits, and validates them again)."""
    if copying:
        _copies(ledger)
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


def _copies(ledger: Ledger) -> None:
    spelt = _Spelling(ledger)
    source, document = spelt.source, spelt.document
    for i, s in enumerate(ledger.sources):
        part_of = source(s.part_of) if s.part_of is not None else None
        depends_on = [source(r) for r in s.depends_on]
        if part_of is not s.part_of or _changed(s.depends_on, depends_on):
            ledger.sources[i] = replace(s, part_of=part_of, depends_on=depends_on)
    for i, d in enumerate(ledger.documents):
        publisher = source(d.publisher) if d.publisher is not None else None
        if publisher is not d.publisher:
            ledger.documents[i] = replace(d, publisher=publisher)
    for i, claim in enumerate(ledger.claims):
        ledger.claims[i] = _claim(spelt, claim)
    for i, review in enumerate(ledger.reviews):
        by, appearances = source(review.by), [document(r) for r in review.appearances]
        if by is not review.by or _changed(review.appearances, appearances):
            ledger.reviews[i] = replace(review, by=by, appearances=appearances)
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
