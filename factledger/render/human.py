"""Human output with Rich. Every piece of ledger text goes through :func:`t`, which makes a
:class:`rich.text.Text` (never parsed as markup) with control characters escaped."""

from __future__ import annotations

from typing import Iterable

from rich import box
from typing import Iterator

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from factledger.codes import Code
from factledger.diagnostics import Diagnostic, Severity, count_by_severity
from factledger.check.findings import QUIET_KINDS, CheckResult, Finding
from factledger.render.lines import Lines, Span
from factledger.model import Claim, Ledger, Source
from factledger.escapes import safe, shorten

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
STATUS_STYLE = {"confirmed": "green", "disputed": "yellow", "denied": "red", "retracted": "dim strike"}


def safe_text(value: object, style: str = "") -> Text:
    """Ledger text made safe to show: no markup, no escape sequences, no control or invisible
    characters, and no more of it than a screen can usefully show (:func:`shorten`)."""
    return Text(safe(shorten("" if value is None else str(value))), style=style)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def diagnostic_line(d: Diagnostic) -> list[Span]:
    # One line per diagnostic whatever the data holds: newlines in names or messages are escaped too.
    return [(safe(str(d.location), keep_newlines=False), "bold"), (": ", ""),
            (d.severity.value, SEVERITY_STYLE[d.severity]), (f" {d.code} ", "dim"),
            (safe(d.message, keep_newlines=False), ""), (f" [{d.slug}]", "dim")]


def summary_line(diagnostics: list[Diagnostic], counts: dict[str, int], failing: bool) -> list[Span]:
    by = count_by_severity(diagnostics)
    what = (f"{_plural(counts['files'], 'file')}, {_plural(counts['sources'], 'source')}, "
            f"{_plural(counts['documents'], 'document')}, {_plural(counts['claims'], 'claim')}")
    if not diagnostics:
        return [("✓ ", "bold green"), (f"no problems in {what}", "")]
    parts = [_plural(by["error"], "error"), _plural(by["warning"], "warning")]
    mark = ("✗ ", "bold red") if failing else ("✓ ", "bold green")
    return [mark, (f"{', '.join(parts)} in {what}", "")]


def diagnostics_report(diagnostics: list[Diagnostic], counts: dict[str, int], failing: bool) -> Lines:
    """One line per diagnostic (never wrapped: editors and CI parse them), then the summary."""
    report = Lines([diagnostic_line(d) for d in diagnostics])
    report.add(*summary_line(diagnostics, counts, failing))
    return report


class ClaimsView:
    """Claims as a table when the terminal is wide enough for whole ids and a readable statement,
    else as a list (one claim per block), so that nothing is ever squeezed into illegibility."""

    STATEMENT = 24  # the narrowest statement column worth reading

    def __init__(self, claims: list[Claim]) -> None:
        self.claims = claims

    def _needed(self) -> int:
        widest = lambda values: max((len(v) for v in values), default=0)  # noqa: E731
        c = self.claims
        return (widest([x.id for x in c]) + widest([str(x.date or "—") for x in c]) + self.STATEMENT
                + min(18, widest([str(x.value or "—") for x in c])) + min(24, widest([", ".join(x.originators())
                                                                                    for x in c]))
                + 9 + 2 * 5)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width >= self._needed():
            yield self._table()
        else:
            yield from self._blocks()
        yield Text(_plural(len(self.claims), "claim"), style="dim")

    def _table(self) -> Table:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        # Ids are never broken: they are what a reader copies into 'show'. The statement takes the rest.
        table.add_column("id", style="bold", no_wrap=True)
        table.add_column("date", no_wrap=True)
        table.add_column("statement", ratio=1, min_width=self.STATEMENT, overflow="fold")
        table.add_column("value", max_width=18, overflow="fold")
        table.add_column("sources", overflow="fold", max_width=24)
        table.add_column("status", no_wrap=True)
        for c in self.claims:
            table.add_row(
                safe_text(c.id), safe_text(c.date or "—"), safe_text(c.statement), safe_text(c.value if c.value is not None else "—"),
                safe_text(", ".join(c.originators())), safe_text(c.status, STATUS_STYLE.get(c.status, "")))
        return table

    def _blocks(self) -> Iterator[RenderableType]:
        for c in self.claims:
            head = Text.assemble(safe_text(c.id, "bold"), "  ", safe_text(c.date or "undated", "dim"), "  ",
                                 safe_text(c.status, STATUS_STYLE.get(c.status, "")), "  ", safe_text(", ".join(c.originators())))
            if c.value is not None:
                head.append_text(Text.assemble("  ", safe_text(c.value, "cyan")))
            yield head
            yield Padding(safe_text(c.statement), (0, 0, 1, 4))


def claims_table(claims: list[Claim]) -> RenderableType:
    if not claims:
        return Text("no claims match", style="dim")
    return ClaimsView(claims)


def _grid() -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    return grid


def claim_detail(claim: Claim, ledger: Ledger, incoming: list[tuple[str, Claim]],
                 checked: CheckResult | None = None) -> RenderableType:
    """One claim in full: fields, every citation with its source and document, relations both ways,
    and what cross-checking found about it."""
    head = Text.assemble(safe_text(claim.id, "bold"), "  ", safe_text(claim.status, STATUS_STYLE.get(claim.status, "")))
    fields = _grid()
    fields.add_row("statement", safe_text(claim.statement))
    if claim.subject or claim.property:
        fields.add_row("question", safe_text(f"{claim.subject or '—'} / {claim.property or '—'}"))
    fields.add_row("value", safe_text(claim.value if claim.value is not None else "—"))
    fields.add_row("date", safe_text(claim.date or "—"))
    if claim.tags:
        fields.add_row("tags", safe_text(", ".join(claim.tags)))
    if claim.notes:
        fields.add_row("notes", safe_text(claim.notes))
    fields.add_row("defined at", safe_text(claim.location))
    parts: list[RenderableType] = [head, fields, Text(""), Text(f"Citations ({len(claim.citations)})", style="bold")]
    for number, citation in enumerate(claim.citations, 1):
        grid = _grid()
        source = ledger.source(citation.source.id)
        who = safe_text(citation.source.id, "bold")
        if source is not None:
            who.append_text(safe_text(f" — {source.name}"))
            facts = [source.kind, source.country or "", f"reliability {source.reliability}" if source.reliability else ""]
            if source.part_of:
                facts.append(f"part of {source.part_of.id}")
            who.append_text(safe_text(f"  ({', '.join(f for f in facts if f)})", "dim"))
        else:
            who.append_text(safe_text("  (not a defined source)", "red"))
        grid.add_row(f"{number}.", who)
        if citation.via:
            grid.add_row("via", safe_text(", ".join(r.id for r in citation.via)))
        if citation.document is not None:
            doc = ledger.document(citation.document.id)
            shown = safe_text(citation.document.id)
            if doc is not None:
                shown.append_text(safe_text(f" — {doc.title}"))
                if doc.published:
                    shown.append_text(safe_text(f" ({doc.published})", "dim"))
            grid.add_row("document", shown)
        if citation.quote:
            grid.add_row("quote", safe_text(f"“{citation.quote}”", "italic"))
        if citation.date:
            grid.add_row("said", safe_text(citation.date))
        if citation.credibility:
            grid.add_row("credibility", safe_text(citation.credibility))
        url = citation.url or (ledger.document(citation.document.id).url  # type: ignore[union-attr]
                               if citation.document and ledger.document(citation.document.id) else None)
        if url:
            grid.add_row("url", safe_text(url))
        parts.append(grid)
    relations = _grid()
    for relation, ref in claim.relations():
        target = ledger.claim(ref.id)
        relations.add_row(f"{relation} →", Text.assemble(safe_text(ref.id, "bold"), safe_text(f"  {target.statement}" if target else "  (not a defined claim)", "dim")))
    for relation, other in incoming:
        relations.add_row(f"{_INVERSE[relation]} ←", Text.assemble(safe_text(other.id, "bold"), safe_text(f"  {other.statement}", "dim")))
    if relations.row_count:
        parts += [Text(""), Text("Relations", style="bold"), relations]
    parts += [Text(""), Text("Cross-check", style="bold")]
    if checked is None:
        parts.append(Text("not cross-checked: the ledger has errors ('factledger validate' lists them)", style="dim"))
        return Group(*parts)
    if claim.status == "retracted":
        parts.append(Text("retracted: takes part in no comparison", style="dim"))
        return Group(*parts)
    origins = checked.independent_origins.get(claim.id, 0)
    parts.append(Text.assemble(("independent origins  ", "dim"), (str(origins), "bold")))
    for f in checked.about(claim.id):
        line = Text.assemble((f.severity.value, SEVERITY_STYLE[f.severity]), (f" {f.kind}: ", "bold"))
        line.append_text(safe_text(f.reason if f.sides and f.reason else f.message))
        parts.append(line)
        for side in f.sides:
            if side.claim != claim.id:
                parts.append(Text.assemble("   • ", safe_text(str(side))))
        if f.suggestion:
            parts.append(Text.assemble("   → ", safe_text(f.suggestion, "italic")))
    return Group(*parts)


_INVERSE = {"supports": "supported by", "disputes": "disputed by", "supersedes": "superseded by"}


def sources_table(rows: Iterable[tuple[Source, int]]) -> RenderableType:
    rows = list(rows)
    if not rows:
        return Text("no sources", style="dim")
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for name in ("id", "name", "kind", "country", "reliability", "part of"):
        table.add_column(name, overflow="fold", style="bold" if name == "id" else "")
    table.add_column("claims", justify="right")
    for source, count in rows:
        table.add_row(safe_text(source.id), safe_text(source.name), safe_text(source.kind), safe_text(source.country or "—"),
                      safe_text(source.reliability or "—"), safe_text(source.part_of.id if source.part_of else "—"), str(count))
    return Group(table, Text(_plural(len(rows), "source"), style="dim"))


def codes_table(codes: list[Code]) -> RenderableType:
    if len(codes) == 1:
        c = codes[0]
        grid = _grid()
        grid.add_row("code", Text(f"{c.code} {c.slug}", style="bold"))
        grid.add_row("severity", Text(c.severity.value, style=SEVERITY_STYLE[c.severity]))
        grid.add_row("checks", Text(c.title))
        grid.add_row("why", Text(c.why))
        grid.add_row("fix", Text(c.fix))
        return grid
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("code", style="bold", no_wrap=True)
    table.add_column("slug", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("checks", overflow="fold")
    for c in codes:
        table.add_row(c.code, c.slug, Text(c.severity.value, style=SEVERITY_STYLE[c.severity]), c.title)
    return table


def _question(f: Finding) -> str:
    if f.subject and f.property:
        return f"{f.subject} / {f.property}"
    if f.subject:
        return f"{f.subject} (across properties)"
    if len(set(f.questions)) > 1:
        return "across questions"
    return "claims not on a question"


def findings_report(findings: list[Finding], counts: dict[str, int], listed_all: bool, failing: bool) -> Lines:
    """Findings grouped by question, most severe first; each shows both sides; then a summary line."""
    report = Lines()
    current = None
    for f in findings:
        question = _question(f)
        if question != current:
            if current is not None:
                report.add()
            report.add((safe(question, keep_newlines=False), "bold underline"))
            current = question
        report.add(("  ", ""), (f.severity.value, SEVERITY_STYLE[f.severity]), (f" {f.code} {f.kind}: ", "bold"),
                   (safe(shorten(f.reason if f.sides and f.reason else f.message), keep_newlines=False), ""))
        for side, loc in zip(f.sides, f.locations):
            report.add(("     • ", ""), (safe(side.claim, keep_newlines=False), "bold"),
                       (safe(f"  {', '.join(side.sources)}, {side.when}: ", keep_newlines=False), ""),
                       (safe(shorten(side.value) if side.value is not None else "no value", keep_newlines=False),
                        "bold"),
                       (safe(f"  {loc.file}:{loc.line}", keep_newlines=False), "dim"))
        if not f.sides:
            report.add((safe("     " + ", ".join(f"{loc.file}:{loc.line}" for loc in f.locations),
                             keep_newlines=False), "dim"))
        if f.suggestion:
            report.add(("     → ", ""), (safe(shorten(f.suggestion), keep_newlines=False), "italic"))
    if report.lines:
        report.add()
    report.add(*check_summary(counts, listed_all, failing))
    return report


def check_summary(counts: dict[str, int], listed_all: bool, failing: bool) -> list[Span]:
    shown = [f"{n} {k}" + ("" if listed_all or k not in QUIET_KINDS else " (--all lists them)")
             for k, n in counts.items() if n]
    mark = ("✗ ", "bold red") if failing else ("✓ ", "bold green")
    return [mark, (", ".join(shown) if shown else "no findings", "")]
