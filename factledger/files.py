"""Writing files so that nothing is ever half-written or lost: build beside the target, then rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class OutputError(Exception):
    """The output path cannot be written (a usage error: the message says why)."""


def _check(target: Path) -> None:
    if target.is_dir():
        raise OutputError(f"'{target}' is a folder; give a file name")
    if not target.parent.is_dir():
        raise OutputError(f"the folder '{target.parent}' does not exist")


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target`` in one step.

    On failure the temporary file is removed and ``target`` is left exactly as it was. Only a
    regular file is replaced this way; see :func:`write_text` for pipes and devices.
    """
    _check(target)
    target = target.resolve()
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_text(target: Path, text: str) -> None:
    """Write ``text`` to ``target``: atomically for a file; straight through to a pipe or device
    (``-o /dev/stdout``, a FIFO), which must never be replaced by a file."""
    if target.exists() and not target.is_file() and not target.is_dir():
        try:
            with open(target, "w", encoding="utf-8") as stream:
                stream.write(text)
        except OSError as exc:
            raise OutputError(f"cannot write to '{target}': {exc.strerror or exc}") from None
        return
    try:
        with replacing(target) as temporary:
            temporary.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write '{target}': {exc.strerror or exc}") from None


def check_regular_target(target: Path) -> None:
    """For outputs that must be real files (a database): refuse pipes, devices and folders."""
    if target.exists() and not target.is_file():
        raise OutputError(f"'{target}' is not a regular file; a database needs one")
    _check(target)
