"""Where stages put what they find: each finding made once, with its sides and question, here."""

from __future__ import annotations

from collections.abc import Iterable

from factledger.check.facts import Facts
from factledger.check.findings import Finding
from factledger.model.entries import Claim
from factledger.problems.diagnostics import Location


class Sink:
    def __init__(self, facts: Facts) -> None:
        self._facts = facts
        self.findings: list[Finding] = []

    def emit(self, code: str, message: str, claims: Iterable[Claim], suggestion: str | None = None,
             sides: bool = True, reason: str | None = None, locations: tuple[Location, ...] | None = None) -> None:
        facts = self._facts
        chosen = list(claims)
        if len(chosen) == 1:  # most findings (every claim on one origin is one): the same, without the sets
            only = chosen[0]
            subject, question, sources = only.subject, only.question(), facts.sources[only.id]
            prop = only.property if subject is not None else None
        else:
            subjects = {c.subject for c in chosen}
            properties = {c.property for c in chosen}
            keys = {c.question() for c in chosen}
            subject = subjects.pop() if len(subjects) == 1 else None
            prop = properties.pop() if len(properties) == 1 and subject is not None else None
            question = keys.pop() if len(keys) == 1 else None
            sources = tuple(dict.fromkeys(s for c in chosen for s in facts.sources[c.id]))
        self.findings.append(Finding(
            code=code, message=message, claims=tuple(c.id for c in chosen), sources=sources,
            subject=subject, property_name=prop,
            locations=locations if locations is not None else tuple(c.location for c in chosen),
            sides=tuple(facts.side(c) for c in chosen) if sides else (), suggestion=suggestion, reason=reason,
            questions=tuple((c.subject, c.property) for c in chosen),
            question=question))
