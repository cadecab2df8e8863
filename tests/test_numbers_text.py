"""Figures read from text (model/numbers.py), as `add --value`, FL121's suggestion and `fix` use them: a scale
word said once after a range, hedges written after the figure, and readings that are not certain kept out of
the safe fixes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factledger.edit.fixes import quantity_fix
from factledger.model.entries import Value
from factledger.model.numbers import parse_quantity, reading_doubt, second_reading


@pytest.fixture
def ledger(write_ledger) -> Path:
    return write_ledger({
        "sources.yaml": "sources:\n  - {id: NIS, name: National Intelligence Service, kind: intelligence}\n",
        "claims/north-korea.yaml": "claims:\n- {id: c0, statement: Earlier., subject: north-korea, property: troops, "
                                   "sources: [{source: NIS}]}\n"})


SCALES = {"k": 10**3, "thousand": 10**3, "million": 10**6, "m": 10**6, "bn": 10**9, "billion": 10**9}


@pytest.mark.parametrize("written, fields", [
    ("between 2 and 3 million", {"low": 2000000, "high": 3000000}),
    ("2-3 million", {"low": 2000000, "high": 3000000}),
    ("2.5-3.5 million", {"low": 2500000, "high": 3500000}),
    ("1-2k", {"low": 1000, "high": 2000}),
    ("3 to 4 thousand", {"low": 3000, "high": 4000}),
    ("from 10 to 20 thousand soldiers", {"low": 10000, "high": 20000, "unit": "soldiers"}),
    ("2 million-3 million", {"low": 2000000, "high": 3000000}),
    ("500k-2 million", {"low": 500000, "high": 2000000}),
    ("between 500 and 2 million", {"low": 500, "high": 2000000}),  # the scale would make the range run backwards
    ("10,000-12,000", {"low": 10000, "high": 12000}),
])
def test_a_scale_said_once_after_a_range_applies_to_both_ends(written: str, fields: dict) -> None:
    parsed = parse_quantity(written)
    assert parsed is not None and parsed == ("range", fields)


@pytest.mark.parametrize("written, kind, fields", [
    ("1,500 or more", "at_least", {"at_least": 1500}),
    ("1500 or more soldiers", "at_least", {"at_least": 1500, "unit": "soldiers"}),
    ("1500 soldiers or more", "at_least", {"at_least": 1500, "unit": "soldiers"}),
    ("1500 and more", "at_least", {"at_least": 1500}),
    ("1500 or above", "at_least", {"at_least": 1500}),
    ("1500 plus", "at_least", {"at_least": 1500}),
    ("1500 +", "at_least", {"at_least": 1500}),
    ("12,000+ soldiers", "at_least", {"at_least": 12000, "unit": "soldiers"}),
    ("1500 or less", "at_most", {"at_most": 1500}),
    ("1500 or fewer", "at_most", {"at_most": 1500}),
    ("1500 people or fewer", "at_most", {"at_most": 1500, "unit": "people"}),
    ("1500 or so", "approx", {"approx": 1500}),
    ("1500 killed or wounded", "exact", {"exact": 1500, "unit": "killed or wounded"}),
])
def test_a_hedge_after_the_figure_is_the_hedge_not_a_unit(written: str, kind: str, fields: dict) -> None:
    assert parse_quantity(written) == (kind, fields)


@pytest.mark.parametrize("written", ["about 1500 or more", "at least 1500 or less", "1500 or more or less",
                                     "up to 1500+", "1500 or more soldiers or more", "12,000 killed: or more"])
def test_two_hedges_on_one_figure_are_not_a_reading(written: str) -> None:
    assert parse_quantity(written) is None


@pytest.mark.parametrize("written, other", [
    ("2-3,000", {"low": 2000, "high": 3000}),
    ("10-12,000 soldiers", {"low": 10000, "high": 12000, "unit": "soldiers"}),
    ("between 2 and 3 000 000", {"low": 2000000, "high": 3000000}),
])
def test_a_range_whose_first_end_may_share_the_seconds_thousands_reads_two_ways(written: str, other: dict) -> None:
    assert second_reading(written) == other
    assert quantity_fix(written) is None  # no fix at all: neither reading is certain


@pytest.mark.parametrize("written", ["500-3,000", "1,000-3,000", "2-3000", "2-3 million", "0-3,000", "1-1,000",
                                     "1500"])
def test_a_range_that_reads_one_way_has_no_second_reading(written: str) -> None:
    assert second_reading(written) is None


@pytest.mark.parametrize("written, fixed, safe", [
    ("2-3 million", "{low: 2000000, high: 3000000}", True),
    ("1-2k", "{low: 1000, high: 2000}", True),
    ("between 500 and 2 million", "{low: 500, high: 2000000}", False),  # or 500,000? the writer must say
    ("2 million to 3", "{low: 3, high: 2000000}", False),  # backwards only through the scale word
    ("between 3 million and 2 million", "{low: 2000000, high: 3000000}", True),  # backwards, each end scaled
    ("1,500 or more", "{at_least: 1500}", False),  # 1,500: thousands, or one and a half
    ("1500 or more", "{at_least: 1500}", True),
    ("12000 or fewer", "{at_most: 12000}", True),
    # An abbreviated figure with no hedge is read as written (exact), but whether the writer rounded it is
    # the analyst's call, so the fix is not applied unasked.
    ("25k", "25000", False),
    ("1.5 million", "1500000", False),
    ("about 25k", "{approx: 25000}", True),
    ("over 1.5 million", "{more_than: 1500000}", True),
])
def test_only_certain_readings_are_safe_fixes(written: str, fixed: str, safe: bool) -> None:
    assert quantity_fix(written) == (fixed, safe)


positive = st.decimals(min_value=Decimal("0.1"), max_value=Decimal(999), places=1)


@given(positive, positive, st.sampled_from(sorted(SCALES)), st.sampled_from(["-", " to ", "–"]))
def test_any_range_with_one_scale_after_it_reads_as_both_ends_scaled(a: Decimal, b: Decimal, scale: str,
                                                                    dash: str) -> None:
    low, high = sorted((a, b))
    if low == high:
        return
    space = "" if scale in ("k", "m") else " "
    parsed = parse_quantity(f"{low.normalize():f}{dash}{high.normalize():f}{space}{scale}")
    assert parsed is not None
    assert parsed[1] == {"low": low * SCALES[scale], "high": high * SCALES[scale]}


@given(st.integers(min_value=1, max_value=10**9), st.sampled_from(["or more", "and more", "plus", "+", "or less",
                                                                   "or fewer", "or so"]))
def test_a_hedge_after_any_figure_reads_as_its_kind(n: int, hedge: str) -> None:
    kind = {"or less": "at_most", "or fewer": "at_most", "or so": "approx"}.get(hedge, "at_least")
    assert parse_quantity(f"{n} {hedge}") == (kind, {kind: n})


def test_add_writes_both_ends_of_a_scaled_range(invoke, ledger: Path) -> None:
    before = (ledger / "claims" / "north-korea.yaml").read_bytes()
    result = invoke("add", "--data", str(ledger), "--statement", "Two to three million were sent.", "--source",
                    "NIS", "--value", "between 2 and 3 million", "--subject", "north-korea", "--property", "troops",
                    "--dry-run")
    assert result.exit_code == 0, result.output
    assert "value: {low: 2000000, high: 3000000}" in result.stdout, result.output
    assert (ledger / "claims" / "north-korea.yaml").read_bytes() == before  # a dry run writes nothing


def test_add_says_what_a_reading_assumed(invoke, ledger: Path) -> None:
    result = invoke("add", "--data", str(ledger), "--statement", "Some were sent.", "--source", "NIS",
                    "--value", "500 to 2 million", "--subject", "north-korea", "--property", "troops", "--dry-run")
    assert result.exit_code == 0, result.output
    assert ("value {low: 500, high: 2000000} read from '500 to 2 million': the scale word may be meant for '500' "
            "too") in " ".join(result.output.split()), result.output


def test_an_unsafe_fix_says_what_its_reading_assumed(invoke, write_ledger) -> None:
    data = write_ledger({"ledger.yaml": LEDGER.replace('"2-3 million"', '"25k"')})
    result = invoke("fix", "--data", str(data))
    assert result.exit_code == 0, result.output
    assert ("FL121 has an unsafe fix (writes 25000 for '25k'; '25k' may be rounded, which {approx: 25000} would "
            "say)") in " ".join(result.output.split()), result.output
    assert '"25k"' in (data / "ledger.yaml").read_text(encoding="utf-8")


def test_add_will_not_guess_a_range_that_reads_two_ways(invoke, ledger: Path) -> None:
    result = invoke("add", "--data", str(ledger), "--statement", "Some were sent.", "--source", "NIS",
                    "--value", "2-3,000", "--subject", "north-korea", "--property", "troops", "--dry-run")
    assert result.exit_code == 2, result.output
    assert "reads two ways" in result.stderr and "2,000" in result.stderr


LEDGER = """\
sources:
  - {id: NIS, name: National Intelligence Service, kind: intelligence}
claims:
  - id: c1
    statement: Troops were sent.
    value: "2-3 million"
    sources: [{source: NIS}]
  - id: c2
    statement: More were sent.
    value: "1500 or more"
    sources: [{source: NIS}]
  - id: c3
    statement: Some were sent.
    value: "2-3,000"
    sources: [{source: NIS}]
"""


def test_fl121_and_fix_write_the_scaled_range_and_leave_the_two_way_one(invoke, write_ledger) -> None:
    data = write_ledger({"ledger.yaml": LEDGER})
    found = invoke("validate", "--data", str(data))
    assert found.exit_code == 0, found.output
    assert 'write {low: 2000000, high: 3000000} for "2-3 million"' in found.stdout, found.output
    assert 'write {at_least: 1500} for "1500 or more"' in found.stdout, found.output
    assert ('write {low: 2, high: 3000} for "2-3,000" (or {low: 2000, high: 3000}, if both figures are in '
            'thousands)') in " ".join(found.stdout.split()), found.output
    fixed = invoke("fix", "--data", str(data))
    assert fixed.exit_code == 0, fixed.output
    text = (data / "ledger.yaml").read_text(encoding="utf-8")
    assert text == (LEDGER.replace('"2-3 million"', "{low: 2000000, high: 3000000}")
                    .replace('"1500 or more"', "{at_least: 1500}")), text


@given(st.sampled_from(["exact", "approx", "at_least", "at_most", "more_than", "less_than"]),
       st.integers(min_value=-10**12, max_value=10**12), st.sampled_from([None, "people", "killed or wounded"]))
def test_a_value_written_as_a_report_writes_it_reads_back_as_the_same_value(kind: str, n: int,
                                                                         unit: str | None) -> None:
    shown = Value(kind, number=n, unit=unit).display(prose=True)
    assert parse_quantity(shown) == (kind, {kind: n, **({"unit": unit} if unit else {})}), shown


@pytest.mark.parametrize("text", ["1500 more or less", "1500 plus or minus", "1500 or more than that", "100+ million",
                                  "100 plus million", "2 or so thousand", "1500 at most", "1500 approximately",
                                  "1500 give or take", "1500 and counting", "1500 odd", "over-1500"])
def test_a_hedge_or_a_scale_left_over_is_no_reading(text: str) -> None:
    # Found by a review: each was read with the words left over as its unit (or a minus sign), and fixed safely.
    assert parse_quantity(text) is None


@pytest.mark.parametrize("text, unit", [("1500 killed or wounded", "killed or wounded"),
                                        ("1,500 rounds of ammunition", "rounds of ammunition")])
def test_a_unit_of_several_words_is_still_a_unit(text: str, unit: str) -> None:
    assert parse_quantity(text) == ("exact", {"exact": 1500, "unit": unit})


@pytest.mark.parametrize("text", ["1990-95", "5--3", "between 1,000 and 500"])
def test_a_range_written_backwards_is_read_but_never_fixed_unasked(text: str) -> None:
    assert parse_quantity(text) is not None
    assert reading_doubt(text) is not None and "backwards" in str(reading_doubt(text))
