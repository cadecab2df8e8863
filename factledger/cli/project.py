"""The project's own commands: `factledger config` (the settings in force, and where each came from)
and `factledger schema` (a JSON Schema of a ledger file, for editors)."""

from __future__ import annotations

from typing import Annotated

import typer

from factledger.cli.app import app, command, finish
from factledger.cli.command import Group
from factledger.cli.options import DEFAULT_DATA, DataOption, StrictOption, ToleranceOption, WindowOption, format_option

ConfigFormat = Annotated[str | None, format_option("config")]


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
    from factledger.api.project import ConfigShown
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


CacheFormat = Annotated[str | None, format_option("cache")]
cache_app = typer.Typer(help="The cache of loading: where it is, what it holds, emptying it.", no_args_is_help=True,
                        cls=Group,
                        context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(cache_app, name="cache")


@command("info", group=cache_app)
def cache_info(fmt: CacheFormat = None) -> None:
    """Where the cache is, how much it holds and the most it may hold.

    Loading keeps what it read from each file, keyed on the file's content, in the user's cache folder
    (FACTLEDGER_CACHE_DIR, else XDG_CACHE_HOME/factledger or the system's equivalent), never in the
    ledger; a changed file is read again. The folder must be yours and private; entries are sealed with
    a key kept in it. Past FACTLEDGER_CACHE_SIZE (default 1G) the entries used longest ago are removed.
    --no-cache on any command, or FACTLEDGER_NO_CACHE=1, turns it off.

    Example: factledger cache info
    """
    from factledger.api.project import cache_info as info

    finish(info(), "cache", fmt)


@command("clear", group=cache_app)
def cache_clear(fmt: CacheFormat = None) -> None:
    """Remove everything in the cache (every version's). Nothing is lost: it is rebuilt as files are read.

    Example: factledger cache clear
    """
    from factledger.api.project import cache_clear as clear

    finish(clear(), "cache", fmt)
