"""How an id is spelt in every output: as the entry it names declares it.

Source and document ids are compared case-insensitively, so a citation may write ``nis`` for the
source declared as ``NIS``. After validation every reference is resolved once to the declared
spelling (:func:`spell_as_declared`), so that no listing, export or finding can spell the same
source two ways. A reference to an entry that does not exist is left as written: validation has
reported it.
"""

from __future__ import annotations

from factledger.model.entries import Ledger, Ref


def spell_as_declared(ledger: Ledger) -> None:
    """Rewrite every source and document reference in ``ledger`` to the id its entry declares."""
    def source(ref: Ref) -> Ref:
        found = ledger.source(ref.id)
        return ref if found is None or found.id == ref.id else Ref(found.id, ref.location)

    def document(ref: Ref) -> Ref:
        found = ledger.document(ref.id)
        return ref if found is None or found.id == ref.id else Ref(found.id, ref.location)

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
