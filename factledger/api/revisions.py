"""Which two ledgers a diff compares, and where each one's data directory is: `A..B`, `A...B`, one
revision against the working tree, or two folders.

A revision is read from git's objects (:mod:`factledger.git`), never checked out: its tree under the data
directory becomes a :class:`~factledger.load.snapshot.Snapshot` the loader reads as it reads a folder. The
data directory resolves in each revision as for every command: ``--data`` or ``FACTLEDGER_DATA`` when
given (the same path in both), else the ``data`` of the configuration file the revision itself holds
(``factledger.toml``, or ``[tool.factledger]`` in ``pyproject.toml``, from the current folder upwards),
else ``./data``.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from factledger.api import config as project
from factledger.git.repo import GitError, Repo
from factledger.git.tree import Blobs, TreeItem, listing
from factledger.load.snapshot import Item, Snapshot
from factledger.problems.errors import UsageError

WORKING_TREE = "the working tree"
_HOPS = 40  # links followed in a row before a chain is taken for a loop (as the system's own limit)


@dataclass
class Side:
    """One of the two ledgers: what a person calls it, the commit (None for a folder on disk), its data
    directory as files are named, the snapshot to read (None: the disk), and the configuration it holds."""

    label: str
    commit: str | None
    data_dir: Path
    snapshot: Snapshot | None = None
    config: project.Config = field(default_factory=project.Config)
    inside: str | None = None  # the data directory's path inside the repository ('' its root), for a revision


@dataclass
class Sides:
    old: Side
    new: Side
    notices: list[str] = field(default_factory=list)
    repo: Repo | None = None


def folders(old: Path, new: Path) -> Sides:
    """``--from DIR --to DIR``: two folders on disk, outside git."""
    return Sides(Side(str(old), None, old), Side(str(new), None, new))


def revisions(spec: str | None, data: Path | None, cwd: Path) -> Sides:
    """The two sides ``spec`` names: None (HEAD against the working tree), 'A' (A against the working
    tree), 'A..B', 'A...B' (from their merge base to B); an empty end is HEAD, as for git. ``data``: the
    data directory when given (--data, FACTLEDGER_DATA), else None (each revision's configuration)."""
    try:
        repo = Repo.at(cwd)
        blobs = Blobs(repo)
        old_name, new_name, base = _parse(spec)
        new_commit = repo.commit(new_name) if new_name is not None else None
        old_commit = repo.commit(old_name)
        if base:
            old_commit = repo.merge_base(old_commit, new_commit or repo.commit("HEAD"), (old_name, new_name or "HEAD"))
            old_name = f"merge-base({old_name}, {new_name or 'HEAD'})"
        here = project.find(cwd)
        new = _working_tree(data, here) if new_name is None else revision(repo, blobs, new_name, new_commit,
                                                                                data, cwd, here)
        old = revision(repo, blobs, old_name, old_commit, data, cwd, here)
    except GitError as exc:
        raise UsageError(exc.message) from None
    sides = Sides(old, new, repo=repo)
    sides.notices += _settings_notices(old, new, here, data is not None)
    return sides


def _parse(spec: str | None) -> tuple[str, str | None, bool]:
    """(old, new or None for the working tree, whether old is to be the merge base)."""
    if spec is None or not spec.strip():
        return "HEAD", None, False
    for separator, base in (("...", True), ("..", False)):
        if separator in spec:
            old, _, new = spec.partition(separator)
            return old or "HEAD", new or "HEAD", base
    return spec, None, False


def _working_tree(data: Path | None, here: project.Config) -> Side:
    return Side(WORKING_TREE, None, data if data is not None else here.data() or Path("data"), config=here)


def revision(repo: Repo, blobs: Blobs, name: str, commit: str | None, data: Path | None, cwd: Path,
             here: project.Config) -> Side:
    """The side for one revision: its data directory (as given, or as its own configuration says), and a
    snapshot of its tree there. A GitError when the revision has no such folder."""
    assert commit is not None
    short = f"{name} ({commit[:10]})" if not name.startswith(commit[:7]) else commit[:10]
    held = _tree_config(repo, blobs, commit) or (here if here.path is not None and repo.relative(here.path) is None
                                                 else project.Config())
    chosen = data if data is not None else held.data() or Path("data")
    absolute = chosen if chosen.is_absolute() else cwd / chosen
    inside = repo.relative(absolute)
    if inside is None:
        raise GitError(f"the data directory '{chosen}' is outside the repository at {repo.root}, so no revision "
                       "holds it; give one inside it with --data")
    items = listing(repo, commit, [inside or "."])
    top = next((i for i in items if i.path == inside), None) if inside else TreeItem("", "040000", "", None)
    if top is None:
        raise GitError(f"{short} has no data directory '{chosen}' ({_whence(data, held)}); "
                       "give another with --data, or compare revisions that have one")
    if top.kind != "folder":
        raise GitError(f"in {short}, the data directory '{chosen}' is not a folder")
    # Files are named as the working tree's would be, so that the cache and the places compare across sides.
    return Side(short, commit, chosen, _snapshot(repo, blobs, commit, inside, items, chosen, short), held, inside)


def _whence(data: Path | None, held: project.Config) -> str:
    if data is not None:
        return "as given"
    return f"from its {held.label}" if held.path is not None else "the default"


def _tree_config(repo: Repo, blobs: Blobs, commit: str) -> project.Config | None:
    """The configuration ``commit`` holds for the current folder: the nearest file from it up to the
    repository's root, read from the revision's tree."""
    parts = [p for p in repo.prefix.strip("/").split("/") if p]
    folders = ["/".join(parts[:n]) for n in range(len(parts), -1, -1)]
    names = [posixpath.join(f, n) for f in folders for n in ("factledger.toml", "pyproject.toml")]
    found = {i.path: i for i in listing(repo, commit, names) if i.kind == "file"}
    contents = blobs.read(i.oid for i in found.values())

    def read(path: Path) -> bytes | None:
        inside = repo.relative(path)
        item = found.get(inside) if inside is not None else None
        return contents[item.oid] if item is not None else None

    return project.search([repo.root / f for f in folders], read)


def _snapshot(repo: Repo, blobs: Blobs, commit: str, inside: str, items: list[TreeItem], display: Path,
              label: str) -> Snapshot:
    prefix = f"{inside}/" if inside else ""
    by_path = {i.path: i for i in items}
    links = {i.path: i for i in items if i.kind == "link"}
    written = blobs.read(i.oid for i in links.values())
    targets = {path: os.fsdecode(written[link.oid]) for path, link in links.items()}
    kept: dict[str, Item] = {}
    oids: dict[str, str] = {}
    for item in items:
        if not item.path.startswith(prefix) or item.path == inside:
            continue
        name = item.path[len(prefix):]
        found = _follow(repo, commit, item, targets, by_path, prefix, kept, name) if item.kind == "link" else item
        if found is not None and found.kind == "folder":
            kept[name] = Item("folder")
        elif found is not None and found.kind == "file":
            kept[name] = Item("file", found.size or 0)
            oids[name] = found.oid

    def read(names: list[str]) -> dict[str, bytes]:
        contents = blobs.read(oids[n] for n in names)
        return {n: contents[oids[n]] for n in names}

    return Snapshot(display, kept, read, label)


def _follow(repo: Repo, commit: str, link: TreeItem, targets: dict[str, str], by_path: dict[str, TreeItem],
            prefix: str, kept: dict[str, Item], name: str) -> TreeItem | None:
    """What a link leads to, as reading the folder on disk would find it: a file inside the data directory
    (read as itself), a folder inside it (not followed: its files are listed where they are), or a problem
    (noted in ``kept``). None when nothing is to be read at this name."""
    path, hops = link.path, 0
    while hops < _HOPS:
        hops += 1
        target = targets.get(path, "")
        path = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
        if target.startswith("/") or path == ".." or path.startswith("../") or not path.startswith(prefix):
            what = "folder" if _is_folder(repo, commit, path) else "file"
            kept[name] = Item("problem", problem=f"a link to a {what} outside the data directory; not read")
            return None
        found = by_path.get(path)
        if found is None:
            kept[name] = Item("problem", problem="it does not exist", listed=True)
            return None
        if found.kind != "link":
            return None if found.kind == "folder" else found
        if found.path not in targets:
            break
    kept[name] = Item("problem", problem="a symbolic link loops (or the path has too many links)", listed=True)
    return None


def _is_folder(repo: Repo, commit: str, path: str) -> bool:
    if path.startswith(("/", "../")) or path == "..":
        return False
    return any(i.path == path and i.kind == "folder" for i in listing(repo, commit, [path]))


def _settings_notices(old: Side, new: Side, here: project.Config, data_given: bool) -> list[str]:
    """What a person should know when the two revisions' configurations differ: the data directory is each
    revision's own, the check settings are the ones in force here, for both."""
    notices = []
    if not data_given and old.data_dir != new.data_dir:
        notices.append(f"the data directory is '{old.data_dir}' in {old.label} and '{new.data_dir}' in "
                       f"{new.label} (each revision's own configuration)")
    for side in (old, new):
        theirs = {k: v for k, v in side.config.values.items() if k != "data"}
        ours = {k: v for k, v in here.values.items() if k != "data"}
        if side.label != WORKING_TREE and theirs != ours:
            changed = sorted(set(theirs) ^ set(ours) | {k for k in theirs if k in ours and theirs[k] != ours[k]})
            notices.append(f"the configuration in {side.label} sets {', '.join(changed)} otherwise than "
                           f"{here.label if here.path else 'the defaults'}; both revisions are checked "
                           "with the settings in force here, so that only the ledger's changes show")
    return notices
