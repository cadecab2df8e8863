"""What every use case shares: the result's common part, loading, and the claim filters with their
typo policy."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from pathlib import Path
from typing import Any

from factledger.load.result import LoadResult
from factledger.model.entries import Claim, DateError, PartialDate
from factledger.model.vocabulary import STATUSES
from factledger.pipeline import check_ledger, load_ledger
from factledger.problems.catalogue import CATALOGUE
from factledger.problems.diagnostics import Diagnostic, exit_code
from factledger.problems.errors import UsageError
from factledger.query.select import ClaimFilter, is_cited, known_questions, select
from factledger.system.scoped import scoped
from factledger.text.plural import plural
from factledger.text.suggest import did_you_mean


def load(data_dir: Path, policy: Any = None, files: Sequence[Path] = (), judge_checks: bool = False) -> LoadResult:
    """The ledger under ``data_dir``, validated (a DataDirError or SetupError when it cannot be read).

    Inline suppressions (``# factledger: ignore[...]``) accept what they name, and one that accepts nothing
    is reported (FL013): of validation's codes, and with ``judge_checks`` of the cross-check's too (it is run
    for that, when the ledger has such a suppression and validates). With ``policy`` (a config.Policy) only
    the diagnostics it selects are kept, at its severities; with ``files`` only those located in these
    files, and those no ledger file owns (pre-commit names the files it changed: the whole ledger is still
    read, since references cross files)."""
    result = load_ledger(Path(data_dir))
    diagnostics = _suppressed(result, judge_checks)
    if policy is not None:
        diagnostics = policy.apply(diagnostics)
    if files:
        diagnostics = in_files(diagnostics, files, result.ledger.files)
    return result if diagnostics is result.diagnostics else replace(result, diagnostics=diagnostics)


def _suppressed(result: LoadResult, judge_checks: bool) -> list[Diagnostic]:
    """The diagnostics, and with ``judge_checks`` FL013 for each suppression naming a cross-check code that
    accepts no finding (judged only when the ledger validates: the cross-check runs for it then)."""
    from factledger.model import suppressions as inline

    found = result.ledger.suppressions
    named = {inline.code_of(c) for s in found for c in s.codes}
    if not judge_checks or not any(c and CATALOGUE[c].stage == "check" for c in named) or result.errors:
        return result.diagnostics
    used: set[tuple[int, str]] = set()
    inline.apply(check_ledger(result.ledger).findings, found, used)
    return sorted([*result.diagnostics, *inline.unused(found, used, "check")], key=Diagnostic.sort_key)


def suppress_findings(result: LoadResult, findings: list[Any]) -> list[Any]:
    """The findings the ledger's suppressions leave."""
    from factledger.model import suppressions as inline

    return inline.apply(findings, result.ledger.suppressions, set())


def caching(enabled: bool) -> AbstractContextManager[None]:
    """Inside this block, loading uses the cache only if ``enabled`` (``--no-cache`` turns it off)."""
    from factledger.load.result import USE_CACHE

    return scoped(USE_CACHE, enabled)


def excluding(excluded: Callable[[Path], bool]) -> AbstractContextManager[None]:
    """Inside this block, loading leaves out the files ``excluded`` says (the configuration's exclude)."""
    from factledger.load.result import EXCLUDED

    return scoped(EXCLUDED, excluded)


def progress(report: Callable[[int, int], None]) -> AbstractContextManager[None]:
    """Inside this block, loading tells ``report`` (files read, files in all) after each file."""
    from factledger.load.result import LOAD_PROGRESS

    return scoped(LOAD_PROGRESS, report)


def known_names(data_dir: Path, kind: str, prefix: str = "") -> list[str]:
    """The ledger's names of one ``kind`` (claims, sources, subjects, properties, tags, statuses) that start
    with ``prefix`` (any case), sorted: what a shell completes."""
    ledger = load_ledger(Path(data_dir)).ledger
    names: Iterable[str | None]
    if kind == "claims":
        names = (c.id for c in ledger.claims)
    elif kind == "sources":
        names = (s.id for s in ledger.sources)
    elif kind == "tags":
        names = (t for c in ledger.claims for t in c.tags)
    else:
        field_name = {"subjects": "subject", "properties": "property"}[kind]
        names = (getattr(c, field_name) for c in ledger.claims)
    folded = prefix.casefold()
    return sorted({n for n in names if n and n.casefold().startswith(folded)})


def in_files(problems: Iterable[Any], files: Sequence[Path], ledger_files: Iterable[str]) -> list[Any]:
    """The problems located in one of ``files``, or in no ledger file at all (a folder with no files)."""
    from factledger.system import fs

    named = {fs.resolve(Path(f)) for f in files}
    owned = {fs.resolve(Path(f)) for f in ledger_files}
    kept = []
    for problem in problems:
        places = {fs.resolve(Path(loc.file)) for loc in problem.locations if loc.file}
        if not places or places & named or not places & owned and not any(p.is_file() for p in places):
            kept.append(problem)
    return kept


def loaded_exit(result: LoadResult) -> int:
    """Reading commands show what loaded and fail when the ledger has errors."""
    return exit_code(result.diagnostics)


def note_errors(result: LoadResult) -> list[str]:
    if not result.errors:
        return []
    n = len(result.errors)
    return [f"the ledger has {plural(n, 'error')}; what loaded is shown. "
            f"Run 'factledger validate --data {result.data_dir}' for details."]


# -- filters -----------------------------------------------------------------------------------

def parse_date(value: str | None, option: str) -> PartialDate | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except DateError as exc:
        raise UsageError(str(exc), option=option) from None


def criteria(sources: Iterable[str] = (), subject: str | None = None,
             property: str | None = None,  # noqa: A002 - the library's public keyword, mirroring --property
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
                 prop: str | None, tags: Sequence[str] = ()) -> list[str]:
    """The typo policy: a source, subject, property or tag the ledger does not have is a usage error with
    a suggestion (a mistyped filter in CI would otherwise pass with nothing found). On a ledger with
    errors it may be in a file that could not be read, so it is only a notice there."""
    notices = []
    ledger = result.ledger

    def unknown(message: str, option: str) -> None:
        if result.errors:
            notices.append(f"{message}; the ledger has errors, so it may be in a file that could not be read")
        else:
            raise UsageError(message, option=option)

    for source_id in wanted_sources:
        if ledger.source(source_id) is None and not is_cited(ledger, source_id):
            unknown(f"no source '{source_id}' in the ledger{did_you_mean(source_id, ledger.source_ids(), True)}; "
                    "'factledger sources' lists them", "--source")
    subjects, properties = known_questions(ledger)
    for option, value, known in (("subject", subject, subjects), ("property", prop, properties)):
        if value is not None and value not in known:
            unknown(f"no claim has {option} '{value}'{did_you_mean(value, known)}", f"--{option}")
    if tags:
        known_tags = {t for c in ledger.claims for t in c.tags}
        for tag in tags:
            if tag not in known_tags:
                unknown(f"no claim has tag '{tag}'{did_you_mean(tag, known_tags)}", "--tag")
    return notices


def selected(result: LoadResult, wanted: ClaimFilter) -> tuple[list[Claim], list[str]]:
    notices = check_names(result, wanted.sources, wanted.subject, wanted.property, wanted.tags)
    return select(result.ledger, wanted), notices


def crash_notes(diagnostics: list[Diagnostic]) -> list[str]:
    return [f"{d.code}: {d.message}" for d in diagnostics]
