"""The comparison of one question's claims: which pairs disagree, which agree, and which later claims
could update which earlier ones (the candidates the judgement chooses from).

Claims are compared only with claims whose times overlap (a sweep over groups of interchangeable
claims sorted by start), so the work grows with what overlaps in time, never with the square of the
question. Two values are *consistent* when their intervals intersect (never a conflict), and
*corroborate* when each one's anchor lies in the other's interval. A later claim from a source that
may revise the earlier one's (:mod:`factledger.check.revisers`) whose value differs is an update,
never a conflict. Two values apart only by an edge are a narrow gap, not a conflict.

On a running total (a question declared ``cumulative``), a later figure at or above an earlier one is
never a conflict, and one below an earlier figure's lower bound always is, however far apart in time
(:mod:`.running` finds those the sweep does not meet). Two figures whose order is unknown (a month and a
day in it) are no conflict either, since the lower may be the earlier; the same day's differ.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from factledger.check.compare import (
    Span,
    below,
    contemporaneous,
    corroborates,
    interval,
    narrow_gap,
    order,
    restates,
    tolerance_label,
    value_class,
    value_key,
)
from factledger.check.facts import Facts, linked
from factledger.check.groups import Group
from factledger.check.sink import Sink
from factledger.model.entries import Claim, QuestionKey, Value
from factledger.model.units import unit_key


@dataclass
class Compared:
    """What comparing one question's claims found, for the judgement and the later stages."""

    key: QuestionKey
    claims: list[Claim]
    # disagreeing pairs in sweep order: (earlier, later, why, only a narrow gap apart)
    conflicts: list[tuple[Claim, Claim, str, bool]] = field(default_factory=list)
    candidates: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))  # older → later, differing
    revisions: set[tuple[str, str]] = field(default_factory=set)  # (older, newer): one source revising itself
    group_of: dict[str, Group] = field(default_factory=dict)
    in_conflict: set[str] = field(default_factory=set)
    fell_below: set[str] = field(default_factory=set)  # a running total's figures a later one is reported below
    comparisons: int = 0
    cumulative: bool = False  # a running total (declared in the ledger's questions section)
    unitless_matches_any: bool = True  # a value without a unit is in the question's unit (it has at most one)

    def comparable(self, ua: str | None, ub: str | None) -> bool:
        """Whether values in units ``ua`` and ``ub`` (unit keys) are compared."""
        if ua is None or ub is None:
            return ua == ub or self.unitless_matches_any
        return ua == ub


def compare_question(facts: Facts, sink: Sink, key: QuestionKey, claims: list[Claim]) -> Compared:
    """Every pairwise comparison of the question's claims (FL508 and FL509 when they cannot be)."""
    state = Compared(key, claims, cumulative=key in facts.cumulative)
    by_class: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_class[value_class(_value(claim))].append(claim)
    if len(by_class) > 1:
        kinds = ", ".join(f"{len(v)} {k}" for k, v in sorted(by_class.items()))
        sink.emit("FL509", f"values of different types ({kinds}) are not compared with each other", claims,
                  "give every claim on this question the same kind of value, or split the question")
    numbers = by_class.get("number", [])
    units = sorted({u for c in numbers if (u := unit_key(_value(c).unit)) is not None})
    if len(units) > 1:
        unitless = [c.id for c in numbers if unit_key(_value(c).unit) is None]
        also = (f"; values with no unit ({', '.join(unitless)}) are compared only with each other"
                if unitless else "")
        sink.emit("FL508", f"numeric values use different units ({', '.join(units)}); values in different "
                           f"units are not compared{also}",
                  [c for c in numbers if unit_key(_value(c).unit)],
                  "convert the values to one unit, or split the question with a more specific property")
    # A value without a unit is taken to be in the question's unit, when it has just one.
    state.unitless_matches_any = len(units) <= 1
    sweep = _Sweep(facts, state)
    for group in by_class.values():
        sweep.sweep(sweep.grouped(group))
        sweep.supersessions(group)
    return state


def _value(claim: Claim) -> Value:
    assert claim.value is not None  # a question's claims all have one (Facts.questions)
    return claim.value


_Kept = dict[tuple[tuple[object, ...], str | None], list[Claim]]  # finished claims of one origin, by value


class _Sweep:
    def __init__(self, facts: Facts, state: Compared) -> None:
        self.facts = facts
        self.state = state
        self.comparable = state.comparable

    def grouped(self, claims: list[Claim]) -> list[Group]:
        """The claims in groups of interchangeable ones: the same value, unit, time and source, and no link.

        Such claims agree with each other and compare alike with every other claim, so the sweep
        compares groups: two thousand identical claims are one comparison, not two million.
        """
        spans = self.facts.spans
        groups: dict[object, Group] = {}
        singles: list[Group] = []
        for claim in sorted(claims, key=lambda c: c.id):
            value = _value(claim)
            span = spans[claim.id]
            if claim.id in self.facts.linked_ids:
                singles.append(Group([claim], span, linked=True))
                continue
            key = (value_key(value), unit_key(value.unit), span.first, span.last)
            group = groups.get(key)
            if group is None:
                groups[key] = group = Group([], span)
            group.members.append(claim)
        found = list(groups.values()) + singles
        tolerance = self.facts.options.tolerance
        for group in found:
            group.prepare(tolerance)
            for member in group.members:
                self.state.group_of[member.id] = group
        return found

    def sweep(self, groups: list[Group]) -> None:
        """Compare each group with every earlier-starting group whose time still overlaps it."""
        window = self.facts.options.window
        ordered_groups = sorted(groups, key=lambda g: (g.span.first, g.span.last, g.members[0].id))
        active: list[Group] = []
        for group in ordered_groups:
            span = group.span
            active = [a for a in active if a.span.last + 2 * window >= span.first]
            for other in active:
                self.state.comparisons += 1
                if contemporaneous(other.span, span, window):
                    self.compare(other, group)
            active.append(group)

    def compare(self, first: Group, second: Group) -> None:
        if first.unit != second.unit and not self.comparable(first.unit, second.unit):
            return  # reported once per question as mixed-units
        if first.interval is not None and second.interval is not None:
            consistent = first.interval.intersects(second.interval)
            corroborating = consistent and corroborates(first.interval, first.anchor, second.interval, second.anchor)
        else:
            consistent = corroborating = first.category == second.category
        both_linked = first.linked and second.linked  # only then can one's link name the other
        a, b = first.members[0], second.members[0]
        if consistent:
            if both_linked and linked(a, b, "disputes"):
                return  # a recorded dispute is not corroboration, whatever the values say
            first.consistent.append(second)
            second.consistent.append(first)
            if corroborating:
                first.corroborating.append(second)
                second.corroborating.append(first)
            self._revisions(first, second)
            return
        if both_linked and (linked(a, b, "disputes") or linked(a, b, "supersedes")):
            return  # acknowledged: reported from the links
        tolerance = self.facts.options.tolerance
        why = _why(first.value, second.value, tolerance)
        narrow = first.interval is not None and second.interval is not None and narrow_gap(
            first.value, second.value, first.interval, second.interval, tolerance)
        spans = self.facts.spans
        for one in first.members:
            for other in second.members:
                # Each pair in the order the sweep meets them: earlier time first, then by id.
                a, b = sorted((one, other), key=lambda c: (spans[c.id].first, spans[c.id].last, c.id))
                if self._revised(a, b):
                    continue  # a source revising its own figure: an update, not a conflict
                if self.state.cumulative and first.interval is not None:
                    direction = order(a, b, spans[a.id], spans[b.id])
                    if direction:  # a running total: only a later figure below an earlier one disagrees
                        earlier, later = (a, b) if direction > 0 else (b, a)
                        if not below(interval(_value(later), tolerance), interval(_value(earlier), tolerance)):
                            continue
                        self.state.in_conflict.update((a.id, b.id))
                        self.state.fell_below.add(earlier.id)
                        self.state.conflicts.append((a, b, fall_why(earlier, later, tolerance), narrow))
                        continue
                    if not _one_day(spans[a.id], spans[b.id]):
                        continue  # order unknown ("September" and 16 Sept): the lower may be the earlier
                self.state.in_conflict.update((a.id, b.id))
                self.state.conflicts.append((a, b, why, narrow))

    def _revised(self, a: Claim, b: Claim) -> bool:
        """Record that the later of two claims updates the earlier when its sources may revise the earlier's
        (:mod:`factledger.check.revisers`) and its value differs; False otherwise, or when nothing orders
        them (then they remain a disagreement)."""
        facts = self.facts
        if not (facts.related(a, b) and _differ(a, b)):
            return False
        direction = order(a, b, facts.spans[a.id], facts.spans[b.id])
        if direction == 0:
            return False
        older, newer = (a, b) if direction > 0 else (b, a)
        if not facts.revises(newer, older):
            return False
        self.state.candidates[older.id].append(newer)
        self.state.revisions.add((older.id, newer.id))
        return True

    def _revisions(self, first: Group, second: Group) -> None:
        """Consistent but different values, ordered in time, from sources one of which may revise the other:
        the later updates the earlier. Compared by origin, not claim by claim (a group can be large)."""
        origin_sets = self.facts.origin_sets
        mine: dict[frozenset[str], list[Claim]] = defaultdict(list)
        theirs: dict[frozenset[str], list[Claim]] = defaultdict(list)
        for claim in first.members:
            mine[origin_sets[claim.id]].append(claim)
        for claim in second.members:
            theirs[origin_sets[claim.id]].append(claim)
        for origins, ones in mine.items():
            for others_origins, others in theirs.items():
                if origins == others_origins or self.facts.related(ones[0], others[0]):
                    for one in ones:
                        for other in others:
                            self._revised(one, other)

    def supersessions(self, claims: list[Claim]) -> None:
        """For each claim, the later (not contemporaneous) claims whose sources may revise it and whose value
        differs: candidates to update it. A restatement (the same figure again, however hedged: :func:`restates`)
        updates nothing.

        Claims become candidates once their time has ended before the current claim's begins; each root
        origin keeps them by origin and value, so a claim meets only what sources it may revise said before.
        """
        facts = self.facts
        window = facts.options.window
        spans, lineage, origin_sets = facts.spans, facts.lineage, facts.origin_sets
        by_first = sorted(claims, key=lambda c: (spans[c.id].first, spans[c.id].last, c.id))
        by_last = sorted(claims, key=lambda c: (spans[c.id].last, spans[c.id].first, c.id))
        waiting: dict[str, dict[frozenset[str], _Kept]] = defaultdict(dict)
        done = 0
        for newer in by_first:
            limit = spans[newer.id].first - 2 * window
            while done < len(by_last) and spans[by_last[done].id].last < limit:
                finished = by_last[done]
                key = (value_key(_value(finished)), unit_key(_value(finished).unit))
                for root in lineage[finished.id]:
                    waiting[root].setdefault(origin_sets[finished.id], {}).setdefault(key, []).append(finished)
                done += 1
            unit = unit_key(_value(newer).unit)
            for root in lineage[newer.id]:
                for origins, kept in waiting.get(root, {}).items():
                    if not kept or not facts.sets_revise(origin_sets[newer.id], origins):
                        continue
                    self.state.comparisons += len(kept)
                    for key in [k for k, older in kept.items() if self.comparable(k[1], unit) and
                                not restates(_value(older[0]), _value(newer))]:
                        for older in kept.pop(key):
                            self.state.candidates[older.id].append(newer)


def _one_day(a: Span, b: Span) -> bool:
    """Whether two times are the same single day: two figures of a running total that nothing orders then
    disagree, as the same moment's counts; of overlapping but longer times, either may be the later."""
    return a.first == a.last == b.first == b.last


def _differ(a: Claim, b: Claim) -> bool:
    """Whether two claims say different things (a restatement of the same figure updates nothing)."""
    va, vb = _value(a), _value(b)
    return not restates(va, vb) or unit_key(va.unit) != unit_key(vb.unit)


def fall_why(earlier: Claim, later: Claim, tolerance: float) -> str:
    """Why a running total disagrees with itself: the later figure lies below the earlier one's lower bound."""
    shown = f"{interval(_value(later), tolerance)} vs {interval(_value(earlier), tolerance)}"
    return (f"a running total cannot fall: {later.id} ({_value(later)}) is below {earlier.id} ({_value(earlier)}), "
            f"which was said before it ({shown})")


def _why(va: Value, vb: Value, tolerance: float) -> str:
    if not va.is_numeric:
        return "the values differ"
    why = f"the values do not overlap ({interval(va, tolerance)} vs {interval(vb, tolerance)}"
    return why + (f", approx {tolerance_label(tolerance)})" if "approx" in (va.kind, vb.kind) else ")")
