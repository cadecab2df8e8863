"""`import claimreview -o FILE` into a file that exists: it merges, and never loses what a person wrote.
The same feed again, another feed, hand edits, --prune, and the property that import → hand edit →
re-import never loses the edit. Inputs are small ones written here in the image of real feeds."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import claim_review, importing_into


_review = claim_review


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return importing_into(tmp_path, monkeypatch)


def _feed(project: Path, name: str, reviews: list[dict]) -> str:
    (project / name).write_text(json.dumps(reviews), encoding="utf-8")
    return name


def _import(invoke, feed: str, *args: str, target: str = "data/reviews.yaml"):
    return invoke("import", "claimreview", feed, "-o", target, *args)


def _only_added(before: str, after: str) -> bool:
    """Whether ``after`` is ``before`` with lines added and none changed or removed."""
    ops = difflib.SequenceMatcher(None, before.split("\n"), after.split("\n"), autojunk=False).get_opcodes()
    return all(tag in ("equal", "insert") for tag, *_ in ops)


def _valid(invoke) -> None:
    checked = invoke("check", "--strict")
    assert checked.exit_code == 0, checked.output


def test_the_same_feed_again_leaves_the_file_byte_for_byte(invoke, project: Path) -> None:
    feed = _feed(project, "week.json", [_review(1), _review(2)])
    first = _import(invoke, feed)
    assert first.exit_code == 0, first.output
    target = project / "data" / "reviews.yaml"
    before = target.read_bytes()
    again = _import(invoke, feed)
    assert again.exit_code == 0, again.output
    assert "'data/reviews.yaml' is unchanged" in again.stderr
    assert target.read_bytes() == before
    _valid(invoke)


def test_another_feed_joins_the_file_and_keeps_every_line_of_the_first(invoke, project: Path) -> None:
    assert _import(invoke, _feed(project, "week1.json", [_review(1), _review(2)])).exit_code == 0
    target = project / "data" / "reviews.yaml"
    before = target.read_text(encoding="utf-8")
    week2 = _import(invoke, _feed(project, "week2.json", [_review(3), _review(4, reviewer="Other")]))
    assert week2.exit_code == 0, week2.output
    after = target.read_text(encoding="utf-8")
    assert _only_added(before, after)
    ledger = yaml.safe_load(after)
    assert len(ledger["reviews"]) == 4 and len(ledger["claims"]) == 4
    assert "added 2 claims, 1 source, 2 reviews" not in week2.stderr  # sections are named in the file's order
    assert "added 1 source, 2 claims, 2 reviews to 'data/reviews.yaml'" in week2.stderr
    _valid(invoke)
    # Week 1 again (the same feed as the first import): nothing of week 2 is touched.
    again = _import(invoke, "week1.json")
    assert again.exit_code == 0 and target.read_text(encoding="utf-8") == after, again.output


HAND_EDITS = [
    # (what a person does to the file, as text replacements), then what must survive re-import
    ("  status: denied\n", "  status: disputed  # our own reading\n  subject: bridge\n  property: closed\n"),
    ("claims:\n", "claims:\n# our claim, written by hand\n- id: by-hand\n  statement: Written by hand.\n"
                  "  sources: [{source: someone}]\n"),
    ("  url: https://checks.example.net/1\n", "  url: https://checks.example.net/1\n  headline: Our headline\n"),
]


def test_hand_edits_survive_the_same_feed_and_each_kept_field_is_reported(invoke, project: Path) -> None:
    feed = _feed(project, "week.json", [_review(1), _review(2)])
    assert _import(invoke, feed).exit_code == 0
    target = project / "data" / "reviews.yaml"
    text = target.read_text(encoding="utf-8")
    for old, new in HAND_EDITS:
        assert old in text, old
        text = text.replace(old, new, 1)
    text = text.replace("  notes: 'Verdict: label ''False'' on common-en.'\n", "  notes: Checked twice by Ana.\n", 1)
    target.write_text(text, encoding="utf-8")
    before = target.read_bytes()
    again = _import(invoke, feed)
    assert again.exit_code == 0, again.output
    assert target.read_bytes() == before  # every byte a person wrote, comments included
    assert "kept the 'status' a person edited" in again.stderr
    assert "kept the 'notes' a person edited" in again.stderr
    # The feed changes: what nobody edited is updated, what a person edited is still kept.
    _feed(project, "week.json", [_review(1, label="True"), _review(2, label="True")])
    changed = _import(invoke, feed)
    assert changed.exit_code == 0, changed.output
    ledger = yaml.safe_load(target.read_text(encoding="utf-8"))
    claims = {c["id"]: c for c in ledger["claims"]}
    edited = next(c for c in claims.values() if c.get("subject") == "bridge")
    assert edited["status"] == "disputed" and edited["property"] == "closed" and "by-hand" in claims
    reviews = {r["url"]: r for r in ledger["reviews"]}
    assert reviews["https://checks.example.net/1"]["headline"] == "Our headline"
    assert reviews["https://checks.example.net/2"]["verdict"] == "confirmed"  # nobody edited it: updated
    assert "# our claim, written by hand" in target.read_text(encoding="utf-8")
    assert "updated" in changed.stderr


def test_prune_removes_only_what_this_feed_wrote_unedited_and_unreferenced(invoke, project: Path) -> None:
    week1 = _feed(project, "week1.json", [_review(1), _review(2), _review(3)])
    assert _import(invoke, week1).exit_code == 0
    assert _import(invoke, _feed(project, "week2.json", [_review(7)])).exit_code == 0
    target = project / "data" / "reviews.yaml"
    text = target.read_text(encoding="utf-8")
    text = text.replace("  url: https://checks.example.net/2\n", "  url: https://checks.example.net/2\n"
                        "  headline: Kept because a person wrote this\n")
    target.write_text(text, encoding="utf-8")
    _feed(project, "week1.json", [_review(1)])  # week 1's feed no longer has reviews 2 and 3
    without = _import(invoke, week1)  # no --prune: nothing is removed
    assert without.exit_code == 0 and target.read_text(encoding="utf-8") == text, without.output
    pruned = _import(invoke, week1, "--prune")
    assert pruned.exit_code == 0, pruned.output
    after = target.read_text(encoding="utf-8")
    urls = {r["url"] for r in yaml.safe_load(after)["reviews"]}
    assert urls == {"https://checks.example.net/1", "https://checks.example.net/2", "https://checks.example.net/7"}
    assert "review '" in pruned.stderr and "a person edited it: kept" in pruned.stderr
    assert "pruned" in pruned.stderr
    assert "Claim number 3" not in after  # its claim went with it; claim 2's stays, its review refers to it
    assert "Claim number 2" in after and "Claim number 7" in after
    _valid(invoke)


def test_prune_needs_a_file_and_is_not_applied_when_reviews_could_not_be_read(invoke, project: Path) -> None:
    feed = _feed(project, "week.json", [_review(1), _review(2)])
    assert _import(invoke, feed).exit_code == 0
    target = project / "data" / "reviews.yaml"
    before = target.read_bytes()
    alone = invoke("import", "claimreview", feed, "--prune")
    assert alone.exit_code == 2 and "give -o FILE" in alone.stderr
    _feed(project, "week.json", [_review(1), {"@type": "ClaimReview", "url": "https://checks.example.net/2"}])
    partial = _import(invoke, feed, "--prune")
    assert partial.exit_code == 1 and "--prune was not applied" in partial.stderr, partial.output
    assert target.read_bytes() == before


def test_a_file_no_import_wrote_is_refused_and_with_force_merged_into_without_change(invoke, project: Path) -> None:
    precious = project / "data" / "sources.yaml"
    precious.write_text("# ours\nsources:\n  - {id: CHK, name: Checker, kind: media}  # the checker\n",
                        encoding="utf-8")
    before = precious.read_text(encoding="utf-8")
    feed = _feed(project, "week.json", [_review(1)])
    refused = _import(invoke, feed, target="data/sources.yaml")
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert precious.read_text(encoding="utf-8") == before
    forced = _import(invoke, feed, "--force", target="data/sources.yaml")
    assert forced.exit_code == 0, forced.output
    after = precious.read_text(encoding="utf-8")
    assert after.startswith(before) and _only_added(before, after)
    assert yaml.safe_load(after)["reviews"][0]["by"] == "CHK"  # the checker it holds, reused
    _valid(invoke)


def test_a_file_that_does_not_validate_is_never_merged_into(invoke, project: Path) -> None:
    feed = _feed(project, "week.json", [_review(1)])
    assert _import(invoke, feed).exit_code == 0
    target = project / "data" / "reviews.yaml"
    broken = target.read_text(encoding="utf-8").replace("reviews:\n", "reviews: [\n")
    target.write_text(broken, encoding="utf-8")
    result = _import(invoke, feed)
    assert result.exit_code == 1 and "cannot merge into 'data/reviews.yaml': it does not validate" in result.stderr
    assert target.read_text(encoding="utf-8") == broken


def test_line_endings_and_a_byte_order_mark_are_kept(invoke, project: Path) -> None:
    feed = _feed(project, "week.json", [_review(1)])
    assert _import(invoke, feed).exit_code == 0
    target = project / "data" / "reviews.yaml"
    crlf = ("\ufeff" + target.read_text(encoding="utf-8").replace("\n", "\r\n")).encode("utf-8")
    target.write_bytes(crlf)
    assert _import(invoke, feed).exit_code == 0 and target.read_bytes() == crlf  # not an edit: unchanged
    _feed(project, "week.json", [_review(1), _review(2)])
    assert _import(invoke, feed).exit_code == 0
    after = target.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and _only_added(crlf.decode("utf-8"), after.decode("utf-8"))
    assert b"\n" not in after.replace(b"\r\n", b"")  # every line added ends as the file's lines do


# -- the data directory, and what check calls one claim --------------------------------------------

LUPA = "sources:\n  - {id: lupa, name: Agência Lupa, kind: media}\n"


@pytest.mark.parametrize("how", ["before", "after", "environment", "config"])
def test_the_data_directory_is_found_as_every_command_finds_it(invoke, project: Path, how: str,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = project / "ledger"
    ledger.mkdir()
    (ledger / "sources.yaml").write_text(LUPA, encoding="utf-8")
    feed = _feed(project, "lupa.json", [_review(1, reviewer="Agência Lupa")])
    args = ["import", "claimreview", feed, "-o", "ledger/reviews.yaml"]
    if how == "before":
        args = ["--data", "ledger", *args]
    elif how == "after":
        args += ["--data", "ledger"]
    elif how == "environment":
        monkeypatch.setenv("FACTLEDGER_DATA", "ledger")
    else:
        (project / "factledger.toml").write_text('data = "ledger"\n', encoding="utf-8")
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    written = yaml.safe_load((ledger / "reviews.yaml").read_text(encoding="utf-8"))
    assert written["reviews"][0]["by"] == "lupa"
    assert "agencia-lupa" not in {s["id"] for s in written["sources"]}
    checked = invoke("check", "--strict", "--data", "ledger")
    assert checked.exit_code == 0, checked.output


def test_a_data_directory_asked_for_that_does_not_exist_is_a_usage_error(invoke, project: Path) -> None:
    feed = _feed(project, "week.json", [_review(1)])
    result = invoke("import", "claimreview", feed, "--data", "nowhere")
    assert result.exit_code == 2 and "nowhere" in result.stderr


def test_two_reviews_of_what_check_calls_one_claim_are_one_claim_with_two_reviews(invoke, project: Path) -> None:
    curly = _review(1, claimReviewed="The \u201cbridge\u201d was closed \u2014 again")
    straight = _review(2, reviewer="Other", claimReviewed='The "bridge"  was closed - again')
    later = _review(3, reviewer="Third", claimReviewed="the “bridge” was closed — again",
                    itemReviewed={"@type": "Claim", "author": {"name": "Someone"}, "datePublished": "2024-05-01"})
    result = _import(invoke, _feed(project, "mixed.json", [curly, straight, later]))
    assert result.exit_code == 0, result.output
    ledger = yaml.safe_load((project / "data" / "reviews.yaml").read_text(encoding="utf-8"))
    assert len(ledger["claims"]) == 1 and {r["claim"] for r in ledger["reviews"]} == {ledger["claims"][0]["id"]}
    checked = invoke("check", "--strict", "--all")
    assert checked.exit_code == 0 and "FL519" not in checked.stdout, checked.output


def test_a_reviews_text_is_kept_and_exported_again(invoke, project: Path) -> None:
    body = "We asked the ministry.\nIt said the bridge was open all day."
    assert _import(invoke, _feed(project, "week.json", [_review(1, reviewBody=body)])).exit_code == 0
    review = yaml.safe_load((project / "data" / "reviews.yaml").read_text(encoding="utf-8"))["reviews"][0]
    assert review["body"] == "We asked the ministry. It said the bridge was open all day."
    exported = invoke("export", "json")
    assert exported.exit_code == 0 and json.loads(exported.stdout)["reviews"][0]["body"] == review["body"]
    shown = invoke("show", yaml.safe_load((project / "data" / "reviews.yaml").read_text())["claims"][0]["id"])
    assert "It said the bridge was open all day." in shown.stdout


# -- the property ------------------------------------------------------------------------------------

EDITS = st.sampled_from(["status", "statement", "notes", "add-field", "comment", "delete-field", "hand-entry",
                         "reindent"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(EDITS, st.integers(0, 2)), min_size=1, max_size=4, unique=True),
       labels=st.lists(st.sampled_from(["False", "True", "Misleading"]), min_size=3, max_size=3),
       keep=st.lists(st.booleans(), min_size=3, max_size=3), prune=st.booleans())
def test_import_hand_edit_reimport_never_loses_the_edit(invoke, tmp_path_factory, monkeypatch, edits, labels, keep,
                                                        prune) -> None:
    project = tmp_path_factory.mktemp("merge")
    (project / "data").mkdir()
    monkeypatch.chdir(project)
    feed = _feed(project, "feed.json", [_review(n) for n in range(3)])
    assert _import(invoke, feed).exit_code == 0
    target = project / "data" / "reviews.yaml"
    text = target.read_text(encoding="utf-8")
    written: list[str] = []  # lines the person wrote, each of which must be in the file after re-import
    for kind, which in edits:
        text, line = _edit(text, kind, which)
        written += line
    target.write_text(text, encoding="utf-8")
    _feed(project, "feed.json", [_review(n, label=labels[n]) for n in range(3) if keep[n]] or [_review(9)])
    result = _import(invoke, feed, *(["--prune"] if prune else []))
    assert result.exit_code == 0, result.output
    after = target.read_text(encoding="utf-8")
    kept = {line.strip() for line in after.split("\n")}  # a later edit may have indented it anew
    for line in written:
        assert line.strip() in kept, (line, result.stderr, after)
    assert invoke("validate").exit_code == 0


def _edit(text: str, kind: str, which: int) -> tuple[str, list[str]]:
    """One hand edit of the ``which``-th claim or review; the lines the person wrote."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if line.startswith("- id: claim-number-")]
    reviews = [i for i, line in enumerate(lines) if line.startswith("- id: checker-")]
    at = starts[which % len(starts)] if starts else None
    if at is None or not reviews:
        return text, []
    if kind in ("status", "statement"):
        end = next((i for i in range(at + 1, len(lines)) if not lines[i].startswith((" ", "#"))), len(lines))
        field = next((i for i in range(at, end) if lines[i].startswith(f"  {kind}:")), None)
        if field is None:  # removed or rewritten by an earlier edit
            return text, []
        lines[field] = "  status: disputed" if kind == "status" else f"  statement: Our own wording {which}."
        mine = [lines[field]]
    elif kind == "notes":
        where = reviews[which % len(reviews)]
        end = next(i for i in range(where + 1, len(lines)) if lines[i].startswith("  notes:"))
        lines[end] = f"  notes: Read again by Ana ({which})."
        mine = [lines[end]]
    elif kind == "add-field":
        lines.insert(at + 1, f"  subject: topic-{which}")
        mine = [lines[at + 1]]
    elif kind == "comment":
        lines.insert(at + 1, f"  # a note to ourselves {which}")
        mine = [lines[at + 1]]
    elif kind == "delete-field":
        where = reviews[which % len(reviews)]
        url = next(i for i in range(where, len(lines)) if lines[i].startswith("  url:"))
        del lines[url]
        mine = []
    elif kind == "hand-entry":
        lines.insert(at, f"- id: hand-{which}-{len(lines)}\n  statement: Ours.\n  sources: [{{source: someone}}]")
        mine = [f"- id: hand-{which}-{len(lines) - 1}"]
    else:  # the reviews indented differently (their comments with them): not an edit of what they say
        section = lines.index("reviews:")
        end = next((i for i in range(section + 1, len(lines)) if lines[i] and not lines[i].startswith(("-", " ", "#"))),
                   len(lines))
        lines[section + 1:end] = ["  " + line if line else line for line in lines[section + 1:end]]
        mine = []
    return "\n".join(lines), mine


# -- the file's layout: fmt's, kept; the file's own, kept too ------------------------------------------

OURS = ("claims:\n"
        "  - id: ours\n"
        "    statement: A claim of our own\n"
        "    sources:\n"
        "      - source: desk\n"
        "\n"
        "sources:\n"
        "  - id: desk\n"
        "    name: Our desk\n"
        "    kind: media\n")


def test_new_sections_go_after_the_entries_added_to_the_files_last_section(invoke, project: Path) -> None:
    # The file holds only claims; the import adds claims to it and sources and reviews, sections it lacks:
    # sources come before claims in the import's order, but must not land between the file's claims and
    # the claims added to them (which would then be read as a source's lines).
    claims, sources = OURS.split("\n\n")
    (project / "data" / "desk.yaml").write_text(sources, encoding="utf-8")
    target = project / "data" / "ours.yaml"
    target.write_text(claims + "\n", encoding="utf-8")
    feed = _feed(project, "week.json", [_review(1), _review(2, reviewer="Other")])
    result = _import(invoke, feed, "--force", target="data/ours.yaml")
    assert result.exit_code == 0, result.output
    after = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert [c["id"] for c in after["claims"]][0] == "ours" and len(after["claims"]) == 3, after
    assert len(after["sources"]) == 3 and len(after["reviews"]) == 2, after
    _valid(invoke)


def test_after_an_import_fmt_check_passes_as_it_did_before(invoke, project: Path) -> None:
    (project / "data" / "ours.yaml").write_text(OURS, encoding="utf-8")
    assert invoke("fmt", "--check").exit_code == 0  # OURS is in fmt's layout
    other = _feed(project, "other.json", [_review(3, reviewer="Other")])
    merged = _import(invoke, other, "--force", target="data/ours.yaml")
    assert merged.exit_code == 0, merged.output
    checked = invoke("fmt", "--check")
    assert checked.exit_code == 0, checked.output
    assert _only_added(OURS, (project / "data" / "ours.yaml").read_text(encoding="utf-8"))
    _valid(invoke)


def test_a_file_in_a_layout_of_its_own_is_merged_into_as_it_is(invoke, project: Path) -> None:
    own = OURS.replace("    sources:\n      - source: desk\n", "    sources: [{source: desk}]\n")
    target = project / "data" / "ours.yaml"
    target.write_text(own, encoding="utf-8")
    assert invoke("fmt", "--check").exit_code == 1  # not fmt's layout: fmt would change it
    merged = _import(invoke, _feed(project, "week.json", [_review(1)]), "--force", target="data/ours.yaml")
    assert merged.exit_code == 0, merged.output
    after = target.read_text(encoding="utf-8")
    assert after.startswith(own.split("\nsources:")[0]) and _only_added(own, after)  # laid out by no one
    _valid(invoke)
