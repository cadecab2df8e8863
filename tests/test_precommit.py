"""The hooks of .pre-commit-hooks.yaml, run by pre-commit itself on `git commit` in a real git repository.

The hooks are declared in the repository under test as `repo: local` hooks, each the real hook's
definition (entry, file types, arguments) with `language: system`, so that pre-commit runs the
factledger installed here instead of building an environment from the network."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support import REPO

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

SOURCES = "sources:\n  - {id: NYT, name: New York Times, kind: media}\n  - {id: AP, name: AP, kind: media}\n"
DOCUMENTS = "documents:\n  - {id: speech, title: The speech, file: texts/speech.txt}\n"
SPEECH = "We will not send troops across the border this year.\n"
CLAIMS = ("claims:\n"
          "  - id: no-troops\n    statement: No troops will be sent.\n"
          "    sources:\n      - source: NYT\n        document: speech\n"
          "        quote: not send troops across the border\n"
          "  - id: wire\n    statement: The wire repeated it.\n    sources: [{source: AP}]\n")


def _git(repo: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, check=False,
                          timeout=300)


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A git repository holding a valid ledger, with both hooks installed by `pre-commit install`."""
    root = tmp_path / "ledger"
    (root / "data" / "texts").mkdir(parents=True)
    (root / "data" / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (root / "data" / "documents.yaml").write_text(DOCUMENTS, encoding="utf-8")
    (root / "data" / "claims.yaml").write_text(CLAIMS, encoding="utf-8")
    (root / "data" / "texts" / "speech.txt").write_text(SPEECH, encoding="utf-8")
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    # The two gates (the formatter is optional, and would lay these hand-written files out first).
    local = [{**hook, "language": "system"} for hook in hooks if hook["id"] != "factledger-fmt"]
    (root / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": local}]}, sort_keys=False), encoding="utf-8")
    bin_dir = str(Path(sys.executable).parent)  # factledger and pre-commit, as installed for the tests
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
           "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "HOME": str(tmp_path),
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Ana", "GIT_AUTHOR_EMAIL": "ana@example.org",
           "GIT_COMMITTER_NAME": "Ana", "GIT_COMMITTER_EMAIL": "ana@example.org",
           "FACTLEDGER_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    for name in ("FACTLEDGER_DATA", "GITHUB_ACTIONS", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(name, None)
    assert _git(root, "init", "-q", env=env).returncode == 0
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=root, capture_output=True,
                               text=True, env=env, check=False, timeout=300)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    _git(root, "add", "-A", env=env)
    first = _git(root, "commit", "-q", "-m", "A valid ledger", env=env)
    assert first.returncode == 0, first.stdout + first.stderr  # both hooks pass on a valid ledger
    return root, env


def _commits(root: Path, env: dict[str, str]) -> int:
    return int(_git(root, "rev-list", "--count", "HEAD", env=env).stdout)


def _commit(root: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    _git(root, "add", "-A", env=env)
    return _git(root, "commit", "-q", "-m", message, env=env)


def test_a_commit_that_renames_a_source_without_its_references_is_refused(repo) -> None:
    root, env = repo
    (root / "data" / "sources.yaml").write_text(SOURCES.replace("id: AP", "id: AssociatedPress"), encoding="utf-8")
    refused = _commit(root, env, "Rename AP")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "factledger validate" in output and "Failed" in output
    assert "data/claims.yaml:10:" in output and "FL202" in output  # in the file the commit did not touch
    assert _commits(root, env) == 1
    # Renaming the references too passes: the hooks refuse what is broken, not every change.
    (root / "data" / "claims.yaml").write_text(CLAIMS.replace("source: AP", "source: AssociatedPress"),
                                               encoding="utf-8")
    fixed = _commit(root, env, "Rename AP everywhere")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert _commits(root, env) == 2


def test_a_commit_that_edits_a_document_so_a_quote_no_longer_matches_is_refused(repo) -> None:
    root, env = repo
    speech = root / "data" / "texts" / "speech.txt"
    speech.write_text(SPEECH.replace("not send troops", "not yet send soldiers"), encoding="utf-8")
    refused = _commit(root, env, "Correct the transcript")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "FL303" in output and "data/claims.yaml:" in output
    assert _commits(root, env) == 1
    assert speech.read_text(encoding="utf-8") != SPEECH  # the person's edit is left as it is, to be fixed


def test_a_commit_of_the_configuration_alone_runs_the_hooks(repo) -> None:
    root, env = repo
    (root / "data" / "later.yaml").write_text("# claims to come\n", encoding="utf-8")  # FL007, a warning
    assert _commit(root, env, "A file for later").returncode == 0  # warnings do not fail by default
    (root / "factledger.toml").write_text("strict = true\n", encoding="utf-8")
    refused = _commit(root, env, "Fail on warnings")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0 and "data/later.yaml:1:1: warning FL007" in output, output
    assert "passed over 1 file outside the data directory" in output
    assert _commits(root, env) == 2


def test_a_commit_that_only_deletes_a_file_the_ledger_needs_is_refused(repo) -> None:
    root, env = repo
    _git(root, "rm", "-q", "data/sources.yaml", env=env)  # no file left to pass the hooks
    refused = _git(root, "commit", "-q", "-m", "Drop the sources", env=env)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "Skipped" not in output and "FL202" in output and "data/claims.yaml:" in output
    assert _commits(root, env) == 1


def test_a_commit_that_changes_only_a_binary_document_runs_the_gates(repo) -> None:
    root, env = repo
    (root / "data" / "texts" / "speech.pdf").write_bytes(b"%PDF-1.4\n\x00\xff\xfe binary\n")
    done = _commit(root, env, "The speech as published")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "factledger validate" in output and "Passed" in output and "Skipped" not in output
