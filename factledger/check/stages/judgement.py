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

from factledger.check.acknowledgements import acknowledged_by, covering
from factledger.check.compare import overlap
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
    """The question's supersessions (FL503), and each disagreement as FL501, FL515 or FL516."""
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
            # claim supersedes (a link the keeper wrote) is not withdrawn: its source took nothing back.
            withdraws = overlap(facts.spans[older.id], facts.spans[newer.id]) and not facts.independent(older, newer)
            if withdraws:
                judged.withdrawn.add(older.id)
            _report(facts, sink, compared, older, newer, is_recorded, withdraws)


def _report(facts: Facts, sink: Sink, compared: Compared, older: Claim, newer: Claim, recorded: bool,
            same_time: bool) -> None:
    if recorded:
        how = "recorded by supersedes"
    elif (older.id, newer.id) in compared.revisions:
        how = "a revision by the same source, said later; no supersedes link records it"
    elif facts.same_source(older, newer):
        how = "from the same source; no supersedes link records it"
    else:
        how = "from a dependent origin; no supersedes link records it"
    withdrawn = f"; {older.id} no longer stands for its source (a revised estimate of the same time)" if same_time \
        else ""
    sink.emit("FL503", f"{facts.side(newer)} updates {facts.side(older)} ({how}){withdrawn}", [older, newer],
              None if recorded else f"add 'supersedes: [{older.id}]' to {newer.id}",
              reason=f"{newer.id} updates {older.id} ({how}){withdrawn}")


def _classify(facts: Facts, sink: Sink, compared: Compared, judged: Judged) -> None:
    for a, b, why in compared.conflicts:
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
        sink.emit("FL501", f"{facts.side(a)} and {facts.side(b)} disagree: {why}", [a, b], reason=why,
                  suggestion=f"if the disagreement is known, record it in an assessment (claims: [{a.id}, {b.id}], "
                             "verdict: known-discrepancy); if one updates the other, add 'supersedes' to the newer "
                             "one; otherwise correct the value or date")
