"""Machine formats of every result (json, csv, yaml): the JSON shapes are defined here, once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factledger.check.findings import KINDS, Finding
from factledger.formats.writers import to_csv, to_json, to_yaml
from factledger.model.ids import fold
from factledger.problems.diagnostics import Diagnostic
from factledger.query.records import (
    CLAIM_CSV_COLUMNS,
    claim_data,
    claim_detail_data,
    claim_row,
    finding_data,
    source_data,
)

if TYPE_CHECKING:
    from factledger.api.results import (
        CheckReport,
        ClaimList,
        ClaimShown,
        Codes,
        LoadResult,
        SourceList,
        Statistics,
        Validation,
    )
    from factledger.problems.catalogue import Code

def diagnostics_json(result: LoadResult, ok: bool) -> str:
    return to_json({
        "ok": ok,
        "counts": result.counts,
        "diagnostics": [_diagnostic(d) for d in result.diagnostics],
    })


def _check_json(shown: list[Finding], diagnostics: list[Diagnostic], ok: bool,
                counts: dict[str, int] | None = None, not_listed: dict[str, int] | None = None) -> str:
    """`check --format json`: ok, counts by kind, the findings shown; diagnostics if any."""
    data: dict[str, object] = {
        "ok": ok,
        "counts": counts if counts is not None else {kind: 0 for kind in KINDS},
        "findings": [finding_data(f) for f in shown],
        "diagnostics": [_diagnostic(d) for d in diagnostics],
    }
    if not_listed is not None:
        data["not_listed"] = not_listed
    return to_json(data)


def _diagnostic(d: Diagnostic) -> dict[str, object]:
    return {"code": d.code, "slug": d.slug, "severity": d.severity.value, "message": d.message,
            "file": d.location.file, "line": d.location.line, "column": d.location.column}


# -- renderers of use-case results (the format registry names these) ----------------------------

def validation_json(result: Validation) -> str:
    assert result.load is not None
    return diagnostics_json(result.load, ok=result.exit_code == 0)


def check_json(report: CheckReport) -> str:
    """`check --format json`: ``counts`` counts exactly the ``findings`` listed; what is left out unless
    --all (uncorroborated, corroborated) is counted apart in ``not_listed``, so a consumer that tallies
    the array agrees with ``counts``."""
    assert report.load is not None
    listed = {kind: 0 for kind in report.counts}
    for f in report.findings:
        listed[f.kind] = listed.get(f.kind, 0) + 1
    not_listed = {kind: n - listed.get(kind, 0) for kind, n in report.counts.items() if n > listed.get(kind, 0)}
    return _check_json(report.findings, [*report.problems, *report.load.diagnostics], report.exit_code == 0,
                       listed, not_listed)


def claims_json(result: ClaimList) -> str:
    return to_json([claim_data(c) for c in result.claims])


def claims_yaml(result: ClaimList) -> str:
    return to_yaml([claim_data(c) for c in result.claims]) if result.claims else "[]\n"


def claims_csv_listing(result: ClaimList) -> str:
    return to_csv(CLAIM_CSV_COLUMNS, [claim_row(c) for c in result.claims])


def claim_json(result: ClaimShown) -> str:
    assert result.view is not None  # show_claim always gives the claim's view
    return to_json(claim_detail_data(result.view))


def sources_json(result: SourceList) -> str:
    return to_json([source_data(s, count, result.relays.get(fold("source", s.id), 0)) for s, count in result.rows])


def stats_json(result: Statistics) -> str:
    return to_json({"claims": result.claims, **result.tables})


def codes_json(result: Codes) -> str:
    from factledger.problems.examples import EXAMPLES, WITHOUT_EXAMPLE, example_data

    def entry(c: Code) -> dict[str, object]:
        data: dict[str, object] = {"code": c.code, "slug": c.slug, "severity": c.severity.value, "stage": c.stage,
                                   "title": c.title, "why": c.why, "fix": c.fix, "autofix": c.autofix or None,
                                   "autofix_what": c.autofix_what or None}
        examples = EXAMPLES.get(c.code)
        if examples is None:
            data["no_example"] = WITHOUT_EXAMPLE[c.code]
        else:
            data.update(options=examples.options, failing=example_data(examples.failing),
                        passing=example_data(examples.passing))
        return data

    return to_json([entry(c) for c in result.codes])
