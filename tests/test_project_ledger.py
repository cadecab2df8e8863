"""The project's own ledger (data/) is valid and answers the questions it was built for."""

from __future__ import annotations

import json
import re

from support import REPO

DATA = str(REPO / "data")


def test_project_ledger_validates(invoke) -> None:
    result = invoke("validate", "--data", DATA, "--strict")
    assert result.exit_code == 0, result.output
    assert "no problems" in result.stdout


def test_list_source_nis_shows_every_nis_claim_of_the_article(invoke) -> None:
    result = invoke("list", "--data", DATA, "--source", "NIS", "--format", "json")
    assert result.exit_code == 0, result.output
    claims = json.loads(result.stdout)
    assert claims and all(any(s["source"] == "NIS" for s in c["sources"]) for c in claims)
    text = " ".join(c["statement"] + " " + " ".join(s["quote"] or "" for s in c["sources"]) for c in claims)
    for phrase in ("1,500", "12,000", "Vladivostok", "uniforms", "false identities", "satellite imagery",
                   "facial recognition", "eight million"):
        assert phrase in text, phrase
    values = {json.dumps(c["value"], sort_keys=True) for c in claims}
    assert json.dumps({"approx": 1500, "unit": "soldiers"}, sort_keys=True) in values
    assert any('"at_most": 12000' in v for v in values)
    assert any('"more_than": 8000000' in v for v in values)


def test_every_quote_in_the_project_ledger_is_checked_against_the_article(invoke) -> None:
    result = invoke("list", "--data", DATA, "--format", "json")
    claims = json.loads(result.stdout)
    citations = [s for c in claims for s in c["sources"]]
    assert citations and all(s["document"] == "nk-troops-article" and s["quote"] for s in citations)


def test_nato_withholding_confirmation_disputes_nothing(invoke) -> None:
    """Rutte withheld confirmation of participation in the fighting; he denied nothing the NIS said."""
    nato = json.loads(invoke("show", "nato-rutte-no-confirmation-nk-participation", "--data", DATA,
                             "--format", "json").stdout)
    assert nato["disputes"] == [] and nato["property"] == "active-participation-in-ukraine-war-confirmed"
    nis = json.loads(invoke("show", "nis-troops-dispatched", "--data", DATA, "--format", "json").stdout)
    assert [i for i in nis["incoming"] if i["relation"] == "disputes"] == []


def test_claims_are_attributed_to_whoever_s_words_they_are(invoke) -> None:
    claims = {c["id"]: c for c in json.loads(invoke("list", "--data", DATA, "--format", "json").stdout)}
    # The article characterises Zelensky and quotes none of his words: its claims, about him.
    for claim_id in ("publisher-zelensky-hinted-nuclear-capabilities", "publisher-zelensky-seeks-western-support"):
        assert claims[claim_id]["sources"][0]["source"] == "article-publisher"
        assert claims[claim_id]["subject"] == "volodymyr-zelensky"
    # Starmer's words are "act of desperation"; the gloss after them is the article's.
    starmer = claims["uk-starmer-deployment-act-of-desperation"]
    assert "dire" not in starmer["sources"][0]["quote"] and starmer["value"] is True
    assert claims["publisher-russian-forces-dire-situation"]["sources"][0]["source"] == "article-publisher"
    # The cumulative munitions total is dated as of its time, not as a range from 2023-08.
    assert claims["nis-munitions-supplied"]["date"] == "2024-10"
    # One unit for troop counts; the prisoner exchange tied to its event.
    assert {claims[i]["value"]["unit"] for i in ("nis-troops-dispatched", "nis-troops-planned")} == {"soldiers"}
    assert claims["publisher-prisoner-exchange-95"]["qualifiers"] == {"exchange": "uae-mediated-2024-10"}


def test_the_bundled_ledger_cross_checks_clean(invoke) -> None:
    result = invoke("check", "--data", DATA, "--format", "json", "--all")
    assert result.exit_code == 0, result.output
    kinds = {f["kind"] for f in json.loads(result.stdout)["findings"]}
    assert not kinds & {"conflict", "known-dispute", "stale-assessment", "duplicate-claim", "uneven-qualifiers"}
    sources = json.loads(invoke("sources", "--data", DATA, "--format", "json").stdout)
    assert next(s for s in sources if s["id"] == "NIS")["depends_on"] == []


def test_source_nato_includes_its_secretary_general(invoke) -> None:
    result = invoke("list", "--data", DATA, "--source", "nato", "--format", "json")
    assert result.exit_code == 0, result.output
    assert any("confirmation" in c["statement"] for c in json.loads(result.stdout))


def test_dates_are_no_more_precise_than_the_article(invoke) -> None:
    """The article gives months at most: no claim or citation may carry a day."""
    claims = json.loads(invoke("list", "--data", DATA, "--format", "json").stdout)
    dates = []
    for c in claims:
        for date in (c["date"], *(s["date"] for s in c["sources"])):
            if isinstance(date, dict):
                dates.extend(date.values())
            elif date is not None:
                dates.append(date)
    assert dates
    assert [d for d in dates if not re.fullmatch(r"\d{4}(-\d{2})?", d)] == []
