"""The HTML report's time charts as geometry: every figure and its arrow inside the picture, the axes'
labels apart and inside it, over any dates and values (the picture itself: the screenshots of
tests/test_html_browser.py)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from support import FIXTURES, html_report

from factledger.export.html.charts import Chart, charts_of
from factledger.model.entries import Citation, Claim, DateSpan, Ledger, PartialDate, Ref, Source, Value
from factledger.problems.diagnostics import Location
from factledger.query.timeline import numeric_series

WHERE = Location("generated.yaml", 1, 1)
START = dt.date(2026, 3, 1).toordinal()
KINDS = st.sampled_from(["exact", "approx", "at_least", "more_than", "at_most", "less_than", "range"])
CHARACTER = 8.6  # the widest a tick's character is drawn (14 px, a sans-serif's digits and dash)


@st.composite
def ledgers(draw: st.DrawFn) -> Ledger:
    """Two to twelve figures on one question, on days or months up to some years apart."""
    sources = [Source(f"S{i}", f"Source {i}", "other", WHERE) for i in range(3)]
    span = draw(st.sampled_from([0, 2, 6, 40, 400, 4000]))
    claims = []
    for i in range(draw(st.integers(2, 12))):
        day = dt.date.fromordinal(START + draw(st.integers(0, span)))
        date = PartialDate(day.year, day.month, None if draw(st.booleans()) else day.day)
        kind, number = draw(KINDS), draw(st.integers(0, 10**6))
        value = (Value("range", low=number, high=number + draw(st.integers(0, 10**5))) if kind == "range"
                 else Value(kind, number=number))
        claims.append(Claim(f"c{i}", "s", WHERE, subject="fire", property="deaths", value=value,
                            date=DateSpan.single(date),
                            citations=[Citation(Ref(draw(st.sampled_from(sources)).id, WHERE), WHERE)]))
    return Ledger(sources=sources, claims=claims)


def drawn(ledger: Ledger) -> Chart:
    [series] = numeric_series(ledger.claims, ledger)
    [chart] = charts_of(series)
    return chart


@settings(max_examples=200, deadline=None)
@given(ledgers())
def test_every_figure_its_arrow_and_every_label_is_inside_the_picture_and_apart(ledger: Ledger) -> None:
    chart = drawn(ledger)
    x0, y0, x1, y1 = chart.plot
    for m in chart.marks:
        assert x0 <= m.x_from <= m.x <= m.x_to <= x1, m
        assert y0 <= m.y_high <= m.y <= m.y_low <= y1, m
        # An open bound's arrow (19 units long) stays inside the picture: upwards, above the plot's top.
        if m.bound == "lower":
            assert m.y - 19 >= 0, m
    assert 2 <= len(chart.x_ticks) <= 7
    ticks = sorted(chart.x_ticks, key=lambda t: t.at)
    for tick in ticks:  # a label is centred on its tick
        half = len(tick.label) * CHARACTER / 2
        assert x0 - 60 <= tick.at - half and tick.at + half <= chart.width, tick
    for left, right in zip(ticks, ticks[1:], strict=False):
        room = (len(left.label) + len(right.label)) * CHARACTER / 2
        assert right.at - left.at >= room, (left, right)


def test_figures_a_few_days_apart_spread_over_the_axis() -> None:
    claims = [Claim(f"c{n}", "s", WHERE, subject="fire", property="deaths", value=Value("exact", number=n),
                    date=DateSpan.single(PartialDate(2026, 3, 4 + n)), citations=[Citation(Ref("S", WHERE), WHERE)])
              for n in range(3)]
    chart = drawn(Ledger(sources=[Source("S", "Source", "other", WHERE)], claims=claims))
    x0, _, x1, _ = chart.plot
    first, last = chart.marks[0].x, chart.marks[-1].x
    assert last - first >= (x1 - x0) / 2  # not a huddle in the middle of a month
    assert [t.label for t in chart.x_ticks] == ["2026-03-03", "2026-03-05", "2026-03-07"]


def _figures(question: str, sources: list[str]) -> list[Claim]:
    return [Claim(f"{question}-{n}", "s", WHERE, subject="fire", property=question, value=Value("exact", number=n),
                  date=DateSpan.single(PartialDate(2026, 3, 1 + n)), citations=[Citation(Ref(s, WHERE), WHERE)])
            for n, s in enumerate(sources)]


def test_a_source_keeps_its_look_in_every_chart_and_no_two_sources_of_a_chart_look_alike() -> None:
    names = [f"S{i}" for i in range(9)]  # more sources than colours
    ledger = Ledger(sources=[Source(s, s, "other", WHERE) for s in names],
                    claims=_figures("deaths", names) + _figures("missing", list(reversed(names[3:]))))
    styles: dict[str, int] = {}
    charts = [c for series in numeric_series(ledger.claims, ledger) for c in charts_of(series, styles)]
    assert len(charts) == 2
    looks = [{sources: (colour, shape) for colour, sources, shape in chart.legend} for chart in charts]
    for look in looks:
        assert len(set(look.values())) == len(look), look  # no two sources of one chart alike
    assert all(looks[0][s] == looks[1][s] for s in looks[1]), looks  # one source, one look, across the page
    assert any(shape for _, _, shape in charts[0].legend)  # beyond the colours, another marker
    drawn_shapes = {(m.colour, m.shape, m.marker != "") for m in charts[0].marks}
    assert all(has_path == (shape != 0) for _, shape, has_path in drawn_shapes)


@settings(max_examples=200, deadline=None)
@given(ledgers())
def test_figures_are_drawn_in_the_order_of_time_and_no_bar_starts_before_the_first_figure(ledger: Ledger) -> None:
    """A month among days of its own is drawn at its last day, as every view orders it (never before a day it
    holds), and its bar starts no earlier than the question's first figure of its own (issue 22, the charts)."""
    [series] = numeric_series(ledger.claims, ledger)
    [chart] = charts_of(series)
    xs = [m.x for m in chart.marks]
    assert xs == sorted(xs), [(m.claim, m.x) for m in chart.marks]
    first = min(m.x_from for m, p in zip(chart.marks, series.points, strict=True) if not p.placed)
    for m, p in zip(chart.marks, series.points, strict=True):
        assert m.x_from >= first, m
        assert m.clipped == ("its bar from" in m.label), m  # a cut bar is said
        assert not m.clipped or (p.placed and m.x_from == first), m


def test_a_month_among_its_days_is_drawn_at_its_last_day_its_bar_cut_and_said() -> None:
    """The analyst's case (tests/fixtures/check/chart-month-among-days): 'September' said among the 12th and
    the 16th is drawn after them, its bar dashed from the 12th, and its note says both."""
    def claim(n: int, date: PartialDate) -> Claim:
        return Claim(f"c{n}", "s", WHERE, subject="flood", property="deaths", value=Value("exact", number=n),
                     date=DateSpan.single(date), citations=[Citation(Ref("S", WHERE), WHERE)])
    ledger = Ledger(sources=[Source("S", "Source", "other", WHERE)],
                    claims=[claim(2300, PartialDate(2026, 9, 12)), claim(3252, PartialDate(2026, 9, 16)),
                            claim(3845, PartialDate(2026, 9)), claim(4331, PartialDate(2026, 10, 2))])
    chart = drawn(ledger)
    assert [m.claim for m in chart.marks] == ["c2300", "c3252", "c3845", "c4331"]
    month = chart.marks[2]
    assert month.x == month.x_to > chart.marks[1].x, month
    assert month.clipped and month.x_from == chart.marks[0].x, month
    assert chart.figures[2].note == ("dated only to 2026-09: drawn at the last day it allows, its bar from the "
                                     "question's first figure (2026-09-12)")
    assert not any(m.clipped for m in chart.marks[:2] + chart.marks[3:])


def test_the_page_keys_a_dashed_span() -> None:
    page = html_report(FIXTURES / "check" / "chart-month-among-days")
    assert page.count('class="span clipped"') == 1 and page.count('class="key dashed"') == 1
    assert "drawn at its last day, dashed from the question's first figure" in page
