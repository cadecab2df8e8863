"""Human output for `stats` and `timeline`: Rich tables, and bar charts drawn with block characters."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from typing import TYPE_CHECKING

from factledger.model import Claim
from factledger.render.claims import claims_table
from factledger.render.style import safe_text
from factledger.timeline import Series

if TYPE_CHECKING:
    from factledger.api import Statistics, Timeline

_TITLES = {"source": "By source", "status": "By status", "subject": "By subject", "tag": "By tag", "month": "By month"}
_BAR = 24  # fits beside date, value and source in 80 columns
_EIGHTHS = " ▏▎▍▌▋▊▉"


def stats_tables(stats: dict[str, dict[str, int]], total: int) -> RenderableType:
    parts: list[RenderableType] = [Text(f"{total} claim{'s' if total != 1 else ''}", style="bold")]
    for name, counts in stats.items():
        table = Table(title=_TITLES[name], title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        table.add_column(name, overflow="fold")
        table.add_column("claims", justify="right")
        for key, count in counts.items():
            table.add_row(safe_text(key), str(count))
        if not counts:
            table.add_row(Text("none", style="dim"), "")
        parts.append(table)
    return Group(*parts)


def bar(value: float, largest: float, width: int = _BAR) -> str:
    """A horizontal bar, in eighths of a character, proportional to ``value``."""
    if largest <= 0 or value <= 0:
        return ""
    eighths = round(value / largest * width * 8)
    return "█" * (eighths // 8) + (_EIGHTHS[eighths % 8] if eighths % 8 else "")


def series_chart(series: Series) -> RenderableType:
    """Per source, each dated value as a bar (negative values are listed without a bar)."""
    unit = f" ({series.unit})" if series.unit else ""
    if series.mixed_units:
        unit += " — mixed units, bars not comparable"
    table = Table(title=safe_text(f"{series.question}{unit}"), title_justify="left", box=box.SIMPLE_HEAD,
                  show_edge=False, pad_edge=False)
    table.add_column("source", style="bold", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("value", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True, style="cyan")
    table.add_column("claim", style="dim", no_wrap=True)
    for source, points in sorted(series.by_source.items()):
        for index, point in enumerate(points):
            claim = point.claim
            shown = str(claim.value)
            if claim.value and claim.value.unit and not series.mixed_units:
                shown = shown.removesuffix(f" {claim.value.unit}")  # the title names the unit
            drawn = bar(point.figure, series.largest)
            if point.superseded_by:  # still drawn, but in a lighter shade: its source has said otherwise since
                drawn = "░" * len(drawn)
            table.add_row(safe_text(source if index == 0 else ""), safe_text(claim.date), safe_text(shown), drawn,
                          safe_text(claim.id))
    return table


def _superseded_note(series: Series) -> Text | None:
    marked = [f"{p.claim.id} by {', '.join(p.superseded_by)}" for points in series.by_source.values() for p in points
              if p.superseded_by]
    return safe_text(f"░ superseded: {'; '.join(marked)}", "dim") if marked else None


def timeline(claims: list[Claim], series: list[Series]) -> RenderableType:
    parts: list[RenderableType] = [claims_table(claims)]
    for s in series:
        parts += [Text(""), series_chart(s)]
        note = _superseded_note(s)
        if note is not None:
            parts.append(note)
    if claims and not series:
        parts.append(Text("(no numeric question here has two or more dated values to chart)", style="dim"))
    return Group(*parts)


def stats_text(result: "Statistics") -> RenderableType:
    return stats_tables(result.tables, result.claims)


def timeline_text(result: "Timeline") -> RenderableType:
    return timeline(result.claims, result.series)
