"""The commits that changed files under a folder, newest first, each with the files it changed: one
``git log --raw`` (no rename detection: a file moved is a removal and an addition, and the entries in it
are matched by id, which is what a ledger's history follows)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from factledger.git.repo import Repo

ABSENT = "0" * 40  # the object id git writes for "no such file on this side"


@dataclass(frozen=True)
class Change:
    """One file a commit changed: its object before and after (:data:`ABSENT` when there was none)."""

    path: str
    old: str
    new: str
    old_mode: str
    new_mode: str


@dataclass
class Commit:
    oid: str
    parents: list[str]
    author: str
    date: str  # the author date, strict ISO 8601
    subject: str
    changes: list[Change] = field(default_factory=list)


_FORMAT = "%x01%H%x00%P%x00%an%x00%aI%x00%s"


def commits(repo: Repo, start: str, folder: str) -> list[Commit]:
    """The commits reachable from ``start`` that changed something under ``folder`` (a path inside the
    repository), children before their parents. A merge is listed only when it changed the folder in a way
    none of its parents had (git's history simplification), and then without its changes: what it brought
    is in the commits it merged."""
    out = repo.git("log", "--topo-order", "--no-renames", "--raw", "-z", "--no-abbrev", "--no-color",
                   f"--format={_FORMAT}", start, "--", folder or ".")
    found = []
    for chunk in out.split(b"\x01"):
        if not chunk:
            continue
        fields = chunk.split(b"\0", 5)
        oid, parents, author, date, subject = (f.decode("utf-8", "replace") for f in fields[:5])
        commit = Commit(oid, parents.split(), author, date, subject.strip())
        rest = fields[5] if len(fields) > 5 else b""
        tokens = rest.lstrip(b"\n").split(b"\0")
        for meta, path in zip(tokens[0::2], tokens[1::2], strict=False):
            parts = meta.lstrip(b":").split(b" ")
            if len(parts) < 5:
                continue
            old_mode, new_mode, old, new = (p.decode("ascii") for p in parts[:4])
            commit.changes.append(Change(os.fsdecode(path), old, new, old_mode, new_mode))
        found.append(commit)
    return found
