"""An imported file as lines: its sections, each entry's lines, each field's lines, and what an import
recorded about the entry it wrote.

An import records what it owns in a comment on the line above each entry it writes::

    # factledger import 1a2b3c4d; id=9c0d1e2f claim=3a4b5c6d verdict=7e8f9a0b ...

the feed it came from (a digest of the feed's name) and a digest of what each field means as written:
its value as YAML 1.2 reads it (:func:`meaning`). A field whose value still has its digest is the
import's to update; one whose value changed (or that was removed) is a person's, and is never touched
again. An entry that is only the fields the import wrote, each with its digest, nothing between them,
is the import's to remove (``--prune``). Digests are of the value, not of its layout, so that
``factledger fmt`` laying the file out (indentation, quotes, flow style, key order) is not an edit, and
re-importing after it neither reports edits nobody made nor mixes old values with new. (Files an import
wrote before recorded digests of each field's text, relative to its indentation: those still count.)
A comment, not a field: it is no
part of the data (exports, checks and the schema never see it), and deleting it gives the entry to the
person. Digests, not values: the comment stays one line, and a person's words are never copied into it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from factledger.model.identity import fingerprint
from factledger.parse.spans import Span, read_spans
from factledger.parse.yaml12 import resolve_plain

MARK = "# factledger import "
_RECORD = re.compile(r"# factledger import ([0-9a-f]{8});((?: [a-z_]+=[0-9a-f]{8})*)\s*")


def digest(text: str) -> str:
    """The digest an earlier import recorded of a field's text (still honoured: see the module's doc)."""
    return fingerprint(("import", text))


def meaning(name: str, value: Any) -> str:
    """The digest of what the field ``name`` holding ``value`` (plain data) means, whatever its layout."""
    canonical = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return fingerprint(("import-value", name, canonical))


def value_of(span: Span | None) -> Any:
    """A node as plain data, as the loader reads it (YAML 1.2 core schema)."""
    if span is None:
        return None
    if span.marked or span.kind == "alias":  # the loader refuses these: never equal to what an import wrote
        return {"\u0000refused": span.value}
    if span.kind == "scalar":
        return resolve_plain(span.value) if span.plain else span.value
    if span.kind == "mapping":
        return {key.value: value_of(value) for key, value in span.pairs}
    return [value_of(item) for item in span.items]


def feed_key(feed: str) -> str:
    """The feed's name as it is recorded: a digest, so that no character of a name can reach the file."""
    return fingerprint(("feed", feed))


@dataclass(frozen=True)
class Record:
    feed: str
    fields: dict[str, str]  # field name → the digest of its value (of its text, in older files)

    def line(self, indent: int) -> str:
        owned = "".join(f" {name}={value}" for name, value in self.fields.items())
        return f"{' ' * indent}{MARK}{self.feed};{owned}"


def parse_record(line: str) -> Record | None:
    found = _RECORD.fullmatch(line.strip())
    if found is None:
        return None
    fields = dict(part.split("=") for part in found.group(2).split())
    return Record(found.group(1), fields)


@dataclass
class Field:
    name: str
    first: int  # 0-based lines, inclusive
    last: int
    column: int
    value: Span | None = None
    commented: bool = False  # a comment on its lines: a person's words, which an import never writes

    def text(self, lines: list[str]) -> str:
        return dedented(lines, self.first, self.last, self.column)

    def meaning(self) -> str:
        return meaning(self.name, value_of(self.value))

    def recorded(self, lines: list[str], record: Record) -> bool:
        """Whether the field is still as the import that made ``record`` wrote it (what it means, or, for a
        record an older import wrote, its text)."""
        was = record.fields.get(self.name)
        if was is None:
            return False
        return was == digest(self.text(lines)) or not self.commented and was == self.meaning()


@dataclass
class Entry:
    id: str | None
    first: int  # the line of its "-"
    last: int
    dash: int  # the column of its "-"
    fields: list[Field] = field(default_factory=list)
    record: Record | None = None
    record_line: int | None = None
    regular: bool = True  # a block mapping with each field on lines of its own, as an import writes it

    def text(self, lines: list[str]) -> str:
        return dedented(lines, self.first, self.last, self.dash)

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


@dataclass
class Section:
    name: str
    line: int  # the line of its key
    value: Span
    entries: list[Entry] = field(default_factory=list)

    @property
    def is_list(self) -> bool:
        return self.value.kind == "sequence" and not self.value.flow


def dedented(lines: list[str], first: int, last: int, column: int) -> str:
    """Lines ``first`` to ``last`` with ``column`` characters of indentation taken off (the first line's
    from where its text starts); a line indented less keeps its own, so the text differs, as it should."""
    out = [lines[first][column:].removesuffix("\r")]
    for line in lines[first + 1:last + 1]:
        out.append((line[column:] if line[:column].strip() == "" else line).removesuffix("\r"))
    return "\n".join(out)


def read(text: str) -> list[Section]:
    """The sections of an imported file and their entries (raises yaml.YAMLError on text that is not YAML)."""
    spans = read_spans(text)
    root = spans.root
    if root is None or root.kind != "mapping":
        return []
    lines = text.split("\n")
    commented = {comment.line - 1 for comment in spans.comments}
    sections = []
    for key, value in root.pairs:
        section = Section(key.value, key.line - 1, value)
        if section.is_list:
            after = key.line - 1
            for item in value.items:
                entry = _entry(item, lines, after, commented)
                section.entries.append(entry)
                after = entry.last
        sections.append(section)
    return sections


def _entry(item: Span, lines: list[str], after: int, commented: set[int]) -> Entry:
    """One item of a section's list: its lines, fields and record (``after``: the line before it may start)."""
    line, column = item.line - 1, item.column - 1  # 0-based, as the lines are indexed
    before = lines[line][:column]
    if before.rstrip().endswith("-") and before.rstrip()[:-1].strip() == "":
        first, dash = line, len(before.rstrip()) - 1
    elif before.strip() == "" and line > 0 and lines[line - 1].strip() == "-":
        first, dash = line - 1, lines[line - 1].index("-")
    else:  # the "-" is not where an import puts it (a comment after it): the entry is left as it is
        return Entry(None, line, item.end_line - 1, column, regular=False)
    entry = Entry(None, first, item.end_line - 1, dash)
    if item.kind == "mapping" and not item.flow:
        for key, value in item.pairs:
            if key.kind != "scalar":
                entry.regular = False
                continue
            k_line, k_column = key.line - 1, key.column - 1
            own_line = lines[k_line][:k_column].strip() in ("", "-") and k_line >= first
            entry.regular = entry.regular and own_line
            last = value.end_line - 1
            entry.fields.append(Field(key.value, k_line, last, k_column, value,
                                      any(line in commented for line in range(k_line, last + 1))))
            if key.value == "id" and value.kind == "scalar":
                entry.id = value.value
        columns = {f.column for f in entry.fields}
        entry.regular = entry.regular and len(columns) == 1
    else:
        entry.regular = False
    for number in range(first - 1, after, -1):  # the comments above it, nearest first
        stripped = lines[number].strip()
        if stripped and not stripped.startswith("#"):
            break
        if stripped.startswith(MARK) and (record := parse_record(stripped)) is not None:
            entry.record, entry.record_line = record, number
            break
    return entry
