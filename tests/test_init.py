"""`factledger init`: a project that validates and checks clean, made beside whatever is there (nothing written
over), in a git repository or not; and the README's walkthrough, run exactly as written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from factledger import HOOKS_COMMIT
from factledger.pipeline import load_ledger

from support import REPO

MADE = [".github/workflows/factledger.yml", ".pre-commit-config.yaml", ".vscode/extensions.json",
        ".vscode/ledger.schema.json", ".vscode/settings.json", "data/claims/example.yaml",
        "data/documents/README.txt", "data/sources.yaml", "factledger.toml"]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".git/" not in p.as_posix()}


def test_init_makes_a_project_that_validates_and_checks_clean(invoke, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "ledger"
    result = invoke("init", str(project))
    assert result.exit_code == 0, result.output
    assert sorted(_tree(project)) == MADE
    assert "not in a git repository" in result.stdout
    monkeypatch.chdir(project)  # the project's factledger.toml says where the data is
    assert invoke("validate").exit_code == 0
    checked = invoke("check", "--format", "json")
    assert checked.exit_code == 0 and json.loads(checked.stdout)["ok"] is True
    assert invoke("fmt", "--check").exit_code == 0
    assert invoke("config", "--format", "json").exit_code == 0
    ledger = load_ledger(project / "data").ledger
    assert [s.id for s in ledger.sources] == ["example-office"] and len(ledger.claims) == 1


def test_the_set_ups_use_the_projects_hooks_a_commit_that_exists_and_the_schema(invoke, tmp_path: Path) -> None:
    assert invoke("init", str(tmp_path)).exit_code == 0
    config = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text())
    hooks = {h["id"] for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    repo = config["repos"][0]
    assert repo["rev"] == HOOKS_COMMIT and {h["id"] for h in repo["hooks"]} <= hooks
    # A document's text copy or factledger.toml changes what the ledger means: the gates run on any text file.
    assert all("files" not in h for h in repo["hooks"] if h["id"] != "factledger-fmt"), repo["hooks"]
    # ... and on a commit with no text file (one that deletes a file), whatever the pinned hooks say.
    assert [h.get("always_run") for h in repo["hooks"]] == [True, True, None], repo["hooks"]
    workflow = yaml.safe_load((tmp_path / ".github" / "workflows" / "factledger.yml").read_text())
    steps = " ".join(str(s.get("run", s.get("uses"))) for s in workflow["jobs"]["ledger"]["steps"])
    assert "factledger validate" in steps and "factledger check" in steps and "--format sarif" in steps
    assert "github/codeql-action/upload-sarif" in steps
    settings = json.loads((tmp_path / ".vscode" / "settings.json").read_text())
    schema = json.loads((tmp_path / ".vscode" / "ledger.schema.json").read_text())
    assert settings["yaml.schemas"]["./.vscode/ledger.schema.json"] == ["data/**/*.yaml", "data/**/*.yml"]
    assert schema == json.loads(invoke("schema").stdout)
    import tomllib

    assert tomllib.loads((tmp_path / "factledger.toml").read_text())["data"] == "data"


def test_init_writes_over_nothing_and_lists_what_it_left_alone(invoke, tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "mine.yaml").write_text("sources: [{id: S, name: Mine, kind: media}]\n", encoding="utf-8")
    (tmp_path / "factledger.toml").write_text('data = "data"\nstrict = true\n', encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    before = _tree(tmp_path)
    result = invoke("init", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert f"left {tmp_path.as_posix()}/factledger.toml alone: it exists" in result.stdout
    assert "holds a ledger already: no example" in result.stdout and "in the git repository" in result.stdout
    after = _tree(tmp_path)
    assert {k: v for k, v in after.items() if k in before} == before
    assert "data/sources.yaml" not in after and "data/claims/example.yaml" not in after
    again = invoke("init", str(tmp_path))
    assert again.exit_code == 0 and _tree(tmp_path) == after and "created" not in again.stdout


def test_init_dry_run_writes_nothing(invoke, tmp_path: Path) -> None:
    result = invoke("init", str(tmp_path / "p"), "--dry-run")
    assert result.exit_code == 0 and "would create" in result.stderr
    assert not (tmp_path / "p").exists()


def test_the_readme_walkthrough_runs_as_written(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    steps = readme.split("### Writing the ledger", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "NO_COLOR": "1", "COLUMNS": "120"}
    done = subprocess.run(["bash", "-e", "-c", steps], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "quote found in documents/council-bulletin.txt" in done.stdout
    result = load_ledger(tmp_path / "my-ledger" / "data", cache=False)
    assert result.diagnostics == []
    assert len(result.ledger.claims) == 5 and len(result.ledger.sources) == 2
    assert sum(1 for c in result.ledger.claims for ct in c.citations if ct.quote and ct.document) >= 1
    # No YAML file was opened: every step is init or add (and the document's text copy).
    assert {line.split()[1] for line in steps.splitlines() if line.startswith("factledger ")} <= {
        "init", "add", "validate"}


def test_the_pre_commit_configuration_runs_in_pre_commit_itself(invoke, tmp_path: Path) -> None:
    """pre-commit installs the hooks from this repository (no network here: the generated file's GitHub
    address is pointed at this checkout, its rev at the commit checked out) and runs them on a commit."""
    pytest.importorskip("pre_commit")
    head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True, text=True)
    if head.returncode != 0:
        pytest.skip("not a git checkout")
    project = tmp_path / "project"
    assert invoke("init", str(project)).exit_code == 0
    config = project / ".pre-commit-config.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("https://github.com/factledger/factledger", str(REPO))
                      .replace(f"rev: {HOOKS_COMMIT}", f"rev: {head.stdout.strip()}"), encoding="utf-8")
    git = ["git", "-C", str(project), "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "factledger validate" in done.stdout and "factledger check" in done.stdout
    (project / "data" / "claims" / "bad.yaml").write_text("claims: [{id: c9, statment: x, sources: [{source: X}]}]\n",
                                                          encoding="utf-8")
    subprocess.run([*git, "add", "-A"], check=True)
    failing = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--files", "data/claims/bad.yaml"],
                             cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert failing.returncode == 1 and "FL103" in failing.stdout, failing.stdout
