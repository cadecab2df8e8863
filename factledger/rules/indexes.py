"""What the validation rules look up across the whole ledger, whichever files they check: which questions
the claims answer (FL124) and which ids are defined more than once (FL201). Built from nothing for a command;
kept by a language server from one version of the ledger to the next (:meth:`Indexes.update`), where an edit
changes only the entries read again (:class:`factledger.model.kept.PerEntry`)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from factledger.model.entries import Claim, Ledger, QuestionKey
from factledger.model.ids import fold
from factledger.model.kept import Change, PerEntry

KINDS = ("source", "document", "claim", "assessment", "review", "scale")  # each kind with an id of its own
_SECTION = {"source": "sources", "document": "documents", "claim": "claims", "assessment": "assessments",
            "review": "reviews", "scale": "scales"}


class _Counted:
    """How many of the entries given have each value computed of them."""

    def __init__(self, of: Any) -> None:
        self.per_entry: PerEntry[Any, Any] = PerEntry(of)
        self.counts: Counter[Any] = Counter()

    def update(self, entries: list[Any]) -> None:
        gone, came = self.per_entry.update(entries)
        self._count(gone, -1)
        self._count(came, 1)

    def _count(self, changes: list[Change[Any, Any]], by: int) -> None:
        counts = self.counts
        for _, _, value in changes:
            counts[value] += by
            if not counts[value]:
                del counts[value]


class Indexes:
    """The indexes of the last ledger given to :meth:`update`."""

    def __init__(self) -> None:
        self._questions = _Counted(Claim.question)
        self._ids = {kind: _Counted(lambda entry, kind=kind: fold(kind, entry.id)) for kind in KINDS}

    def update(self, ledger: Ledger) -> Indexes:
        """Index ``ledger`` (the entries that are the objects indexed last time are not looked at again)."""
        self._questions.update(ledger.claims)
        for kind, counted in self._ids.items():
            counted.update(getattr(ledger, _SECTION[kind]))
        return self

    def questions(self) -> set[QuestionKey]:
        """The question of every claim that answers one."""
        return {k for k in self._questions.counts if k is not None}

    def duplicated(self, kind: str) -> list[list[Any]]:
        """The entries of ``kind`` sharing an id with another, in groups, each in the ledger's order."""
        counted = self._ids[kind]
        twice = {value for value, count in counted.counts.items() if count > 1}
        if not twice:
            return []
        groups: dict[str, list[Any]] = {}
        for entry, value in zip(counted.per_entry.entries, counted.per_entry.values, strict=True):
            if value in twice:
                groups.setdefault(value, []).append(entry)
        return list(groups.values())
