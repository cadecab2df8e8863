"""`factledger import claimreview`: every review that can be read is read, verdicts are right on real
rating scales, the forms people have are accepted, nothing is dropped without a word, and importing
again adds nothing. Inputs are small ones written here in the image of real publishers' markup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from factledger.importers.ratings import publisher, publisher_rows, read_label, scale_rows, verdict

from support import FIXTURES, REPO

CLAIMREVIEW = FIXTURES / "claimreview"
GOOD = sorted((CLAIMREVIEW / "good").iterdir())
BAD = sorted((CLAIMREVIEW / "bad").iterdir())
FORMATS = CLAIMREVIEW / "formats"


def _import(invoke, value, *args: str):
    text = value if isinstance(value, (str, bytes)) else json.dumps(value)
    return invoke("import", "claimreview", "-", *args, input=text.encode("utf-8") if isinstance(text, str) else text)


def _review(**overrides) -> dict:
    review = {"@type": "ClaimReview", "claimReviewed": "A claim", "url": "https://checks.example.net/a",
              "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Someone"}},
              "author": {"@type": "Organization", "name": "Checker"},
              "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                               "alternateName": "False"}}
    review.update(overrides)
    return review


def _ledger(result) -> dict:
    assert result.exit_code == 0, result.output
    return yaml.safe_load(result.stdout)


def _joins(invoke, tmp_path: Path, result, name: str = "imported.yaml") -> Path:
    """The import written into a fresh ledger, which must validate and pass `check --strict`."""
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    (data / name).write_text(result.stdout, encoding="utf-8")
    validated = invoke("validate", "--strict", "--data", str(data))
    assert validated.exit_code == 0, validated.output
    checked = invoke("check", "--strict", "--data", str(data))
    assert checked.exit_code == 0, checked.output
    return data


# -- the fixtures ----------------------------------------------------------------------------------

@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_a_good_input_imports_validates_and_passes_check_strict(invoke, path: Path, tmp_path: Path) -> None:
    result = invoke("import", "claimreview", str(path))
    assert result.exit_code == 0, result.output
    _joins(invoke, tmp_path, result)


@pytest.mark.parametrize("path, says", [
    ("truncated.jsonld", "not valid JSON at line 1"),
    ("wrong-shape.jsonld", "no object with \"@type\": \"ClaimReview\""),
    ("no-claimreview.jsonld", "no object with \"@type\": \"ClaimReview\""),
    ("missing-claimreviewed.jsonld", "$.claimReviewed is missing"),
    ("missing-reviewer.jsonld", "names no author or publisher"),
    ("graph-not-a-list.jsonld", "$.@graph.claimReviewed is missing"),
])
def test_an_input_with_nothing_importable_is_refused_with_the_reason(invoke, path: str, says: str) -> None:
    result = invoke("import", "claimreview", str(CLAIMREVIEW / "bad" / path))
    assert result.exit_code == 1, result.output
    assert says in result.stderr and "Traceback" not in result.output
    assert result.stdout == ""  # nothing written


def test_every_bad_fixture_is_tested() -> None:
    assert {p.name for p in BAD} == {"truncated.jsonld", "wrong-shape.jsonld", "no-claimreview.jsonld",
                                     "missing-claimreviewed.jsonld", "missing-reviewer.jsonld", "graph-not-a-list.jsonld"}


def test_a_missing_file_is_a_usage_error(invoke) -> None:
    result = invoke("import", "claimreview", "no-such-file.jsonld")
    assert result.exit_code == 2 and "cannot read 'no-such-file.jsonld': it does not exist" in result.stderr


# -- one bad review never blocks the others ---------------------------------------------------------

def test_one_bad_review_among_good_ones_is_refused_alone(invoke, tmp_path: Path) -> None:
    reviews = [_review(claimReviewed=f"Claim {i}", url=f"https://checks.example.net/{i}") for i in range(5)]
    reviews[2] = _review(claimReviewed=None, url="https://checks.example.net/2")
    del reviews[2]["claimReviewed"]
    result = _import(invoke, reviews)
    assert result.exit_code == 1, result.output  # a script sees that something was refused
    assert "refused $[2].claimReviewed is missing" in result.stderr
    assert "imported 4 reviews (4 new claims) from JSON-LD; refused 1" in result.stderr
    imported = yaml.safe_load(result.stdout)
    assert [c["statement"] for c in imported["claims"]] == ["Claim 0", "Claim 1", "Claim 3", "Claim 4"]
    data = tmp_path / "data"
    data.mkdir()
    (data / "i.yaml").write_text(result.stdout, encoding="utf-8")
    assert invoke("check", "--strict", "--data", str(data)).exit_code == 0


def test_strict_refuses_the_whole_input(invoke, tmp_path: Path) -> None:
    reviews = [_review(), {"@type": "ClaimReview"}]
    target = tmp_path / "out.yaml"
    result = _import(invoke, reviews, "--strict", "-o", str(target))
    assert result.exit_code == 1, result.output
    assert "nothing was written: --strict refuses the whole input" in result.stderr
    assert not target.exists()


def test_a_research_file_of_script_lines_reads_every_good_line(invoke, tmp_path: Path) -> None:
    result = invoke("import", "claimreview", str(FORMATS / "research.txt"))
    assert result.exit_code == 1, result.output
    assert "refused line 4: not valid JSON at column 43" in result.stderr
    assert "refused line 6: $.claimReviewed is missing" in result.stderr
    assert "imported 5 reviews (5 new claims) from script lines; refused 2" in result.stderr
    imported = yaml.safe_load(result.stdout)
    assert len(imported["reviews"]) == 5


# -- claims without a named claimant ---------------------------------------------------------------

def test_a_claim_with_no_named_claimant_is_made_by_an_unknown_one(invoke, tmp_path: Path) -> None:
    no_author = _review(claimReviewed="First", url="https://c.example/1", itemReviewed={"@type": "Claim"})
    unnamed = _review(claimReviewed="Second", url="https://c.example/2",
                      itemReviewed={"@type": "Claim", "author": {"@type": "Organization"}})
    result = _import(invoke, [no_author, unnamed])
    imported = _ledger(result)
    unknown = [s for s in imported["sources"] if s["name"].startswith("Unknown claimant")]
    assert len(unknown) == 2  # one per claim: two unknown authors are never taken for one origin
    cited = {c["statement"]: c["sources"][0]["source"] for c in imported["claims"]}
    assert cited["First"] != cited["Second"] and set(cited.values()) == {s["id"] for s in unknown}
    assert "without a name" in next(c for c in imported["claims"] if c["statement"] == "Second")["notes"]
    _joins(invoke, tmp_path, result)


# -- verdicts from real rating scales --------------------------------------------------------------

@pytest.mark.parametrize("row", scale_rows(), ids=lambda r: f"{r['scale']}:{r['label']}")
def test_every_row_of_the_rating_table_reads_as_its_verdict(row: dict) -> None:
    owner = next((p for p in publisher_rows() if row["scale"] in p["scales"].split()), None)
    known = publisher(owner["names"].split(";")[0], []) if owner else None
    assert verdict({"alternateName": row["label"]}, known).verdict == row["verdict"]
    found = read_label(row["label"], known["scales"] if known else [])
    assert found is not None and found[0] == row["verdict"]


@pytest.mark.parametrize("label, status", [
    ("Untrue", "denied"), ("Inaccurate", "denied"), ("Not correct", "denied"), ("Not accurate", "denied"),
    ("Unverified", "disputed"), ("Unconfirmed", "disputed"),  # negations never confirm
    ("This is not correct", "denied"), ("The claim is false.", "denied"),
    ("Incorrect. The figure was 3% in 2023.", "denied"),  # Full Fact's sentences open with the verdict
    ("Some Right, Some Wrong", "reported"),  # not a known label, and its words disagree: no verdict
    ("It is true that rates rose, but the claim misleads", "reported"),  # a sentence, not a verdict
    ("Half Flip", "reported"), ("Full Flop", "reported"), ("Verdict Pending", "reported"), ("Satire", "reported"),
    ("Four Pinocchios", "denied"), ("Geppetto Checkmark", "confirmed"), ("Two Pinocchios", "disputed"),
    ("Distorts the Facts", "disputed"), ("No Evidence", "disputed"), ("Cherry Picks", "disputed"),
    ("Falso", "denied"), ("Faux", "denied"), ("Falsch", "denied"), ("Engañoso", "disputed"), ("Trompeur", "disputed"),
    ("錯誤", "denied"), ("زائف", "denied"), ("Fuorviante", "disputed"), ("PANTS ON FIRE!", "denied"),
    ("mostly-true", "confirmed"), ("Größtenteils falsch", "denied"), ("Não é bem assim", "disputed"),
])
def test_labels_read_as_whole_labels_or_words_never_substrings(label: str, status: str) -> None:
    assert verdict({"alternateName": label}, None).verdict == status


def test_where_a_publishers_numbers_index_its_labels_the_label_decides() -> None:
    lupa = publisher("Agência Lupa", [])
    assert verdict({"alternateName": "Falso", "ratingValue": 4, "bestRating": 6}, lupa).verdict == "denied"
    aos_fatos = publisher(None, ["www.aosfatos.org"])
    assert verdict({"alternateName": "Não é bem assim", "ratingValue": 5, "bestRating": 6}, aos_fatos).verdict == "disputed"
    assert verdict({"ratingValue": 5, "bestRating": 6}, aos_fatos).verdict == "reported"  # no label: no verdict


def test_a_label_and_a_number_that_contradict_give_no_verdict() -> None:
    # schema.org's own example: 1 on a scale to 6, labelled "True".
    reading = verdict({"alternateName": "True", "ratingValue": 1, "bestRating": 6}, publisher("PolitiFact", []))
    assert reading.verdict == "reported" and "one of the two is wrong" in reading.how
    # Only adjacent: the label decides, and the note says what the number would say.
    near = verdict({"alternateName": "Misleading", "ratingValue": 1, "bestRating": 5}, None)
    assert near.verdict == "disputed" and "would say denied" in near.how


@pytest.mark.parametrize("rating, status", [
    ({"ratingValue": "NaN", "alternateName": "True"}, "confirmed"),
    ({"ratingValue": "Infinity"}, "reported"),
    ({"ratingValue": 9, "bestRating": 5, "worstRating": 1}, "reported"),
    ({"ratingValue": 1e400}, "reported"),
    ({"ratingValue": 4, "bestRating": 5, "worstRating": 1}, "confirmed"),
    ({"ratingValue": 2, "bestRating": 5, "worstRating": 1}, "denied"),
    ("False", "denied"),
])
def test_only_sensible_numbers_are_read(invoke, rating, status: str) -> None:
    imported = _ledger(_import(invoke, _review(reviewRating=rating)))
    assert imported["reviews"][0]["verdict"] == status
    assert imported["claims"][0].get("status", "reported") == status


def test_every_review_keeps_its_rating_as_fields(invoke) -> None:
    imported = _ledger(_import(invoke, _review(reviewRating={"alternateName": "Pants on Fire", "ratingValue": 0,
                                                             "bestRating": 5, "worstRating": 0}),
                       ))
    assert imported["reviews"][0]["rating"] == {"label": "Pants on Fire", "value": 0, "best": 5, "worst": 0,
                                                "scale": "politifact-truth-o-meter"}


# -- the formats people have -----------------------------------------------------------------------

def test_an_html_page_is_read_with_its_address(invoke, tmp_path: Path) -> None:
    result = invoke("import", "claimreview", str(FORMATS / "page.html"))
    imported = _ledger(result)
    review = imported["reviews"][0]
    assert review["url"] == "https://checks.example.net/2024/bridge-budget#review"  # relative, resolved by the page
    assert review["licence"] == "https://creativecommons.org/licenses/by-nc/4.0/"
    assert review["headline"] == "Did the bridge cost twice its budget?" and review["language"] == "en"
    assert review["date"] == "2024-05-02" and review["author"] == "J. Reporter"  # the journalist, apart from...
    by = next(s for s in imported["sources"] if s["id"] == review["by"])
    assert by["name"] == "Example Checks"  # ...the publishing organisation, which is the reviewer
    assert review["rating"]["label"] == "Incorrect"  # the \r is gone, not replaced by U+FFFD
    assert imported["claims"][0]["statement"] == "The council's bridge cost twice its budget"  # &#039; decoded
    urls = sorted(d["url"] for d in imported["documents"])
    assert urls == ["https://checks.example.net/mirror/grey-speech", "https://video.example.org/grey-speech"]
    assert len(review["appearances"]) == 2 and len(imported["claims"][0]["sources"]) == 2  # every appearance
    _joins(invoke, tmp_path, result)


@pytest.mark.parametrize("name, fmt, reviews, claims", [
    ("reviews.jsonl", "JSON Lines", 3, 3),
    ("feed.json", "DataFeed", 2, 2),
    ("fact-check-tools.json", "Fact Check Tools answer", 3, 2),
])
def test_each_format_is_told_apart_by_its_content(invoke, name: str, fmt: str, reviews: int, claims: int) -> None:
    result = invoke("import", "claimreview", str(FORMATS / name))
    assert f"from {fmt}" in result.stderr, result.stderr
    imported = yaml.safe_load(result.stdout)
    assert (len(imported["reviews"]), len(imported["claims"])) == (reviews, claims)


def test_a_fact_check_tools_answer_keeps_both_reviews_of_one_claim(invoke, tmp_path: Path) -> None:
    result = invoke("import", "claimreview", str(FORMATS / "fact-check-tools.json"))
    imported = _ledger(result)
    river = next(c for c in imported["claims"] if c["statement"].startswith("The river"))
    on_river = [r for r in imported["reviews"] if r["claim"] == river["id"]]
    assert sorted(r["language"] for r in on_river) == ["en", "es"] and river["status"] == "denied"
    assert sorted(river["sources"][0]["via"]) == sorted(r["by"] for r in on_river)
    rents = next(c for c in imported["claims"] if c["statement"].startswith("Rents"))
    assert next(s for s in imported["sources"] if s["id"] == rents["sources"][0]["source"])["name"].startswith("Unknown")
    _joins(invoke, tmp_path, result)


def test_what_is_not_a_known_format_says_what_is_accepted(invoke) -> None:
    result = _import(invoke, "claim,rating\nx,False\n")
    assert result.exit_code == 1
    assert "not JSON Lines either, nor an HTML page" in result.stderr and "Accepted:" in result.stderr


def test_a_relative_address_with_no_page_is_kept_in_the_notes_and_said(invoke) -> None:
    result = _import(invoke, _review(url="/2024/a-check"))
    imported = _ledger(result)
    assert "url" not in imported["reviews"][0]
    assert "'/2024/a-check' is relative" in imported["reviews"][0]["notes"]
    assert "1 address could not be used" in result.stderr


# -- text and ids ---------------------------------------------------------------------------------

def test_readable_ids_from_names_in_any_script(invoke) -> None:
    imported = _ledger(_import(invoke, [
        _review(author={"@type": "Organization", "name": "Agência Lupa"}, url="https://x.example/1"),
        _review(author={"@type": "Organization", "name": "台灣事實查核中心"}, url="https://x.example/2"),
    ]))
    ids = {s["name"]: s["id"] for s in imported["sources"]}
    assert ids["Agência Lupa"] == "agencia-lupa" and ids["台灣事實查核中心"] == "taiwanshishichahezhongxin"


def test_hostile_text_becomes_text_a_ledger_can_hold(invoke, tmp_path: Path) -> None:
    hostile = _review(claimReviewed="Bad \u001b[2J text \ud800 with \u202e overrides\r\n and lines",
                      itemReviewed={"@type": "Claim", "author": {"name": "Name\u0000with NUL"}})
    result = _import(invoke, json.dumps(hostile).replace("\\\\", "\\"))
    _joins(invoke, tmp_path, result)


def test_a_key_given_twice_refuses_that_review_only(invoke) -> None:
    text = ('[{"@type": "ClaimReview", "claimReviewed": "One", "claimReviewed": "Two", "author": {"name": "C"}},'
            ' {"@type": "ClaimReview", "claimReviewed": "Three", "author": {"name": "C"}}]')
    result = _import(invoke, text)
    assert result.exit_code == 1
    assert "refused $[0].claimReviewed is given twice" in result.stderr
    assert [c["statement"] for c in yaml.safe_load(result.stdout)["claims"]] == ["Three"]


# -- importing again adds nothing --------------------------------------------------------------------

def test_importing_the_same_file_again_adds_nothing(invoke, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    reviews = json.dumps([_review(claimReviewed=f"Claim {i}", url=f"https://c.example/{i}") for i in range(3)])
    first = invoke("import", "claimreview", "-", "--data", str(data), "-o", str(data / "one.yaml"), input=reviews)
    assert first.exit_code == 0, first.output
    again = invoke("import", "claimreview", "-", "--data", str(data), "-o", str(data / "two.yaml"), input=reviews)
    assert again.exit_code == 0, again.output
    assert "skipped 3 the ledger already holds; nothing new to write" in again.stderr
    assert not (data / "two.yaml").exists()
    before = (data / "one.yaml").read_text()
    update = invoke("import", "claimreview", "-", "--data", str(data), "-o", str(data / "one.yaml"), input=reviews)
    assert update.exit_code == 0 and (data / "one.yaml").read_text() == before  # rewriting its own file: the same
    assert invoke("check", "--strict", "--data", str(data)).exit_code == 0


def _page_of_two() -> list[dict]:
    """One page reviewing two claims by two people, with two ratings (as fact-checkers' pages often do)."""
    return [_review(claimReviewed="Taxes fell", url="https://checks.example.net/page"),
            _review(claimReviewed="Wages rose", url="https://checks.example.net/page",
                    itemReviewed={"@type": "Claim", "author": {"@type": "Person", "name": "Another"}},
                    reviewRating={"@type": "Rating", "ratingValue": 5, "bestRating": 5, "worstRating": 1,
                                  "alternateName": "True"})]


def test_reviews_of_several_claims_on_one_page_are_each_imported(invoke, tmp_path: Path) -> None:
    result = _import(invoke, _page_of_two())
    ledger = _ledger(result)
    assert "given twice" not in result.stderr, result.stderr
    reviews = ledger["reviews"]
    assert len(reviews) == 2 and len({r["id"] for r in reviews}) == 2, reviews
    by_statement = {c["id"]: c["statement"] for c in ledger["claims"]}
    assert {(by_statement[r["claim"]], r["rating"]["label"]) for r in reviews} == {("Taxes fell", "False"),
                                                                                   ("Wages rose", "True")}
    _joins(invoke, tmp_path, result)  # and check does not call them one review recorded twice


@pytest.mark.parametrize("claim, url, duplicate", [("c2", "https://b.example/p", False),  # one page, two claims
                                                    ("c1", "https://b.example/p#2", False),  # two anchors
                                                    ("c1", "https://b.example/p/", True)])  # one review, twice
def test_check_calls_reviews_one_only_at_one_address_of_one_statement(invoke, tmp_path: Path, claim: str, url: str,
                                                                       duplicate: bool) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "l.yaml").write_text(
        "sources: [{id: A, name: A, kind: official}, {id: B, name: B, kind: media}]\n"
        "claims: [{id: c1, statement: x, status: denied, sources: [{source: A}]}, "
        "{id: c2, statement: y, status: denied, sources: [{source: A}]}]\n"
        "reviews: [{id: r1, claim: c1, by: B, verdict: denied, url: 'https://b.example/p'}, "
        f"{{id: r2, claim: {claim}, by: B, verdict: denied, url: '{url}'}}]\n", encoding="utf-8")
    checked = invoke("check", "--data", str(data))
    assert checked.exit_code == 0 and "cross-checked" not in checked.output, checked.output
    assert ("FL520" in checked.output) == duplicate, checked.output


def test_reviews_at_one_address_with_different_fragments_are_each_imported(invoke) -> None:
    reviews = [_review(url=f"https://checks.example.net/page#{i}") for i in ("one", "two")]
    ledger = _ledger(_import(invoke, reviews))
    assert sorted(r["url"] for r in ledger["reviews"]) == ["https://checks.example.net/page#one",
                                                            "https://checks.example.net/page#two"]


def test_the_same_review_given_twice_is_imported_once(invoke) -> None:
    result = _import(invoke, [*_page_of_two(), _page_of_two()[1]])
    assert len(_ledger(result)["reviews"]) == 2
    assert "imported 2 reviews" in result.stderr and "skipped 1 given twice in the input" in result.stderr


def test_one_review_given_twice_with_two_ratings_is_refused_not_skipped(invoke) -> None:
    true = {"@type": "Rating", "ratingValue": 5, "bestRating": 5, "worstRating": 1, "alternateName": "True"}
    result = _import(invoke, [_review(), _review(reviewRating=true)])
    assert result.exit_code == 1, result.output
    assert "refused $[1]" in result.stderr and "'False'" in result.stderr and "'True'" in result.stderr, result.stderr
    assert "given twice in the input" not in result.stderr


def test_a_page_of_several_reviews_imported_again_adds_nothing(invoke, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    page = json.dumps(_page_of_two())
    first = invoke("import", "claimreview", "-", "--data", str(data), "-o", str(data / "one.yaml"), input=page)
    assert first.exit_code == 0, first.output
    again = invoke("import", "claimreview", "-", "--data", str(data), "-o", str(data / "two.yaml"), input=page)
    assert again.exit_code == 0, again.output
    assert "skipped 2 the ledger already holds; nothing new to write" in again.stderr


def test_a_corrected_rating_updates_the_review_it_corrects(invoke, tmp_path: Path) -> None:
    # The rating is not part of a review's identity: the publisher's correction is the same review, updated.
    data = tmp_path / "data"
    data.mkdir()
    out = data / "one.yaml"
    first = _import(invoke, _page_of_two(), "--data", str(data), "-o", str(out))
    assert first.exit_code == 0, first.output
    ids = sorted(r["id"] for r in yaml.safe_load(out.read_text())["reviews"])
    corrected = _page_of_two()
    corrected[0]["reviewRating"] = {"@type": "Rating", "ratingValue": 3, "bestRating": 5, "worstRating": 1,
                                    "alternateName": "Half True"}
    again = _import(invoke, corrected, "--data", str(data), "-o", str(out))
    assert again.exit_code == 0, again.output
    reviews = yaml.safe_load(out.read_text())["reviews"]
    assert sorted(r["id"] for r in reviews) == ids
    assert sorted(r["rating"]["label"] for r in reviews) == ["Half True", "True"]


def test_a_review_an_older_import_named_is_found_by_its_address_and_claim(invoke, tmp_path: Path) -> None:
    # Ids once came from the address alone: a review in the ledger is found by what it is, not by its id.
    data = tmp_path / "data"
    data.mkdir()
    (data / "old.yaml").write_text("""\
sources:
  - {id: someone, name: Someone}
  - {id: checker, name: Checker, kind: media}
claims:
  - {id: a-claim, statement: A claim, status: denied, sources: [{source: someone}]}
reviews:
  - {id: checker-0123abcd, claim: a-claim, by: checker, verdict: denied, url: "https://checks.example.net/a"}
""", encoding="utf-8")
    again = _import(invoke, _review(), "--data", str(data), "-o", str(data / "two.yaml"))
    assert again.exit_code == 0, again.output
    assert "skipped 1 the ledger already holds" in again.stderr, again.stderr


def test_an_export_with_a_base_address_imports_back_whole(invoke, tmp_path: Path) -> None:
    # The desk's own verdicts are exported as reviews at one page, each at its claim's anchor.
    data = tmp_path / "data"
    data.mkdir()
    claims = "".join(f"  - {{id: c{i}, statement: Claim {i}, status: denied, sources: [{{source: ann}}]}}\n"
                     for i in range(4))
    (data / "ledger.yaml").write_text("sources:\n  - {id: ann, name: Ann, kind: official}\nclaims:\n" + claims,
                                      encoding="utf-8")
    exported = invoke("export", "claimreview", "--data", str(data), "--publisher", "Our Desk",
                      "--base-url", "https://desk.example/x")
    assert exported.exit_code == 0, exported.output
    assert len({r["url"] for r in json.loads(exported.stdout)}) == 4
    back = _import(invoke, exported.stdout)
    assert "given twice" not in back.stderr, back.stderr
    assert sorted(r["url"] for r in _ledger(back)["reviews"]) == [f"https://desk.example/x#c{i}" for i in range(4)]


def test_a_new_review_of_a_claim_the_ledger_holds_refers_to_it(invoke, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    first = _import(invoke, _review(), "--data", str(data), "-o", str(data / "one.yaml"))
    assert first.exit_code == 0, first.output
    second = _import(invoke, _review(url="https://other.example/b", author={"name": "Other Checker"}),
                     "--data", str(data), "-o", str(data / "two.yaml"))
    assert second.exit_code == 0, second.output
    two = yaml.safe_load((data / "two.yaml").read_text())
    one = yaml.safe_load((data / "one.yaml").read_text())
    assert "claims" not in two and two["reviews"][0]["claim"] == one["claims"][0]["id"]
    assert invoke("check", "--strict", "--data", str(data)).exit_code == 0


def test_the_same_review_in_two_files_is_reported(invoke, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for name in ("one.yaml", "two.yaml"):  # imported without the ledger to join: nothing to skip against
        (data / name).write_text(_import(invoke, _review()).stdout, encoding="utf-8")
    result = invoke("validate", "--data", str(data))
    assert result.exit_code == 1 and "FL201" in result.stdout  # the same ids: never a silent second copy


def test_the_import_joins_an_existing_ledger_without_clashing(invoke, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "sources.yaml").write_text("sources:\n  - {id: CHK, name: Checker, kind: media}\n")
    result = _import(invoke, _review(), "--data", str(data), "-o", str(data / "one.yaml"))
    assert result.exit_code == 0, result.output
    one = yaml.safe_load((data / "one.yaml").read_text())
    assert [s["name"] for s in one["sources"]] == ["Someone"]  # the checker is the existing CHK
    assert one["reviews"][0]["by"] == "CHK" and one["claims"][0]["sources"][0]["via"] == ["CHK"]


def test_import_never_overwrites_a_ledger_file_it_did_not_write(invoke, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    precious = data / "sources.yaml"
    precious.write_text("sources:\n  - {id: CHK, name: Checker, kind: media}\n")
    before = precious.read_text()
    refused = _import(invoke, _review(), "--data", str(data), "-o", str(precious))
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert precious.read_text() == before


# -- the round trip --------------------------------------------------------------------------------

def test_export_then_import_gives_back_reviewers_addresses_labels_statuses_and_authors(invoke, tmp_path: Path) -> None:
    first = tmp_path / "first"
    first.mkdir()
    (first / "keeper.yaml").write_text("""\
sources:
  - {id: ANN, name: Ann Speaker, kind: official}
  - {id: BOB, name: Bob Speaker, kind: official}
claims:
  - {id: withdrawn, statement: We will build it by May., status: retracted, sources: [{source: ANN}, {source: BOB}]}
""")
    imported = _import(invoke, _review(reviewRating={"alternateName": "Pants on Fire", "ratingValue": 0,
                                                     "bestRating": 5, "worstRating": 0}),
                       "--data", str(first), "-o", str(first / "reviews.yaml"))
    assert imported.exit_code == 0, imported.output
    exported = invoke("export", "claimreview", "--data", str(first), "--publisher", "Our Desk",
                      "--base-url", "https://desk.example/checks")
    assert exported.exit_code == 0, exported.output
    second = _ledger(_import(invoke, exported.stdout))
    by_statement = {c["statement"]: c for c in second["claims"]}
    names = {s["id"]: s["name"] for s in second["sources"]}
    review = next(r for r in second["reviews"] if r["claim"] == by_statement["A claim"]["id"])
    assert names[review["by"]] == "Checker" and review["url"] == "https://checks.example.net/a"
    assert review["rating"]["label"] == "Pants on Fire" and review["verdict"] == "denied"
    keeper = by_statement["We will build it by May."]
    assert keeper["status"] == "retracted"  # not "denied"
    assert sorted(names[c["source"]] for c in keeper["sources"]) == ["Ann Speaker", "Bob Speaker"]  # every author
    kept = next(r for r in second["reviews"] if r["claim"] == keeper["id"])
    assert names[kept["by"]] == "Our Desk" and kept["url"] == "https://desk.example/checks#withdrawn"


def test_reviews_reach_every_export(invoke, tmp_path: Path) -> None:
    import sqlite3

    result = invoke("import", "claimreview", str(FORMATS / "page.html"))
    data = _joins(invoke, tmp_path, result)
    database = tmp_path / "l.db"
    assert invoke("export", "sqlite", "--data", str(data), "-o", str(database)).exit_code == 0
    db = sqlite3.connect(database)
    assert db.execute("SELECT verdict, rating_label, licence FROM reviews").fetchall() == [
        ("denied", "Incorrect", "https://creativecommons.org/licenses/by-nc/4.0/")]
    assert db.execute("SELECT count(*) FROM review_appearances").fetchone()[0] == 2
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    exported = json.loads(invoke("export", "json", "--data", str(data)).stdout)
    assert exported["reviews"][0]["rating"]["label"] == "Incorrect"
    again = tmp_path / "again"
    again.mkdir()
    (again / "l.yaml").write_text(invoke("export", "yaml", "--data", str(data)).stdout, encoding="utf-8")
    assert invoke("validate", "--strict", "--data", str(again)).exit_code == 0  # a valid ledger, reviews and all
    shown = json.loads(invoke("show", exported["claims"][0]["id"], "--data", str(data), "--format", "json").stdout)
    assert shown["reviews"][0]["verdict"] == "denied"


def test_docs_list_the_rating_table_as_it_is() -> None:
    from factledger.render.docs import ratings_markdown

    committed = (REPO / "docs" / "ratings.md").read_text(encoding="utf-8")
    assert committed == ratings_markdown(), "run: python -m factledger.render.docs ratings > docs/ratings.md"


def test_thousands_of_reviews_with_a_few_bad_ones_import_validate_and_pass_check_strict(invoke, tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("claimreviews", REPO / "benchmarks" / "claimreviews.py")
    generator = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(generator)  # type: ignore[union-attr]
    reviews = generator.reviews(2_400, bad=5)
    source = tmp_path / "reviews.json"
    source.write_text(json.dumps(reviews), encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    result = invoke("import", "claimreview", str(source), "--data", str(data), "-o", str(data / "imported.yaml"))
    assert result.exit_code == 1, result.output  # five refused...
    assert result.stderr.count("error: refused ") == 5
    imported = yaml.safe_load((data / "imported.yaml").read_text(encoding="utf-8"))
    assert len(imported["reviews"]) == 2_400 - 5  # ...and every good one imported
    assert invoke("validate", "--strict", "--data", str(data)).exit_code == 0
    checked = invoke("check", "--strict", "--data", str(data))
    assert checked.exit_code == 0, checked.output
    again = invoke("import", "claimreview", str(source), "--data", str(data), "-o", str(data / "again.yaml"))
    assert "skipped 2,395 the ledger already holds" in again.stderr and not (data / "again.yaml").exists()
