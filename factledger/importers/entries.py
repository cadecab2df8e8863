"""The ledger entries an import writes: sources, documents, claims and reviews, each made once.

An existing ledger's entries are reused (sources by id or name, documents by address, claims as
`check` identifies them, reviews by their stable ids), so the output can join it, and importing the
same reviews again adds nothing: a review already in the ledger is skipped, and a new review of a
claim it holds refers to that claim. The entries an earlier import of the same feed wrote into the
file being written (``owned``) are made again instead, so that the merge (:mod:`.merge`) can update
what the feed changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from factledger.importers.ids import Ids, slug
from factledger.model.entries import Ledger
from factledger.model.identity import claim_key, fingerprint, origin_key, review_identity, statement_key
from factledger.model.ids import confusable, fold
from factledger.model.vocabulary import UNKNOWN_CLAIMANT


@dataclass
class Party:
    """A person or organisation as a review names it."""

    name: str
    url: str | None = None
    kind: str = "other"
    types: tuple[str, ...] = ()
    job: str | None = None
    hosts: tuple[str, ...] = ()


@dataclass
class Entries:
    existing: Ledger | None
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    claims: dict[str, dict[str, Any]] = field(default_factory=dict)
    reviews: dict[str, dict[str, Any]] = field(default_factory=dict)
    source_ids: Ids = field(default_factory=Ids)
    document_ids: Ids = field(default_factory=Ids)
    claim_ids: Ids = field(default_factory=Ids)
    by_name: dict[str, str] = field(default_factory=dict)  # folded name or id → source id
    by_url: dict[str, str] = field(default_factory=dict)  # document address → document id
    known_claims: dict[str, str] = field(default_factory=dict)  # claim key → claim id (this import or the ledger)
    existing_reviews: set[str] = field(default_factory=set)
    verdicts: dict[str, set[str]] = field(default_factory=dict)  # new claim id → the verdicts of its reviews
    owned: set[tuple[str, str]] = field(default_factory=set)  # (section, folded id) this feed wrote in the file
    identities: dict[tuple[object, ...], str] = field(default_factory=dict)  # a ledger claim's identity → its id
    review_ids: dict[tuple[str, ...], str] = field(default_factory=dict)  # a ledger review's identity → its id
    given_at: dict[str, str] = field(default_factory=dict)  # an imported review's id → its JSON path

    def __post_init__(self) -> None:
        ledger = self.existing
        if ledger is None:
            return
        for s in ledger.sources:
            self.source_ids.taken.add(confusable(s.id))
            self.by_name.setdefault(s.name.casefold(), s.id)
            self.by_name.setdefault(fold("source", s.id), s.id)
        self.document_ids.taken.update(confusable(d.id) for d in ledger.documents)
        for d in ledger.documents:
            if d.url:
                self.by_url.setdefault(d.url, d.id)
        self.claim_ids.taken.update(confusable(c.id) for c in ledger.claims)
        self.existing_reviews = {r.id for r in ledger.reviews}
        statements = {c.id: c.statement for c in ledger.claims}
        for r in ledger.reviews:  # found by what it is, whatever id an earlier import (or a person) gave it
            statement = statements.get(r.claim.id)
            if statement is not None:
                label = r.rating.label if r.rating is not None else None
                self.review_ids.setdefault(review_identity(r.url, self.source_name(r.by.id), statement,
                                                           str(r.date) if r.date else None, label), r.id)
        for c in ledger.claims:  # the claims an import could make again: no value, date or question
            if c.value is None and c.date is None and c.question() is None:
                self.identities.setdefault(_identity(c.statement, c.originators()), c.id)

    def is_owned(self, section: str, entry_id: str) -> bool:
        """Whether an earlier import of this feed wrote the entry into the file being written: made again."""
        return (section, fold(section[:-1], entry_id)) in self.owned

    # -- sources -----------------------------------------------------------------------------------
    def source(self, party: Party) -> str:
        """The source for ``party``: an existing one with its name (or id), else a new one."""
        found = self.by_name.get(party.name.casefold())
        if found and (found in self.sources or not self.is_owned("sources", found)):
            return found
        source_id = found or self.source_ids.unique(slug(party.name))
        entry: dict[str, Any] = {"id": source_id, "name": party.name, "kind": party.kind}
        if party.url:
            entry["url"] = party.url
        said = "; ".join(part for part in (f"schema.org type {', '.join(party.types)}" if party.types else "",
                                           f"job title: {party.job}" if party.job else "") if part)
        if said:
            entry["notes"] = f"Imported from ClaimReview ({said})."
        self.sources[source_id] = entry
        self.by_name[party.name.casefold()] = source_id
        return source_id

    def unknown_claimant(self, key: str) -> str:
        """A source for a claim whose review names no claimant: one per claim, so that two claims of
        unknown authors are never taken for one origin."""
        own = f"unknown-claimant-{key}"
        source_id = own if self.is_owned("sources", own) else self.source_ids.unique(own)
        self.sources[source_id] = {
            "id": source_id, "name": UNKNOWN_CLAIMANT, "kind": "other",
            "notes": "The review does not say who made the claim. This source stands for whoever did, "
                     "and for no other claim's author."}
        return source_id

    def source_name(self, source_id: str) -> str:
        if source_id in self.sources:
            name: str = self.sources[source_id]["name"]  # a party's name, or UNKNOWN_CLAIMANT
            return name
        found = self.existing.source(source_id) if self.existing is not None else None
        return found.name if found else source_id

    # -- documents ---------------------------------------------------------------------------------
    def document(self, url: str, title: str | None, published: str | None) -> str:
        found = self.by_url.get(url)
        if found and (found in self.documents or not self.is_owned("documents", found)):
            return found
        doc_id = found or self.document_ids.unique(f"{slug(title or url, 40)}-{fingerprint(('document', url), 6)}")
        entry: dict[str, Any] = {"id": doc_id, "title": title or url, "url": url}
        if published:
            entry["published"] = published
        self.documents[doc_id] = entry
        self.by_url[url] = doc_id
        return doc_id

    # -- claims and reviews --------------------------------------------------------------------------
    def claim_key(self, statement: str, sources: list[str], date: str | None) -> str:
        """A claim's identity, as `check` has it (model.identity): its words and its sources (an import's claim
        has no value, date or question). The same claim reviewed twice is one claim. A claim whose reviews
        name no claimant is known by its words and the day it was made."""
        if sources:
            return fingerprint(("claim", statement_key(statement), *sorted(origin_key(sources))))
        return fingerprint(("claim", statement_key(statement), "unknown", date or ""))

    def existing_claim(self, key: str, claim_id: str, statement: str, sources: list[str]) -> str | None:
        """The id of the claim with this identity already made (here, or in the ledger), or None."""
        if key in self.known_claims:
            return self.known_claims[key]
        found_id = self.identities.get(_identity(statement, sources)) if sources else None
        found = self.existing.claim(found_id or claim_id) if self.existing is not None else None
        if found is not None and (found_id or self.is_owned("claims", found.id)
                                  or statement_key(found.statement) == statement_key(statement)):
            self.known_claims[key] = found.id
            return found.id
        return None

    def new_claim_id(self, key: str, claim_id: str) -> str:
        made = self.claim_ids.unique(claim_id)
        self.known_claims[key] = made
        return made

    def review_id(self, url: str | None, reviewer: str, statement: str, date: str | None, label: str | None) -> str:
        identity = review_identity(url, reviewer, statement, date, label)
        return self.review_ids.get(identity) or f"{slug(reviewer, 32)}-{fingerprint(identity)}"

    def ledger(self) -> dict[str, Any]:
        for claim_id, verdicts in self.verdicts.items():
            claim = self.claims[claim_id]
            # The claim's status is its reviews' verdict where they agree; reviews that disagree leave it
            # reported, each review keeping its own verdict.
            status = next(iter(verdicts)) if len(verdicts) == 1 else "reported"
            if status != "reported":
                claim["status"] = status
            elif "status" in claim:
                del claim["status"]
        out: dict[str, Any] = {}
        for key in ("sources", "documents", "claims", "reviews"):
            entries = getattr(self, key)
            if entries:
                out[key] = [_ordered(key, e) for e in entries.values()]
        return out


def _identity(statement: str, sources: list[str]) -> tuple[object, ...]:
    """An import's claim as `check` identifies claims: its statement, then what claim_key compares."""
    return (statement_key(statement), *claim_key(origin_key(sources)))


_ORDER = {"claims": ("id", "statement", "status", "sources", "notes"),
          "reviews": ("id", "claim", "by", "verdict", "rating", "url", "date", "headline", "author", "language",
                      "licence", "appearances", "body", "notes")}


def _ordered(section: str, entry: dict[str, Any]) -> dict[str, Any]:
    """An entry's fields in the order a reader expects (id first), absent ones left out."""
    keys = _ORDER.get(section)
    if keys is None:
        return entry
    return {k: entry[k] for k in keys if k in entry and entry[k] not in (None, [], "")}
