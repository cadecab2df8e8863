"""The export formats: name → writer, its help, and whether it needs the cross-check's findings.

A writer is named by ``module:function`` and imported only when used. It takes an
:class:`~factledger.export.inputs.ExportInput` and returns text, or (``binary``) a function that
builds a file at the path it is given. The export use case reads ``with_findings`` to decide whether
to cross-check at all: only the formats that show findings pay for it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from factledger.problems.errors import UsageError


@dataclass(frozen=True)
class Writer:
    name: str
    target: str  # "module:function"
    help: str
    binary: bool = False  # writes a file (a database), never standard output
    with_findings: bool = False

    def writer(self) -> Callable[..., Any]:
        module, function = self.target.split(":")
        found: Callable[..., Any] = getattr(importlib.import_module(module), function)
        return found


_HERE = "factledger.export"

WRITERS: tuple[Writer, ...] = (
    Writer("markdown", f"{_HERE}.markdown:export", "a GitHub-flavoured summary", with_findings=True),
    Writer("html", f"{_HERE}.html.writer:export", "a single-file report that opens in any browser, offline",
           with_findings=True),
    Writer("json", f"{_HERE}.normalised:export_json", "the normalised ledger, with findings", with_findings=True),
    Writer("yaml", f"{_HERE}.normalised:export_yaml", "the normalised ledger, a valid ledger file"),
    Writer("csv", f"{_HERE}.csv:export", "one row per claim"),
    Writer("jsonl", f"{_HERE}.jsonl:export", "one claim per line, sorted by id, with findings", with_findings=True),
    Writer("claimreview", f"{_HERE}.claimreview:export", "schema.org ClaimReview JSON-LD"),
    Writer("sqlite", f"{_HERE}.sqlite:export", "a SQLite database (needs -o)", binary=True, with_findings=True),
    Writer("datasette", f"{_HERE}.datasette:export", "Datasette metadata with canned queries, for the sqlite export"),
)


def names() -> list[str]:
    return [w.name for w in WRITERS]


def find(name: str) -> Writer:
    """The export format ``name`` (any case); a UsageError with a suggestion if there is none."""
    wanted = name.strip().casefold()
    for candidate in WRITERS:
        if wanted == candidate.name:
            return candidate
    from factledger.text.escapes import clip
    from factledger.text.suggest import did_you_mean

    known = names()
    raise UsageError(f"'{clip(name)}' is not one of {', '.join(known)}{did_you_mean(wanted, known)}", option="--format")
