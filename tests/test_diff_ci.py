"""The pull-request workflow of docs/ci.md, its script run as GitHub's runner would run it: in a local
repository with a pull-request branch, bash, the real factledger, and a stand-in for `gh` on PATH that
records each call (and answers the comment listing as GitHub would)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from scripted import BASE, Scripted, claim
from support import REPO

_GH = """#!/usr/bin/env python3
import json, os, sys
args = sys.argv[1:]
record = {"args": args}
for i, a in enumerate(args):  # what a body file held when gh read it
    if a.startswith("body=@") or a == "--body-file":
        name = a[len("body=@"):] if a.startswith("body=@") else args[i + 1]
        record["body"] = open(name, encoding="utf-8").read()
with open(os.environ["GH_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(record) + "\\n")
if "--paginate" in args:  # the listing of the pull request's comments, already filtered by --jq
    print(os.environ.get("GH_EXISTING", ""))
"""


def _workflow_step(name: str) -> dict:
    text = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    block = text.split("# .github/workflows/ledger-diff.yml\n", 1)[1].split("```", 1)[0]
    steps = yaml.safe_load(block)["jobs"]["diff"]["steps"]
    return next(s for s in steps if s.get("name") == name)


def _pull_request(tmp_path: Path) -> Scripted:
    repo = Scripted(tmp_path / "repo")
    repo.write("data/ledger.yaml", BASE)
    repo.commit("The rally's first figures")
    repo.git("update-ref", "refs/remotes/origin/main", "main")  # as actions/checkout leaves the base branch
    repo.git("checkout", "-q", "-b", "health-figure")
    repo.write("data/health.yaml", "claims:\n" + claim("health", "The health agency counted 40,000.",
                                                        "{exact: 40000, unit: people}", "HOSPITALS"))
    repo.commit("Add the health agency's count")
    return repo


def _run(repo: Scripted, tmp_path: Path, existing: str = "") -> list[dict]:
    step = _workflow_step("comment")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    gh = bin_dir / "gh"
    gh.write_text(_GH, encoding="utf-8")
    gh.chmod(0o755)
    log = tmp_path / "gh.log"
    log.unlink(missing_ok=True)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "GH_LOG": str(log), "GH_EXISTING": existing, "GITHUB_REPOSITORY": "desk/ledger", "BASE_REF": "main",
           "PR": "7", "GH_TOKEN": "not-a-token", "GITHUB_ACTIONS": "true"}
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo.root, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def test_the_workflow_comments_once_then_updates_its_own_comment(tmp_path: Path) -> None:
    repo = _pull_request(tmp_path)
    listed, created = _run(repo, tmp_path)
    assert listed["args"][:2] == ["api", "repos/desk/ledger/issues/7/comments"]
    assert "<!-- factledger-diff -->" in " ".join(listed["args"])  # it looks for its own marker
    assert created["args"] == ["pr", "comment", "7", "--body-file", "factledger-diff.md"]
    body = created["body"]
    first = body.splitlines()[0]
    assert first.startswith("**factledger**: 2 new conflicts; 1 claim added"), first
    assert body.rstrip().endswith("<!-- factledger-diff -->")
    _, updated = _run(repo, tmp_path, existing="4242")
    assert updated["args"] == ["api", "--method", "PATCH", "repos/desk/ledger/issues/comments/4242",
                               "-F", "body=@factledger-diff.md"]
    assert updated["body"] == body


def test_the_annotation_step_fails_the_check_on_a_new_error(tmp_path: Path) -> None:
    repo = _pull_request(tmp_path)
    step = _workflow_step("annotations")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", "BASE_REF": "main"}
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo.root, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("::error file=data/health.yaml,line=2,"), done.stdout
    assert "--fail-on new-error: the change brings 2 new conflict" in done.stderr
