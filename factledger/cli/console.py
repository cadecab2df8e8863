"""Writing to the terminal, a pipe or a CI log: results through their renderer, and one-line notes.

Ledger text is never interpreted: markup, emoji and highlighting are off (renderers make the text
safe before it gets here). Rich is imported only when something is printed.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from factledger.system.scoped import scoped

if TYPE_CHECKING:
    from rich.console import Console


@dataclass(frozen=True)
class Writing:
    """How one run writes, from --color and --quiet (before or after the command)."""

    color: str = "auto"  # auto: colour on a terminal unless NO_COLOR is set; always; never
    quiet: bool = False  # only what a failure needs: no notes, and a report's summary line only when it fails


# Set for the length of one command (cli.app.Command.invoke) and reset after it, so that one run's
# settings never leak into the next (the tests run the CLI many times in one process).
_WRITING: ContextVar[Writing] = ContextVar("writing", default=Writing())  # noqa: B039 - a frozen dataclass


def writing(settings: Writing) -> AbstractContextManager[None]:
    return scoped(_WRITING, settings)


def quiet() -> bool:
    return _WRITING.get().quiet

_TRAILING = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)
_STYLES = re.compile(r"\x1b\[[0-9;]*m")


def tidy(text: str) -> str:
    """``text`` laid out by Rich, without the spaces it pads lines to the width with, and without blank
    lines before or after it."""
    lines = _TRAILING.sub(r"\1", text).split("\n")
    while lines and not _STYLES.sub("", lines[0]).strip():
        lines.pop(0)
    while lines and not _STYLES.sub("", lines[-1]).strip():
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    colour: dict[str, Any] = {}
    color = _WRITING.get().color
    if color == "always":
        colour = {"force_terminal": True, "no_color": False, "color_system": "standard"}  # even where TERM=dumb
    elif color == "never":
        colour = {"no_color": True, "color_system": None}
    return Console(stderr=stderr, markup=False, emoji=False, highlight=False, soft_wrap=False, **colour)


def emit(rendered: Any) -> None:
    """Print what a renderer returned: a string as it is, line reports, a Rich renderable, or an Output.
    Human layouts end no line with spaces (Rich pads cells and blocks to the width). A reader that
    leaves before the end (``| head``) ends the output quietly; any other failed write is raised."""
    from factledger.render.output import Output

    stderr = None
    if isinstance(rendered, Output):
        rendered, stderr = rendered.stdout, rendered.stderr
    try:
        _emit(rendered)
    except BrokenPipeError:
        from factledger.system.streams import silence

        silence()
    if stderr is not None:
        from factledger.render.lines import write

        write(stderr, console(stderr=True), sys.stderr)


def _emit(rendered: Any) -> None:
    from factledger.render.lines import Lines, write

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


def _line(prefix: str, message: str, style: str) -> None:
    from rich.text import Text

    from factledger.text.escapes import safe

    # A message of several lines (what an edit would break, one problem a line) keeps its lines; every line
    # after the first is indented, so nothing in it can pass for a line of its own (a verdict, a log command).
    first, *rest = f"{prefix}: {message}".split("\n")
    lines = [safe(first, keep_newlines=False),
             *(safe(line if line.startswith(" ") else "  " + line, keep_newlines=False) for line in rest)]
    console(stderr=True).print(Text("\n".join(lines), style=style), soft_wrap=True)


def warn(message: str) -> None:
    _line("warning", message, "yellow")


def note(message: str) -> None:
    if quiet():
        return
    from rich.text import Text

    from factledger.text.escapes import safe

    console(stderr=True).print(Text(safe(message, keep_newlines=False), style="dim"), soft_wrap=True)


def error(message: str) -> None:
    _line("error", message, "bold red")


def fail(message: str, code: int) -> NoReturn:
    error(message)
    raise typer.Exit(code)


def wants_progress(human: bool) -> bool:
    """A progress display only for a person watching: a human format, stderr a terminal, not in CI,
    not --quiet. Machine formats, pipes and logs get nothing but their output."""
    from factledger.system.env import env_flag

    return (human and not quiet() and not env_flag("CI") and not env_flag("GITHUB_ACTIONS")
            and sys.stderr is not None and sys.stderr.isatty())


class LoadProgress:
    """Files read so far, on stderr, shown only once loading proves large (a thousand files or more,
    or a second gone) and cleared when it ends."""

    FILES, SECONDS = 1000, 1.0

    def __init__(self) -> None:
        import time

        self._clock = time.monotonic
        self._start = self._clock()
        self._shown: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self._shown is False:
            return
        if self._shown is None:
            if total < self.FILES and self._clock() - self._start < self.SECONDS:
                return
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            shown_on = console(stderr=True)
            # Past the watch on standard error (cli.entry): the display is gone before the command writes its
            # answer, so a run that showed it may still keep that answer (cli.answers).
            shown_on.file = getattr(sys.stderr, "beneath", sys.stderr)
            self._shown = Progress(TextColumn("reading the ledger"), BarColumn(), MofNCompleteColumn(),
                                   TextColumn("files"), TimeElapsedColumn(), console=shown_on, transient=True,
                                   # what is written meanwhile goes where it would, watched as ever
                                   redirect_stdout=False, redirect_stderr=False)
            self._shown.start()
            self._task = self._shown.add_task("load", total=total)
        self._shown.update(self._task, completed=done)
        if done >= total:  # cleared before the command writes its answer
            self.stop()

    def stop(self) -> None:
        if self._shown:
            self._shown.stop()
            self._shown = False  # shown and gone: not shown again


@contextmanager
def loading(human: bool) -> Iterator[None]:
    """Around a command: loading reports its progress to a display, where a person is watching."""
    if not wants_progress(human):
        yield
        return
    from factledger.api.common import progress

    shown = LoadProgress()
    try:
        with progress(shown):
            yield
    finally:
        shown.stop()
