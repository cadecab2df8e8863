"""Writing outputs so that nothing is ever half-written or lost: the one writer for every command.

* ``-`` is standard output.
* A regular file is built beside the target, flushed to disk (``fsync``), renamed over the
  target in one step, and the folder's entry is flushed too: after a crash or a power loss the
  target is either the old file or the whole new one, never empty or half-written.
* The temporary file is removed on any error, and on SIGINT or SIGTERM while writing.
* A pipe or device (``-o /dev/stdout``, a FIFO) is written straight through, never replaced; so
  is a path that names the file standard output or error already writes to (``-o /dev/stdout``
  under ``>> log``), which a rename would silently replace.
* A target inside the data directory is refused unless forced: an export written there could
  replace a ledger or document file.

Every failure is an :class:`OutputError` whose message names the target the user gave, never a
temporary file; the CLI reports it as a usage error (exit 2).
"""

from __future__ import annotations

import errno
import os
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType
from typing import TextIO

from factledger.system import fs, witness

STDOUT = "-"


class OutputError(Exception):
    """The output cannot be written (the message says why and names the target)."""


class Interrupted(BaseException):
    """SIGTERM arrived while writing; raised so that the temporary file is cleaned up."""


def is_stdout(target: Path | str | None) -> bool:
    return target is None or str(target) == STDOUT


def refuse_inside(target: Path, data_dir: Path | None, force: bool) -> None:
    """Refuse a target inside the data directory (``force`` overrides)."""
    if force or data_dir is None or is_stdout(target):
        return
    if fs.is_inside(target.parent, data_dir) or fs.is_inside(target, data_dir):
        raise OutputError(f"'{target}' is inside the data directory '{data_dir}', where it could replace a ledger "
                          "or document file; write it elsewhere, or pass --force to write it there")


def _problem(target: Path, exc: BaseException) -> OutputError:
    import errno

    if isinstance(exc, OSError) and exc.errno == errno.ENOENT and target.parent.is_dir():
        # The folder is there but refuses a new file beside the target (/proc, a pseudo file system).
        return OutputError(f"cannot write '{target}': its folder '{target.parent}' does not take new files")
    return OutputError(f"cannot write '{target}': {fs.reason(exc)}")


def _stream_for(path: Path) -> int | None:
    """The descriptor (1 or 2) of standard output or error when ``path`` is the file it writes to."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    for descriptor in (1, 2):
        try:
            stream = os.fstat(descriptor)
        except OSError:
            continue
        if (stream.st_dev, stream.st_ino) == (info.st_dev, info.st_ino):
            return descriptor
    return None


def check_target(target: Path | str, regular: bool = False) -> None:
    """Refuse early what cannot be written: a folder, a missing folder, a name too long; with
    ``regular``, anything but a regular file (a database needs one)."""
    if str(target).endswith(("/", "/.")):
        raise OutputError(f"'{target}' names a folder; give a file name")
    target = Path(target)
    try:
        found = fs.kind(target)
        parent = fs.kind(target.parent if str(target.parent) else Path("."))
    except fs.FileProblem as exc:
        raise OutputError(f"cannot write '{target}': {exc}") from None
    if found == "folder":
        raise OutputError(f"'{target}' is a folder; give a file name")
    if regular and found == "other":
        raise OutputError(f"'{target}' is not a regular file; a database needs one")
    if parent == "missing":
        raise OutputError(f"cannot write '{target}': the folder '{target.parent}' does not exist")
    if parent != "folder":
        raise OutputError(f"cannot write '{target}': '{target.parent}' is not a folder")


@contextmanager
def _cleaned_up_on_signals() -> Iterator[None]:
    """Turn SIGTERM into an exception for the duration, so ``finally`` blocks run (SIGINT already is one)."""
    def terminated(signum: int, frame: FrameType | None) -> None:
        raise Interrupted(signum)

    try:
        previous = signal.signal(signal.SIGTERM, terminated)
    except ValueError:  # not the main thread: signals cannot be caught here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _sync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename is still atomic
    finally:
        os.close(descriptor)


def _sync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; when the block ends normally, it replaces ``target``.

    The caller fills the temporary file (and closes it). On any failure or interruption the
    temporary file, and any ``-journal``/``-wal`` file a database left beside it, are removed and
    ``target`` is left exactly as it was.
    """
    witness.affected("wrote a file")  # not an answer a later run may repeat (cli.answers)
    check_target(target)
    try:
        resolved = fs.resolve(target)
        # A private folder beside the target (mode 0700): no one else can plant a link at the
        # temporary file's name while it is being built, even in a shared folder such as /tmp.
        private = Path(tempfile.mkdtemp(prefix=f".{resolved.name[:64]}.", suffix=".tmp", dir=resolved.parent))
    except (OSError, fs.FileProblem) as exc:
        raise _problem(target, exc) from None
    temporary = private / resolved.name[:200]
    temporary.touch(mode=0o600)
    try:
        with _cleaned_up_on_signals():
            try:
                yield temporary
                existing = resolved.stat().st_mode & 0o777 if resolved.exists() else 0o666 & ~_umask()
                os.chmod(temporary, existing)
                _sync_file(temporary)
                os.replace(temporary, resolved)
                _sync_folder(resolved.parent)
            except OSError as exc:
                raise _problem(target, exc) from None
    finally:
        for leftover in (temporary, Path(f"{temporary}-journal"), Path(f"{temporary}-wal")):
            with suppress(OSError):
                leftover.unlink(missing_ok=True)
        with suppress(OSError):
            private.rmdir()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_text(target: Path | str | None, text: str, stdout: TextIO | None = None) -> None:
    """Write ``text`` to ``target``: standard output for ``-`` (or None), straight through to a pipe or
    device, atomically to a file."""
    if is_stdout(target):
        out = stdout or sys.stdout
        try:
            out.write(text)
            out.flush()
        except BrokenPipeError:  # the reader left (| head): not a failure, and nothing more to say
            from factledger.system.streams import silence

            silence(out)
        return  # any other failure (a full disk) is raised: the command line makes it a usage error
    assert target is not None  # None is standard output, written above
    check_target(target)
    path = Path(target)
    try:
        found = fs.kind(path)
    except fs.FileProblem as exc:
        raise OutputError(f"cannot write '{path}': {exc}") from None
    descriptor = _stream_for(path) if found == "file" else None
    if descriptor is not None:  # -o /dev/stdout under '>> log': append through the stream, as the shell asked
        out = sys.stdout if descriptor == 1 else sys.stderr
        try:
            out.write(text)
            out.flush()
        except OSError as exc:
            raise _problem(path, exc) from None
        return
    if found == "other":  # a pipe or device must never be replaced by a file
        witness.affected("wrote to a pipe or device")  # not an answer a later run may repeat (cli.answers)
        try:
            # Non-blocking to open, so that a pipe with no reader is an error, not a hang.
            handle = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
            os.set_blocking(handle, True)
            with open(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
        except OSError as exc:
            if exc.errno == errno.ENXIO:
                raise OutputError(f"cannot write '{path}': it is a pipe that no one is reading") from None
            raise _problem(path, exc) from None
        return
    with replacing(path) as temporary, open(temporary, "w", encoding="utf-8") as stream:
        stream.write(text)


def write_with(target: Path, fill: Callable[[Path], None]) -> None:
    """Build a file with ``fill(temporary_path)`` (a database) and put it in place of ``target`` atomically.

    ``fill`` is given a path where nothing exists yet; any exception it raises leaves ``target`` as it was
    (an ``OSError`` or ``sqlite3.Error`` becomes an OutputError naming ``target``).
    """
    check_target(target, regular=True)
    with replacing(target) as temporary:
        temporary.unlink()
        try:
            fill(temporary)
        except OSError as exc:
            raise _problem(target, exc) from None
        except Exception as exc:  # noqa: BLE001 - a database error: say so, naming the target
            if type(exc).__module__ == "sqlite3":
                raise OutputError(f"cannot write '{target}': {exc}") from None
            raise


def replace_files(files: Sequence[tuple[Path, bytes, bytes | None]]) -> None:
    """Write each of ``files`` (a path, its new content, its content now or None for a new file) atomically,
    all or none: when one cannot be written (or the run is interrupted), those already written are put back
    as they were, new files and the folders made for them removed, and the error raised. (Several files
    cannot be replaced in one step: a power cut part-way leaves each file whole, old or new.)"""
    done: list[tuple[Path, bytes | None]] = []
    made: list[Path] = []
    try:
        for target, data, before in files:
            if before is None:
                made += _make_folders(target.parent)
            with replacing(target) as temporary:
                temporary.write_bytes(data)
            done.append((target, before))
    except BaseException:
        for target, before in reversed(done):
            with suppress(OSError, OutputError):
                if before is None:
                    target.unlink()
                else:
                    with replacing(target) as temporary:
                        temporary.write_bytes(before)
        for folder in reversed(made):
            with suppress(OSError):
                folder.rmdir()
        raise


def _make_folders(folder: Path) -> list[Path]:
    """Make ``folder`` and any missing parent; the folders made, outermost first."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    made: list[Path] = []
    for each in reversed(missing):
        try:
            each.mkdir()
        except OSError as exc:
            for undo in reversed(made):
                with suppress(OSError):
                    undo.rmdir()
            raise _problem(each, exc) from None
        made.append(each)
    return made
