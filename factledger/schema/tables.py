"""The schema, as data: for each kind of entry its fields, which are required, and the parser of each.

These tables are what the builder checks every entry against (and what documentation and a JSON
Schema can be generated from). The parsers of compound fields (dates, values, citations) are here
because they parse against tables of their own.
"""

from __future__ import annotations

import re
from typing import Any

from factledger.model.entries import ASSESSMENT_VERDICTS, Citation, DateSpan, QuestionKey, Rating, Value
from factledger.model.numbers import dot_thousands, parse_quantity, quantity_text, second_reading
from factledger.model.vocabulary import QUANTITY_KINDS, RELIABILITY, SOURCE_KINDS, STATUSES
from factledger.parse.nodes import Invalid, Mapping, Node, Scalar, Sequence
from factledger.schema.declarations import SCALE_FIELDS
from factledger.schema.fields import (
    NUMERIC_TEXT,
    SKIP,
    Context,
    FieldSpec,
    _describe,
    _number,
    boolean,
    choice,
    claim_id,
    claim_ref,
    country,
    credibility,
    document_ref,
    fields,
    list_of,
    nonempty_list_of,
    pairs,
    partial_date,
    shape_of,
    shaped,
    single_date,
    slug,
    source_id,
    source_ref,
    text,
    web_address,
)
from factledger.text.escapes import clip

SECTIONS = ("sources", "documents", "claims", "assessments", "reviews", "questions", "scales")
_BOOLEANS = frozenset({"true", "True", "TRUE", "false", "False", "FALSE"})


def date_or_range(node: Node, ctx: Context, name: str) -> Any:
    if isinstance(node, Sequence):
        return ctx.report("FL105", f"'{name}' must be a date (YYYY, YYYY-MM or YYYY-MM-DD) or a range "
                                   "{from: DATE, to: DATE}, not a list", node)
    if not isinstance(node, Mapping):
        date = partial_date(node, ctx, name)
        return date if date is SKIP or date is None else DateSpan.single(date)
    parsed = fields(node, ctx, RANGE_FIELDS, f"'{name}' range")
    if parsed is SKIP:
        return SKIP
    start, end = parsed.get("from"), parsed.get("to")
    if start is None and end is None:
        if parsed.get("__skipped__"):
            return SKIP  # a bad end was reported already
        return ctx.report("FL108", f"'{name}' range needs 'from', 'to' or both (an empty range says nothing)", node)
    if start is not None and end is not None and start.first() > end.last():
        return ctx.report("FL111", f"'{name}' runs from {start} to {end}, which ends before it starts", node)
    return DateSpan(start, end, True)


def value(node: Node, ctx: Context, name: str) -> Any:
    """A number (exact), a text or a boolean, or a quantity mapping with one hedge and an optional unit."""
    if isinstance(node, Invalid):
        return SKIP
    if isinstance(node, Sequence):
        return ctx.report("FL110", "'value' must be a number, a text, true/false or a quantity mapping, not a list",
                          node)
    if isinstance(node, Scalar):
        return _scalar_value(node, ctx, name)
    return _quantity_value(node, ctx)


def _scalar_value(node: Scalar, ctx: Context, name: str) -> Any:
    """A value written as a scalar: nothing, a boolean, a number (exact) or a text."""
    raw = node.value
    if raw is None and node.plain:
        return None
    if isinstance(raw, bool):
        return Value("boolean", flag=raw)
    if isinstance(raw, (int, float)):
        number = value_number(node, ctx, name)
        return number if number is SKIP else Value("exact", number=number)
    shown = text(node, ctx, name)
    if shown is SKIP or shown is None:
        return shown
    _report_numeric_text(node, ctx, shown)
    _report_boolean_text(node, ctx, shown)
    return Value("text", text=shown)


_BOOLEAN_WORDS = frozenset({"true", "false", "yes", "no", "on", "off"})


def _report_boolean_text(node: Scalar, ctx: Context, shown: str) -> None:
    """FL126 for a text value that a reader takes for true or false (it would not be compared as one)."""
    if shown.lower() not in _BOOLEAN_WORDS:
        return
    # One message however it is quoted: fmt may quote it (for readers of YAML 1.1) without changing a word.
    ctx.report("FL126", f"value '{shown}' is text (YAML 1.2 reads yes, no, on and off as text, and anything "
                        "quoted), so it is never compared with the true and false other claims give; write "
                        "true or false without quotes", node)


def _report_numeric_text(node: Scalar, ctx: Context, shown: str) -> None:
    """FL115 or FL121 for a text value that reads as a number (it would not be compared as one)."""
    read = (parse_quantity(shown) or _with_dot_thousands(shown)) if len(shown) <= 80 else None
    if NUMERIC_TEXT.fullmatch(shown):
        plain = (quantity_text(read[1]) if read is not None
                 else f"{{approx: {clip(re.sub(r'[^0-9.+-]', '', shown))}}}")
        ctx.report("FL115", f"value '{clip(shown)}' is text, so it will not be compared as a number; write it as a "
                            f"plain number or a quantity such as {plain}{_dot_reading(shown, read)}", node)
    elif read is not None:
        ctx.report("FL121", f"value '{shown}' is a number written as text, so it will not be compared with "
                            f"the numbers on its question; write {quantity_text(read[1])} for \"{shown}\""
                            f"{_dot_reading(shown, read)}", node)


def _quantity_value(node: Mapping, ctx: Context) -> Any:
    """A quantity mapping: exactly one hedge (or both low and high), and an optional unit."""
    parsed = fields(node, ctx, VALUE_FIELDS, "'value'")
    if parsed is SKIP:
        return SKIP
    bounds = [k for k in (*QUANTITY_KINDS, "low", "high") if k in node.items]
    unit = parsed.get("unit")
    if bounds == ["low", "high"]:
        low, high = parsed.get("low"), parsed.get("high")
        if low is None or high is None:
            return SKIP
        if low > high:
            return ctx.report("FL111", f"value range low {low} is above high {high}", node)
        return Value("range", low=low, high=high, unit=unit)
    if len(bounds) == 1 and bounds[0] in QUANTITY_KINDS:
        number = parsed.get(bounds[0])
        return SKIP if number is None else Value(bounds[0], number=number, unit=unit)
    if not bounds:
        return ctx.report(
            "FL110", "a quantity needs one of exact, approx, at_least, at_most, more_than, less_than, or low and high",
            node)
    if ("low" in bounds or "high" in bounds) and len(bounds) == 1:
        other = "high" if bounds[0] == "low" else "low"
        return ctx.report("FL110", f"'{bounds[0]}' needs '{other}' beside it (or use at_least/at_most)", node)
    return ctx.report(
        "FL110", f"a quantity takes exactly one of its hedges, found {', '.join(bounds)}", node)


def _dot_reading(shown: str, read: Any) -> str:
    """The other reading of a figure like "1.500" or "2-3,000", for the message: "(or {approx: 1500}, if …)"."""
    both = second_reading(shown)
    if both is not None:
        return f" (or {quantity_text(both)}, if both figures are in thousands)"
    other = parse_quantity(shown.replace(".", "")) if dot_thousands(shown) else None
    if other is None or (read is not None and other[1] == read[1]):
        return ""
    return f" (or {quantity_text(other[1])}, if the dot separates thousands)"


def _with_dot_thousands(shown: str) -> Any:
    """The reading of "1.500.000" (which has no other) as 1500000."""
    return parse_quantity(shown.replace(".", "")) if dot_thousands(shown) else None


def citation(node: Node, ctx: Context, name: str) -> Any:
    if isinstance(node, Invalid):
        return SKIP
    if not isinstance(node, Mapping):
        hint = f" (write '- source: {node.raw}')" if isinstance(node, Scalar) and node.raw else ""
        return ctx.report("FL105", f"each citation in 'sources' must be a mapping, not {_describe(node)}{hint}", node)
    parsed = fields(node, ctx, CITATION_FIELDS, "citation")
    if "source" not in parsed:
        return SKIP
    return Citation(
        source=parsed["source"], location=ctx.at(node), document=parsed.get("document"),
        via=parsed.get("via", []), quote=parsed.get("quote"), date=parsed.get("date"),
        url=parsed.get("url"), credibility=parsed.get("credibility"),
        field_locations=parsed["__locations__"],
    )


RANGE_FIELDS = {
    "from": FieldSpec(partial_date, help="first day, month or year covered"),
    "to": FieldSpec(partial_date, help="last day, month or year covered"),
}

_DOT_GROUP = re.compile(r"[-+]?[1-9][0-9]{0,2}\.[0-9]{3}")


def value_number(node: Node, ctx: Context, name: str) -> Any:
    """A claim's number; written as 4.500 (one dot, then three digits) it is a warning giving both readings,
    since a European writer means 4,500 and the ledger reads 4.5 (FL122)."""
    number = _number(node, ctx, name)
    if number is not SKIP and isinstance(node, Scalar) and _DOT_GROUP.fullmatch(node.raw.strip()):
        raw = node.raw.strip()
        ctx.report("FL122", f"'{name}' {raw} reads as {float(number):g}; if the dot separates thousands it is "
                            f"{raw.replace('.', '')}: write {float(number):g} or {raw.replace('.', '')} to say which",
                   node)
    return number


VALUE_FIELDS = {
    **{kind: FieldSpec(value_number) for kind in QUANTITY_KINDS},
    "low": FieldSpec(value_number),
    "high": FieldSpec(value_number),
    "unit": FieldSpec(text),
}

SOURCE_FIELDS = {
    "id": FieldSpec(source_id, True, "unique, case-insensitively; letters, digits, '.', '_', '-'"),
    "name": FieldSpec(text, True),
    "kind": FieldSpec(choice(SOURCE_KINDS), True),
    "country": FieldSpec(country, help="ISO 3166-1 alpha-2"),
    "reliability": FieldSpec(choice(RELIABILITY), help="Admiralty source reliability A-F"),
    "part_of": FieldSpec(source_ref, help="the source this one belongs to"),
    "depends_on": FieldSpec(list_of(source_ref), help="sources whose information this one relays"),
    "url": FieldSpec(web_address, help="an absolute http(s) address"),
    "notes": FieldSpec(text),
}

DOCUMENT_FIELDS = {
    "id": FieldSpec(source_id, True),
    "title": FieldSpec(text, True),
    "publisher": FieldSpec(source_ref, help="source id"),
    "url": FieldSpec(web_address, help="an absolute http(s) address"),
    "published": FieldSpec(single_date),
    "retrieved": FieldSpec(single_date),
    "notes": FieldSpec(text),
    "file": FieldSpec(text, help="local text copy, relative to the data directory"),
}

CITATION_FIELDS = {
    "source": FieldSpec(source_ref, True, "the originator of the claim"),
    "document": FieldSpec(document_ref),
    "via": FieldSpec(list_of(source_ref), help="sources that relayed it"),
    "quote": FieldSpec(text, help="verbatim words"),
    "date": FieldSpec(date_or_range, help="when the source said it"),
    "url": FieldSpec(web_address, help="an absolute http(s) address"),
    "credibility": FieldSpec(credibility, help="Admiralty information credibility 1-6"),
}

def qualifiers(node: Node, ctx: Context, name: str) -> Any:
    """A mapping of slug keys to scalar values (text, number or boolean, kept as written)."""
    given = pairs(node, ctx, name, "slug keys to values, such as {location: kursk, measure: killed}", True)
    if given is SKIP:
        return SKIP
    found: dict[str, str] = {}
    for key_node, value_node in given:
        key = slug(key_node, ctx, f"{name} key")
        if key is SKIP or key is None:
            continue
        if not isinstance(value_node, Scalar):
            ctx.report("FL105", f"qualifier '{key}' must be a single value (a text, number or true/false), not "
                                f"{_describe(value_node)}", value_node)
            continue
        shown = (text(value_node, ctx, f"qualifier '{key}'") if value_node.raw not in ("true", "false")
                 else value_node.raw)
        if shown is not SKIP and shown is not None:
            found[key] = shown
    return found


def _inner(node: Node, ctx: Context, name: str, table: dict[str, FieldSpec], shape: str) -> Any:
    """A field that is itself a small mapping of fields (``table``): its parsed fields, or SKIP with
    FL105 saying the ``shape`` it must have."""
    if isinstance(node, Invalid):
        return SKIP
    if not isinstance(node, Mapping):
        return ctx.report("FL105", f"'{name}' must be a mapping {shape}, not {_describe(node)}", node)
    return fields(node, ctx, table, f"'{name}'")


def question_ref(node: Node, ctx: Context, name: str) -> Any:
    """An assessment's question: {subject, property, qualifiers}."""
    parsed = _inner(node, ctx, name, QUESTION_FIELDS, "{subject: SLUG, property: SLUG}")
    if parsed is SKIP or "subject" not in parsed or "property" not in parsed:
        return SKIP
    return QuestionKey.of(parsed["subject"], parsed["property"], parsed.get("qualifiers"))


CLAIM_FIELDS = {
    "id": FieldSpec(claim_id, True, "unique; lowercase letters, digits, '.', '_', '-'"),
    "statement": FieldSpec(text, True),
    "subject": FieldSpec(slug),
    "property": FieldSpec(slug),
    "value": FieldSpec(value),
    "date": FieldSpec(date_or_range),
    "status": FieldSpec(choice(STATUSES)),
    "sources": FieldSpec(nonempty_list_of(citation), True),
    "supports": FieldSpec(list_of(claim_ref)),
    "disputes": FieldSpec(list_of(claim_ref)),
    "supersedes": FieldSpec(list_of(claim_ref)),
    "tags": FieldSpec(list_of(slug)),
    "notes": FieldSpec(text),
    "qualifiers": FieldSpec(qualifiers, help="what keeps two measures of one property apart, e.g. {location: kursk}"),
}

QUESTION_FIELDS = {
    "subject": FieldSpec(slug, True),
    "property": FieldSpec(slug, True),
    "qualifiers": FieldSpec(qualifiers),
}

# An entry of the top-level 'questions' section: what the keeper declares about one question.
QUESTION_RULE_FIELDS = {
    "subject": FieldSpec(slug, help="the question's subject; left out: this property of every subject"),
    "property": FieldSpec(slug, True, "the question's property"),
    "qualifiers": FieldSpec(qualifiers, help="the question's qualifiers, exactly as its claims give them"),
    "cumulative": FieldSpec(boolean, help="a running total (a death toll): it never falls, and a later figure at or "
                                          "above an earlier one is never a conflict"),
}

ASSESSMENT_FIELDS = {
    "id": FieldSpec(claim_id, True, "unique among assessments; lowercase letters, digits, '.', '_', '-'"),
    "claims": FieldSpec(list_of(claim_ref), help="the two or more claims judged (or give 'question')"),
    "question": FieldSpec(question_ref, help="the question judged: {subject, property, qualifiers}"),
    "verdict": FieldSpec(choice(ASSESSMENT_VERDICTS), True, "what the keeper judges of the disagreement"),
    "wrong": FieldSpec(claim_ref, help="with verdict one-is-wrong: the claim judged wrong"),
    "note": FieldSpec(text),
    "by": FieldSpec(text, help="who made the judgement"),
    "date": FieldSpec(single_date, help="when the judgement was made"),
}

def rating(node: Node, ctx: Context, name: str) -> Any:
    """A review's rating as published: {label, value, best, worst, scale}."""
    parsed = _inner(node, ctx, name, RATING_FIELDS, "such as {label: False, value: 1, best: 5, worst: 1}")
    if parsed is SKIP:
        return SKIP
    return Rating(parsed.get("label"), parsed.get("value"), parsed.get("best"), parsed.get("worst"),
                  parsed.get("scale"))


RATING_FIELDS = {
    "label": FieldSpec(text, help="the rating's words, as published (alternateName)"),
    "value": FieldSpec(_number, help="the rating's number (ratingValue)"),
    "best": FieldSpec(_number, help="the best rating on its scale (bestRating)"),
    "worst": FieldSpec(_number, help="the worst rating on its scale (worstRating)"),
    "scale": FieldSpec(slug, help="the known rating scale the label was read on (docs/ratings.md)"),
}

REVIEW_FIELDS = {
    "id": FieldSpec(claim_id, True, "unique among reviews; lowercase letters, digits, '.', '_', '-'"),
    "claim": FieldSpec(claim_ref, True, "the claim reviewed"),
    "by": FieldSpec(source_ref, True, "the organisation that published the review"),
    "verdict": FieldSpec(choice(STATUSES), True, "what the rating means, as a claim status"),
    "rating": FieldSpec(rating, help="the rating as published: {label, value, best, worst, scale}"),
    "url": FieldSpec(web_address, help="where the review is published: an absolute http(s) address"),
    "date": FieldSpec(single_date, help="when the review was published"),
    "headline": FieldSpec(text),
    "author": FieldSpec(text, help="who wrote the review, where named apart from the organisation"),
    "language": FieldSpec(text, help="the review's language (a BCP 47 tag such as en or pt-BR)"),
    "licence": FieldSpec(text, help="the licence of the review's data (sdLicense), e.g. a Creative Commons URL"),
    "appearances": FieldSpec(list_of(document_ref), help="documents where the reviewer says the claim appeared"),
    "body": FieldSpec(text, help="the review's own text, as published (reviewBody)"),
    "notes": FieldSpec(text),
}

# What the compound parsers accept, as JSON Schema; a table's shape is made from the table itself
# (factledger.schema.jsonschema), so the schema and the loader can never disagree on a field.
_QUANTITY = {"type": "object", "table": "VALUE_FIELDS",
             "oneOf": [*({"required": [k]} for k in QUANTITY_KINDS), {"required": ["low", "high"]}]}
shaped(value_number, {"type": "number"})
shaped(date_or_range, {"oneOf": [shape_of(partial_date), {"type": "object", "table": "RANGE_FIELDS",
                                                          "minProperties": 1}]})
shaped(value, {"oneOf": [{"type": ["number", "string", "boolean", "null"]}, _QUANTITY]})
shaped(citation, {"type": "object", "table": "CITATION_FIELDS"})
shaped(qualifiers, {"type": ["object", "null"], "propertyNames": shape_of(slug),
                    "additionalProperties": {"type": ["string", "number", "boolean"]}})
shaped(question_ref, {"type": "object", "table": "QUESTION_FIELDS"})
shaped(rating, {"type": "object", "table": "RATING_FIELDS"})

SCHEMA = {"sources": SOURCE_FIELDS, "documents": DOCUMENT_FIELDS, "claims": CLAIM_FIELDS,
          "assessments": ASSESSMENT_FIELDS, "reviews": REVIEW_FIELDS, "questions": QUESTION_RULE_FIELDS,
          "scales": SCALE_FIELDS}


