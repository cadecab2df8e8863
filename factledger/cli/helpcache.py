"""Help pages, kept: the bytes a help request wrote, answered again without loading Typer or Rich.

Typer lays out a help page with Rich (and, for its markdown, markdown-it and Pygments): about half a
second, every time, for text that changes only when factledger or its libraries do. A help page is a
function of what this module keys it on, and of nothing else: the whole command line that started the
interpreter (its name as typed, its options, the arguments), the working folder, the environment (less
the shell's bookkeeping), which standard streams are terminals and their sizes, the interpreter,
factledger's own files (:func:`~factledger.system.cachedir.code_stamp`) and every distribution installed
beside it. A page is kept only when the run was a help page and nothing else: help was written
(:func:`shown`), the exit code was 0, nothing went to standard error, and the key is the same after the
run as before it (a terminal resized while the page was laid out keeps nothing). Any other run keeps
nothing, and a key not seen before runs Typer as always. Shell completion is never answered from here.

Kept in the user's cache folder, ``help/`` (a private folder of the user's, never a link), each page sealed
with the user's key as the ledger's cache is (a page not sealed with it is never written to a terminal),
at most :data:`LIMIT` pages (the ones used longest ago go). Only names a page can have are ever read,
bounded or removed there. FACTLEDGER_NO_CACHE (or ``--no-cache``) keeps and reads nothing; ``factledger
cache clear`` removes them.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import stat
import sys
from pathlib import Path

from factledger.system import cachedir, user
from factledger.system.env import env_flag

LIMIT = 64
_FORMAT = b"factledger-help-1"
# What a shell changes between two runs of the same command, and no help page reads.
_VOLATILE = frozenset({"_", "OLDPWD", "PWD", "SHLVL"})
_shown = False


def shown() -> None:
    """Said by the help writer (:func:`factledger.cli.command.tidy_help`): this run wrote a help page."""
    global _shown
    _shown = True


def was_shown() -> bool:
    return _shown


def wanted(argv: list[str]) -> bool:
    """Whether ``argv`` may ask for a help page (bare ``factledger`` shows it too), and keeping is on.
    A guess that may be wrong either way (``list --search --help`` searches): only a run that did
    write a help page keeps one. Never while a shell asks for completions (``_FACTLEDGER_COMPLETE``)."""
    if env_flag("FACTLEDGER_NO_CACHE") or "--no-cache" in argv:
        return False
    if any(name.startswith("_") and name.endswith("_COMPLETE") for name in os.environ):
        return False
    return not argv or "-h" in argv or "--help" in argv


def key() -> str | None:
    """The name of the page this run writes, here and now: a digest of everything it depends on; None
    where one of them cannot be known (a working folder since removed)."""
    try:
        parts: list[object] = [_FORMAT, sys.version, sys.executable, sys.flags, sys.orig_argv, os.getcwd(),
                               sorted((name, value) for name, value in os.environ.items() if name not in _VOLATILE),
                               [_terminal(descriptor) for descriptor in (0, 1, 2)],
                               cachedir.code_stamp(), _installed()]
    except OSError:
        return None
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogateescape"), digest_size=20).hexdigest()


def _terminal(descriptor: int) -> tuple[int, int] | None:
    """The size of the terminal at ``descriptor`` (Rich lays out for it), None for a pipe or a file."""
    try:
        return tuple(os.get_terminal_size(descriptor)) if os.isatty(descriptor) else None  # type: ignore[return-value]
    except OSError:
        return None


def _installed() -> list[str]:
    """Every distribution (name and version) in the folders packages are imported from: a new Typer or
    Rich is a new page."""
    found: list[str] = []
    for folder in sys.path:
        if folder.endswith(("site-packages", "dist-packages")):
            with contextlib.suppress(OSError):
                found += sorted(name for name in os.listdir(folder) if name.endswith((".dist-info", ".egg-info")))
    return found


def read(name: str) -> bytes | None:
    """The page kept under ``name``, if there is one, a regular file of a page's size, sealed with the
    user's key; never waits on a pipe or follows a link put in its place."""
    place = _place(create=False)
    if place is None:
        return None
    folder, secret = place
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(folder / name, flags)
    except OSError:
        return None
    try:
        found = os.fstat(descriptor)
        if not stat.S_ISREG(found.st_mode) or found.st_size > cachedir.HELP_PAGE_LIMIT:
            return None
        seal, _, page = os.read(descriptor, cachedir.HELP_PAGE_LIMIT + 1).partition(b"\n")
    except OSError:
        return None
    finally:
        os.close(descriptor)
    if not hmac.compare_digest(seal, _seal(secret, name, page)):
        return None
    with contextlib.suppress(OSError):
        os.utime(folder / name, follow_symlinks=False)  # used now: the last to go
    return page


def keep(name: str, page: bytes) -> None:
    """Keep ``page`` under ``name``, atomically; the oldest pages go past :data:`LIMIT`. A cache that cannot
    be written changes nothing: the page was already written where it was asked for."""
    place = _place(create=True)
    if place is None:
        return
    folder, secret = place
    import tempfile

    with contextlib.suppress(OSError):
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".page-")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(_seal(secret, name, page) + b"\n" + page)
            os.replace(temporary, folder / name)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        _bound(folder)


def _bound(folder: Path) -> None:
    """Past :data:`LIMIT` pages, remove those used longest ago (pages only: nothing else is touched)."""
    pages: list[tuple[int, str]] = []
    for name in os.listdir(folder):
        if cachedir.is_help_page(name) and not name.startswith("."):
            with contextlib.suppress(OSError):
                pages.append((os.lstat(folder / name).st_mtime_ns, name))
    for _, name in sorted(pages)[:max(0, len(pages) - LIMIT)]:
        with contextlib.suppress(OSError):
            os.unlink(folder / name)


def _place(create: bool) -> tuple[Path, bytes] | None:
    """The help folder (made if ``create``) and the user's key; None when either cannot be trusted: the
    cache folder cannot be used, or the help folder is not a private folder of the user's (a link, a file,
    writable by others)."""
    base = cachedir.root()
    if base is None:
        return None
    folder = base / cachedir.HELP_FOLDER
    if not create and not os.path.isdir(folder):
        return None  # nothing kept: no cache folder or key is made to find that out
    secret, problem = cachedir.opened(base)
    if secret is None or problem is not None:
        return None
    if create:
        with contextlib.suppress(OSError):
            folder.mkdir(mode=0o700)
    return None if user.private_problem(folder) is not None else (folder, secret)


def _seal(secret: bytes, name: str, page: bytes) -> bytes:
    digest = hmac.new(secret, _FORMAT + b"\0" + name.encode("ascii") + b"\0" + page, hashlib.blake2b)
    return digest.hexdigest().encode("ascii")
