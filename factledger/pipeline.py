"""The pipeline in one place: files → loader → model → rules → result.

This is the library's entry point; the CLI calls :func:`load_ledger` and renders what it returns.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from factledger.system import fs
from factledger.load.cache import codec
from factledger.load.cache.store import RACY_NS, content_key
from factledger.system.collector import without_cyclic_gc
from factledger.problems.diagnostics import Diagnostic, Location, Severity, make
from factledger.problems.errors import DataDirError, SetupError
from factledger.parse.compose import discover, display_path, require_parser
from factledger.load.reading import read_all
from factledger.model.entries import Ledger
from factledger.check.findings import CheckResult
from factledger.rules import VALIDATION_RULES, RuleContext
from factledger.model.spelling import spell_as_declared
from factledger.check.engine import cross_check
from factledger.check.options import CheckOptions

if TYPE_CHECKING:
    from factledger.load.cache.store import Cache




@dataclass
class LoadResult:
    """A ledger and every diagnostic found loading and validating it, sorted by place."""

    ledger: Ledger
    diagnostics: list[Diagnostic]
    data_dir: Path
    parsed_files: int = 0  # files parsed this run (the others came from the cache)
    notices: list[str] = field(default_factory=list)  # about loading itself (the cache could not be used)

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


# Who is told how far loading has got (the command line's progress display, on a terminal): the
# library itself never prints. Called with (files read, files in all) after each file.
LOAD_PROGRESS: ContextVar[Callable[[int, int], None] | None] = ContextVar("load_progress", default=None)


def load_ledger(data_dir: Path, max_file_size: int | None = None, skip: Path | None = None,
                cache: bool | None = None) -> LoadResult:
    """Load every ledger file under ``data_dir``, build the model, run every validation rule.

    Files larger than ``max_file_size`` bytes (default: :func:`factledger.system.fs.max_file_size`) are
    reported, not read; the file at ``skip`` (a resolved path) is not read at all (an import about to
    replace it). ``cache`` (default: on, unless FACTLEDGER_NO_CACHE or :data:`USE_CACHE` says
    otherwise) reuses what loading an unchanged file produced; it never changes the result. Raises :class:`~factledger.problems.errors.DataDirError` only when ``data_dir`` is not
    a readable directory, and :class:`~factledger.problems.errors.SetupError` when YAML cannot be read here or
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
    store = _cache(data_dir, cache)
    with without_cyclic_gc():
        result = _load(data_dir, limit, skip, store)
    if store is not None:
        store.finish()
        if store.problem:
            result.notices.append(store.problem)
    return result


# Whether loading may use the cache (the command line's --no-cache sets it off for one run).
USE_CACHE: ContextVar[bool] = ContextVar("use_cache", default=True)


def _cache(data_dir: Path, wanted: bool | None) -> "Cache | None":
    from factledger.load.cache.store import Cache, disabled_by_environment

    if wanted is False or (wanted is None and (not USE_CACHE.get() or disabled_by_environment())):
        return None
    return Cache(data_dir)





def _load(data_dir: Path, limit: int, skip: Path | None = None, store: "Cache | None" = None) -> LoadResult:
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
    keys: list[str | None] = []  # each file's cache name (None: not read), for the rules' cache key
    parsed_files = 0
    report = LOAD_PROGRESS.get()
    displays = [display_path(data_dir, path) for path in paths]
    # Files whose stamps show them unchanged are taken from the cache, the others read (on several cores
    # when there is enough to do).
    known = [store.known(path, limit) if store is not None else None for path in paths]
    with read_all(list(zip(paths, displays, known)), limit, store) as read:
        for index, (path, display, outcome) in enumerate(zip(paths, displays, read), 1):
            if outcome.problem is not None:
                diagnostics.append(outcome.problem)
                ledger.files.append(display)
                unread.append(display)
                keys.append(None)
                continue
            assert outcome.entries is not None
            entries, key = outcome.entries, outcome.key
            parsed_files += outcome.parsed
            if store is not None and key is not None and outcome.stamp is not None:
                store.remember(path, key, stamp=outcome.stamp)
            parsed, built, found = entries
            keys.append(key)
            for section, more in built.items():
                getattr(ledger, section).extend(more)
            ledger.files.append(display)
            if not parsed:
                unread.append(display)
            diagnostics.extend(found)
            if report is not None:
                report(index, len(paths))
    unread += [d.location.file for d in diagnostics if d.code == "FL003"]
    context = RuleContext(ledger, data_dir, unread, max_file_size=limit)
    # The rules look across files (and into documents): their findings are reused only when every
    # input they read is the same, proved by a key over all of them.
    rules_key = _rules_key(store, data_dir, limit, skip, ledger, keys, problems) if store is not None else None
    found_by_rules = _cached_rules(store, rules_key) if rules_key is not None else None
    if found_by_rules is None:
        before = _documents_settled(data_dir, ledger) if rules_key is not None else ()
        found_by_rules = _run_rules(context, data_dir)
        # A document saved while the rules read it: what they found is this run's, never the key's.
        if rules_key is not None and _documents_settled(data_dir, ledger) == before and not _recent(before):
            store.put("rules", rules_key, [codec.diagnostic_data(d) for d in found_by_rules])  # type: ignore[union-attr]
    diagnostics.extend(found_by_rules)
    diagnostics.sort(key=Diagnostic.sort_key)
    spell_as_declared(ledger)
    return LoadResult(ledger, diagnostics, data_dir, parsed_files=parsed_files)


def _recent(stamps: tuple[tuple[str, tuple[int, ...] | None], ...]) -> bool:
    import time

    now = time.time_ns()
    return any(s is not None and max(s[1], s[2]) >= now - RACY_NS for _, s in stamps)


def _run_rules(context: RuleContext, data_dir: Path) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for rule in VALIDATION_RULES:
        try:
            found.extend(rule(context))
        except Exception as exc:  # noqa: BLE001 - a bug in one rule must not hide what the others find
            found.append(make("FL900", f"internal error in the rule '{rule.__name__}': "
                                       f"{type(exc).__name__}: {exc}; please report it", Location(str(data_dir))))
    return found


def _rules_key(store: "Cache", data_dir: Path, limit: int, skip: Path | None, ledger: Ledger,
               keys: list[str | None], problems: list[Diagnostic]) -> str | None:
    """A name for everything the rules read: the files (by content and path), what could not be read,
    the data directory as given and where it is, the size limit, and every document file's content."""
    if any(k is None for k in keys):
        return None  # a file that could not be read: nothing to prove the rules' input by
    documents = []
    for document in ledger.documents:
        if not document.file:
            continue
        documents.append([document.file, *_document_stamp(store, data_dir, document.file, limit)])
    material = json.dumps([str(data_dir), os.path.abspath(data_dir), os.path.realpath(data_dir), limit, str(skip),
                           ledger.files, keys,
                           [codec.diagnostic_data(d) for d in problems], documents], ensure_ascii=True)
    return hashlib.blake2b(material.encode("ascii"), digest_size=20).hexdigest()


def _document_stamp(store: "Cache", data_dir: Path, name: str, limit: int) -> list[str]:
    """Where a document's file leads and what it holds (or why it cannot be read)."""
    try:
        path = data_dir / name
        where = os.path.realpath(path)
    except (OSError, ValueError) as exc:
        return ["unusable", str(exc)]
    known = store.known(path, limit, role="document")
    if known is not None:
        return [where, known]
    try:
        data = fs.read_file(path, limit)
    except fs.FileProblem as exc:
        return [where, f"unreadable: {exc}"]
    key = content_key(name, data)
    store.remember(path, key, role="document")
    return [where, key]


def _documents_settled(data_dir: Path, ledger: Ledger) -> tuple[tuple[str, tuple[int, ...] | None], ...]:
    """Each document file's stamp now; a result is kept only if these are the same after the rules ran,
    and none was changed so lately that a second change could keep its stamp."""
    stamps = []
    for document in ledger.documents:
        if document.file:
            try:
                info = os.stat(data_dir / document.file)
                stamps.append((document.file, (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)))
            except (OSError, ValueError):
                stamps.append((document.file, None))
    return tuple(stamps)


def _cached_rules(store: "Cache", key: str) -> list[Diagnostic] | None:
    payload = store.get("rules", key)
    if payload is None:
        return None
    try:
        return [codec.diagnostic(item) for item in payload]
    except Exception:  # noqa: BLE001 - a wrong entry means the rules run again
        return None


def check_ledger(ledger: Ledger, options: CheckOptions | None = None) -> CheckResult:
    """Cross-check a valid ledger (see :mod:`factledger.check.engine`)."""
    with without_cyclic_gc():
        return cross_check(ledger, options)
