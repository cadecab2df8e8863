"""What the keeper declares about questions and verdicts, beside the claims: the top-level ``questions``
section (a question that is a running total) and ``scales`` (a team's own rating labels).

A declared question names a property, and a subject unless it means that property of every subject,
and the qualifiers it applies to exactly as a claim names them (none given: the question without
qualifiers), so that "deaths (measure: count)" can be a running total while "deaths (measure:
forecast)" is not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from factledger.model.entries import QuestionKey, Ref
from factledger.problems.diagnostics import Location


@dataclass(slots=True)
class QuestionRule:
    """One entry of the ``questions`` section."""

    property: str
    location: Location
    subject: str | None = None  # None: this property of every subject
    qualifiers: dict[str, str] = field(default_factory=dict)
    cumulative: bool = False  # a running total: it never falls, and a later figure at or above an earlier one agrees
    field_locations: Mapping[str, Location] = field(default_factory=dict)  # dict, or the cache's Places

    def key(self, subject: str | None = None) -> QuestionKey:
        """The question this entry declares, for ``subject`` when it names none of its own."""
        return QuestionKey.of(self.subject or subject or "", self.property, self.qualifiers)

    def matches(self, key: QuestionKey) -> bool:
        return self.key(key.subject) == key

    def __str__(self) -> str:
        return str(self.key("*")) if self.subject is None else str(self.key())


def cumulative_questions(rules: Iterable[QuestionRule]) -> CumulativeIndex:
    return CumulativeIndex([r for r in rules if r.cumulative])


class CumulativeIndex:
    """Which questions are running totals: asked once per question, answered from the declarations."""

    def __init__(self, rules: list[QuestionRule]) -> None:
        self._exact = {r.key() for r in rules if r.subject is not None}
        self._any_subject = {r.key("").property_and_qualifiers() for r in rules if r.subject is None}

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, QuestionKey):
            return False
        return key in self._exact or key.property_and_qualifiers() in self._any_subject


@dataclass(slots=True)
class RatingScale:
    """One entry of the ``scales`` section: a rating scale of the ledger's own, label by label, read by
    `import claimreview` before the bundled table (docs/ratings.md)."""

    id: str
    location: Location
    labels: dict[str, str] = field(default_factory=dict)  # label as published → verdict (a claim status)
    language: str | None = None
    publishers: list[Ref] = field(default_factory=list)  # sources whose reviews are read on this scale first
    notes: str | None = None
    field_locations: Mapping[str, Location] = field(default_factory=dict)  # dict, or the cache's Places
