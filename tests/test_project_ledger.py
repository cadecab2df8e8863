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


def test_nato_statement_disputes_the_nis_deployment_claim(invoke) -> None:
    result = invoke("show", "nis-troops-dispatched", "--data", DATA, "--format", "json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    disputers = [i["claim"] for i in shown["incoming"] if i["relation"] == "disputes"]
    assert disputers
    nato = json.loads(invoke("show", disputers[0], "--data", DATA, "--format", "json").stdout)
    assert nato["sources"][0]["source"].upper().startswith("NATO")


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
