"""Writing to the terminal, a pipe or a CI log: results through their renderer, and one-line notes.

Ledger text is never interpreted: markup, emoji and highlighting are off (renderers make the text
safe before it gets here). Rich is imported only when something is printed.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Any, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console


# How the whole run writes, from --color and --quiet (before or after the command): set once, read here.
COLOR = "auto"  # auto: colour on a terminal unless NO_COLOR is set; always; never
QUIET = False  # only what a failure needs: no notes, and a report's summary line only when it fails

_TRAILING = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)


def console(stderr: bool = False) -> "Console":
    from rich.console import Console

    colour: dict[str, Any] = {}
    if COLOR == "always":
        colour = {"force_terminal": True, "no_color": False, "color_system": "standard"}  # even where TERM=dumb
    elif COLOR == "never":
        colour = {"no_color": True, "color_system": None}
    return Console(stderr=stderr, markup=False, emoji=False, highlight=False, soft_wrap=False, **colour)


def emit(rendered: Any) -> None:
    """Print what a renderer returned: a string as it is, line reports, a Rich renderable, or an Output.
    Human layouts end no line with spaces (Rich pads cells and blocks to the width)."""
    from factledger.render import Output
    from factledger.render.lines import Lines, write

    stderr = None
    if isinstance(rendered, Output):
        rendered, stderr = rendered.stdout, rendered.stderr
    if isinstance(rendered, str):
        sys.stdout.write(rendered)
    elif isinstance(rendered, Lines):
        write(rendered, console(), sys.stdout)
    elif rendered is not None:
        out = console()
        with out.capture() as captured:
            out.print(rendered, crop=False)  # a word wider than the room is shown whole, never cut
        sys.stdout.write(_TRAILING.sub(r"\1", captured.get()))
    sys.stdout.flush()
    if stderr is not None and not (QUIET and not stderr.lines):
        write(stderr, console(stderr=True), sys.stderr)


def _line(prefix: str, message: str, style: str) -> None:
    from factledger.escapes import safe
    from rich.text import Text

    console(stderr=True).print(Text(safe(f"{prefix}: {message}", keep_newlines=False), style=style), soft_wrap=True)


def warn(message: str) -> None:
    _line("warning", message, "yellow")


def note(message: str) -> None:
    if QUIET:
        return
    from factledger.escapes import safe
    from rich.text import Text

    console(stderr=True).print(Text(safe(message, keep_newlines=False), style="dim"), soft_wrap=True)


def error(message: str) -> None:
    _line("error", message, "bold red")


def fail(message: str, code: int) -> NoReturn:
    error(message)
    raise typer.Exit(code)
