"""Between the protocol's terms and the ledger's: addresses and paths, positions (0-based lines, columns in
the client's code units: UTF-16 unless it asked for another) and places (1-based, in characters), problems and
diagnostics, completions, symbols and edits."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path

from lsprotocol import types
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace.position_codec import PositionCodec

from factledger.api.results import Edit, Offer, Place, Symbol
from factledger.problems.catalogue import CATALOGUE, Severity
from factledger.problems.diagnostics import Problem

Lines = Callable[[str], Sequence[str]]  # a file's lines (as the editor holds it, else on disk)

_SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning,
             Severity.INFO: types.DiagnosticSeverity.Information}
_SYMBOL = {"source": types.SymbolKind.Module, "document": types.SymbolKind.File, "claim": types.SymbolKind.Object,
           "assessment": types.SymbolKind.Event, "review": types.SymbolKind.Interface}
_COMPLETION = {"field": types.CompletionItemKind.Field, "section": types.CompletionItemKind.Module,
               "value": types.CompletionItemKind.EnumMember, "source": types.CompletionItemKind.Reference,
               "document": types.CompletionItemKind.File, "claim": types.CompletionItemKind.Reference}


def path_of(uri: str) -> Path | None:
    found = to_fs_path(uri)
    return Path(found) if found else None


@functools.lru_cache(maxsize=4096)  # asked for each place of each finding published: a ledger has few files
def uri_of(file: str) -> str:
    return from_fs_path(file) or file


class Positions:
    """Converts positions with the client's encoding, given how to read any file's lines."""

    def __init__(self, codec: PositionCodec, lines: Lines) -> None:
        self.codec = codec
        self.read = lines
        self.seen: dict[str, Sequence[str]] = {}  # an answer converts many places in a file: it is read once

    def lines(self, file: str) -> Sequence[str]:
        if file not in self.seen:
            self.seen[file] = self.read(file)
        return self.seen[file]

    def line(self, file: str, number: int) -> str | None:
        """The text of line ``number`` (1-based) of ``file``; None when there is no such line."""
        lines = self.lines(file)
        return lines[number - 1] if 0 < number <= len(lines) else None

    def place(self, file: str, position: types.Position) -> tuple[int, int]:
        """A client's position in ``file`` as a 1-based line and column in characters."""
        lines = self.lines(file)
        text = lines[position.line] if position.line < len(lines) else ""
        units = 0
        for index, char in enumerate(text):
            if units >= position.character:
                return position.line + 1, index + 1
            units += self.codec.client_num_units(char)
        return position.line + 1, len(text) + 1

    def position(self, file: str, line: int, column: int) -> types.Position:
        lines = self.lines(file)
        before = (lines[line - 1] if 0 < line <= len(lines) else "")[: max(column - 1, 0)]
        # Every ASCII character is one unit in each encoding a client may ask for (UTF-8, -16, -32): counted
        # without the codec's loop over characters (thousands of places in every file's diagnostics).
        units = len(before) if before.isascii() else self.codec.client_num_units(before)
        return types.Position(max(line - 1, 0), units)

    def range(self, place: Place) -> types.Range:
        return types.Range(self.position(place.file, place.line, place.column),
                           self.position(place.file, place.end_line, place.end_column))

    def location(self, place: Place) -> types.Location:
        return types.Location(uri_of(place.file), self.range(place))


def diagnostic(problem: Problem, places: Sequence[Place], file: str, positions: Positions) -> list[types.Diagnostic]:
    """``problem`` at each of its ``places`` in ``file`` (a finding about two claims there is shown at both),
    its other places as related information; its code links to its documentation."""
    shown = []
    for place in places:
        if place.file != file:
            continue
        related = [types.DiagnosticRelatedInformation(positions.location(other), "also concerns this entry")
                   for other in places if other != place and other.file]
        shown.append(types.Diagnostic(
            range=positions.range(place), message=f"{problem.message} [{problem.slug}]",
            severity=_SEVERITY[problem.severity], code=problem.code,
            code_description=types.CodeDescription(CATALOGUE[problem.code].documentation), source="factledger",
            related_information=related or None))
    return shown


class Converted:
    """Each problem's diagnostics in a file as last converted, given again while nothing they are made of
    changed: an edit changes few of the hundreds of problems published for a file, and the same objects
    published again are compared with the last by identity. What they are made of: the file, the problem's
    code, severity and message, its locations and the text of the line each is on (a place runs to the end of
    the scalar written there, and the client's units count that line's characters). What is not shown any more
    is kept a while (an error in a file hides its findings until it is undone), up to a few times what is shown
    now."""

    def __init__(self) -> None:
        self.kept: dict[tuple[object, ...], list[types.Diagnostic]] = {}
        self.used: dict[tuple[object, ...], list[types.Diagnostic]] = {}

    def diagnostics(self, problem: Problem, file: str, positions: Positions,
                    places: Callable[[Problem], Sequence[Place]]) -> list[types.Diagnostic]:
        """:func:`diagnostic` of ``problem`` in ``file`` (``places``: where it is shown), converted once."""
        key = (file, problem.code, problem.severity, problem.message,
               *((where, positions.line(where.file, where.line) if where.line else None)
                 for where in problem.locations))
        found = self.used.get(key)
        if found is None:
            found = self.kept.get(key)
            if found is None:
                found = diagnostic(problem, places(problem), file, positions)
            self.used[key] = found
        return found

    def turn(self) -> None:
        """A publishing is done: what it used is kept; when much more than that is kept, the rest is forgotten."""
        if len(self.kept) > 4 * len(self.used) + 1000:
            self.kept = self.used
        else:
            self.kept.update(self.used)
        self.used = {}


def completions(offers: Sequence[Offer], positions: Positions) -> list[types.CompletionItem]:
    """Offers as completion items, without their documentation (:func:`documented` adds it when asked); the
    label is what an editor filters by."""
    ranges: dict[Place, types.Range] = {}  # all replace the same word: its range is converted once
    return [types.CompletionItem(
        label=offer.label, kind=_COMPLETION.get(offer.kind, types.CompletionItemKind.Value),
        detail=offer.detail or None, data=offer.kind,
        text_edit=types.TextEdit(ranges.get(offer.replace) or ranges.setdefault(offer.replace,
                                                                                positions.range(offer.replace)),
                                 offer.text)) for offer in offers]


def offer_kind(item: types.CompletionItem) -> str:
    """The kind of offer an item was made of (what :func:`completion` kept in its ``data``)."""
    return item.data if isinstance(item.data, str) else ""


def documented(item: types.CompletionItem, documentation: str | None) -> types.CompletionItem:
    """``item`` with its documentation (as it was, when there is none)."""
    if documentation:
        item.documentation = types.MarkupContent(types.MarkupKind.PlainText, documentation)
    return item


def symbol(found: Symbol, positions: Positions) -> types.DocumentSymbol:
    return types.DocumentSymbol(name=found.name, kind=_SYMBOL[found.kind], range=positions.range(found.place),
                                selection_range=positions.range(found.selection), detail=_line(found.detail))


def workspace_symbol(found: Symbol, positions: Positions) -> types.WorkspaceSymbol:
    return types.WorkspaceSymbol(name=found.name, kind=_SYMBOL[found.kind], location=positions.location(found.place),
                                 container_name=_line(found.detail))


def workspace_edit(edits: Sequence[Edit], created: dict[str, str], positions: Positions) -> types.WorkspaceEdit:
    """Edits of existing files as text edits, new files as a creation and their text (where the client can
    create files; else as an edit of the new file's address, which most clients take as a new file)."""
    changes: dict[str, list[types.TextEdit]] = {}
    for edit in edits:
        changes.setdefault(uri_of(edit.place.file), []).append(
            types.TextEdit(positions.range(edit.place), edit.text))
    if not created:
        return types.WorkspaceEdit(changes=changes)
    operations: list[types.TextDocumentEdit | types.CreateFile | types.RenameFile | types.DeleteFile] = [
        types.TextDocumentEdit(types.OptionalVersionedTextDocumentIdentifier(uri, None), list(made))
        for uri, made in changes.items()]
    for file, text in created.items():
        uri = uri_of(file)
        operations.append(types.CreateFile(uri=uri, options=types.CreateFileOptions(ignore_if_exists=True)))
        start = types.Position(0, 0)
        operations.append(types.TextDocumentEdit(types.OptionalVersionedTextDocumentIdentifier(uri, None),
                                                 [types.TextEdit(types.Range(start, start), text)]))
    return types.WorkspaceEdit(document_changes=operations)


def _line(text: str) -> str:
    first = " ".join(text.split())
    return first if len(first) <= 100 else first[:99] + "…"
