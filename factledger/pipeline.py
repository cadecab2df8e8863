"""The story in one place: a data directory → a ledger and every diagnostic → the cross-check's findings.

This is the library's entry point; the use cases (:mod:`factledger.api`) call :func:`load_ledger` and
:func:`check_ledger`. Loading reads every file (:mod:`factledger.load`: discovery, parsing on every
core, the cache wrapped around it), builds the model, then runs the validation rules across files
(:mod:`factledger.rules`); the cross-check (:mod:`factledger.check`) compares what a valid ledger says.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from factledger.load.cached import Reuse
from factledger.load.directory import LoadedFiles, load_files
from factledger.load.live import LiveFiles
from factledger.load.parallel import planned_jobs
from factledger.load.result import EXCLUDED, LOAD_PROGRESS, USE_CACHE, LoadResult
from factledger.load.snapshot import Snapshot
from factledger.model.entries import Ledger
from factledger.model.spelling import spell_as_declared
from factledger.parse.libyaml import ParserUnavailable, require_parser
from factledger.problems.diagnostics import Diagnostic, Location, make
from factledger.problems.errors import DataDirError, SetupError
from factledger.system import fs
from factledger.system.collector import without_cyclic_gc
from factledger.system.env import SettingError

if TYPE_CHECKING:  # the cross-check and the rules are imported when they run: a warm `list` runs neither
    from factledger.check.engine import Outcome
    from factledger.check.findings import CheckResult
    from factledger.check.options import CheckOptions
    from factledger.check.reuse import Reused
    from factledger.check.scope import Links
    from factledger.rules.base import RuleContext
    from factledger.rules.indexes import Indexes

__all__ = ["EXCLUDED", "LOAD_PROGRESS", "USE_CACHE", "LoadResult", "check_ledger", "check_loaded", "load_ledger",
           "read_entries"]


def load_ledger(data_dir: Path, max_file_size: int | None = None, skip: Path | None = None,
                cache: bool | None = None, edited: Mapping[Path, bytes] | None = None,
                snapshot: Snapshot | None = None) -> LoadResult:
    """Load every ledger file under ``data_dir``, build the model, run every validation rule.

    Files larger than ``max_file_size`` bytes (default: :func:`factledger.system.fs.max_file_size`) are
    reported, not read; the file at ``skip`` (a resolved path) is not read at all (an import about to
    replace it). ``cache`` (default: on, unless FACTLEDGER_NO_CACHE or :data:`USE_CACHE` says
    otherwise) reuses what loading an unchanged file produced; it never changes the result. Raises
    :class:`~factledger.problems.errors.DataDirError` only when ``data_dir`` is not a readable directory,
    and :class:`~factledger.problems.errors.SetupError` when YAML cannot be read here or the size limit is
    misconfigured; every problem in the data itself is returned as a diagnostic. ``edited`` maps files
    (under ``data_dir``, named as loading names them) to the content an edit would give them, read instead
    of what is on disk (:mod:`factledger.edit` checks an edit so before writing it); files the run's
    :data:`EXCLUDED` says are not read.

    With ``snapshot`` (a git revision's tree, say), the files and documents are its bytes, never the
    disk's; ``data_dir`` is then only how the files are named.
    """
    limit = _limit(max_file_size)
    workers = _workers()
    if snapshot is None:
        require_folder(data_dir)
    reuse = _reuse(data_dir, cache)
    with without_cyclic_gc():
        try:
            files = load_files(data_dir, limit, skip, reuse, LOAD_PROGRESS.get(), snapshot, edited,
                               EXCLUDED.get() if snapshot is None else None)
        except ParserUnavailable as exc:  # libyaml is installed but cannot be loaded
            raise SetupError(str(exc)) from None
        # The rules look across files (and into documents): reused only when every input they read is the same.
        found = reuse.rules(files.rules_input(data_dir, limit, skip, snapshot),
                            lambda: run_rules(files, data_dir, limit, snapshot=snapshot))
        diagnostics = _suppressed(files.ledger, [*files.diagnostics, *found])
        spell_as_declared(files.ledger)
    notices = [workers] if workers else []
    return LoadResult(files.ledger, diagnostics, data_dir, parsed_files=files.parsed,
                      notices=notices + reuse.finish(), file_keys=files.keys, entries_by_file=files.entries_by_file)


def read_entries(data_dir: Path, snapshot: Snapshot, max_file_size: int | None = None) -> Ledger:
    """The entries of a snapshot's ledger files, through the loader and its cache, without the rules that
    look across files (a part of a ledger, read to follow one entry through history)."""
    limit = _limit(max_file_size)
    reuse = _reuse(data_dir, None)
    with without_cyclic_gc():
        files = load_files(data_dir, limit, None, reuse, None, snapshot)
        spell_as_declared(files.ledger)
    reuse.finish()
    return files.ledger


def _reuse(data_dir: Path, cache: bool | None) -> Reuse:
    try:
        return Reuse.opened(data_dir, cache, allowed=USE_CACHE.get())
    except fs.LimitError as exc:  # FACTLEDGER_CACHE_SIZE
        raise SetupError(str(exc)) from None


def load_live(live: LiveFiles, focus: frozenset[str], kept: Indexes | None = None) -> LoadResult:
    """The ledger as ``live`` holds it (the editor's unsaved texts instead of their files), with the diagnostics
    located in the ``focus`` files: exactly what :func:`load_ledger` finds there, but only their entries are
    checked (and those of no other file read again). Diagnostics located in no ledger file are kept too.
    ``kept``: the rules' indexes of the last version, brought up to date (:mod:`factledger.rules.indexes`)."""
    with without_cyclic_gc():
        files = live.loaded()
        found = run_rules(files, live.data_dir, live.limit, focus, kept=kept)
        diagnostics = _suppressed(files.ledger, [*files.diagnostics, *found])
        ledger_files = set(files.ledger.files)
        diagnostics = [d for d in diagnostics if d.location.file in focus or d.location.file not in ledger_files]
        # The live entries stay as written, to be checked again; the other files' copies are kept from the last time.
        spell_as_declared(files.ledger, copying=True, kept=live.respelt)
    return LoadResult(files.ledger, diagnostics, live.data_dir, parsed_files=files.parsed)


def _suppressed(ledger: Ledger, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics the ledger's inline suppressions leave (sorted), and FL013 for those that accept
    none of validation's codes (the cross-check's codes are judged where it runs: api.common.load)."""
    from factledger.model import suppressions as inline

    if ledger.suppressions:
        used: set[tuple[int, str]] = set()
        diagnostics = [*inline.apply(diagnostics, ledger.suppressions, used),
                       *inline.unused(ledger.suppressions, used, "validate")]
    return sorted(diagnostics, key=Diagnostic.sort_key)


def check_ledger(ledger: Ledger, options: CheckOptions | None = None) -> CheckResult:
    """Cross-check a valid ledger (see :mod:`factledger.check.engine`)."""
    from factledger.check.engine import cross_check

    with without_cyclic_gc():
        return cross_check(ledger, options)


def check_loaded(result: LoadResult, options: CheckOptions | None = None) -> CheckResult:
    """Cross-check a valid ledger just loaded (:func:`check_ledger`), taking again from the cache what each
    question whose inputs are unchanged gave in the last cross-check of its data directory
    (:mod:`factledger.check.kept`): the same result, sooner after an edit of a few files. Without the cache, or
    for a ledger not read from files (its entries cannot be named by them), everything is checked."""
    from factledger.check.engine import cross_check

    reuse = _reuse(result.data_dir, None) if result.entries_by_file else None
    if reuse is None or reuse.store is None or not reuse.store.usable:
        return check_ledger(result.ledger, options)
    from factledger.check.kept import Kept
    from factledger.check.options import CheckOptions
    from factledger.check.reuse import Digests, named_by_file

    kept = Kept(reuse, result.data_dir, options or CheckOptions())
    kept.claims = len(result.ledger.claims)
    if kept.too_many(kept.claims) or (not kept.stored and result.parsed_files >= len(result.entries_by_file)):
        # Too many questions to keep (check.kept.LIMIT); or every file parsed and nothing kept: a first run, or CI
        # without a kept cache. Keeping its questions would cost it about a fifth more for a next run that may
        # never come; a run that found its files kept does it.
        return check_ledger(result.ledger, options)
    kept.digests = Digests(named_by_file(result.entries_by_file))
    with without_cyclic_gc():
        found = cross_check(result.ledger, options, kept)
    reuse.finish()
    return found


def check_part(ledger: Ledger, files: Iterable[str] = (), claims: Iterable[str] = (),
               options: CheckOptions | None = None, reused: Reused[Outcome] | None = None,
               links: Links | None = None) -> CheckResult:
    """Cross-check the part of a ledger that the entries written in ``files`` (and the claims ``claims`` names)
    are compared with (:func:`factledger.check.scope.closure`): what it finds about them is what
    :func:`check_ledger` finds. ``reused``: what the last such cross-check found per question, given again
    where a question's inputs are the same (:mod:`factledger.check.reuse`); ``links``: the ledger's index kept
    from the last such cross-check (:class:`factledger.check.scope.Links`)."""
    from factledger.check.engine import cross_check
    from factledger.check.scope import closure

    with without_cyclic_gc():
        return cross_check(closure(ledger, files, claims, links), options, reused)


def _limit(given: int | None) -> int:
    try:
        require_parser()
        return fs.max_file_size() if given is None else given
    except (fs.LimitError, RuntimeError) as exc:
        raise SetupError(str(exc)) from None


def _workers() -> str | None:
    """FACTLEDGER_JOBS checked before anything is read (a usage error when it cannot be used); what a
    person should be told about it (asked for more processes than there are cores)."""
    try:
        return planned_jobs()[1]
    except SettingError as exc:
        raise SetupError(str(exc)) from None


def require_folder(data_dir: Path) -> None:
    try:
        found = fs.kind(data_dir)
    except fs.FileProblem as exc:
        raise DataDirError(f"cannot read the data directory '{data_dir}': {exc}", data_dir) from None
    if found == "missing":
        raise DataDirError(f"data directory '{data_dir}' does not exist", data_dir)
    if found != "folder":
        raise DataDirError(f"data directory '{data_dir}' is not a directory", data_dir)


def run_rules(files: LoadedFiles, data_dir: Path, limit: int, focus: frozenset[str] | None = None,
              snapshot: Snapshot | None = None, kept: Indexes | None = None) -> list[Diagnostic]:
    """Every validation rule over the ledger of ``files`` (documents read from ``snapshot`` when given); with
    ``focus``, what they find in those files (and in no ledger file: a crash)."""
    from factledger.rules.base import RuleContext

    context = RuleContext(files.ledger, data_dir, files.unread, max_file_size=limit, focus=focus, snapshot=snapshot,
                          kept=kept)
    found = _run_rules(context, data_dir)
    if focus is None:
        return found
    every = set(files.ledger.files)
    return [d for d in found if d.location.file in focus or d.location.file not in every]


def _run_rules(context: RuleContext, data_dir: Path) -> list[Diagnostic]:
    from factledger.rules.registry import VALIDATION_RULES

    found: list[Diagnostic] = []
    for rule in VALIDATION_RULES:
        try:
            found.extend(rule(context))
        except Exception as exc:  # noqa: BLE001 - a bug in one rule must not hide what the others find
            found.append(make("FL900", f"internal error in the rule '{rule.__name__}': "
                                       f"{type(exc).__name__}: {exc}; please report it", Location(str(data_dir))))
    return found
