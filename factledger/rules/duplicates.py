"""Every id is defined once (FL201)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Protocol

from factledger.model.ids import fold
from factledger.problems.diagnostics import Diagnostic, Location, make
from factledger.rules.base import RuleContext


class _Entry(Protocol):
    """What every kind of entry has: an id, and where it and each of its fields are written."""

    @property
    def id(self) -> str: ...
    @property
    def location(self) -> Location: ...
    @property
    def field_locations(self) -> Mapping[str, Location]: ...


def _duplicates(kind: str, entries: Iterable[_Entry]) -> Iterator[Diagnostic]:
    seen: dict[str, list[_Entry]] = {}
    for entry in entries:
        key = fold(kind, entry.id)
        seen.setdefault(key, []).append(entry)
    for group in seen.values():
        if len(group) < 2:
            continue
        for entry in group:  # every place is reported, so the user sees both sides wherever they look
            others = ", ".join(str(o.field_locations.get("id", o.location))
                               for o in group if o is not entry)
            where = entry.field_locations.get("id", entry.location)
            yield make("FL201", f"{kind} id '{entry.id}' is defined more than once (also at {others})",
                       where)


def check_duplicate_ids(ctx: RuleContext) -> Iterator[Diagnostic]:
    ledger = ctx.ledger
    yield from _duplicates("source", ledger.sources)
    yield from _duplicates("document", ledger.documents)
    yield from _duplicates("claim", ledger.claims)
    yield from _duplicates("assessment", ledger.assessments)
    yield from _duplicates("review", ledger.reviews)
    yield from _duplicates("scale", ledger.scales)
