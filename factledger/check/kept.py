"""Each question's cross-check kept from one run to the next in the ledger's cache, under the key :mod:`.reuse`
gives it (a digest of everything its findings depend on): a `check`, `questions` or `export markdown` after an
edit checks again only the questions the edit touched, and takes what the others gave last time.

One cache entry per data directory holds the questions of its last cross-check (what was not asked for then is
forgotten), each outcome pickled under its key; the check's options name the entry too, so that runs with other
options (`--window`, a validate that judges suppressions) keep theirs beside it rather than over it. It is sealed
as every cache entry is (:mod:`factledger.load.cache.store`): one cut short, corrupt, of another version or not
sealed with this user's key is never read. A question's claims are named in its outcome by their place among its
claims (which its key covers, in order), so they come back as the ledger's own objects.

Pickle is used (not the plain data of :mod:`.wire`, which keeps findings for a diff) because an outcome holds the
question's groups, which link its claims to one another and which the later stages walk. As the seal proves only
that whoever holds the cache's key wrote an entry (a cache restored in CI brings its own key), reading one back
may make only the classes an outcome is made of, named exactly (:data:`_CLASSES`): no other class, no function,
no name reached through a module's imports. Anything wrong with an entry (a class refused or gone, a shape not an
outcome's) means the question is checked again, never an error.
"""

from __future__ import annotations

import contextlib
import copyreg
import io
import os
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from factledger.check.compare import Interval, Span
from factledger.check.engine import Outcome, _Questions
from factledger.check.findings import Camp, Earlier, Finding, QuestionSummary, Retraction, Side
from factledger.check.groups import Group
from factledger.check.options import CheckOptions
from factledger.check.reuse import Reused
from factledger.load.cached import Reuse
from factledger.model.entries import Claim, QuestionKey
from factledger.problems.catalogue import Severity
from factledger.problems.diagnostics import Location

KIND = "questions"  # the cache's folder for these entries (factledger.load.cache.upkeep.KINDS)
# The most a data directory's questions may take, written out (about 200,000 claims' worth): a larger ledger keeps
# none, as holding them (and writing them) would cost more memory than its cross-check itself.
LIMIT = 128 * 2**20
_FORMAT = 2  # what a kept entry holds; the cache's own version folder changes with the code


class Kept(Reused[Outcome]):
    """What each question's stages gave in the last cross-check of this data directory, read from the cache,
    and what they give in this one, kept there by :meth:`finish` (called by the cross-check)."""

    def __init__(self, reuse: Reuse, data_dir: Path, options: CheckOptions) -> None:
        super().__init__()
        self._reuse = reuse
        self._material = material(data_dir, options)
        self._stored, self._over = _table(reuse.recall_bytes(KIND, self._material))
        self._fresh: dict[bytes, bytes] = {}  # this cross-check's questions' outcomes, written out
        self._size = 0  # their bytes; past LIMIT, none is kept
        self.computed = 0  # questions checked in this cross-check (the tests and the benchmark read it)
        self.claims = 0  # the claims of the ledger cross-checked (what a table too large to keep records)

    @property
    def stored(self) -> bool:
        """Whether a cross-check of this data directory was kept (whatever its questions)."""
        return bool(self._stored)

    def too_many(self, claims: int) -> bool:
        """Whether a ledger of ``claims`` claims has more questions than are kept: the last that tried had more
        than LIMIT of them, with at most a third more claims (a ledger that shrank that much tries again)."""
        return bool(self._over) and claims * 4 > self._over * 3

    def get(self, key: bytes, claims: Sequence[Claim] = ()) -> Outcome | None:
        written = self._stored.get(key)
        if written is None:
            return None
        try:
            found = _Reader(written, claims).load()
        except Exception:  # noqa: BLE001 - whatever is wrong with a kept outcome, the question is checked again
            return None
        if not _is_outcome(found):
            return None
        self.hits += 1
        self._keep(key, written)
        return cast(Outcome, found)  # its shape was just checked

    def put(self, key: bytes, outcome: Outcome, claims: Sequence[Claim] = ()) -> None:
        self.computed += 1
        if self._size <= LIMIT:
            # An outcome that cannot be written out is not kept: it is checked again next time.
            with contextlib.suppress(Exception):
                self._keep(key, _written(outcome, claims))

    def _keep(self, key: bytes, written: bytes) -> None:
        self._size += len(written)
        if self._size > LIMIT:
            self._fresh.clear()
        else:
            self._fresh[key] = written

    def finish(self) -> None:
        """Keep this cross-check's questions, unless they are those kept already; when there were too many to keep,
        that there were, with how many claims the ledger had (:attr:`claims`: so that the next run does not try)."""
        if self._size > LIMIT:
            self._reuse.keep_bytes(KIND, self._material, pickle.dumps((_FORMAT, {}, max(self.claims, 1))))
        elif self.computed or self._fresh.keys() != self._stored.keys():
            self._reuse.keep_bytes(KIND, self._material,
                                   pickle.dumps((_FORMAT, self._fresh, 0), protocol=pickle.HIGHEST_PROTOCOL))


def material(data_dir: Path, options: CheckOptions) -> list[Any]:
    """What names a data directory's entry in the cache, for the check's options (the questions in it are named by
    their keys, which cover the options too)."""
    return [KIND, str(data_dir), os.path.abspath(data_dir), repr(options)]


class _Writer(pickle.Pickler):
    """Writes an outcome with the question's claims named by their place among them. Only a claim is looked at
    (by its class, in compiled code): a hook called for every object would cost as much as the question saves."""

    def __init__(self, out: io.BytesIO, claims: Sequence[Claim]) -> None:
        super().__init__(out, protocol=pickle.HIGHEST_PROTOCOL)
        places = {id(c): i for i, c in enumerate(claims)}

        def claim_at(claim: Claim) -> Any:
            place = places.get(id(claim))
            # A claim of another question is written out whole (its class refused when read: checked again).
            return (_ClaimAt, (place,)) if place is not None else claim.__reduce_ex__(pickle.HIGHEST_PROTOCOL)

        self.dispatch_table = {**copyreg.dispatch_table, Claim: claim_at}


class _ClaimAt:
    """What a written outcome names a question's claim by (:class:`_Reader` gives the claim in its place)."""


class _Reader(pickle.Unpickler):
    """Reads back what :class:`_Writer` wrote, making nothing but the classes in :data:`_CLASSES` (and the
    question's own claims, by their places)."""

    def __init__(self, data: bytes, claims: Sequence[Claim] = ()) -> None:
        super().__init__(io.BytesIO(data))
        self._claims = claims

    def _claim_at(self, place: Any) -> Claim:
        if type(place) is not int or not 0 <= place < len(self._claims):
            raise pickle.UnpicklingError("not one of the question's claims")
        return self._claims[place]

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == (__name__, _ClaimAt.__name__):
            return self._claim_at
        found = _CLASSES.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not a class an outcome holds")
        return found


# Every class a question's outcome is made of, by the module and name pickle writes for it; nothing else is made.
# A class missing here (a new field's type) only means the question is checked again, which the test of taken
# questions notices.
_CLASSES: dict[tuple[str, str], type] = {
    (kind.__module__, kind.__qualname__): kind
    for kind in (Finding, Side, QuestionSummary, Camp, Retraction, Earlier, Span, Interval, Group, QuestionKey,
                 Location, Severity, _Questions, set, frozenset)}


def _written(outcome: Outcome, claims: Sequence[Claim]) -> bytes:
    out = io.BytesIO()
    _Writer(out, claims).dump(outcome)
    return out.getvalue()


def _is_outcome(found: Any) -> bool:
    return (isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], list)
            and all(isinstance(f, Finding) for f in found[0]) and isinstance(found[1], _Questions))


def _table(body: bytes | None) -> tuple[dict[bytes, bytes], int]:
    """The kept outcomes by key, from a cache entry, and the number of claims of a ledger that had too many to keep
    (0: it had not); nothing when there is no entry or it is not such a table."""
    if body is None:
        return {}, 0
    try:  # a tuple, ints, a dict and bytes: nothing the reader makes from a class
        kept = _Reader(body).load()
    except Exception:  # noqa: BLE001 - a wrong entry is no entry
        return {}, 0
    if not (isinstance(kept, tuple) and len(kept) == 3 and kept[0] == _FORMAT and isinstance(kept[1], dict)
            and type(kept[2]) is int):
        return {}, 0
    table = kept[1]
    if not all(type(k) is bytes and type(v) is bytes for k, v in table.items()):
        return {}, 0
    return cast(dict[bytes, bytes], table), kept[2]
