"""Where the command line keeps what it wrote, to write it again: help pages (:mod:`.helpcache`) and
answers (:mod:`.answers`). One shelf per kind, a folder of the user's cache folder.

Each file is named by a digest of what it depends on (40 hexadecimal digits) and sealed with the user's
key as the ledger's cache is: a file not sealed with it is never written to a terminal. A shelf is a
private folder of the user's, never a link; only names a kept file can have are ever read, bounded or
removed there (:func:`factledger.system.cachedir.is_kept`). The ones used longest ago go past the
shelf's count or size. A shelf that cannot be used keeps nothing and answers nothing: the command runs.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import stat

from factledger.system import cachedir, user


class Shelf:
    def __init__(self, folder: str, form: bytes, count: int, size: int, total: int) -> None:
        """``folder`` under the cache folder; ``form`` names what is kept (it is sealed with it); at most
        ``count`` files of at most ``size`` bytes, ``total`` in all."""
        self.folder, self.form, self.count, self.size, self.total = folder, form, count, size, total

    def read(self, name: str) -> bytes | None:
        """What is kept under ``name``, if anything: a regular file within the size, sealed with the user's
        key; never waits on a pipe or follows a link put in its place."""
        place = self._place(create=False)
        if place is None:
            return None
        folder, secret = place
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            descriptor = os.open(os.path.join(folder, name), flags)
        except OSError:
            return None
        try:
            found = os.fstat(descriptor)
            if not stat.S_ISREG(found.st_mode) or found.st_size > self.size + 256:
                return None
            with os.fdopen(os.dup(descriptor), "rb") as handle:
                seal, _, kept = handle.read(self.size + 257).partition(b"\n")
        except OSError:
            return None
        finally:
            os.close(descriptor)
        if not hmac.compare_digest(seal, self._seal(secret, name, kept)):
            return None
        with contextlib.suppress(OSError):
            os.utime(os.path.join(folder, name), follow_symlinks=False)  # used now: the last to go
        return kept

    def keep(self, name: str, kept: bytes) -> None:
        """Keep ``kept`` under ``name``, atomically; the oldest go past the bounds. A shelf that cannot be
        written changes nothing: what was kept was already written where it was asked for."""
        if len(kept) > self.size:
            return
        place = self._place(create=True)
        if place is None:
            return
        folder, secret = place
        import tempfile

        with contextlib.suppress(OSError):
            descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".page-")
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(self._seal(secret, name, kept) + b"\n" + kept)
                os.replace(temporary, os.path.join(folder, name))
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
            self._bound(folder)

    def _bound(self, folder: str) -> None:
        """Past the count or the total size, remove those used longest ago (kept files only)."""
        found: list[tuple[int, int, str]] = []
        for name in os.listdir(folder):
            if cachedir.is_kept(name) and not name.startswith("."):
                with contextlib.suppress(OSError):
                    info = os.lstat(os.path.join(folder, name))
                    found.append((info.st_mtime_ns, info.st_size, name))
        found.sort(reverse=True)  # newest first
        total = 0
        for index, (_, size, name) in enumerate(found):
            total += size
            if index >= self.count or total > self.total:
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(folder, name))

    def _place(self, create: bool) -> tuple[str, bytes] | None:
        """The shelf's folder (made if ``create``) and the user's key; None when either cannot be trusted: the
        cache folder cannot be used, or the shelf is not a private folder of the user's (a link, a file,
        writable by others)."""
        base = cachedir.root_folder()  # not pathlib's: it costs a kept answer a fifth of its time
        if base is None:
            return None
        folder = os.path.join(base, self.folder)
        if not create and not os.path.isdir(folder):
            return None  # nothing kept: no cache folder or key is made to find that out
        secret, problem = cachedir.opened(base)
        if secret is None or problem is not None:
            return None
        if create:
            with contextlib.suppress(OSError):
                os.mkdir(folder, mode=0o700)
        return None if user.private_problem(folder) is not None else (folder, secret)

    def _seal(self, secret: bytes, name: str, kept: bytes) -> bytes:
        digest = hmac.new(secret, self.form + b"\0" + name.encode("ascii") + b"\0" + kept, hashlib.blake2b)
        return digest.hexdigest().encode("ascii")
