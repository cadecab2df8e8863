"""Every id is defined once (FL201)."""

from __future__ import annotations

from typing import Iterable, Iterator

from factledger.problems.diagnostics import Diagnostic, make
from factledger.rules.base import RuleContext
from factledger.model.ids import fold


def _duplicates(kind: str, entries: Iterable[object]) -> Iterator[Diagnostic]:
    seen: dict[str, list[object]] = {}
    for entry in entries:
        key = fold(kind, entry.id)  # type: ignore[attr-defined]
        seen.setdefault(key, []).append(entry)
    for group in seen.values():
        if len(group) < 2:
            continue
        for entry in group:  # every place is reported, so the user sees both sides wherever they look
            others = ", ".join(str(o.field_locations.get("id", o.location))  # type: ignore[attr-defined]
                               for o in group if o is not entry)
            where = entry.field_locations.get("id", entry.location)  # type: ignore[attr-defined]
            yield make("FL201", f"{kind} id '{entry.id}' is defined more than once (also at {others})",  # type: ignore[attr-defined]
                       where)


def check_duplicate_ids(ctx: RuleContext) -> Iterator[Diagnostic]:
    ledger = ctx.ledger
    yield from _duplicates("source", ledger.sources)
    yield from _duplicates("document", ledger.documents)
    yield from _duplicates("claim", ledger.claims)
    yield from _duplicates("assessment", ledger.assessments)
    yield from _duplicates("review", ledger.reviews)
