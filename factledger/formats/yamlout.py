"""Writing YAML that every reader reads back the same: the one YAML writer (exports, `list`, imports).

The data factledger writes is mappings, lists and scalars, so a small writer does it, in block style
(``key: value``, lists as ``- item`` under their key), many times faster than a general emitter.
A text is written plain only when no reader could take it for anything else: not under YAML 1.2
(factledger's own reading), not under YAML 1.1 (PyYAML's and most tools'), never starting with an
indicator, holding ``: `` or `` #``, or with space at either end. Otherwise it is single-quoted, or,
when it holds a line break or a character that must not stay raw (controls, bidi overrides,
invisible characters: escapes.UNSAFE_CHARACTERS), double-quoted with escapes. No anchors, aliases
or tags are ever written.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from factledger.parse.yaml12 import resolve_plain
from factledger.text.escapes import COMMAND_ANYWHERE, UNSAFE_CHARACTERS, spelled

_MUST_ESCAPE = re.compile(f"[\n\r\t{UNSAFE_CHARACTERS}\u2028\u2029\ud800-\udfff]")
_ESCAPE_AFTER_JSON = re.compile(f"[{UNSAFE_CHARACTERS}\u2028\u2029\ud800-\udfff]")
_PLAIN_START = re.compile(r"[A-Za-z0-9_(./\u00a0-\uffff]")  # no indicator, quote or space first
# PyYAML's stubs leave Resolver.resolve unannotated; this is how it is called here: (node class, text,
# (implicit, quoted)) → the tag a reader would give the text.
_resolve: Callable[[type[ScalarNode], str, tuple[bool, bool]], str] = Resolver().resolve
_STR = "tag:yaml.org,2002:str"


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


@lru_cache(maxsize=65536)  # ids, names and labels repeat across thousands of entries
def _plain(text: str) -> bool:
    if not text or text != text.strip() or not _PLAIN_START.match(text) or ": " in text or " #" in text:
        return False
    if text.endswith(":") or text.startswith(("---", "...")):
        return False
    # What YAML 1.2 or YAML 1.1 would read as a number, a boolean, a null or a date is quoted.
    return isinstance(resolve_plain(text), str) and _resolve(ScalarNode, text, (True, False)) == _STR


def scalar(value: Any) -> str:
    if type(value) is str:  # noqa: E721 - the common case first, and never a subclass's surprise
        return _text(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value} cannot be written: the ledger holds finite numbers only")
        mantissa, e, exponent = repr(value).partition("e")
        if "." not in mantissa:  # YAML 1.1 readers take "1e+16" for a text: write 1.0e+16
            mantissa += ".0"
        return mantissa + e + exponent
    return _text(str(value))


@lru_cache(maxsize=131072)  # keys, ids and names repeat; the cache costs little for the rest
def _text(text: str) -> str:
    # A '##[' is a CI log command wherever it is on a line: written double-quoted, its first '#' as an
    # escape, which YAML readers undo (as JSON's writer does).
    if _MUST_ESCAPE.search(text) or COMMAND_ANYWHERE in text:
        quoted = _ESCAPE_AFTER_JSON.sub(_escape, json.dumps(text, ensure_ascii=False))  # JSON's escapes are YAML's
        return spelled(quoted, "\\u0023")
    if _plain(text):
        return text
    return "'" + text.replace("'", "''") + "'"


def _lines(value: Any, indent: int, out: list[str]) -> None:
    pad = " " * indent
    append = out.append
    if type(value) is dict:
        for key, item in value.items():
            kind = type(item)
            if kind is str:  # most values: written on the key's line
                append(f"{pad}{_text(key)}: {_text(item)}")
            elif kind is dict and item:
                append(f"{pad}{_text(key)}:")
                _lines(item, indent + 2, out)
            elif kind is list and item:
                append(f"{pad}{_text(key)}:")
                _lines(item, indent, out)  # a list sits at its key's indentation, as PyYAML writes it
            else:
                append(f"{pad}{_text(key)}: {_empty(item) if kind in (dict, list) else scalar(item)}")
        return
    for item in value:
        kind = type(item)
        if kind is dict and item:
            first = len(out)
            _lines(item, indent + 2, out)
            out[first] = f"{pad}- {out[first][indent + 2:]}"
        elif kind is list and item:
            append(f"{pad}-")
            _lines(item, indent + 2, out)
        else:
            append(f"{pad}- {_empty(item) if kind in (dict, list) else scalar(item)}")


def _empty(value: dict[Any, Any] | list[Any]) -> str:
    return "{}" if isinstance(value, dict) else "[]"


def to_yaml(data: Any) -> str:
    """``data`` (mappings, lists and scalars) as block-style YAML, ending with a newline."""
    if not isinstance(data, (dict, list)) or not data:
        return (scalar(data) if not isinstance(data, (dict, list)) else _empty(data)) + "\n"
    out: list[str] = []
    _lines(data, 0, out)
    return "\n".join(out) + "\n"
