"""The project's own commands: `factledger config` (the settings in force, and where each came from)
and `factledger schema` (a JSON Schema of a ledger file, for editors)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

import typer

from factledger.cli.app import command, finish
from factledger.cli.options import DEFAULT_DATA, DataOption, StrictOption, ToleranceOption, WindowOption, format_option

ConfigFormat = format_option("config")


@dataclass
class ConfigShown:
    """What `factledger config` shows (rendered like every other result, by the format registry)."""

    file: str | None
    settings: list[Any] = field(default_factory=list)  # config.Setting
    notices: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    exit_code: int = 0


@command("config")
def config_command(
    ctx: typer.Context, data: DataOption = DEFAULT_DATA, window: WindowOption = 0, tolerance: ToleranceOption = 0.1,
    strict: StrictOption = False, fmt: ConfigFormat = None,
) -> None:
    """Show the settings in force here, and where each came from: an option, FACTLEDGER_DATA, the
    project's factledger.toml or [tool.factledger] in pyproject.toml (found from the current folder
    upwards), or the default. Options given here show how they would change it.

    Example: factledger config --format json
    """
    from factledger.cli import settings

    found = settings.configuration()  # the settings above are already resolved against it (cli.app.command)
    finish(ConfigShown(found.label if found.path else None, settings.provenance(ctx, data, window, tolerance, strict)),
           "config", fmt)


@command()
def schema(
    data: DataOption = DEFAULT_DATA,
    ids: Annotated[bool, typer.Option("--ids", metavar="", help="List the ledger's source, document and claim ids "
                                                                "as the values references may take.")] = False,
) -> None:
    """Print a JSON Schema (draft 2020-12) of a ledger file, made from the field tables validate checks
    against: for editors (the YAML language server) to complete and check fields as you type.

    Example: factledger schema --ids > ledger.schema.json
    """
    from factledger import api

    finish(api.ledger_schema(data if ids else None), "schema", None)
