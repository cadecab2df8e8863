"""The console script: standard streams made safe, a kept help page or answer written at once, else the
Typer application run. Nothing here imports Typer or Rich until a command needs them."""

from __future__ import annotations

import contextlib
import os
import sys

from factledger.cli import answers, helpcache
from factledger.problems.exits import EXIT_DATA, EXIT_OK, EXIT_USAGE
from factledger.system import cachedir

# Named for the checker only: importing typing (and re, which it imports) costs a kept answer a fifth of its
# time. Set here rather than imported from typing, which checkers read the same way.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, NoReturn, TypeVar

    T = TypeVar("T")

_cut_short = False


def main() -> None:
    """Console-script entry point.

    Whatever the terminal or pipe can take: characters its encoding lacks are written as escapes
    rather than ending the run; every write to standard output is checked, so output that cannot be
    written whole (``> /dev/full``, a disk that fills part-way, ``>&-``) is one line and exit 2, never
    a traceback and never success; a reader that stops early (``| head``) ends the output quietly, and
    the command still exits with its own code. A help page seen before, in the same place, is written
    as it was then (:mod:`.helpcache`); so is a reading command's answer, while nothing it read has
    changed (:mod:`.answers`).
    """
    from factledger.system import streams

    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    argv = sys.argv[1:]
    page_name = _named(helpcache.key) if sys.stdout is not None and helpcache.wanted(argv) else None
    answer_name = (_named(answers.key) if page_name is None and sys.stdout is not None and answers.wanted(argv)
                   else None)
    raw = None
    if sys.stdout is None:
        sys.stdout = _Closed("standard output")
    else:
        raw = streams.checked_stdout(record=cachedir.HELP_PAGE_LIMIT if page_name is not None
                                     else answers.SIZE if answer_name is not None else 0)
    if sys.stderr is None:
        # nowhere to say anything; the exit code still tells
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - the process's stderr from now on, never closed
    if raw is None:
        page_name = answer_name = None
    kept = _interruptible(helpcache.read, page_name) if page_name is not None else None
    if kept is not None:
        sys.exit(_run(lambda: _write(kept)))
    answer = _interruptible(answers.read, answer_name) if answer_name is not None else None
    if answer is not None and raw is not None:
        raw.written = None  # what is written again is not recorded again
        sys.exit(_run(lambda: _write(answer.output, answer.code)))
    if answer_name is not None:
        answers.watch()
    watched = _Watched(sys.stderr)
    if page_name is not None or answer_name is not None:
        sys.stderr = watched
    code = _run(_typer)
    written = raw.written if raw is not None and not watched.used and not _cut_short else None
    if written is not None:
        with contextlib.suppress(KeyboardInterrupt):  # the output was written: a late Ctrl-C only skips keeping it
            if page_name is not None and written and code in (None, EXIT_OK) and helpcache.was_shown():
                if helpcache.key() == page_name:  # nothing it depends on changed while it was laid out
                    helpcache.keep(page_name, b"".join(written))
            elif answer_name is not None and code in (None, EXIT_OK, EXIT_DATA) and answers.key() == answer_name:
                answers.keep(answer_name, code or EXIT_OK, b"".join(written))
    sys.exit(code)


def _named(key: Callable[[], str | None]) -> str | None:
    try:
        return key()
    except KeyboardInterrupt:
        _stopped()


def _interruptible(read: Callable[[str], T], name: str) -> T | None:
    try:
        return read(name)
    except KeyboardInterrupt:
        _stopped()


def _stopped() -> NoReturn:
    sys.stderr.write("\ninterrupted; nothing was left half-written\n")
    sys.exit(130)


def _typer() -> Any:
    from factledger.cli.app import click_app
    from factledger.cli.main import app  # noqa: F401 - every command registered

    try:
        click_app()()  # what Typer's app() does, but building only the command that runs
    except SystemExit as exc:
        return exc.code
    return EXIT_OK


def _write(output: bytes, code: int = EXIT_OK) -> Any:
    sys.stdout.flush()
    sys.stdout.buffer.write(output)
    return code


def _run(work: Any) -> Any:
    """``work``'s exit code, with what it wrote flushed, and a failure to write said as the docstring of
    :func:`main` promises."""
    from factledger.system import streams

    code: Any = EXIT_OK
    try:
        code = work()
        # What is still buffered is written here, where a failure can still be said (a face that closed
        # standard output itself, the language server at its exit, has nothing left to write).
        if not getattr(sys.stdout, "closed", False):
            sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away: stop without a traceback, and without Python's own complaint at exit.
        global _cut_short
        _cut_short = True  # what was written may be part of a page: none is kept
        streams.silence()
        return code
    except _interruptions():
        _stopped()
    except OSError as exc:  # standard output is full, closed or gone
        from factledger.system import fs

        streams.silence()  # what could not be written is not tried again at exit
        with contextlib.suppress(OSError):
            sys.stderr.write(f"error: cannot write the output: {fs.reason(exc)}\n")
        return EXIT_USAGE
    return code


def _interruptions() -> tuple[type[BaseException], ...]:
    """What stops a run on a signal; looked up only when something stopped it (a kept help page never
    loads the writer's machinery)."""
    from factledger.system.output import Interrupted

    return KeyboardInterrupt, Interrupted


class _Watched:
    """Standard error, noting whether anything was written to it (a run that warned keeps no help page:
    its warning must be said every time)."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.used = False

    @property
    def beneath(self) -> Any:
        """The stream itself, for what is erased before the run ends (the loading display: cli.console)."""
        return self._stream

    def write(self, text: str) -> int:
        self.used = self.used or bool(text)
        return int(self._stream.write(text))

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _Closed:
    """Stands for a standard stream the process was started without (``>&-``)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OSError(f"{self.name} is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(f"{self.name} is closed")
