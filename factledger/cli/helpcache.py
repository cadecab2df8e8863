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
import os
import sys

from factledger.cli.shelf import Shelf
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
    return keeping(argv) and (not argv or "-h" in argv or "--help" in argv)


def keeping(argv: list[str]) -> bool:
    """Whether what a run with ``argv`` writes may be kept and written again: not with the cache off, never
    while a shell asks for completions (``_FACTLEDGER_COMPLETE``)."""
    if env_flag("FACTLEDGER_NO_CACHE") or "--no-cache" in argv:
        return False
    return not any(name.startswith("_") and name.endswith("_COMPLETE") for name in os.environ)


def key(*more: object) -> str | None:
    """The name of the page this run writes, here and now: a digest of everything it depends on (and of
    ``more``, for what else depends on them: cli.answers); None where one of them cannot be known (a working
    folder since removed)."""
    try:
        parts: list[object] = [_FORMAT, *more, sys.version, sys.executable, sys.flags, sys.orig_argv, os.getcwd(),
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


_SHELF = Shelf(cachedir.HELP_FOLDER, _FORMAT, LIMIT, cachedir.HELP_PAGE_LIMIT, LIMIT * cachedir.HELP_PAGE_LIMIT)


def read(name: str) -> bytes | None:
    """The page kept under ``name``, if there is one (:meth:`.Shelf.read`)."""
    return _SHELF.read(name)


def keep(name: str, page: bytes) -> None:
    """Keep ``page`` under ``name``; the pages used longest ago go past :data:`LIMIT`."""
    _SHELF.keep(name, page)
