"""Parsers of YAML nodes into model values: one function per kind of field, each turning one node
into a value or reporting why it cannot and returning :data:`SKIP`; and :func:`fields`, which
parses a mapping against a table of field specs. The tables themselves are in
:mod:`factledger.schema.tables`. Everything found is collected: one bad field never hides the next.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from factledger.model import countries
from factledger.model.entries import DateError, DateSpan, PartialDate, Ref
from factledger.model.numbers import number_problem
from factledger.model.urls import url_problem
from factledger.model.vocabulary import CREDIBILITY
from factledger.parse.nodes import Invalid, Mapping, Node, Scalar, Sequence
from factledger.problems.diagnostics import Diagnostic, Location, make
from factledger.text.escapes import clip, find_control_character, find_invisible_character
from factledger.text.suggest import Suggester

SKIP: Any = object()  # "already reported": the field is treated as absent, without a second diagnostic

# Matched with fullmatch: the whole text, so "c1\n" is never the id "c1" ('$' matches before a
# final newline). Ids are what references and the command line use, so they are kept short too.
SOURCE_ID = re.compile(r"[A-Za-z0-9._-]+")
CLAIM_ID = re.compile(r"[a-z0-9._-]+")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID_LENGTH = 200
NUMERIC_TEXT = re.compile(r"\s*[-+]?[0-9.,_ ]*[0-9][0-9.,_ ]*\s*")

_BOOLEANS = frozenset({"true", "True", "TRUE", "false", "False", "FALSE"})


@dataclass
class Context:
    """Where diagnostics go while building one file."""

    file: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # False when the whole file has no control character, so no field needs checking.
    check_controls: bool = True

    def at(self, node: Node | Scalar) -> Location:
        return Location(self.file, node.line, node.column)

    def report(self, code: str, message: str, node: Node | Scalar, suggestion: str | None = None) -> Any:
        self.diagnostics.append(make(code, message, self.at(node), suggestion))
        return SKIP


Parser = Callable[[Node, Context, str], Any]

_DATE_PATTERN = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"


# What each parser accepts and, for a reference, the kind of entry it names: said by shaped, read by
# shape_of and refers_of (for the schema generated from the field tables).
_SHAPES: dict[Parser, tuple[dict[str, Any], str | None]] = {}


def shaped(parser: Parser, shape: dict[str, Any], refers: str | None = None) -> Parser:
    """Say what JSON a parser accepts (a JSON Schema fragment), for the schema generated from the field
    tables (factledger.schema.jsonschema); ``refers``: the kind of entry a reference names."""
    _SHAPES[parser] = (shape, refers)
    return parser


def shape_of(parser: Parser) -> dict[str, Any] | None:
    """What :func:`shaped` said ``parser`` accepts (None: nothing was said)."""
    said = _SHAPES.get(parser)
    return said[0] if said is not None else None


def refers_of(parser: Parser) -> str | None:
    """The kind of entry a reference parser names (None: not a reference)."""
    said = _SHAPES.get(parser)
    return said[1] if said is not None else None


def _describe(node: Node) -> str:
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    if isinstance(node, Scalar):
        value = node.value
        if isinstance(value, bool):
            return f"the boolean {node.raw}"
        if isinstance(value, (int, float)):
            return f"the number {clip(node.raw)}"
        if value is None:
            return "nothing"
        return f"the text '{clip(node.raw)}'"
    return "a refused value"


def _scalar(node: Node, ctx: Context, name: str, expected: str = "a text") -> Scalar | Any:
    if isinstance(node, Invalid):
        return SKIP
    if not isinstance(node, Scalar):
        return ctx.report("FL105", f"'{name}' must be {expected}, not {_describe(node)}", node)
    return node


# ----------------------------------------------------------------------------- scalar parsers

def text(node: Node, ctx: Context, name: str) -> Any:
    """Any scalar, as written: a plain `1.10` stays '1.10' and `NO` stays 'NO'. Null is absent."""
    scalar = _scalar(node, ctx, name)
    if scalar is SKIP:
        return SKIP
    if scalar.is_null:
        return None
    if scalar.plain and scalar.raw in _BOOLEANS:
        # Numbers are kept as written ('name: 1984'), but a bare true/false is almost always a slip.
        return ctx.report("FL105", f"'{name}' must be a text, not the boolean {scalar.raw} "
                                   f"(quote it if you mean the word: \"{scalar.raw}\")", node)
    raw = scalar.raw
    if not raw.strip():
        return ctx.report("FL117", f"'{name}' is empty", node)
    if ctx.check_controls:
        bad = find_control_character(raw)
        if bad is not None:
            ctx.report("FL116", f"'{name}' contains the control character {bad}", node)
        hidden = find_invisible_character(raw)
        if hidden is not None:
            ctx.report("FL118", f"'{name}' contains the invisible character {hidden} "
                                f"({_character_name(hidden)}), which no reader sees", node)
    return raw


def _character_name(escaped: str) -> str:
    char = chr(int(escaped[2:], 16))
    if 0xE0000 <= ord(char) <= 0xE007F:
        return "a Unicode tag character"
    return unicodedata.name(char, "unnamed").lower()


def on_text(check: Callable[[str, Node, Context, str], Any]) -> Parser:
    """A parser of a text field: ``check`` is given the field's text; an absent or refused field
    never reaches it (nothing to check, or already reported)."""
    @functools.wraps(check)
    def parse(node: Node, ctx: Context, name: str) -> Any:
        value = text(node, ctx, name)
        if value is SKIP or value is None:
            return value
        return check(value, node, ctx, name)
    return parse


def _matching(pattern: re.Pattern[str], rule: str) -> Parser:
    @on_text
    def parse(value: str, node: Node, ctx: Context, name: str) -> Any:
        if not pattern.fullmatch(value):
            return ctx.report("FL107", f"'{name}' '{clip(value)}' is malformed: {rule}", node)
        if len(value) > MAX_ID_LENGTH:
            return ctx.report("FL107", f"'{name}' '{clip(value)}' is too long ({len(value):,} characters; "
                                       f"an id has at most {MAX_ID_LENGTH})", node)
        return value
    return parse


source_id = shaped(_matching(SOURCE_ID, "use letters, digits, '.', '_' and '-' only"),
                   {"type": "string", "pattern": "^[A-Za-z0-9._-]+$", "maxLength": MAX_ID_LENGTH})
claim_id = shaped(_matching(CLAIM_ID, "use lowercase letters, digits, '.', '_' and '-' only"),
                  {"type": "string", "pattern": "^[a-z0-9._-]+$", "maxLength": MAX_ID_LENGTH})


@on_text
def slug(value: str, node: Node, ctx: Context, name: str) -> Any:
    if not SLUG.fullmatch(value):
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
        hint = (f" (did you mean '{suggestion}'?)"
                if suggestion and SLUG.fullmatch(suggestion) and len(suggestion) <= MAX_ID_LENGTH else "")
        return ctx.report(
            "FL114", f"'{name}' '{clip(value)}' is not a slug: use lowercase letters, digits and single hyphens{hint}",
            node, suggestion if hint else None)
    if len(value) > MAX_ID_LENGTH:
        return ctx.report("FL114", f"'{name}' '{clip(value)}' is too long ({len(value):,} characters; a slug has "
                                   f"at most {MAX_ID_LENGTH})", node)
    return value


def choice(options: tuple[Any, ...]) -> Parser:
    @on_text
    def parse(value: str, node: Node, ctx: Context, name: str) -> Any:
        allowed = [str(o) for o in options]
        if value not in allowed:
            suggestion = Suggester(allowed, casefold=True).closest(value)
            hint = f" (did you mean '{suggestion}'?)" if suggestion is not None else ""
            return ctx.report(
                "FL106", f"'{name}' must be one of {', '.join(allowed)}; got '{clip(value)}'{hint}", node, suggestion)
        return options[allowed.index(value)]
    return shaped(parse, {"enum": [str(o) for o in options]})


@on_text
def country(value: str, node: Node, ctx: Context, name: str) -> Any:
    if value not in countries.ALPHA2:
        suggestion = countries.suggest(value)
        hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
        return ctx.report("FL113", f"'{name}' '{clip(value)}' is not an ISO 3166-1 alpha-2 country code{hint}", node,
                          suggestion)
    return value


@on_text
def partial_date(value: str, node: Node, ctx: Context, name: str) -> Any:
    try:
        return PartialDate.parse(value)
    except DateError as exc:
        return ctx.report("FL109" if exc.impossible else "FL108", f"'{name}' {exc}", node)


def single_date(node: Node, ctx: Context, name: str) -> Any:
    if isinstance(node, Mapping):
        return ctx.report("FL105", f"'{name}' must be a single date (YYYY, YYYY-MM or YYYY-MM-DD), not a range", node)
    date = partial_date(node, ctx, name)
    return date if date is SKIP or date is None else DateSpan.single(date)


def _number(node: Node, ctx: Context, name: str) -> Any:
    scalar = _scalar(node, ctx, name, "a number")
    if scalar is SKIP:
        return SKIP
    value = scalar.value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not scalar.plain:
        hint = ""
        if isinstance(value, str) and NUMERIC_TEXT.fullmatch(value):
            hint = f" (write it without separators or quotes, e.g. {clip(re.sub(r'[^0-9.+-]', '', value))})"
        return ctx.report("FL110", f"'{name}' must be a number, not {_describe(node)}{hint}", node)
    problem = number_problem(value, scalar.raw)
    if problem is not None:
        return ctx.report("FL110", f"'{name}' {clip(scalar.raw, 40)} {problem}", node)
    return value


@on_text
def web_address(value: str, node: Node, ctx: Context, name: str) -> Any:
    """An absolute http(s) address (the one policy: factledger.model.urls), as written."""
    problem = url_problem(value)
    if problem is None:
        return value
    why, guess = problem
    hint = f" (did you mean '{clip(guess)}'?)" if guess else ""
    return ctx.report("FL123", f"'{name}' '{clip(value)}' {why}{hint}", node, guess)


def boolean(node: Node, ctx: Context, name: str) -> Any:
    """true or false, written plainly (YAML 1.2: 'yes' and 'on' are text)."""
    scalar = _scalar(node, ctx, name, "true or false")
    if scalar is SKIP or scalar.is_null:
        return SKIP if scalar is SKIP else None
    if not isinstance(scalar.value, bool) or not scalar.plain:
        return ctx.report("FL105", f"'{name}' must be true or false, not {_describe(node)}", node)
    return scalar.value


@on_text
def credibility(value: str, node: Node, ctx: Context, name: str) -> Any:
    if value not in {str(c) for c in CREDIBILITY}:
        return ctx.report("FL106", f"'{name}' must be an Admiralty credibility grade 1 to 6; got '{clip(value)}'", node)
    return int(value)


# What each scalar parser accepts, as JSON Schema (a year alone, or a plain number, is read as YAML's
# integer; the parsers take it as the text it was written as).
shaped(text, {"type": ["string", "number"], "minLength": 1})
shaped(slug, {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": MAX_ID_LENGTH})
shaped(country, {"enum": sorted(countries.ALPHA2)})
_DATE = {"type": ["string", "integer"], "pattern": _DATE_PATTERN, "minimum": 1, "maximum": 9999}
shaped(partial_date, _DATE)
shaped(single_date, _DATE)
shaped(_number, {"type": "number"})
shaped(web_address, {"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s]+$"})
shaped(boolean, {"type": ["boolean", "null"]})
shaped(credibility, {"enum": [*CREDIBILITY, *(str(c) for c in CREDIBILITY)]})


# ----------------------------------------------------------------------------- lists and references

def list_of(item: Parser) -> Parser:
    @functools.partial(shaped, shape={"type": ["array", "null"], "items": item})
    def parse(node: Node, ctx: Context, name: str) -> Any:
        if isinstance(node, Invalid):
            return SKIP
        if isinstance(node, Scalar) and node.is_null:
            return []
        if not isinstance(node, Sequence):
            hint = ""
            if isinstance(node, Scalar):
                hint = f" (write '- source: {clip(node.raw)}')" if name == "sources" else f" (write [{clip(node.raw)}])"
            return ctx.report("FL105", f"'{name}' must be a list, not {_describe(node)}{hint}", node)
        parsed = (item(element, ctx, name) for element in node.items)
        return [p for p in parsed if p is not SKIP and p is not None]
    return parse


def pairs(node: Node, ctx: Context, name: str, such_as: str, null_is_empty: bool = False) -> Any:
    """The (key, value) nodes of a mapping field, or SKIP with FL105 saying it must be a mapping ``such_as``
    ("{location: kursk}"); a null is no pairs when ``null_is_empty``."""
    if isinstance(node, Invalid):
        return SKIP
    if null_is_empty and isinstance(node, Scalar) and node.is_null:
        return []
    if not isinstance(node, Mapping):
        return ctx.report("FL105", f"'{name}' must be a mapping of {such_as}, not {_describe(node)}", node)
    return list(node.items.values())


def reference(id_parser: Parser, refers: str) -> Parser:
    def parse(node: Node, ctx: Context, name: str) -> Any:
        found = id_parser(node, ctx, name)
        if found is SKIP or found is None:
            return found
        return Ref(found, ctx.at(node))
    return shaped(parse, _SHAPES[id_parser][0], refers)


source_ref = reference(source_id, "source")
document_ref = reference(source_id, "document")
claim_ref = reference(claim_id, "claim")


@dataclass(frozen=True)
class FieldSpec:
    parse: Parser
    required: bool = False
    help: str = ""


def fields(node: Mapping, ctx: Context, spec: dict[str, FieldSpec], what: str) -> Any:
    """Parse a mapping against ``spec``; report unknown and missing fields. Returns name → value."""
    parsed: dict[str, Any] = {"__locations__": {}}
    misspelt: set[str] = set()  # required fields an unknown field was suggested as: one typo, one diagnostic
    for name, (key_node, value_node) in node.items.items():
        key = key_node.raw  # the name is the key as YAML reads it; messages show it as written
        field_spec = spec.get(name)
        if field_spec is None:
            hint, suggestion = _did_you_mean(key, spec)
            if key.isdigit() and "approx" in spec:
                hint, suggestion = (f" (a thousands separator? inside {{…}}, 'x,{clip(key)}' reads as x and a key "
                                    f"'{clip(key)}': write the number without commas, e.g. 1500)"), None
            ctx.report("FL103", f"unknown field '{clip(key)}' in {what}{hint}", key_node, suggestion)
            misspelt.update(k for k in spec if hint == f" (did you mean '{k}'?)")
            continue
        parsed["__locations__"][key] = ctx.at(value_node)
        result = field_spec.parse(value_node, ctx, key)
        if result is not SKIP and result is not None:
            parsed[key] = result
        elif result is SKIP:
            parsed.setdefault("__skipped__", set()).add(key)
    for key, field_spec in spec.items():
        if field_spec.required and key not in node.items and key not in misspelt:
            ctx.report("FL104", f"{what} is missing the required field '{key}'", node)
        elif (field_spec.required and key in node.items and key not in parsed
              and key not in parsed.get("__skipped__", ())):
            ctx.report("FL117", f"{what} has an empty required field '{key}'", node.items[key][1])
    return parsed


# Where a field is known under another entry kind, say where it belongs.
_ELSEWHERE = {
    "quote": "a citation under 'sources'",
    "document": "a citation under 'sources'",
    "via": "a citation under 'sources'",
    "credibility": "a citation under 'sources'",
    "source": "a citation: write 'sources: [{source: ...}]'",
}


def _did_you_mean(key: str, spec: dict[str, FieldSpec]) -> tuple[str, str | None]:
    """The hint for an unknown field, and the field it suggests (None: no one field)."""
    if key in _ELSEWHERE and "statement" in spec:
        return f" (it belongs in {_ELSEWHERE[key]})", None
    wanted = key.replace("-", "_")
    found = Suggester(spec, casefold=True).closest(wanted)
    if found is not None and found != wanted:
        return f" (did you mean '{found}'?)", found
    return f"; known fields: {', '.join(spec)}", None


def nonempty_list_of(item: Parser) -> Parser:
    inner = list_of(item)

    def parse(node: Node, ctx: Context, name: str) -> Any:
        result = inner(node, ctx, name)
        if result == [] and not (isinstance(node, Sequence) and node.items):
            return ctx.report("FL112", f"'{name}' needs at least one entry", node)
        return result
    return shaped(parse, {"type": "array", "minItems": 1, "items": item})


