"""The diff and an entry's history as JSON: the shapes are defined here, once, and documented in
docs/diff.md (a stable contract: fields are added, never renamed)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from factledger.api.results import SECTIONS, DiffSide, EntryChange, Finding, QuestionMove
from factledger.diff.model import SINGULAR
from factledger.formats.writers import to_json
from factledger.problems.diagnostics import Diagnostic
from factledger.query.records import finding_data
from factledger.render.diffing import summary

if TYPE_CHECKING:
    from factledger.api.results import DiffReport, History


def _side(side: DiffSide) -> dict[str, Any]:
    return {"label": side.label, "commit": side.commit, "data": side.data_dir.as_posix(), "validates": side.checked,
            "errors": len(side.load.errors), "counts": side.load.counts}


def _diagnostic(d: Diagnostic) -> dict[str, Any]:
    return {"code": d.code, "slug": d.slug, "severity": d.severity.value, "message": d.message,
            "file": d.location.file, "line": d.location.line, "column": d.location.column}


def _entry(change: EntryChange) -> dict[str, Any]:
    data: dict[str, Any] = {"id": change.id}
    if change.change == "renamed":
        data["was"] = change.was
    data.update(file=change.location.file, line=change.location.line, title=change.title)
    if change.change in ("added", "removed"):
        data["entry"] = change.entry
    elif change.change == "changed":
        data["changes"] = [{"field": f.field, "old": f.old, "new": f.new, "old_text": f.old_text,
                            "new_text": f.new_text} for f in change.fields]
    else:
        data["references"] = [{"kind": SINGULAR[r.section], "id": r.id, "field": r.field} for r in change.references]
    return data


def _question(move: QuestionMove) -> dict[str, Any]:
    key = move.key
    return {"subject": key.subject, "property": key.property, "qualifiers": dict(key.qualifiers),
            "status": move.status, "positions": {"old": move.old_positions, "new": move.new_positions},
            "camps": {"added": move.camps_added, "removed": move.camps_removed,
                      "changed": [{"old": a, "new": b} for a, b in move.camps_changed]},
            "spread": {"old": move.old_spread or None, "new": move.new_spread or None},
            "superseded": {"added": [{"claim": a, "by": b} for a, b in move.superseded_added],
                           "removed": [{"claim": a, "by": b} for a, b in move.superseded_removed]}}


def _counts(findings: list[Finding]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.kind] = counts.get(f.kind, 0) + 1
    return counts


def diff_json(report: DiffReport) -> str:
    """`diff --format json`: every change, whatever --all says (a program filters for itself)."""
    assert report.old is not None and report.new is not None
    diff = report.diff
    c = diff.conclusions
    entries = {s: {change: [_entry(e) for e in diff.entries if e.section == s and e.change == change]
                   for change in ("added", "removed", "changed", "renamed")} for s in SECTIONS}
    return to_json({
        "ok": report.exit_code == 0,
        "changed": diff.changed,
        "summary": summary(report),
        "old": _side(report.old),
        "new": _side(report.new),
        "entries": entries,
        "conclusions": {"compared": c.compared, "why_not": c.why_not,
                        "counts": {"appeared": _counts(c.appeared), "disappeared": _counts(c.disappeared)},
                        "appeared": [finding_data(f) for f in c.appeared],
                        "disappeared": [finding_data(f) for f in c.disappeared],
                        "questions": [_question(q) for q in c.questions]},
        "problems": {"new": [_diagnostic(d) for d in diff.new_problems],
                     "fixed": [_diagnostic(d) for d in diff.fixed_problems]},
        "failing": report.failing,
        "notices": report.notices,
    })


def history_json(history: History) -> str:
    """`history --format json`: the entry, and each commit that touched it, newest first."""
    return to_json({
        "id": history.id, "kind": SINGULAR.get(history.section, history.section), "start": history.start,
        "events": [{"commit": e.commit, "date": e.date, "author": e.author, "subject": e.subject,
                    "change": e.change, "id": e.id, "was": e.was, "file": e.file, "line": e.line,
                    "moved_from": e.moved_from,
                    "changes": [{"field": f.field, "old": f.old, "new": f.new, "old_text": f.old_text,
                                 "new_text": f.new_text} for f in e.fields]}
                   for e in history.events],
    })
