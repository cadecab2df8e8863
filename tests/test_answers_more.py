"""Kept answers, as a hostile reader and a real terminal try them: what is only looked at (a FILE argument's
link, a document in a .git folder, a link retargeted midway), a reader that leaves, fmt, the loading display."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from answering import LIST, PRELUDE, _answered, _run, blocker, copied


@pytest.fixture
def place(tmp_path: Path) -> Path:
    return copied(tmp_path)

def _file_argument_link(place: Path) -> list[tuple[str, ...]]:
    claims = place / "data" / "claims"
    (claims / "e1.yaml").write_text("# empty one\n")
    (claims / "e2.yaml").write_text("# empty two\n")
    (place / "pick.yaml").symlink_to(claims / "e1.yaml")
    return [("validate", "pick.yaml")]


def _retarget_file_argument(place: Path) -> None:
    (place / "pick.yaml").unlink()
    (place / "pick.yaml").symlink_to(place / "data" / "claims" / "e2.yaml")


def _remove_file_argument(place: Path) -> None:
    (place / "pick.yaml").unlink()


def _document_in_git_folder(place: Path) -> list[tuple[str, ...]]:
    data = place / "data"
    (data / ".git").mkdir()
    (data / "documents" / "nk-troops-article.txt").rename(data / ".git" / "article.txt")
    documents = data / "documents.yaml"
    documents.write_text(documents.read_text().replace("documents/nk-troops-article.txt", ".git/article.txt"))
    return [("validate",)]


def _emptied_git_document(place: Path) -> None:
    (place / "data" / ".git" / "article.txt").write_text("nothing here\n")


def _chained_link(place: Path) -> list[tuple[str, ...]]:
    # data/documents/article -> links/L/nk.txt, links/L -> data/real; the same file is also reachable outside
    data = place / "data"
    (data / "real").mkdir()
    (place / "links").mkdir()
    (place / "outside").mkdir()
    (data / "documents" / "nk-troops-article.txt").rename(data / "real" / "nk.txt")
    (place / "links" / "L").symlink_to(data / "real")
    (data / "documents" / "nk-troops-article.txt").symlink_to(place / "links" / "L" / "nk.txt")
    os.link(data / "real" / "nk.txt", place / "outside" / "nk.txt")
    return [("validate",)]


def _retarget_middle_link(place: Path) -> None:
    (place / "links" / "L").unlink()
    (place / "links" / "L").symlink_to(place / "outside")  # the same file at the end, now outside the data


@pytest.mark.parametrize(("setup", "change"), [(_file_argument_link, _retarget_file_argument),
                                               (_file_argument_link, _remove_file_argument),
                                               (_document_in_git_folder, _emptied_git_document),
                                               (_chained_link, _retarget_middle_link)])
def test_what_is_only_looked_at_is_watched_too(place: Path, setup, change) -> None:
    for command in setup(place):
        before = _run(place, *command)
        assert not before.stderr, before.stderr.decode()
        assert _answered(place, *command), command
        change(place)
        assert not _answered(place, *command), (change.__name__, command)
        fresh, cold = _run(place, *command), _run(place, *command, cache=False)
        assert (fresh.returncode, fresh.stdout) == (cold.returncode, cold.stdout), change.__name__
        assert (fresh.returncode, fresh.stdout) != (before.returncode, before.stdout), "the change changes the answer"


def test_in_a_terminal_an_answer_is_kept_even_after_the_loading_display(place: Path) -> None:
    import pexpect

    # The loading display shown at once (it waits for a thousand files or a second otherwise): it is drawn
    # on standard error and erased before the answer is written, so it does not stop the answer being kept.
    prelude = PRELUDE.replace("witness.RACY_NS = 0\n", (
        "witness.RACY_NS = 0\nfrom factledger.cli import console\nconsole.LoadProgress.FILES = 0\n"))
    environment = {**os.environ, "ANSWERS_BLOCK": str(blocker(place)), "TERM": "xterm-256color"}
    for name in ("NO_COLOR", "CI", "GITHUB_ACTIONS"):  # (in CI, no loading display is ever shown)
        environment.pop(name, None)

    def on_terminal() -> tuple[int, bytes]:
        child = pexpect.spawn(sys.executable, ["-c", prelude, *LIST], env=environment,
                              cwd=str(place), dimensions=(40, 100))
        child.expect(pexpect.EOF, timeout=60)
        child.close()
        return child.exitstatus, bytes(child.before)

    code, shown = on_terminal()
    assert code == 0 and b"reading the ledger" in shown and b"7 claims" in shown, shown.decode(errors="replace")
    blocker(place).touch()
    code, answered = on_terminal()
    assert code == 0 and b"7 claims" in answered, answered.decode(errors="replace")  # Typer blocked: answered
    assert b"reading the ledger" not in answered and b"\x1b[" in answered  # coloured for the terminal, as then


def test_fmt_check_is_answered_and_fmt_that_writes_is_not(place: Path) -> None:
    path = place / "data" / "sources.yaml"
    path.write_text(path.read_text().replace("\n  - id:", "\n\n\n  - id:", 1))  # blank lines fmt takes out
    check = _run(place, "fmt", "--check")
    assert check.returncode == 1 and not check.stderr, check.stdout.decode() + check.stderr.decode()
    assert _answered(place, "fmt", "--check")
    wrote = _run(place, "-q", "fmt")
    assert wrote.returncode == 0, wrote.stderr.decode()
    assert not _answered(place, "-q", "fmt")  # it wrote a file: nothing kept
    assert not _answered(place, "fmt", "--check")  # and the file it wrote is not the one checked before
    assert _run(place, "fmt", "--check").returncode == 0


def test_a_run_whose_reader_left_keeps_nothing(tmp_path: Path) -> None:
    # `| head` leaves before the output ends: what was written is part of it, and a later `> file` must get
    # the whole output, not that part (the failed write is caught far from the console script).
    from generate_ledger import write_yaml_ledger

    write_yaml_ledger(tmp_path / "data", 3000, 300)
    blocker(tmp_path).unlink(missing_ok=True)
    environment = {**os.environ, "ANSWERS_BLOCK": str(blocker(tmp_path))}
    command = [sys.executable, "-c", PRELUDE, "list"]
    cut = subprocess.run(f"{' '.join(map(shlex.quote, command))} | head -c 100", shell=True, cwd=tmp_path,
                         env=environment, capture_output=True, timeout=120)
    assert len(cut.stdout) == 100, cut.stderr.decode()
    whole = subprocess.run(command, cwd=tmp_path, env=environment, capture_output=True, timeout=120)
    cold = subprocess.run(command, cwd=tmp_path, env={**environment, "FACTLEDGER_NO_CACHE": "1"},
                          capture_output=True, timeout=120)
    assert (whole.returncode, whole.stdout) == (cold.returncode, cold.stdout) and len(cold.stdout) > 1 << 17


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs a file of another user's (chown)")
def test_trust_withdrawn_through_a_link_in_the_trusted_list_is_seen(place: Path) -> None:
    # A configuration file of another user's is used only where FACTLEDGER_TRUSTED_CONFIG names it; here it is
    # named through a link, which is then led elsewhere: the configuration is no longer used, and the errors it
    # hid are reported again.
    shutil.copy(place / "data" / "sources.yaml", place / "data" / "again.yaml")  # every source twice: FL201
    config = place / "factledger.toml"
    config.write_text('ignore = ["FL"]\n')
    os.chown(config, 65534, -1)
    (place / "elsewhere").mkdir()
    (place / "trusted").symlink_to(place)
    trusted = {"FACTLEDGER_TRUSTED_CONFIG": str(place / "trusted")}
    hidden = _run(place, "validate", env=trusted)
    assert hidden.returncode == 0 and not hidden.stderr, hidden.stderr.decode()
    assert _answered(place, "validate", env=trusted)
    (place / "trusted").unlink()
    (place / "trusted").symlink_to(place / "elsewhere")
    assert not _answered(place, "validate", env=trusted)
    shown = _run(place, "validate", env=trusted)
    assert shown.returncode == 1 and b"FL201" in shown.stdout, shown.stdout.decode()


def test_a_terminal_resized_during_a_run_keeps_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    import signal

    from factledger.cli import answers
    from factledger.system import witness

    if not hasattr(signal, "SIGWINCH"):
        pytest.skip("no SIGWINCH here")
    before = signal.getsignal(signal.SIGWINCH)
    monkeypatch.setattr(witness, "effect", None)
    try:
        answers.watch()
        assert witness.effect is None
        signal.raise_signal(signal.SIGWINCH)
        assert witness.effect == "the terminal was resized"
    finally:
        witness.stop()
        signal.signal(signal.SIGWINCH, before)
