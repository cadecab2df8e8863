"""What the field tables say of a place in a ledger file: which fields a mapping takes at a path of keys
(``("claims", "sources")``: a citation's), and of one field its help, its choices and what kind of entry it
names. Read from the tables the loader checks against (:mod:`factledger.schema.tables`), as the JSON Schema
is: an editor is offered exactly what validation accepts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from factledger.schema import tables
from factledger.schema.fields import FieldSpec, refers_of, shape_of

# The kind of entry each section holds, as references and ids name it.
KIND_OF_SECTION = {"sources": "source", "documents": "document", "claims": "claim", "assessments": "assessment",
                   "reviews": "review"}


@dataclass(frozen=True)
class Field:
    name: str
    help: str
    required: bool
    choices: tuple[str, ...]  # the values it may take, when they are a fixed list
    refers: str | None  # the kind of entry it names (source, document, claim), or None
    fields: dict[str, FieldSpec] | None  # the fields it takes, when it is a mapping of fields (or a list of them)
    is_list: bool  # it takes a list


def table_at(path: tuple[str, ...]) -> dict[str, FieldSpec] | None:
    """The fields of a mapping at ``path`` (a section's name, then field names; list items implicit), or None."""
    if not path or path[0] not in tables.SCHEMA:
        return None
    table: dict[str, FieldSpec] | None = tables.SCHEMA[path[0]]
    for name in path[1:]:
        spec = table.get(name) if table is not None else None
        if spec is None:
            return None
        table = _table_of(shape_of(spec.parse))
    return table


def field_at(path: tuple[str, ...], name: str) -> Field | None:
    """The field ``name`` of the mapping at ``path``, or None when it takes no such field."""
    table = table_at(path)
    spec = table.get(name) if table is not None else None
    if spec is None:
        return None
    shape = shape_of(spec.parse) or {}
    refers = refers_of(spec.parse) or _refers_of_items(shape)
    if name == "id" and len(path) == 1:
        refers = KIND_OF_SECTION.get(path[0])
    return Field(name, spec.help, spec.required, _choices(shape), refers, _table_of(shape), _is_list(shape))


def references() -> dict[str, frozenset[tuple[str, ...]]]:
    """Every field that names an entry, by the kind it names: ``{"source": {("claims", "sources", "via"),
    ("scales", "publishers"), ...}, ...}`` (paths of keys, list items implicit; an entry's own ``id`` is
    not a reference). What renaming an id and finding where it is used must cover."""
    found: dict[str, set[tuple[str, ...]]] = {}
    pending: list[tuple[str, ...]] = [(section,) for section in tables.SCHEMA]
    while pending:
        path = pending.pop()
        for name in table_at(path) or {}:
            described = field_at(path, name)
            if described is None or name == "id" and len(path) == 1:
                continue
            if described.refers:
                found.setdefault(described.refers, set()).add((*path, name))
            if described.fields is not None and len(path) < 8:  # a table within a table; none is deeper
                pending.append((*path, name))
    return {kind: frozenset(paths) for kind, paths in found.items()}


def _table_of(shape: Any) -> dict[str, FieldSpec] | None:
    """The field table a shape is a mapping of (directly, as its items, or as one of its forms)."""
    if callable(shape):
        return _table_of(shape_of(shape))
    if not isinstance(shape, dict):
        return None
    if "table" in shape:
        found: dict[str, FieldSpec] = getattr(tables, shape["table"])
        return found
    for inner in [shape.get("items"), *shape.get("oneOf", [])]:
        if inner is not None:
            table = _table_of(inner)
            if table is not None:
                return table
    return None


def _choices(shape: dict[str, Any]) -> tuple[str, ...]:
    inner = shape.get("items")
    if callable(inner):
        return _choices(shape_of(inner) or {})
    return tuple(dict.fromkeys(str(v) for v in shape.get("enum", ())))


def _refers_of_items(shape: dict[str, Any]) -> str | None:
    inner = shape.get("items")
    return refers_of(inner) if callable(inner) else None


def _is_list(shape: dict[str, Any]) -> bool:
    kinds = shape.get("type")
    return kinds == "array" or isinstance(kinds, list) and "array" in kinds
