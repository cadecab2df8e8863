"""The normalised ledger: what the files say, in one canonical form.

Used by `export yaml` (a ledger that `validate` accepts), `export json` (plus findings), `export jsonl`,
`list --format yaml` and `import` (which writes it). References use each entry's own id spelling, and
keys follow the format's order, so two equivalent ledgers export the same bytes. In the ledger's own
form (YAML) absent fields are left out; in the machine formats (``full``) every field is written, a
default as its value (``status: reported``, ``tags: []``) and an absent one as null, so that a query
engine sees every column on every row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from factledger.check.findings import CheckResult
from factledger.model.entries import Assessment, Citation, Claim, Document, Ledger, Ref, Source
from factledger.model.ids import fold
from factledger.model.questions import QuestionRule, RatingScale
from factledger.query.records import finding_data
from factledger.query.records import review_data as review_entry

if TYPE_CHECKING:
    from factledger.export.inputs import ExportInput


def _pruned(data: dict[str, Any], full: bool = False) -> dict[str, Any]:
    if full:
        return data
    return {k: v for k, v in data.items() if v is not None and v != [] and v != "" and v != {}}


def source_entry(s: Source, full: bool = False) -> dict[str, Any]:
    return _pruned({
        "id": s.id, "name": s.name, "kind": s.kind, "country": s.country, "reliability": s.reliability,
        "part_of": s.part_of.id if s.part_of else None, "depends_on": [r.id for r in s.depends_on],
        "url": s.url, "notes": s.notes,
    }, full)


def document_entry(d: Document, full: bool = False) -> dict[str, Any]:
    return _pruned({
        "id": d.id, "title": d.title, "publisher": d.publisher.id if d.publisher else None, "url": d.url,
        "published": str(d.published) if d.published else None,
        "retrieved": str(d.retrieved) if d.retrieved else None,
        "notes": d.notes, "file": d.file,
    }, full)


def citation_entry(c: Citation, full: bool = False) -> dict[str, Any]:
    return _pruned({
        "source": c.source.id, "document": c.document.id if c.document else None,
        "via": [r.id for r in c.via], "quote": c.quote,
        "date": c.date.to_data() if c.date else None, "url": c.url, "credibility": c.credibility,
    }, full)


def claim_entry(c: Claim, kept: set[str] | None = None, full: bool = False,
                explicit_status: bool = False) -> dict[str, Any]:
    """A claim as a ledger file writes it; ``full``: every field (see the module's docstring);
    ``explicit_status``: the status written even when it is the default."""
    def related(refs: list[Ref]) -> list[str]:
        # A filtered export keeps only relations among the claims it holds, so that it is itself a valid ledger.
        return [r.id for r in refs if kept is None or r.id in kept]

    return _pruned({
        "id": c.id, "statement": c.statement, "subject": c.subject, "property": c.property,
        "value": c.value.to_data() if c.value is not None else None,
        "date": c.date.to_data() if c.date else None,
        "status": c.status if c.status != "reported" or full or explicit_status else None,
        "sources": [citation_entry(x, full) for x in c.citations],
        "supports": related(c.supports), "disputes": related(c.disputes),
        "supersedes": related(c.supersedes), "tags": list(c.tags), "notes": c.notes,
        "qualifiers": dict(c.qualifiers),
    }, full)


def question_rule_entry(q: QuestionRule, full: bool = False) -> dict[str, Any]:
    return _pruned({"subject": q.subject, "property": q.property, "qualifiers": dict(q.qualifiers),
                    "cumulative": q.cumulative if q.cumulative or full else None}, full)


def scale_entry(r: RatingScale, full: bool = False) -> dict[str, Any]:
    return _pruned({"id": r.id, "labels": dict(r.labels), "language": r.language,
                    "publishers": [p.id for p in r.publishers], "notes": r.notes}, full)


def assessment_entry(a: Assessment, full: bool = False) -> dict[str, Any]:
    question = None
    if a.question is not None:
        question = _pruned({"subject": a.question.subject, "property": a.question.property,
                            "qualifiers": dict(a.question.qualifiers)}, full)
    return _pruned({
        "id": a.id, "claims": [r.id for r in a.claims], "question": question, "verdict": a.verdict,
        "wrong": a.wrong.id if a.wrong else None, "note": a.note, "by": a.by,
        "date": str(a.date) if a.date else None,
    }, full)


def normalised(ledger: Ledger, claims: Iterable[Claim] | None = None,
               checked: CheckResult | None = None, full: bool = False) -> dict[str, Any]:
    """The ledger as one mapping (sorted by id); ``claims`` narrows it, ``checked`` adds findings, ``full``
    writes every field of every entry.

    A narrowed ledger keeps every source and document (claims refer to them), every declared question
    and rating scale, only the relations among the claims it keeps, and only the findings about those
    claims alone.
    """
    chosen = sorted(ledger.claims if claims is None else claims, key=lambda c: c.id)
    kept = None if claims is None else {c.id for c in chosen}
    data: dict[str, Any] = {
        "sources": [source_entry(s, full) for s in sorted(ledger.sources, key=lambda s: fold("source", s.id))],
        "documents": [document_entry(d, full)
                      for d in sorted(ledger.documents, key=lambda d: fold("document", d.id))],
        "claims": [claim_entry(c, kept, full) for c in chosen],
    }
    # A filtered export keeps the assessments of what it holds: all of an assessment's claims, or its question.
    wanted = {c.id for c in chosen}
    questions = {c.question() for c in chosen}
    assessments = [a for a in sorted(ledger.assessments, key=lambda a: a.id)
                   if (a.question is not None and a.question in questions)
                   or (a.claims and wanted.issuperset(r.id for r in a.claims))]
    if assessments:
        data["assessments"] = [assessment_entry(a, full) for a in assessments]
    reviews = [r for r in sorted(ledger.reviews, key=lambda r: r.id) if r.claim.id in wanted]
    if reviews:
        data["reviews"] = [review_entry(r, full) for r in reviews]
    if ledger.questions:  # in the order written: a declaration's place is the keeper's
        data["questions"] = [question_rule_entry(q, full) for q in ledger.questions]
    if ledger.scales:
        data["scales"] = [scale_entry(r, full) for r in sorted(ledger.scales, key=lambda r: r.id)]
    if checked is not None:
        wanted = {c.id for c in chosen}
        data["findings"] = [finding_data(f) for f in checked.findings if wanted.issuperset(f.claims)]
        for finding in data["findings"]:  # where a finding is depends on where the ledger is: not exported
            finding.pop("locations")
    return data


def export_json(given: ExportInput) -> str:
    """`export json`: the normalised ledger and its findings."""
    from factledger.formats.writers import to_json

    return to_json(normalised(given.ledger, given.claims, given.checked, full=True))


def export_yaml(given: ExportInput) -> str:
    """`export yaml`: the normalised ledger, itself a valid ledger file."""
    from factledger.formats.writers import to_yaml

    return to_yaml(normalised(given.ledger, given.claims))
