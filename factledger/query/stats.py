"""Counts over claims, for `factledger stats`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from factledger.model.entries import Claim, Ledger


def statistics(claims: Iterable[Claim], ledger: Ledger) -> dict[str, dict[str, int]]:
    """Claims counted by source (originator), status, subject, tag and month (of the claim's date's start).

    Each table is sorted by count, most first, then by name; a claim counts once per source and tag.
    """
    by: dict[str, Counter[str]] = {name: Counter() for name in ("source", "status", "subject", "tag", "month")}
    for claim in claims:
        for source in claim.originators():
            by["source"][source] += 1
        by["status"][claim.status] += 1
        by["subject"][claim.subject or "(none)"] += 1
        for tag in claim.tags:
            by["tag"][tag] += 1
        # An open range counts in the month (or year) of the end it has.
        point = (claim.date.start or claim.date.end) if claim.date is not None else None
        month = ((f"{point.year:04d}-{point.month:02d}" if point.month else f"{point.year:04d}") if point
                 else "(undated)")
        by["month"][month] += 1
    result = {}
    for name, counter in by.items():
        key = (lambda item: item[0]) if name == "month" else (lambda item: (-item[1], item[0]))
        result[name] = dict(sorted(counter.items(), key=key))
    return result
