"""The cache never changes a result: every command's output with it is byte for byte what a cold
`--no-cache` run gives, whatever happens to the files between runs (edits, additions, deletions,
renames, touches, a content change that keeps size and time) and to the cache itself (corrupt,
truncated, foreign, unwritable, shared by two runs at once). And it saves work: an unchanged file is
not parsed again."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from factledger.pipeline import load_ledger
from support import FIXTURES

ROOT = Path(__file__).resolve().parent.parent
LONG_AGO = 1_600_000_000_000_000_000  # 2020: stamps this old are trusted without reading the file

COMMANDS = (
    ("validate", "--format", "json"),
    ("list", "--format", "json"),
    ("check", "--all", "--format", "json"),
    ("questions", "--format", "json"),
    ("export", "json"),
    ("sources", "--format", "json"),
)


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    """The bundled ledger (documents and quotes) with the crowd-count fixture beside it (assessments,
    supersessions), every file dated long ago."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copy(FIXTURES / "check" / "crowd-count" / "ledger.yaml", data / "crowd.yaml")
    _age(data)
    return data


def _age(data: Path) -> None:
    for path in data.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(LONG_AGO, LONG_AGO))


def _outputs(invoke, data: Path, *extra: str) -> dict[str, tuple[int, str]]:
    shown = {}
    for command in COMMANDS:
        result = invoke(*command, "--data", str(data), *extra)
        shown[" ".join(command)] = (result.exit_code, result.stdout)
    return shown


def _same_as_cold(invoke, data: Path) -> None:
    warm = _outputs(invoke, data)
    cold = _outputs(invoke, data, "--no-cache")
    for command, output in cold.items():
        assert warm[command] == output, command
    again = _outputs(invoke, data)  # and once more, now that this state is cached
    assert again == cold


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_change_to_the_files_reads_as_cold(invoke, ledger: Path) -> None:
    claims = ledger / "claims" / "north-korea.yaml"
    _same_as_cold(invoke, ledger)  # first run: cold, cached
    _same_as_cold(invoke, ledger)  # nothing changed
    _edit(claims, "approximately 1,500", "approximately 1,600")  # a quote that is no longer in its document
    _same_as_cold(invoke, ledger)
    (ledger / "extra.yaml").write_text("sources: [{id: EXTRA, name: An extra source, kind: media}]\n", encoding="utf-8")
    _same_as_cold(invoke, ledger)
    (ledger / "extra.yaml").rename(ledger / "claims" / "moved.yaml")  # same content, another path
    _same_as_cold(invoke, ledger)
    (ledger / "claims" / "moved.yaml").unlink()
    _same_as_cold(invoke, ledger)
    os.utime(claims)  # touched: new stamp, same content
    _same_as_cold(invoke, ledger)
    _edit(ledger / "crowd.yaml", "statement:", "statment:")  # an unknown field
    _same_as_cold(invoke, ledger)
    _edit(ledger / "crowd.yaml", "sources:", "sources: [")  # no longer YAML
    _same_as_cold(invoke, ledger)
    document = next((ledger / "documents").glob("*.txt"))
    document.write_text("nothing of the article remains\n", encoding="utf-8")  # every quote gone
    _same_as_cold(invoke, ledger)


def test_a_change_that_keeps_size_and_time_is_still_seen(invoke, ledger: Path) -> None:
    claims = ledger / "claims" / "north-korea.yaml"
    _same_as_cold(invoke, ledger)
    _edit(claims, "approximately 1,500", "approximately 1,900")  # same length
    os.utime(claims, ns=(LONG_AGO, LONG_AGO))  # and the old time put back: only the change time tells
    _same_as_cold(invoke, ledger)
    assert "1,900" in invoke("list", "--data", str(ledger), "--format", "json").stdout


def test_an_unchanged_file_is_not_parsed_again(ledger: Path) -> None:
    files = len(list(ledger.rglob("*.yaml")))
    assert load_ledger(ledger).parsed_files in (0, files)  # cold, unless an earlier test cached the same bytes
    assert load_ledger(ledger).parsed_files == 0
    _edit(ledger / "crowd.yaml", "statement:", "statement: ")
    assert load_ledger(ledger).parsed_files == 1  # only the changed file
    assert load_ledger(ledger, cache=False).parsed_files == files


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign", "empty", "other-key"])
def test_a_damaged_cache_is_ignored_and_rewritten(invoke, ledger: Path, cache_folder: Path, damage: str) -> None:
    _same_as_cold(invoke, ledger)
    cached = [p for p in cache_folder.rglob("*.json")]
    assert cached
    for path in cached:
        text = path.read_text(encoding="ascii")
        path.write_text({"garbage": "\x00{not json", "truncated": text[: len(text) // 2], "empty": "",
                         "foreign": json.dumps({"format": 1, "key": path.stem, "payload": {"entries": 7}}),
                         "other-key": text.replace(path.stem, "0" * len(path.stem))}[damage], encoding="ascii")
    _same_as_cold(invoke, ledger)
    assert load_ledger(ledger).parsed_files == 0  # rewritten whole by the runs above


def test_an_unwritable_cache_is_no_cache_said_once(invoke, ledger: Path, tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    monkeypatch.setenv("FACTLEDGER_CACHE_DIR", str(blocker / "cache"))
    result = invoke("list", "--data", str(ledger))
    assert result.exit_code == 0, result.output
    assert result.stderr.count("cannot write the cache") == 1, result.stderr
    monkeypatch.delenv("FACTLEDGER_CACHE_DIR")
    assert _outputs(invoke, ledger) == _outputs(invoke, ledger, "--no-cache")


def test_no_cache_by_environment_and_the_cache_command(invoke, ledger: Path, cache_folder: Path, monkeypatch) -> None:
    invoke("validate", "--data", str(ledger))
    info = json.loads(invoke("cache", "info", "--format", "json").stdout)
    assert info["folder"] == str(cache_folder) and info["files"] > 0 and info["enabled"]
    cleared = json.loads(invoke("cache", "clear", "--format", "json").stdout)
    assert cleared["removed"] == info["files"] and cleared["files"] == 0
    monkeypatch.setenv("FACTLEDGER_NO_CACHE", "1")
    invoke("validate", "--data", str(ledger))
    assert json.loads(invoke("cache", "info", "--format", "json").stdout)["files"] == 0
    assert not json.loads(invoke("cache", "info", "--format", "json").stdout)["enabled"]


def test_the_cache_is_never_inside_the_data_directory(invoke, ledger: Path, monkeypatch) -> None:
    monkeypatch.setenv("FACTLEDGER_CACHE_DIR", str(ledger / ".cache"))
    result = invoke("validate", "--data", str(ledger))
    assert "inside the data directory" in result.stderr
    assert not (ledger / ".cache").exists()


def test_two_runs_at_once_share_the_cache_safely(ledger: Path, cache_folder: Path, tmp_path: Path) -> None:
    env = {**os.environ, "FACTLEDGER_CACHE_DIR": str(tmp_path / "shared"), "COLUMNS": "100"}
    command = [sys.executable, "-m", "factledger", "check", "--all", "--format", "json", "--data", str(ledger)]
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    outputs = [run.communicate()[0] for run in runs]
    cold = subprocess.run([*command, "--no-cache"], env=env, capture_output=True).stdout
    assert outputs == [cold] * 3
    assert subprocess.run(command, env=env, capture_output=True).stdout == cold


@pytest.mark.parametrize("xdg", [None, "", "/tmp/some-cache", "  "])  # (a relative one: see below)
def test_the_cache_folder_is_the_one_platformdirs_names(monkeypatch, xdg) -> None:
    platformdirs = pytest.importorskip("platformdirs")
    from factledger.load.cache.store import root

    monkeypatch.delenv("FACTLEDGER_CACHE_DIR")
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert root() == Path(platformdirs.user_cache_dir("factledger", appauthor=False))


# -- what a fresh-eyes review found ---------------------------------------------------------------

def _document_ledger(folder: Path, document: str | None = "hello world\n") -> Path:
    folder.mkdir(parents=True)
    (folder / "l.yaml").write_text(
        "sources: [{id: S, name: A source, kind: media}]\n"
        "documents: [{id: d1, title: A text, file: doc.txt}]\n"
        "claims: [{id: c1, statement: x, sources: [{source: S, document: d1, quote: hello world}]}]\n",
        encoding="utf-8")
    if document is not None:
        (folder / "doc.txt").write_text(document, encoding="utf-8")
    return folder


def test_a_data_directory_link_moved_to_another_tree_reads_as_cold(invoke, tmp_path: Path) -> None:
    """The same files, bytes and paths as given, but the rules' answer (a document outside the data
    directory) depends on where the link leads."""
    first = _document_ledger(tmp_path / "s")
    second = _document_ledger(tmp_path / "t", document=None)
    (second / "doc.txt").symlink_to(first / "doc.txt")  # outside t: FL302 there, not in s
    _age(first), _age(second)
    link = tmp_path / "d"
    for target in (first, second, first):
        if link.is_symlink():
            link.unlink()
        link.symlink_to(target)
        _same_as_cold(invoke, link)


def test_a_document_saved_while_the_rules_read_it_is_not_cached(invoke, tmp_path: Path, monkeypatch) -> None:
    from factledger import pipeline

    data = _document_ledger(tmp_path / "data")
    _age(data)
    real = pipeline._run_rules

    def edited_meanwhile(context, data_dir):  # an editor saves the document while the rules run
        (data / "doc.txt").write_text("goodbye world\n", encoding="utf-8")
        return real(context, data_dir)

    monkeypatch.setattr(pipeline, "_run_rules", edited_meanwhile)
    invoke("validate", "--data", str(data))
    monkeypatch.setattr(pipeline, "_run_rules", real)
    (data / "doc.txt").write_text("hello world\n", encoding="utf-8")  # and undone
    _age(data)
    _same_as_cold(invoke, data)


def test_a_changed_source_file_of_factledger_is_a_new_cache(tmp_path: Path) -> None:
    from factledger.load.cache.store import code_stamp

    package = tmp_path / "pkg"
    package.mkdir()
    module = package / "rules.py"
    module.write_text("MESSAGE = 'unknown field'\n", encoding="utf-8")
    before = code_stamp(package)
    module.write_text("MESSAGE = 'unrecognised field'\n", encoding="utf-8")
    assert code_stamp(package) != before


def test_an_entry_for_another_display_path_is_not_used(ledger: Path, cache_folder: Path, tmp_path: Path) -> None:
    from factledger.load.cache import store

    load_ledger(ledger)
    entries = [p for p in cache_folder.glob(f"{store.version_folder()}/files/*/*.json")]
    assert entries
    for path in entries:  # every entry rewritten to claim another path, with a valid digest
        head, _, body = path.read_bytes().partition(b"\n")
        payload = json.loads(body)
        payload["display"] = "elsewhere/" + payload["display"]
        fake = store.Cache(ledger)
        fake.put("files", json.loads(head)["key"], payload)
    assert load_ledger(ledger).parsed_files == len(list(ledger.rglob("*.yaml")))


def test_cache_clear_removes_only_what_factledger_wrote(invoke, tmp_path: Path, monkeypatch) -> None:
    home = tmp_path / "home"
    (home / "videos").mkdir(parents=True)
    (home / "vault").mkdir()
    (home / "vault" / "notes.txt").write_text("keep me\n", encoding="utf-8")
    (home / "v1-0.1.0-0123456789abcdef-0123456789ab").mkdir()  # our name, but not our contents
    (home / "v1-0.1.0-0123456789abcdef-0123456789ab" / "precious.txt").write_text("keep\n", encoding="utf-8")
    monkeypatch.setenv("FACTLEDGER_CACHE_DIR", str(home))
    invoke("validate")  # a real cache folder beside them
    result = invoke("cache", "clear", "--format", "json")
    assert result.exit_code == 0, result.output
    assert (home / "vault" / "notes.txt").exists() and (home / "videos").is_dir()
    assert (home / "v1-0.1.0-0123456789abcdef-0123456789ab" / "precious.txt").exists()
    assert json.loads(invoke("cache", "info", "--format", "json").stdout)["files"] == 0


def test_a_pipe_or_a_wrong_but_valid_entry_in_the_cache_is_read_past(ledger: Path, cache_folder: Path) -> None:
    from factledger.load.cache import store

    load_ledger(ledger)
    entries = sorted(cache_folder.glob(f"{store.version_folder()}/files/*/*.json"))
    fifo, wrong = entries[0], entries[1]
    fifo.unlink()
    os.mkfifo(fifo)  # a reader would wait on it for ever
    head, _, body = wrong.read_bytes().partition(b"\n")
    payload = json.loads(body)
    payload["diagnostics"] = [["FL999", "not a code", None, 1, 1, "error"]]
    store.Cache(ledger).put("files", json.loads(head)["key"], payload)
    cold = load_ledger(ledger, cache=False)
    warm = load_ledger(ledger)
    assert warm.diagnostics == cold.diagnostics and len(warm.ledger.claims) == len(cold.ledger.claims)


def test_relative_cache_settings_do_not_depend_on_where_the_command_runs(monkeypatch, tmp_path: Path) -> None:
    from factledger.load.cache.store import root

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FACTLEDGER_CACHE_DIR", "relcache")
    assert root() == tmp_path / "relcache" and root().is_absolute()
    monkeypatch.delenv("FACTLEDGER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "rel")  # the XDG specification: a relative value is ignored
    assert root() == Path.home() / ".cache" / "factledger"


def test_cache_info_says_when_the_cache_is_not_in_use(invoke, tmp_path: Path, monkeypatch) -> None:
    for args in (("--no-cache", "cache", "info"), ("cache", "info", "--no-cache")):
        shown = json.loads(invoke(*args, "--format", "json").stdout)
        assert shown["enabled"] is False, args
    blocker = tmp_path / "a-file"
    blocker.write_text("x\n", encoding="utf-8")
    monkeypatch.setenv("FACTLEDGER_CACHE_DIR", str(blocker))
    text = invoke("cache", "info").stdout
    assert "in use    no: " in text and "is not a folder" in text
