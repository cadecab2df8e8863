"""The forms ClaimReview comes in, told apart by their content (never by the file's name):

* JSON-LD: one ClaimReview, an array, an ``@graph``, a DataFeed, or ClaimReviews nested in other
  objects (an article's ``review``);
* an HTML page, its JSON-LD in ``<script type="application/ld+json">`` blocks (read by
  :mod:`.html`, in time linear in the page's size, as HTML's tokenizer reads them); the research
  dataset's file of one such block per line is read the same way;
* JSON Lines: one JSON value per line;
* answers of the Google Fact Check Tools API (``{"claims": [{"text", "claimant", "claimDate",
  "claimReview": [{"publisher", "url", "title", "reviewDate", "textualRating", "languageCode"}]}]}``),
  turned into the ClaimReviews they summarise.

Each yields *records*: one JSON value each, with where it came from, so that a record that cannot be
read is reported (with its line) and the others are still read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from factledger.importers.jsonld import ImportProblem, read_json

ACCEPTED = ("ClaimReview JSON-LD (an object, an array, an @graph or a DataFeed), an HTML page with JSON-LD "
            "<script> blocks, JSON Lines, or a Google Fact Check Tools API answer")


@dataclass
class Record:
    where: str  # "" for a whole JSON document; "line 3"; "script block 2 (line 14)"; "$.claims[0].claimReview[1]"
    value: Any = None
    problem: str | None = None  # why the record could not be read


@dataclass
class Input:
    format: str
    records: list[Record] = field(default_factory=list)
    page: str | None = None  # the page the input is, where it says (an HTML page's canonical address)


def _html(text: str) -> Input:
    from factledger.importers.html import scan

    page = scan(text)
    if not page.blocks:
        raise ImportProblem('an HTML page with no <script type="application/ld+json"> block, so no ClaimReview '
                            f"to read (accepted: {ACCEPTED})")
    lines = len(text.splitlines())
    many = len(page.blocks) > 1 and len(page.blocks) >= lines // 2  # the research file: a block a line
    found = Input("script lines" if many else "HTML page", page=page.canonical or page.og_url or page.base)
    for number, (line, body) in enumerate(page.blocks, start=1):
        where = f"line {line}" if many else f"script block {number} (line {line})"
        found.records.append(_record(where, body))
    return found


def _record(where: str, text: str) -> Record:
    try:
        return Record(where, read_json(text))
    except ImportProblem as exc:
        problem = str(exc)
        if where.startswith("line "):  # one line's JSON: its "line 1" is the line named already
            problem = problem.replace(" at line 1, column ", " at column ")
        return Record(where, problem=problem)


def _json_lines(text: str, whole_problem: str) -> Input:
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise ImportProblem("the input is empty")
    if _record("", lines[first]).problem is not None:
        shown = lines[first].strip()[:60]
        raise ImportProblem(f"{whole_problem}; it is not JSON Lines either, nor an HTML page (it starts with "
                            f"{shown!r}). Accepted: {ACCEPTED}")
    found = Input("JSON Lines")
    for number, line in enumerate(lines, start=1):
        if line.strip():
            found.records.append(_record(f"line {number}", line))
    return found


def fact_check_tools(value: Any) -> list[tuple[str, dict[str, Any]]] | None:
    """The ClaimReviews a Fact Check Tools API answer summarises, with where each was, or None if
    ``value`` is not such an answer."""
    if not isinstance(value, dict) or not isinstance(value.get("claims"), list):
        return None
    claims = value["claims"]
    if not claims or not all(isinstance(c, dict) and isinstance(c.get("claimReview"), list) for c in claims):
        return None
    reviews = []
    for i, claim in enumerate(claims):
        item: dict[str, Any] = {"@type": "Claim"}
        if claim.get("claimant") is not None:
            item["author"] = {"name": claim["claimant"]}
        if claim.get("claimDate") is not None:
            item["datePublished"] = claim["claimDate"]
        for j, review in enumerate(claim["claimReview"]):
            if not isinstance(review, dict):
                reviews.append((f"$.claims[{i}].claimReview[{j}]", {"@type": "ClaimReview", "_not_an_object": True}))
                continue
            given = review.get("publisher")
            publisher = given if isinstance(given, dict) else {}
            converted = {
                "@type": "ClaimReview", "claimReviewed": claim.get("text"), "itemReviewed": item,
                "author": {"@type": "Organization", "name": publisher.get("name"), "_site": publisher.get("site")},
                "url": review.get("url"), "headline": review.get("title"), "datePublished": review.get("reviewDate"),
                "reviewRating": {"alternateName": review.get("textualRating")},
                "inLanguage": review.get("languageCode"),
            }
            reviews.append((f"$.claims[{i}].claimReview[{j}]", {k: v for k, v in converted.items() if v is not None}))
    return reviews


def read(text: str) -> Input:
    """The records of ``text``, whatever form it is in; ImportProblem when it is none of them."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped:
        raise ImportProblem("the input is empty")
    if stripped.startswith("<"):
        return _html(text)
    try:
        value = read_json(text)
    except ImportProblem as exc:
        return _json_lines(text, str(exc))
    tools = fact_check_tools(value)
    if tools is not None:
        return Input("Fact Check Tools answer", [Record(where, review) for where, review in tools])
    if isinstance(value, dict) and "DataFeed" in str(value.get("@type", "")):
        return Input("DataFeed", [Record("", value)])
    return Input("JSON-LD", [Record("", value)])
