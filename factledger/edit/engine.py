"""The edit engine: how every command that changes a person's files changes them.

Design (init, add, fmt, rename, fix, and a language server's rename and quick fixes, all share it):

* **Exact text edits at known positions.** A change is a list of :class:`TextEdit` (file, range, new
  text), placed where the loader located what it changes: the parser's nodes carry line and column,
  entries their ``location`` and ``field_locations``, and :mod:`factledger.parse.spans` gives the
  extent of the node found there. Every byte outside an edit stays as it was: comments, blank lines,
  quoting, key order, the file's line ends (``\\r\\n`` stays ``\\r\\n``) and its byte-order mark. Rename
  and fixes are functions that *return* edits; applying them is this module's, so a face can show them
  (a diff, a language server's workspace edit) before anything is written.
* **Checked before written.** The edited texts are loaded in memory by the same loader, beside the
  unchanged files (:func:`factledger.pipeline.load_ledger`'s ``edited``), and the diagnostics compared
  with the ledger's before: an edit that would leave the ledger with an error it did not have is
  refused, naming each new error, and nothing is written (:func:`new_errors`).
* **Atomic.** Every file is replaced whole, atomically (:func:`factledger.system.output.replace_files`:
  a temporary file, synced, renamed over the old one); when one of several cannot be written, those
  already written are put back, so a failure part-way leaves the files as they were. A file that
  changed since it was read, or that its owner made read-only, is not written.
* **Shown instead of written** with ``--dry-run`` or ``--diff``: the unified diff of what would change.
"""

from __future__ import annotations

import difflib
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factledger.load.result import LoadResult
from factledger.parse.spans import Span, Spans, line_starts, read_spans
from factledger.problems.catalogue import Severity
from factledger.problems.diagnostics import Diagnostic, Location
from factledger.problems.errors import UsageError
from factledger.system import fs
from factledger.text.escapes import safe

_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class TextEdit:
    """Replace the text of ``file`` from ``start`` up to ``end`` (1-based line and column, in characters, as
    the loader locates; ``end`` not included, equal to ``start`` for an insertion) with ``text``, whose
    line breaks are written ``\\n`` (and in the file's own line ends)."""

    file: str
    start: tuple[int, int]
    end: tuple[int, int]
    text: str


@dataclass(frozen=True)
class FileChange:
    """One file's content before (None: the file is new) and after the edits."""

    path: Path
    before: bytes | None
    after: bytes

    @property
    def display(self) -> str:
        return self.path.as_posix()

    @property
    def diff_name(self) -> str:
        """The path a diff names (git's a/ and b/ before it): relative to here when it is under here."""
        path = self.path
        if path.is_absolute():
            try:
                path = path.relative_to(Path.cwd())
            except ValueError:
                return path.as_posix().lstrip("/")
        return path.as_posix()


@dataclass
class Original:
    """A ledger file as an edit reads it: its bytes and text, and how it writes line ends."""

    path: Path
    data: bytes
    text: str
    bom: bool
    newline: str
    _spans: Spans | None = field(default=None, repr=False)
    _scalars: dict[tuple[int, int], Span] | None = field(default=None, repr=False)

    @property
    def spans(self) -> Spans:
        if self._spans is None:
            self._spans = read_spans(self.text)
        return self._spans

    def scalar_at(self, line: int, column: int) -> Span | None:
        """The scalar the loader located at ``line`` and ``column``."""
        if self._scalars is None:
            self._scalars = self.spans.scalars_at()
        return self._scalars.get((line, column))

    def encode(self, text: str) -> bytes:
        return (_BOM if self.bom else b"") + text.encode("utf-8")


class Workspace:
    """The files an edit reads, each read once, and the nodes found at the loader's locations."""

    def __init__(self, limit: int | None = None, given: Mapping[str, bytes] | None = None) -> None:
        self.limit = limit if limit is not None else fs.max_file_size()
        self._files: dict[str, Original] = {}
        self.given = given or {}  # files' content as an editor holds it unsaved, read instead of the disk's

    def original(self, file: str) -> Original:
        """``file`` (as the ledger names it) as it is now; a UsageError when it cannot be edited."""
        found = self._files.get(file)
        if found is None:
            data = self.given.get(file)
            found = self._files[file] = (read_original(Path(file), self.limit) if data is None
                                         else original_of(Path(file), data))
        return found

    def scalar(self, location: Location) -> Span:
        """The scalar the loader located at ``location`` (a key or a value)."""
        found = self.original(location.file).scalar_at(location.line, location.column)
        if found is None:
            raise UsageError(f"{location}: nothing to edit was found where the ledger was read; has the file "
                             "changed since? Run the command again")
        return found

    def range_of(self, file: str, node: Span) -> tuple[tuple[int, int], tuple[int, int]]:
        spans = self.original(file).spans
        return spans.position(node.start), spans.position(node.end)


def read_original(path: Path, limit: int) -> Original:
    try:
        data = fs.read_file(path, limit)
    except fs.FileProblem as exc:
        raise UsageError(f"cannot edit '{path}': {exc}") from None
    return original_of(path, data)


def original_of(path: Path, data: bytes) -> Original:
    """The file at ``path`` holding ``data``, as an edit reads it; a UsageError when it is not UTF-8."""
    bom = data.startswith(_BOM)
    try:
        text = data[len(_BOM) if bom else 0:].decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"cannot edit '{path}': it is not UTF-8 ('factledger validate' says where)") from None
    newline = "\r\n" if "\r\n" in text else "\n"
    return Original(path, data, text, bom, newline)


def apply(original: Original, edits: Sequence[TextEdit]) -> str:
    """``original``'s text with ``edits`` made (none may overlap another)."""
    starts = line_starts(original.text)

    def offset(place: tuple[int, int]) -> int:
        line, column = place
        if not 1 <= line <= len(starts):
            raise ValueError(f"line {line} is not in {original.path}")
        return starts[line - 1] + column - 1

    placed = sorted(((offset(e.start), offset(e.end), e.text) for e in edits), key=lambda p: (p[0], p[1]))
    out: list[str] = []
    at = 0
    for start, end, new in placed:
        if start < at or end < start:
            raise ValueError(f"overlapping edits in {original.path}")
        out += [original.text[at:start], new.replace("\n", original.newline) if original.newline != "\n" else new]
        at = end
    out.append(original.text[at:])
    return "".join(out)


def plan(workspace: Workspace, edits: Iterable[TextEdit],
         created: Mapping[Path, str] | None = None) -> list[FileChange]:
    """What ``edits`` (and new files ``created``) make of each file, in order of name; a file they leave as
    it was is not among them."""
    by_file: dict[str, list[TextEdit]] = {}
    for edit in edits:
        by_file.setdefault(edit.file, []).append(edit)
    changes = []
    for file, made in by_file.items():
        original = workspace.original(file)
        try:
            changes.append(FileChange(original.path, original.data, original.encode(apply(original, made))))
        except ValueError as exc:  # edits that overlap: two changes to one place, which no result can hold
            raise UsageError(f"cannot edit '{file}': {exc}; nothing was written") from None
    for path, text in (created or {}).items():
        changes.append(FileChange(path, None, text.encode("utf-8")))
    return sorted((c for c in changes if c.before != c.after), key=lambda c: c.display)


def unified_diff(changes: Iterable[FileChange]) -> str:
    """The changes as one unified diff (git's a/ and b/ names), safe to show: invisible and control
    characters in the files are shown as escapes, never written raw to a terminal."""
    out: list[str] = []
    for change in changes:
        before = _lines(change.before)
        after = _lines(change.after)
        name = change.diff_name
        for line in difflib.unified_diff(before, after, "/dev/null" if change.before is None else f"a/{name}",
                                         f"b/{name}", lineterm=""):
            out.append(safe(line, keep_newlines=False))
    return "\n".join(out) + ("\n" if out else "")


def _lines(data: bytes | None) -> list[str]:
    if data is None:
        return []
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    # Split at \n alone: a \r (of a \r\n line end) or a Unicode line separator is shown as an escape.
    lines = text.split("\n")
    return lines[:-1] if lines[-1] == "" else lines


# -- checking an edit before it is written ---------------------------------------------------------

_PLACE = re.compile(r"\b(line|column)s? [0-9]+")


def _key(diagnostic: Diagnostic, words: Sequence[str]) -> tuple[str, str, str]:
    message = _PLACE.sub(r"\1 N", diagnostic.message)
    for word in words:
        message = message.replace(word, "ID")
    return diagnostic.code, diagnostic.location.file, message


def new_errors(before: Iterable[Diagnostic], after: Iterable[Diagnostic], same: Sequence[str] = ()) -> list[Diagnostic]:
    """The errors of ``after`` the ledger did not have ``before``: compared by code, file and message, with
    places (which move as text is added above them) and the words ``same`` (a renamed id) set aside."""
    had = Counter(_key(d, same) for d in before if d.severity is Severity.ERROR)
    found = []
    for diagnostic in after:
        if diagnostic.severity is not Severity.ERROR:
            continue
        key = _key(diagnostic, same)
        if had[key] > 0:
            had[key] -= 1
        else:
            found.append(diagnostic)
    return found


Reload = Callable[[Mapping[Path, bytes]], LoadResult]


def checked(changes: Sequence[FileChange], before: LoadResult, reload: Reload, same: Sequence[str] = ()) -> LoadResult:
    """The ledger as ``changes`` would leave it, loaded in memory; a UsageError naming each new error when
    they would add one (nothing is written)."""
    after = reload({c.path: c.after for c in changes})
    added = new_errors(before.diagnostics, after.diagnostics, same)
    if added:
        shown = "\n".join(f"  {d.location}: {d.code} {d.message}" for d in added[:20])
        more = f"\n  and {len(added) - 20} more" if len(added) > 20 else ""
        raise UsageError(f"nothing was written: the change would add {len(added)} "
                        f"error{'s' if len(added) != 1 else ''} to the ledger:\n{safe(shown)}{more}")
    return after


def writable(changes: Iterable[FileChange]) -> None:
    """Refuse, before anything is written, a file made read-only (replacing it would need only its folder to
    be writable, and would undo the choice; the super-user too is refused, by the file's mode)."""
    for change in changes:
        if change.before is None:
            continue
        try:
            read_only = not os.access(change.path, os.W_OK) or not os.stat(change.path).st_mode & 0o222
        except OSError:
            read_only = True
        if read_only:
            raise UsageError(f"'{change.display}' is read-only; nothing was written (make it writable to edit it)")


def unchanged(changes: Iterable[FileChange], doing: str = "it was being edited", again: str = "the command") -> None:
    """Refuse, before anything is written, a file that is no longer what was read (``before``; None: it did
    not exist): a person saved it meanwhile, and replacing it would lose what they wrote."""
    for change in changes:
        try:
            now = change.path.read_bytes() if change.before is not None else None
        except OSError:
            now = None
        if change.before is None and change.path.exists() or change.before is not None and now != change.before:
            raise UsageError(f"'{change.display}' changed while {doing}; nothing was written. Run {again} again")


def commit(changes: Sequence[FileChange]) -> None:
    """Write ``changes``, all or none: a file changed since it was read is not written over, and one that
    cannot be written leaves every file as it was."""
    from factledger.system.output import OutputError, replace_files

    writable(changes)
    unchanged(changes)
    try:
        replace_files([(c.path, c.after, c.before) for c in changes])
    except OutputError as exc:
        raise UsageError(f"{exc}; nothing was written: every file is as it was") from None
