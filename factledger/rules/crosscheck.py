"""The cross-check engine: compares claims that answer the same question and reports findings.

A *question* is a (subject, property) pair. Claims are only ever compared within a question,
and within a question only with claims whose times overlap (a sweep over claims sorted by
start); supersession looks up the latest earlier claim through each ancestor of a claim's
sources. So the work grows with the size of questions and of what overlaps in time, never with
the square of the ledger. Retracted claims take part in no comparison.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from factledger.compare import (
    Span, agree, claim_span, contemporaneous, first_reported, identical, interval, tolerance_label, unit_key,
    value_class,
)
from factledger.findings import CheckResult, Finding, Side, ordered
from factledger.model import Claim, Ledger, Value
from factledger.origins import Dependence


@dataclass(frozen=True)
class CheckOptions:
    window: int = 0  # days added to both sides of each claim's time
    tolerance: float = 0.1  # approx n covers n ± tolerance·|n|


class _Engine:
    def __init__(self, ledger: Ledger, options: CheckOptions) -> None:
        self.ledger = ledger
        self.options = options
        self.dependence = Dependence(ledger)
        self.claims = [c for c in ledger.claims if c.status != "retracted"]
        self.by_id = {c.id: c for c in self.claims}
        self.spans: dict[str, Span] = {c.id: claim_span(c) for c in self.claims}
        self.sources: dict[str, tuple[str, ...]] = {
            c.id: tuple(dict.fromkeys(self._source_id(x.source.id) for x in c.citations)) for c in self.claims}
        # Two claims are independent when no source of one is dependent on a source of the other,
        # i.e. when the unions of their sources' ancestors are disjoint: one set operation per pair.
        self.lineage: dict[str, frozenset[str]] = {
            c.id: frozenset().union(*(self.dependence.ancestors(s.casefold()) for s in self.sources[c.id]))
            for c in self.claims}
        self.disputed_ids = {r.id for c in self.claims for r in c.disputes}
        self._sides: dict[str, Side] = {}
        self.findings: list[Finding] = []
        self.agreeing: dict[str, set[str]] = defaultdict(set)  # contemporaneous agreeing claims, any origin
        self.corroborators: dict[str, set[str]] = defaultdict(set)  # ... and from independent origins
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
            self.sweep(group)
            self.supersessions(group)

    def sweep(self, claims: list[Claim]) -> None:
        """Compare each claim with every earlier-starting claim whose time still overlaps it."""
        window = self.options.window
        spans = self.spans
        ordered_claims = sorted(claims, key=lambda c: (spans[c.id].first, spans[c.id].last, c.id))
        active: list[Claim] = []
        for claim in ordered_claims:
            span = spans[claim.id]
            active = [a for a in active if spans[a.id].last + 2 * window >= span.first]
            for other in active:
                self.comparisons += 1
                if contemporaneous(spans[other.id], span, window):
                    self.compare(other, claim)
            active.append(claim)

    def comparable_units(self, a: Value, b: Value) -> bool:
        ua, ub = unit_key(a), unit_key(b)
        if ua is None or ub is None:
            return ua == ub or self.unitless_matches_any
        return ua == ub

    def compare(self, a: Claim, b: Claim) -> None:
        va, vb = a.value, b.value
        assert va is not None and vb is not None
        if not self.comparable_units(va, vb):
            return  # reported once per question as mixed-units
        tolerance = self.options.tolerance
        if agree(va, vb, tolerance):
            if self.linked(a, b, "disputes"):
                return  # a recorded dispute is not corroboration, whatever the values say
            self.agreeing[a.id].add(b.id)
            self.agreeing[b.id].add(a.id)
            if self.independent(a, b):
                self.corroborators[a.id].add(b.id)
                self.corroborators[b.id].add(a.id)
            return
        if self.linked(a, b, "disputes") or self.linked(a, b, "supersedes"):
            return  # acknowledged: reported from the links
        self.in_conflict.update((a.id, b.id))
        why = "the values differ"
        if va.is_numeric:
            why = f"the values do not overlap ({interval(va, tolerance)} vs {interval(vb, tolerance)}"
            why += f", approx {tolerance_label(tolerance)})" if "approx" in (va.kind, vb.kind) else ")"
        self.emit("FL501", f"{self.side(a)} and {self.side(b)} disagree: {why}", [a, b], reason=why,
                  suggestion=f"if the disagreement is known, add 'disputes: [{b.id}]' to {a.id}; if one updates "
                             "the other, add 'supersedes' to the newer one; otherwise correct the value or date")

    def supersessions(self, claims: list[Claim]) -> None:
        """For each claim, the latest earlier (not contemporaneous) claim from a dependent origin: if its
        value differs, the newer one updates it. Each question's claims form chains of updates.

        Claims become candidates once their time has ended before the current claim's begins; each
        ancestor remembers the latest such claim, so a claim looks up only its own ancestors.
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
                for ancestor in self.lineage[finished.id]:
                    latest[ancestor] = finished
                done += 1
            candidates = {latest[a].id: latest[a] for a in self.lineage[newer.id] if a in latest}
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
        for claim in self.claims:
            own = self.sources[claim.id]
            own_count = dependence.independent_count(own)
            agreeing = sorted(self.agreeing.get(claim.id, ()))
            # Independent origins behind the claim: its own sources and those of every contemporaneous
            # claim that agrees with it, counted so that dependent ones count once.
            everyone = list(own) + [s for other in agreeing for s in self.sources[other]]
            origins[claim.id] = dependence.independent_count(everyone) if agreeing else own_count
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
            corroborators = sorted(self.corroborators.get(claim.id, ()))
            if corroborators:
                self.emit("FL505", f"{self.side(claim)} is corroborated by "
                                   f"{', '.join(str(self.side(self.by_id[c])) for c in corroborators)}, "
                                   "from independent origins",
                          [claim, *(self.by_id[c] for c in corroborators)],
                          reason=f"{claim.id} is corroborated by {', '.join(corroborators)}, from independent origins")
        return origins

    def run(self) -> CheckResult:
        for claims in self.questions().values():
            self.check_question(claims)
        self.links()
        origins = self.per_claim()
        return CheckResult(ordered(self.findings), origins, self.comparisons)


def cross_check(ledger: Ledger, options: CheckOptions | None = None) -> CheckResult:
    """Compare every question's claims; return every finding, grouped by question, most severe first."""
    return _Engine(ledger, options or CheckOptions()).run()
