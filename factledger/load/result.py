"""What loading a ledger gives, and the switches a run sets for it."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factledger.model.entries import Ledger
from factledger.problems.catalogue import Severity
from factledger.problems.diagnostics import Diagnostic


@dataclass
class LoadResult:
    """A ledger and every diagnostic found loading and validating it, sorted by place."""

    ledger: Ledger
    diagnostics: list[Diagnostic]
    data_dir: Path
    parsed_files: int = 0  # files parsed this run (the others came from the cache)
    notices: list[str] = field(default_factory=list)  # about loading itself (the cache could not be used)
    # each file's name in the cache (its display path and content), in the order of ledger.files; None
    # where it is not known (no cache, or the file could not be read): equal names, equal entries
    file_keys: list[str | None] = field(default_factory=list)
    # each file read with a cache name: that name and its entries by section, as read (load.directory)
    entries_by_file: list[tuple[str, dict[str, list[Any]]]] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    @property
    def counts(self) -> dict[str, int]:
        ledger = self.ledger
        return {
            "files": len(ledger.files),
            "sources": len(ledger.sources),
            "documents": len(ledger.documents),
            "claims": len(ledger.claims),
            "assessments": len(ledger.assessments),
            "reviews": len(ledger.reviews),
            "questions": len(ledger.questions),
            "scales": len(ledger.scales),
        }


# Who is told how far loading has got (the command line's progress display, on a terminal): the
# library itself never prints. Called with (files read, files in all) after each file.
LOAD_PROGRESS: ContextVar[Callable[[int, int], None] | None] = ContextVar("load_progress", default=None)

# Whether loading may use the cache (the command line's --no-cache sets it off for one run).
USE_CACHE: ContextVar[bool] = ContextVar("use_cache", default=True)

# Which files are not read (the project's exclude and extend-exclude): given each file's path, whether to
# leave it out of the ledger. Set for a run by the command line, from the configuration.
EXCLUDED: ContextVar[Callable[[Path], bool] | None] = ContextVar("excluded", default=None)
