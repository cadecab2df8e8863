"""YAML nodes → model objects, checking each entry's shape against the schema.

The schema is data (:data:`SCHEMA`): for each kind of entry, its fields, which
are required, and the parser for each. A parser turns one node into a model
value or reports why it cannot and returns :data:`SKIP`. Everything found is
collected: one bad field never hides the next, one bad entry never hides the
entries after it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable

from factledger import countries
from factledger.diagnostics import Diagnostic, Location, make
from factledger.loader import Invalid, LoadedFile, Mapping, Node, Scalar, Sequence
from factledger.model import Citation, Claim, DateError, DateSpan, Document, Ledger, PartialDate, Ref, Source, Value
from factledger.vocabulary import CREDIBILITY, QUANTITY_KINDS, RELIABILITY, SOURCE_KINDS, STATUSES
from factledger.numbers import number_problem
from factledger.suggest import did_you_mean
from factledger.escapes import clip, find_control_character, find_invisible_character

SKIP: Any = object()  # "already reported": the field is treated as absent, without a second diagnostic

# Matched with fullmatch: the whole text, so "c1\n" is never the id "c1" ('$' matches before a
# final newline). Ids are what references and the command line use, so they are kept short too.
SOURCE_ID = re.compile(r"[A-Za-z0-9._-]+")
CLAIM_ID = re.compile(r"[a-z0-9._-]+")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID_LENGTH = 200
NUMERIC_TEXT = re.compile(r"\s*[-+]?[0-9.,_ ]*[0-9][0-9.,_ ]*\s*")

SECTIONS = ("sources", "documents", "claims")
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

    def report(self, code: str, message: str, node: Node | Scalar) -> Any:
        self.diagnostics.append(make(code, message, self.at(node)))
        return SKIP


Parser = Callable[[Node, Context, str], Any]


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
    return unicodedata.name(char, "unnamed").lower() if not 0xE0000 <= ord(char) <= 0xE007F else "a Unicode tag character"


def _matching(pattern: re.Pattern[str], rule: str) -> Parser:
    def parse(node: Node, ctx: Context, name: str) -> Any:
        value = text(node, ctx, name)
        if value is SKIP or value is None:
            return value
        if not pattern.fullmatch(value):
            return ctx.report("FL107", f"'{name}' '{clip(value)}' is malformed: {rule}", node)
        if len(value) > MAX_ID_LENGTH:
            return ctx.report("FL107", f"'{name}' '{clip(value)}' is too long ({len(value):,} characters; "
                                       f"an id has at most {MAX_ID_LENGTH})", node)
        return value
    return parse


source_id = _matching(SOURCE_ID, "use letters, digits, '.', '_' and '-' only")
claim_id = _matching(CLAIM_ID, "use lowercase letters, digits, '.', '_' and '-' only")


def slug(node: Node, ctx: Context, name: str) -> Any:
    value = text(node, ctx, name)
    if value is SKIP or value is None:
        return value
    if not SLUG.fullmatch(value):
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
        hint = (f" (did you mean '{suggestion}'?)"
                if suggestion and SLUG.fullmatch(suggestion) and len(suggestion) <= MAX_ID_LENGTH else "")
        return ctx.report(
            "FL114", f"'{name}' '{clip(value)}' is not a slug: use lowercase letters, digits and single hyphens{hint}",
            node)
    if len(value) > MAX_ID_LENGTH:
        return ctx.report("FL114", f"'{name}' '{clip(value)}' is too long ({len(value):,} characters; a slug has "
                                   f"at most {MAX_ID_LENGTH})", node)
    return value


def choice(options: tuple[Any, ...]) -> Parser:
    def parse(node: Node, ctx: Context, name: str) -> Any:
        value = text(node, ctx, name)
        if value is SKIP or value is None:
            return value
        allowed = [str(o) for o in options]
        if value not in allowed:
            hint = did_you_mean(value, allowed, casefold=True)
            return ctx.report(
                "FL106", f"'{name}' must be one of {', '.join(allowed)}; got '{clip(value)}'{hint}", node)
        return options[allowed.index(value)]
    return parse


def country(node: Node, ctx: Context, name: str) -> Any:
    value = text(node, ctx, name)
    if value is SKIP or value is None:
        return value
    if value not in countries.ALPHA2:
        suggestion = countries.suggest(value)
        hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
        return ctx.report("FL113", f"'{name}' '{clip(value)}' is not an ISO 3166-1 alpha-2 country code{hint}", node)
    return value


def partial_date(node: Node, ctx: Context, name: str) -> Any:
    value = text(node, ctx, name)
    if value is SKIP or value is None:
        return value
    try:
        return PartialDate.parse(value)
    except DateError as exc:
        return ctx.report("FL109" if exc.impossible else "FL108", f"'{name}' {exc}", node)


def single_date(node: Node, ctx: Context, name: str) -> Any:
    if isinstance(node, Mapping):
        return ctx.report("FL105", f"'{name}' must be a single date (YYYY, YYYY-MM or YYYY-MM-DD), not a range", node)
    date = partial_date(node, ctx, name)
    return date if date is SKIP or date is None else DateSpan.single(date)


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


def value(node: Node, ctx: Context, name: str) -> Any:
    """A number (exact), a text or a boolean, or a quantity mapping with one hedge and an optional unit."""
    if isinstance(node, Invalid):
        return SKIP
    if isinstance(node, Sequence):
        return ctx.report("FL110", "'value' must be a number, a text, true/false or a quantity mapping, not a list", node)
    if isinstance(node, Scalar):
        raw = node.value
        if raw is None and node.plain:
            return None
        if isinstance(raw, bool):
            return Value("boolean", flag=raw)
        if isinstance(raw, (int, float)):
            number = _number(node, ctx, name)
            return number if number is SKIP else Value("exact", number=number)
        shown = text(node, ctx, name)
        if shown is SKIP or shown is None:
            return shown
        if NUMERIC_TEXT.fullmatch(shown):
            ctx.report(
                "FL115",
                f"value '{clip(shown)}' is text, so it will not be compared as a number; write it as a plain "
                f"number or a quantity such as {{approx: {clip(re.sub(r'[^0-9.+-]', '', shown))}}}",
                node)
        return Value("text", text=shown)
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
    if "low" in bounds or "high" in bounds:
        if len(bounds) == 1:
            other = "high" if bounds[0] == "low" else "low"
            return ctx.report("FL110", f"'{bounds[0]}' needs '{other}' beside it (or use at_least/at_most)", node)
    return ctx.report(
        "FL110", f"a quantity takes exactly one of its hedges, found {', '.join(bounds)}", node)


def credibility(node: Node, ctx: Context, name: str) -> Any:
    value = text(node, ctx, name)
    if value is SKIP or value is None:
        return value
    if value not in {str(c) for c in CREDIBILITY}:
        return ctx.report("FL106", f"'{name}' must be an Admiralty credibility grade 1 to 6; got '{clip(value)}'", node)
    return int(value)


# ----------------------------------------------------------------------------- lists and references

def list_of(item: Parser) -> Parser:
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


def reference(id_parser: Parser) -> Parser:
    def parse(node: Node, ctx: Context, name: str) -> Any:
        found = id_parser(node, ctx, name)
        if found is SKIP or found is None:
            return found
        return Ref(found, ctx.at(node))
    return parse


source_ref = reference(source_id)
document_ref = reference(source_id)
claim_ref = reference(claim_id)


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
            hint = _did_you_mean(key, spec)
            if key.isdigit() and "approx" in spec:
                hint = (f" (a thousands separator? inside {{…}}, 'x,{clip(key)}' reads as x and a key '{clip(key)}': "
                        "write the number without commas, e.g. 1500)")
            ctx.report("FL103", f"unknown field '{clip(key)}' in {what}{hint}", key_node)
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


def _did_you_mean(key: str, spec: dict[str, FieldSpec]) -> str:
    if key in _ELSEWHERE and "statement" in spec:
        return f" (it belongs in {_ELSEWHERE[key]})"
    hint = did_you_mean(key.replace("-", "_"), spec, casefold=True)
    if hint:
        return hint
    return f"; known fields: {', '.join(spec)}"


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


def nonempty_list_of(item: Parser) -> Parser:
    inner = list_of(item)

    def parse(node: Node, ctx: Context, name: str) -> Any:
        result = inner(node, ctx, name)
        if result == [] and not (isinstance(node, Sequence) and node.items):
            return ctx.report("FL112", f"'{name}' needs at least one entry", node)
        return result
    return parse


RANGE_FIELDS = {
    "from": FieldSpec(partial_date, help="first day, month or year covered"),
    "to": FieldSpec(partial_date, help="last day, month or year covered"),
}

VALUE_FIELDS = {
    **{kind: FieldSpec(_number) for kind in QUANTITY_KINDS},
    "low": FieldSpec(_number),
    "high": FieldSpec(_number),
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
    "url": FieldSpec(text),
    "notes": FieldSpec(text),
}

DOCUMENT_FIELDS = {
    "id": FieldSpec(source_id, True),
    "title": FieldSpec(text, True),
    "publisher": FieldSpec(source_ref, help="source id"),
    "url": FieldSpec(text),
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
    "url": FieldSpec(text),
    "credibility": FieldSpec(credibility, help="Admiralty information credibility 1-6"),
}

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
}

SCHEMA = {"sources": SOURCE_FIELDS, "documents": DOCUMENT_FIELDS, "claims": CLAIM_FIELDS}


# ----------------------------------------------------------------------------- entries

def _label(kind: str, parsed: dict[str, Any], index: int) -> str:
    singular = kind[:-1]
    return f"{singular} '{parsed['id']}'" if "id" in parsed else f"{singular} #{index + 1}"


def _source(parsed: dict[str, Any], loc: Location) -> Source:
    return Source(
        id=parsed["id"], name=parsed.get("name", ""), kind=parsed.get("kind", ""), location=loc,
        country=parsed.get("country"), reliability=parsed.get("reliability"), part_of=parsed.get("part_of"),
        depends_on=parsed.get("depends_on", []), url=parsed.get("url"), notes=parsed.get("notes"),
        field_locations=parsed["__locations__"])


def _document(parsed: dict[str, Any], loc: Location) -> Document:
    return Document(
        id=parsed["id"], title=parsed.get("title", ""), location=loc, publisher=parsed.get("publisher"),
        url=parsed.get("url"), published=parsed.get("published"), retrieved=parsed.get("retrieved"),
        notes=parsed.get("notes"), file=parsed.get("file"), field_locations=parsed["__locations__"])


def _claim(parsed: dict[str, Any], loc: Location) -> Claim:
    return Claim(
        id=parsed["id"], statement=parsed.get("statement", ""), location=loc,
        subject=parsed.get("subject"), property=parsed.get("property"), value=parsed.get("value"),
        date=parsed.get("date"), status=parsed.get("status", "reported"),
        citations=parsed.get("sources", []), supports=parsed.get("supports", []),
        disputes=parsed.get("disputes", []), supersedes=parsed.get("supersedes", []),
        tags=parsed.get("tags", []), notes=parsed.get("notes"), field_locations=parsed["__locations__"])


_CONSTRUCTORS: dict[str, Callable[[dict[str, Any], Location], Any]] = {
    "sources": _source, "documents": _document, "claims": _claim,
}


class FileBuilder:
    """Builds one file's entries, one at a time, as the loader hands them over (its sink), and
    keeps them apart until the file is known to have parsed: a file that does not parse
    contributes nothing, as before streaming.

    An entry is kept whenever its id could be read, even if other fields are bad, so that
    reading commands can still show it (the ledger as a whole is reported invalid).
    """

    def __init__(self, loaded: LoadedFile) -> None:
        self.loaded = loaded
        self.ctx = Context(loaded.display)
        self.entries: dict[str, list[Any]] = {key: [] for key in SCHEMA}

    def entry(self, section: Scalar, index: int, entry: Node) -> None:
        """The loader's sink: build one entry of a top-level list (unknown sections are reported later)."""
        key = section.raw
        if key not in SCHEMA:
            return
        ctx = self.ctx
        # Known once the file is decoded, which is before the first entry arrives.
        ctx.check_controls = self.loaded.has_control_characters
        if isinstance(entry, Invalid):
            return
        if not isinstance(entry, Mapping):
            ctx.report("FL105", f"each entry in '{key}' must be a mapping of fields, not {_describe(entry)}", entry)
            return
        label_ctx = Context(ctx.file, check_controls=ctx.check_controls)
        parsed = fields(entry, label_ctx, SCHEMA[key], key[:-1])
        # Re-word "source is missing..." as "source 'NIS' is missing..." now that the id is known.
        label = _label(key, parsed, index)
        for d in label_ctx.diagnostics:
            if d.code in ("FL104", "FL117") and d.message.startswith(key[:-1] + " "):
                d = make(d.code, label + d.message[len(key[:-1]):], d.location)
            ctx.diagnostics.append(d)
        if "id" in parsed:
            self.entries[key].append(_CONSTRUCTORS[key](parsed, ctx.at(entry)))

    def finish(self, ledger: Ledger) -> list[Diagnostic]:
        """Check the file's top level; add its entries to ``ledger`` if it parsed. Returns the diagnostics."""
        ctx = self.ctx
        loaded = self.loaded
        ctx.check_controls = loaded.has_control_characters
        root = loaded.root
        if not loaded.parsed:
            return []  # unreadable or unparseable: the loader said why, and nothing from it is kept
        if root is None:
            return [make("FL007", "the file holds no entries", Location(loaded.display, 1, 1))]
        if isinstance(root, Invalid):
            return ctx.diagnostics
        if isinstance(root, Scalar) and root.is_null:
            return [make("FL007", "the file holds no entries", ctx.at(root))]
        if not isinstance(root, Mapping):
            ctx.report(
                "FL101",
                f"a ledger file must be a mapping with keys sources, documents, claims; this one is {_describe(root)}",
                root)
            return ctx.diagnostics
        if not root.items:
            ctx.diagnostics.append(make("FL007", "the file holds no entries", ctx.at(root)))
        for key_node, section in root.items.values():
            key = key_node.raw
            if key not in SCHEMA:
                hint = did_you_mean(key, SECTIONS, casefold=True) or f"; use {', '.join(SECTIONS)}"
                ctx.report("FL102", f"unknown top-level key '{clip(key)}'{hint}", key_node)
                continue
            if isinstance(section, Invalid) or (isinstance(section, Scalar) and section.is_null):
                continue
            if not isinstance(section, Sequence):
                ctx.report("FL105", f"'{key}' must be a list of entries (each starting with '- '), "
                                    f"not {_describe(section)}", section)
                continue
            if not section.streamed:
                for index, entry in enumerate(section.items):
                    self.entry(key_node, index, entry)
        for key, built in self.entries.items():
            getattr(ledger, key).extend(built)
        return ctx.diagnostics


def build_file(loaded: LoadedFile, ledger: Ledger) -> list[Diagnostic]:
    """Add the entries of an already composed file to ``ledger``; return the shape diagnostics.

    (:func:`factledger.pipeline` streams instead: it gives a :class:`FileBuilder`'s ``entry`` to the
    loader as its sink. Both build every entry the same way.)
    """
    return FileBuilder(loaded).finish(ledger)
