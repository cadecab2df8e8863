"""Finding one's way in a ledger from an editor: the id under the cursor and what it names, where it is
defined, where it is used (in every file), a file's entries as an outline, and any id by name.

Ids compare as everywhere else (:mod:`factledger.model.ids`: sources and documents ignoring case); what
refers to what is :mod:`factledger.model.references`'s, the rename's too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from factledger.api.live import LiveLedger
from factledger.api.results import Place, Symbol, Target
from factledger.model.entries import Ledger
from factledger.model.ids import fold
from factledger.model.references import definitions, references
from factledger.parse.cursor import at, token_end
from factledger.parse.spans import split_lines
from factledger.problems.diagnostics import Location, Problem
from factledger.schema.paths import KIND_OF_SECTION, field_at
from factledger.text.suggest import typed_rank

SECTIONS = tuple(KIND_OF_SECTION)
MAX_SYMBOLS = 200  # what a search for any id answers with at most (the best first)


def lines(text: str) -> list[str]:
    """A text's lines as the loader and an editor count them (at \\n, \\r\\n and \\r only)."""
    return split_lines(text)


def target_at(live: LiveLedger, path: Path, line: int, column: int) -> Target | None:
    """The id written at ``line``/``column`` of the file ``path``, with what it names; None when the cursor is
    on no id (on a key, in a statement, ...)."""
    text = live.text_of(path)
    cursor = at(text, line, column)
    if cursor.key is None:
        return None
    found = field_at(cursor.path, cursor.key)
    if found is None or found.refers is None:
        return None
    lines = split_lines(text)
    written = lines[line - 1][cursor.start - 1: cursor.end - 1] if line <= len(lines) else ""
    if not written:
        return None
    defining = cursor.key == "id" and len(cursor.path) == 1
    return Target(found.refers, written, Place(str(path), line, cursor.start, line, cursor.end), defining)


def defined_at(live: LiveLedger, target: Target) -> list[Place]:
    """Where the entry ``target`` names is defined (more than one place when its id is a duplicate)."""
    ledger = live.current.result.ledger
    if target.kind == "review":
        found = [r.field_locations.get("id", r.location) for r in ledger.reviews if r.id == target.id]
    else:
        found = definitions(ledger, target.kind, target.id)
    return [_place(live, where) for where in found]


def used_at(live: LiveLedger, target: Target, with_definition: bool = True) -> list[Place]:
    """Every place an id is written meaning the entry ``target`` names: its references in every file (and its
    definition, ``with_definition``)."""
    ledger = live.current.result.ledger
    wanted = fold(target.kind, target.id)
    places = [ref.location for ref in references(ledger, target.kind) if fold(target.kind, ref.id) == wanted]
    found = [_place(live, where) for where in places]
    if with_definition:
        found = defined_at(live, target) + found
    return sorted(set(found), key=lambda p: (p.file, p.line, p.column))


def outline(live: LiveLedger, path: Path) -> list[Symbol]:
    """The file's entries, in the order they are written: sources, documents, claims, assessments, reviews."""
    ledger = live.current.result.ledger
    display = live.files.display(path)
    entries = sorted(((e, section) for section in SECTIONS for e in getattr(ledger, section)
                      if e.location.file == display), key=lambda pair: pair[0].location.line)
    lines = split_lines(live.text_of(path))
    symbols = []
    for index, (entry, section) in enumerate(entries):
        start = entry.location
        end_line = entries[index + 1][0].location.line - 1 if index + 1 < len(entries) else len(lines)
        while end_line > start.line and not lines[end_line - 1].strip():
            end_line -= 1
        whole = Place(display, start.line, 1, end_line, len(lines[end_line - 1]) + 1 if end_line <= len(lines) else 1)
        symbols.append(Symbol(KIND_OF_SECTION[section], entry.id, _detail(entry), whole,
                              _place(live, entry.field_locations.get("id", entry.location))))
    return symbols


def search(live: LiveLedger, query: str) -> list[Symbol]:
    """The entries whose id (or name, title or statement) holds ``query`` (any case), ids first: the best
    :data:`MAX_SYMBOLS`."""
    ledger = live.current.result.ledger
    found: list[tuple[int, Symbol]] = []
    for section, entry in _every(ledger):
        rank = typed_rank(entry.id, query)
        if rank is None and query and typed_rank(_detail(entry), query) is not None:
            rank = 2  # its name, title or statement holds it: after the ids
        if rank is None:
            continue
        where = entry.field_locations.get("id", entry.location)
        place = Place(where.file, where.line, where.column, where.line, where.column + len(entry.id))
        found.append((rank, Symbol(KIND_OF_SECTION[section], entry.id, _detail(entry), place, place)))
        if rank == 0 and sum(1 for r, _ in found if r == 0) >= MAX_SYMBOLS:
            break
    found.sort(key=lambda pair: (pair[0], pair[1].name))
    return [symbol for _, symbol in found[:MAX_SYMBOLS]]


def problem_places(live: LiveLedger, problem: Problem) -> list[Place]:
    """Where a problem is shown: the scalar each of its locations starts (or the line, for one located at a
    mapping); a place in no file, or on no line, as the start of its file."""
    return [_place(live, where) if where.line else Place(where.file, 1, 1, 1, 1) for where in problem.locations]


def _every(ledger: Ledger) -> Iterator[tuple[str, Any]]:
    for section in SECTIONS:
        for entry in getattr(ledger, section):
            yield section, entry


def _detail(entry: Any) -> str:
    for name in ("name", "title", "statement", "verdict"):
        value = getattr(entry, name, None)
        if isinstance(value, str):
            return value
    return ""


def _place(live: LiveLedger, where: Location) -> Place:
    """The place of the id (or value) the loader located at ``where``: to the end of the scalar written there
    (to the end of its line, for a mapping or a list)."""
    found = live.lines_of(where.file) if where.line else ()
    text = found[where.line - 1] if 0 < where.line <= len(found) else ""
    end = token_end(text, where.column)
    if end <= where.column or text[end - 1: end] == ":":  # a mapping (an entry) starts here: its line
        end = len(text.rstrip()) + 1
    return Place(where.file, where.line, where.column, where.line, end)
