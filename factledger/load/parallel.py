"""Ledger files → what loading each produced (entries and diagnostics), on every core the machine gives.

:func:`read_all` reads many files as :mod:`factledger.load.files` reads one, in order, in worker processes
when the files are many and large enough to repay starting them. A worker hands back the payload the
cache would hold for its file (:mod:`factledger.load.cache.codec`; in marshal, which keeps the encoder's
lists and strings as JSON would), so a result read on several cores is one the cache could have given,
which the cache-consistency tests prove equal to a cold read.

Workers are forked (Linux only, and only while the process has a single thread and is not itself a
worker of a pool): they start in milliseconds with everything imported, and fork is unsafe beside
threads and on macOS. Elsewhere, when workers cannot be started, and with ``FACTLEDGER_JOBS=1``, files
are read one after another, with the same result.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from factledger.load.cache import codec
from factledger.load.cached import FileRead, Reuse
from factledger.load.files import Given, Outcome, read_known, read_one
from factledger.system import witness
from factledger.system.forked import can_fork, die_with

# Below this many bytes to parse, starting workers costs more than it saves (measured: a pool starts
# in about 20 ms; libyaml and the model read about 2 MB a second per core).
PARALLEL_BYTES = 1 << 20


JOBS_VARIABLE = "FACTLEDGER_JOBS"


def jobs() -> int:
    """How many processes may read files: FACTLEDGER_JOBS if set (1: no workers), never more than the
    cores this process may run on, which is the default (:func:`planned_jobs` says why)."""
    return planned_jobs()[0]


def planned_jobs() -> tuple[int, str | None]:
    """How many processes may read files, and a notice when FACTLEDGER_JOBS asks for more than there are
    cores (a process per file would cost memory and gain nothing). A value that is not a whole number of
    at least 1 raises :class:`~factledger.system.env.SettingError`."""
    from factledger.system.env import env_count

    wanted = env_count(JOBS_VARIABLE)
    cores = _cores()
    if wanted is None:
        return cores, None
    if wanted > cores:
        return cores, f"{JOBS_VARIABLE}={wanted} is more than the {cores} cores this process may use; using {cores}"
    return wanted, None


def _cores() -> int:
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


# A file, its display name, its cache name by its stamp (None: unknown), and its content when a snapshot
# gives it (None: read from the disk).
Task = tuple[Path, str, "str | None", Given]


@contextmanager
def read_all(tasks: list[Task], limit: int, reuse: Reuse) -> Iterator[Iterator[Outcome]]:
    """:func:`read_known` for each of ``tasks``, yielded in their order.

    The files to parse go to workers when there is enough to do; the cached ones are decoded here
    meanwhile (sent from a worker, a decoded entry would cost more to pass than to decode: measured
    1.1x slower). A context, so that workers are started at once (before anything else may start a
    thread, a progress display say) and never outlive it, however it is left.
    """
    unknown = [task for task in tasks if _to_parse(task)]
    cores = min(jobs(), len(unknown))
    if cores < 2 or not can_fork() or _size(unknown) < PARALLEL_BYTES:
        yield (_read_here(task, limit, reuse) for task in tasks)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    import factledger.parse.compose  # noqa: F401 - imported once here, not again in every worker forked

    # This process parses one file in every `cores` itself: what a worker parses costs it a decode
    # (about a seventh of a parse), and what it parses itself costs no passing at all.
    here = {id(task) for task in unknown[cores - 1::cores]}
    sent = [task for task in unknown if id(task) not in here]
    pool = None
    try:
        pool = ProcessPoolExecutor(cores - 1, multiprocessing.get_context("fork"), _quiet_worker,
                                   (limit, reuse, os.getpid()))
        # Handed out one file at a time, so that a large file does not hold up a worker's queue.
        results = pool.map(_read_in_worker, sent, chunksize=1)
    except (OSError, NotImplementedError, AssertionError, RuntimeError):  # RuntimeError: a pool broken at once
        # No workers here (no fork, no semaphores, a process limit): the files are read in this process.
        if pool is not None:
            _stop(pool)
        yield (_read_here(task, limit, reuse) for task in tasks)
        return
    try:
        yield _collect(results, tasks, here, limit, reuse)
    except BaseException:
        _stop(pool)  # an interrupt or an error: the workers stop now, not after the files they hold
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _to_parse(task: Task) -> bool:
    """Whether a file may need parsing: one whose stamp does not vouch for it, or a snapshot's (the
    problems a snapshot gives instead of bytes are said here)."""
    _, _, key, given = task
    return key is None and given is None or isinstance(given, bytes)


def _read_here(task: Task, limit: int, reuse: Reuse) -> Outcome:
    path, display, key, given = task
    return read_known(path, display, key, limit, reuse, given)


def _stop(pool: Any) -> None:
    """End a pool's workers now (the pool keeps them in a private table; if it is ever renamed, they
    end at shutdown instead, after the file each holds)."""
    # Ended first and the pool shut down after: the pool then finds its workers gone and fails what they
    # held, rather than have futures it had cancelled failed (which Python 3.11 reports as an error).
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()


def _collect(sent: Iterator[bytes], tasks: list[Task], here: set[int], limit: int,
             reuse: Reuse) -> Iterator[Outcome]:
    from concurrent.futures.process import BrokenProcessPool

    broken = False
    for task in tasks:
        path, display, _, given = task
        if broken or id(task) in here or not _to_parse(task):
            yield _read_here(task, limit, reuse)
            continue
        try:
            received = _received(next(sent), reuse)
        except BrokenProcessPool:
            # A worker died (killed, out of memory): what was not yet received is read here, nothing is lost.
            broken = True
            received = None
        # None also for a payload that does not decode (from a bug): the file is read here.
        yield received if received is not None else read_one(path, display, limit, reuse, given)


def _size(tasks: list[Task]) -> int:
    """The bytes of ``tasks``' files, counted up to the threshold."""
    total = 0
    for path, _, _, given in tasks:
        try:
            total += len(given) if isinstance(given, bytes) else 0 if given is not None else os.stat(path).st_size
        except (OSError, ValueError):
            continue  # read_one reports it
        if total >= PARALLEL_BYTES:
            break
    return total


# -- in a worker -------------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _quiet_worker(limit: int, reuse: Reuse, parent: int) -> None:
    import signal

    # An interrupt is the parent's to handle (it stops the workers); a worker's own traceback is noise.
    # A termination ends the worker as the system would, not through a handler the parent installed.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    witness.stop()  # a worker only parses: what it reads, its parent has already seen listed
    die_with(parent)
    _WORKER.update(limit=limit, reuse=reuse)


def _read_in_worker(task: Task) -> bytes:
    """What :func:`read_one` found, as the cache's payload in marshal (plain lists, strings and numbers:
    it cannot hold code, and it passes four times faster than JSON)."""
    import marshal

    path, display, _, given = task
    reuse: Reuse = _WORKER["reuse"]
    outcome = read_one(path, display, _WORKER["limit"], reuse, given)
    problem = codec.diagnostic_data(outcome.problem) if outcome.problem is not None else None
    read = outcome.read
    payload = codec.encode(display, *read.entries) if read is not None else None
    key, stamp = (read.key, read.stamp) if read is not None else (None, None)
    return marshal.dumps((problem, payload, key, stamp, bool(read and read.parsed), reuse.problem))


def _received(sent: bytes, reuse: Reuse) -> Outcome | None:
    """The outcome a worker sent, or None if what it sent does not decode."""
    import marshal

    try:
        problem, payload, key, stamp, parsed, store_problem = marshal.loads(sent)
        if store_problem:
            reuse.problem = store_problem  # a cache a worker could not write: said once, by the parent
        if problem is not None:
            return Outcome(problem=codec.diagnostic(problem))
        return Outcome(read=FileRead(codec.decode(payload), key, stamp, parsed))
    except Exception:  # noqa: BLE001 - as for a cache entry read here (cached): the file is read instead
        return None
