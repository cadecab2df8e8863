"""What every stage of the cross-check reads and none changes: the claims that take part, their
times, their sources and the lineage behind them, the keeper's assessments and the fact-checkers'
reviews, and the options. Built once per run, before any stage (see :mod:`.engine`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from factledger.check.compare import Span, claim_span, said_span
from factledger.check.findings import Side
from factledger.check.options import CheckOptions
from factledger.check.origins import Dependence
from factledger.model.entries import Assessment, Claim, Ledger, QuestionKey, Review
from factledger.model.identity import origin_key


class Facts:
    def __init__(self, ledger: Ledger, options: CheckOptions) -> None:
        self.ledger = ledger
        self.options = options
        self.dependence = Dependence(ledger)
        # By id, not file order: what check finds, and how it words it, must not depend on how the
        # ledger is split into files or ordered within them. Retracted claims take part in nothing.
        self.claims: list[Claim] = sorted((c for c in ledger.claims if c.status != "retracted"), key=lambda c: c.id)
        self.by_id: dict[str, Claim] = {c.id: c for c in self.claims}
        self.assessments: list[Assessment] = sorted(ledger.assessments, key=lambda a: a.id)
        self.reviews_of: dict[str, list[Review]] = defaultdict(list)  # a fact-checker's verdicts, by claim
        for review in sorted(ledger.reviews, key=lambda r: r.id):
            self.reviews_of[review.claim.id].append(review)
        self.spans: dict[str, Span] = {c.id: claim_span(c) for c in self.claims}
        self.sources: dict[str, tuple[str, ...]] = {c.id: tuple(c.originators()) for c in self.claims}
        self.origin_sets: dict[str, frozenset[str]] = {c.id: origin_key(self.sources[c.id]) for c in self.claims}
        # Two claims are independent when no source of one is dependent on a source of the other,
        # i.e. when the unions of their sources' roots are disjoint: one set operation per pair.
        interned: dict[frozenset[str], frozenset[str]] = {}
        self.lineage: dict[str, frozenset[str]] = {}
        for c in self.claims:
            roots: frozenset[str] = frozenset().union(*(self.dependence.roots(s) for s in self.sources[c.id]))
            self.lineage[c.id] = interned.setdefault(roots, roots)
        self.disputed_ids: frozenset[str] = frozenset(r.id for c in self.claims for r in c.disputes)
        # Claims a disputes or supersedes link touches are compared one by one; the rest in groups.
        self.linked_ids: frozenset[str] = self.disputed_ids | {
            c.id for c in self.claims if c.disputes or c.supersedes} | {r.id for c in self.claims for r in c.supersedes}
        self._sides: dict[str, Side] = {}  # a memo: the same side whoever asks first

    def questions(self) -> list[tuple[QuestionKey, list[Claim]]]:
        """The questions with a value, each with its claims (by id), in the order of their keys."""
        grouped: dict[QuestionKey, list[Claim]] = defaultdict(list)
        for claim in self.claims:
            key = claim.question()
            if key is not None and claim.value is not None:
                grouped[key].append(claim)
        return sorted(grouped.items())

    def side(self, claim: Claim) -> Side:
        side = self._sides.get(claim.id)
        if side is None:
            side = Side(claim.id, self.sources[claim.id], str(claim.date) if claim.date else None,
                        None if claim.date else said(claim),
                        str(claim.value) if claim.value is not None else None)
            self._sides[claim.id] = side
        return side

    def independent(self, a: Claim, b: Claim) -> bool:
        return self.lineage[a.id].isdisjoint(self.lineage[b.id])

    def same_source(self, a: Claim, b: Claim) -> bool:
        return self.origin_sets[a.id] == self.origin_sets[b.id]

    def later_key(self, claim: Claim) -> tuple[float, float, float, str]:
        """How claims are put in time order: their time, then when they were said."""
        span = self.spans[claim.id]
        when = said_span(claim)
        return (span.first, span.last, when[0] if when else float("-inf"), claim.id)

    def newest(self, claims: Iterable[Claim]) -> Claim:
        return max(claims, key=self.later_key)


def said(claim: Claim) -> str | None:
    """When the claim's sources said it, as its citations date it ('2024-10-18, 2024-11')."""
    dates = [str(c.date) for c in claim.citations if c.date is not None]
    return ", ".join(dict.fromkeys(dates)) if dates else None


def linked(a: Claim, b: Claim, relation: str) -> bool:
    """Whether either claim names the other under ``relation``."""
    return any(r.id == b.id for r in getattr(a, relation)) or any(r.id == a.id for r in getattr(b, relation))
