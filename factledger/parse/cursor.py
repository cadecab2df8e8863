"""Where a cursor is in a ledger file's text, read from the lines around it: what an editor asks about
(completion, hover, go to definition) while the text is being typed, when it often does not parse.

The answer is the *path* of keys from the top of the file to the mapping the cursor is in (``("claims",
"sources")`` in a citation, ``("claims", "value")`` in a quantity), the *key* whose value it is in (None at a
key's place), and the *word* being typed, with where it starts and ends. Block mappings and sequences are
read by their indentation, flow collections (``[a, b]``, ``{approx: 10, unit: x}``) on the cursor's line by
their brackets; comments and quoted text are skipped. Lines and columns are 1-based, in characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factledger.parse.spans import split_lines

_WORD = re.compile(r"[A-Za-z0-9._\-]*")  # what an id, a slug, a date or a field name is made of
_ID_CHARS = re.compile(r"[A-Za-z0-9._\-]")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_\-]*)\s*:(?:\s|$)")


@dataclass(frozen=True)
class Cursor:
    path: tuple[str, ...]  # the keys above the mapping the cursor is in
    key: str | None  # the key whose value holds the cursor; None where a key is written
    word: str  # the word the cursor is in, up to the cursor
    start: int  # the column where the word starts
    end: int  # the column just after the whole word (after the cursor too)
    in_list: bool = False  # the value is a list, the cursor at one of its items
    siblings: tuple[str, ...] = field(default=())  # the keys the mapping already has


@dataclass
class _Line:
    text: str  # without its comment
    indent: int  # the column (0-based) of its content, after any "- " markers
    key: str | None  # the key it writes, if it is "key: ..." after its markers
    rest: str  # what follows the key's colon (or the whole content, when there is no key)
    dashes: bool  # it starts with "- "


def at(text: str, line: int, column: int) -> Cursor:
    """The cursor before the ``column``-th character of ``line`` in ``text``."""
    lines = split_lines(text)
    if not 0 < line <= len(lines):
        return Cursor((), None, "", column, column)  # past the end: nowhere in particular
    current = lines[line - 1]
    before = current[: column - 1]
    word_start = column - len(_tail_word(before))
    after = _WORD.match(current, column - 1) if column - 1 <= len(current) else None
    word_end = column + len(after.group()) if after is not None else column
    word = current[word_start - 1: column - 1]
    flow = _flow(before)
    parsed = _read(before)
    if flow is not None:
        path, key, in_list = _in_flow(lines, line, parsed, flow)
        return Cursor(path, key, word, word_start, word_end, in_list)
    if parsed.key is not None and len(parsed.text) > parsed.indent + len(parsed.key):
        # "key: |": the cursor is after the colon, in the value
        path, siblings = _block_path(lines, line, parsed.indent)
        return Cursor(path, parsed.key, word, word_start, word_end, False, siblings)
    if parsed.dashes and not _KEY.match(before[parsed.indent:] + " ") and parsed.text[parsed.indent:].strip():
        # "- item": an item of a block list, whose key is the nearest one above
        path, _ = _block_path(lines, line, parsed.indent)
        if path:
            return Cursor(path[:-1], path[-1], word, word_start, word_end, True)
    indent = parsed.indent if parsed.text.strip() else len(before)
    path, siblings = _block_path(lines, line, indent)
    return Cursor(path, None, word, word_start, word_end, False, siblings)


def token_end(text: str, column: int) -> int:
    """The column just after the scalar that starts at ``column`` of the line ``text`` (a quoted one to its
    closing quote): where a reference the loader located there ends."""
    if column - 1 >= len(text):
        return column
    quote = text[column - 1]
    if quote in "'\"":
        at_ = column
        while at_ < len(text):
            if text[at_] == quote:
                if quote == "'" and text[at_ + 1: at_ + 2] == "'":
                    at_ += 2
                    continue
                return at_ + 2
            at_ += 2 if quote == '"' and text[at_] == "\\" else 1
        return len(text) + 1
    end = column - 1
    while end < len(text) and _ID_CHARS.match(text[end]):
        end += 1
    return end + 1


def _tail_word(before: str) -> str:
    match = re.search(r"[A-Za-z0-9._\-]*$", before)
    return match.group() if match else ""


def _uncommented(text: str) -> str:
    """``text`` without its comment (a ``#`` after a space, outside quotes)."""
    quote = ""
    for i, char in enumerate(text):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"" and (i == 0 or text[i - 1] in " [{,:"):
            quote = char
        elif char == "#" and (i == 0 or text[i - 1] in " \t"):
            return text[:i]
    return text


def _read(raw: str) -> _Line:
    text = _uncommented(raw)
    stripped = text.lstrip(" ")
    indent = len(text) - len(stripped)
    dashes = False
    while stripped.startswith("- ") or stripped == "-":
        dashes = True
        rest = stripped[1:].lstrip(" ")
        indent += len(stripped) - len(rest)
        stripped = rest
    match = _KEY.match(stripped + " ")
    if match and not stripped.startswith(("[", "{", "'", '"')):
        return _Line(text, indent, match.group(1), stripped[match.end():].strip(), dashes)
    return _Line(text, indent, None, stripped.strip(), dashes)


def _block_path(lines: list[str], line: int, indent: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The keys above a mapping whose keys are written at ``indent`` (0-based), and the keys it has."""
    path: list[str] = []
    siblings: list[str] = []
    current = indent
    collecting = True  # until the line that starts the mapping ("- key: ...")
    for number in range(line - 1, 0, -1):
        raw = lines[number - 1]
        parsed = _read(raw)
        if not parsed.text.strip():
            continue
        if parsed.indent == current and collecting:
            if parsed.key is not None:
                siblings.append(parsed.key)
            collecting = not parsed.dashes
        if parsed.indent < current:
            collecting = False
        if parsed.indent < current and parsed.key is not None:
            if not parsed.rest or parsed.rest.startswith(("|", ">")):
                path.append(parsed.key)
            current = parsed.indent
        elif parsed.indent < current:
            current = parsed.indent
        if current == 0 and path and parsed.indent == 0:
            break
    siblings += _below(lines, line, indent)
    return tuple(reversed(path)), tuple(siblings)


def _below(lines: list[str], line: int, indent: int) -> list[str]:
    """The keys of the same mapping written after ``line``."""
    found = []
    for raw in lines[line:]:
        parsed = _read(raw)
        if not parsed.text.strip():
            continue
        if parsed.indent < indent or parsed.dashes and parsed.indent <= indent:
            break
        if parsed.indent == indent and parsed.key is not None:
            found.append(parsed.key)
    return found


@dataclass
class _Frame:
    bracket: str  # "[" or "{"
    key: str | None  # the key whose value the collection is
    last_key: str | None = None  # in a mapping: the key of the pair the cursor is in (None: at a key)


def _flow(before: str) -> list[_Frame] | None:
    """The flow collections open at the end of ``before`` (innermost last), or None when none is."""
    frames: list[_Frame] = []
    quote = ""
    token = ""
    pending_key: str | None = None
    text = _uncommented(before)
    for index, char in enumerate(text):
        if quote:
            if char == quote:
                quote = ""
            continue
        if char in "'\"":
            quote = char
        elif char in "[{":
            frames.append(_Frame(char, pending_key))
            pending_key, token = None, ""
        elif char in "]}":
            if frames:
                frames.pop()
            pending_key, token = None, ""
        elif char == ",":
            if frames and frames[-1].bracket == "{":
                frames[-1].last_key = None
            pending_key, token = None, ""
        elif char == ":" and text[index + 1: index + 2] in ("", " ", "\t"):  # a key's colon; not one in a URL
            pending_key = token.strip() or None
            if frames and frames[-1].bracket == "{":
                frames[-1].last_key = pending_key
            token = ""
        else:
            token += char
    return frames or None


def _in_flow(lines: list[str], line: int, parsed: _Line, frames: list[_Frame]) -> tuple[tuple[str, ...], str | None,
                                                                                        bool]:
    """Path, key and whether at a list's item, for a cursor inside flow collections on its line."""
    outer, _ = _block_path(lines, line, parsed.indent)
    path = list(outer)
    if parsed.key is not None:
        path.append(parsed.key)
    # frames[0].key is the block key just read; each inner frame's key extends the path
    for frame in frames[1:]:
        if frame.key is not None:
            path.append(frame.key)
    inner = frames[-1]
    if inner.bracket == "[":
        return tuple(path[:-1]), path[-1] if path else None, True
    return tuple(path), inner.last_key, False
