"""Fixes: for a diagnostic whose message says exactly what to write, the edits that write it (what
``factledger fix`` and ``validate --fix`` apply, and what a language server offers as a quick fix).

A fix is *safe* when what the ledger means after it is what the writer evidently meant (``"12000"`` →
``12000``, ``contry`` → ``country``, ``UK`` → ``GB``, ``nis`` → ``NIS`` as defined), and *unsafe* when it
could change the meaning (``1,500`` may be one and a half where a comma is the decimal sign; an unknown
source's nearest id may be another source; ``https://`` may be the wrong scheme): those are applied only
when asked for. The catalogue says which codes have a fix, and whether it is safe (``factledger codes``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from factledger.edit import scalars
from factledger.edit.engine import TextEdit, Workspace
from factledger.model.numbers import dot_thousands, parse_quantity, reading_doubt, second_reading
from factledger.parse.spans import Span, walk
from factledger.problems.diagnostics import Diagnostic
from factledger.text.escapes import clip
from factledger.text.suggest import similarity

_CLEAR = 80  # how alike a mistyped field name and the one suggested must be for the fix to be safe
_LEANING = ("nearly", "almost", "some ", "close to", "as many as")  # hedges an interval only approximates
_LONE_COMMA = re.compile(r"(?<![0-9,])[0-9]{1,3},[0-9]{3}(?![0-9,])")  # 1,500: thousands, or one and a half


@dataclass(frozen=True)
class Fix:
    diagnostic: Diagnostic
    safe: bool
    edits: tuple[TextEdit, ...]
    says: str  # what it writes, for a person: "writes 12000 for '12000'"


def _replace(workspace: Workspace, diagnostic: Diagnostic, node: Span, text: str) -> tuple[TextEdit, ...]:
    start, end = workspace.range_of(diagnostic.location.file, node)
    return (TextEdit(diagnostic.location.file, start, end, text),)


def _suggested(safe: Callable[[Span, str], bool]) -> Callable[[Workspace, Diagnostic], Fix | None]:
    """A fix that writes the diagnostic's suggestion where it is located; ``safe`` judges it."""
    def fix(workspace: Workspace, diagnostic: Diagnostic) -> Fix | None:
        wanted = diagnostic.suggestion
        if not wanted:
            return None
        node = workspace.scalar(diagnostic.location)
        edits = _replace(workspace, diagnostic, node, scalars.text(wanted, flow=True))
        return Fix(diagnostic, safe(node, wanted), edits, f"writes '{clip(wanted)}' for '{clip(node.value)}'")
    return fix


def _field_name(workspace: Workspace, diagnostic: Diagnostic) -> Fix | None:
    """FL103: the field renamed to the one suggested, unless the entry already has that field."""
    wanted = diagnostic.suggestion
    if not wanted:
        return None
    node = workspace.scalar(diagnostic.location)
    spans = workspace.original(diagnostic.location.file).spans
    mapping = next((m for m in walk(spans.root) if m.kind == "mapping" and any(k is node for k, _ in m.pairs)), None)
    if mapping is None or mapping.get(wanted) is not None:
        return None
    # A typo (statment, contry) is safe to correct; a field merely nearest another (kind, id) is a guess.
    safe = similarity(node.value.replace("-", "_"), wanted) >= _CLEAR
    return Fix(diagnostic, safe, _replace(workspace, diagnostic, node, scalars.text(wanted, flow=True)),
               f"renames the field '{clip(node.value)}' to '{wanted}'")


def quantity_fix(written: str) -> tuple[str, bool] | None:
    """A number or hedged number written as text, as the ledger writes it (``12000``, ``{approx: 12000}``),
    and whether that reading is safe; None when the text reads two ways (``1.500``, ``2-3,000``) or as no
    number. Safe only when the reading is certain: not ``25k`` (exact, or rounded?) nor ``500 to 2 million``."""
    read = parse_quantity(written) if len(written) <= 80 else None
    if read is None or dot_thousands(written) or second_reading(written) is not None:
        return None
    kind, fields = read
    if kind == "exact" and "unit" not in fields:
        shown = scalars.value(fields["exact"])
    else:
        shown = "{" + ", ".join(f"{key}: {scalars.value(v, flow=True)}" for key, v in fields.items()) + "}"
    lowered = written.strip().lower()
    safe = (not _LONE_COMMA.search(written) and not lowered.startswith(_LEANING)
            and reading_doubt(written) is None)
    return shown, safe


def _quantity(workspace: Workspace, diagnostic: Diagnostic) -> Fix | None:
    """FL115, FL121: the value written as the number or quantity its text says."""
    node = workspace.scalar(diagnostic.location)
    found = quantity_fix(node.value)
    if found is None:
        return None
    shown, safe = found
    edits = _replace(workspace, diagnostic, node, shown)
    doubt = reading_doubt(node.value)
    return Fix(diagnostic, safe, edits, f"writes {shown} for '{clip(node.value)}'" + (f"; {doubt}" if doubt else ""))


def _suppression(workspace: Workspace, diagnostic: Diagnostic) -> Fix | None:
    """FL013: the codes that suppress nothing removed from the comment, or the comment (its line, if it is
    alone on it) when none is left."""
    if diagnostic.suggestion is None:
        return None
    where = diagnostic.location
    spans = workspace.original(where.file).spans
    comment = next((c for c in spans.comments if (c.line, c.column) == (where.line, where.column)), None)
    if comment is None:
        return None
    if diagnostic.suggestion:
        start, end = spans.position(comment.start), spans.position(comment.start + len(comment.text))
        return Fix(diagnostic, True, (TextEdit(where.file, start, end, diagnostic.suggestion),), "removes unused codes")
    line_start = spans.line_starts[comment.line - 1]
    if comment.own_line:
        after = spans.line_starts[comment.line] if comment.line < len(spans.line_starts) else len(spans.text)
        start, end = spans.position(line_start), spans.position(after)
    else:
        before = spans.text[line_start:comment.start]
        start = spans.position(line_start + len(before.rstrip()))
        end = spans.position(comment.start + len(comment.text))
    return Fix(diagnostic, True, (TextEdit(where.file, start, end, ""),), "removes the suppression")


_FIXERS: dict[str, Callable[[Workspace, Diagnostic], Fix | None]] = {
    "FL013": _suppression,
    "FL103": _field_name,
    "FL106": _suggested(lambda node, wanted: node.value.casefold() == wanted.casefold()),
    "FL113": _suggested(lambda node, wanted: True),
    "FL114": _suggested(lambda node, wanted: False),
    "FL115": _quantity,
    "FL121": _quantity,
    "FL123": _suggested(lambda node, wanted: False),
    "FL202": _suggested(lambda node, wanted: False),
    "FL203": _suggested(lambda node, wanted: False),
    "FL204": _suggested(lambda node, wanted: False),
    "FL208": _suggested(lambda node, wanted: True),
}


def fix_for(workspace: Workspace, diagnostic: Diagnostic) -> Fix | None:
    """The fix of one diagnostic (None: its code has none, or this one cannot be fixed exactly)."""
    fixer = _FIXERS.get(diagnostic.code)
    return fixer(workspace, diagnostic) if fixer is not None and diagnostic.location.line else None


def fixes(workspace: Workspace, diagnostics: Iterable[Diagnostic]) -> list[Fix]:
    """Every fix of ``diagnostics``, one per place (the first, where two would edit the same text)."""
    found: list[Fix] = []
    taken: set[tuple[str, tuple[int, int]]] = set()
    for diagnostic in diagnostics:
        fix = fix_for(workspace, diagnostic)
        if fix is None:
            continue
        places = {(e.file, e.start) for e in fix.edits}
        if places & taken:
            continue
        taken |= places
        found.append(fix)
    return found


FIXABLE = frozenset(_FIXERS)
