"""The diff use case: what a change does to a ledger, between two revisions (or a revision and the working
tree, or two folders). Each side is loaded as `validate` loads it (a revision from git's objects, through
the same loader and cache), cross-checked as `check` does when it validates, and the two are compared
(:mod:`factledger.diff`). The old side is cross-checked in a child process while this one loads and checks
the new (:mod:`factledger.system.forked`), where the machine allows it (and ``FACTLEDGER_JOBS`` is not 1):
the same result, in about the time of one check.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factledger.api.results import DiffReport, DiffSide, Finding, LoadResult
from factledger.api.revisions import Side, Sides, folders, revisions
from factledger.check.findings import CheckResult, QuestionSummary
from factledger.check.options import CheckOptions
from factledger.check.wire import Sent
from factledger.diff import conclusions, entries, problems
from factledger.diff.model import Conclusions, LedgerDiff
from factledger.model.entries import Ledger
from factledger.pipeline import check_ledger, load_ledger
from factledger.problems.diagnostics import EXIT_DATA, EXIT_OK, Diagnostic, exit_code
from factledger.problems.errors import UsageError
from factledger.text.plural import counted

FAIL_ON = ("new-error", "new-conflict", "new-warning", "any")


def diff(spec: str | None = None, data: Path | None = None, old_dir: Path | None = None,
         new_dir: Path | None = None, options: CheckOptions | None = None, policy: Any = None,
         fail_on: Sequence[str] = (), exit_on_change: bool = False, show_all: bool = False,
         cwd: Path | None = None) -> DiffReport:
    """Compare two ledgers: ``spec`` names revisions as git does (None: HEAD against the working tree;
    'A': A against the working tree; 'A..B'; 'A...B', from their merge base), ``data`` the data
    directory when given (else each revision's configuration says); or ``old_dir`` and ``new_dir``, two
    folders outside git. ``fail_on`` (any of :data:`FAIL_ON`) and ``exit_on_change`` decide the exit code
    (1 when met); a revision or folder that cannot be read is a UsageError."""
    for condition in fail_on:
        if condition not in FAIL_ON:
            from factledger.text.suggest import did_you_mean

            raise UsageError(f"'{condition}' is not one of {', '.join(FAIL_ON)}{did_you_mean(condition, FAIL_ON)}",
                             option="--fail-on")
    if (old_dir is None) != (new_dir is None):
        raise UsageError("--from and --to go together: give both folders", option="--from/--to")
    if old_dir is not None and spec is not None:
        raise UsageError("give revisions or --from/--to folders, not both", option="--from/--to")
    sides = folders(old_dir, new_dir) if old_dir is not None and new_dir is not None else \
        revisions(spec, data, cwd or Path.cwd())
    old, new, old_checked, new_checked = _both(sides, options or CheckOptions(), policy)
    found = _compare(old, new, old_checked, new_checked, sides)
    report = DiffReport(None, list(sides.notices), old=DiffSide(sides.old.label, sides.old.commit, sides.old.data_dir,
                                                                old, old_checked is not None),
                        new=DiffSide(sides.new.label, sides.new.commit, sides.new.data_dir, new,
                                     new_checked is not None),
                        diff=found, quiet=frozenset() if show_all else frozenset({"uncorroborated"}))
    report.notices += [n for n in [*old.notices, *new.notices] if n not in report.notices]
    met = _failing(found, fail_on, new_checked, old_checked)
    if old_checked is None and new_checked is not None and fail_on:
        report.notices.append(f"{sides.old.label} does not validate, so every finding of {sides.new.label} "
                              "counts as new for --fail-on")
    report.failing = [name for name, _ in met]
    report.failures = [f"--fail-on {name}: {why}" for name, why in met]
    report.exit_code = EXIT_DATA if report.failing or (exit_on_change and found.changed) else EXIT_OK
    return report


def _load(side: Side, policy: Any) -> LoadResult:
    result = load_ledger(side.data_dir, snapshot=side.snapshot)
    if policy is not None:
        result.diagnostics = policy.apply(result.diagnostics)
    return result


@dataclass
class _Checked:
    """What the diff reads of a side's cross-check: its findings (the project's policy applied; from the
    cache or a child process, each decoded only if shown: check.wire.Sent) and its questions."""

    findings: list[Any]  # Finding, or check.wire.Sent
    questions: list[QuestionSummary]


def _plain(ledger: Ledger, options: CheckOptions) -> list[Any]:
    """The cross-check as plain data: what a child process sends, and the cache keeps."""
    return _plain_of(check_ledger(ledger, options))


def _checked(data: Any) -> _Checked:
    """The cross-check from its plain data; ValueError (or another) for data gone wrong."""
    from factledger.check import wire

    findings, questions = data
    return _Checked(wire.findings_from(findings), wire.questions_from(questions))


class _Kept:
    """A side's cross-check in the cache, named by its files' names and contents and the options: a
    revision's conclusions never change, so a second diff against the same revision reads them."""

    def __init__(self, side: Side, load: LoadResult, options: CheckOptions) -> None:
        from factledger.load.cached import Reuse
        from factledger.load.result import USE_CACHE

        self.reuse = Reuse.opened(side.data_dir, None, allowed=USE_CACHE.get())
        known = not load.errors and load.file_keys and all(k is not None for k in load.file_keys)
        self.material = [load.ledger.files, load.file_keys, options.window, options.tolerance] if known else None

    def recall(self) -> _Checked | None:
        if self.material is None:
            return None
        try:
            found = self.reuse.recall("conclusions", self.material)
            return _checked(found) if found is not None else None
        except Exception:  # noqa: BLE001 - a cache entry gone wrong: the cross-check runs again
            return None

    def keep(self, data: list[Any]) -> None:
        if self.material is not None:
            self.reuse.keep("conclusions", self.material, data)


def _both(sides: Sides, options: CheckOptions,
          policy: Any) -> tuple[LoadResult, LoadResult, _Checked | None, _Checked | None]:
    """Both sides loaded, and cross-checked where they validate: each from the cache when a diff saw it
    before; else the old one in a child process while this one loads and checks the new (where forking is
    possible; else one after the other)."""
    from factledger.load.parallel import jobs
    from factledger.system.forked import Child

    old = _load(sides.old, policy)
    old_kept = _Kept(sides.old, old, options)
    old_checked = old_kept.recall()
    child = None
    if not old.errors and old_checked is None and jobs() > 1:
        child = Child(lambda: _plain(old.ledger, options))
    try:
        new = _load(sides.new, policy)
        new_checked = None
        if not new.errors:
            new_kept = _Kept(sides.new, new, options)
            new_checked = new_kept.recall()
            if new_checked is None:
                found = check_ledger(new.ledger, options)
                new_checked = _Checked(list(found.findings), found.questions)
                new_kept.keep(_plain_of(found))
        if not old.errors and old_checked is None:
            sent = child.result() if child is not None else None
            data = sent if sent is not None else _plain(old.ledger, options)
            old_kept.keep(data)
            old_checked = _checked(data)
    finally:
        if child is not None:
            child.stop()
    return old, new, _policed(old_checked, policy), _policed(new_checked, policy)


def _plain_of(found: CheckResult) -> list[Any]:
    from factledger.check import wire

    return [wire.findings_data(found.findings), wire.questions_data(found.questions)]


def _policed(checked: _Checked | None, policy: Any) -> _Checked | None:
    """The project's policy applied to the findings (it reads their places: each is decoded first)."""
    if checked is None or policy is None or policy.is_default:
        return checked
    return _Checked(policy.apply([f.full() if isinstance(f, Sent) else f for f in checked.findings]),
                    checked.questions)


def _compare(old: LoadResult, new: LoadResult, old_checked: _Checked | None, new_checked: _Checked | None,
             sides: Sides) -> LedgerDiff:
    changes, renames = entries.compare(old.ledger, new.ledger, entries.unchanged_files(old, new))
    found = LedgerDiff(changes)
    found.new_problems, found.fixed_problems = problems.compare(old.diagnostics, sides.old.data_dir,
                                                                new.diagnostics, sides.new.data_dir)
    if old_checked is None or new_checked is None:
        which = [side.label for side, checked in ((sides.old, old_checked), (sides.new, new_checked))
                 if checked is None]
        found.conclusions = Conclusions(False, f"{' and '.join(which)} {'do' if len(which) > 1 else 'does'} not "
                                               "validate, so the conclusions were not compared")
        return found
    claims = renames["claims"]
    appeared, disappeared = conclusions.findings(old_checked.findings, new_checked.findings, claims)
    found.conclusions = Conclusions(True, None, _whole(appeared), _whole(disappeared),
                                    conclusions.questions(old_checked.questions, new_checked.questions, claims))
    return found


def _whole(findings: list[Any]) -> list[Finding]:
    """Findings decoded whole (those the cache or a child process sent were decoded only to be matched)."""
    return [f.full() if isinstance(f, Sent) else f for f in findings]


def _failing(found: LedgerDiff, fail_on: Sequence[str], new_checked: _Checked | None,
             old_checked: _Checked | None) -> list[tuple[str, str]]:
    """Each --fail-on condition the change meets, with what meets it."""
    appeared: list[Finding] = found.conclusions.appeared
    if old_checked is None and new_checked is not None:  # nothing to compare with: every finding is new
        appeared = _whole(new_checked.findings)
    new_problems: list[Diagnostic] = found.new_problems
    met = []
    for condition in dict.fromkeys(fail_on):
        chosen: list[Any] = [*new_problems, *appeared]
        if condition == "new-conflict":
            chosen = [f for f in appeared if f.kind == "conflict"]
        elif condition != "any":  # new-error, new-warning: as validate and check fail (--strict: warnings too)
            chosen = [c for c in chosen if exit_code([c], strict=condition == "new-warning")]
        if chosen:
            met.append((condition, _said(chosen)))
    return met


def _said(chosen: list[Any]) -> str:
    kinds: dict[str, int] = {}
    for item in chosen:
        name = item.kind if isinstance(item, Finding) else f"{item.code} {item.slug}"
        kinds[name] = kinds.get(name, 0) + 1
    return "the change brings " + ", ".join(counted(n, f"new {kind}") for kind, n in kinds.items())
