"""Hostile and careless settings and surroundings (issue 18): configuration files another user put
above the repository, a cache another user could write, configuration files in any shape, settings
from the environment, a process with no home, impossible -o names, ids that differ only in case.

Tests run as root here, so ownership is made real with os.chown to another uid in a temporary folder;
where the current user must be someone other than root, the one uid lookup (system/user.uid) is
replaced for the test, and every check still reads the real owners from the file system.
"""

from __future__ import annotations

import json
import os
import pwd
import subprocess
import sys
from pathlib import Path

import pytest

from factledger.pipeline import load_ledger
from factledger.system import user

from support import FIXTURES

OTHER = 4242  # a uid that is neither root nor the current user
BROKEN = FIXTURES / "invalid" / "FL202-unknown-source"
SILENCING = '[tool.factledger]\nignore = ["FL"]\n'


def _nobody() -> int:
    """A uid with no entry in the user database (a container started with an arbitrary uid)."""
    uid = 54321
    while True:
        try:
            pwd.getpwuid(uid)
        except KeyError:
            return uid
        uid += 1


@pytest.fixture
def outer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """outer/proj/data holds a ledger with errors; the command runs in outer/proj."""
    import shutil

    shutil.copytree(BROKEN, tmp_path / "outer" / "proj" / "data")
    monkeypatch.chdir(tmp_path / "outer" / "proj")
    monkeypatch.delenv("FACTLEDGER_TRUSTED_CONFIG", raising=False)
    return tmp_path / "outer"


def _git(folder: Path) -> None:
    subprocess.run(["git", "init", "-q", str(folder)], check=True, timeout=60)


# -- item 4: configuration files another user put above the repository ----------------------------------

@pytest.mark.parametrize("name, text", [("factledger.toml", 'ignore = ["FL"]\n'), ("pyproject.toml", SILENCING)])
@pytest.mark.parametrize("repository", ["none", "proj"])
def test_a_configuration_of_another_user_above_the_repository_is_ignored_with_one_warning(
        invoke, outer: Path, name: str, text: str, repository: str) -> None:
    planted = outer / name
    planted.write_text(text, encoding="utf-8")
    os.chown(planted, OTHER, OTHER)
    if repository == "proj":
        _git(outer / "proj")
    before = planted.read_bytes()
    result = invoke("validate")
    assert result.exit_code == 1 and "FL202" in result.stdout, result.output  # nothing silenced
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [f"warning: ignoring the configuration '{planted}': it belongs to another user (uid {OTHER}) "
                        f"and is outside this repository; to use it, set FACTLEDGER_TRUSTED_CONFIG={planted}"]
    assert planted.read_bytes() == before


@pytest.mark.parametrize("trust", ["file", "folder", "*", " file ", " *"])
def test_the_user_can_opt_in_to_another_users_configuration(invoke, outer: Path, monkeypatch, trust: str) -> None:
    planted = outer / "pyproject.toml"
    planted.write_text(SILENCING, encoding="utf-8")
    os.chown(planted, OTHER, OTHER)
    # Each entry is stripped of surrounding spaces, a path as "*" alike: " *" is "*" (as documented).
    given = {"file": str(planted), "folder": str(outer), "*": "*", " file ": f" {planted} ", " *": " *"}[trust]
    monkeypatch.setenv("FACTLEDGER_TRUSTED_CONFIG", given)
    result = invoke("validate")
    assert result.exit_code == 0 and "warning" not in result.stderr, result.output


@pytest.mark.parametrize("owner", ["me", "root"])
def test_a_configuration_of_the_user_or_root_is_used(invoke, outer: Path, monkeypatch, owner: str) -> None:
    monkeypatch.setattr(user, "uid", lambda: OTHER)  # the current user is OTHER, not root
    monkeypatch.setenv("FACTLEDGER_NO_CACHE", "1")  # the tests' cache folder is root's, so not OTHER's
    planted = outer / "factledger.toml"
    planted.write_text('ignore = ["FL"]\n', encoding="utf-8")
    os.chown(planted, OTHER if owner == "me" else 0, 0)
    result = invoke("validate")
    assert result.exit_code == 0 and result.stderr == "", result.output
    os.chown(planted, OTHER + 1, 0)  # and a third user's is not
    assert invoke("validate").exit_code == 1


def test_a_configuration_inside_the_repository_is_the_repositorys_whoever_owns_it(invoke, outer: Path) -> None:
    _git(outer)  # outer is the work tree; its file is the project's own
    planted = outer / "pyproject.toml"
    planted.write_text(SILENCING, encoding="utf-8")
    os.chown(planted, OTHER, OTHER)
    result = invoke("validate")
    assert result.exit_code == 0 and result.stderr == "", result.output


def test_a_repository_another_user_planted_above_vouches_for_nothing(invoke, outer: Path) -> None:
    _git(outer)
    for path in [outer / ".git", *(outer / ".git").rglob("*")]:
        os.chown(path, OTHER, OTHER, follow_symlinks=False)  # git itself would call it dubious
    planted = outer / "factledger.toml"
    planted.write_text('ignore = ["FL"]\n', encoding="utf-8")
    os.chown(planted, OTHER, OTHER)
    result = invoke("validate")
    assert result.exit_code == 1 and "ignoring the configuration" in result.stderr, result.output


def test_another_users_link_to_a_file_or_repository_of_yours_is_theirs(invoke, outer: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text('ignore = ["FL"]\n', encoding="utf-8")
    link = outer / "factledger.toml"
    link.symlink_to(mine)
    os.lchown(link, OTHER, OTHER)
    result = invoke("validate")
    assert result.exit_code == 1 and f"ignoring the configuration '{link}'" in result.stderr, result.output
    link.unlink()
    _git(tmp_path / "mine")  # a repository of yours, which another user links to above the project
    (outer / ".git").symlink_to(tmp_path / "mine" / ".git")
    os.lchown(outer / ".git", OTHER, OTHER)
    planted = outer / "factledger.toml"
    planted.write_text('ignore = ["FL"]\n', encoding="utf-8")
    os.chown(planted, OTHER, OTHER)
    assert invoke("validate").exit_code == 1


# -- item 4: a cache another user could write, or an entry they made -----------------------------------

def _cache(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("FACTLEDGER_CACHE_DIR", str(folder))
    return folder


@pytest.mark.parametrize("how", ["another owner", "writable by others"])
def test_a_cache_folder_that_is_not_private_is_not_used(invoke, tmp_path: Path, monkeypatch, how: str) -> None:
    folder = _cache(tmp_path, monkeypatch)
    folder.mkdir(mode=0o700)
    if how == "another owner":
        os.chown(folder, OTHER, OTHER)
    else:
        folder.chmod(0o777)
    data = FIXTURES / "valid" / "minimal"
    for _ in range(2):
        result = invoke("validate", "--data", str(data))
        assert result.exit_code == 0, result.output
        assert result.stderr.count("warning: the cache folder is not private") == 1, result.stderr
    assert list(folder.iterdir()) == []  # nothing read from it, nothing written to it
    assert load_ledger(data).parsed_files == 1


def test_a_cache_folder_writable_only_by_the_users_own_group_is_private(invoke, tmp_path: Path, monkeypatch) -> None:
    import grp

    folder = _cache(tmp_path, monkeypatch)
    folder.mkdir(mode=0o700)
    folder.chmod(0o775)  # as umask 002 makes folders, where each user has a group of their own
    own = grp.getgrgid(os.getegid())
    assert own.gr_name == pwd.getpwuid(os.geteuid()).pw_name and not own.gr_mem  # root's own group here
    data = FIXTURES / "valid" / "minimal"
    result = invoke("validate", "--data", str(data))
    assert result.exit_code == 0 and result.stderr == "", result.output
    load_ledger(data)
    assert load_ledger(data).parsed_files == 0  # used
    others = next(g for g in grp.getgrall() if g.gr_gid != own.gr_gid)
    os.chown(folder, -1, others.gr_gid)  # a group others are in: not private
    assert "can be written by other users (mode 775)" in invoke("validate", "--data", str(data)).stderr


def test_a_folder_planted_inside_the_cache_is_never_written_through(tmp_path: Path, monkeypatch) -> None:
    from factledger.load.cache.place import version_folder

    folder = _cache(tmp_path, monkeypatch)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (folder / version_folder()).mkdir(parents=True)
    (folder / version_folder() / "files").symlink_to(elsewhere)  # left while the folder was open to others
    folder.chmod(0o700)
    data = FIXTURES / "valid" / "minimal"
    loaded = load_ledger(data)
    assert loaded.notices == [f"the cache holds a folder that is not private: '{folder / version_folder() / 'files'}' "
                              "is not a folder; caching is off until it is removed"]
    assert list(elsewhere.iterdir()) == [] and loaded.diagnostics == load_ledger(data, cache=False).diagnostics


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("v*/files/*/*.json"))


def test_an_entry_not_sealed_with_the_users_key_is_never_taken_for_a_parse(tmp_path: Path, monkeypatch) -> None:
    import hashlib

    folder = _cache(tmp_path, monkeypatch)
    data = tmp_path / "data"
    data.mkdir()
    ledger = data / "l.yaml"
    ledger.write_text("claims:\n  - {id: c1, statement: s, sources: [{source: NOPE}]}\n", encoding="utf-8")
    before = ledger.read_bytes()
    cold = load_ledger(data)
    assert [d.code for d in cold.diagnostics] == ["FL202"]
    (entry,) = _entries(folder)
    head, _, body = entry.read_bytes().partition(b"\n")
    header = json.loads(head)
    payload = json.loads(body)
    payload["diagnostics"] = []  # what another hand would plant: a broken file that passes
    forged = json.dumps(payload).encode()
    for secret in (b"\0" * 32, os.urandom(32)):  # a guessed key, and one of the attacker's own
        header["seal"] = hashlib.blake2b(b"2\0files\0" + header["key"].encode() + b"\0" + forged, key=secret,
                                         digest_size=24).hexdigest()
        entry.write_bytes(json.dumps(header).encode() + b"\n" + forged)
        warm = load_ledger(data)
        assert [d.code for d in warm.diagnostics] == ["FL202"] and warm.parsed_files == 1
    key = folder / "key"  # and a key the attacker wrote: theirs, readable by all
    key.write_bytes(b"\0" * 32)
    key.chmod(0o644)
    os.chown(key, OTHER, OTHER)
    header["seal"] = hashlib.blake2b(b"2\0files\0" + header["key"].encode() + b"\0" + forged, key=b"\0" * 32,
                                     digest_size=24).hexdigest()
    entry.write_bytes(json.dumps(header).encode() + b"\n" + forged)
    warm = load_ledger(data)
    assert [d.code for d in warm.diagnostics] == ["FL202"] and warm.parsed_files == 1
    info = key.stat()
    assert (info.st_uid, info.st_mode & 0o777) == (os.geteuid(), 0o600) and key.read_bytes() != b"\0" * 32
    assert ledger.read_bytes() == before


# -- item 7: a bounded cache ------------------------------------------------------------------------------

def _claims(count: int, version: int) -> str:
    return "sources: [{id: S, name: A, kind: media}]\nclaims:\n" + "".join(
        f"  - {{id: c{i}, statement: statement {i} version {version}, sources: [{{source: S}}]}}\n"
        for i in range(count))


def test_saving_one_file_thirty_times_keeps_one_entry_for_it(tmp_path: Path, monkeypatch) -> None:
    folder = _cache(tmp_path, monkeypatch)
    data = tmp_path / "data"
    data.mkdir()
    sizes = []
    for version in range(30):
        (data / "l.yaml").write_text(_claims(500, version), encoding="utf-8")
        assert load_ledger(data).parsed_files == 1
        sizes.append(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()))
    assert len(_entries(folder)) == 1 and len(list(folder.glob("v*/rules/*/*.json"))) == 1
    assert max(sizes) < 1.5 * sizes[0], sizes
    (data / "l.yaml").unlink()
    (data / "m.yaml").write_text("sources: [{id: S, name: A, kind: media}]\n", encoding="utf-8")
    load_ledger(data)
    (entry,) = _entries(folder)  # the deleted file's entry is gone with it
    assert b'"display"' in entry.read_bytes() and b"m.yaml" in entry.read_bytes()


def test_other_versions_folders_are_removed_as_the_cache_is_used(tmp_path: Path, monkeypatch) -> None:
    folder = _cache(tmp_path, monkeypatch)
    old = folder / "v1-0.0.9-0123456789abcdef-0123456789ab"
    (old / "files" / "ab").mkdir(parents=True)
    (old / "files" / "ab" / "abcd.json").write_text("{}", encoding="utf-8")
    stranger = folder / "v1-0.0.9-0123456789abcdef-ffffffffffff"  # our name, not our contents: kept
    stranger.mkdir()
    (stranger / "notes.txt").write_text("keep\n", encoding="utf-8")
    folder.chmod(0o700)
    load_ledger(FIXTURES / "valid" / "minimal")
    assert not old.exists() and (stranger / "notes.txt").read_text(encoding="utf-8") == "keep\n"


def test_the_cache_keeps_to_its_size_limit_and_cache_info_shows_it(invoke, tmp_path: Path, monkeypatch) -> None:
    folder = _cache(tmp_path, monkeypatch)
    monkeypatch.setenv("FACTLEDGER_CACHE_SIZE", "200k")
    ledgers = []
    for number in range(8):
        data = tmp_path / f"d{number}"
        data.mkdir()
        (data / "l.yaml").write_text(_claims(400, number), encoding="utf-8")
        ledgers.append(data)
        load_ledger(data)
        held = sum(p.stat().st_size for p in folder.glob("v*/*/*/*.json"))
        assert held <= 200 * 1024, held
    assert len(_entries(folder)) < 8  # the ones used longest ago went
    for data in ledgers:  # and nothing is lost: what is not cached is read again, the same
        assert load_ledger(data).diagnostics == load_ledger(data, cache=False).diagnostics
    shown = json.loads(invoke("cache", "info", "--format", "json").stdout)
    assert shown["limit"] == 200 * 1024 and shown["bytes"] <= shown["limit"]
    assert "limit     200 KiB" in invoke("cache", "info").stdout
    monkeypatch.setenv("FACTLEDGER_CACHE_SIZE", "lots")
    for command in (["cache", "info"], ["validate", "--data", str(ledgers[0])]):
        refused = invoke(*command)
        assert refused.exit_code == 2 and "FACTLEDGER_CACHE_SIZE" in refused.stderr, refused.output


# -- item 6: nothing crashes on its own settings or surroundings -------------------------------------------

DEEP = "a = " + "[" * 100_000 + "]" * 100_000 + "\n"
CONFIGS = {
    "windows-1252": ("factledger.toml", 'data = "caf\xe9"\n'.encode("cp1252"), ":1:12: the configuration is not UTF-8"),
    "latin-1 parent pyproject": ("../pyproject.toml", b'[project]\nname = "\xe9t\xe9"\n', ":2:9: the configuration is not UTF-8"),
    "tool not a table": ("../pyproject.toml", b'tool = "x"\n', "pyproject.toml:1: 'tool' must be a table"),
    "a NUL": ("factledger.toml", b'data = "da\x00ta"\n', ":1:11: the configuration holds a NUL character"),
    "a NUL escaped": ("factledger.toml", b'data = "da\\u0000ta"\n', "'data' in "),
    "nested deeply": ("factledger.toml", DEEP.encode(), ":1:37: arrays or inline tables nest more than 32 deep"),
    "settings not a table": ("../pyproject.toml", b"[tool]\nfactledger = 3\n", "must be a table of settings"),
}


@pytest.mark.parametrize("case", CONFIGS, ids=str)
def test_a_broken_configuration_is_one_located_usage_error(invoke, tmp_path: Path, monkeypatch, case: str) -> None:
    name, content, says = CONFIGS[case]
    here = tmp_path / "project"
    here.mkdir()
    (path := here / name).write_bytes(content)
    monkeypatch.chdir(here)
    for command in (["validate"], ["list"], ["config"]):
        result = invoke(*command)
        assert result.exit_code == 2, result.output
        (line,) = result.stderr.splitlines()
        assert line.startswith("error: ") and str(path.resolve()) in line and says in line, line
    assert path.read_bytes() == content


def test_a_huge_configuration_is_refused_without_being_read(invoke, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with open(tmp_path / "factledger.toml", "wb") as sparse:
        sparse.truncate(40 * 2**30)  # 40 GB that cost nothing unless read
    result = invoke("validate")
    assert result.exit_code == 2, result.output
    assert "is over the limit of 1 MiB for a configuration file" in result.stderr


@pytest.mark.parametrize("value", ["abc", "0", "-2", "1.5", "٣", "4 cores"])
def test_a_bad_number_of_jobs_is_a_usage_error_naming_the_variable(invoke, monkeypatch, value: str) -> None:
    monkeypatch.setenv("FACTLEDGER_JOBS", value)
    result = invoke("validate", "--data", str(FIXTURES / "valid" / "minimal"))
    assert result.exit_code == 2 and result.stderr.startswith("error: FACTLEDGER_JOBS="), result.output


def test_more_jobs_than_cores_are_capped_with_a_notice(invoke, monkeypatch) -> None:
    from factledger.load.parallel import _cores, jobs

    monkeypatch.setenv("FACTLEDGER_JOBS", "1000000000")
    assert jobs() == _cores()
    result = invoke("validate", "--data", str(FIXTURES / "valid" / "minimal"))
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"warning: FACTLEDGER_JOBS=1000000000 is more than the {_cores()} cores this process "
                             f"may use; using {_cores()}\n")


@pytest.mark.parametrize("value, code", [("abc", 2), ("0", 2), ("99999999999999999999999G", 2), ("30G", 0)])
def test_the_size_limit_is_checked_and_never_allocated(tmp_path: Path, value: str, code: int) -> None:
    import resource

    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps({"@type": "ClaimReview", "claimReviewed": "A claim", "url": "https://e.org/r",
                                "author": {"@type": "Organization", "name": "Checker"},
                                "reviewRating": {"@type": "Rating", "alternateName": "False"}}), encoding="utf-8")

    def small() -> None:  # a 30 GB limit allocated up front would not fit
        resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))

    with open(feed, "rb") as given:
        done = subprocess.run([sys.executable, "-m", "factledger", "import", "claimreview", "-"], stdin=given,
                              capture_output=True, timeout=120, preexec_fn=small, cwd=tmp_path,
                              env={**os.environ, "FACTLEDGER_MAX_FILE_SIZE": value, "FACTLEDGER_NO_CACHE": "1"})
    assert done.returncode == code, done.stderr
    assert b"Traceback" not in done.stderr and b"MemoryError" not in done.stderr
    if code:
        assert done.stderr.startswith(b"error: FACTLEDGER_MAX_FILE_SIZE"), done.stderr


def test_no_home_and_no_user_entry_means_no_cache_and_every_command_works(invoke, monkeypatch) -> None:
    for name in ("HOME", "FACTLEDGER_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(user, "uid", _nobody)
    assert user.home() is None
    data = str(FIXTURES / "check" / "FL501-conflict")
    for command, code in ((["validate"], 0), (["list"], 0), (["show", "nis-1500"], 0), (["check"], 1), (["questions"], 1),
                          (["timeline"], 0), (["export", "json"], 0), (["sources"], 0), (["stats"], 0)):
        result = invoke(*command, "--data", data)
        assert result.exit_code == code, (command, result.output)
        assert result.stderr.count("no home folder") == 1 and "Traceback" not in result.stderr, result.stderr
    for command in (["cache", "info"], ["cache", "clear"], ["config"], ["codes"]):
        result = invoke(*command)
        assert result.exit_code == 0, (command, result.output)
    assert "in use    no: no home folder" in invoke("cache", "info").stdout


@pytest.mark.parametrize("name", ["x" * 300 + ".yaml", "/".join(["y" * 200] * 25) + "/a.yaml"], ids=["long", "deep"])
@pytest.mark.parametrize("command", [["export", "yaml"], ["import", "claimreview"]], ids=" ".join)
def test_a_long_or_impossible_output_name_is_a_usage_error(invoke, tmp_path: Path, monkeypatch, name: str,
                                                           command: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "feed.json").write_text('{"@type": "ClaimReview", "claimReviewed": "c", "url": "https://e.org/r"}',
                                        encoding="utf-8")
    args = [*command, *(["feed.json"] if command[0] == "import" else ["--data", str(FIXTURES / "valid" / "minimal")])]
    result = invoke(*args, "-o", str(tmp_path / name))
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: cannot write") and "too long" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feed.json"]


@pytest.mark.parametrize("sources", [
    "  - {id: a, name: One, kind: media}\n  - {id: A, name: Two, kind: media, part_of: b}\n"
    "  - {id: b, name: Three, kind: media, part_of: a}\n",
    "  - {id: a, name: One, kind: media, part_of: B}\n  - {id: b, name: Two, kind: media, part_of: A}\n"])
def test_part_of_cycles_are_found_whatever_the_case_of_the_ids(write_ledger, sources: str) -> None:
    codes = [d.code for d in load_ledger(write_ledger({"s.yaml": "sources:\n" + sources})).diagnostics]
    assert "FL205" in codes and "FL900" not in codes, codes


def test_a_tab_in_the_indentation_is_named(invoke, write_ledger, monkeypatch) -> None:
    monkeypatch.delenv("COLUMNS")  # a log: each diagnostic on one line
    data = write_ledger({"a.yaml": "claims:\n\t- id: x\n", "b.yaml": "sources:\n  - id: S\n  \t name: n\n"})
    shown = invoke("validate", "--data", str(data)).stdout
    assert shown.count("invalid YAML: a tab in the indentation: YAML indents with spaces only") == 2, shown
    assert "a.yaml:2:1:" in shown and "b.yaml:3:3:" in shown and "cannot start any token" not in shown


# -- issue 18 follow-up: a link into another user's file, a file anyone may write --------------------------

def test_a_link_in_the_repository_to_another_users_file_outside_it_is_theirs(invoke, outer: Path,
                                                                             tmp_path: Path) -> None:
    _git(outer / "proj")
    theirs = tmp_path / "theirs.toml"
    theirs.write_text('ignore = ["FL"]\n', encoding="utf-8")
    os.chown(theirs, OTHER, OTHER)
    link = outer / "proj" / "factledger.toml"
    link.symlink_to(theirs)  # the link is the repository's (root's, here); the file it leads to is not
    result = invoke("validate")
    assert result.exit_code == 1 and "FL202" in result.stdout, result.output  # nothing silenced
    assert (f"ignoring the configuration '{link}' (a link to '{theirs}'): it belongs to another user (uid {OTHER})"
            in result.stderr), result.output
    os.chown(theirs, 0, 0)  # the same link to a file of root's (the current user's) is used
    assert invoke("validate").exit_code == 0


@pytest.mark.parametrize("owner", ["root", "me"])
def test_a_configuration_anyone_may_write_outside_the_repository_is_passed_over(invoke, outer: Path, monkeypatch,
                                                                               owner: str) -> None:
    monkeypatch.setenv("FACTLEDGER_NO_CACHE", "1")
    if owner == "me":
        monkeypatch.setattr(user, "uid", lambda: OTHER)
    planted = outer / "factledger.toml"
    planted.write_text('ignore = ["FL"]\n', encoding="utf-8")
    os.chown(planted, 0 if owner == "root" else OTHER, 0)
    planted.chmod(0o666)
    result = invoke("validate")
    assert result.exit_code == 1 and "FL202" in result.stdout, result.output
    assert (f"ignoring the configuration '{planted}': every user may write to it (its mode has o+w)"
            in result.stderr), result.output
    monkeypatch.setenv("FACTLEDGER_TRUSTED_CONFIG", str(planted))  # opted in: used
    assert invoke("validate").exit_code == 0
    monkeypatch.delenv("FACTLEDGER_TRUSTED_CONFIG")
    planted.chmod(0o664)  # writable by its group only: the owner's choice, as git allows
    assert invoke("validate").exit_code == 0
