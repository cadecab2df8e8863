"""The Typer application, its top-level options, and the one place where what the library raises
becomes what a person reads and the exit code a script sees.

Exit codes (every command): 0 success, 1 the data has errors (or findings, where a command says
so), 2 a usage error: a bad option, an unknown id, a data directory or output that cannot be used.
"""

from __future__ import annotations

import functools
import inspect
import os
import sys
from pathlib import Path
from typing import Any, Callable, Optional, TypeVar

import typer

from factledger import __version__
from factledger.cli import console
from factledger.problems.diagnostics import EXIT_DATA, EXIT_OK, EXIT_USAGE
from factledger.problems.errors import DataDirError, DataError, UsageError

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="factledger",
    help=(
        "A ledger of sourced assertions: who claimed what, when, on what evidence.\n\n"
        "The ledger is every YAML file under the data directory: --data DIR (before or after the "
        "command), else $FACTLEDGER_DATA, else the project's factledger.toml, else ./data.\n\n"
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
)


def _plain_metavar(make_metavar: Callable[..., str]) -> Callable[..., str]:
    """Typer writes a required argument as {NAME} in usage lines, where Click, man pages and every
    other tool write NAME: the braces read as literal text to type."""
    def plain(self: Any, ctx: Any, *, usage: bool = False) -> str:
        shown = make_metavar(self, ctx, usage=usage)
        return shown[1:-1] if shown.startswith("{") and shown.endswith("}") else shown
    return plain


typer.core.TyperArgument.make_metavar = _plain_metavar(typer.core.TyperArgument.make_metavar)  # type: ignore[method-assign]


def _color_choice(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    from factledger.text.suggest import did_you_mean

    chosen = value.lower()
    if chosen not in _COLORS:
        raise typer.BadParameter(f"'{value}' is not one of auto, always, never{did_you_mean(chosen, _COLORS)}")
    return chosen


_COLORS = ("auto", "always", "never")
_COLOR_HELP = "Colour: auto (on a terminal, unless NO_COLOR is set), always, never."
_QUIET_HELP = "Print only what a failure needs: nothing on success, a report's summary line on failure."


_NO_CACHE_HELP = "Read every file afresh, without the cache (also FACTLEDGER_NO_CACHE=1)."


def _root_flag(ctx: Any, name: str) -> bool:
    return bool(ctx is not None and ctx.find_root().params.get(name))


def _caching(enabled: bool) -> Any:
    """Loading without the cache for this run (--no-cache), or as configured."""
    import contextlib

    if enabled:
        return contextlib.nullcontext()
    from factledger.api.common import caching

    return caching(False)


def _output_settings(color: Optional[str], quiet: bool) -> None:
    """--color and --quiet, given before the command or after it, hold for the whole run."""
    if color is not None:
        console.COLOR = color
    if quiet:
        console.QUIET = True


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"factledger {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True, metavar="",
                                 help="Show the version and exit."),
    data: Optional[Path] = typer.Option(None, "--data", "-d", metavar="DIR", show_default=False,
                                        help="The ledger's data directory, for any command (also after it)."),
    color: Optional[str] = typer.Option(None, "--color", metavar="WHEN", callback=_color_choice,
                                        show_default=False, help=_COLOR_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=_QUIET_HELP),
    # Read by each command from the root context (_root_flag), as --data before the command is.
    no_cache: bool = typer.Option(False, "--no-cache", help="Read every file afresh (also FACTLEDGER_NO_CACHE=1)."),
) -> None:
    """Top-level options."""
    # Every run starts from the defaults (the CLI can run many times in one process, as the tests do).
    console.COLOR, console.QUIET = "auto", False
    _output_settings(color, quiet)
    if ctx.invoked_subcommand is None:
        # Bare 'factledger' asks what it can do: the help, on stdout, successfully.
        sys.stdout.write(ctx.get_help() + "\n")
        raise typer.Exit(EXIT_OK)


def command(name: str | None = None, group: typer.Typer | None = None) -> Callable[[F], F]:
    """Register a command whose library errors become CLI errors here, the same way for every command."""
    def register(function: F) -> F:
        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> Any:
            ctx = kwargs.pop("_context", None)
            _output_settings(kwargs.pop("_color", None), kwargs.pop("_quiet", False))
            cached = not (kwargs.pop("_no_cache", False) or _root_flag(ctx, "no_cache"))
            if "ctx" in kwargs:  # a command that takes the context itself gets the same one
                kwargs["ctx"] = ctx
            try:
                _settled(ctx, kwargs)
                with console.loading(human=kwargs.get("fmt") in (None, "text")), _caching(cached):
                    return function(*args, **kwargs)
            except UsageError as exc:
                if exc.option:
                    raise typer.BadParameter(exc.message, param_hint=f"'{exc.option}'") from None
                message = exc.message
                if isinstance(exc, DataDirError):
                    came_from = (" (from FACTLEDGER_DATA)" if exc.path is not None
                                 and os.environ.get("FACTLEDGER_DATA") == str(exc.path) else "")
                    message += f"{came_from}; pass --data DIR or set FACTLEDGER_DATA"
                console.fail(message, EXIT_USAGE)
            except DataError as exc:
                if exc.load is not None:
                    from factledger.render.human import diagnostics_report
                    from factledger.render.lines import write

                    load = exc.load
                    write(diagnostics_report(load.diagnostics, load.counts, failing=True),  # type: ignore[attr-defined]
                          console.console(stderr=True), sys.stderr)
                for notice in getattr(exc, "notices", ()):
                    console.warn(notice)
                console.fail(exc.message, EXIT_DATA)

        # Typer hands the Click context to a parameter annotated typer.Context: the wrapper asks for one,
        # to know where each setting came from, and keeps it from the command itself.
        signature = inspect.signature(function, eval_str=True)  # the Annotated options, not their strings
        keyword = inspect.Parameter.KEYWORD_ONLY
        extra = [
            inspect.Parameter("_color", keyword, annotation=Optional[str], default=typer.Option(
                None, "--color", metavar="WHEN", callback=_color_choice, show_default=False, help=_COLOR_HELP)),
            inspect.Parameter("_quiet", keyword, annotation=bool, default=typer.Option(
                False, "--quiet", "-q", help=_QUIET_HELP)),
            inspect.Parameter("_no_cache", keyword, annotation=bool, default=typer.Option(
                False, "--no-cache", help=_NO_CACHE_HELP)),
            inspect.Parameter("_context", keyword, annotation=typer.Context),
        ]
        run.__signature__ = signature.replace(parameters=[*signature.parameters.values(), *extra])  # type: ignore[attr-defined]
        (group or app).command(name)(run)
        return function
    return register


def _settled(ctx: Any, kwargs: dict[str, Any]) -> None:
    """Settings not given as options come from --data before the command, the environment, the project's
    configuration file, or the default, in that order (cli.settings): the same for every command."""
    from factledger.cli import settings

    if "data" in kwargs and kwargs["data"] is not None:
        kwargs["data"] = settings.data(ctx, kwargs["data"])
    for name in ("window", "tolerance", "strict"):
        if name in kwargs:
            kwargs[name] = settings.setting(ctx, name, kwargs[name])


def finish(result: Any, kind: str, fmt: str | None) -> None:
    """Render ``result`` in ``fmt`` (or the default for ``kind``), say its notices, exit with its code."""
    from factledger.system.collector import without_cyclic_gc
    from factledger.render import registry

    chosen = registry.find(kind, fmt or registry.default(kind))
    with without_cyclic_gc(keep=False):  # a large report is millions of short-lived spans and lines
        rendered = chosen.renderer()(result)
        if console.QUIET:
            rendered = _quieted(rendered, result.exit_code, chosen.human)
        console.emit(rendered)
    say(result)
    raise typer.Exit(result.exit_code)


def _quieted(rendered: Any, exit_code: int, human: bool) -> Any:
    """--quiet: a report (lines ending in a summary) is its summary line, and only when it fails; a
    machine format keeps its output whole, and its summary on stderr only when it fails; any other
    human result is the answer asked for, and stays."""
    from factledger.render import Output
    from factledger.render.lines import Lines

    if not human:
        return rendered if exit_code or not isinstance(rendered, Output) else Output(rendered.stdout, None)
    report = rendered.stdout if isinstance(rendered, Output) else rendered
    if not isinstance(report, Lines):
        return rendered
    return Lines(report.lines[-1:]) if exit_code else None


def say(result: Any) -> None:
    """A result's warnings and failures, on standard error."""
    for notice in result.notices:
        console.warn(notice)
    for failure in result.failures:
        console.error(failure)


def main() -> None:
    """Console-script entry point.

    Whatever the terminal or pipe can take: characters its encoding lacks are written as escapes
    rather than ending the run; a reader that stops early (``| head``) ends it quietly; an output
    that cannot be written (``> /dev/full``, ``>&-``) is one line and exit 2, never a traceback.
    """
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    if sys.stdout is None:
        sys.stdout = _Closed("standard output")  # type: ignore[assignment]
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # nowhere to say anything; the exit code still tells
    from factledger.system.output import Interrupted

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
    except OSError as exc:  # standard output is full, closed or gone
        from factledger.system import fs

        try:
            sys.stderr.write(f"error: cannot write the output: {fs.reason(exc)}\n")
        except OSError:
            pass
        sys.exit(EXIT_USAGE)


class _Closed:
    """Stands for a standard stream the process was started without (``>&-``)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OSError(f"{self.name} is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(f"{self.name} is closed")
