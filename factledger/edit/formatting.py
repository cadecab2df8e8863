"""``factledger fmt``: each ledger file in the canonical layout (:mod:`factledger.edit.layout`), or left alone
with the reason.

What a file means is checked before anything is written: the laid-out text is read by the loader, and
its entries (every field, locations aside) and its diagnostics (places aside) must be those of the file
as it is; a file whose layout would change either is left alone, saying so. A file the loader could not
read whole (not YAML, not UTF-8, duplicate keys, raw line separators) is left alone too: its own
diagnostic says why.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factledger.edit.engine import FileChange, Original, Workspace
from factledger.edit.layout import Layout, Unformattable
from factledger.load.files import parse
from factledger.model.entries import Ref
from factledger.model.suppressions import Suppression
from factledger.problems.diagnostics import Diagnostic, Location
from factledger.problems.errors import UsageError

_PLACE = re.compile(r"\b(line|column)s? [0-9]+")
_UNREADABLE = {"FL001", "FL002", "FL003", "FL004", "FL005", "FL006", "FL008", "FL010", "FL011", "FL012"}


@dataclass
class Formatted:
    """What fmt would do: the changes, and the files left alone with the reason."""

    changes: list[FileChange] = field(default_factory=list)
    left_alone: list[tuple[str, str]] = field(default_factory=list)
    unchanged: int = 0


def meaning(entries: dict[str, list[Any]]) -> Any:
    """What a file's entries say, without where they are written: every field, references by id."""
    return {section: [_plain(e) for e in built] for section, built in entries.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, Suppression):  # the lines it covers move with the layout; the entry it is beside does not
        return ("suppression", value.codes, value.comment, value.entry, value.first_line > 0)
    if isinstance(value, Ref):
        return ("ref", value.id)
    if isinstance(value, Location):
        return None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, tuple((f.name, _plain(getattr(value, f.name)))
                                            for f in dataclasses.fields(value)
                                            if f.name not in ("location", "field_locations")))
    if isinstance(value, (list, tuple)):
        return tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _plain(v)) for k, v in value.items()))
    if isinstance(value, float) and value != value:
        return "nan"
    return value


def said(diagnostics: list[Diagnostic]) -> list[tuple[str, str]]:
    """Diagnostics without their places (which a layout moves), to compare."""
    return sorted((d.code, _PLACE.sub(r"\1 N", d.message)) for d in diagnostics)


def layout(original: Original, display: str) -> str:
    """``original`` in the canonical layout; Unformattable (with the reason) when it cannot be laid out
    without changing what it means."""
    before = parse(original.data, display, original.path)
    unreadable = [d for d in before[2] if d.code in _UNREADABLE]
    if unreadable:
        raise Unformattable(f"{unreadable[0].code}: {unreadable[0].message}")
    if not original.text.strip():
        return original.text
    text = Layout(original.spans).document()
    after = parse(original.encode(text.replace("\n", original.newline) if original.newline != "\n" else text),
                  display, original.path)
    if after[0] != before[0] or meaning(after[1]) != meaning(before[1]):
        raise Unformattable("laying it out would change what it says (please report this file as a bug)")
    if said(after[2]) != said(before[2]):
        raise Unformattable("laying it out would change what validation says of it (please report this file)")
    return text


def format_files(workspace: Workspace, files: list[str]) -> Formatted:
    """The canonical layout of each of ``files`` (named as the ledger names them)."""
    done = Formatted()
    for file in files:
        try:
            original = workspace.original(file)
            text = layout(original, file)
        except (Unformattable, UsageError) as exc:
            done.left_alone.append((file, exc.message if isinstance(exc, UsageError) else str(exc)))
            continue
        after = original.encode(text.replace("\n", original.newline) if original.newline != "\n" else text)
        if after == original.data:
            done.unchanged += 1
        else:
            done.changes.append(FileChange(Path(file), original.data, after))
    return done
