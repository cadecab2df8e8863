"""A ledger open in an editor (the use case a language server serves): the files on disk, with the texts the
editor holds unsaved read instead, kept in memory and checked again as they change.

What is said about an open file is what ``factledger validate FILE`` and ``factledger check FILE`` would say of
it if its text were saved: validation's diagnostics located in it, then, when it has no error, the
cross-check's findings about its entries (the ``--all`` kinds left out, as ``check`` does), after the
project's configuration (``select``, ``ignore``, ``per-file-ignores``, ``severity``) and the inline
suppressions. Only what changed is read again (:mod:`factledger.load.live`); the rules run on the open files
and the files a change of definitions affects (:mod:`factledger.rules.affected`), so that what is known of
every file's errors stays what validating everything finds; the cross-check runs on the part of the ledger
the open files are compared with (:mod:`factledger.check.scope`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from factledger.api import config as project
from factledger.api.common import suppress_findings
from factledger.api.results import SourceList
from factledger.check.engine import Outcome
from factledger.check.findings import QUIET_KINDS, CheckResult
from factledger.check.options import CheckOptions
from factledger.check.reuse import Reused
from factledger.check.scope import Links
from factledger.load.cached import Reuse
from factledger.load.live import LiveFiles
from factledger.load.result import LoadResult
from factledger.parse.spans import split_lines
from factledger.pipeline import check_part, load_live, require_folder
from factledger.problems.catalogue import CATALOGUE, Severity
from factledger.problems.diagnostics import Diagnostic, Problem
from factledger.rules.affected import Name, changed, definitions, names
from factledger.rules.indexes import Indexes
from factledger.system import fs
from factledger.system.collector import without_cyclic_gc

if TYPE_CHECKING:  # a hover imports the views
    from factledger.query.views import Linked


@dataclass(frozen=True)
class Setup:
    """Which ledger is served, and the project's settings for it."""

    data_dir: Path  # absolute: every file is named by its path, which an editor's address maps to
    policy: project.Policy
    options: CheckOptions
    excluded: Callable[[Path], bool] | None
    config: str  # where the settings came from, for a person


def setup(root: Path | None, data: Path | None = None) -> Setup:
    """The ledger ``data`` (the command line's --data, or FACTLEDGER_DATA), else the configuration's ``data``
    found from ``root`` (the editor's folder) upwards, else ``root/data``. A UsageError when the configuration
    is wrong; a DataDirError when the folder is not there."""
    found = project.find(root)
    if data is None and found.path is not None and "data" in found.values:
        data = found.path.parent / str(found.values["data"])
    chosen = Path(os.path.abspath(data if data is not None else (root or Path.cwd()) / "data"))
    require_folder(chosen)
    values = found.values
    options = CheckOptions(int(values.get("window", 0)), float(values.get("tolerance", 0.1)))
    return Setup(chosen, project.policy(found, chosen), options, project.exclusion(found, chosen), found.label)


@dataclass
class Snapshot:
    """What the last refresh found: the ledger with every open file's text, the diagnostics of the files it
    checked, and the cross-check of the part the open files are compared with (None: no file is open)."""

    result: LoadResult
    checked: CheckResult | None
    valid: bool  # the whole ledger validates (as far as every file's last check says)
    version: int = 0
    parts: dict[tuple[str, ...], CheckResult] = field(default_factory=dict)  # cross-checks of claims, by their ids
    texts: dict[Path, str] = field(default_factory=dict)  # files read from disk to answer a request
    sources: SourceList | None = None  # `factledger sources` of this version, once asked for
    said: dict[Path, list[Problem]] = field(default_factory=dict)  # what is said of each open file, once asked
    linked: Linked | None = None  # what relates to each claim (a hover's), once asked for


class LiveLedger:
    def __init__(self, chosen: Setup, cache: bool = True) -> None:
        self.setup = chosen
        reuse = Reuse.opened(chosen.data_dir, None, allowed=cache)
        self.files = LiveFiles(chosen.data_dir, fs.max_file_size(), reuse, chosen.excluded)
        self.open: set[Path] = set()
        self._defined: dict[str, frozenset[tuple[str, ...]]] = {}
        self._names: dict[str, frozenset[Name]] = {}
        self._errors: dict[str, bool] = {}  # each file's: whether it has an error
        self._pending: set[Path] = set()  # read again since the last refresh
        self._texts: dict[Path, str | None] = {}  # the editor's texts given since the last refresh
        self.snapshot: Snapshot | None = None
        self._decoded: dict[Path, tuple[bytes, str]] = {}  # the editor's texts, as bytes and as text
        self._lines: dict[Path, tuple[str, list[str]]] = {}  # each file's text and its lines, split once
        self.reused: Reused[Outcome] = Reused()  # the open files' questions as last cross-checked
        self.links = Links()  # the claims by what connects them, brought up to date by each cross-check
        self.indexes = Indexes()  # what the rules look up across the ledger, brought up to date by each refresh

    def start(self) -> Snapshot:
        """Read every file and validate all of them (what is then kept up to date file by file)."""
        self.files.start()
        self._pending = set(self.files.paths)
        return self.refresh(every=True)

    def belongs(self, path: Path) -> bool:
        return self.files.belongs(path)

    def edit(self, path: Path, text: str | None) -> None:
        """The editor's text of ``path`` (None: it holds none any more; the file on disk counts), read at the
        next refresh (texts given meanwhile replace it: only the last is read)."""
        if text is None:
            self.open.discard(path)
        else:
            self.open.add(path)
        self._texts[path] = text

    @property
    def stale(self) -> bool:
        """Whether something changed since the last refresh."""
        return bool(self._texts or self._pending)

    def on_disk(self, paths: Iterable[Path], listed: bool = False) -> None:
        """Files changed on disk (``listed``: files were created or deleted too): those the editor does not
        hold are read again."""
        if listed:
            self._pending |= self.files.rediscover()
        chosen = [p for p in paths if p not in self.files.given and p in self.files.paths]
        self.files.read(chosen)
        self._pending |= set(chosen)

    def refresh(self, every: bool = False) -> Snapshot:
        """Check again what changed since the last refresh (everything, with ``every``)."""
        with without_cyclic_gc():
            return self._refresh(every)

    def _refresh(self, every: bool) -> Snapshot:
        files = self.files
        for path, text in self._texts.items():
            files.give(path, text.encode("utf-8") if text is not None else None)
            self._pending.add(path)
        self._texts = {}
        moved: set[Name] = set()
        known = {files.display(p) for p in files.paths}
        for path in self._pending:
            shown = files.display(path)
            part = files.part(path) if shown in known else None
            after = definitions(part) if part is not None else frozenset()
            moved |= changed(self._defined.get(shown, frozenset()), after)
            self._defined[shown] = after
            self._names[shown] = names(part) if part is not None else frozenset()
        for gone in set(self._errors) - known:
            self._errors.pop(gone)
            self._defined.pop(gone, None)
            self._names.pop(gone, None)
        affected = {f for f, named in self._names.items() if named & moved}
        opened = {files.display(p) for p in self.open if p in files.paths}
        focus = known if every else (opened | {files.display(p) for p in self._pending} | affected) & known
        self._pending = set()
        result = load_live(files, frozenset(focus), self.indexes)
        errors = [d for d in self.setup.policy.apply(result.diagnostics) if d.severity is Severity.ERROR]
        for file in focus:
            self._errors[file] = False
        for d in errors:
            self._errors[d.location.file] = True
        valid = not any(self._errors.values())
        checked = check_part(result.ledger, opened, options=self.setup.options, reused=self.reused,
                             links=self.links) if opened else None
        version = self.snapshot.version + 1 if self.snapshot is not None else 1
        self.snapshot = Snapshot(result, checked, valid, version)
        return self.snapshot

    def text_of(self, file: str | Path) -> str:
        """A ledger file's text: the editor's, when it holds it unsaved, else the file's ("" when unreadable)."""
        path = Path(file)
        if self._texts.get(path) is not None:
            return self._texts[path] or ""
        data = self.files.given.get(path)
        if data is None:
            texts = self.current.texts
            if path not in texts:
                try:
                    texts[path] = fs.read_file(path, self.files.limit).decode("utf-8", errors="replace")
                except fs.FileProblem:
                    texts[path] = ""
            return texts[path].removeprefix("\ufeff")
        decoded = self._decoded.get(path)
        if decoded is None or decoded[0] is not data:  # asked for each place of each diagnostic: decoded once
            decoded = self._decoded[path] = (data, data.decode("utf-8", errors="replace").removeprefix("\ufeff"))
        return decoded[1]

    def lines_of(self, file: str | Path) -> list[str]:
        """A ledger file's lines (:meth:`text_of`, split as the loader counts them): split once for each text,
        as every place of every diagnostic and finding published asks for its line."""
        text, path = self.text_of(file), Path(file)
        kept = self._lines.get(path)
        if kept is None or (kept[0] is not text and kept[0] != text):
            kept = self._lines[path] = (text, split_lines(text))
        return kept[1]

    @property
    def current(self) -> Snapshot:
        if self.snapshot is None:
            raise RuntimeError("the ledger is not started")
        return self.snapshot

    def problems(self, path: Path) -> list[Problem]:
        """What is said about the open file ``path``: its diagnostics, then (when it has no error) the findings
        about its entries."""
        snap = self.current
        if path not in snap.said:  # asked again by every hover: the same until the next refresh
            snap.said[path] = self._problems(path)
        return snap.said[path]

    def _problems(self, path: Path) -> list[Problem]:
        snap = self.current
        display = self.files.display(path)
        policy = self.setup.policy
        mine = [d for d in snap.result.diagnostics if d.location.file == display]
        diagnostics: list[Problem] = list(policy.apply([*mine, *self._unused_check_suppressions(display)]))
        # As `check FILE`: not cross-checked when the file has an error, or the ledger's folder has one.
        gate = [*diagnostics, *policy.apply(self.elsewhere())]
        if snap.checked is None or any(d.severity is Severity.ERROR for d in gate):
            return diagnostics
        about = [f for f in suppress_findings(snap.result, snap.checked.findings)
                 if f.kind not in QUIET_KINDS and any(loc.file == display for loc in f.locations)]
        return [*diagnostics, *policy.apply(about)]

    def elsewhere(self) -> list[Diagnostic]:
        """What the last refresh found located in no ledger file (a folder that cannot be listed, a crash)."""
        files = set(self.current.result.ledger.files)
        return [d for d in self.current.result.diagnostics if d.location.file not in files]

    def checked_claims(self, ids: Iterable[str]) -> CheckResult | None:
        """The cross-check of the part of the ledger these claims are compared with (None when the ledger does
        not validate: as ``factledger show`` does, nothing is then cross-checked)."""
        snap = self.current
        if not snap.valid:
            return None
        key = tuple(sorted(ids))
        if key not in snap.parts:
            snap.parts[key] = check_part(snap.result.ledger, claims=key, options=self.setup.options, links=self.links)
        return snap.parts[key]

    def linked(self) -> Linked:
        """What relates to each claim of this version (:func:`factledger.query.views.linked_claims`)."""
        from factledger.query.views import linked_claims

        snap = self.current
        if snap.linked is None:
            snap.linked = linked_claims(snap.result.ledger)
        return snap.linked

    def _unused_check_suppressions(self, display: str) -> list[Diagnostic]:
        """FL013 for the suppressions in ``display`` naming a cross-check code that accepts no finding (judged
        when the ledger validates, as ``validate`` judges them)."""
        from factledger.model import suppressions as inline

        snap = self.current
        mine = [s for s in snap.result.ledger.suppressions if s.location.file == display]
        named = {inline.code_of(c) for s in mine for c in s.codes}
        if snap.checked is None or not snap.valid or not any(c and CATALOGUE[c].stage == "check" for c in named):
            return []
        used: set[tuple[int, str]] = set()
        inline.apply(snap.checked.findings, mine, used)
        return inline.unused(mine, used, "check")
