"""The history use case: the commits that touched one entry, newest first, following its renames.

It reads ``git log`` of the data directory (the folder HEAD's configuration names, or --data) and, for
each commit whose changed ledger files mention one of the entry's ids, the entries of those files before
and after the commit (through the loader and its cache), compared as the diff compares them
(:mod:`factledger.diff.entries`): so a rename is followed back to the entry's earlier id, a move to
another file is a move, and each field change is said old → new. Nothing is checked out. Commits that do
not mention the entry cost a byte search of the files they changed.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from factledger.api import config as project
from factledger.api.results import History, HistoryEvent
from factledger.api.revisions import revision
from factledger.diff import entries, fields
from factledger.diff.model import SECTIONS, SINGULAR
from factledger.git.log import ABSENT, Change, Commit, commits
from factledger.git.repo import GitError, Repo
from factledger.git.tree import Blobs
from factledger.load.snapshot import Item, Snapshot
from factledger.model.entries import Ledger
from factledger.pipeline import read_entries
from factledger.problems.errors import UsageError
from factledger.text.suggest import did_you_mean

_CHUNK = 64  # commits whose files are read in one request (and then let go)
Names = set[tuple[str, str]]  # (section, folded id) still followed back in time


def history(entry_id: str, data: Path | None = None, kind: str | None = None, cwd: Path | None = None) -> History:
    """The commits reachable from HEAD that touched the entry ``entry_id`` (``kind``: 'claim', 'source',
    … when several kinds of entry share the id), newest first. A UsageError outside a repository, for a
    HEAD with no data directory, an unknown kind, or an id no commit ever held."""
    sections = _sections(kind)
    try:
        repo = Repo.at(cwd or Path.cwd())
        head = repo.commit("HEAD")
        side = revision(repo, Blobs(repo), "HEAD", head, data, cwd or Path.cwd(), project.find(cwd or Path.cwd()))
        found = _walk(repo, commits(repo, head, side.inside or ""), side.inside or "", side.data_dir,
                      {(s, fields.key(s, entry_id)) for s in sections})
    except GitError as exc:
        raise UsageError(exc.message) from None
    if not found:
        raise UsageError(f"no commit reachable from HEAD touched an entry '{entry_id}' in '{side.data_dir}'")
    chosen = {section for section, _ in found}
    if len(chosen) > 1:  # 'daily-news' the claim, and 'DAILY-NEWS' the source: the one spelt as asked, if one is
        exact = {section for section, event in found if entry_id in (event.id, event.was)}
        chosen = exact if len(exact) == 1 else chosen
    if len(chosen) > 1:
        kinds = sorted(SINGULAR[s] for s in chosen)
        raise UsageError(f"'{entry_id}' names a {' and a '.join(kinds)}: choose one with "
                         + " or ".join(f"--kind {k}" for k in kinds))
    section = chosen.pop()
    events = [e for s, e in found if s == section]
    return History(None, id=events[0].id, section=section, start=side.label, events=events)


def _sections(kind: str | None) -> list[str]:
    if kind is None:
        return list(SECTIONS)
    wanted = kind.strip().lower().removesuffix("s")
    named = {singular: section for section, singular in SINGULAR.items()}
    if wanted not in named:
        raise UsageError(f"'{kind}' is not one of {', '.join(named)}{did_you_mean(wanted, list(named))}",
                         option="--kind")
    return [named[wanted]]


def _walk(repo: Repo, log: list[Commit], inside: str, data_dir: Path, names: Names) -> list[tuple[str, HistoryEvent]]:
    """Each commit's events for the names followed, newest first; a rename adds the older id to follow, an
    addition ends an id's history."""
    found: list[tuple[str, HistoryEvent]] = []
    prefix = f"{inside}/" if inside else ""
    for start in range(0, len(log), _CHUNK):
        chunk = log[start:start + _CHUNK]
        wanted = {c.oid: [x for x in c.changes if _ledger_file(x.path, prefix)] for c in chunk}
        # Read a chunk at a time, and let go after: a long history is never in memory whole.
        contents = Blobs(repo).read(o for changed in wanted.values() for x in changed for o in (x.old, x.new)
                                    if o != ABSENT)
        for commit in chunk:
            if not names:
                return found
            changed = wanted[commit.oid]
            mentioning = [x for x in changed if _mentions(contents.get(x.old, b""), names)
                          or _mentions(contents.get(x.new, b""), names)]
            if not mentioning:
                continue
            events, names = _events(commit, *_sides(data_dir, prefix, mentioning, contents), names)
            others = [x for x in changed if x not in mentioning and x.old != ABSENT]
            if others and any(e.change == "added" for _, e in events):  # maybe renamed from an entry elsewhere
                events, names = _events(commit, *_sides(data_dir, prefix, changed, contents), names)
            found += events
    return found


def _sides(data_dir: Path, prefix: str, changed: list[Change], contents: dict[str, bytes]) -> tuple[Ledger, Ledger]:
    """The entries of the ``changed`` files before the commit and after it."""
    return (_ledger(data_dir, prefix, [(x.path, x.old) for x in changed if x.old != ABSENT], contents),
            _ledger(data_dir, prefix, [(x.path, x.new) for x in changed if x.new != ABSENT], contents))


def _ledger_file(path: str, prefix: str) -> bool:
    if not path.startswith(prefix):
        return False
    name = path[len(prefix):]
    return name.lower().endswith((".yaml", ".yml")) and not any(p.startswith(".") for p in name.split("/"))


def _mentions(data: bytes, names: Names) -> bool:
    """Whether the file's bytes may hold one of the ids (a quick look, so most commits are never parsed)."""
    if not data:
        return False
    lowered = data.lower()
    for _, key in names:
        if key.isascii():
            if key.lower().encode() in lowered:
                return True
        elif key in data.decode("utf-8", "replace").casefold():
            return True
    return False


def _ledger(data_dir: Path, prefix: str, files: list[tuple[str, str]], contents: dict[str, bytes]) -> Ledger:
    """The entries of ``files`` (paths in the repository, object ids) as a ledger in ``data_dir``."""
    names = {path[len(prefix):]: oid for path, oid in files}
    items = {name: Item("file", len(contents[oid])) for name, oid in names.items()}
    for name in names:  # the folders above, so that the snapshot is a tree like any other
        folder = posixpath.dirname(name)
        while folder:
            items.setdefault(folder, Item("folder"))
            folder = posixpath.dirname(folder)
    snapshot = Snapshot(data_dir, items, lambda wanted: {n: contents[names[n]] for n in wanted}, "")
    return read_entries(data_dir, snapshot)


def _events(commit: Commit, before: Ledger, after: Ledger,
            followed: Names) -> tuple[list[tuple[str, HistoryEvent]], Names]:
    """The commit's events for the names ``followed``, and the names to follow in the commits before it."""
    names = set(followed)
    changes, _ = entries.compare(before, after, set(), only=names)
    found = []
    started: Names = set()
    for change in changes:
        key = (change.section, fields.key(change.section, change.id))
        if key not in names:
            continue
        found.append((change.section, HistoryEvent(commit.oid, commit.date, commit.author, commit.subject,
                                                   change.change, change.id, change.location.file,
                                                   change.location.line, change.was, change.fields)))
        if change.change == "renamed" and change.was is not None:
            names.add((change.section, fields.key(change.section, change.was)))
            started.add(key)
        elif change.change == "added":
            started.add(key)
    found += _moves(commit, before, after, names, {(s, k) for s, e in found for k in [fields.key(s, e.id)]})
    names -= started  # before its addition (or under its new id, before the rename) there is nothing to follow
    return found, names


def _moves(commit: Commit, before: Ledger, after: Ledger, names: Names,
           reported: Names) -> list[tuple[str, HistoryEvent]]:
    """Entries of the names followed that moved to another file unchanged (the diff sees no change there)."""
    found = []
    for section, key in sorted(names - reported):
        old = next((e for e in getattr(before, section) if fields.key(section, e.id) == key), None)
        new = next((e for e in getattr(after, section) if fields.key(section, e.id) == key), None)
        if old is not None and new is not None and old.location.file != new.location.file:
            found.append((section, HistoryEvent(commit.oid, commit.date, commit.author, commit.subject, "moved",
                                                new.id, new.location.file, new.location.line,
                                                moved_from=old.location.file)))
    return found
