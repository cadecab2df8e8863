"""Dates as a ledger writes them: a year, a month or a day (a partial date covers its whole period),
and spans of them (a single date, or a range with either end open)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from factledger.text.escapes import clip

_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")  # ASCII digits only, not \d


class DateError(ValueError):
    """A date that cannot be read (``impossible`` False) or that does not exist (True)."""

    def __init__(self, message: str, impossible: bool) -> None:
        super().__init__(message)
        self.impossible = impossible


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day. It covers the whole of its period."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raises :class:`DateError` saying what is wrong."""
        return _parse_date(text)

    @classmethod
    def _parse(cls, text: str) -> PartialDate:
        match = _DATE.match(text.strip())
        if not match:
            raise DateError(f"'{clip(text)}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD", impossible=False)
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if year == 0:
            raise DateError(f"'{clip(text)}' does not exist: there is no year 0000", impossible=True)
        if month is not None and not 1 <= month <= 12:
            raise DateError(f"'{clip(text)}' does not exist: month must be 01 to 12", impossible=True)
        if day is not None:
            days = cls(year, month).last().day
            if not 1 <= day <= days:
                raise DateError(f"'{clip(text)}' does not exist: {year:04d}-{month:02d} has {days} days",
                                impossible=True)
        return cls(year, month, day)

    def first(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last(self) -> dt.date:
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, self.month, self.day)

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@lru_cache(maxsize=4096)
def _parse_date(text: str) -> PartialDate:
    # A ledger repeats the same few hundred dates; partial dates are immutable, so share them.
    return PartialDate._parse(text)



def periods_overlap(a_first: Any, a_last: Any, b_first: Any, b_last: Any) -> bool:
    """Whether two periods share a day: the one rule for when two times overlap. Ends are comparable
    (days as dates, or as ordinals with infinities); an end that is None is open."""
    return (a_first is None or b_last is None or a_first <= b_last) and \
        (b_first is None or a_last is None or b_first <= a_last)

@dataclass(frozen=True, slots=True)
class DateSpan:
    """A single partial date (``start is end``) or a range with either end open (``None``)."""

    start: PartialDate | None
    end: PartialDate | None
    is_range: bool = False

    @classmethod
    def single(cls, date: PartialDate) -> DateSpan:
        return cls(date, date, False)

    def first(self) -> dt.date | None:
        """The first day covered, or ``None`` when open at the start."""
        return self.start.first() if self.start else None

    def last(self) -> dt.date | None:
        """The last day covered, or ``None`` when open at the end."""
        return self.end.last() if self.end else None

    def overlaps(self, first: dt.date | None, last: dt.date | None) -> bool:
        """Whether this span shares a day with the period from ``first`` to ``last`` (None: open)."""
        return periods_overlap(self.first(), self.last(), first, last)

    def __str__(self) -> str:
        if not self.is_range:
            return str(self.start)
        left = str(self.start) if self.start else ""
        right = str(self.end) if self.end else ""
        return f"{left}..{right}"

    def to_data(self) -> str | dict[str, str]:
        if not self.is_range:
            return str(self.start)
        data: dict[str, str] = {}
        if self.start:
            data["from"] = str(self.start)
        if self.end:
            data["to"] = str(self.end)
        return data
