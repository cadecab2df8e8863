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

_WORD = re.compile(r"\S+")
_BULLETS = ("• ", "→ ", "- ", "✗ ", "✓ ")


@dataclass
class Lines:
    lines: list[list[Span]] = field(default_factory=list)
    summary: int = -1  # which line sums the report up (what --quiet keeps of a failure): the last, or the first

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
    """``line`` as lines of at most ``width`` columns, broken only between words (a run of non-space
    characters stays whole, whatever its styles), continuations indented by :func:`_hang`."""
    plain = "".join(text for text, _ in line)
    if len(plain) <= width or width < 20:
        return [line]
    hang = _hang(plain)
    found = (_cuts_by_words if _OTHER_SPACE.search(plain) else _cuts)(plain, width, hang)
    if found is None:
        return [line]
    cuts, last_end = found
    # The line ends with its last word: the spaces after it are dropped, as those at every break are.
    pieces = ([(0, cuts[0][0])] + [(cuts[i][1], cuts[i + 1][0]) for i in range(len(cuts) - 1)]
              + [(cuts[-1][1], last_end)])
    out = _pieces(line, pieces)
    indent = (" " * hang, "")
    return [out[0], *([indent, *piece] for piece in out[1:])]


Cuts = tuple[list[tuple[int, int]], int]  # (where a line's text ends, where the next one's starts); the last word's end
_OTHER_SPACE = re.compile(r"[^\S ]")  # whitespace other than the space: tabs, no-break spaces


def _cuts_by_words(plain: str, width: int, hang: int) -> Cuts | None:
    """Where ``plain`` breaks, word by word: each line takes words while they fit, and its first word
    whatever its length. The reference for :func:`_cuts`, and used where whitespace is not all spaces."""
    cuts: list[tuple[int, int]] = []
    start, indent, last_end = 0, 0, -1
    for word in _WORD.finditer(plain):
        begin, end = word.span()
        if last_end >= 0 and indent + end - start > width and last_end > start:
            cuts.append((last_end, begin))
            start, indent = begin, hang
        last_end = end
    return (cuts, last_end) if cuts else None


def _cuts(plain: str, width: int, hang: int) -> Cuts | None:
    """:func:`_cuts_by_words` for a text whose only whitespace is the space, a line at a time rather
    than a word at a time (a large check prints a quarter of a million lines)."""
    last_end = len(plain.rstrip(" "))
    cuts: list[tuple[int, int]] = []
    start, indent = 0, 0
    first_word = len(plain) - len(plain.lstrip(" "))  # where the first line's first word begins
    while True:
        limit = start + width - indent  # a word fits if it ends here or before
        if last_end <= limit:
            break
        # The last space after the line's first word (none when the room is less than the indent:
        # and never a negative bound, which str.rfind would count from the end).
        end = plain.rfind(" ", first_word, limit + 1) if limit >= first_word else -1
        while end > first_word and plain[end - 1] == " ":
            end -= 1  # back to the end of the word before it
        if end <= first_word:
            end = plain.find(" ", first_word)  # the line's first word is kept whole, however long
            if end == -1 or end >= last_end:
                break
        begin = end
        while plain[begin] == " ":
            begin += 1
        cuts.append((end, begin))
        start, indent, first_word = begin, hang, begin
    return (cuts, last_end) if cuts else None


def _pieces(line: list[Span], bounds: list[tuple[int, int]]) -> list[list[Span]]:
    """The spans of ``line`` covering each of ``bounds`` (character ranges, in order, not overlapping),
    cut to fit: one pass over the spans for all of them."""
    out: list[list[Span]] = [[] for _ in bounds]
    count = len(bounds)
    piece, offset = 0, 0
    for text, style in line:
        end = offset + len(text)
        while piece < count:
            a, b = bounds[piece]
            if b <= offset:
                piece += 1  # ended before this span
                continue
            if a >= end:
                break  # starts after it
            out[piece].append((text[a - offset if a > offset else 0: b - offset], style))
            if b > end:
                break  # goes on into the next span
            piece += 1
        offset = end
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
