"""Where each setting of a command comes from: its option on the command line (after the command, or
--data before it), the environment, the project's configuration file (factledger.api.config), or the default.

Commands call these after Typer has parsed their options; each asks Click where a value came from, so
an option given on the command line always wins, even when it equals the default.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factledger.api import config as project

# Where Click says a value came from (its ParameterSource, compared by name: the enum is not public API).
_GIVEN = ("COMMANDLINE", "ENVIRONMENT")


def configuration() -> project.Config:
    """The configuration file that applies here (a few file checks: read afresh each time it is asked)."""
    return project.find(Path.cwd())


def _source(ctx: Any, name: str) -> str:
    found = ctx.get_parameter_source(name) if ctx is not None else None
    return getattr(found, "name", "DEFAULT")


def _before_command(ctx: Any, name: str) -> Any:
    """An option given before the command (``factledger --data DIR list``), or None."""
    return ctx.find_root().params.get(name) if ctx is not None else None


def data(ctx: Any, value: Path) -> Path:
    if _source(ctx, "data") == "COMMANDLINE":
        return value
    early = _before_command(ctx, "data")
    if early is not None:
        return Path(early)
    if _source(ctx, "data") == "ENVIRONMENT":
        return value
    return configuration().data() or value


def given_data(ctx: Any, value: Path) -> Path | None:
    """The data directory the command line (before or after the command) or FACTLEDGER_DATA gives, or None
    (a language server then finds it from the editor's folder)."""
    early = _before_command(ctx, "data")
    if _source(ctx, "data") == "COMMANDLINE" or early is None and _source(ctx, "data") == "ENVIRONMENT":
        return value
    return Path(early) if early is not None else None


def setting(ctx: Any, name: str, value: Any) -> Any:
    """``window``, ``tolerance`` or ``strict``: the option if given, else the file's, else the default."""
    if _source(ctx, name) in _GIVEN:
        return value
    return configuration().values.get(name, value)


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
