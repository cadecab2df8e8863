"""Making ledger text safe to show: the one definition of the characters that must never reach a
reader raw (controls, bidi overrides, invisible and line-separating characters), and how they
are shown instead. Used by validation (FL116, FL118) and by every output."""

from __future__ import annotations

import re

# Characters that rewrite or hide what a terminal shows: C0/C1 controls (ESC starts escape
# sequences), DEL, and the bidirectional overrides used to make text read differently than it is.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
CONTROL_CHARACTERS = f"\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}"
# Characters no reader sees, and the Unicode line separators that split a line for some readers
# (Python's splitlines, many editors) but not for others. Unicode tag characters (U+E0000-E007F)
# can carry a whole hidden sentence. Zero-width joiner and non-joiner are not here: Persian,
# Indic scripts and emoji need them; nor are variation selectors, which only choose a glyph.
INVISIBLE_CHARACTERS = (
    "\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b\u2028\u2029\u2060-\u2065\u206a-\u206f"
    "\u3164\ufeff\uffa0\ufff9-\ufffb\U0001d173-\U0001d17a\U000e0000-\U000e007f"
)
# The one definition of what may never reach a reader raw; every output escapes this set.
UNSAFE_CHARACTERS = CONTROL_CHARACTERS + INVISIBLE_CHARACTERS
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")
_INVISIBLE = re.compile(f"[{INVISIBLE_CHARACTERS}]")
_UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}]")
_UNSAFE_WITH_NEWLINES = re.compile(f"[\x00-\x1f{UNSAFE_CHARACTERS}]")
# GitHub Actions takes a log line for a workflow command when, after any leading space, it starts with
# '::' (an annotation, a mask, a stop of commands) or when it holds '##[' anywhere (the runner's older
# form): actions/runner, ActionCommand.TryParseV2 and TryParse. Ledger text never carries either
# as it is: the first character of each is shown escaped, so no way of breaking or wrapping a line
# (a line break is escaped too, a table folds long words) can put a command at a line's start.
# Formats whose lines never start with ledger text (JSON, YAML) need only the second, and spell its first
# '#' in their own escape, which their readers undo: the data comes back exactly.
COMMAND_ANYWHERE = "##["
_COMMAND = re.compile(r":(?=:)|#(?=#\[)")
# A file holding none of these needs no per-field check (a backslash: a double-quoted
# scalar can spell any of them as an escape, "\e" or "\u200b").
_SUSPICIOUS = re.compile(f"[\\\\{UNSAFE_CHARACTERS}]")


def escape_character(char: str) -> str:
    """One character as a visible escape: \\x1b, \\u200b, \\U000e0041."""
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _escape(match: re.Match[str]) -> str:
    return escape_character(match.group())


def find_control_character(value: str) -> str | None:
    """The first control or bidi character in ``value``, written as an escape (``\\x1b``), or ``None``."""
    match = _CONTROL.search(value)
    return _escape(match) if match else None


def find_invisible_character(value: str) -> str | None:
    """The first invisible or line-separating character in ``value``, as an escape, or ``None``."""
    match = _INVISIBLE.search(value)
    return _escape(match) if match else None


def may_hold_unsafe_characters(text: str) -> bool:
    """False when ``text`` can hold no unsafe character, even spelt as a YAML escape."""
    return _SUSPICIOUS.search(text) is not None


def clip(value: str, limit: int = 60) -> str:
    """A value as quoted in a message: one line, at most ``limit`` characters, escapes shown."""
    value = safe(value, keep_newlines=False)
    return value if len(value) <= limit else value[: limit - 1] + "…"


# The most of one field a human format shows. Laying out a 4 MB statement took Rich half a
# minute; no reader reads that on a screen. Machine formats always carry everything.
DISPLAY_LIMIT = 2000


def shorten(value: str, limit: int = DISPLAY_LIMIT) -> str:
    """``value``, or its first ``limit`` characters and a marker saying how much is not shown."""
    if len(value) <= limit:
        return value
    return f"{value[:limit]}… [{len(value) - limit:,} more characters; --format json shows them all]"


def safe(value: str, keep_newlines: bool = True) -> str:
    """``value`` with every control, bidi-override and invisible character shown as a visible escape,
    and no CI log command in it (:func:`inert`).

    Tabs and newlines are kept as they are, unless ``keep_newlines`` is false: then they are
    escaped too, so that the value stays on one line.
    """
    shown = visible(value, keep_newlines)
    return inert(shown) if ("::" in shown or COMMAND_ANYWHERE in shown) else shown  # the test is C speed


def visible(value: str, keep_newlines: bool = True) -> str:
    """``value`` with every control, bidi-override and invisible character shown as a visible escape (what
    :func:`safe` does before making CI log commands inert: for a format with an encoding of its own that
    already makes some of them inert)."""
    return (_UNSAFE if keep_newlines else _UNSAFE_WITH_NEWLINES).sub(_escape, value)


def inert(value: str) -> str:
    """``value`` with no GitHub Actions workflow command in it, on any line however it is wrapped: the
    first colon of every ``::`` and the first ``#`` of every ``##[`` are shown escaped (``\\x3a:``,
    ``\\x23#[``). JSON and YAML spell the ``#`` in their own escape instead (:func:`spelled`)."""
    return _COMMAND.sub(_escape, value)


def spelled(text: str, escape: str) -> str:
    """``text`` (JSON or YAML, whose lines never start with ledger text) with the first ``#`` of every ``##[``
    written as ``escape``, which its readers undo."""
    return text.replace(COMMAND_ANYWHERE, escape + "#[") if COMMAND_ANYWHERE in text else text


def holds_unsafe_characters(value: str, newlines: bool = False) -> bool:
    """Whether :func:`safe` would escape a character of ``value`` (a line break too, with ``newlines``)."""
    return (_UNSAFE_WITH_NEWLINES if newlines else _UNSAFE).search(value) is not None
