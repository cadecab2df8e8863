"""Renaming an id: its definition and every reference to it, in every file, as exact edits (what
``factledger rename`` applies, and what a language server's rename would return).

What refers to what is :mod:`factledger.model.references`'s. Source and document ids are compared
ignoring case (a reference ``nis`` to ``NIS`` is renamed too); paths (a document's ``file``, the
configuration's ``per-file-ignores``) are not ids and stay.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from factledger.edit import scalars
from factledger.edit.engine import TextEdit, Workspace
from factledger.model.entries import Ledger
from factledger.model.ids import fold, folds_case
from factledger.model.references import KINDS, PLURAL, definitions, references
from factledger.parse.spans import Span, walk
from factledger.problems.diagnostics import Location
from factledger.problems.errors import UsageError
from factledger.schema.fields import CLAIM_ID, MAX_ID_LENGTH, SOURCE_ID
from factledger.schema.paths import references as schema_references
from factledger.text.escapes import clip
from factledger.text.suggest import did_you_mean


@dataclass(frozen=True)
class Renaming:
    kind: str
    old: str  # as its definition spells it
    new: str
    edits: list[TextEdit]
    missed: list[Location]  # the old id written where the ledger reads no reference (a field with an error)


def infer_kind(ledger: Ledger, old: str) -> str:
    """The one kind of entry ``old`` is the id of; a UsageError when it is none or several."""
    found = [kind for kind in KINDS if definitions(ledger, kind, old)]
    if len(found) == 1:
        return found[0]
    if found:
        raise UsageError(f"'{old}' is the id of a {' and a '.join(found)}: say which with --kind", option="--kind")
    every = [e.id for kind in KINDS for e in getattr(ledger, PLURAL[kind])]
    raise UsageError(f"no source, document, claim or assessment has the id '{clip(old)}'"
                     f"{did_you_mean(old, every, casefold=True)}")


def _refuse_new(ledger: Ledger, kind: str, old: str, new: str) -> None:
    pattern = SOURCE_ID if kind in ("source", "document") else CLAIM_ID
    if not pattern.fullmatch(new) or len(new) > MAX_ID_LENGTH:
        rule = ("letters, digits, '.', '_' and '-'" if pattern is SOURCE_ID
                else "lowercase letters, digits, '.', '_' and '-'")
        raise UsageError(f"'{clip(new)}' is not a {kind} id: use {rule} only (at most {MAX_ID_LENGTH})")
    for entry in getattr(ledger, PLURAL[kind]):
        if fold(kind, entry.id) == fold(kind, old):
            continue
        if entry.id == new:
            raise UsageError(f"a {kind} '{new}' already exists ({entry.location}); choose another id")
        if folds_case(kind) and fold(kind, entry.id) == fold(kind, new):
            raise UsageError(f"'{new}' differs from the {kind} '{entry.id}' ({entry.location}) only in case, and "
                             f"{kind} ids ignore case: they would be one {kind}; choose another id")


def rename(ledger: Ledger, workspace: Workspace, kind: str, old: str, new: str) -> Renaming:
    """The edits that rename the ``kind`` ``old`` to ``new`` everywhere; a UsageError saying why not."""
    defined = definitions(ledger, kind, old)
    if not defined:
        known = [e.id for e in getattr(ledger, PLURAL[kind])]
        raise UsageError(f"no {kind} has the id '{clip(old)}'{did_you_mean(old, known, casefold=folds_case(kind))}")
    spelt = workspace.scalar(defined[0]).value
    if new == spelt:
        raise UsageError(f"the {kind} is already '{new}'; nothing to rename")
    _refuse_new(ledger, kind, spelt, new)
    places = [*defined, *(r.location for r in references(ledger, kind) if fold(kind, r.id) == fold(kind, old))]
    edits = []
    seen: set[tuple[str, int, int]] = set()
    for place in places:
        if place in seen:
            continue
        seen.add(place)
        node = workspace.scalar(place)
        start, end = workspace.range_of(place.file, node)
        edits.append(TextEdit(place.file, start, end, written_like(node, new)))
    renamed = {(p.file, p.line, p.column) for p in places}
    return Renaming(kind, spelt, new, edits, _missed(workspace, ledger.files, kind, old, renamed))


def written_like(node: Span, new: str) -> str:
    """``new`` written where ``node`` is: in its quotes where the writer chose them (not where its text needed
    them), else plain, or double-quoted where ``new`` needs quotes. So renaming back restores the bytes."""
    chose_quotes = node.style in ("'", '"') and scalars.can_be_plain(node.value)
    if chose_quotes and node.style == "'":
        return "'" + new.replace("'", "''") + "'"
    if chose_quotes:
        return scalars.quoted(new)
    return scalars.text(new)


def _missed(workspace: Workspace, files: list[str], kind: str, old: str,
            renamed: set[tuple[str, int, int]]) -> list[Location]:
    """References spelling ``old`` that are not renamed (one the ledger could not read, in a field with an
    error, say): said, so that no half-finished rename passes unseen. Only a field that names a ``kind``
    (and the id of one) is looked at: a source's display name 'Alice' is not a missed reference to 'alice'."""
    wanted = fold(kind, old)
    found = []
    for file in files:
        original = workspace.original(file)
        root = original.spans.root
        if wanted not in fold(kind, original.text) or root is None or root.kind != "mapping":
            continue
        for section, entries in root.pairs:
            fields = _REFERRING[kind] | ({"id"} if section.value == PLURAL[kind] else set())
            for node in walk(entries):
                found += [Location(file, v.line, v.column) for v in _named(node, fields)
                          if fold(kind, v.value) == wanted and (file, v.line, v.column) not in renamed]
    return found


# The fields that name an entry of each kind, as the field tables say (and :func:`references` reads them).
_REFERRING = {kind: frozenset(path[-1] for path in schema_references().get(kind, ())) for kind in KINDS}


def _named(node: Span, fields: frozenset[str]) -> Iterator[Span]:
    """The scalars a mapping ``node`` holds under one of ``fields`` (a value, or the items of a list)."""
    if node.kind != "mapping":
        return
    for key, value in node.pairs:
        if key.kind == "scalar" and key.value in fields:
            yield from (v for v in ([value] if value.kind == "scalar" else value.items) if v.kind == "scalar")
