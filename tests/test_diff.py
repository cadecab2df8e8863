"""`factledger diff` on a scripted git repository: entries added, removed, changed and renamed (with the
references that followed), conflicts opened and resolved, revisions, positions and camps moved, a side
that does not validate, each format (golden files; the markdown read by a real markdown parser), and the
exit codes of --fail-on and --exit-code."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from scripted import Scripted, based, claim
from support import REPO

GOLDEN = REPO / "tests" / "golden" / "diff"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Scripted:
    return based(tmp_path, monkeypatch)


def _json(invoke, *args: str) -> dict:
    result = invoke("diff", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _ids(data: dict, section: str, change: str) -> list[str]:
    return [e["id"] for e in data["entries"][section][change]]


def _entries_change(repo: Scripted) -> None:
    """One change of each kind, to claims and to sources."""
    repo.edit("data/ledger.yaml", "  - id: injured\n", "  - id: old-injured\n")  # keeps the line numbers apart
    text = (repo.root / "data" / "ledger.yaml").read_text(encoding="utf-8")
    text = text.split("  - id: old-injured")[0]  # the injured claim removed
    text = text.replace("CROWD-LAB", "AERIAL-LAB")  # a source renamed, and the claim citing it follows
    text = text.replace("id: newspaper", "id: daily-news-count")  # a claim renamed
    text = text.replace("{low: 11000, high: 14000, unit: people}", "{low: 10000, high: 14000, unit: people}")
    text = text.replace("name: The Daily News,", "name: Daily News,")  # a source changed
    text = text.replace("  - {id: ORGANISERS, name: The rally's organisers, kind: ngo}\n", "")  # a source removed
    text = text.replace("claims:\n", "  - {id: WIRE, name: A wire agency, kind: media}\nclaims:\n")  # one added
    text += claim("hospitals", "City hospitals put the crowd at about 12,500.", "{approx: 12500, unit: people}",
                  "HOSPITALS")
    repo.write("data/ledger.yaml", text)


def test_entries_added_removed_changed_and_renamed_with_their_references(repo: Scripted, invoke) -> None:
    _entries_change(repo)
    data = _json(invoke)
    entries = data["entries"]
    assert _ids(data, "claims", "added") == ["hospitals"]
    assert _ids(data, "claims", "removed") == ["injured"]
    assert entries["claims"]["renamed"] == [{
        "id": "daily-news-count", "was": "newspaper", "file": "data/ledger.yaml", "line": 22,
        "title": "The Daily News counted at least 30,000.", "references": []}]
    changed = entries["claims"]["changed"]
    assert [c["id"] for c in changed] == ["lab"]  # its citation followed the source's rename: only its value changed
    assert changed[0]["changes"] == [{"field": "value", "old": {"low": 11000, "high": 14000, "unit": "people"},
                                      "new": {"low": 10000, "high": 14000, "unit": "people"},
                                      "old_text": "11,000–14,000 people", "new_text": "10,000–14,000 people"}]
    assert _ids(data, "sources", "added") == ["WIRE"]
    assert _ids(data, "sources", "removed") == ["ORGANISERS"]
    assert [(c["id"], [f["field"] for f in c["changes"]]) for c in entries["sources"]["changed"]] == \
        [("DAILY-NEWS", ["name"])]
    renamed = entries["sources"]["renamed"]
    assert [(r["was"], r["id"]) for r in renamed] == [("CROWD-LAB", "AERIAL-LAB")]
    assert renamed[0]["references"] == [{"kind": "claim", "id": "lab", "field": "sources[1].source"}]
    assert data["summary"].startswith("HEAD (") and "→ the working tree:" in data["summary"]


def test_a_renamed_entry_whose_content_also_changed_is_a_removal_and_an_addition(repo: Scripted, invoke) -> None:
    repo.edit("data/ledger.yaml", "id: newspaper\n    statement: The Daily News counted at least 30,000.",
              "id: daily-news-count\n    statement: The Daily News counted at least 31,000.")
    data = _json(invoke)
    assert (_ids(data, "claims", "added"), _ids(data, "claims", "removed"), _ids(data, "claims", "renamed")) == \
        (["daily-news-count"], ["newspaper"], [])


def test_a_claim_renamed_with_the_source_it_cites_is_still_a_rename(repo: Scripted, invoke) -> None:
    repo.edit("data/ledger.yaml", "id: newspaper", "id: daily-news-count")
    repo.edit("data/ledger.yaml", "DAILY-NEWS", "DAILY", count=2)
    data = _json(invoke)
    assert [(r["was"], r["id"]) for r in data["entries"]["claims"]["renamed"]] == [("newspaper", "daily-news-count")]
    source = data["entries"]["sources"]["renamed"]
    assert [(r["was"], r["id"], r["references"]) for r in source] == [
        ("DAILY-NEWS", "DAILY", [{"kind": "claim", "id": "daily-news-count", "field": "sources[1].source"}])]
    # A renamed claim's findings are the same findings: nothing appears or disappears.
    assert data["conclusions"]["appeared"] == data["conclusions"]["disappeared"] == []


def test_a_new_conflict_a_moved_position_and_a_new_camp(repo: Scripted, invoke) -> None:
    repo.write("data/more.yaml", "claims:\n" + claim("health", "The health agency counted 20,000.",
                                                      "{exact: 20000, unit: people}", "HOSPITALS"))
    data = _json(invoke)
    conclusions = data["conclusions"]
    assert conclusions["counts"]["appeared"] == {"conflict": 3, "uncorroborated": 1}
    assert sorted(f["claims"] for f in conclusions["appeared"] if f["kind"] == "conflict") == [
        ["health", "lab"], ["health", "newspaper"], ["health", "police-day"]]
    question, = conclusions["questions"]
    assert question["positions"] == {"old": ["lab", "newspaper", "police-day"],
                                     "new": ["health", "lab", "newspaper", "police-day"]}
    assert question["camps"] == {"added": ["HOSPITALS 20,000 people"], "removed": [], "changed": []}
    assert question["spread"]["new"] == question["spread"]["old"]  # 20,000 lies within the spread
    text = invoke("diff")
    assert text.stdout.splitlines()[0].endswith("3 new conflicts; 1 claim added; 1 question moved"), text.stdout
    assert "rally / attendance: positions 3 → 4 (+health); new camp HOSPITALS 20,000 people" in text.stdout


def test_a_camp_that_gains_a_claim_is_the_same_camp_said_otherwise(repo: Scripted, invoke) -> None:
    repo.write("data/more.yaml", "claims:\n" + claim("health", "The health agency counted 40,000.",
                                                      "{exact: 40000, unit: people}", "HOSPITALS"))
    question, = _json(invoke)["conclusions"]["questions"]
    assert question["camps"] == {"added": [], "removed": [], "changed": [
        {"old": "DAILY-NEWS ≥30,000 people", "new": "DAILY-NEWS ≥30,000 people, HOSPITALS 40,000 people"}]}
    assert question["spread"]["new"] == "from ≈12,000 people (CITY-POLICE) to 40,000 people (HOSPITALS)"
    shown = " ".join(invoke("diff").stdout.split())  # lines wrapped to the terminal, joined
    assert "camp DAILY-NEWS ≥30,000 people now DAILY-NEWS ≥30,000 people, HOSPITALS 40,000 people; spread now " \
           "from ≈12,000 people (CITY-POLICE) to 40,000 people (HOSPITALS)" in shown


def test_a_resolved_conflict_and_a_revision_recorded(repo: Scripted, invoke) -> None:
    repo.edit("data/ledger.yaml", "{at_least: 30000, unit: people}", "{at_least: 12000, unit: people}")
    repo.write("data/more.yaml", "claims:\n" + claim(
        "police-revised", "Two days later the police revised their figure to about 13,000.",
        "{approx: 13000, unit: people}", "CITY-POLICE").replace("date: 2026-05-02}", "date: 2026-05-03}"))
    data = _json(invoke)
    counts = data["conclusions"]["counts"]
    assert counts["disappeared"]["conflict"] == 2
    assert counts["appeared"]["superseded"] == 1
    revision = next(f for f in data["conclusions"]["appeared"] if f["kind"] == "superseded")
    assert revision["claims"] == ["police-day", "police-revised"]
    question, = data["conclusions"]["questions"]
    assert question["superseded"]["added"] == [{"claim": "police-day", "by": "police-revised"}]
    first = invoke("diff").stdout.splitlines()[0]
    assert "2 conflicts resolved" in first, first


def test_a_side_that_does_not_validate_is_said_and_its_entries_still_compared(repo: Scripted, invoke) -> None:
    repo.edit("data/ledger.yaml", "source: DAILY-NEWS", "source: DAILY-NWES")
    repo.write("data/more.yaml", "claims:\n" + claim("health", "The health agency counted 40,000.",
                                                      "{exact: 40000, unit: people}", "HOSPITALS"))
    data = _json(invoke)
    assert data["new"]["validates"] is False and data["new"]["errors"] == 1
    assert data["conclusions"]["compared"] is False
    assert data["conclusions"]["why_not"] == "the working tree does not validate, so the conclusions were not compared"
    assert _ids(data, "claims", "added") == ["health"]
    assert [c["id"] for c in data["entries"]["claims"]["changed"]] == ["newspaper"]
    problem, = data["problems"]["new"]
    assert (problem["code"], problem["file"], problem["line"]) == ("FL202", "data/ledger.yaml", 28)
    assert invoke("diff").stdout.startswith("HEAD (")
    assert "the working tree does not validate (1 error)" in invoke("diff").stdout.splitlines()[0]


def test_diffing_a_revision_with_itself_says_nothing_changed(repo: Scripted, invoke) -> None:
    for args in (["HEAD..HEAD"], ["HEAD...HEAD", "--exit-code"], [], ["HEAD", "--exit-code"]):
        result = invoke("diff", *args)
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines() == [result.stdout.splitlines()[0]]
        assert result.stdout.rstrip().endswith(": no changes"), result.stdout


def _normal(text: str) -> str:
    """Commit ids vary with git's own version: shown as <commit>."""
    return re.sub(r"\b[0-9a-f]{40}\b", "<commit>", re.sub(r"\(([0-9a-f]{10})\)", "(<commit>)", text))


def _golden(name: str, text: str) -> None:
    golden = GOLDEN / name
    shown = _normal(text)
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(shown, encoding="utf-8")
    assert shown == golden.read_text(encoding="utf-8"), f"UPDATE_GOLDEN=1 pytest to accept changes to {name}"


def _pull_request(repo: Scripted) -> None:
    _entries_change(repo)
    repo.write("data/more.yaml", "claims:\n" + claim("health", "The health agency counted 40,000.",
                                                      "{exact: 40000, unit: people}", "HOSPITALS"))
    repo.commit("Add the health agency's count", author="Bo Reporter")


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "github"])
def test_each_format_against_its_golden_file(repo: Scripted, invoke, fmt: str) -> None:
    _pull_request(repo)
    result = invoke("diff", "HEAD~1..HEAD", "--format", fmt)
    assert result.exit_code == 0, result.output
    _golden(f"pull-request.{ {'text': 'txt', 'markdown': 'md'}.get(fmt, fmt) }", result.stdout)


def test_the_markdown_comment_reads_as_github_renders_it(repo: Scripted, invoke) -> None:
    _pull_request(repo)
    repo.edit("data/more.yaml", "The health agency counted 40,000.",
              "The health *agency* counted [40,000](https://evil.example) <script>x</script> | www.x.org @all")
    repo.commit("A statement full of markup")
    result = invoke("diff", "HEAD~2..HEAD", "--format", "markdown")
    text = result.stdout
    first = text.splitlines()[0]
    assert first.startswith("**factledger**: 4 new conflicts;"), first
    assert text.rstrip().endswith("<!-- factledger-diff -->")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    kinds = [t.type for t in tokens]
    html = [t.content for t in tokens if t.type == "html_block"]
    # Only this renderer's own elements are HTML; every ledger text stays text (no link, no emphasis, no tag).
    lines = [line for h in html for line in h.splitlines()]
    assert all(re.fullmatch(r"<details>|<summary>[^<>&]*</summary>|</details>|<!-- factledger-diff -->", line)
               for line in lines), html
    inline = [c for t in tokens if t.type == "inline" for c in t.children or []]
    assert not any(c.type in ("link_open", "em_open", "html_inline") for c in inline), \
        [c.type for c in inline if c.type in ("link_open", "em_open", "html_inline")]
    rendered = MarkdownIt("commonmark").render(text)
    assert "The health *agency* counted [40,000](https://evil.example) &lt;script&gt;x&lt;/script&gt;" in rendered
    assert kinds.count("bullet_list_open") >= 2


@pytest.mark.parametrize(("change", "fail_on", "code"), [
    ("conflict", "new-conflict", 1), ("conflict", "new-error", 1), ("conflict", "new-warning", 1),
    ("conflict", "any", 1), ("agreeing", "new-conflict", 0), ("agreeing", "new-error", 0),
    ("agreeing", "new-warning", 0), ("agreeing", "any", 1), ("invalid", "new-error", 1),
    ("invalid", "new-conflict", 0), ("none", "any", 0),
])
def test_fail_on_exits_1_only_for_what_the_change_brings(repo: Scripted, invoke, change: str, fail_on: str,
                                                          code: int) -> None:
    figure = {"conflict": "{exact: 40000, unit: people}", "agreeing": "{exact: 12, unit: people}",
              "invalid": "{exact: 12, unit: people}"}
    if change != "none":
        source = "NOBODY" if change == "invalid" else "HOSPITALS"
        question = "attendance" if change == "conflict" else "injured"  # agreeing: with the police's 12 injured
        repo.write("data/more.yaml", "claims:\n" + claim("health", "The health agency counted.", figure[change],
                                                          source, question))
    result = invoke("diff", "--fail-on", fail_on)
    assert result.exit_code == code, result.output
    if code:
        assert f"--fail-on {fail_on}: the change brings" in result.stderr


def test_the_old_conflicts_never_fail_a_change_that_does_not_bring_one(repo: Scripted, invoke) -> None:
    repo.edit("data/ledger.yaml", "The police said 12 people", "The police said twelve people")
    result = invoke("diff", "--fail-on", "new-error", "--fail-on", "new-conflict")
    assert result.exit_code == 0, result.output  # the base has two conflicts; the change brings none


def test_exit_code_exits_1_when_anything_differs(repo: Scripted, invoke) -> None:
    assert invoke("diff", "--exit-code").exit_code == 0
    repo.edit("data/ledger.yaml", "The police said 12 people", "The police said twelve people")
    result = invoke("diff", "--exit-code")
    assert result.exit_code == 1, result.output
    assert invoke("diff").exit_code == 0


def test_a_mistyped_fail_on_is_a_usage_error_with_a_suggestion(repo: Scripted, invoke) -> None:
    result = invoke("diff", "--fail-on", "new-conflicts")
    assert result.exit_code == 2, result.output
    assert "did you mean 'new-conflict'" in result.output


def test_ledger_text_is_shown_safely_in_every_human_format(repo: Scripted, invoke) -> None:
    repo.write("data/more.yaml", "claims:\n" + claim("odd", '"A figure\\e[31m red \\u202e esrever"', "12",
                                                      "HOSPITALS", "injured"))
    text = invoke("diff").stdout
    assert "\x1b" not in text and "\u202e" not in text and "\\x1b[31m red \\u202e esrever" in text
    comment = invoke("diff", "--format", "markdown").stdout
    assert "\x1b" not in comment and "\u202e" not in comment
    assert "A figure\\x1b[31m red \\u202e esrever" in MarkdownIt("commonmark").render(comment)


def test_a_comment_too_long_for_github_is_cut_and_says_so(repo: Scripted, invoke) -> None:
    many = "".join(claim(f"figure-{n}", f"A figure number {n} with a long statement {'x' * 80}.", str(n),
                         "HOSPITALS", f"count-{n}") for n in range(1500))
    repo.write("data/many.yaml", "claims:\n" + many)
    comment = invoke("diff", "--format", "markdown").stdout
    assert len(comment) < 65_536
    assert "left out to keep this comment within GitHub's limit" in comment
    assert comment.splitlines()[0].startswith("**factledger**: 1,500 claims added"), comment.splitlines()[0]
    assert comment.rstrip().endswith("<!-- factledger-diff -->")
    assert len(json.loads(invoke("diff", "--format", "json").stdout)["entries"]["claims"]["added"]) == 1500


def test_quiet_prints_the_summary_line_only_when_the_diff_fails(repo: Scripted, invoke) -> None:
    repo.write("data/more.yaml", "claims:\n" + claim("health", "The health agency counted 20,000.",
                                                      "{exact: 20000, unit: people}", "HOSPITALS"))
    failing = invoke("diff", "-q", "--fail-on", "new-conflict")
    assert failing.exit_code == 1
    assert failing.stdout.splitlines() == [f"✗ {json.loads(invoke('diff', '-f', 'json').stdout)['summary']}"]
    assert invoke("diff", "-q").stdout == ""


_IDS = st.sampled_from(["a", "b", "c", "d", "e", "f"])


@st.composite
def _ledger_pair(draw: st.DrawFn) -> tuple[str, str, int]:
    """Two ledgers of a few claims: some kept, some edited, some renamed, some only on one side."""
    def one(claim_id: str, figure: int, source: str) -> str:
        return claim(claim_id, f"A figure of {figure} from {source}.", str(figure), source, f"count-{figure % 3}")

    sources = "sources:\n  - {id: S1, name: One, kind: media}\n  - {id: S2, name: Two, kind: media}\nclaims:\n"
    old, new, renamed = [], [], 0
    for n, claim_id in enumerate(sorted(draw(st.sets(_IDS, max_size=5)))):
        figure, source = 10 + n, draw(st.sampled_from(["S1", "S2"]))
        fate = draw(st.sampled_from(["kept", "edited", "renamed", "old only", "new only"]))
        if fate != "new only":
            old.append(one(claim_id, figure, source))
        if fate == "kept" or fate == "edited":
            new.append(one(claim_id, figure + (100 if fate == "edited" else 0), source))
        elif fate == "renamed":
            renamed += 1
            new.append(one(f"{claim_id}-renamed", figure, source))
        elif fate == "new only":
            new.append(one(claim_id, figure, source))
    return sources + "".join(old), sources + "".join(new), renamed


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pair=_ledger_pair())
def test_a_diff_read_backwards_swaps_what_was_added_and_removed(tmp_path: Path, pair: tuple[str, str, int]) -> None:
    from factledger import api
    from factledger.api.common import caching
    from factledger.diff.model import LedgerDiff

    folders = []
    for name, text in zip(("one", "two"), pair[:2], strict=True):
        folder = tmp_path / name
        folder.mkdir(exist_ok=True)
        (folder / "ledger.yaml").write_text(text, encoding="utf-8")
        folders.append(folder)
    with caching(False):
        forth = api.diff(old_dir=folders[0], new_dir=folders[1]).diff
        back = api.diff(old_dir=folders[1], new_dir=folders[0]).diff
        same = api.diff(old_dir=folders[0], new_dir=folders[0]).diff

    def ids(found: LedgerDiff, change: str) -> list[tuple[str, str]]:
        return sorted((e.section, e.id) for e in found.entries if e.change == change)

    assert ids(forth, "added") == ids(back, "removed") and ids(forth, "removed") == ids(back, "added")
    assert len(ids(forth, "renamed")) == pair[2]  # each claim renamed unchanged is a rename, never two changes
    assert sorted((e.was, e.id) for e in forth.entries if e.change == "renamed") == \
        sorted((e.id, e.was) for e in back.entries if e.change == "renamed")
    assert sorted((e.id, [(f.field, f.old, f.new) for f in e.fields]) for e in forth.entries if e.change == "changed") \
        == sorted((e.id, [(f.field, f.new, f.old) for f in e.fields]) for e in back.entries if e.change == "changed")
    assert [f.code for f in forth.conclusions.appeared] == [f.code for f in back.conclusions.disappeared]
    assert not same.changed
