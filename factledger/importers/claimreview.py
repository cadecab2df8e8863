"""`import claimreview`: schema.org ClaimReview JSON-LD → ledger entries.

Accepts one ClaimReview, an array, or an ``@graph``; ``itemReviewed`` as a ``Claim`` (the
current form), a ``CreativeWork`` (the older one) or any other creative work. Each review
becomes a claim, attributed to whoever made the claim (``itemReviewed.author``) and relayed
via the reviewing organisation (``author``), with the review's URL on the citation.

The verdict comes from the numeric rating when there is one (its place between worstRating
and bestRating), because labels are free text and sometimes contradict the number; the label
is used only without a number, and a contradiction is recorded in the claim's notes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from factledger.model import DateError, PartialDate


class ImportProblem(Exception):
    """The input cannot be imported; the message says what is missing and where."""


@dataclass
class _Result:
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    claims: list[dict[str, Any]] = field(default_factory=list)
    claim_ids: set[str] = field(default_factory=set)


def _types(node: dict[str, Any]) -> list[str]:
    kind = node.get("@type", [])
    return [kind] if isinstance(kind, str) else [k for k in kind if isinstance(k, str)] if isinstance(kind, list) else []


def _reviews(data: Any) -> list[tuple[str, dict[str, Any]]]:
    if isinstance(data, dict) and "@graph" in data:
        items, where = data["@graph"], "@graph"
        if not isinstance(items, list):
            raise ImportProblem("'@graph' must be a list of objects")
    elif isinstance(data, list):
        items, where = data, ""
    elif isinstance(data, dict):
        items, where = [data], None
    else:
        shown = {str: "a text", int: "a number", float: "a number", bool: "a boolean"}.get(type(data), "null")
        raise ImportProblem(f"expected a ClaimReview object, an array or an @graph, not {shown}")
    found = []
    for index, item in enumerate(items):
        path = "$" if where is None else (f"$.{where}[{index}]" if where else f"$[{index}]")
        if isinstance(item, dict) and "ClaimReview" in _types(item):
            found.append((path, item))
    if not found:
        raise ImportProblem("no object with \"@type\": \"ClaimReview\" was found")
    return found


def _text(node: dict[str, Any], key: str) -> str | None:
    value = node.get(key)
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _slug(text: str, limit: int = 48) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return slug[:limit].rstrip("-") or "unnamed"


def _date(value: Any) -> str | None:
    """An ISO date or date-time, as a ledger date (no more precise than a day)."""
    if not isinstance(value, str):
        return None
    try:
        return str(PartialDate.parse(value.strip()[:10]))
    except DateError:
        return None


def _url(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    if isinstance(value, str) and urlsplit(value.strip()).scheme in ("http", "https"):
        return value.strip()
    return None


def _party(result: _Result, node: Any, path: str, what: str, kind: str) -> str:
    """The source for a person or organisation node; returns its id."""
    if isinstance(node, list):
        node = next((n for n in node if isinstance(n, dict)), None)
    if isinstance(node, str) and node.strip():
        node = {"name": node}
    if not isinstance(node, dict):
        raise ImportProblem(f"{path} is missing: {what}")
    url = _url(node.get("url")) or _url(node.get("sameAs"))
    name = _text(node, "name") or (urlsplit(url).hostname if url else None)
    if not name:
        raise ImportProblem(f"{path} has no 'name' (nor a 'url' to name it by): {what}")
    key = name.casefold()
    existing = next((sid for sid, s in result.sources.items() if s["name"].casefold() == key), None)
    if existing:
        return existing
    source_id = _unique(_slug(name), {s.casefold() for s in result.sources})
    entry: dict[str, Any] = {"id": source_id, "name": name, "kind": kind}
    if url:
        entry["url"] = url
    job = _text(node, "jobTitle")
    types = ", ".join(_types(node))
    notes = "; ".join(part for part in (f"schema.org type {types}" if types else "", f"job title: {job}" if job else "")
                      if part)
    if notes:
        entry["notes"] = f"Imported from ClaimReview ({notes})."
    result.sources[source_id] = entry
    return source_id


def _unique(base: str, taken: set[str]) -> str:
    candidate, number = base, 2
    while candidate.casefold() in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


_DISPUTED = ("mixture", "mixed", "half", "partly", "partially", "misleading", "exaggerat", "unproven", "disputed",
             "context", "unsupported")
_DENIED = ("false", "pants", "incorrect", "wrong", "fake", "fabricated", "not true", "hoax", "misattributed", "denied")
_CONFIRMED = ("true", "correct", "accurate", "confirmed", "verified")


def _status_from_label(label: str) -> str | None:
    lowered = label.casefold()
    for words, status in ((_DISPUTED, "disputed"), (_DENIED, "denied"), (_CONFIRMED, "confirmed")):
        if any(word in lowered for word in words):
            return status
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def _verdict(rating: Any) -> tuple[str, str]:
    """(status, what the notes should say about the rating)."""
    if not isinstance(rating, dict):
        return "reported", "no rating given, so no verdict was recorded"
    label = _text(rating, "alternateName") or _text(rating, "name")
    value = _number(rating.get("ratingValue"))
    best = _number(rating.get("bestRating"))
    worst = _number(rating.get("worstRating"))
    best = 5.0 if best is None else best  # schema.org's defaults
    worst = 1.0 if worst is None else worst
    from_label = _status_from_label(label) if label else None
    if value is not None and best != worst:
        place = (value - worst) / (best - worst)
        status = "confirmed" if place >= 0.75 else "denied" if place <= 0.25 else "disputed"
        said = f"rated {value:g} on a scale from {worst:g} to {best:g}" + (f", labelled '{label}'" if label else "")
        if from_label is not None and from_label != status:
            said += f"; the label suggests {from_label}, the number {status}: the number was used"
        return status, said
    if from_label is not None:
        return from_label, f"labelled '{label}' (no usable numeric rating)"
    if label:
        return "reported", f"labelled '{label}', which does not map to a verdict, so none was recorded"
    return "reported", "the rating has neither a usable number nor a label, so no verdict was recorded"


def _review(result: _Result, path: str, review: dict[str, Any]) -> None:
    statement = _text(review, "claimReviewed")
    if statement is None:
        raise ImportProblem(f"{path}.claimReviewed is missing: the text of the claim that was reviewed")
    item = review.get("itemReviewed")
    if not isinstance(item, dict):
        raise ImportProblem(f"{path}.itemReviewed is missing: the claim, with its author")
    claimant = _party(result, item.get("author"), f"{path}.itemReviewed.author", "who made the claim", "other")
    reviewer = _party(result, review.get("author"), f"{path}.author", "the organisation that reviewed the claim",
                      "media")
    status, rating_note = _verdict(review.get("reviewRating"))
    citation: dict[str, Any] = {"source": claimant, "via": [reviewer] if reviewer != claimant else []}
    appearance = item.get("appearance") or item.get("firstAppearance") or item.get("isPartOf")
    if isinstance(appearance, list):
        appearance = next((a for a in appearance if isinstance(a, dict)), None)
    if isinstance(appearance, dict) and _url(appearance.get("url")):
        url = _url(appearance.get("url"))
        title = _text(appearance, "headline") or _text(appearance, "name") or url
        doc_id = next((d for d, e in result.documents.items() if e.get("url") == url), None)
        if doc_id is None:
            doc_id = _unique(_slug(title or "document"), {d.casefold() for d in result.documents})
            document: dict[str, Any] = {"id": doc_id, "title": title, "url": url}
            published = _date(appearance.get("datePublished"))
            if published:
                document["published"] = published
            result.documents[doc_id] = document
        citation["document"] = doc_id
    said = _date(item.get("datePublished"))
    if said:
        citation["date"] = said
    review_url = _url(review.get("url"))
    if review_url:
        citation["url"] = review_url
    claim_id = _unique(_slug(statement), result.claim_ids)
    result.claim_ids.add(claim_id)
    reviewed = _date(review.get("datePublished"))
    reviewer_name = result.sources[reviewer]["name"]
    notes = f"Imported from a ClaimReview by {reviewer_name}" + (f" published {reviewed}" if reviewed else "")
    notes += f": {rating_note}."
    claim: dict[str, Any] = {"id": claim_id, "statement": statement}
    if status != "reported":
        claim["status"] = status
    claim["sources"] = [{k: v for k, v in citation.items() if v not in (None, [], "")}]
    claim["notes"] = notes
    result.claims.append(claim)


def import_claimreview(text: str) -> dict[str, Any]:
    """Ledger data (sources, documents, claims) from ClaimReview JSON-LD; raises :class:`ImportProblem`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportProblem(f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    result = _Result()
    for path, review in _reviews(data):
        _review(result, path, review)
    ledger: dict[str, Any] = {"sources": list(result.sources.values())}
    if result.documents:
        ledger["documents"] = list(result.documents.values())
    ledger["claims"] = result.claims
    return ledger
