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

from factledger.export.summary import Chart, Dispute, Reference, Summary, summarise
from factledger.formats.markdown import code, md
from factledger.model.entries import DateSpan, Value
from factledger.model.urls import web_url
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


def _mermaid_label(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9 ._/%-]", "", text)[:40]


def _plain_number(x: float) -> str:
    """Digits only, never an exponent: Mermaid's charts do not read 1e+16."""
    text = f"{x:.10f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def chart(chart: Chart) -> list[str]:
    """A Mermaid bar chart (GitHub renders it, no image file)."""
    labels = ", ".join('"' + _mermaid_label(label) + '"' for label, _ in chart.bars)
    values = ", ".join(_plain_number(figure) for _, figure in chart.bars)
    return ["```mermaid", "xychart-beta", f'    title "{_mermaid_label(chart.question)}"',
            f"    x-axis [{labels}]", f'    y-axis "{_mermaid_label(chart.unit) or "value"}"',
            f"    bar [{values}]", "```", ""]


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return lines + [""]


_LABELS = {"conflict": "Conflict", "acknowledged": "Acknowledged", "known-dispute": "Known dispute",
           "superseded": "Superseded", "historical-conflict": "History"}


def _dispute(dispute: Dispute) -> str:
    sides = [f"{code(s.claim)} ({md(', '.join(s.sources))}, {md(s.when)}): {md(human_value(s.value) or 'no value')}"
             for s in dispute.sides]
    return f"- **{_LABELS[dispute.kind]}**: {md(dispute.reason)}. {'; '.join(sides)}."


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
            for drawn in question.charts:
                out += chart(drawn)
            if question.charts:
                out += ["*Hedged values are plotted at their figure (\"up to 12,000\" as 12,000; a range at its "
                        "middle); superseded and retracted values are not plotted.*", ""]
            rows = [[md(human_date(r.claim.date)), md(r.claim.statement) + "".join(f"[^{n}]" for n in r.references),
                     md(human_value(r.claim.value)), md(", ".join(r.claim.originators())),
                     md(r.claim.status + (f"; superseded by {', '.join(r.superseded_by)}" if r.superseded_by else ""))]
                    for r in question.rows]
            out += _table(["Date", "Statement", "Value", "Sources", "Status"], rows)
    out += ["## Disputes and conflicts", ""]
    if summary.disputes:
        out += [_dispute(d) for d in summary.disputes] + [""]
    else:
        out += ["No conflicts, disputes or supersessions among these claims." if summary.disputes is not None else
                "Not cross-checked.", ""]
    out += ["## Sources", ""]
    rows = [[md(s.id), md(s.name), md(s.kind), md(s.country or ""), md(s.reliability or ""), str(n)]
            for s, n in summary.sources]
    out += _table(["Id", "Name", "Kind", "Country", "Reliability", "Claims"], rows) if rows else ["No sources.", ""]
    if summary.references:
        out += ["## References", "", *(f"[^{n}]: {_reference(r)}" for n, r in enumerate(summary.references, 1)), ""]
    return "\n".join(out).rstrip("\n") + "\n"


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
