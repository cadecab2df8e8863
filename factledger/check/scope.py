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
from typing import Any

from factledger.model.entries import Assessment, Claim, Ledger, Ref
from factledger.model.ids import fold
from factledger.model.kept import Change, PerEntry
from factledger.problems.diagnostics import Location

Table = dict[object, dict[int, Any]]  # a key → the entries under it, by identity (a duplicated id is two)
Places = list[tuple[int, object]]  # where an entry is indexed: (which table, under what key)


class Links:
    """The ledger's claims and assessments indexed by what connects them. Kept by a language server from one
    version of the ledger to the next (:meth:`update`): only the entries that are not the same objects as last
    time are taken out and put in, as an edit reads again only the entries it touched."""

    def __init__(self, ledger: Ledger | None = None) -> None:
        self.by_id: Table = defaultdict(dict)
        self.by_property: Table = defaultdict(dict)
        self.named_by: Table = defaultdict(dict)  # a claim's id → the claims whose links name it
        # Claims on no question are compared with none, but may be one claim recorded twice: by their origins.
        self.by_origins: Table = defaultdict(dict)
        self.judging: Table = defaultdict(dict)  # a claim id → assessments naming it
        self.on_property: Table = defaultdict(dict)
        self._tables = (self.by_id, self.by_property, self.named_by, self.by_origins, self.judging, self.on_property)
        self._claims: PerEntry[Claim, Places] = PerEntry(self._claim_places)
        self._assessments: PerEntry[Assessment, Places] = PerEntry(self._assessment_places)
        self.reviewed: list[Claim] = []
        if ledger is not None:
            self.update(ledger)

    def update(self, ledger: Ledger) -> Links:
        """Index ``ledger``: the entries no longer in it taken out, those new to it put in."""
        self._move(*self._claims.update(ledger.claims))
        self._move(*self._assessments.update(ledger.assessments))
        self.reviewed = [c for r in ledger.reviews for c in self.by_id.get(r.claim.id, {}).values()]
        return self

    def _move(self, gone: list[Change[Any, Places]], came: list[Change[Any, Places]]) -> None:
        for key, _, places in gone:
            for index, name in places:
                table = self._tables[index]
                del table[name][key]
                if not table[name]:
                    del table[name]
        for key, entry, places in came:
            for index, name in places:
                self._tables[index][name][key] = entry

    @staticmethod
    def _claim_places(claim: Claim) -> Places:
        """Where a claim is indexed: (which of the tables, under what)."""
        found: Places = [(0, claim.id)]
        if claim.subject and claim.property:
            found.append((1, (claim.subject, claim.property)))
        else:
            found.append((3, _origins(claim)))
        found += [(2, ref.id) for _, ref in claim.relations()]
        return list(dict.fromkeys(found))  # a claim naming another twice is under its id once

    @staticmethod
    def _assessment_places(assessment: Assessment) -> Places:
        found: Places = [(4, ref.id) for ref in _judged(assessment)]
        if assessment.question is not None:
            found.append((5, (assessment.question.subject, assessment.question.property)))
        return list(dict.fromkeys(found))

    def named(self, refs: Iterable[Ref]) -> list[Claim]:
        return [c for r in refs for c in self.by_id.get(r.id, {}).values()]

    def get(self, table: Table, key: object) -> Iterable[Any]:
        found = table.get(key)
        return found.values() if found is not None else ()


class _Reach:
    """What is reached so far, and what is still to be followed."""

    def __init__(self, links: Links) -> None:
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
            self.add(self.links.get(self.links.by_property,
                                    (assessment.question.subject, assessment.question.property)))

    def reviewed(self) -> None:
        if not self.reviews:
            self.reviews = True
            self.add(self.links.reviewed)

    def follow(self, claim: Claim) -> None:
        links = self.links
        key = (claim.subject or "", claim.property or "")
        if claim.subject and claim.property:
            self.add(links.get(links.by_property, key))
        else:
            self.add(links.get(links.by_origins, _origins(claim)))
        self.add(links.named(ref for _, ref in claim.relations()))
        self.add(links.get(links.named_by, claim.id))
        for assessment in [*links.get(links.judging, claim.id), *links.get(links.on_property, key)]:
            self.assessment(assessment)


def closure(ledger: Ledger, files: Iterable[str] = (), claims: Iterable[str] = (),
            links: Links | None = None) -> Ledger:
    """The part of ``ledger`` whose cross-check finds everything about the entries written in ``files``, and
    about the claims ``claims`` names (by id). ``links``: the ledger's index kept from an earlier version,
    brought up to date (else one is built)."""
    wanted = set(files)
    links = Links(ledger) if links is None else links.update(ledger)
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
