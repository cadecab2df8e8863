"""What loading one file produced, as JSON and back: its entries with every location, and its
diagnostics. Plain lists in a fixed order per kind of entry (short to store, fast to read); only
the model's own classes are ever built from it, so a cache file can hold data, never code.

Every location in a file's cache is in that file, so only line and column are stored; the display
path is part of the cache key, and is put back on reading.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from factledger.model.dates import DateSpan, PartialDate
from factledger.model.entries import (
    Assessment,
    Citation,
    Claim,
    Document,
    QuestionKey,
    Rating,
    Ref,
    Review,
    Source,
    Value,
)
from factledger.model.questions import QuestionRule, RatingScale
from factledger.model.suppressions import Suppression
from factledger.problems.catalogue import CATALOGUE, Severity
from factledger.problems.diagnostics import Diagnostic, Location

_SEVERITY = {s.value: s for s in Severity}


def model_shape() -> str:
    """A digest of every class the cache stores and its fields: a change of the model is a new cache."""
    parts = [f"{cls.__name__}:{','.join(f.name for f in dataclasses.fields(cls))}"
             for cls in (Source, Document, Citation, Claim, Assessment, Review, Value, Rating, DateSpan, PartialDate,
                         Diagnostic, QuestionRule, RatingScale, Suppression)]
    parts += [f"{cls.__name__}:{','.join(cls._fields)}" for cls in (Ref, Location, QuestionKey)]
    return hashlib.blake2b("|".join(parts).encode(), digest_size=8).hexdigest()


# -- writing ---------------------------------------------------------------------------------------

def _loc(loc: Location) -> list[int]:
    return [loc.line, loc.column]


def _fields(locations: Mapping[str, Location]) -> list[Any]:
    flat: list[Any] = []
    for name, loc in locations.items():
        flat += (name, loc.line, loc.column)
    return flat


def _ref(ref: Ref | None) -> list[Any] | None:
    return None if ref is None else [ref.id, ref.location.line, ref.location.column]


def _refs(refs: list[Ref]) -> list[Any]:
    return [[r.id, r.location.line, r.location.column] for r in refs]


def _day(date: PartialDate | None) -> list[Any] | None:
    return None if date is None else [date.year, date.month, date.day]


def _date(span: DateSpan | None) -> list[Any] | None:
    if span is None:
        return None
    # A single date is one object as start and end (DateSpan.single): kept so.
    return [_day(span.start), 0 if span.end is span.start else _day(span.end), span.is_range]


def _value(v: Value | None) -> list[Any] | None:
    return None if v is None else [v.kind, v.number, v.low, v.high, v.unit, v.text, v.flag]


def _citation(c: Citation) -> list[Any]:
    return [_ref(c.source), _loc(c.location), _ref(c.document), _refs(c.via), c.quote, _date(c.date), c.url,
            c.credibility, _fields(c.field_locations)]


def _source(s: Source) -> list[Any]:
    return [s.id, s.name, s.kind, _loc(s.location), s.country, s.reliability, _ref(s.part_of), _refs(s.depends_on),
            s.url, s.notes, _fields(s.field_locations)]


def _document(d: Document) -> list[Any]:
    return [d.id, d.title, _loc(d.location), _ref(d.publisher), d.url, _date(d.published), _date(d.retrieved), d.notes,
            d.file, _fields(d.field_locations)]


def _claim(c: Claim) -> list[Any]:
    return [c.id, c.statement, _loc(c.location), c.subject, c.property, _value(c.value), _date(c.date), c.status,
            [_citation(x) for x in c.citations], _refs(c.supports), _refs(c.disputes), _refs(c.supersedes), c.tags,
            c.notes, _fields(c.field_locations), c.qualifiers]


def _assessment(a: Assessment) -> list[Any]:
    question = None if a.question is None else [a.question.subject, a.question.property,
                                                [list(pair) for pair in a.question.qualifiers]]
    return [a.id, a.verdict, _loc(a.location), _refs(a.claims), question, _ref(a.wrong), a.note, a.by, _date(a.date),
            _fields(a.field_locations)]


def _review(r: Review) -> list[Any]:
    rating = None if r.rating is None else [r.rating.label, r.rating.value, r.rating.best, r.rating.worst,
                                            r.rating.scale]
    return [r.id, _ref(r.claim), _ref(r.by), r.verdict, _loc(r.location), rating, r.url, _date(r.date), r.headline,
            r.author, r.language, r.licence, _refs(r.appearances), r.notes, _fields(r.field_locations), r.body]


def _question(q: QuestionRule) -> list[Any]:
    return [q.property, _loc(q.location), q.subject, q.qualifiers, q.cumulative, _fields(q.field_locations)]


def _scale(r: RatingScale) -> list[Any]:
    return [r.id, _loc(r.location), r.labels, r.language, _refs(r.publishers), r.notes, _fields(r.field_locations)]


def _suppression(s: Suppression) -> list[Any]:
    return [list(s.codes), _loc(s.location), s.comment, s.first_line, s.last_line, s.entry]


_WRITERS: dict[str, Callable[[Any], list[Any]]] = {
    "sources": _source, "documents": _document, "claims": _claim, "assessments": _assessment, "reviews": _review,
    "questions": _question, "scales": _scale, "suppressions": _suppression}


def encode(display: str, parsed: bool, entries: dict[str, list[Any]], diagnostics: list[Diagnostic]) -> dict[str, Any]:
    return {
        "display": display,
        "parsed": parsed,
        "entries": {key: [_WRITERS[key](e) for e in built] for key, built in entries.items() if built},
        "diagnostics": [[d.code, d.message, None if d.location.file == display else d.location.file,
                         d.location.line, d.location.column, d.severity.value, d.suggestion] for d in diagnostics],
    }


# -- reading ---------------------------------------------------------------------------------------

_new = tuple.__new__  # a Location without the named tuple's Python-level constructor: millions are made


class Places(Mapping[str, Location]):
    """An entry's field locations, decoded on first use: only a diagnostic ever asks for them, and a
    warm run of a large ledger would otherwise spend most of its time building them."""

    __slots__ = ("_flat", "_display", "_built")

    def __init__(self, flat: object, display: str) -> None:  # a cache file's content: anything
        if not isinstance(flat, list) or len(flat) % 3:
            raise ValueError("field locations")  # decoding fails now, while the file can still be read instead
        self._flat: list[Any] | None = flat
        self._display = display
        self._built: dict[str, Location] | None = None

    def _places(self) -> dict[str, Location]:
        if self._built is None:
            flat, display = self._flat or [], self._display
            self._built = {flat[i]: _new(Location, (display, flat[i + 1], flat[i + 2])) for i in range(0, len(flat), 3)}
            self._flat = None
        return self._built

    def __getitem__(self, name: str) -> Location:
        return self._places()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._places())

    def __len__(self) -> int:
        return len(self._places())

    def __repr__(self) -> str:
        return repr(self._places())


class Reader:
    """Builds one file's entries back, every location in ``display``."""

    def __init__(self, display: str) -> None:
        self.display = display

    def loc(self, pair: list[int]) -> Location:
        return _new(Location, (self.display, pair[0], pair[1]))

    def at(self, line: int, column: int) -> Location:
        return _new(Location, (self.display, line, column))

    def fields(self, flat: list[Any]) -> Places:
        return Places(flat, self.display)

    def ref(self, data: list[Any] | None) -> Ref | None:
        return None if data is None else _new(Ref, (data[0], _new(Location, (self.display, data[1], data[2]))))

    def given_ref(self, data: list[Any]) -> Ref:
        """A reference the entry always has (written by ``_ref`` from one that is never None)."""
        return _new(Ref, (data[0], _new(Location, (self.display, data[1], data[2]))))

    def refs(self, data: list[Any]) -> list[Ref]:
        display = self.display
        return [_new(Ref, (r[0], _new(Location, (display, r[1], r[2])))) for r in data]

    @staticmethod
    def day(data: list[Any] | None) -> PartialDate | None:
        return None if data is None else PartialDate(data[0], data[1], data[2])

    def date(self, data: list[Any] | None) -> DateSpan | None:
        if data is None:
            return None
        start = self.day(data[0])
        return DateSpan(start, start if data[1] == 0 else self.day(data[1]), data[2])

    @staticmethod
    def value(data: list[Any] | None) -> Value | None:
        return None if data is None else Value(*data)

    def citation(self, d: list[Any]) -> Citation:
        return Citation(self.given_ref(d[0]), self.loc(d[1]), self.ref(d[2]), self.refs(d[3]), d[4], self.date(d[5]),
                        d[6], d[7], self.fields(d[8]))

    def source(self, d: list[Any]) -> Source:
        return Source(d[0], d[1], d[2], self.loc(d[3]), d[4], d[5], self.ref(d[6]), self.refs(d[7]), d[8], d[9],
                      self.fields(d[10]))

    def document(self, d: list[Any]) -> Document:
        return Document(d[0], d[1], self.loc(d[2]), self.ref(d[3]), d[4], self.date(d[5]), self.date(d[6]), d[7], d[8],
                        self.fields(d[9]))

    def claim(self, d: list[Any]) -> Claim:
        citation = self.citation
        return Claim(d[0], d[1], self.loc(d[2]), d[3], d[4], self.value(d[5]), self.date(d[6]), d[7],
                     [citation(x) for x in d[8]], self.refs(d[9]), self.refs(d[10]), self.refs(d[11]), d[12], d[13],
                     self.fields(d[14]), d[15])

    def assessment(self, d: list[Any]) -> Assessment:
        question = None if d[4] is None else QuestionKey(d[4][0], d[4][1], tuple(tuple(p) for p in d[4][2]))
        return Assessment(d[0], d[1], self.loc(d[2]), self.refs(d[3]), question, self.ref(d[5]), d[6], d[7],
                          self.date(d[8]), self.fields(d[9]))

    def suppression(self, d: list[Any]) -> Suppression:
        if not all(isinstance(c, str) for c in d[0]):
            raise ValueError("suppression")
        return Suppression(tuple(d[0]), self.loc(d[1]), d[2], d[3], d[4], d[5])

    def review(self, d: list[Any]) -> Review:
        rating = None if d[5] is None else Rating(*d[5])
        return Review(d[0], self.given_ref(d[1]), self.given_ref(d[2]), d[3], self.loc(d[4]), rating, d[6],
                      self.date(d[7]), d[8], d[9], d[10], d[11], self.refs(d[12]), d[13], body=d[15],
                      field_locations=self.fields(d[14]))

    def question(self, d: list[Any]) -> QuestionRule:
        return QuestionRule(d[0], self.loc(d[1]), d[2], d[3], d[4], self.fields(d[5]))

    def scale(self, d: list[Any]) -> RatingScale:
        return RatingScale(d[0], self.loc(d[1]), d[2], d[3], self.refs(d[4]), d[5], self.fields(d[6]))


def decode(data: dict[str, Any]) -> tuple[bool, dict[str, list[Any]], list[Diagnostic]]:
    """(parsed, entries by section, diagnostics) from what :func:`encode` wrote. Raises on anything
    malformed (KeyError, TypeError, IndexError, ValueError): the caller then reads the file itself."""
    display = data["display"]
    reader = Reader(display)
    builders = {"sources": reader.source, "documents": reader.document, "claims": reader.claim,
                "assessments": reader.assessment, "reviews": reader.review, "questions": reader.question,
                "scales": reader.scale, "suppressions": reader.suppression}
    entries = {key: [builders[key](e) for e in built] for key, built in data["entries"].items()}
    diagnostics = [diagnostic([code, message, display if file is None else file, line, column, severity, suggestion])
                   for code, message, file, line, column, severity, suggestion in data["diagnostics"]]
    if not isinstance(data["parsed"], bool):
        raise ValueError("parsed")
    return data["parsed"], entries, diagnostics


def diagnostic_data(d: Diagnostic) -> list[Any]:
    """A diagnostic of any file, whole."""
    return [d.code, d.message, d.location.file, d.location.line, d.location.column, d.severity.value, d.suggestion]


def diagnostic(data: list[Any]) -> Diagnostic:
    code, message, file, line, column, severity, suggestion = data
    if not all(isinstance(x, str) for x in (code, message, file)) or not isinstance(line, int) or code not in CATALOGUE:
        raise ValueError("diagnostic")
    if suggestion is not None and not isinstance(suggestion, str):
        raise ValueError("suggestion")
    return Diagnostic(code, message, Location(file, line, column), _SEVERITY[severity], suggestion)
