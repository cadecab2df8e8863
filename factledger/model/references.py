"""What refers to what: a source is named by ``part_of``, ``depends_on``, a document's ``publisher``, a
citation's ``source`` and ``via``, a review's ``by`` and a rating scale's ``publishers``; a document by a
citation's ``document`` and a review's ``appearances``; a claim by ``supports``, ``disputes``,
``supersedes``, an assessment's ``claims`` and ``wrong`` and a review's ``claim``; an assessment by
nothing. Renaming an id, finding where an id is used, and knowing which files a changed definition
concerns all ask here. (The field tables say the same of each field,
:func:`factledger.schema.paths.references`; tests/test_rename.py holds the two to one list.)
"""

from __future__ import annotations

from collections.abc import Iterator

from factledger.model.entries import Ledger, Ref
from factledger.model.ids import fold
from factledger.problems.diagnostics import Location

KINDS = ("source", "document", "claim", "assessment")
PLURAL = {"source": "sources", "document": "documents", "claim": "claims", "assessment": "assessments"}


def definitions(ledger: Ledger, kind: str, id_: str) -> list[Location]:
    """Where ``id_`` is defined among ``kind``'s entries (its ``id`` field; more than one if it is a duplicate)."""
    wanted = fold(kind, id_)
    return [e.field_locations.get("id", e.location) for e in getattr(ledger, PLURAL[kind])
            if fold(kind, e.id) == wanted]


def references(ledger: Ledger, kind: str) -> Iterator[Ref]:
    """Every reference to an entry of ``kind``."""
    if kind == "source":
        for s in ledger.sources:
            yield from ([s.part_of] if s.part_of else [])
            yield from s.depends_on
        yield from (d.publisher for d in ledger.documents if d.publisher is not None)
        for c in ledger.claims:
            for citation in c.citations:
                yield citation.source
                yield from citation.via
        yield from (r.by for r in ledger.reviews if r.by.id)
        yield from (ref for scale in ledger.scales for ref in scale.publishers)
    elif kind == "document":
        yield from (ct.document for c in ledger.claims for ct in c.citations if ct.document is not None)
        yield from (ref for r in ledger.reviews for ref in r.appearances)
    elif kind == "claim":
        for c in ledger.claims:
            yield from (ref for _, ref in c.relations())
        for a in ledger.assessments:
            yield from a.claims
            yield from ([a.wrong] if a.wrong else [])
        yield from (r.claim for r in ledger.reviews if r.claim.id)
