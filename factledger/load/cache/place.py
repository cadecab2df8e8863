"""Which cache folder this version of factledger uses, and whether a folder may be used: one of the
current user's that no one else can write. Where the folder is and the key that seals every entry are
:mod:`factledger.system.cachedir`'s (shared with the command line's help pages).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from factledger import __version__
from factledger.load.cache.codec import model_shape
from factledger.system import user
from factledger.system.cachedir import code_stamp, no_root, opened, root

FORMAT = 2  # 2: every file sealed with the user's key

__all__ = ["FORMAT", "code_stamp", "is_cache_version", "no_root", "opened", "root", "version_folder", "writable"]

_VERSION_FOLDER = re.compile(r"v\d+-[^/\\]+-[0-9a-f]{16}-[0-9a-f]{12}")
_OUR_FOLDERS = {"files", "rules", "index", "conclusions", "questions"}


def version_folder() -> str:
    return f"v{FORMAT}-{__version__}-{model_shape()}-{code_stamp()}"


def is_cache_version(folder: Path) -> bool:
    """Whether ``folder`` is one of factledger's version folders (and holds nothing else): what clear removes."""
    if not _VERSION_FOLDER.fullmatch(folder.name) or folder.is_symlink() or not folder.is_dir():
        return False
    try:
        return all(child.name in _OUR_FOLDERS and child.is_dir() and not child.is_symlink()
                   for child in folder.iterdir())
    except OSError:
        return False


def writable(folder: str | Path) -> str | None:
    """Why the cache folder cannot be used (None when it can): it must be, or be creatable as, a folder
    that takes files, and one of the current user's that no one else can write."""
    place = Path(folder)
    while not place.exists() and place != place.parent:
        place = place.parent
    if not place.is_dir():
        return f"'{place}' is not a folder"
    if not os.access(place, os.W_OK | os.X_OK):
        return f"'{place}' cannot be written"
    return user.private_problem(Path(folder)) if place == Path(folder) else None


