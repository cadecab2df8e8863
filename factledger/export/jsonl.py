"""`export jsonl`: one claim per line, for the engines that go past one machine (DuckDB, Spark,
BigQuery read it as it is).

Each line is one JSON object with ``id`` first and the rest in the format's order (the normalised
claim, so the keys are those of a ledger file), then, flat for querying, the value's parts, the
originating sources, where the claim is written, and, when cross-checked, its independent origins
and the findings that name it. Lines are sorted in byte order of the id as JSON writes it, which is
the order `LC_ALL=C sort` gives the lines, so `sort -m`, `join` and `diff` work on two exports.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from factledger.export.normalised import claim_entry
from factledger.formats.writers import json_safe
from factledger.model.entries import Claim

if TYPE_CHECKING:
    from factledger.check.findings import CheckResult
    from factledger.export.inputs import ExportInput


def claim_line(claim: Claim, kept: set[str] | None, checked: CheckResult | None,
               named: dict[str, list[dict[str, Any]]], relative_to: str) -> str:
    data = claim_entry(claim, kept, full=True)  # every field on every line: a query engine sees every column
    v = claim.value
    first, last = (claim.date.first(), claim.date.last()) if claim.date else (None, None)
    data.update({
        "value_kind": v.kind if v else None,
        "value_number": v.number if v else None,
        "value_low": v.low if v else None,
        "value_high": v.high if v else None,
        "value_unit": v.unit if v else None,
        "value_text": v.to_data() if v is not None and not v.is_numeric else None,
        "date_from": first.isoformat() if first else None,
        "date_to": last.isoformat() if last else None,
        "originators": claim.originators(),
        "file": claim.location.file.removeprefix(relative_to),
        "line": claim.location.line,
    })
    if checked is not None:
        data["independent_origins"] = checked.independent_origins.get(claim.id)
        data["withdrawn"] = claim.id in checked.withdrawn
        data["findings"] = named.get(claim.id, [])
    # Escaped as the JSON export is (controls, invisible characters, a CI log command): the same strings
    # come back to a reader, and printing a line can never hide text or command a CI log.
    return json_safe(json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False))


def lines(given: ExportInput) -> Iterator[str]:
    chosen = sorted(given.claims, key=lambda c: json.dumps(c.id).encode("utf-8", "surrogatepass"))
    kept = {c.id for c in chosen} if len(chosen) != len(given.ledger.claims) else None
    named: dict[str, list[dict[str, Any]]] = {}
    if given.checked is not None:
        wanted = {c.id for c in chosen}
        for f in given.checked.findings:
            if not wanted.issuperset(f.claims):
                continue
            entry = {"code": f.code, "kind": f.kind, "severity": f.severity.value, "claims": list(f.claims)}
            for claim_id in dict.fromkeys(f.claims):
                named.setdefault(claim_id, []).append(entry)
    prefix = given.data_dir.as_posix().rstrip("/") + "/"  # the path inside the data directory: the same anywhere
    for claim in chosen:
        yield claim_line(claim, kept, given.checked, named, prefix)


def export(given: ExportInput) -> str:
    return "".join(line + "\n" for line in lines(given))
