"""A YAML text → nodes that know where they start *and end*, how they were written, and the comments
between them: what editing a file needs (the loader's nodes know only where they start).

Read with the same parser as the loader (libyaml's events), and placed as the loader places them
(1-based line and column, in characters, mapped back to the file's real lines where it holds a raw
NEL, LS or PS), so that a location the loader reported finds its node here. Offsets are characters
into the decoded text. Nothing is resolved or checked here: the loader has done that.

Comments are found where only they can be: in the gaps between nodes (a gap holds white space,
indicators and comments; a ``#`` in it starts a comment), and after a block scalar's header.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from factledger.parse.yaml12 import AMBIGUOUS_BREAK, LineMap

_COMMENT = re.compile(r"#[^\r\n]*")
_BREAKS = re.compile(r"\r\n|\r|\n")


@dataclass(eq=False, slots=True)
class Span:
    """One node: ``kind`` is scalar, mapping, sequence or alias; ``start``/``end`` are offsets."""

    kind: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    value: str = ""  # a scalar's text as YAML reads it
    style: str = ""  # a scalar's: "" plain, "'", '"', "|", ">"
    flow: bool = False  # a collection written in flow style ([..] or {..})
    pairs: list[tuple[Span, Span]] = field(default_factory=list)
    items: list[Span] = field(default_factory=list)
    marked: bool = False  # has an anchor or a tag

    @property
    def plain(self) -> bool:
        return self.kind == "scalar" and self.style == ""

    def get(self, key: str) -> Span | None:
        """A mapping's value under the key written ``key`` (the first, if written twice)."""
        return next((value for k, value in self.pairs if k.kind == "scalar" and k.value == key), None)


@dataclass(frozen=True, slots=True)
class Comment:
    start: int
    end: int
    line: int
    column: int
    text: str  # from the '#' to the end of its line, trailing space removed
    own_line: bool  # nothing but space before it on its line


@dataclass
class Spans:
    """A file's one document: its root (None when empty), its comments, and why it cannot be edited
    by position (anchors and aliases, tags, several documents, a version directive), if it cannot."""

    text: str
    root: Span | None
    comments: list[Comment]
    refusals: list[str]
    line_starts: list[int]

    def position(self, offset: int) -> tuple[int, int]:
        """The real 1-based line and column of ``offset``."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def offset(self, line: int, column: int) -> int:
        """The offset of a real 1-based line and column."""
        return self.line_starts[line - 1] + column - 1

    def scalars_at(self) -> dict[tuple[int, int], Span]:
        """Every scalar by where it starts (a key or a value), as the loader locates it."""
        found: dict[tuple[int, int], Span] = {}
        for node in walk(self.root):
            if node.kind == "scalar":
                found.setdefault((node.line, node.column), node)
        return found


def walk(node: Span | None) -> list[Span]:
    """``node`` and everything under it, in document order (keys before their values)."""
    out: list[Span] = []
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        out.append(current)
        children = [n for pair in current.pairs for n in pair] if current.kind == "mapping" else current.items
        stack.extend(reversed(children))
    return out


def line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _BREAKS.finditer(text))]


def split_lines(text: str) -> list[str]:
    """``text``'s real lines (broken at \\n, \\r\\n and \\r only, as the loader and an editor count them), without
    their ends."""
    return list(_lines(text))


@functools.lru_cache(maxsize=8)
def _lines(text: str) -> tuple[str, ...]:
    # An editor's requests ask of the same file's text again and again (the language server: a cursor, a
    # hover, a completion): splitting it once per text, not once per question, keeps each answer quick.
    return tuple(_BREAKS.split(text))


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = LineMap(text) if AMBIGUOUS_BREAK.search(text) else None
        self.comments: list[Comment] = []
        self.refusals: list[str] = []
        self.starts = line_starts(text)
        self.covered = 0  # the offset up to which the text is accounted for (nodes and gaps read)

    def place(self, mark: Any) -> tuple[int, int]:
        if self.lines is not None:
            return self.lines(mark.line, mark.column)
        return mark.line + 1, mark.column + 1

    def gap(self, until: int) -> None:
        """Read the comments between what was accounted for and ``until``."""
        if until > self.covered:
            self._comments_in(self.covered, until)
            self.covered = until

    def _comments_in(self, start: int, end: int) -> None:
        for match in _COMMENT.finditer(self.text, start, end):
            at = match.start()
            index = bisect.bisect_right(self.starts, at) - 1
            before = self.text[self.starts[index]:at]
            self.comments.append(Comment(at, match.end(), index + 1, at - self.starts[index] + 1,
                                         match.group().rstrip(), not before.strip()))

    def scalar(self, event: Any) -> Span:
        start, end = event.start_mark.index, event.end_mark.index
        line, column = self.place(event.start_mark)
        style = event.style or ""
        end_line = self.place(event.end_mark)[0]
        if style in ("|", ">"):
            header_end = self.text.find("\n", start, end)
            self._comments_in(start, header_end if header_end >= 0 else end)
            # Its end mark is where the next line with content starts: its last line is that of its text.
            content_end = start + len(self.text[start:end].rstrip())
            end_line = bisect.bisect_right(self.starts, content_end - 1)
        return Span("scalar", start, end, line, column, end_line, event.value, style,
                    marked=event.anchor is not None or event.tag is not None)

    def read(self) -> Span | None:
        events = yaml.CSafeLoader(self.text)
        try:
            return self._document(events)
        finally:
            events.dispose()

    def _document(self, events: yaml.CSafeLoader) -> Span | None:
        # libyaml marks every event; a type checker knows only PyYAML's optional marks, so events are taken as
        # they come (as the loader's composer takes them).
        get_event: Callable[[], Any] = events.get_event
        get_event()  # stream start
        root: Span | None = None
        documents = 0
        stack: list[Span] = []
        keys: list[Span | None] = []
        while not events.check_event(yaml.StreamEndEvent):
            event = get_event()
            self.gap(event.start_mark.index)
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents == 2:
                    self.refusals.append("it holds more than one YAML document")
                if event.version is not None:
                    self.refusals.append("it declares a YAML version (%YAML)")
                continue
            node = self._node(event, stack, keys)
            self.covered = max(self.covered, event.end_mark.index)
            if node is None:
                continue
            if not stack:
                root = root or node
            elif stack[-1].kind == "sequence":
                stack[-1].items.append(node)
            elif keys[-1] is None:
                keys[-1] = node
            else:
                key = keys[-1]
                assert key is not None
                stack[-1].pairs.append((key, node))
                keys[-1] = None
        self.gap(len(self.text))
        return root

    def _node(self, event: Any, stack: list[Span], keys: list[Span | None]) -> Span | None:
        """The node ``event`` completes (None for a collection's start, or anything but a node)."""
        start: Any = event.start_mark  # libyaml marks every event (PyYAML's types say they may be missing)
        end: Any = event.end_mark
        if isinstance(event, ScalarEvent):
            node = self.scalar(event)
            if node.marked:
                self.refusals.append(f"it uses an anchor or a tag (line {node.line})")
            return node
        if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            line, column = self.place(start)
            kind = "mapping" if isinstance(event, MappingStartEvent) else "sequence"
            opened = Span(kind, start.index, end.index, line, column, line,
                          flow=bool(event.flow_style), marked=event.anchor is not None or event.tag is not None)
            if opened.marked:
                self.refusals.append(f"it uses an anchor or a tag (line {line})")
            stack.append(opened)
            keys.append(None)
            return None
        if isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            closed = stack.pop()
            keys.pop()
            children = [n for pair in closed.pairs for n in pair] if closed.kind == "mapping" else closed.items
            last = max((c.end for c in children), default=closed.start)
            closed.end = max(end.index, last) if closed.flow else last
            closed.end_line = self.place(end)[0] if closed.flow else max(
                (c.end_line for c in children), default=closed.line)
            return closed
        if isinstance(event, AliasEvent):
            line, column = self.place(start)
            self.refusals.append(f"it uses an alias (line {line})")
            return Span("alias", start.index, end.index, line, column, line)
        return None  # document end


def read_spans(text: str) -> Spans:
    """The spans of ``text`` (decoded, without a byte-order mark). Raises yaml.YAMLError when it does not
    parse (the loader has reported why)."""
    reader = _Reader(text)
    root = reader.read()
    return Spans(text, root, reader.comments, reader.refusals, reader.starts)


def marked_comments(text: str, marker: str) -> list[Comment]:
    """The comments of ``text`` that hold ``marker`` (in lower case or in capitals, after its first letter):
    directives such as suppressions, read only from files that hold the marker at all (the test is a plain
    substring search, cheap beside parsing: most files hold no directive)."""
    if marker[1:] not in text and marker[1:].upper() not in text:
        return []
    try:
        found = read_spans(text).comments
    except yaml.YAMLError:
        return []  # the loader reports why the file does not parse
    return [c for c in found if marker.casefold() in c.text.casefold()]
