"""What every rule is given."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from factledger.load.snapshot import Snapshot
from factledger.model.entries import Ledger
from factledger.rules.indexes import Indexes
from factledger.system.fs import DEFAULT_MAX_FILE_SIZE


@dataclass
class RuleContext:
    """The ledger, where it lives, and a cache rules may share (e.g. document texts)."""

    ledger: Ledger
    data_dir: Path
    unread_files: list[str] = field(default_factory=list)  # files that could not be parsed at all
    max_file_size: int = DEFAULT_MAX_FILE_SIZE  # the limit for document files too
    cache: dict[str, object] = field(default_factory=dict)
    snapshot: Snapshot | None = None  # where document files are read from, when not the disk (a git revision)
    # Only the entries written in these files are checked (None: every file). A language server checks the
    # files open in the editor so: what it finds there is exactly what checking every file finds there.
    focus: frozenset[str] | None = None
    # The indexes of an earlier version of this ledger, brought up to date when a rule first asks (a language
    # server keeps them between edits); None: built for this ledger.
    kept: Indexes | None = None
    _in_focus: dict[str, list[Any]] = field(default_factory=dict, repr=False)

    @cached_property
    def indexes(self) -> Indexes:
        """What the rules look up across the whole ledger (:mod:`factledger.rules.indexes`)."""
        return (self.kept or Indexes()).update(self.ledger)

    def entries(self, section: str) -> list[Any]:
        """The ledger's entries of ``section`` (sources, documents, claims, ...) that are checked: those in focus."""
        every: list[Any] = getattr(self.ledger, section)
        if self.focus is None:
            return every
        if section not in self._in_focus:  # asked by several rules: the ledger's entries are looked at once
            focus = self.focus
            self._in_focus[section] = [e for e in every if e.location.file in focus]
        return self._in_focus[section]
