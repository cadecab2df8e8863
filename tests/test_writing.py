"""Every command that writes the ledger: a failure part-way (a disk full at the second file) leaves every
file as it was, --dry-run writes nothing, a file that is read-only or changed meanwhile is not written."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from factledger.system import output

SOURCES = "sources: [{id: NIS, name: National Intelligence Service, kind: intelligence, country: uk}]\n"
CLAIMS = "claims: [{id: c1, statement: Troops were sent., value: \"12000\", sources: [{source: nis}]}]\n"


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    data = tmp_path / "project" / "data"
    (data / "claims").mkdir(parents=True)
    (data / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (data / "claims" / "c.yaml").write_text(CLAIMS, encoding="utf-8")
    return data


def _tree(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder under ``folder`` (folders as None), hidden leftovers included."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


COMMANDS: dict[str, Callable[[Path], list[str]]] = {
    "init": lambda data: ["init", str(data.parent.parent / "new")],
    "add": lambda data: ["add", "--data", str(data), "--statement", "More.", "--source", "MOD", "--new-source",
                         "--source-name", "Ministry", "--source-kind", "government", "--subject", "q"],
    "fmt": lambda data: ["fmt", "--data", str(data)],
    "rename": lambda data: ["rename", "NIS", "KR-NIS", "--data", str(data)],
    "fix": lambda data: ["fix", "--data", str(data)],
    "validate --fix": lambda data: ["validate", "--fix", "--data", str(data)],
}


@pytest.mark.parametrize("command", COMMANDS)
def test_a_failure_part_way_leaves_every_file_as_it_was(invoke, ledger: Path, command: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    root = ledger.parent.parent
    before = _tree(root)
    real = os.replace
    calls = []

    def full_disk(source: object, target: object) -> None:
        if Path(str(target)).is_relative_to(root):  # a ledger file (the cache writes elsewhere)
            calls.append(target)
            if len(calls) == 2:  # the second file: the first is written already, and must be put back
                raise OSError(errno.ENOSPC, "No space left on device")
        real(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(output.os, "replace", full_disk)
    result = invoke(*COMMANDS[command](ledger))
    assert result.exit_code == 2, result.output
    assert "no space left on device" in result.stderr and "every file is as it was" in result.stderr
    assert len(calls) >= 2  # a file written, then the failure (the first is then put back, or removed if new)
    assert _tree(root) == before


@pytest.mark.parametrize("command", COMMANDS)
def test_dry_run_writes_nothing_and_shows_the_diff(invoke, ledger: Path, command: str) -> None:
    root = ledger.parent.parent
    before = _tree(root)
    args = COMMANDS[command](ledger)
    result = invoke(*args, "--dry-run")
    assert result.exit_code in (0, 1), result.output
    assert _tree(root) == before
    assert "+++ b/" in result.stdout or command == "init"
    if command != "init":
        assert invoke(*args, "--diff").stdout == result.stdout


@pytest.mark.parametrize("command", ["add", "rename", "fix"])
def test_a_read_only_file_is_not_written(invoke, ledger: Path, command: str) -> None:
    path = ledger / "sources.yaml"
    path.chmod(0o444)
    try:
        before = _tree(ledger)
        result = invoke(*COMMANDS[command](ledger))
        assert result.exit_code == 2 and "is read-only; nothing was written" in result.stderr, result.output
        assert _tree(ledger) == before
    finally:
        path.chmod(0o644)


def test_a_file_changed_while_it_was_edited_is_not_written_over(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factledger.api import editing
    from factledger.edit import engine

    real = engine.checked

    def meanwhile(*args: object, **kwargs: object) -> object:
        found = real(*args, **kwargs)  # type: ignore[arg-type]
        (ledger / "sources.yaml").write_text(SOURCES + "# someone's edit\n", encoding="utf-8")
        return found

    monkeypatch.setattr(engine, "checked", meanwhile)
    with pytest.raises(editing.UsageError, match="changed while it was being edited"):
        editing.rename(ledger, "NIS", "KR-NIS")
    assert (ledger / "sources.yaml").read_text(encoding="utf-8").endswith("# someone's edit\n")
    assert (ledger / "claims" / "c.yaml").read_text(encoding="utf-8") == CLAIMS


def test_an_edit_that_would_add_an_error_is_refused_naming_it(invoke, ledger: Path) -> None:
    (ledger / "claims" / "c.yaml").write_text(CLAIMS.replace("value: \"12000\"", "value: \"12000\", disputes: [c1]"),
                                              encoding="utf-8")
    before = _tree(ledger)
    # Renaming c1 makes the dispute of itself a self-reference already reported: no new error, so it is done...
    assert invoke("rename", "c1", "c2", "--data", str(ledger)).exit_code == 0
    # ...whereas a claim citing a source itself relays is refused, with the error it would add.
    result = invoke("add", "--data", str(ledger), "--from", "-",
                    input="claims: [{statement: x, sources: [{source: NIS, via: [NIS]}]}]")
    assert result.exit_code == 2 and "would add 1 error" in result.stderr and "FL206" in result.stderr
    assert _tree(ledger) != before and "c2" in (ledger / "claims" / "c.yaml").read_text()
