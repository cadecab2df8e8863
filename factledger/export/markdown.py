"""`export markdown`: a GitHub-flavoured summary for people, safe against whatever the data holds.

Everything from the ledger passes through :func:`md` (text) or :func:`link` (URLs) on its
way into the document, so a statement holding `|`, a newline, a backtick or `<script>` is
shown as text and never changes the document's structure.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from urllib.parse import quote

from factledger.check.findings import CheckResult, Finding
from factledger.model import Claim, DateSpan, Ledger, Value
from factledger.query import SortKey, originators, sort_claims
from factledger.escapes import safe
from factledger.urls import web_url

# Backslash-escape what would become markup: emphasis, code, links, tables, HTML, entities, math,
# strikethrough. CommonMark allows a backslash before any ASCII punctuation.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$])")
_AUTOLINK = re.compile(r"(?i)(://|www\.|@)")


def md(value: object) -> str:
    """Ledger text as inline markdown that renders as exactly that text, on one line.

    Runs of whitespace (newlines and tabs too) become one space and the ends are trimmed: markdown
    would do the same, and a trailing space inside ** or * would stop the emphasis working.
    """
    text = " ".join(str(value).split()) if value is not None else ""
    text = safe(text, keep_newlines=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # GitHub turns bare URLs, www. names and e-mail addresses into links: break the pattern.
    text = _AUTOLINK.sub(lambda m: {"://": r":\/\/", "@": r"\@"}.get(m.group(1), m.group(1)[:-1] + r"\."), text)
    if text.startswith(("#", "+", "-", "=", ">")):
        text = "\\" + text
    return text


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


@dataclass
class _Footnotes:
    lines: list[str]

    def add(self, text: str) -> str:
        self.lines.append(f"[^{len(self.lines) + 1}]: {text}")
        return f"[^{len(self.lines)}]"


def code(text: str) -> str:
    """An id as a code span (backslash escapes do not work inside one, so backticks are removed)."""
    return "`" + safe(" ".join(text.split()), keep_newlines=False).replace("`", "") + "`"


def _mermaid_label(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9 ._/%-]", "", text)[:40]


def _plain_number(x: float) -> str:
    """Digits only, never an exponent: Mermaid's charts do not read 1e+16."""
    text = f"{x:.10f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def chart(question: str, claims: list[Claim], ledger: Ledger) -> list[str]:
    """Mermaid bar charts of a numeric question's values over time (GitHub renders them, no image file).

    One chart per unit: values in different units are not comparable, so they never share an axis.
    """
    points = [c for c in claims if c.value is not None and c.value.is_numeric and c.date is not None]
    units = {c.value.unit.strip().casefold() for c in points if c.value and c.value.unit}  # type: ignore[union-attr]
    by_unit: dict[str, list[Claim]] = defaultdict(list)
    for c in points:
        unit = c.value.unit if c.value and c.value.unit else None  # type: ignore[union-attr]
        # A value with no unit is in the question's unit when it has just one.
        by_unit[unit.strip() if unit else (next(iter(units)) if len(units) == 1 else "")].append(c)
    lines: list[str] = []
    for unit, group in sorted(by_unit.items()):
        if len(group) < 2:
            continue
        labels = ", ".join('"' + _mermaid_label(f"{c.date} {' '.join(originators(ledger, c))}") + '"' for c in group)
        values = ", ".join(_plain_number(c.value.figure) for c in group)  # type: ignore[union-attr]
        lines += ["```mermaid", "xychart-beta", f'    title "{_mermaid_label(question)}"',
                  f"    x-axis [{labels}]", f'    y-axis "{_mermaid_label(unit) or "value"}"',
                  f"    bar [{values}]", "```", ""]
    if lines:
        lines += ["*Hedged values are plotted at their figure (\"up to 12,000\" as 12,000; a range at its middle).*", ""]
    return lines


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return lines + [""]


def _span(claims: list[Claim]) -> str:
    starts = [c.date.start for c in claims if c.date is not None and c.date.start is not None]
    ends = [c.date.end for c in claims if c.date is not None and c.date.end is not None]
    if not starts and not ends:
        return ""
    first = min((s.first(), str(s)) for s in starts)[1] if starts else "…"
    last = max((e.last(), str(e)) for e in ends)[1] if ends else "…"
    return f", dated {first} to {last}" if first != last else f", dated {first}"


def _finding_line(f: Finding, ledger: Ledger) -> str:
    label = {"conflict": "Conflict", "known-dispute": "Known dispute", "superseded": "Superseded"}[f.kind]
    sides = []
    for side in f.sides:
        claim = ledger.claim(side.claim)
        value = human_value(claim.value) if claim is not None and claim.value is not None else "no value"
        sides.append(f"{code(side.claim)} ({md(', '.join(side.sources))}, {md(side.when)}): {md(value)}")
    return f"- **{label}**: {md(f.reason or f.message)}. {'; '.join(sides)}."


def summary(ledger: Ledger, claims: list[Claim], checked: CheckResult | None, title: str,
            filters: str = "", generated: str = "") -> str:
    """The markdown document for ``claims`` (a filtered part of ``ledger``, or all of it)."""
    notes = _Footnotes([])
    claims = sort_claims(claims, SortKey.date)
    cited = {s for c in claims for s in originators(ledger, c)}
    documents = {c.document.id for claim in claims for c in claim.citations if c.document}
    statuses = Counter(c.status for c in claims)
    out = [f"# {md(title)}", ""]
    overview = (f"{len(claims)} claim{'s' if len(claims) != 1 else ''} from {len(cited)} "
                f"source{'s' if len(cited) != 1 else ''} in {len(documents)} document{'s' if len(documents) != 1 else ''}"
                f"{_span(claims)}. By status: " + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())) + ".")
    out += [overview if claims else "No claims match.", ""]
    if filters:
        out += [f"Filtered to {md(filters)}.", ""]
    if generated:
        out += [f"Generated {md(generated)}.", ""]

    by_subject: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for c in claims:
        by_subject[c.subject or ""][c.property or ""].append(c)
    for subject in sorted(by_subject, key=lambda s: (s == "", s)):
        out += [f"## {md(subject) if subject else 'Other claims'}", ""]
        for prop in sorted(by_subject[subject], key=lambda p: (p == "", p)):
            group = by_subject[subject][prop]
            question = f"{subject} / {prop}" if subject and prop else (subject or prop)
            if prop:
                out += [f"### {md(prop)}", ""]
            elif subject:
                out += ["### No property", ""]
            out += chart(question, group, ledger)
            rows = []
            for c in group:
                refs = "".join(notes.add(_reference(ledger, x)) for x in c.citations)
                rows.append([md(human_date(c.date)), md(c.statement) + refs, md(human_value(c.value)),
                             md(", ".join(originators(ledger, c))), md(c.status)])
            out += _table(["Date", "Statement", "Value", "Sources", "Status"], rows)

    out += ["## Disputes and conflicts", ""]
    shown = [f for f in (checked.findings if checked else []) if f.kind in ("conflict", "known-dispute", "superseded")
             and {c.id for c in claims}.intersection(f.claims)]
    if shown:
        order = {"conflict": 0, "known-dispute": 1, "superseded": 2}
        out += [_finding_line(f, ledger) for f in sorted(shown, key=lambda f: (order[f.kind], f.claims))] + [""]
    else:
        out += ["No conflicts, disputes or supersessions among these claims." if checked else
                "Not cross-checked.", ""]

    out += ["## Sources", ""]
    counts = Counter(s.casefold() for c in claims for s in originators(ledger, c))
    # The whole ledger lists every source; a filtered summary, those its claims cite.
    rows = [[md(s.id), md(s.name), md(s.kind), md(s.country or ""), md(s.reliability or ""),
             str(counts.get(s.id.casefold(), 0))]
            for s in sorted(ledger.sources, key=lambda s: s.id.casefold())
            if not filters or s.id.casefold() in counts]
    out += _table(["Id", "Name", "Kind", "Country", "Reliability", "Claims"], rows) if rows else ["No sources.", ""]

    if notes.lines:
        out += ["## References", "", *notes.lines, ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _reference(ledger: Ledger, citation) -> str:  # type: ignore[no-untyped-def]
    source = ledger.source(citation.source.id)
    parts = [f"**{md(source.name if source else citation.source.id)}**"]
    if citation.via:
        parts.append(f"via {md(', '.join(r.id for r in citation.via))}")
    if citation.quote:
        parts.append(f"“{md(citation.quote)}”")
    document = ledger.document(citation.document.id) if citation.document else None
    if document is not None:
        title = f"*{md(document.title)}*"
        parts.append(link(document.url, title) + (f" ({md(document.published)})" if document.published else ""))
    if citation.date:
        parts.append(f"said {md(human_date(citation.date))}")
    if citation.url:
        parts.append(link(citation.url, md(citation.url)))
    return ", ".join(parts) + "."
