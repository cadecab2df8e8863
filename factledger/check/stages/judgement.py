"""One question's judgement, after its claims have been compared: who updated whom, what no longer
stands, and which disagreements are conflicts, history, or acknowledged by the keeper.

* Each claim is superseded by the *first* later claim whose sources may revise it (its own origin, an
  organisation it is part of, a source it relays: :mod:`factledger.check.revisers`) and whose value
  differs (a restatement in between hides nothing), or by the claims whose ``supersedes`` names it.
* A claim superseded by one about the same time (their times overlap: the source revised its
  estimate of one fact) is *withdrawn*: its disagreements are history (``historical-conflict``),
  never an error. One superseded by a claim about a later time stays a record of its own time, and so
  does, on a running total, a reading that a higher one followed the same day (the count grew).
* A disagreement that an assessment covers is ``acknowledged``, naming the assessment; one apart only by
  an edge (a shared bound, or a gap within the tolerance) is a ``narrow-gap``, never a conflict.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from factledger.check.acknowledgements import acknowledged_by, covering
from factledger.check.compare import below, interval, overlap
from factledger.check.facts import Facts
from factledger.check.sink import Sink
from factledger.check.stages.sweep import Compared
from factledger.model.entries import Claim


@dataclass
class Judged:
    """What the judgement of one question decided, for the summary and the later stages."""

    superseded: dict[str, list[tuple[Claim, bool]]] = field(default_factory=dict)  # older → [(newer, recorded)]
    withdrawn: set[str] = field(default_factory=set)
    supersessions: set[tuple[str, str]] = field(default_factory=set)  # (older, newer), reported here
    assessments_used: set[str] = field(default_factory=set)


def judge(facts: Facts, sink: Sink, compared: Compared, cyclic: frozenset[tuple[str, str]]) -> Judged:
    """The question's supersessions (FL503), and each disagreement as FL501, FL515, FL516 or FL521."""
    judged = Judged()
    _resolve(facts, sink, compared, cyclic, judged)
    _classify(facts, sink, compared, judged)
    return judged


def _resolve(facts: Facts, sink: Sink, compared: Compared, cyclic: frozenset[tuple[str, str]], judged: Judged) -> None:
    in_question = {c.id for c in compared.claims}
    recorded: dict[str, list[Claim]] = defaultdict(list)
    for newer in compared.claims:
        for ref in newer.supersedes:
            older = facts.by_id.get(ref.id)
            # A link pointing back in time is FL514 (the links stage), not a supersession.
            if older is None or older.id == newer.id or ref.id not in in_question or \
                    (newer.id, older.id) in cyclic or facts.spans[newer.id].last < facts.spans[older.id].first:
                continue
            recorded[older.id].append(newer)
    for older in compared.claims:
        if recorded.get(older.id):
            judged.superseded[older.id] = [(newer, True) for newer in recorded[older.id]]
        elif compared.candidates.get(older.id):
            first = min(compared.candidates[older.id], key=facts.later_key)
            judged.superseded[older.id] = [(first, False)]
    for older_id, updates in sorted(judged.superseded.items()):
        older = facts.by_id[older_id]
        for newer, is_recorded in updates:
            judged.supersessions.add((older.id, newer.id))
            # Withdrawn: its own origin revised it for the same time. A claim that an independent source's
            # claim supersedes (a link the keeper wrote) is not withdrawn: its source took nothing back; nor is
            # a running total's reading that a higher one followed the same day: the count grew, it stood when said.
            same_time = overlap(facts.spans[older.id], facts.spans[newer.id]) and not facts.independent(older, newer)
            grew = same_time and compared.cumulative and _grew(older, newer)
            if same_time and not grew:
                judged.withdrawn.add(older.id)
            _report(facts, sink, compared, older, newer, is_recorded, same_time and not grew, grew)


def _grew(older: Claim, newer: Claim) -> bool:
    """Whether a running total's later reading is growth: a figure at least as high, not below the earlier."""
    if older.value is None or newer.value is None or not (older.value.is_numeric and newer.value.is_numeric):
        return False
    return newer.value.figure >= older.value.figure and not below(interval(newer.value, 0.0),
                                                                   interval(older.value, 0.0))


def _report(facts: Facts, sink: Sink, compared: Compared, older: Claim, newer: Claim, recorded: bool,
            same_time: bool, grew: bool = False) -> None:
    how = "recorded by supersedes" if recorded else "inferred: " + _how(facts, compared, older, newer)
    withdrawn = f"; {older.id} no longer stands for its source (a revised estimate of the same time)" if same_time \
        else f"; the running total grew the same day: {older.id} stood when said" if grew else ""
    # An inferred revision is the ledger's own reading of the dates and sources: no link is suggested (a link
    # would say a source wrote something it did not). Where nothing orders two claims, FL501 says what to do.
    sink.emit("FL503", f"{facts.side(newer)} updates {facts.side(older)} ({how}){withdrawn}", [older, newer],
              reason=f"{newer.id} updates {older.id} ({how}){withdrawn}")


def _how(facts: Facts, compared: Compared, older: Claim, newer: Claim) -> str:
    """How the ledger knows that ``newer`` revises ``older``, in words."""
    later = "said later" if (older.id, newer.id) in compared.revisions and \
        overlap(facts.spans[older.id], facts.spans[newer.id]) else "later"
    if facts.same_source(older, newer):
        return f"the same source, {later}"
    theirs, mine = facts.sources[newer.id], facts.sources[older.id]
    named = ", ".join(theirs), ", ".join(mine)
    if all(any(facts.revisers.contains(n, o) for n in theirs) for o in mine):
        return f"from {named[0]}, which {named[1]} is part of, {later}"
    return f"from {named[0]}, whose figures {named[1]} relays, {later}"


def _classify(facts: Facts, sink: Sink, compared: Compared, judged: Judged) -> None:
    for a, b, why, narrow in compared.conflicts:
        gone = [c for c in (a, b) if c.id in judged.withdrawn]
        if gone:
            by = ", ".join(sorted({n.id for c in gone for n, _ in judged.superseded[c.id]}))
            were = f"{gone[0].id} was" if len(gone) == 1 else f"{gone[0].id} and {gone[1].id} were"
            sink.emit("FL515", f"{facts.side(a)} and {facts.side(b)} disagreed: {why}; "
                               f"{were} withdrawn ({by} revised {'it' if len(gone) == 1 else 'them'} for the same "
                               "time)", [a, b], reason=f"{why}; {were} withdrawn, revised by {by}")
            continue
        # Every covering assessment counts as used, so none of two judgements of one disagreement is stale.
        assessments = covering(facts.assessments, [a, b])
        judged.assessments_used.update(x.id for x in assessments)
        if assessments:
            named = acknowledged_by(assessments)
            sink.emit("FL516", f"{facts.side(a)} and {facts.side(b)} disagree: {why}; acknowledged by {named}",
                      [a, b], reason=f"{why}; acknowledged by {named}")
            continue
        if narrow:
            sink.emit("FL521", f"{facts.side(a)} and {facts.side(b)} are apart only by an edge: {why}", [a, b],
                      reason=f"apart only by an edge: {why}",
                      suggestion="nothing to fix if the sources said so; if the disagreement is known, record it in an "
                                 f"assessment (claims: [{a.id}, {b.id}], verdict: known-discrepancy)")
            continue
        sink.emit("FL501", f"{facts.side(a)} and {facts.side(b)} disagree: {why}", [a, b], reason=why,
                  suggestion=_conflict_suggestion(facts, a, b))


def _conflict_suggestion(facts: Facts, a: Claim, b: Claim) -> str:
    known = f"if the disagreement is known, record it in an assessment (claims: [{a.id}, {b.id}], verdict: " \
            "known-discrepancy)"
    # A supersedes link is suggested only where the ledger cannot order the claims and one of their sources
    # could have revised the other's figure: between independent sources it would put words in a source's mouth.
    if facts.related(a, b):
        return f"{known}; if one updates the other, add 'supersedes' to the newer one, or date the citations so that " \
               "the order shows; otherwise correct the value or date"
    return f"{known}; otherwise correct the value or date"
