"""Files → YAML nodes that know where they came from.

This is the only module that parses YAML, so a faster parser or a cache can
replace it behind :func:`load_file` without touching anything downstream.

YAML is read strictly, because a silent misreading is lost data:

* duplicate keys are reported (PyYAML would keep the last one);
* scalars are resolved with the YAML 1.2 core schema, so ``NO``, ``yes`` and
  ``off`` stay text and only ``true``/``false`` are booleans;
* anchors, aliases, merge keys and explicit tags are rejected, never
  constructed;
* duplicate keys are found as YAML 1.2 reads them (``1`` and ``01``, ``true``
  and ``True``, ``~`` and ``null`` are the same key);
* files must be UTF-8 (a BOM is tolerated) and no larger than the size limit
  (:func:`factledger.system.fs.max_file_size`).

Entries of the top-level lists can be handed to a *sink* as each one is complete
(:func:`load_file`'s ``sink``), so that a file's whole node tree never exists at
once: memory while composing is proportional to the largest entry, not the file.

Only libyaml's parser is used: PyYAML's pure-Python one disagrees with it on
parts of the YAML test suite, and whether a file validates must not depend on
how PyYAML was built (:class:`ParserUnavailable` says how to fix the install).

Every problem becomes a :class:`~factledger.problems.diagnostics.Diagnostic`; no
exception escapes for any input file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from factledger.parse.libyaml import UNAVAILABLE, ParserUnavailable
from factledger.parse.nodes import Invalid, LoadedFile, Mapping, Node, Scalar, Sequence, Sink
from factledger.parse.spans import marked_comments
from factledger.parse.yaml12 import AMBIGUOUS_BREAK, BREAK_NAMES, LineMap, key_name
from factledger.problems.diagnostics import Diagnostic, Location, make
from factledger.system import fs
from factledger.text.escapes import clip, may_hold_unsafe_characters

_EventSource: type[yaml.CSafeLoader] | None
try:
    from yaml import CSafeLoader as _EventSource
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _EventSource = None


DIRECTIVE_MARKER = "factledger:"  # what a comment addressed to factledger holds (# factledger: ignore[FL115])


def require_parser() -> None:
    """Raise :class:`~.libyaml.ParserUnavailable` unless libyaml's parser can be used."""
    if _EventSource is None:
        raise ParserUnavailable(UNAVAILABLE)


class _Composer:
    """Builds our nodes from parser events, reporting what strict reading refuses.

    Iterative rather than recursive, so that no nesting depth can exhaust the stack, and
    because it is the innermost loop of loading a large ledger.
    """

    def __init__(self, text: str, display: str, diagnostics: list[Diagnostic], sink: Sink | None = None,
                 lines: LineMap | None = None) -> None:
        assert _EventSource is not None, "call require_parser() first"
        self._events = _EventSource(text)
        self._display = display
        self._diagnostics = diagnostics
        self._sink = sink
        self._lines = lines

    def _report(self, code: str, message: str, line: int, column: int) -> None:
        self._diagnostics.append(make(code, message, Location(self._display, line, column)))

    def compose(self) -> Node | None:
        events = self._events
        try:
            events.get_event()  # stream start
            if events.check_event(yaml.StreamEndEvent):
                return None
            start = events.get_event()  # document start
            assert isinstance(start, yaml.DocumentStartEvent) and start.start_mark is not None  # libyaml's order
            if start.version is not None and tuple(start.version) != (1, 2):
                # A file that says it is YAML 1.1 asks for NO, yes and on to be booleans: it would
                # mean one thing to its author and another to factledger, which reads YAML 1.2.
                line, column = (self._lines(start.start_mark.line, 0) if self._lines
                                else (start.start_mark.line + 1, 1))
                self._report("FL012", f"the file declares YAML {'.'.join(map(str, start.version))} (%YAML "
                                      "directive); factledger reads YAML 1.2, where values such as NO, yes "
                                      "and on are text: remove the directive, or write %YAML 1.2", line, column)
            root = self._document()
            events.get_event()  # document end
            if events.check_event(yaml.DocumentStartEvent):
                # The first document is still read, so its own problems are reported too.
                following = events.peek_event()
                assert following is not None and following.start_mark is not None  # libyaml marks every event
                mark = following.start_mark
                line, column = self._lines(mark.line, mark.column) if self._lines else (mark.line + 1, mark.column + 1)
                self._report("FL008", "a second YAML document starts here ('---'); a ledger file holds one "
                                      "document, and what follows is not read", line, column)
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
        # Events are told apart by their exact class (``kind is ...``: the cheapest test, in the innermost
        # loop of loading), which a type checker cannot narrow on; so an event is taken as it comes.
        get_event: Callable[[], Any] = self._events.get_event
        # Each open collection: [node, key waiting for its value (mappings only)].
        stack: list[list[Any]] = []
        sink = self._sink
        streaming: list[Any] | None = None  # the frame of the top-level list being streamed
        stream_key: Scalar | None = None
        streamed = 0
        remap = self._lines
        while True:
            event = get_event()
            kind = event.__class__
            mark = event.start_mark
            line, column = remap(mark.line, mark.column) if remap else (mark.line + 1, mark.column + 1)
            if kind is ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    self._refused(event, line, column)
                node: Node = Scalar(event.value, line, column, event.implicit[0] and event.tag is None)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None or event.tag is not None:
                    self._refused(event, line, column)
                opened = Mapping({}, line, column) if kind is MappingStartEvent else Sequence([], line, column)
                frame: list[Any] = [opened, None]
                if (sink is not None and isinstance(opened, Sequence) and len(stack) == 1
                        and stack[0][0].__class__ is Mapping and stack[0][1].__class__ is Scalar
                        and key_name(stack[0][1].raw, stack[0][1].plain) not in stack[0][0].items):
                    # A section's list: its entries go to the sink one by one (a repeated section
                    # is kept here instead, so that FL004 can refuse it as a duplicate).
                    opened.streamed = True
                    streaming, stream_key, streamed = frame, stack[0][1], 0
                stack.append(frame)
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                node = stack.pop()[0]
            elif kind is AliasEvent:
                self._report("FL005", f"alias '*{event.anchor}' is not allowed; write the value out in full",
                             line, column)
                node = Invalid(line, column)
            else:  # pragma: no cover - the parser yields only these inside a document
                raise yaml.YAMLError(f"unexpected {kind.__name__}")
            if not stack:
                return node
            frame = stack[-1]
            parent = frame[0]
            if frame is streaming:
                assert sink is not None and stream_key is not None  # both set when streaming began
                sink(stream_key, streamed, node)
                streamed += 1
            elif parent.__class__ is Sequence:
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
        if key.raw == "<<" and key.plain:
            self._report("FL005", "merge key '<<' is not allowed; write the fields out in full", key.line, key.column)
            return
        name = key_name(key.raw, key.plain)
        pairs = mapping.items
        if name in pairs:
            first = pairs[name][0]
            same = ("" if first.raw == key.raw
                    else f" ('{clip(first.raw)}' and '{clip(key.raw)}' are the same key in YAML)")
            # The first is kept, and the second reported: no value is ever chosen silently.
            self._report("FL004", f"duplicate key '{clip(key.raw)}' (first at line {first.line}, column "
                                  f"{first.column}){same}; YAML would silently keep only one of the two values",
                         key.line, key.column)
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


def _tab(text: str, at: tuple[int, int] | None) -> str | None:
    """What to say when the character at ``at`` (1-based line and column) is a tab, else None."""
    if at is None or "\t" not in text:
        return None
    start = 0
    for _ in range(at[0] - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return None
    offset = start + at[1] - 1
    if text[offset:offset + 1] != "\t":
        return None
    if not text[start:offset].strip(" \t"):
        return "a tab in the indentation: YAML indents with spaces only; replace the tab with spaces"
    return "a tab where YAML does not allow one; replace it with a space"


def _ambiguous_line_breaks(lines: LineMap, display: str) -> list[Diagnostic]:
    """FL011 for each raw NEL, LS or PS."""
    return [make("FL011", f"raw {BREAK_NAMES[char]}: YAML 1.1 readers break the line here and YAML 1.2 readers "
                          "do not, so the file reads differently in different tools; remove it, or write it as an "
                          "escape inside double quotes", Location(display, line, column))
            for char, line, column in lines.breaks]


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


def load_file(path: Path, display: str, limit: int = fs.DEFAULT_MAX_FILE_SIZE) -> LoadedFile:
    """Read and compose one YAML file. Never raises for bad input: problems are in ``diagnostics``."""
    return read_into(LoadedFile(path, display, None), limit)


def read_into(loaded: LoadedFile, limit: int = fs.DEFAULT_MAX_FILE_SIZE, sink: Sink | None = None) -> LoadedFile:
    """Read and compose ``loaded.path`` into ``loaded`` (see :func:`load_file`).

    With ``sink``, each entry of a top-level list is passed to it as soon as it is composed and is
    not kept in the tree (its list is marked ``streamed``); if the file then turns out not to
    parse to its end, ``parsed`` stays false and the caller discards what the sink was given.
    """
    try:
        data = fs.read_file(loaded.path, limit)
    except fs.FileProblem as exc:
        code = "FL010" if exc.too_large else "FL003"
        loaded.diagnostics.append(make(code, f"cannot read file: {exc}", Location(loaded.display)))
        return loaded
    return load_bytes(data, loaded, sink)


def load_bytes(data: bytes, loaded: LoadedFile, sink: Sink | None = None) -> LoadedFile:
    """Compose ``data`` into ``loaded``; see :func:`read_into`."""
    display = loaded.display
    text, problem = decode(data, display)
    del data
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
    loaded.has_control_characters = may_hold_unsafe_characters(text)
    found: list[Diagnostic] = []
    lines = LineMap(text) if loaded.has_control_characters and AMBIGUOUS_BREAK.search(text) else None
    if lines is not None:
        found.extend(_ambiguous_line_breaks(lines, display))
    try:
        loaded.root = _Composer(text, display, found, sink, lines).compose()
        loaded.parsed = True
        # Comments are not in the parser's events; the few files that hold a directive are read for them.
        loaded.directives = marked_comments(text, DIRECTIVE_MARKER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
        hint = next((h for words, h in _YAML_HINTS if words in what), "")
        if exc.context_mark is not None and mark is not None and exc.context_mark.line != mark.line:
            start = (lines(exc.context_mark.line, exc.context_mark.column) if lines
                     else (exc.context_mark.line + 1, exc.context_mark.column + 1))
            what += f" (in what starts at line {start[0]}, column {start[1]})"
        what += hint
        at = (lines(mark.line, mark.column) if lines else (mark.line + 1, mark.column + 1)) if mark else None
        what = _tab(text, at) or what  # libyaml's words for a tab never name it
        where = Location(display, *at) if at else Location(display)
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
