"""Fixture ledgers, discovered from tests/fixtures: good ones give no diagnostics, and each bad one
gives exactly the diagnostics listed in its expected.txt (code and file:line:column)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factledger.problems.catalogue import CATALOGUE
from factledger.system.fs import max_file_size, shown
from factledger.pipeline import load_ledger
from factledger.render.listing import diagnostics_json

from support import FIXTURES

VALID = sorted(p for p in (FIXTURES / "valid").iterdir() if p.is_dir())
INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())


def environment(folder: Path) -> dict[str, str]:
    """Settings a fixture needs (its file 'environment': NAME=value lines), e.g. a small size limit."""
    path = folder / "environment"
    if not path.exists():
        return {}
    pairs = (line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines()
             if "=" in line and not line.startswith("#"))
    return {name.strip(): value.strip() for name, value in pairs}


def load_fixture(folder: Path):
    return load_ledger(folder, max_file_size=max_file_size(environment(folder)))


def _flatten(data_dir: Path) -> list[str]:
    """Diagnostics as compact 'CODE file:line:col' strings, paths relative to the fixture."""
    result = load_fixture(data_dir)
    prefix = data_dir.as_posix() + "/"
    rows = []
    for d in result.diagnostics:
        loc = d.location
        name = loc.file[len(prefix):] if loc.file.startswith(prefix) else "."
        rows.append(f"{d.code} {name}:{loc.line}:{loc.column}" if loc.line else f"{d.code} {name}")
    return rows


def _expected(folder: Path) -> list[str]:
    lines = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("folder", VALID, ids=lambda p: p.name)
def test_valid_fixture_has_no_diagnostics(folder: Path) -> None:
    assert _flatten(folder) == []


@pytest.mark.parametrize("folder", INVALID, ids=lambda p: p.name)
def test_invalid_fixture_gives_exactly_its_expected_diagnostics(folder: Path) -> None:
    assert sorted(_flatten(folder)) == sorted(_expected(folder))


@pytest.mark.parametrize("folder", INVALID, ids=lambda p: p.name)
def test_invalid_fixture_is_named_for_a_code_it_produces(folder: Path) -> None:
    code, _, slug = folder.name.partition("-")
    assert code in CATALOGUE, f"{folder.name}: unknown code"
    assert CATALOGUE[code].slug == slug, f"{folder.name}: the slug of {code} is {CATALOGUE[code].slug}"
    assert any(row.startswith(code + " ") for row in _expected(folder))


def test_every_code_has_a_bad_fixture() -> None:
    covered = {folder.name.split("-")[0] for folder in INVALID}
    validation_codes = {c.code for c in CATALOGUE.values() if c.stage == "validate"}
    assert sorted(validation_codes - covered) == []


@pytest.mark.parametrize("folder", INVALID, ids=lambda p: p.name)
def test_cli_json_equals_the_library_result(folder: Path, invoke) -> None:
    result = invoke("validate", "--data", str(folder), "--format", "json", env=environment(folder))
    library = load_fixture(shown(folder))  # the command line names the folder as shown from here (issue 18)
    assert result.exit_code == (1 if library.errors else 0), result.output
    assert json.loads(result.stdout) == json.loads(diagnostics_json(library, ok=not library.errors))


@pytest.mark.parametrize("folder", INVALID, ids=lambda p: p.name)
def test_every_diagnostic_is_located_and_worded(folder: Path) -> None:
    for d in load_fixture(folder).diagnostics:
        assert d.message, d
        assert d.message[0].islower() or d.message[0] in "'\"#", d.message
        if d.code not in ("FL003", "FL009", "FL010"):  # a file not read, a folder with no files
            assert d.location.line >= 1 and d.location.column >= 1, d
