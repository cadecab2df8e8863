"""Every result a use case returns, and every type a renderer may see in one.

Renderers (and other faces) import from here, never from the pipeline, the cross-check's stages or
the use cases themselves: what they are given is data, already decided. Each result carries the
ledger as loaded, the notices a person should read beside it and its exit code, decided by the one
policy (:func:`factledger.problems.diagnostics.exit_code`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from factledger.load.result import LoadResult
from factledger.model.entries import Claim, Review, Source
from factledger.problems.catalogue import Code
from factledger.problems.diagnostics import EXIT_OK
from factledger.query.views import ClaimView

if TYPE_CHECKING:
    from factledger.api.other_results import (
        Action,
        CacheState,
        CheckReport,
        ConfigShown,
        DiffReport,
        DiffSide,
        Edit,
        Edited,
        Exported,
        History,
        HistoryEvent,
        Hovered,
        Imported,
        Offer,
        Offers,
        Place,
        QuestionsReport,
        SourceShown,
        Symbol,
        Target,
    )
    from factledger.check.findings import Camp, CheckResult, Finding, QuestionSummary, Retraction, Side
    from factledger.diff.model import (
        SECTIONS,
        Conclusions,
        EntryChange,
        FieldChange,
        LedgerDiff,
        QuestionMove,
        Reference,
    )
    from factledger.query.timeline import Point, Series

__all__ = [
    "SECTIONS", "Action", "CacheState", "Camp", "CheckReport", "CheckResult", "ClaimList", "ClaimShown", "ClaimView",
    "Codes", "Conclusions", "ConfigShown", "DiffReport", "DiffSide", "Edit", "Edited", "EntryChange", "Exported",
    "FieldChange", "Finding", "History", "HistoryEvent", "Hovered", "Imported", "LedgerDiff", "LedgerSchema",
    "LoadResult", "Offer", "Offers", "Outcome", "Place", "Point", "QuestionMove", "QuestionSummary", "QuestionsReport",
    "Reference", "Retraction", "Series", "Side", "SourceList", "SourceShown", "Statistics", "Symbol", "Target",
    "Timeline", "Validation",
]

# The cross-check's types, imported when first asked for: a command that does not cross-check (list,
# show, validate) never loads them.
_FINDINGS = {"Camp", "CheckResult", "Finding", "QuestionSummary", "Retraction", "Side"}
_DIFF = {"SECTIONS", "Conclusions", "EntryChange", "FieldChange", "LedgerDiff", "QuestionMove", "Reference"}


# The results of every command but the reading ones, likewise: `list` creates the classes of its own
# results only (creating a dataclass runs code generated for it, about a millisecond each).
_OTHERS = {"Action", "CacheState", "CheckReport", "ConfigShown", "DiffReport", "DiffSide", "Edit", "Edited", "Exported",
           "History", "HistoryEvent", "Hovered", "Imported", "Offer", "Offers", "Place", "QuestionsReport",
           "SourceShown", "Symbol", "Target"}


def __getattr__(name: str) -> Any:
    if name in ("Point", "Series"):  # the timeline's own (it compares values: only `timeline` needs it)
        from factledger.query import timeline

        return getattr(timeline, name)
    if name in _OTHERS:
        from factledger.api import other_results

        return getattr(other_results, name)
    if name in _FINDINGS:
        from factledger.check import findings

        return getattr(findings, name)
    if name in _DIFF:  # the diff's types hold findings
        from factledger.diff import model

        return getattr(model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class Outcome:
    """What every use case returns: the ledger as loaded, notices for a person, and the exit code."""

    load: LoadResult | None
    notices: list[str] = field(default_factory=list)  # warnings a person should read beside the result
    exit_code: int = EXIT_OK
    failures: list[str] = field(default_factory=list)  # why it failed, where that is not in the result itself

    def __post_init__(self) -> None:
        # What loading itself had to say (the cache could not be written) is said by every command.
        if self.load is not None and self.load.notices:
            self.notices = [*self.load.notices, *self.notices]


# -- reading -----------------------------------------------------------------------------------

@dataclass
class Validation(Outcome):
    strict: bool = False


@dataclass
class ClaimList(Outcome):
    claims: list[Claim] = field(default_factory=list)
    reviews: dict[str, list[Review]] = field(default_factory=dict)  # fact-checkers' reviews, by claim id
    matched: int | None = None  # how many the filters select, before --limit


@dataclass
class ClaimShown(Outcome):
    view: ClaimView | None = None


@dataclass
class SourceList(Outcome):
    rows: list[tuple[Source, int, int]] = field(default_factory=list)  # (source, claims cited, claims relayed)


@dataclass
class Statistics(Outcome):
    claims: int = 0
    tables: dict[str, dict[str, int]] = field(default_factory=dict)


@dataclass
class Timeline(Outcome):
    claims: list[Claim] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)


@dataclass
class Codes(Outcome):
    codes: list[Code] = field(default_factory=list)


@dataclass
class LedgerSchema(Outcome):
    schema: dict[str, Any] = field(default_factory=dict)
