"""The cross-check engine: compares claims that answer the same question and reports findings.

A *question* is a subject, a property and its qualifiers. Claims are only ever compared within a
question, and within a question only with claims whose times overlap (a sweep over groups of
interchangeable claims sorted by start); supersession follows each root origin of a claim's
sources. So the work grows with the size of questions and of what overlaps in time, never with
the square of the ledger. Retracted claims take part in no comparison.

Two values are *consistent* when their intervals intersect (never a conflict), and *corroborate*
when each one's anchor lies in the other's interval. A later claim from the same source whose
value differs is that source's update, never a conflict. What each question then concludes is
decided in :mod:`.questions`; the links (:mod:`.links`), what holds per claim (:mod:`.perclaim`)
and the keeper's assessments (:mod:`.assessments`) are the later stages. :meth:`Engine.run`
isolates each, so a crash is a diagnostic, never a traceback.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Callable, Iterable, TypeVar

from factledger.check.assessments import report_assessments
from factledger.check.camps import QuestionSummary, summarise
from factledger.check.compare import (
    Span, claim_span, contemporaneous, corroborates, interval, order, tolerance_label, unit_key, value_class, value_key,
)
from factledger.check.findings import CheckResult, Finding, Side, ordered
from factledger.check.groups import Group
from factledger.check.links import report_links, supersession_cycles
from factledger.check.options import CheckOptions
from factledger.check.origins import Dependence
from factledger.check.perclaim import report_per_claim
from factledger.check.questions import QuestionState, classify, resolve
from factledger.check.reviews import report_reviews
from factledger.problems.diagnostics import Diagnostic, Location, make
from factledger.model.entries import Claim, Ledger, QuestionKey, Review, Value

T = TypeVar("T")
_NAMED = 20  # claims or pairs a result names; beyond them it gives the count


class Engine:
    def __init__(self, ledger: Ledger, options: CheckOptions) -> None:
        self.ledger = ledger
        self.options = options
        self.dependence = Dependence(ledger)
        # By id, not file order: what check finds, and how it words it, must not depend on how the
        # ledger is split into files or ordered within them.
        self.claims = sorted((c for c in ledger.claims if c.status != "retracted"), key=lambda c: c.id)
        self.by_id = {c.id: c for c in self.claims}
        self.assessments = sorted(ledger.assessments, key=lambda a: a.id)
        self.used_assessments: set[str] = set()
        self.reviews_of: dict[str, list[Review]] = defaultdict(list)  # a fact-checker's verdicts, by claim
        for review in sorted(ledger.reviews, key=lambda r: r.id):
            self.reviews_of[review.claim.id].append(review)
        self.spans: dict[str, Span] = {c.id: claim_span(c) for c in self.claims}
        self.sources: dict[str, tuple[str, ...]] = {c.id: tuple(c.originators()) for c in self.claims}
        self.origin_sets = {c.id: frozenset(s.casefold() for s in self.sources[c.id]) for c in self.claims}
        # Two claims are independent when no source of one is dependent on a source of the other,
        # i.e. when the unions of their sources' roots are disjoint: one set operation per pair.
        interned: dict[frozenset[str], frozenset[str]] = {}
        self.lineage: dict[str, frozenset[str]] = {}
        for c in self.claims:
            roots = frozenset().union(*(self.dependence.roots(s) for s in self.sources[c.id]))
            self.lineage[c.id] = interned.setdefault(roots, roots)
        self.disputed_ids = {r.id for c in self.claims for r in c.disputes}
        # Claims a disputes or supersedes link touches are compared one by one; the rest in groups.
        self.linked_ids = self.disputed_ids | {c.id for c in self.claims if c.disputes or c.supersedes} | {
            r.id for c in self.claims for r in c.supersedes}
        self._sides: dict[str, Side] = {}
        self.findings: list[Finding] = []
        self.group_of: dict[str, Group] = {}
        self.in_conflict: set[str] = set()
        self.recorded_supersessions: set[tuple[str, str]] = set()
        self.withdrawn: set[str] = set()
        self.summaries: list[QuestionSummary] = []
        self.comparisons = 0
        self.unitless_matches_any = True
        self.crashes: list[Diagnostic] = []
        self.cyclic: set[tuple[str, str]] = set()  # (newer, older) supersedes links in a cycle

    # -- helpers ---------------------------------------------------------------------------
    def side(self, claim: Claim) -> Side:
        side = self._sides.get(claim.id)
        if side is None:
            side = Side(claim.id, self.sources[claim.id], str(claim.date) if claim.date else None,
                        None if claim.date else self._said(claim),
                        str(claim.value) if claim.value is not None else None)
            self._sides[claim.id] = side
        return side

    @staticmethod
    def _said(claim: Claim) -> str | None:
        dates = [str(c.date) for c in claim.citations if c.date is not None]
        return ", ".join(dict.fromkeys(dates)) if dates else None

    def independent(self, a: Claim, b: Claim) -> bool:
        return self.lineage[a.id].isdisjoint(self.lineage[b.id])

    def emit(self, code: str, message: str, claims: Iterable[Claim], suggestion: str | None = None,
             sides: bool = True, reason: str | None = None, locations: tuple[Location, ...] | None = None) -> None:
        chosen = list(claims)
        if len(chosen) == 1:  # most findings (every claim on one origin is one): the same, without the sets
            only = chosen[0]
            subject, question, sources = only.subject, only.question(), self.sources[only.id]
            prop = only.property if subject is not None else None
        else:
            subjects = {c.subject for c in chosen}
            properties = {c.property for c in chosen}
            keys = {c.question() for c in chosen}
            subject = subjects.pop() if len(subjects) == 1 else None
            prop = properties.pop() if len(properties) == 1 and subject is not None else None
            question = keys.pop() if len(keys) == 1 else None
            sources = tuple(dict.fromkeys(s for c in chosen for s in self.sources[c.id]))
        self.findings.append(Finding(
            code=code, message=message, claims=tuple(c.id for c in chosen), sources=sources,
            subject=subject, property_name=prop,
            locations=locations if locations is not None else tuple(c.location for c in chosen),
            sides=tuple(self.side(c) for c in chosen) if sides else (), suggestion=suggestion, reason=reason,
            questions=tuple((c.subject, c.property) for c in chosen),
            question=question))

    @staticmethod
    def linked(a: Claim, b: Claim, relation: str) -> bool:
        """Whether either claim names the other under ``relation``."""
        return any(r.id == b.id for r in getattr(a, relation)) or any(r.id == a.id for r in getattr(b, relation))

    def same_source(self, a: Claim, b: Claim) -> bool:
        return self.origin_sets[a.id] == self.origin_sets[b.id]

    # -- questions -------------------------------------------------------------------------
    def questions(self) -> dict[QuestionKey, list[Claim]]:
        grouped: dict[QuestionKey, list[Claim]] = defaultdict(list)
        for claim in self.claims:
            key = claim.question()
            if key is not None and claim.value is not None:
                grouped[key].append(claim)
        return grouped

    def check_question(self, key: QuestionKey, claims: list[Claim]) -> None:
        state = QuestionState(key, claims)
        by_class: dict[str, list[Claim]] = defaultdict(list)
        for claim in claims:
            by_class[value_class(claim.value)].append(claim)  # type: ignore[arg-type]
        if len(by_class) > 1:
            kinds = ", ".join(f"{len(v)} {k}" for k, v in sorted(by_class.items()))
            self.emit("FL509", f"values of different types ({kinds}) are not compared with each other", claims,
                      "give every claim on this question the same kind of value, or split the question")
        numbers = by_class.get("number", [])
        units = sorted({u for c in numbers if (u := unit_key(c.value)) is not None})  # type: ignore[arg-type]
        if len(units) > 1:
            unitless = [c.id for c in numbers if unit_key(c.value) is None]  # type: ignore[arg-type]
            also = (f"; values with no unit ({', '.join(unitless)}) are compared only with each other"
                    if unitless else "")
            self.emit("FL508", f"numeric values use different units ({', '.join(units)}); values in different "
                               f"units are not compared{also}",
                      [c for c in numbers if unit_key(c.value)],  # type: ignore[arg-type]
                      "convert the values to one unit, or split the question with a more specific property")
        # A value without a unit is taken to be in the question's unit, when it has just one.
        self.unitless_matches_any = len(units) <= 1
        for group in by_class.values():
            self.sweep(self.grouped(group), state)
            self.supersessions(group, state)
        resolve(self, state)
        self.withdrawn |= state.withdrawn
        classify(self, state)
        self.summaries.append(summarise(self, state))

    def grouped(self, claims: list[Claim]) -> list[Group]:
        """The claims in groups of interchangeable ones: the same value, unit, time and source, and no link.

        Such claims agree with each other and compare alike with every other claim, so the sweep
        compares groups: two thousand identical claims are one comparison, not two million.
        """
        spans = self.spans
        groups: dict[object, Group] = {}
        singles: list[Group] = []
        for claim in sorted(claims, key=lambda c: c.id):
            value = claim.value
            assert value is not None
            span = spans[claim.id]
            if claim.id in self.linked_ids:
                singles.append(Group([claim], span, linked=True))
                continue
            key = (value_key(value), unit_key(value), span.first, span.last)
            group = groups.get(key)
            if group is None:
                groups[key] = group = Group([], span)
            group.members.append(claim)
        found = list(groups.values()) + singles
        tolerance = self.options.tolerance
        for group in found:
            group.prepare(tolerance)
            for member in group.members:
                self.group_of[member.id] = group
        return found

    def sweep(self, groups: list[Group], state: QuestionState) -> None:
        """Compare each group with every earlier-starting group whose time still overlaps it."""
        window = self.options.window
        ordered_groups = sorted(groups, key=lambda g: (g.span.first, g.span.last, g.members[0].id))
        active: list[Group] = []
        for group in ordered_groups:
            span = group.span
            active = [a for a in active if a.span.last + 2 * window >= span.first]
            for other in active:
                self.comparisons += 1
                if contemporaneous(other.span, span, window):
                    self.compare(other, group, state)
            active.append(group)

    def _comparable(self, ua: str | None, ub: str | None) -> bool:
        if ua is None or ub is None:
            return ua == ub or self.unitless_matches_any
        return ua == ub

    def compare(self, first: Group, second: Group, state: QuestionState) -> None:
        if first.unit != second.unit and not self._comparable(first.unit, second.unit):
            return  # reported once per question as mixed-units
        if first.interval is not None:
            consistent = first.interval.intersects(second.interval)  # type: ignore[arg-type]
            corroborating = consistent and corroborates(first.interval, first.anchor,  # type: ignore[arg-type]
                                                        second.interval, second.anchor)  # type: ignore[arg-type]
        else:
            consistent = corroborating = first.category == second.category
        linked = first.linked and second.linked  # only then can one's link name the other
        a, b = first.members[0], second.members[0]
        if consistent:
            if linked and self.linked(a, b, "disputes"):
                return  # a recorded dispute is not corroboration, whatever the values say
            first.consistent.append(second)
            second.consistent.append(first)
            if corroborating:
                first.corroborating.append(second)
                second.corroborating.append(first)
            self._revisions(first, second, state)
            return
        if linked and (self.linked(a, b, "disputes") or self.linked(a, b, "supersedes")):
            return  # acknowledged: reported from the links
        why = _why(first.value, second.value, self.options.tolerance)
        spans = self.spans
        for one in first.members:
            for other in second.members:
                # Each pair in the order the sweep meets them: earlier time first, then by id.
                a, b = sorted((one, other), key=lambda c: (spans[c.id].first, spans[c.id].last, c.id))
                if self._revised(a, b, state):
                    continue  # one source revising itself: an update, not a conflict
                self.in_conflict.update((a.id, b.id))
                state.conflicts.append((a, b, why))

    def _revised(self, a: Claim, b: Claim, state: QuestionState) -> bool:
        """Record that the later of two claims from the same source updates the earlier; False if they
        are not from one source, or nothing orders them (then they remain a disagreement)."""
        if not self.same_source(a, b):
            return False
        direction = order(a, b, self.spans[a.id], self.spans[b.id])
        if direction == 0:
            return False
        older, newer = (a, b) if direction > 0 else (b, a)
        state.candidates[older.id].append(newer)
        state.revisions.add((older.id, newer.id))
        return True

    def _revisions(self, first: Group, second: Group, state: QuestionState) -> None:
        """Consistent but different values from one source, ordered in time: the later updates the earlier."""
        by_origin: dict[frozenset[str], list[Claim]] = defaultdict(list)
        for claim in second.members:
            by_origin[self.origin_sets[claim.id]].append(claim)
        for one in first.members:
            for other in by_origin.get(self.origin_sets[one.id], ()):
                self._revised(one, other, state)

    def supersessions(self, claims: list[Claim], state: QuestionState) -> None:
        """For each claim, the first later (not contemporaneous) claim from a dependent origin whose value
        differs: it updates it. A restatement (the same value again) updates nothing, and hides nothing.

        Claims become candidates once their time has ended before the current claim's begins; each
        root origin keeps them by value, so a claim meets only what its own origins said before.
        """
        window = self.options.window
        spans = self.spans
        by_first = sorted(claims, key=lambda c: (spans[c.id].first, spans[c.id].last, c.id))
        by_last = sorted(claims, key=lambda c: (spans[c.id].last, spans[c.id].first, c.id))
        waiting: dict[str, dict[tuple[object, str | None], list[Claim]]] = defaultdict(dict)
        done = 0
        for newer in by_first:
            limit = spans[newer.id].first - 2 * window
            while done < len(by_last) and spans[by_last[done].id].last < limit:
                finished = by_last[done]
                key = (value_key(finished.value), unit_key(finished.value))  # type: ignore[arg-type]
                for root in self.lineage[finished.id]:
                    waiting[root].setdefault(key, []).append(finished)
                done += 1
            mine = (value_key(newer.value), unit_key(newer.value))  # type: ignore[arg-type]
            for root in self.lineage[newer.id]:
                kept = waiting.get(root)
                if not kept:
                    continue
                self.comparisons += len(kept)
                for key in [k for k in kept if k[0] != mine[0] and self._comparable(k[1], mine[1])]:
                    for older in kept.pop(key):
                        state.candidates[older.id].append(newer)

    # -- the run ---------------------------------------------------------------------------
    def run(self) -> CheckResult:
        """Every stage, each isolated: a crash is an FL900 diagnostic naming the stage (and, for a question,
        which one), the other stages still report, and nothing ends in a traceback."""
        self.cyclic = self.isolated("the supersession cycles", supersession_cycles, self) or set()
        for key, claims in sorted(self.questions().items()):
            self.isolated(f"the comparison of question {key}", self.check_question, key, claims)
        self.isolated("the link checks", report_links, self)
        origins = self.isolated("the per-claim checks", report_per_claim, self) or {}
        self.isolated("the assessment checks", report_assessments, self)
        self.isolated("the review checks", report_reviews, self)
        result = CheckResult(ordered(self.findings), origins, self.comparisons, self.crashes)
        result.questions = sorted(self.summaries, key=lambda s: s.key)
        result.withdrawn = set(self.withdrawn)
        for claim in self.claims:
            if (grp := self.group_of.get(claim.id)) is not None:
                others = sorted(m.id for g in grp.consistent if g not in grp.corroborating for m in g.members)
                if others:
                    result.consistent_only[claim.id] = (others[:_NAMED], len(others))
        for summary in result.questions:
            self.isolated(f"the consistent positions of question {summary.key}", self._consistent_positions, summary)
        return result

    def _consistent_positions(self, summary: QuestionSummary) -> None:
        """The pairs of current positions that are consistent without corroborating each other (each once)."""
        positions = set(summary.positions)
        for claim_id in summary.positions:
            grp = self.group_of.get(claim_id)
            if grp is None:
                continue
            partners = sorted(m.id for g in grp.consistent if g not in grp.corroborating for m in g.members
                              if m.id in positions and m.id > claim_id)
            summary.consistent_total += len(partners)
            summary.consistent_only += [(claim_id, other) for other in partners][:_NAMED - len(summary.consistent_only)]

    def isolated(self, stage: str, work: Callable[..., T], *args: Any) -> T | None:
        try:
            return work(*args)
        except Exception as exc:  # noqa: BLE001 - a bug in one check must not hide what the others find
            self.crashes.append(make("FL900", f"internal error in the cross-check ({stage}): "
                                              f"{type(exc).__name__}: {exc}; please report it",
                                     Location(self.ledger.files[0] if self.ledger.files else "")))
            return None


def _why(va: Value, vb: Value, tolerance: float) -> str:
    if not va.is_numeric:
        return "the values differ"
    why = f"the values do not overlap ({interval(va, tolerance)} vs {interval(vb, tolerance)}"
    return why + (f", approx {tolerance_label(tolerance)})" if "approx" in (va.kind, vb.kind) else ")")


def cross_check(ledger: Ledger, options: CheckOptions | None = None) -> CheckResult:
    """Compare every question's claims; return every finding, grouped by question, most severe first."""
    return Engine(ledger, options or CheckOptions()).run()
