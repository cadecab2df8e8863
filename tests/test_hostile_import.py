"""What a hostile tester found in `import claimreview -o FILE` merging into a file: a person saving the file
while the import runs, feeds that share a file name, a file laid out by `fmt` since the last import, and
what the import keeps of a url it could not use. Inputs are small ones written here in the image of real
feeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import claim_review, importing_into


_review = claim_review


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return importing_into(tmp_path, monkeypatch)


def _feed(project: Path, name: str, reviews: list[dict]) -> str:
    path = project / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(reviews), encoding="utf-8")
    return name


def _import(invoke, feed: str, *args: str, target: str = "data/reviews.yaml"):
    return invoke("import", "claimreview", feed, "-o", target, *args)


# -- 1. a person saves the file while the import runs -------------------------------------------

PERSON = "\n# a person's note, saved while the import ran\n"


def _person_saves_during(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    """Make the import's merge (or its writing of a new file) be where a person saves ``target``: after the
    import read it, before the import writes it."""
    from factledger.importers import merge

    for name in ("merge", "write_new"):
        original = getattr(merge, name)

        def saving(*args: object, _original=original, **kwargs: object) -> object:
            with target.open("a", encoding="utf-8") as file:
                file.write(PERSON)
            return _original(*args, **kwargs)

        monkeypatch.setattr(merge, name, saving)


def test_an_edit_saved_while_importing_into_the_file_is_not_lost(invoke, project: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    assert _import(invoke, _feed(project, "week1.json", [_review(1)])).exit_code == 0
    target = project / "data" / "reviews.yaml"
    _person_saves_during(monkeypatch, target)
    result = _import(invoke, _feed(project, "week2.json", [_review(2)]))
    assert result.exit_code == 2, result.output
    assert "'data/reviews.yaml' changed while importing into it; nothing was written" in result.stderr
    assert target.read_text(encoding="utf-8").endswith(PERSON)  # the person's edit is there


def test_a_file_made_while_importing_into_a_new_file_is_not_replaced(invoke, project: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    target = project / "data" / "new.yaml"
    _person_saves_during(monkeypatch, target)
    result = _import(invoke, _feed(project, "week1.json", [_review(1)]), target="data/new.yaml")
    assert result.exit_code == 2, result.output
    assert "changed while importing into it; nothing was written" in result.stderr
    assert target.read_text(encoding="utf-8") == PERSON


# -- 3. re-importing after `factledger fmt` laid the file out -------------------------------------

def _rated(n: int, label: str, value: int) -> dict:
    return _review(n, label, datePublished="2024-01-02",
                   reviewRating={"@type": "Rating", "alternateName": label, "ratingValue": value, "bestRating": 5,
                                 "worstRating": 1})


def test_after_fmt_a_re_import_updates_what_nobody_edited_and_reports_no_edit(invoke, project: Path) -> None:
    feed = _feed(project, "week.json", [_rated(1, "False", 1), _rated(2, "False", 1)])
    assert _import(invoke, feed).exit_code == 0
    laid_out = invoke("fmt")
    assert laid_out.exit_code == 0 and "reformatted data/reviews.yaml" in laid_out.output, laid_out.output
    target = project / "data" / "reviews.yaml"
    assert "rating: {" in target.read_text(encoding="utf-8")  # fmt changed the layout (flow style, quotes)
    _feed(project, "week.json", [_rated(1, "True", 5), _rated(2, "False", 1)])
    again = _import(invoke, feed)
    assert again.exit_code == 0, again.output
    assert "a person" not in again.stderr and "kept" not in again.stderr, again.stderr
    assert "updated 2 entries" in again.stderr  # review 1 and the claim it makes confirmed
    reviews = {r.id: r for r in _ledger(project).reviews}
    first = next(r for r in reviews.values() if r.url == "https://checks.example.net/1")
    assert (first.rating.label, first.rating.value, first.verdict) == ("True", 5, "confirmed")  # none of the old
    checked = invoke("check", "--strict")
    assert checked.exit_code == 0, checked.output


def test_after_fmt_a_comment_a_person_wrote_in_a_field_keeps_the_field(invoke, project: Path) -> None:
    feed = _feed(project, "week.json", [_rated(1, "False", 1)])
    assert _import(invoke, feed).exit_code == 0
    assert invoke("fmt").exit_code == 0
    target = project / "data" / "reviews.yaml"
    text = target.read_text(encoding="utf-8")
    assert "    verdict: denied\n" in text
    target.write_text(text.replace("    verdict: denied\n", "    verdict: denied  # we asked them\n"), encoding="utf-8")
    _feed(project, "week.json", [_rated(1, "True", 5)])
    again = _import(invoke, feed)
    assert again.exit_code == 0, again.output
    assert "kept the 'verdict' a person edited" in again.stderr
    assert "    verdict: denied  # we asked them\n" in target.read_text(encoding="utf-8")


def _ledger(project: Path):
    from factledger.pipeline import load_ledger

    return load_ledger(project / "data").ledger


# -- 2. two feeds with one name ----------------------------------------------------------------------

def test_another_publishers_feed_with_the_same_file_name_is_refused(invoke, project: Path) -> None:
    assert _import(invoke, _feed(project, "a/feed.json", [_review(1, reviewer="Alpha Checks"),
                                                          _review(2, reviewer="Alpha Checks")])).exit_code == 0
    target = project / "data" / "reviews.yaml"
    before = target.read_bytes()
    other = _feed(project, "b/feed.json", [_review(3, reviewer="Beta Facts")])
    for args in ((), ("--prune",)):
        refused = _import(invoke, other, *args)
        assert refused.exit_code == 2, refused.output
        assert "another feed with the same name" in refused.stderr and "--feed" in refused.stderr
        assert target.read_bytes() == before  # alpha's reviews are all there, byte for byte
    # Named apart, it joins the file; alpha's feed is untouched.
    joined = _import(invoke, other, "--feed", "beta", "--prune")
    assert joined.exit_code == 0, joined.output
    assert len(_ledger(project).reviews) == 3
    # The same publisher's feed again, from another folder, is the same feed: it updates.
    assert _import(invoke, _feed(project, "c/feed.json", [_review(1, reviewer="Alpha Checks")])).exit_code == 0


def test_prune_from_standard_input_needs_a_feed_name(invoke, project: Path) -> None:
    first = invoke("import", "claimreview", "-", "-o", "data/reviews.yaml", input=json.dumps([_review(1)]))
    assert first.exit_code == 0, first.output
    target = project / "data" / "reviews.yaml"
    before = target.read_bytes()
    pruned = invoke("import", "claimreview", "-", "-o", "data/reviews.yaml", "--prune",
                    input=json.dumps([_review(2)]))
    assert pruned.exit_code == 2 and "--prune reading standard input needs --feed" in pruned.stderr, pruned.output
    assert target.read_bytes() == before
    named = invoke("import", "claimreview", "-", "-o", "data/reviews.yaml", "--prune", "--feed", "week",
                   input=json.dumps([_review(2)]))
    assert named.exit_code == 0, named.output
    assert len(_ledger(project).reviews) == 2  # the first import's review is another feed's: not pruned


# -- 11. what the notes keep of an address that could not be used ----------------------------------------

def test_an_address_that_could_not_be_used_is_kept_in_the_notes_as_its_own_text(invoke, project: Path) -> None:
    feed = _feed(project, "week.json", [_review(1, url="##[group]x:y/../z")])
    result = _import(invoke, feed)
    assert result.exit_code == 0, result.output
    notes = _ledger(project).reviews[0].notes
    assert "'##[group]x:y/../z'" in notes, notes  # the data, not its display ('\x23#[group]...')
    text = (project / "data" / "reviews.yaml").read_text(encoding="utf-8")
    assert "##[" not in text  # the YAML writer spells it so that no CI log reads it as a command


def _values():
    from hypothesis import strategies as st

    from factledger.importers.text import fit

    scalars = st.one_of(st.text(max_size=30).map(fit), st.integers(), st.booleans(), st.none(),
                        st.sampled_from(["2024-01-02", "1", "true", "null", "~", "##[x]", "a: b", "'q'", "-"]))
    return st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["label", "value", "best", "a b"]), inner,
                                                     max_size=3)), max_leaves=8)


def test_every_field_an_import_writes_reads_back_as_its_own() -> None:
    """The digest recorded of what a field means equals the digest of what the file is read to mean: else a
    re-import would take every field it wrote for a person's edit."""
    from hypothesis import given, settings

    from factledger.importers.layout import feed_key, read
    from factledger.importers.merge import entry_lines

    @settings(max_examples=150, deadline=None)
    @given(_values(), _values())
    def check(first: object, second: object) -> None:
        lines = ["reviews:", *entry_lines({"id": "r1", "rating": first, "notes": second}, feed_key("feed"), 0)]
        text = "\n".join(lines) + "\n"
        (entry,) = read(text)[0].entries
        assert entry.record is not None and [f.name for f in entry.fields] == ["id", "rating", "notes"]
        assert all(f.recorded(text.split("\n"), entry.record) for f in entry.fields), text

    check()
