"""Keeping the cache bounded as it is used, and showing and emptying it (`factledger cache info|clear`).

* An entry whose file changed or was deleted is removed when a run learns it (the index says which
  entry each file had); the cross-file rules keep one entry per data directory, and so do the
  cross-check's questions (:mod:`factledger.check.kept`); a diff keeps one per revision compared.
* Other versions' folders are removed when this version writes (an upgrade, an edit to an editable
  install): only this version's is ever read.
* The cache holds at most :func:`size_limit` bytes (``FACTLEDGER_CACHE_SIZE``, default 1 GiB): past it,
  the entries used longest ago are removed until it holds four fifths of it. What it holds is counted
  as entries are written and removed (``index/usage.json``: runs at once may miscount a little), and
  counted afresh whenever the count says the limit is passed.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
from pathlib import Path
from typing import Any

from factledger.load.cache.place import is_cache_version, no_root, root, version_folder, writable
from factledger.system import fs
from factledger.system.cachedir import KEPT_FOLDERS, is_kept

SIZE_VARIABLE = "FACTLEDGER_CACHE_SIZE"
DEFAULT_SIZE = 2**30
USAGE = "usage.json"
KINDS = ("files", "rules", "conclusions", "questions", "index")


def size_limit() -> int:
    """The most the cache may hold, in bytes: FACTLEDGER_CACHE_SIZE (``512M``, ``2G``), else 1 GiB; a value
    that is not a size raises :class:`~factledger.system.fs.LimitError` naming the variable."""
    value = os.environ.get(SIZE_VARIABLE, "")
    if not value.strip():
        return DEFAULT_SIZE
    try:
        return fs.parse_size(value)
    except fs.LimitError as exc:
        raise fs.LimitError(f"{SIZE_VARIABLE}: {exc}") from None


def remove_entry(folder: Path, kind: str, key: str) -> int:
    """Remove one entry of this version's ``folder``; how many bytes that freed."""
    path = folder / kind / key[:2] / f"{key}.json"
    try:
        size = os.lstat(path).st_size
        os.unlink(path)
    except OSError:
        return 0
    return size


def remove_other_versions(base: Path, current: str) -> int:
    """Remove every version folder of ``base`` but ``current``; how many bytes that freed (roughly)."""
    freed = 0
    try:
        entries = list(base.iterdir())
    except OSError:
        return 0
    for entry in entries:
        if entry.name != current and is_cache_version(entry):
            freed += sum(size for _, size, _ in _entries(entry))
            shutil.rmtree(entry, ignore_errors=True)
    return freed


def account(folder: Path, added: int, limit: int) -> None:
    """Add ``added`` bytes (negative: removed) to what ``folder`` is counted to hold; past ``limit``, count
    afresh and remove the entries used longest ago until it holds four fifths of it."""
    record = folder / "index" / USAGE
    try:
        held = int(json.loads(record.read_bytes())["bytes"]) + added
    except (OSError, ValueError, KeyError, TypeError):
        held = None  # never counted (a cache from before), or unreadable: counted now
    if held is None or held > limit:
        held = _shrink(folder, limit)
    _write_usage(record, max(held, 0))


def _shrink(folder: Path, limit: int) -> int:
    found = sorted(_entries(folder))  # oldest use first
    held = sum(size for _, size, _ in found)
    if held <= limit:
        return held
    goal = limit * 4 // 5
    for _, size, path in found:
        if held <= goal:
            break
        with contextlib.suppress(OSError):
            os.unlink(path)
            held -= size
    return held


def _entries(folder: Path) -> list[tuple[int, int, Path]]:
    """(last use, size, path) of every file in a version folder: last use is the later of its access and
    modification times (an access time is kept coarsely by most systems, which is enough to choose by)."""
    found = []
    for kind in KINDS:
        for directory, _, names in os.walk(folder / kind):
            for name in names:
                path = Path(directory) / name
                with contextlib.suppress(OSError):
                    info = os.lstat(path)
                    found.append((max(info.st_atime_ns, info.st_mtime_ns), info.st_size, path))
    return found


def _write_usage(record: Path, held: int) -> None:
    import tempfile

    with contextlib.suppress(OSError):
        record.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=record.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(descriptor, "w", encoding="ascii") as handle:
                handle.write(json.dumps({"bytes": held}))
            os.replace(temporary, record)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def info(folder: Path | None = None) -> dict[str, Any]:
    """Where the cache is, how much it holds (every version) and may hold, and why it is off, if it is."""
    base = folder or root()
    current = version_folder()
    limit = size_limit()
    if base is None:
        return {"folder": "", "current": current, "versions": [], "files": 0, "bytes": 0, "limit": limit,
                "problem": no_root()}
    files, size = 0, 0
    versions = []
    if base.is_dir():
        for entry in sorted(base.iterdir()):
            if is_cache_version(entry):
                versions.append(entry.name)
                for _, bytes_, path in _entries(entry):
                    if path.name != USAGE:
                        size += bytes_
                        files += 1
        pages = [page for folder in KEPT_FOLDERS for page in _kept(base / folder)]
        files, size = files + len(pages), size + sum(page_size for _, page_size in pages)
    return {"folder": str(base), "current": current, "versions": versions, "files": files, "bytes": size,
            "limit": limit, "problem": writable(base)}


def clear(folder: Path | None = None) -> int:
    """Remove every cached file (every version); returns how many were removed."""
    base = folder or root()
    if base is None:
        return 0
    removed: int = info(base)["files"]
    if base.is_dir():
        for entry in base.iterdir():
            if is_cache_version(entry):  # only what factledger wrote: never a folder that merely starts with v
                shutil.rmtree(entry, ignore_errors=True)
        for shelf in KEPT_FOLDERS:  # counted by info() above
            _clear_kept(base / shelf)
    return removed


def _kept(folder: Path) -> list[tuple[Path, int]]:
    """The command line's kept help pages or answers (cli.shelf) and their sizes: entries named as they are
    named, in a folder that is not a link; anything else there is not factledger's and is never counted or
    removed."""
    if folder.is_symlink() or not folder.is_dir():
        return []
    found = []
    for entry in folder.iterdir():
        if is_kept(entry.name):
            with contextlib.suppress(OSError):
                info = entry.lstat()
                if not stat.S_ISDIR(info.st_mode):
                    found.append((entry, info.st_size))
    return found


def _clear_kept(folder: Path) -> None:
    """Remove the kept help pages or answers (whatever kind of file took their names)."""
    for page, _ in _kept(folder):
        with contextlib.suppress(OSError):
            page.unlink()
