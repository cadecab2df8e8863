"""Standard output written whole, or not at all without a word.

Python's own standard output drops what a short write leaves over when it is unbuffered
(``PYTHONUNBUFFERED=1``, ``python -u``, as in most containers and CI images): a disk that fills
part-way through ``factledger export json > file`` left a truncated file and exit 0. Here every
write goes through :class:`_Whole`, which carries on after a short write until every byte is out
and raises for a write that fails, so the command line can say so (exit 2). A reader that leaves
(``| head``) is not a failure: :func:`silence` makes the rest of the output go nowhere, quietly.
"""

from __future__ import annotations

import errno
import io
import os
import select
import sys

TYPE_CHECKING = False  # not typing's: it is imported before a kept answer is written (cli.entry)
if TYPE_CHECKING:
    from typing import TextIO

# A help page or a report of a few screens is handed to the pipe in one write: a reader that takes
# its first line and leaves (``| head -1``) then never makes the write fail.
BUFFER = 1 << 16


class _Whole(io.RawIOBase):
    """A file descriptor to which every write is made whole."""

    def __init__(self, descriptor: int, record: int = 0) -> None:
        super().__init__()
        self._descriptor = descriptor
        # What was written, up to ``record`` bytes, when asked for (what the command line keeps: cli.shelf).
        self.written: list[bytes] | None = [] if record else None
        self._limit = record
        self._recorded = 0

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._descriptor

    def isatty(self) -> bool:
        return os.isatty(self._descriptor)

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(data).cast("B")
        done = 0
        try:
            while done < len(view):
                try:
                    written = os.write(self._descriptor, view[done:])
                except BlockingIOError:  # a descriptor left non-blocking by whoever started us: wait for room
                    select.select([], [self._descriptor], [])
                    continue
                if written == 0:
                    raise OSError(errno.EIO, "the output took nothing")
                done += written
        except BaseException:
            # What was recorded is not what was written (a reader that left, a full disk, an interrupt),
            # wherever the failure is then caught: nothing of this run is kept (cli.answers, cli.helpcache).
            self.written = None
            raise
        if self.written is not None:
            self.written.append(bytes(view))
            self._recorded += len(view)
            if self._recorded > self._limit:  # more than is kept: not worth holding
                self.written = None
        return done


def checked_stdout(record: int = 0) -> _Whole | None:
    """Make ``sys.stdout`` a stream whose every write is whole or raises, in the encoding and error
    handling it had (a terminal stays line-buffered). With ``record``, what reaches the descriptor is
    kept too, whatever wrote it, up to that many bytes (the stream's ``written``; None past them). The
    stream beneath, or None when ``sys.stdout`` has no descriptor."""
    current = sys.stdout
    try:
        descriptor = current.fileno()
    except (AttributeError, OSError, ValueError):
        return None  # not a real descriptor (a test's capture): nothing to check beneath it
    current.flush()
    raw = _Whole(descriptor, record)
    sys.stdout = io.TextIOWrapper(io.BufferedWriter(raw, buffer_size=BUFFER), encoding=current.encoding,
                                  errors="backslashreplace", line_buffering=raw.isatty())
    return raw


def silence(stream: TextIO | None = None) -> None:
    """The reader of standard output has gone: whatever is still to be written goes nowhere, so that
    neither this run nor Python's own flush at exit complains of it."""
    target = stream or sys.stdout
    try:
        descriptor = target.fileno()
    except (AttributeError, OSError, ValueError):
        return
    nowhere = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(nowhere, descriptor)
    finally:
        os.close(nowhere)
