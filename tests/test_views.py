"""Every view says what the data says (issue 19): each test's docstring is the analyst's sentence the
view implies, checked against a ledger where it is true and a near miss where the view must not say it."""

from __future__ import annotations

import json
import re

from support import FIXTURES

CHECK = FIXTURES / "check"


def _questions(invoke, folder, *args: str) -> dict:
    result = invoke("questions", "--data", str(folder), "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return {(q["subject"], q["property"], tuple(sorted(q["qualifiers"].items()))): q
            for q in json.loads(result.stdout)["questions"]}


def _findings(invoke, folder, *args: str) -> list[dict]:
    result = invoke("check", "--all", "--data", str(folder), "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["findings"]


# -- 1. who may revise whom ---------------------------------------------------------------------

def test_the_origin_revises_itself_and_the_relays_of_its_figure(invoke) -> None:
    """"The aid society revised its missing count from at least 10,100 to 8,000, and with it the office's copy
    of its earlier figure; the successor is the society's first later figure that differs"."""
    missing = _questions(invoke, CHECK / "revision-by-origin")[("quake", "missing", ())]
    assert {"claim": "society-day2", "by": "society-day5"} in missing["superseded"]
    assert {"claim": "office-day3", "by": "society-day5"} in missing["superseded"]  # not society-day4: a restatement
    assert missing["positions"] == ["society-day6"]


def test_a_relay_or_a_member_never_revises_its_origin(invoke) -> None:
    """Near miss: "the office's later copy updates the society's figure" and "the spokesperson updates the
    society" are never said; the society and the health agency keep their positions."""
    questions = _questions(invoke, CHECK / "ok-relay-revises-nothing")
    missing, deaths = questions[("quake", "missing", ())], questions[("quake", "deaths", ())]
    assert missing["superseded"] == [] and deaths["superseded"] == []
    assert "society-day2" in missing["positions"] and "health-day2" in deaths["positions"]


def test_an_inferred_revision_says_so_and_suggests_no_link(invoke) -> None:
    """"The society revised its figure (inferred from its dates)": no 'add supersedes' for a link no source made."""
    superseded = [f for f in _findings(invoke, CHECK / "revision-by-origin") if f["kind"] == "superseded"]
    assert superseded and all(f["suggestion"] is None and "(inferred: " in f["message"] for f in superseded)
    assert any("from SOCIETY, which SOCIETY-SPOX is part of" in f["message"] for f in superseded)
    assert any("from SOCIETY, whose figures OFFICE relays" in f["message"] for f in superseded)


def test_a_supersedes_link_is_suggested_only_where_the_ledger_cannot_order_the_claims(invoke) -> None:
    """"Nothing orders the police's two figures: date their citations, or link them"; between independent
    sources (the near miss) a link would say a source revised another's figure, so none is suggested."""
    unordered = [f for f in _findings(invoke, CHECK / "same-source-unordered") if f["kind"] == "conflict"]
    assert unordered and all("supersedes" in f["suggestion"] for f in unordered)
    independent = [f for f in _findings(invoke, CHECK / "crowd-count") if f["kind"] == "conflict"]
    assert independent and all("supersedes" not in f["suggestion"] for f in independent)


def test_sides_say_when_each_claim_was_said_whenever_its_citations_are_dated(invoke) -> None:
    """"The police said 18,000 on 3 May of the rally of 1 May": a dated claim's side still carries when it
    was said; an undated citation leaves it null."""
    sides = {s["claim"]: s for f in _findings(invoke, CHECK / "crowd-count") for s in f["sides"]}
    assert sides["police-revised"]["date"] == "2026-05-01" and sides["police-revised"]["said"] == "2026-05-03"
    plain = {s["claim"]: s for f in _findings(invoke, CHECK / "FL503-superseded") for s in f["sides"]}
    assert all(s["said"] is None for s in plain.values())


# -- 2. retractions and disownings -------------------------------------------------------------------

def test_a_source_disowning_its_figure_is_in_view(invoke) -> None:
    """"The aid society withdrew the 10,100 figure attributed to it on 2026-02-09": reported though retracted,
    and the question counts it without making it a position ("2 claims, 1 retracted")."""
    assert [f["claims"] for f in _findings(invoke, CHECK / "FL522-disowned") if f["kind"] == "disowned"] == [
        ["disowning", "attributed"]]
    missing = _questions(invoke, CHECK / "FL522-disowned")[("quake", "missing", ())]
    assert missing["claims"] == ["society-count", "attributed"] and missing["positions"] == ["society-count"]
    assert missing["retracted"] == [{"claim": "attributed", "sources": ["SOCIETY"], "value": "10,100",
                                     "date": "2026-02-08", "by": "disowning", "by_sources": ["SOCIETY"],
                                     "when": "2026-02-09"}]
    text = invoke("questions", "--data", str(CHECK / "FL522-disowned"), env={"COLUMNS": "200"}).stdout
    assert "2 claims, 1 retracted; current positions: society-count" in text
    assert "retracted: attributed: SOCIETY 10,100 (2026-02-08), disputed by its own source (SOCIETY) in disowning " \
           "(2026-02-09)" in text


def test_a_newspaper_doubting_a_retracted_figure_is_not_its_source_withdrawing_it(invoke) -> None:
    """Near miss: no 'disowned'; the retracted claim is still listed, as the keeper's marking alone."""
    assert not [f for f in _findings(invoke, CHECK / "ok-dispute-of-a-retracted-claim") if f["kind"] == "disowned"]
    missing = _questions(invoke, CHECK / "ok-dispute-of-a-retracted-claim")[("quake", "missing", ())]
    assert [(r["claim"], r["by"]) for r in missing["retracted"]] == [("attributed", None)]


def test_show_says_a_retracted_claim_is_not_a_position(invoke) -> None:
    """"Retracted: the society disowned it", not "a later claim from its origin stands instead"."""
    shown = json.loads(invoke("show", "attributed", "--data", str(CHECK / "FL522-disowned"), "--format",
                              "json").stdout)
    assert shown["camp"] == "not a position: retracted, disputed by its own source (SOCIETY) in disowning"


# -- 3. edges are not disagreements ----------------------------------------------------------------------

def test_values_apart_only_by_an_edge_are_a_narrow_gap(invoke) -> None:
    """"The mayor's 18,000 to 20,000 and 'could exceed 20,000' meet at 20,000: a narrow gap, not a conflict";
    the near miss ("more than 25,000", "about 4,000" against 4,600) stays a conflict."""
    narrow = _findings(invoke, CHECK / "FL521-narrow-gap")
    assert {f["kind"] for f in narrow} & {"conflict", "narrow-gap"} == {"narrow-gap"}
    assert all(f["severity"] == "warning" for f in narrow if f["kind"] == "narrow-gap")
    wide = _findings(invoke, CHECK / "wide-gap-is-a-conflict")
    assert {f["kind"] for f in wide} & {"conflict", "narrow-gap"} == {"conflict"}


def test_the_spread_spans_every_positions_figure(invoke, write_ledger) -> None:
    """"From about 4,000 (A) to 9,000 (C)": a standing 'nearly 4,000' is inside the spread, never below it."""
    data = write_ledger({"l.yaml": """\
sources: [{id: A, name: A, kind: other}, {id: B, name: B, kind: other}, {id: C, name: C, kind: other}]
claims:
  - {id: a, statement: Nearly 4000., subject: q, property: p, value: {approx: 4000}, date: 2026-02, sources: [{source: A}]}
  - {id: b, statement: 4331., subject: q, property: p, value: 4331, date: 2026-02, sources: [{source: B}]}
  - {id: c, statement: 9000., subject: q, property: p, value: 9000, date: 2026-02, sources: [{source: C}]}
"""})
    assert _questions(invoke, data)[("q", "p", ())]["spread"] == "from ≈4,000 (A) to 9,000 (C)"


def test_an_open_bound_passed_since_does_not_pad_later_camps(invoke) -> None:
    """"Three camps of the estimates of 9 February; the governor's 'at least 250' of day one has been passed";
    near miss: the same bound said on 9 February stands with each camp."""
    stale = _questions(invoke, CHECK / "stale-open-bound")[("quake", "deaths-estimate", ())]
    assert [e["claim"] for e in stale["earlier"]] == ["governor-day1"]
    assert all("governor-day1" not in c["claims"] for c in stale["camps"]) and len(stale["camps"]) == 3
    current = _questions(invoke, CHECK / "open-bound-of-its-time")[("quake", "deaths-estimate", ())]
    assert current["earlier"] == [] and all("governor-day1" in c["claims"] for c in current["camps"])


def test_a_question_is_named_with_its_qualifiers_everywhere(invoke, tmp_path) -> None:
    """"Deaths (measure: count)", never "deaths": a count is not told from a forecast without its qualifiers."""
    folder = CHECK / "running-total-falls"
    shown = invoke("show", "relief-three", "--data", str(folder), env={"COLUMNS": "120"}).stdout
    assert "harbour-fire / deaths (measure: count)" in shown
    assert "harbour-fire / deaths (measure: count)" in invoke("check", "--data", str(folder)).stdout
    markdown = invoke("export", "markdown", "--data", str(folder)).stdout
    assert "**Conflict** (harbour-fire / deaths (measure: count))" in markdown
    database = tmp_path / "l.db"
    assert invoke("export", "sqlite", "--data", str(folder), "-o", str(database)).exit_code == 0
    import sqlite3

    with sqlite3.connect(database) as db:
        assert {q for (q,) in db.execute("select qualifiers from findings where kind = 'conflict'")} == {
            '{"measure": "count"}'}


# -- 4. running totals ------------------------------------------------------------------------------------

def test_a_running_total_that_falls_is_a_conflict_whatever_the_window(invoke) -> None:
    """"A death toll cannot fall: the agency's 3 on 03-05 and the municipality's 4 on 03-08 contradict the
    newspaper's 'at least five dead' of 03-04"; near miss: undeclared, the same claims are never compared."""
    conflicts = sorted(f["claims"] for f in _findings(invoke, CHECK / "running-total-falls")
                       if f["kind"] == "conflict")
    assert conflicts == [["paper-five", "municipality-four"], ["paper-five", "relief-three"]]
    assert not [f for f in _findings(invoke, CHECK / "ok-falling-count-not-declared") if f["kind"] == "conflict"]


def test_a_running_total_that_grew_is_one_story_not_several_camps(invoke) -> None:
    """"Five dead as of 03-08; the agency's 3 and the municipality's 4 were earlier figures": one camp, the rest
    history; the forecast (other qualifiers) is not a running total."""
    questions = _questions(invoke, CHECK / "ok-running-total-grows")
    count = questions[("harbour-fire", "deaths", (("measure", "count"),))]
    assert count["cumulative"] and count["as_of"] == "2026-03-08" and len(count["camps"]) == 1
    assert [e["claim"] for e in count["earlier"]] == ["relief-three", "municipality-four"]
    assert not [f for f in count["findings"] if f["kind"] == "conflict"]
    forecast = questions[("harbour-fire", "deaths", (("measure", "forecast"),))]
    assert not forecast["cumulative"]


# -- 5. charts keep the order of time --------------------------------------------------------------------

def test_the_mermaid_chart_draws_a_rising_count_rising(invoke) -> None:
    """"3, then 4, then at least 5": drawn [3, 4, 5] in date order, the bound labelled as a bound."""
    markdown = invoke("export", "markdown", "--data", str(CHECK / "ok-running-total-grows")).stdout
    chart = re.search(r"```mermaid\n(.*?)```", markdown, re.S)
    assert chart is not None
    assert "bar [3, 4, 5]" in chart.group(1) and '"2026-03-08 DAGBLAD ≥ 5"' in chart.group(1)


def test_charts_leave_out_withdrawn_and_retracted_figures_and_name_them(invoke) -> None:
    """"The police's 12,000 was withdrawn for the same day": not drawn, and named beside the chart."""
    markdown = invoke("export", "markdown", "--data", str(CHECK / "crowd-count")).stdout
    assert "Not plotted: `police-day` (withdrawn: police-revised revised it for the same time)" in markdown
    timeline = invoke("timeline", "--data", str(CHECK / "crowd-count"), env={"COLUMNS": "200"}).stdout
    assert "not drawn: police-day (withdrawn: police-revised revised it for the same time)" in timeline
    assert not re.search(r"police-day\s*$", timeline.split("may-day-rally / attendance", 1)[1].split("not drawn")[0],
                         re.M)


def test_units_are_written_whole_in_chart_labels(invoke, write_ledger) -> None:
    """"Burnt area in km²", "flow in m³/s", "°C", "€": never 'km', 'ms' or 'C'."""
    claims = "".join(
        f"  - {{id: {q}-{i}, statement: s, subject: s, property: {q}, value: {{exact: {i + 1}, unit: \"{unit}\"}}, "
        f"date: 2026-0{i + 1}, sources: [{{source: A}}]}}\n"
        for q, unit in (("area", "km²"), ("flow", "m³/s"), ("heat", "°C"), ("cost", "€")) for i in range(2))
    data = write_ledger({"l.yaml": "sources: [{id: A, name: A, kind: other}]\nclaims:\n" + claims})
    markdown = invoke("export", "markdown", "--data", str(data)).stdout
    for unit in ("km²", "m³/s", "°C", "€"):
        assert f'y-axis "{unit}"' in markdown
