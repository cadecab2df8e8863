"""Fact-checkers' reviews held against each other: one review recorded twice (``duplicate-review``).

Two reviews are one review when they share an identity (:mod:`factledger.model.identity`): the same
address, or without one the same reviewer, rating, statement and day. Counted twice, a review would
make one fact-check look like two.
"""

from __future__ import annotations

from collections import defaultdict

from factledger.check.acknowledgements import covering
from factledger.check.facts import Facts
from factledger.check.sink import Sink
from factledger.model.entries import Review
from factledger.model.identity import review_identity

_NAMED = 10  # reviews a finding names; beyond them it says how many more


def report_reviews(facts: Facts, sink: Sink) -> frozenset[str]:
    """FL520 for each review recorded twice (FL516 when an assessment covers its claims); returns the
    assessments that acknowledged one."""
    used: set[str] = set()
    groups: dict[tuple[object, ...], list[Review]] = defaultdict(list)
    one_claim = _judged_one(facts)
    for review in sorted(facts.ledger.reviews, key=lambda r: r.id):
        claim = facts.by_id.get(review.claim.id)
        if claim is not None:  # a retracted claim's reviews take part in nothing, as the claim does not
            label = review.rating.label if review.rating is not None else None
            # Claims the keeper judged to be one claim review as one statement, however each record words it.
            statement = facts.by_id[one_claim.get(claim.id, claim.id)].statement
            key = review_identity(review.url, review.by.id, statement, str(review.date) if review.date else None,
                                  label)
            groups[key].append(review)
    for reviews in groups.values():
        if len(reviews) < 2:
            continue
        claims = list({r.claim.id: facts.by_id[r.claim.id] for r in reviews}.values())
        ids = ", ".join(r.id for r in reviews[:_NAMED]) + (f" and {len(reviews) - _NAMED:,} more"
                                                           if len(reviews) > _NAMED else "")
        where = tuple(r.location for r in reviews[:_NAMED])
        found = covering(facts.assessments, claims) if len(claims) > 1 else []
        used.update(a.id for a in found)
        if found:
            assessment = found[0]
            sink.emit("FL516", f"reviews {ids} are one review recorded twice; acknowledged by assessment "
                               f"'{assessment.id}' ({assessment.verdict})", claims[:_NAMED], sides=False,
                      locations=where)
            continue
        how = (f"published at {reviews[0].url}, of the same statement" if reviews[0].url
               else "the same reviewer, rating, statement and day")
        sink.emit("FL520", f"reviews {ids} are one review recorded twice ({how}): it would count twice",
                  claims[:_NAMED], "keep one of the reviews (and, if their claims are one claim, one claim)",
                  sides=False, locations=where)
    return frozenset(used)


def _judged_one(facts: Facts) -> dict[str, str]:
    """Each claim the keeper judged a duplicate of others (an assessment's verdict ``duplicate``), to the
    first id of all the claims so joined (through any chain of such assessments)."""
    first: dict[str, str] = {}

    def root(claim: str) -> str:
        while first.get(claim, claim) != claim:
            claim = first[claim]
        return claim

    for assessment in facts.assessments:
        if assessment.verdict == "duplicate":
            ids = sorted(root(ref.id) for ref in assessment.claims if ref.id in facts.by_id)
            for other in ids[1:]:
                first[other] = ids[0]
    return {claim: root(claim) for claim in first}

