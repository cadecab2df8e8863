"""The user's cache folder for factledger, and the key that proves a file in it was written by this
user's factledger: the one home of both, for the ledger's cache (:mod:`factledger.load.cache`) and for
the help pages the command line keeps (:mod:`factledger.cli.helpcache`). A leaf, light to import:
the help is answered from here before anything else of factledger is loaded.

Why a key, and not only owners and modes: an entry's header already carries a digest of its body, so
making that digest keyed (BLAKE2b with a secret) costs nothing, and it holds where owners mean
little (a shared or network file system, a container's bind mount, a cache carried from one CI run
to the next, a copy made by root). The key is 32 random bytes in ``key`` at the top of the cache
folder, mode 0600; an entry whose digest was not made with it is never read, whoever wrote it.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import sys

from factledger.system import user

TYPE_CHECKING = False  # not typing's: this is on the path of a kept help page or answer (cli.entry)
if TYPE_CHECKING:
    from pathlib import Path

KEY_NAME = "key"
HELP_FOLDER = "help"  # the command line's help pages (cli.helpcache)
ANSWERS_FOLDER = "answers"  # the command line's answers (cli.answers)
KEPT_FOLDERS = (HELP_FOLDER, ANSWERS_FOLDER)  # what the command line keeps (cli.shelf), one folder each
HELP_PAGE_LIMIT = 1 << 20  # the most a kept help page may hold
_KEY_SIZE = 32


def root() -> Path | None:
    """The cache folder: FACTLEDGER_CACHE_DIR, else the platform's user cache folder (XDG_CACHE_HOME
    on Linux) for factledger; None when there is no home to put it in (see :func:`no_root`)."""
    folder = root_folder()
    if folder is None:
        return None
    from pathlib import Path

    return Path(folder)


def root_folder() -> str | None:
    """:func:`root` as a string, without importing pathlib (a kept help page or answer: cli.shelf)."""
    chosen = os.environ.get("FACTLEDGER_CACHE_DIR")
    if chosen:
        return os.path.abspath(chosen)  # the same folder wherever the command is run from
    if sys.platform.startswith("linux"):
        # What platformdirs answers on Linux (the XDG rule), without importing it on every command; a
        # relative XDG_CACHE_HOME is ignored, as the XDG specification says.
        xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
        if os.path.isabs(xdg):
            return os.path.join(xdg, "factledger")
        home = user.home_folder()
        return None if home is None else os.path.join(home, ".cache", "factledger")
    else:  # an if/else, so that a checker for one platform does not take the other's branch for dead code
        from platformdirs import user_cache_dir

        try:
            return str(user_cache_dir("factledger", appauthor=False))
        except (RuntimeError, KeyError, OSError):
            return None


def no_root() -> str:
    return ("no home folder (HOME is not set and this user has no entry in the user database), so there is no "
            "cache folder: caching is off; set FACTLEDGER_CACHE_DIR to a folder of your own to use one")



def code_stamp(package: Path | None = None) -> str:
    """A digest of factledger's own files (names, sizes, modification times; compiled code aside): a changed
    parser, rule, message or template is a new cache even when the version string is not bumped (an editable
    install, a patch)."""
    base = str(package or os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
    found: list[tuple[tuple[str, ...], str]] = []
    # os.walk, not Path.rglob: this runs before every kept help page is written, and is 5x faster.
    for folder, subfolders, names in os.walk(base):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        relative = os.path.relpath(folder, base)
        parts = () if relative == os.curdir else tuple(relative.split(os.sep))
        # Every file: a template or a stylesheet changes an export as much as the code does.
        found += [((*parts, name), os.path.join(folder, name)) for name in names]
    lines = []
    for parts, path in sorted(found):  # in the order of the parts, as paths sort
        try:
            info = os.stat(path)
        except OSError:
            continue
        lines.append(f"{'/'.join(parts)}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.blake2b("\n".join(lines).encode("utf-8", "surrogateescape"), digest_size=6).hexdigest()


def opened(base: str | os.PathLike[str]) -> tuple[bytes | None, str | None]:
    """The cache folder ``base`` made ready: created private if it is not there, checked to be the current
    user's and writable by no one else, and its key read (made if missing or not private). The key, or
    why the cache is off."""
    try:
        os.makedirs(base, mode=0o700, exist_ok=True)
    except OSError as exc:
        from factledger.system.fs import reason

        return None, f"cannot write the cache in '{base}' ({reason(exc)}); going on without it"
    try:
        info = os.stat(base)  # a link to a folder of the user's own is theirs to make
    except OSError as exc:
        from factledger.system.fs import reason

        return None, f"cannot use the cache folder '{base}' ({reason(exc)}); caching is off"
    problem = user.private_problem(base, info)
    if problem is not None:
        return None, (f"the cache folder is not private: {problem}; caching is off (make it yours and not "
                      "writable by others, or set FACTLEDGER_CACHE_DIR to a folder that is)")
    try:
        return _key(os.path.join(base, KEY_NAME)), None
    except OSError as exc:
        from factledger.system.fs import reason

        return None, f"cannot keep the cache's key in '{base}' ({reason(exc)}); caching is off"


def _key(path: str) -> bytes:
    """The key at ``path`` when it is a private regular file of the current user's, else a new one put there
    (a key another could read or have written is no proof)."""
    return _read_key(path) or _new_key(path)


def _read_key(path: str) -> bytes | None:
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # a link: not a key of ours
            return None
        raise
    try:
        found = os.fstat(descriptor)
        current = user.uid()
        if (not stat.S_ISREG(found.st_mode) or found.st_size != _KEY_SIZE or stat.S_IMODE(found.st_mode) & 0o077
                or (current is not None and found.st_uid != current)):
            return None
        secret = os.read(descriptor, _KEY_SIZE + 1)
        return secret if len(secret) == _KEY_SIZE else None
    finally:
        os.close(descriptor)


def _new_key(path: str) -> bytes:
    secret = os.urandom(_KEY_SIZE)
    import tempfile

    descriptor, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".key-")  # mode 0600
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(secret)
        try:
            os.link(temporary, path)  # only where there is none: of two runs at once, the first's is kept
        except FileExistsError:
            found = _read_key(path)
            if found is not None:
                return found  # the other run's
            os.replace(temporary, path)  # what was there is no proof: replaced, and what it sealed is not read
        return secret
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def is_kept(name: str) -> bool:
    """Whether ``name`` is one of the command line's kept help pages or answers (40 hexadecimal digits) or
    one being written (``.page-…``): the only names in their folders factledger reads, bounds or removes;
    anything else there is someone else's."""
    return name.startswith(".page-") or (len(name) == 40 and not name.strip("0123456789abcdef"))
