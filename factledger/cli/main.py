"""The command line, whole: every command registered (in the order --help lists them) and the entry point."""

# Each module registers its commands, in the order --help lists them: reading, checking, reviewing, writing,
# interchange, project, serving (so the import order is the list's, not the alphabet's).
# isort: off
from factledger.cli import reading, checking, reviewing, adding, editing, interchange, project, serving  # noqa: F401
# isort: on
from factledger.cli.app import app
from factledger.cli.entry import main

__all__ = ["app", "main"]
