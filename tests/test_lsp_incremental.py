"""What the language server publishes after each edit, kept up to date incrementally (the rules' indexes,
the part of the ledger cross-checked and its index, the spellings and the questions kept, the conversions
of unchanged problems given again), is what a server started afresh on the same texts publishes: over
seeded random sequences of edits of tests/fixtures/lsp-edits, in the editor's unsaved texts of three open
files, line by line (an id, a number or a word swapped for another the ledger uses or a slip of it; a line
deleted, doubled or broken), taken one or two at a time as an editor's burst of keys is."""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from lsprotocol import types
from support import FIXTURES

from factledger.api import navigation
from factledger.api.live import LiveLedger
from factledger.check.scope import Links
from factledger.lsp import convert
from factledger.lsp.server import LedgerServer
from factledger.rules.indexes import KINDS, Indexes

FILES = ("sources.yaml", "a.yaml", "b.yaml")
WORDS = re.compile(r"\b(?:[A-Za-z][\w-]*|\d+)\b")  # what an edit may swap: ids, words, numbers
TAKEN = ("a1", "a3", "b1", "b2", "b4", "MOD", "mod", "MOD-press", "WIRE", "Intel", "CHECK", "brief", "north",
         "south", "troops", "shells", "1500", "3000", "9000", "2024-11", "MOD-pres", "a9", "Wire", "briefs", "intel",
         "mod-press", "Brief")
BROKEN = "  - {id: broken, statement: [\n"
SEEDS = range(6)
STEPS = 14


def _started(root: Path) -> LedgerServer:
    server = LedgerServer(root / "data")
    for _ in server.protocol.lsp_initialize(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=root.as_uri())):
        pass  # no feature is registered: the workspace is made, nothing is answered
    server.text_document_publish_diagnostics = lambda params: None  # type: ignore[method-assign]
    server.start(root)
    return server


def _open(server: LedgerServer, texts: dict[str, str]) -> None:
    """The editor's texts (every file open), taken in as the server takes a burst of changes."""
    for uri, text in texts.items():
        server.workspace.put_text_document(types.TextDocumentItem(uri, "yaml", 1, text))
        server.dirty.add(uri)
    server.sync()


def _afresh(root: Path, texts: dict[str, str]) -> dict[str, list[types.Diagnostic]]:
    """What a server started now on these texts says of each file: every index built from nothing, every
    problem converted anew."""
    server = _started(root)
    _open(server, texts)
    live = server.live
    assert isinstance(live, LiveLedger)
    positions = server.positions()
    said = {}
    for uri in texts:
        path = server.path(uri)
        assert path is not None
        said[uri] = [d for p in live.problems(path)
                     for d in convert.diagnostic(p, navigation.problem_places(live, p), str(path), positions)]
    return said


def _edit(rng: random.Random, text: str) -> str:
    lines = text.splitlines(keepends=True)
    number = rng.randrange(1, len(lines))  # never the section's key
    line = lines[number]
    kind = rng.random()
    if kind < 0.7:
        words = list(WORDS.finditer(line))
        named = [w for w in words if w.group() in TAKEN]  # mostly what names something: its links change
        words = named if named and rng.random() < 0.8 else words
        if words:
            word = rng.choice(words)
            lines[number] = line[:word.start()] + rng.choice(TAKEN) + line[word.end():]
    elif kind < 0.8:
        del lines[number]
    elif kind < 0.9:
        lines.insert(number, line)
    else:
        lines.insert(number, BROKEN)
    return "".join(lines)


def _sequence(root: Path, seed: int) -> Iterator[dict[str, str]]:
    """The texts of the open files after each of the edits of ``seed`` (each file sometimes undone)."""
    data = root / "data"
    original = {(data / f).as_uri(): (data / f).read_text(encoding="utf-8") for f in FILES}
    texts = dict(original)
    rng = random.Random(seed)
    yield texts
    for _ in range(STEPS):
        for _ in range(rng.choice((1, 1, 2))):
            uri = rng.choice(sorted(texts))
            texts[uri] = original[uri] if rng.random() < 0.15 else _edit(rng, texts[uri])
        yield texts


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "lsp-edits", root)
    return root


@pytest.mark.parametrize("seed", SEEDS)
def test_after_every_edit_the_server_publishes_what_a_fresh_server_would(tmp_path: Path, seed: int) -> None:
    root = _project(tmp_path)
    server = _started(root)
    for step, texts in enumerate(_sequence(root, seed)):
        _open(server, texts)
        _same_indexes(server)
        for uri, diagnostics in _afresh(root, texts).items():
            assert server.published.get(uri) == diagnostics, f"seed {seed}, edit {step}, {uri}:\n{texts[uri]}"


def _same_indexes(server: LedgerServer) -> None:
    """The indexes kept between edits are those built from nothing for this version of the ledger (a stale
    entry left in an index would only widen what is cross-checked, which the diagnostics would not show)."""
    live = server.live
    assert isinstance(live, LiveLedger)
    ledger = live.current.result.ledger
    fresh = Links(ledger)
    for kept, built in zip(live.links._tables, fresh._tables, strict=True):
        assert {k: set(v) for k, v in kept.items()} == {k: set(v) for k, v in built.items()}
    rules = Indexes().update(ledger)
    assert live.indexes.questions() == rules.questions()
    for kind in KINDS:
        assert [[(e.id, e.location) for e in g] for g in live.indexes.duplicated(kind)] == \
            [[(e.id, e.location) for e in g] for g in rules.duplicated(kind)], kind


def test_the_edits_make_and_unmake_errors_and_findings(tmp_path: Path) -> None:
    """The edits are not idle: between them, they make and unmake errors and findings of many codes."""
    root = _project(tmp_path)
    codes: set[str] = set()
    for seed in SEEDS:
        server = _started(root)
        for texts in _sequence(root, seed):
            _open(server, texts)
            codes |= {str(d.code) for shown in server.published.values() for d in shown}
    assert {"FL001", "FL201", "FL202", "FL204", "FL208"} <= codes, sorted(codes)
    assert len({c for c in codes if c >= "FL500"}) >= 5, sorted(codes)
