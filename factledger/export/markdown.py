"""`export markdown`: a GitHub-flavoured summary for people, safe against whatever the data holds.

It spells a :class:`~factledger.export.summary.Summary` (what the summary says is decided there).
Everything from the ledger passes through :func:`md` (text) or :func:`link` (URLs) on its way
into the document, so a statement holding `|`, a newline, a backtick or `<script>` is shown as
text and never changes the document's structure.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import quote

from factledger.export.summary import Chart, Dispute, Reference, Row, Summary, summarise
from factledger.model.entries import DateSpan, Review, Value
from factledger.model.urls import web_url
from factledger.text.markdown import code, md
from factledger.text.plural import plural

if TYPE_CHECKING:
    from factledger.export.inputs import ExportInput


def link(url: str | None, label: str) -> str:
    """A markdown link when ``url`` is a publishable http(s) address; otherwise the label alone."""
    address = web_url(url)
    if address is None:
        return label
    # Percent-encode what would end or break the link destination.
    return f"[{label}]({quote(address, safe=':/?#@!$&*+,;=%-._~')})"


def human_value(value: Value | None) -> str:
    """Numbers as people write them: 1,500; ~1,500; ≥ 3,000; up to 12,000; over 8,000,000."""
    return value.display(prose=True) if value is not None else ""


def human_date(span: DateSpan | None) -> str:
    """2024-10; 2023-08 to 2024-10; since 2023-08; until 2024-10."""
    if span is None:
        return ""
    if not span.is_range:
        return str(span)
    if span.start and span.end:
        return f"{span.start} to {span.end}"
    return f"since {span.start}" if span.start else f"until {span.end}"


# What a Mermaid label may hold: letters and digits of any script (km², m³/s), spaces, and signs that mean
# something in a unit or a value (°C, €, ≥ 5, ~1,500 as ~1500); never a quote, bracket, comma, colon or
# anything Mermaid or HTML would read as syntax.
_MERMAID_SIGNS = frozenset(" ._/%-–+~≥≤°€$£¥·×()")


_EXPONENT = re.compile(r"[0-9][0-9.]*e[-+][0-9]+")


def _mermaid_label(text: str, limit: int = 60) -> str:
    text = _EXPONENT.sub(lambda m: _plain_number(float(m.group())), text)  # 1e-05 as 0.00001, as the bars are
    kept = "".join(c for c in text if c.isalnum() or c in _MERMAID_SIGNS)
    return " ".join(kept.split())[:limit]


def _plain_number(x: float) -> str:
    """Digits only, never an exponent: Mermaid's charts do not read 1e+16."""
    text = f"{x:.10f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def chart(chart: Chart) -> list[str]:
    """A Mermaid bar chart (GitHub renders it, no image file), its bars in the order of time, each labelled
    with its date, sources and value as written ("≥ 5" is at least 5)."""
    labels = ", ".join('"' + _mermaid_label(label) + '"' for label, _ in chart.bars)
    values = ", ".join(_plain_number(figure) for _, figure in chart.bars)
    return ["```mermaid", "xychart-beta", f'    title "{_mermaid_label(chart.question, 80)}"',
            f"    x-axis [{labels}]", f'    y-axis "{_mermaid_label(chart.unit) or "value"}"',
            f"    bar [{values}]", "```", ""]


def _chart_note(charts: list[Chart]) -> list[str]:
    left_out = list(dict.fromkeys(f"{code(c)} ({md(why)})" for drawn in charts for c, why in drawn.left_out))
    note = ("*Bars are in the order of time, each labelled with its value as written: a bound (≥ 5, up to 12,000) "
            "is drawn at its figure, a range at its middle; a figure a later one superseded is labelled "
            "superseded. Estimates withdrawn for the same time and retracted claims are not plotted.*")
    placed = list(dict.fromkeys(f"{code(c)} ({md(date)})" for drawn in charts for c, date in drawn.placed))
    return [note, ""] + ([f"Not plotted: {'; '.join(left_out)}.", ""] if left_out else []) + \
        ([f"Dated only to a month or a year, so drawn at the last day its date allows: {'; '.join(placed)}.", ""]
         if placed else [])


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return lines + [""]


_LABELS = {"conflict": "Conflict", "narrow-gap": "Narrow gap", "acknowledged": "Acknowledged",
           "disowned": "Disowned by its source", "known-dispute": "Known dispute", "superseded": "Superseded",
           "historical-conflict": "History"}


def _dispute(dispute: Dispute) -> str:
    sides = [f"{code(s.claim)} ({md(', '.join(s.sources))}, {md(s.when)}): {md(human_value(s.value) or 'no value')}"
             for s in dispute.sides]
    on = f" ({md(dispute.question)})" if dispute.question else ""
    return f"- **{_LABELS[dispute.kind]}**{on}: {md(dispute.reason)}. {'; '.join(sides)}."


def _overview(summary: Summary) -> str:
    if not summary.claims:
        return "No claims match."
    first, last = summary.first_date, summary.last_date
    dated = "" if first is None else (f", dated {first} to {last}" if first != last else f", dated {first}")
    return (f"{plural(len(summary.claims), 'claim')} from {plural(summary.source_count, 'source')} in "
            f"{plural(summary.document_count, 'document')}{dated}. By status: "
            + ", ".join(f"{n} {s}" for s, n in summary.statuses) + ".")


def markdown(summary: Summary) -> str:
    """The markdown document spelling ``summary``."""
    out = [f"# {md(summary.title)}", "", _overview(summary), ""]
    if summary.filters:
        out += [f"Filtered to {md(summary.filters)}.", ""]
    if summary.generated:
        out += [f"Generated {md(summary.generated)}.", ""]
    for subject, questions in summary.subjects:
        out += [f"## {md(subject) if subject else 'Other claims'}", ""]
        for question in questions:
            qualified = (" (" + ", ".join(f"{k}: {v}" for k, v in question.qualifiers) + ")"
                         if question.qualifiers else "")
            if question.property:
                out += [f"### {md(question.property + qualified)}", ""]
            elif subject:
                out += ["### No property", ""]
            if question.positions:
                scope = " (of every claim on the question)" if summary.filters else ""
                out += [f"**Positions{scope}:** {md(question.positions)}.", ""]
            out += [f"**{md(label.capitalize())}:** {md(text)}.\n" for label, text in question.notes]
            for drawn in question.charts:
                out += chart(drawn)
            if question.charts:
                out += _chart_note(question.charts)
            rows = [[md(human_date(r.claim.date)), md(r.claim.statement) + "".join(f"[^{n}]" for n in r.references),
                     md(human_value(r.claim.value)), md(", ".join(r.claim.originators())), _status(r)]
                    for r in question.rows]
            out += _table(["Date", "Statement", "Value", "Sources", "Status"], rows)
    out += ["## Disputes and conflicts", ""]
    if summary.disputes:
        out += [_dispute(d) for d in summary.disputes] + [""]
    else:
        out += ["No conflicts, disputes or supersessions among these claims." if summary.disputes is not None else
                "Not cross-checked.", ""]
    if summary.reviews:
        out += ["## Reviews", "", *(_review(r) for r in summary.reviews), ""]
    out += ["## Sources", ""]
    rows = [[md(s.id), md(s.name), md(s.kind), md(s.country or ""), md(s.reliability or ""), str(n), str(relayed)]
            for s, n, relayed in summary.sources]
    out += _table(["Id", "Name", "Kind", "Country", "Reliability", "Claims", "Relayed"], rows) if rows else \
        ["No sources.", ""]
    if summary.references:
        out += ["## References", "", *(f"[^{n}]: {_reference(r)}" for n, r in enumerate(summary.references, 1)), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _status(row: Row) -> str:
    """The keeper's status, what superseded the claim, and each fact-checker's verdict with its link."""
    said = md(row.claim.status + (f"; superseded by {', '.join(row.superseded_by)}" if row.superseded_by else ""))
    reviewed = [f"{md(r.verdict)} by {link(r.url, md(r.by.id))}" for r in row.reviews]
    return said + (f"; reviewed: {', '.join(reviewed)}" if reviewed else "")


def _review(review: Review) -> str:
    rating = review.rating.label if review.rating is not None and review.rating.label else None
    parts = [f"- {code(review.claim.id)}: **{md(review.by.id)}**", f"verdict {md(review.verdict)}"]
    if rating:
        parts.append(f"rated “{md(rating)}”")
    if review.date:
        parts.append(md(str(review.date)))
    if review.headline:
        parts.append(f"*{md(review.headline)}*")
    if review.url:
        parts.append(link(review.url, md(review.url)))
    return ", ".join(parts) + "."


def _reference(reference: Reference) -> str:
    parts = [f"**{md(reference.source)}**"]
    if reference.via:
        parts.append(f"via {md(', '.join(reference.via))}")
    if reference.quote:
        parts.append(f"“{md(reference.quote)}”")
    if reference.document_title is not None:
        title = f"*{md(reference.document_title)}*"
        published = f" ({md(reference.document_published)})" if reference.document_published else ""
        parts.append(link(reference.document_url, title) + published)
    if reference.said:
        parts.append(f"said {md(human_date(reference.said))}")
    if reference.url:
        parts.append(link(reference.url, md(reference.url)))
    return ", ".join(parts) + "."


def export(given: ExportInput) -> str:
    """`export markdown`."""
    return markdown(summarise(given.ledger, given.claims, given.checked, given.options.title, given.filters,
                              given.generated))
