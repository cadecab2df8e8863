"""Kept help pages (cli/helpcache.py): a page answered from the cache is byte for byte the page Typer
writes, in a pipe and on a real terminal; anything that may change the page is a new page; a run that
was not a help page keeps nothing; a page not sealed with the user's key is never written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from factledger.cli import helpcache

ASKED = [["--help"], [], ["list", "--help"], ["check", "-h"], ["import", "--help"], ["--color", "always", "--help"]]


def run(cache: Path, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
        timed: bool = False) -> subprocess.CompletedProcess[bytes]:
    """The console script as a person runs it (its own process, the entry point, the cache in ``cache``)."""
    environment = {**os.environ, "FACTLEDGER_CACHE_DIR": str(cache), **(env or {})}
    flags = ["-X", "importtime"] if timed else []
    return subprocess.run([sys.executable, *flags, "-m", "factledger", *args], capture_output=True, env=environment,
                          cwd=cwd, check=False, timeout=120)


def pages(cache: Path) -> list[Path]:
    folder = cache / "help"
    return sorted(folder.iterdir()) if folder.is_dir() else []


@pytest.mark.parametrize("argv", ASKED, ids=lambda argv: " ".join(argv) or "bare")
def test_a_kept_page_is_the_page_typer_writes(tmp_path: Path, argv: list[str]) -> None:
    fresh = run(tmp_path / "none", *argv, env={"FACTLEDGER_NO_CACHE": "1"})
    assert fresh.returncode == 0, fresh.stderr
    first = run(tmp_path, *argv, timed=True)
    second = run(tmp_path, *argv, timed=True)
    assert len(pages(tmp_path)) == 1
    assert b"typer" in first.stderr, "the first run lays the page out with Typer"
    assert b"typer" not in second.stderr and b"rich" not in second.stderr, "the second is answered from the page"
    assert first.stdout == second.stdout == fresh.stdout
    assert second.returncode == first.returncode == 0


def test_the_terminal_size_and_the_environment_are_part_of_the_page(tmp_path: Path) -> None:
    run(tmp_path, "--help", env={"COLUMNS": "100"})
    narrow = run(tmp_path, "--help", env={"COLUMNS": "60"})
    fresh = run(tmp_path / "none", "--help", env={"COLUMNS": "60", "FACTLEDGER_NO_CACHE": "1"})
    assert narrow.stdout == fresh.stdout
    assert max(len(line) for line in narrow.stdout.decode().splitlines()) <= 60
    assert len(pages(tmp_path)) == 2


def test_the_working_folder_is_part_of_the_page(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    run(tmp_path / "cache", "--help", cwd=tmp_path / "a")
    run(tmp_path / "cache", "--help", cwd=tmp_path / "b")
    assert len(pages(tmp_path / "cache")) == 2


def test_a_run_that_is_not_a_help_page_keeps_nothing(tmp_path: Path) -> None:
    data = Path(__file__).parent.parent / "data"
    searched = run(tmp_path, "list", "--data", str(data), "--search", "--help")
    assert searched.returncode == 0, searched.stderr
    assert b"claims" in searched.stdout  # a search for the words "--help": the claims that have them (none)
    failed = run(tmp_path, "nonsense", "--help")
    assert failed.returncode == 2
    assert pages(tmp_path) == []


def test_no_cache_keeps_and_reads_nothing(tmp_path: Path) -> None:
    run(tmp_path, "--help", "--no-cache")
    run(tmp_path, "--help", env={"FACTLEDGER_NO_CACHE": "1"})
    assert pages(tmp_path) == []


def test_a_page_not_sealed_with_the_key_is_never_written(tmp_path: Path) -> None:
    fresh = run(tmp_path, "--help", timed=True)  # the same command line as the run below: the same page
    [page] = pages(tmp_path)
    seal, _, text = page.read_bytes().partition(b"\n")
    page.write_bytes(seal + b"\n" + text.replace(b"Usage", b"\x1b]0;owned\x07Usage"))
    again = run(tmp_path, "--help", timed=True)
    assert again.stdout == fresh.stdout
    assert b"typer" in again.stderr, "laid out again, and kept again"
    assert b"owned" not in page.read_bytes()


def test_cache_clear_removes_the_pages(tmp_path: Path) -> None:
    run(tmp_path, "--help")
    assert pages(tmp_path)
    cleared = run(tmp_path, "cache", "clear")
    assert cleared.returncode == 0, cleared.stderr
    assert pages(tmp_path) == []


def test_at_most_the_limit_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTLEDGER_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(helpcache._SHELF, "count", 3)
    for number in range(5):
        helpcache.keep(f"{number:040x}", b"page %d\n" % number)
    kept = {page.name for page in pages(tmp_path)}
    assert len(kept) == 3
    assert helpcache.read(f"{4:040x}") == b"page 4\n"
    assert helpcache.read(f"{0:040x}") is None


def test_every_input_of_the_page_is_in_its_name(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "orig_argv", ["python", "-m", "factledger", "--help"])
    names = {helpcache.key()}
    monkeypatch.setattr(sys, "orig_argv", ["python", "-m", "factledger", "list", "--help"])
    names.add(helpcache.key())
    monkeypatch.setattr(sys, "orig_argv", ["/usr/bin/fl", "list", "--help"])  # another name: another Usage line
    names.add(helpcache.key())
    monkeypatch.setenv("FACTLEDGER_DATA", "elsewhere")
    names.add(helpcache.key())
    monkeypatch.setattr(helpcache.cachedir, "code_stamp", lambda: "changed")
    names.add(helpcache.key())
    monkeypatch.setattr(helpcache, "_installed", lambda: ["typer-9.9.dist-info"])
    names.add(helpcache.key())
    assert len(names) == 6
    monkeypatch.setenv("OLDPWD", "/somewhere")  # what a shell changes and no page reads
    assert helpcache.key() in names


def test_the_name_it_was_run_by_is_the_name_its_page_gives(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "factledger"
    run(tmp_path, "--help")
    environment = {**os.environ, "FACTLEDGER_CACHE_DIR": str(tmp_path)}
    by_script = subprocess.run([str(script), "--help"], capture_output=True, env=environment, check=False)
    assert by_script.stdout.lstrip().startswith(b"Usage: factledger "), by_script.stdout[:80]
    assert len(pages(tmp_path)) == 2


def test_completion_is_never_answered_with_a_page(tmp_path: Path) -> None:
    completing = {"_FACTLEDGER_COMPLETE": "complete_bash", "COMP_WORDS": "factledger li", "COMP_CWORD": "1"}
    run(tmp_path, env=completing)
    run(tmp_path, env=completing)
    assert pages(tmp_path) == []


def test_what_else_is_in_the_help_folder_is_never_touched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTLEDGER_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(helpcache._SHELF, "count", 2)
    folder = tmp_path / "help"
    folder.mkdir(mode=0o700)
    notes = [folder / f"note{number}.txt" for number in range(5)]
    for note in notes:
        note.write_text("mine\n")
    for number in range(4):
        helpcache.keep(f"{number:040x}", b"page\n")
    assert len([page for page in pages(tmp_path) if page.name.endswith(("0", "1", "2", "3"))]) == 2
    cleared = run(tmp_path, "cache", "clear")
    assert cleared.returncode == 0, cleared.stderr
    assert sorted(folder.iterdir()) == notes


def test_a_pipe_or_a_link_in_a_page_s_place_is_never_read(tmp_path: Path) -> None:
    fresh = run(tmp_path, "--help")
    [page] = pages(tmp_path)
    page.unlink()
    os.mkfifo(page)
    assert run(tmp_path, "--help").stdout == fresh.stdout  # and it did not wait for a writer
    page.unlink()
    page.symlink_to("/dev/zero")
    assert run(tmp_path, "--help").stdout == fresh.stdout
    assert run(tmp_path, "cache", "clear").returncode == 0
    assert pages(tmp_path) == []


def test_help_in_a_removed_working_folder(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    script = ("import os, sys, subprocess; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); "
              "sys.exit(subprocess.run([sys.executable, '-m', 'factledger', '--help']).returncode)")
    child = subprocess.Popen([sys.executable, "-c", script, str(gone)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env={**os.environ, "FACTLEDGER_CACHE_DIR": str(tmp_path / "cache")})
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert b"Usage" in out


def test_a_page_whose_inputs_changed_while_it_was_laid_out_is_not_kept(tmp_path: Path) -> None:
    # As a terminal resized during the first run would: the key taken after the run is not the one before it.
    script = ("import sys; from factledger.cli import helpcache; names = iter(['a' * 40, 'b' * 40]); "
              "helpcache.key = lambda: next(names); sys.argv = ['factledger', '--help']; "
              "from factledger.cli.entry import main; main()")
    changed = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False,
                             env={**os.environ, "FACTLEDGER_CACHE_DIR": str(tmp_path)})
    assert changed.returncode == 0, changed.stderr
    assert b"Usage" in changed.stdout
    assert pages(tmp_path) == []


def test_a_kept_page_on_a_real_terminal_is_the_same_coloured_page(tmp_path: Path) -> None:
    def on_terminal(*extra: tuple[str, str]) -> bytes:
        environment = {**os.environ, "FACTLEDGER_CACHE_DIR": str(tmp_path), "TERM": "xterm-256color", **dict(extra)}
        for name in ("NO_COLOR", "COLUMNS", "LINES"):
            environment.pop(name, None)
        child = pexpect.spawn(sys.executable, ["-m", "factledger", "--help"], env=environment, dimensions=(40, 90))
        child.expect(pexpect.EOF, timeout=60)
        child.close()
        assert child.exitstatus == 0
        return bytes(child.before)

    fresh = on_terminal(("FACTLEDGER_NO_CACHE", "1"))
    kept = [on_terminal(), on_terminal()]
    assert b"\x1b[" in fresh, "coloured for a terminal"
    assert kept == [fresh, fresh]
    assert len(pages(tmp_path)) == 1

