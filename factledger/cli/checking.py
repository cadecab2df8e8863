"""`factledger check`: parse, call the cross-check use case, render, exit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from factledger.cli.app import command, finish
from factledger.cli.options import (
    DEFAULT_DATA,
    DataOption,
    ExitZeroOption,
    FilesArgument,
    IgnoreOption,
    PropertyFilter,
    SearchFilter,
    SelectOption,
    SinceFilter,
    SourceFilter,
    StatusFilter,
    SubjectFilter,
    TagFilter,
    ToleranceOption,
    UntilFilter,
    ViaFilter,
    WindowOption,
    completer,
    filters,
    format_option,
)

CheckFormat = Annotated[str | None, format_option("findings")]


@command()
def check(
    files: FilesArgument = None,
    data: DataOption = DEFAULT_DATA, window: WindowOption = 0, tolerance: ToleranceOption = 0.1,
    show_all: Annotated[bool, typer.Option("--all", metavar="",
                                           help="Also list uncorroborated and corroborated claims.")] = False,
    fmt: CheckFormat = None,
    strict: Annotated[bool, typer.Option("--strict", metavar="", help="Fail on warning findings too.")] = False,
    subject: Annotated[list[str] | None, typer.Option(
        metavar="SLUG", autocompletion=completer("subjects"),
        help="Only show findings about this subject (repeatable: any).")] = None,
    prop: Annotated[list[str] | None, typer.Option(
        "--property", metavar="SLUG", autocompletion=completer("properties"),
        help="Only show findings about this property (repeatable: any).")] = None,
    source: Annotated[list[str] | None, typer.Option(
        "--source", "-s", metavar="ID", autocompletion=completer("sources"),
        help="Only show findings involving this source (an originator) or its members (repeatable).")] = None,
    via: Annotated[list[str] | None, typer.Option(
        "--via", metavar="ID", autocompletion=completer("sources"),
        help="Only show findings about claims this source relayed, or its members (repeatable).")] = None,
    select: SelectOption = None, ignore: IgnoreOption = None, exit_zero: ExitZeroOption = False,
) -> None:
    """Cross-check the ledger: conflicts, known disputes, supersessions, corroboration, circular reporting.

    Claims with the same subject, property and qualifiers answer the same question and are
    compared when their times overlap. Filters choose which findings are shown, not what is compared.
    Exit 0 when no shown finding is an error (or a warning, with --strict); 1 otherwise,
    or when the ledger does not validate. GitHub annotations are the default under GitHub Actions.

    Example: factledger check --subject north-korea --all
    """
    from factledger import api
    from factledger.api.options import CheckOptions
    from factledger.cli import settings

    report = api.check(data, CheckOptions(window, tolerance), subject or [], prop or [], source or [], show_all,
                       strict, settings.policy(data, select, ignore), [Path(f) for f in files] if files else None,
                       via or [])
    finish(report, "findings", fmt, exit_zero)


QuestionsFormat = Annotated[str | None, format_option("questions")]


@command()
def questions(
    data: DataOption = DEFAULT_DATA, source: SourceFilter = None, subject: SubjectFilter = None,
    prop: PropertyFilter = None, status: StatusFilter = None, tag: TagFilter = None, since: SinceFilter = None,
    until: UntilFilter = None, search: SearchFilter = None, via: ViaFilter = None, window: WindowOption = 0,
    tolerance: ToleranceOption = 0.1,
    fmt: QuestionsFormat = None,
) -> None:
    """Each question at a glance: its current positions, the camps they fall into, what was superseded,
    what is acknowledged, and its conflicts.

    A position is each origin's latest claim that is neither superseded nor retracted; a camp is a
    group of positions whose values are all consistent. Takes the 'list' filters (a question is shown
    when one of its claims matches) and 'check's --window and --tolerance.

    Example: factledger questions --subject north-korea
    """
    from factledger import api
    from factledger.api.options import CheckOptions

    wanted = filters(source, subject, prop, status, tag, since, until, search, via)
    finish(api.questions(data, wanted, CheckOptions(window, tolerance)), "questions", fmt)
