"""`factledger questions`: each question at a glance, as text (a block per question) or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from factledger.api.results import QuestionSummary, Retraction
from factledger.formats.writers import to_json
from factledger.problems.catalogue import Severity
from factledger.query.questions import history_note, listed_findings
from factledger.query.records import finding_data
from factledger.render.lines import Lines
from factledger.render.style import SEVERITY_STYLE
from factledger.text.escapes import safe
from factledger.text.plural import plural

if TYPE_CHECKING:
    from factledger.api.results import QuestionsReport


def _text(value: object) -> str:
    return safe(str(value), keep_newlines=False)


def questions_text(report: QuestionsReport) -> Lines:
    if not report.checked:  # not cross-checked: what is wrong with the ledger instead, as `check` shows it
        from factledger.render.human import diagnostics_report

        assert report.load is not None
        return diagnostics_report(report.load.diagnostics, report.load.counts, failing=True)
    shown = Lines()
    for summary in report.questions:
        if shown.lines:
            shown.add()
        shown.add((_text(summary.key), "bold underline"), *((("  a running total", "dim"),) if summary.cumulative
                                                              else ()))
        shown.add(("  ", ""), (f"{summary.counted()}; current positions: ", "dim"),
                  (_text(", ".join(summary.positions) or "none"), ""))
        reviewed = [f"{c}: {'; '.join(report.reviews[c])}" for c in summary.claims if c in report.reviews]
        if reviewed:
            shown.add(("  ", ""), ("reviewed ", "dim"), (_text("; ".join(reviewed)), ""))
        if summary.camps:
            shown.add(("  ", ""), (_text(summary.line()), "bold"))
        for label, text in summary.notes():
            shown.add(("  ", ""), (f"{label}: ", "dim"), (_text(text), ""))
        if summary.spread:
            shown.add(("  ", ""), ("spread ", "dim"), (_text(summary.spread), ""))
        if summary.consistent_only:
            more = summary.consistent_total - len(summary.consistent_only)
            pairs = "; ".join(f"{a} and {b}" for a, b in summary.consistent_only)
            shown.add(("  ", ""), ("consistent, not corroborating: ", "dim"),
                      (_text(pairs + (f"; and {more:,} more pairs" if more > 0 else "")), ""))
        for older, newer in summary.superseded:
            shown.add(("  ", ""), ("superseded ", "dim"), (_text(f"{older} by {newer}"), ""))
        findings = report.findings.get(summary.key, [])
        for f in listed_findings(findings):
            about = f"{' and '.join(f.claims)}: " if f.sides else ""
            shown.add(("  ", ""), (f.severity.value, SEVERITY_STYLE[f.severity]), (f" {f.kind}: ", "bold"),
                      (_text(about + (f.reason or f.message)), ""))
        history = history_note(summary, findings)
        if history:
            shown.add(("  ", ""), ("info", SEVERITY_STYLE[Severity.INFO]), (" history: ", "bold"),
                      (_text(history), ""))
    n = len(report.questions)
    if shown.lines:
        shown.add()
    shown.add((plural(n, "question"), "dim"))
    return shown


def question_data(summary: QuestionSummary, findings: list[Any],
                  reviews: dict[str, list[str]] | None = None) -> dict[str, Any]:
    key = summary.key
    return {
        "subject": key.subject, "property": key.property, "qualifiers": dict(key.qualifiers),
        "claims": list(summary.claims), "positions": list(summary.positions),
        "camps": [{"claims": list(c.claims), "sources": list(c.sources), "low": c.low, "high": c.high,
                   "label": c.label} for c in summary.camps],
        "summary": summary.line(), "spread": summary.spread or None, "cumulative": summary.cumulative,
        "as_of": summary.as_of,
        "earlier": [{"claim": e.claim, "sources": list(e.sources), "value": e.value, "date": e.date, "why": e.why}
                    for e in summary.earlier],
        "retracted": [_retraction_data(r) for r in summary.retracted],
        "disowned": [_retraction_data(r) for r in summary.disowned],
        "superseded": [{"claim": older, "by": newer} for older, newer in summary.superseded],
        "consistent_only": [list(pair) for pair in summary.consistent_only],
        "consistent_only_count": summary.consistent_total,
        "findings": [finding_data(f) for f in findings],
        "reviews": {c: list(notes) for c, notes in (reviews or {}).items() if c in summary.claims},
    }


def _retraction_data(r: Retraction) -> dict[str, Any]:
    return {"claim": r.claim, "sources": list(r.sources), "value": r.value, "date": r.date, "by": r.by,
            "by_sources": list(r.by_sources), "when": r.when}


def questions_json(report: QuestionsReport) -> str:
    return to_json({"ok": report.exit_code == 0,
                    "questions": [question_data(q, report.findings.get(q.key, []), report.reviews)
                                  for q in report.questions]})
