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
from factledger.check.revisers import Revisers
from factledger.model.entries import Assessment, Claim, Ledger, QuestionKey, Review
from factledger.model.identity import origin_key
from factledger.model.ids import fold
from factledger.model.questions import cumulative_questions


class Facts:
    def __init__(self, ledger: Ledger, options: CheckOptions) -> None:
        self.ledger = ledger
        self.options = options
        self.dependence = Dependence(ledger)
        # By id, not file order: what check finds, and how it words it, must not depend on how the
        # ledger is split into files or ordered within them. Retracted claims take part in nothing.
        self.revisers = Revisers(ledger)
        live = sorted((c for c in ledger.claims if c.status != "retracted"), key=lambda c: c.id)
        # A figure its own source disputes (FL522: the society says it never gave it) takes part in nothing,
        # as a retracted one does: it is no position, and no later count "falls" below it.
        self.disowned: dict[str, Claim] = _disowned(self.revisers, live)
        self.claims: list[Claim] = [c for c in live if c.id not in self.disowned]
        self.by_id: dict[str, Claim] = {c.id: c for c in self.claims}
        # Retracted claims are compared with nothing, but stay in view: who withdrew them, and when.
        self.retracted: dict[str, Claim] = {c.id: c for c in sorted(ledger.claims, key=lambda c: c.id)
                                            if c.status == "retracted"}
        self.cumulative = cumulative_questions(ledger.questions)
        self.assessments: list[Assessment] = sorted(ledger.assessments, key=lambda a: a.id)
        self.reviews_of: dict[str, list[Review]] = defaultdict(list)  # a fact-checker's verdicts, by claim
        for review in sorted(ledger.reviews, key=lambda r: r.id):
            self.reviews_of[review.claim.id].append(review)
        self.spans: dict[str, Span] = {c.id: claim_span(c) for c in self.claims}
        self.sources: dict[str, tuple[str, ...]] = {c.id: tuple(c.originators())
                                                    for c in (*live, *self.retracted.values())}
        self.origin_sets: dict[str, frozenset[str]] = {c.id: origin_key(self.sources[c.id]) for c in self.claims}
        # Two claims are independent when no source of one is dependent on a source of the other,
        # i.e. when the unions of their sources' roots are disjoint: one set operation per pair.
        interned: dict[frozenset[str], frozenset[str]] = {}
        self.lineage: dict[str, frozenset[str]] = {}
        for c in self.claims:
            roots: frozenset[str] = frozenset().union(*(self.dependence.roots(s) for s in self.sources[c.id]))
            self.lineage[c.id] = interned.setdefault(roots, roots)
        self.disputed_by: dict[str, list[Claim]] = defaultdict(list)  # who disputes each claim, retracted ones too
        for c in self.claims:
            for r in c.disputes:
                self.disputed_by[r.id].append(c)
        self.disputed_ids: frozenset[str] = frozenset(self.disputed_by)
        # Claims a disputes or supersedes link touches are compared one by one; the rest in groups.
        self.linked_ids: frozenset[str] = self.disputed_ids | {
            c.id for c in self.claims if c.disputes or c.supersedes} | {r.id for c in self.claims for r in c.supersedes}
        # A memo by claim object, never by id: two claims may share an id (FL201, suppressed), and a side must be
        # its own claim's whichever question asks first (a question taken from the cache asks nothing).
        self._sides: dict[int, tuple[Claim, Side]] = {}  # id(claim) → (the claim, kept alive; its side)
        self._revising: dict[tuple[frozenset[str], frozenset[str]], bool] = {}
        self._apart: dict[str, dict[QuestionKey, list[Claim]]] = {}

    def questions(self) -> list[tuple[QuestionKey, list[Claim]]]:
        """The questions with a value, each with its claims (by id), in the order of their keys."""
        grouped: dict[QuestionKey, list[Claim]] = defaultdict(list)
        for claim in self.claims:
            key = claim.question()
            if key is not None and claim.value is not None:
                grouped[key].append(claim)
        for claim in (*self.retracted.values(), *self.disowned.values()):  # one all of whose claims were set apart
            key = claim.question()
            if key is not None and claim.value is not None:
                grouped.setdefault(key, [])
        return sorted(grouped.items())

    def retracted_on(self, key: QuestionKey) -> list[Claim]:
        return self._apart_on("retracted").get(key, [])

    def disowned_on(self, key: QuestionKey) -> list[Claim]:
        return self._apart_on("disowned").get(key, [])

    def _apart_on(self, which: str) -> dict[QuestionKey, list[Claim]]:
        """The retracted (or disowned) claims with a value, by question, in the order of their ids: built once,
        as every question asks (a scan per question would make the cross-check quadratic)."""
        found = self._apart.get(which)
        if found is None:
            found = self._apart[which] = defaultdict(list)
            for claim in getattr(self, which).values():
                key = claim.question()
                if key is not None and claim.value is not None:
                    found[key].append(claim)
        return found

    def set_apart(self, claim_id: str) -> Claim | None:
        """A claim that takes part in nothing: retracted, or disowned by its own source."""
        return self.retracted.get(claim_id) or self.disowned.get(claim_id)

    def side(self, claim: Claim) -> Side:
        kept = self._sides.get(id(claim))
        if kept is None or kept[0] is not claim:
            side = Side(claim.id, tuple(claim.originators()), str(claim.date) if claim.date else None, said(claim),
                        str(claim.value) if claim.value is not None else None)
            kept = self._sides[id(claim)] = (claim, side)
        return kept[1]

    def independent(self, a: Claim, b: Claim) -> bool:
        return self.lineage[a.id].isdisjoint(self.lineage[b.id])

    def same_source(self, a: Claim, b: Claim) -> bool:
        return self.origin_sets[a.id] == self.origin_sets[b.id]

    def revises(self, newer: Claim, older: Claim) -> bool:
        """Whether ``newer``'s sources may revise ``older``'s figure (:mod:`.revisers`), whatever their dates."""
        return self.sets_revise(self._origins(newer), self._origins(older))

    def sets_revise(self, newer: frozenset[str], older: frozenset[str]) -> bool:
        """:meth:`revises`, for two claims' casefolded source sets."""
        pair = (newer, older)
        found = self._revising.get(pair)
        if found is None:
            found = self._revising[pair] = self.revisers.claim_revises(newer, older)
        return found

    def related(self, a: Claim, b: Claim) -> bool:
        """Whether either claim's sources may revise the other's (whichever came first)."""
        return self.revises(a, b) or self.revises(b, a)

    def _origins(self, claim: Claim) -> frozenset[str]:
        found = self.origin_sets.get(claim.id)
        return found if found is not None else frozenset(fold("source", s) for s in self.sources[claim.id])

    def later_key(self, claim: Claim) -> tuple[float, float, float, str]:
        """How claims are put in time order: their time, then when they were said."""
        span = self.spans[claim.id]
        when = said_span(claim)
        return (span.first, span.last, when[0] if when else float("-inf"), claim.id)

    def newest(self, claims: Iterable[Claim]) -> Claim:
        return max(claims, key=self.later_key)


def _disowned(revisers: Revisers, claims: list[Claim]) -> dict[str, Claim]:
    """The claims (by id) that a claim of their own source, or of an organisation it is part of, disputes."""
    by_id = {c.id: c for c in claims}
    found: dict[str, Claim] = {}
    for claim in claims:
        for ref in claim.disputes:
            other = by_id.get(ref.id)
            if other is not None and other.id != claim.id and \
                    revisers.claim_revises(claim.originators(), other.originators()):
                found[other.id] = other
    return dict(sorted(found.items()))


def said(claim: Claim) -> str | None:
    """When the claim's sources said it, as its citations date it ('2024-10-18, 2024-11')."""
    dates = [str(c.date) for c in claim.citations if c.date is not None]
    return ", ".join(dict.fromkeys(dates)) if dates else None


def linked(a: Claim, b: Claim, relation: str) -> bool:
    """Whether either claim names the other under ``relation``."""
    return any(r.id == b.id for r in getattr(a, relation)) or any(r.id == a.id for r in getattr(b, relation))
