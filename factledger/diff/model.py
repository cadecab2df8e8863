"""What a diff finds, as data a renderer shows (the use case wraps it in
:class:`factledger.api.results.DiffReport`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from factledger.check.findings import Finding
from factledger.model.entries import QuestionKey
from factledger.problems.diagnostics import Diagnostic, Location

# The kinds of entry, in the order a diff lists them (the ledger's own section names).
SECTIONS = ("sources", "documents", "claims", "assessments", "reviews")
SINGULAR = {"sources": "source", "documents": "document", "claims": "claim", "assessments": "assessment",
            "reviews": "review"}


@dataclass(frozen=True)
class FieldChange:
    """One field of an entry, before and after: ``old`` and ``new`` as the normalised ledger writes them
    (None: absent), and as a person reads them. ``field`` is the field's name, or a path into a list of
    citations counted from 1 ('sources[2].quote')."""

    field: str
    old: Any
    new: Any
    old_text: str
    new_text: str


@dataclass(frozen=True)
class Reference:
    """A reference to a renamed entry that followed the rename: which entry holds it, in which field."""

    section: str
    id: str
    field: str


@dataclass(frozen=True)
class EntryChange:
    """One entry that changed: ``change`` is 'added', 'removed', 'changed' or 'renamed'; ``id`` its id in
    the new ledger (the old one's, if removed), ``location`` where it is written there; ``was`` the id it
    had (renamed); ``title`` a line that says which entry it is (a statement, a name, a title)."""

    section: str
    change: str
    id: str
    location: Location
    title: str = ""
    was: str | None = None
    fields: tuple[FieldChange, ...] = ()
    references: tuple[Reference, ...] = ()
    entry: dict[str, Any] | None = None  # added or removed: the whole entry as the normalised ledger writes it


@dataclass
class QuestionMove:
    """How one question's conclusions moved: ``status`` is 'new', 'gone' or 'changed'."""

    key: QuestionKey
    status: str
    old_positions: list[str] = field(default_factory=list)  # claim ids, renames followed
    new_positions: list[str] = field(default_factory=list)
    camps_added: list[str] = field(default_factory=list)  # camps' labels
    camps_removed: list[str] = field(default_factory=list)
    camps_changed: list[tuple[str, str]] = field(default_factory=list)  # the same claims, said otherwise: (old, new)
    old_spread: str = ""
    new_spread: str = ""
    superseded_added: list[tuple[str, str]] = field(default_factory=list)  # (older, newer)
    superseded_removed: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Conclusions:
    """The cross-check's findings that appear and disappear, and the questions whose conclusions moved;
    ``compared`` is False (with ``why_not``) when a side does not validate, so was not cross-checked."""

    compared: bool = True
    why_not: str | None = None
    appeared: list[Finding] = field(default_factory=list)
    disappeared: list[Finding] = field(default_factory=list)
    questions: list[QuestionMove] = field(default_factory=list)


@dataclass
class LedgerDiff:
    entries: list[EntryChange] = field(default_factory=list)
    conclusions: Conclusions = field(default_factory=Conclusions)
    new_problems: list[Diagnostic] = field(default_factory=list)  # located in the new ledger
    fixed_problems: list[Diagnostic] = field(default_factory=list)  # located in the old ledger

    @property
    def changed(self) -> bool:
        c = self.conclusions
        return bool(self.entries or c.appeared or c.disappeared or c.questions or self.new_problems
                    or self.fixed_problems)

    def counts(self) -> dict[str, dict[str, int]]:
        """Entries by section and change: {'claims': {'added': 1, 'removed': 0, 'changed': 2, 'renamed': 0}}."""
        counts = {s: {c: 0 for c in ("added", "removed", "changed", "renamed")} for s in SECTIONS}
        for e in self.entries:
            counts[e.section][e.change] += 1
        return counts
