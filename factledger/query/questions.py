"""The questions a set of claims is on, and the findings about each: what `questions` shows and the HTML
report's questions section spells, decided once."""

from __future__ import annotations

from collections.abc import Iterable

from factledger.check.findings import CheckResult, Finding, QuestionSummary
from factledger.model.entries import Claim, QuestionKey
from factledger.text.plural import plural


def questions_of(checked: CheckResult, claims: Iterable[Claim]) -> list[QuestionSummary]:
    """The summaries of the questions ``claims`` are on, in the cross-check's order."""
    keys = {c.question() for c in claims}
    return [q for q in checked.questions if q.key in keys]


def findings_by_question(checked: CheckResult, chosen: list[QuestionSummary],
                         findings: list[Finding] | None = None) -> dict[QuestionKey, list[Finding]]:
    """Each chosen question's findings (of ``findings``, by default all the cross-check's), in the
    cross-check's order. A finding across questions (a qualifier on some claims of a property only)
    belongs to each question one of its claims is on."""
    by_question: dict[QuestionKey, list[Finding]] = {q.key: [] for q in chosen}
    key_of = {claim_id: q.key for q in chosen for claim_id in q.claims}
    for finding in checked.findings if findings is None else findings:
        if finding.question is not None:
            if finding.question in by_question:
                by_question[finding.question].append(finding)
            continue
        for key in dict.fromkeys(key_of[c] for c in finding.claims if c in key_of):
            by_question[key].append(finding)
    return by_question


# A question's findings not listed with it: supersessions have their own lines, history one summary line, and
# the two corroboration kinds (one per claim) are left to --all, as `check` leaves them.
NOT_LISTED = ("superseded", "historical-conflict", "uncorroborated", "corroborated")


def listed_findings(findings: list[Finding]) -> list[Finding]:
    """The findings a question lists, the most severe first."""
    return sorted((f for f in findings if f.kind not in NOT_LISTED), key=lambda f: f.severity.rank)


def history_note(summary: QuestionSummary, findings: list[Finding]) -> str | None:
    """One line for the disagreements with estimates since withdrawn, or None when there are none."""
    history = [f for f in findings if f.kind == "historical-conflict"]
    if not history:
        return None
    gone = sorted({c for f in history for c in f.claims if c in summary.withdrawn})
    return (f"{plural(len(history), 'disagreement')} with estimates since withdrawn ({', '.join(gone)}); "
            "'factledger check' lists them")
