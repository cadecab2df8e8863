"""`factledger init [DIR]`: a ledger project that validates and checks clean, ready for `factledger add`.

It makes only what is missing, never writing over a file (those it leaves alone are listed), and works in
a folder that is already a git repository (or is not one yet). The example source and claim are real
entries, commented, so that the first `validate` and `check` have something to show; when the data
folder already holds ledger files, no example is added to it.
"""

from __future__ import annotations

import json
from pathlib import Path

from factledger import HOMEPAGE, HOOKS_COMMIT
from factledger.api.editing import write
from factledger.api.results import Edited
from factledger.edit.engine import FileChange
from factledger.problems.errors import UsageError
from factledger.system import fs

_TOML = """\
# factledger's settings for this project. 'factledger config' shows the settings in force and where each
# came from (an option on the command line wins over FACTLEDGER_DATA, which wins over this file).

# The ledger's folder, relative to this file: every *.yaml file under it is read.
data = "data"

# Claims on one question are compared when their dates overlap, each widened by this many days.
# window = 0
# How far 'approx' reaches either side of its number, as a fraction (0.1: 10%).
# tolerance = 0.1
# true: validate and check fail on warnings too.
# strict = false

# Which codes are reported ('factledger codes' lists them): codes, slugs or prefixes such as "FL5".
# select = ["FL"]
# ignore = ["uncorroborated"]
# per-file-ignores = { "claims/legacy/*.yaml" = ["numeric-text-value"] }
# severity = { FL504 = "warning" }

# Files and folders that are not read at all (drafts, say).
# exclude = ["drafts"]
"""

_SOURCES = """\
# Sources: who makes the claims in this ledger. Each has an id (what claims cite), a name and a kind:
# government, intelligence, military, international-organization, official, media, ngo, academic or
# other. Optional: country (an ISO 3166-1 alpha-2 code), reliability (A to F), part_of (the id of the
# source it belongs to), depends_on, url, notes.
#
# 'factledger add' adds a source when a claim cites a new one. This one is an example: rename it with
# 'factledger rename example-office NEW-ID' (every claim citing it follows), or remove it with its claim.

sources:
  - id: example-office
    name: Example Statistics Office
    kind: official
    country: GB
    notes: An example source, made by factledger init.
"""

_CLAIMS = """\
# Claims: what a source said, when, and on what evidence. 'factledger add' writes them for you.
#   statement   the claim, in a sentence
#   sources     who said it: a citation each (source; and document, quote, via, date, url)
#   subject, property   the question it answers (slugs): 'factledger check' compares the claims on one
#               question, and says where sources agree, contradict or update each other
#   value       a number, a text, true/false, or a hedged quantity: {approx: 1500, unit: people},
#               {at_least: 12000}, {low: 10, high: 12}
#   date        YYYY, YYYY-MM or YYYY-MM-DD, or a range {from: ..., to: ...}
#
# This claim is an example, as its source is.

claims:
  - id: example-office-example-town-population-2024
    statement: The Example Statistics Office put the town's population at about 12,000 in 2024.
    subject: example-town
    property: population
    value: {approx: 12000, unit: people}
    date: 2024
    sources:
      - source: example-office
    tags: [example]
"""

_DOCUMENTS = """\
Text copies of the documents claims are read from go in this folder (a .txt file each), so that
'factledger validate' can check every quote against the words of its document. Define a document with
'factledger add --new-document --document ID --document-title TITLE --document-file documents/FILE.txt',
or under 'documents:' in a ledger file.
"""

_PRE_COMMIT = f"""\
# pre-commit runs factledger on each commit: pip install pre-commit && pre-commit install
#
# rev is the commit of the repository below the hooks come from (it has no release tag yet). The hooks
# read the whole ledger and run on every commit (always_run): a changed text copy of a document, a changed
# factledger.toml, a deleted ledger file or a changed PDF can break the ledger as well as a YAML edit.
repos:
  - repo: {HOMEPAGE}
    rev: {HOOKS_COMMIT}
    hooks:
      - id: factledger-validate
        always_run: true
      - id: factledger-check
        always_run: true
      - id: factledger-fmt
        files: ^data/
"""

_WORKFLOW = f"""\
# Validate and cross-check the ledger on every push and pull request: problems become annotations on the
# pull request, and SARIF goes to code scanning.
name: ledger
on: [push, pull_request]
permissions:
  contents: read
  security-events: write  # to upload SARIF
jobs:
  ledger:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with: {{python-version: "3.12"}}
      - run: pip install "factledger @ git+{HOMEPAGE}@{HOOKS_COMMIT}"
      - name: validate (annotations)
        run: factledger validate
      - name: cross-check (annotations)
        run: factledger check
      - name: layout
        run: factledger fmt --check
      - name: SARIF for code scanning
        if: always()
        run: |
          factledger validate --format sarif > validate.sarif || true
          factledger check --format sarif > check.sarif || true
      - uses: github/codeql-action/upload-sarif@v3
        if: always()
        with: {{sarif_file: validate.sarif, category: factledger-validate}}
      - uses: github/codeql-action/upload-sarif@v3
        if: always()
        with: {{sarif_file: check.sarif, category: factledger-check}}
"""


def _editor_files() -> dict[str, str]:
    """VS Code (and any editor using the YAML language server): the ledger files checked against the schema
    as they are typed (made by 'factledger schema'; 'factledger schema --ids' adds the ledger's ids)."""
    from factledger.schema.jsonschema import ledger_schema

    settings = {"yaml.schemas": {"./.vscode/ledger.schema.json": ["data/**/*.yaml", "data/**/*.yml"]}}
    return {".vscode/ledger.schema.json": json.dumps(ledger_schema(), indent=2, ensure_ascii=False) + "\n",
            ".vscode/settings.json": json.dumps(settings, indent=2) + "\n",
            ".vscode/extensions.json": json.dumps({"recommendations": ["redhat.vscode-yaml"]}, indent=2) + "\n"}


def init(folder: Path, dry_run: bool = False) -> Edited:
    """Make a ledger project in ``folder`` (made if missing): what is already there stays as it is."""
    folder = Path(folder)
    kind = fs.kind(folder)
    if kind not in ("folder", "missing"):
        raise UsageError(f"'{folder}' is not a folder")
    data = folder / "data"
    has_ledger = fs.kind(data) == "folder" and any(
        p.suffix.lower() in (".yaml", ".yml") for p in data.rglob("*") if p.is_file())
    wanted: dict[str, str] = {"factledger.toml": _TOML, ".pre-commit-config.yaml": _PRE_COMMIT,
                              ".github/workflows/factledger.yml": _WORKFLOW, **_editor_files(),
                              "data/documents/README.txt": _DOCUMENTS}
    if not has_ledger:
        wanted.update({"data/sources.yaml": _SOURCES, "data/claims/example.yaml": _CLAIMS})
    made: list[str] = []
    kept: list[str] = []
    for name in wanted:
        (kept if fs.kind(folder / name) != "missing" else made).append(name)
    changes = [FileChange(folder / name, None, wanted[name].encode("utf-8")) for name in made]
    verb = "would create" if dry_run else "created"
    said = [f"{verb} {(folder / name).as_posix()}" for name in made]
    said += [f"left {(folder / name).as_posix()} alone: it exists" for name in kept]
    if has_ledger:
        said.append(f"{data.as_posix()} holds a ledger already: no example source or claim added to it")
    said.append(_git_note(folder))
    said.append("next: 'factledger add' writes a claim (asking for each field), 'factledger validate' checks "
                "the ledger, 'factledger check' cross-checks it")
    result = write("init", changes, None, None, dry_run, said)
    result.left_alone = [((folder / name).as_posix(), "it exists") for name in kept]
    return result


def _git_note(folder: Path) -> str:
    here = fs.resolve(folder) if fs.kind(folder) == "folder" else Path.cwd().resolve() / folder
    for candidate in (here, *here.parents):
        if (candidate / ".git").exists():
            return f"in the git repository at {candidate.as_posix()}: commit the new files to start its history"
    return "not in a git repository: 'git init' keeps the ledger's history (and pre-commit needs one)"
