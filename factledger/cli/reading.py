"""The reading commands: validate, list, show, sources, stats, timeline, codes.

Each parses its options, calls one use case (factledger.api), renders the result through the
format registry and exits with the result's code; nothing else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from factledger.cli.app import command, finish
from factledger.cli.options import (
    DEFAULT_DATA,
    WORD,
    DataOption,
    DiffOption,
    DryRunOption,
    ExitZeroOption,
    FilesArgument,
    FixOption,
    IgnoreOption,
    PropertyFilter,
    SearchFilter,
    SelectOption,
    SinceFilter,
    Sort,
    SourceFilter,
    StatusFilter,
    StrictOption,
    SubjectFilter,
    TagFilter,
    ToleranceOption,
    UnsafeFixesOption,
    UntilFilter,
    ViaFilter,
    WindowOption,
    bounded,
    completer,
    filters,
    format_option,
)

ValidateFormat = Annotated[str | None, format_option("diagnostics")]
ListFormat = Annotated[str | None, format_option("claims")]
ShowFormat = Annotated[str | None, format_option("claim")]
SourcesFormat = Annotated[str | None, format_option("sources")]
StatsFormat = Annotated[str | None, format_option("stats")]
CodesFormat = Annotated[str | None, format_option("codes")]


@command()
def validate(files: FilesArgument = None, data: DataOption = DEFAULT_DATA, fmt: ValidateFormat = None,
             strict: StrictOption = False, select: SelectOption = None, ignore: IgnoreOption = None,
             exit_zero: ExitZeroOption = False, fix: FixOption = False, unsafe_fixes: UnsafeFixesOption = False,
             dry_run: DryRunOption = False, diff: DiffOption = False) -> None:
    """Check the whole ledger and report every problem, located by file:line:column.

    Exit 0 when the ledger is valid, 1 when it has errors (or warnings, with --strict).
    GitHub annotations are the default format under GitHub Actions. Given FILEs (as pre-commit
    passes them), their problems are reported, and any problem elsewhere that fails the ledger (a
    renamed source breaks the files that cite it); the whole ledger is still read. The project's factledger.toml or
    [tool.factledger] in pyproject.toml may select, ignore and re-grade codes ('factledger config').

    Example: factledger validate --data data/ --format json
    """
    from factledger import api
    from factledger.cli import settings

    if fix or unsafe_fixes:
        from factledger.cli.editing import apply_fixes

        apply_fixes(data, [Path(f) for f in files or ()], unsafe_fixes, dry_run or diff, fmt, exit_zero)
    finish(api.validate(data, strict, settings.policy(data, select, ignore),
                        [Path(f) for f in files] if files else None),
           "diagnostics", fmt, exit_zero)


@command("list")
def list_claims(
    data: DataOption = DEFAULT_DATA, source: SourceFilter = None, subject: SubjectFilter = None,
    prop: PropertyFilter = None, status: StatusFilter = None, tag: TagFilter = None, since: SinceFilter = None,
    until: UntilFilter = None, search: SearchFilter = None, via: ViaFilter = None,
    sort: Annotated[Sort, typer.Option(metavar="KEY", case_sensitive=False,
                                       help="Order by date (undated last), id, or file order.")] = Sort.date,
    limit: Annotated[int | None, typer.Option(callback=bounded(0, 10**18, "a count (0 or more)"),
                                                 help="Show at most N claims.", metavar="N")] = None,
    fmt: ListFormat = None,
) -> None:
    """List claims, filtered. All filters combine.

    Exit 0, or 1 when the ledger has errors (what loaded is still listed; a note goes to stderr).

    Example: factledger list --source NIS --since 2024-10
    """
    from factledger import api

    wanted = filters(source, subject, prop, status, tag, since, until, search, via)
    finish(api.list_claims(data, wanted, sort.value, limit), "claims", fmt)


@command()
def show(
    claim_id: Annotated[str, typer.Argument(help="The claim's id.", metavar="CLAIM_ID", click_type=WORD,
                                            autocompletion=completer("claims"))],
    data: DataOption = DEFAULT_DATA, fmt: ShowFormat = None,
    window: WindowOption = 0, tolerance: ToleranceOption = 0.1,
) -> None:
    """Show one claim in full: its citations, relations and cross-check findings.

    Value, dates, every citation (source, reliability, quote, document), relations both ways,
    and what cross-checking finds about it: conflicts, corroboration, supersession, and how
    many independent origins it has.

    Example: factledger show nis-troops-dispatched
    """
    from factledger import api
    from factledger.api.options import CheckOptions

    finish(api.show_claim(data, claim_id, CheckOptions(window, tolerance)), "claim", fmt)


@command()
def sources(data: DataOption = DEFAULT_DATA, fmt: SourcesFormat = None) -> None:
    """List the sources with kind, country, reliability, part_of, and how many claims cite each.

    Example: factledger sources --format json
    """
    from factledger import api

    finish(api.list_sources(data), "sources", fmt)


@command()
def stats(
    data: DataOption = DEFAULT_DATA, source: SourceFilter = None, subject: SubjectFilter = None,
    prop: PropertyFilter = None, status: StatusFilter = None, tag: TagFilter = None, since: SinceFilter = None,
    until: UntilFilter = None, search: SearchFilter = None, via: ViaFilter = None, fmt: StatsFormat = None,
) -> None:
    """Count claims by source, status, subject, tag and month.

    Example: factledger stats --format json
    """
    from factledger import api

    finish(api.statistics(data, filters(source, subject, prop, status, tag, since, until, search, via)), "stats", fmt)


@command()
def timeline(
    data: DataOption = DEFAULT_DATA, subject: SubjectFilter = None, prop: PropertyFilter = None,
    source: SourceFilter = None, status: StatusFilter = None, tag: TagFilter = None, since: SinceFilter = None,
    until: UntilFilter = None, search: SearchFilter = None, via: ViaFilter = None,
) -> None:
    """Claims in date order; for each numeric question with two or more dated values, a chart per source.

    Example: factledger timeline --subject north-korea --property troops-dispatched-to-russia
    """
    from factledger import api

    finish(api.timeline(data, filters(source, subject, prop, status, tag, since, until, search, via)), "timeline", None)


@command()
def codes(
    code: Annotated[str | None, typer.Argument(metavar="[CODE]", click_type=WORD,
                                               help="One code (FL103) or slug (unknown-field).")] = None,
    fmt: CodesFormat = None,
) -> None:
    """Explain the diagnostic codes: what each checks, why it matters, how to fix it.

    Example: factledger codes FL303
    """
    from factledger import api

    finish(api.codes(code), "codes", fmt)


