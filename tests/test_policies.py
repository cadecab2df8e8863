"""One policy per concept, each tested where every output meets it: unit identity, how a source id
is spelt, what a publishable URL is, and a crashing check becoming a diagnostic."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from factledger.pipeline import check_ledger, load_ledger
from factledger.model.units import by_unit, unit_key, unit_label
from factledger.model.urls import web_url

UNITS = """\
sources:
  - {id: NIS, name: National Intelligence Service, kind: intelligence}
  - {id: UA, name: Ukrainian intelligence, kind: intelligence}
  - {id: GUR, name: Ukrainian military intelligence, kind: intelligence}
claims:
  - {id: a, statement: s, subject: nk, property: troops, value: {approx: 1500, unit: Soldiers}, date: 2024-10,
     sources: [{source: nis}]}
  - {id: b, statement: s, subject: nk, property: troops, value: {approx: 3000, unit: soldiers }, date: 2024-11,
     sources: [{source: UA}]}
  - {id: c, statement: s, subject: nk, property: troops, value: {exact: 11000, unit: SOLDIERS}, date: 2024-12,
     sources: [{source: gur}]}
"""


def test_one_unit_however_it_is_written_charts_as_one(invoke, write_ledger) -> None:
    data = write_ledger({"l.yaml": UNITS})
    markdown = invoke("export", "markdown", "--data", str(data)).stdout
    charts = re.findall(r"```mermaid\n(.*?)```", markdown, re.S)
    assert len(charts) == 1, markdown  # before: three units of one claim each, and no chart at all
    assert "bar [1500, 3000, 11000]" in charts[0] and 'y-axis "SOLDIERS"' in charts[0]
    timeline = invoke("timeline", "--data", str(data)).stdout
    assert "mixed units" not in timeline and "nk / troops (SOLDIERS)" in timeline
    assert not [f for f in check_ledger(load_ledger(data).ledger).findings if f.kind == "mixed-units"]


def test_unit_identity_and_naming() -> None:
    assert unit_key(" Soldiers ") == unit_key("soldiers") == "soldiers"
    assert unit_key("   ") is None and unit_key(None) is None
    assert unit_label(["Soldiers", "soldiers", "soldiers", "SOLDIERS"]) == "soldiers"  # the most common
    assert unit_label(["b", "a"]) == "a"  # a tie: the first in order, so every run names it alike


def test_a_value_without_a_unit_joins_the_only_unit() -> None:
    from factledger.model.entries import Value

    one = by_unit([(Value("exact", 1, unit="km"), "a"), (Value("exact", 2), "b")])
    assert one == {"km": ["a", "b"]}
    two = by_unit([(Value("exact", 1, unit="km"), "a"), (Value("exact", 1, unit="mi"), "c"), (Value("exact", 2), "b")])
    assert two == {"km": ["a"], "mi": ["c"], None: ["b"]}


def test_a_source_is_spelt_as_declared_in_every_output(invoke, write_ledger, tmp_path) -> None:
    data = write_ledger({"l.yaml": UNITS})
    table = invoke("list", "--data", str(data)).stdout
    assert "NIS" in table and "nis" not in table.replace("NIS", "")  # before: 'nis', as the citation wrote it
    rows = list(csv.DictReader(io.StringIO(invoke("list", "--format", "csv", "--data", str(data)).stdout)))
    assert [r["sources"] for r in rows] == ["NIS", "UA", "GUR"]
    listed = json.loads(invoke("list", "--format", "json", "--data", str(data)).stdout)
    assert [c["sources"][0]["source"] for c in listed] == ["NIS", "UA", "GUR"]
    assert json.loads(invoke("stats", "--format", "json", "--data", str(data)).stdout)["source"] == \
        {"GUR": 1, "NIS": 1, "UA": 1}
    shown = invoke("show", "c", "--data", str(data)).stdout
    assert "GUR — Ukrainian military intelligence" in shown
    checked = json.loads(invoke("check", "--all", "--format", "json", "--data", str(data)).stdout)
    assert {s for f in checked["findings"] for s in f["sources"]} == {"NIS", "UA", "GUR"}
    exported = json.loads(invoke("export", "json", "--data", str(data)).stdout)
    assert [c["sources"][0]["source"] for c in exported["claims"]] == ["NIS", "UA", "GUR"]


@pytest.mark.parametrize("url, publishable", [
    ("https://example.org/a?b=c#d", True), (" http://example.org ", True), ("HTTPS://EXAMPLE.ORG", True),
    ("javascript:alert(1)", False), ("data:text/html,x", False), ("file:///etc/passwd", False),
    ("http://[::1", False), ("http://example.org:99999/", False), ("http://exa mple.org", False),
    ("https://example.org/\u202etxt", False), ("//example.org/a", False), ("http://", False), ("", False),
])
def test_one_rule_for_what_a_web_address_may_be(url: str, publishable: bool) -> None:
    assert (web_url(url) is not None) == publishable


def test_a_crash_inside_the_cross_check_is_a_diagnostic_not_a_traceback(invoke, write_ledger,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from factledger.check import engine

    def broken(*args):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(engine, "_check_question", broken)
    data = write_ledger({"l.yaml": UNITS})
    checked = check_ledger(load_ledger(data).ledger)
    assert [(d.code, d.message) for d in checked.diagnostics] == [
        ("FL900", "internal error in the cross-check (the comparison of question nk / troops): ZeroDivisionError: "
                  "a bug; please report it")]
    assert any(f.kind == "uncorroborated" for f in checked.findings)  # the other stages still ran
    for fmt in ("text", "json"):
        result = invoke("check", "--format", fmt, "--data", str(data))
        assert result.exit_code == 1 and "FL900" in result.output and "Traceback" not in result.output, result.output
