"""Entries added, removed, changed and renamed between two ledgers.

Entries are matched by id (as :mod:`factledger.model.ids` compares them; the first definition of an id
is the entry, as everywhere). An entry only in the old ledger and one only in the new whose content is
the same (every field but the id, references mapped through the renames already found) are one entry
renamed, never a removal and an addition; renames are found again until none is new, so a claim renamed
together with the source it cites is still found. A rename is reported only when the match is one to
one: two identical entries renamed at once are reported as removed and added.

Only the entries of files that changed are examined (a file with the same name and content on both
sides holds the same entries); without the cache's names for files, every entry is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from factledger.diff import fields
from factledger.diff.model import SECTIONS, EntryChange, FieldChange, Reference
from factledger.load.result import LoadResult
from factledger.model.entries import Ledger


@dataclass
class _Side:
    """One ledger's entries of one section: the first definition of each id, and which ids to examine."""

    first: dict[str, Any] = field(default_factory=dict)  # folded id → entry
    examined: set[str] = field(default_factory=set)  # folded ids defined in a changed file


def unchanged_files(old: LoadResult, new: LoadResult) -> set[str]:
    """The files (display names) whose name and content are the same on both sides."""
    before = {f: k for f, k in zip(old.ledger.files, old.file_keys, strict=False) if k is not None}
    return {f for f, k in zip(new.ledger.files, new.file_keys, strict=False) if k is not None and before.get(f) == k}


def compare(old: Ledger, new: Ledger, same_files: set[str],
            only: set[tuple[str, str]] | None = None) -> tuple[list[EntryChange], dict[str, dict[str, str]]]:
    """Every entry change, by section then id, and the renames found (section → folded old id → new id).
    With ``only`` ((section, folded id) pairs), the changes of those entries alone (renames are still found
    among all), and no references: what following one entry through history needs."""
    sides = {s: (_side(old, s, same_files), _side(new, s, same_files)) for s in SECTIONS}
    renames: dict[str, dict[str, str]] = {s: {} for s in SECTIONS}
    gone = {s: sorted(k for k in a.examined if k not in b.first) for s, (a, b) in sides.items()}
    came = {s: sorted(k for k in b.examined if k not in a.first) for s, (a, b) in sides.items()}
    written: dict[tuple[str, int], dict[str, Any]] = {}  # each entry's data, made once

    def data(section: str, entry: Any) -> dict[str, Any]:
        found = written.get((section, id(entry)))
        if found is None:
            found = written[(section, id(entry))] = fields.data(section, entry)
        return found

    while True:  # a rename can reveal another (a claim renamed with the source it cites)
        found = False
        for section in SECTIONS:
            old_side, new_side = sides[section]
            table = renames[section]
            left = [k for k in gone[section] if k not in table]
            taken = {fields.key(section, v) for v in table.values()}
            right = [k for k in came[section] if k not in taken]
            for before, after in _pairs(section, left, right, old_side, new_side, renames, data):
                table[before] = new_side.first[after].id
                found = True
        if not found:
            break
    changes: list[EntryChange] = []
    for section in SECTIONS:
        changes += _section(section, sides[section], renames, data, sides, only)
    return changes, renames


def _side(ledger: Ledger, section: str, same_files: set[str]) -> _Side:
    side = _Side()
    for entry in getattr(ledger, section):
        k = fields.key(section, entry.id)
        side.first.setdefault(k, entry)
        if entry.location.file not in same_files:
            side.examined.add(k)
    return side


def _pairs(section: str, left: list[str], right: list[str], old: _Side, new: _Side,
           renames: dict[str, dict[str, str]], data: Any) -> Iterable[tuple[str, str]]:
    """The (old, new) folded ids whose content is the same, one to one."""
    if not left or not right:
        return []
    theirs: dict[str, list[str]] = defaultdict(list)
    for k in right:
        theirs[fields.signature(section, data(section, new.first[k]))].append(k)
    ours: dict[str, list[str]] = defaultdict(list)
    for k in left:
        ours[fields.signature(section, data(section, old.first[k]), renames)].append(k)
    return [(ours[s][0], theirs[s][0]) for s in ours if len(ours[s]) == 1 and len(theirs.get(s, ())) == 1]


def _section(section: str, side: tuple[_Side, _Side], renames: dict[str, dict[str, str]], data: Any,
             sides: dict[str, tuple[_Side, _Side]], only: set[tuple[str, str]] | None) -> list[EntryChange]:
    old, new = side
    table = renames[section]
    renamed_to = {fields.key(section, v): k for k, v in table.items()}
    found: list[EntryChange] = []
    examined = old.examined | new.examined
    if only is not None:
        examined = {k for k in examined if (section, k) in only}
    for k in sorted(examined):
        before, after = old.first.get(k), new.first.get(k)
        if before is not None and after is not None:
            mapped = fields.content(section, data(section, before), renames)
            now = fields.content(section, data(section, after))
            if mapped != now or before.id != after.id:
                changed = fields.changes(section, mapped, now, before, after)
                if before.id != after.id:
                    changed.insert(0, FieldChange("id", before.id, after.id, before.id, after.id))
                found.append(EntryChange(section, "changed", after.id, after.location, fields.title(section, after),
                                         fields=tuple(changed)))
        elif after is not None and k in renamed_to:
            was = old.first[renamed_to[k]]
            followed = _followed(section, was.id, after.id, sides, renames, data) if only is None else []
            found.append(EntryChange(section, "renamed", after.id, after.location, fields.title(section, after),
                                     was=was.id, references=tuple(followed)))
        elif after is not None:
            found.append(EntryChange(section, "added", after.id, after.location, fields.title(section, after),
                                     entry=data(section, after)))
        elif before is not None and k not in table:
            found.append(EntryChange(section, "removed", before.id, before.location, fields.title(section, before),
                                     entry=data(section, before)))
    return found


def _followed(section: str, old_id: str, new_id: str, sides: dict[str, tuple[_Side, _Side]],
              renames: dict[str, dict[str, str]], data: Any) -> list[Reference]:
    """The references to ``new_id`` in the new ledger that were references to ``old_id`` in the old one:
    those that followed the rename (only entries in changed files can have)."""
    old_key, new_key = fields.key(section, old_id), fields.key(section, new_id)
    found = []
    for holder in SECTIONS:
        before_side, after_side = sides[holder]
        was = {fields.key(holder, new): old for old, new in renames[holder].items()}  # renamed holders
        for k in sorted(after_side.examined):
            entry = after_side.first[k]
            held = [(f, v) for f, target, v in fields.references(holder, data(holder, entry))
                    if target == section and fields.key(section, v) == new_key]
            if not held:
                continue
            # What it held before: itself, or the entry it was renamed from (a new one held nothing).
            earlier = before_side.first.get(was.get(k, k))
            if earlier is None:
                continue
            had = {(f, fields.key(section, v)) for f, target, v in fields.references(holder, data(holder, earlier))
                   if target == section}
            found += [Reference(holder, entry.id, f) for f, _ in held if (f, old_key) in had]
    return found

