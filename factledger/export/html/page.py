"""What the HTML report says, decided once from the views the terminal shows: the overview, each question
(`questions`' summaries and findings, with `timeline`'s series drawn), the claims table and each claim's
detail (`show`'s view), the sources (`sources`' counts, over the report's claims) and the findings
(`check`'s). The template and the page's script only spell it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from factledger.check.findings import Finding, QuestionSummary
from factledger.export.html.budget import Budget, Fit, fit
from factledger.export.html.charts import Chart, charts_of
from factledger.export.html.data import encode
from factledger.export.html.details import KEEPER, Detail, Details, Link, Part, Row, camp_words, reworded, row, text
from factledger.export.inputs import ExportInput
from factledger.export.summary import span_of
from factledger.model.entries import Claim, Ledger, QuestionKey, Source
from factledger.model.ids import fold
from factledger.problems.catalogue import CATALOGUE
from factledger.query.questions import findings_by_question, history_note, listed_findings, questions_of
from factledger.query.select import SortKey, members, sort_claims, source_claim_counts
from factledger.query.timeline import numeric_series
from factledger.query.views import ClaimViews, review_note
from factledger.text.plural import plural

QUIET = ("uncorroborated", "corroborated")  # one per claim: counted, and listed in each claim's detail


@dataclass
class QuestionBlock:
    anchor: str
    name: str
    summary: QuestionSummary
    positions: list[Part]
    consistent: str
    camps: str  # the camps line, each camp as the page words it
    superseded: list[tuple[list[Part], list[Part]]]  # (old, new): each with who said what when
    reviewed: list[tuple[Part, str]]
    findings: list[list[tuple[str, list[Part]]]]  # each listed finding as rows
    history: list[tuple[str, list[Part]]]  # [] for none
    charts: list[Chart]


@dataclass
class FindingGroup:
    kind: str
    severity: str
    title: str  # the catalogue's
    count: int
    listed: list[list[tuple[str, list[Part]]]]  # the findings listed, each as rows


@dataclass
class SourceRow:
    source: Source
    cited: int
    relayed: int
    link: str | None  # its http(s) address
    selected: int = 0  # the claims its filter selects: its own and its members' (part_of), as `list --source`

    @property
    def folded(self) -> str:
        """The source as the claims filter names it."""
        return fold("source", self.source.id)


@dataclass
class Page:
    title: str
    filters: str
    generated: str
    fit: Fit
    budget_notes: list[str]
    overview: list[tuple[str, str]]
    statuses: list[tuple[str, int]]
    questions: list[QuestionBlock]
    question_count: int
    claims: list[Row]
    details: list[Detail] | None  # None: built in the page on demand
    sources: list[SourceRow]
    findings: list[FindingGroup]
    checked: bool
    options: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # filter → (value, label)
    data: str = ""  # the JSON the page's script reads
    details_data: str | None = None  # above the budget: every claim's detail, one a line (JSON Lines)
    on_demand: str | None = None  # above the budget: each listed question's and kind of findings' HTML, packed


def build(given: ExportInput, budget: Budget | None = None) -> Page:
    """The report of ``given``'s claims, within ``budget``."""
    budget = budget or Budget()
    ledger, checked = given.ledger, given.checked
    claims = sort_claims(given.claims, SortKey.date)  # as `list` orders them
    shown = {c.id for c in claims}
    chosen = questions_of(checked, claims) if checked is not None else []
    series = {s.question: s for s in numeric_series(claims, ledger, checked.superseded_by() if checked else {},
                                                   checked.withdrawn if checked else set())}
    about = [f for f in checked.findings if shown.intersection(f.claims)] if checked is not None else []
    listed = sorted((f for f in about if f.kind not in QUIET), key=lambda f: f.severity.rank)
    fitted = fit(budget, len(claims), len(chosen), len(series), len(listed))
    active = sorted(chosen, key=lambda q: -len(q.claims))  # stable: the cross-check's order among equals
    kept = {id(q) for q in active[:fitted.questions[0]]}
    drawn = {k for k in [str(q.key) for q in active if id(q) in kept and str(q.key) in series][:fitted.charts[0]]}
    listing = [q for q in chosen if id(q) in kept]
    anchors = {str(q.key): f"question-{n}" for n, q in enumerate(listing, 1)}
    by_id = {c.id: c for c in ledger.claims}
    details = Details(shown, anchors, given.data_dir.as_posix().rstrip("/") + "/",
                      {fold("source", s.id): s.name for s in ledger.sources}, by_id, camp_words(chosen, by_id))
    views = ClaimViews(ledger, checked)
    rows = [row(c, views.reviews.get(c.id, [])) for c in claims]
    written = [details.detail(views.view(c)) for c in claims] if fitted.details_written else None
    by_question = findings_by_question(checked, listing) if checked is not None else {}
    homes = _homes(listing, by_question, anchors)
    styles: dict[str, int] = {}  # each source's colour and marker, the same in every chart of the page
    page = Page(
        title=given.options.title, filters=given.filters, generated=given.generated, fit=fitted,
        budget_notes=fitted.notes("To see everything, export a part of the ledger: the same command with "
                                  "--subject, --property, --source or --since and --until."),
        overview=[], statuses=sorted(Counter(c.status for c in claims).items()),
        questions=[_question(q, anchors[str(q.key)], details, by_question.get(q.key, []), views,
                             charts_of(series[str(q.key)], styles) if str(q.key) in drawn else [], by_id, homes)
                   for q in listing],
        question_count=len(chosen), claims=rows, details=written,
        sources=_sources(ledger, claims, bool(given.filters), selected := _selected(ledger, claims)),
        findings=_findings(about, listed, fitted, details), checked=checked is not None)
    page.overview = _overview(claims, chosen, about, page.sources)
    page.options = _options(ledger, claims, selected)
    groups = {fold("source", s.id): sorted(members(ledger, [s.id])) for s in ledger.sources}
    page.data, page.details_data = encode(
        rows, None if written is not None else (details.detail(views.view(c)) for c in claims),
        {k: v for k, v in sorted(groups.items()) if v != [k]}, 0 if fitted.rows_written else budget.page)
    return page


def _overview(claims: list[Claim], questions: list[QuestionSummary], about: list[Finding],
              sources: list[SourceRow]) -> list[tuple[str, str]]:
    first, last = span_of(claims)
    # Every finding, as the findings table counts them; those of one claim each said apart, as they are listed.
    severities = Counter(f.severity.value for f in about)
    quiet = sum(1 for f in about if f.kind in QUIET)
    contested = sum(1 for q in questions if q.contested)
    found = ", ".join(f"{severities[s]:,} {s}" for s in ("error", "warning", "info") if severities[s])
    cited = sum(1 for s in sources if s.cited)  # as the sources table counts them: a claim's source, not its relay
    return [
        ("Claims", f"{len(claims):,}"),
        ("Dated", "no claim is dated" if first is None else f"{first} to {last}" if first != last else str(first)),
        ("Sources", f"{cited:,} cited as a claim's source, of the {plural(len(sources), 'source', grouped=True)} "
                    "listed below"),
        ("Documents", f"{len({x.document.id for c in claims for x in c.citations if x.document}):,}"),
        ("Questions", f"{len(questions):,}, of which {contested:,} contested (current positions in two or more "
                      "camps)"),
        ("Findings", (found + (f" ({quiet:,} of them one per claim: corroborated, uncorroborated)" if quiet else ""))
         or "none"),
    ]


def _question(summary: QuestionSummary, anchor: str, details: Details, findings: list[Finding], views: ClaimViews,
              charts: list[Chart], by_id: dict[str, Claim], homes: dict[int, tuple[str, str]]) -> QuestionBlock:
    positions: list[Part] = []
    for n, claim_id in enumerate(summary.positions):
        positions += [", "] if n else []
        positions.append(details.claim_link(claim_id))
    more = summary.consistent_total - len(summary.consistent_only)
    consistent = "; ".join(f"{a} and {b}" for a, b in summary.consistent_only) + \
        (f"; and {more:,} more pairs" if more > 0 and summary.consistent_only else "")
    reviewed = [(details.claim_link(c), "; ".join(review_note(r) for r in views.reviews[c]))
                for c in summary.claims if c in views.reviews]
    return QuestionBlock(anchor, text(summary.key), summary, positions, text(consistent),
                         text(reworded(summary.line(), details.words.get(summary.claims[0], {}) if summary.claims
                                       else {})),
                         [(details.claim_said(old, by_id.get(old)), details.claim_said(new, by_id.get(new)))
                          for old, new in summary.superseded],
                         reviewed, [details.finding_rows(f) if homes.get(id(f), (anchor,))[0] == anchor
                                    else _listed_on(f, *homes[id(f)]) for f in listed_findings(findings)],
                         _history(history_note(summary, findings)), charts)


def _homes(listing: list[QuestionSummary], by_question: dict[QuestionKey, list[Finding]],
           anchors: dict[str, str]) -> dict[int, tuple[str, str]]:
    """Where each finding on several questions (a qualifier on some claims of a property only) is listed: the
    first of its questions the page lists, by the finding's id(); the others point to it, not repeat it."""
    homes: dict[int, tuple[str, str]] = {}
    for q in listing:
        for f in by_question.get(q.key, []):
            homes.setdefault(id(f), (anchors[str(q.key)], str(q.key)))
    return homes


def _listed_on(finding: Finding, anchor: str, name: str) -> list[tuple[str, list[Part]]]:
    return [(f"{finding.severity.value} {finding.kind}", ["listed under ", Link(f"#{anchor}", text(name))])]


def _history(note: str | None) -> list[tuple[str, list[Part]]]:
    """The history line as rows: what it says, then (for the ledger's keeper) the command that lists it."""
    if note is None:
        return []
    said, _, how = note.partition("; 'factledger")
    rows: list[tuple[str, list[Part]]] = [("info history", [text(said)])]
    return rows + ([(KEEPER, [text("'factledger" + how)])] if how else [])


def _sources(ledger: Ledger, claims: list[Claim], filtered: bool, selected: dict[str, int]) -> list[SourceRow]:
    from factledger.model.urls import web_url

    counts = source_claim_counts(ledger, claims)
    # The whole ledger lists every source; a filtered report, those its claims cite or relay.
    return [SourceRow(s, cited, relayed, web_url(s.url), selected.get(s.id, 0)) for s, cited, relayed in
            sorted(counts, key=lambda r: fold("source", r[0].id)) if not filtered or cited or relayed]


def _selected(ledger: Ledger, claims: list[Claim]) -> dict[str, int]:
    """Each source's claims as the source filter selects them: its own and its members' (part_of)."""
    within: dict[str, set[str]] = {}  # a folded id → the sources whose filter selects it (itself, its wholes)
    for source in ledger.sources:
        for member in members(ledger, [source.id]):
            within.setdefault(member, set()).add(source.id)
    counts: Counter[str] = Counter()
    for claim in claims:  # each claim counted once for each source that selects it
        counts.update(set().union(*(within.get(fold("source", c.source.id), ()) for c in claim.citations)))
    return {source.id: counts[source.id] for source in ledger.sources}


def _findings(about: list[Finding], listed: list[Finding], fitted: Fit, details: Details) -> list[FindingGroup]:
    counts = Counter((f.severity.rank, f.kind) for f in about)
    shown = listed[:fitted.findings[0]]
    groups = []
    for rank, kind in sorted(counts):
        members_ = [f for f in shown if f.kind == kind and f.severity.rank == rank]
        sample = next(f for f in about if f.kind == kind and f.severity.rank == rank)
        groups.append(FindingGroup(kind, sample.severity.value, CATALOGUE[sample.code].title, counts[(rank, kind)],
                                   [details.finding_rows(f, label=text(_where(f))) for f in members_]))
    return groups


def _where(finding: Finding) -> str:
    """The question a finding is on, as the findings section labels it."""
    if finding.question is not None:
        return str(finding.question)
    return f"{finding.subject} (across properties)" if finding.subject else "across questions"


def _options(ledger: Ledger, claims: list[Claim], selected: dict[str, int]) -> dict[str, list[tuple[str, str]]]:
    """The values each filter offers, with how many claims each selects (a source: its own and its members')."""
    sources = []
    for source in sorted(ledger.sources, key=lambda s: fold("source", s.id)):
        count = selected.get(source.id, 0)
        if count:
            sources.append((fold("source", source.id), f"{source.id} — {source.name} ({plural(count, 'claim')})"))
    def counted(values: list[str]) -> list[tuple[str, str]]:
        return [(v, f"{v} ({n:,})") for v, n in sorted(Counter(values).items())]
    return {"source": [(v, text(label)) for v, label in sources],
            "subject": counted([c.subject for c in claims if c.subject]),
            "property": counted([c.property for c in claims if c.property]),
            "status": counted([c.status for c in claims]),
            "tag": counted([t for c in claims for t in c.tags])}
