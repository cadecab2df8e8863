"""Dates and values: parsing, the periods they cover, how they are shown."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factledger.model.entries import DateError, DateSpan, PartialDate, Value, format_number


@given(st.dates(min_value=dt.date(1, 1, 1)), st.sampled_from(["year", "month", "day"]))
def test_a_partial_date_covers_its_whole_period_and_round_trips(day: dt.date, precision: str) -> None:
    text = {"year": f"{day.year:04d}", "month": f"{day.year:04d}-{day.month:02d}", "day": day.isoformat()}[precision]
    date = PartialDate.parse(text)
    assert str(date) == text
    assert date.first() <= day <= date.last()
    if precision == "day":
        assert date.first() == date.last() == day
    if precision == "month":
        assert (date.last() + dt.timedelta(days=1)).day == 1
    if precision == "year":
        assert (date.first().month, date.first().day, date.last().month, date.last().day) == (1, 1, 12, 31)


@pytest.mark.parametrize("text, impossible", [
    ("2024-02-30", True), ("2023-02-29", True), ("2024-00", True), ("2024-13-01", True), ("0000", True),
    ("2024-1", False), ("24-10", False), ("October 2024", False), ("2024/10", False), ("2024-10-01T00:00", False),
])
def test_bad_dates_say_whether_they_are_malformed_or_impossible(text: str, impossible: bool) -> None:
    with pytest.raises(DateError) as caught:
        PartialDate.parse(text)
    assert caught.value.impossible is impossible


def test_leap_day_exists_in_leap_years() -> None:
    assert PartialDate.parse("2024-02-29").last() == dt.date(2024, 2, 29)


def test_open_ranges() -> None:
    since = DateSpan(PartialDate(2023, 8), None, True)
    assert since.first() == dt.date(2023, 8, 1) and since.last() is None
    assert str(since) == "2023-08.." and since.to_data() == {"from": "2023-08"}


@pytest.mark.parametrize("value, shown", [
    (Value("approx", number=1500, unit="soldiers"), "≈1,500 soldiers"),
    (Value("at_most", number=12000), "≤12,000"),
    (Value("more_than", number=8000000, unit="munitions"), ">8,000,000 munitions"),
    (Value("exact", number=95, unit="prisoners"), "95 prisoners"),
    (Value("range", low=10, high=20.5), "10–20.5"),
    (Value("text", text="confirmed"), "confirmed"),
    (Value("boolean", flag=False), "false"),
])
def test_values_show_their_hedge(value: Value, shown: str) -> None:
    assert str(value) == shown


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_format_number_groups_thousands_without_changing_the_number(n: int) -> None:
    assert int(format_number(n).replace(",", "")) == n
