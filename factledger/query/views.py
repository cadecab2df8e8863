"""What one claim looks like to someone reading it: built once, spelt by every format of `show`.

The text and JSON renderers of `show` both take a :class:`ClaimView`; neither looks anything up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factledger.model.entries import Citation, Claim, Document, Ledger, Review, Source
from factledger.query.select import relations_into
from factledger.text.plural import noun

if TYPE_CHECKING:
    from factledger.check.findings import CheckResult, Finding, QuestionSummary


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
    camp: str | None = None  # where the claim stands on its question, in words
    consistent_with: list[str] | None = None  # claims it does not contradict but does not corroborate either
    consistent_count: int = 0  # how many there are (consistent_with names the first few)
    reviews: list[Review] = field(default_factory=list)  # fact-checkers' reviews of the claim, by id


def reviews_by_claim(ledger: Ledger) -> dict[str, list[Review]]:
    """Every claim's fact-checkers' reviews, by claim id (each list by review id)."""
    found: dict[str, list[Review]] = {}
    for review in sorted(ledger.reviews, key=lambda r: r.id):
        found.setdefault(review.claim.id, []).append(review)
    return found


def review_note(review: Review) -> str:
    """A review in a few words: "denied by AFP ('False')"."""
    label = review.rating.label if review.rating is not None and review.rating.label else None
    return f"{review.verdict} by {review.by.id}" + (f" ('{label}')" if label else "")


Linked = tuple[dict[str, list[tuple[str, Claim]]], dict[str, list[Review]]]


def linked_claims(ledger: Ledger) -> Linked:
    """By claim id: the claims relating to it (relation, claim), and its reviews; what a claim's view looks up
    across the ledger, which a language server keeps from one hover to the next."""
    incoming: dict[str, list[tuple[str, Claim]]] = {}
    for relation, other, target in relations_into(ledger):
        incoming.setdefault(target, []).append((relation, other))
    return incoming, reviews_by_claim(ledger)


class ClaimViews:
    """Many claims' views (the HTML report shows every claim's): what a view looks up across the ledger (the
    claims relating to it, its reviews, the findings about it, its question) is indexed once."""

    def __init__(self, ledger: Ledger, checked: CheckResult | None, linked: Linked | None = None) -> None:
        self.ledger, self.checked = ledger, checked
        self.incoming, self.reviews = linked or linked_claims(ledger)
        self.findings: dict[str, list[Finding]] = {}
        self.summaries: dict[str, QuestionSummary] = {}
        if checked is not None:
            for finding in checked.findings:
                for claim_id in dict.fromkeys(finding.claims):
                    self.findings.setdefault(claim_id, []).append(finding)
            for question in checked.questions:
                for claim_id in question.claims:
                    self.summaries.setdefault(claim_id, question)

    def view(self, claim: Claim) -> ClaimView:
        ledger, checked = self.ledger, self.checked
        citations = [CitationView(c, ledger.source(c.source.id),
                                  ledger.document(c.document.id) if c.document else None) for c in claim.citations]
        outgoing = [RelationView(relation, ref.id, ledger.claim(ref.id)) for relation, ref in claim.relations()]
        incoming = [RelationView(relation, other.id, other) for relation, other in self.incoming.get(claim.id, [])]
        reviews = self.reviews.get(claim.id, [])
        if checked is None:
            return ClaimView(claim, citations, outgoing, incoming, None, None, reviews=reviews)
        consistent, count = checked.consistent_only.get(claim.id, ([], 0))
        return ClaimView(claim, citations, outgoing, incoming, self.findings.get(claim.id, []),
                         checked.independent_origins.get(claim.id), _camp(self.summaries.get(claim.id), claim),
                         consistent, count, reviews)


def claim_view(ledger: Ledger, claim: Claim, checked: CheckResult | None, linked: Linked | None = None
               ) -> ClaimView:
    """One claim's view (`show`); ``linked``: :func:`linked_claims` of the ledger, when known."""
    return ClaimViews(ledger, checked, linked).view(claim)


def _camp(summary: QuestionSummary | None, claim: Claim) -> str | None:
    if summary is None:
        return None
    retraction = next((r for r in summary.retracted if r.claim == claim.id), None)
    if retraction is not None:
        return "not a position: retracted" + (f", {retraction.disputed_by}" if retraction.by else "")
    disowned = next((r for r in summary.disowned if r.claim == claim.id), None)
    if disowned is not None:
        return f"not a position: {disowned.disputed_by}"
    earlier = next((e for e in summary.earlier if e.claim == claim.id), None)
    if earlier is not None:
        return ("a position of an earlier moment: the running total has grown since" if earlier.why == "earlier moment"
                else "a position left out of the camps: an open bound later figures have passed")
    if claim.id not in summary.positions:
        by = [newer for older, newer in summary.superseded if older == claim.id]
        if by:
            return f"not a current position: superseded by {', '.join(by)}"
        return "not a current position: a later claim from its origin stands instead"
    camps = summary.camp_of(claim.id)
    if not camps:
        return None
    which = " and ".join(str(i + 1) for i in camps)
    named = "; ".join(summary.camps[i].label for i in camps)
    return f"in {noun(len(camps), 'camp')} {which} of {len(summary.camps)}: {named}"
