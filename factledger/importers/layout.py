"""An imported file as lines: its sections, each entry's lines, each field's lines, and what an import
recorded about the entry it wrote.

An import records what it owns in a comment on the line above each entry it writes::

    # factledger import 1a2b3c4d; id=9c0d1e2f claim=3a4b5c6d verdict=7e8f9a0b ...

the feed it came from (a digest of the feed's name) and a digest of each field's text as written. A
field whose text still has its digest is the import's to update; one whose text changed (or that was
removed) is a person's, and is never touched again. An entry that is only the fields the import
wrote, each with its digest, nothing between them, is the import's to remove (``--prune``). Digests
are of the text, so any edit counts, a comment inside a field or after its value included; they are
taken relative to the field's indentation (and without a line's carriage return), so indenting a whole
entry differently or saving with other line endings is not an edit. A comment, not a field: it is no
part of the data (exports, checks and the schema never see it), and deleting it gives the entry to the
person. Digests, not values: the comment stays one line, and a person's words are never copied into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factledger.model.identity import fingerprint
from factledger.parse.spans import Span, read_spans

MARK = "# factledger import "
_RECORD = re.compile(r"# factledger import ([0-9a-f]{8});((?: [a-z_]+=[0-9a-f]{8})*)\s*")


def digest(text: str) -> str:
    return fingerprint(("import", text))


def feed_key(feed: str) -> str:
    """The feed's name as it is recorded: a digest, so that no character of a name can reach the file."""
    return fingerprint(("feed", feed))


@dataclass(frozen=True)
class Record:
    feed: str
    fields: dict[str, str]  # field name → the digest of its text

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

    def text(self, lines: list[str]) -> str:
        return dedented(lines, self.first, self.last, self.column)


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
    root = read_spans(text).root
    if root is None or root.kind != "mapping":
        return []
    lines = text.split("\n")
    sections = []
    for key, value in root.pairs:
        section = Section(key.value, key.line - 1, value)
        if section.is_list:
            after = key.line - 1
            for item in value.items:
                entry = _entry(item, lines, after)
                section.entries.append(entry)
                after = entry.last
        sections.append(section)
    return sections


def _entry(item: Span, lines: list[str], after: int) -> Entry:
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
            entry.fields.append(Field(key.value, k_line, value.end_line - 1, k_column))
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
