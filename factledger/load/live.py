"""A ledger kept in memory while a person edits it (what a language server holds): every file is read once,
and again only when it changes, on disk or in the editor, whose unsaved text is read instead of the file.

What stays between edits is each file's :class:`~factledger.load.files.Outcome` (its entries and what reading
it found). An edit re-reads one file, parsing only its text; the ledger is then gathered anew from the
outcomes, in the order :func:`~factledger.load.directory.load_files` gives, by joining lists: no other file
is read, parsed or decoded again. Files read from disk go through the cache as every command's do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from factledger.load.cached import Entries, FileRead, Reuse
from factledger.load.directory import LoadedFiles
from factledger.load.discover import discover, display_path
from factledger.load.files import Outcome, parse, read_known
from factledger.load.parallel import Task, read_all
from factledger.load.patch import patched
from factledger.model.entries import Ledger
from factledger.model.spelling import Respelt
from factledger.problems.diagnostics import Diagnostic

LEDGER_SUFFIXES = (".yaml", ".yml")


class LiveFiles:
    """The files of the ledger under ``data_dir`` (absolute), each as last read, and the texts an editor
    holds unsaved (``given``), which are read instead of what is on disk."""

    def __init__(self, data_dir: Path, limit: int, reuse: Reuse, excluded: Callable[[Path], bool] | None = None
                 ) -> None:
        self.data_dir = data_dir
        self.limit = limit
        self.reuse = reuse
        self.excluded = excluded
        self.given: dict[Path, bytes] = {}
        self.paths: list[Path] = []
        self.discovery: list[Diagnostic] = []
        self._outcomes: dict[Path, Outcome] = {}
        self.respelt = Respelt()  # the entries as spelt in the last refresh (pipeline.load_live)
        self._texts: dict[Path, bytes] = {}  # the editor's texts the files' outcomes were read from
        self.patched = 0  # edits read by parsing one entry again (load.patch)
        self.parsed = 0  # files parsed since the last count was taken (the benchmark and the tests read it)

    def belongs(self, path: Path) -> bool:
        """Whether a file at ``path`` (absolute) is one of the ledger's: a ``*.yaml``/``*.yml`` under the data
        directory, neither hidden nor excluded by the configuration."""
        try:
            inside = path.relative_to(self.data_dir)
        except ValueError:
            return False
        hidden = any(part.startswith(".") for part in inside.parts)
        return (path.suffix.lower() in LEDGER_SUFFIXES and not hidden
                and (self.excluded is None or not self.excluded(path)))

    def start(self) -> None:
        """List and read every file (the cached ones from the cache, the others on every core there is)."""
        self._list()
        unknown = [p for p in self.paths if p not in self._outcomes]
        tasks: list[Task] = [(p, self.display(p), self.reuse.by_stamp(p, self.limit), None) for p in unknown]
        with read_all(tasks, self.limit, self.reuse) as outcomes:
            for path, outcome in zip(unknown, outcomes, strict=True):
                self._keep(path, outcome)
        self.reuse.finish()

    def rediscover(self) -> set[Path]:
        """List the folder again (files were created or deleted); read the new files, forget the gone ones.
        Returns the files that came or went."""
        before = set(self.paths)
        self._list()
        now = set(self.paths)
        self.read(now - before)
        return (now - before) | (before - now)

    def give(self, path: Path, data: bytes | None) -> None:
        """The editor's text of ``path`` (None: the editor no longer holds it, so the file on disk counts), read now."""
        if data is None:
            self.given.pop(path, None)
        else:
            self.given[path] = data
        if data is not None and path not in self.paths or data is None and not path.exists():
            self._list()  # a file that exists only in the editor, or no longer at all
        if path in self.paths:
            self.read([path])
        else:
            self._outcomes.pop(path, None)

    def read(self, paths: Iterable[Path]) -> None:
        """Read ``paths`` again: the editor's text where it holds one, else the file (through the cache)."""
        for path in paths:
            display = self.display(path)
            data = self.given.get(path)
            if data is not None:
                # Unsaved text is parsed here and never cached: it changes with every key pressed. Where a
                # key changed one entry, that entry alone is parsed again (load.patch says when that is sure).
                self._keep(path, Outcome(read=FileRead(self._parsed(path, display, data), parsed=True)))
                self._texts[path] = data
            else:
                self._keep(path, read_known(path, display, self.reuse.by_stamp(path, self.limit), self.limit,
                                            self.reuse))
        self.reuse.finish()

    def loaded(self) -> LoadedFiles:
        """Every file's entries and what reading them found, gathered in the ledger's order."""
        loaded = LoadedFiles.started(self.data_dir, self.paths, self.discovery)
        for path in self.paths:
            loaded.take(path, self.display(path), self._outcomes[path], self.reuse)
        loaded.finish()
        return loaded

    def part(self, path: Path) -> Ledger:
        """The entries of one file, as last read (none, if it could not be read)."""
        part = Ledger()
        read = self._outcomes[path].read if path in self._outcomes else None
        if read is not None:
            for section, entries in read.entries[1].items():
                getattr(part, section).extend(entries)
        return part

    def display(self, path: Path) -> str:
        """How loading names ``path`` (in every entry's location)."""
        return display_path(self.data_dir, path)

    def _parsed(self, path: Path, display: str, data: bytes) -> Entries:
        before, read = self._texts.get(path), self._outcomes.get(path)
        if before is not None and read is not None and read.read is not None:
            found = patched(before, read.read.entries, data, display, path)
            if found is not None:
                self.patched += 1
                return found
        return parse(data, display, path)

    def _keep(self, path: Path, outcome: Outcome) -> None:
        self._texts.pop(path, None)  # the text it was read from, when known (the editor's)
        if outcome.read is not None:
            self.parsed += outcome.read.parsed
            before = self._outcomes.get(path)
            if before is not None and before.read is not None:
                outcome = Outcome(outcome.problem, replace(outcome.read, entries=_kept(before.read.entries,
                                                                                       outcome.read.entries)))
        self._outcomes[path] = outcome

    def _list(self) -> None:
        found, problems = discover(self.data_dir)
        extra = [p for p in self.given if p not in found and self.belongs(p)]
        paths = [p for p in [*found, *extra] if self.excluded is None or not self.excluded(p)]
        self.paths = sorted(paths, key=lambda p: p.relative_to(self.data_dir).as_posix())
        self.discovery = problems
        known = set(self.paths)
        self._outcomes = {p: o for p, o in self._outcomes.items() if p in known}


def _kept(before: Entries, after: Entries) -> Entries:
    """``after``, with each entry equal to the one read before at the same place (the same fields, at the same
    line) replaced by that one: what is made of the entries (their spelling, the cross-check's keys) is kept
    by entry, so an edit of one entry of a file is the change of that entry only."""
    sections: dict[str, list[Any]] = {}
    for section, entries in after[1].items():
        old = {e.location: e for e in before[1].get(section, ())}
        sections[section] = [_same(old.get(e.location), e) for e in entries]
    return after[0], sections, after[2]


def _same(old: Any, new: Any) -> Any:
    return old if old is not None and old == new else new
