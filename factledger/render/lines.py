"""Line-oriented human output (diagnostics, findings) without Rich's layout engine.

A report is a list of lines, each a list of (text, style) spans with the text already made
safe. Writing it is a join, plus ANSI styles when the console has colour. Rich's layout is
kept for tables and panels; for a report of a hundred thousand lines it took longer than
computing the report (measured: 12 s to print 63,000 findings).

Where the width is known (a terminal, or COLUMNS set), a line longer than it is wrapped between
words, never inside one (an id, a path or a number stays whole even when it is wider than the
room), and its continuation lines are indented under the line's text. Where the width is not
known (a pipe, a CI log), each line is written whole, so that grep and problem matchers see it
whole and the log viewer wraps it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TextIO

from rich.console import Console
from rich.style import Style

Span = tuple[str, str]

_TOKEN = re.compile(r"\s+|\S+")
_BULLETS = ("• ", "→ ", "- ", "✗ ", "✓ ")


@dataclass
class Lines:
    lines: list[list[Span]] = field(default_factory=list)

    def add(self, *spans: Span) -> None:
        self.lines.append(list(spans))

    def plain(self) -> str:
        return "".join("".join(text for text, _ in line) + "\n" for line in self.lines)


@lru_cache(maxsize=64)
def _style(name: str) -> Style:
    return Style.parse(name) if name else Style.null()


def _hang(text: str) -> int:
    """How far a line's continuations are indented: under its text, past any bullet; a line that
    starts at the margin (a diagnostic) continues four columns in."""
    indent = len(text) - len(text.lstrip(" "))
    rest = text[indent:]
    if rest.startswith(_BULLETS):
        return indent + 2
    return indent + (4 if indent == 0 else 2)


def wrap(line: list[Span], width: int) -> list[list[Span]]:
    """``line`` as lines of at most ``width`` columns, broken only between words."""
    plain = "".join(text for text, _ in line)
    if len(plain) <= width or width < 20:
        return [line]
    hang = _hang(plain)
    out: list[list[Span]] = [[]]
    used, start = 0, 0  # columns used on the current line; where its text starts
    pending: list[Span] = []  # spaces between words: written only if a word follows on the same line
    for text, style in line:
        for token in _TOKEN.findall(text):
            if token.isspace():
                pending.append((token, style))
                continue
            gap = sum(len(t) for t, _ in pending)
            # A line breaks only where there is space: a word split across styles stays whole.
            if pending and used + gap + len(token) > width and used > start:
                out.append([(" " * hang, "")])
                used, start, pending, gap = hang, hang, [], 0
            out[-1] += [*pending, (token, style)]
            used += gap + len(token)
            pending = []
    return out


def known_width(console: Console, out: TextIO) -> int | None:
    """The width to wrap to, if the output has one: a terminal's, or COLUMNS (--color always does not
    make a pipe a terminal)."""
    import os

    try:
        terminal = out.isatty()
    except (AttributeError, ValueError, OSError):
        terminal = False
    return console.width if terminal or os.environ.get("COLUMNS") else None


def _merged(line: list[Span]) -> list[Span]:
    """Neighbouring spans of one style as one (wrapping splits them into words)."""
    merged: list[Span] = []
    for text, style in line:
        if merged and merged[-1][1] == style:
            merged[-1] = (merged[-1][0] + text, style)
        else:
            merged.append((text, style))
    return merged


def write(lines: Lines, console: Console, out: TextIO) -> None:
    """Write ``lines`` to ``out``, wrapped where the width is known, styled only when ``console``
    would use colour there."""
    width = known_width(console, out)
    rows = lines.lines if width is None else [_merged(part) for line in lines.lines for part in wrap(line, width)]
    system = console.color_system if not console.no_color else None
    if system is None:
        out.write("".join("".join(text for text, _ in line) + "\n" for line in rows))
        return
    chunks = []
    for line in rows:
        chunks.append("".join(_style(style).render(text, color_system=console._color_system) if style else text
                              for text, style in line))
        chunks.append("\n")
    out.write("".join(chunks))
