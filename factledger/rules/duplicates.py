"""Every id is defined once (FL201)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Protocol

from factledger.problems.diagnostics import Diagnostic, Location, make
from factledger.rules.base import RuleContext
from factledger.rules.indexes import KINDS


class _Entry(Protocol):
    """What every kind of entry has: an id, and where it and each of its fields are written."""

    @property
    def id(self) -> str: ...
    @property
    def location(self) -> Location: ...
    @property
    def field_locations(self) -> Mapping[str, Location]: ...


def _duplicates(kind: str, groups: Iterable[list[_Entry]]) -> Iterator[Diagnostic]:
    for group in groups:
        for entry in group:  # every place is reported, so the user sees both sides wherever they look
            others = ", ".join(str(o.field_locations.get("id", o.location))
                               for o in group if o is not entry)
            where = entry.field_locations.get("id", entry.location)
            yield make("FL201", f"{kind} id '{entry.id}' is defined more than once (also at {others})",
                       where)


def check_duplicate_ids(ctx: RuleContext) -> Iterator[Diagnostic]:
    for kind in KINDS:
        yield from _duplicates(kind, ctx.indexes.duplicated(kind))
