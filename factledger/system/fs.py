"""The one door to the file system for reading: files, folders, links and the size limit.

Every read factledger makes of a ledger file, a document file or an import input goes
through :func:`read_file`, every folder walk through :func:`walk`, every question "what is
at this path" through :func:`kind` and :func:`resolve`. Each turns whatever the operating
system raises (``OSError``, and the ``RuntimeError`` and ``ValueError`` that path handling
raises for link loops and NUL bytes) into a :class:`FileProblem` whose message a person can
act on. Callers turn that into a located diagnostic (data) or a usage error (a path given on
the command line); nothing here decides which.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, Literal

from factledger.system import witness

DEFAULT_MAX_FILE_SIZE = 64 * 2**20
MAX_FILE_SIZE_VARIABLE = "FACTLEDGER_MAX_FILE_SIZE"
LARGEST_SIZE = 2**62  # a limit is compared with sizes, never allocated: it needs only to be a file size


class FileProblem(Exception):
    """A path that cannot be read as asked; ``str()`` says why in a few words."""

    def __init__(self, reason: str, too_large: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.too_large = too_large


class LimitError(ValueError):
    """The configured size limit cannot be read (a usage error)."""


_REASONS = {
    errno.ELOOP: "a symbolic link loops (or the path has too many links)",
    errno.ENAMETOOLONG: "the name is too long for the file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOENT: "it does not exist",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "it is a folder",
    errno.ENXIO: "it is a socket or a device with nothing behind it",
}


def reason(exc: BaseException) -> str:
    """What went wrong, in the words of someone who gave the path (never a traceback)."""
    if isinstance(exc, OSError):
        if exc.errno in _REASONS:
            return _REASONS[exc.errno]
        return (exc.strerror or str(exc)).lower() if exc.strerror else str(exc)
    if isinstance(exc, RuntimeError):  # pathlib's resolve() on a link loop
        return _REASONS[errno.ELOOP]
    if isinstance(exc, ValueError):  # a NUL byte in the path
        return "the name holds a NUL character"
    return f"{type(exc).__name__}: {exc}"


_SIZE = re.compile(r"^\s*([0-9]+)\s*([kmg]i?b?|b)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 2**10, "m": 2**20, "g": 2**30}


def parse_size(text: str) -> int:
    """'64M', '512k', '1G', '1000000' → bytes (K, M, G are powers of 1024)."""
    match = _SIZE.match(text) if len(text) <= 40 else None
    if not match or int(match.group(1)) == 0:
        shown = text if len(text) <= 40 else text[:39] + "…"
        raise LimitError(f"'{shown}' is not a size: write a whole number of bytes, or with K, M or G (e.g. 64M)")
    unit = (match.group(2) or "").lower()[:1]
    size = int(match.group(1)) * _UNITS[unit]
    if size > LARGEST_SIZE:
        raise LimitError(f"'{text}' is larger than any file can be (at most {LARGEST_SIZE // 2**30:,}G)")
    return size


def max_file_size(environ: dict[str, str] | os._Environ[str] | None = None) -> int:
    """The largest file factledger reads: ``FACTLEDGER_MAX_FILE_SIZE``, else 64 MiB."""
    value = (os.environ if environ is None else environ).get(MAX_FILE_SIZE_VARIABLE)
    if value is None or not value.strip():
        return DEFAULT_MAX_FILE_SIZE
    try:
        return parse_size(value)
    except LimitError as exc:
        raise LimitError(f"{MAX_FILE_SIZE_VARIABLE}: {exc}") from None


def describe_size(size: int) -> str:
    for unit, factor in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}".replace(".0 ", " ")
    return f"{size} bytes"


def read_file(path: Path, limit: int, examine: Callable[[os.stat_result], None] | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; else :class:`FileProblem`.

    Opened before it is examined, so what is checked is what is read: a pipe is never waited
    on (non-blocking open), a device or socket never read, and the size is checked before
    reading and again while reading (a sparse 40 GB file costs nothing; a file that grows is
    still stopped at the limit). ``examine`` is given the open file's status before a byte is
    read (whose it is), and may raise to refuse it.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError) as exc:
        raise FileProblem(reason(exc)) from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem("it is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem("it is not a regular file (a pipe, device or socket)")
        if info.st_size > limit:
            raise FileProblem(too_large(info.st_size, limit), too_large=True)
        if examine is not None:
            examine(info)
        os.set_blocking(descriptor, True)
        chunks = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise FileProblem(too_large(len(data), limit, growing=True), too_large=True)
        return data
    except OSError as exc:
        raise FileProblem(reason(exc)) from None
    finally:
        os.close(descriptor)


def read_stream(stream: BinaryIO, limit: int) -> bytes | None:
    """At most ``limit`` bytes of ``stream`` (standard input), read a megabyte at a time, so that no more
    than what arrives is ever held; None when it holds more."""
    chunks = []
    remaining = limit + 1
    while remaining > 0:
        chunk = stream.read(min(remaining, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return None if remaining <= 0 else b"".join(chunks)


def too_large(size: int, limit: int, growing: bool = False) -> str:
    what = "it grew past" if growing else f"it is {describe_size(size)}, over"
    return (f"{what} the limit of {describe_size(limit)} (set {MAX_FILE_SIZE_VARIABLE}, e.g. "
            f"{MAX_FILE_SIZE_VARIABLE}=256M, to read larger files)")


def shown(path: Path) -> Path:
    """``path`` as a person in the current directory would write it: relative to it (with ``..`` where
    they share a folder other than the root), else as it is."""
    try:
        here = os.getcwd()
        absolute = os.path.abspath(path)
        common = os.path.commonpath([here, absolute])
        if os.path.dirname(os.path.dirname(common)) == os.path.dirname(common) and not absolute.startswith(
                here + os.sep):
            # Only the root or a top-level folder in common (/, /tmp, /home): a relative path would say nothing
            # clearer, and would name the same file differently from one checkout to the next.
            return path
        return Path(os.path.relpath(absolute, here))
    except (OSError, ValueError):  # no current directory, another drive
        return path


Kind = Literal["file", "folder", "other", "missing"]


def kind(path: Path) -> Kind:
    """What is at ``path`` (links followed): a file, a folder, something else, or nothing.

    "Nothing" includes a path through a file ("a/b" where a is a file). Anything else that stops
    the question being answered (permission, a link loop, a name too long) is a FileProblem.
    """
    witness.look(path)  # a kept answer depends on what is there (cli.answers)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return "missing"
    except NotADirectoryError:
        return "missing"
    except (OSError, ValueError) as exc:
        raise FileProblem(reason(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        return "folder"
    return "file" if stat.S_ISREG(info.st_mode) else "other"


def resolve(path: Path) -> Path:
    """The absolute path with every link followed, or FileProblem (a loop, a name too long)."""
    witness.look(path)  # a kept answer depends on where it leads (cli.answers)
    try:
        return Path(os.path.realpath(path, strict=False))
    except (OSError, RuntimeError, ValueError) as exc:
        raise FileProblem(reason(exc)) from None


def is_inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, links followed, is ``folder`` or below it (both resolved)."""
    try:
        return resolve(path).is_relative_to(resolve(folder))
    except FileProblem:
        return False


def walk(root: Path, suffixes: tuple[str, ...]) -> Iterator[tuple[Path, FileProblem | None]]:
    """Every file below ``root`` whose name ends with one of ``suffixes`` (in any case: ``.YAML`` is
    one of them), hidden ones skipped, each folder in name order.

    Yields (path, None) for each file and (path, problem) for each folder or entry that cannot be
    examined, so that nothing is skipped in silence. A linked folder or file is followed when it
    leads inside ``root`` (each real folder is read once, so a link cannot loop or read a folder
    twice) and reported when it leads outside. Iterative: no depth of folders can exhaust the stack.
    """
    top = resolve(root)
    seen = {top}
    pending = [root]
    linked_folders: list[Path] = []  # followed after every real folder, so a file is shown by its own path
    lowered = tuple(s.lower() for s in suffixes)
    while pending or linked_folders:
        if not pending:
            path = linked_folders.pop(0)
            real = resolve(path)
            if real not in seen:
                seen.add(real)
                pending.append(path)
            continue
        folder = pending.pop()
        try:
            with os.scandir(folder) as entries:
                listed = sorted(entries, key=lambda e: e.name)
        except (OSError, ValueError) as exc:
            yield folder, FileProblem(f"cannot list folder: {reason(exc)}")
            continue
        folders = []
        for entry in listed:
            name = entry.name
            if name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                linked = entry.is_symlink()
                if entry.is_dir(follow_symlinks=False):
                    seen.add(resolve(path))
                    folders.append(path)
                    continue
                if linked and entry.is_dir():
                    if not resolve(path).is_relative_to(top):
                        yield path, FileProblem("a link to a folder outside the data directory; not read")
                    else:
                        linked_folders.append(path)
                    continue
                if not name.lower().endswith(lowered):
                    continue
                if linked and not is_inside(path, top):
                    yield path, FileProblem("a link to a file outside the data directory; not read")
                    continue
            except (OSError, FileProblem) as exc:
                yield path, FileProblem(f"cannot examine it: {exc if isinstance(exc, FileProblem) else reason(exc)}")
                continue
            yield path, None
        pending.extend(reversed(folders))
