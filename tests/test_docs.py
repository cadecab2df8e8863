"""Documentation cannot drift: generated docs match the catalogue, every command is documented."""

from __future__ import annotations

import re

import pytest

from factledger.cli.main import app
from factledger.problems.catalogue import CATALOGUE
from factledger.render.docs import diagnostics_markdown

from support import REPO

COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)  # type: ignore[union-attr]


def test_generated_diagnostics_doc_is_up_to_date() -> None:
    committed = (REPO / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    assert committed == diagnostics_markdown(), "run: python -m factledger.render.docs > docs/diagnostics.md"


def test_codes_are_well_formed_and_slugs_unique() -> None:
    for code in CATALOGUE.values():
        assert re.fullmatch(r"FL\d{3}", code.code)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code.slug)
        assert code.title and code.why and code.fix


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(invoke, command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0, result.output
    assert "Example" in result.stdout, f"'{command} --help' has no example"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"`{command}" in readme


def test_readme_set_up_commands_are_what_ci_runs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    test_command = next(line for line in readme.splitlines() if line.endswith("&& pytest"))
    assert test_command in ci
    assert any(line.endswith("factledger list --source NIS") for line in readme.splitlines())


def test_the_readme_s_first_example_is_what_the_command_prints(invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = readme.split("$ factledger list --source NIS\n", 1)[1].split("```", 1)[0].splitlines()
    head, tail = shown[:shown.index("...")], shown[shown.index("...") + 1:]
    monkeypatch.setenv("COLUMNS", str(len(head[1])))  # the width it was laid out for: its rule's
    result = invoke("list", "--source", "NIS", "--data", str(REPO / "data"))
    assert result.exit_code == 0, result.output
    printed = result.stdout.splitlines()
    assert printed[:len(head)] == head
    assert printed[-len(tail):] == tail
