"""What a fresh-eyes analyst called false on a death-toll ledger (issue 19b): each test's docstring is the
analyst's sentence, checked against a fixture where it is true and a near miss where the view must not say
it. The fixtures (tests/fixtures/check/) are small ledgers written in the image of the case."""

from __future__ import annotations

import json

from support import FIXTURES

CHECK = FIXTURES / "check"


def _questions(invoke, folder, *args: str) -> dict:
    result = invoke("questions", "--data", str(folder), "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return {(q["subject"], q["property"]): q for q in json.loads(result.stdout)["questions"]}


def _findings(invoke, folder, *args: str) -> list[dict]:
    result = invoke("check", "--all", "--data", str(folder), "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["findings"]


# -- 1. a relay restating its origin -------------------------------------------------------------------

def test_a_relay_restating_its_origins_figure_updates_nothing(invoke) -> None:
    """"OCHA's 17 Sept relay of WHO's 16 Sept figure is the same origin and the same number: a restatement,
    never an inferred update", in check, questions, the timeline and the markdown."""
    folder = CHECK / "relay-restates-its-origin"
    updated = [f["claims"] for f in _findings(invoke, folder) if f["kind"] == "superseded"]
    assert ["agency-day1", "office-relay-day2"] not in updated and ["agency-day5", "office-relay-day6"] not in updated
    deaths = _questions(invoke, folder)[("flood", "deaths")]
    assert {s["claim"] for s in deaths["superseded"]} == {"agency-day1", "office-relay-day2"}  # by agency-day5
    timeline = invoke("timeline", "--data", str(folder), env={"COLUMNS": "200"}).stdout
    assert "superseded: agency-day1 by agency-day5; office-relay-day2 by agency-day5" in " ".join(timeline.split())
    markdown = invoke("export", "markdown", "--data", str(folder)).stdout
    assert '"2026-09-21 AGENCY ~4100"' in markdown  # the last copy, not labelled superseded


def test_a_relay_carrying_a_new_number_still_updates(invoke) -> None:
    """Near miss: "the agency's 'more than 3,958' updates its 3,958" (the count has passed it)."""
    updated = [f["claims"] for f in _findings(invoke, CHECK / "relay-then-a-new-figure") if f["kind"] == "superseded"]
    assert ["agency-day1", "agency-day3"] in updated and ["office-relay-day2", "office-relay-day4"] in updated


# -- 4. a figure its own source disowns ----------------------------------------------------------------

def test_a_disowned_figure_is_no_position_and_nothing_falls_below_it(invoke) -> None:
    """"The Red Crescent said it never gave the 11,300 attributed to it: it is out of the positions and the
    camps, no later count falls below it, it is reported once (disowned), and listed apart"."""
    folder = CHECK / "disowned-takes-part-in-nothing"
    about = [f["kind"] for f in _findings(invoke, folder) if "wire-society-11300" in f["claims"]]
    assert about == ["disowned"]
    deaths = _questions(invoke, folder)[("flood", "deaths")]
    assert deaths["positions"] == ["ministry-3400"] and "wire-society-11300" not in json.dumps(deaths["camps"])
    assert [(d["claim"], d["by"]) for d in deaths["disowned"]] == [("wire-society-11300", "society-never-said")]
    assert deaths["retracted"] == []
    text = " ".join(invoke("questions", "--data", str(folder), env={"COLUMNS": "200"}).stdout.split())
    assert "3 claims, 1 disowned; current positions: ministry-3400" in text
    timeline = " ".join(invoke("timeline", "--data", str(folder), env={"COLUMNS": "200"}).stdout.split())
    assert "not drawn: wire-society-11300 (disowned" in timeline
    shown = json.loads(invoke("show", "wire-society-11300", "--data", str(folder), "--format", "json").stdout)
    assert shown["camp"] == "not a position: disputed by its own source (SOCIETY) in society-never-said"


def test_a_figure_another_source_disputes_still_stands(invoke) -> None:
    """Near miss: a newspaper doubting the 11,300 is no disowning: it stays a position, and the later counts
    below it are a running total that fell."""
    folder = CHECK / "disputed-by-another-still-counts"
    kinds = sorted(f["kind"] for f in _findings(invoke, folder) if "wire-society-11300" in f["claims"])
    assert kinds == ["conflict", "conflict", "known-dispute", "uncorroborated"]
    deaths = _questions(invoke, folder)[("flood", "deaths")]
    assert "wire-society-11300" in deaths["positions"] and deaths["disowned"] == []


# -- 2. a running total that grew the same day -----------------------------------------------------------

def test_a_running_total_that_grew_the_same_day_withdrew_nothing(invoke) -> None:
    """"The ministry's 3,166 and then 3,252 on 16 Sept is a count that grew: the 3,166 stood when said, is
    history, stays on the chart, and was never withdrawn"."""
    folder = CHECK / "running-total-grows-the-same-day"
    found = _findings(invoke, folder)
    assert not [f for f in found if f["kind"] == "historical-conflict" or "withdrawn" in f["message"]
                or "no longer stands" in f["message"]]
    assert ["agency-3958", "ministry-3166"] in [f["claims"] for f in found if f["kind"] == "conflict"]
    timeline = " ".join(invoke("timeline", "--data", str(folder), env={"COLUMNS": "200"}).stdout.split())
    assert "not drawn" not in timeline and "superseded: ministry-3166 by ministry-3252" in timeline
    markdown = invoke("export", "markdown", "--data", str(folder)).stdout
    assert '"2026-09-16 MINISTRY 3166 superseded"' in markdown and "Not plotted" not in markdown


def test_a_same_day_correction_downward_is_withdrawn(invoke) -> None:
    """Near miss: "the ministry corrected its 5,200 to 5,000 the same day: the 5,200 no longer stands for it"."""
    folder = CHECK / "same-day-correction-is-withdrawn"
    assert [f["claims"] for f in _findings(invoke, folder) if f["kind"] == "historical-conflict"] == [
        ["agency-5600", "ministry-5200"]]
    timeline = " ".join(invoke("timeline", "--data", str(folder), env={"COLUMNS": "200"}).stdout.split())
    assert "not drawn: ministry-5200 (withdrawn" in timeline


# -- 3. a running total's figures whose order is unknown ---------------------------------------------------

def test_figures_of_a_running_total_that_nothing_orders_are_no_conflict(invoke) -> None:
    """"The committee's 3,845, dated only September, may be later than the minister's 3,252 of 16 Sept: a
    growing total is consistent with them", nor is it a narrow gap."""
    found = _findings(invoke, CHECK / "running-total-order-unknown")
    apart = [f["claims"] for f in found if f["kind"] in ("conflict", "narrow-gap")]
    assert not [pair for pair in apart if {"committee-3845", "spokesperson-4000"} & set(pair)]
    assert ["interior-5300", "ministry-3252"] in apart  # ordered: 12 Sept, then 16 Sept


def test_a_running_totals_figures_of_the_same_day_or_in_known_order_still_conflict(invoke) -> None:
    """Near miss: "the agency's 2,900 and the ministry's 3,252 of the same day disagree", and "2 October's
    3,100 is below September's 3,845"."""
    found = _findings(invoke, CHECK / "running-total-same-day-differs")
    assert sorted(f["claims"] for f in found if f["kind"] == "conflict") == [
        ["agency-2900", "ministry-3252"], ["committee-3845", "registry-3100-october"]]


# -- 5. a running total that fell below an open bound -----------------------------------------------------

def test_a_later_count_below_an_open_bound_is_a_fall_whatever_else_passed_it(invoke) -> None:
    """"The health ministry's later counts are all below the interior ministry's 'more than 5,300': a fall,
    whatever else passed 5,300"; the bound stays in the camps, never "passed since"."""
    folder = CHECK / "running-total-falls-below-a-bound"
    falls = [f["claims"] for f in _findings(invoke, folder) if f["kind"] == "conflict"]
    assert ["interior-5300", "ministry-3252"] in falls and ["ambassador-6000", "ministry-3252"] in falls
    deaths = _questions(invoke, folder)[("flood", "deaths")]
    assert deaths["earlier"] == [] and "interior-5300" in json.dumps(deaths["camps"])


def test_an_open_bound_the_count_has_passed_is_no_conflict(invoke) -> None:
    """Near miss: "'more than 5,300', then 5,400 and 6,100: the count has passed it"."""
    folder = CHECK / "ok-running-total-passes-a-bound"
    assert not [f for f in _findings(invoke, folder) if f["kind"] == "conflict"]
    deaths = _questions(invoke, folder)[("flood", "deaths")]
    assert [e["claim"] for e in deaths["earlier"]] == ["interior-5300", "ambassador-6000"]


# -- 7. neutral words for a disowning -------------------------------------------------------------------

def test_a_disowning_is_worded_true_whether_the_source_withdrew_or_denied(invoke) -> None:
    """"The Red Crescent did not withdraw the 11,300, it denied ever issuing it": the finding and the views say
    the figure is disputed by its own source, never that the source withdrew it."""
    folder = CHECK / "disowned-takes-part-in-nothing"
    disowned = [f for f in _findings(invoke, folder) if f["kind"] == "disowned"]
    assert [f["message"] for f in disowned] == [
        "society-never-said (SOCIETY, 2026-09-17: false) disputes wire-society-11300 (SOCIETY, 2026-09-14: 11,300): "
        "the figure is disputed by its own source"]
    text = " ".join(invoke("questions", "--data", str(folder), env={"COLUMNS": "200"}).stdout.split())
    assert "disowned: wire-society-11300: SOCIETY 11,300 (2026-09-14), disputed by its own source (SOCIETY) in " \
           "society-never-said (2026-09-17)" in text
    for command in (("check", "--all"), ("questions",), ("show", "wire-society-11300"), ("export", "markdown"),
                    ("timeline",)):
        shown = invoke(*command, "--data", str(folder), env={"COLUMNS": "200"}).stdout
        assert "withdraws the figure" not in shown and "disowned by" not in shown, command


def test_a_newspapers_doubt_is_not_its_own_sources_dispute(invoke) -> None:
    """Near miss: a newspaper doubting the figure is no source disputing its own figure."""
    folder = CHECK / "disputed-by-another-still-counts"
    for command in (("check", "--all"), ("questions",), ("show", "wire-society-11300")):
        assert "its own source" not in invoke(*command, "--data", str(folder)).stdout, command


# -- 6. an imprecise date never inverts a trend ---------------------------------------------------------

def test_a_figure_dated_only_to_a_month_is_drawn_at_its_last_day_and_named(invoke) -> None:
    """"September's 3,845 drawn before 12 Sept makes the count seem to start near 4,000, spike and fall": it is
    drawn at the last day its date allows, labelled with its date as written, and named beside the chart."""
    folder = CHECK / "chart-month-among-days"
    markdown = invoke("export", "markdown", "--data", str(folder)).stdout
    assert "bar [2300, 3252, 3845, 4331]" in markdown and '"2026-09 COMMITTEE 3845"' in markdown
    assert "drawn at the last day its date allows: `committee-3845` (2026-09)." in markdown
    timeline = " ".join(invoke("timeline", "--data", str(folder), env={"COLUMNS": "200"}).stdout.split())
    assert "at the last day its date allows: committee-3845 (2026-09)" in timeline
    drawn = timeline.split("flood / deaths", 1)[1]
    assert drawn.index("emergency-2300") < drawn.index("ministry-3252") < drawn.index("committee-3845") < \
        drawn.index("ministry-4331")


def test_figures_dated_to_months_alone_are_in_the_order_of_their_months(invoke) -> None:
    """Near miss: "August's 2,000, September's 3,000, October's 4,000": in order, nothing named as placed."""
    markdown = invoke("export", "markdown", "--data", str(CHECK / "ok-chart-months-alone")).stdout
    assert "bar [2000, 3000, 4000]" in markdown and "date allows" not in markdown
