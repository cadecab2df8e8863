"""Fact-checkers' reviews held against each other: one review recorded twice (``duplicate-review``).

Two reviews are one review when they share an identity (:mod:`factledger.model.identity`): the same
address, or without one the same reviewer, rating, statement and day. Counted twice, a review would
make one fact-check look like two.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from factledger.check.questions import acknowledging
from factledger.model.identity import review_identity

if TYPE_CHECKING:
    from factledger.check.engine import Engine
    from factledger.model.entries import Review

_NAMED = 10  # reviews a finding names; beyond them it says how many more


def report_reviews(engine: "Engine") -> None:
    groups: dict[tuple[object, ...], list["Review"]] = defaultdict(list)
    for review in sorted(engine.ledger.reviews, key=lambda r: r.id):
        claim = engine.by_id.get(review.claim.id)
        if claim is not None:  # a retracted claim's reviews take part in nothing, as the claim does not
            label = review.rating.label if review.rating is not None else None
            key = review_identity(review.url, review.by.id, claim.statement, str(review.date) if review.date else None,
                                  label)
            groups[key].append(review)
    for reviews in groups.values():
        if len(reviews) < 2:
            continue
        claims = list({r.claim.id: engine.by_id[r.claim.id] for r in reviews}.values())
        ids = ", ".join(r.id for r in reviews[:_NAMED]) + (f" and {len(reviews) - _NAMED:,} more"
                                                           if len(reviews) > _NAMED else "")
        where = tuple(r.location for r in reviews[:_NAMED])
        assessment = acknowledging(engine, claims) if len(claims) > 1 else None
        if assessment is not None:
            engine.emit("FL516", f"reviews {ids} are one review recorded twice; acknowledged by assessment "
                                 f"'{assessment.id}' ({assessment.verdict})", claims[:_NAMED], sides=False,
                        locations=where)
            continue
        how = f"published at {reviews[0].url}" if reviews[0].url else "the same reviewer, rating, statement and day"
        engine.emit("FL520", f"reviews {ids} are one review recorded twice ({how}): it would count twice",
                    claims[:_NAMED], "keep one of the reviews (and, if their claims are one claim, one claim)",
                    sides=False, locations=where)
