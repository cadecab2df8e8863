"""GitHub Actions workflow commands: each problem (a diagnostic or a located finding) becomes an
annotation on its file's line, for `validate` and `check` alike."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from factledger.problems.catalogue import Severity
from factledger.problems.diagnostics import Problem
from factledger.render.lines import Lines
from factledger.render.output import Output
from factledger.text.escapes import inert, safe, visible

if TYPE_CHECKING:
    from factledger.api.results import CheckReport, DiffReport, Finding, Validation

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(value: str) -> str:
    # Escapes first (messages quote ledger text), then GitHub's own encoding of %, CR and LF.
    return safe(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    # Percent-encoding first: it makes every ':' a %3A, which GitHub decodes in a property (with %25 %0D
    # %0A %2C, and nothing else), so a file named 'a::b' comes back as it is, with no '::' left to escape.
    # GitHub has no encoding of '#': a '##[' is still made inert by escaping its first '#'.
    encoded = (value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A")
               .replace(",", "%2C"))
    return inert(visible(encoded))


def workflow_commands(problems: Iterable[Problem]) -> str:
    """One annotation per problem, at its first location; the others are named in the message."""
    lines = []
    for p in problems:
        if not p.locations:
            continue
        loc, *others = p.locations
        props = [f"file={_property(loc.file)}"]
        if loc.line:
            props += [f"line={loc.line}", f"col={loc.column}"]
        props.append(f"title={_property(f'{p.code} {p.slug}')}")
        message = p.message + (f" (also at {', '.join(str(o) for o in others)})" if others else "")
        lines.append(f"::{_LEVEL[p.severity]} {','.join(props)}::{_data(message)}\n")
    return "".join(lines)


def validation_annotations(result: Validation) -> Output:
    from factledger.render.human import summary_line

    load = result.load
    assert load is not None
    summary = Lines([summary_line(load.diagnostics, load.counts, result.exit_code != 0)])
    return Output(workflow_commands(load.diagnostics), stderr=summary)


def check_annotations(report: CheckReport) -> Output:
    from factledger.render.human import check_summary, summary_line

    load = report.load
    assert load is not None
    if report.checked is None:  # not cross-checked: annotate what is wrong with the ledger instead
        summary = Lines([summary_line(load.diagnostics, load.counts, True)])
        return Output(workflow_commands(load.diagnostics), stderr=summary)
    summary = Lines([check_summary(report.counts, report.listed_all, report.exit_code != 0)])
    return Output(workflow_commands([*report.problems, *annotated(report)]), stderr=summary)


def annotated(report: CheckReport) -> list[Finding]:
    """The findings an annotation is made for: errors and warnings; informational ones only with --all (or
    ``all = true`` in the configuration), so that a passing check does not post notices on unchanged lines."""
    if report.listed_all:
        return list(report.findings)
    return [f for f in report.findings if f.severity is not Severity.INFO]


def diff_annotations(report: DiffReport) -> Output:
    """Annotations on the new revision's lines: each new validation problem and each new error finding."""
    from factledger.problems.catalogue import Severity
    from factledger.render.diffing import summary

    found = report.diff
    touched = {e.id for e in found.entries if e.section == "claims"}
    errors = [_first_touched(f, touched) for f in found.conclusions.appeared if f.severity is Severity.ERROR]
    return Output(workflow_commands([*found.new_problems, *errors]), stderr=Lines([[(summary(report), "")]]))


def _first_touched(finding: Finding, touched: set[str]) -> Finding:
    """The finding annotated at a claim the change touched, where it has one: the line a reviewer looks at."""
    from dataclasses import replace

    if len(finding.claims) != len(finding.locations):
        return finding
    order = sorted(range(len(finding.claims)), key=lambda i: finding.claims[i] not in touched)
    return replace(finding, locations=tuple(finding.locations[i] for i in order))
