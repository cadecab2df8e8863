"""Line-oriented human output (diagnostics, findings) without Rich's layout engine.

A report is a list of lines, each a list of (text, style) spans with the text already made
safe. Writing it is a join, plus ANSI styles when the console has colour. Rich's layout is
kept for tables and panels; for a report of a hundred thousand lines it took longer than
computing the report (measured: 12 s to print 63,000 findings).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TextIO

from rich.console import Console
from rich.style import Style

Span = tuple[str, str]


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


def write(lines: Lines, console: Console, out: TextIO) -> None:
    """Write ``lines`` to ``out``, styled only when ``console`` would use colour there."""
    system = console.color_system if not console.no_color else None
    if system is None:
        out.write(lines.plain())
        return
    chunks = []
    for line in lines.lines:
        chunks.append("".join(_style(style).render(text, color_system=console._color_system) if style else text
                              for text, style in line))
        chunks.append("\n")
    out.write("".join(chunks))
