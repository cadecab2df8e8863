"""Where cached loading lives and how it is read and written: the user's cache folder (never the
data directory), one JSON file per ledger file keyed on its content and its display path, an index
of file stamps that lets an unchanged file be known without reading it, and the cross-file
diagnostics of a whole ledger keyed on every input they depend on.

Nothing here may change a result. A cache file that is corrupt, truncated, foreign or from another
version is ignored (and rewritten); writes are atomic (a temporary file renamed into place), so two
runs at once never see half a file; a folder that cannot be written means no cache, said once.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from factledger import __version__
from factledger.load.cache.codec import model_shape

FORMAT = 1
# A stamp (size, times, inode) is trusted only for a file last changed this long before it was
# hashed: a file written again within the file system's timestamp granularity keeps its stamp.
RACY_NS = 2_000_000_000


def root() -> Path:
    """The cache folder: FACTLEDGER_CACHE_DIR, else the platform's user cache folder (XDG_CACHE_HOME
    on Linux) for factledger."""
    chosen = os.environ.get("FACTLEDGER_CACHE_DIR")
    if chosen:
        return Path(os.path.abspath(chosen))  # the same folder wherever the command is run from
    if sys.platform.startswith("linux"):
        # What platformdirs answers on Linux (the XDG rule), without importing it on every command; a
        # relative XDG_CACHE_HOME is ignored, as the XDG specification says.
        xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
        return Path(xdg if os.path.isabs(xdg) else Path.home() / ".cache") / "factledger"
    else:  # an if/else, so that a checker for one platform does not take the other's branch for dead code
        from platformdirs import user_cache_dir

        return Path(user_cache_dir("factledger", appauthor=False))


def code_stamp(package: Path | None = None) -> str:
    """A digest of factledger's own files (names, sizes, modification times): a changed parser, rule or
    message is a new cache even when the version string is not bumped (an editable install, a patch)."""
    base = package or Path(__file__).resolve().parent.parent
    parts = []
    for path in sorted(base.rglob("*")):
        if path.suffix in (".py", ".csv") and "__pycache__" not in path.parts:
            try:
                info = path.stat()
            except OSError:
                continue
            parts.append(f"{path.relative_to(base).as_posix()}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.blake2b("\n".join(parts).encode("utf-8", "surrogateescape"), digest_size=6).hexdigest()


_VERSION_FOLDER = re.compile(r"v\d+-[^/\\]+-[0-9a-f]{16}-[0-9a-f]{12}")
_OUR_FOLDERS = {"files", "rules", "index", "conclusions"}


def is_cache_version(folder: Path) -> bool:
    """Whether ``folder`` is one of factledger's version folders (and holds nothing else): what clear removes."""
    if not _VERSION_FOLDER.fullmatch(folder.name) or folder.is_symlink() or not folder.is_dir():
        return False
    try:
        return all(child.name in _OUR_FOLDERS and child.is_dir() and not child.is_symlink()
                   for child in folder.iterdir())
    except OSError:
        return False


def version_folder() -> str:
    return f"v{FORMAT}-{__version__}-{model_shape()}-{code_stamp()}"


def disabled_by_environment() -> bool:
    from factledger.system.env import env_flag

    return env_flag("FACTLEDGER_NO_CACHE")


def content_key(display: str, data: bytes) -> str:
    """A file's cache name: its bytes and the path it is shown by (messages and locations name it)."""
    return hashlib.blake2b(display.encode("utf-8", "surrogateescape") + b"\0" + data, digest_size=20).hexdigest()


def _stamp(info: os.stat_result) -> list[int]:
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev]


class Cache:
    """One run's view of the cache for one data directory."""

    def __init__(self, data_dir: Path, folder: Path | None = None) -> None:
        self.folder = (folder or root()) / version_folder()
        self.problem: str | None = None  # why the cache is off for this run, said once
        named = f"{os.path.realpath(data_dir)}\0{os.path.abspath(data_dir)}\0{data_dir}"
        self._index_name = hashlib.blake2b(named.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
        self._index: dict[str, list[int | str]] = self._read_index()
        self._changed: dict[str, list[int | str]] = {}
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

    def known(self, path: Path, limit: int, role: str = "file") -> str | None:
        """The cache name of ``path`` (as a ledger ``file`` or a ``document``) if its stamp shows it unchanged
        since it was hashed; else None."""
        if not _STAMPS_TELL:
            return None
        recorded = self._index.get(f"{role}:{os.path.abspath(path)}")
        if recorded is None:
            return None
        try:
            info = os.stat(path)
            stamp, hashed_at, key = recorded[:5], int(recorded[5]), str(recorded[6])
        except (OSError, ValueError, TypeError):
            return None
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None  # read it, so that its problem is reported as it is
        if hashed_at > time.time_ns():
            return None  # the clock went back since: no time can be trusted
        if stamp != _stamp(info) or max(info.st_mtime_ns, info.st_ctime_ns) >= hashed_at - RACY_NS:
            return None
        return key

    def stamp(self, path: Path) -> list[int] | None:
        """``path``'s stamp now, and the time it was taken: taken just after its bytes were read, it is
        what :meth:`remember` records for the content read."""
        if not self.usable or not _STAMPS_TELL:
            return None
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            return None
        return [*_stamp(info), time.time_ns()]

    def remember(self, path: Path, key: str, role: str = "file", stamp: list[int] | None = None) -> None:
        """Record ``path``'s stamp (``stamp``, from :meth:`stamp`, or now) as that of the content named
        ``key`` (just read)."""
        taken = stamp if stamp is not None else self.stamp(path)
        if taken is None or not self.usable:
            return
        name = f"{role}:{os.path.abspath(path)}"
        self._index[name] = self._changed[name] = [*taken, key]

    def get(self, kind: str, key: str) -> Any:
        """The payload stored under ``key``, or None (absent, corrupt, foreign: all the same)."""
        if not self.usable:
            return None
        text = _read(self._path(kind, key))
        if text is None:
            return None
        head, _, body = text.partition(b"\n")
        # The first line names the content and holds its digest: a file cut short, or changed in any way
        # that still parses, is not this content.
        try:
            header = json.loads(head)
            if (not isinstance(header, dict) or header.get("key") != key or header.get("format") != FORMAT
                    or header.get("digest") != hashlib.blake2b(body, digest_size=16).hexdigest()):
                return None
            return json.loads(body)
        except (ValueError, UnicodeDecodeError, RecursionError):
            return None

    def put(self, kind: str, key: str, payload: Any) -> None:
        if not self.usable:
            return
        body = json.dumps(payload, ensure_ascii=True, separators=(",", ":")).encode("ascii")
        header = {"format": FORMAT, "key": key, "digest": hashlib.blake2b(body, digest_size=16).hexdigest()}
        self._write_bytes(self._path(kind, key), json.dumps(header).encode("ascii") + b"\n" + body)

    def finish(self) -> None:
        """Save the stamps learnt this run, over what another run may have saved meanwhile."""
        if self._changed and self.usable:
            merged = {**self._read_index(), **self._changed}
            self._write(self.folder / "index" / f"{self._index_name}.json", {"format": FORMAT, "stamps": merged})

    # -- plumbing ----------------------------------------------------------------------------

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key[:2] / f"{key}.json"

    def _read_index(self) -> dict[str, list[int | str]]:
        try:
            stored = json.loads(_read(self.folder / "index" / f"{self._index_name}.json") or b"")
            stamps = stored["stamps"]
            if stored.get("format") == FORMAT and isinstance(stamps, dict) and all(
                    isinstance(v, list) and len(v) == 7 for v in stamps.values()):
                return stamps
        except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
            pass
        return {}

    def _write(self, target: Path, content: Any) -> None:
        self._write_bytes(target, json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii"))

    def _write_bytes(self, target: Path, data: bytes) -> None:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(data)
                os.replace(temporary, target)  # atomic: a reader sees the old file or the new, whole
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except OSError as exc:
            from factledger.system.fs import reason

            self.problem = f"cannot write the cache in '{self.folder}' ({reason(exc)}); going on without it"


# On Windows st_ctime is the creation time, which an edit does not change: there, every file is hashed.
_STAMPS_TELL = sys.platform != "win32"
_MAX_ENTRY = 1 << 31


def _read(path: Path) -> bytes | None:
    """A cache file's bytes, or None; never waits on a pipe or reads a device someone put in its place."""
    from factledger.system import fs

    try:
        return fs.read_file(path, _MAX_ENTRY)
    except fs.FileProblem:
        return None


def writable(folder: str | Path) -> str | None:
    """Why the cache folder cannot be used (None when it can): it must be, or be creatable as, a folder
    that takes files."""
    place = Path(folder)
    while not place.exists() and place != place.parent:
        place = place.parent
    if not place.is_dir():
        return f"'{place}' is not a folder"
    if not os.access(place, os.W_OK | os.X_OK):
        return f"'{place}' cannot be written"
    return None


def info(folder: Path | None = None) -> dict[str, Any]:
    """Where the cache is, and how much it holds (every version)."""
    base = folder or root()
    files, size = 0, 0
    current = version_folder()
    versions = []
    if base.is_dir():
        for entry in sorted(base.iterdir()):
            if is_cache_version(entry):
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
    removed: int = info(base)["files"]
    if base.is_dir():
        for entry in base.iterdir():
            if is_cache_version(entry):  # only what factledger wrote: never a folder that merely starts with v
                shutil.rmtree(entry, ignore_errors=True)
    return removed
