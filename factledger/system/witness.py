"""What a run looked at, and whether it did anything but write its output: the witness a kept answer
(:mod:`factledger.cli.answers`) is checked against before it is written again.

A run's answer is a function of its command line and environment (the answer's key) and of what it read.
What it read is told here two ways, so that neither alone has to be complete:

- **declared**: the module that asks a question of the disk names what the answer depends on, where it asks:
  the data directory's whole tree (:func:`tree`, by the loader's discovery: every file, folder and link
  under it, documents included, hidden or not) and each path whose presence decides something (:func:`look`,
  by the configuration's search: ``factledger.toml``, ``pyproject.toml`` and ``.git`` in every folder up);
- **seen**: every file opened for reading and every folder listed, as Python's audit hooks report them
  (``open``, ``os.listdir``, ``os.scandir``), less Python's own code and libraries, the kernel's files
  (``/dev``, ``/proc``, ``/sys``) and the cache.

Only the process that started watching is watched: a forked child (the loader's workers) stops, and must
only read what its parent has listed or declared.

A run is fit to be kept only when all it did was write standard output: no file opened for writing, nothing
removed, renamed or made (the cache's folder aside), no program started, no connection made. And only when
what it read had settled before it started: a file changed within :data:`RACY_NS` of the start (or during
the run) could have been read in a state its stamp does not tell apart, as the per-file cache holds
(:mod:`factledger.load.cache.store`).

A stamp is what the per-file cache trusts: size, modification and change times, inode, device, mode and
owner. Every write changes a file's change time, which no program can set back, so a file whose stamp is
the same is the file that was read.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import time
from collections.abc import Callable, Iterable

# A stamp is trusted only for a file last changed this long before it was read: a file written again
# within the file system's timestamp granularity keeps its stamp (2 s covers FAT's).
RACY_NS = 2_000_000_000

_FORMAT = "factledger-witness-1"
_DEVICES = ("/dev/", "/proc/", "/sys/")  # the kernel's: no ledger is read there (cli.answers refuses them)
# What changes the disk: a run that did any of these outside the cache is not an answer to keep.
_PATH_EFFECTS = frozenset({"os.remove", "os.rename", "os.rmdir", "os.mkdir", "os.chmod", "os.chown", "os.chflags",
                           "os.utime", "os.truncate", "os.link", "os.symlink", "os.setxattr", "os.removexattr",
                           "shutil.rmtree", "shutil.move", "shutil.copyfile", "shutil.copytree"})
_EFFECTS = frozenset({"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.startfile",
                      "os.kill", "os.killpg", "socket.connect", "socket.bind", "socket.sendto", "webbrowser.open",
                      "sqlite3.connect", "ctypes.dlopen"})
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

_watching = False
_hooked = False
_started_ns = 0
_skipped: tuple[str, ...] = ()
_cache = ""
_trees: set[str] = set()
_looked: set[str] = set()
_opened: set[str] = set()
_listed: set[str] = set()
_seen: dict[str, list[object]] = {}  # each path looked for or opened, as it was just before
effect: str | None = None  # the first thing the run did besides writing its output (why it is not kept)


def watch(cache: str | None) -> None:
    """From now on, note what this run reads and does; ``cache`` is the cache's folder (what is written
    there changes no answer)."""
    global _watching, _hooked, _started_ns, _skipped, _cache
    _started_ns = time.time_ns()
    _cache = _folder(cache) if cache else ""
    _skipped = tuple(_folder(p) for p in _code_places()) + ((_cache,) if _cache else ())
    _watching = True
    if not _hooked:
        sys.addaudithook(_heard)  # a hook stays for the life of the interpreter: it does nothing when not watching
        _hooked = True


def _code_places() -> set[str]:
    """Where Python's own code and libraries are imported from: what is there is the answer key's (the
    interpreter, factledger's files, the installed distributions), not the witness's. Not the working
    folder, even where imports are looked for there (``python -m``)."""
    import sysconfig

    paths = sysconfig.get_paths()
    places = {paths[name] for name in ("stdlib", "platstdlib", "purelib", "platlib") if paths.get(name)}
    places.add(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # factledger's own
    here = os.getcwd()
    places |= {p for p in sys.path if p and os.path.abspath(p) != here}
    return places


def affected(why: str) -> None:
    """Said by what makes this run's output one no later run may repeat (the time of day written in it)."""
    global effect
    if _watching and effect is None:
        effect = why


def stop() -> None:
    """Stop noting (what is observed after the run is not the run's)."""
    global _watching
    _watching = False


def tree(root: str | os.PathLike[str]) -> None:
    """The answer depends on everything under ``root`` (a data directory): its names, kinds, links and stamps."""
    if _watching:
        _trees.add(os.path.abspath(root))


def look(path: str | os.PathLike[str]) -> None:
    """The answer depends on whether ``path`` is there, and what it is."""
    if _watching:
        try:
            name = os.path.abspath(path)
            _looked.add(name)
            _before(name)
        except Exception:  # noqa: BLE001 - a path that cannot be looked at is one this run cannot keep
            affected(f"could not look at {path!r}")


def _heard(event: str, args: tuple[object, ...]) -> None:
    if not _watching:
        return
    try:
        _note(event, args)
    except Exception:  # noqa: BLE001 - raised here, it would be the audited call's (an open, a listing) to raise
        global effect
        effect = effect or f"{event} could not be witnessed"


def _note(event: str, args: tuple[object, ...]) -> None:
    global effect
    if event == "open":
        path, mode, flags = args
        if not isinstance(path, (str, bytes)):
            return  # a descriptor already open
        name = os.path.abspath(os.fsdecode(path))
        writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & _WRITE_FLAGS)
        if writes:
            if effect is None and not _harmless(name):
                effect = f"opened {name} for writing"
        elif not _under(name, _skipped) and not name.startswith(_DEVICES):
            _opened.add(name)
            _before(name)
    elif event in ("os.listdir", "os.scandir"):
        path = args[0] if args else None
        if isinstance(path, (str, bytes)) or path is None:
            name = os.path.abspath(os.fsdecode(path) if path is not None else ".")
            if not _under(name, _skipped) and not name.startswith(_DEVICES):
                _listed.add(name)
    elif effect is None:
        if event in _EFFECTS or event.startswith(("os.exec", "os.spawn")):
            effect = event
        elif event in _PATH_EFFECTS:
            paths = [os.fsdecode(a) for a in args if isinstance(a, (str, bytes))]
            if not paths or not all(_harmless(os.path.abspath(p)) for p in paths):
                effect = event


def _before(name: str) -> None:
    """Note ``name``'s state as the run is about to see it: one removed, or put back, while the run went on
    leaves no recent stamp behind, only a state different from this one."""
    if name not in _seen and not _covered(name):  # (the tree's folders' stamps tell a removal there)
        _seen[name] = _path_state(name)


def _harmless(name: str) -> bool:
    """Whether writing ``name`` changes nothing a person sees: the cache, Python's compiled code, nowhere."""
    return name == os.devnull or f"{os.sep}__pycache__{os.sep}" in name or bool(_cache) and _under(name, (_cache,))


def _folder(path: str) -> str:
    return os.path.join(os.path.abspath(path), "")


def _under(name: str, folders: tuple[str, ...]) -> bool:
    return any(name.startswith(folder) or name + os.sep == folder for folder in folders)


# -- what was witnessed, and how it is observed again --------------------------------------------------


Probe = tuple[str, str]  # ("tree" | "look" | "file" | "folder", absolute path)


def probes() -> list[Probe]:
    """Everything this run's answer depends on, as far as it is told: what to observe again (what a tree
    declared covers is observed with it)."""
    found: set[Probe] = {("tree", p) for p in _trees}
    found |= {("look", p) for p in _looked if not _covered(p)}
    found |= {("file", p) for p in _opened if not _covered(p)}
    found |= {("folder", p) for p in _listed if not _covered(p)}
    return sorted(found)


def _covered(path: str) -> bool:
    """Whether ``path`` is observed with a declared tree: below its root, and not in a ``.git`` folder (which
    a tree's observation passes over)."""
    for root in _trees:
        if path == root:
            return True
        if path.startswith(_folder(root)):
            return ".git" not in path[len(_folder(root)):].split(os.sep)
    return False


def settled(observed: list[object]) -> bool:
    """Whether every stamp observed was last changed before the run started, by :data:`RACY_NS`, and each
    path looked for or opened is as it was just before the run looked: nothing read can have changed during
    the run, or just before it within a stamp's granularity."""
    if any(_path_state(name) != state for name, state in _seen.items()):
        return False
    if time.time_ns() < _started_ns:
        return False  # the clock went back during the run: no time it gave can be trusted
    limit = _started_ns - RACY_NS
    return all(not isinstance(s, tuple) or len(s) < 4 or max(s[2], s[3]) < limit for s in _stamps(observed))


def _stamps(observed: Iterable[object]) -> Iterable[object]:
    for item in observed:
        if isinstance(item, list):
            yield from _stamps(item)
        else:
            yield item


def observe(wanted: list[Probe]) -> list[object]:
    """The state of each probe now: stamps, listings, link targets, or why there is none."""
    return [[kind, path, _OBSERVERS[kind](path)] for kind, path in wanted]


def digest(observed: list[object]) -> str:
    text = repr([_FORMAT, observed]).encode("utf-8", "surrogateescape")
    return hashlib.blake2b(text, digest_size=20).hexdigest()


def _stamp(info: os.stat_result) -> tuple[int, ...]:
    return (info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev, info.st_uid)


def _path_state(path: str, resolved: bool = True) -> list[object]:
    """A path's own stamp and, for a link, where it leads and the stamp of what is there; with ``resolved``
    (always for a link), the real path it comes to: a link anywhere on the way, retargeted, changes it."""
    own: os.stat_result | None = None
    try:
        own = os.lstat(path)
    except (OSError, ValueError) as exc:
        state: list[object] = [type(exc).__name__]
    else:
        state = [_stamp(own)]
    linked = own is not None and stat.S_ISLNK(own.st_mode)
    if resolved or linked:
        state.append(os.path.realpath(path))
    if linked:
        try:
            state.append(os.readlink(path))
            state.append(_stamp(os.stat(path)))
        except OSError as exc:
            state.append(type(exc).__name__)
    return state


def _folder_state(path: str) -> list[object]:
    """A folder's stamp and its names (a name added or removed changes what a listing finds)."""
    state = _path_state(path)
    try:
        state.append(sorted(os.listdir(path)))
    except OSError as exc:
        state.append(type(exc).__name__)
    return state


def _tree_state(root: str) -> list[object]:
    """Every name under ``root`` with its state, links not followed (a link's target is stamped; a folder it
    leads to inside the tree is walked by its own path); ``.git`` is a repository's, not the ledger's."""
    state: list[object] = [_path_state(root)]
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as entries:
                names = sorted(entry.name for entry in entries)
        except OSError as exc:
            state.append([folder, type(exc).__name__])
            continue
        for name in names:
            path = os.path.join(folder, name)
            if name == ".git":
                continue  # a repository's (what is read in it is observed on its own: _covered)
            found = _path_state(path, resolved=False)
            state.append([path, found])
            if isinstance(found[0], tuple) and stat.S_ISDIR(found[0][0]):
                pending.append(path)
    return state


_OBSERVERS: dict[str, Callable[[str], list[object]]] = {
    "tree": _tree_state, "look": _path_state, "file": _path_state, "folder": _folder_state}
