"""Reading revisions from git: `A..B` and `A...B`, `--from/--to`, the data directory in each revision,
the same ledger from git's objects as from the disk (every fixture), the cache shared with the disk, the
old side cross-checked in a child process with the same result, bad input, a shallow clone, and
`factledger history` across a rename."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from factledger import api
from factledger.api import diffing
from factledger.api.common import caching
from factledger.api.revisions import revisions
from factledger.pipeline import load_ledger
from factledger.system import forked

from scripted import BASE, Scripted, based, claim
from support import FIXTURES
from test_fixtures import environment


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Scripted:
    return based(tmp_path, monkeypatch)


def _added(invoke, *args: str) -> list[str]:
    result = invoke("diff", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return [e["id"] for e in json.loads(result.stdout)["entries"]["claims"]["added"]]


def _branches(repo: Scripted) -> None:
    """main gains 'on-main' after feature branched off; feature gains 'on-feature'."""
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("data/feature.yaml",
               "claims:\n" + claim("on-feature", "A figure on a branch.", "12", "HOSPITALS", "injured"))
    repo.commit("on feature")
    repo.git("checkout", "-q", "main")
    repo.write("data/main.yaml", "claims:\n" + claim("on-main", "A figure on main.", "12", "HOSPITALS", "injured"))
    repo.commit("on main")


def test_two_dots_compare_the_revisions_and_three_dots_start_from_their_merge_base(repo: Scripted, invoke) -> None:
    _branches(repo)
    assert _added(invoke, "main...feature") == ["on-feature"]  # what the pull request brings
    two = json.loads(invoke("diff", "main..feature", "--format", "json").stdout)["entries"]["claims"]
    assert ([e["id"] for e in two["added"]], [e["id"] for e in two["removed"]]) == (["on-feature"], ["on-main"])
    assert _added(invoke, "feature..") == ["on-main"]  # an empty end is HEAD, as for git
    assert invoke("diff", "main...feature").stdout.startswith("merge-base(main, feature) (")


def test_one_revision_is_compared_with_the_working_tree(repo: Scripted, invoke) -> None:
    _branches(repo)
    repo.write("data/new.yaml",
               "claims:\n" + claim("uncommitted", "A figure not yet committed.", "12", "HOSPITALS", "injured"))
    assert _added(invoke, "HEAD~1") == ["on-main", "uncommitted"]
    assert _added(invoke) == ["uncommitted"]


def test_from_and_to_compare_two_folders_outside_git(tmp_path: Path, invoke, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "before").mkdir()
    (tmp_path / "before" / "ledger.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "after").mkdir()
    (tmp_path / "after" / "ledger.yaml").write_text(BASE.replace("id: newspaper", "id: daily-news-count"),
                                                    encoding="utf-8")
    result = invoke("diff", "--from", "before", "--to", "after", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(e["was"], e["id"]) for e in data["entries"]["claims"]["renamed"]] == [("newspaper", "daily-news-count")]
    assert data["problems"] == {"new": [], "fixed": []}  # the same problems, though under other folders
    assert invoke("diff", "--from", "before").exit_code == 2
    missing = invoke("diff", "--from", "before", "--to", "nowhere")
    assert missing.exit_code == 2 and "does not exist" in missing.output


def test_each_revision_has_its_own_data_directory_from_its_configuration(repo: Scripted, invoke) -> None:
    repo.git("mv", "data", "ledger")
    repo.write("factledger.toml", 'data = "ledger"\ntolerance = 0.2\n')
    repo.commit("The ledger moves to ledger/")
    result = invoke("diff", "HEAD~1..HEAD", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # As every path the configuration gives: said relative to where the command runs.
    assert (data["old"]["data"], data["new"]["data"]) == ("data", "ledger")
    assert data["entries"]["claims"] == {"added": [], "removed": [], "changed": [], "renamed": []}
    assert any("the data directory is 'data' in HEAD~1" in n for n in data["notices"]), data["notices"]
    assert any("sets tolerance otherwise" in n for n in data["notices"]), data["notices"]
    given = invoke("diff", "HEAD~1..HEAD", "--data", "ledger")
    assert given.exit_code == 2 and "has no data directory 'ledger'" in given.output, given.output


def test_run_from_a_folder_below_the_configuration_file(repo: Scripted, invoke, monkeypatch) -> None:
    repo.git("mv", "data", "ledger")
    repo.write("factledger.toml", 'data = "ledger"\n')
    repo.write("notes/README", "notes\n")
    repo.commit("configured")
    repo.edit("ledger/ledger.yaml", "The police said 12 people", "The police said twelve people")
    monkeypatch.chdir(repo.root / "notes")
    result = invoke("diff", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [c["id"] for c in data["entries"]["claims"]["changed"]] == ["injured"]
    assert data["notices"] == [] and data["old"]["data"] == data["new"]["data"] == "../ledger"


def test_bad_input_is_a_usage_error_in_gits_words(repo: Scripted, invoke, tmp_path: Path, monkeypatch) -> None:
    unknown = invoke("diff", "no-such-branch..HEAD")
    assert unknown.exit_code == 2
    assert "ambiguous argument 'no-such-branch': unknown revision or path not in the working tree" in unknown.output
    assert invoke("diff", "--upload-pack=x..HEAD").exit_code == 2
    repo.git("checkout", "-q", "--orphan", "empty")
    repo.git("rm", "-rq", "--cached", "data")
    repo.write("README", "nothing here yet\n")
    shutil.rmtree(repo.root / "data")
    repo.git("add", "README")
    repo.commit("An empty start")
    empty = invoke("diff", "empty..main")
    assert empty.exit_code == 2 and "has no data directory 'data' (the default)" in empty.output, empty.output
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    outside = invoke("diff")
    assert outside.exit_code == 2 and "not a git repository" in outside.output, outside.output


def test_a_shallow_clone_without_the_base_says_how_to_fetch_it(repo: Scripted, invoke, tmp_path: Path,
                                                              monkeypatch) -> None:
    repo.edit("data/ledger.yaml", "12 people", "twelve people")
    repo.commit("second")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True)
    monkeypatch.chdir(clone)
    result = invoke("diff", "HEAD~1..HEAD")
    assert result.exit_code == 2, result.output
    assert "shallow clone" in result.output and "git fetch --deepen" in result.output
    assert "--unshallow" in result.output


def _fixtures() -> list[Path]:
    found = [p for kind in ("valid", "invalid", "check") for p in sorted((FIXTURES / kind).iterdir()) if p.is_dir()]
    # A folder with no file git could hold is no revision's data directory.
    return [p for p in found if any(f.is_file() or f.is_symlink() for f in p.rglob("*"))]


@pytest.mark.parametrize("folder", _fixtures(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_revision_reads_as_the_same_folder_on_disk_reads(folder: Path, tmp_path: Path, monkeypatch) -> None:
    for name, value in environment(folder).items():
        monkeypatch.setenv(name, value)
    scripted = Scripted(tmp_path / "repo")
    shutil.copytree(folder, scripted.root / "data", symlinks=True)
    scripted.commit("the fixture")
    monkeypatch.chdir(scripted.root)
    sides = revisions(None, None, scripted.root)
    on_disk = load_ledger(Path("data"))
    from_git = load_ledger(sides.old.data_dir, snapshot=sides.old.snapshot)
    assert [(d.code, d.location, d.message) for d in from_git.diagnostics] == \
        [(d.code, d.location, d.message) for d in on_disk.diagnostics]
    assert from_git.ledger.files == on_disk.ledger.files
    assert [c.id for c in from_git.ledger.claims] == [c.id for c in on_disk.ledger.claims]
    assert not api.diff().diff.changed


def test_a_file_whose_content_is_cached_is_not_parsed_again(repo: Scripted) -> None:
    load_ledger(Path("data"))  # the working tree's files, now in the cache
    sides = revisions(None, None, repo.root)
    assert load_ledger(sides.old.data_dir, snapshot=sides.old.snapshot).parsed_files == 0
    repo.edit("data/ledger.yaml", "sources:", f"# {repo.root}: content no other test wrote\nsources:")
    repo.commit("second")
    again = revisions("HEAD~1..HEAD", None, repo.root)
    assert load_ledger(again.new.data_dir, snapshot=again.new.snapshot).parsed_files == 1
    assert load_ledger(again.new.data_dir, snapshot=again.new.snapshot).parsed_files == 0


def test_the_old_side_checked_in_a_child_gives_what_it_gives_here(repo: Scripted, monkeypatch) -> None:
    repo.edit("data/ledger.yaml", "{at_least: 30000, unit: people}", "{at_least: 12000, unit: people}")
    repo.write("data/more.yaml", "claims:\n" + claim("health", "The health agency counted 40,000.",
                                                      "{exact: 40000, unit: people}", "HOSPITALS"))
    used = []
    real = forked.Child.result

    def spied(self):  # type: ignore[no-untyped-def]
        got = real(self)
        used.append(got is not None)
        return got

    monkeypatch.setattr(forked, "can_fork", lambda: True)  # the test runner may hold threads of its own
    monkeypatch.setattr(forked.Child, "result", spied)
    monkeypatch.setenv("FACTLEDGER_JOBS", "2")
    with caching(False):  # nothing kept from an earlier run: both sides are cross-checked
        in_child = api.diff(show_all=True)
        assert used == [True]
        monkeypatch.setattr(forked, "can_fork", lambda: False)
        here = api.diff(show_all=True)
    assert used == [True, False]
    assert in_child.diff == here.diff
    assert in_child.diff.conclusions.disappeared  # the child's findings were compared, and shown whole


def test_a_child_that_fails_means_the_work_is_done_here(repo: Scripted, monkeypatch) -> None:
    repo.write("data/more.yaml", "claims:\n" + claim("health", "The health agency counted 40,000.",
                                                      "{exact: 40000, unit: people}", "HOSPITALS"))
    with caching(False):
        expected = api.diff().diff
        monkeypatch.setattr(forked, "can_fork", lambda: True)
        monkeypatch.setenv("FACTLEDGER_JOBS", "2")
        monkeypatch.setattr(diffing, "_plain", _dies_in_child(diffing._plain))
        assert api.diff().diff == expected


def _dies_in_child(real):  # type: ignore[no-untyped-def]
    import os

    parent = os.getpid()

    def check(*args):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            os._exit(3)  # killed in the middle, say
        return real(*args)

    return check


def test_a_revisions_conclusions_are_kept_and_read_back_the_same(repo: Scripted, monkeypatch) -> None:
    repo.edit("data/ledger.yaml", "{at_least: 30000, unit: people}", "{at_least: 12000, unit: people}")
    repo.commit("The newspaper's figure corrected")
    with caching(False):
        computed = api.diff("HEAD~1..HEAD", show_all=True).diff
    checks = []
    real = diffing.check_ledger
    monkeypatch.setattr(diffing, "check_ledger", lambda *a: checks.append(1) or real(*a))
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    first = api.diff("HEAD~1..HEAD", show_all=True).diff
    second = api.diff("HEAD~1..HEAD", show_all=True).diff
    assert computed == first == second
    assert len(checks) <= 2 and second.conclusions.disappeared  # the second diff cross-checked nothing
    calls = len(checks)
    api.diff("HEAD~1..HEAD", show_all=True)
    assert len(checks) == calls


def test_history_follows_an_entry_through_its_renames(repo: Scripted, invoke) -> None:
    repo.edit("data/ledger.yaml", "id: newspaper", "id: daily-news-count")
    repo.commit("Rename the newspaper's count", author="Bo Reporter")
    repo.edit("data/ledger.yaml", "{at_least: 30000, unit: people}", "{at_least: 32000, unit: people}")
    repo.commit("The newspaper's corrected figure", author="Cy Editor")
    text = (repo.root / "data" / "ledger.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: daily-news-count")
    end = text.index("  - id: injured")
    repo.write("data/ledger.yaml", text[:start] + text[end:])
    repo.write("data/press.yaml", "claims:\n" + text[start:end])
    repo.commit("Move the press figures to their own file")
    result = invoke("history", "daily-news-count", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["id"], data["kind"]) == ("daily-news-count", "claim")
    events = [(e["change"], e["id"], e["author"], e["subject"]) for e in data["events"]]
    assert events == [
        ("moved", "daily-news-count", "Ann Analyst", "Move the press figures to their own file"),
        ("changed", "daily-news-count", "Cy Editor", "The newspaper's corrected figure"),
        ("renamed", "daily-news-count", "Bo Reporter", "Rename the newspaper's count"),
        ("added", "newspaper", "Ann Analyst", "The rally's first figures"),
    ]
    assert data["events"][0]["moved_from"] == "data/ledger.yaml" and data["events"][0]["file"] == "data/press.yaml"
    assert data["events"][1]["changes"][0]["old_text"] == "≥30,000 people"
    assert data["events"][2]["was"] == "newspaper"
    shown = invoke("history", "daily-news-count").stdout
    assert "renamed from newspaper" in shown and "value: ≥30,000 people → ≥32,000 people" in shown


def test_history_of_an_id_nothing_held_or_that_two_kinds_share(repo: Scripted, invoke) -> None:
    missing = invoke("history", "no-such-claim")
    assert missing.exit_code == 2 and "no commit reachable from HEAD touched an entry 'no-such-claim'" in missing.output
    repo.write("data/more.yaml", "sources:\n  - {id: health, name: The health agency, kind: official}\nclaims:\n"
               + claim("health", "A figure.", "12", "health", "injured"))
    repo.commit("a claim named as its source is")
    both = invoke("history", "health")
    assert both.exit_code == 2 and "--kind claim or --kind source" in both.output, both.output
    assert json.loads(invoke("history", "health", "--kind", "source", "-f", "json").stdout)["kind"] == "source"
    assert json.loads(invoke("history", "Health", "-f", "json").stdout)["kind"] == "source"  # claims' ids are exact
    assert json.loads(invoke("history", "HOSPITALS", "-f", "json").stdout)["id"] == "HOSPITALS"
