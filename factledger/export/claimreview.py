"""`export claimreview`: schema.org ClaimReview JSON-LD: the fact-checkers' reviews the ledger records,
and the keeper's own verdicts.

Each recorded review (``reviews``) is written as its reviewer published it: the reviewer as author,
its address, date, headline, language, licence, and its rating (label and numbers) as given, so that
importing the export gives the same reviews back. A claim whose ``status`` is a verdict that no
recorded review gives is the keeper's own review, published by ``--publisher`` at ``--base-url``,
on this scale (documented in the README):

| status    | ratingValue | alternateName |
| --------- | ----------- | ------------- |
| confirmed | 5           | Confirmed     |
| disputed  | 3           | Disputed      |
| retracted | 2           | Retracted     |
| denied    | 1           | Denied        |

on ``worstRating`` 1 to ``bestRating`` 5. ``reported`` is no verdict, so it is not exported.
Properties carried: those Google's documentation requires (claimReviewed, reviewRating with
alternateName, url) and recommends (author, datePublished when given, itemReviewed as a Claim
with author, datePublished and appearance; ratingValue, bestRating, worstRating, name).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from factledger.model.entries import Claim, Ledger, Review
from factledger.model.urls import web_url
from factledger.model.vocabulary import UNKNOWN_CLAIMANT

if TYPE_CHECKING:
    from factledger.export.inputs import ExportInput

RATINGS = {"confirmed": 5, "disputed": 3, "retracted": 2, "denied": 1}
BEST, WORST = 5, 1


def _author(ledger: Ledger, source_id: str) -> dict[str, Any] | None:
    source = ledger.source(source_id)
    if source is not None and source.name == UNKNOWN_CLAIMANT:
        return None  # a claimant the review did not name stays unnamed
    if source is None:
        return {"@type": "Organization", "name": source_id}
    # Office-holders are people; every other kind of source is an organisation.
    kind = "Person" if source.kind == "official" and source.part_of is not None else "Organization"
    author: dict[str, Any] = {"@type": kind, "name": source.name}
    if web_url(source.url):
        author["url"] = web_url(source.url)
    return author


def _appearances(ledger: Ledger, claim: Claim) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for citation in claim.citations:
        document = ledger.document(citation.document.id) if citation.document else None
        # A citation that came via a relay carries the relay's address (for an imported review, the
        # review page), which is not where the claim appeared: only the document's address is used then.
        own = citation.url if not citation.via else None
        for written, is_document in ((document.url if document else None, True), (own, False)):
            url = web_url(written)
            if url is None or url in seen:
                continue
            work: dict[str, Any] = {"@type": "CreativeWork", "url": url}
            if is_document and document is not None:  # a title and date belong to the document's own address
                work["headline"] = document.title
                if document.published:
                    work["datePublished"] = str(document.published)
            seen[url] = work
    return list(seen.values())


def _claim_date(ledger: Ledger, claim: Claim) -> str | None:
    """When the claim was made: the earliest citation date, else its documents' earliest publication date."""
    said = sorted((c.date.first(), str(c.date.start)) for c in claim.citations
                  if c.date is not None and c.date.start is not None and c.date.first() is not None)
    if said:
        return said[0][1]
    documents = [ledger.document(c.document.id) for c in claim.citations if c.document]
    published = sorted((d.published.first(), str(d.published)) for d in documents
                       if d is not None and d.published is not None and d.published.first() is not None)
    return published[0][1] if published else None


def _item(ledger: Ledger, claim: Claim) -> dict[str, Any]:
    """The claim reviewed, with every author, when it was made and where it appeared."""
    item: dict[str, Any] = {"@type": "Claim"}
    authors = [a for a in (_author(ledger, s) for s in claim.originators()) if a is not None]
    if authors:
        item["author"] = authors[0] if len(authors) == 1 else authors
    claimed = _claim_date(ledger, claim)
    if claimed:
        item["datePublished"] = claimed
    appearances = _appearances(ledger, claim)
    if appearances:
        item["appearance"] = appearances[0] if len(appearances) == 1 else appearances
        item["firstAppearance"] = appearances[0]
    return item


def recorded(ledger: Ledger, claim: Claim, r: Review) -> dict[str, Any]:
    """A fact-checker's review as they published it."""
    reviewer = _author(ledger, r.by.id) or {"@type": "Organization", "name": r.by.id}
    reviewer["@type"] = "Organization" if reviewer["@type"] == "Organization" or not r.author else reviewer["@type"]
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "ClaimReview"}
    if web_url(r.url):
        data["url"] = web_url(r.url)
    data["claimReviewed"] = claim.statement
    data["itemReviewed"] = _item(ledger, claim)
    if r.author:  # the people who wrote it, and the organisation that published it
        data["author"] = [{"@type": "Person", "name": name.strip()} for name in r.author.split(",") if name.strip()]
        data["publisher"] = reviewer
    else:
        data["author"] = reviewer
    if r.rating is not None and (r.rating.label or r.rating.value is not None):  # no rating is invented
        rating: dict[str, Any] = {"@type": "Rating"}
        for key, value in (("alternateName", r.rating.label), ("ratingValue", r.rating.value),
                           ("bestRating", r.rating.best), ("worstRating", r.rating.worst)):
            if value is not None:
                rating[key] = value
        data["reviewRating"] = rating
    for key, value in (("datePublished", str(r.date) if r.date else None), ("headline", r.headline),
                       ("inLanguage", r.language), ("sdLicense", r.licence), ("reviewBody", r.body)):
        if value:
            data[key] = value
    return data


def review(ledger: Ledger, claim: Claim, publisher: str, publisher_url: str | None, base_url: str,
           date: str | None) -> dict[str, Any]:
    item = _item(ledger, claim)
    author: dict[str, Any] = {"@type": "Organization", "name": publisher}
    if publisher_url:
        author["url"] = publisher_url
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{base_url}#{claim.id}",
        "claimReviewed": claim.statement,
        "itemReviewed": item,
        "author": author,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATINGS[claim.status],
            "bestRating": BEST,
            "worstRating": WORST,
            "alternateName": claim.status.capitalize(),
            "name": claim.status.capitalize(),
        },
    }
    if date:
        data["datePublished"] = date
    return data


def claimreviews(ledger: Ledger, claims: list[Claim], publisher: str, publisher_url: str | None, base_url: str,
                 date: str | None = None) -> list[dict[str, Any]]:
    """In claim-id order: each claim's recorded reviews (by id), then the keeper's review of it when its
    status is a verdict that none of them gives."""
    reviews_of: dict[str, list[Review]] = {}
    for r in sorted(ledger.reviews, key=lambda r: r.id):
        reviews_of.setdefault(r.claim.id, []).append(r)
    out = []
    for claim in sorted(claims, key=lambda c: c.id):
        own = reviews_of.get(claim.id, [])
        out += [recorded(ledger, claim, r) for r in own]
        if claim.status in RATINGS and all(r.verdict != claim.status for r in own):
            out.append(review(ledger, claim, publisher, publisher_url, base_url, date))
    return out


def export(given: ExportInput) -> str:
    """`export claimreview`: safe to paste into a page's ``<script type="application/ld+json">``."""
    from factledger.formats.writers import to_json

    options = given.options
    reviews = claimreviews(given.ledger, given.claims, options.publisher or "", options.publisher_url,
                           options.base_url or "", options.review_date)
    return to_json(reviews, html_safe=True)
