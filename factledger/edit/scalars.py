"""How one value is written into a ledger file: the one rule every command that writes YAML follows.

Quotes only where YAML needs them: a text is written plain when every reader reads it back as that
same text: YAML 1.2 (factledger, and most new tools) and YAML 1.1 (PyYAML, libyaml, many editors and
older tools), which reads ``NO``, ``yes`` and ``on`` as booleans, ``012`` as octal, ``1:20`` as a
number and ``2024-01-01`` as a date; ``1e3`` is a number in 1.2 and text in 1.1. Otherwise it is
double-quoted, with anything invisible or unprintable written as an escape, so that what the file
holds can always be seen. A number is written in a form both read as the same number (``1e3`` as
``1000.0``, ``012`` as ``12``); a date is written as it is meant, a date.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

from factledger.model.numbers import number_problem
from factledger.parse.yaml12 import resolve_plain
from factledger.text.escapes import UNSAFE_CHARACTERS, escape_character, safe

_STR = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()  # PyYAML's YAML 1.1 implicit types: what a YAML 1.1 reader makes of a plain text
_YAML11_BOOLEANS_PYYAML_LACKS = frozenset({"y", "Y", "n", "N"})  # in the 1.1 type repository, left out by PyYAML
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_UNSAFE = frozenset(",[]{}")
_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?\Z")
# What YAML lets a file hold raw (its printable set, https://yaml.org/spec/1.2.2/#51-character-set), less
# what factledger never lets reach a reader raw (controls, bidi overrides, invisible characters).
_RAW = re.compile("[\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*\\Z")
_ESCAPED = re.compile(f'[\\\\"\t]|[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[{UNSAFE_CHARACTERS}]')
_SHORT = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def reads_back_as_text(text: str) -> bool:
    """Whether ``text``, written plain, is text to YAML 1.2 and YAML 1.1 readers alike."""
    if not isinstance(resolve_plain(text), str) or text in _YAML11_BOOLEANS_PYYAML_LACKS:
        return False
    resolved: str = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]  # PyYAML's stubs leave it untyped
    return resolved == _STR


def can_be_plain(text: str, flow: bool = False) -> bool:
    """Whether ``text`` can be written without quotes (in a flow collection, when ``flow``) and read back
    as the same text by every YAML reader."""
    if not text or text != text.strip() or "\t" in text or not _RAW.match(text) or safe(text) != text:
        return False
    if text[0] in _INDICATORS or ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and (_FLOW_UNSAFE & set(text)):
        return False
    return reads_back_as_text(text)


def quoted(text: str) -> str:
    """``text`` double-quoted, with quotes, backslashes and every invisible or unprintable character escaped."""
    return '"' + _ESCAPED.sub(lambda m: _SHORT.get(m.group()) or escape_character(m.group()), text) + '"'


def text(value: str, flow: bool = False) -> str:
    """A text as it is written in a ledger: plain where that is safe, else double-quoted."""
    return value if can_be_plain(value, flow) else quoted(value)


def date(value: str, flow: bool = False) -> str:
    """A date field's text: plain when it is a date (which is what a YAML 1.1 reader takes it for), else as text."""
    return value if _DATE.fullmatch(value) else text(value, flow)


def number(value: int | float) -> str | None:
    """A number written so that YAML 1.2 and 1.1 read it back as this same number (1000.0, not 1e3;
    1.0e+20, not 1e+20), or None when it has no such form (infinite, not a number)."""
    if isinstance(value, bool) or (isinstance(value, float) and not math.isfinite(value)):
        return None
    if isinstance(value, int):
        return str(value)
    shown = repr(value)
    mantissa, _, exponent = shown.partition("e")
    if exponent:
        sign = "" if exponent.startswith(("-", "+")) else "+"
        shown = f"{mantissa if '.' in mantissa else mantissa + '.0'}e{sign}{exponent}"
    return shown


def written_number(raw: str) -> str:
    """A plain scalar that reads as a number, in its canonical form: as written when there is none, or
    when the written form is one the ledger refuses (too many digits, infinite), which must stay visible."""
    value = resolve_plain(raw)
    if not isinstance(value, (int, float)) or isinstance(value, bool) or number_problem(value, raw) is not None:
        return raw
    shown = number(value)
    if shown is None:
        return raw
    again = resolve_plain(shown)
    return shown if type(again) is type(value) and again == value else raw


def value(data: Any, flow: bool = False) -> str:
    """A Python value (as JSON or a prompt gives it) written as a scalar: a text, a number, true/false, null."""
    if data is None:
        return "null"
    if isinstance(data, bool):
        return "true" if data else "false"
    if isinstance(data, (int, float)):
        shown = number(data)
        if shown is None:
            raise ValueError(f"{data} is not a number a ledger can hold")
        return shown
    return text(str(data), flow)
