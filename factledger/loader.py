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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import yaml

from factledger.diagnostics import Diagnostic, Location, make

try:  # libyaml's event parser is several times faster; the pure-Python one gives the same events.
    from yaml import CSafeLoader as _EventSource
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _EventSource  # type: ignore[assignment]


@dataclass(slots=True)
class Scalar:
    """A scalar as written (``raw``) and as resolved by the YAML 1.2 core schema (``value``)."""

    raw: str
    value: Any
    line: int
    column: int
    plain: bool


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


def resolve_plain(text: str) -> Any:
    """Resolve a plain (unquoted, untagged) scalar by the YAML 1.2 core schema."""
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
    """Builds our nodes from parser events, reporting what strict reading refuses."""

    def __init__(self, text: str, display: str, diagnostics: list[Diagnostic]) -> None:
        self._events = _EventSource(text)
        self._display = display
        self._diagnostics = diagnostics

    def _report(self, code: str, message: str, mark: Any) -> None:
        self._diagnostics.append(make(code, message, Location(self._display, mark.line + 1, mark.column + 1)))

    def compose(self) -> Node | None:
        events = self._events
        try:
            events.get_event()  # stream start
            if events.check_event(yaml.StreamEndEvent):
                return None
            events.get_event()  # document start
            if events.check_event(yaml.DocumentEndEvent):  # pragma: no cover - libyaml always yields a node
                root = None
            else:
                root = self._node()
            events.get_event()  # document end
            if events.check_event(yaml.DocumentStartEvent):
                self._report(
                    "FL008",
                    "a second YAML document starts here ('---'); only one document per file is read",
                    events.peek_event().start_mark,
                )
                return None
            return root
        finally:
            events.dispose()

    def _check_event_extras(self, event: Any) -> None:
        if getattr(event, "anchor", None) is not None:
            self._report("FL005", f"anchor '&{event.anchor}' is not allowed; write the value out in full", event.start_mark)
        tag = getattr(event, "tag", None)
        if tag is not None:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self._report("FL006", f"explicit tag '{shown}' is not allowed; remove it (quote the value to make it text)", event.start_mark)

    def _node(self) -> Node:
        event = self._events.get_event()
        mark = event.start_mark
        line, column = mark.line + 1, mark.column + 1
        if isinstance(event, yaml.AliasEvent):
            self._report("FL005", f"alias '*{event.anchor}' is not allowed; write the value out in full", mark)
            return Invalid(line, column)
        self._check_event_extras(event)
        if isinstance(event, yaml.ScalarEvent):
            plain = bool(event.implicit[0]) and event.tag is None
            value = resolve_plain(event.value) if plain else event.value
            return Scalar(event.value, value, line, column, plain)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Node] = []
            while not self._events.check_event(yaml.SequenceEndEvent):
                items.append(self._node())
            self._events.get_event()
            return Sequence(items, line, column)
        # Mapping start: the only other event a node can begin with.
        pairs: dict[str, tuple[Scalar, Node]] = {}
        while not self._events.check_event(yaml.MappingEndEvent):
            key = self._node()
            value = self._node()
            if not isinstance(key, Scalar):
                if not isinstance(key, Invalid):
                    self._diagnostics.append(make(
                        "FL105", "a mapping key must be a plain text, not a list or mapping",
                        Location(self._display, key.line, key.column)))
                continue
            if key.plain and key.raw == "<<":
                self._diagnostics.append(make(
                    "FL005", "merge key '<<' is not allowed; write the fields out in full",
                    Location(self._display, key.line, key.column)))
                continue
            name = key.raw
            if name in pairs:
                first = pairs[name][0]
                self._diagnostics.append(make(
                    "FL004",
                    f"duplicate key '{name}' (first at line {first.line}, column {first.column}); "
                    "YAML would silently keep only one of the two values",
                    Location(self._display, key.line, key.column)))
                continue  # keep the first, and say so: neither value is silently chosen without a diagnostic
            pairs[name] = (key, value)
        self._events.get_event()
        return Mapping(pairs, line, column)


def decode(data: bytes, display: str) -> tuple[str | None, Diagnostic | None]:
    """Decode a file's bytes as UTF-8 (BOM tolerated); on failure, a located FL002."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
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
        before = text[: text.index("\x00")]
        loaded.diagnostics.append(make(
            "FL001", "the file contains a NUL character; is it a binary file?",
            Location(display, before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1)))
        return loaded
    found: list[Diagnostic] = []
    try:
        loaded.root = _Composer(text, display, found).compose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
        if exc.context_mark is not None and mark is not None and exc.context_mark.line != mark.line:
            what += f" (it started at line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1})"
        where = Location(display, mark.line + 1, mark.column + 1) if mark else Location(display)
        found.append(make("FL001", f"invalid YAML: {what}", where))
        loaded.root = None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line, column = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        found.append(make("FL001", f"invalid YAML: the character U+{ord(char):04X} is not allowed in YAML text",
                          Location(display, line, column)))
        loaded.root = None
    except yaml.YAMLError as exc:
        found.append(make("FL001", f"invalid YAML: {exc}", Location(display)))
        loaded.root = None
    except RecursionError:
        found.append(make("FL001", "the YAML is nested too deeply to be a ledger", Location(display)))
        loaded.root = None
    loaded.diagnostics.extend(found)
    return loaded


def discover(data_dir: Path) -> list[Path]:
    """Every ``*.yaml``/``*.yml`` file below ``data_dir``, sorted, skipping hidden files and folders.

    Linked folders are not followed, so a link cannot pull in (or loop through) files elsewhere.
    """
    found: list[Path] = []
    for folder, dirs, files in os.walk(data_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith(".") or not name.endswith((".yaml", ".yml")):
                continue
            found.append(Path(folder) / name)
    return sorted(found, key=lambda p: p.relative_to(data_dir).as_posix())


def display_path(data_dir: Path, path: Path) -> str:
    """The path a user can open from where they ran the command: the data dir as given, plus the file."""
    return (data_dir / path.relative_to(data_dir)).as_posix()
