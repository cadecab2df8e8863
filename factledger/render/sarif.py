"""SARIF 2.1.0, for code scanning: `validate --format sarif` and `check --format sarif`.

One run; ``tool.driver.rules`` holds every code the command can report (id, the slug as name, the
title and why it matters, how to fix it, its documentation, its default level); each result has its
level from its severity, its places as percent-encoded paths relative to ``%SRCROOT%`` (the directory
factledger runs in, as CI checks out the repository; no machine path is written, so the same ledger
gives the same bytes in any folder) with 1-based lines and columns, and a stable
``partialFingerprints`` entry, so code scanning follows a problem across commits: its code, file and
message with the numbers taken out (a line moving changes no fingerprint), and for a finding the
claims it is about.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from factledger import DOCS_URL, __version__
from factledger.formats.writers import to_json
from factledger.problems.catalogue import CATALOGUE, Code, Severity
from factledger.problems.diagnostics import Location, Problem

if TYPE_CHECKING:
    from factledger.api.results import CheckReport, Validation

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_NUMBERS = re.compile(r"[0-9]+")


def _rule(code: Code) -> dict[str, Any]:
    return {
        "id": code.code,
        "name": code.slug,
        "shortDescription": {"text": code.title},
        "fullDescription": {"text": code.why},
        "help": {"text": code.fix, "markdown": f"**{code.title}**\n\n{code.why}\n\n*How to fix:* {code.fix}"},
        "helpUri": code.documentation,
        "defaultConfiguration": {"level": _LEVEL[code.severity]},
        "properties": {"tags": [code.stage]},
    }


def _uri(file: str) -> str:
    """A relative reference (RFC 3986) to a path as factledger shows it, from the directory factledger runs
    in (``%SRCROOT%``): forward slashes, no leading ./, every character but the unreserved ones and ``/``
    percent-encoded (``e%41f.yaml`` is not ``eAf.yaml``, ``c#d.yaml`` has no fragment). Never the
    machine's own folder: the same ledger gives the same SARIF wherever it is checked."""
    path = Path(file)
    try:
        relative = Path(os.path.relpath(path if path.is_absolute() else Path.cwd() / path, Path.cwd()))
    except ValueError:  # another drive: no relative path exists; its own name is all that is portable
        relative = Path(path.name)
    return quote(relative.as_posix(), safe="/")


def _location(loc: Location) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(loc.file), "uriBaseId": "%SRCROOT%"}}
    if loc.line:
        physical["region"] = {"startLine": loc.line, "startColumn": max(loc.column, 1)}
    return {"physicalLocation": physical}


def _fingerprint(p: Problem) -> str:
    claims = ",".join(getattr(p, "claims", ()))
    files = ",".join(sorted({_uri(loc.file) for loc in p.locations if loc.file}))
    key = "\x1f".join((p.code, files, claims, _NUMBERS.sub("#", p.message)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def sarif(problems: Iterable[Problem], codes: list[Code]) -> str:
    index = {c.code: i for i, c in enumerate(codes)}
    results = []
    for p in problems:
        result: dict[str, Any] = {"ruleId": p.code, "level": _LEVEL[p.severity], "message": {"text": p.message}}
        if p.code in index:
            result["ruleIndex"] = index[p.code]
        result["locations"] = [_location(loc) for loc in p.locations if loc.file][:1]
        related = [_location(loc) for loc in p.locations[1:] if loc.file]
        if related:
            result["relatedLocations"] = [{"id": i, **loc} for i, loc in enumerate(related)]
        result["partialFingerprints"] = {"factledger/v1": _fingerprint(p)}
        results.append(result)
    run = {
        "tool": {"driver": {"name": "factledger", "version": __version__, "informationUri": DOCS_URL,
                            "rules": [_rule(c) for c in codes]}},
        # Where %SRCROOT% is, is the consumer's to say (code scanning: the checkout): no machine path here.
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The directory factledger was run in."}}},
        "results": results,
    }
    return to_json({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]})


def validation_sarif(result: Validation) -> str:
    assert result.load is not None
    codes = [c for c in CATALOGUE.values() if c.stage in ("validate", "internal")]
    return sarif(result.load.diagnostics, codes)


def check_sarif(report: CheckReport) -> str:
    assert report.load is not None
    from factledger.render.github import annotated

    problems: Iterable[Problem] = (report.load.diagnostics if report.checked is None
                                   else [*report.problems, *annotated(report)])
    return sarif(problems, list(CATALOGUE.values()))
