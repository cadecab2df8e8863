"""Answers, kept: what a reading command wrote, written again without loading Typer, Rich or the ledger,
as long as nothing it depends on has changed.

A reading command (:data:`KEEPABLE`) is a function of two things. The first is what a help page depends on
(:func:`factledger.cli.helpcache.key`: the command line as typed, the working folder, the environment, the
terminals and their sizes, the interpreter, factledger's files and the installed distributions), plus the
date, the user and their groups: that is the answer's name. The second is what the run read: the data
directory's whole tree, the configuration files looked for on the way up, any other path it opened or
asked about (a FILE argument, a document, each with the real path it comes to:
:mod:`factledger.system.witness`). Those are kept beside the answer, with a digest of their state when it
was written, and observed again before it is used: every stamp the same (size, times, inode, mode, owner,
as the per-file cache trusts them), every folder's names the same, every link leading where it led.

An answer is kept only from a run that did nothing but write it to standard output: the command finished
with 0 or 1, wrote nothing to standard error, wrote no file (the cache aside), started no program, read no
standard input (no ``-`` or ``/dev/…`` argument), was not cut short, the terminal was not resized, no time
of day is in its output, its output is within :data:`SIZE`, its key is the same after the run as before,
and everything it read had settled before it started (changed more than two seconds before, as the
per-file cache requires). Anything else, or anything not known, runs the
command as always. FACTLEDGER_NO_CACHE (or ``--no-cache``) keeps and reads nothing; ``factledger cache
clear`` removes them.
"""

from __future__ import annotations

import marshal
import os
import time

from factledger.cli import helpcache
from factledger.cli.shelf import Shelf
from factledger.system import cachedir, witness

TYPE_CHECKING = False  # not typing's: this is on the path of every kept answer (cli.entry)
if TYPE_CHECKING:
    from types import FrameType

# The commands whose answer is their output: they read the ledger and write to standard output only.
# (`fmt` and `export` write files when asked to: such a run keeps nothing, by what it did.)
KEEPABLE = frozenset({"validate", "list", "show", "sources", "stats", "timeline", "codes", "check", "questions",
                      "export", "fmt"})
COUNT = 64
SIZE = 32 << 20
TOTAL = 256 << 20
_FORMAT = b"factledger-answer-1"
_SHELF = Shelf(cachedir.ANSWERS_FOLDER, _FORMAT, COUNT, SIZE + (1 << 20), TOTAL)
_ran: str | None = None


def ran(names: list[str]) -> None:
    """Said by a command as it starts (:class:`factledger.cli.command.Command`): which one this run is, by
    its name and its groups' (``['export', 'json']``)."""
    global _ran
    _ran = names[0] if names else None
    if not keepable():
        witness.stop()  # nothing of this run is kept: what it reads need not be noted


def keepable() -> bool:
    """Whether the command that ran is one whose answer is its output."""
    return _ran in KEEPABLE


def wanted(argv: list[str]) -> bool:
    """Whether ``argv`` may be a reading command's (a guess: only one that ran as one keeps an answer), and
    keeping is on; never with a ``-`` (standard input) among its arguments."""
    return (bool(argv) and helpcache.keeping(argv) and not KEEPABLE.isdisjoint(argv)
            and not any(word == "-" or word.endswith("=-") or _device(word) for word in argv))


def _device(word: str) -> bool:
    """Whether ``word`` names (or ends in) a kernel's file: ``/dev/stdin``, ``/dev/fd/63`` (``<(...)``)."""
    return any(part.startswith(("/dev/", "/proc/")) for part in (word, word.partition("=")[2]))


def key() -> str | None:
    """The name of this run's answer, here and now; None where it cannot be known."""
    groups = os.getgroups() if hasattr(os, "getgroups") else []
    uid = os.getuid() if hasattr(os, "getuid") else None
    return helpcache.key(_FORMAT, time.strftime("%Y-%m-%d"), time.strftime("%Y-%m-%d", time.gmtime()), uid,
                         sorted(groups))


class Answer:
    """What a command wrote, and its exit code. (Not a dataclass: this is on the path of every kept answer,
    and creating one costs more than the rest of it.)"""

    __slots__ = ("code", "output")

    def __init__(self, code: int, output: bytes) -> None:
        self.code, self.output = code, output


def read(name: str) -> Answer | None:
    """The answer kept under ``name`` when everything it depends on is as it was; else None."""
    kept = _SHELF.read(name)
    if kept is None or len(kept) < 8:
        return None
    length = int.from_bytes(kept[:8], "big")
    try:
        # Sealed with the user's key (cli.shelf): written by this user's factledger, so marshal may read it.
        code, probes, state = marshal.loads(kept[8:8 + length])
        probes = [(str(kind), str(path)) for kind, path in probes]
    except (ValueError, EOFError, TypeError):
        return None
    if witness.digest(witness.observe(probes)) != state:
        return None
    return Answer(int(code), kept[8 + length:])


def keep(name: str, code: int, output: bytes) -> None:
    """Keep ``output`` and ``code`` as the answer under ``name``, with the state of what the run read, if
    the run is one to keep (see the module's docstring)."""
    witness.stop()
    if witness.effect is not None or not keepable():
        return
    probes = witness.probes()
    observed = witness.observe(probes)
    if not witness.settled(observed):
        return
    header = marshal.dumps((code, probes, witness.digest(observed)))
    _SHELF.keep(name, len(header).to_bytes(8, "big") + header + output)


def watch() -> None:
    """Note, from now on, what this run reads and does (:func:`factledger.system.witness.watch`), and whether
    the terminal is resized while it runs (a size changed and changed back leaves the key as it was, but the
    output may have been laid out for the other)."""
    witness.watch(cachedir.root_folder())
    import signal

    if hasattr(signal, "SIGWINCH"):
        before = signal.getsignal(signal.SIGWINCH)

        def resized(number: int, frame: FrameType | None) -> None:
            witness.affected("the terminal was resized")
            if callable(before):
                before(number, frame)

        signal.signal(signal.SIGWINCH, resized)


__all__ = ["KEEPABLE", "Answer", "keep", "key", "keepable", "ran", "read", "wanted", "watch"]
