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
from factledger.pipeline import check_loaded, load_ledger
from factledger.problems.catalogue import CATALOGUE
from factledger.problems.diagnostics import Diagnostic, exit_code
from factledger.problems.errors import UsageError
from factledger.query.select import ClaimFilter, is_cited, known_questions, select
from factledger.system.scoped import scoped
from factledger.text.escapes import clip
from factledger.text.plural import plural
from factledger.text.suggest import did_you_mean


def load(data_dir: Path, policy: Any = None, files: Sequence[Path] | None = None,
         strict: bool = False, judge_checks: bool = False) -> LoadResult:
    """The ledger under ``data_dir``, validated (a DataDirError or SetupError when it cannot be read).

    Inline suppressions (``# factledger: ignore[...]``) accept what they name, and one that accepts nothing
    is reported (FL013): of validation's codes, and with ``judge_checks`` of the cross-check's too (it is run
    for that, when the ledger has such a suppression and validates). With ``policy`` (a config.Policy) only
    the diagnostics it selects are kept, at its severities. With ``files`` (the ledger files a person or
    pre-commit named: see :func:`named_files`) the whole ledger is still read, since references cross
    files, and every problem in these files is kept, with those no ledger file owns and those elsewhere
    that fail the ledger (errors; warnings too with ``strict``): a gate that reports on the files it is
    given never passes a ledger that does not validate."""
    result = load_ledger(Path(data_dir))
    diagnostics = _suppressed(result, judge_checks)
    if policy is not None:
        diagnostics = policy.apply(diagnostics)
    if files is not None:
        diagnostics = in_files(diagnostics, files, result.ledger.files, strict)
    return result if diagnostics is result.diagnostics else replace(result, diagnostics=diagnostics)


def load_named(data_dir: Path, policy: Any, files: Sequence[Path] | None, strict: bool,
               judge_checks: bool = False) -> tuple[LoadResult, list[Path] | None, list[str]]:
    """What validate and check load: the ledger as :func:`load` narrows it to the FILE arguments that are
    in the data directory (see :func:`named_files`), those files (None: none were given), and notices."""
    notices = list(policy.notices) if policy is not None else []
    named = None
    if files is not None:
        named, passed_over = named_files(data_dir, files)
        notices += passed_over
    return load(data_dir, policy, named, strict, judge_checks), named, notices


def named_files(data_dir: Path, given: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """The FILE arguments of validate and check that are in the data directory, and notices. A FILE that
    does not exist is a UsageError (a typo must not pass a gate); one outside the data directory (a
    workflow file pre-commit passes along, factledger.toml) is passed over with a notice: what it
    changes is seen through the whole ledger, which is read in any case."""
    from factledger.system import fs

    missing = [str(f) for f in given if fs.kind(f) != "file"]
    if missing:
        raise UsageError(f"no file {', '.join(repr(m) for m in missing)}: give the ledger files to report on "
                         "(the whole ledger is read in any case)")
    folder = fs.resolve(Path(data_dir))
    inside = [f for f in given if fs.is_inside(fs.resolve(f), folder)]
    outside = [str(f) for f in given if f not in inside]
    if not outside:
        return inside, []
    shown = ", ".join(outside[:3]) + (f" and {len(outside) - 3:,} more" if len(outside) > 3 else "")
    return inside, [f"passed over {plural(len(outside), 'file')} outside the data directory '{data_dir}' "
                    f"({shown}); the whole ledger is checked"]


def elsewhere(problems: Iterable[Any], files: Sequence[Path], strict: bool) -> str | None:
    """A notice when problems that fail the ledger are shown from files not named."""
    from factledger.problems.diagnostics import fails
    from factledger.system import fs

    named = {fs.resolve(Path(f)) for f in files}
    others = [p for p in problems if fails(p, strict) and any(loc.file for loc in p.locations)
              and not any(fs.resolve(Path(loc.file)) in named for loc in p.locations if loc.file)]
    if not others:
        return None
    return f"shown too: {plural(len(others), 'problem')} in files not named, which fail the ledger as a whole"


def _suppressed(result: LoadResult, judge_checks: bool) -> list[Diagnostic]:
    """The diagnostics, and with ``judge_checks`` FL013 for each suppression naming a cross-check code that
    accepts no finding (judged only when the ledger validates: the cross-check runs for it then)."""
    from factledger.model import suppressions as inline

    found = result.ledger.suppressions
    named = {inline.code_of(c) for s in found for c in s.codes}
    if not judge_checks or not any(c and CATALOGUE[c].stage == "check" for c in named) or result.errors:
        return result.diagnostics
    used: set[tuple[int, str]] = set()
    inline.apply(check_loaded(result).findings, found, used)
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


def in_files(problems: Iterable[Any], files: Sequence[Path], ledger_files: Iterable[str],
             strict: bool = False) -> list[Any]:
    """The problems located in one of ``files``, or in no ledger file at all (a folder with no files),
    and those anywhere that fail the ledger (an error; with ``strict``, a warning too)."""
    from factledger.problems.diagnostics import fails
    from factledger.system import fs

    named = {fs.resolve(Path(f)) for f in files}
    owned = {fs.resolve(Path(f)) for f in ledger_files}
    kept = []
    for problem in problems:
        places = {fs.resolve(Path(loc.file)) for loc in problem.locations if loc.file}
        if (fails(problem, strict) or not places or places & named
                or not places & owned and not any(p.is_file() for p in places)):
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


def several(value: str | Iterable[str] | None) -> list[str]:
    """A filter's values, given one (a text) or several: each is matched, never only the last."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def criteria(sources: Iterable[str] = (), subject: str | Iterable[str] | None = None,
             property: str | Iterable[str] | None = None,  # noqa: A002 - the library's public keyword (--property)
             statuses: Iterable[str] = (), tags: Iterable[str] = (), since: str | None = None,
             until: str | None = None, search: str | Iterable[str] | None = None,
             via: Iterable[str] = ()) -> ClaimFilter:
    """The claim filters from what a person typed; a bad value is a UsageError naming its option. ``subject``,
    ``property`` and ``search`` take one value or several (any matches), like ``sources`` and ``via``."""
    chosen = [s.lower() for s in statuses]
    for status in chosen:
        if status not in STATUSES:
            raise UsageError(f"'{clip(status)}' is not one of {', '.join(STATUSES)}{did_you_mean(status, STATUSES)}",
                             option="--status")
    start, end = parse_date(since, "--since"), parse_date(until, "--until")
    if start is not None and end is not None and start.first() > end.last():
        raise UsageError(f"--since {since} is after --until {until}: no date can be in both", option="--since/--until")
    return ClaimFilter(sources=list(sources), subjects=several(subject), properties=several(property),
                       statuses=chosen, tags=list(tags), since=start, until=end, searches=several(search),
                       via=list(via))


def check_names(result: LoadResult, wanted_sources: Sequence[str], subjects: Sequence[str],
                props: Sequence[str], tags: Sequence[str] = (), via: Sequence[str] = ()) -> list[str]:
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

    for option, named in (("--source", wanted_sources), ("--via", via)):
        for source_id in named:
            if ledger.source(source_id) is None and not is_cited(ledger, source_id):
                hint = did_you_mean(source_id, ledger.source_ids(), True)
                unknown(f"no source '{clip(source_id)}' in the ledger{hint}; 'factledger sources' lists them", option)
    known_subjects, known_properties = known_questions(ledger)
    for option, values, known in (("subject", subjects, known_subjects), ("property", props, known_properties)):
        for value in values:
            if value not in known:
                unknown(f"no claim has {option} '{clip(value)}'{did_you_mean(value, known)}", f"--{option}")
    if tags:
        known_tags = {t for c in ledger.claims for t in c.tags}
        for tag in tags:
            if tag not in known_tags:
                unknown(f"no claim has tag '{clip(tag)}'{did_you_mean(tag, known_tags)}", "--tag")
    return notices


def selected(result: LoadResult, wanted: ClaimFilter) -> tuple[list[Claim], list[str]]:
    notices = check_names(result, wanted.sources, wanted.subjects, wanted.properties, wanted.tags, wanted.via)
    return select(result.ledger, wanted), notices


def crash_notes(diagnostics: list[Diagnostic]) -> list[str]:
    return [f"{d.code}: {d.message}" for d in diagnostics]
