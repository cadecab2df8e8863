"""`import claimreview`: schema.org ClaimReview JSON-LD → ledger entries.

Accepts one ClaimReview, an array, an ``@graph`` (with ``@id`` references between its nodes),
or ClaimReviews nested in other objects (an article's ``review``); ``itemReviewed`` as a
``Claim`` (the current form), a ``CreativeWork`` (the older one) or any other creative work.
Each review becomes a claim, attributed to whoever made the claim (``itemReviewed.author``)
and relayed via the reviewing organisation (``author``), with the review's URL on the citation.

The verdict comes from the numeric rating when there is a usable one (its place between
worstRating and bestRating), because labels are free text and sometimes contradict the number;
the label is used only without a number, and a contradiction is recorded in the claim's notes.

Imported text is made fit for a ledger (:func:`fit`): line breaks and other whitespace become
single spaces, invisible characters are removed, other control characters are replaced with
U+FFFD so the damage stays visible; an existing ledger's sources are reused (by id or name) and
its claim ids avoided. A key given twice in one JSON object is refused, with its path: JSON
readers silently keep one of the two values.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from factledger.importers.jsonld import ImportProblem, read_json, types, walk
from factledger.importers.ratings import verdict
from factledger.importers.text import fit
from factledger.model import DateError, Ledger, PartialDate
from factledger.urls import web_url

__all__ = ["ImportProblem", "fit", "import_claimreview"]

@dataclass
class _Ids:
    """The ids of one kind already taken (casefolded), and how far each base has counted."""

    taken: set[str] = field(default_factory=set)
    counters: dict[str, int] = field(default_factory=dict)

    def unique(self, base: str) -> str:
        """``base``, or ``base-2``, ``base-3``, … : the first not taken. Each base remembers how far it
        got, so the thousandth review of one claim text costs one try, not a thousand."""
        key = base.casefold()
        number = self.counters.get(key, 0) + 1  # the number after the last one this base was given
        candidate = base if number == 1 else f"{base}-{number}"
        while candidate.casefold() in self.taken:
            number += 1
            candidate = f"{base}-{number}"
        self.counters[key] = number
        self.taken.add(candidate.casefold())
        return candidate


@dataclass
class _Result:
    existing: Ledger | None
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    source_by_name: dict[str, str] = field(default_factory=dict)
    source_ids: _Ids = field(default_factory=_Ids)
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    document_by_url: dict[str, str] = field(default_factory=dict)
    document_ids: _Ids = field(default_factory=_Ids)
    claims: list[dict[str, Any]] = field(default_factory=list)
    claim_ids: _Ids = field(default_factory=_Ids)
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)  # @id → node, to resolve references

    def __post_init__(self) -> None:
        if self.existing is not None:
            for s in self.existing.sources:
                self.source_ids.taken.add(s.id.casefold())
                self.source_by_name.setdefault(s.name.casefold(), s.id)
                self.source_by_name.setdefault(s.id.casefold(), s.id)
            self.document_ids.taken.update(d.id.casefold() for d in self.existing.documents)
            for d in self.existing.documents:
                if d.url:
                    self.document_by_url.setdefault(d.url, d.id)
            self.claim_ids.taken.update(c.id for c in self.existing.claims)


def _reviews(data: Any, result: _Result) -> list[tuple[str, dict[str, Any]]]:
    if isinstance(data, dict) and "@graph" in data and not isinstance(data["@graph"], list):
        raise ImportProblem("'@graph' must be a list of objects")
    if not isinstance(data, (dict, list)):
        shown = {str: "a text", int: "a number", float: "a number", bool: "a boolean"}.get(type(data), "null")
        raise ImportProblem(f"expected a ClaimReview object, an array or an @graph, not {shown}")
    found = []
    for path, node in walk(data, "$"):
        if isinstance(node.get("@id"), str) and len(node) > 1:
            result.nodes.setdefault(node["@id"], node)
        if "ClaimReview" in types(node):
            found.append((path, node))
    if not found:
        raise ImportProblem("no object with \"@type\": \"ClaimReview\" was found")
    return found


def _resolve(result: _Result, node: Any) -> Any:
    """Follow an {"@id": ...} reference to the node it names, where the input defines it."""
    if isinstance(node, dict) and set(node) == {"@id"} and isinstance(node["@id"], str):
        return result.nodes.get(node["@id"], node)
    return node


def _text(node: dict[str, Any], key: str) -> str | None:
    value = node.get(key)
    if isinstance(value, str) and value.strip():
        return fit(value) or None
    return None


def _slug(text: str, limit: int = 48) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:limit].rstrip("-")
    # A name in another script has no ASCII letters to make an id from: use a short fingerprint.
    return slug or "x-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]




# An ISO 8601 date, or a date-time (its time is dropped: a ledger date is no more precise than a
# day). Anything after the date that is not a time makes the whole value unreadable.
_DATE_TIME = re.compile(r"([0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?"
                        r"(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?")


def _date(value: Any) -> str | None:
    """An ISO date or date-time, as a ledger date (no more precise than a day)."""
    if not isinstance(value, str):
        return None
    match = _DATE_TIME.fullmatch(value.strip())
    if match is None:
        return None
    try:
        return str(PartialDate.parse(match.group(1)))
    except DateError:
        return None


def _url(value: Any) -> str | None:
    if isinstance(value, list):
        return next((url for url in map(_url, value) if url), None)
    return web_url(value)


def _party(result: _Result, node: Any, path: str, what: str, kind: str) -> str:
    """The source for a person or organisation node; returns its id (an existing source's, if any)."""
    node = _resolve(result, node)
    if isinstance(node, list):
        node = next((_resolve(result, n) for n in node if isinstance(_resolve(result, n), dict)), None)
    if isinstance(node, str) and node.strip():
        node = {"name": node}
    if not isinstance(node, dict):
        raise ImportProblem(f"{path} is missing: {what}")
    url = _url(node.get("url")) or _url(node.get("sameAs")) or _url(node.get("@id"))
    name = _text(node, "name") or (urlsplit(url).hostname if url else None)
    if not name:
        raise ImportProblem(f"{path} has no 'name' (nor a 'url' to name it by): {what}")
    existing = result.source_by_name.get(name.casefold())
    if existing:
        return existing
    source_id = result.source_ids.unique(_slug(name))
    entry: dict[str, Any] = {"id": source_id, "name": name, "kind": kind}
    if url:
        entry["url"] = url
    job = _text(node, "jobTitle")
    kinds = ", ".join(types(node))
    notes = "; ".join(part for part in (f"schema.org type {kinds}" if kinds else "", f"job title: {job}" if job else "")
                      if part)
    if notes:
        entry["notes"] = f"Imported from ClaimReview ({notes})."
    result.sources[source_id] = entry
    result.source_by_name[name.casefold()] = source_id
    return source_id


def _appearance(result: _Result, item: dict[str, Any]) -> str | None:
    """The document for where the claim appeared: the first appearance with an http(s) URL."""
    candidates: list[Any] = []
    for key in ("firstAppearance", "appearance", "isPartOf"):
        value = item.get(key)
        candidates += value if isinstance(value, list) else [value]
    for candidate in candidates:
        candidate = _resolve(result, candidate)
        if isinstance(candidate, str):
            candidate = {"url": candidate}
        if not isinstance(candidate, dict):
            continue
        url = _url(candidate.get("url"))
        if url is None:
            continue
        if url in result.document_by_url:
            return result.document_by_url[url]
        title = _text(candidate, "headline") or _text(candidate, "name") or url
        doc_id = result.document_ids.unique(_slug(title))
        document: dict[str, Any] = {"id": doc_id, "title": title, "url": url}
        published = _date(candidate.get("datePublished"))
        if published:
            document["published"] = published
        result.documents[doc_id] = document
        result.document_by_url[url] = doc_id
        return doc_id
    return None


def _existing_name(result: _Result, source_id: str) -> str:
    found = result.existing.source(source_id) if result.existing is not None else None
    return found.name if found else source_id


def _review(result: _Result, path: str, review: dict[str, Any]) -> None:
    raw = review.get("claimReviewed")
    if raw is not None and not isinstance(raw, str):
        raise ImportProblem(f"{path}.claimReviewed must be the claim's text, not {type(raw).__name__}")
    statement = _text(review, "claimReviewed")
    if statement is None:
        raise ImportProblem(f"{path}.claimReviewed is missing: the text of the claim that was reviewed")
    item = _resolve(result, review.get("itemReviewed"))
    if isinstance(item, str) and item.strip():
        raise ImportProblem(f"{path}.itemReviewed is a text; it must be an object with the claim's author")
    if not isinstance(item, dict):
        raise ImportProblem(f"{path}.itemReviewed is missing: the claim, with its author")
    claimant = _party(result, item.get("author"), f"{path}.itemReviewed.author", "who made the claim", "other")
    reviewer = _party(result, review.get("author"), f"{path}.author", "the organisation that reviewed the claim",
                      "media")
    if reviewer in result.sources and "Person" in (result.sources[reviewer].get("notes") or ""):
        result.sources[reviewer]["kind"] = "other"  # a person reviewing is not a media organisation
    reading = verdict(_resolve(result, review.get("reviewRating")), None)
    status, rating_note = reading.verdict, reading.how
    citation: dict[str, Any] = {"source": claimant, "via": [reviewer] if reviewer != claimant else []}
    document = _appearance(result, item)
    if document:
        citation["document"] = document
    said = _date(item.get("datePublished"))
    if said:
        citation["date"] = said
    unread_date = item.get("datePublished") if not said and item.get("datePublished") is not None else None
    review_url = _url(review.get("url"))
    if review_url:
        citation["url"] = review_url
    claim_id = result.claim_ids.unique(_slug(statement))
    reviewed = _date(review.get("datePublished"))
    reviewer_name = result.sources[reviewer]["name"] if reviewer in result.sources else _existing_name(result, reviewer)
    notes = f"Imported from a ClaimReview by {reviewer_name}" + (f" published {reviewed}" if reviewed else "")
    notes += f": {rating_note}."
    if unread_date is not None:
        notes += f" The claim's datePublished '{fit(str(unread_date))[:40]}' is not a date and was left out."
    claim: dict[str, Any] = {"id": claim_id, "statement": statement}
    if status != "reported":
        claim["status"] = status
    claim["sources"] = [{k: v for k, v in citation.items() if v not in (None, [], "")}]
    claim["notes"] = notes
    result.claims.append(claim)


def import_claimreview(text: str, existing: Ledger | None = None) -> dict[str, Any]:
    """Ledger data (sources, documents, claims) from ClaimReview JSON-LD; raises :class:`ImportProblem`.

    With ``existing``, its sources are reused (matched by id or name) and its ids are not taken again,
    so the output can be added to that ledger.
    """
    data = read_json(text)
    result = _Result(existing)
    for path, review in _reviews(data, result):
        _review(result, path, review)
    ledger: dict[str, Any] = {}
    if result.sources:
        ledger["sources"] = list(result.sources.values())
    if result.documents:
        ledger["documents"] = list(result.documents.values())
    ledger["claims"] = result.claims
    return ledger
