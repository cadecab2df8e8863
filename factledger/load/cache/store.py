"""How cached loading is read and written: one JSON file per ledger file keyed on its content and its
display path, an index of file stamps that lets an unchanged file be known without reading it, and
the cross-file diagnostics of a whole ledger keyed on every input they depend on; where it lives,
and why it can be trusted, is :mod:`.place`; how it stays bounded, :mod:`.upkeep`.

Nothing here may change a result. Every file is sealed: its first line names it and holds a digest of
its body keyed with the user's secret (:mod:`.place`), so a file cut short, corrupt, from another
version or written by anyone else is never read (and is rewritten); writes are atomic (a temporary
file renamed into place), so two runs at once never see half a file; a folder that cannot be used
means no cache, said once.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from factledger.load.cache import upkeep
from factledger.load.cache.place import (
    FORMAT,
    code_stamp,
    is_cache_version,
    no_root,
    opened,
    root,
    version_folder,
    writable,
)

__all__ = ["FORMAT", "RACY_NS", "Cache", "code_stamp", "content_key", "disabled_by_environment", "is_cache_version",
           "root", "version_folder", "writable"]

# A stamp (size, times, inode) is trusted only for a file last changed this long before it was
# hashed: a file written again within the file system's timestamp granularity keeps its stamp.
RACY_NS = 2_000_000_000


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
        base = folder or root()
        self.problem: str | None = None  # why the cache is off for this run, said once
        self._secret = b""
        self.limit = upkeep.size_limit()
        named = f"{os.path.realpath(data_dir)}\0{os.path.abspath(data_dir)}\0{data_dir}"
        self._index_name = hashlib.blake2b(named.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
        self._changed: dict[str, list[int | str]] = {}
        self._stale: set[tuple[str, str]] = set()  # entries a run found replaced: removed at the end
        self._added = 0  # bytes written this run
        if base is None:
            self.base, self.folder = Path(), Path()
            self.problem = no_root()
            self._index: dict[str, list[int | str]] = {}
            return
        self.base, self.folder = base, base / version_folder()
        try:
            inside = Path(os.path.realpath(self.folder)).is_relative_to(os.path.realpath(data_dir))
        except (OSError, ValueError):
            inside = False
        if inside:  # a cache inside the ledger would be read as part of it, or committed
            self.problem = f"the cache folder '{self.folder}' is inside the data directory; caching is off"
        else:
            secret, self.problem = opened(base)
            self._secret = secret or b""
            self.problem = self.problem or _not_ours(self.folder, *(self.folder / kind for kind in upkeep.KINDS))
        self._index = self._read_index()

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
        ``key`` (just read); the entry it had before, if another, is no longer needed."""
        taken = stamp if stamp is not None else self.stamp(path)
        if taken is None or not self.usable:
            return
        name = f"{role}:{os.path.abspath(path)}"
        before = self._index.get(name)
        if role == "file" and before is not None and before[-1] != key:
            self._stale.add(("files", str(before[-1])))
        self._index[name] = self._changed[name] = [*taken, key]

    def get(self, kind: str, key: str) -> Any:
        """The payload stored under ``key``, or None (absent, corrupt, foreign, not sealed with this user's
        key: all the same)."""
        body = self._body(kind, key, ".json")
        if body is None:
            return None
        try:
            return json.loads(body)
        except (ValueError, UnicodeDecodeError, RecursionError):
            return None

    def put(self, kind: str, key: str, payload: Any) -> None:
        self._keep(kind, key, ".json", json.dumps(payload, ensure_ascii=True, separators=(",", ":")).encode("ascii"))

    def get_bytes(self, kind: str, key: str) -> bytes | None:
        """The bytes kept under ``key`` by :meth:`put_bytes`, or None (as :meth:`get`)."""
        return self._body(kind, key, ".bin")

    def put_bytes(self, kind: str, key: str, body: bytes) -> None:
        """Keep ``body`` (any bytes, sealed as a JSON payload is) under ``key``."""
        self._keep(kind, key, ".bin", body)

    def _body(self, kind: str, key: str, suffix: str) -> bytes | None:
        return self._unsealed(kind, key, _read(self._path(kind, key, suffix))) if self.usable else None

    def _keep(self, kind: str, key: str, suffix: str, body: bytes) -> None:
        if self.usable:
            self._write_bytes(self._path(kind, key, suffix), self._sealed(kind, key, body))

    def rules_written(self, key: str) -> None:
        """The cross-file rules' entry for this data directory is now ``key``: the one before is not needed."""
        name = "rules:"
        before = self._index.get(name)
        if before is not None and before[-1] != key:
            self._stale.add(("rules", str(before[-1])))
        self._index[name] = self._changed[name] = [key]

    def finish(self) -> None:
        """Save the stamps learnt this run, over what another run may have saved meanwhile; remove what this
        run found replaced or gone, and other versions' folders; keep the cache within its limit."""
        if not self.usable:
            return
        gone = [name for name in self._index if name not in self._changed and _vanished(name)]
        if not (self._changed or gone or self._stale or self._added):
            return  # a warm run that found everything as it was: nothing to write or remove
        merged = {**self._read_index(), **self._changed}
        for name in gone:
            record = merged.pop(name, None)
            if record is not None and name.startswith("file:"):
                self._stale.add(("files", str(record[-1])))
        if self._changed or gone:
            self._write(self.folder / "index" / f"{self._index_name}.json", {"format": FORMAT, "stamps": merged})
        still = {str(record[-1]) for record in merged.values()}
        freed = sum(upkeep.remove_entry(self.folder, kind, key) for kind, key in self._stale if key not in still)
        if self._added:
            freed += upkeep.remove_other_versions(self.base, self.folder.name)
        if self._added or freed:
            upkeep.account(self.folder, self._added - freed, self.limit)

    # -- plumbing ----------------------------------------------------------------------------

    def _path(self, kind: str, key: str, suffix: str) -> Path:
        return self.folder / kind / key[:2] / f"{key}{suffix}"

    def _seal(self, kind: str, key: str, body: bytes) -> str:
        # BLAKE2b keyed with the user's secret: only this user's factledger can make it (place.py says why).
        sealing = hashlib.blake2b(f"{FORMAT}\0{kind}\0{key}\0".encode(), key=self._secret, digest_size=24)
        sealing.update(body)
        return sealing.hexdigest()

    def _sealed(self, kind: str, key: str, body: bytes) -> bytes:
        header = {"format": FORMAT, "key": key, "seal": self._seal(kind, key, body)}
        return json.dumps(header).encode("ascii") + b"\n" + body

    def _unsealed(self, kind: str, key: str, data: bytes | None) -> bytes | None:
        """The body of a file read from the cache if its first line names ``key`` and holds its seal; else None."""
        if data is None or not self._secret:
            return None
        head, _, body = data.partition(b"\n")
        try:
            header = json.loads(head)
        except (ValueError, UnicodeDecodeError, RecursionError):
            return None
        if (not isinstance(header, dict) or header.get("key") != key or header.get("format") != FORMAT
                or not isinstance(header.get("seal"), str)
                or not hmac.compare_digest(header["seal"], self._seal(kind, key, body))):
            return None
        return body

    def _read_index(self) -> dict[str, list[int | str]]:
        if not self.usable:
            return {}
        body = self._unsealed("index", self._index_name, _read(self.folder / "index" / f"{self._index_name}.json"))
        try:
            stored = json.loads(body or b"")
            stamps = stored["stamps"]
            if stored.get("format") == FORMAT and isinstance(stamps, dict) and all(
                    isinstance(v, list) and len(v) in (1, 7) for v in stamps.values()):
                return stamps
        except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
            pass
        return {}

    def _write(self, target: Path, content: Any) -> None:
        body = json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii")
        self._write_bytes(target, self._sealed("index", target.stem, body))

    def _write_bytes(self, target: Path, data: bytes) -> None:
        try:
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            planted = _not_ours(target.parent)
            if planted:  # a folder someone else made while the cache was not private: never written through
                self.problem = planted
                return
            descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(data)
                try:
                    replaced = os.lstat(target).st_size
                except OSError:
                    replaced = 0
                os.replace(temporary, target)  # atomic: a reader sees the old file or the new, whole
                self._added += len(data) - replaced
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except OSError as exc:
            from factledger.system.fs import reason

            self.problem = f"cannot write the cache in '{self.folder}' ({reason(exc)}); going on without it"


def _not_ours(*folders: Path) -> str | None:
    """Why the cache is off if one of ``folders`` that exists is not a private folder of the user's (a link,
    another's): what someone planted while the cache folder was open to them."""
    from factledger.system.user import private_problem

    for folder in folders:
        if os.path.lexists(folder):
            problem = private_problem(folder)
            if problem is not None:
                return f"the cache holds a folder that is not private: {problem}; caching is off until it is removed"
    return None


def _vanished(name: str) -> bool:
    """Whether the file an index record (``file:/path``, ``document:/path``) names is gone."""
    role, _, path = name.partition(":")
    return role in ("file", "document") and not os.path.lexists(path)


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
