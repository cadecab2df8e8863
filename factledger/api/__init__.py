"""The use cases, as library calls: plain arguments in, typed results out.

Each function is what one command does: :func:`validate`, :func:`list_claims`, :func:`show_claim`,
:func:`list_sources`, :func:`check`, :func:`statistics`, :func:`timeline`, :func:`codes`,
:func:`export`, :func:`import_claimreview`, and the ones that write the ledger: :func:`init`, :func:`add`
(:func:`add_entries`), :func:`fmt`, :func:`rename` and :func:`fix`. Nothing here prints or exits. A result
carries what to show, the notices a person should read beside it, and its exit code, decided by the one
policy (:func:`factledger.problems.diagnostics.exit_code`). What cannot be done raises
:class:`~factledger.problems.errors.UsageError` (exit 2) or :class:`~factledger.problems.errors.DataError` (exit 1).

    >>> from pathlib import Path
    >>> from factledger import api
    >>> found = api.list_claims(Path("data"), api.criteria(sources=["NIS"]))
    >>> [c.id for c in found.claims][:1]
    ['nis-munitions-supplied']
"""

from typing import TYPE_CHECKING, Any

# What each public name is, and the module that defines it. Nothing is imported until a name is used,
# so a command that needs one use case (or only a result type) loads no more than that.
_HOMES = {
    "check": "checking", "questions": "checking", "diff": "diffing", "history": "histories",
    "criteria": "common", "load": "common",
    "export": "interchange", "import_claimreview": "importing", "import_header": "importing",
    "read_input": "importing", "unchanged_since_read": "importing", "written_by_import": "importing",
    "add": "adding", "add_entries": "adding_input", "fix": "editing", "fmt": "editing", "init": "starting",
    "rename": "editing", "Edited": "results",
    "codes": "reading", "ledger_schema": "reading", "list_claims": "reading", "list_sources": "reading",
    "show_claim": "reading", "statistics": "reading", "timeline": "reading", "validate": "reading",
    "CheckReport": "results", "ClaimList": "results", "ClaimShown": "results", "Codes": "results",
    "DiffReport": "results", "History": "results",
    "ExportInput": "interchange", "ExportOptions": "interchange", "Exported": "results", "Imported": "results",
    "LedgerSchema": "results", "Outcome": "results", "QuestionsReport": "results", "SourceList": "results",
    "Statistics": "results", "Timeline": "results", "Validation": "results",
}
_ERRORS = ("DataError", "UsageError")

__all__ = [  # every name of _HOMES and _ERRORS (a test holds them equal)
    "CheckReport", "ClaimList", "ClaimShown", "Codes", "DataError", "DiffReport", "Edited", "ExportInput",
    "ExportOptions", "Exported", "History", "Imported", "LedgerSchema", "Outcome", "QuestionsReport", "SourceList",
    "Statistics", "Timeline", "UsageError", "Validation", "add", "add_entries", "check", "codes", "criteria", "diff",
    "export", "fix", "fmt", "history", "import_claimreview", "import_header", "init", "ledger_schema", "list_claims",
    "list_sources", "load", "questions", "read_input", "rename", "show_claim", "statistics", "timeline",
    "unchanged_since_read", "validate", "written_by_import",
]

if TYPE_CHECKING:
    from factledger.api.adding import add
    from factledger.api.adding_input import add_entries
    from factledger.api.checking import check, questions
    from factledger.api.common import criteria, load
    from factledger.api.diffing import diff
    from factledger.api.editing import fix, fmt, rename
    from factledger.api.histories import history
    from factledger.api.importing import (
        import_claimreview,
        import_header,
        read_input,
        unchanged_since_read,
        written_by_import,
    )
    from factledger.api.interchange import ExportInput, ExportOptions, export
    from factledger.api.reading import (
        codes,
        ledger_schema,
        list_claims,
        list_sources,
        show_claim,
        statistics,
        timeline,
        validate,
    )
    from factledger.api.results import (
        CheckReport,
        ClaimList,
        ClaimShown,
        Codes,
        DiffReport,
        Edited,
        Exported,
        History,
        Imported,
        LedgerSchema,
        Outcome,
        QuestionsReport,
        SourceList,
        Statistics,
        Timeline,
        Validation,
    )
    from factledger.api.starting import init
    from factledger.problems.errors import DataError, UsageError


def __getattr__(name: str) -> Any:
    import importlib

    if name in _ERRORS:
        return getattr(importlib.import_module("factledger.problems.errors"), name)
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'factledger.api' has no attribute '{name}'")
    return getattr(importlib.import_module(f"factledger.api.{home}"), name)
