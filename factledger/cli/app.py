"""The Typer application: its top-level options, how a command is registered and finished (rendered,
its notices said, exited with its code), and the console-script entry point. What every command
shares (the run-wide options after it, its settings, library errors → exit codes) is
:class:`factledger.cli.command.Command`."""

from __future__ import annotations

import contextlib
import copy
import sys
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from factledger import __version__
from factledger.cli import console
from factledger.cli.command import COLOR_HELP, QUIET_HELP, Command, Group, Run, color_choice
from factledger.problems.diagnostics import EXIT_DATA, EXIT_OK

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="factledger",
    cls=Group,
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


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"factledger {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True, metavar="",
                                 help="Show the version and exit."),
    data: Annotated[Path | None, typer.Option(
        "--data", "-d", metavar="DIR", show_default=False,
        help="The ledger's data directory, for any command (also after it).")] = None,
    color: str | None = typer.Option(None, "--color", metavar="WHEN", callback=color_choice,
                                        show_default=False, help=COLOR_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
    no_cache: bool = typer.Option(False, "--no-cache", help="Read every file afresh (also FACTLEDGER_NO_CACHE=1)."),
) -> None:
    """Top-level options."""
    # Kept for the command (cli.command.Command.invoke reads them); --data is read by cli.settings.
    ctx.obj = Run(color, quiet, no_cache)
    if ctx.invoked_subcommand is None:
        # Bare 'factledger' asks what it can do: the help, on stdout, successfully.
        sys.stdout.write(ctx.get_help() + "\n")
        raise typer.Exit(EXIT_OK)


def command(name: str | None = None, group: typer.Typer | None = None) -> Callable[[F], F]:
    """Register a command of ``group`` (default: the app) as a :class:`~factledger.cli.command.Command`."""
    def register(function: F) -> F:
        (group or app).command(name, cls=Command, short_help=_summary(function))(function)
        return function
    return register


def _summary(function: Callable[..., Any]) -> str:
    """A command's line in the list of commands: its help's first sentence (its own --help shows the rest)."""
    first = " ".join((function.__doc__ or "").split("\n\n")[0].split())
    sentence, stop, _ = first.partition(". ")
    return sentence + "." if stop else first


def click_app() -> Any:
    """The command line as Click runs it, each command built from its function only when asked for.

    Typer turns every registered command's signature into Click parameters before parsing the
    arguments (a tenth of what `list` costs to start); here the groups are built without their
    commands, which are put back as :class:`LazyCommands`: a run builds the one command it invokes,
    `--help` and completion build every command they list. Any command registered with
    :func:`command` (or a Typer sub-application's ``command``) is built this way, with nothing more."""
    import typer.main

    groups = _typers(app)
    stashed = [(each, each.registered_commands) for each in groups.values()]
    try:
        for each, _ in stashed:
            each.registered_commands = []
        root = typer.main.get_command(app)
    finally:
        for each, infos in stashed:
            each.registered_commands = infos
    for path, each in groups.items():
        group: Any = root  # a TyperGroup, as every sub-application is
        for name in path:
            group = group.commands[name]
        group.commands = LazyCommands(each.registered_commands, group.commands)
    return root


def _typers(typer_app: typer.Typer, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], typer.Typer]:
    """``typer_app`` and its sub-applications, each under the names that lead to it from the root."""
    found = {path: typer_app}
    for info in typer_app.registered_groups:
        if info.typer_instance is not None and info.name:
            found.update(_typers(info.typer_instance, (*path, info.name)))
    return found


class LazyCommands(MutableMapping[str, Any]):
    """A group's commands by name, in the order registered (then its sub-groups, as Typer orders them),
    each built by Typer from its function the first time it is looked up."""

    def __init__(self, infos: list[Any], built: MutableMapping[str, Any]) -> None:
        import typer.main

        self._pending = {info.name or typer.main.get_command_name(info.callback.__name__): info for info in infos}
        self._built = {name: None for name in self._pending} | dict(built)
        self._listing = False

    def __getitem__(self, name: str) -> Any:
        command = self._built[name]
        if command is None:
            info = self._pending[name]
            if self._listing:  # a group's help lists it: its name and help, not its parameters
                listed = copy.copy(info)
                listed.callback = _unsigned(info.callback)
                return _built(listed)
            command = self._built[name] = _built(self._pending.pop(name))
        return command

    @contextlib.contextmanager
    def listing(self) -> Iterator[None]:
        """While a group's help is written: commands not yet built are looked up without their parameters."""
        self._listing = True
        try:
            yield
        finally:
            self._listing = False

    def __setitem__(self, name: str, command: Any) -> None:
        self._pending.pop(name, None)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        self._pending.pop(name, None)
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._built)

    def __len__(self) -> int:
        return len(self._built)


def _built(info: Any) -> Any:
    import typer.main

    return typer.main.get_command_from_info(info, pretty_exceptions_short=app.pretty_exceptions_short,
                                            rich_markup_mode=app.rich_markup_mode)


def _unsigned(callback: Any) -> Callable[[], None]:
    """A function of no parameters under ``callback``'s name and help (not a wrapper: Typer would read
    the signature it wraps)."""
    def unsigned() -> None:
        raise AssertionError("listed, never run")

    unsigned.__name__, unsigned.__doc__ = callback.__name__, callback.__doc__
    return unsigned


def finish(result: Any, kind: str, fmt: str | None, exit_zero: bool = False) -> None:
    """Render ``result`` in ``fmt`` (or the default for ``kind``), say its notices, exit with its code (0 for
    problems found in the data, with ``exit_zero``: a usage error is still 2)."""
    from factledger.render import registry
    from factledger.system.collector import without_cyclic_gc

    chosen = registry.find(kind, fmt or registry.default(kind))
    with without_cyclic_gc(keep=False):  # a large report is millions of short-lived spans and lines
        rendered = chosen.renderer()(result)
        if console.quiet():
            rendered = _quieted(rendered, result.exit_code, chosen.human)
        console.emit(rendered)  # a reader that leaves early changes nothing of the command's own verdict
    say(result)
    raise typer.Exit(EXIT_OK if exit_zero and result.exit_code == EXIT_DATA else result.exit_code)


def _quieted(rendered: Any, exit_code: int, human: bool) -> Any:
    """--quiet: a report (lines ending in a summary) is its summary line, and only when it fails; a
    machine format keeps its output whole, and its summary on stderr only when it fails; any other
    human result is the answer asked for, and stays."""
    from factledger.render.lines import Lines
    from factledger.render.output import Output

    if not human:
        return rendered if exit_code or not isinstance(rendered, Output) else Output(rendered.stdout, None)
    report = rendered.stdout if isinstance(rendered, Output) else rendered
    if not isinstance(report, Lines):
        return rendered
    return Lines([report.lines[report.summary]]) if exit_code and report.lines else None


def say(result: Any) -> None:
    """A result's warnings and failures, on standard error."""
    for notice in result.notices:
        console.warn(notice)
    for failure in result.failures:
        console.error(failure)
