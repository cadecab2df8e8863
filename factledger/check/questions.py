"""One question's judgement, after its claims have been compared: who updated whom, what no longer
stands, and which disagreements are conflicts, history, or acknowledged by the keeper.

* Each claim is superseded by the *first* later claim from a dependent origin whose value differs
  (a restatement in between hides nothing), or by the claims whose ``supersedes`` names it.
* A claim superseded by one about the same time (their times overlap: the source revised its
  estimate of one fact) is *withdrawn*: its disagreements are history (``historical-conflict``),
  never an error. One superseded by a claim about a later time stays a record of its own time.
* A disagreement that an assessment covers is ``acknowledged``, naming the assessment.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factledger.check.compare import order, overlap, said_span
from factledger.model.entries import Assessment, Claim, QuestionKey

if TYPE_CHECKING:
    from factledger.check.engine import Engine


@dataclass
class QuestionState:
    key: QuestionKey
    claims: list[Claim]
    conflicts: list[tuple[Claim, Claim, str]] = field(default_factory=list)  # disagreeing pairs, in sweep order
    candidates: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))  # older → later, differing
    revisions: set[tuple[str, str]] = field(default_factory=set)  # (older, newer): one source revising itself
    superseded: dict[str, list[tuple[Claim, bool]]] = field(default_factory=dict)  # older → [(newer, recorded)]
    withdrawn: set[str] = field(default_factory=set)


def later_key(engine: "Engine", claim: Claim) -> tuple[float, float, float, str]:
    """How claims are put in time order: their time, then when they were said."""
    span = engine.spans[claim.id]
    said = said_span(claim)
    return (span.first, span.last, said[0] if said else float("-inf"), claim.id)


def resolve(engine: "Engine", state: QuestionState) -> None:
    """The supersessions of the question's claims (FL503), and which claims they withdraw."""
    in_question = {c.id for c in state.claims}
    recorded: dict[str, list[Claim]] = defaultdict(list)
    for newer in state.claims:
        for ref in newer.supersedes:
            older = engine.by_id.get(ref.id)
            # A link pointing back in time is FL514 (the links stage), not a supersession.
            if older is None or older.id == newer.id or ref.id not in in_question or \
                    (newer.id, older.id) in engine.cyclic or engine.spans[newer.id].last < engine.spans[older.id].first:
                continue
            recorded[older.id].append(newer)
    for older in state.claims:
        if recorded.get(older.id):
            state.superseded[older.id] = [(newer, True) for newer in recorded[older.id]]
        elif state.candidates.get(older.id):
            first = min(state.candidates[older.id], key=lambda c: later_key(engine, c))
            state.superseded[older.id] = [(first, False)]
    for older_id, updates in sorted(state.superseded.items()):
        older = engine.by_id[older_id]
        for newer, is_recorded in updates:
            engine.recorded_supersessions.add((older.id, newer.id))
            # Withdrawn: its own origin revised it for the same time. A claim that an independent source's
            # claim supersedes (a link the keeper wrote) is not withdrawn: its source took nothing back.
            withdraws = overlap(engine.spans[older.id], engine.spans[newer.id]) and not engine.independent(older, newer)
            if withdraws:
                state.withdrawn.add(older.id)
            _report(engine, state, older, newer, is_recorded, withdraws)


def _report(engine: "Engine", state: QuestionState, older: Claim, newer: Claim, recorded: bool,
            same_time: bool) -> None:
    if recorded:
        how = "recorded by supersedes"
    elif (older.id, newer.id) in state.revisions:
        how = "a revision by the same source, said later; no supersedes link records it"
    elif engine.same_source(older, newer):
        how = "from the same source; no supersedes link records it"
    else:
        how = "from a dependent origin; no supersedes link records it"
    withdrawn = f"; {older.id} no longer stands for its source (a revised estimate of the same time)" if same_time \
        else ""
    engine.emit("FL503", f"{engine.side(newer)} updates {engine.side(older)} ({how}){withdrawn}", [older, newer],
                None if recorded else f"add 'supersedes: [{older.id}]' to {newer.id}",
                reason=f"{newer.id} updates {older.id} ({how}){withdrawn}")


def classify(engine: "Engine", state: QuestionState) -> None:
    """Each disagreement as a conflict (FL501), history (FL515) or acknowledged (FL516)."""
    for a, b, why in state.conflicts:
        gone = [c for c in (a, b) if c.id in state.withdrawn]
        if gone:
            by = ", ".join(sorted({n.id for c in gone for n, _ in state.superseded[c.id]}))
            were = f"{gone[0].id} was" if len(gone) == 1 else f"{gone[0].id} and {gone[1].id} were"
            engine.emit("FL515", f"{engine.side(a)} and {engine.side(b)} disagreed: {why}; "
                                 f"{were} withdrawn ({by} revised {'it' if len(gone) == 1 else 'them'} for the same "
                                 "time)", [a, b], reason=f"{why}; {were} withdrawn, revised by {by}")
            continue
        assessments = covering(engine, [a, b])
        if assessments:
            named = acknowledged_by(assessments)
            engine.emit("FL516", f"{engine.side(a)} and {engine.side(b)} disagree: {why}; acknowledged by {named}",
                        [a, b], reason=f"{why}; acknowledged by {named}")
            continue
        engine.emit("FL501", f"{engine.side(a)} and {engine.side(b)} disagree: {why}", [a, b], reason=why,
                    suggestion=f"if the disagreement is known, record it in an assessment (claims: [{a.id}, {b.id}], "
                               "verdict: known-discrepancy); if one updates the other, add 'supersedes' to the newer "
                               "one; otherwise correct the value or date")


def covering(engine: "Engine", claims: list[Claim]) -> list[Assessment]:
    """Every assessment (by id) that covers all of ``claims``; each is marked as used, so none of two
    judgements of one disagreement is reported stale."""
    found = [a for a in engine.assessments if a.covers(claims)]
    engine.used_assessments.update(a.id for a in found)
    return found


def acknowledged_by(assessments: list[Assessment]) -> str:
    """"assessment 'a' (known-discrepancy: note)", and any others after it."""
    first = f"assessment '{assessments[0].id}' ({_verdict(assessments[0])})"
    rest = [f"'{a.id}' ({_verdict(a)})" for a in assessments[1:]]
    return first + (f", and by {', '.join(rest)}" if rest else "")


def acknowledging(engine: "Engine", claims: list[Claim]) -> Assessment | None:
    """The first assessment (by id) that covers all of ``claims`` (every covering one is marked as used)."""
    found = covering(engine, claims)
    return found[0] if found else None


def _verdict(assessment: Assessment) -> str:
    said = assessment.verdict
    if assessment.verdict == "one-is-wrong" and assessment.wrong is not None:
        said += f": {assessment.wrong.id}"
    return f"{said}: {assessment.note}" if assessment.note else said


def newest(engine: "Engine", claims: list[Claim]) -> Claim:
    return max(claims, key=lambda c: later_key(engine, c))


__all__ = ["QuestionState", "acknowledged_by", "acknowledging", "classify", "covering", "later_key", "newest",
           "order", "resolve"]
