"""Files → YAML nodes that know where they came from.

This is the only module that parses YAML, so a faster parser or a cache can
replace it behind :func:`load_file` without touching anything downstream.

YAML is read strictly, because a silent misreading is lost data:

* duplicate keys are reported (PyYAML would keep the last one);
* scalars are resolved with the YAML 1.2 core schema, so ``NO``, ``yes`` and
  ``off`` stay text and only ``true``/``false`` are booleans;
* anchors, aliases, merge keys and explicit tags are rejected, never
  constructed;
* files must be UTF-8 (a BOM is tolerated).

Every problem becomes a :class:`~factledger.diagnostics.Diagnostic`; no
exception escapes for any input file.
"""

from __future__ import annotations

import math
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import yaml
from yaml.events import (
    AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent,
)

from factledger.diagnostics import Diagnostic, Location, make
from factledger.text import find_control_character

try:  # libyaml's event parser is several times faster; the pure-Python one gives the same events.
    from yaml import CSafeLoader as _EventSource
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _EventSource  # type: ignore[assignment]


@dataclass(slots=True)
class Scalar:
    """A scalar as written (``raw``); ``value`` is it resolved by the YAML 1.2 core schema.

    Resolution is done on demand: most scalars are keys and texts, read as written.
    """

    raw: str
    line: int
    column: int
    plain: bool

    @property
    def value(self) -> Any:
        return resolve_plain(self.raw) if self.plain else self.raw

    @property
    def is_null(self) -> bool:
        return self.plain and _NULL.match(self.raw) is not None


@dataclass(slots=True)
class Mapping:
    """A mapping; ``items`` maps each key's text to its key node and value node, in file order."""

    items: dict[str, tuple[Scalar, "Node"]]
    line: int
    column: int


@dataclass(slots=True)
class Sequence:
    items: list["Node"]
    line: int
    column: int


@dataclass(slots=True)
class Invalid:
    """Stands where the loader refused a node (an alias, a complex key); already reported."""

    line: int
    column: int


Node = Union[Scalar, Mapping, Sequence, Invalid]


@dataclass
class LoadedFile:
    """One ledger file: its display path, its root node (``None`` when empty or unparseable)."""

    path: Path
    display: str
    root: Node | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    has_control_characters: bool = False


# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), plain scalars only.
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
_MAY_BE_SPECIAL = frozenset("~nNtTfF0123456789+-.")


def resolve_plain(text: str) -> Any:
    """Resolve a plain (unquoted, untagged) scalar by the YAML 1.2 core schema."""
    if text and text[0] not in _MAY_BE_SPECIAL:
        return text
    if _NULL.match(text):
        return None
    if _TRUE.match(text):
        return True
    if _FALSE.match(text):
        return False
    if _INT10.match(text):
        return int(text)
    if _INT8.match(text):
        return int(text[2:], 8)
    if _INT16.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    return text


class _Composer:
    """Builds our nodes from parser events, reporting what strict reading refuses.

    Iterative rather than recursive, so that no nesting depth can exhaust the stack, and
    because it is the innermost loop of loading a large ledger.
    """

    def __init__(self, text: str, display: str, diagnostics: list[Diagnostic]) -> None:
        self._events = _EventSource(text)
        self._display = display
        self._diagnostics = diagnostics

    def _report(self, code: str, message: str, line: int, column: int) -> None:
        self._diagnostics.append(make(code, message, Location(self._display, line, column)))

    def compose(self) -> Node | None:
        events = self._events
        try:
            events.get_event()  # stream start
            if events.check_event(yaml.StreamEndEvent):
                return None
            events.get_event()  # document start
            root = self._document()
            events.get_event()  # document end
            if events.check_event(yaml.DocumentStartEvent):
                # The first document is still read, so its own problems are reported too.
                mark = events.peek_event().start_mark
                self._report("FL008", "a second YAML document starts here ('---'); a ledger file holds one "
                                      "document, and what follows is not read", mark.line + 1, mark.column + 1)
            return root
        finally:
            events.dispose()

    def _refused(self, event: Any, line: int, column: int) -> None:
        """Report an anchor or an explicit tag on a node (the node itself is still read)."""
        if event.anchor is not None:
            self._report("FL005", f"anchor '&{event.anchor}' is not allowed; write the value out in full", line, column)
        if event.tag is not None:
            shown = event.tag.replace("tag:yaml.org,2002:", "!!")
            self._report("FL006", f"explicit tag '{shown}' is not allowed; remove it (quote the value to make it text)",
                         line, column)

    def _document(self) -> Node:
        get_event = self._events.get_event
        # Each open collection: [node, key waiting for its value (mappings only)].
        stack: list[list[Any]] = []
        while True:
            event = get_event()
            kind = event.__class__
            mark = event.start_mark
            line, column = mark.line + 1, mark.column + 1
            if kind is ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    self._refused(event, line, column)
                node: Node = Scalar(event.value, line, column, event.implicit[0] and event.tag is None)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None or event.tag is not None:
                    self._refused(event, line, column)
                opened = Mapping({}, line, column) if kind is MappingStartEvent else Sequence([], line, column)
                stack.append([opened, None])
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                node = stack.pop()[0]
            elif kind is AliasEvent:
                self._report("FL005", f"alias '*{event.anchor}' is not allowed; write the value out in full", line, column)
                node = Invalid(line, column)
            else:  # pragma: no cover - the parser yields only these inside a document
                raise yaml.YAMLError(f"unexpected {kind.__name__}")
            if not stack:
                return node
            frame = stack[-1]
            parent = frame[0]
            if parent.__class__ is Sequence:
                parent.items.append(node)
            elif frame[1] is None:
                frame[1] = node  # a key: its value comes next
            else:
                self._add_pair(parent, frame[1], node)
                frame[1] = None

    def _add_pair(self, mapping: Mapping, key: Node, value: Node) -> None:
        if key.__class__ is not Scalar:
            if key.__class__ is not Invalid:
                self._report("FL105", "a mapping key must be a plain text, not a list or mapping", key.line, key.column)
            return
        assert isinstance(key, Scalar)
        name = key.raw
        if name == "<<" and key.plain:
            self._report("FL005", "merge key '<<' is not allowed; write the fields out in full", key.line, key.column)
            return
        pairs = mapping.items
        if name in pairs:
            first = pairs[name][0]
            # The first is kept, and the second reported: no value is ever chosen silently.
            self._report("FL004", f"duplicate key '{name}' (first at line {first.line}, column {first.column}); "
                                  "YAML would silently keep only one of the two values", key.line, key.column)
            return
        pairs[name] = (key, value)


# What libyaml's wording usually means, in the words of someone editing a ledger.
_YAML_HINTS = (
    ("tab character", ": indent with spaces, not tabs"),
    ("did not find expected key", ": this line's indentation does not line up with the lines above it "
                                  "(or a ':' is missing)"),
    ("mapping values are not allowed here", ": a ':' inside a value; put the value in quotes"),
    ("found unexpected end of stream", ": a quote or bracket is not closed"),
    ("could not find expected ':'", ": a key without ':', or a quote not closed on the line above"),
)


def position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in characters) of ``offset`` in ``text``."""
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def decode(data: bytes, display: str) -> tuple[str | None, Diagnostic | None]:
    """Decode a file's bytes as UTF-8 (BOM tolerated); on failure, a located FL002."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        # Columns count characters, so decode what precedes the bad byte (it is valid up to there).
        before = data[: exc.start].decode("utf-8", errors="replace")
        line, column = position(before, len(before))
        hint = ""
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            hint = " (it looks like UTF-16)"
        return None, make(
            "FL002",
            f"file is not UTF-8{hint}: byte 0x{data[exc.start]:02x} cannot be decoded; re-save it as UTF-8",
            Location(display, line, column),
        )


def load_file(path: Path, display: str) -> LoadedFile:
    """Read and compose one YAML file. Never raises for bad input: problems are in ``diagnostics``."""
    loaded = LoadedFile(path, display, None)
    try:
        # Only regular files: a FIFO would block forever, a device (/dev/zero) never end.
        if not stat.S_ISREG(path.stat().st_mode):
            loaded.diagnostics.append(make("FL003", "not a regular file (a pipe, device or socket); not read",
                                           Location(display)))
            return loaded
        data = path.read_bytes()
    except OSError as exc:
        loaded.diagnostics.append(make("FL003", f"cannot read file: {exc.strerror or exc}", Location(display)))
        return loaded
    text, problem = decode(data, display)
    if problem is not None:
        loaded.diagnostics.append(problem)
        return loaded
    assert text is not None
    if "\x00" in text:
        # libyaml stops at a NUL; report it as the YAML error it is rather than read half a file.
        loaded.diagnostics.append(make(
            "FL001", "the file contains a NUL character; is it a binary file?",
            Location(display, *position(text, text.index("\x00")))))
        return loaded
    # A double-quoted scalar can spell a control character as an escape ("\e"), hence the backslash.
    loaded.has_control_characters = "\\" in text or find_control_character(text) is not None
    found: list[Diagnostic] = []
    try:
        loaded.root = _Composer(text, display, found).compose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
        hint = next((h for words, h in _YAML_HINTS if words in what), "")
        if exc.context_mark is not None and mark is not None and exc.context_mark.line != mark.line:
            what += f" (in what starts at line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1})"
        what += hint
        where = Location(display, mark.line + 1, mark.column + 1) if mark else Location(display)
        found.append(make("FL001", f"invalid YAML: {what}", where))
        loaded.root = None
    except yaml.reader.ReaderError as exc:
        line, column = position(text, exc.position)
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        found.append(make("FL001", f"invalid YAML: the character U+{ord(char):04X} is not allowed in YAML text",
                          Location(display, line, column)))
        loaded.root = None
    except yaml.YAMLError as exc:
        found.append(make("FL001", f"invalid YAML: {exc}", Location(display)))
        loaded.root = None
    loaded.diagnostics.extend(found)
    return loaded


def discover(data_dir: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Every ``*.yaml``/``*.yml`` file below ``data_dir``, sorted, skipping hidden files and folders.

    Linked folders are not followed, so a link cannot loop or pull in a tree from elsewhere; a
    linked file must resolve inside the data directory. A folder that cannot be listed, or a
    link that leads outside, is reported (FL003) rather than skipped in silence.
    """
    found: list[Path] = []
    problems: list[Diagnostic] = []
    root = data_dir.resolve()

    def unreadable(error: OSError) -> None:
        where = display_path(data_dir, Path(error.filename)) if error.filename else str(data_dir)
        problems.append(make("FL003", f"cannot list folder: {error.strerror or error}", Location(where)))

    for folder, dirs, files in os.walk(data_dir, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith(".") or not name.endswith((".yaml", ".yml")):
                continue
            path = Path(folder) / name
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                problems.append(make("FL003", "a link to a file outside the data directory; not read",
                                     Location(display_path(data_dir, path))))
                continue
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(data_dir).as_posix()), problems


def display_path(data_dir: Path, path: Path) -> str:
    """The path a user can open from where they ran the command: the data dir as given, plus the file.

    A file name that is not valid UTF-8 is shown with its bad bytes escaped, so it can always be printed.
    """
    shown = (data_dir / path.relative_to(data_dir)).as_posix()
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
