"""An import merged into the file it writes, by exact edits of its lines (see :mod:`.layout` for what an
import records about the entries it wrote).

* An entry the feed produces that the file does not hold is added at the end of its section.
* One the file holds, written by an earlier import of the same feed, is updated field by field: a field
  whose text is still the import's is replaced with the feed's (or removed, if the feed no longer gives
  it); a field a person changed or removed, and a field a person added, are kept, and reported when the
  feed says something else. Nothing else in the entry (comments, blank lines) is touched.
* Every other entry, and every other line (comments, other feeds' entries, a person's entries), is kept
  byte for byte. Only with ``prune`` is an entry removed: one an earlier import of this feed wrote that
  the feed no longer produces, still exactly as written, and that nothing left refers to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from factledger.formats.yamlout import to_yaml  # the writer itself: called for every field
from factledger.importers.layout import Entry, Record, Section, meaning, read
from factledger.model.ids import fold
from factledger.problems.errors import UsageError

SECTIONS = ("sources", "documents", "claims", "reviews")
_KIND = {"sources": "source", "documents": "document", "claims": "claim", "reviews": "review"}


@dataclass
class Merged:
    text: str
    added: dict[str, int] = field(default_factory=dict)  # section → entries added
    updated: int = 0  # entries with a field the import changed
    kept: list[str] = field(default_factory=list)  # a person's edits kept where the feed says otherwise
    pruned: int = 0
    unchanged: bool = False


def field_text(name: str, value: Any) -> str:
    """A field as the import writes it, at no indentation (its digest is recorded)."""
    return to_yaml({name: value}).rstrip("\n")


def entry_lines(entry: dict[str, Any], feed: str, dash: int) -> list[str]:
    """An entry as the import writes it, with the comment that records it, its "-" at column ``dash``."""
    written = to_yaml([entry]).rstrip("\n").split("\n")  # "- id: x", then each field at column 2
    record = Record(feed, {name: meaning(name, value) for name, value in entry.items()})
    pad = " " * dash
    return [record.line(dash), *(pad + line for line in written)]


def write_new(header: str, produced: dict[str, list[dict[str, Any]]], feed: str) -> str:
    """A new file: the header, then each section the import produced."""
    lines = [header.rstrip("\n")]
    for section in SECTIONS:
        if produced.get(section):
            lines.append(f"{section}:")
            for entry in produced[section]:
                lines.extend(entry_lines(entry, feed, 0))
    return "\n".join(lines) + "\n"


class _Edits:
    """Line edits against the original text: replace lines [start, end) with new ones, applied at once."""

    def __init__(self, lines: list[str], newline: str) -> None:
        self.lines = lines
        self.cr = newline.removesuffix("\n")  # "\r" in a file written with CRLF line endings
        self.changes: list[tuple[int, int, int, list[str]]] = []

    def replace(self, start: int, end: int, new: list[str], ending: bool = True) -> None:
        """Lines [start, end) become ``new`` (each given the file's line ending, unless ``ending`` is false)."""
        self.changes.append((start, end, len(self.changes), [line + self.cr if ending else line for line in new]))

    def apply(self) -> str:
        lines = list(self.lines)
        # From the end, so that earlier line numbers stay right; of two insertions at one line, the one
        # asked for first ends up first.
        for start, end, _, new in sorted(self.changes, reverse=True):
            lines[start:end] = new
        return "\n".join(lines)


def merge(text: str, produced: dict[str, list[dict[str, Any]]], feed: str, prune: bool,
          referenced: Callable[[set[tuple[str, str]]], set[tuple[str, str]]], where: str) -> Merged:
    """``produced`` (section → entries, in the import's order) merged into ``text``, the file at ``where``.
    ``referenced`` gives the (kind, folded id) that entries other than the given ones refer to (the whole
    ledger's): what is still referred to is never pruned."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split("\n")
    sections = {s.name: s for s in read(text)}
    edits = _Edits(lines, newline)
    result = Merged(text)
    # Sections the file lacks go at its end, after what is added to the sections it has: added in the same
    # pass, a new section would land between the file's last section and that section's new entries.
    added: list[tuple[str, list[dict[str, Any]]]] = []
    for name in SECTIONS:
        section = sections.get(name)
        held = {fold(_KIND[name], e.id): e for e in section.entries if e.id} if section else {}
        new = []
        for entry in produced.get(name, []):
            found = held.get(fold(_KIND[name], str(entry["id"])))
            if found is None:
                new.append(entry)
            elif found.record is not None and found.record.feed == feed:
                _update(found, entry, edits, result, f"{_KIND[name]} '{entry['id']}'")
            # else: a person's entry, or another feed's, with this id: the importer reused it, as it is
        if new:
            if section is None:
                added.append((name, new))
            else:
                _add(name, section, new, feed, edits, lines, where)
            result.added[name] = len(new)
    for name, new in added:
        _add(name, None, new, feed, edits, lines, where)
    if prune:
        _prune(sections, produced, feed, referenced, edits, result)
    if not edits.changes:
        result.unchanged = True
        return result
    result.text = edits.apply()
    return result


def _update(entry: Entry, produced: dict[str, Any], edits: _Edits, result: Merged, what: str) -> None:
    assert entry.record is not None
    lines = edits.lines
    # What each field the feed gives means, compared with what the file's says: never their layout, which
    # fmt (or a person) may have changed without changing what they say.
    wanted = {name: meaning(name, value) for name, value in produced.items()}
    if not entry.regular:  # not laid out as an import writes: the person's, whole
        written = {f.name: f.meaning() for f in entry.fields}
        if any(written.get(name) != new for name, new in wanted.items()):
            result.kept.append(f"{what}: kept as written by hand (its layout is not the import's)")
        return
    recorded, record = entry.record.fields, {}
    changed = False
    for name in dict.fromkeys([*(f.name for f in entry.fields), *wanted]):
        present = entry.field(name)
        now = present.meaning() if present is not None else None
        new, was = wanted.get(name), recorded.get(name)
        if present is not None and present.recorded(lines, entry.record):  # the import's, as it wrote it
            if new is None and present.first != entry.first:
                edits.replace(present.first, present.last + 1, [])  # the feed no longer gives it
                changed = True
            elif new is not None:
                # Unchanged: the digest stays as recorded (one an older import took of the text too), so
                # that importing the same feed again leaves the file byte for byte.
                record[name] = new if new != now else recorded[name]
                if new != now:
                    column = present.column
                    edits.replace(present.first, present.last + 1,
                                  [(" " * column if i else lines[present.first][:column]) + line
                                   for i, line in enumerate(field_text(name, produced[name]).split("\n"))])
                    changed = True
            else:
                record[name] = recorded[name]
        elif was is not None:  # the import wrote it; a person changed or removed it since
            record[name] = was
            if new is not None and new != now:
                result.kept.append(f"{what}: kept the '{name}' a person {'removed' if now is None else 'edited'}")
        elif now is not None:  # a person's own field
            if new is not None and new != now:
                result.kept.append(f"{what}: kept the '{name}' a person wrote")
        elif new is not None:  # new from the feed
            column = entry.fields[0].column
            edits.replace(entry.last + 1, entry.last + 1,
                          [" " * column + line for line in field_text(name, produced[name]).split("\n")])
            record[name] = new
            changed = True
    if changed:
        result.updated += 1
    if record != recorded and entry.record_line is not None:
        line = lines[entry.record_line]
        edits.replace(entry.record_line, entry.record_line + 1,
                      [Record(entry.record.feed, record).line(len(line) - len(line.lstrip()))])


def _add(name: str, section: Section | None, entries: list[dict[str, Any]], feed: str, edits: _Edits,
         lines: list[str], where: str) -> None:
    """New entries at the end of their section (a new section at the end of the file)."""
    if section is None:
        added = [f"{name}:"] + [line for e in entries for line in entry_lines(e, feed, 0)]
        last = len(lines) - 1
        if lines[last] == "":  # the file ends with a line break: the section goes before the empty rest
            edits.replace(last, last, added)
        else:  # it does not: its last line gets one, and the section follows
            edits.replace(last, last + 1, [lines[last], *added])
            edits.replace(last + 1, last + 1, [""], ending=False)
        return
    if section.is_list:
        dash = section.entries[0].dash if section.entries else 0
        at = max(e.last for e in section.entries) + 1
        edits.replace(at, at, [line for e in entries for line in entry_lines(e, feed, dash)])
        return
    value = section.value
    empty = (value.plain and value.value in ("", "~", "null", "Null", "NULL")) or (
        value.kind in ("sequence", "mapping") and not value.items and not value.pairs)
    if not empty or value.line - 1 != section.line or value.end_line - 1 != section.line:
        raise UsageError(f"cannot add {name} to '{where}': its '{name}' (line {section.line + 1}) is not a list "
                         f"written one entry a line (- ...); write it so, or import into another file")
    line = lines[section.line]
    start = value.column - 1
    end = start + value.end - value.start  # on one line: offsets and columns advance together
    head = (line[:start] + line[end:]).rstrip("\r")
    edits.replace(section.line, section.line + 1,
                  [head, *(line for e in entries for line in entry_lines(e, feed, 0))])


def _prune(sections: dict[str, Section], produced: dict[str, list[dict[str, Any]]], feed: str,
           referenced: Callable[[set[tuple[str, str]]], set[tuple[str, str]]], edits: _Edits,
           result: Merged) -> None:
    lines = edits.lines
    made = {(_KIND[n], fold(_KIND[n], str(e["id"]))) for n in SECTIONS for e in produced.get(n, [])}
    candidates: dict[tuple[str, str], Entry] = {}
    for name in SECTIONS:
        section = sections.get(name)
        for entry in section.entries if section else []:
            key = (_KIND[name], fold(_KIND[name], entry.id or ""))
            if entry.record is None or entry.record.feed != feed or not entry.id or key in made:
                continue
            if _as_written(entry, lines):
                candidates[key] = entry
            else:
                result.kept.append(f"{key[0]} '{entry.id}' is no longer in the feed but a person edited it: "
                                   "kept (remove it by hand if it should go)")
    while candidates:  # what is still referred to by what stays is kept, until nothing changes
        still = referenced(set(candidates)) & set(candidates)
        if not still:
            break
        for key in still:
            result.kept.append(f"{key[0]} '{candidates.pop(key).id}' is no longer in the feed but is still "
                               "referred to: kept")
    for entry in candidates.values():
        edits.replace(entry.first, entry.last + 1, [])
        if entry.record_line is not None:
            edits.replace(entry.record_line, entry.record_line + 1, [])
        result.pruned += 1


def _as_written(entry: Entry, lines: list[str]) -> bool:
    """Whether the entry is exactly the fields an import wrote, each still as written, nothing between."""
    assert entry.record is not None
    fields = entry.fields
    if not entry.regular or not fields or {f.name for f in fields} != set(entry.record.fields):
        return False
    if fields[0].first != entry.first or fields[-1].last != entry.last:
        return False
    if any(b.first != a.last + 1 for a, b in zip(fields, fields[1:], strict=False)):
        return False
    record = entry.record
    return all(f.recorded(lines, record) for f in fields)
