"""What every human renderer shares: ledger text made safe to show, and the styles of severities
and statuses."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from factledger.problems.catalogue import Severity
from factledger.text.escapes import safe, shorten

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
STATUS_STYLE = {"confirmed": "green", "disputed": "yellow", "denied": "red", "retracted": "dim strike"}


def safe_text(value: object, style: str = "") -> Text:
    """Ledger text made safe to show: a :class:`rich.text.Text` (never parsed as markup) with no escape
    sequences, no control or invisible characters, no line break of its own (shown escaped: a new line
    in a log is where a CI command could start), and no more of it than a screen can usefully show
    (:func:`~factledger.text.escapes.shorten`)."""
    return Text(safe(shorten("" if value is None else str(value)), keep_newlines=False), style=style)


def grid() -> Table:
    """Two columns, a dim label and a value, for one thing described in full."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="dim", no_wrap=True)
    table.add_column(overflow="fold")
    return table
