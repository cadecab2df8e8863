"""The diff as a pull-request comment: the one-line summary first, the details in collapsible sections,
and a hidden marker (:data:`MARKER`) by which a workflow finds its own comment to update it.

Ledger text goes through :mod:`factledger.text.markdown` (escaped as inline markdown, ids as code spans)
and never reaches the HTML of the ``<details>`` and ``<summary>`` elements, which hold only this module's
own words. GitHub refuses a comment over 65,536 characters: past :data:`BUDGET` the details stop, and the
comment says how many were left out and how to see them all.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from factledger.api.results import SECTIONS, EntryChange, Finding
from factledger.diff.model import SINGULAR
from factledger.render.diffing import headline, question_line
from factledger.text.markdown import code, md
from factledger.text.plural import counted

if TYPE_CHECKING:
    from factledger.api.results import DiffReport

MARKER = "<!-- factledger-diff -->"
BUDGET = 60_000  # characters of details, under GitHub's limit with room for the rest


class _Budget:
    def __init__(self) -> None:
        self.left = BUDGET
        self.dropped = 0

    def take(self, lines: list[str]) -> list[str]:
        size = sum(len(line) + 1 for line in lines)
        if size > self.left:
            self.dropped += 1
            return []
        self.left -= size
        return lines


def _section(title: str, body: list[str]) -> list[str]:
    return ["<details>", f"<summary>{html.escape(title)}</summary>", "", *body, "", "</details>", ""]


def _entry(change: EntryChange) -> list[str]:
    where = f" ({md(change.location.file)}:{change.location.line})" if change.location.file else ""
    if change.change == "renamed":
        line = f"- renamed {code(change.was or '')} → {code(change.id)}{where}"
        if change.references:
            line += f"; {counted(len(change.references), 'reference')} followed: " + ", ".join(
                f"{SINGULAR[r.section]} {code(r.id)} ({md(r.field)})" for r in change.references)
        return [line]
    lines = [f"- {change.change} {code(change.id)}{where}" + (f": {md(change.title)}" if change.title and
                                                              change.change != "changed" else "")]
    lines += [f"  - {md(f.field)}: {md(f.old_text)} → {md(f.new_text)}" for f in change.fields]
    return lines


def _finding(finding: Finding, how: str) -> list[str]:
    reason = finding.reason if finding.sides and finding.reason else finding.message
    lines = [f"- {how} **{finding.severity.value} {finding.code} {finding.kind}**: {md(reason)}"]
    for side, loc in zip(finding.sides, finding.locations, strict=False):
        value = side.value if side.value is not None else "no value"
        lines.append(f"  - {code(side.claim)} {md(', '.join(side.sources))}, {md(side.when)}: {md(value)} "
                     f"({md(loc.file)}:{loc.line})")
    return lines


def _conclusions(report: DiffReport, budget: _Budget) -> list[str]:
    conclusions = report.diff.conclusions
    if not conclusions.compared:
        return _section("Conclusions: not compared", [md(conclusions.why_not or "")])
    body: list[str] = []
    for move in conclusions.questions:
        body += budget.take([f"- {md(question_line(move))}"])
    hidden = 0
    for how, findings in (("new", conclusions.appeared), ("gone", conclusions.disappeared)):
        for finding in findings:
            if finding.kind in report.quiet:
                hidden += 1
                continue
            body += budget.take(_finding(finding, how))
    if hidden:
        body += ["", f"{counted(hidden, 'uncorroborated claim')} appeared or disappeared (`--all` lists them)."]
    if not body:
        return []
    listed = [[f for f in found if f.kind not in report.quiet] for found in (conclusions.appeared,
                                                                              conclusions.disappeared)]
    counts = [counted(len(listed[0]), "finding") + " new", counted(len(listed[1]), "finding") + " gone",
              counted(len(conclusions.questions), "question") + " moved"]
    return _section("Conclusions: " + ", ".join(counts), body)


def diff_markdown(report: DiffReport) -> str:
    """`diff --format markdown`: a comment for a pull request."""
    assert report.old is not None and report.new is not None
    diff = report.diff
    parts = headline(report)
    between = f"{code(report.old.label)} → {code(report.new.label)}"
    first = f"**factledger**: {md('; '.join(parts))} ({between})" if parts else \
        f"**factledger**: no changes to the ledger ({between})"
    lines = [first, ""]
    budget = _Budget()
    lines += _conclusions(report, budget)
    if diff.entries:
        body: list[str] = []
        for section in SECTIONS:
            chosen = [e for e in diff.entries if e.section == section]
            if chosen:
                body += ["", f"**{section}**", ""]
                for change in chosen:
                    body += budget.take(_entry(change))
        lines += _section(f"Entries: {counted(len(diff.entries), 'change')}", body)
    if diff.new_problems or diff.fixed_problems:
        found: list[str] = []
        for how, problems in (("new", diff.new_problems), ("fixed", diff.fixed_problems)):
            for d in problems:
                found += budget.take([f"- {how} {md(str(d.location))}: {d.severity.value} {d.code} {d.slug}: "
                                      f"{md(d.message)}"])
        lines += _section(f"Validation problems: {len(diff.new_problems)} new, {len(diff.fixed_problems)} fixed",
                          found)
    if budget.dropped:
        lines += [f"{counted(budget.dropped, 'detail')} left out to keep this comment within GitHub's limit: "
                  "run `factledger diff` (or `--format json`) to see them all.", ""]
    for notice in report.notices:
        lines += [f"> {md(notice)}", ""]
    lines.append(MARKER)
    return "\n".join(lines) + "\n"
