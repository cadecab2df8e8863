"""A CI gate never passes a broken ledger: `validate FILE…` and `check FILE…` read the whole ledger, show
the named files' problems and whatever fails the ledger elsewhere, and exit as the whole ledger does; a
name that does not exist is a usage error; no setting hides a file that could not be read. And the
smaller promises around the gate: `schema --ids`, `questions` on an empty folder, the Datasette search,
the documented CI recipe."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from factledger import HOOKS_COMMIT
from factledger.problems.catalogue import CATALOGUE, UNREADABLE

from support import REPO

SOURCES = "sources:\n  - {id: NYT, name: New York Times, kind: media}\n  - {id: AP, name: AP, kind: media}\n"
CLAIMS = ("claims:\n  - id: a\n    statement: Troops crossed the border.\n    sources: [{source: NYT}]\n"
          "  - id: b\n    statement: Troops crossed the river.\n    sources: [{source: AP}]\n")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A valid ledger in data/, the current directory its project's root."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (tmp_path / "data" / "claims.yaml").write_text(CLAIMS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("command", ["validate", "check"])
def test_renaming_a_source_fails_the_gate_on_the_file_renamed(invoke, project: Path, command: str) -> None:
    (project / "data" / "sources.yaml").write_text(SOURCES.replace("id: NYT", "id: NYTimes"), encoding="utf-8")
    before = _snapshot(project)
    result = invoke(command, "data/sources.yaml")
    assert result.exit_code == 1, result.output
    assert "data/claims.yaml:4:" in result.stdout and "FL202" in result.stdout  # where the break is
    assert "no problems" not in result.stdout and "no findings" not in result.stdout
    assert "shown too: 1 problem in files not named, which fail the ledger as a whole" in result.stderr
    assert _snapshot(project) == before


def test_check_on_a_named_file_of_a_ledger_that_does_not_validate_never_says_no_findings(invoke, project) -> None:
    (project / "data" / "broken.yaml").write_text("claims:\n  - id: c\n", encoding="utf-8")
    result = invoke("check", "data/sources.yaml")
    assert result.exit_code == 1, result.output
    assert "no findings" not in result.output and "✓" not in result.output
    assert "data/broken.yaml:2:5: error FL104" in result.stdout
    assert "the ledger does not validate, so it was not cross-checked" in result.stderr
    as_json = invoke("check", "data/sources.yaml", "--format", "json")
    assert as_json.exit_code == 1 and "FL104" in as_json.stdout


def test_a_warning_elsewhere_is_shown_only_when_strict_makes_it_fail(invoke, project: Path) -> None:
    (project / "data" / "empty.yaml").write_text("# nothing yet\n", encoding="utf-8")  # FL007, a warning
    lenient = invoke("validate", "data/sources.yaml")
    assert lenient.exit_code == 0 and "FL007" not in lenient.stdout, lenient.output
    strict = invoke("validate", "--strict", "data/sources.yaml")
    assert strict.exit_code == 1 and "data/empty.yaml:1:1: warning FL007" in strict.stdout, strict.output


@pytest.mark.parametrize("command", ["validate", "check"])
def test_a_file_that_does_not_exist_is_a_usage_error(invoke, project: Path, command: str) -> None:
    result = invoke(command, "data/claims/nope.yaml", "data/sources.yaml", "data/gone.yaml")
    assert result.exit_code == 2, result.output
    assert "no file 'data/claims/nope.yaml', 'data/gone.yaml'" in result.stderr  # every one, not the first
    assert "no problems" not in result.output


@pytest.mark.parametrize("command", ["validate", "check"])
def test_a_file_outside_the_data_directory_is_passed_over(invoke, project: Path, command: str) -> None:
    (project / ".github" / "workflows").mkdir(parents=True)
    (project / ".github" / "workflows" / "ledger.yml").write_text("on: [push]\njobs: {}\n", encoding="utf-8")
    (project / "factledger.toml").write_text('data = "data"\n', encoding="utf-8")
    result = invoke(command, ".github/workflows/ledger.yml", "factledger.toml", "data/claims.yaml")
    assert result.exit_code == 0, result.output
    assert re.search(r"passed over 2 files outside the data directory '[^']*data' \(\.github/workflows/ledger\.yml, "
                     r"factledger\.toml\)", result.stderr), result.stderr
    alone = invoke(command, ".github/workflows/ledger.yml")  # nothing of the ledger named: still checked whole
    assert alone.exit_code == 0, alone.output
    (project / "data" / "claims.yaml").write_text(CLAIMS.replace("source: AP", "source: APX"), encoding="utf-8")
    broken = invoke(command, ".github/workflows/ledger.yml")
    assert broken.exit_code == 1 and "FL202" in broken.stdout, broken.output


# -- no setting hides an unreadable file -----------------------------------------------------------

SETTINGS = [
    'ignore = ["FL0"]',
    'ignore = ["FL001", "yaml-syntax"]',
    'severity = { FL001 = "info" }',
    'severity = { yaml-syntax = "warning" }',
    'select = ["FL2", "FL5"]',
    'per-file-ignores = { "*.yaml" = ["FL0"] }',
    'ignore = ["FL"]',
]


@pytest.mark.parametrize("setting", SETTINGS)
def test_no_setting_hides_a_file_that_cannot_be_parsed(invoke, project: Path, setting: str) -> None:
    (project / "factledger.toml").write_text(setting + "\n", encoding="utf-8")
    (project / "data" / "broken.yaml").write_text("claims: [\n", encoding="utf-8")
    before = _snapshot(project)
    validated = invoke("validate")
    assert validated.exit_code == 1, validated.output
    assert "data/broken.yaml:2:1: error FL001 invalid YAML" in validated.stdout
    named = invoke("validate", "data/claims.yaml")
    assert named.exit_code == 1 and "error FL001" in named.stdout, named.output
    checked = invoke("check")
    assert checked.exit_code == 1 and "error FL001" in checked.stdout, checked.output
    exported = invoke("export", "json")
    assert exported.exit_code == 1 and "not exported" in exported.stderr  # validate and export agree
    if "FL001" in setting or "yaml-syntax" in setting:
        assert "FL001 (yaml-syntax) is reported as an error whatever the settings say" in validated.stderr
    assert _snapshot(project) == before


def test_the_unreadable_codes_are_the_errors_of_reading_files() -> None:
    assert UNREADABLE == {c for c in CATALOGUE if c.startswith("FL0") and CATALOGUE[c].severity.value == "error"}
    assert {"FL001", "FL002", "FL003", "FL009", "FL010"} <= UNREADABLE and "FL007" not in UNREADABLE


def test_other_codes_are_still_the_settings_to_choose(invoke, project: Path) -> None:
    (project / "data" / "claims.yaml").write_text(CLAIMS.replace("source: AP", "source: APX"), encoding="utf-8")
    (project / "factledger.toml").write_text('ignore = ["FL202"]\n', encoding="utf-8")
    result = invoke("validate")
    assert result.exit_code == 0 and "reported as an error whatever" not in result.stderr, result.output


# -- the smaller ones ------------------------------------------------------------------------------

def test_schema_ids_fails_on_a_ledger_with_errors_but_still_offers_what_loaded(invoke, project: Path) -> None:
    good = invoke("schema", "--ids")
    assert good.exit_code == 0, good.output
    (project / "data" / "broken.yaml").write_text("claims: [\n", encoding="utf-8")
    result = invoke("schema", "--ids")
    assert result.exit_code == 1, result.output
    assert "NYT" in json.dumps(json.loads(result.stdout))
    assert "the ledger has 1 error" in result.stderr


def test_questions_on_an_empty_data_directory_prints_the_line_check_prints(invoke, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data").mkdir()
    monkeypatch.chdir(tmp_path)
    checked, asked = invoke("check"), invoke("questions")
    line = "data: error FL009 no *.yaml or *.yml files under 'data'"
    assert checked.exit_code == asked.exit_code == 1
    assert line in checked.stdout and line in asked.stdout, asked.output
    assert "0 questions" not in asked.stdout


@pytest.mark.parametrize(("words", "found"), [
    ("NL-Alert", {"alert"}), ("nl alert", {"alert"}), ("troops, border", {"a"}), ("Troops OR river", set()),
    ('"troops', {"a", "b"}), ("NEAR(troops border)", set()), ("statement:troops", set()), ("", set()),
    ("  troops   river ", {"b"}), ("a*", set()), ("-troops", {"a", "b"}),
])
def test_the_datasette_search_reads_a_persons_words_as_words(invoke, project: Path, words: str,
                                                            found: set[str]) -> None:
    from factledger.export.datasette import QUERIES

    (project / "data" / "alert.yaml").write_text(
        "claims:\n  - id: alert\n    statement: The NL-Alert was sent at noon.\n    sources: [{source: NYT}]\n",
        encoding="utf-8")
    assert invoke("export", "sqlite", "-o", "ledger.db").exit_code == 0
    metadata = json.loads(invoke("export", "datasette", "--database", "ledger").stdout)
    sql = metadata["databases"]["ledger"]["queries"]["search"]["sql"]
    assert sql == QUERIES["search"]["sql"]
    with sqlite3.connect(project / "ledger.db") as db:
        rows = db.execute(sql, {"words": words}).fetchall()  # never an error: no word is FTS5 syntax
    assert {row[0] for row in rows} == found


def test_the_documented_ci_recipe_installs_from_the_repository_at_a_commit_that_exists() -> None:
    text = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    assert "pip install factledger " not in text and "pip install factledger\n" not in text
    installs = re.findall(r'pip install "factledger @ git\+https://github\.com/factledger/factledger@([0-9a-f]+)"',
                          text)
    revs = re.findall(r"rev: (\S+)", text) + re.findall(r"rev: (\S+)", (REPO / ".pre-commit-hooks.yaml").read_text())
    assert installs and revs
    pinned = set(installs) | set(revs) | {HOOKS_COMMIT}
    assert len(pinned) == 1 and all(re.fullmatch(r"[0-9a-f]{40}", rev) for rev in pinned), pinned
    if shutil.which("git") and (REPO / ".git").exists():
        exists = subprocess.run(["git", "-C", str(REPO), "cat-file", "-e", f"{pinned.pop()}^{{commit}}"],
                                capture_output=True, check=False)
        assert exists.returncode == 0, "the pinned commit is not in this repository's history"
