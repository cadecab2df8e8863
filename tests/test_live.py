"""A ledger kept live while it is edited (load.live, pipeline.load_live): each file read once, then again only
when its text changes; what it finds in the files in focus is exactly what loading the whole ledger afresh
finds there, after any sequence of edits, broken YAML included."""

from __future__ import annotations

from pathlib import Path

import pytest

from factledger.load.cached import Reuse
from factledger.load.live import LiveFiles
from factledger.pipeline import load_ledger, load_live
from factledger.problems.diagnostics import Diagnostic
from factledger.system.fs import max_file_size

from support import FIXTURES
from test_fixtures import environment

FOLDERS = sorted(p for kind in ("valid", "invalid", "check") for p in (FIXTURES / kind).iterdir() if p.is_dir())


def _started(folder: Path, limit: int | None = None) -> LiveFiles:
    live = LiveFiles(folder.absolute(), limit or max_file_size(), Reuse.opened(folder.absolute(), None, True))
    live.start()
    return live


def _there(diagnostics: list[Diagnostic], file: str, files: list[str]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.location.file == file or d.location.file not in files]


def _same_as_afresh(live: LiveFiles, edited: dict[Path, bytes] | None = None) -> None:
    whole = load_ledger(live.data_dir, max_file_size=live.limit, edited=edited or None)
    files = whole.ledger.files
    for file in files:
        focused = load_live(live, frozenset([file]))
        assert focused.diagnostics == _there(whole.diagnostics, file, files), file


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_each_file_of_every_fixture_is_told_what_loading_the_whole_ledger_finds_there(folder: Path) -> None:
    live = _started(folder, max_file_size(environment(folder)))
    _same_as_afresh(live)


SOURCES = """\
sources:
  - {id: NIS, name: National Intelligence Service, kind: intelligence, reliability: B}
  - {id: ORG, name: An organisation, kind: ngo, part_of: UNIT}
documents:
  - {id: report, title: A report, file: report.txt}
"""
CLAIMS = """\
claims:
  - id: c1
    statement: Troops were sent.
    sources: [{source: nis, document: REPORT, quote: Troops were sent in October.}]
  - id: c2  # factledger: ignore[FL202]
    statement: Shells were supplied.
    sources: [{source: NIZ}]
    disputes: [c9]
  - id: twice
    statement: Written in two files.
    sources: [{source: NIS, via: [ORG, org, GHOST]}]
"""
MORE = """\
sources:
  - {id: UNIT, name: A unit, kind: official, part_of: ORG}
claims:
  - {id: twice, statement: The second time., sources: [{source: NIS}], supports: [c1]}
assessments:
  - {id: judged, claims: [c1, c3], verdict: known-discrepancy}
"""


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    """Three files whose problems cross between them: references, a case-respelt id, a quote in a document
    another file defines, a duplicate id, a part_of cycle, an assessment, a suppression."""
    (tmp_path / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(CLAIMS, encoding="utf-8")
    (tmp_path / "more.yaml").write_text(MORE, encoding="utf-8")
    (tmp_path / "report.txt").write_text("In October, troops were sent.\n", encoding="utf-8")
    return tmp_path


def test_problems_across_files_are_found_in_each(ledger: Path) -> None:
    live = _started(ledger)
    codes = {d.code for d in load_live(live, frozenset(live.loaded().ledger.files)).diagnostics}
    assert {"FL201", "FL202", "FL204", "FL205", "FL207", "FL208", "FL303"} <= codes, codes
    _same_as_afresh(live)


def test_after_each_edit_what_is_found_is_what_loading_afresh_finds(ledger: Path) -> None:
    live = _started(ledger)
    sources, claims, more = (ledger.absolute() / n for n in ("sources.yaml", "claims.yaml", "more.yaml"))
    edits = [
        (sources, SOURCES.replace("id: NIS", "id: KR-NIS")),  # every citation of NIS is now unknown
        (sources, SOURCES),  # and back
        (more, MORE.replace("claims: [c1, c3]", "claims: [c1, c3")),  # broken YAML: FL001, the rest still read
        (claims, CLAIMS.replace("id: c2 ", "id: c3 ")),  # the assessment's c3 now exists
        (more, MORE),
        (sources, SOURCES.replace("part_of: UNIT", "part_of: NIS")),  # no cycle any more
        (sources, SOURCES.replace("file: report.txt", "file: missing.txt")),  # the quote's document is gone
        (ledger.absolute() / "new.yaml", "claims: [{id: c9, statement: New., sources: [{source: NIS}]}]\n"),
    ]
    given: dict[Path, bytes] = {}
    for path, text in edits:
        given[path] = text.encode("utf-8")
        before = live.parsed
        live.give(path, given[path])
        assert live.parsed - before == 1  # only the edited file is read again
        _same_as_afresh(live, given)
    broken = load_live(live, frozenset([str(more)]))
    assert not [d for d in broken.diagnostics if d.code == "FL001"]
    live.give(more, b"claims: [\n")
    assert [d.code for d in load_live(live, frozenset([str(more)])).diagnostics] == ["FL001"]
    live.give(more, None)  # closed unsaved: the file on disk counts again
    _same_as_afresh(live, {p: t for p, t in given.items() if p != more})


def test_the_entries_kept_between_edits_are_never_respelt(ledger: Path) -> None:
    """Loading writes every reference as its entry declares it (nis → NIS); a live ledger does so on copies,
    so that a file checked again still reports how it is written (FL208)."""
    live = _started(ledger)
    claims = str(ledger.absolute() / "claims.yaml")
    first = load_live(live, frozenset([claims]))
    assert first.ledger.claim("c1").citations[0].source.id == "NIS"
    again = load_live(live, frozenset([claims]))
    assert [d.code for d in again.diagnostics] == [d.code for d in first.diagnostics]
    assert "FL208" in {d.code for d in again.diagnostics}


# -- the use case: what an editor is told about an open file --------------------------------------------

def _cli_says(folder: Path, file: Path) -> list[tuple[str, str, int]]:
    """What `validate FILE` and `check FILE` report located in ``file``: (code, message, line)."""
    from factledger import api
    from factledger.api.config import find, policy

    chosen = policy(find(folder), folder)
    validated = api.validate(folder, policy=chosen, files=[file]).load
    checked = api.check(folder, policy=chosen, files=[file], options=None)
    problems = [*validated.diagnostics, *checked.findings] if validated is not None else list(checked.findings)
    return sorted((p.code, p.message, loc.line) for p in problems for loc in p.locations if loc.file == str(file))


def _live_says(live: object, file: Path) -> list[tuple[str, str, int]]:
    problems = live.problems(file)  # type: ignore[attr-defined]
    return sorted((p.code, p.message, loc.line) for p in problems for loc in p.locations if loc.file == str(file))


@pytest.mark.parametrize("folder", [p for p in FOLDERS if not (p / "environment").exists()],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_an_open_file_is_told_what_validate_and_check_say_of_it(folder: Path) -> None:
    from factledger.api.live import LiveLedger, setup

    live = LiveLedger(setup(folder.absolute(), folder.absolute()))
    live.start()
    for file in live.files.paths:
        live.edit(file, file.read_text(encoding="utf-8", errors="replace") if file.is_file() else None)
        live.refresh()
        if file.is_file() and "FL002" not in folder.name:
            assert _live_says(live, file) == _cli_says(folder.absolute(), file), file
        live.edit(file, None)
