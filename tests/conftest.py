"""Shared test set-up: a pinned terminal, the fixture folders, and a CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from factledger.cli.main import app

# In CI the property tests draw the same examples every run: a failure there is reproducible,
# never a flake (locally they explore new examples each run).
settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")



@pytest.fixture(scope="session")
def cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def private_cache(monkeypatch: pytest.MonkeyPatch, cache_folder: Path) -> None:
    """The tests share one cache of their own (never the user's): every fixture is read cold once and
    warm after, so the whole suite also checks that the cache changes nothing."""
    monkeypatch.setenv("FACTLEDGER_CACHE_DIR", str(cache_folder))
    monkeypatch.delenv("FACTLEDGER_NO_CACHE", raising=False)


@pytest.fixture(autouse=True)
def pinned_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich output must not depend on the machine running the tests."""
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.setenv("LINES", "50")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    for name in ("FORCE_COLOR", "GITHUB_ACTIONS", "FACTLEDGER_DATA", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def invoke(runner: CliRunner):
    """Run the CLI with arguments; returns the Click result (stdout and stderr kept apart)."""

    def run(*args: str, **kwargs):
        return runner.invoke(app, list(args), catch_exceptions=False, **kwargs)

    return run


@pytest.fixture
def write_ledger(tmp_path: Path):
    """Write files into a fresh data directory: write_ledger({"a.yaml": "..."}) → the directory."""

    def write(files: dict[str, str | bytes]) -> Path:
        data = tmp_path / "data"
        for name, content in files.items():
            path = data / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        data.mkdir(exist_ok=True)
        return data

    return write


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--screenshots", metavar="DIR", default=None,
                     help="where the browser tests save the HTML report's screenshots (default: a temporary folder)")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say where the browser tests saved their screenshots: they are for a person to look at."""
    folder = getattr(terminalreporter.config, "_html_screenshots", None)
    if folder is not None:
        terminalreporter.write_line(f"HTML report screenshots (1280 and 390 px wide): {folder}")
