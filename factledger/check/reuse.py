"""What a question's findings depend on, as a key: the one home for reusing a question's cross-check when its
inputs have not changed (a language server after an edit; a cache of findings could store the same keys).

A question's stages (:func:`factledger.check.engine.cross_check`: compare, judge, summarise) read, of the
ledger, only:

* the question's claims, and the retracted and disowned claims on it;
* every claim with the id of one of those claims or of a claim they link to (supports, disputes,
  supersedes), and every claim that links to one of them: a dispute from a claim of the same source sets a
  claim apart, a supersession link judges a revision, a duplicated id changes which claim an id names; and,
  one step further out, the claims that link to those or share their ids (a dispute of a disputing claim
  disowns it, and with it its dispute);
* the supersession cycles through its claims;
* what is the same for every question (the *ground*): the sources and documents (whose ``part_of``,
  ``depends_on`` and relays make the lineage that independence is judged by), the keeper's assessments, the
  fact-checkers' reviews, the declared questions and scales, and the check's options.

A key is a digest of all of that, each entry written out whole (pickled: its location too, as findings point
at it), so that equal keys mean equal inputs however the entries were read; the same input may be written
out two ways (a field's places decoded or not), which only costs a question checked again. Entries are
digested once each (:class:`Digests`, by object, while the object is alive in the ledger; the live ledger
keeps an entry read again unchanged as the same object), so an edit digests only the entries it changed. A
run that starts afresh (the command line) names each entry by the file it was read from instead
(:func:`named_by_file`): writing twenty thousand claims out would cost more than the questions it saves.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import itertools
import pickle
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from factledger.check.facts import Facts
from factledger.model import entries
from factledger.model.entries import Claim, QuestionKey

T = TypeVar("T")
_unique = itertools.count()  # for a value that cannot be written out: a token never given twice


def _entry_written(entry: Any) -> tuple[type, tuple[object, ...]]:
    return type(entry), tuple(_plain(getattr(entry, name)) for name in type(entry).__dataclass_fields__)


def _plain(value: object) -> object:
    return dict(value) if isinstance(value, Mapping) and type(value) is not dict else value


class _Canonical(pickle.Pickler):
    """Writes an entry that has field locations as the values of its fields, those as a plain dict: an entry read
    from the cache (its places decoded when first asked for: load.cache.codec.Places) is written as the same
    entry parsed from its file is. Only those classes are written so (by the table, in compiled code)."""

    dispatch_table = {**copyreg.dispatch_table,
                      **{kind: _entry_written for kind in vars(entries).values()
                         if isinstance(kind, type) and "field_locations" in getattr(kind, "__dataclass_fields__", ())}}


def written(value: object) -> bytes:
    """``value`` written out whole, field by field (what it is made of, not where it is in memory): equal
    writings are equal values. A value that cannot be written out is given a writing no other value has."""
    out = io.BytesIO()
    try:
        _Canonical(out, protocol=5).dump(value)
    except Exception:  # noqa: BLE001 - anything may fail to be written: then its key is never reused
        return f"unwritable {next(_unique)}".encode()
    return out.getvalue()


class Digests:
    """Each entry's digest, kept while the entry is: entries not read again since are not digested again.
    ``named``: entries already named by what they were read from (:func:`named_by_file`), taken as their digests."""

    def __init__(self, named: Mapping[int, tuple[object, bytes]] | None = None) -> None:
        self._last: dict[int, tuple[object, bytes]] = {}  # id(entry) → (the entry, kept alive; its digest)
        self._now: dict[int, tuple[object, bytes]] = {}
        self._named = named or {}

    def of(self, entry: object) -> bytes:
        kept = self._now.get(id(entry)) or self._last.get(id(entry))
        if kept is None or kept[0] is not entry:
            kept = self._named.get(id(entry))
        if kept is None or kept[0] is not entry:
            kept = (entry, hashlib.blake2b(written(entry), digest_size=16).digest())
        self._now[id(entry)] = kept
        return kept[1]

    def all(self, entries: Iterable[object]) -> list[bytes]:
        return [self.of(e) for e in entries]

    def finish(self) -> None:
        """Forget the entries not digested since the last call (no longer in the ledger)."""
        self._last, self._now = self._now, {}


def named_by_file(entries_by_file: Iterable[tuple[str, Mapping[str, list[Any]]]]) -> dict[int, tuple[object, bytes]]:
    """Each claim's digest as the file it was read from names it: the file's cache name (a digest of its path and
    content, :func:`factledger.load.cache.store.content_key`) and the claim's place there. A claim is what its
    file's content makes of it (what the per-file cache already relies on), then spelt as the ledger's sources
    and documents declare their ids (which every key's ground covers), so equal names mean equal claims; and
    naming costs nothing like writing every claim out. A name is never a written digest (they differ in length),
    so the two ways of naming an entry never meet. Only claims are named so: an edit anywhere in a file renames
    all of its entries, and the few entries of the ground (a document beside the claims, say) are written out,
    so that an edit of a file's claims does not change every question's ground."""
    named: dict[int, tuple[object, bytes]] = {}
    for file_key, sections in entries_by_file:
        for place, claim in enumerate(sections.get("claims", ())):
            named[id(claim)] = (claim, f"file {file_key} claim {place}".encode())
    return named


class QuestionKeys:
    """The keys of one cross-check's questions (:meth:`start` with its facts, then :meth:`key` per question)."""

    def __init__(self, digests: Digests) -> None:
        self.digests = digests
        self.ground = b""
        self.by_id: dict[str, list[Claim]] = defaultdict(list)  # every claim, retracted ones too
        self.named_by: dict[str, list[Claim]] = defaultdict(list)  # a claim id → the claims whose links name it
        self.cyclic: frozenset[tuple[str, str]] = frozenset()
        self.facts: Facts | None = None

    def start(self, facts: Facts, cyclic: frozenset[tuple[str, str]]) -> None:
        ledger, of = facts.ledger, self.digests.all
        ground = [written(facts.options), *of(ledger.sources), *of(ledger.documents),
                  *of(ledger.assessments), *of(ledger.reviews), *of(ledger.questions), *of(ledger.scales)]
        self.ground = _digest(ground)
        self.by_id.clear()
        self.named_by.clear()
        for claim in ledger.claims:
            self.by_id[claim.id].append(claim)
            for _, ref in claim.relations():
                self.named_by[ref.id].append(claim)
        self.cyclic, self.facts = cyclic, facts

    def key(self, question: QuestionKey, claims: list[Claim]) -> bytes:
        facts = self.facts
        assert facts is not None, "start() first"
        on = [*claims, *facts.retracted_on(question), *facts.disowned_on(question)]
        ids = {c.id for c in on} | {ref.id for c in on for _, ref in c.relations()}
        near = self._around(ids)
        # What the stages read of a claim near the question (who disputes it, its sources and origins) is looked
        # up by its id in whole-ledger tables: decided by the claims that name it or share its id, one step out
        # (a dispute of a disputing claim disowns it, and its retraction of a figure with it).
        wider = ids | {c.id for c in near.values()} | {ref.id for c in near.values() for _, ref in c.relations()}
        near = self._around(wider)
        near.update((id(c), c) for found in list(near.values()) for c in self.by_id.get(found.id, ()))
        cycles = sorted(pair for pair in self.cyclic if pair[0] in ids or pair[1] in ids)
        parts = [self.ground, written(question), repr(cycles).encode(), *self.digests.all(on),
                 b"near", *self.digests.all(near.values())]  # in the ledger's order: a duplicated id's claims too
        return _digest(parts)

    def _around(self, ids: set[str]) -> dict[int, Claim]:
        """The claims with one of ``ids``, and those whose links name one, by object, in a stable order."""
        return {id(c): c for i in sorted(ids) for c in [*self.by_id.get(i, ()), *self.named_by.get(i, ())]}


class Reused(Generic[T]):
    """What each question's stages gave in the last cross-check, by key, to give again for the same key (kept
    from one cross-check to the next: what was not asked for in the last one is forgotten)."""

    def __init__(self, digests: Digests | None = None) -> None:
        self.digests = digests or Digests()
        self._last: dict[bytes, T] = {}
        self._now: dict[bytes, T] = {}
        self.hits = 0  # questions given again in the last cross-check (the tests and the benchmark read it)

    def keys(self, facts: Facts, cyclic: frozenset[tuple[str, str]]) -> QuestionKeys:
        self.hits = 0
        keys = QuestionKeys(self.digests)
        keys.start(facts, cyclic)
        return keys

    def get(self, key: bytes, claims: Sequence[Claim] = ()) -> T | None:
        """What the question of ``key`` gave last time, or None. ``claims``: the question's, in order (what a
        kept outcome names its claims by: :mod:`.kept`)."""
        found = self._last.get(key)
        if found is not None:
            self.hits += 1
            self._now[key] = found
        return found

    def put(self, key: bytes, outcome: T, claims: Sequence[Claim] = ()) -> None:
        self._now[key] = outcome

    def finish(self) -> None:
        self._last, self._now = self._now, {}
        self.digests.finish()


def _digest(parts: list[bytes]) -> bytes:
    found = hashlib.blake2b(digest_size=16)
    for part in parts:
        found.update(len(part).to_bytes(8, "big"))
        found.update(part)
    return found.digest()
