"""The pipeline in one place: files → loader → model → rules → result.

This is the library's entry point; the CLI calls :func:`load_ledger` and renders what it returns.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from factledger import fs
from factledger.build import FileBuilder
from factledger.diagnostics import Diagnostic, Location, Severity, make
from factledger.errors import DataDirError, SetupError
from factledger.loader import LoadedFile, discover, display_path, read_into, require_parser
from factledger.model import Ledger
from factledger.check.findings import CheckResult
from factledger.rules import VALIDATION_RULES, RuleContext
from factledger.spelling import spell_as_declared
from factledger.check.engine import cross_check
from factledger.check.options import CheckOptions




@dataclass
class LoadResult:
    """A ledger and every diagnostic found loading and validating it, sorted by place."""

    ledger: Ledger
    diagnostics: list[Diagnostic]
    data_dir: Path

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    @property
    def counts(self) -> dict[str, int]:
        ledger = self.ledger
        return {
            "files": len(ledger.files),
            "sources": len(ledger.sources),
            "documents": len(ledger.documents),
            "claims": len(ledger.claims),
            "assessments": len(ledger.assessments),
            "reviews": len(ledger.reviews),
        }


@contextmanager
def without_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector around work that allocates millions of acyclic objects.

    Loading and cross-checking build such objects; the collector would rescan them over and
    over (measured: two thirds of the load time, a third of the check time, at 100,000 claims).
    Reference counting still frees everything as usual.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Move what was built out of the collector's sight: re-enabling would otherwise start a
        # full collection over all of it at the next allocation (2.4 s at 100,000 claims).
        gc.freeze()
        if collecting:
            gc.enable()


# Who is told how far loading has got (the command line's progress display, on a terminal): the
# library itself never prints. Called with (files read, files in all) after each file.
LOAD_PROGRESS: ContextVar[Callable[[int, int], None] | None] = ContextVar("load_progress", default=None)


def load_ledger(data_dir: Path, max_file_size: int | None = None, skip: Path | None = None) -> LoadResult:
    """Load every ledger file under ``data_dir``, build the model, run every validation rule.

    Files larger than ``max_file_size`` bytes (default: :func:`factledger.fs.max_file_size`) are
    reported, not read; the file at ``skip`` (a resolved path) is not read at all (an import about to
    replace it). Raises :class:`~factledger.errors.DataDirError` only when ``data_dir`` is not
    a readable directory, and :class:`~factledger.errors.SetupError` when YAML cannot be read here or
    the size limit is misconfigured; every problem in the data itself is returned as a diagnostic.
    """
    try:
        require_parser()
        limit = fs.max_file_size() if max_file_size is None else max_file_size
    except (fs.LimitError, RuntimeError) as exc:
        raise SetupError(str(exc)) from None
    try:
        found = fs.kind(data_dir)
    except fs.FileProblem as exc:
        raise DataDirError(f"cannot read the data directory '{data_dir}': {exc}", data_dir) from None
    if found == "missing":
        raise DataDirError(f"data directory '{data_dir}' does not exist", data_dir)
    if found != "folder":
        raise DataDirError(f"data directory '{data_dir}' is not a directory", data_dir)
    with without_cyclic_gc():
        return _load(data_dir, limit, skip)


def _load(data_dir: Path, limit: int, skip: Path | None = None) -> LoadResult:
    ledger = Ledger()
    diagnostics: list[Diagnostic] = []
    paths, problems = discover(data_dir)
    if skip is not None:
        paths = [p for p in paths if fs.resolve(p) != skip]
    diagnostics.extend(problems)
    if not paths and not problems:
        diagnostics.append(make("FL009", f"no *.yaml or *.yml files under '{data_dir}': is it the ledger's folder? "
                                         "Give it with --data DIR (or FACTLEDGER_DATA)", Location(str(data_dir))))
    unread: list[str] = []
    report = LOAD_PROGRESS.get()
    for index, path in enumerate(paths, 1):
        loaded = LoadedFile(path, display_path(data_dir, path), None)
        builder = FileBuilder(loaded)
        # Entries are built as the loader composes them, so a file's node tree never exists whole.
        read_into(loaded, limit, sink=builder.entry)
        ledger.files.append(loaded.display)
        if not loaded.parsed:
            unread.append(loaded.display)
        diagnostics.extend(loaded.diagnostics)
        diagnostics.extend(builder.finish(ledger))
        if report is not None:
            report(index, len(paths))
    unread += [d.location.file for d in diagnostics if d.code == "FL003"]
    context = RuleContext(ledger, data_dir, unread, max_file_size=limit)
    for rule in VALIDATION_RULES:
        try:
            diagnostics.extend(rule(context))
        except Exception as exc:  # noqa: BLE001 - a bug in one rule must not hide what the others find
            diagnostics.append(make("FL900", f"internal error in the rule '{rule.__name__}': "
                                             f"{type(exc).__name__}: {exc}; please report it",
                                    Location(str(data_dir))))
    diagnostics.sort(key=Diagnostic.sort_key)
    spell_as_declared(ledger)
    return LoadResult(ledger, diagnostics, data_dir)


def check_ledger(ledger: Ledger, options: CheckOptions | None = None) -> CheckResult:
    """Cross-check a valid ledger (see :mod:`factledger.check.engine`)."""
    with without_cyclic_gc():
        return cross_check(ledger, options)
