"""Kept answers (cli/answers.py, system/witness.py): a reading command's output is written again without
running it only while nothing it read has changed, and is then byte for byte what running it writes (how the
runs are made: tests/answering.py)."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from answering import LIST, PRELUDE, _answered, _run, blocker, copied


@pytest.fixture
def place(tmp_path: Path) -> Path:
    return copied(tmp_path)

def test_an_answer_is_written_again_byte_for_byte_and_with_its_exit_code(place: Path) -> None:
    ran = _run(place, *LIST)
    assert ran.returncode == 0 and b"7 claims" in ran.stdout, ran.stderr.decode()
    answered = _run(place, *LIST, block=True)
    assert (answered.returncode, answered.stdout, answered.stderr) == (0, ran.stdout, b"")
    (place / "data" / "claims" / "broken.yaml").write_text("claims:\n  - id: [\n")
    failed = _run(place, "validate")
    assert failed.returncode == 1, failed.stderr.decode()
    again = _run(place, "validate", block=True)
    assert (again.returncode, again.stdout) == (1, failed.stdout), again.stderr.decode()


def _same_size_edit(place: Path) -> None:
    path = place / "data" / "claims" / "north-korea.yaml"
    before = path.stat()
    text = path.read_text()
    assert "NIS" in text
    path.write_text(text.replace("NIS", "NlS", 1))  # the same size, one source id mistyped
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # and its modification time set back


def _new_file(place: Path) -> None:
    (place / "data" / "claims" / "more").mkdir()
    (place / "data" / "claims" / "more" / "extra.yaml").write_text("claims: [\n")


def _removed_file(place: Path) -> None:
    (place / "data" / "claims" / "humanitarian.yaml").unlink()


def _configuration(place: Path) -> None:
    (place / "factledger.toml").write_text('ignore = ["FL"]\n')


def _document(place: Path) -> None:
    path = place / "data" / "documents" / "nk-troops-article.txt"
    path.write_text(path.read_text()[:200])


def _linked(place: Path) -> None:
    claims = place / "data" / "claims"
    (place / "elsewhere.yaml").write_text((claims / "ukraine-war.yaml").read_text())
    (claims / "ukraine-war.yaml").unlink()
    (claims / "ukraine-war.yaml").symlink_to(claims / "humanitarian.yaml")


def _hidden(place: Path) -> None:
    (place / "data" / ".notes").mkdir()
    (place / "data" / ".notes" / "x.txt").write_text("x\n")


def _hidden_document(place: Path) -> None:
    # A document whose file was missing (looked for, never opened) is put there, in a hidden folder: no
    # folder the run listed changed, so only the whole tree of the data directory tells.
    (place / "data" / ".texts").mkdir(exist_ok=True)
    shutil.copy(place / "data" / "documents" / "nk-troops-article.txt", place / "data" / ".texts" / "a.txt")


@pytest.mark.parametrize("change", [_hidden_document, _same_size_edit, _new_file, _removed_file, _configuration,
                                    _document, _linked, _hidden])
def test_a_change_to_anything_read_is_never_answered_from_before_it(place: Path, change) -> None:
    documents = place / "data" / "documents.yaml"
    documents.write_text(documents.read_text().replace("documents/nk-troops-article.txt", ".texts/a.txt"))
    (place / "data" / ".texts").mkdir()
    kept = []
    for command in (LIST, ("validate",)):
        if not _run(place, *command).stderr:  # a run that warned keeps nothing: its warning is said every time
            assert _answered(place, *command), command
            kept.append(command)
    assert kept
    change(place)
    for command in kept:
        assert not _answered(place, *command), (change.__name__, command)
        fresh, cold = _run(place, *command), _run(place, *command, cache=False)
        assert (fresh.returncode, fresh.stdout) == (cold.returncode, cold.stdout), change.__name__


def test_another_environment_or_width_is_another_answer(place: Path) -> None:
    _run(place, *LIST)
    assert _answered(place, *LIST)
    wider = _run(place, *LIST, block=True, env={"COLUMNS": "200"})
    assert wider.returncode != 0  # not answered: it tried to run, and Typer is blocked


def test_a_run_that_did_more_than_write_its_output_keeps_nothing(place: Path) -> None:
    target = place / "out.json"
    for args in (("export", "json", "-o", str(target)), ("-q", "export", "json", "-o", str(target)),
                 ("export", "markdown", "--timestamp"),
                 ("list", "--source", "NOSUCH")):
        first = _run(place, *args)
        assert first.returncode in (0, 1, 2), first.stderr.decode()
        assert not _answered(place, *args), args
    assert not _answered(place, "add")  # not a reading command


def test_a_ledger_changed_just_before_the_run_keeps_nothing(place: Path) -> None:
    # Without the prelude's settling time of 0: a file changed within 2 s of the start may have been read
    # in a state its stamp cannot tell apart from the next.
    environment = {**os.environ, "ANSWERS_BLOCK": str(blocker(place))}
    script = PRELUDE.replace("witness.RACY_NS = 0\n", "")
    for _ in range(2):
        subprocess.run([sys.executable, "-c", script, *LIST], cwd=place, env=environment, capture_output=True,
                       timeout=120, check=True)
    blocker(place).touch()
    blocked = subprocess.run([sys.executable, "-c", script, *LIST], cwd=place, env=environment, capture_output=True,
                             timeout=120)
    assert blocked.returncode != 0  # the data was copied a moment ago: nothing was kept


def test_kept_answers_give_what_running_gives_over_random_edits(place: Path) -> None:
    rng = random.Random(7)
    claims = place / "data" / "claims"
    commands = [LIST, ("check",), ("stats",), ("validate", "--format", "json")]
    for _ in range(6):
        path = rng.choice(sorted(claims.glob("*.yaml")))
        lines = path.read_text().splitlines(keepends=True)
        index = rng.randrange(len(lines))
        edit = rng.choice(["drop", "double", "swap"])
        if edit == "drop":
            del lines[index]
        elif edit == "double":
            lines.insert(index, lines[index])
        else:
            lines[index] = lines[index].replace("NIS", "JCS").replace("2024", "2023")
        path.write_text("".join(lines))
        for command in commands:
            cold = _run(place, *command, cache=False)
            for _ in range(2):  # the first may keep an answer, the second may be given it
                warm = _run(place, *command)
                assert (warm.returncode, warm.stdout) == (cold.returncode, cold.stdout), command


def _tree_changes(root: Path) -> list[tuple[str, object]]:
    deep = root / "a" / ".hidden"

    def link_elsewhere() -> None:
        (root / "link").unlink()
        (root / "link").symlink_to(root / "a" / "two.yaml")

    def same_size() -> None:
        info = (root / "a" / "one.yaml").stat()
        (root / "a" / "one.yaml").write_text("b: 2\n")
        os.utime(root / "a" / "one.yaml", ns=(info.st_atime_ns, info.st_mtime_ns))

    return [("a file in a hidden folder", lambda: (deep / "new.txt").write_text("x")),
            ("a link led elsewhere", link_elsewhere),
            ("the same size, its time set back", same_size),
            ("a mode changed", lambda: (root / "a" / "two.yaml").chmod(0o600)),
            ("a file removed", lambda: (root / "a" / "two.yaml").unlink()),
            ("a folder made", lambda: (root / "b").mkdir())]


def test_the_state_of_a_declared_tree_changes_with_anything_under_it(tmp_path: Path) -> None:
    from factledger.system import witness

    for what, change in _tree_changes(tmp_path / "data"):
        root = tmp_path / "data"
        shutil.rmtree(root, ignore_errors=True)
        (root / "a" / ".hidden").mkdir(parents=True)
        (root / "a" / "one.yaml").write_text("a: 1\n")
        (root / "a" / "two.yaml").write_text("a: 2\n")
        (root / "link").symlink_to(root / "a" / "one.yaml")
        probes = [("tree", str(root)), ("look", str(tmp_path / "factledger.toml"))]
        before = witness.digest(witness.observe(probes))
        assert witness.digest(witness.observe(probes)) == before  # nothing changed: the same
        change()
        assert witness.digest(witness.observe(probes)) != before, what
    probes = [("look", str(tmp_path / "factledger.toml"))]
    before = witness.digest(witness.observe(probes))
    (tmp_path / "factledger.toml").write_text("")
    assert witness.digest(witness.observe(probes)) != before, "a configuration file put where one was looked for"


def test_a_file_removed_while_the_run_went_on_keeps_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Removed after the run looked for it and before the answer was kept: no stamp is left to be recent, so
    # only the state it had when the run looked tells.
    from factledger.system import witness

    config = tmp_path / "factledger.toml"
    config.write_text("")
    monkeypatch.setattr(witness, "RACY_NS", 0)
    for name in ("_trees", "_looked", "_opened", "_listed", "_seen"):
        monkeypatch.setattr(witness, name, type(getattr(witness, name))())
    witness.watch(None)
    try:
        witness.look(config)
        assert witness.settled(witness.observe(witness.probes()))
        config.unlink()
        assert not witness.settled(witness.observe(witness.probes()))
    finally:
        witness.stop()


def test_standard_input_is_never_answered_for() -> None:
    from factledger.cli import answers

    assert answers.wanted(["validate"])
    assert not answers.wanted(["validate", "-"]) and not answers.wanted(["export", "json", "--from=-"])
    assert not answers.wanted(["add"]) and not answers.wanted([])


def test_a_file_written_anywhere_keeps_nothing_even_in_the_cache_folder(
        place: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    cache = tmp_path_factory.mktemp("own-cache")  # (not the suite's: its entries are read by other tests)
    env = {"FACTLEDGER_CACHE_DIR": str(cache)}
    _run(place, *LIST, env=env)
    assert _answered(place, *LIST, env=env)  # answers are kept with this cache
    args = ("-q", "export", "json", "-o", str(cache / "out.json"))
    assert _run(place, *args, env=env).returncode == 0
    assert not _answered(place, *args, env=env)


def test_the_code_stamp_covers_every_file_of_the_package(tmp_path: Path) -> None:
    from factledger.system import cachedir

    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "report.css").write_text("a {}\n")
    before = cachedir.code_stamp(tmp_path)
    (tmp_path / "templates" / "report.css").write_text("a { }\n")
    assert cachedir.code_stamp(tmp_path) != before


def test_cache_clear_counts_each_kept_file_once(place: Path, tmp_path: Path) -> None:
    from factledger.load.cache import upkeep

    cache = tmp_path / "own-cache"
    for _ in range(2):  # (the first made the cache's folder in the working folder, which the run lists)
        _run(place, *LIST, env={"FACTLEDGER_CACHE_DIR": str(cache)})
    _run(place, "--help", env={"FACTLEDGER_CACHE_DIR": str(cache)})
    kept = [p for p in cache.rglob("*") if p.is_file() and p.parent.name in ("help", "answers")]
    assert len(kept) == 2
    counted = upkeep.info(cache)["files"]
    assert upkeep.clear(cache) == counted
    assert not [p for p in cache.rglob("*") if p.is_file() and p.parent.name in ("help", "answers")]
