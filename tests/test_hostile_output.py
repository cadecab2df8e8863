"""Hostile and careless output (issue 18): every write is checked, no ledger text can command a CI log,
SARIF and paths are the same wherever the ledger is, and help is tidy at 80 columns.

What is written is checked in real processes (the test runner's capture has no descriptor to fill or
close): a device that is full, a disk that fills part-way (a file size limit, as a full disk gives a
short write and then a failed one), a reader that leaves early.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
import yaml

from support import FIXTURES, REPO

SOURCES = "sources:\n  - {id: S, name: A source, kind: media}\n"
BROKEN = FIXTURES / "invalid" / "FL202-unknown-source"


def _many(folder: Path, count: int = 3000, source: str = "S") -> Path:
    """A ledger whose every output is far larger than a pipe holds."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "l.yaml").write_text(SOURCES + "claims:\n" + "".join(
        f"  - {{id: c{i}, statement: Statement number {i}, sources: [{{source: {source}}}]}}\n"
        for i in range(count)), encoding="utf-8")
    return folder


def _run(args: list[str], stdout: object = subprocess.PIPE, unbuffered: bool = True, limit: int | None = None,
         **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "FACTLEDGER_NO_CACHE": "1", "COLUMNS": "80"}
    env.pop("PYTHONUNBUFFERED", None)
    if unbuffered:  # as in most containers and CI images, where Python itself dropped short writes
        env["PYTHONUNBUFFERED"] = "1"

    def limited() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([sys.executable, "-m", "factledger", *args], stdout=stdout, stderr=subprocess.PIPE,
                          env=env, preexec_fn=limited, timeout=120, **kwargs)  # type: ignore[call-overload]


# -- item 3: every write is checked ------------------------------------------------------------------

COMMANDS = [["list"], ["list", "--format", "json"], ["export", "json"], ["export", "csv"], ["check", "--all"],
            ["validate", "--format", "json"], ["timeline"]]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_full_device_is_a_usage_error_never_success(tmp_path: Path, command: list[str]) -> None:
    data = _many(tmp_path / "data", 200)
    with open("/dev/full", "wb") as full:
        done = _run([*command, "--data", str(data)], stdout=full)
    assert done.returncode == 2, done.stderr
    assert done.stderr.decode().strip().splitlines()[-1] == "error: cannot write the output: no space left on device"


@pytest.mark.parametrize("unbuffered", [True, False], ids=["PYTHONUNBUFFERED", "buffered"])
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_disk_that_fills_part_way_is_a_usage_error_not_a_truncated_success(tmp_path: Path, command: list[str],
                                                                            unbuffered: bool) -> None:
    data = _many(tmp_path / "data", source="NOPE" if command[0] == "validate" else "S")  # validate: 3,000 errors
    target = tmp_path / "out"
    with open(target, "wb") as handle:
        done = _run([*command, "--data", str(data)], stdout=handle, unbuffered=unbuffered, limit=8192)
    assert done.returncode == 2, done.stderr
    assert b"error: cannot write the output: file too large" in done.stderr and b"Traceback" not in done.stderr
    whole = _run([*command, "--data", str(data)])
    assert len(whole.stdout) > 8192 and target.stat().st_size <= 8192  # it was cut short, and said so


def test_a_disk_that_fills_part_way_leaves_an_o_file_as_it_was(tmp_path: Path) -> None:
    data = _many(tmp_path / "data")
    target = tmp_path / "ledger.json"
    target.write_bytes(b"the previous export\n")
    done = _run(["export", "json", "--data", str(data), "-o", str(target)], limit=8192)
    assert done.returncode == 2 and b"cannot write" in done.stderr, done.stderr
    assert target.read_bytes() == b"the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "ledger.json"]


@pytest.mark.parametrize("command, data, code", [
    (["list"], None, 0), (["check", "--all"], None, 0), (["export", "json"], None, 0),
    (["validate"], "broken", 1), (["list", "--format", "csv"], None, 0)], ids=lambda v: str(v))
@pytest.mark.parametrize("unbuffered", ["1", ""], ids=["PYTHONUNBUFFERED", "buffered"])
def test_a_reader_that_leaves_ends_the_output_quietly_with_the_commands_own_code(
        tmp_path: Path, command: list[str], data: str | None, code: int, unbuffered: str) -> None:
    folder = _many(tmp_path / "data", source="S" if data is None else "NOPE")
    process = subprocess.Popen([sys.executable, "-m", "factledger", *command, "--data", str(folder)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "FACTLEDGER_NO_CACHE": "1", "PYTHONUNBUFFERED": unbuffered})
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()  # the reader leaves (| head -c 10)
    errors = process.stderr.read()
    assert process.wait(timeout=120) == code, errors
    assert b"Traceback" not in errors and b"BrokenPipe" not in errors and b"Exception ignored" not in errors
    assert b"cannot write" not in errors


def test_help_piped_to_head_exits_0_and_starts_with_its_usage() -> None:
    script = Path(sys.executable).parent / "factledger"  # the console script a person runs
    done = subprocess.run(f"'{script}' --help | head -1; exit ${{PIPESTATUS[0]}}", shell=True,
                          executable="bash", capture_output=True, timeout=60,
                          env={**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "80"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().startswith(" Usage: factledger [OPTIONS] COMMAND [ARGS]..."), done.stdout


def _commands(group: object, prefix: list[str]) -> list[list[str]]:
    found = [prefix]
    for name, child in sorted(getattr(group, "commands", {}).items()):
        found += _commands(child, [*prefix, name])
    return found


@pytest.mark.parametrize("command", _commands(typer.main.get_command(
    __import__("factledger.cli.main", fromlist=["app"]).app), []), ids=lambda c: " ".join(c) or "factledger")
def test_help_has_no_blank_first_line_and_no_line_ending_in_spaces_at_80_columns(invoke, monkeypatch, command
                                                                                 ) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    shown = invoke(*command, "--help")
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.split("\n")
    assert lines[0].strip().startswith("Usage:"), lines[:2]
    assert [line for line in lines if line != line.rstrip()] == []
    assert all(len(line) <= 80 for line in lines)


# -- item 5: no ledger text can command a CI log -----------------------------------------------------

FORGED = "\n::error file=README.md,line=1::forged"
HOSTILE = (
    'sources:\n'
    '  - {id: S, name: "A source\\n::error file=README.md,line=1::forged name", kind: media}\n'
    '  - {id: T, name: "T ##[error]forged", kind: media}\n'
    'claims:\n'
    '  - id: c1\n'
    '    statement: "Troops sent\\n::error file=README.md,line=1::forged\\n##[error]forged ##[warning]x"\n'
    '    subject: a\n    property: b\n    value: "one\\n::warning::forged"\n    date: 2024-10\n'
    '    sources: [{source: S, quote: "q\\r::error::quote"}]\n'
    '    notes: "a note\\n  ::notice::forged\\u2028::error::x"\n'
    '  - id: c2\n'
    '    statement: "Other words, and then a long tail that wraps at eighty columns ::error::wrapped"\n'
    '    subject: a\n    property: b\n    value: "two ::error::v ##[group]x"\n    date: 2024-10\n'
    '    sources: [{source: T}]\n'
)
OUTPUTS = [["validate"], ["list"], ["show", "c1"], ["show", "c2"], ["timeline"], ["questions"], ["check", "--all"],
           ["sources"], ["stats"], ["list", "--format", "json"], ["list", "--format", "csv"],
           ["list", "--format", "yaml"], ["check", "--format", "json"], ["export", "markdown"], ["export", "json"],
           ["export", "jsonl"], ["export", "csv"], ["export", "yaml"], ["validate", "--format", "sarif"]]


def _commanding(text: str) -> list[str]:
    """The lines of ``text`` the GitHub Actions runner would take for a workflow command."""
    return [line for line in text.split("\n") if line.lstrip().startswith("::") or "##[" in line]


@pytest.mark.parametrize("command", OUTPUTS, ids=" ".join)
def test_ledger_text_never_makes_a_workflow_command(invoke, write_ledger, monkeypatch, command: list[str]) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    data = write_ledger({"l.yaml": HOSTILE})
    shown = invoke(*command, "--data", str(data))
    assert shown.exit_code in (0, 1), shown.output
    assert _commanding(shown.stdout) == [] and _commanding(shown.stderr) == []
    if command[0] in ("list", "show", "timeline", "sources", "export"):
        assert "forged" in shown.stdout  # the text is shown, not dropped


def test_a_line_break_in_ledger_text_is_shown_escaped_in_human_formats(invoke, write_ledger) -> None:
    data = write_ledger({"l.yaml": HOSTILE})
    shown = invoke("show", "c1", "--data", str(data)).stdout
    assert "Troops sent\\x0a\\x3a:error file=README.md,line=1\\x3a:forged" in shown.replace("\n            ", " ")
    assert "\\x23#[error]forged" in shown


def test_json_and_yaml_carry_the_text_exactly_with_no_command_in_them(invoke, write_ledger) -> None:
    data = write_ledger({"l.yaml": HOSTILE})
    exported = invoke("export", "json", "--data", str(data)).stdout
    assert "\\u0023#[error]" in exported
    statement = "Troops sent\n::error file=README.md,line=1::forged\n##[error]forged ##[warning]x"
    assert json.loads(exported)["claims"][0]["statement"] == statement
    assert yaml.safe_load(invoke("export", "yaml", "--data", str(data)).stdout)["claims"][0]["statement"] == statement
    assert json.loads(invoke("export", "jsonl", "--data", str(data)).stdout.splitlines()[0])["statement"] == statement


def test_messages_an_export_prints_cannot_make_a_workflow_command(invoke, write_ledger) -> None:
    # A ledger that does not validate: the export refuses it and prints its diagnostics, which quote the text.
    data = write_ledger({"l.yaml": HOSTILE.replace("subject: a\n", 'subject: "a\\n::error::s ##[error]y"\n', 1)})
    refused = invoke("export", "json", "--data", str(data))
    assert refused.exit_code == 1 and "FL114" in refused.stderr, refused.output
    assert _commanding(refused.stdout) == [] and _commanding(refused.stderr) == []


@pytest.mark.parametrize("args", [["list", "--source"], ["list", "--format"], ["list", "--status"],
                                  ["list", "--tag"], ["export"], ["list", "--since"]], ids=" ".join)
def test_an_option_value_is_quoted_in_its_error_on_one_line_with_no_command(invoke, write_ledger, args) -> None:
    data = write_ledger({"l.yaml": HOSTILE})
    result = invoke(*args, "x\n::error::forged", "--data", str(data))
    assert result.exit_code == 2, result.output
    assert "x\\x0a\\x3a:error\\x3a:forged" in result.stderr, result.stderr
    assert _commanding(result.stdout) == [] and _commanding(result.stderr) == []


def test_annotations_stay_exactly_as_they_are(invoke, write_ledger) -> None:
    data = write_ledger({"l.yaml": HOSTILE.replace("subject: a\n", 'subject: "a\\n::error::s"\n', 1)})
    shown = invoke("validate", "--format", "github", "--data", str(data)).stdout.splitlines()
    assert shown and all(line.startswith((f"::error file={data}/l.yaml,line=", f"::warning file={data}/l.yaml,line="))
                         for line in shown), shown
    assert "title=FL114 invalid-slug::'subject' 'a\\x0a\\x3a:error\\x3a:s' is not a slug" in shown[0]


def test_a_file_name_in_an_annotation_is_percent_encoded_once_and_comes_back_as_it_is(invoke, tmp_path: Path,
                                                                                      monkeypatch) -> None:
    """GitHub decodes %25 %0D %0A %3A %2C in a property, nothing else: a ':' is encoded, never also escaped
    (which GitHub would show as '\\x3a'); a '##[' is still made inert, GitHub having no encoding of '#'."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a::b ##[x],y%.yaml").write_text("sources:\n  - {id: S, name: S, kind: mdia}\n",
                                                           encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    shown = invoke("validate", "--format", "github")
    assert shown.exit_code == 1, shown.output
    assert shown.stdout.startswith("::error file=data/a%3A%3Ab \\x23#[x]%2Cy%25.yaml,line=2,"), shown.stdout
    assert _commanding(shown.stdout.split("::", 2)[2]) == [] and "##[" not in shown.stdout


# -- item 8: the same SARIF anywhere, and paths relative where they can be ------------------------------

NAMES = ["e%41f.yaml", "c#d.yaml", "sp ace.yaml", "ü.yaml", "a?b.yaml"]


def _odd_names(root: Path) -> Path:
    data = root / "data"
    data.mkdir(parents=True)
    (data / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    for number, name in enumerate(NAMES):
        (data / name).write_text(f"claims:\n  - {{id: c{number}, statement: s, sources: [{{source: NOPE}}]}}\n",
                                 encoding="utf-8")
    return root


def test_sarif_uris_are_percent_encoded_and_the_same_in_any_folder(invoke, tmp_path: Path, monkeypatch) -> None:
    from test_ci import SARIF

    reports = []
    for place in ("one", "two/deeper"):
        root = _odd_names(tmp_path / place)
        monkeypatch.chdir(root)
        shown = invoke("validate", "--format", "sarif", "--data", "data")
        assert shown.exit_code == 1, shown.output
        reports.append(shown.stdout)
    assert reports[0] == reports[1]
    assert str(tmp_path) not in reports[0] and "file:" not in reports[0]
    report = json.loads(reports[0])
    assert not list(SARIF.iter_errors(report))
    uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in report["runs"][0]["results"])
    assert uris == sorted(["data/e%2541f.yaml", "data/c%23d.yaml", "data/sp%20ace.yaml", "data/%C3%BC.yaml",
                           "data/a%3Fb.yaml"])
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"]
            for r in report["runs"][0]["results"]} == {"%SRCROOT%"}


@pytest.mark.parametrize("found", ["factledger.toml", "--data", "FACTLEDGER_DATA"])
@pytest.mark.parametrize("fmt", ["text", "github", "csv", "json"])
def test_paths_are_relative_to_where_the_command_runs_however_the_data_directory_was_found(
        invoke, tmp_path: Path, monkeypatch, fmt: str, found: str) -> None:
    root = tmp_path / "project"
    shutil.copytree(BROKEN, root / "data")
    (root / "factledger.toml").write_text('data = "data"\n' if found == "factledger.toml" else "", encoding="utf-8")
    given = ["--data", str(root / "data")] if found == "--data" else []
    if found == "FACTLEDGER_DATA":
        monkeypatch.setenv("FACTLEDGER_DATA", str(root / "data"))
    (root / "sub").mkdir()
    for here, prefix in ((root, "data/"), (root / "sub", "../data/")):
        monkeypatch.chdir(here)
        command = ["list", "--format", "csv"] if fmt == "csv" else ["validate", "--format", fmt]
        shown = invoke(*command, *given)
        assert shown.exit_code == 1, shown.output
        assert str(tmp_path) not in shown.stdout + shown.stderr, shown.output
        assert f"{prefix}ledger.yaml" in shown.stdout
