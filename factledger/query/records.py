"""Model → plain data (dicts, lists, strings, numbers) for machine-readable output.

One shape per entry kind, with every field present (``None`` when absent) and a
stable key order, plus where the entry is written (``file``, ``line``).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from factledger.check.findings import Finding
from factledger.model.entries import Citation, Claim, DateSpan, Ref, Review, Source

if TYPE_CHECKING:
    from factledger.query.views import ClaimView


def _ids(refs: list[Ref]) -> list[str]:
    return [r.id for r in refs]


def _date(span: DateSpan | None) -> Any:
    return span.to_data() if span is not None else None


def citation_data(c: Citation) -> dict[str, Any]:
    return {
        "source": c.source.id,
        "document": c.document.id if c.document else None,
        "via": _ids(c.via),
        "quote": c.quote,
        "date": _date(c.date),
        "url": c.url,
        "credibility": c.credibility,
    }


def claim_data(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id,
        "statement": c.statement,
        "subject": c.subject,
        "property": c.property,
        "qualifiers": dict(c.qualifiers),
        "value": c.value.to_data() if c.value is not None else None,
        "date": _date(c.date),
        "status": c.status,
        "sources": [citation_data(x) for x in c.citations],
        "supports": _ids(c.supports),
        "disputes": _ids(c.disputes),
        "supersedes": _ids(c.supersedes),
        "tags": list(c.tags),
        "notes": c.notes,
        "file": c.location.file,
        "line": c.location.line,
    }


def source_data(s: Source, claim_count: int | None = None, relays: int | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": s.id,
        "name": s.name,
        "kind": s.kind,
        "country": s.country,
        "reliability": s.reliability,
        "part_of": s.part_of.id if s.part_of else None,
        "depends_on": _ids(s.depends_on),
        "url": s.url,
        "notes": s.notes,
    }
    if claim_count is not None:
        data["claims"] = claim_count
    if relays is not None:
        data["relays"] = relays
    data["file"] = s.location.file
    data["line"] = s.location.line
    return data


def finding_data(f: Finding) -> dict[str, Any]:
    """The public JSON shape of a finding (issue contract), plus the sides and the suggestion."""
    return {
        "code": f.code,
        "severity": f.severity.value,
        "kind": f.kind,
        "message": f.message,
        "claims": list(f.claims),
        "sources": list(f.sources),
        "subject": f.subject,
        "property": f.property_name,
        "qualifiers": dict(f.question.qualifiers) if f.question is not None else None,
        "locations": [{"file": loc.file, "line": loc.line, "column": loc.column} for loc in f.locations],
        "sides": [{"claim": s.claim, "sources": list(s.sources), "date": s.date, "said": s.said, "value": s.value}
                  for s in f.sides],
        "suggestion": f.suggestion,
    }


def claim_detail_data(view: ClaimView) -> dict[str, Any]:
    """`show --format json`: the claim, its sources' names and grades, incoming relations, findings.

    ``findings`` and ``independent_origins`` are null when the ledger has errors (not cross-checked).
    """
    data = claim_data(view.claim)
    for citation, cited in zip(data["sources"], view.citations, strict=True):  # both: the claim's citations
        citation["source_name"] = cited.source.name if cited.source else None
        citation["reliability"] = cited.source.reliability if cited.source else None
        citation["document_title"] = cited.document.title if cited.document else None
    data["incoming"] = [{"relation": r.relation, "claim": r.claim_id} for r in view.incoming]
    data["findings"] = [finding_data(f) for f in view.findings] if view.findings is not None else None
    data["independent_origins"] = view.independent_origins
    data["camp"] = view.camp
    data["consistent_with"] = view.consistent_with
    data["consistent_with_count"] = view.consistent_count if view.findings is not None else None
    data["reviews"] = [review_data(r) for r in view.reviews]
    return data


def review_data(r: Review) -> dict[str, Any]:
    """A review as a ledger file writes it (and `export json` and `show --format json` give it)."""
    rating = None
    if r.rating is not None:
        rating = {k: v for k, v in (("label", r.rating.label), ("value", r.rating.value), ("best", r.rating.best),
                                    ("worst", r.rating.worst), ("scale", r.rating.scale)) if v is not None}
    return {k: v for k, v in {
        "id": r.id, "claim": r.claim.id, "by": r.by.id, "verdict": r.verdict, "rating": rating or None,
        "url": r.url, "date": str(r.date) if r.date else None, "headline": r.headline, "author": r.author,
        "language": r.language, "licence": r.licence, "appearances": [d.id for d in r.appearances],
        "notes": r.notes,
    }.items() if v not in (None, [], "")}


# One row per claim, for every CSV (`list --format csv`, `export csv`): the same columns everywhere.
CLAIM_CSV_COLUMNS = (
    "id", "statement", "subject", "property", "value", "value_kind", "value_number", "value_low",
    "value_high", "unit", "date", "date_from", "date_to", "status", "sources", "documents", "via",
    "quotes", "supports", "disputes", "supersedes", "tags", "notes", "citations", "file", "line", "qualifiers",
)


def _join(values: list[str]) -> str:
    return "; ".join(values)


def claim_row(c: Claim, relative_to: str | None = None) -> list[Any]:
    """A claim as one CSV row (:data:`CLAIM_CSV_COLUMNS`). With ``relative_to`` (the data directory as
    given), ``file`` is the path inside it, so an export is the same wherever it is run from."""
    prefix = relative_to.rstrip("/") + "/" if relative_to else None
    v = c.value
    first = c.date.first() if c.date else None
    last = c.date.last() if c.date else None
    return [
        c.id, c.statement, c.subject, c.property, str(v) if v else None, v.kind if v else None,
        v.number if v else None, v.low if v else None, v.high if v else None, v.unit if v else None,
        str(c.date) if c.date else None, first.isoformat() if first else None, last.isoformat() if last else None,
        c.status, "; ".join(c.originators()),
        _join(list(dict.fromkeys(x.document.id for x in c.citations if x.document))),
        _join(list(dict.fromkeys(r.id for x in c.citations for r in x.via))),
        " | ".join(x.quote for x in c.citations if x.quote),
        _join([r.id for r in c.supports]), _join([r.id for r in c.disputes]),
        _join([r.id for r in c.supersedes]), _join(c.tags), c.notes,
        # Every citation field, each quote beside its own source, as one JSON cell.
        json.dumps([citation_data(x) for x in c.citations], ensure_ascii=False),
        c.location.file.removeprefix(prefix) if prefix else c.location.file, c.location.line,
        json.dumps(dict(sorted(c.qualifiers.items())), ensure_ascii=False) if c.qualifiers else None,
    ]
