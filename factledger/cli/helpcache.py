"""Help pages, kept: the bytes a help request wrote, answered again without loading Typer or Rich.

Typer lays out a help page with Rich (and, for its markdown, markdown-it and Pygments): about half a
second, every time, for text that changes only when factledger or its libraries do. A help page is a
function of what this module keys it on, and of nothing else: the arguments, the working folder,
the environment (less the shell's bookkeeping), which standard streams are terminals and their sizes,
the interpreter, factledger's own files (:func:`~factledger.system.cachedir.code_stamp`) and every
distribution installed beside it. A page is kept only when the run was a help page and nothing else:
help was written (:func:`shown`), the exit code was 0, nothing went to standard error. Any other run
keeps nothing, and a key not seen before runs Typer as always.

Kept in the user's cache folder, ``help/``, each page sealed with the user's key as the ledger's cache
is (a page not sealed with it is never written to a terminal), at most :data:`LIMIT` pages (the ones
used longest ago go). FACTLEDGER_NO_CACHE (or ``--no-cache``) keeps and reads nothing; ``factledger
cache clear`` removes them.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import sys
from pathlib import Path

from factledger.system import cachedir
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
    write a help page keeps one."""
    if env_flag("FACTLEDGER_NO_CACHE") or "--no-cache" in argv:
        return False
    return not argv or "-h" in argv or "--help" in argv


def key(argv: list[str]) -> str:
    """The name of the page ``argv`` writes here and now: a digest of everything it depends on."""
    parts: list[object] = [_FORMAT, sys.version, sys.executable, sys.flags, argv, os.getcwd(),
                           sorted((name, value) for name, value in os.environ.items() if name not in _VOLATILE),
                           [_terminal(descriptor) for descriptor in (0, 1, 2)],
                           cachedir.code_stamp(), _installed()]
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
    """The page kept under ``name``, if there is one and it is sealed with the user's key."""
    place = _place()
    if place is None:
        return None
    folder, secret = place
    try:
        with open(folder / name, "rb") as handle:
            seal, _, page = handle.read().partition(b"\n")
    except OSError:
        return None
    if not hmac.compare_digest(seal, _seal(secret, name, page)):
        return None
    with contextlib.suppress(OSError):
        os.utime(folder / name)  # used now: the last to go
    return page


def keep(name: str, page: bytes) -> None:
    """Keep ``page`` under ``name``, atomically; the oldest pages go past :data:`LIMIT`. A cache that cannot
    be written changes nothing: the page was already written where it was asked for."""
    place = _place()
    if place is None:
        return
    folder, secret = place
    import tempfile

    with contextlib.suppress(OSError):
        folder.mkdir(mode=0o700, exist_ok=True)
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
    pages = sorted(folder.iterdir(), key=lambda page: page.stat().st_mtime_ns)
    for page in pages[:max(0, len(pages) - LIMIT)]:
        with contextlib.suppress(OSError):
            page.unlink()


def _place() -> tuple[Path, bytes] | None:
    """The help folder and the user's key; None when the cache folder cannot be used (said by the
    ledger's cache when a command uses it; a help page goes on without)."""
    base = cachedir.root()
    if base is None:
        return None
    secret, problem = cachedir.opened(base)
    return None if secret is None or problem is not None else (base / cachedir.HELP_FOLDER, secret)


def _seal(secret: bytes, name: str, page: bytes) -> bytes:
    digest = hmac.new(secret, _FORMAT + b"\0" + name.encode("ascii") + b"\0" + page, hashlib.blake2b)
    return digest.hexdigest().encode("ascii")
