"""The cross-check use case."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from factledger.api.common import check_names, crash_notes, load, suppress_findings
from factledger.api.results import CheckReport, QuestionsReport
from factledger.check.options import CheckOptions
from factledger.pipeline import check_loaded
from factledger.problems.diagnostics import EXIT_DATA, exit_code
from factledger.query.select import select_findings
from factledger.text.plural import plural


def check(data_dir: Path, options: CheckOptions | None = None, subject: str | Sequence[str] | None = None,
          property: str | Sequence[str] | None = None,  # noqa: A002 - the library's public keyword (--property)
          sources: Sequence[str] = (), show_all: bool = False,
          strict: bool = False, policy: Any = None, files: Sequence[Path] | None = None,
          via: Sequence[str] = ()) -> CheckReport:
    """Cross-check the ledger. The filters choose which findings are shown, never what is compared; each
    takes one value or several (any matches); ``via`` shows the findings about claims those sources relayed.
    A ledger that does not validate is not cross-checked (exit 1, with its diagnostics). ``policy`` (a
    config.Policy) chooses the codes reported and their severities; ``files`` (FILE arguments) narrows
    what is reported to findings about claims in them and diagnostics located in them, with whatever
    fails the ledger elsewhere: the exit code is the whole ledger's, as for validate."""
    from factledger.api.common import elsewhere, in_files, load_named, several
    from factledger.check.findings import KINDS, QUIET_KINDS

    result, named, notices = load_named(data_dir, policy, files, strict)
    if result.errors:
        if named is not None and (shown := elsewhere(result.diagnostics, named, strict)):
            notices.append(shown)
        return CheckReport(result, notices, EXIT_DATA, ["the ledger does not validate, so it was not cross-checked"],
                           counts={kind: 0 for kind in KINDS})
    subjects, props = several(subject), several(property)
    notices += check_names(result, sources, subjects, props, via=via)
    if result.warnings:  # they often explain a finding (a number written as text, an empty file)
        n = len(result.warnings)
        notices.append(f"the ledger has {plural(n, 'validation warning')} "
                       "('factledger validate' lists them)")
    checked = check_loaded(result, options)
    about = select_findings(result.ledger, suppress_findings(result, checked.findings), subjects, props, sources,
                            via=via)
    if policy is not None:
        about = policy.apply(about)
    code = max(exit_code(about, strict), exit_code(result.diagnostics, strict), exit_code(checked.diagnostics))
    if named is not None:
        about = in_files(about, named, result.ledger.files, strict)
        if shown := elsewhere(about, named, strict):
            notices.append(shown)
    shown_findings = about if show_all else [f for f in about if f.kind not in QUIET_KINDS]
    return CheckReport(result, notices, code, crash_notes(checked.diagnostics), checked=checked,
                       findings=shown_findings, counts=checked.counts(about), listed_all=show_all,
                       problems=checked.diagnostics)


def questions(data_dir: Path, wanted: Any = None, options: CheckOptions | None = None) -> QuestionsReport:
    """Each question at a glance. ``wanted`` (a ClaimFilter) chooses the questions: those of the claims it
    selects. A ledger that does not validate is not cross-checked (exit 1)."""
    from factledger.api.common import selected
    from factledger.query.questions import findings_by_question, questions_of
    from factledger.query.select import ClaimFilter
    from factledger.query.views import review_note, reviews_by_claim

    result = load(data_dir)
    if result.errors:
        return QuestionsReport(result, [], EXIT_DATA, ["the ledger does not validate, so it was not cross-checked"],
                               checked=False)
    claims, notices = selected(result, wanted or ClaimFilter())
    checked = check_loaded(result, options)
    chosen = questions_of(checked, claims)
    by_question = findings_by_question(checked, chosen, suppress_findings(result, checked.findings))
    # As for `check`: the findings shown decide the exit code, so a question in conflict fails here too.
    shown = [f for found in by_question.values() for f in found]
    code = max(exit_code(shown), exit_code(checked.diagnostics))
    reviewed = reviews_by_claim(result.ledger)
    reviews = {c: [review_note(r) for r in reviewed[c]] for q in chosen for c in q.claims if c in reviewed}
    return QuestionsReport(result, notices, code, crash_notes(checked.diagnostics),
                           questions=chosen, findings=by_question, reviews=reviews)
