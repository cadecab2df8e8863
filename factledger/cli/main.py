"""The command line, whole: every command registered (in the order --help lists them) and the entry point."""

# Each module registers its commands, in the order --help lists them: reading, checking, reviewing, writing,
# interchange, project, serving.
from factledger.cli import adding, checking, editing, interchange, project, reading, reviewing, serving  # noqa: F401
from factledger.cli.app import app, main

__all__ = ["app", "main"]
