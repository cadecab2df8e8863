"""Model → plain data (dicts, lists, strings, numbers) for machine-readable output.

One shape per entry kind, with every field present (``None`` when absent) and a
stable key order, plus where the entry is written (``file``, ``line``).
"""

from __future__ import annotations

from typing import Any

from factledger.model import Citation, Claim, DateSpan, Document, Ref, Source


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


def document_data(d: Document) -> dict[str, Any]:
    return {
        "id": d.id,
        "title": d.title,
        "publisher": d.publisher.id if d.publisher else None,
        "url": d.url,
        "published": _date(d.published),
        "retrieved": _date(d.retrieved),
        "file": d.file,
        "notes": d.notes,
        # "file" is the document's own field (its text copy), so its place in the ledger is named apart.
        "ledger_file": d.location.file,
        "ledger_line": d.location.line,
    }
