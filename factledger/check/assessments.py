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
from typing import TYPE_CHECKING

from factledger.check.compare import value_key
from factledger.check.questions import acknowledged_by
from factledger.text.quotes import normalise

if TYPE_CHECKING:
    from factledger.check.engine import Engine
    from factledger.model.entries import Claim

_NAMED = 10  # claims a finding names; beyond them it says how many more


def report_assessments(engine: "Engine") -> None:
    _duplicates(engine)
    _uneven_qualifiers(engine)
    on_question: dict[object, list["Claim"]] | None = None  # built once, when a stale question-assessment needs it
    for assessment in engine.assessments:
        if assessment.id in engine.used_assessments:
            continue
        if assessment.claims:
            judged = [engine.by_id[r.id] for r in assessment.claims if r.id in engine.by_id]
        else:
            if on_question is None:
                on_question = defaultdict(list)
                for claim in engine.claims:
                    on_question[claim.question()].append(claim)
            judged = on_question.get(assessment.question, [])
        what = f"question {assessment.question}" if assessment.question is not None else \
            ", ".join(r.id for r in assessment.claims)
        engine.emit("FL517", f"assessment '{assessment.id}' ({assessment.verdict}) of {what} covers no conflict or "
                             "duplicate any more", judged, "remove the assessment, or correct what it names",
                    sides=False, locations=(assessment.location,))


def _duplicate_key(engine: "Engine", claim: "Claim") -> tuple[object, ...]:
    """What two records of one claim share, but the statement (the costly part: see _duplicates)."""
    value = claim.value
    return (engine.origin_sets[claim.id],
            (value_key(value), (value.unit or "").strip().casefold()) if value is not None else None,
            str(claim.date) if claim.date else None, claim.question())


def _statement_key(claim: "Claim") -> str:
    return " ".join(normalise(claim.statement).casefold().split())


def _duplicates(engine: "Engine") -> None:
    # Claims are grouped by source, value, date and question first, and only those sharing all four
    # have their statements normalised: the same groups, in the same order (by their first claim), as
    # grouping by all five at once, at a fraction of the cost (most claims share them with none).
    sharing: dict[tuple[object, ...], int] = defaultdict(int)
    keys = [_duplicate_key(engine, claim) for claim in engine.claims]
    for key in keys:
        sharing[key] += 1
    groups: dict[tuple[object, ...], list["Claim"]] = defaultdict(list)
    for claim, key in zip(engine.claims, keys):
        if sharing[key] > 1:
            groups[(_statement_key(claim), *key)].append(claim)
    for claims in groups.values():
        if len(claims) < 2:
            continue
        ids = [c.id for c in claims]
        named = ", ".join(ids[:_NAMED]) + (f" and {len(ids) - _NAMED:,} more" if len(ids) > _NAMED else "")
        # An assessment that names two or more of the copies covers those; one of their question, all.
        partial = [a for a in engine.assessments
                   if (a.question is not None and a.covers(claims))
                   or len({r.id for r in a.claims} & set(ids)) >= 2]
        engine.used_assessments.update(a.id for a in partial)
        covered = set().union(*(set(ids) if a.question is not None else {r.id for r in a.claims} & set(ids)
                                for a in partial)) if partial else set()
        if covered == set(ids):
            engine.emit("FL516", f"{named} record the same claim (statement, source, value and date); acknowledged "
                                 f"by {acknowledged_by(partial)}", claims[:_NAMED], sides=False)
            continue
        only = "".join(f"; assessment '{a.id}' covers only {', '.join(sorted({r.id for r in a.claims} & set(ids)))}"
                       for a in partial)
        listed = ", ".join(ids[:_NAMED])
        engine.emit("FL519", f"{named} record the same claim: the same statement, source, value and date{only}",
                    claims[:_NAMED], f"keep one and remove the others, or record an assessment (claims: [{listed}], "
                                     "verdict: duplicate)", sides=False)


def _uneven_qualifiers(engine: "Engine") -> None:
    by_property: dict[tuple[str, str], list["Claim"]] = defaultdict(list)
    for claim in engine.claims:
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
            engine.emit("FL518", f"the qualifier '{key}' is on {len(claims) - len(without)} of the claims on "
                                 f"{subject} / {prop}, but not on {named}: they are different questions and are "
                                 "never compared", [c for c in claims if key in c.qualifiers][:1] + without[:_NAMED],
                        f"give every claim on {subject} / {prop} a '{key}', or use a different property",
                        sides=False)
