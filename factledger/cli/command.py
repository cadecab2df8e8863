"""Every factledger command, as one Click command class (Typer's ``cls``): the run-wide options it
takes after its name, where its settings come from, and the one place where what the library raises
becomes what a person reads and the exit code a script sees.

Exit codes (every command): 0 success, 1 the data has errors (or findings, where a command says
so), 2 a usage error: a bad option, an unknown id, a data directory or output that cannot be used.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

from factledger.cli import answers, console, helpcache
from factledger.problems.diagnostics import EXIT_DATA, EXIT_USAGE
from factledger.problems.errors import DataDirError, DataError, UsageError
from factledger.system.env import SettingError
from factledger.system.fs import FileProblem, LimitError

if TYPE_CHECKING:
    # What Typer's command class is handed: a Context of the Click Typer ships (typer._click), which
    # typer.Context subclasses. Only named for the checker, so nothing private is imported at run time.
    from typer._click import Context

COLORS = ("auto", "always", "never")
COLOR_HELP = "Colour: auto (on a terminal, unless NO_COLOR is set), always, never."
QUIET_HELP = ("No notes or progress: a report (validate, check) prints nothing on success and its summary line on "
              "failure; what a command was asked for (a list, a claim, an export) is still printed.")
NO_CACHE_HELP = "Read every file afresh, without the cache (also FACTLEDGER_NO_CACHE=1)."


@dataclass(frozen=True)
class Run:
    """The run-wide options, as given before the command (the root callback keeps them in ``ctx.obj``)."""

    color: str | None = None
    quiet: bool = False
    no_cache: bool = False


def color_choice(value: str | None) -> str | None:
    if value is None:
        return None
    chosen = value.lower()
    if chosen not in COLORS:
        from factledger.text.suggest import did_you_mean

        raise typer.BadParameter(f"'{value}' is not one of auto, always, never{did_you_mean(chosen, COLORS)}")
    return chosen


def _run_wide_options() -> list[TyperOption]:
    """--color, --quiet and --no-cache, also after the command's name (given before it, the root takes them)."""
    return [
        TyperOption(param_decls=["--color", "_color"], default=None, metavar="WHEN", show_default=False,
                    callback=lambda _ctx, _param, value: color_choice(value), help=COLOR_HELP),
        TyperOption(param_decls=["--quiet", "-q", "_quiet"], is_flag=True, default=False, help=QUIET_HELP),
        TyperOption(param_decls=["--no-cache", "_no_cache"], is_flag=True, default=False, help=NO_CACHE_HELP),
    ]


def tidy_help(write_help: Any, ctx: Any, formatter: Any) -> None:
    """Typer's help, printed by Rich, as text handed to Click's formatter: Click then writes it in
    one piece (a reader that takes the first line and leaves never makes a write fail), with no
    blank line before it and no line ending in the spaces Rich pads it to the width with."""
    import io

    real = sys.stdout

    class Collected(io.StringIO):
        # Rich lays out and colours the help for where it is going: the real standard output.
        def isatty(self) -> bool:
            try:
                return bool(real.isatty())
            except (AttributeError, ValueError, OSError):
                return False

    collected = Collected()
    with contextlib.redirect_stdout(collected):
        write_help(ctx, formatter)
    formatter.write(console.tidy(collected.getvalue()))
    helpcache.shown()


def _names(ctx: Context) -> list[str]:
    """The command's name and its groups', outermost first, the program's left out: ['export', 'json']."""
    names: list[str] = []
    while ctx.parent is not None:
        names.insert(0, ctx.info_name or "")
        ctx = ctx.parent
    return names


class Group(TyperGroup):
    """The application and its command groups (``import``, ``cache``): their help tidied as commands' is."""

    def format_help(self, ctx: Context, formatter: Any) -> None:
        # Listing its commands needs their names and help, not their parameters (cli.app.LazyCommands).
        with getattr(self.commands, "listing", contextlib.nullcontext)():
            tidy_help(super().format_help, ctx, formatter)


class Command(TyperCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.extend(_run_wide_options())

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        # Typer writes a required argument as {NAME} in usage lines, where Click, man pages and every
        # other tool write NAME: the braces read as literal text to type.
        return [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in super().collect_usage_pieces(ctx)]

    def format_help(self, ctx: Context, formatter: Any) -> None:
        tidy_help(super().format_help, ctx, formatter)

    def invoke(self, ctx: Context) -> Any:
        answers.ran(_names(ctx))  # (a command that keeps no answer stops being watched: cli.answers)
        given = ctx.find_root().obj or Run()
        color, quiet, no_cache = (ctx.params.pop(name, None) for name in ("_color", "_quiet", "_no_cache"))
        writing = console.Writing(color or given.color or "auto", bool(quiet or given.quiet))
        cached = not (no_cache or given.no_cache)
        from factledger.cli import settings

        with console.writing(writing), settings.remembered(), _library_errors():
            _settle(ctx)
            with ExitStack() as stack:
                stack.enter_context(console.loading(human=ctx.params.get("fmt") in (None, "text")))
                if not cached:
                    from factledger.api.common import caching

                    stack.enter_context(caching(False))
                _exclude(ctx, stack)
                return super().invoke(ctx)


def _settle(ctx: Context) -> None:
    """Settings not given as options come from --data before the command, the environment, the project's
    configuration file, or the default, in that order (cli.settings): the same for every command."""
    from factledger.cli import settings

    params = ctx.params
    if params.get("data") is not None:
        params["data"] = settings.data(ctx, params["data"])
    for name in ("window", "tolerance", "strict"):
        if name in params:
            params[name] = settings.setting(ctx, name, params[name])
    if "show_all" in params:  # check's --all, or 'all' in the configuration file
        params["show_all"] = settings.setting(ctx, "show_all", params["show_all"], key="all")


def _exclude(ctx: Context, stack: ExitStack) -> None:
    """The configuration's exclude and extend-exclude, for every command that reads a ledger."""
    if ctx.params.get("data") is None:
        return
    from factledger.cli import settings

    excluded = settings.exclusion(ctx.params["data"])
    if excluded is not None:
        from factledger.api.common import excluding

        stack.enter_context(excluding(excluded))


@contextmanager
def _library_errors() -> Iterator[None]:
    """What the library raises, as a person reads it and with the exit code a script sees."""
    try:
        yield
    except UsageError as exc:
        if exc.option:
            raise typer.BadParameter(exc.message, param_hint=f"'{exc.option}'") from None
        message = exc.message
        if isinstance(exc, DataDirError):
            given = os.environ.get("FACTLEDGER_DATA")
            came_from = (" (from FACTLEDGER_DATA)" if exc.path is not None and given
                         and os.path.abspath(given) == os.path.abspath(str(exc.path)) else "")
            message += f"{came_from}; pass --data DIR or set FACTLEDGER_DATA"
            if "does not exist" in message:
                message += ", or start a ledger here with 'factledger init'"
        console.fail(message, EXIT_USAGE)
    except FileProblem as exc:  # a path given on the command line that cannot even be examined
        console.fail(f"cannot use a path given: {exc}", EXIT_USAGE)
    except (LimitError, SettingError) as exc:  # a setting from the environment, read outside the library
        console.fail(str(exc), EXIT_USAGE)
    except DataError as exc:
        if exc.load is not None:
            from factledger.render.human import diagnostics_report
            from factledger.render.lines import write

            load = exc.load
            write(diagnostics_report(load.diagnostics, load.counts, failing=True), console.console(stderr=True),
                  sys.stderr)
        for notice in exc.notices:
            console.warn(notice)
        console.fail(exc.message, EXIT_DATA)
