"""The cross-check engine: compares claims that answer the same question and reports findings.

A *question* is a (subject, property) pair. Claims are only ever compared within a question,
and within a question only with claims whose times overlap (a sweep over claims sorted by
start); supersession looks up the latest earlier claim through each ancestor of a claim's
sources. So the work grows with the size of questions and of what overlaps in time, never with
the square of the ledger. Retracted claims take part in no comparison.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from factledger.compare import (
    Interval, Span, claim_span, contemporaneous, first_reported, identical, interval, normalised_category,
    tolerance_label, unit_key, value_class, value_key,
)
from factledger.findings import CheckResult, Finding, Side, ordered
from factledger.model import Claim, Ledger, Value
from factledger.origins import Dependence


MAX_WINDOW = 3_660_000  # days: ten thousand years, more than any two ledger dates are apart


@dataclass(frozen=True)
class CheckOptions:
    """How claims are compared; out-of-range values raise ValueError (the CLI refuses them first)."""

    window: int = 0  # days added to both sides of each claim's time
    tolerance: float = 0.1  # approx n covers n ± tolerance·|n|

    def __post_init__(self) -> None:
        if not 0 <= self.window <= MAX_WINDOW:
            raise ValueError(f"the window must be 0 to {MAX_WINDOW:,} days, not {self.window}")
        if not (math.isfinite(self.tolerance) and 0 <= self.tolerance <= 1):
            raise ValueError(f"the tolerance must be a fraction from 0 to 1, not {self.tolerance}")


MAX_NAMED = 20  # corroborators a finding names; beyond them it says how many more


@dataclass(eq=False)
class _Group:
    """Claims of one question with the same value, unit and time: they compare alike."""

    members: list[Claim]
    span: Span
    linked: bool = False  # a single claim that a disputes or supersedes link touches
    agreeing: list["_Group"] = field(default_factory=list)  # other groups it agrees with
    # Computed once per group, not once per comparison: the value as an interval (numbers) or a
    # normalised category (texts, booleans), and its unit.
    interval: Interval | None = None
    category: str | None = None
    unit: str | None = None

    @property
    def value(self) -> Value:
        return self.members[0].value  # type: ignore[return-value]

    def prepare(self, tolerance: float) -> "_Group":
        value = self.value
        self.unit = unit_key(value)
        if value.is_numeric:
            self.interval = interval(value, tolerance)
        else:
            self.category = normalised_category(value)
        return self


class _Circle:
    """A group and every group it agrees with: the claims that agree with each of its members.

    Built with set and counter operations that run in compiled code: on one undated question
    of two thousand overlapping values every circle holds every claim.
    """

    def __init__(self, group: _Group, engine: "_Engine") -> None:
        groups = (group, *group.agreeing)
        members = [c for g in groups for c in g.members]
        self.lineage = engine.lineage
        sources = set().union(*(engine.sources[c.id] for c in members))
        self.origins = engine.dependence.independent_count(sorted(sources))
        # How many claims of the circle have each lineage: a claim's corroborators are counted by
        # lineage, not one by one.
        self.by_lineage = Counter(self.lineage[c.id] for c in members)
        self.members = members
        self._first: list[str] | None = None

    def corroborators(self, claim: Claim, lineage: frozenset[str]) -> tuple[list[str], int]:
        """The first MAX_NAMED corroborators of ``claim`` (by id) and how many there are in all."""
        total = sum(n for other, n in self.by_lineage.items() if other.isdisjoint(lineage))
        if not total:
            return [], 0
        if self._first is None:
            # The first ids of the circle in order, enough for any member unless many share its origin.
            self._first = heapq.nsmallest(4 * MAX_NAMED, (c.id for c in self.members))
        named = [i for i in self._first if i != claim.id and self.lineage[i].isdisjoint(lineage)][:MAX_NAMED]
        if len(named) < min(total, MAX_NAMED):  # rare: look further
            ordered = sorted(c.id for c in self.members)
            named = [i for i in ordered if i != claim.id and self.lineage[i].isdisjoint(lineage)][:MAX_NAMED]
        return named, total


class _Engine:
    def __init__(self, ledger: Ledger, options: CheckOptions) -> None:
        self.ledger = ledger
        self.options = options
        self.dependence = Dependence(ledger)
        # By id, not file order: what check finds, and how it words it, must not depend on how the
        # ledger is split into files or ordered within them.
        self.claims = sorted((c for c in ledger.claims if c.status != "retracted"), key=lambda c: c.id)
        self.by_id = {c.id: c for c in self.claims}
        self.spans: dict[str, Span] = {c.id: claim_span(c) for c in self.claims}
        self.sources: dict[str, tuple[str, ...]] = {
            c.id: tuple(dict.fromkeys(self._source_id(x.source.id) for x in c.citations)) for c in self.claims}
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
        self.group_of: dict[str, _Group] = {}
        self.in_conflict: set[str] = set()
        self.recorded_supersessions: set[tuple[str, str]] = set()
        self.comparisons = 0
        self.unitless_matches_any = True

    # -- helpers ---------------------------------------------------------------------------
    def _source_id(self, ref: str) -> str:
        source = self.ledger.source(ref)
        return source.id if source else ref

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
             sides: bool = True, reason: str | None = None) -> None:
        chosen = list(claims)
        subjects = {c.subject for c in chosen}
        properties = {c.property for c in chosen}
        subject = subjects.pop() if len(subjects) == 1 else None
        prop = properties.pop() if len(properties) == 1 and subject is not None else None
        self.findings.append(Finding(
            code=code, message=message, claims=tuple(c.id for c in chosen),
            sources=tuple(dict.fromkeys(s for c in chosen for s in self.sources[c.id])),
            subject=subject, property=prop, locations=tuple(c.location for c in chosen),
            sides=tuple(self.side(c) for c in chosen) if sides else (), suggestion=suggestion, reason=reason,
            questions=tuple((c.subject, c.property) for c in chosen)))

    @staticmethod
    def linked(a: Claim, b: Claim, relation: str) -> bool:
        """Whether either claim names the other under ``relation``."""
        return any(r.id == b.id for r in getattr(a, relation)) or any(r.id == a.id for r in getattr(b, relation))

    @staticmethod
    def supersedes(newer: Claim, older: Claim) -> bool:
        return any(r.id == older.id for r in newer.supersedes)

    # -- questions -------------------------------------------------------------------------
    def questions(self) -> dict[tuple[str, str], list[Claim]]:
        grouped: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        for claim in self.claims:
            if claim.subject and claim.property and claim.value is not None:
                grouped[(claim.subject, claim.property)].append(claim)
        return grouped

    def check_question(self, claims: list[Claim]) -> None:
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
            self.sweep(self.grouped(group))
            self.supersessions(group)

    def grouped(self, claims: list[Claim]) -> list[_Group]:
        """The claims in groups of interchangeable ones: the same value, unit and time, and no link.

        Such claims agree with each other and compare alike with every other claim, so the sweep
        compares groups: two thousand identical claims are one comparison, not two million.
        """
        spans = self.spans
        groups: dict[object, _Group] = {}
        singles: list[_Group] = []
        for claim in sorted(claims, key=lambda c: c.id):
            value = claim.value
            assert value is not None
            span = spans[claim.id]
            if claim.id in self.linked_ids:
                singles.append(_Group([claim], span, linked=True))
                continue
            key = (value_key(value), unit_key(value), span.first, span.last)
            group = groups.get(key)
            if group is None:
                groups[key] = group = _Group([], span)
            group.members.append(claim)
        found = list(groups.values()) + singles
        tolerance = self.options.tolerance
        for group in found:
            group.prepare(tolerance)
            for member in group.members:
                self.group_of[member.id] = group
        return found

    def sweep(self, groups: list[_Group]) -> None:
        """Compare each group with every earlier-starting group whose time still overlaps it."""
        window = self.options.window
        ordered_groups = sorted(groups, key=lambda g: (g.span.first, g.span.last, g.members[0].id))
        active: list[_Group] = []
        for group in ordered_groups:
            span = group.span
            active = [a for a in active if a.span.last + 2 * window >= span.first]
            for other in active:
                self.comparisons += 1
                if contemporaneous(other.span, span, window):
                    self.compare(other, group)
            active.append(group)

    def comparable_units(self, a: Value, b: Value) -> bool:
        return self._comparable(unit_key(a), unit_key(b))

    def _comparable(self, ua: str | None, ub: str | None) -> bool:
        if ua is None or ub is None:
            return ua == ub or self.unitless_matches_any
        return ua == ub

    def compare(self, first: _Group, second: _Group) -> None:
        if first.unit != second.unit and not self._comparable(first.unit, second.unit):
            return  # reported once per question as mixed-units
        if first.interval is not None:
            agreeing = first.interval.intersects(second.interval)  # type: ignore[arg-type]
        else:
            agreeing = first.category == second.category
        linked = first.linked and second.linked  # only then can one's link name the other
        a, b = first.members[0], second.members[0]
        if agreeing:
            if linked and self.linked(a, b, "disputes"):
                return  # a recorded dispute is not corroboration, whatever the values say
            first.agreeing.append(second)
            second.agreeing.append(first)
            return
        if linked and (self.linked(a, b, "disputes") or self.linked(a, b, "supersedes")):
            return  # acknowledged: reported from the links
        va, vb = first.value, second.value
        tolerance = self.options.tolerance
        why = "the values differ"
        if va.is_numeric:
            why = f"the values do not overlap ({interval(va, tolerance)} vs {interval(vb, tolerance)}"
            why += f", approx {tolerance_label(tolerance)})" if "approx" in (va.kind, vb.kind) else ")"
        spans = self.spans
        for one in first.members:
            for other in second.members:
                # Each pair in the order the sweep meets them: earlier time first, then by id.
                a, b = sorted((one, other), key=lambda c: (spans[c.id].first, spans[c.id].last, c.id))
                self.in_conflict.update((a.id, b.id))
                self.emit("FL501", f"{self.side(a)} and {self.side(b)} disagree: {why}", [a, b], reason=why,
                          suggestion=f"if the disagreement is known, add 'disputes: [{b.id}]' to {a.id}; if one "
                                     "updates the other, add 'supersedes' to the newer one; otherwise correct the "
                                     "value or date")

    def supersessions(self, claims: list[Claim]) -> None:
        """For each claim, the latest earlier (not contemporaneous) claim from a dependent origin: if its
        value differs, the newer one updates it. Each question's claims form chains of updates.

        Claims become candidates once their time has ended before the current claim's begins; each
        root origin remembers the latest such claim, so a claim looks up only its own roots.
        """
        window = self.options.window
        spans = self.spans
        by_first = sorted(claims, key=lambda c: (spans[c.id].first, spans[c.id].last, c.id))
        by_last = sorted(claims, key=lambda c: (spans[c.id].last, spans[c.id].first, c.id))
        latest: dict[str, Claim] = {}
        done = 0
        for newer in by_first:
            limit = spans[newer.id].first - 2 * window
            while done < len(by_last) and spans[by_last[done].id].last < limit:
                finished = by_last[done]
                for root in self.lineage[finished.id]:
                    latest[root] = finished
                done += 1
            candidates = {latest[r].id: latest[r] for r in self.lineage[newer.id] if r in latest}
            if not candidates:
                continue
            self.comparisons += len(candidates)
            older = max(candidates.values(), key=lambda c: (spans[c.id].last, spans[c.id].first, c.id))
            if not self.comparable_units(older.value, newer.value):  # type: ignore[arg-type]
                continue
            if not identical(older.value, newer.value, compare_units=False):  # type: ignore[arg-type]
                self.superseded(older, newer, recorded=self.supersedes(newer, older))

    def superseded(self, older: Claim, newer: Claim, recorded: bool) -> None:
        self.recorded_supersessions.add((older.id, newer.id))
        if recorded:
            why = f"{newer.id} updates {older.id} (recorded by supersedes)"
            self.emit("FL503", f"{self.side(newer)} updates {self.side(older)} (recorded by supersedes)",
                      [older, newer], reason=why)
        else:
            why = f"{newer.id} updates {older.id}, from a dependent origin; no supersedes link records it"
            self.emit("FL503", f"{self.side(newer)} updates {self.side(older)}, from a dependent origin; "
                               "no supersedes link records it",
                      [older, newer], f"add 'supersedes: [{older.id}]' to {newer.id}", reason=why)

    # -- links -----------------------------------------------------------------------------
    def links(self) -> None:
        seen: set[frozenset[str]] = set()
        for claim in self.claims:
            for ref in claim.disputes:
                other = self.by_id.get(ref.id)
                if other is None or other.id == claim.id:
                    continue
                pair = frozenset((claim.id, other.id))
                if pair in seen:
                    continue
                seen.add(pair)
                mutual = any(r.id == claim.id for r in other.disputes)
                same_question = (claim.subject, claim.property) == (other.subject, other.property) and claim.subject
                verb = "and {} dispute each other" if mutual else "disputes {}"
                text = f"{self.side(claim)} " + verb.format(self.side(other))
                why = f"{claim.id} " + verb.format(other.id)
                if not same_question:
                    text += " (on a different question)"
                    why += " (on a different question)"
                self.emit("FL502", text, [claim, other], reason=why)
        cyclic = self.supersession_cycles()
        spans = self.spans
        for claim in self.claims:
            for ref in claim.supersedes:
                older = self.by_id.get(ref.id)
                if older is None or older.id == claim.id or (older.id, claim.id) in self.recorded_supersessions:
                    continue
                if (claim.id, older.id) in cyclic:
                    continue  # reported as a cycle
                if spans[claim.id].last < spans[older.id].first:
                    self.emit("FL514", f"{self.side(claim)} supersedes {self.side(older)}, which is later",
                              [claim, older], f"if {older.id} is the update, move the link: "
                                              f"'supersedes: [{claim.id}]' on {older.id}",
                              reason=f"{claim.id} supersedes {older.id}, which is dated after it")
                    continue
                self.superseded(older, claim, recorded=True)

    def supersession_cycles(self) -> set[tuple[str, str]]:
        """Report each cycle of supersedes links once; return the links that are in one."""
        edges = {c.id: [r.id for r in c.supersedes if r.id in self.by_id and r.id != c.id] for c in self.claims}
        in_cycles: set[tuple[str, str]] = set()
        state: dict[str, int] = {}  # 1 on the path, 2 done
        for start in edges:
            if state.get(start):
                continue
            path = [start]
            stack = [(start, iter(edges[start]))]
            state[start] = 1
            while stack:
                node, children = stack[-1]
                child = next(children, None)
                if child is None:
                    stack.pop()
                    path.pop()
                    state[node] = 2
                elif state.get(child) == 1:
                    cycle = path[path.index(child):]
                    in_cycles.update(zip(cycle, cycle[1:] + [child]))
                    self.emit("FL510", f"supersedes links form a cycle: {' → '.join(cycle + [child])}",
                              [self.by_id[c] for c in cycle], "remove the link that points the wrong way",
                              sides=False)
                elif not state.get(child):
                    state[child] = 1
                    path.append(child)
                    stack.append((child, iter(edges[child])))
        return in_cycles

    # -- per claim -------------------------------------------------------------------------
    def per_claim(self) -> dict[str, int]:
        origins: dict[str, int] = {}
        dependence = self.dependence
        circles: dict[int, _Circle] = {}
        def by_group(claim: Claim) -> tuple[str, str]:
            group = self.group_of.get(claim.id)
            return (group.members[0].id if group is not None else "", claim.id)

        for claim in sorted(self.claims, key=by_group):
            own = self.sources[claim.id]
            group = self.group_of.get(claim.id)
            circle = None
            if group is not None and (len(group.members) > 1 or group.agreeing):
                # Claims are visited group by group, so each group's circle is built once and let go.
                circle = circles.get(id(group))
                if circle is None:
                    circles.clear()
                    circle = circles[id(group)] = _Circle(group, self)
            # Independent origins behind the claim: its own sources and those of every contemporaneous
            # claim that agrees with it, counted so that dependent ones count once.
            origins[claim.id] = circle.origins if circle is not None else dependence.independent_count(own)
            if origins[claim.id] <= 1:
                self.emit("FL504", f"{claim.id} rests on one origin ({', '.join(own)}), and no independent "
                                   "contemporaneous claim agrees", [claim], sides=False)
            if claim.status == "confirmed" and origins[claim.id] < 2:
                self.emit("FL506", f"{claim.id} is marked confirmed but has {origins[claim.id]} independent "
                                   "origin", [claim], "cite an independent source, or set the status back to reported")
            if len(own) > 1:
                common = dependence.common_origin(own)
                if common is not None:
                    origin = self.ledger.source(common)
                    self.emit("FL507", f"{claim.id} cites {', '.join(own)}, which all come down to "
                                       f"{origin.id if origin else common}: one origin, not corroboration", [claim])
            for ref in claim.supports:
                target = self.by_id.get(ref.id)
                if target is not None and target.id != claim.id and not self.independent(claim, target):
                    how = "the same source" if set(own) == set(self.sources[target.id]) else "a dependent origin"
                    self.emit("FL513", f"{claim.id} ({', '.join(own)}) supports {target.id} "
                                       f"({', '.join(self.sources[target.id])}) from {how}: "
                                       "not independent corroboration", [claim, target], sides=False)
            if (claim.status == "disputed" and claim.id not in self.in_conflict
                    and claim.id not in self.disputed_ids):
                self.emit("FL511", f"{claim.id} is marked disputed, but no claim disputes it and none conflicts "
                                   "with it", [claim], f"add the disputing claim with 'disputes: [{claim.id}]', "
                                                       "or change the status")
            reported = first_reported(claim)
            span = self.spans[claim.id]
            if claim.date is not None and reported is not None and span.first > reported:
                self.emit("FL512", f"{claim.id} is dated {claim.date} but a source said it earlier "
                                   f"({self._said(claim)})", [claim],
                          "correct the date; for a forecast, say so in the statement")
            if circle is not None:
                self.corroborated(claim, circle)
        return origins

    def corroborated(self, claim: Claim, circle: _Circle) -> None:
        """One finding naming the claim's corroborators: at most MAX_NAMED of them, then how many more."""
        named, total = circle.corroborators(claim, self.lineage[claim.id])
        if not total:
            return
        more = f" and {total - len(named):,} more" if total > len(named) else ""
        chosen = [self.by_id[c] for c in named]
        self.emit("FL505", f"{self.side(claim)} is corroborated by "
                           f"{', '.join(str(self.side(c)) for c in chosen)}{more}, from independent origins",
                  [claim, *chosen],
                  reason=f"{claim.id} is corroborated by {', '.join(named)}{more}, from independent origins")

    def run(self) -> CheckResult:
        for claims in self.questions().values():
            self.check_question(claims)
        self.links()
        origins = self.per_claim()
        return CheckResult(ordered(self.findings), origins, self.comparisons)


def cross_check(ledger: Ledger, options: CheckOptions | None = None) -> CheckResult:
    """Compare every question's claims; return every finding, grouped by question, most severe first."""
    return _Engine(ledger, options or CheckOptions()).run()
