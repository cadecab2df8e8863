"""Layouts that survive any width: a table only where it fits whole, and a line of fields that wraps
between fields. Nothing here ever breaks an id, a word or a path to make it fit, nor cuts a column
to a stump: when a table's narrowest form is wider than the room, the same rows are shown as
blocks instead."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from factledger.render.style import grid

_UNBOUNDED = 1_000_000


def minimum_width(console: Console, options: ConsoleOptions, table: Table) -> int:
    """The narrowest a table can be drawn with every no-wrap cell whole and no word broken."""
    return table.__rich_measure__(console, options.update_width(_UNBOUNDED)).minimum


class Fitted:
    """``table`` where its narrowest form fits the width, else ``blocks()``. ``table`` may be a function
    that builds it, with ``probe`` a table of the same columns holding only each column's widest cell
    (or longest word): measuring that is measuring the table, without building or measuring every row."""

    def __init__(self, table: Table | Callable[[], Table], blocks: Callable[[], Iterable[RenderableType]],
                 probe: Table | None = None) -> None:
        self.table, self.blocks, self.probe = table, blocks, probe

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table = self.table
        measured = self.probe if self.probe is not None else table
        assert isinstance(measured, Table)
        if minimum_width(console, options, measured) <= options.max_width:
            yield table if isinstance(table, Table) else table()
        else:
            yield from self.blocks()


def widest(texts: Iterable[str], words: bool = False) -> str:
    """The widest of ``texts`` on a screen (or of their words, for a column that wraps)."""
    from rich.cells import cell_len

    pool = (w for t in texts for w in t.split()) if words else texts
    return max(pool, key=cell_len, default="")


class Fields:
    """Fields on one line, two spaces apart; where they do not fit, the line breaks between fields
    (never inside one, unless a field is wider than the whole line) and continues ``hang`` columns in."""

    def __init__(self, fields: Iterable[Text], hang: int = 2) -> None:
        self.fields = [f for f in fields if f.plain]
        self.hang = hang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        line, used = Text(), 0
        for field in self.fields:
            size = field.cell_len
            if used and used + 2 + size > width:
                line.no_wrap, line.overflow = True, "ignore"
                yield line
                line, used = Text(" " * self.hang), self.hang
            elif used:
                line.append("  ")
                used += 2
            line.append_text(field)
            used += size
        if used:
            # A field wider than the whole line (a long id) stays whole: the terminal wraps it, but it is
            # one word to copy and to search for.
            line.no_wrap, line.overflow = True, "ignore"
            yield line


def blocks(rows: Iterable[tuple[Text, list[tuple[str, Text]]]], indent: int = 2) -> Iterable[RenderableType]:
    """Each row as its heading, then its labelled values indented beneath it (values wrap under
    themselves); for tables too wide for the room."""
    from rich.padding import Padding

    for heading, values in rows:
        yield heading
        shown = grid()
        for label, value in values:
            shown.add_row(label, value)
        if shown.row_count:
            yield Padding(shown, (0, 0, 0, indent))


def heading(key: Text, rest: Text, gap: int = 2) -> Table:
    """An id (whole) and a text beside it that wraps under itself."""
    table = Table.grid(padding=(0, gap))
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    table.add_row(key, rest)
    return table
