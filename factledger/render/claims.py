"""Human output of claims and sources: the claims table (a block per claim when narrow), one claim in
full, and the sources table. Every piece of ledger text goes through
:func:`~factledger.render.style.safe_text`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from factledger.model.entries import Claim, Source
from factledger.render.layout import Fields, Fitted, heading, widest
from factledger.render.style import SEVERITY_STYLE, STATUS_STYLE, grid, safe_text
from factledger.text.plural import plural

if TYPE_CHECKING:
    from factledger.api.results import ClaimList, ClaimShown, ClaimView, SourceList
    from factledger.model.entries import Review
    from factledger.query.views import CitationView



class ClaimsView:
    """Claims as a table when the width holds whole ids and a readable statement, else as a list (a
    block per claim), so that nothing is ever squeezed into illegibility."""

    STATEMENT = 24  # the narrowest statement column worth reading

    def __init__(self, claims: list[Claim], reviews: dict[str, list[str]] | None = None,
                 matched: int | None = None) -> None:
        self.claims = claims
        self.reviews = reviews or {}  # claim id → its fact-checkers' verdicts in a few words
        self.matched = len(claims) if matched is None else matched  # before --limit

    def _status(self, c: Claim) -> str:
        """The keeper's status, and each fact-checker's verdict beside it: "reported; reviewed: denied by AFP"."""
        reviewed = self.reviews.get(c.id)
        return c.status + (f"; reviewed: {', '.join(reviewed)}" if reviewed else "")

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Fitted(self._table, self._blocks, self._probe())
        yield Text(shown_of(len(self.claims), self.matched), style="dim")

    def _cells(self, c: Claim) -> list[str]:
        return [c.id, str(c.date or "—"), c.statement, str(c.value) if c.value is not None else "—",
                ", ".join(c.originators()), self._status(c)]

    def _probe(self) -> Table:
        """The table's columns with one row of their widest cells (or, where they wrap, longest words)."""
        cells = [self._cells(c) for c in self.claims]
        table = self._frame()
        table.add_row(*(safe_text(widest((row[i] for row in cells), words=i in (2, 3, 4, 5))) for i in range(6)))
        return table

    def _table(self) -> Table:
        table = self._frame()
        for c in self.claims:
            table.add_row(
                safe_text(c.id), safe_text(c.date or "—"), safe_text(c.statement),
                safe_text(c.value if c.value is not None else "—"),
                safe_text(", ".join(c.originators())), safe_text(self._status(c), STATUS_STYLE.get(c.status, "")))
        return table

    def _frame(self) -> Table:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        # Ids are never broken: they are what a reader copies into 'show'. Values and source lists wrap
        # between words; the statement takes the rest.
        table.add_column("id", style="bold", no_wrap=True)
        table.add_column("date", no_wrap=True)
        table.add_column("statement", ratio=1, min_width=self.STATEMENT)
        table.add_column("value")
        table.add_column("sources")
        # A status is one word; with a fact-checker's verdicts beside it, it wraps between their words.
        table.add_column("status", no_wrap=not self.reviews)
        return table

    def _blocks(self) -> Iterator[RenderableType]:
        for c in self.claims:
            yield Fields([safe_text(c.id, "bold"), safe_text(c.date or "undated", "dim"),
                          safe_text(self._status(c), STATUS_STYLE.get(c.status, "")),
                          safe_text(", ".join(c.originators())),
                          safe_text(c.value if c.value is not None else "", "cyan")], hang=2)
            yield Padding(safe_text(c.statement), (0, 0, 1, 4))


def claims_table(claims: list[Claim], reviews: dict[str, list[str]] | None = None,
                 matched: int | None = None) -> RenderableType:
    if not claims:
        return Text("no claims match" if not matched else shown_of(0, matched), style="dim")
    return ClaimsView(claims, reviews, matched)


def shown_of(shown: int, matched: int) -> str:
    """How many claims are listed: "7 claims", or, cut by --limit, "2 of 7 claims (--limit 2)"."""
    if shown == matched:
        return plural(shown, "claim")
    return f"{shown:,} of {plural(matched, 'claim')} (--limit {shown})"


def claim_detail(view: ClaimView) -> RenderableType:
    """One claim in full: fields, every citation with its source and document, relations both ways,
    and what cross-checking found about it."""
    claim = view.claim
    head = Text.assemble(safe_text(claim.id, "bold"), "  ", safe_text(claim.status, STATUS_STYLE.get(claim.status, "")))
    parts: list[RenderableType] = [head, _claim_fields(claim), Text(""),
                                   Text(f"Citations ({len(claim.citations)})", style="bold")]
    parts += [_citation_entry(number, cited) for number, cited in enumerate(view.citations, 1)]
    if view.reviews:
        parts += [Text(""), Text(f"Reviews ({len(view.reviews)})", style="bold")]
    parts += [_review_entry(number, review) for number, review in enumerate(view.reviews, 1)]
    relations = _relations(view)
    if relations.row_count:
        parts += [Text(""), Text("Relations", style="bold"), relations]
    parts += [Text(""), Text("Cross-check", style="bold"), _cross_check(view)]
    return Group(*parts)


def _claim_fields(claim: Claim) -> Table:
    fields = grid()
    fields.add_row("statement", safe_text(claim.statement))
    if claim.subject or claim.property:
        key = claim.question()  # named with its qualifiers: "deaths (measure: count)" is not a forecast
        fields.add_row("question", safe_text(key if key is not None else f"{claim.subject or '—'} / "
                                                                         f"{claim.property or '—'}"))
    fields.add_row("value", safe_text(claim.value if claim.value is not None else "—"))
    fields.add_row("date", safe_text(claim.date or "—"))
    if claim.tags:
        fields.add_row("tags", safe_text(", ".join(claim.tags)))
    if claim.notes:
        fields.add_row("notes", safe_text(claim.notes))
    fields.add_row("defined at", safe_text(claim.location))
    return fields


def _citation_entry(number: int, cited: CitationView) -> Table:
    """One citation: its source (and what the ledger says of it), via, document, quote and dates."""
    citation, source, document = cited.citation, cited.source, cited.document
    entry = grid()
    who = safe_text(citation.source.id, "bold")
    if source is not None:
        who.append_text(safe_text(f" — {source.name}"))
        facts = [source.kind, source.country or "",
                 f"reliability {source.reliability}" if source.reliability else ""]
        if source.part_of:
            facts.append(f"part of {source.part_of.id}")
        who.append_text(safe_text(f"  ({', '.join(f for f in facts if f)})", "dim"))
    else:
        who.append_text(safe_text("  (not a defined source)", "red"))
    entry.add_row(f"{number}.", who)
    if citation.via:
        entry.add_row("via", safe_text(", ".join(r.id for r in citation.via)))
    if citation.document is not None:
        shown = safe_text(citation.document.id)
        if document is not None:
            shown.append_text(safe_text(f" — {document.title}"))
            if document.published:
                shown.append_text(safe_text(f" ({document.published})", "dim"))
        entry.add_row("document", shown)
    if citation.quote:
        entry.add_row("quote", safe_text(f"“{citation.quote}”", "italic"))
    if citation.date:
        entry.add_row("said", safe_text(citation.date))
    if citation.credibility:
        entry.add_row("credibility", safe_text(citation.credibility))
    if cited.url:
        entry.add_row("url", safe_text(cited.url))
    return entry


def _review_entry(number: int, review: Review) -> Table:
    """One fact-checker's review of the claim: who, the verdict, the rating as published, and the rest."""
    entry = grid()
    entry.add_row(f"{number}.", Text.assemble(safe_text(review.by.id, "bold"), ("  ", ""),
                                               safe_text(review.verdict, "bold")))
    rating = review.rating
    if rating is not None and (rating.label or rating.value is not None):
        said = f"'{rating.label}'" if rating.label else ""
        if rating.value is not None:
            said += f" ({rating.value:g} on {rating.worst if rating.worst is not None else 1:g} to "  \
                    f"{rating.best if rating.best is not None else 5:g})"
        if rating.scale:
            said += f", on {rating.scale}"
        entry.add_row("rating", safe_text(said.strip()))
    for label, value in (("date", review.date), ("url", review.url), ("headline", review.headline),
                         ("author", review.author), ("licence", review.licence), ("body", review.body)):
        if value:
            entry.add_row(label, safe_text(value))
    if review.notes:
        entry.add_row("notes", safe_text(review.notes, "dim"))
    return entry


def _relations(view: ClaimView) -> Table:
    """The claim's relations both ways: what it supports, disputes or supersedes, and what does so to it."""
    relations = grid()
    for out in view.outgoing:
        target = out.claim
        relations.add_row(f"{out.relation} →", Text.assemble(
            safe_text(out.claim_id, "bold"), safe_text(f"  {target.statement}" if target else "  (not a defined claim)",
                                                       "dim")))
    for into in view.incoming:
        relations.add_row(f"{_INVERSE[into.relation]} ←", Text.assemble(
            safe_text(into.claim_id, "bold"), safe_text(f"  {into.claim.statement}" if into.claim else "", "dim")))
    return relations


def _cross_check(view: ClaimView) -> RenderableType:
    """What cross-checking found about the claim (or why it was not compared)."""
    if view.findings is None:
        return Text("not cross-checked: the ledger has errors ('factledger validate' lists them)", style="dim")
    if view.claim.status == "retracted":
        # Compared with nothing, but still in view: its question's summary says who withdrew it.
        said = f"; {view.camp}" if view.camp else ""
        return Text(f"retracted: takes part in no comparison{said}", style="dim")
    # A grid, so that a long finding wraps under its own text rather than back to the margin.
    checked = Table.grid(padding=(0, 2))
    checked.add_column(no_wrap=True)
    checked.add_column()
    checked.add_row(Text("independent origins", style="dim"), Text(str(view.independent_origins or 0), style="bold"))
    if view.camp:
        checked.add_row(Text("position", style="dim"), safe_text(view.camp))
    if view.consistent_with:
        more = view.consistent_count - len(view.consistent_with)
        named = ", ".join(view.consistent_with) + (f" and {more:,} more" if more > 0 else "")
        checked.add_row(Text("consistent with", style="dim"), Text.assemble(
            safe_text(named), (" (no contradiction, no corroboration)", "dim")))
    for f in view.findings:
        checked.add_row(Text.assemble((f.severity.value, SEVERITY_STYLE[f.severity]), (f" {f.kind}", "bold")),
                        safe_text(f.reason if f.sides and f.reason else f.message))
        for side in f.sides:
            if side.claim != view.claim.id:
                checked.add_row("", Text.assemble("• ", safe_text(str(side))))
        if f.suggestion:
            checked.add_row("", Text.assemble("→ ", safe_text(f.suggestion, "italic")))
    return checked


_INVERSE = {"supports": "supported by", "disputes": "disputed by", "supersedes": "superseded by"}


def sources_table(rows: Iterable[tuple[Source, int, int]]) -> RenderableType:
    """A table where it fits whole; else a block per source (id and name, then its facts beneath)."""
    rows = list(rows)
    if not rows:
        return Text("no sources", style="dim")
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for name in ("id", "name", "kind", "country", "reliability", "part of"):
        # Ids, kinds and codes are copied and searched for: never broken. Names wrap between words.
        # The table only where a name has room to read (at least 24 columns); else blocks.
        table.add_column(name, no_wrap=name != "name", style="bold" if name == "id" else "",
                         min_width=24 if name == "name" else None)
    # Claims it originated, and claims it relayed (a citation's via), counted apart: a wire agency that relayed six
    # claims originated none.
    table.add_column("claims", justify="right", no_wrap=True)
    table.add_column("relayed", justify="right", no_wrap=True)
    for source, count, relayed in rows:
        table.add_row(safe_text(source.id), safe_text(source.name), safe_text(source.kind),
                      safe_text(source.country or "—"), safe_text(source.reliability or "—"),
                      safe_text(source.part_of.id if source.part_of else "—"), str(count), str(relayed))

    def as_blocks() -> Iterator[RenderableType]:
        for source, count, relayed in rows:
            yield heading(safe_text(source.id, "bold"), safe_text(source.name))
            facts = [safe_text(source.kind), safe_text(source.country or ""),
                     safe_text(f"reliability {source.reliability}" if source.reliability else ""),
                     safe_text(f"part of {source.part_of.id}" if source.part_of else ""),
                     Text(plural(count, "claim"), style="dim"),
                     Text(f"{relayed:,} relayed", style="dim") if relayed else Text("")]
            yield Padding(Fields(facts, hang=0), (0, 0, 0, 4))

    return Group(Fitted(table, as_blocks), Text(plural(len(rows), "source"), style="dim"))


# -- renderers of use-case results (the format registry names these) ----------------------------

def claims_text(result: ClaimList) -> RenderableType:
    from factledger.query.views import review_note

    return claims_table(result.claims, {c: [review_note(r) for r in found] for c, found in result.reviews.items()},
                        result.matched)


def claim_text(result: ClaimShown) -> RenderableType:
    assert result.view is not None  # show_claim always gives the claim's view
    return claim_detail(result.view)


def sources_text(result: SourceList) -> RenderableType:
    return sources_table(result.rows)
