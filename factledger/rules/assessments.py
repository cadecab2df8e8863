"""Assessments say what they judge, once: exactly one of claims (two or more) or a question (FL119),
and a verdict of one-is-wrong names the claim judged wrong, among those judged (FL120)."""

from __future__ import annotations

from collections.abc import Iterator

from factledger.problems.diagnostics import Diagnostic, make
from factledger.rules.base import RuleContext


def check_assessments(ctx: RuleContext) -> Iterator[Diagnostic]:
    for a in ctx.ledger.assessments:
        where = a.location
        given = [name for name in ("claims", "question") if name in a.field_locations]
        if len(given) != 1:
            what = "both 'claims' and 'question'" if given else "neither 'claims' nor 'question'"
            yield make("FL119", f"assessment '{a.id}' names {what}: give exactly one, the claims judged or the "
                                "question", where)
        elif "claims" in given and len({r.id for r in a.claims}) < 2:
            yield make("FL119", f"assessment '{a.id}' judges {len({r.id for r in a.claims})} claim; an assessment "
                                "judges how two or more claims relate (or a whole question)",
                       a.field_locations.get("claims", where))
        if a.verdict == "one-is-wrong":
            if a.wrong is None:
                yield make("FL120", f"assessment '{a.id}' has verdict one-is-wrong but does not say which: add "
                                    "'wrong: CLAIM-ID'", where)
            elif a.claims and a.wrong.id not in {r.id for r in a.claims}:
                yield make("FL120", f"assessment '{a.id}' judges '{a.wrong.id}' wrong, which is not among the "
                                    "claims it judges", a.wrong.location)
            elif a.question is not None:
                claim = ctx.ledger.claim(a.wrong.id)
                if claim is not None and claim.question() != a.question:
                    yield make("FL120", f"assessment '{a.id}' judges '{a.wrong.id}' wrong, which is not on the "
                                        f"question it judges ({a.question})", a.wrong.location)
        elif a.wrong is not None and a.verdict:
            yield make("FL120", f"assessment '{a.id}' names a 'wrong' claim, which only verdict one-is-wrong takes",
                       a.wrong.location)
