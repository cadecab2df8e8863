"""What the report says of each claim: its row in the claims table and its detail, built from the claim's
view (:mod:`factledger.query.views`), the one `show` spells, and saying what `show` says.

A detail is plain data (blocks of rows of text and links) so that the page spells it in one of two ways
and says the same either way: written into the page by the template, or, above the size budget, built in
the browser from the same data when it is opened (the page's script knows rows, not claims).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field, replace
from typing import Any

from factledger.check.findings import Finding, QuestionSummary
from factledger.export.html.links import text_fragment
from factledger.model.entries import Claim, Review, Value
from factledger.model.ids import fold
from factledger.model.urls import web_url
from factledger.query.views import CitationView, ClaimView, review_note
from factledger.text.escapes import safe
from factledger.text.plural import plural


@dataclass(frozen=True)
class Link:
    href: str  # an http(s) address (web_url), or an anchor in the page
    text: str


Part = str | Link

# The label of a row for whoever keeps the ledger (how to fix a finding, where a claim is written, which
# command lists more): the page folds it away under this label, so that a reader's lines say what the data says.
KEEPER = "for the ledger's keeper"


@dataclass
class Entry:
    head: list[Part]  # [] for none
    rows: list[tuple[str, list[Part]]] = field(default_factory=list)  # (label, parts); label "" continues


@dataclass
class Block:
    title: str
    entries: list[Entry]


@dataclass
class Detail:
    id: str
    status: str
    blocks: list[Block]

    def data(self) -> list[Any]:
        """The detail as compact JSON data for the page's script: [id, status, [[title, [[head, [[label,
        part…]…]]…]]…]], a part being a string or [href, text]."""
        def parts(found: list[Part]) -> list[Any]:
            return [[p.href, p.text] if isinstance(p, Link) else p for p in found]
        return [self.id, self.status, [[b.title, [[parts(e.head), [[label, *parts(shown)] for label, shown in e.rows]]
                                                  for e in b.entries]] for b in self.blocks]]


def worded(value: Value) -> str:
    """A claim's value as the page words it: as people write it in a report (~1,500 soldiers, up to 12,000),
    and a yes or no as its claim says it ("says no"), never "LRC false", which reads as "LRC is false"."""
    if value.kind == "boolean":
        return "says yes" if value.flag else "says no"
    return value.display(prose=True)


def camp_words(summaries: Iterable[QuestionSummary], claims: Mapping[str, Claim]) -> dict[str, dict[str, str]]:
    """Each camp's label as the page words it, where that differs, by the claims of its question (a claim's
    position is worded with its own question's camps only: looking through every question's would cost the
    ledger's size for each claim): a camp of yeses or noes as its claims say it ('LRC, LRC-Shukri: says
    no'); the cross-check's label (sources, then the value) elsewhere."""
    found: dict[str, dict[str, str]] = {}
    for summary in summaries:
        words = {}
        for camp in summary.camps:
            values = [claims[c].value for c in camp.claims if c in claims]
            if values and all(v is not None and v.kind == "boolean" for v in values) and \
                    len({v.flag for v in values if v is not None}) == 1 and values[0] is not None:
                words[camp.label] = f"{', '.join(camp.sources)}: {worded(values[0])}"
        if words:
            found.update((claim_id, words) for claim_id in summary.claims)
    return found


def reworded(said: str, words: Mapping[str, str]) -> str:
    """``said`` (a camps line, a claim's position) with each camp's label as the page words it."""
    for label, shown in words.items():
        said = said.replace(label, shown)
    return said


def text(value: object) -> str:
    """Ledger text as the page shows it: controls, bidi overrides and invisible characters made visible
    (escapes.safe); markup is the template's autoescaping's to neutralise."""
    return safe(str(value))


class Details:
    """Builds each claim's detail; ``shown`` are the claims in the report (only they are linked), ``anchors``
    the page's anchors of the questions it lists, ``inside`` the data directory's path with its slash, and
    ``names`` the sources' names by folded id (a reviewer is named as a cited source is)."""

    def __init__(self, shown: Set[str], anchors: Mapping[str, str], inside: str = "",
                 names: Mapping[str, str] | None = None, claims: Mapping[str, Claim] | None = None,
                 words: Mapping[str, Mapping[str, str]] | None = None) -> None:
        self.shown, self.anchors, self.inside, self.names = shown, anchors, inside, names or {}
        # every claim by id; the camps' labels as worded, by the claims of their question
        self.claims, self.words = claims or {}, words or {}

    def claim_link(self, claim_id: str) -> Part:
        return Link(f"#claim-{claim_id}", claim_id) if claim_id in self.shown else text(claim_id)

    def claim_said(self, claim_id: str, claim: Claim | None) -> list[Part]:
        """The claim linked, with who said what when, as a question's camps show a position:
        'east-health-3166: LY-East-HealthMin 3,166 deaths (2023-09-15)'."""
        if claim is None:
            return [self.claim_link(claim_id)]
        value = worded(claim.value) if claim.value is not None else "—"
        return [self.claim_link(claim_id), text(f": {', '.join(claim.originators())} {value}"
                                                + (f" ({claim.date})" if claim.date else ""))]

    def detail(self, view: ClaimView) -> Detail:
        claim = view.claim
        blocks = [Block("", [Entry([], self._fields(claim))]),
                  Block(f"Citations ({len(claim.citations)})",
                        [self._citation(n, cited) for n, cited in enumerate(view.citations, 1)])]
        if view.reviews:
            blocks.append(Block(f"Reviews ({len(view.reviews)})",
                                [_review(n, review, self.names.get(fold("source", review.by.id)))
                                 for n, review in enumerate(view.reviews, 1)]))
        relations = self._relations(view)
        if relations:
            blocks.append(Block("Relations", [Entry([], relations)]))
        blocks.append(Block("Cross-check", [Entry([], self._cross_check(view))]))
        return Detail(claim.id, claim.status, blocks)

    def _fields(self, claim: Claim) -> list[tuple[str, list[Part]]]:
        rows: list[tuple[str, list[Part]]] = [("statement", [text(claim.statement)])]
        if claim.subject or claim.property:
            key = claim.question()
            named = text(key) if key is not None else text(f"{claim.subject or '—'} / {claim.property or '—'}")
            anchor = self.anchors.get(str(key)) if key is not None else None
            rows.append(("question", [Link(f"#{anchor}", named) if anchor else named]))
        rows.append(("value", [text(worded(claim.value)) if claim.value is not None else "—"]))
        rows.append(("date", [text(claim.date or "—")]))
        if claim.tags:
            rows.append(("tags", [text(", ".join(claim.tags))]))
        if claim.notes:
            rows.append(("notes", [text(claim.notes)]))
        # The file inside the data directory: a shared page names no folder of the analyst's machine, and the
        # same ledger gives the same bytes wherever it is exported.
        rows.append((KEEPER, ["defined at ", text(claim.location.file.removeprefix(self.inside)),
                              text(str(claim.location).removeprefix(claim.location.file))]))
        return rows

    def _citation(self, number: int, cited: CitationView) -> Entry:
        """One citation: its source and what the ledger says of it, via, document, the quote with a link that
        opens the cited page at it, when it was said, and where to read it."""
        citation, source, document = cited.citation, cited.source, cited.document
        if source is not None:
            facts = [source.kind, source.country or "", f"reliability {source.reliability}" if source.reliability
                     else "", f"part of {source.part_of.id}" if source.part_of else ""]
            head: list[Part] = [f"{number}. ", text(f"{citation.source.id} — {source.name}"),
                                text(f" ({', '.join(f for f in facts if f)})")]
        else:
            head = [f"{number}. ", text(citation.source.id), " (not a defined source)"]
        rows: list[tuple[str, list[Part]]] = []
        if citation.via:
            rows.append(("via", [text(", ".join(r.id for r in citation.via))]))
        if citation.document is not None:
            shown = citation.document.id + (f" — {document.title}" if document is not None else "")
            address = web_url(document.url) if document is not None else None
            said: list[Part] = [Link(address, text(shown)) if address else text(shown)]
            if document is not None and document.published:
                said.append(text(f" ({document.published})"))
            rows.append(("document", said))
        if citation.quote:
            quoted: list[Part] = ["“", text(citation.quote), "”"]
            at = text_fragment(cited.url, citation.quote)
            if at is not None:
                quoted += [" ", Link(at, "open the cited page at the quote")]
            rows.append(("quote", quoted))
        if citation.date:
            rows.append(("said", [text(citation.date)]))
        if citation.credibility:
            rows.append(("credibility", [text(citation.credibility)]))
        if cited.url:
            address = web_url(cited.url)
            rows.append(("url", [Link(address, text(address)) if address else text(cited.url)]))
        return Entry(head, rows)

    def _relations(self, view: ClaimView) -> list[tuple[str, list[Part]]]:
        rows: list[tuple[str, list[Part]]] = []
        for out in view.outgoing:
            said = f" {out.claim.statement}" if out.claim else " (not a defined claim)"
            rows.append((f"{out.relation} →", [self.claim_link(out.claim_id), text(said)]))
        for into in view.incoming:
            said = f" {into.claim.statement}" if into.claim else ""
            rows.append((f"{_INVERSE[into.relation]} ←", [self.claim_link(into.claim_id), text(said)]))
        return rows

    def _cross_check(self, view: ClaimView) -> list[tuple[str, list[Part]]]:
        """What cross-checking found about the claim, or why it was not compared."""
        if view.findings is None:
            return [("", ["not cross-checked: the ledger has errors"]), (KEEPER, ["'factledger validate' lists them"])]
        if view.claim.status == "retracted":
            camp = f"; {reworded(view.camp, self.words.get(view.claim.id, {}))}" if view.camp else ""
            return [("", [text("retracted: takes part in no comparison" + camp)])]
        rows: list[tuple[str, list[Part]]] = [("independent origins", [str(view.independent_origins or 0)])]
        if view.camp:
            rows.append(("position", [text(reworded(view.camp, self.words.get(view.claim.id, {})))]))
        if view.consistent_with:
            more = view.consistent_count - len(view.consistent_with)
            named: list[Part] = []
            for n, other in enumerate(view.consistent_with):
                named += [", "] if n else []
                named.append(self.claim_link(other))
            rows.append(("consistent with", [*named, f" and {more:,} more" if more > 0 else "",
                                             " (no contradiction, no corroboration)"]))
        for finding in view.findings:
            rows += self.finding_rows(finding, view.claim.id)
        return rows

    def finding_rows(self, finding: Finding, about: str | None = None,
                     label: str | None = None) -> list[tuple[str, list[Part]]]:
        """A finding as rows: its ``label`` (by default its severity and kind) with its message, then each side
        (but the claim ``about``), then what to do."""
        rows: list[tuple[str, list[Part]]] = [(label or f"{finding.severity.value} {finding.kind}", [text(
            finding.reason if finding.sides and finding.reason else finding.message)])]
        for side in finding.sides:
            if side.claim != about:
                claim = self.claims.get(side.claim)
                if claim is not None and claim.value is not None and claim.value.kind == "boolean":
                    side = replace(side, value=worded(claim.value))
                rest = str(side).removeprefix(side.claim)
                rows.append(("", ["• ", self.claim_link(side.claim), text(rest)]))
        if finding.suggestion:
            rows.append((KEEPER, [text(finding.suggestion)]))
        return rows


_INVERSE = {"supports": "supported by", "disputes": "disputed by", "supersedes": "superseded by"}


def _review(number: int, review: Review, name: str | None) -> Entry:
    """One fact-checker's review of the claim: who (the id, and the ``name`` the ledger gives it), the verdict,
    the rating as published, and the rest."""
    rows: list[tuple[str, list[Part]]] = []
    rating = review.rating
    if rating is not None and (rating.label or rating.value is not None):
        said = f"'{rating.label}'" if rating.label else ""
        if rating.value is not None:
            said += (f" ({rating.value:g} on {rating.worst if rating.worst is not None else 1:g} to "
                     f"{rating.best if rating.best is not None else 5:g})")
        if rating.scale:
            said += f", on {rating.scale}"
        rows.append(("rating", [text(said.strip())]))
    for label, value in (("date", review.date), ("url", review.url), ("headline", review.headline),
                         ("author", review.author), ("licence", review.licence), ("notes", review.notes)):
        if value and label == "url":
            address = web_url(value)
            rows.append((label, [Link(address, text(address)) if address else text(value)]))
        elif value:
            rows.append((label, [text(value)]))
    who = f"{review.by.id} — {name}:" if name else review.by.id
    return Entry([f"{number}. ", text(f"{who} {review.verdict}")], rows)


@dataclass(frozen=True)
class Row:
    """A claim's row in the claims table, and what the page's filters and sorting read."""

    claim: Claim
    value: str
    status: str  # the keeper's status, and each fact-checker's verdict beside it (as `list` shows)

    @property
    def sources(self) -> str:
        return ", ".join(self.claim.originators())


def row(claim: Claim, reviews: list[Review]) -> Row:
    notes = [review_note(r) for r in reviews]
    return Row(claim, worded(claim.value) if claim.value is not None else "—",
               claim.status + (f"; reviewed: {', '.join(notes)}" if notes else ""))


def counted(claims: int) -> str:
    return plural(claims, "claim", grouped=True)
