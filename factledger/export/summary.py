"""What a summary of claims says, decided once, as data: its overview, its questions with their
charts and rows, the disputes and conflicts, the sources and the references.

The markdown export spells a :class:`Summary`; a second writer (an HTML report) would spell the
same one, and decide nothing again.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from factledger.check.findings import CheckResult
from factledger.model.entries import Citation, Claim, DateSpan, Ledger, Review, Source, Value
from factledger.model.ids import fold
from factledger.model.units import by_unit, unit_label
from factledger.query.select import SortKey, sort_claims
from factledger.query.timeline import Point, chart_points
from factledger.query.views import reviews_by_claim

# In the order a summary lists them.
DISPUTE_KINDS = ("conflict", "narrow-gap", "acknowledged", "disowned", "known-dispute", "superseded",
                 "historical-conflict")


@dataclass(frozen=True)
class Chart:
    """One numeric question's dated values in one unit, in the order of time: a bar per claim (a range at its
    middle, a bound at its threshold), labelled with its date, sources and value as written."""

    question: str
    unit: str  # "" when the values have no unit
    bars: list[tuple[str, float]]  # (the bar's label: date, sources, value, and "superseded" if so; the figure)
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (claim, why): withdrawn or retracted
    placed: list[tuple[str, str]] = field(default_factory=list)  # (claim, its date): at the last day it allows


@dataclass(frozen=True)
class Reference:
    """A citation, as a footnote reads it."""

    source: str  # the source's name, or its id if it is not defined
    via: list[str]
    quote: str | None
    document_title: str | None
    document_url: str | None
    document_published: DateSpan | None
    said: DateSpan | None
    url: str | None


@dataclass(frozen=True)
class Row:
    claim: Claim
    references: list[int]  # footnote numbers, one per citation
    superseded_by: tuple[str, ...] = ()
    reviews: list[Review] = field(default_factory=list)  # fact-checkers' reviews of the claim


@dataclass(frozen=True)
class Question:
    subject: str  # "" for claims with no subject
    property: str  # "" for claims with no property
    charts: list[Chart]
    rows: list[Row]
    qualifiers: tuple[tuple[str, str], ...] = ()
    positions: str = ""  # the question's one-line camps summary, when cross-checked
    notes: list[tuple[str, str]] = field(default_factory=list)  # earlier figures, passed bounds, retracted claims


@dataclass(frozen=True)
class Side:
    claim: str
    sources: list[str]
    when: str
    value: Value | None


@dataclass(frozen=True)
class Dispute:
    kind: str  # one of DISPUTE_KINDS
    reason: str
    sides: list[Side]
    question: str = ""  # the question it is on, with its qualifiers; "" across questions


@dataclass
class Summary:
    title: str
    filters: str  # the active filters as a reader would say them, "" when none
    generated: str  # when it was generated, "" unless asked for
    claims: list[Claim]  # in date order
    source_count: int
    document_count: int
    first_date: str | None
    last_date: str | None
    statuses: list[tuple[str, int]]
    subjects: list[tuple[str, list[Question]]] = field(default_factory=list)
    disputes: list[Dispute] | None = None  # None: the claims were not cross-checked
    sources: list[tuple[Source, int, int]] = field(default_factory=list)  # (source, claims cited, claims relayed)
    references: list[Reference] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)  # of the claims shown, in the claims' order


def summarise(ledger: Ledger, claims: list[Claim], checked: CheckResult | None, title: str,
              filters: str = "", generated: str = "") -> Summary:
    """The summary of ``claims`` (a filtered part of ``ledger``, or all of it)."""
    claims = sort_claims(claims, SortKey.date)
    first, last = span_of(claims)
    summary = Summary(
        title=title, filters=filters, generated=generated, claims=claims,
        source_count=len({s for c in claims for s in c.originators()}),
        document_count=len({x.document.id for c in claims for x in c.citations if x.document}),
        first_date=first, last_date=last, statuses=sorted(Counter(c.status for c in claims).items()))
    # A property's qualified variants sit next to each other: questions are ordered by property first.
    by_subject: dict[str, dict[tuple[str, tuple[tuple[str, str], ...]], list[Claim]]] = \
        defaultdict(lambda: defaultdict(list))
    for c in claims:
        key = c.question()
        by_subject[c.subject or ""][(c.property or "", key.qualifiers if key else ())].append(c)
    lines = {q.key: (len(q.positions), q.line()) for q in checked.questions} if checked is not None else {}
    notes = {q.key: q.notes() for q in checked.questions} if checked is not None else {}
    withdrawn = checked.withdrawn if checked is not None else set()
    disowned = checked.disowned if checked is not None else {}
    reviews = reviews_by_claim(ledger)
    summary.reviews = [r for c in claims for r in reviews.get(c.id, [])]
    gone = checked.superseded_by() if checked is not None else {}
    for subject in sorted(by_subject, key=lambda s: (s == "", s)):
        questions = []
        for prop, qualifiers in sorted(by_subject[subject], key=lambda p: (p[0] == "", p)):
            group = by_subject[subject][(prop, qualifiers)]
            rows = [Row(c, [_cite(summary, ledger, x) for x in c.citations], gone.get(c.id, ()), reviews.get(c.id, []))
                    for c in group]
            key = group[0].question()
            summary_of = lines.get(key) if key is not None else None
            positions = summary_of[1] if summary_of and summary_of[0] > 1 else ""
            drawn = charts(str(key) if key is not None else subject or prop, group, gone, withdrawn, disowned)
            questions.append(Question(subject, prop, drawn, rows, qualifiers, positions,
                                      notes.get(key, []) if key is not None else []))
        summary.subjects.append((subject, questions))
    if checked is not None:
        kept = {c.id for c in claims}
        shown = [f for f in checked.findings if f.kind in DISPUTE_KINDS and kept.intersection(f.claims)]
        summary.disputes = [
            Dispute(f.kind, f.reason or f.message, [_side(ledger, s.claim, list(s.sources), s.when) for s in f.sides],
                    str(f.question) if f.question is not None else "")
            for f in sorted(shown, key=lambda f: (DISPUTE_KINDS.index(f.kind), f.claims))]
    counts = Counter(fold("source", s) for c in claims for s in c.originators())
    relays = Counter(fold("source", r) for c in claims for r in {x.id for cited in c.citations for x in cited.via})
    # The whole ledger lists every source; a filtered summary, those its claims cite or relay.
    summary.sources = [(s, counts.get(fold("source", s.id), 0), relays.get(fold("source", s.id), 0))
                       for s in sorted(ledger.sources, key=lambda s: fold("source", s.id))
                       if not filters or fold("source", s.id) in counts or fold("source", s.id) in relays]
    return summary


def charts(question: str, claims: list[Claim], superseded: dict[str, tuple[str, ...]],
           withdrawn: set[str], disowned: dict[str, str] | None = None) -> list[Chart]:
    """One chart per unit of a question's dated numeric values with two or more of them standing: values
    in different units are not comparable, so they never share an axis. Bars in the order of time
    (:mod:`factledger.query.timeline`: figures superseded by growth drawn and labelled, withdrawn and
    retracted ones left out and named)."""
    points, left_out = chart_points(claims, superseded, withdrawn, disowned)
    grouped = by_unit((p.claim.value, p) for p in points if p.claim.value is not None)
    found = []
    for key in sorted(grouped, key=lambda k: (k is not None, k or "")):  # values with no unit first
        group = grouped[key]
        if len(group) < 2:
            continue
        members = {id(p) for p in group}
        in_order = [p for p in points if id(p) in members]  # by_unit puts values without a unit last: keep time order
        unit = unit_label(p.claim.value.unit or "" for p in in_order if p.claim.value) if key is not None else ""
        shown = {p.claim.id for p in in_order}
        found.append(Chart(question, unit, [(_bar_label(p, unit), p.figure) for p in in_order],
                           [(c, why) for c, why in left_out if c not in shown],
                           [(p.claim.id, str(p.claim.date)) for p in in_order if p.placed]))
    return found


def _bar_label(point: Point, unit: str) -> str:
    claim = point.claim
    value = claim.value.display(prose=True) if claim.value is not None else ""
    if claim.value is not None and claim.value.unit and unit:
        value = value.removesuffix(f" {claim.value.unit}")  # the axis names the unit
    return f"{claim.date} {' '.join(claim.originators())} {value}" + (" superseded" if point.superseded_by else "")


def _cite(summary: Summary, ledger: Ledger, citation: Citation) -> int:
    source = ledger.source(citation.source.id)
    document = ledger.document(citation.document.id) if citation.document else None
    summary.references.append(Reference(
        source=source.name if source else citation.source.id, via=[r.id for r in citation.via],
        quote=citation.quote, document_title=document.title if document else None,
        document_url=document.url if document else None, document_published=document.published if document else None,
        said=citation.date, url=citation.url))
    return len(summary.references)


def _side(ledger: Ledger, claim_id: str, sources: list[str], when: str) -> Side:
    claim = ledger.claim(claim_id)
    return Side(claim_id, sources, when, claim.value if claim is not None else None)


def span_of(claims: list[Claim]) -> tuple[str | None, str | None]:
    """The earliest start and latest end among the claims' dates ("…" for an open side)."""
    starts = [c.date.start for c in claims if c.date is not None and c.date.start is not None]
    ends = [c.date.end for c in claims if c.date is not None and c.date.end is not None]
    if not starts and not ends:
        return None, None
    first = min((s.first(), str(s)) for s in starts)[1] if starts else "…"
    last = max((e.last(), str(e)) for e in ends)[1] if ends else "…"
    return first, last
