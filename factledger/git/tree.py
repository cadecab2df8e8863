"""A revision's files, read from git's objects: the tree under a folder (``ls-tree``) and the blobs'
bytes (one ``cat-file --batch`` for all of them, each object read once however often it is asked for)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

from factledger.git.repo import GitError, Repo


@dataclass(frozen=True)
class TreeItem:
    """One entry of a tree: ``path`` inside the repository, git's ``mode`` ('100644', '120000' a link,
    '040000' a folder, '160000' a submodule), its object id and size (None for a folder)."""

    path: str
    mode: str
    oid: str
    size: int | None

    @property
    def kind(self) -> str:
        return {"04": "folder", "12": "link", "16": "submodule"}.get(self.mode[:2], "file")


def listing(repo: Repo, commit: str, folders: Iterable[str]) -> list[TreeItem]:
    """Every file, link and folder at or below ``folders`` (paths inside the repository) in ``commit``."""
    wanted = [f for f in folders]
    if not wanted:
        return []
    out = repo.git("ls-tree", "-r", "-t", "-l", "-z", "--full-tree", commit, "--", *wanted)
    items = []
    for record in out.split(b"\0"):
        if not record:
            continue
        head, _, name = record.partition(b"\t")
        mode, _, rest = head.partition(b" ")
        _, _, rest = rest.partition(b" ")
        oid, _, size = rest.strip().partition(b" ")
        size_text = size.strip().decode("ascii")
        items.append(TreeItem(os.fsdecode(name), mode.decode("ascii"), oid.decode("ascii"),
                              int(size_text) if size_text.isdigit() else None))
    return items


class Blobs:
    """Blobs' bytes by object id, read through one ``git cat-file --batch`` per request and kept."""

    def __init__(self, repo: Repo) -> None:
        self.repo = repo
        self._kept: dict[str, bytes] = {}

    def read(self, oids: Iterable[str]) -> dict[str, bytes]:
        wanted = list(dict.fromkeys(oids))
        missing = [oid for oid in wanted if oid not in self._kept]
        if missing:
            self._kept.update(self._batch(missing))
        return {oid: self._kept[oid] for oid in wanted}

    def _batch(self, oids: list[str]) -> dict[str, bytes]:
        out = self.repo.git("cat-file", "--batch", given="".join(f"{oid}\n" for oid in oids).encode("ascii"))
        found: dict[str, bytes] = {}
        at = 0
        for oid in oids:
            end = out.index(b"\n", at)
            header = out[at:end].split(b" ")
            if len(header) != 3:  # "<oid> missing": a partial clone without it, say
                said = b" ".join(header).decode("ascii", "replace")
                raise GitError(f"object {oid} is not in this repository ({said})")
            size = int(header[2])
            found[oid] = out[end + 1:end + 1 + size]
            at = end + 1 + size + 1  # the content is followed by a newline
        return found
