"""The keeper's declarations name what the ledger has: a declared question is declared once (FL125) and
matches some claim (FL124, so that a typo in a subject does not leave a running total judged as any
other question); a rating scale's publishers exist (FL202) and its id is its own (FL201, in duplicates)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from factledger.model.entries import QuestionKey
from factledger.problems.diagnostics import Diagnostic, make
from factledger.rules.base import RuleContext
from factledger.rules.references import _Lookup
from factledger.text.suggest import did_you_mean


def check_question_rules(ctx: RuleContext) -> Iterator[Diagnostic]:
    ledger = ctx.ledger
    keys = ctx.indexes.questions()
    by_property: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        by_property[key.property].add(key.subject)
    declared: dict[tuple[object, ...], list[str]] = defaultdict(list)
    for rule in ledger.questions:
        where = rule.location
        mine = (rule.subject, *rule.key("").property_and_qualifiers())
        declared[mine].append(str(where))
        if len(declared[mine]) > 1:
            yield make("FL125", f"question {rule} is declared more than once (first at {declared[mine][0]}): "
                                "keep one entry", where)
        if any(rule.matches(k) for k in keys):
            continue
        yield make("FL124", f"question {rule} matches no claim{_hint(rule.subject, rule.property, by_property, keys)}",
                   where)


def _hint(subject: str | None, prop: str, by_property: dict[str, set[str]], keys: set[QuestionKey]) -> str:
    if prop not in by_property:
        return did_you_mean(prop, by_property) or "; no claim has this property"
    if subject is not None and subject not in by_property[prop]:
        return did_you_mean(subject, by_property[prop]) or f"; claims on '{prop}' are about " + \
            ", ".join(sorted(by_property[prop])[:5])
    variants = sorted({str(k) for k in keys if k.property == prop and (subject is None or k.subject == subject)})
    return "; its claims' qualifiers differ: " + "; ".join(variants[:5])


def check_scale_references(ctx: RuleContext) -> Iterator[Diagnostic]:
    refs = _Lookup(ctx)
    for scale in ctx.ledger.scales:
        for ref in scale.publishers:
            yield from refs.source(ref, f"publisher of scale '{scale.id}'")
