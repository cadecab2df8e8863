"""The use cases, as library calls: plain arguments in, typed results out.

Each function is what one command does: :func:`validate`, :func:`list_claims`, :func:`show_claim`,
:func:`list_sources`, :func:`check`, :func:`statistics`, :func:`timeline`, :func:`codes`,
:func:`export` and :func:`import_claimreview`. Nothing here prints or exits. A result carries what
to show, the notices a person should read beside it, and its exit code, decided by the one
policy (:func:`factledger.problems.diagnostics.exit_code`). What cannot be done raises
:class:`~factledger.problems.errors.UsageError` (exit 2) or :class:`~factledger.problems.errors.DataError` (exit 1).

    >>> from pathlib import Path
    >>> from factledger import api
    >>> found = api.list_claims(Path("data"), api.criteria(sources=["NIS"]))
    >>> [c.id for c in found.claims][:1]
    ['nis-munitions-supplied']
"""

from factledger.api.checking import CheckReport, QuestionsReport, check, questions
from factledger.api.common import Outcome, criteria, load
from factledger.api.interchange import (
    ExportInput, ExportOptions, Exported, Imported, export, import_claimreview, import_header, read_input,
    written_by_import,
)
from factledger.api.reading import (
    ClaimList, ClaimShown, Codes, LedgerSchema, SourceList, Statistics, Timeline, Validation, codes, ledger_schema,
    list_claims, list_sources, show_claim, statistics, timeline, validate,
)
from factledger.problems.errors import DataError, UsageError

__all__ = [
    "CheckReport", "ClaimList", "ClaimShown", "Codes", "DataError", "ExportInput", "ExportOptions", "Exported",
    "Imported", "LedgerSchema", "Outcome", "QuestionsReport", "SourceList", "Statistics", "Timeline", "UsageError", "Validation", "check", "codes",
    "criteria", "export", "import_claimreview", "import_header", "ledger_schema", "list_claims", "list_sources", "load", "questions",
    "read_input",
    "show_claim", "statistics", "timeline", "validate", "written_by_import",
]
