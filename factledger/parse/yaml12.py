"""What YAML 1.2 says, where factledger's parser (libyaml, a YAML 1.1 parser) needs telling.

* How a plain scalar resolves by the YAML 1.2 core schema (:func:`resolve_plain`): only
  ``true``/``false`` are booleans, ``NO`` and ``on`` are text, ``1e3`` and ``0o17`` are numbers.
* When two keys are the same key (:func:`key_name`): ``1`` and ``01``, ``true`` and ``True``.
* Where YAML 1.1 breaks a line and 1.2 does not (NEL, LS, PS), and how to map libyaml's
  positions back to the file's real lines (:class:`LineMap`).
"""

from __future__ import annotations

import math
import re
from typing import Any

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), plain scalars only.
# \Z, not $: '$' also matches before a final newline.
_NULL = re.compile(r"(?:~|null|Null|NULL|)\Z")
_TRUE = re.compile(r"(?:true|True|TRUE)\Z")
_FALSE = re.compile(r"(?:false|False|FALSE)\Z")
_INT10 = re.compile(r"[-+]?[0-9]+\Z")
_INT8 = re.compile(r"0o[0-7]+\Z")
_INT16 = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)\Z")
_MAY_BE_SPECIAL = frozenset("~nNtTfF0123456789+-.")


# Python refuses to convert decimal texts of more than 4,300 digits to int (and the conversion
# is quadratic); a longer integer is read as a float (infinite), which the builder refuses.
_INT_DIGITS = 400


_NULLS = frozenset({"~", "null", "Null", "NULL", ""})  # what _NULL matches, for the common question


def is_null(text: str) -> bool:
    """Whether a plain scalar written ``text`` is null (``~``, ``null``, or nothing)."""
    return text in _NULLS


def resolve_plain(text: str) -> Any:
    """Resolve a plain (unquoted, untagged) scalar by the YAML 1.2 core schema. Never raises."""
    if text and text[0] not in _MAY_BE_SPECIAL:
        return text
    if _NULL.match(text):
        return None
    if _TRUE.match(text):
        return True
    if _FALSE.match(text):
        return False
    if _INT10.match(text):
        return int(text) if len(text) <= _INT_DIGITS else float(text)
    if _INT8.match(text):
        return int(text[2:], 8)
    if _INT16.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    return text


_KEY_NAMES: dict[str, str] = {}


def key_name(raw: str, plain: bool) -> str:
    """The name a mapping stores a key under: its text, or for a plain key that YAML 1.2 reads as a
    number, boolean or null, a name no field has that is the same for every spelling of that value."""
    if not plain:
        return raw
    found = _KEY_NAMES.get(raw)
    if found is None:
        value = resolve_plain(raw)
        if isinstance(value, str):
            found = raw
        else:
            canonical = "nan" if isinstance(value, float) and math.isnan(value) else repr(value)
            found = f"\x00{type(value).__name__}:{canonical}"
        if len(raw) < 64 and len(_KEY_NAMES) < 65536:  # field names repeat; cache them
            _KEY_NAMES[raw] = found
    return found


AMBIGUOUS_BREAK = re.compile("[\x85\u2028\u2029]")
_ANY_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
BREAK_NAMES = {"\x85": "U+0085 (next line)", "\u2028": "U+2028 (line separator)",
                "\u2029": "U+2029 (paragraph separator)"}


class LineMap:
    """libyaml's positions back to the file's real ones, for a file holding raw NEL, LS or PS.

    libyaml (YAML 1.1) starts a new line at each of them; editors and YAML 1.2 do not. Built only
    for such files: every other file's positions are libyaml's own.
    """

    def __init__(self, text: str) -> None:
        self.lines = [(1, 0)]  # per libyaml line (0-based): the real line and the column shift
        self.breaks: list[tuple[str, int, int]] = []  # ambiguous ones: (character, real line, real column)
        real_line, real_start = 1, 0
        for match in _ANY_BREAK.finditer(text):
            after = match.end()
            if match.group() in BREAK_NAMES:
                self.breaks.append((match.group(), real_line, match.start() - real_start + 1))
            else:
                real_line, real_start = real_line + 1, after
            self.lines.append((real_line, after - real_start))

    def __call__(self, line: int, column: int) -> tuple[int, int]:
        """0-based libyaml line and column → 1-based real line and column."""
        real_line, shift = self.lines[line] if line < len(self.lines) else self.lines[-1]
        return real_line, column + shift + 1
