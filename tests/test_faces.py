"""The CLI is a thin face over the library: commands load only what they use, formats come from one
registry and mean the same on every command, and the house keeps the shape of the pipeline."""

from __future__ import annotations

import ast
import inspect
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from factledger import api
from factledger.cli.main import app
from factledger.render import registry
from factledger.system.fs import shown

from support import FIXTURES, REPO

PACKAGE = REPO / "factledger"
CONFLICT = FIXTURES / "check" / "FL501-conflict"


def _imported(*args: str) -> set[str]:
    # An environment no run had before: the command runs, rather than its kept answer (cli.answers) being
    # written again with nothing imported.
    fresh = {**os.environ, "FACTLEDGER_TEST_RUN": uuid.uuid4().hex}
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "factledger", *args], capture_output=True,
                          text=True, cwd=REPO, timeout=120, env=fresh)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    return {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}


def test_list_imports_no_exporter_importer_or_sqlite() -> None:
    modules = _imported("list", "--source", "NIS")
    assert "factledger.pipeline" in modules  # it did load the ledger
    heavy = sorted(m for m in modules if m.startswith(("factledger.export", "factledger.importers", "sqlite3",
                                                      "_sqlite3", "pydantic")))
    assert heavy == []


def test_only_add_imports_the_prompt_library_and_only_add_and_init_the_writers() -> None:
    for command in (["validate"], ["list"], ["check"], ["fmt", "--check"]):
        modules = _imported(*command)
        assert not {m for m in modules if m.startswith("prompt_toolkit")}, command
        if command != ["fmt", "--check"]:
            assert not {m for m in modules if m.startswith(("factledger.edit", "factledger.api.adding"))}, command


def test_jinja2_is_imported_by_the_html_export_only() -> None:
    export = str(REPO / "tests" / "fixtures" / "export")
    assert {"jinja2", "markupsafe"} <= _imported("export", "html", "--data", export)  # the probe sees it
    for command in (["export", "markdown", "--data", export], ["list", "--source", "NIS"], ["check"]):
        assert not {m for m in _imported(*command) if m.startswith(("jinja2", "markupsafe"))}, command


def test_only_lsp_imports_the_language_server_libraries() -> None:
    server = ("pygls", "lsprotocol", "factledger.lsp")
    for command in (["validate"], ["check"], ["list"], ["--help"]):
        assert not {m for m in _imported(*command) if m.startswith(server)}, command
    # The server itself, told nothing (its input ends at once): it does load them, and ends as told to.
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "factledger", "lsp"], capture_output=True,
                          text=True, cwd=REPO, timeout=120, stdin=subprocess.DEVNULL)
    loaded = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert {"pygls", "lsprotocol", "factledger.lsp.server"} <= loaded, done.stderr[-2000:]
    assert done.returncode == 1, done.stderr[-2000:]  # input ended without a shutdown request


def test_a_warm_list_imports_neither_the_parser_nor_the_rules_nor_the_cross_check() -> None:
    _imported("list", "--source", "NIS")  # fills the cache (the tests' own, see conftest)
    modules = _imported("list", "--source", "NIS")
    assert "factledger.load.cached" in modules
    unused = sorted(m for m in modules if m == "yaml" or m.startswith((
        "yaml.", "factledger.parse.compose", "factledger.schema.", "factledger.rules.", "factledger.check.engine",
        "factledger.check.facts", "factledger.check.findings", "factledger.check.stages")))
    assert unused == []


def test_a_reading_command_creates_the_classes_of_its_own_results_only() -> None:
    # The other commands' results (checking, writing, the editor's) are named by api.results but loaded
    # when first asked for: creating their dataclasses cost `list` about a twentieth of its start-up.
    for command in (["list", "--source", "NIS"], ["show", "nis-deployment-corroborated"], ["sources"], ["stats"]):
        modules = _imported(*command)
        assert "factledger.api.results" in modules, command
        assert "factledger.api.other_results" not in modules, command
    assert "factledger.api.other_results" in _imported("check")


def test_a_run_builds_only_the_command_it_invokes() -> None:
    from factledger.cli.app import LazyCommands, click_app

    root = click_app()
    assert isinstance(root.commands, LazyCommands) and list(root.commands) == [*_names(app), "import", "cache"]
    shown = root.get_help(root.make_context("factledger", [], resilient_parsing=True))
    assert "list " in shown and "Check the whole ledger" in shown
    assert sorted(root.commands._pending) == sorted(_names(app))  # listed in the help, yet none was built
    context = root.make_context("factledger", ["list"], resilient_parsing=True)
    assert root.get_command(context, "list").name == "list"
    assert sorted(root.commands._pending) == sorted(set(_names(app)) - {"list"})  # the others are not built
    assert sorted(root.commands["import"].commands._pending) == ["claimreview"]


def _names(typer_app: object) -> list[str]:
    return [c.name or c.callback.__name__.replace("_", "-") for c in typer_app.registered_commands]  # type: ignore


@pytest.mark.parametrize("args", [["--help"], ["list", "--help"], ["import", "--help"],
                                  ["import", "claimreview", "--help"], ["cache", "--help"], ["lis"],
                                  ["list", "--bogus"], ["list", "--source", "NIS"], ["check", "--format", "json"],
                                  ["import"]])
def test_the_lazily_built_command_line_says_what_typers_own_says(invoke, monkeypatch: pytest.MonkeyPatch,
                                                                 args: list[str]) -> None:
    import typer.testing

    from factledger.cli.app import click_app

    data = [] if "--help" in args or args[0] in ("lis", "import") else ["--data", str(REPO / "data")]
    eager = invoke(*args, *data)
    monkeypatch.setattr(typer.testing, "_get_command", lambda _app: click_app())  # what main() runs
    lazy = invoke(*args, *data)
    assert (lazy.exit_code, lazy.stdout, lazy.stderr) == (eager.exit_code, eager.stdout, eager.stderr)


def test_help_imports_none_of_the_core() -> None:
    modules = _imported("--help")
    assert not {"factledger.pipeline", "factledger.parse.compose", "yaml", "factledger.api"} & modules


def test_check_writes_github_annotations_from_the_renderer_validate_uses(invoke, monkeypatch: pytest.MonkeyPatch
                                                                         ) -> None:
    from factledger.render import github

    calls = []
    real = github.workflow_commands

    def spy(problems):  # type: ignore[no-untyped-def]
        problems = list(problems)
        calls.append([p.code for p in problems])
        return real(problems)

    monkeypatch.setattr(github, "workflow_commands", spy)
    checked = invoke("check", "--data", str(CONFLICT), "--format", "github")
    assert checked.exit_code == 1, checked.output
    line = [line for line in checked.stdout.splitlines() if "FL501" in line][0]
    assert line.startswith(f"::error file={shown(CONFLICT).as_posix()}/ledger.yaml,line=")
    assert "title=FL501 conflict::" in line and "(also at " in line  # the other side's place, in the message
    invalid = FIXTURES / "invalid" / "FL202-unknown-source"
    validated = invoke("validate", "--data", str(invalid), "--format", "github")
    assert validated.exit_code == 1 and validated.stdout.startswith("::error ")
    assert calls == [["FL501", "FL501"], ["FL202"] * 4]  # one renderer for both


@pytest.mark.parametrize("command, data", [("check", CONFLICT), ("validate", FIXTURES / "invalid" / "FL202-unknown-source")])
def test_github_actions_makes_annotations_the_default(invoke, monkeypatch: pytest.MonkeyPatch, command: str,
                                                      data: Path) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = invoke(command, "--data", str(data))
    assert result.stdout.startswith("::error "), result.stdout
    explicit = invoke(command, "--data", str(data), "--format", "text")
    assert not explicit.stdout.startswith("::")


def test_one_word_for_the_human_format_everywhere_the_old_one_still_works(invoke) -> None:
    data = str(REPO / "data")
    for command in (["validate"], ["list"], ["show", "nis-troops-dispatched"], ["sources"], ["stats"], ["check"],
                    ["codes"]):
        text = invoke(*command, "--format", "text", "--data", data) if command != ["codes"] else \
            invoke(*command, "--format", "text")
        assert text.exit_code == 0, (command, text.output)
        old = invoke(*command, "--format", "TABLE", "--data", data) if command != ["codes"] else \
            invoke(*command, "--format", "Table")
        assert old.exit_code == 0 and old.stdout == text.stdout, command


def test_a_mistyped_format_is_a_usage_error_with_a_suggestion(invoke) -> None:
    result = invoke("list", "--format", "jsn")
    assert result.exit_code == 2 and "did you mean 'json'" in result.output
    export = invoke("export", "markdwn")
    assert export.exit_code == 2 and "did you mean 'markdown'" in export.output


def test_every_format_in_the_registry_names_a_renderer_that_exists() -> None:
    for entry in registry.FORMATS:
        assert callable(entry.renderer()), entry


def test_the_cli_prints_what_the_library_returns(invoke) -> None:
    from factledger.render.listing import check_json

    report = api.check(shown(CONFLICT), show_all=True)  # the command line names the folder as shown from here
    result = invoke("check", "--data", str(CONFLICT), "--all", "--format", "json")
    assert json.loads(result.stdout) == json.loads(check_json(report))
    assert result.exit_code == report.exit_code == 1


def _commands() -> list[object]:
    found = [c.callback for c in app.registered_commands]
    for group in app.registered_groups:
        found += [c.callback for c in group.typer_instance.registered_commands]
    return found


@pytest.mark.parametrize("callback", _commands(), ids=lambda c: c.__name__)  # type: ignore[attr-defined]
def test_each_command_is_a_few_lines(callback) -> None:  # type: ignore[no-untyped-def]
    body = ast.parse(inspect.getsource(inspect.unwrap(callback)).strip()).body[0].body  # type: ignore[attr-defined]
    statements = [s for s in body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    assert len(statements) <= 14, f"{callback.__name__} holds {len(statements)} statements: move logic to the api"


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_over_about_400_lines(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 420


def test_renderers_and_the_cli_never_reach_the_rules() -> None:
    for folder in ("render", "cli"):
        for path in (PACKAGE / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):  # imports for type checking only do not run
                if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
                    node.body = []
            imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
            assert not {m for m in imported if m.startswith(("factledger.rules", "factledger.pipeline",
                                                             "factledger.check.engine"))}, path
