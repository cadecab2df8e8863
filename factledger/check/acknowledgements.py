"""Which of the keeper's assessments cover a set of claims, and how an acknowledgement is worded.

Every stage that acknowledges a disagreement or a duplicate asks here, and returns the ids of the
assessments it used, so that the last stage can tell which assessments cover nothing any more.
"""

from __future__ import annotations

from collections.abc import Iterable

from factledger.model.entries import Assessment, Claim


def covering(assessments: Iterable[Assessment], claims: list[Claim]) -> list[Assessment]:
    """Every assessment (in the order given: by id) that covers all of ``claims``."""
    return [a for a in assessments if a.covers(claims)]


def acknowledged_by(assessments: list[Assessment]) -> str:
    """"assessment 'a' (known-discrepancy: note)", and any others after it."""
    first = f"assessment '{assessments[0].id}' ({_verdict(assessments[0])})"
    rest = [f"'{a.id}' ({_verdict(a)})" for a in assessments[1:]]
    return first + (f", and by {', '.join(rest)}" if rest else "")


def _verdict(assessment: Assessment) -> str:
    said = assessment.verdict
    if assessment.verdict == "one-is-wrong" and assessment.wrong is not None:
        said += f": {assessment.wrong.id}"
    return f"{said}: {assessment.note}" if assessment.note else said
