"""References point at entries that exist (FL202-FL204), not at themselves (FL206), once each (FL207),
without cycles (FL205), and a claim does not both support and dispute another (FL209)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

from factledger.model.entries import Claim, Ref, Source
from factledger.model.ids import fold, same
from factledger.problems.diagnostics import Diagnostic, make
from factledger.rules.base import RuleContext
from factledger.text.suggest import Suggester


def check_references(ctx: RuleContext) -> Iterator[Diagnostic]:
    refs = _Lookup(ctx)
    for s in ctx.entries("sources"):
        yield from _source_references(refs, s)
    for d in ctx.entries("documents"):
        if d.publisher is not None:
            yield from refs.source(d.publisher, "publisher")
    for c in ctx.entries("claims"):
        yield from _citation_references(refs, c)
        yield from _relation_references(refs, c)


class _Lookup:
    """Whether what a reference names is defined; when it is not, FL202/FL203/FL204 with a suggestion."""

    def __init__(self, ctx: RuleContext) -> None:
        self.ledger = ctx.ledger
        self.unread = unread_note(ctx)

    # The suggesters are built when a reference is wrong (most checks find none): over every id of a large
    # ledger they cost more than the checks themselves, where only a few files are checked.
    @cached_property
    def sources(self) -> Suggester:
        return Suggester(self.ledger.source_ids(), casefold=True)

    @cached_property
    def documents(self) -> Suggester:
        return Suggester(self.ledger.document_ids(), casefold=True)

    @cached_property
    def claims(self) -> Suggester:
        return Suggester(self.ledger.claim_ids())

    def source(self, ref: Ref, role: str) -> Iterator[Diagnostic]:
        found = self.ledger.source(ref.id)
        if found is not None and found.id != ref.id:
            yield _spelt("source", role, ref, found.id)
        if found is None:
            yield make("FL202", f"{role} '{ref.id}' is not a defined source"
                                f"{self.sources.hint(ref.id) or self.unread}", ref.location,
                       _other(self.sources.closest(ref.id), ref.id))

    def document(self, ref: Ref) -> Iterator[Diagnostic]:
        found = self.ledger.document(ref.id)
        if found is not None and found.id != ref.id:
            yield _spelt("document", "document", ref, found.id)
        if found is None:
            yield make("FL203", f"document '{ref.id}' is not a defined document"
                                f"{self.documents.hint(ref.id) or self.unread}", ref.location,
                       _other(self.documents.closest(ref.id), ref.id))

    def claim(self, ref: Ref, relation: str) -> Iterator[Diagnostic]:
        if self.ledger.claim(ref.id) is None:
            yield make("FL204", f"{relation} '{ref.id}' is not a defined claim"
                                f"{self.claims.hint(ref.id) or self.unread}", ref.location,
                       _other(self.claims.closest(ref.id), ref.id))


def _spelt(kind: str, role: str, ref: Ref, declared: str) -> Diagnostic:
    """FL208: a reference that spells an id otherwise than its definition (it is the same id: case is ignored)."""
    return make("FL208", f"{role} '{ref.id}' is the {kind} defined as '{declared}'; write it as defined, so that "
                         "searches and diffs find every mention", ref.location, declared)


def _other(found: str | None, written: str) -> str | None:
    """The id a hint suggests, as a fix would write it (None: no hint, or the same)."""
    return found if found is not None and found != written else None


def _source_references(refs: _Lookup, s: Source) -> Iterator[Diagnostic]:
    """A source's part_of and depends_on."""
    if s.part_of is not None:
        yield from refs.source(s.part_of, "part_of")
        if same("source", s.part_of.id, s.id):
            yield make("FL206", f"source '{s.id}' is part_of itself", s.part_of.location)
    yield from _repeated(s.depends_on, f"'depends_on' of source '{s.id}'", "source")
    for ref in s.depends_on:
        yield from refs.source(ref, "depends_on")
        if same("source", ref.id, s.id):
            yield make("FL206", f"source '{s.id}' depends_on itself", ref.location)


def _citation_references(refs: _Lookup, c: Claim) -> Iterator[Diagnostic]:
    """The sources, vias and documents a claim's citations name."""
    for citation in c.citations:
        yield from refs.source(citation.source, "source")
        for ref in citation.via:
            yield from refs.source(ref, "via")
            if same("source", ref.id, citation.source.id):
                yield make("FL206", f"claim '{c.id}' cites {citation.source.id} via itself: a source does not "
                                    "relay its own words", ref.location)
        yield from _repeated(citation.via, f"'via' of a citation in claim '{c.id}'", "source")
        if citation.document is not None:
            yield from refs.document(citation.document)


def _relation_references(refs: _Lookup, c: Claim) -> Iterator[Diagnostic]:
    """The claims a claim supports, disputes or supersedes."""
    for relation in ("supports", "disputes", "supersedes"):
        yield from _repeated(getattr(c, relation), f"'{relation}' of claim '{c.id}'", "claim")
    for relation, ref in c.relations():
        if ref.id == c.id:
            yield make("FL206", f"claim '{c.id}' {relation} itself", ref.location)
        else:
            yield from refs.claim(ref, relation)
    supported = {ref.id for ref in c.supports}
    for ref in c.disputes:
        if ref.id in supported and ref.id != c.id:
            yield make("FL209", f"claim '{c.id}' both supports and disputes '{ref.id}'; keep the one link its text "
                                "makes", ref.location)


def check_assessment_references(ctx: RuleContext) -> Iterator[Diagnostic]:
    """Every claim an assessment names exists (FL204), once (FL207)."""
    ledger = ctx.ledger
    refs = _Lookup(ctx)  # its suggester is built only if a reference is wrong
    for a in ledger.assessments:
        yield from _repeated(a.claims, f"'claims' of assessment '{a.id}'", "claim")
        for role, ref in [*(("claims", r) for r in a.claims), *((("wrong", a.wrong),) if a.wrong else ())]:
            if ledger.claim(ref.id) is None:
                yield make("FL204", f"{role} '{ref.id}' of assessment '{a.id}' is not a defined claim"
                                    f"{refs.claims.hint(ref.id) or refs.unread}", ref.location,
                           _other(refs.claims.closest(ref.id), ref.id))


def check_review_references(ctx: RuleContext) -> Iterator[Diagnostic]:
    """A review's claim (FL204), reviewer (FL202) and appearances (FL203) exist; no appearance twice (FL207)."""
    ledger = ctx.ledger
    unread = unread_note(ctx)
    claims = sources = documents = None  # suggesters, built only if a reference is wrong
    for r in ledger.reviews:
        if r.claim.id and ledger.claim(r.claim.id) is None:
            claims = claims or Suggester(ledger.claim_ids())
            yield make("FL204", f"claim '{r.claim.id}' of review '{r.id}' is not a defined claim"
                                f"{claims.hint(r.claim.id) or unread}", r.claim.location,
                       _other(claims.closest(r.claim.id), r.claim.id))
        by = ledger.source(r.by.id) if r.by.id else None
        if by is not None and by.id != r.by.id:
            yield _spelt("source", "by", r.by, by.id)
        if r.by.id and by is None:
            sources = sources or Suggester(ledger.source_ids(), casefold=True)
            yield make("FL202", f"by '{r.by.id}' of review '{r.id}' is not a defined source"
                                f"{sources.hint(r.by.id) or unread}", r.by.location,
                       _other(sources.closest(r.by.id), r.by.id))
        yield from _repeated(r.appearances, f"'appearances' of review '{r.id}'", "document")
        for ref in r.appearances:
            shown = ledger.document(ref.id)
            if shown is not None and shown.id != ref.id:
                yield _spelt("document", "appearance", ref, shown.id)
            if shown is None:
                documents = documents or Suggester(ledger.document_ids(), casefold=True)
                yield make("FL203", f"document '{ref.id}' is not a defined document"
                                    f"{documents.hint(ref.id) or unread}", ref.location,
                           _other(documents.closest(ref.id), ref.id))


def _repeated(refs: list[Ref], where: str, kind: str) -> Iterator[Diagnostic]:
    """FL207 for each reference a list repeats: harmless, but a sign of a slip (and it would count twice)."""
    seen: dict[str, Ref] = {}
    for ref in refs:
        key = fold(kind, ref.id)
        if key in seen:
            first = seen[key]
            yield make("FL207", f"{where} names '{ref.id}' twice (first at line {first.location.line}, column "
                                f"{first.location.column}); remove one", ref.location)
        else:
            seen[key] = ref


def unread_note(ctx: RuleContext) -> str:
    """When some file could not be read, a missing entry may be in it: say so, so that the one
    real error is not mistaken for many."""
    if not ctx.unread_files:
        return ""
    shown = ", ".join(ctx.unread_files[:2]) + (" and others" if len(ctx.unread_files) > 2 else "")
    return f" (it may be defined in {shown}, which could not be read)"


def check_cycles(ctx: RuleContext) -> Iterator[Diagnostic]:
    """Follow every ``part_of`` chain; report each cycle once, at the link written by its first member."""
    ledger = ctx.ledger
    parent: dict[str, str] = {}
    # The source whose link each step follows: with two entries for one id ('a' and 'A', an FL201), the
    # first with a part_of, never one without (which ledger.source might give).
    linked: dict[str, Source] = {}
    for s in ledger.sources:
        if s.part_of is not None and ledger.source(s.part_of.id) is not None:
            key = fold("source", s.id)
            if key not in parent:
                parent[key], linked[key] = fold("source", s.part_of.id), s
    done: set[str] = set()
    for start in parent:
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        while node is not None and node not in done and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = parent.get(node)
        if node is not None and node in on_path:
            cycle = path[path.index(node):]
            if len(cycle) > 1:  # a source part_of itself is FL206
                members = [linked[m] for m in cycle]  # each on the cycle has the link that leads on
                first = min(members, key=lambda m: (m.location.file, m.location.line))
                chain = " → ".join(m.id for m in members) + f" → {members[0].id}"
                if first.part_of is not None:
                    yield make("FL205", f"part_of links form a cycle: {chain}", first.part_of.location)
        done.update(path)
