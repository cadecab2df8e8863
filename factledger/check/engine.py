"""The cross-check: the order of its stages and what passes between them, in one place.

A *question* is a subject, a property and its qualifiers. Claims are only ever compared within a
question (:mod:`.stages.sweep`), then judged (:mod:`.stages.judgement`) and summarised
(:mod:`.stages.camps`); the links, what holds per claim, the fact-checkers' reviews and the keeper's
assessments are the later stages. Every stage reads the same :class:`~.facts.Facts`, writes findings
to one :class:`~.sink.Sink`, and returns what a later stage needs as a value: nothing a stage does
depends on another stage having run first except through what :func:`cross_check` hands it.
Each stage is isolated, so a crash is an FL900 diagnostic naming it, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from factledger.check.facts import Facts
from factledger.check.findings import CheckResult, Finding, QuestionSummary, ordered
from factledger.check.groups import Group
from factledger.check.options import CheckOptions
from factledger.check.reuse import QuestionKeys, Reused
from factledger.check.sink import Sink
from factledger.check.stages.assessments import report_duplicates, report_stale, report_uneven_qualifiers
from factledger.check.stages.camps import summarise
from factledger.check.stages.judgement import judge
from factledger.check.stages.links import report_links, supersession_cycles
from factledger.check.stages.perclaim import report_per_claim
from factledger.check.stages.positions import consistent_only, consistent_positions
from factledger.check.stages.reviews import report_reviews
from factledger.check.stages.running import falls
from factledger.check.stages.sweep import compare_question
from factledger.model.entries import Claim, Ledger, QuestionKey
from factledger.problems.diagnostics import Diagnostic, Location, make

T = TypeVar("T")


def cross_check(ledger: Ledger, options: CheckOptions | None = None, reused: Reused[Outcome] | None = None
                ) -> CheckResult:
    """Compare every question's claims; return every finding, grouped by question, most severe first. With
    ``reused``, a question whose inputs are those of one in the last cross-check given it is not checked
    again: what its stages gave then is taken (:mod:`.reuse`)."""
    facts = Facts(ledger, options or CheckOptions())
    sink = Sink(facts)
    run = _Isolated(ledger)
    cyclic = run("the supersession cycles", supersession_cycles, facts, sink)
    questions = _Questions()
    # Without the cycles, no key says what a question's judgement depends on: every question is checked.
    keys = run("the questions' keys", reused.keys, facts, cyclic) if reused is not None and cyclic is not None else None
    for key, claims in facts.questions():
        name = f"the comparison of question {key}"
        questions.stages.append(name)
        found = run(name, _reuse_or_check, facts, key, claims, cyclic or frozenset(), keys, reused)
        if found is not None:
            questions.take(*found, sink)
    if reused is not None:
        reused.finish()
    run("the link checks", report_links, facts, sink, frozenset(questions.supersessions), cyclic or frozenset())
    origins = run("the per-claim checks", report_per_claim, facts, sink, questions.group_of, questions.withdrawn,
                  questions.in_conflict)
    by_reviews = run("the review checks", report_reviews, facts, sink)
    by_duplicates = run("the duplicate checks", report_duplicates, facts, sink)
    run("the qualifier checks", report_uneven_qualifiers, facts, sink)
    # An assessment is stale only if no stage used it; if a stage that could have crashed, say nothing.
    if by_reviews is not None and by_duplicates is not None and not questions.crashed(run):
        run("the assessment checks", report_stale, facts, sink, questions.assessments_used | by_reviews | by_duplicates)
    result = CheckResult(ordered(sink.findings), origins or {}, questions.comparisons, run.crashes)
    result.questions = sorted(questions.summaries, key=lambda s: s.key)
    result.withdrawn = set(questions.withdrawn)
    result.disowned = {r.claim: r.by for s in result.questions for r in s.disowned if r.by is not None}
    result.consistent_only = run("the consistent claims", consistent_only, facts, questions.group_of) or {}
    for summary in result.questions:
        run(f"the consistent positions of question {summary.key}", consistent_positions, summary, questions.group_of)
    return result


@dataclass
class _Questions:
    """What the questions hand the later stages, gathered question by question."""

    summaries: list[QuestionSummary] = field(default_factory=list)
    group_of: dict[str, Group] = field(default_factory=dict)
    in_conflict: set[str] = field(default_factory=set)
    withdrawn: set[str] = field(default_factory=set)
    supersessions: set[tuple[str, str]] = field(default_factory=set)  # (older, newer), reported
    assessments_used: set[str] = field(default_factory=set)
    comparisons: int = 0
    stages: list[str] = field(default_factory=list)  # the names the questions' stages ran under

    def crashed(self, run: _Isolated) -> bool:
        return any(name in run.failed for name in self.stages)

    def take(self, findings: list[Finding], one: _Questions, sink: Sink) -> None:
        """Add what one question's stages gave (``one``, its ``findings``), kept as it was (to be given again)."""
        sink.findings += findings
        # A later stage adds to a summary's consistent pairs: each cross-check has its own list to add to.
        self.summaries += [replace(s, consistent_only=list(s.consistent_only)) for s in one.summaries]
        self.group_of.update(one.group_of)
        self.in_conflict |= one.in_conflict
        self.withdrawn |= one.withdrawn
        self.supersessions |= one.supersessions
        self.assessments_used |= one.assessments_used
        self.comparisons += one.comparisons


Outcome = tuple[list[Finding], _Questions]  # what one question's stages give


def _reuse_or_check(facts: Facts, key: QuestionKey, claims: list[Claim], cyclic: frozenset[tuple[str, str]],
                    keys: QuestionKeys | None, reused: Reused[Outcome] | None) -> Outcome:
    """What one question's stages give: as the last cross-check found it when its key is the same, else checked."""
    if keys is None or reused is None:
        return _check_question(facts, key, claims, cyclic)
    digest = keys.key(key, claims)
    found = reused.get(digest, claims)
    if found is None:
        found = _check_question(facts, key, claims, cyclic)
        reused.put(digest, found, claims)
    return found


def _check_question(facts: Facts, key: QuestionKey, claims: list[Claim], cyclic: frozenset[tuple[str, str]]
                    ) -> Outcome:
    """One question: compare its claims, judge the disagreements and revisions, summarise its positions."""
    sink = Sink(facts)
    into = _Questions()
    compared = compare_question(facts, sink, key, claims)
    falls(facts, compared)  # a running total (declared cumulative) that fell, however far apart in time
    into.comparisons += compared.comparisons
    into.group_of.update(compared.group_of)
    into.in_conflict |= compared.in_conflict
    judged = judge(facts, sink, compared, cyclic)
    into.withdrawn |= judged.withdrawn
    into.supersessions |= judged.supersessions
    into.assessments_used |= judged.assessments_used
    into.summaries.append(summarise(facts, compared, judged))
    return sink.findings, into


class _Isolated:
    """Runs a stage so that a crash is an FL900 diagnostic naming it; the other stages still report."""

    def __init__(self, ledger: Ledger) -> None:
        self._where = Location(ledger.files[0] if ledger.files else "")
        self.crashes: list[Diagnostic] = []
        self.failed: set[str] = set()

    def __call__(self, stage: str, work: Callable[..., T], *args: Any) -> T | None:
        try:
            return work(*args)
        except Exception as exc:  # noqa: BLE001 - a bug in one check must not hide what the others find
            self.failed.add(stage)
            self.crashes.append(make("FL900", f"internal error in the cross-check ({stage}): "
                                              f"{type(exc).__name__}: {exc}; please report it", self._where))
            return None
