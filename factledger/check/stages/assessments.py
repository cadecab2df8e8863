"""The keeper's assessments held against the ledger, and what needs one.

* Two claims that are one claim recorded twice (the same statement, source, value, date and
  question): ``duplicate-claim``, or ``acknowledged`` when an assessment covers them.
* An assessment that no longer covers any conflict or duplicate is ``stale-assessment``, so that
  acknowledgements do not pile up after the disagreement is resolved.
* A qualifier key on some claims of a subject and property but not on others: ``uneven-qualifiers``
  (the question may have been split by accident).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Set

from factledger.check.acknowledgements import acknowledged_by
from factledger.check.compare import value_key
from factledger.check.facts import Facts
from factledger.check.sink import Sink
from factledger.model.entries import Claim
from factledger.model.identity import claim_key, statement_key
from factledger.model.units import unit_key

_NAMED = 10  # claims a finding names; beyond them it says how many more


def report_stale(facts: Facts, sink: Sink, used: Set[str]) -> None:
    """FL517 for each assessment that no stage used (``used``: the ids every acknowledging stage returned).
    Run last, so that no assessment can be reported both as acknowledging and as stale."""
    on_question: dict[object, list[Claim]] | None = None  # built once, when a stale question-assessment needs it
    for assessment in facts.assessments:
        if assessment.id in used:
            continue
        if assessment.claims:
            judged = [facts.by_id[r.id] for r in assessment.claims if r.id in facts.by_id]
        else:
            if on_question is None:
                on_question = defaultdict(list)
                for claim in facts.claims:
                    on_question[claim.question()].append(claim)
            judged = on_question.get(assessment.question, [])
        what = f"question {assessment.question}" if assessment.question is not None else \
            ", ".join(r.id for r in assessment.claims)
        sink.emit("FL517", f"assessment '{assessment.id}' ({assessment.verdict}) of {what} covers no conflict or "
                             "duplicate any more", judged, "remove the assessment, or correct what it names",
                    sides=False, locations=(assessment.location,))


def _duplicate_key(facts: Facts, claim: Claim) -> tuple[object, ...]:
    """What two records of one claim share, but the statement (the costly part: see _duplicates)."""
    value = claim.value
    return claim_key(facts.origin_sets[claim.id], (value_key(value), unit_key(value.unit)) if value is not None
                     else None, str(claim.date) if claim.date else None, claim.question())


def report_duplicates(facts: Facts, sink: Sink) -> frozenset[str]:
    """FL519 for claims recorded twice (FL516 when an assessment covers them); returns the assessments used."""
    used: set[str] = set()
    # Claims are grouped by source, value, date and question first, and only those sharing all four
    # have their statements normalised: the same groups, in the same order (by their first claim), as
    # grouping by all five at once, at a fraction of the cost (most claims share them with none).
    sharing: dict[tuple[object, ...], int] = defaultdict(int)
    keys = [_duplicate_key(facts, claim) for claim in facts.claims]
    for key in keys:
        sharing[key] += 1
    groups: dict[tuple[object, ...], list[Claim]] = defaultdict(list)
    for claim, key in zip(facts.claims, keys, strict=True):
        if sharing[key] > 1:
            full = (statement_key(claim.statement), *key)  # not inline: a checker for 3.10 reads d[(a, *b)] as d[a, *b]
            groups[full].append(claim)
    for claims in groups.values():
        if len(claims) < 2:
            continue
        ids = [c.id for c in claims]
        named = ", ".join(ids[:_NAMED]) + (f" and {len(ids) - _NAMED:,} more" if len(ids) > _NAMED else "")
        # An assessment that names two or more of the copies covers those; one of their question, all.
        partial = [a for a in facts.assessments
                   if (a.question is not None and a.covers(claims))
                   or len({r.id for r in a.claims} & set(ids)) >= 2]
        used.update(a.id for a in partial)
        covered = set().union(*(set(ids) if a.question is not None else {r.id for r in a.claims} & set(ids)
                                for a in partial)) if partial else set()
        if covered == set(ids):
            sink.emit("FL516", f"{named} record the same claim (statement, source, value and date); acknowledged "
                                 f"by {acknowledged_by(partial)}", claims[:_NAMED], sides=False)
            continue
        only = "".join(f"; assessment '{a.id}' covers only {', '.join(sorted({r.id for r in a.claims} & set(ids)))}"
                       for a in partial)
        listed = ", ".join(ids[:_NAMED])
        sink.emit("FL519", f"{named} record the same claim: the same statement, source, value and date{only}",
                    claims[:_NAMED], f"keep one and remove the others, or record an assessment (claims: [{listed}], "
                                     "verdict: duplicate)", sides=False)
    return frozenset(used)


def report_uneven_qualifiers(facts: Facts, sink: Sink) -> None:
    """FL518 for a qualifier key on some claims of a subject and property but not on others."""
    by_property: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in facts.claims:
        if claim.subject and claim.property:
            by_property[(claim.subject, claim.property)].append(claim)
    for (subject, prop), claims in sorted(by_property.items()):
        keys = sorted({k for c in claims for k in c.qualifiers})
        for key in keys:
            without = [c for c in claims if key not in c.qualifiers]
            if not without:
                continue
            named = ", ".join(c.id for c in without[:_NAMED]) + (f" and {len(without) - _NAMED:,} more"
                                                                if len(without) > _NAMED else "")
            sink.emit("FL518", f"the qualifier '{key}' is on {len(claims) - len(without)} of the claims on "
                                 f"{subject} / {prop}, but not on {named}: they are different questions and are "
                                 "never compared", [c for c in claims if key in c.qualifiers][:1] + without[:_NAMED],
                        f"give every claim on {subject} / {prop} a '{key}', or use a different property",
                        sides=False)
