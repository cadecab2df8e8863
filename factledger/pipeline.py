"""The story in one place: a data directory → a ledger and every diagnostic → the cross-check's findings.

This is the library's entry point; the use cases (:mod:`factledger.api`) call :func:`load_ledger` and
:func:`check_ledger`. Loading reads every file (:mod:`factledger.load`: discovery, parsing on every
core, the cache wrapped around it), builds the model, then runs the validation rules across files
(:mod:`factledger.rules`); the cross-check (:mod:`factledger.check`) compares what a valid ledger says.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from factledger.load.cached import Reuse
from factledger.load.directory import LoadedFiles, load_files
from factledger.load.parallel import planned_jobs
from factledger.load.result import LOAD_PROGRESS, USE_CACHE, LoadResult
from factledger.model.entries import Ledger
from factledger.model.spelling import spell_as_declared
from factledger.parse.libyaml import ParserUnavailable, require_parser
from factledger.problems.diagnostics import Diagnostic, Location, make
from factledger.problems.errors import DataDirError, SetupError
from factledger.system import fs
from factledger.system.collector import without_cyclic_gc
from factledger.system.env import SettingError

if TYPE_CHECKING:  # the cross-check and the rules are imported when they run: a warm `list` runs neither
    from factledger.check.findings import CheckResult
    from factledger.check.options import CheckOptions
    from factledger.rules.base import RuleContext

__all__ = ["LOAD_PROGRESS", "USE_CACHE", "LoadResult", "check_ledger", "load_ledger"]


def load_ledger(data_dir: Path, max_file_size: int | None = None, skip: Path | None = None,
                cache: bool | None = None) -> LoadResult:
    """Load every ledger file under ``data_dir``, build the model, run every validation rule.

    Files larger than ``max_file_size`` bytes (default: :func:`factledger.system.fs.max_file_size`) are
    reported, not read; the file at ``skip`` (a resolved path) is not read at all (an import about to
    replace it). ``cache`` (default: on, unless FACTLEDGER_NO_CACHE or :data:`USE_CACHE` says
    otherwise) reuses what loading an unchanged file produced; it never changes the result. Raises
    :class:`~factledger.problems.errors.DataDirError` only when ``data_dir`` is not a readable directory,
    and :class:`~factledger.problems.errors.SetupError` when YAML cannot be read here or the size limit is
    misconfigured; every problem in the data itself is returned as a diagnostic.
    """
    limit = _limit(max_file_size)
    workers = _workers()
    _require_folder(data_dir)
    try:
        reuse = Reuse.opened(data_dir, cache, allowed=USE_CACHE.get())
    except fs.LimitError as exc:  # FACTLEDGER_CACHE_SIZE
        raise SetupError(str(exc)) from None
    with without_cyclic_gc():
        try:
            files = load_files(data_dir, limit, skip, reuse, LOAD_PROGRESS.get())
        except ParserUnavailable as exc:  # libyaml is installed but cannot be loaded
            raise SetupError(str(exc)) from None
        # The rules look across files (and into documents): reused only when every input they read is the same.
        found = reuse.rules(files.rules_input(data_dir, limit, skip),
                            lambda: _run_rules(_rule_context(files, data_dir, limit), data_dir))
        diagnostics = sorted([*files.diagnostics, *found], key=Diagnostic.sort_key)
        spell_as_declared(files.ledger)
    notices = [workers] if workers else []
    return LoadResult(files.ledger, diagnostics, data_dir, parsed_files=files.parsed,
                      notices=notices + reuse.finish())


def check_ledger(ledger: Ledger, options: CheckOptions | None = None) -> CheckResult:
    """Cross-check a valid ledger (see :mod:`factledger.check.engine`)."""
    from factledger.check.engine import cross_check

    with without_cyclic_gc():
        return cross_check(ledger, options)


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


def _require_folder(data_dir: Path) -> None:
    try:
        found = fs.kind(data_dir)
    except fs.FileProblem as exc:
        raise DataDirError(f"cannot read the data directory '{data_dir}': {exc}", data_dir) from None
    if found == "missing":
        raise DataDirError(f"data directory '{data_dir}' does not exist", data_dir)
    if found != "folder":
        raise DataDirError(f"data directory '{data_dir}' is not a directory", data_dir)


def _rule_context(files: LoadedFiles, data_dir: Path, limit: int) -> RuleContext:
    from factledger.rules.base import RuleContext

    return RuleContext(files.ledger, data_dir, files.unread, max_file_size=limit)


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
