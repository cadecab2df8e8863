"""GitHub Actions workflow commands: each diagnostic becomes an annotation on the file's line."""

from __future__ import annotations

from factledger.diagnostics import Diagnostic, Severity
from factledger.escapes import safe

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(value: str) -> str:
    # Escapes first (messages quote ledger text), then GitHub's own encoding of %, CR and LF.
    return safe(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def annotations(diagnostics: list[Diagnostic]) -> str:
    lines = []
    for d in diagnostics:
        loc = d.location
        props = [f"file={_property(loc.file)}"]
        if loc.line:
            props += [f"line={loc.line}", f"col={loc.column}"]
        props.append(f"title={_property(f'{d.code} {d.slug}')}")
        lines.append(f"::{_LEVEL[d.severity]} {','.join(props)}::{_data(d.message)}\n")
    return "".join(lines)
