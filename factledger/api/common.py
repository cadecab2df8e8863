"""What every use case shares: the result's common part, loading, and the claim filters with their
typo policy."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factledger.diagnostics import EXIT_OK, Diagnostic, exit_code
from factledger.errors import UsageError
from factledger.model import Claim, DateError, PartialDate
from factledger.pipeline import LoadResult, load_ledger
from factledger.query import ClaimFilter, is_cited, known_questions, select
from factledger.suggest import did_you_mean
from factledger.vocabulary import STATUSES


@dataclass
class Outcome:
    """What every use case returns: the ledger as loaded, notices for a person, and the exit code."""

    load: LoadResult | None
    notices: list[str] = field(default_factory=list)  # warnings a person should read beside the result
    exit_code: int = EXIT_OK
    failures: list[str] = field(default_factory=list)  # why it failed, where that is not in the result itself


def load(data_dir: Path) -> LoadResult:
    """The ledger under ``data_dir``, validated (a DataDirError or SetupError when it cannot be read)."""
    return load_ledger(Path(data_dir))


def loaded_exit(result: LoadResult) -> int:
    """Reading commands show what loaded and fail when the ledger has errors."""
    return exit_code(result.diagnostics)


def note_errors(result: LoadResult) -> list[str]:
    if not result.errors:
        return []
    n = len(result.errors)
    return [f"the ledger has {n} error{'s' if n != 1 else ''}; what loaded is shown. "
            f"Run 'factledger validate --data {result.data_dir}' for details."]


# -- filters -----------------------------------------------------------------------------------

def parse_date(value: str | None, option: str) -> PartialDate | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except DateError as exc:
        raise UsageError(str(exc), option=option) from None


def criteria(sources: Iterable[str] = (), subject: str | None = None, property: str | None = None,
             statuses: Iterable[str] = (), tags: Iterable[str] = (), since: str | None = None,
             until: str | None = None, search: str | None = None) -> ClaimFilter:
    """The claim filters from what a person typed; a bad value is a UsageError naming its option."""
    chosen = [s.lower() for s in statuses]
    for status in chosen:
        if status not in STATUSES:
            raise UsageError(f"'{status}' is not one of {', '.join(STATUSES)}{did_you_mean(status, STATUSES)}",
                             option="--status")
    start, end = parse_date(since, "--since"), parse_date(until, "--until")
    if start is not None and end is not None and start.first() > end.last():
        raise UsageError(f"--since {since} is after --until {until}: no date can be in both", option="--since/--until")
    return ClaimFilter(sources=list(sources), subject=subject, property=property, statuses=chosen, tags=list(tags),
                       since=start, until=end, search=search)


def check_names(result: LoadResult, wanted_sources: Sequence[str], subject: str | None,
                 prop: str | None) -> list[str]:
    """The typo policy. A source id no claim cites and no entry defines is a usage error with a suggestion;
    on a ledger with errors it may be in a file that could not be read, so it is only a notice there. A
    subject or property no claim names is a notice (the result is just empty)."""
    notices = []
    ledger = result.ledger
    for source_id in wanted_sources:
        if ledger.source(source_id) is not None or is_cited(ledger, source_id):
            continue
        hint = did_you_mean(source_id, ledger.source_ids(), True)
        if result.errors:
            notices.append(f"no source '{source_id}' in what loaded{hint}; the ledger has errors, so it may be "
                           "in a file that could not be read")
        else:
            raise UsageError(f"no source '{source_id}' in the ledger{hint}; 'factledger sources' lists them")
    subjects, properties = known_questions(ledger)
    for option, value, known in (("subject", subject, subjects), ("property", prop, properties)):
        if value is not None and value not in known:
            notices.append(f"no claim has {option} '{value}'{did_you_mean(value, known)}")
    return notices


def selected(result: LoadResult, wanted: ClaimFilter) -> tuple[list[Claim], list[str]]:
    notices = check_names(result, wanted.sources, wanted.subject, wanted.property)
    return select(result.ledger, wanted), notices


def crash_notes(diagnostics: list[Diagnostic]) -> list[str]:
    return [f"{d.code}: {d.message}" for d in diagnostics]
