"""At home in CI and editors: SARIF checked against the official schema, GitHub annotations, the
pre-commit hooks run as pre-commit runs them, the configuration file, and the ledger's JSON Schema."""

from __future__ import annotations

import json
import shlex
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from factledger.problems.catalogue import CATALOGUE
from factledger.schema.jsonschema import ledger_schema
from factledger.parse.compose import load_file
from factledger.parse.nodes import Mapping, Scalar, Sequence

from support import FIXTURES, REPO

SARIF_SCHEMA = json.loads((REPO / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
SARIF = jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=jsonschema.FormatChecker())
INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())
CHECK = sorted(p for p in (FIXTURES / "check").iterdir() if p.is_dir())


# -- SARIF -----------------------------------------------------------------------------------------

def _sarif(invoke, *args: str) -> dict:
    result = invoke(*args, "--format", "sarif")
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    errors = sorted(SARIF.iter_errors(report), key=lambda e: e.path)
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:3]]
    return report


@pytest.mark.parametrize("folder", INVALID + CHECK, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_sarif_from_every_fixture_is_valid_against_the_official_schema(invoke, folder: Path) -> None:
    command = "validate" if folder.parent.name == "invalid" else "check"
    run = _sarif(invoke, command, "--data", str(folder.relative_to(REPO)))["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    for result in run["results"]:
        assert result["ruleId"] in rules and rules[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[
            CATALOGUE[result["ruleId"]].severity.value]
        for place in result["locations"]:
            uri = place["physicalLocation"]["artifactLocation"]["uri"]
            assert not uri.startswith(("./", "/")) and "\\" not in uri
            region = place["physicalLocation"].get("region")
            assert region is None or (region["startLine"] >= 1 and region["startColumn"] >= 1)


def test_sarif_rules_cover_every_code_each_command_can_report(invoke) -> None:
    validate = _sarif(invoke, "validate", "--data", "data")["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"] for r in validate} == {c.code for c in CATALOGUE.values() if c.stage != "check"}
    check = _sarif(invoke, "check", "--data", "data")["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"] for r in check} == set(CATALOGUE)
    rule = next(r for r in check if r["id"] == "FL501")
    assert rule["name"] == "conflict" and rule["defaultConfiguration"]["level"] == "error"
    assert rule["helpUri"].endswith("docs/diagnostics.md#fl501-conflict") and rule["shortDescription"]["text"]


def test_sarif_fingerprints_survive_a_line_moving(invoke, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "check" / "crowd-count", data)
    before = _sarif(invoke, "check", "--data", str(data))["runs"][0]["results"]
    text = (data / "ledger.yaml").read_text(encoding="utf-8")
    (data / "ledger.yaml").write_text("# a comment moves every line down\n\n" + text, encoding="utf-8")
    after = _sarif(invoke, "check", "--data", str(data))["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after] != \
        [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in before]
    assert len({json.dumps(r["partialFingerprints"]) for r in before}) == len(before)  # one per result


def test_github_annotations_for_a_conflict_in_a_workflow_log(invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = invoke("check", "--data", "tests/fixtures/check/FL501-conflict")
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert errors and all("file=tests/fixtures/check/FL501-conflict/" in line and ",line=" in line
                          and ",col=" in line and "title=FL501 conflict::" in line for line in errors)
    validated = invoke("validate", "--data", "tests/fixtures/invalid/FL103-unknown-field")
    assert validated.exit_code == 1 and validated.stdout.startswith("::error file=")


# -- pre-commit ------------------------------------------------------------------------------------

HOOKS = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def test_the_hook_file_declares_every_hook_as_pre_commit_reads_them() -> None:
    assert [h["id"] for h in HOOKS] == ["factledger-validate", "factledger-check", "factledger-fmt"]
    for hook in HOOKS:
        assert {"id", "name", "entry", "language"} <= set(hook) and hook["language"] == "python"
        assert hook.get("pass_filenames", True)
    # The gates run on any text file (a document's text copy or the configuration changes what the ledger
    # means); the formatter lays out YAML files only.
    assert [h.get("types") for h in HOOKS] == [["text"], ["text"], None]
    assert [h.get("types_or") for h in HOOKS] == [None, None, ["yaml"]]
    # A commit that only deletes a ledger file, or changes a PDF, passes the gates no file: they still run
    # (on the whole ledger); the formatter has nothing to lay out then.
    assert [h.get("always_run", False) for h in HOOKS] == [True, True, False]


@pytest.mark.parametrize("hook", HOOKS[:2], ids=lambda h: h["id"])
def test_each_hook_reports_only_the_files_it_is_given(invoke, hook: dict, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    shutil.copy(FIXTURES / "check" / "FL501-conflict" / "ledger.yaml", repo / "data" / "conflicts.yaml")
    (repo / "data" / "typos.yaml").write_text(
        "sources:\n  - {id: X, name: X, kind: media, contry: KR}\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    program, *entry = shlex.split(hook["entry"])
    assert program == "factledger"
    changed = invoke(*entry, "data/typos.yaml")  # pre-commit appends the changed files to the entry
    whole = invoke(*entry)  # what an always_run hook does on a commit with no text file to pass it
    if hook["id"] == "factledger-validate":
        assert changed.exit_code == 1 and "data/typos.yaml:2" in changed.stdout and "FL103" in changed.stdout
    else:  # a ledger with errors is not cross-checked: its diagnostics in the named file are what is shown
        assert changed.exit_code == 1 and "typos.yaml" in changed.stdout
    assert "conflicts.yaml" not in changed.stdout
    # The typo fails the ledger, so it is shown (and fails the run) whichever file is named.
    other = invoke(*entry, "data/conflicts.yaml")
    assert other.exit_code == 1 and "data/typos.yaml:2" in other.stdout, other.output
    assert "shown too: 1 problem in files not named" in other.stderr
    assert whole.exit_code == 1


def test_the_fmt_hook_lays_out_only_the_files_it_is_given(invoke, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data").mkdir()
    messy = "sources: [{id: S, name: A, kind: media}]\n"
    for name in ("a", "b"):
        (tmp_path / "data" / f"{name}.yaml").write_text(messy, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    program, *entry = shlex.split(HOOKS[2]["entry"])
    assert program == "factledger"
    result = invoke(*entry, "data/a.yaml")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "data" / "a.yaml").read_text() != messy and (tmp_path / "data" / "b.yaml").read_text() == messy


def test_check_on_named_files_shows_findings_about_their_claims(invoke, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    for name in ("a", "b"):
        (repo / "data" / f"{name}.yaml").write_text(
            f"sources:\n  - {{id: S{name}, name: {name}, kind: media}}\nclaims:\n"
            f"  - {{id: {name}, statement: x, subject: q{name}, property: p, value: 1, date: 2024-01, "
            f"sources: [{{source: S{name}}}]}}\n"
            f"  - {{id: {name}2, statement: y, subject: q{name}, property: p, value: 2, date: 2024-01, "
            f"sources: [{{source: S{name}}}]}}\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    result = invoke("check", "data/a.yaml", "--format", "json")
    assert result.exit_code == 1, result.output
    # b's conflict is an error: it fails the ledger, so it is shown too (the gate is the whole ledger's).
    assert {c for f in json.loads(result.stdout)["findings"] for c in f["claims"]} == {"a", "a2", "b", "b2"}
    assert "shown too: 1 problem in files not named" in result.stderr
    (repo / "data" / "b.yaml").write_text((repo / "data" / "b.yaml").read_text().replace("value: 2", "value: 1"))
    alone = invoke("check", "data/a.yaml", "--format", "json")
    assert {c for f in json.loads(alone.stdout)["findings"] for c in f["claims"]} == {"a", "a2"}, alone.output


# -- configuration ---------------------------------------------------------------------------------

@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A folder with a ledger (numbers written as text: FL115), made the current directory."""
    shutil.copytree(FIXTURES / "invalid" / "FL115-numeric-text-value", tmp_path / "ledger")
    monkeypatch.chdir(tmp_path)

    def write(text: str, name: str = "factledger.toml") -> Path:
        (tmp_path / name).write_text(text, encoding="utf-8")
        return tmp_path

    return write


def test_config_data_is_relative_to_the_file_and_found_from_below(invoke, project, monkeypatch) -> None:
    root = project('data = "ledger"\n')
    (root / "deeper" / "still").mkdir(parents=True)
    monkeypatch.chdir(root / "deeper" / "still")
    result = invoke("validate")
    assert result.exit_code == 0 and "FL115" in result.stdout
    shown = json.loads(invoke("config", "--format", "json").stdout)
    assert shown["file"] == str(root / "factledger.toml")
    data = next(s for s in shown["settings"] if s["name"] == "data")
    # shown relative to where the command runs, as every path from it is (issue 18)
    assert data == {"name": "data", "value": "../../ledger", "source": str(root / "factledger.toml")}


def test_pyproject_table_is_read_and_a_pyproject_without_one_is_passed_over(invoke, project, monkeypatch) -> None:
    root = project('[tool.factledger]\ndata = "ledger"\nstrict = true\n', "pyproject.toml")
    (root / "pkg").mkdir()
    (root / "pkg" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    monkeypatch.chdir(root / "pkg")
    assert invoke("validate").exit_code == 1  # strict, from the table two folders up: the FL115 warning fails
    text = invoke("config").stdout
    assert "pyproject.toml [tool.factledger]" in text and "strict" in text


def test_factledger_toml_wins_over_pyproject_in_one_folder(invoke, project) -> None:
    project('[tool.factledger]\nstrict = true\ndata = "ledger"\n', "pyproject.toml")
    project('data = "ledger"\n')
    assert invoke("validate").exit_code == 0


def test_flags_win_over_the_environment_over_the_file_over_defaults(invoke, project, monkeypatch, tmp_path) -> None:
    project('data = "nowhere"\nwindow = 3\n')
    monkeypatch.setenv("FACTLEDGER_DATA", str(tmp_path / "ledger"))
    shown = {s["name"]: s for s in json.loads(invoke("config", "--format", "json").stdout)["settings"]}
    assert shown["data"]["source"] == "FACTLEDGER_DATA" and shown["window"] == {
        "name": "window", "value": 3, "source": str(tmp_path / "factledger.toml")}
    flagged = {s["name"]: s for s in json.loads(invoke("config", "--format", "json", "--window", "0",
                                                       "--data", "elsewhere").stdout)["settings"]}
    assert flagged["window"]["value"] == 0 and flagged["window"]["source"] == "--window"
    assert flagged["data"] == {"name": "data", "value": "elsewhere", "source": "--data"}
    assert shown["tolerance"] == {"name": "tolerance", "value": 0.1, "source": "default"}


@pytest.mark.parametrize("settings, exit_code", [
    ('ignore = ["numeric-text-value"]\nstrict = true\n', 0),
    ('ignore = ["FL1"]\nstrict = true\n', 0),  # a prefix
    ('select = ["FL2"]\nstrict = true\n', 0),  # only references: nothing here
    ('select = ["FL2"]\nextend-select = ["FL115"]\nstrict = true\n', 1),
    ('severity = { FL115 = "error" }\n', 1),  # a warning made an error fails without --strict
    ('severity = { numeric-text-value = "info" }\nstrict = true\n', 0),  # an info never fails
    ('per-file-ignores = { "ledger.yaml" = ["FL115"] }\nstrict = true\n', 0),  # relative to the data directory
    ('per-file-ignores = { "ledger/*.yaml" = ["FL115"] }\nstrict = true\n', 0),  # or to the file's folder
    ('per-file-ignores = { "other/*.yaml" = ["FL115"] }\nstrict = true\n', 1),
])
def test_each_selection_key(invoke, project, settings: str, exit_code: int) -> None:
    project('data = "ledger"\n' + settings)
    result = invoke("validate")
    assert result.exit_code == exit_code, result.output


def test_select_and_ignore_flags_override_the_file(invoke, project) -> None:
    project('data = "ledger"\nignore = ["FL115"]\nstrict = true\n')
    assert invoke("validate").exit_code == 0
    assert invoke("validate", "--select", "FL115").exit_code == 1  # asked for by name: shown
    assert invoke("validate", "--select", "FL1,FL2", "--ignore", "numeric-text-value").exit_code == 0


def test_check_settings_come_from_the_file(invoke, project, tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "check" / "FL501-conflict", tmp_path / "conflict")
    project('data = "conflict"\nseverity = { conflict = "warning" }\n')
    assert invoke("check").exit_code == 0  # conflicts made warnings: not failing without strict
    project('data = "conflict"\ntolerance = 1.0\nwindow = 400\n')

    def conflicts(*args: str) -> int:
        return json.loads(invoke("check", "--format", "json", *args).stdout)["counts"]["conflict"]

    assert conflicts() == 1  # approx ±100%: about 1,500 reaches the other figure
    assert conflicts("--tolerance", "0.1", "--window", "0") == 2  # the options win over the file


@pytest.mark.parametrize("settings, says", [
    ("strct = true\n", "unknown setting 'strct'"),
    ("select = [\"FL9999\"]\n", "'FL9999' in 'select'"),
    ("ignore = [\"numeric-text\"]\n", "did you mean 'numeric-text-value'"),
    ("severity = { FL115 = \"fatal\" }\n", "must be error, warning or info"),
    ("window = -1\n", "'window'"),
    ("tolerance = \"a lot\"\n", "'tolerance'"),
    ("strict = \"yes\"\n", "'strict'"),
    ("[oops\n", "cannot read the configuration"),
])
def test_a_bad_configuration_is_a_usage_error(invoke, project, settings: str, says: str) -> None:
    project(settings)
    result = invoke("validate")
    assert result.exit_code == 2, result.output
    assert says in result.output


def test_a_bad_code_on_the_command_line_is_a_usage_error(invoke) -> None:
    result = invoke("validate", "--data", "data", "--select", "FL9999")
    assert result.exit_code == 2 and "'FL9999' in --select" in result.output


# -- the command line's small promises ----------------------------------------------------------------

def test_data_may_come_before_the_command(invoke) -> None:
    before = invoke("--data", "tests/fixtures/check/crowd-count", "list", "--format", "json")
    after = invoke("list", "--data", "tests/fixtures/check/crowd-count", "--format", "json")
    assert before.exit_code == 0 and before.stdout == after.stdout
    both = invoke("-d", "nowhere", "list", "-d", "tests/fixtures/check/crowd-count")
    assert both.exit_code == 0  # after the command wins, as the nearest


@pytest.mark.parametrize("option, value, says", [
    ("--subject", "north-kora", "did you mean 'north-korea'"),
    ("--property", "troops-dispatched", "no claim has property 'troops-dispatched'"),
    ("--tag", "nuclearr", "no claim has tag 'nuclearr'"),
    ("--status", "confirmd", "did you mean 'confirmed'"),
])
def test_a_mistyped_filter_is_a_usage_error_with_a_suggestion(invoke, option: str, value: str, says: str) -> None:
    for command in (["list"], ["export", "json"], ["stats"]):
        result = invoke(*command, "--data", "data", option, value)
        assert result.exit_code == 2, (command, result.output)
        assert says in result.output


def test_an_empty_data_directory_fails_validate_and_check(invoke, tmp_path: Path) -> None:
    for command in ("validate", "check"):
        result = invoke(command, "--data", str(tmp_path))
        assert result.exit_code == 1 and "FL009" in result.output and "--data DIR" in result.output


# -- the ledger's JSON Schema -------------------------------------------------------------------------

def _as_json(node):  # the values factledger reads (YAML 1.2: a date is text), as an editor's YAML server sees them
    if isinstance(node, Mapping):
        return {key.raw: _as_json(value) for key, value in node.items.values()}
    if isinstance(node, Sequence):
        return [_as_json(item) for item in node.items]
    if isinstance(node, Scalar):
        return None if node.is_null else node.value
    return None


def _errors(validator, path: Path) -> list[str]:
    loaded = load_file(path, path.name)
    assert loaded.parsed, path
    return [e.message for e in validator.iter_errors(_as_json(loaded.root))]


LEDGER = jsonschema.Draft202012Validator(ledger_schema())
VALID_FILES = sorted((REPO / "data").rglob("*.yaml")) + sorted((FIXTURES / "valid").rglob("*.yaml")) + sorted(
    p for p in (FIXTURES / "check").rglob("*.yaml"))
# What one file shows the schema: shapes, fields, choices and spellings. The rest needs the ledger.
SCHEMA_SEES = {"FL101", "FL102", "FL103", "FL104", "FL105", "FL106", "FL107", "FL108", "FL110", "FL112", "FL113",
               "FL114", "FL117", "FL119", "FL120"}


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(ledger_schema())


@pytest.mark.parametrize("path", VALID_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_valid_ledger_file_passes_the_schema(path: Path) -> None:
    assert _errors(LEDGER, path) == []


@pytest.mark.parametrize("code", sorted(SCHEMA_SEES))
def test_invalid_fixtures_fail_the_schema_wherever_it_can_see_the_problem(code: str) -> None:
    [folder] = [p for p in INVALID if p.name.startswith(code + "-")]
    assert any(_errors(LEDGER, path) for path in sorted(folder.glob("*.yaml"))), folder.name


def test_schema_ids_offer_the_ledgers_own_ids(invoke) -> None:
    result = invoke("schema", "--ids", "--data", "data")
    assert result.exit_code == 0, result.output
    made = json.loads(result.stdout)
    cited = made["properties"]["claims"]["items"]["properties"]["sources"]["items"]["properties"]["source"]
    assert "NIS" in cited["anyOf"][0]["enum"]
    supports = made["properties"]["claims"]["items"]["properties"]["supports"]["items"]
    assert "nis-troops-dispatched" in supports["anyOf"][0]["enum"]
    plain = json.loads(invoke("schema").stdout)
    assert "anyOf" not in plain["properties"]["claims"]["items"]["properties"]["supports"]["items"]
    described = plain["properties"]["claims"]["items"]["properties"]["qualifiers"]
    assert "two measures" in described["description"]  # the field tables' help, as descriptions
