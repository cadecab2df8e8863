"""Human output of problems: diagnostics and findings as line reports (never wrapped: editors and CI
parse them), and the code catalogue. Ledger text is made safe before it is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from factledger.check.findings import QUIET_KINDS, Finding
from factledger.problems.catalogue import Code
from factledger.problems.diagnostics import Diagnostic, count_by_severity
from factledger.render.layout import Fitted
from factledger.render.lines import Lines, Span
from factledger.render.style import SEVERITY_STYLE, grid
from factledger.text.escapes import safe, shorten
from factledger.text.plural import plural

if TYPE_CHECKING:
    from factledger.api.results import CheckReport, Codes, Validation



def diagnostic_line(d: Diagnostic) -> list[Span]:
    # One line per diagnostic whatever the data holds: newlines in names or messages are escaped too.
    return [(safe(str(d.location), keep_newlines=False), "bold"), (": ", ""),
            (d.severity.value, SEVERITY_STYLE[d.severity]), (f" {d.code} ", "dim"),
            (safe(d.message, keep_newlines=False), ""), (f" [{d.slug}]", "dim")]


def summary_line(diagnostics: list[Diagnostic], counts: dict[str, int], failing: bool) -> list[Span]:
    by = count_by_severity(diagnostics)
    what = (f"{plural(counts['files'], 'file')}, {plural(counts['sources'], 'source')}, "
            f"{plural(counts['documents'], 'document')}, {plural(counts['claims'], 'claim')}")
    for extra, one in (("assessments", "assessment"), ("reviews", "review"), ("questions", "declared question"),
                       ("scales", "rating scale")):  # named only where the ledger has them
        if counts.get(extra):
            what += f", {plural(counts[extra], one)}"
    if not diagnostics and not failing:  # a failing run never reads as a clean one, whatever was left out
        return [("✓ ", "bold green"), (f"no problems in {what}", "")]
    parts = [plural(by["error"], "error"), plural(by["warning"], "warning")]
    mark = ("✗ ", "bold red") if failing else ("✓ ", "bold green")
    return [mark, (f"{', '.join(parts)} in {what}", "")]


def diagnostics_report(diagnostics: list[Diagnostic], counts: dict[str, int], failing: bool) -> Lines:
    """One line per diagnostic (never wrapped: editors and CI parse them), then the summary."""
    report = Lines([diagnostic_line(d) for d in diagnostics])
    report.add(*summary_line(diagnostics, counts, failing))
    return report


def codes_table(codes: list[Code]) -> RenderableType:
    if len(codes) == 1:
        c = codes[0]
        entry = grid()
        entry.add_row("code", Text(f"{c.code} {c.slug}", style="bold"))
        entry.add_row("severity", Text(c.severity.value, style=SEVERITY_STYLE[c.severity]))
        entry.add_row("checks", Text(c.title))
        entry.add_row("why", Text(c.why))
        entry.add_row("fix", Text(c.fix))
        from factledger.render.docs import fix_sentence

        entry.add_row("autofix", Text(fix_sentence(c).replace("`", "")))
        return Group(entry, *_examples(c.code))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("code", style="bold", no_wrap=True)
    table.add_column("slug", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("checks")
    for c in codes:
        table.add_row(c.code, c.slug, Text(c.severity.value, style=SEVERITY_STYLE[c.severity]), c.title)

    def as_blocks() -> list[RenderableType]:
        return [Group(Text.assemble((c.code, "bold"), " ", c.slug, " (", (c.severity.value, SEVERITY_STYLE[c.severity]),
                                    ")"), Padding(Text(c.title), (0, 0, 0, 4)))
                for c in codes]

    return Fitted(table, as_blocks)


def _examples(code: str) -> list[RenderableType]:
    """A code's failing and passing examples, each file under its name, indented as it is written."""
    from factledger.problems.examples import EXAMPLES, WITHOUT_EXAMPLE, escaped, file_text, shown

    entry = EXAMPLES.get(code)
    if entry is None:
        return [Text(""), Text(f"no example: {WITHOUT_EXAMPLE[code]}", style="dim")]
    parts: list[RenderableType] = []
    if entry.options:
        parts += [Text(""), Text.assemble(("options   ", "dim"), entry.options)]
    for title, example in (("reported for", entry.failing), ("not reported for", entry.passing)):
        parts += [Text(""), Text(title, style="bold")]
        for name, value in example.env.items():
            parts.append(Text(f"  with {name}={value}", style="dim"))
        files = shown(example)
        for name, content in files.items():
            if len(files) > 1 or name != "ledger.yaml":
                parts.append(Text(f"  {name}", style="dim"))
            body = file_text(content).rstrip("\n") or "(empty)"
            # Each line whole, however narrow the terminal: an example cut short would not fail the same way.
            parts += [Text("    " + line, no_wrap=True, overflow="ignore") for line in body.split("\n")]
            if escaped(content):
                parts.append(Text("    (a \\x or \\u escape above stands for the raw byte or character the "
                                  "file holds; --format json gives its exact bytes)", style="dim"))
        if not files:
            parts.append(Text("  (no files)", style="dim"))
    return parts


def _question(f: Finding) -> str:
    if f.question is not None:
        return str(f.question)
    if f.subject and f.property_name:
        return f"{f.subject} / {f.property_name}"
    if f.subject:
        return f"{f.subject} (across properties)"
    if len(set(f.questions)) > 1:
        return "across questions"
    return "claims not on a question"


def findings_report(findings: list[Finding], counts: dict[str, int], listed_all: bool, failing: bool,
                    summaries: dict[str, str] | None = None) -> Lines:
    """Findings grouped by question, most severe first, each question opening with its one-line camps
    summary (``summaries``, by question); each finding shows both sides; then a summary line."""
    report = Lines()
    current = None
    for f in findings:
        question = _question(f)
        if question != current:
            if current is not None:
                report.add()
            report.add((safe(question, keep_newlines=False), "bold underline"))
            if summaries and summaries.get(question):
                report.add(("  ", ""), (safe(summaries[question], keep_newlines=False), "bold"))
            current = question
        report.lines += finding_block(f)
    if report.lines:
        report.add()
    report.add(*check_summary(counts, listed_all, failing))
    return report


def finding_block(f: Finding, indent: str = "  ") -> list[list[Span]]:
    """One finding: its severity, code, kind and reason, each side (claim, sources, date, value, place) on
    a line, and the suggestion."""
    lines: list[list[Span]] = [[(indent, ""), (f.severity.value, SEVERITY_STYLE[f.severity]),
                                (f" {f.code} {f.kind}: ", "bold"),
                                (safe(shorten(f.reason if f.sides and f.reason else f.message), keep_newlines=False),
                                 "")]]
    more = indent + "   "
    for side, loc in zip(f.sides, f.locations, strict=False):  # a finding may show no sides
        lines.append([(f"{more}• ", ""), (safe(side.claim, keep_newlines=False), "bold"),
                      (safe(f"  {', '.join(side.sources)}, {side.when}: ", keep_newlines=False), ""),
                      (safe(shorten(side.value) if side.value is not None else "no value", keep_newlines=False),
                       "bold"),
                      (safe(f"  {loc.file}:{loc.line}", keep_newlines=False), "dim")])
    if not f.sides:
        lines.append([(safe(more + ", ".join(f"{loc.file}:{loc.line}" for loc in f.locations),
                            keep_newlines=False), "dim")])
    if f.suggestion:
        lines.append([(f"{more}→ ", ""), (safe(shorten(f.suggestion), keep_newlines=False), "italic")])
    return lines


def check_summary(counts: dict[str, int], listed_all: bool, failing: bool) -> list[Span]:
    # "conflict: 3", not "3 conflict": the kinds are the slugs a reader looks up, not nouns to pluralise.
    shown = [f"{k}: {n:,}" + ("" if listed_all or k not in QUIET_KINDS else " (--all lists them)")
             for k, n in counts.items() if n]
    mark = ("✗ ", "bold red") if failing else ("✓ ", "bold green")
    return [mark, (", ".join(shown) if shown else "no findings", "")]


# -- renderers of use-case results (the format registry names these) ----------------------------

def validation_text(result: Validation) -> Lines:
    load = result.load
    assert load is not None
    return diagnostics_report(load.diagnostics, load.counts, result.exit_code != 0)


def check_text(report: CheckReport) -> Lines:
    load = report.load
    assert load is not None
    if report.checked is None:  # not cross-checked: what is wrong with the ledger instead
        return diagnostics_report(load.diagnostics, load.counts, failing=True)
    summaries = {str(q.key): q.line() for q in report.checked.questions if len(q.positions) > 1}
    shown = findings_report(report.findings, report.counts, report.listed_all, report.exit_code != 0, summaries)
    if report.problems:  # a check that crashed, first: the findings below may be incomplete
        shown.lines[:0] = [diagnostic_line(d) for d in report.problems] + [[]]
    return shown


def codes_text(result: Codes) -> RenderableType:
    return codes_table(result.codes)
