"""A data directory → every file's entries and diagnostics, in a stable order (one ledger)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factledger.load.cached import Reuse, RulesInput
from factledger.load.discover import discover, display_path
from factledger.load.files import Given, Outcome
from factledger.load.parallel import read_all
from factledger.load.snapshot import Snapshot
from factledger.model.entries import Ledger
from factledger.problems.diagnostics import Diagnostic, Location, make
from factledger.system import fs


@dataclass
class LoadedFiles:
    """Every file's entries (in ``ledger``) and what reading them found, before the cross-file rules."""

    ledger: Ledger = field(default_factory=Ledger)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)  # files whose entries could not all be read
    parsed: int = 0  # files parsed this run (the others came from the cache)
    keys: list[str | None] = field(default_factory=list)  # each file's cache name (None: not read)
    discovery: list[Diagnostic] = field(default_factory=list)  # what listing the folders reported
    # Each file read with a cache name: that name, and the entries it gave by section (the lists as built, in
    # the file's order), so that an entry can be named by its file's content and its place in it.
    entries_by_file: list[tuple[str, dict[str, list[Any]]]] = field(default_factory=list)

    def rules_input(self, data_dir: Path, limit: int, skip: Path | None,
                    snapshot: Snapshot | None = None) -> RulesInput:
        return RulesInput(data_dir, limit, skip, self.ledger, self.keys, self.discovery, snapshot)

    @classmethod
    def started(cls, data_dir: Path, paths: list[Path], problems: list[Diagnostic]) -> LoadedFiles:
        """Nothing taken yet: what listing ``data_dir`` found (``paths``) and reported (``problems``)."""
        loaded = cls(discovery=problems)
        loaded.diagnostics.extend(problems)
        if not paths and not problems:
            loaded.diagnostics.append(make(
                "FL009", f"no *.yaml or *.yml files under '{data_dir}': is it the ledger's folder? "
                         "Give it with --data DIR (or FACTLEDGER_DATA)", Location(str(data_dir))))
        return loaded

    def take(self, path: Path, display: str, outcome: Outcome, reuse: Reuse) -> None:
        """Add what reading one file gave (files are taken in the ledger's order)."""
        ledger = self.ledger
        ledger.files.append(display)
        if outcome.problem is not None or outcome.read is None:
            if outcome.problem is not None:
                self.diagnostics.append(outcome.problem)
            self.unread.append(display)
            self.keys.append(None)
            return
        read = outcome.read
        self.parsed += read.parsed
        reuse.remember(path, read)
        parsed, built, found = read.entries
        self.keys.append(read.key)
        if read.key is not None:
            self.entries_by_file.append((read.key, built))
        for section, more in built.items():
            getattr(ledger, section).extend(more)
        if not parsed:
            self.unread.append(display)
        self.diagnostics.extend(found)

    def finish(self) -> None:
        """Once every file is taken: a file that could not be read is among the unread."""
        self.unread += [d.location.file for d in self.diagnostics if d.code == "FL003"]


def load_files(data_dir: Path, limit: int, skip: Path | None, reuse: Reuse,
               progress: Callable[[int, int], None] | None = None, snapshot: Snapshot | None = None,
               edited: Mapping[Path, bytes] | None = None,
               excluded: Callable[[Path], bool] | None = None) -> LoadedFiles:
    """Every ledger file under ``data_dir`` (but ``skip``, a resolved path, and those ``excluded`` says), read
    in order; ``progress`` is told (files read, files in all) after each. From ``snapshot``'s bytes, when
    given, not the disk. ``edited`` gives some files' content as an edit would leave it (files not yet
    written, new ones among them): what is read instead of the disk's (a snapshot of a few files, over it)."""
    if snapshot is None:
        paths, problems = discover(data_dir)
        if edited:
            paths = sorted({*paths, *edited}, key=lambda p: p.relative_to(data_dir).as_posix())
        if skip is not None:
            paths = [p for p in paths if fs.resolve(p) != skip]
        if excluded is not None:
            paths = [p for p in paths if not excluded(p)]
        given: list[Given] = [edited.get(p) if edited else None for p in paths]
    else:
        names, unreadable = snapshot.ledger_files()
        paths = [data_dir / name for name in names]
        problems = [make("FL003", reason, Location(display_path(data_dir, data_dir / name)))
                    for name, reason in unreadable]
        contents = snapshot.contents(names, limit)
        given = [contents[name] for name in names]
    loaded = LoadedFiles.started(data_dir, paths, problems)
    displays = [display_path(data_dir, path) for path in paths]
    # Files whose stamps show them unchanged are taken from the cache, the others read (on several cores
    # when there is enough to do). A file given as bytes has no stamp on this disk: its content names it.
    known = [reuse.by_stamp(path, limit) if content is None else None
             for path, content in zip(paths, given, strict=True)]
    with read_all(list(zip(paths, displays, known, given, strict=True)), limit, reuse) as outcomes:
        for index, (path, display, outcome) in enumerate(zip(paths, displays, outcomes, strict=True), 1):
            loaded.take(path, display, outcome, reuse)
            if progress is not None:
                progress(index, len(paths))
    loaded.finish()
    return loaded
