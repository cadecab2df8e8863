"""The use cases, as library calls: plain arguments in, typed results out.

Each function is what one command does: :func:`validate`, :func:`list_claims`, :func:`show_claim`,
:func:`list_sources`, :func:`check`, :func:`statistics`, :func:`timeline`, :func:`codes`,
:func:`export` and :func:`import_claimreview`. Nothing here prints or exits. A result carries what
to show, the notices a person should read beside it, and its exit code, decided by the one
policy (:func:`factledger.diagnostics.exit_code`). What cannot be done raises
:class:`~factledger.errors.UsageError` (exit 2) or :class:`~factledger.errors.DataError` (exit 1).

    >>> from pathlib import Path
    >>> from factledger import api
    >>> found = api.list_claims(Path("data"), api.criteria(sources=["NIS"]))
    >>> [c.id for c in found.claims][:1]
    ['nis-munitions-supplied']
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from factledger.check.options import CheckOptions
from factledger.diagnostics import EXIT_DATA, EXIT_OK, Diagnostic, exit_code
from factledger.errors import DataError, UsageError
from factledger.model import Claim, DateError, Ledger, PartialDate, Source
from factledger.pipeline import LoadResult, check_ledger, load_ledger
from factledger.query import (
    ClaimFilter, SortKey, is_cited, known_questions, select, select_findings, sort_claims, source_claim_counts,
)
from factledger.suggest import did_you_mean
from factledger.vocabulary import STATUSES

__all__ = [
    "DataError", "UsageError", "criteria", "load", "validate", "list_claims", "show_claim", "list_sources", "check",
    "statistics", "timeline", "codes", "export", "import_claimreview", "ExportOptions",
]


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


def _loaded_exit(result: LoadResult) -> int:
    """Reading commands show what loaded and fail when the ledger has errors."""
    return exit_code(result.diagnostics)


def _note_errors(result: LoadResult) -> list[str]:
    if not result.errors:
        return []
    n = len(result.errors)
    return [f"the ledger has {n} error{'s' if n != 1 else ''}; what loaded is shown. "
            f"Run 'factledger validate --data {result.data_dir}' for details."]


# -- filters -----------------------------------------------------------------------------------

def _date(value: str | None, option: str) -> PartialDate | None:
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
    start, end = _date(since, "--since"), _date(until, "--until")
    if start is not None and end is not None and start.first() > end.last():
        raise UsageError(f"--since {since} is after --until {until}: no date can be in both", option="--since/--until")
    return ClaimFilter(sources=list(sources), subject=subject, property=property, statuses=chosen, tags=list(tags),
                       since=start, until=end, search=search)


def _check_names(result: LoadResult, wanted_sources: Sequence[str], subject: str | None,
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


def _selected(result: LoadResult, wanted: ClaimFilter) -> tuple[list[Claim], list[str]]:
    notices = _check_names(result, wanted.sources, wanted.subject, wanted.property)
    return select(result.ledger, wanted), notices


# -- reading -----------------------------------------------------------------------------------

@dataclass
class Validation(Outcome):
    strict: bool = False


def validate(data_dir: Path, strict: bool = False) -> Validation:
    """Every problem in the ledger; exit 1 on errors (and on warnings, with ``strict``)."""
    result = load(data_dir)
    return Validation(result, exit_code=exit_code(result.diagnostics, strict), strict=strict)


@dataclass
class ClaimList(Outcome):
    claims: list[Claim] = field(default_factory=list)


def list_claims(data_dir: Path, wanted: ClaimFilter, sort: SortKey = SortKey.date,
                limit: int | None = None) -> ClaimList:
    result = load(data_dir)
    claims, notices = _selected(result, wanted)
    claims = sort_claims(claims, sort)[:limit] if limit is not None else sort_claims(claims, sort)
    return ClaimList(result, notices + _note_errors(result), _loaded_exit(result), claims=claims)


@dataclass
class ClaimShown(Outcome):
    view: Any = None  # a views.ClaimView


def show_claim(data_dir: Path, claim_id: str, options: CheckOptions | None = None) -> ClaimShown:
    """One claim in full. A claim not in the ledger is a UsageError, or a DataError when the ledger has
    errors (it may be in a file that could not be read)."""
    from factledger.views import claim_view

    result = load(data_dir)
    ledger = result.ledger
    claim = ledger.claim(claim_id)
    if claim is None:
        hint = did_you_mean(claim_id, ledger.claim_ids(), True)
        if result.errors:
            raise DataError(f"no claim '{claim_id}' in what loaded{hint}", result)
        raise UsageError(f"no claim '{claim_id}' in the ledger{hint}; 'factledger list' shows the ids")
    # Cross-checking needs a valid ledger; an invalid one still shows the claim itself.
    checked = None if result.errors else check_ledger(ledger, options)
    crashes = checked.diagnostics if checked else []
    return ClaimShown(result, _note_errors(result), max(_loaded_exit(result), exit_code(crashes)), _crashes(crashes),
                      view=claim_view(ledger, claim, checked))


@dataclass
class SourceList(Outcome):
    rows: list[tuple[Source, int]] = field(default_factory=list)


def list_sources(data_dir: Path) -> SourceList:
    result = load(data_dir)
    return SourceList(result, _note_errors(result), _loaded_exit(result), rows=source_claim_counts(result.ledger))


@dataclass
class Statistics(Outcome):
    claims: int = 0
    tables: dict[str, dict[str, int]] = field(default_factory=dict)


def statistics(data_dir: Path, wanted: ClaimFilter) -> Statistics:
    from factledger.stats import statistics as count

    result = load(data_dir)
    claims, notices = _selected(result, wanted)
    return Statistics(result, notices + _note_errors(result), _loaded_exit(result), claims=len(claims),
                      tables=count(claims, result.ledger))


@dataclass
class Timeline(Outcome):
    claims: list[Claim] = field(default_factory=list)
    series: list[Any] = field(default_factory=list)  # timeline.Series


def timeline(data_dir: Path, wanted: ClaimFilter) -> Timeline:
    from factledger.timeline import numeric_series

    result = load(data_dir)
    claims, notices = _selected(result, wanted)
    claims = sort_claims(claims, SortKey.date)
    return Timeline(result, notices + _note_errors(result), _loaded_exit(result), claims=claims,
                    series=numeric_series(claims, result.ledger))


@dataclass
class Codes(Outcome):
    codes: list[Any] = field(default_factory=list)  # codes.Code


def codes(code: str | None = None) -> Codes:
    """The catalogue, or one entry of it by code (FL103) or slug (unknown-field)."""
    from factledger.codes import BY_SLUG, CATALOGUE

    if code is None:
        return Codes(None, codes=list(CATALOGUE.values()))
    found = CATALOGUE.get(code.upper()) or BY_SLUG.get(code.lower())
    if found is None:
        raise UsageError(f"no code '{code}'{did_you_mean(code.upper(), CATALOGUE)}; 'factledger codes' lists them")
    return Codes(None, codes=[found])


# -- checking ----------------------------------------------------------------------------------

@dataclass
class CheckReport(Outcome):
    checked: Any = None  # findings.CheckResult; None when the ledger does not validate
    findings: list[Any] = field(default_factory=list)  # the findings shown
    counts: dict[str, int] = field(default_factory=dict)  # by kind, of every finding matching the filters
    listed_all: bool = False
    problems: list[Diagnostic] = field(default_factory=list)  # crashed checks (FL900), if any


def _crashes(diagnostics: list[Diagnostic]) -> list[str]:
    return [f"{d.code}: {d.message}" for d in diagnostics]


def check(data_dir: Path, options: CheckOptions | None = None, subject: str | None = None,
          property: str | None = None, sources: Sequence[str] = (), show_all: bool = False,
          strict: bool = False) -> CheckReport:
    """Cross-check the ledger. The filters choose which findings are shown, never what is compared.
    A ledger that does not validate is not cross-checked (exit 1, with its diagnostics)."""
    from factledger.check.findings import KINDS, QUIET_KINDS

    result = load(data_dir)
    if result.errors:
        return CheckReport(result, [], EXIT_DATA, ["the ledger does not validate, so it was not cross-checked"],
                           counts={kind: 0 for kind in KINDS})
    notices = _check_names(result, sources, subject, property)
    if result.warnings:  # they often explain a finding (a number written as text, an empty file)
        n = len(result.warnings)
        notices.append(f"the ledger has {n} validation warning{'s' if n != 1 else ''} "
                       "('factledger validate' lists them)")
    checked = check_ledger(result.ledger, options)
    about = select_findings(result.ledger, checked.findings, subject, property, sources)
    shown = about if show_all else [f for f in about if f.kind not in QUIET_KINDS]
    code = max(exit_code(about, strict), exit_code(result.diagnostics, strict), exit_code(checked.diagnostics))
    return CheckReport(result, notices, code, _crashes(checked.diagnostics), checked=checked, findings=shown,
                       counts=checked.counts(about), listed_all=show_all, problems=checked.diagnostics)


# -- interchange -------------------------------------------------------------------------------

@dataclass(frozen=True)
class ExportOptions:
    title: str = "Fact ledger summary"  # markdown
    timestamp: bool = False  # markdown: say when it was generated
    publisher: str | None = None  # claimreview: who reviews (required)
    publisher_url: str | None = None
    base_url: str | None = None  # claimreview: the page the reviews are on (required)
    review_date: str | None = None
    check: CheckOptions = CheckOptions()


@dataclass
class Exported(Outcome):
    """What an export produced: ``text`` for standard output or a file, or ``fill``, which builds a
    file (a database) at the path it is given."""

    format: str = ""
    text: str | None = None
    fill: Callable[[Path], None] | None = None


@dataclass
class ExportInput:
    """What an export writer is given (a writer decides nothing else)."""

    ledger: Ledger
    claims: list[Claim]  # by id
    checked: Any  # findings.CheckResult, for the formats that show findings; else None
    options: ExportOptions
    filters: str  # the active filters as a reader would say them
    generated: str  # when it was generated, when asked for
    data_dir: Path


def _claimreview_options(options: ExportOptions) -> None:
    from factledger.urls import web_url

    if not options.publisher or not options.publisher.strip():
        raise UsageError("ClaimReview names who reviewed the claims: give --publisher NAME", option="--publisher")
    if not options.base_url:
        raise UsageError("ClaimReview requires each review's url: give --base-url URL (the page the reviews are "
                         "published on)", option="--base-url")
    if web_url(options.base_url) is None or "#" in options.base_url:
        raise UsageError("must be an http(s) address without a #fragment (each review's url is it plus #claim-id)",
                         option="--base-url")
    if options.publisher_url is not None and web_url(options.publisher_url) is None:
        raise UsageError("must be an http(s) address", option="--publisher-url")
    _date(options.review_date, "--date")


def export(data_dir: Path, fmt: str, wanted: ClaimFilter | None = None,
           options: ExportOptions | None = None) -> Exported:
    """The ledger, or the claims ``wanted`` selects, in format ``fmt`` (see the format registry).
    A ledger that does not validate is not exported: publishing from broken data would mislead."""
    from factledger.render.registry import WITH_FINDINGS, find

    writer = find("ledger", fmt)
    options = options or ExportOptions()
    if writer.name == "claimreview":
        _claimreview_options(options)
    result = load(data_dir)
    claims, notices = _selected(result, wanted or ClaimFilter())
    if result.errors:
        raise DataError("the ledger does not validate, so it was not exported", result)
    # Only the formats that show findings pay for the cross-check, with the options given.
    checked = check_ledger(result.ledger, options.check) if ("ledger", writer.name) in WITH_FINDINGS else None
    generated = (datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
                 if options.timestamp else "")
    given = ExportInput(result.ledger, sorted(claims, key=lambda c: c.id), checked, options,
                        (wanted or ClaimFilter()).describe(), generated, Path(data_dir))
    produced = writer.renderer()(given)
    if writer.name == "claimreview" and produced.strip() == "[]":
        notices.append("no claim has a verdict (a status other than 'reported'), so there is nothing to review")
    crashes = checked.diagnostics if checked is not None else []
    if writer.binary:
        return Exported(result, notices, exit_code(crashes), _crashes(crashes), format=writer.name, fill=produced)
    return Exported(result, notices, exit_code(crashes), _crashes(crashes), format=writer.name, text=produced)


@dataclass
class Imported(Outcome):
    text: str = ""


IMPORT_HEADER = "# Imported from "


def written_by_import(path: Path) -> bool:
    """Whether ``path`` is a file an earlier import wrote (its first line says so)."""
    from factledger import fs

    try:
        first = fs.read_file(path, fs.max_file_size()).split(b"\n", 1)[0].decode("utf-8", errors="replace")
    except (fs.FileProblem, fs.LimitError):
        return False
    return first.startswith(IMPORT_HEADER) and first.endswith("by 'factledger import claimreview'.")


def import_header(name: str | None) -> str:
    """The first line of an imported file. The input's name is written as an ASCII JSON string, so that no
    character in it (a newline, U+2028, at which YAML 1.1 readers also end a line) can end the comment and
    put what follows into the ledger."""
    import json

    shown = "standard input" if name is None else json.dumps(Path(name).name, ensure_ascii=True)
    return f"{IMPORT_HEADER}{shown} by 'factledger import claimreview'.\n"


def read_input(path: Path) -> bytes:
    """The bytes of an import input given on the command line (a UsageError if it cannot be read)."""
    from factledger import fs

    try:
        return fs.read_file(path, fs.max_file_size())
    except fs.LimitError as exc:
        raise UsageError(str(exc)) from None
    except fs.FileProblem as exc:
        raise UsageError(f"cannot read '{path}': {exc}") from None


def import_claimreview(data: bytes, name: str | None = None, joining: Path | None = None,
                       replacing: Path | None = None, force: bool = False) -> Imported:
    """ClaimReview JSON-LD (``data``, from the file ``name`` or standard input) as ledger YAML.

    With ``joining`` (a data directory), its sources are reused and its ids not taken again; with
    ``replacing`` (the file the output will replace), that file's own entries do not count, and it is
    refused unless an earlier import wrote it or ``force``. Input that cannot be imported is a DataError.
    """
    from factledger import fs
    from factledger.importers.claimreview import ImportProblem, import_claimreview as convert
    from factledger.render.machine import to_yaml

    shown = "standard input" if name is None else f"'{name}'"
    if replacing is not None and not force and fs.kind(replacing) == "file" and not written_by_import(replacing):
        raise UsageError(f"'{replacing}' exists and was not written by 'import claimreview'; replacing it would lose "
                         "what it holds. Choose another file, or pass --force")
    try:
        text = data.decode("utf-8-sig")  # strictly: a misread name would be written into the ledger
    except UnicodeDecodeError as exc:
        raise DataError(f"cannot import {shown}: it is not UTF-8 (byte 0x{data[exc.start]:02x} at offset "
                        f"{exc.start})") from None
    existing = None
    if joining is not None:
        ledger = load(joining).ledger
        if replacing is not None:  # re-importing over a file: its own ids are not taken again
            ledger = ledger.without_file(fs.resolve(replacing))
        existing = ledger
    try:
        imported = convert(text, existing)
    except ImportProblem as exc:
        raise DataError(f"cannot import {shown}: {exc}") from None
    return Imported(None, text=import_header(name) + to_yaml(imported))
