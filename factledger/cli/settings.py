"""Where each setting of a command comes from: its option on the command line (after the command, or
--data before it), the environment, the project's configuration file (factledger.api.config), or the default.

Commands call these after Typer has parsed their options; each asks Click where a value came from, so
an option given on the command line always wins, even when it equals the default.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from factledger.api import config as project
from factledger.system.scoped import scoped

# Where Click says a value came from (its ParameterSource, compared by name: the enum is not public API).
_GIVEN = ("COMMANDLINE", "ENVIRONMENT")


# The configuration found for the command running (cli.command.Command.invoke): found once, so that a
# file passed over is said once however many settings are asked for.
_FOUND: ContextVar[list[project.Config] | None] = ContextVar("configuration", default=None)


def remembered() -> AbstractContextManager[None]:
    return scoped(_FOUND, [])


def configuration() -> project.Config:
    """The configuration file that applies here; a file that cannot be trusted is passed over with a warning."""
    memo = _FOUND.get()
    if memo:
        return memo[0]
    try:
        here = Path.cwd()
    except OSError:  # the current folder was removed: no file applies
        return project.Config()
    found = project.find(here)
    if found.ignored:
        from factledger.cli import console

        for message in found.ignored:
            console.warn(message)
    if memo is not None:
        memo.append(found)
    return found


def _source(ctx: Any, name: str) -> str:
    found = ctx.get_parameter_source(name) if ctx is not None else None
    return getattr(found, "name", "DEFAULT")


def _before_command(ctx: Any, name: str) -> Any:
    """An option given before the command (``factledger --data DIR list``), or None."""
    return ctx.find_root().params.get(name) if ctx is not None else None


def data(ctx: Any, value: Path) -> Path:
    """The data directory, named as from the current directory wherever it came from, so that every path
    shown in it is relative where it can be (system.fs.shown)."""
    from factledger.system.fs import shown

    return shown(_data(ctx, value))


def _data(ctx: Any, value: Path) -> Path:
    if _source(ctx, "data") == "COMMANDLINE":
        return value
    early = _before_command(ctx, "data")
    if early is not None:
        return Path(early)
    if _source(ctx, "data") == "ENVIRONMENT":
        return value
    return configuration().data() or value


def given_data(ctx: Any, value: Path | None) -> Path | None:
    """The data directory when a person gave one (--data after the command or before it, FACTLEDGER_DATA),
    else None: a command that reads several revisions (diff, history) then takes each one's own from its
    configuration file, and a language server finds it from the editor's folder."""
    early = _before_command(ctx, "data")
    if _source(ctx, "data") == "COMMANDLINE" or early is None and _source(ctx, "data") == "ENVIRONMENT":
        return value
    return Path(early) if early is not None else None


def setting(ctx: Any, name: str, value: Any, key: str | None = None) -> Any:
    """``window``, ``tolerance``, ``strict`` or ``all`` (the option ``name``, the file's ``key``): the option if
    given, else the file's, else the default."""
    if _source(ctx, name) in _GIVEN:
        return value
    return configuration().values.get(key or name, value)


def policy(data_dir: Path, select: list[str] | None = None, ignore: list[str] | None = None) -> project.Policy:
    return project.policy(configuration(), data_dir, select or [], ignore or [])


def exclusion(data_dir: Path) -> Any:
    """Whether a file is left out by the configuration's exclude and extend-exclude (None: nothing is)."""
    return project.exclusion(configuration(), data_dir)


def provenance(ctx: Any, data_dir: Path, window: int, tolerance: float, strict: bool) -> list[project.Setting]:
    """Every setting as `factledger config` shows it, with where it came from."""
    found = configuration()
    label = found.label

    def source(name: str, flag: str) -> str:
        given = _source(ctx, name)
        if given == "COMMANDLINE" or (name == "data" and _before_command(ctx, "data") is not None):
            return flag
        if given == "ENVIRONMENT":
            return "FACTLEDGER_DATA"
        return label if name in found.values else "default"

    rows = [("data", str(data_dir), source("data", "--data")), ("window", window, source("window", "--window")),
            ("tolerance", tolerance, source("tolerance", "--tolerance")),
            ("strict", strict, source("strict", "--strict"))]
    out = [project.Setting(name, value, where) for name, value, where in rows]
    for key in ("select", "extend-select", "ignore", "per-file-ignores", "severity", "exclude", "extend-exclude"):
        out.append(project.Setting(key, found.values.get(key), label if key in found.values else "default"))
    return out
