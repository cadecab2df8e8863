"""Human output for `stats` and `timeline`: Rich tables, and bar charts drawn with block characters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from factledger.api.results import Point, Series
from factledger.model.entries import Claim
from factledger.render.claims import claims_table
from factledger.render.layout import Fields, Fitted, heading, minimum_width
from factledger.render.style import safe_text
from factledger.text.plural import plural

if TYPE_CHECKING:
    from factledger.api.results import Statistics, Timeline

_TITLES = {"source": "By source", "status": "By status", "subject": "By subject", "tag": "By tag", "month": "By month"}
_BAR = 24  # fits beside date, value and source in 80 columns
_EIGHTHS = " ▏▎▍▌▋▊▉"
_BOUND_MARK = {"lower": "▸", "upper": "◂"}  # an open bound's bar: the figure is where it starts, or where it ends


def stats_tables(stats: dict[str, dict[str, int]], total: int) -> RenderableType:
    parts: list[RenderableType] = [Text(plural(total, "claim"), style="bold")]
    for name, counts in stats.items():
        table = Table(title=_TITLES[name], title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        table.add_column(name, no_wrap=True)  # an id, a slug or a month: whole, or the layout changes
        table.add_column("claims", justify="right", no_wrap=True)
        for key, count in counts.items():
            table.add_row(safe_text(key), str(count))
        if not counts:  # a header over "none" would read as a value named none
            parts += [Text(_TITLES[name], style="italic"), Text(f"  (no {name} in these claims)", style="dim")]
            continue

        def as_lines(title: str = _TITLES[name], counts: dict[str, int] = counts) -> list[RenderableType]:
            rows: list[RenderableType] = [Text(title, style="italic")]
            rows += [Fields([Text(f"{count:>6}"), safe_text(key)], hang=8) for key, count in counts.items()]
            return rows if counts else [*rows, Text("  none", style="dim")]

        parts.append(Fitted(table, as_lines))
    return Group(*parts)


def bar(value: float, largest: float, width: int = _BAR) -> str:
    """A horizontal bar, in eighths of a character, proportional to ``value``."""
    if largest <= 0 or value <= 0:
        return ""
    eighths = round(value / largest * width * 8)
    return "█" * (eighths // 8) + (_EIGHTHS[eighths % 8] if eighths % 8 else "")


class SeriesChart:
    """Each dated value as a bar, in the order of time (negative values are listed without a bar); an open
    bound's bar ends in ▸ (at least) or ◂ (at most). The bar takes the room the other columns leave (at
    most 24 characters); where too little is left, each point becomes a block, so that no date, value or
    id is ever cut."""

    def __init__(self, series: Series) -> None:
        self.series = series
        unit = f" ({series.unit})" if series.unit else ""
        if series.mixed_units:
            unit += " — mixed units, bars not comparable"
        self.title = safe_text(f"{series.question}{unit}")
        self.rows: list[tuple[str, Point, str]] = []
        for point in series.points:  # in the order of time, whoever said each
            shown = str(point.claim.value)
            if point.claim.value and point.claim.value.unit and not series.mixed_units:
                shown = shown.removesuffix(f" {point.claim.value.unit}")  # the title names the unit
            self.rows.append((", ".join(point.claim.originators()), point, shown))

    def _bar(self, point: Point, width: int) -> str:
        drawn = bar(point.figure, self.series.largest, width - 1)
        # Still drawn, but in a lighter shade: a later figure has taken its place.
        drawn = "░" * len(drawn) if point.superseded_by else drawn
        return drawn + _BOUND_MARK.get(point.bound or "", "") if drawn else drawn

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # The bar takes what the whole columns leave: measured on the table drawn without it.
        fixed = minimum_width(console, options, self._table(0))
        room = min(_BAR, options.max_width - fixed)
        if room >= 8:
            yield self._table(room)
            return
        yield Text.assemble(self.title)
        width = max(8, min(_BAR, options.max_width - 4))
        for source, point, shown in self.rows:
            yield Padding(Fields([safe_text(point.claim.date), safe_text(source, "bold"), safe_text(shown),
                                  safe_text(point.claim.id, "dim")]), (0, 0, 0, 2))
            drawn = self._bar(point, width)
            if drawn:
                yield Padding(Text(drawn, style="cyan"), (0, 0, 0, 4))

    def _table(self, room: int) -> Table:
        table = Table(title=self.title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        table.add_column("date", no_wrap=True)
        table.add_column("source", style="bold", no_wrap=True)
        table.add_column("value", justify="right", no_wrap=True)
        table.add_column("", no_wrap=True, style="cyan")
        table.add_column("claim", style="dim", no_wrap=True)
        for source, point, shown in self.rows:
            table.add_row(safe_text(point.claim.date), safe_text(source), safe_text(shown), self._bar(point, room),
                          safe_text(point.claim.id))
        return table


def series_chart(series: Series) -> RenderableType:
    return SeriesChart(series)


def _notes(series: Series) -> list[RenderableType]:
    """What the marks mean, and what is not drawn."""
    notes: list[RenderableType] = []
    marked = [f"{p.claim.id} by {', '.join(p.superseded_by)}" for p in series.points if p.superseded_by]
    if marked:
        notes.append(heading(Text("░ superseded:", style="dim"), safe_text("; ".join(marked), "dim"), gap=1))
    bounds = sorted({p.bound for p in series.points if p.bound})
    if bounds:
        said = {"lower": "▸ a lower bound (at least, more than)", "upper": "◂ an upper bound (at most, less than)"}
        notes += [Text(said[b], style="dim") for b in bounds]
    placed = [f"{p.claim.id} ({p.claim.date})" for p in series.points if p.placed]
    if placed:
        notes.append(heading(Text("at the last day its date allows:", style="dim"), safe_text("; ".join(placed), "dim"),
                             gap=1))
    if series.left_out:
        notes.append(heading(Text("not drawn:", style="dim"),
                             safe_text("; ".join(f"{c} ({why})" for c, why in series.left_out), "dim"), gap=1))
    return notes


def timeline(claims: list[Claim], series: list[Series]) -> RenderableType:
    parts: list[RenderableType] = [claims_table(claims)]
    for s in series:
        parts += [Text(""), series_chart(s), *_notes(s)]
    if claims and not series:
        parts.append(Text("(no numeric question here has two or more dated values to chart)", style="dim"))
    return Group(*parts)


def stats_text(result: Statistics) -> RenderableType:
    return stats_tables(result.tables, result.claims)


def timeline_text(result: Timeline) -> RenderableType:
    return timeline(result.claims, result.series)
