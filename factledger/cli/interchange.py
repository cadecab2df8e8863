"""`factledger export` and `factledger import claimreview`: parse, call the use case, write, exit."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from factledger.cli import console
from factledger.cli.app import app, command, say
from factledger.cli.command import Group
from factledger.cli.options import (
    DEFAULT_DATA,
    WORD,
    DataOption,
    OutputOption,
    PropertyFilter,
    SearchFilter,
    SinceFilter,
    SourceFilter,
    StatusFilter,
    SubjectFilter,
    TagFilter,
    ToleranceOption,
    UntilFilter,
    ViaFilter,
    WindowOption,
    filters,
)
from factledger.problems.diagnostics import EXIT_USAGE


def _export_format(value: str) -> str:
    from factledger.export import registry
    from factledger.problems.errors import UsageError

    try:
        return registry.find(value).name
    except UsageError as exc:
        raise typer.BadParameter(exc.message) from None


ForceOption = Annotated[bool, typer.Option(
    "--force", metavar="", help="Write the -o file even inside the data directory.")]


def _write(output: str | None, text: str | None = None, fill: Callable[[Path], None] | None = None) -> None:
    """Write what an export or import produced to -o (or stdout); one usage error if it cannot be written."""
    from factledger.system.output import OutputError, is_stdout, write_text, write_with

    try:
        if fill is not None:
            assert output is not None  # an export that fills a file (a database) is refused on stdout first
            write_with(Path(output), fill)
        else:
            write_text(output, text or "")
    except OutputError as exc:
        console.fail(str(exc), EXIT_USAGE)
    if not is_stdout(output):
        console.note(f"wrote {output}")


def _writable(output: str | None) -> None:
    """Refuse at once an -o that can never be written (a name too long, a missing folder): before any work."""
    from factledger.system.output import OutputError, check_target, is_stdout

    if not is_stdout(output):
        assert output is not None  # None is stdout
        try:
            check_target(output)
        except OutputError as exc:
            console.fail(str(exc), EXIT_USAGE)


@command()
def export(
    fmt: Annotated[str, typer.Argument(
        metavar="FORMAT", callback=_export_format, click_type=WORD,
        help="markdown, html, json, jsonl, csv, yaml, claimreview, sqlite or datasette.")],
    data: DataOption = DEFAULT_DATA, output: OutputOption = None,
    source: SourceFilter = None, subject: SubjectFilter = None, prop: PropertyFilter = None,
    status: StatusFilter = None, tag: TagFilter = None, since: SinceFilter = None, until: UntilFilter = None,
    search: SearchFilter = None, via: ViaFilter = None,
    title: Annotated[str, typer.Option(metavar="TEXT", help="markdown, html: the document's title.")] = \
        "Fact ledger summary",
    timestamp: Annotated[bool, typer.Option(
        "--timestamp", metavar="",
        help="markdown, html: say when it was generated (off by default, so output is reproducible).")] = False,
    publisher: Annotated[str | None, typer.Option(
        metavar="NAME", help="claimreview: the organisation publishing the reviews (required).")] = None,
    publisher_url: Annotated[str | None, typer.Option(metavar="URL", help="claimreview: the publisher's URL.")] = None,
    base_url: Annotated[str | None, typer.Option(
        metavar="URL",
        help="claimreview: the page the reviews are on; each review's url is it plus #claim-id (required).")] = None,
    review_date: Annotated[str | None, typer.Option(
        "--date", metavar="DATE", help="claimreview: the reviews' datePublished.")] = None,
    database: Annotated[str, typer.Option(metavar="NAME", help="datasette: the database's name, the SQLite file's "
                                                            "name without .db.")] = "ledger",
    window: WindowOption = 0, tolerance: ToleranceOption = 0.1,
    force: ForceOption = False,
) -> None:
    """Export the ledger, or the claims the filters select, for people and other tools.

    Formats: **markdown** (a GitHub summary: tables, disputes and conflicts, sources, references, charts),
    **html** (one self-contained page for people without factledger: questions with time charts, a claims
    table filtered and sorted in the page, each claim's detail, sources, findings; opens from disk in any
    current browser with no network),
    **json** and **yaml** (the normalised ledger; json adds findings), **csv** (one row per claim),
    **claimreview** (schema.org JSON-LD, one review per claim with a verdict; needs --publisher and
    --base-url), **sqlite** (a database for sqlite3, DuckDB or Datasette, with a full-text index; needs -o),
    **jsonl** (one claim per line, sorted by id, with its findings: for DuckDB, Spark, BigQuery),
    **datasette** (metadata with canned queries for the sqlite export). The same ledger always
    gives the same bytes. A ledger that does not validate is not exported (exit 1). --window and
    --tolerance are as for 'check', for the formats that carry findings.

    Example: factledger export markdown --source NIS -o nis.md

    Example: factledger export html -o report.html
    """
    from factledger import api
    from factledger.api.options import CheckOptions
    from factledger.export import registry
    from factledger.system.output import OutputError, check_target, is_stdout, refuse_inside

    wanted = filters(source, subject, prop, status, tag, since, until, search, via)
    binary = registry.find(fmt).binary
    if binary and is_stdout(output):
        raise typer.BadParameter("a database cannot go to stdout: give -o FILE", param_hint="'--output'")
    try:
        if not is_stdout(output):
            assert output is not None  # None is stdout
            if binary:
                check_target(output, regular=True)
            refuse_inside(Path(output), data, force)
    except OutputError as exc:
        console.fail(str(exc), EXIT_USAGE)
    options = api.ExportOptions(title, timestamp, publisher, publisher_url, base_url, review_date,
                                CheckOptions(window, tolerance), database)
    exported = api.export(data, fmt, wanted, options)
    _write(output, exported.text, exported.fill)
    say(exported)
    raise typer.Exit(exported.exit_code)


import_app = typer.Typer(help="Read other formats into ledger YAML.", no_args_is_help=True, cls=Group,
                         context_settings={"help_option_names": ["-h", "--help"]}, rich_markup_mode="markdown")
app.add_typer(import_app, name="import")


@command("claimreview", group=import_app)
def import_claimreview(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar="FILE", click_type=WORD,
                                        help="ClaimReviews (JSON-LD, an HTML page, JSON Lines or "
                                             "a Fact Check Tools answer), or - for standard input.")],
    output: OutputOption = None,
    force: Annotated[bool, typer.Option(
        "--force", metavar="", help="Also merge into an -o file that no import wrote (nothing in it is changed "
                                    "or removed).")] = False,
    strict: Annotated[bool, typer.Option(
        "--strict", metavar="", help="Refuse the whole input if any review in it cannot be imported.")] = False,
    prune: Annotated[bool, typer.Option(
        "--prune", metavar="", help="Remove from the -o file what an earlier import of this feed wrote that the "
                                    "feed no longer has (never an entry a person edited, or one still "
                                    "referred to).")] = False,
    feed: Annotated[str | None, typer.Option(
        metavar="NAME", help="What the input is an import of (default: its file name without its folder; standard "
                             "input is one feed): an import of the same feed updates what it wrote before. "
                             "Needed by --prune from standard input.")] = None,
    data: DataOption = DEFAULT_DATA,
) -> None:
    """Read fact-checkers' ClaimReviews and write ledger YAML, or merge them into an -o file.

    Reads ClaimReview JSON-LD (an object, an array, an @graph or a DataFeed), an HTML page with
    JSON-LD script blocks, JSON Lines, or a Google Fact Check Tools API answer, told apart by content.
    Writes a review for each ClaimReview (reviewer, rating as published, the verdict it reads as,
    address, date, text), the claim it reviews with its claimants and appearances, and their sources.
    The ledger in the data directory is joined: its sources are reused, reviews it holds are skipped.

    Into an existing -o file the import merges, and never loses what a person wrote: what it wrote
    before and the feed has again is updated only in fields nobody edited (each edit kept is listed);
    another feed's entries and a person's are kept; nothing is removed but with --prune.

    A review that cannot be imported is listed with its place and the reason, and the others are still
    written (exit 1); --strict writes nothing then.

    Example: factledger import claimreview reviews.jsonld -o data/imported.yaml
    """
    from factledger import api
    from factledger.system import fs
    from factledger.system.output import is_stdout

    _writable(output)
    raw = _standard_input() if file == "-" else api.read_input(Path(file))
    # The data directory as every command finds it; only the default one may be missing (a first import).
    joining = data if fs.kind(data) != "missing" or _data_given(ctx, data) else None
    replacing = None if output is None or is_stdout(output) else Path(output)
    if prune and replacing is None:
        console.fail("--prune removes from the file the import is merged into: give -o FILE", EXIT_USAGE)
    imported = api.import_claimreview(raw, None if file == "-" else file, joining, replacing, force, strict,
                                      feed, prune)
    if imported.text:
        api.unchanged_since_read(imported)  # a person saved the file meanwhile: their edit is not lost
        _write(output, imported.text)
    say(imported)
    console.note(imported.summary)
    raise typer.Exit(imported.exit_code)


def _data_given(ctx: typer.Context, data: Path) -> bool:
    """Whether the data directory was chosen (an option, FACTLEDGER_DATA, the configuration), not the default."""
    source = ctx.get_parameter_source("data")
    return data != DEFAULT_DATA or getattr(source, "name", "DEFAULT") != "DEFAULT" \
        or ctx.find_root().params.get("data") is not None


def _standard_input() -> bytes:
    from factledger.system import fs

    if sys.stdin is None:
        console.fail("standard input is closed: give a FILE, or feed the JSON to '-'", EXIT_USAGE)
    limit = fs.max_file_size()
    data = fs.read_stream(sys.stdin.buffer, limit)  # never the limit allocated up front
    if data is None:
        console.fail(f"standard input is over the limit of {fs.describe_size(limit)} (set "
                     f"{fs.MAX_FILE_SIZE_VARIABLE} to read more)", EXIT_USAGE)
    return data
