"""The command line, whole: every command registered (in the order --help lists them) and the entry point."""

# Each module registers its commands, in the order --help lists them: reading, checking, writing, interchange,
# project.
from factledger.cli import adding, checking, editing, interchange, project, reading, serving  # noqa: F401
from factledger.cli.app import app, main

__all__ = ["app", "main"]
