"""YAML nodes → model objects: each entry of a ledger file checked against the schema
(:mod:`factledger.schema.tables`) and built, one at a time, as the loader hands it over.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from factledger.model.entries import Assessment, Claim, Document, Ledger, Ref, Review, Source
from factledger.model.questions import QuestionRule, RatingScale
from factledger.model.suppressions import Suppression, parse_directive
from factledger.parse.nodes import Invalid, LoadedFile, Mapping, Node, Scalar, Sequence
from factledger.parse.spans import Comment
from factledger.problems.diagnostics import Diagnostic, Location, make
from factledger.schema.fields import Context, _describe, fields
from factledger.schema.tables import SCHEMA, SECTIONS
from factledger.text.escapes import clip
from factledger.text.suggest import did_you_mean

KEPT = (*SCHEMA, "suppressions")  # what a file gives the ledger: its entries by section, and its suppressions

# ----------------------------------------------------------------------------- entries

def _label(kind: str, parsed: dict[str, Any], index: int) -> str:
    singular = kind[:-1]
    return f"{singular} '{parsed['id']}'" if "id" in parsed else f"{singular} #{index + 1}"


# The field an entry is kept for, once it could be read (its id; a question has none, its property names it).
_KEY = {"questions": "property"}


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
        tags=parsed.get("tags", []), notes=parsed.get("notes"), field_locations=parsed["__locations__"],
        qualifiers=parsed.get("qualifiers", {}))


def _assessment(parsed: dict[str, Any], loc: Location) -> Assessment:
    return Assessment(
        id=parsed["id"], verdict=parsed.get("verdict", ""), location=loc, claims=parsed.get("claims", []),
        question=parsed.get("question"), wrong=parsed.get("wrong"), note=parsed.get("note"), by=parsed.get("by"),
        date=parsed.get("date"), field_locations=parsed["__locations__"])


def _review(parsed: dict[str, Any], loc: Location) -> Review:
    missing = Ref("", loc)  # a required reference that was not given (reported already)
    return Review(
        id=parsed["id"], claim=parsed.get("claim", missing), by=parsed.get("by", missing),
        verdict=parsed.get("verdict", "reported"), location=loc, rating=parsed.get("rating"), url=parsed.get("url"),
        date=parsed.get("date"), headline=parsed.get("headline"), author=parsed.get("author"),
        language=parsed.get("language"), licence=parsed.get("licence"), appearances=parsed.get("appearances", []),
        notes=parsed.get("notes"), body=parsed.get("body"), field_locations=parsed["__locations__"])


def _question(parsed: dict[str, Any], loc: Location) -> QuestionRule:
    return QuestionRule(
        property=parsed["property"], location=loc, subject=parsed.get("subject"),
        qualifiers=parsed.get("qualifiers", {}), cumulative=parsed.get("cumulative", False),
        field_locations=parsed["__locations__"])


def _scale(parsed: dict[str, Any], loc: Location) -> RatingScale:
    return RatingScale(
        id=parsed["id"], location=loc, labels=parsed.get("labels", {}), language=parsed.get("language"),
        publishers=parsed.get("publishers", []), notes=parsed.get("notes"), field_locations=parsed["__locations__"])


_CONSTRUCTORS: dict[str, Callable[[dict[str, Any], Location], Any]] = {
    "sources": _source, "documents": _document, "claims": _claim, "assessments": _assessment, "reviews": _review,
    "questions": _question, "scales": _scale,
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
        self.entries: dict[str, list[Any]] = {key: [] for key in KEPT}
        self.starts: list[tuple[int, int, str]] = []  # each entry's first line, its id's line, how messages name it

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
        id_key = entry.items.get("id")
        self.starts.append((entry.line, id_key[0].line if id_key is not None else entry.line, label))
        for d in label_ctx.diagnostics:
            if d.code in ("FL104", "FL117") and d.message.startswith(key[:-1] + " "):
                d = make(d.code, label + d.message[len(key[:-1]):], d.location)
            ctx.diagnostics.append(d)
        if _KEY.get(key, "id") in parsed:
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
                f"a ledger file must be a mapping with keys {', '.join(SECTIONS)}; this one is {_describe(root)}",
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
        if loaded.directives:
            self.entries["suppressions"] = suppressions(loaded.directives, self.starts, root, ctx.file)
        for key, built in self.entries.items():
            getattr(ledger, key).extend(built)
        return ctx.diagnostics


def suppressions(comments: list[Comment], starts: list[tuple[int, int, str]], root: Mapping,
                 file: str) -> list[Suppression]:
    """Each suppression comment, with the entry it speaks for: the entry whose first line (or ``id`` line) it
    ends, or that starts on the line after it. An entry's lines run to the line before the next entry or
    section."""
    bounds = sorted([*(line for line, _, _ in starts), *(key.line for key, _ in root.items.values())])
    by_line = {line: (line, label) for line, _, label in starts}
    by_id_line = {id_line: (line, label) for line, id_line, label in starts}
    found = []
    for comment in comments:
        codes = parse_directive(comment.text)
        if codes is None:
            continue
        entry = by_line.get(comment.line + 1) if comment.own_line else (
            by_line.get(comment.line) or by_id_line.get(comment.line))
        first, label = entry if entry is not None else (0, "")
        last = next((b - 1 for b in bounds if b > first), 1 << 30) if entry is not None else 0
        found.append(Suppression(codes, Location(file, comment.line, comment.column), comment.text, first, last,
                                 label))
    return found
