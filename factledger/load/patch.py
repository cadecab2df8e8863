"""An edit of one entry of a file read before, read by parsing that entry alone: what a language server does as a
person types, so that a one-line change of a file of 500 claims costs one claim's parse, not 500.

Only when the result is sure to be what parsing the whole file gives; else None, and the whole file is parsed
(so a YAML break anywhere gives its FL001 exactly as always). Sure means: the file as read before had no
diagnostic at all and no suppression comment; the edit keeps the number of lines, and every changed line lies
within the lines of one entry of a block list, before the next line indented less than its fields (the next
entry, the next section), and that span ends at the same line before and after; the entry's lines hold no
block scalar keeping its final line breaks (``|+``: the blank lines after it are its own), no
comment, no tab, no carriage return and nothing :func:`~factledger.text.escapes.may_hold_unsafe_characters`
looks at; and parsed alone, at its own lines (the lines above it left blank, its section's name on the line
before it), they give one entry of the same section at the same place, and no diagnostic. Anchors and aliases
are refused with a diagnostic by the parser, so an entry's fields are its own lines' and nothing else's.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from factledger.load.cached import Entries
from factledger.load.files import parse
from factledger.text.escapes import may_hold_unsafe_characters

_REFUSED = (b"#", b"\t", b"\r")  # a comment may be a suppression; a tab or a lone return, a parser's error
# A block scalar that keeps its final line breaks (|+, >+, |2+, >+1) owns the blank lines after it, which the
# entry's span leaves out: parsed alone, it would lose them.
_KEEPS = re.compile(rb"[|>](?:[1-9]?\+|\+[1-9]?)")


def patched(before: bytes, entries: Entries, after: bytes, display: str, path: Path) -> Entries | None:
    """The entries of ``after`` (the new text of a file whose text ``before`` gave ``entries``) from parsing
    only the entry an edit changed; None when only parsing the whole file is sure to be right."""
    complete, sections, found = entries
    old, new = before.split(b"\n"), after.split(b"\n")
    if not complete or found or sections.get("suppressions") or len(old) != len(new):
        return None
    changed = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    if not changed:
        return entries
    held = _holder(sections, changed[0] + 1)
    if held is None:
        return None
    section, index, entry = held
    line, indent = entry.location.line, entry.location.column - 1
    end = _end(new, line - 1, indent)
    if end != _end(old, line - 1, indent) or changed[-1] >= end or line < 2:
        return None
    lines = new[line - 1:end]
    text = b"\n".join(lines)
    if any(mark in text for mark in _REFUSED) or _KEEPS.search(text) or \
            may_hold_unsafe_characters(text.decode("utf-8", "replace")):
        return None
    alone = parse(b"\n" * (line - 2) + section.encode() + b":\n" + text + b"\n", display, path)
    made = [(s, e) for s, es in alone[1].items() for e in es]
    if not alone[0] or alone[2] or len(made) != 1 or made[0][0] != section or \
            made[0][1].location != entry.location:
        return None
    kept = {s: list(es) for s, es in sections.items()}
    kept[section][index] = made[0][1]
    return True, kept, []


def _holder(sections: dict[str, list[Any]], line: int) -> tuple[str, int, Any] | None:
    """The entry starting last at or before ``line`` (1-based), if no other entry starts on its line."""
    starts = sorted((e.location.line, s, i) for s, es in sections.items() for i, e in enumerate(es))
    before = [start for start in starts if start[0] <= line]
    if not before or sum(1 for start in starts if start[0] == before[-1][0]) != 1:
        return None
    _, section, index = before[-1]
    return section, index, sections[section][index]


def _end(lines: list[bytes], start: int, indent: int) -> int:
    """The index of the first line after ``start`` indented less than ``indent`` (blank lines belong to no one:
    the entry ends before them), or the number of lines."""
    end = start + 1
    while end < len(lines):
        stripped = lines[end].lstrip(b" ")
        if stripped and len(lines[end]) - len(stripped) < indent:
            break
        end += 1
    while end - 1 > start and not lines[end - 1].strip():
        end -= 1
    return end
