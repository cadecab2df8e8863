"""The seam that lets a ledger be read from bytes someone else holds (a git revision's tree) rather than
from the disk: the same discovery rules, the same loader, the same cache (keyed, as for files on disk, on
each file's display path and content, so a file whose content is cached is not parsed again).

A :class:`Snapshot` names every file and folder under a data directory as it was at some point, with a
reader of their bytes; nothing in it touches the disk. The loader takes its ledger files from
:meth:`Snapshot.ledger_files`, and the document rules their texts from :meth:`Snapshot.document`.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from factledger.system import fs

_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Item:
    """A path under the data directory: a file (``size`` bytes), a folder, or something that cannot be read
    (``problem`` says why). As on disk, a link leading out of the data directory is not listed (discovery
    reports it), and a link that leads nowhere is listed and cannot be read (``listed``)."""

    kind: str  # "file", "folder" or "problem"
    size: int = 0
    problem: str | None = None
    listed: bool = False


class Snapshot:
    def __init__(self, data_dir: Path, items: Mapping[str, Item], read: Callable[[list[str]], dict[str, bytes]],
                 name: str) -> None:
        """``items`` by path relative to the data directory ('a/b.yaml'); ``read`` gives the bytes of files
        by those paths; ``name`` says which snapshot it is, for a person ('HEAD', 'main (3f2a1c0)')."""
        self.data_dir = data_dir
        self.items = dict(items)
        self._read = read
        self.name = name
        self._bytes: dict[str, bytes] = {}

    def ledger_files(self) -> tuple[list[str], list[tuple[str, str]]]:
        """The ledger files as :func:`factledger.load.discover.discover` would find them on disk (``*.yaml``
        and ``*.yml`` in any case, hidden names skipped at any depth, sorted by relative path), and the
        paths that cannot be read with why."""
        files, problems = [], []
        for name in sorted(self.items):
            item = self.items[name]
            if any(part.startswith(".") for part in name.split("/")) or not name.lower().endswith(_SUFFIXES):
                continue
            if item.kind == "file" or item.kind == "problem" and item.listed:
                files.append(name)
            elif item.kind == "problem":
                problems.append((name, item.problem or "it cannot be read"))
        return files, problems

    def contents(self, names: Iterable[str], limit: int) -> dict[str, bytes | fs.FileProblem]:
        """Each file's bytes, or the FileProblem that stops it being read (larger than ``limit``, say)."""
        chosen = list(names)
        found: dict[str, bytes | fs.FileProblem] = {}
        wanted = []
        for name in chosen:
            problem = self._problem(name, limit)
            if problem is not None:
                found[name] = problem
            elif name not in self._bytes:
                wanted.append(name)
        if wanted:
            self._bytes.update(self._read(wanted))
        for name in chosen:
            if name not in found:
                found[name] = self._bytes[name]
        return found

    def _problem(self, name: str, limit: int) -> fs.FileProblem | None:
        item = self.items.get(name)
        if item is None:
            return fs.FileProblem("it does not exist")
        if item.kind == "folder":
            return fs.FileProblem("it is a folder, not a file")
        if item.kind == "problem":
            return fs.FileProblem(item.problem or "it cannot be read")
        if item.size > limit:
            return fs.FileProblem(fs.too_large(item.size, limit), too_large=True)
        return None

    # -- documents ------------------------------------------------------------------------------

    def place(self, relative: str) -> tuple[str | None, fs.Kind | str]:
        """Where a document's ``file`` (relative to the data directory) leads: (its path in the snapshot,
        what is there: "file", "folder", "missing"), or (None, "outside") when it leads out of the data
        directory."""
        path = posixpath.normpath(relative.replace("\\", "/")) if relative else "."
        if path == ".." or path.startswith("../") or path.startswith("/"):
            return None, "outside"
        item = self.items.get(path)
        if item is None:
            return path, "missing"
        if item.kind == "problem":
            return path, "outside" if "outside" in (item.problem or "") else "other"
        return path, item.kind

    def document(self, path: str, limit: int) -> bytes:
        """A document file's bytes (a path :meth:`place` found); FileProblem when it cannot be read."""
        found = self.contents([path], limit)[path]
        if isinstance(found, fs.FileProblem):
            raise found
        return found

    def document_key(self, relative: str, limit: int) -> list[str]:
        """What a document file is, for the key of the rules' cache: where it leads and its content's digest."""
        path, kind = self.place(relative)
        if path is None or kind != "file":
            return [str(path), str(kind)]
        try:
            return [path, hashlib.blake2b(self.document(path, limit), digest_size=20).hexdigest()]
        except fs.FileProblem as exc:
            return [path, f"unreadable: {exc}"]
