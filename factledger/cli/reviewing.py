"""Reviewing a change: `factledger diff` (what a change does to the ledger, between revisions or folders)
and `factledger history` (the commits that touched one entry)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from factledger.cli.app import command, finish
from factledger.cli.options import IgnoreOption, SelectOption, ToleranceOption, WindowOption, format_option

GivenData = Annotated[Path | None, typer.Option(
    "--data", "-d", envvar="FACTLEDGER_DATA", show_default=False, metavar="DIR",
    help="The ledger's data directory, in every revision (default: each revision's own factledger.toml or "
         "[tool.factledger], else ./data).")]
DiffFormat = Annotated[str | None, format_option("diff")]
HistoryFormat = Annotated[str | None, format_option("history")]


@command()
def diff(
    ctx: typer.Context,
    revisions: Annotated[str | None, typer.Argument(
        metavar="[REV | REV..REV | REV...REV]", show_default=False,
        help="What to compare, as git names it: nothing (HEAD and the working tree), REV (it and the working "
             "tree), A..B, or A...B (from their merge base to B).")] = None,
    data: GivenData = None,
    old: Annotated[Path | None, typer.Option("--from", metavar="DIR", help="Compare two folders, outside git: "
                                                                         "this one...")] = None,
    new: Annotated[Path | None, typer.Option("--to", metavar="DIR", help="...with this one.")] = None,
    fmt: DiffFormat = None,
    fail_on: Annotated[list[str] | None, typer.Option(
        "--fail-on", metavar="WHAT", help="Exit 1 when the change brings a new-error, new-conflict, new-warning "
                                          "(or error), or any new finding or problem (repeatable).")] = None,
    exit_on_change: Annotated[bool, typer.Option("--exit-code", metavar="",
                                                 help="Exit 1 when anything differs, as git diff does.")] = False,
    show_all: Annotated[bool, typer.Option("--all", metavar="", help="Also list uncorroborated claims that "
                                                                      "appear or disappear.")] = False,
    window: WindowOption = 0, tolerance: ToleranceOption = 0.1, select: SelectOption = None,
    ignore: IgnoreOption = None,
) -> None:
    """What a change does to the ledger: entries added, removed, changed (field by field) and renamed; the
    conflicts, revisions and corroborations it opens or closes; how each question's positions, camps and
    spread moved; new validation problems. Revisions are read from git's objects; nothing is checked out.

    Exit 0, unless --fail-on or --exit-code says otherwise (1); 2 for a revision or folder that cannot be
    read. --format markdown writes a pull-request comment (docs/ci.md has a workflow that posts it).

    Example: factledger diff main...HEAD --format markdown --fail-on new-conflict
    """
    from factledger import api
    from factledger.api.options import CheckOptions
    from factledger.cli import settings

    given = settings.given_data(ctx, data)
    policy = settings.policy(given or settings.configuration().data() or Path("data"), select, ignore)
    finish(api.diff(revisions, given, old, new, CheckOptions(window, tolerance), policy, fail_on or [],
                    exit_on_change, show_all), "diff", fmt)


@command()
def history(
    ctx: typer.Context,
    entry: Annotated[str, typer.Argument(
        metavar="ID", show_default=False, help="The entry's id (a claim, source, document, assessment or review).")],
    kind: Annotated[str | None, typer.Option(
        metavar="KIND", help="Which kind of entry ID is, when several share it: source, document, claim, "
                             "assessment, review.")] = None,
    data: GivenData = None,
    fmt: HistoryFormat = None,
) -> None:
    """The commits that touched one entry, newest first: when it was added, each field change (old → new),
    renames (followed back to its earlier ids), moves to another file, its removal; with the commit, its
    date and author. Read from git's objects; nothing is checked out.

    Example: factledger history nis-troops-dispatched
    """
    from factledger import api
    from factledger.cli import settings

    finish(api.history(entry, settings.given_data(ctx, data), kind), "history", fmt)
