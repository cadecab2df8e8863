"""Where cached loading lives and how it is read and written: the user's cache folder (never the
data directory), one JSON file per ledger file keyed on its content and its display path, an index
of file stamps that lets an unchanged file be known without reading it, and the cross-file
diagnostics of a whole ledger keyed on every input they depend on.

Nothing here may change a result. A cache file that is corrupt, truncated, foreign or from another
version is ignored (and rewritten); writes are atomic (a temporary file renamed into place), so two
runs at once never see half a file; a folder that cannot be written means no cache, said once.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from factledger import __version__
from factledger.cache.codec import model_shape

FORMAT = 1
# A stamp (size, times, inode) is trusted only for a file last changed this long before it was
# hashed: a file written again within the file system's timestamp granularity keeps its stamp.
_RACY_NS = 2_000_000_000


def root() -> Path:
    """The cache folder: FACTLEDGER_CACHE_DIR, else the platform's user cache folder (XDG_CACHE_HOME
    on Linux) for factledger."""
    chosen = os.environ.get("FACTLEDGER_CACHE_DIR")
    if chosen:
        return Path(chosen)
    if sys.platform.startswith("linux"):
        # What platformdirs answers on Linux (the XDG rule), without importing it on every command.
        return Path(os.environ.get("XDG_CACHE_HOME", "").strip() or Path.home() / ".cache") / "factledger"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("factledger", appauthor=False))


def disabled_by_environment() -> bool:
    return os.environ.get("FACTLEDGER_NO_CACHE", "").strip().lower() not in ("", "0", "false", "no")


def content_key(display: str, data: bytes) -> str:
    """A file's cache name: its bytes and the path it is shown by (messages and locations name it)."""
    return hashlib.blake2b(display.encode("utf-8", "surrogateescape") + b"\0" + data, digest_size=20).hexdigest()


def _stamp(info: os.stat_result) -> list[int]:
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev]


class Cache:
    """One run's view of the cache for one data directory."""

    def __init__(self, data_dir: Path, folder: Path | None = None) -> None:
        self.folder = (folder or root()) / f"v{FORMAT}-{__version__}-{model_shape()}"
        self.problem: str | None = None  # why the cache is off for this run, said once
        self._index_name = hashlib.blake2b(f"{os.path.abspath(data_dir)}\0{data_dir}".encode(
            "utf-8", "surrogateescape"), digest_size=16).hexdigest()
        self._index: dict[str, list[int | str]] = self._read_index()
        self._index_changed = False
        try:
            inside = Path(os.path.realpath(self.folder)).is_relative_to(os.path.realpath(data_dir))
        except (OSError, ValueError):
            inside = False
        if inside:  # a cache inside the ledger would be read as part of it, or committed
            self.problem = f"the cache folder '{self.folder}' is inside the data directory; caching is off"

    @property
    def usable(self) -> bool:
        return self.problem is None

    # -- file entries ------------------------------------------------------------------------

    def known(self, path: Path, limit: int) -> str | None:
        """The cache name of ``path`` if its stamp shows it unchanged since it was hashed; else None."""
        recorded = self._index.get(os.path.abspath(path))
        if recorded is None:
            return None
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            return None
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None  # read it, so that its problem is reported as it is
        stamp, hashed_at, key = recorded[:5], recorded[5], recorded[6]
        if stamp != _stamp(info) or max(info.st_mtime_ns, info.st_ctime_ns) >= int(hashed_at) - _RACY_NS:
            return None
        return str(key)

    def remember(self, path: Path, key: str) -> None:
        """Record ``path``'s stamp as that of the content named ``key`` (just read)."""
        if not self.usable:
            return
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            return
        self._index[os.path.abspath(path)] = [*_stamp(info), time.time_ns(), key]
        self._index_changed = True

    def get(self, kind: str, key: str) -> Any:
        """The payload stored under ``key``, or None (absent, corrupt, foreign: all the same)."""
        if not self.usable:
            return None
        try:
            with open(self._path(kind, key), "rb") as handle:
                stored = json.loads(handle.read())
        except (OSError, ValueError, UnicodeDecodeError, RecursionError):
            return None
        if not isinstance(stored, dict) or stored.get("key") != key or stored.get("format") != FORMAT:
            return None
        return stored.get("payload")

    def put(self, kind: str, key: str, payload: Any) -> None:
        if not self.usable:
            return
        self._write(self._path(kind, key), {"format": FORMAT, "key": key, "payload": payload})

    def finish(self) -> None:
        """Save the stamps learnt this run."""
        if self._index_changed and self.usable:
            self._write(self.folder / "index" / f"{self._index_name}.json", {"format": FORMAT, "stamps": self._index})

    # -- plumbing ----------------------------------------------------------------------------

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key[:2] / f"{key}.json"

    def _read_index(self) -> dict[str, list[int | str]]:
        try:
            with open(self.folder / "index" / f"{self._index_name}.json", "rb") as handle:
                stored = json.loads(handle.read())
            stamps = stored["stamps"]
            if stored.get("format") == FORMAT and isinstance(stamps, dict) and all(
                    isinstance(v, list) and len(v) == 7 for v in stamps.values()):
                return stamps
        except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
            pass
        return {}

    def _write(self, target: Path, content: Any) -> None:
        text = json.dumps(content, ensure_ascii=True, separators=(",", ":"))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(descriptor, "w", encoding="ascii") as handle:
                    handle.write(text)
                os.replace(temporary, target)  # atomic: a reader sees the old file or the new, whole
            except BaseException:
                try:
                    os.unlink(temporary)
                except OSError:
                    pass
                raise
        except OSError as exc:
            from factledger.fs import reason

            self.problem = f"cannot write the cache in '{self.folder}' ({reason(exc)}); going on without it"


def info(folder: Path | None = None) -> dict[str, Any]:
    """Where the cache is, and how much it holds (every version)."""
    base = folder or root()
    files, size = 0, 0
    current = f"v{FORMAT}-{__version__}-{model_shape()}"
    versions = []
    if base.is_dir():
        for entry in sorted(base.iterdir()):
            if entry.is_dir():
                versions.append(entry.name)
                for path in entry.rglob("*.json"):
                    try:
                        size += path.stat().st_size
                        files += 1
                    except OSError:
                        pass
    return {"folder": str(base), "current": current, "versions": versions, "files": files, "bytes": size}


def clear(folder: Path | None = None) -> int:
    """Remove every cached file (every version); returns how many were removed."""
    import shutil

    base = folder or root()
    removed = info(base)["files"]
    if base.is_dir():
        for entry in base.iterdir():
            if entry.is_dir() and entry.name.startswith("v"):
                shutil.rmtree(entry, ignore_errors=True)
    return removed
