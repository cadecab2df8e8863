"""What one claim looks like to someone reading it: built once, spelt by every format of `show`.

The text and JSON renderers of `show` both take a :class:`ClaimView`; neither looks anything up.
"""

from __future__ import annotations

from dataclasses import dataclass

from factledger.check.findings import CheckResult, Finding
from factledger.model import Citation, Claim, Document, Ledger, Source
from factledger.query import incoming_relations


@dataclass(frozen=True)
class CitationView:
    citation: Citation
    source: Source | None  # None: not a defined source
    document: Document | None

    @property
    def url(self) -> str | None:
        """Where to read it: the citation's own address, else its document's."""
        return self.citation.url or (self.document.url if self.document else None)


@dataclass(frozen=True)
class RelationView:
    relation: str  # supports, disputes, supersedes
    claim_id: str
    claim: Claim | None  # None: not a defined claim


@dataclass(frozen=True)
class ClaimView:
    claim: Claim
    citations: list[CitationView]
    outgoing: list[RelationView]  # this claim → another
    incoming: list[RelationView]  # another claim → this one
    findings: list[Finding] | None  # None: not cross-checked (the ledger has errors)
    independent_origins: int | None


def claim_view(ledger: Ledger, claim: Claim, checked: CheckResult | None) -> ClaimView:
    citations = [CitationView(c, ledger.source(c.source.id), ledger.document(c.document.id) if c.document else None)
                 for c in claim.citations]
    outgoing = [RelationView(relation, ref.id, ledger.claim(ref.id)) for relation, ref in claim.relations()]
    incoming = [RelationView(relation, other.id, other) for relation, other in incoming_relations(ledger, claim.id)]
    return ClaimView(claim, citations, outgoing, incoming,
                     checked.about(claim.id) if checked is not None else None,
                     checked.independent_origins.get(claim.id) if checked is not None else None)
