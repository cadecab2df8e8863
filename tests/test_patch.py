"""An edit read by parsing only the entry it changed (load.patch) gives exactly what parsing the whole file
gives, entries and diagnostics, or is refused: over random sequences of keystroke-like edits of every fixture
file (digits, words, quotes, colons, brackets, dashes, tabs, comments, anchors, control characters, a line's
indentation, a line deleted or added), each taken from the last edit's result as a language server does."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from factledger.load.files import parse
from factledger.load.patch import patched
from factledger.text.escapes import may_hold_unsafe_characters

from support import FIXTURES

FILES = sorted(p for p in FIXTURES.rglob("*.yaml")
               if p.is_file() and p.stat().st_size < 20_000 and b"claims:" in p.read_bytes())
TYPED = [" ", ":", "-", "'", '"', "[", "]", "{", "}", ",", "&a", "*a", "!", "#", "\t", "\r", "é", "\u202e", "\x07",
         "7", "x", "id", "? ", "  # factledger: ignore[FL501]"]


def _edited(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    line = lines[i]
    at = rng.randrange(len(line) + 1)
    roll = rng.random()
    if roll < 0.45:  # a key typed
        lines[i] = line[:at] + rng.choice(TYPED) + line[at:]
    elif roll < 0.6 and line:  # a key deleted
        lines[i] = line[:at - 1] + line[at:] if at else line[1:]
    elif roll < 0.75:  # a digit changed, as in a value or a date
        digits = [k for k, c in enumerate(line) if c.isdigit()]
        if digits:
            k = rng.choice(digits)
            lines[i] = line[:k] + str(rng.randrange(10)) + line[k + 1:]
    elif roll < 0.85:  # the line's indentation
        lines[i] = line[2:] if line.startswith("  ") and rng.random() < 0.5 else "  " + line
    elif roll < 0.93:
        del lines[i]
    else:
        lines.insert(i, rng.choice(["", "    notes: added", "  - id: new", "# a comment", "    tags: [x]"]))
    return "\n".join(lines)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_an_entry_parsed_alone_is_what_parsing_the_whole_file_gives(path: Path) -> None:
    display = "ledger.yaml"
    used = 0
    for seed in range(3):
        rng = random.Random(seed)
        text = path.read_text(encoding="utf-8")
        entries = parse(text.encode(), display, path)
        for step in range(60):
            if rng.random() < 0.3:  # most edits undone: back to a file that parses, as a person's typing does
                text = path.read_text(encoding="utf-8")
                entries = parse(text.encode(), display, path)
            edited = _edited(rng, text)
            whole = parse(edited.encode(), display, path)
            alone = patched(text.encode(), entries, edited.encode(), display, path)
            if alone is not None:
                used += 1
                assert alone == whole, (seed, step, edited)
            text, entries = edited, alone if alone is not None else whole
    original = path.read_text(encoding="utf-8")
    first = parse(original.encode(), display, path)
    # A file with a diagnostic, a suppression or characters to look at is parsed whole; every other, in part.
    assert used or first[2] or first[1]["suppressions"] or may_hold_unsafe_characters(original), \
        "no edit was ever read by parsing one entry"


def test_a_one_line_edit_of_a_clean_file_parses_one_entry_and_keeps_the_others() -> None:
    path = FIXTURES / "check" / "FL501-conflict" / "ledger.yaml"
    text = path.read_bytes()
    entries = parse(text, "ledger.yaml", path)
    edited = text.replace(b"{approx: 1500, unit: soldiers}", b"{approx: 1600, unit: soldiers}")
    alone = patched(text, entries, edited, "ledger.yaml", path)
    assert alone is not None and alone == parse(edited, "ledger.yaml", path)
    kept = [a is b for a, b in zip(alone[1]["claims"], entries[1]["claims"], strict=True)]
    assert kept.count(False) == 1, kept
    broken = edited.replace(b"{approx: 1600, unit: soldiers}", b"{approx: 1600, unit: soldiers")
    assert patched(text, entries, broken, "ledger.yaml", path) is None  # a YAML break: the whole file's FL001


@pytest.mark.parametrize("indicator", ["|+", ">+", "|2+", "|+2"])
def test_a_block_scalar_keeping_its_line_breaks_is_never_parsed_alone(indicator: str) -> None:
    """Its blank lines after it are its own, and an entry's lines leave them out: the whole file is parsed."""
    before = (f"claims:\n  - id: a\n    sources: [{{source: S}}]\n    statement: {indicator}\n      hello\n\n"
              "  - id: b\n    statement: x\n    sources: [{source: S}]\n").encode()
    after = before.replace(b"source: S}]\n    statement", b"source: T}]\n    statement")
    path = Path("x.yaml")
    read = parse(before, "x.yaml", path)
    assert not read[2], read[2]
    assert patched(before, read, after, "x.yaml", path) is None
