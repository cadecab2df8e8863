"""The one place that decides whether to reuse what an earlier run computed or to compute it now:
a file's entries (by its content, or by its stamp when that can be trusted) and the cross-file
rules' diagnostics (by a key over every input they read). Without a cache (``--no-cache``,
``FACTLEDGER_NO_CACHE``, a folder that cannot be used) everything is computed, with the same result.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factledger.load.cache import codec
from factledger.load.cache.store import RACY_NS, Cache, content_key, disabled_by_environment
from factledger.load.snapshot import Snapshot
from factledger.model.entries import Ledger
from factledger.problems.diagnostics import Diagnostic
from factledger.system import fs

Entries = tuple[bool, dict[str, list[Any]], list[Diagnostic]]  # parsed to its end, entries by section, diagnostics
DocumentStamps = tuple[tuple[str, tuple[int, ...] | None], ...]


@dataclass
class FileRead:
    """One file's entries, and what the cache's index needs to know it next time."""

    entries: Entries
    key: str | None = None  # its name in the cache (None: no cache)
    stamp: list[int] | None = None  # the file's stamp taken as it was read
    parsed: bool = False  # parsed this run (not taken from the cache)


@dataclass(frozen=True)
class RulesInput:
    """Everything the cross-file rules read, but the documents' contents (the key reads those)."""

    data_dir: Path
    limit: int
    skip: Path | None
    ledger: Ledger
    keys: list[str | None]  # each file's cache name, in order (None: the file could not be read)
    problems: list[Diagnostic]  # what discovery reported
    snapshot: Snapshot | None = None  # where the files came from, when not the disk


class Reuse:
    def __init__(self, store: Cache | None) -> None:
        self.store = store

    @classmethod
    def opened(cls, data_dir: Path, wanted: bool | None, allowed: bool) -> Reuse:
        """The cache for ``data_dir``, unless ``wanted`` is False, or None and the run (``allowed``) or
        the environment turns it off."""
        if wanted is False or (wanted is None and (not allowed or disabled_by_environment())):
            return cls(None)
        return cls(Cache(data_dir))

    @property
    def problem(self) -> str | None:
        return self.store.problem if self.store is not None else None

    @problem.setter
    def problem(self, said: str) -> None:
        if self.store is not None and self.store.problem is None:
            self.store.problem = said

    # -- files -----------------------------------------------------------------------------

    def by_stamp(self, path: Path, limit: int) -> str | None:
        """The file's cache name if its stamp shows it unchanged since it was hashed, else None."""
        return self.store.known(path, limit) if self.store is not None else None

    def known(self, key: str, display: str) -> Entries | None:
        """The entries kept for the content named ``key`` read as ``display``, or None."""
        if self.store is None:
            return None
        payload = self.store.get("files", key)
        if payload is None or not isinstance(payload, dict) or payload.get("display") != display:
            return None
        try:
            return codec.decode(payload)
        except Exception:  # noqa: BLE001 - whatever is wrong with a cache entry, the file itself is read instead
            return None

    def entries(self, path: Path, display: str, data: bytes, parse: Callable[[], Entries]) -> FileRead:
        """The entries of ``data`` (just read from ``path``): kept from an earlier run, else ``parse()``d
        and kept."""
        if self.store is None:
            return FileRead(parse(), parsed=True)
        # Stamped just after reading, as hashing does: a change from here on gives the file a new stamp, or
        # one so recent that the cache does not trust it (RACY_NS).
        stamp = self.store.stamp(path)
        key = content_key(display, data)
        known = self.known(key, display)
        if known is not None:
            return FileRead(known, key, stamp)
        entries = parse()
        self.store.put("files", key, codec.encode(display, *entries))
        return FileRead(entries, key, stamp, parsed=True)

    def given(self, display: str, data: bytes, parse: Callable[[], Entries]) -> FileRead:
        """The entries of ``data``, a snapshot's file shown as ``display`` (no file on this disk holds it):
        kept from an earlier run (of the same content under the same name, from a snapshot or the disk),
        else ``parse()``d and kept."""
        if self.store is None:
            return FileRead(parse(), parsed=True)
        key = content_key(display, data)
        known = self.known(key, display)
        if known is not None:
            return FileRead(known, key)
        entries = parse()
        self.store.put("files", key, codec.encode(display, *entries))
        return FileRead(entries, key, parsed=True)

    def remember(self, path: Path, read: FileRead) -> None:
        if self.store is not None and read.key is not None and read.stamp is not None:
            self.store.remember(path, read.key, stamp=read.stamp)

    # -- the cross-file rules ----------------------------------------------------------------

    def rules(self, given: RulesInput, run: Callable[[], list[Diagnostic]]) -> list[Diagnostic]:
        """The rules' diagnostics: kept from an earlier run whose inputs were all the same, else ``run()``."""
        key = self._rules_key(given) if self.store is not None else None
        if key is None:
            return run()
        assert self.store is not None
        kept = self._kept_rules(key)
        if kept is not None:
            self.store.rules_written(key)
            return kept
        if given.snapshot is not None:  # a snapshot does not change while the rules read it
            found = run()
            self._put("rules", key, [codec.diagnostic_data(d) for d in found])
            return found
        before = _documents_settled(given.data_dir, given.ledger)
        found = run()
        # A document saved while the rules read it: what they found is this run's, never the key's.
        if _documents_settled(given.data_dir, given.ledger) == before and not _recent(before):
            self._put("rules", key, [codec.diagnostic_data(d) for d in found])
            self.store.rules_written(key)
        return found

    def _rules_key(self, given: RulesInput) -> str | None:
        """A name for everything the rules read: the files (by content and path), what could not be read,
        the data directory as given and where it is, the size limit, and every document file's content."""
        if any(k is None for k in given.keys):
            return None  # a file that could not be read: nothing to prove the rules' input by
        data_dir, snapshot = given.data_dir, given.snapshot
        documents = [[d.file, *(self._document_stamp(data_dir, d.file, given.limit) if snapshot is None
                                else snapshot.document_key(d.file, given.limit))]
                     for d in given.ledger.documents if d.file]
        # A snapshot's rules read no folder on this disk: where the data directory is here is not their input.
        where = [os.path.abspath(data_dir), os.path.realpath(data_dir)] if snapshot is None else ["snapshot"]
        material = json.dumps([str(data_dir), *where, given.limit,
                               str(given.skip), given.ledger.files, given.keys,
                               [codec.diagnostic_data(d) for d in given.problems], documents], ensure_ascii=True)
        return hashlib.blake2b(material.encode("ascii"), digest_size=20).hexdigest()

    def _document_stamp(self, data_dir: Path, name: str, limit: int) -> list[str]:
        """Where a document's file leads and what it holds (or why it cannot be read)."""
        assert self.store is not None
        try:
            path = data_dir / name
            where = os.path.realpath(path)
        except (OSError, ValueError) as exc:
            return ["unusable", str(exc)]
        known = self.store.known(path, limit, role="document")
        if known is not None:
            return [where, known]
        try:
            data = fs.read_file(path, limit)
        except fs.FileProblem as exc:
            return [where, f"unreadable: {exc}"]
        key = content_key(name, data)
        self.store.remember(path, key, role="document")
        return [where, key]

    def _kept_rules(self, key: str) -> list[Diagnostic] | None:
        assert self.store is not None
        payload = self.store.get("rules", key)
        if payload is None:
            return None
        try:
            return [codec.diagnostic(item) for item in payload]
        except Exception:  # noqa: BLE001 - a wrong entry means the rules run again
            return None

    def _put(self, kind: str, key: str, payload: Any) -> None:
        if self.store is not None:
            self.store.put(kind, key, payload)

    # -- what a whole ledger gives --------------------------------------------------------------

    @staticmethod
    def _named(material: list[Any]) -> str:
        return hashlib.blake2b(json.dumps(material, ensure_ascii=True).encode("ascii"), digest_size=20).hexdigest()

    def recall(self, kind: str, material: list[Any]) -> Any:
        """What was kept under ``kind`` for the inputs ``material`` names (JSON that names every input: a
        ledger's cross-check, named by its files' names and its options), or None."""
        return self.store.get(kind, self._named(material)) if self.store is not None else None

    def keep(self, kind: str, material: list[Any], payload: Any) -> None:
        """Keep ``payload`` (plain data) as what the inputs ``material`` names give."""
        self._put(kind, self._named(material), payload)

    def recall_bytes(self, kind: str, material: list[Any]) -> bytes | None:
        """:meth:`recall`, for what was kept as bytes."""
        return self.store.get_bytes(kind, self._named(material)) if self.store is not None else None

    def keep_bytes(self, kind: str, material: list[Any], body: bytes) -> None:
        """:meth:`keep`, for bytes (what only this user's factledger wrote is ever read back: the cache seals it)."""
        if self.store is not None:
            self.store.put_bytes(kind, self._named(material), body)

    def finish(self) -> list[str]:
        """Save what this run learnt; what a person should be told about the cache (at most one notice)."""
        if self.store is None:
            return []
        self.store.finish()
        return [self.store.problem] if self.store.problem else []


def _recent(stamps: DocumentStamps) -> bool:
    now = time.time_ns()
    return any(s is not None and max(s[1], s[2]) >= now - RACY_NS for _, s in stamps)


def _documents_settled(data_dir: Path, ledger: Ledger) -> DocumentStamps:
    """Each document file's stamp now; a result is kept only if these are the same after the rules ran,
    and none was changed so lately that a second change could keep its stamp."""
    stamps: list[tuple[str, tuple[int, ...] | None]] = []
    for document in ledger.documents:
        if document.file:
            try:
                info = os.stat(data_dir / document.file)
                stamps.append((document.file, (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)))
            except (OSError, ValueError):
                stamps.append((document.file, None))
    return tuple(stamps)
