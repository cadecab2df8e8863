"""Who runs factledger, and what is theirs: the one place that asks for the current user, their home
folder, and the owner of a file (the configuration file's trust, the cache's privacy).

A process may have no home (``HOME`` unset) and no entry in the user database (a container started
with an arbitrary uid): then :func:`home` is None, never an exception.
"""

from __future__ import annotations

import os
import stat

TYPE_CHECKING = False  # not typing's: this is on the path of a kept help page or answer (cli.entry)
if TYPE_CHECKING:
    from pathlib import Path

ROOT = 0


def uid() -> int | None:
    """The effective user id, or None where there is none (Windows): there nothing is checked by owner."""
    getter = getattr(os, "geteuid", None)
    return getter() if getter is not None else None


def home() -> Path | None:
    """The current user's home folder: ``HOME`` if set (as Python's own lookup does), else the user
    database's entry for :func:`uid`; None when neither exists."""
    folder = home_folder()
    if folder is None:
        return None
    from pathlib import Path

    return Path(folder)


def home_folder() -> str | None:
    """:func:`home` as a string, without importing pathlib (a kept help page or answer: cli.shelf)."""
    given = os.environ.get("HOME", "").strip()
    if given:
        return given
    current = uid()
    if current is None:
        folder = os.path.expanduser("~")  # as Path.home() finds it
        return None if folder == "~" else folder
    try:
        import pwd

        entry = pwd.getpwuid(current).pw_dir
    except (ImportError, KeyError, OSError):
        return None
    return entry or None


def trusted_owner(owner: int) -> bool:
    """Whether a file owned by ``owner`` is the current user's own (or the system's: root's)."""
    current = uid()
    return current is None or owner in (current, ROOT)


def foreign_owner(path: str | os.PathLike[str]) -> int | None:
    """The owner of ``path`` when it is neither the current user nor root (None otherwise, or when it
    cannot be examined: what cannot be read is reported by whoever reads it). A link counts as its own
    owner's too: another's link to one of your files does not make it yours to use there."""
    try:
        link = os.lstat(path)
        owner = link.st_uid if not trusted_owner(link.st_uid) else os.stat(path).st_uid
    except (OSError, ValueError):
        return None
    return None if trusted_owner(owner) else owner


def private_problem(folder: str | os.PathLike[str], info: os.stat_result | None = None) -> str | None:
    """Why ``folder`` is not private to the current user (None when it is): it must be a folder, theirs,
    and not writable by anyone else."""
    try:
        found = info or os.lstat(folder)
    except (OSError, ValueError) as exc:
        from factledger.system.fs import reason

        return f"'{folder}' cannot be examined ({reason(exc)})"
    current = uid()
    if not stat.S_ISDIR(found.st_mode):
        return f"'{folder}' is not a folder"
    if current is not None and found.st_uid != current:
        return f"'{folder}' belongs to another user (uid {found.st_uid})"
    if current is not None and (found.st_mode & stat.S_IWOTH
                                or (found.st_mode & stat.S_IWGRP and not _own_group(found.st_gid, current))):
        return f"'{folder}' can be written by other users (mode {stat.S_IMODE(found.st_mode):o})"
    return None


def _own_group(gid: int, current: int) -> bool:
    """Whether ``gid`` is the current user's own group (named as the user, with no one else in it): with
    the umask 002 many systems give users, their folders are writable by that group, and by no one else."""
    try:
        import grp
        import pwd

        name = pwd.getpwuid(current).pw_name
        group = grp.getgrgid(gid)
    except (ImportError, KeyError, OSError):
        return False
    return group.gr_name == name and set(group.gr_mem) <= {name}
