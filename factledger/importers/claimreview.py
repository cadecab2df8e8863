"""`import claimreview`: ClaimReviews (in any of the forms of :mod:`.formats`) → ledger entries.

Each review becomes a ``reviews`` entry (who reviewed, the rating as published and the verdict it is
read as, the review's address, date, headline, language and licence), and the claim it reviews a
claim (the words reviewed, cited to whoever made them, via the reviewer, with every appearance as a
document). The claim's status is the verdict; the review keeps the evidence, so a user can re-map.

One review that cannot be read never blocks the others: it is refused with its place and the reason,
and the rest is imported. Nothing is dropped without a word: what could not be kept as a field (an
unreadable date, a relative address with no page to resolve it against) is said in the notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from factledger.importers import formats
from factledger.importers.entries import Entries, Party
from factledger.importers.ids import slug
from factledger.importers.jsonld import ImportProblem, scan, types, within
from factledger.importers.ratings import OwnScales, Reading, publisher, verdict
from factledger.importers.text import clean, fit
from factledger.model.entries import DateError, Ledger, PartialDate
from factledger.model.urls import host_of, resolve_url

__all__ = ["ImportProblem", "ImportReport", "Refusal", "import_claimreview"]


@dataclass
class Refusal:
    where: str  # the record: "line 3", "script block 2 (line 14)", or "" for a single JSON document
    reason: str  # starting with the JSON path: "$.claimReviewed is missing: ..."


@dataclass
class ImportReport:
    ledger: dict[str, Any]
    format: str
    reviews: int = 0  # reviews written
    claims: int = 0  # claims written (a claim reviewed twice is one)
    refused: list[Refusal] = field(default_factory=list)
    skipped: int = 0  # reviews the ledger already holds
    repeated: int = 0  # reviews given twice in the input
    unresolved: int = 0  # addresses that could not be used (relative with no page known, not http(s)): in notes


def _text(node: Any, key: str) -> str | None:
    value = node.get(key) if isinstance(node, dict) else None
    return (clean(value) or None) if isinstance(value, str) and value.strip() else None


# An ISO 8601 date, or a date-time (its time is dropped: a ledger date is no more precise than a
# day). Anything after the date that is not a time makes the whole value unreadable.
_DATE_TIME = re.compile(r"([0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?"
                        r"(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?")


def _kept(text: str) -> str:
    """An address that could not be used, as the notes keep it: its own text, made fit for the ledger (one
    line, damage visible), never a display's escapes (the YAML writer quotes what needs it)."""
    text = fit(text)
    return text if len(text) <= 80 else text[:79] + "…"


def _date(value: Any, what: str, notes: list[str]) -> str | None:
    """An ISO date or date-time as a ledger date; a value that is not one is said in ``notes``."""
    if value is None:
        return None
    match = _DATE_TIME.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is not None:
        try:
            return str(PartialDate.parse(match.group(1)))
        except DateError:
            pass
    notes.append(f"{what} '{clean(str(value))[:40]}' is not a date and was left out.")
    return None


class _Reader:
    def __init__(self, entries: Entries, page: str | None, report: ImportReport,
                 own: OwnScales | None = None) -> None:
        self.entries = entries
        self.own = own  # the ledger's own rating scales, read first
        self.page = page
        self.report = report
        self.nodes: dict[str, dict[str, Any]] = {}  # @id → node, within the record being read

    def resolve(self, node: Any) -> Any:
        """Follow an {"@id": ...} reference to the node it names, where the record defines it."""
        if isinstance(node, dict) and set(node) == {"@id"} and isinstance(node["@id"], str):
            return self.nodes.get(node["@id"], node)
        return node

    def url(self, value: Any, what: str, notes: list[str]) -> str | None:
        if isinstance(value, list):
            value = next((v for v in value if v), None)
        found, why = resolve_url(value, self.page, _kept)
        if why is not None:
            notes.append(f"{what} {why}; it was kept here instead.")
            self.report.unresolved += 1
        return found

    def parties(self, node: Any, kind: str) -> tuple[list[Party], bool]:
        """The named people and organisations of an author or publisher field, and whether any was given
        without a name (nor an address to name it by)."""
        node = self.resolve(node)
        nodes = node if isinstance(node, list) else [node] if node is not None else []
        found, unnamed = [], False
        for one in (self.resolve(n) for n in nodes):
            if isinstance(one, str) and one.strip():
                one = {"name": one}
            if not isinstance(one, dict):
                continue
            address = None
            for key in ("url", "sameAs", "@id"):
                given = one.get(key)
                if isinstance(given, list):
                    given = next(iter(given), None)
                if given is not None and (address := resolve_url(given, self.page)[0]) is not None:
                    break
            site = one.get("_site") if isinstance(one.get("_site"), str) else None
            host = host_of(address) if address else site
            name = _text(one, "name") or _text(one, "alternateName") or (host.removeprefix("www.") if host else None)
            if not name:
                unnamed = True
                continue
            kinds = tuple(types(one))
            found.append(Party(name, address, "other" if "Person" in kinds else kind, kinds, _text(one, "jobTitle"),
                               tuple(h for h in (host, site) if h)))
        return found, unnamed

    def review(self, path: str, node: dict[str, Any], report: ImportReport) -> None:
        raw = node.get("claimReviewed")
        if raw is not None and not isinstance(raw, str):
            raise ImportProblem(f"{path}.claimReviewed must be the claim's text, not {type(raw).__name__}")
        statement = _text(node, "claimReviewed")
        if statement is None:
            raise ImportProblem(f"{path}.claimReviewed is missing: the text of the claim that was reviewed")
        notes: list[str] = []
        claim_notes: list[str] = []
        item = self.resolve(node.get("itemReviewed"))
        if isinstance(item, str) and item.strip():
            claim_notes.append(f"The review's itemReviewed is a text ('{clean(item)[:60]}'), not the claim.")
        item = item if isinstance(item, dict) else {}
        claimants, unnamed = self.parties(item.get("author"), "other")
        if unnamed and not claimants:
            claim_notes.append("The review gives the claim's author without a name.")
        review_url = self.url(node.get("url"), "The review's address", notes)
        # The reviewer is the publishing organisation; people who wrote the review are its authors.
        authors, _ = self.parties(node.get("author"), "media")
        publishers, _ = self.parties(node.get("publisher"), "media")
        organisations = [p for p in authors if p.kind != "other"]
        people = [p for p in authors if p.kind == "other"]
        named = publishers or organisations or people
        reviewer = named[0] if named else None
        if reviewer is None and review_url:
            host = host_of(review_url)
            reviewer = Party(host.removeprefix("www."), None, "media", hosts=(host,))
            notes.append("The review names no author or publisher; it is attributed to the site it is published on.")
        if reviewer is None:
            raise ImportProblem(f"{path} names no author or publisher (nor has an address): who reviewed the claim "
                                "is unknown")
        by = self.entries.source(reviewer)
        known = publisher(reviewer.name, list(reviewer.hosts) + ([host_of(review_url)] if review_url else []))
        reading = verdict(self.resolve(node.get("reviewRating")), known, self.own, by)
        notes.insert(0, f"Verdict: {reading.how}.")
        reviewed = _date(node.get("datePublished"), "The review's datePublished", notes)
        review_id = self.entries.review_id(review_url, self.entries.source_name(by), statement, reviewed, reading.label)
        rating = _rating(reading)
        if review_id in self.entries.reviews:
            first = self.entries.reviews[review_id]
            if (first["verdict"], first["rating"]) != (reading.verdict, rating):
                # One review (address and claim) with two ratings: which the publisher means is unknown, so
                # the second is refused aloud rather than skipped as a copy.
                raise ImportProblem(f"{path} is the review {self.entries.given_at[review_id]} gives (the same "
                                    f"address and claim) with another rating: {_said(rating)} against "
                                    f"{_said(first['rating'])}; only the first is imported")
            report.repeated += 1
            return
        if review_id in self.entries.existing_reviews and not self.entries.is_owned("reviews", review_id):
            report.skipped += 1
            return
        said = _date(item.get("datePublished"), "The claim's datePublished", claim_notes)
        # The claimants' sources first: a claim is known by them, as `check` knows it (one claim, two reviews).
        sources = list(dict.fromkeys(self.entries.source(p) for p in claimants))
        key = self.entries.claim_key(statement, sources, said)
        claim_id = self.entries.existing_claim(key, f"{slug(statement)}-{key[:8]}", statement, sources)
        documents = self.appearances(item, notes)
        if claim_id is None or claim_id not in self.entries.claims and self.entries.is_owned("claims", claim_id):
            report.claims += claim_id is None  # a claim this feed wrote before is made again, not new
            claim_id = self.new_claim(key, claim_id or f"{slug(statement)}-{key[:8]}", statement, sources, by, said,
                                      documents, claim_notes, fixed=claim_id is not None)
        elif claim_id in self.entries.claims:
            _add_via(self.entries.claims[claim_id], by)
        if claim_id in self.entries.claims:
            self.entries.verdicts.setdefault(claim_id, set()).add(reading.verdict)
        people_names = [p.name for p in people if p.name != reviewer.name]
        entry: dict[str, Any] = {
            "id": review_id, "claim": claim_id, "by": by, "verdict": reading.verdict,
            "rating": rating,
            "url": review_url, "date": reviewed, "headline": _text(node, "headline") or _text(node, "name"),
            "author": ", ".join(people_names) or None, "language": _language(node.get("inLanguage")),
            "licence": _licence(node.get("sdLicense") or node.get("license")), "appearances": documents,
            "body": _text(node, "reviewBody"), "notes": " ".join(notes),
        }
        self.entries.reviews[review_id] = entry
        self.entries.given_at[review_id] = path
        report.reviews += 1

    def appearances(self, item: dict[str, Any], notes: list[str]) -> list[str]:
        """A document for each place the claim appeared (firstAppearance, appearance, isPartOf)."""
        found: list[str] = []
        for key in ("firstAppearance", "appearance", "isPartOf"):
            value = item.get(key)
            for one in (value if isinstance(value, list) else [value]):
                one = self.resolve(one)
                if isinstance(one, str):
                    one = {"url": one}
                if not isinstance(one, dict):
                    continue
                address = self.url(one.get("url"), f"An appearance's address ({key})", notes)
                if address is None:
                    continue
                doc = self.entries.document(address, _text(one, "headline") or _text(one, "name"),
                                            _date(one.get("datePublished"), "An appearance's datePublished", notes))
                if doc not in found:
                    found.append(doc)
        return found

    def new_claim(self, key: str, claim_id: str, statement: str, sources: list[str], by: str, said: str | None,
                  documents: list[str], notes: list[str], fixed: bool = False) -> str:
        """A claim (``fixed``: made again with the id an earlier import of this feed gave it)."""
        if fixed:
            self.entries.known_claims[key] = claim_id
        else:
            claim_id = self.entries.new_claim_id(key, claim_id)
        sources = sources or [self.entries.unknown_claimant(key[:8])]
        via = [by] if by not in sources else []
        citations = []
        if len(sources) == 1 and documents:
            # One claimant: each appearance is a place where they made the claim.
            citations = [{"source": sources[0], "via": list(via), "document": d} for d in documents]
        else:
            # Several: the review does not say whose words appeared where, so no document is given to one.
            citations = [{"source": s, "via": list(via)} for s in sources]
        if said:
            citations[0]["date"] = said
        claim: dict[str, Any] = {"id": claim_id, "statement": statement,
                                 "sources": [{k: v for k, v in c.items() if v} for c in citations]}
        if notes:
            claim["notes"] = " ".join(notes)
        self.entries.claims[claim_id] = claim
        return claim_id


def _add_via(claim: dict[str, Any], by: str) -> None:
    """A second reviewer of a claim made in this import relayed it too."""
    for citation in claim["sources"]:
        if citation["source"] != by and by not in citation.get("via", []):
            citation["via"] = [*citation.get("via", []), by]


def _rating(reading: Reading) -> dict[str, Any] | None:
    return {k: v for k, v in (("label", reading.label), ("value", _num(reading.value)), ("best", _num(reading.best)),
                              ("worst", _num(reading.worst)), ("scale", reading.scale)) if v is not None} or None


def _said(rating: dict[str, Any] | None) -> str:
    """A rating as a person reads it: its words, else its number."""
    if rating is None:
        return "no rating"
    if "label" in rating:
        return f"'{clean(str(rating['label']))[:60]}'"
    return f"{rating.get('value')} of {rating.get('best', '?')}"


def _num(value: float | None) -> int | float | None:
    return None if value is None else int(value) if float(value).is_integer() else value


def _language(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    return clean(value) or None if isinstance(value, str) and value.strip() else None


def _licence(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("url") or value.get("name")
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    return clean(value) or None if isinstance(value, str) and value.strip() else None


def import_claimreview(text: str, existing: Ledger | None = None,
                       owned: set[tuple[str, str]] | None = None) -> ImportReport:
    """Ledger entries from ClaimReview input, joining ``existing``; the entries in ``owned`` ((section,
    folded id): what an earlier import of the same feed wrote into the file being written) are made
    again rather than reused. Raises :class:`ImportProblem` only when the input as a whole cannot be
    read or holds no ClaimReview; a review that cannot be imported is a :class:`Refusal`."""
    read = formats.read(text)
    entries = Entries(existing, owned=set(owned or ()))
    own = OwnScales.of(existing.scales) if existing is not None else None
    report = ImportReport({}, read.format)
    found = 0
    for record in read.records:
        if record.problem is not None:
            report.refused.append(Refusal(record.where, record.problem))
            continue
        reader = _Reader(entries, read.page, report, own)
        found_here = scan(record.value)
        reader.nodes = found_here.nodes
        reviews, repeated = found_here.reviews, found_here.repeated
        outside = [r for r in repeated if not any(within(r, path) for path, _ in reviews)]
        if outside:
            # A key given twice outside any review (two "@graph"s) may have hidden reviews: nothing in the
            # record can be trusted to be all there is.
            report.refused.append(Refusal(record.where, f"{outside[0]} is given twice in one object; a JSON reader "
                                          "would keep only one of the two values, so nothing here is imported"))
            continue
        for path, node in reviews:
            found += 1
            inside = [r for r in repeated if within(r, path)]
            try:
                if node.get("_not_an_object"):
                    raise ImportProblem(f"{path} is not an object")
                if inside:
                    raise ImportProblem(f"{inside[0]} is given twice in one object; a JSON reader would keep only "
                                        "one of the two values, so this review is not imported")
                reader.review(path, node, report)
            except ImportProblem as exc:
                report.refused.append(Refusal(record.where, str(exc)))
    if not found and not report.refused:
        raise ImportProblem(f"no object with \"@type\": \"ClaimReview\" was found (read as {read.format}; "
                            f"accepted: {formats.ACCEPTED})")
    report.ledger = entries.ledger()
    return report
