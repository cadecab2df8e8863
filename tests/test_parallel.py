"""Reading files on several cores never changes a result: the fixture ledgers (those of several files
are read on two cores), the bundled ledger and a generated one with problems in many files load to
the same ledger and diagnostics, and every command prints the same bytes, whether files are read by
workers or one after another; a worker that dies loses nothing. And the workers are really used (the
files are parsed in other processes)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from factledger.load import files, parallel as reading
from factledger.pipeline import load_ledger
from generate_ledger import write_yaml_ledger
from support import FIXTURES, REPO

COMMANDS = (
    ("validate", "--format", "json"),
    ("validate",),
    ("list", "--format", "json"),
    ("check", "--all", "--format", "json"),
    ("export", "json"),
)

LEDGERS = sorted(p for kind in ("valid", "invalid", "check") for p in (FIXTURES / kind).iterdir() if p.is_dir())

LONG_AGO = 1_600_000_000_000_000_000  # 2020: stamps this old are trusted without reading the file
_PARSE = files.parse
_PARENT = os.getpid()
_PROBE: dict[str, Path | str | None] = {"pids": None, "die_on": None}


def _probed_parse(data: bytes, display: str, path: Path):  # type: ignore[no-untyped-def]
    """files.parse, telling which process parsed (and, asked to, dying in a worker)."""
    if os.getpid() != _PARENT and _PROBE["die_on"] in (display, "*"):
        os._exit(3)
    pids = _PROBE["pids"]
    if isinstance(pids, Path):
        with pids.open("a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\n")
    return _PARSE(data, display, path)


@pytest.fixture
def parallel(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Call with True to read on two cores whatever the size (a worker and this process), False to read
    in this process alone."""
    monkeypatch.setattr(reading, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(files, "parse", _probed_parse)
    monkeypatch.setattr(reading, "can_fork", lambda: True)  # the test runner may have threads of its own

    def set_to(on: bool) -> None:
        monkeypatch.setenv("FACTLEDGER_JOBS", "2" if on else "1")

    yield set_to
    _PROBE.update(pids=None, die_on=None)


@pytest.fixture
def problems(tmp_path: Path) -> Path:
    """A generated ledger in many files, with a problem of its own in several of them."""
    data = write_yaml_ledger(tmp_path / "generated", claims=600, questions=40, sources=30, per_file=50)
    files = sorted(data.glob("claims-*.yaml"))
    files[1].write_text(files[1].read_text(encoding="utf-8").replace("approx: 1000", "approx: many", 1), encoding="utf-8")
    files[4].write_text(files[4].read_text(encoding="utf-8") + "  - id: [broken\n", encoding="utf-8")
    files[7].write_text(files[7].read_text(encoding="utf-8").replace("source: S", "source: NOPE", 1), encoding="utf-8")
    (data / "not-utf8.yaml").write_bytes(b"claims:\n  - id: caf\xe9\n")
    (data / "empty.yaml").write_text("", encoding="utf-8")
    return data


def _both(parallel, data: Path) -> tuple[object, object]:  # type: ignore[no-untyped-def]
    parallel(False)
    serial = load_ledger(data, cache=False)
    parallel(True)
    shared = load_ledger(data, cache=False)
    return serial, shared


@pytest.mark.parametrize("folder", LEDGERS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_fixture_loads_the_same_on_workers(parallel, folder: Path) -> None:
    serial, shared = _both(parallel, folder)
    assert shared.diagnostics == serial.diagnostics  # type: ignore[attr-defined]
    assert shared.ledger == serial.ledger  # type: ignore[attr-defined]


def test_a_ledger_with_problems_in_many_files_loads_the_same(parallel, problems: Path, tmp_path: Path) -> None:
    parallel(False)
    serial = load_ledger(problems, cache=False)
    _PROBE["pids"] = tmp_path / "pids"
    parallel(True)
    shared = load_ledger(problems, cache=False)
    parsers = {int(pid) for pid in (tmp_path / "pids").read_text(encoding="utf-8").split()}
    assert len(parsers) == 2 and os.getpid() in parsers  # a worker parsed files, and so did this process
    assert shared.diagnostics == serial.diagnostics
    assert {d.code for d in serial.diagnostics} >= {"FL001", "FL002", "FL007", "FL110", "FL202"}
    assert shared.ledger == serial.ledger


@pytest.mark.parametrize("cache", [False, True], ids=["no-cache", "cache"])
def test_every_command_prints_the_same(parallel, invoke, problems: Path, tmp_path: Path, cache: bool,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "both"
    shutil.copytree(REPO / "data", data)
    for path in problems.iterdir():
        shutil.copy(path, data / f"generated-{path.name}")
    for path in data.rglob("*"):  # dated long ago (their change times are still now, so the warm run
        os.utime(path, ns=(LONG_AGO, LONG_AGO))  # finds each in the cache by its content, not its stamp)
    extra = () if cache else ("--no-cache",)

    def outputs(on: bool, cache_dir: str) -> list[tuple[int, str]]:
        parallel(on)
        monkeypatch.setenv("FACTLEDGER_CACHE_DIR", str(tmp_path / cache_dir))
        return [(r.exit_code, r.stdout) for r in (invoke(*c, "--data", str(data), *extra) for c in COMMANDS)]

    serial = outputs(False, "serial")
    assert outputs(True, "workers") == serial  # with a cache: written by the workers
    _PROBE["pids"] = tmp_path / "pids"
    assert outputs(True, "workers") == serial  # and read back (nothing to parse)
    if cache:
        assert not (tmp_path / "pids").exists()  # nothing was parsed: every file came from the cache


def test_a_worker_that_dies_loses_nothing(parallel, problems: Path, tmp_path: Path) -> None:
    _PROBE["die_on"] = "*"  # the worker dies on the first file it is given
    parallel(False)
    serial = load_ledger(problems, cache=False)
    _PROBE["pids"] = tmp_path / "pids"
    parallel(True)
    shared = load_ledger(problems, cache=False)
    # Every file was parsed here in the end, the one the worker died on included.
    assert (tmp_path / "pids").read_text(encoding="utf-8").split() == [str(os.getpid())] * len(list(problems.iterdir()))
    assert shared.diagnostics == serial.diagnostics
    assert shared.ledger == serial.ledger
