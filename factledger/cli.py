"""The command line: parse arguments, call the core, render, exit. No ledger logic lives here.

Exit codes (every command): 0 success, 1 the data has errors (or findings, where a
command says so), 2 usage error or a data directory that does not exist.
"""

from __future__ import annotations

import datetime
import enum
import json
import math
import os
import sys
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer
from rich.console import Console, RenderableType

from factledger import __version__
from factledger.codes import CATALOGUE
from factledger.diagnostics import EXIT_DATA, EXIT_OK, EXIT_USAGE, exit_code
from factledger.model import Claim, DateError, PartialDate
from factledger.vocabulary import STATUSES
from factledger.pipeline import DataDirError, LoadResult, check_ledger, load_ledger
from factledger.query import (
    ClaimFilter, SortKey, incoming_relations, is_cited, known_questions, select, select_findings, sort_claims, source_claim_counts,
)
from factledger.render import DetailFormat, ListFormat, ReportFormat, TableFormat, github, machine
from factledger.render import lines, reports
from factledger.render import human
from factledger.render.lines import Lines
from factledger.export.claimreview import claimreviews
from factledger.export.markdown import markdown
from factledger.export.summary import summarise
from factledger.export.normalised import normalised
from factledger.export.sqlite import fill_database
from factledger import fs
from factledger.output import Interrupted, OutputError, check_target, is_stdout, refuse_inside, write_text, write_with
from factledger.check.findings import QUIET_KINDS
from factledger.importers.claimreview import ImportProblem, import_claimreview
from factledger.render.listing import check_json, claims_csv, diagnostics_json
from factledger.check.options import MAX_WINDOW, CheckOptions
from factledger.suggest import did_you_mean
from factledger.urls import web_url
from factledger.stats import statistics
from factledger.timeline import numeric_series
from factledger.serialize import claim_data, claim_detail_data, source_data

app = typer.Typer(
    name="factledger",
    help=(
        "A ledger of sourced assertions: who claimed what, when, on what evidence.\n\n"
        "The ledger is every YAML file under the data directory: ./data, or --data DIR after the "
        "command, or $FACTLEDGER_DATA.\n\n"
        "Examples:\n\n"
        "- `factledger validate`: check every file, report every problem\n"
        "- `factledger list --source NIS`: what NIS (and its offices) claimed\n"
        "- `factledger show nis-troops-dispatched`: one claim in full\n"
        "- `factledger check`: where sources agree, contradict, update each other\n"
        "- `factledger COMMAND --help`: each command's options"
    ),
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode="markdown",
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _console(stderr: bool = False) -> Console:
    # markup/emoji/highlight off: ledger text is never interpreted, only shown (see render.human.safe_text).
    return Console(stderr=stderr, markup=False, emoji=False, highlight=False, soft_wrap=False)


def _emit(output: str | Lines | RenderableType) -> None:
    if isinstance(output, str):
        sys.stdout.write(output)
    elif isinstance(output, Lines):
        lines.write(output, _console(), sys.stdout)
    else:
        _console().print(output)
    sys.stdout.flush()


def _fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    _console(stderr=True).print(human.safe_text(f"error: {message}", "bold red"), soft_wrap=True)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"factledger {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True, metavar="",
                                          help="Show the version and exit.")] = False,
) -> None:
    """Top-level options."""
    if ctx.invoked_subcommand is None:
        # Bare 'factledger' asks what it can do: the help, on stdout, successfully.
        sys.stdout.write(ctx.get_help() + "\n")
        raise typer.Exit(EXIT_OK)


DataOption = Annotated[
    Path,
    typer.Option("--data", "-d", envvar="FACTLEDGER_DATA", show_default=False, metavar="DIR",
                 help="The ledger's data directory (default: $FACTLEDGER_DATA, else ./data)."),
]


def _load(data: Path) -> LoadResult:
    try:
        return load_ledger(data)
    except DataDirError as exc:
        came_from = " (from FACTLEDGER_DATA)" if os.environ.get("FACTLEDGER_DATA") == str(data) else ""
        _fail(f"{exc}{came_from}; pass --data DIR or set FACTLEDGER_DATA")


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise typer.BadParameter(f"{value} is not a number from 0 to 1")
    return value


def _date_option(value: Optional[str], option: str) -> Optional[PartialDate]:
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except DateError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


_IMPORT_HEADER = "# Imported from "


def _written_by_import(path: Path) -> bool:
    try:
        first = fs.read_file(path, fs.max_file_size()).split(b"\n", 1)[0].decode("utf-8", errors="replace")
    except (fs.FileProblem, fs.LimitError):
        return False
    return first.startswith(_IMPORT_HEADER) and first.endswith("by 'factledger import claimreview'.")


def _load_without(data: Path, skipped: Path) -> LoadResult:
    """The ledger under ``data`` as if ``skipped`` were not there (the file an import will replace)."""
    result = load_ledger(data)
    target = skipped.resolve()
    ledger = result.ledger
    ledger.sources = [s for s in ledger.sources if Path(s.location.file).resolve() != target]
    ledger.documents = [d for d in ledger.documents if Path(d.location.file).resolve() != target]
    ledger.claims = [c for c in ledger.claims if Path(c.location.file).resolve() != target]
    ledger.__post_init__()  # the indexes are rebuilt on next use
    return result


def _check_source_ids(result: LoadResult, wanted: list[str]) -> None:
    """An id no claim cites and no entry defines is a typo: a usage error with a suggestion.

    On a ledger with errors the source may be in a file that could not be read, so that is
    only a warning there, and the filter still runs (it matches what citations say).
    """
    for source_id in wanted:
        if result.ledger.source(source_id) is not None or is_cited(result.ledger, source_id):
            continue
        hint = did_you_mean(source_id, result.ledger.source_ids(), True)
        if result.errors:
            _warn(f"no source '{source_id}' in what loaded{hint}; the ledger has errors, so it may be in a file "
                  "that could not be read")
        else:
            _fail(f"no source '{source_id}' in the ledger{hint}; 'factledger sources' lists them")


def _warn(message: str) -> None:
    _console(stderr=True).print(human.safe_text(f"warning: {message}", "yellow"), soft_wrap=True)


def _report_problems_on_stderr(result: LoadResult) -> None:
    if result.errors:
        n = len(result.errors)
        _warn(f"the ledger has {n} error{'s' if n != 1 else ''}; what loaded is shown. "
              f"Run 'factledger validate --data {result.data_dir}' for details.")


@app.command()
def validate(
    data: DataOption = Path("data"),
    fmt: Annotated[Optional[ReportFormat], typer.Option(
        "--format", "-f", help="text (default), json, or github (annotations; the default under GitHub Actions).",
        show_default=False, metavar="FORMAT")] = None,
    strict: Annotated[bool, typer.Option("--strict", metavar="", help="Fail on warnings too.")] = False,
) -> None:
    """Check the whole ledger and report every problem, located by file:line:column.

    Exit 0 when the ledger is valid, 1 when it has errors (or warnings, with --strict).

    Example: factledger validate --data data/ --format json
    """
    result = _load(data)
    if fmt is None:
        fmt = ReportFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else ReportFormat.text
    code = exit_code(result.diagnostics, strict)
    if fmt is ReportFormat.json:
        _emit(diagnostics_json(result, ok=code == EXIT_OK))
    elif fmt is ReportFormat.github:
        _emit(github.annotations(result.diagnostics))
        summary = Lines([human.summary_line(result.diagnostics, result.counts, code != EXIT_OK)])
        lines.write(summary, _console(stderr=True), sys.stderr)
    else:
        _emit(human.diagnostics_report(result.diagnostics, result.counts, code != EXIT_OK))
    raise typer.Exit(code)


# The claim filters, shared by list, export, stats and timeline.
SourceFilter = Annotated[Optional[list[str]], typer.Option(
    "--source", "-s", metavar="ID",
    help="Claims citing this source, or any source part_of it (repeatable; case-insensitive).")]
SubjectFilter = Annotated[Optional[str], typer.Option(metavar="SLUG", help="Only claims about this subject.")]
PropertyFilter = Annotated[Optional[str], typer.Option("--property", metavar="SLUG", help="Only claims on this property.")]
StatusFilter = Annotated[Optional[list[str]], typer.Option(
    "--status", metavar="STATUS", help=f"Only claims with this status (repeatable): {', '.join(STATUSES)}.")]
TagFilter = Annotated[Optional[list[str]], typer.Option(
    "--tag", "-t", metavar="TAG", help="Only claims with this tag (repeatable: all must match).")]
SinceFilter = Annotated[Optional[str], typer.Option(
    metavar="DATE", help="Only claims dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")]
UntilFilter = Annotated[Optional[str], typer.Option(metavar="DATE", help="Only claims dated on or before DATE.")]
SearchFilter = Annotated[Optional[str], typer.Option(
    metavar="TEXT", help="Only claims whose statement or quotes contain TEXT (case-insensitive).")]


def _criteria(source: Optional[list[str]], subject: Optional[str], property: Optional[str],
              status: Optional[list[str]], tag: Optional[list[str]], since: Optional[str], until: Optional[str],
              search: Optional[str]) -> ClaimFilter:
    """The filter options as a ClaimFilter; bad values are usage errors naming their option."""
    statuses = [s.lower() for s in status or []]
    for s in statuses:
        if s not in STATUSES:
            raise typer.BadParameter(f"'{s}' is not one of {', '.join(STATUSES)}{did_you_mean(s, STATUSES)}",
                                     param_hint="'--status'")
    start, end = _date_option(since, "'--since'"), _date_option(until, "'--until'")
    if start is not None and end is not None and start.first() > end.last():
        raise typer.BadParameter(f"--since {since} is after --until {until}: no date can be in both",
                                 param_hint="'--since'/'--until'")
    return ClaimFilter(sources=source or [], subject=subject, property=property, statuses=statuses, tags=tag or [],
                       since=start, until=end, search=search)


def _selected(result: LoadResult, criteria: ClaimFilter) -> list[Claim]:
    _check_source_ids(result, criteria.sources)
    _check_question_names(result, criteria.subject, criteria.property)
    return select(result.ledger, criteria)


def _check_question_names(result: LoadResult, subject: Optional[str], prop: Optional[str]) -> None:
    """A subject or property no claim names is probably a typo: say so (the result is just empty)."""
    subjects, properties = known_questions(result.ledger)
    for option, value, known in (("--subject", subject, subjects), ("--property", prop, properties)):
        if value is not None and value not in known:
            _warn(f"no claim has {option[2:]} '{value}'{did_you_mean(value, known)}")


@app.command("list")
def list_claims(
    data: DataOption = Path("data"),
    source: SourceFilter = None,
    subject: SubjectFilter = None,
    property: PropertyFilter = None,
    status: StatusFilter = None,
    tag: TagFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    search: SearchFilter = None,
    sort: Annotated[SortKey, typer.Option(metavar="KEY", help="Order by date (undated last), id, or file order.")] = SortKey.date,
    limit: Annotated[Optional[int], typer.Option(min=0, help="Show at most N claims.", metavar="N")] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", metavar="FORMAT",
                                            help="table, or json/csv/yaml with every field plus file and line.")] = ListFormat.table,
) -> None:
    """List claims, filtered. All filters combine.

    Exit 0, or 1 when the ledger has errors (what loaded is still listed; a note goes to stderr).

    Example: factledger list --source NIS --since 2024-10
    """
    criteria = _criteria(source, subject, property, status, tag, since, until, search)
    result = _load(data)
    claims = sort_claims(_selected(result, criteria), sort)
    if limit is not None:
        claims = claims[:limit]
    if fmt is ListFormat.table:
        _emit(human.claims_table(claims))
    elif fmt is ListFormat.json:
        _emit(machine.to_json([claim_data(c) for c in claims]))
    elif fmt is ListFormat.yaml:
        _emit(machine.to_yaml([claim_data(c) for c in claims]) if claims else "[]\n")
    else:
        _emit(claims_csv(claims))
    _report_problems_on_stderr(result)
    raise typer.Exit(EXIT_DATA if result.errors else EXIT_OK)


@app.command()
def show(
    claim_id: Annotated[str, typer.Argument(help="The claim's id.", metavar="CLAIM_ID")],
    data: DataOption = Path("data"),
    fmt: Annotated[DetailFormat, typer.Option("--format", "-f", metavar="FORMAT", help="text or json.")] = DetailFormat.text,
    window: Annotated[int, typer.Option(min=0, max=MAX_WINDOW, metavar="DAYS", help="As for 'check'.")] = 0,
    tolerance: Annotated[float, typer.Option(min=0.0, max=1.0, metavar="FRACTION", callback=_finite,
                                             help="As for 'check'.")] = 0.1,
) -> None:
    """Show one claim in full: its citations, relations and cross-check findings.

    Value, dates, every citation (source, reliability, quote, document), relations both ways,
    and what cross-checking finds about it: conflicts, corroboration, supersession, and how
    many independent origins it has.

    Example: factledger show nis-troops-dispatched
    """
    result = _load(data)
    ledger = result.ledger
    claim = ledger.claim(claim_id)
    if claim is None:
        hint = did_you_mean(claim_id, ledger.claim_ids(), True)
        if result.errors:  # the claim may be in a file that could not be read: the data is at fault
            _report_problems_on_stderr(result)
            _fail(f"no claim '{claim_id}' in what loaded{hint}", EXIT_DATA)
        _fail(f"no claim '{claim_id}' in the ledger{hint}; 'factledger list' shows the ids")
    incoming = incoming_relations(ledger, claim.id)
    # Cross-checking needs a valid ledger; an invalid one still shows the claim itself.
    checked = None if result.errors else check_ledger(ledger, CheckOptions(window=window, tolerance=tolerance))
    if fmt is DetailFormat.json:
        _emit(machine.to_json(claim_detail_data(claim, ledger, incoming, checked)))
    else:
        _emit(human.claim_detail(claim, ledger, incoming, checked))
    _report_problems_on_stderr(result)
    raise typer.Exit(EXIT_DATA if result.errors else EXIT_OK)


@app.command()
def sources(
    data: DataOption = Path("data"),
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", metavar="FORMAT", help="table or json.")] = TableFormat.table,
) -> None:
    """List the sources with kind, country, reliability, part_of, and how many claims cite each.

    Example: factledger sources --format json
    """
    result = _load(data)
    rows = source_claim_counts(result.ledger)
    if fmt is TableFormat.json:
        _emit(machine.to_json([source_data(s, count) for s, count in rows]))
    else:
        _emit(human.sources_table(rows))
    _report_problems_on_stderr(result)
    raise typer.Exit(EXIT_DATA if result.errors else EXIT_OK)


@app.command()
def check(
    data: DataOption = Path("data"),
    window: Annotated[int, typer.Option(min=0, max=MAX_WINDOW, metavar="DAYS",
                                        help="Widen each claim's time by DAYS on both sides when deciding what is contemporaneous.")] = 0,
    tolerance: Annotated[float, typer.Option(min=0.0, max=1.0, metavar="FRACTION", callback=_finite,
                                             help="How far 'approx' reaches either side, as a fraction (0.1 = ±10%).")] = 0.1,
    show_all: Annotated[bool, typer.Option("--all", metavar="", help="Also list uncorroborated and corroborated claims.")] = False,
    fmt: Annotated[DetailFormat, typer.Option("--format", "-f", metavar="FORMAT", help="text or json.")] = DetailFormat.text,
    strict: Annotated[bool, typer.Option("--strict", metavar="", help="Fail on warning findings too.")] = False,
    subject: Annotated[Optional[str], typer.Option(metavar="SLUG", help="Only show findings about this subject.")] = None,
    property: Annotated[Optional[str], typer.Option("--property", metavar="SLUG",
                                                    help="Only show findings about this property.")] = None,
    source: Annotated[Optional[list[str]], typer.Option(
        "--source", "-s", metavar="ID", help="Only show findings involving this source or its members (repeatable).")] = None,
) -> None:
    """Cross-check the ledger: conflicts, known disputes, supersessions, corroboration, circular reporting.

    Claims with the same subject and property answer the same question and are compared
    when their times overlap. Filters choose which findings are shown, not what is compared.
    Exit 0 when no shown finding is an error (or a warning, with --strict); 1 otherwise,
    or when the ledger does not validate.

    Example: factledger check --subject north-korea --all
    """
    result = _load(data)
    if result.errors:
        if fmt is DetailFormat.json:
            _emit(check_json(None, [], result, False))
        else:
            _emit(human.diagnostics_report(result.diagnostics, result.counts, failing=True))
            _console(stderr=True).print(human.safe_text("error: the ledger does not validate, so it was not cross-checked",
                                                "bold red"))
        raise typer.Exit(EXIT_DATA)
    _check_source_ids(result, source or [])
    _check_question_names(result, subject, property)
    if result.warnings:  # they often explain a finding (a number written as text, an empty file)
        n = len(result.warnings)
        _warn(f"the ledger has {n} validation warning{'s' if n != 1 else ''} ('factledger validate' lists them)")
    checked = check_ledger(result.ledger, CheckOptions(window=window, tolerance=tolerance))
    about = select_findings(result.ledger, checked.findings, subject, property, source or [])
    shown = about if show_all else [f for f in about if f.kind not in QUIET_KINDS]
    code = max(exit_code(about, strict), exit_code(result.diagnostics, strict))
    if fmt is DetailFormat.json:
        _emit(check_json(checked, shown, result, code == EXIT_OK, checked.counts(about)))
    else:
        _emit(human.findings_report(shown, checked.counts(about), show_all, code != EXIT_OK))
    raise typer.Exit(code)


@app.command()
def codes(
    code: Annotated[Optional[str], typer.Argument(metavar="[CODE]", help="One code (FL103) or slug (unknown-field).")] = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", metavar="FORMAT", help="table or json.")] = TableFormat.table,
) -> None:
    """Explain the diagnostic codes: what each checks, why it matters, how to fix it.

    Example: factledger codes FL303
    """
    from factledger.codes import BY_SLUG

    chosen = list(CATALOGUE.values())
    if code is not None:
        found = CATALOGUE.get(code.upper()) or BY_SLUG.get(code.lower())
        if found is None:
            _fail(f"no code '{code}'{did_you_mean(code.upper(), CATALOGUE)}; 'factledger codes' lists them")
        chosen = [found]
    if fmt is TableFormat.json:
        _emit(machine.to_json([{"code": c.code, "slug": c.slug, "severity": c.severity.value, "title": c.title,
                                "why": c.why, "fix": c.fix} for c in chosen]))
    else:
        _emit(human.codes_table(chosen))
    raise typer.Exit(EXIT_OK)


class ExportFormat(str, enum.Enum):
    markdown = "markdown"
    json = "json"
    csv = "csv"
    yaml = "yaml"
    claimreview = "claimreview"
    sqlite = "sqlite"


def _filters_text(criteria: ClaimFilter) -> str:
    """The filters as a reader would say them, for the summary's header."""
    parts = [f"source {', '.join(criteria.sources)}" if criteria.sources else "",
             f"subject {criteria.subject}" if criteria.subject else "",
             f"property {criteria.property}" if criteria.property else "",
             f"status {', '.join(criteria.statuses)}" if criteria.statuses else "",
             f"tags {', '.join(criteria.tags)}" if criteria.tags else "",
             f"since {criteria.since}" if criteria.since else "", f"until {criteria.until}" if criteria.until else "",
             f"claims mentioning '{criteria.search}'" if criteria.search else ""]
    return "; ".join(p for p in parts if p)


def _valid(result: LoadResult, purpose: str) -> None:
    """Refuse to publish from a ledger with errors: print them on stderr and exit 1."""
    if result.errors:
        failing = human.diagnostics_report(result.diagnostics, result.counts, failing=True)
        lines.write(failing, _console(stderr=True), sys.stderr)
        _fail(f"the ledger does not validate, so it was not {purpose}", EXIT_DATA)


def _output(text: str, output: Optional[Path]) -> None:
    if is_stdout(output):
        _emit(text)
        return
    try:
        write_text(output, text)
    except OutputError as exc:
        _fail(str(exc))
    _console(stderr=True).print(human.safe_text(f"wrote {output}", "dim"), soft_wrap=True)


def _refuse_inside(output: Optional[Path], data: Path, force: bool) -> None:
    try:
        if output is not None:
            refuse_inside(output, data, force)
    except OutputError as exc:
        _fail(str(exc))


OutputOption = Annotated[Optional[Path], typer.Option(
    "--output", "-o", metavar="FILE", dir_okay=False,
    help="Write to FILE (replaced atomically) instead of stdout; - is stdout.")]
ForceOption = Annotated[bool, typer.Option(
    "--force", metavar="", help="Write the -o file even inside the data directory.")]


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Argument(metavar="FORMAT", help="markdown, json, csv, yaml, claimreview or sqlite.")],
    data: DataOption = Path("data"),
    output: OutputOption = None,
    source: SourceFilter = None,
    subject: SubjectFilter = None,
    property: PropertyFilter = None,
    status: StatusFilter = None,
    tag: TagFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    search: SearchFilter = None,
    title: Annotated[str, typer.Option(metavar="TEXT", help="markdown: the document's title.")] = "Fact ledger summary",
    timestamp: Annotated[bool, typer.Option("--timestamp", metavar="",
                                            help="markdown: say when it was generated (off by default, so output is reproducible).")] = False,
    publisher: Annotated[Optional[str], typer.Option(metavar="NAME", help="claimreview: the organisation publishing the reviews (required).")] = None,
    publisher_url: Annotated[Optional[str], typer.Option(metavar="URL", help="claimreview: the publisher's URL.")] = None,
    base_url: Annotated[Optional[str], typer.Option(metavar="URL", help="claimreview: the page the reviews are on; each review's url is it plus #claim-id (required).")] = None,
    review_date: Annotated[Optional[str], typer.Option("--date", metavar="DATE", help="claimreview: the reviews' datePublished.")] = None,
    force: ForceOption = False,
) -> None:
    """Export the ledger, or the claims the filters select, for people and other tools.

    Formats: **markdown** (a GitHub summary: tables, disputes and conflicts, sources, references, charts),
    **json** and **yaml** (the normalised ledger; json adds findings), **csv** (one row per claim),
    **claimreview** (schema.org JSON-LD, one review per claim with a verdict; needs --publisher and
    --base-url), **sqlite** (a database for sqlite3 or Datasette; needs -o). The same ledger always
    gives the same bytes. A ledger that does not validate is not exported (exit 1).

    Example: factledger export markdown --source NIS -o nis.md
    """
    criteria = _criteria(source, subject, property, status, tag, since, until, search)
    if fmt is ExportFormat.sqlite:
        if is_stdout(output):
            raise typer.BadParameter("a database cannot go to stdout: give -o FILE", param_hint="'--output'")
        try:
            check_target(output, regular=True)  # type: ignore[arg-type]
        except OutputError as exc:
            raise typer.BadParameter(str(exc), param_hint="'--output'") from None
    if fmt is ExportFormat.claimreview:
        if not publisher or not publisher.strip():
            raise typer.BadParameter("ClaimReview names who reviewed the claims: give --publisher NAME",
                                     param_hint="'--publisher'")
        if not base_url:
            raise typer.BadParameter("ClaimReview requires each review's url: give --base-url URL (the page the "
                                     "reviews are published on)", param_hint="'--base-url'")
        if not web_url(base_url) or "#" in base_url:
            raise typer.BadParameter("must be an http(s) address without a #fragment (each review's url is it "
                                     "plus #claim-id)", param_hint="'--base-url'")
        if publisher_url is not None and not web_url(publisher_url):
            raise typer.BadParameter("must be an http(s) address", param_hint="'--publisher-url'")
        if review_date is not None:
            _date_option(review_date, "'--date'")
    _refuse_inside(output, data, force)
    result = _load(data)
    claims = _selected(result, criteria)
    _valid(result, "exported")
    ledger = result.ledger
    # Only the formats that carry findings pay for the cross-check.
    checked = check_ledger(ledger) if fmt in (ExportFormat.markdown, ExportFormat.json, ExportFormat.sqlite) else None
    if fmt is ExportFormat.markdown:
        generated = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC") if timestamp else ""
        _output(markdown(summarise(ledger, claims, checked, title, _filters_text(criteria), generated)), output)
    elif fmt is ExportFormat.json:
        _output(machine.to_json(normalised(ledger, claims, checked)), output)
    elif fmt is ExportFormat.yaml:
        _output(machine.to_yaml(normalised(ledger, claims)), output)
    elif fmt is ExportFormat.csv:
        _output(claims_csv(sorted(claims, key=lambda c: c.id), relative_to=Path(data).as_posix()), output)
    elif fmt is ExportFormat.claimreview:
        reviews = claimreviews(ledger, claims, publisher, publisher_url, base_url, review_date)  # type: ignore[arg-type]
        if not reviews:
            _warn("no claim has a verdict (a status other than 'reported'), so there is nothing to review")
        _output(machine.to_json(reviews, html_safe=True), output)
    else:
        assert output is not None
        try:
            write_with(output, lambda path: fill_database(ledger, sorted(claims, key=lambda c: c.id), checked, path))
        except OutputError as exc:
            _fail(str(exc))
        _console(stderr=True).print(human.safe_text(f"wrote {output}", "dim"), soft_wrap=True)
    raise typer.Exit(EXIT_OK)


@app.command()
def stats(
    data: DataOption = Path("data"),
    source: SourceFilter = None,
    subject: SubjectFilter = None,
    property: PropertyFilter = None,
    status: StatusFilter = None,
    tag: TagFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    search: SearchFilter = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", metavar="FORMAT", help="table or json.")] = TableFormat.table,
) -> None:
    """Count claims by source, status, subject, tag and month.

    Example: factledger stats --format json
    """
    criteria = _criteria(source, subject, property, status, tag, since, until, search)
    result = _load(data)
    claims = _selected(result, criteria)
    counts = statistics(claims, result.ledger)
    if fmt is TableFormat.json:
        _emit(machine.to_json({"claims": len(claims), **counts}))
    else:
        _emit(reports.stats_tables(counts, len(claims)))
    _report_problems_on_stderr(result)
    raise typer.Exit(EXIT_DATA if result.errors else EXIT_OK)


@app.command()
def timeline(
    data: DataOption = Path("data"),
    subject: SubjectFilter = None,
    property: PropertyFilter = None,
    source: SourceFilter = None,
    status: StatusFilter = None,
    tag: TagFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    search: SearchFilter = None,
) -> None:
    """Claims in date order; for each numeric question with two or more dated values, a chart per source.

    Example: factledger timeline --subject north-korea --property troops-dispatched-to-russia
    """
    criteria = _criteria(source, subject, property, status, tag, since, until, search)
    result = _load(data)
    claims = sort_claims(_selected(result, criteria), SortKey.date)
    _emit(reports.timeline(claims, numeric_series(claims, result.ledger)))
    _report_problems_on_stderr(result)
    raise typer.Exit(EXIT_DATA if result.errors else EXIT_OK)


import_app = typer.Typer(help="Read other formats into ledger YAML.", no_args_is_help=True,
                         context_settings={"help_option_names": ["-h", "--help"]}, rich_markup_mode="markdown")
app.add_typer(import_app, name="import")


@import_app.command("claimreview")
def import_claimreview_command(
    file: Annotated[str, typer.Argument(metavar="FILE", help="ClaimReview JSON-LD, or - for standard input.")],
    output: OutputOption = None,
    force: Annotated[bool, typer.Option("--force", metavar="", help="Replace an -o file that was not written by an import.")] = False,
    data: Annotated[Optional[Path], typer.Option(
        "--data", "-d", envvar="FACTLEDGER_DATA", show_default=False, metavar="DIR",
        help="The ledger the output will join (default: $FACTLEDGER_DATA, else ./data if it exists): its sources "
             "are reused and its ids not taken again.")] = None,
) -> None:
    """Read schema.org ClaimReview JSON-LD and write ledger YAML.

    Accepts one ClaimReview, an array, or an @graph; itemReviewed as a Claim or the older CreativeWork.
    Writes sources for the claim authors and the reviewing organisation, and one claim per review
    with its status mapped from the rating and a citation carrying the review's URL.

    Sources already in the ledger (--data, default ./data) are reused, matched by id or name,
    and its claim ids are not taken again, so the output can be saved beside it.

    Example: factledger import claimreview reviews.jsonld -o data/imported.yaml
    """
    name = "standard input" if file == "-" else f"'{file}'"
    try:
        replacing_file = not is_stdout(output) and fs.kind(output) == "file"  # type: ignore[arg-type]
    except fs.FileProblem as exc:
        _fail(f"cannot write '{output}': {exc}")
    if replacing_file and not force and not _written_by_import(output):  # type: ignore[arg-type]
        _fail(f"'{output}' exists and was not written by 'import claimreview'; replacing it would lose what it "
              "holds. Choose another file, or pass --force")
    try:
        limit = fs.max_file_size()
        raw = _read_standard_input(limit) if file == "-" else fs.read_file(Path(file), limit)
    except fs.LimitError as exc:
        _fail(str(exc))
    except fs.FileProblem as exc:
        _fail(f"cannot read {name}: {exc}")
    try:
        text = raw.decode("utf-8-sig")  # strictly: a misread name would be written into the ledger
    except UnicodeDecodeError as exc:
        _fail(f"cannot import {name}: it is not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})", EXIT_DATA)
    joining = data if data is not None else (Path("data") if fs.kind(Path("data")) == "folder" else None)
    existing = None
    if joining is not None:
        joined = _load(joining)
        if replacing_file:  # re-importing over a file: its own ids are not taken
            joined = _load_without(joining, output)  # type: ignore[arg-type]
        existing = joined.ledger
    try:
        imported = import_claimreview(text, existing)
    except ImportProblem as exc:
        _fail(f"cannot import {name}: {exc}", EXIT_DATA)
    _output(import_header(file) + machine.to_yaml(imported), output)
    raise typer.Exit(EXIT_OK)


def import_header(file: str) -> str:
    """The first line of an imported file. The name is written as an ASCII JSON string, so that no
    character in it (a newline, U+2028, which YAML 1.1 readers also end a line at) can end the
    comment and put what follows into the ledger."""
    shown = "standard input" if file == "-" else json.dumps(Path(file).name, ensure_ascii=True)
    return f"{_IMPORT_HEADER}{shown} by 'factledger import claimreview'.\n"


def _read_standard_input(limit: int) -> bytes:
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise fs.FileProblem(f"it is over the limit of {fs.describe_size(limit)} (set {fs.MAX_FILE_SIZE_VARIABLE} "
                             "to read more)", too_large=True)
    return data


def main() -> None:
    """Console-script entry point.

    Whatever the terminal or pipe can take: characters its encoding lacks are written as escapes
    rather than ending the run, and a reader that stops early (``| head``) ends it quietly.
    """
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        app()
    except BrokenPipeError:
        # The reader went away: stop without a traceback, and without Python's own complaint at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_DATA)
    except (KeyboardInterrupt, Interrupted):
        sys.stderr.write("\ninterrupted; nothing was left half-written\n")
        sys.exit(130)
