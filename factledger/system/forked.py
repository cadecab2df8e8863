"""Work done in a forked child process while this one does other work: the one home of when forking is
safe here, and of a child that ends with its parent.

A child is forked (Linux only, and only while the process has a single thread and is not itself a worker
of a pool): it starts in milliseconds with everything this process holds, and fork is unsafe beside
threads and on macOS. What the child returns travels back as bytes (marshal, which holds only plain
data, never code). Whatever goes wrong in the child (it crashes, is killed, sends what does not decode),
the caller is told None and does the work itself: a child can make a command faster, never different.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from factledger.system import witness


def can_fork() -> bool:
    """Whether a child can be forked safely here and now."""
    import threading

    # Before 3.10.5 a pool could fork a worker after starting its own thread (CPython gh-90622).
    if not sys.platform.startswith("linux") or sys.version_info < (3, 10, 5) or threading.active_count() != 1:
        return False
    pools = sys.modules.get("multiprocessing")  # a pool's worker (daemonic) may not have children
    if pools is not None and pools.current_process().daemon:
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1  # no thread started outside Python either
    except OSError:
        return False


def die_with(parent: int) -> None:
    """Have the kernel end this child when its parent ends, however it ends (killed included): a child
    left behind would hold the parent's output open, and whoever waits for it would wait."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent ended before the request was made
        os._exit(1)


class Child:
    """``work()`` computed in a forked child: start it, do something else, then :meth:`result` (None when
    there is no child, or it failed; the caller then calls ``work()`` itself)."""

    def __init__(self, work: Callable[[], Any]) -> None:
        self._pid: int | None = None
        self._read: int | None = None
        if not can_fork():
            return
        try:
            read, write = os.pipe()
            parent = os.getpid()
            pid = os.fork()
        except OSError:
            return
        if pid == 0:  # pragma: no cover - the child (its work is measured by the parent's result)
            _child(work, read, write, parent)
        os.close(write)
        self._pid, self._read = pid, read

    def result(self) -> Any:
        """What the child's ``work()`` returned (marshal's plain data), or None."""
        import marshal

        if self._pid is None or self._read is None:
            return None
        chunks = []
        try:
            with os.fdopen(self._read, "rb") as pipe:
                self._read = None
                while chunk := pipe.read(1 << 20):
                    chunks.append(chunk)
            _, status = os.waitpid(self._pid, 0)
            self._pid = None
            if status != 0:
                return None
            ok, value = marshal.loads(b"".join(chunks))
            return value if ok else None
        except Exception:  # noqa: BLE001 - whatever the child sent, the caller computes it instead
            return None

    def stop(self) -> None:
        """End the child now (an interrupt, an error): it must not outlive the command."""
        import signal

        if self._read is not None:
            os.close(self._read)
            self._read = None
        if self._pid is not None:
            try:
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
            except OSError:
                pass
            self._pid = None


def _child(work: Callable[[], Any], read: int, write: int, parent: int) -> None:  # pragma: no cover - in the child
    import marshal
    import signal

    status = 1
    try:
        os.close(read)
        # An interrupt is the parent's to handle (it stops the child); a termination ends it as the system would.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        witness.stop()  # what a child reads is not told to its parent (system.witness)
        die_with(parent)
        try:
            payload = marshal.dumps((True, work()))
        except Exception:  # noqa: BLE001 - the parent does the work itself
            payload = marshal.dumps((False, None))
        with os.fdopen(write, "wb") as pipe:
            pipe.write(payload)
        status = 0
    finally:
        os._exit(status)  # never back into the parent's code: no atexit, no buffers flushed twice
