"""The part of a ledger the cross-check must see to find everything about some files' entries: so that an
editor can be told, as a file is edited, what `factledger check` would say about it, without the cross-check
of the whole ledger.

Findings are made within a question, and across questions only along links a ledger writes down; so the
findings about a claim depend only on the claims they are made of, and these are found by following, from
the claims, assessments and reviews written in the files:

* every claim on the same subject and property (the question, whatever its qualifiers: uneven qualifiers
  are found across them), and for a claim on no question, every claim on none from the same sources (the
  same claim recorded twice is found so);
* every claim a claim supports, disputes or supersedes, and every claim that names it so;
* every assessment that names a claim or its question, and everything that assessment names;
* the reviews: their claims, when any claim reached has a review (one review recorded twice may be
  recorded on two claims);

until nothing new is reached. Every source and document is kept (origins follow ``part_of`` and
``depends_on`` across the ledger). The cross-check of that part finds, about those entries, exactly what
the cross-check of the whole ledger finds (a test holds the two equal on every fixture, split across files).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from factledger.model.entries import Assessment, Claim, Ledger, Ref
from factledger.model.ids import fold
from factledger.problems.diagnostics import Location


class _Links:
    """The ledger's claims indexed by what connects them."""

    def __init__(self, ledger: Ledger) -> None:
        self.by_id: dict[str, list[Claim]] = defaultdict(list)
        self.by_property: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        self.named_by: dict[str, list[Claim]] = defaultdict(list)  # a claim's id → the claims whose links name it
        # Claims on no question are compared with none, but may be one claim recorded twice: by their origins.
        self.by_origins: dict[frozenset[str], list[Claim]] = defaultdict(list)
        for claim in ledger.claims:
            self.by_id[claim.id].append(claim)
            if claim.subject and claim.property:
                self.by_property[(claim.subject, claim.property)].append(claim)
            else:
                self.by_origins[_origins(claim)].append(claim)
            for _, ref in claim.relations():
                self.named_by[ref.id].append(claim)
        self.judging: dict[str, list[Assessment]] = defaultdict(list)  # a claim id → assessments naming it
        self.on_property: dict[tuple[str, str], list[Assessment]] = defaultdict(list)
        for assessment in ledger.assessments:
            for ref in _judged(assessment):
                self.judging[ref.id].append(assessment)
            if assessment.question is not None:
                self.on_property[(assessment.question.subject, assessment.question.property)].append(assessment)
        self.reviewed = [c for r in ledger.reviews for c in self.by_id.get(r.claim.id, [])]

    def named(self, refs: Iterable[Ref]) -> list[Claim]:
        return [c for r in refs for c in self.by_id.get(r.id, [])]


class _Reach:
    """What is reached so far, and what is still to be followed."""

    def __init__(self, links: _Links) -> None:
        self.links = links
        self.claims: set[int] = set()  # by object: a duplicated id is two claims
        self.assessments: set[int] = set()
        self.pending: list[Claim] = []
        self.reviews = False  # the reviewed claims are reached

    def add(self, found: Iterable[Claim]) -> None:
        for claim in found:
            if id(claim) not in self.claims:
                self.claims.add(id(claim))
                self.pending.append(claim)

    def assessment(self, assessment: Assessment) -> None:
        if id(assessment) in self.assessments:
            return
        self.assessments.add(id(assessment))
        self.add(self.links.named(_judged(assessment)))
        if assessment.question is not None:
            self.add(self.links.by_property.get((assessment.question.subject, assessment.question.property), []))

    def reviewed(self) -> None:
        if not self.reviews:
            self.reviews = True
            self.add(self.links.reviewed)

    def follow(self, claim: Claim) -> None:
        links = self.links
        key = (claim.subject or "", claim.property or "")
        if claim.subject and claim.property:
            self.add(links.by_property.get(key, []))
        else:
            self.add(links.by_origins.get(_origins(claim), []))
        self.add(links.named(ref for _, ref in claim.relations()))
        self.add(links.named_by.get(claim.id, []))
        for assessment in [*links.judging.get(claim.id, []), *links.on_property.get(key, [])]:
            self.assessment(assessment)


def closure(ledger: Ledger, files: Iterable[str] = (), claims: Iterable[str] = ()) -> Ledger:
    """The part of ``ledger`` whose cross-check finds everything about the entries written in ``files``, and
    about the claims ``claims`` names (by id)."""
    wanted = set(files)
    links = _Links(ledger)
    reach = _Reach(links)
    reach.add(c for c in ledger.claims if c.location.file in wanted)
    reach.add(links.named(Ref(claim_id, Location("")) for claim_id in claims))
    for assessment in ledger.assessments:
        if assessment.location.file in wanted:
            reach.assessment(assessment)
    if any(r.location.file in wanted for r in ledger.reviews):
        reach.reviewed()
    reviewed = {id(c) for c in links.reviewed}
    while reach.pending:
        claim = reach.pending.pop()
        if id(claim) in reviewed:
            reach.reviewed()
        reach.follow(claim)
    kept = [c for c in ledger.claims if id(c) in reach.claims]
    ids = {c.id for c in kept}
    return Ledger(sources=ledger.sources, documents=ledger.documents, claims=kept, files=ledger.files,
                  assessments=[a for a in ledger.assessments if id(a) in reach.assessments],
                  reviews=[r for r in ledger.reviews if r.claim.id in ids], suppressions=ledger.suppressions,
                  questions=ledger.questions, scales=ledger.scales)  # what the keeper declared of each question


def _origins(claim: Claim) -> frozenset[str]:
    return frozenset(fold("source", c.source.id) for c in claim.citations)


def _judged(assessment: Assessment) -> list[Ref]:
    return [*assessment.claims, *([assessment.wrong] if assessment.wrong else [])]
