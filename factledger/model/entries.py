"""The ledger's objects. Each knows where in which file it was written.

Built from YAML nodes by :mod:`factledger.schema.build`; read by rules, queries and
renderers. Values and dates are parsed here into forms that can be compared.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from factledger.model.dates import DateError, DateSpan, PartialDate
from factledger.model.ids import fold
from factledger.model.suppressions import Suppression
from factledger.model.vocabulary import QUANTITY_KINDS, RELATIONS
from factledger.problems.diagnostics import Location

if TYPE_CHECKING:
    from factledger.model.questions import QuestionRule, RatingScale

__all__ = ["DateError", "DateSpan", "PartialDate"]  # re-exported: dates live in factledger.model.dates


class Ref(NamedTuple):
    """A reference to another entry by id, with where the reference is written."""

    id: str
    location: Location

    def __str__(self) -> str:
        return self.id


Number = int | float


@dataclass(frozen=True, slots=True)
class Value:
    """What a claim says: a quantity with its hedge, a text, or a boolean.

    ``kind`` is one of :data:`QUANTITY_KINDS`, ``"range"`` (``low``/``high``),
    ``"text"`` or ``"boolean"``. A bare number is ``exact``.
    """

    kind: str
    number: Number | None = None
    low: Number | None = None
    high: Number | None = None
    unit: str | None = None
    text: str | None = None
    flag: bool | None = None

    @property
    def is_numeric(self) -> bool:
        return self.kind in QUANTITY_KINDS or self.kind == "range"

    def ends(self) -> tuple[Number, Number]:
        """A range's low and high, which a range always has (the parser builds none without both)."""
        low, high = self.low, self.high
        assert low is not None and high is not None, self
        return low, high

    def amount(self) -> Number:
        """The number of an exact, approximate or bounded value, which it always has."""
        number = self.number
        assert number is not None, self
        return number

    @property
    def figure(self) -> float:
        """The one number to plot for a numeric value: its number, or a range's middle."""
        if self.kind == "range":
            low, high = self.ends()
            return (float(low) + float(high)) / 2
        return float(self.amount())

    def to_data(self) -> Number | str | bool | dict[str, Number | str]:
        """The value as it would be written in the ledger (normalised)."""
        if self.kind == "text":
            return self.text or ""
        if self.kind == "boolean":
            return bool(self.flag)
        data: dict[str, Number | str] = {}
        if self.kind == "range":
            data["low"], data["high"] = self.ends()
        else:
            data[self.kind] = self.amount()
        if self.unit:
            data["unit"] = self.unit
        return data

    def __str__(self) -> str:
        return self.display()

    def display(self, prose: bool = False) -> str:
        """≈1,500 soldiers, ≤12,000 (compact, for terminals); with ``prose``, as people write it in a
        report: ~1,500 soldiers, up to 12,000, over 8,000,000, and yes/no for booleans."""
        if self.kind == "text":
            return self.text or ""
        if self.kind == "boolean":
            return ("yes" if self.flag else "no") if prose else ("true" if self.flag else "false")
        if self.kind == "range":
            shown = f"{format_number(self.low)}–{format_number(self.high)}"
        else:
            shown = (_PROSE if prose else _SYMBOLS)[self.kind] + format_number(self.number)
        return f"{shown} {self.unit}" if self.unit else shown


_SYMBOLS = {"exact": "", "approx": "≈", "at_least": "≥", "at_most": "≤", "more_than": ">", "less_than": "<"}
_PROSE = {"exact": "", "approx": "~", "at_least": "≥ ", "at_most": "up to ", "more_than": "over ",
          "less_than": "under "}


def format_number(number: Number | None) -> str:
    """1500 → '1,500'; 2.5 → '2.5'; 2.5e20 → '2.5e+20' (never a rounded or mangled figure)."""
    if number is None:
        return "?"
    if isinstance(number, float) and number.is_integer() and abs(number) < 1e15:
        number = int(number)
    if isinstance(number, int):
        return f"{number:,}"
    text = repr(number)  # the shortest text that reads back as the same float
    if "e" in text or not text.replace("-", "").replace(".", "").isdigit():
        return text
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, fraction = digits.partition(".")
    return f"{sign}{int(whole):,}.{fraction}"


@dataclass(slots=True)
class Source:
    id: str
    name: str
    kind: str
    location: Location
    country: str | None = None
    reliability: str | None = None
    part_of: Ref | None = None
    depends_on: list[Ref] = field(default_factory=list)
    url: str | None = None
    notes: str | None = None
    field_locations: Mapping[str, Location] = field(default_factory=dict)  # dict, or the cache's Places


@dataclass(slots=True)
class Document:
    id: str
    title: str
    location: Location
    publisher: Ref | None = None
    url: str | None = None
    published: DateSpan | None = None
    retrieved: DateSpan | None = None
    notes: str | None = None
    file: str | None = None
    field_locations: Mapping[str, Location] = field(default_factory=dict)  # dict, or the cache's Places


@dataclass(slots=True)
class Citation:
    source: Ref
    location: Location
    document: Ref | None = None
    via: list[Ref] = field(default_factory=list)
    quote: str | None = None
    date: DateSpan | None = None
    url: str | None = None
    credibility: int | None = None
    field_locations: Mapping[str, Location] = field(default_factory=dict)  # dict, or the cache's Places


@dataclass(slots=True)
class Claim:
    id: str
    statement: str
    location: Location
    subject: str | None = None
    property: str | None = None
    value: Value | None = None
    date: DateSpan | None = None
    status: str = "reported"
    citations: list[Citation] = field(default_factory=list)
    supports: list[Ref] = field(default_factory=list)
    disputes: list[Ref] = field(default_factory=list)
    supersedes: list[Ref] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: str | None = None
    field_locations: Mapping[str, Location] = field(default_factory=dict)  # dict, or the cache's Places
    # What keeps two measures of one property apart ({location: kursk, measure: killed-or-wounded}):
    # subject, property and qualifiers together are the question a claim answers.
    qualifiers: dict[str, str] = field(default_factory=dict)

    def question(self) -> QuestionKey | None:
        """The question this claim answers, or None when it has no subject and property."""
        if not (self.subject and self.property):
            return None
        return QuestionKey.of(self.subject, self.property, self.qualifiers)

    def originators(self) -> list[str]:
        """The citations' source ids, each once, in order."""
        return list(dict.fromkeys(c.source.id for c in self.citations))

    def relations(self) -> Iterator[tuple[str, Ref]]:
        for name in RELATIONS:
            for ref in getattr(self, name):
                yield name, ref


class QuestionKey(NamedTuple):
    """Subject, property and qualifiers: claims are compared only within one question."""

    subject: str
    property: str
    qualifiers: tuple[tuple[str, str], ...] = ()  # sorted (key, value) pairs, values as written

    @classmethod
    def of(cls, subject: str, prop: str, qualifiers: dict[str, str] | None = None) -> QuestionKey:
        if not qualifiers:  # most claims: nothing to fold (a large cross-check asks this half a million times)
            return cls(subject, prop, ())
        # Values are one value whatever their case or surrounding space ('Kursk' is 'kursk').
        folded = {key: " ".join(value.split()).casefold() for key, value in qualifiers.items()}
        return cls(subject, prop, tuple(sorted(folded.items())))

    def property_and_qualifiers(self) -> tuple[str, tuple[tuple[str, str], ...]]:
        return self.property, self.qualifiers

    def __str__(self) -> str:
        shown = f"{self.subject} / {self.property}"
        if self.qualifiers:
            shown += " (" + ", ".join(f"{k}: {v}" for k, v in self.qualifiers) + ")"
        return shown


ASSESSMENT_VERDICTS = ("known-discrepancy", "different-measures", "one-is-wrong", "duplicate")


@dataclass(slots=True)
class Assessment:
    """The keeper's own judgement of some claims (``claims``) or of a whole question (``question``),
    kept apart from what the sources said."""

    id: str
    verdict: str
    location: Location
    claims: list[Ref] = field(default_factory=list)
    question: QuestionKey | None = None
    wrong: Ref | None = None
    note: str | None = None
    by: str | None = None
    date: DateSpan | None = None
    field_locations: Mapping[str, Location] = field(default_factory=dict)  # dict, or the cache's Places

    def covers(self, claims: Iterable[Claim]) -> bool:
        """Whether this assessment speaks of every one of ``claims`` (by naming them or their question)."""
        chosen = list(claims)
        if self.question is not None:
            return all(c.question() == self.question for c in chosen)
        named = {r.id for r in self.claims}
        return all(c.id in named for c in chosen)


@dataclass(frozen=True, slots=True)
class Rating:
    """A review's rating as its publisher wrote it: the label, the number and its scale, and which of the
    known rating scales the label was read on (``scale``), so that a verdict can be re-mapped later."""

    label: str | None = None
    value: Number | None = None
    best: Number | None = None
    worst: Number | None = None
    scale: str | None = None


@dataclass(slots=True)
class Review:
    """A fact-checker's published review of a claim (a ClaimReview): who reviewed it (``by``, the
    publishing organisation), what they concluded (``verdict``, as a claim status) and the rating they gave.
    Kept apart from the claim's own status, which is the keeper's."""

    id: str
    claim: Ref
    by: Ref
    verdict: str
    location: Location
    rating: Rating | None = None
    url: str | None = None
    date: DateSpan | None = None
    headline: str | None = None
    author: str | None = None  # the people who wrote it, where they are named apart from the organisation
    language: str | None = None
    licence: str | None = None
    appearances: list[Ref] = field(default_factory=list)  # documents where the reviewer says the claim appeared
    notes: str | None = None
    body: str | None = None  # the review's own text (reviewBody), as published
    field_locations: Mapping[str, Location] = field(default_factory=dict)  # dict, or the cache's Places


@dataclass
class Ledger:
    """Every entry of every file, merged, in file order."""

    sources: list[Source] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    questions: list[QuestionRule] = field(default_factory=list)  # the keeper's declarations (model.questions)
    scales: list[RatingScale] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)  # `# factledger: ignore[...]` comments

    def __post_init__(self) -> None:
        self._index: tuple[dict[str, Source], dict[str, Document], dict[str, Claim]] | None = None

    def _indexes(self) -> tuple[dict[str, Source], dict[str, Document], dict[str, Claim]]:
        # Built on first use: the first definition of an id wins, duplicates are reported by a rule.
        if self._index is None:
            sources: dict[str, Source] = {}
            for s in self.sources:
                sources.setdefault(fold("source", s.id), s)
            documents: dict[str, Document] = {}
            for d in self.documents:
                documents.setdefault(fold("document", d.id), d)
            claims: dict[str, Claim] = {}
            for c in self.claims:
                claims.setdefault(c.id, c)
            self._index = (sources, documents, claims)
        return self._index

    def reindex(self) -> None:
        """Look entries up afresh (after an entry of a list was replaced by another)."""
        self._index = None

    def source(self, source_id: str) -> Source | None:
        """The source with this id, compared case-insensitively."""
        return self._indexes()[0].get(fold("source", source_id))

    def document(self, document_id: str) -> Document | None:
        return self._indexes()[1].get(fold("document", document_id))

    def claim(self, claim_id: str) -> Claim | None:
        return self._indexes()[2].get(claim_id)

    def claim_ids(self) -> Iterable[str]:
        return self._indexes()[2].keys()

    def source_ids(self) -> Iterable[str]:
        return (s.id for s in self._indexes()[0].values())

    def document_ids(self) -> Iterable[str]:
        return (d.id for d in self._indexes()[1].values())
