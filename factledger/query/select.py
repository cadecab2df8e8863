"""Selecting and ordering claims: shared by `list` and, later, by exports and check filters."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

from factledger.check.findings import Finding
from factledger.model.entries import Claim, Ledger, PartialDate, Source
from factledger.model.ids import fold
from factledger.text.quotes import normalise


class SortKey(str, enum.Enum):
    date = "date"
    id = "id"
    file = "file"


@dataclass
class ClaimFilter:
    """Every criterion is optional; given ones must all hold (within one, any listed value matches)."""

    sources: list[str] = field(default_factory=list)
    subject: str | None = None
    property: str | None = None
    statuses: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    since: PartialDate | None = None
    until: PartialDate | None = None
    search: str | None = None

    def describe(self) -> str:
        """The filters as a reader would say them ("source NIS; since 2024-10"), "" when there are none."""
        parts = [f"source {', '.join(self.sources)}" if self.sources else "",
                 f"subject {self.subject}" if self.subject else "",
                 f"property {self.property}" if self.property else "",
                 f"status {', '.join(self.statuses)}" if self.statuses else "",
                 f"tags {', '.join(self.tags)}" if self.tags else "",
                 f"since {self.since}" if self.since else "", f"until {self.until}" if self.until else "",
                 f"claims mentioning '{self.search}'" if self.search else ""]
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


def select(ledger: Ledger, criteria: ClaimFilter) -> list[Claim]:
    """The claims matching ``criteria``, in ledger order."""
    wanted_sources = members(ledger, criteria.sources) if criteria.sources else None
    wanted_tags = set(criteria.tags)
    # Searched as quotes are matched: typographic quotes, dashes and spacing do not matter.
    needle = normalise(criteria.search).casefold() if criteria.search else None
    since = criteria.since.first() if criteria.since else None
    until = criteria.until.last() if criteria.until else None
    chosen = []
    for claim in ledger.claims:
        if wanted_sources is not None and not any(
                fold("source", c.source.id) in wanted_sources for c in claim.citations):
            continue
        if criteria.subject is not None and claim.subject != criteria.subject:
            continue
        if criteria.property is not None and claim.property != criteria.property:
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
        if needle is not None and not _mentions(claim, needle):
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


def incoming_relations(ledger: Ledger, claim_id: str) -> list[tuple[str, Claim]]:
    """(relation, other claim) for every claim that supports, disputes or supersedes ``claim_id``."""
    return [(relation, other) for other in ledger.claims
            for relation, ref in other.relations() if ref.id == claim_id and other.id != claim_id]


def source_claim_counts(ledger: Ledger) -> list[tuple[Source, int]]:
    """Every source with how many claims cite it as an originator, in ledger order."""
    counts: dict[str, int] = {}
    for claim in ledger.claims:
        for source_id in {fold("source", c.source.id) for c in claim.citations}:
            counts[source_id] = counts.get(source_id, 0) + 1
    return [(s, counts.get(fold("source", s.id), 0)) for s in ledger.sources]


def source_relay_counts(ledger: Ledger) -> dict[str, int]:
    """How many claims each source relays (names in a citation's ``via``), by id as compared (folded)."""
    counts: dict[str, int] = {}
    for claim in ledger.claims:
        for source_id in {fold("source", r.id) for c in claim.citations for r in c.via}:
            counts[source_id] = counts.get(source_id, 0) + 1
    return counts


def select_findings(ledger: Ledger, findings: Iterable[Finding], subject: str | None = None,
                    prop: str | None = None, sources: Iterable[str] = (),
                    quiet_kinds: Iterable[str] = ()) -> list[Finding]:
    """Findings about the given question and sources (a source includes its members), minus ``quiet_kinds``."""
    wanted = members(ledger, sources) if sources else None
    quiet = set(quiet_kinds)
    chosen = []
    for f in findings:
        if f.kind in quiet:
            continue
        # A finding is about a question when any of its claims is (a dispute across two questions
        # shows under both).
        if subject is not None and not any(s == subject for s, _ in f.questions):
            continue
        if prop is not None and not any(p == prop and (subject is None or s == subject) for s, p in f.questions):
            continue
        if wanted is not None and not any(fold("source", s) in wanted for s in f.sources):
            continue
        chosen.append(f)
    return chosen
