"""Selecting and ordering claims: shared by `list` and, later, by exports and check filters."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factledger.model.entries import Claim, Ledger, PartialDate, Source
from factledger.model.ids import fold
from factledger.text.quotes import normalise

if TYPE_CHECKING:
    from factledger.check.findings import Finding


class SortKey(str, enum.Enum):
    date = "date"
    id = "id"
    file = "file"


@dataclass
class ClaimFilter:
    """Every criterion is optional; given ones must all hold. Within one, any listed value matches (a filter
    given twice combines, never keeps only the last), except tags, which must all be there."""

    sources: list[str] = field(default_factory=list)  # originators: a citation's source, or a member of it
    subjects: list[str] = field(default_factory=list)
    properties: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    since: PartialDate | None = None
    until: PartialDate | None = None
    searches: list[str] = field(default_factory=list)
    via: list[str] = field(default_factory=list)  # relays: a citation's via, or a member of it

    def describe(self) -> str:
        """The filters as a reader would say them ("source NIS; since 2024-10"), "" when there are none."""
        parts = [f"source {', '.join(self.sources)}" if self.sources else "",
                 f"relayed by {', '.join(self.via)}" if self.via else "",
                 f"subject {', '.join(self.subjects)}" if self.subjects else "",
                 f"property {', '.join(self.properties)}" if self.properties else "",
                 f"status {', '.join(self.statuses)}" if self.statuses else "",
                 f"tags {', '.join(self.tags)}" if self.tags else "",
                 f"since {self.since}" if self.since else "", f"until {self.until}" if self.until else "",
                 "claims mentioning " + " or ".join(f"'{s}'" for s in self.searches) if self.searches else ""]
        return "; ".join(p for p in parts if p)


def members(ledger: Ledger, source_ids: Iterable[str]) -> set[str]:
    """The given sources and every source ``part_of`` them, transitively; casefolded ids."""
    children: dict[str, list[str]] = {}
    for s in ledger.sources:
        if s.part_of is not None:
            children.setdefault(fold("source", s.part_of.id), []).append(fold("source", s.id))
    found: set[str] = set()
    stack = [fold("source", i) for i in source_ids]
    while stack:
        current = stack.pop()
        if current in found:
            continue  # also guards against part_of cycles, which validate reports
        found.add(current)
        stack.extend(children.get(current, ()))
    return found


def relayed_by(claim: Claim, relays: set[str]) -> bool:
    """Whether one of the claim's citations came ``via`` one of ``relays`` (casefolded ids)."""
    return any(fold("source", r.id) in relays for c in claim.citations for r in c.via)


def select(ledger: Ledger, criteria: ClaimFilter) -> list[Claim]:
    """The claims matching ``criteria``, in ledger order."""
    wanted_sources = members(ledger, criteria.sources) if criteria.sources else None
    relays = members(ledger, criteria.via) if criteria.via else None
    wanted_tags = set(criteria.tags)
    subjects, properties = set(criteria.subjects), set(criteria.properties)
    # Searched as quotes are matched: typographic quotes, dashes and spacing do not matter.
    needles = [normalise(s).casefold() for s in criteria.searches]
    since = criteria.since.first() if criteria.since else None
    until = criteria.until.last() if criteria.until else None
    chosen = []
    for claim in ledger.claims:
        if wanted_sources is not None and not any(
                fold("source", c.source.id) in wanted_sources for c in claim.citations):
            continue
        if relays is not None and not relayed_by(claim, relays):
            continue
        if subjects and claim.subject not in subjects:
            continue
        if properties and claim.property not in properties:
            continue
        if criteria.statuses and claim.status not in criteria.statuses:
            continue
        if wanted_tags and not wanted_tags.issubset(claim.tags):
            continue
        if since is not None or until is not None:
            if claim.date is None:
                continue
            if not claim.date.overlaps(since, until):  # a claim matches when its span overlaps the period
                continue
        if needles and not any(_mentions(claim, needle) for needle in needles):
            continue
        chosen.append(claim)
    return chosen


def _mentions(claim: Claim, needle: str) -> bool:
    if needle in normalise(claim.statement).casefold():
        return True
    return any(c.quote is not None and needle in normalise(c.quote).casefold() for c in claim.citations)


def known_questions(ledger: Ledger) -> tuple[set[str], set[str]]:
    """Every subject and every property some claim names."""
    return ({c.subject for c in ledger.claims if c.subject}, {c.property for c in ledger.claims if c.property})


def is_cited(ledger: Ledger, source_id: str) -> bool:
    """Whether any citation names ``source_id`` (case-insensitively), defined or not."""
    wanted = fold("source", source_id)
    return any(fold("source", c.source.id) == wanted for claim in ledger.claims for c in claim.citations)


_FAR_PAST = dt.date.min
_FAR_FUTURE = dt.date.max


def sort_claims(claims: list[Claim], key: SortKey) -> list[Claim]:
    """Ordered by date (undated last; open starts first), by id, or as written in the files."""
    if key is SortKey.id:
        return sorted(claims, key=lambda c: c.id)
    if key is SortKey.file:
        return sorted(claims, key=lambda c: (c.location.file, c.location.line))
    def by_date(claim: Claim) -> tuple[int, dt.date, dt.date, str]:
        if claim.date is None:
            return (1, _FAR_PAST, _FAR_PAST, claim.id)
        return (0, claim.date.first() or _FAR_PAST, claim.date.last() or _FAR_FUTURE, claim.id)
    return sorted(claims, key=by_date)


def relations_into(ledger: Ledger) -> Iterator[tuple[str, Claim, str]]:
    """(relation, claim, the claim it points to) for every claim that supports, disputes or supersedes
    another, in ledger order (a claim naming itself is left out)."""
    for other in ledger.claims:
        for relation, ref in other.relations():
            if ref.id != other.id:
                yield relation, other, ref.id



def source_claim_counts(ledger: Ledger, claims: Iterable[Claim] | None = None) -> list[tuple[Source, int, int]]:
    """Every source with how many claims (of ``claims``, by default all) cite it as an originator, and how
    many it relayed (a citation's ``via``), counted apart, in ledger order."""
    cited: dict[str, int] = {}
    relayed: dict[str, int] = {}
    for claim in ledger.claims if claims is None else claims:
        for source_id in {fold("source", c.source.id) for c in claim.citations}:
            cited[source_id] = cited.get(source_id, 0) + 1
        for source_id in {fold("source", r.id) for c in claim.citations for r in c.via}:
            relayed[source_id] = relayed.get(source_id, 0) + 1
    return [(s, cited.get(fold("source", s.id), 0), relayed.get(fold("source", s.id), 0)) for s in ledger.sources]


def select_findings(ledger: Ledger, findings: Iterable[Finding], subjects: Iterable[str] = (),
                    props: Iterable[str] = (), sources: Iterable[str] = (),
                    quiet_kinds: Iterable[str] = (), via: Iterable[str] = ()) -> list[Finding]:
    """Findings about the given questions and sources (a source includes its members), or about claims the
    ``via`` sources relayed, minus ``quiet_kinds``. Each filter given more than once matches any of its values."""
    wanted = members(ledger, sources) if sources else None
    relays = members(ledger, via) if via else None
    relayed = {c.id for c in ledger.claims if relayed_by(c, relays)} if relays is not None else set()
    subject_set, prop_set = set(subjects), set(props)
    quiet = set(quiet_kinds)
    chosen = []
    for f in findings:
        if f.kind in quiet:
            continue
        # A finding is about a question when any of its claims is (a dispute across two questions
        # shows under both).
        if subject_set and not any(s in subject_set for s, _ in f.questions):
            continue
        if prop_set and not any(p in prop_set and (not subject_set or s in subject_set) for s, p in f.questions):
            continue
        if wanted is not None and not any(fold("source", s) in wanted for s in f.sources):
            continue
        if relays is not None and relayed.isdisjoint(f.claims):
            continue
        chosen.append(f)
    return chosen
