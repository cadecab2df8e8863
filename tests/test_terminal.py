"""Human output at 60, 80 and 120 columns: golden files, and what must hold at any width (no
trailing spaces, nothing wider than the width, no id broken across lines)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from support import FIXTURES

GOLDEN = Path(__file__).parent / "golden" / "terminal"
CROWD = os.path.relpath(FIXTURES / "check" / "crowd-count")  # relative: the goldens hold paths
WIDTHS = (60, 80, 120)

# name: the command line (the bundled ledger unless --data says otherwise)
COMMANDS: dict[str, tuple[str, ...]] = {
    "list": ("list",),
    "show": ("show", "nis-troops-dispatched"),
    "sources": ("sources",),
    "stats": ("stats",),
    "timeline": ("timeline", "--data", CROWD),
    "check": ("check", "--data", CROWD),
    "questions": ("questions", "--data", CROWD),
    "codes": ("codes",),
    "codes-FL303": ("codes", "FL303"),
    "validate-errors": ("validate", "--data", os.path.relpath(FIXTURES / "invalid" / "FL303-quote-not-found")),
}


def _run(invoke, args: tuple[str, ...], width: int) -> str:
    result = invoke(*args, env={"COLUMNS": str(width)})
    assert result.exit_code in (0, 1), result.output
    return result.stdout


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_text_output_matches_its_golden_file(invoke, name: str, width: int) -> None:
    shown = _run(invoke, COMMANDS[name], width)
    golden = GOLDEN / f"{name}-{width}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(shown, encoding="utf-8")
    assert shown == golden.read_text(encoding="utf-8"), "UPDATE_GOLDEN=1 pytest tests/test_terminal.py to accept"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_text_output_fits_its_width(invoke, name: str, width: int) -> None:
    for number, line in enumerate(_run(invoke, COMMANDS[name], width).splitlines(), 1):
        assert line == line.rstrip(), f"line {number} ends in spaces: {line!r}"
        # Only a single word wider than the room (a long path) may pass the edge: it is never broken.
        assert len(line) <= width or " " not in line.strip(), f"line {number} is {len(line)} wide: {line!r}"


@pytest.mark.parametrize("width", (40, *WIDTHS))
@pytest.mark.parametrize("command", ("list", "sources", "stats"))
def test_no_id_is_broken_across_lines(invoke, command: str, width: int) -> None:
    import json

    ids = ({c["id"] for c in json.loads(invoke("list", "--format", "json").stdout)} if command == "list" else
           {s["id"] for s in json.loads(invoke("sources", "--format", "json").stdout)})
    words = set(re.findall(r"[^\s,]+", _run(invoke, (command,), width)))
    if command == "stats":
        ids = {s for s in ids if any(s == w for w in words)} | {"article-publisher", "NATO-SG-Rutte"}
    assert ids <= words, sorted(ids - words)


def test_a_log_without_a_width_gets_whole_lines(invoke, monkeypatch) -> None:
    monkeypatch.delenv("COLUMNS")  # a pipe or CI log: Rich lays tables out at 80; line reports stay whole
    shown = invoke("check", "--data", CROWD).stdout
    assert any(len(line) > 80 for line in shown.splitlines())
    assert all(line == line.rstrip() for line in shown.splitlines())
