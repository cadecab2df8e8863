"""What an export writer is given, decided by the export use case: a writer decides nothing else."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from factledger.check.findings import CheckResult
from factledger.check.options import CheckOptions
from factledger.model.entries import Claim, Ledger


@dataclass(frozen=True)
class ExportOptions:
    title: str = "Fact ledger summary"  # markdown
    timestamp: bool = False  # markdown: say when it was generated
    publisher: str | None = None  # claimreview: who reviews (required)
    publisher_url: str | None = None
    base_url: str | None = None  # claimreview: the page the reviews are on (required)
    review_date: str | None = None
    check: CheckOptions = field(default_factory=CheckOptions)
    database: str = "ledger"  # datasette: the SQLite file's name without .db, as Datasette calls it


@dataclass
class ExportInput:
    """The ledger, the claims chosen, and (for the writers that show them) the cross-check's findings."""

    ledger: Ledger
    claims: list[Claim]  # by id
    checked: CheckResult | None  # for the formats that show findings; else None
    options: ExportOptions
    filters: str  # the active filters as a reader would say them
    generated: str  # when it was generated, when asked for
    data_dir: Path
