"""What every rule is given."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factledger.load.snapshot import Snapshot
from factledger.model.entries import Ledger
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

    def entries(self, section: str) -> list[Any]:
        """The ledger's entries of ``section`` (sources, documents, claims, ...) that are checked: those in focus."""
        every: list[Any] = getattr(self.ledger, section)
        if self.focus is None:
            return every
        return [e for e in every if e.location.file in self.focus]
