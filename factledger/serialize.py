"""Model → plain data (dicts, lists, strings, numbers) for machine-readable output.

One shape per entry kind, with every field present (``None`` when absent) and a
stable key order, plus where the entry is written (``file``, ``line``).
"""

from __future__ import annotations

from typing import Any

from factledger.check.findings import CheckResult, Finding
from factledger.model import Citation, Claim, DateSpan, Ledger, Ref, Source


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


def source_data(s: Source, claim_count: int | None = None) -> dict[str, Any]:
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
        "property": f.property,
        "locations": [{"file": loc.file, "line": loc.line, "column": loc.column} for loc in f.locations],
        "sides": [{"claim": s.claim, "sources": list(s.sources), "date": s.date, "said": s.said, "value": s.value}
                  for s in f.sides],
        "suggestion": f.suggestion,
    }


def claim_detail_data(claim: Claim, ledger: Ledger, incoming: list[tuple[str, Claim]],
                      checked: CheckResult | None) -> dict[str, Any]:
    """`show --format json`: the claim, its sources' names and grades, incoming relations, findings.

    ``findings`` and ``independent_origins`` are null when the ledger has errors (not cross-checked).
    """
    data = claim_data(claim)
    for citation in data["sources"]:
        source = ledger.source(citation["source"])
        document = ledger.document(citation["document"]) if citation["document"] else None
        citation["source_name"] = source.name if source else None
        citation["reliability"] = source.reliability if source else None
        citation["document_title"] = document.title if document else None
    data["incoming"] = [{"relation": relation, "claim": other.id} for relation, other in incoming]
    data["findings"] = [finding_data(f) for f in checked.about(claim.id)] if checked else None
    data["independent_origins"] = checked.independent_origins.get(claim.id) if checked else None
    return data
