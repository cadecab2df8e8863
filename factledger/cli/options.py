"""The options commands share, defined once: the data directory, the claim filters, --format (its
choices from the format registry), -o, --force, --strict and the cross-check options."""

from __future__ import annotations

import enum
import math
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

# The Click that Typer ships (typer._click, pinned with Typer <0.29): Typer has no public name for Click's
# string type, and subclassing it is the only way to say how an argument is shown in help (see _Word).
from typer._click.types import StringParamType
from typer.models import OptionInfo

from factledger.check.options import MAX_WINDOW  # read at start-up: factledger.api would cost more (see pyproject.toml)
from factledger.model.vocabulary import STATUSES

if TYPE_CHECKING:
    from factledger.query.select import ClaimFilter


def completer(kind: str) -> Any:
    """Shell completion of the ledger's ``kind`` names (claims, sources, subjects, properties, tags), read
    from the data directory the command line so far names (or the one it would use)."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        import os

        from factledger.api.common import known_names
        from factledger.cli import settings

        try:
            given = ctx.params.get("data") or os.environ.get("FACTLEDGER_DATA") or DEFAULT_DATA
            return known_names(settings.data(ctx, Path(given)), kind, incomplete)
        except Exception:  # noqa: BLE001 - a completion never prints a traceback into the shell
            return []

    return complete


class _Word(StringParamType):
    """A plain string argument, shown in help by its own name alone (not also as ``<str>``)."""

    name = "text"

    def get_metavar(self, param: Any, ctx: Any = None) -> str:  # noqa: ARG002 - Click's signature
        return ""


WORD = _Word()


def bounded(low: float, high: float, what: str, kind: type = int) -> Any:
    """A number option's check, said in words ('from 0 to 1') rather than as a range in the help."""

    def check(value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, float) and not math.isfinite(value) or not low <= value <= high:
            raise typer.BadParameter(f"{value} is not {what}")
        return value

    return check


DataOption = Annotated[
    Path,
    typer.Option("--data", "-d", envvar="FACTLEDGER_DATA", show_default=False, metavar="DIR",
                 help="The ledger's data directory (default: $FACTLEDGER_DATA, else the project's factledger.toml "
                      "or [tool.factledger], else ./data)."),
]
DEFAULT_DATA = Path("data")

SourceFilter = Annotated[list[str] | None, typer.Option(
    "--source", "-s", metavar="ID", autocompletion=completer("sources"),
    help="Claims this source originated (a citation's source), or any source part_of it (repeatable; "
         "case-insensitive).")]
ViaFilter = Annotated[list[str] | None, typer.Option(
    "--via", metavar="ID", autocompletion=completer("sources"),
    help="Claims this source relayed (a citation's via), or any source part_of it (repeatable; case-insensitive).")]
SubjectFilter = Annotated[list[str] | None, typer.Option(
    metavar="SLUG", autocompletion=completer("subjects"), help="Only claims about this subject (repeatable: any).")]
PropertyFilter = Annotated[list[str] | None, typer.Option(
    "--property", metavar="SLUG", autocompletion=completer("properties"),
    help="Only claims on this property (repeatable: any).")]
StatusFilter = Annotated[list[str] | None, typer.Option(
    "--status", metavar="STATUS", autocompletion=lambda incomplete: [s for s in STATUSES if s.startswith(incomplete)],
    help=f"Only claims with this status (repeatable): {', '.join(STATUSES)}.")]
TagFilter = Annotated[list[str] | None, typer.Option(
    "--tag", "-t", metavar="TAG", autocompletion=completer("tags"),
    help="Only claims with this tag (repeatable: all must match).")]
SinceFilter = Annotated[str | None, typer.Option(
    metavar="DATE", help="Only claims dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")]
UntilFilter = Annotated[str | None, typer.Option(metavar="DATE", help="Only claims dated on or before DATE.")]
SearchFilter = Annotated[list[str] | None, typer.Option(
    metavar="TEXT", help="Only claims whose statement or quotes contain TEXT (case-insensitive; repeatable: any).")]

StrictOption = Annotated[bool, typer.Option("--strict", metavar="", help="Fail on warnings too.")]
OutputOption = Annotated[str | None, typer.Option(
    "--output", "-o", metavar="FILE", show_default=False,
    help="Write to FILE (replaced atomically) instead of stdout; - is stdout.")]


WindowOption = Annotated[int, typer.Option(
    metavar="DAYS", callback=bounded(0, MAX_WINDOW, f"a number of days from 0 to {MAX_WINDOW:,}"),
    help="Widen each claim's time by DAYS on both sides when deciding what is contemporaneous.")]
ToleranceOption = Annotated[float, typer.Option(
    metavar="FRACTION", callback=bounded(0.0, 1.0, "a fraction from 0 to 1"),
    help="How far 'approx' reaches either side, as a fraction (0.1 = ±10%).")]


class Sort(str, enum.Enum):
    date = "date"
    id = "id"
    file = "file"


def format_option(kind: str) -> OptionInfo:
    """``--format/-f`` for results of ``kind``: its choices, help and default from the format registry,
    matched in any case (and by the old names), with a suggestion for a typo. The ``typer.Option`` to put
    in an annotation: ``Annotated[str | None, format_option(kind)]``."""
    from factledger.render import registry

    def check(value: str | None) -> str | None:
        if value is None:
            return None
        from factledger.problems.errors import UsageError

        try:
            return registry.find(kind, value).name
        except UsageError as exc:
            raise typer.BadParameter(exc.message) from None

    def complete(incomplete: str) -> list[str]:
        return [f.name for f in registry.formats(kind) if f.name.startswith(incomplete.lower())]

    # typer.Option is typed as returning Any (so that it can stand as a parameter's default); it is an OptionInfo.
    option: OptionInfo = typer.Option(
        "--format", "-f", metavar="FORMAT", show_default=False, callback=check, autocompletion=complete,
        help=f"{registry.described(kind)}.")
    return option


def filters(source: list[str] | None, subject: list[str] | None, prop: list[str] | None,
            status: list[str] | None, tag: list[str] | None, since: str | None, until: str | None,
            search: list[str] | None, via: list[str] | None = None) -> ClaimFilter:
    """The filter options as the library's ClaimFilter (a bad value is a usage error naming its option)."""
    from factledger import api

    return api.criteria(source or [], subject or [], prop or [], status or [], tag or [], since, until, search or [],
                        via or [])


SelectOption = Annotated[list[str] | None, typer.Option(
    "--select", metavar="CODES",
    help="Report only these codes, slugs or code prefixes (comma-separated or repeated; replaces the config's).")]
IgnoreOption = Annotated[list[str] | None, typer.Option(
    "--ignore", metavar="CODES",
    help="Do not report these codes, slugs or code prefixes (comma-separated or repeated).")]
FilesArgument = Annotated[list[str] | None, typer.Argument(
    metavar="[FILE]...", show_default=False, click_type=WORD,
    help="Report the problems in these ledger files (as pre-commit passes them), and any elsewhere that fails the "
         "ledger; the whole ledger is still read.")]
ExitZeroOption = Annotated[bool, typer.Option(
    "--exit-zero", metavar="", help="Exit 0 even when problems are found (they are still reported; a usage error "
                                    "still exits 2).")]
DryRunOption = Annotated[bool, typer.Option(
    "--dry-run", metavar="", help="Write nothing: show the unified diff of what would change.")]
DiffOption = Annotated[bool, typer.Option(
    "--diff", metavar="", help="The same as --dry-run: show the unified diff, write nothing.")]
FixOption = Annotated[bool, typer.Option(
    "--fix", metavar="", help="First apply every safe fix (as 'factledger fix'), then report what remains.")]
UnsafeFixesOption = Annotated[bool, typer.Option(
    "--unsafe-fixes", metavar="", help="Apply the unsafe fixes too (where the meaning could change).")]
