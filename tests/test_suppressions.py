"""Inline suppressions (`# factledger: ignore[...]`), the configuration's exclude and extend-exclude, and
--exit-zero."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import FIXTURES

S = "sources:\n  - {id: A, name: Source A, kind: media}\n  - {id: B, name: Source B, kind: media}\n"


def _pair(comment_a: str = "", above_b: str = "", value_a: str = '"1500"') -> str:
    """Two claims, the first with a number written as text (FL115); with ``value_a`` a number, they conflict."""
    return (S + "claims:\n"
            f"  - id: a{comment_a}\n    statement: A says.\n    subject: q\n    property: p\n"
            f"    value: {value_a}\n    date: 2024-10\n    sources: [{{source: A}}]\n"
            + (f"  {above_b}\n" if above_b else "") +
            "  - id: b\n    statement: B says.\n    subject: q\n    property: p\n"
            "    value: 3000\n    date: 2024-10\n    sources: [{source: B}]\n")


def _data(tmp_path: Path, text: str) -> Path:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    (data / "ledger.yaml").write_text(text, encoding="utf-8")
    return data


def _codes(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [d["code"] for d in json.loads(result.stdout)["diagnostics"]]


def test_a_trailing_suppression_accepts_its_codes_for_its_entry(invoke, tmp_path: Path) -> None:
    data = _data(tmp_path, _pair("  # factledger: ignore[numeric-text-value]"))
    assert _codes(invoke("validate", "--format", "json", "--data", str(data))) == []
    unsuppressed = _data(tmp_path, _pair())
    assert _codes(invoke("validate", "--format", "json", "--data", str(unsuppressed))) == ["FL115"]


def test_a_suppression_above_the_entry_accepts_a_finding_about_it(invoke, tmp_path: Path) -> None:
    data = _data(tmp_path, _pair("", "# factledger: ignore[FL501, conflict]", "1500"))
    checked = invoke("check", "--data", str(data))
    assert checked.exit_code == 0 and "FL501" not in checked.stdout, checked.output
    assert _codes(invoke("validate", "--format", "json", "--data", str(data))) == []  # it accepts a finding: used
    data = _data(tmp_path, _pair("", "", "1500"))
    failing = invoke("check", "--data", str(data))
    assert failing.exit_code == 1 and "FL501" in failing.stdout


def test_a_suppression_that_suppresses_nothing_is_reported_for_validate_and_check_codes(invoke,
                                                                                     tmp_path: Path) -> None:
    text = _pair("  # factledger: ignore[FL115, FL501]").replace("value: 3000", "value: 1500.0")
    data = _data(tmp_path, text)
    result = invoke("validate", "--format", "json", "--data", str(data))
    diagnostics = json.loads(result.stdout)["diagnostics"]
    assert [d["code"] for d in diagnostics] == ["FL013"]
    assert "FL501 is not reported on claim 'a'" in diagnostics[0]["message"]
    fixed = invoke("fix", "--data", str(data))
    assert fixed.exit_code == 0, fixed.output
    assert "# factledger: ignore[FL115]\n" in (data / "ledger.yaml").read_text(encoding="utf-8")
    assert _codes(invoke("validate", "--format", "json", "--data", str(data))) == []


def test_ignoring_the_code_of_unused_suppressions_silences_them(invoke) -> None:
    folder = FIXTURES / "invalid" / "FL013-unused-suppression"
    assert invoke("validate", "--data", str(folder)).exit_code == 0  # warnings only
    assert invoke("validate", "--strict", "--data", str(folder)).exit_code == 1
    # FL115 on c2 is suppressed (its other code is mistyped); with FL013 ignored, nothing is left to report.
    quiet = invoke("validate", "--strict", "--ignore", "unused-suppression", "--format", "json", "--data", str(folder))
    assert quiet.exit_code == 0 and _codes(quiet) == []


def test_exclude_and_extend_exclude_leave_files_and_folders_unread(invoke, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    data = _data(tmp_path, S)
    (data / "drafts").mkdir()
    (data / "drafts" / "wip.yaml").write_text("claims: [{id: x, statment: broken}]\n", encoding="utf-8")
    (data / "scratch.yaml").write_text("not: [valid\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert invoke("validate").exit_code == 1
    (tmp_path / "factledger.toml").write_text('exclude = ["drafts"]\nextend-exclude = ["data/scratch.yaml"]\n',
                                              encoding="utf-8")
    result = invoke("validate")
    assert result.exit_code == 0, result.output
    assert "1 file" in result.stdout
    shown = json.loads(invoke("config", "--format", "json").stdout)
    assert {s["name"]: s["value"] for s in shown["settings"]}["exclude"] == ["drafts"]
    (tmp_path / "factledger.toml").write_text('exclude = "drafts"\n', encoding="utf-8")
    bad = invoke("validate")
    assert bad.exit_code == 2 and "must be a list of file or folder patterns" in bad.stderr


def test_exit_zero_reports_but_does_not_fail(invoke, tmp_path: Path) -> None:
    data = _data(tmp_path, _pair(value_a="1500"))
    assert invoke("check", "--data", str(data)).exit_code == 1
    checked = invoke("check", "--exit-zero", "--data", str(data))
    assert checked.exit_code == 0 and "FL501" in checked.stdout
    broken = _data(tmp_path, "claims: [{id: x}]\n")
    validated = invoke("validate", "--exit-zero", "--data", str(broken))
    assert validated.exit_code == 0 and "FL104" in validated.stdout
    assert invoke("validate", "--exit-zero", "--data", str(tmp_path / "missing")).exit_code == 2
