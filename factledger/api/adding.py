"""`factledger add`: new claims (and the new sources they cite) written into the ledger.

Every field is checked as it is given, so that bad input is a usage error naming the field, with a
suggestion, before anything is written: an unknown source (unless a new one is asked for, with its name
and kind), a quote that does not occur in the cited document, a value that does not read as a number, a
malformed date or slug, an id taken. A claim goes to the file given, else to the file already holding
its subject's claims, else to claims/SUBJECT.yaml; a new source to the file holding the ledger's
sources, else sources.yaml. What is written is then checked as every edit is (nothing that adds an
error), in the file's own style.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factledger.api.editing import reload, write
from factledger.api.results import Edited
from factledger.edit import engine
from factledger.edit.append import insertion, target_path
from factledger.edit.engine import TextEdit, Workspace
from factledger.load.result import LoadResult
from factledger.model.dates import DateError, PartialDate
from factledger.model.entries import Document, Ledger
from factledger.model.ids import confusable, fold
from factledger.model.numbers import dot_thousands, parse_quantity, reading_doubt, second_reading
from factledger.model.urls import web_url, with_scheme
from factledger.model.vocabulary import SOURCE_KINDS
from factledger.pipeline import load_ledger
from factledger.problems.diagnostics import Location
from factledger.problems.errors import UsageError
from factledger.schema.fields import CLAIM_ID, MAX_ID_LENGTH, SLUG, SOURCE_ID
from factledger.system import fs
from factledger.text.escapes import clip
from factledger.text.suggest import did_you_mean


@dataclass
class ClaimInput:
    """One claim as a person gives it, field by field (the command line's options, or the prompts)."""

    statement: str = ""
    source: str = ""
    quote: str | None = None
    value: str | None = None  # in words: "about 1,500 soldiers", "between 10,000 and 12,000", "true"
    date: str | None = None
    subject: str | None = None
    property: str | None = None
    tags: list[str] = field(default_factory=list)
    via: list[str] = field(default_factory=list)
    url: str | None = None
    document: str | None = None
    id: str | None = None
    file: str | None = None
    new_source: bool = False
    source_name: str | None = None
    source_kind: str | None = None
    new_document: bool = False
    document_title: str | None = None
    document_file: str | None = None  # the text copy, relative to the data directory


@dataclass
class Draft:
    """What will be written: each file's new entries by section, and what was checked on the way."""

    entries: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)
    said: list[str] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)  # claim ids given out in this run

    def put(self, file: str, section: str, entry: dict[str, Any]) -> None:
        self.entries.setdefault(file, {}).setdefault(section, []).append(entry)


def value_data(written: str) -> Any:
    """A value in words as the ledger writes it (1500, {approx: 1500, unit: soldiers}, true); a UsageError
    saying how to write it when it does not read as one."""
    text = written.strip()
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    if dot_thousands(text):
        raise UsageError(f"'{clip(text)}' reads two ways (a dot separating thousands, or decimals): write it without "
                         "the dot (1500) or as a decimal (1.5)", option="--value")
    read = parse_quantity(text) if len(text) <= 200 else None
    other = second_reading(text) if read is not None else None
    if read is not None and other is not None:
        low, high = (f"{n:,}" for n in (read[1]["low"], read[1]["high"]))
        raise UsageError(f"'{clip(text)}' reads two ways ({low} to {high}, or {other['low']:,} to {high}): write "
                         f"both figures in full, such as 'between {other['low']:,} and {high}'", option="--value")
    if read is None:
        raise UsageError(f"cannot read '{clip(text)}' as a value: write a number with a hedge and a unit, such as "
                         "'about 1,500 soldiers', 'more than 8 million shells', 'between 10,000 and 12,000', "
                         "or true/false", option="--value")
    kind, fields = read
    return fields["exact"] if kind == "exact" and "unit" not in fields else fields


def value_shown(data: Any) -> str:
    """A value as the ledger writes it, for a person to confirm."""
    from factledger.edit import scalars

    if isinstance(data, dict):
        return "{" + ", ".join(f"{k}: {scalars.value(v, flow=True)}" for k, v in data.items()) + "}"
    return scalars.value(data)


def slug_checked(value: str | None, option: str) -> str | None:
    if value is None or SLUG.fullmatch(value):
        return value
    import re

    better = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    hint = f" (did you mean '{better}'?)" if better and SLUG.fullmatch(better) else ""
    raise UsageError(f"'{clip(value)}' is not a slug: use lowercase letters, digits and single hyphens{hint}",
                     option=option)


def date_checked(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        PartialDate.parse(value)
    except DateError as exc:
        raise UsageError(str(exc), option="--date") from None
    return value.strip()


def source_checked(ledger: Ledger, source_id: str, option: str) -> str:
    """The source as its definition spells it; a UsageError with a suggestion when there is none."""
    found = ledger.source(source_id)
    if found is None:
        hint = did_you_mean(source_id, ledger.source_ids(), True)
        raise UsageError(f"no source '{clip(source_id)}' in the ledger{hint}"
                         + ("; give --new-source with --source-name and --source-kind to create it"
                            if option == "--source" else ""), option=option)
    return found.id


def quote_checked(data_dir: Path, document: Document, quote: str) -> str:
    """Where ``quote`` occurs in the document (a few words around it, for a person to see); a UsageError
    saying why not (or why the document cannot be read)."""
    from factledger.rules.documents import document_text
    from factledger.text.quotes import QuoteText, quote_place, quote_problem

    if document.file is None:
        raise UsageError(f"document '{clip(document.id)}' has no file to check the quote against", option="--quote")
    content, problem = document_text(data_dir, document, fs.max_file_size())
    if content is None:
        raise UsageError(f"cannot check the quote: {problem.message if problem else 'no text'}", option="--quote")
    text = QuoteText(content)
    place = quote_place(quote, text)
    if place is None:
        raise UsageError(f"the quote does not occur in document '{document.id}': {quote_problem(quote, text)}",
                         option="--quote")
    start, end = place
    before, after = content[max(0, start - 30):start], content[end:end + 30]
    return f"quote found in {document.file}: '…{clip(before, 40)}[{clip(content[start:end], 200)}]{clip(after, 40)}…'"


def proposed_id(ledger: Ledger, claim: ClaimInput, taken: set[str]) -> str:
    """An id from the claim's source, subject, property and date, unique, and unlike any id of any kind but in
    case (a claim never takes its source's id)."""
    from factledger.importers.ids import slug

    parts = [claim.source, claim.subject, claim.property, claim.date]
    base = slug("-".join(p for p in parts if p), limit=80) if any(parts[1:]) else slug(f"{claim.source}-claim")
    every = [s.id for s in ledger.sources] + [d.id for d in ledger.documents] + [c.id for c in ledger.claims] + [
        a.id for a in ledger.assessments] + [r.id for r in ledger.reviews]
    used = {confusable(i) for i in every} | {confusable(t) for t in taken}
    candidate, number = base, 1
    while confusable(candidate) in used:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def id_checked(ledger: Ledger, given: str, taken: set[str]) -> str:
    if not CLAIM_ID.fullmatch(given) or len(given) > MAX_ID_LENGTH:
        raise UsageError(f"'{clip(given)}' is not a claim id: use lowercase letters, digits, '.', '_' and '-' only",
                         option="--id")
    clash = next((c.id for c in ledger.claims if confusable(c.id) == confusable(given)), None)
    if clash is not None or given in taken:
        raise UsageError(f"a claim '{clash or given}' already exists; choose another id (or leave --id out for one "
                         "made from the source, subject, property and date)", option="--id")
    return given


def new_source(ledger: Ledger, claim: ClaimInput, draft: Draft, data_dir: Path) -> str:
    """The source a claim asks to create (--new-source): its id unused (in any case), its name and kind given."""
    source_id = claim.source.strip()
    if not SOURCE_ID.fullmatch(source_id) or len(source_id) > MAX_ID_LENGTH:
        raise UsageError(f"'{clip(source_id)}' is not a source id: use letters, digits, '.', '_' and '-' only",
                         option="--source")
    existing = ledger.source(source_id)
    if existing is not None or any(fold("source", e["id"]) == fold("source", source_id)
                                   for f in draft.entries.values() for e in f.get("sources", [])):
        shown = existing.id if existing is not None else source_id
        raise UsageError(f"the source '{shown}' exists already (source ids ignore case); leave out --new-source to "
                         "cite it", option="--new-source")
    if not claim.source_name or not claim.source_name.strip():
        raise UsageError("a new source needs its name", option="--source-name")
    kind = (claim.source_kind or "").strip()
    if kind not in SOURCE_KINDS:
        raise UsageError(f"a new source's kind is one of {', '.join(SOURCE_KINDS)}"
                         f"{did_you_mean(kind, SOURCE_KINDS, casefold=True) if kind else ''}", option="--source-kind")
    draft.put(sources_file(ledger, data_dir), "sources", {"id": source_id, "name": claim.source_name.strip(),
                                                           "kind": kind})
    draft.said.append(f"new source '{source_id}' ({kind})")
    return source_id


def document_checked(ledger: Ledger, document_id: str) -> Document:
    found = ledger.document(document_id)
    if found is None:
        raise UsageError(f"no document '{clip(document_id)}' in the ledger"
                         f"{did_you_mean(document_id, ledger.document_ids(), True)}; give --new-document with "
                         "--document-title and --document-file to define it", option="--document")
    return found


def new_document(ledger: Ledger, claim: ClaimInput, draft: Draft, data_dir: Path) -> Document:
    """The document a claim asks to define (--new-document): its id unused, its title and text file given."""
    document_id = (claim.document or "").strip()
    if not SOURCE_ID.fullmatch(document_id) or len(document_id) > MAX_ID_LENGTH:
        raise UsageError(f"'{clip(document_id)}' is not a document id: use letters, digits, '.', '_' and '-' only",
                         option="--document")
    existing = ledger.document(document_id)
    if existing is not None:
        raise UsageError(f"the document '{existing.id}' exists already (ids ignore case); leave out --new-document "
                         "to cite it", option="--new-document")
    if not claim.document_title or not claim.document_title.strip():
        raise UsageError("a new document needs its title", option="--document-title")
    file = inside(data_dir, claim.document_file, "--document-file")
    document = Document(document_id, claim.document_title.strip(), Location(""), file=file)
    draft.put(documents_file(ledger, data_dir), "documents", {"id": document_id, "title": document.title,
                                                               "file": file})
    draft.said.append(f"new document '{document_id}' ({file})")
    return document


def inside(data_dir: Path, given: str | None, option: str) -> str:
    """A file under the data directory, as a path relative to it (as a document's file is written)."""
    if not given:
        raise UsageError("a new document needs its text copy, a file under the data directory", option=option)
    path = Path(given)
    for candidate in (path, data_dir / path):
        if fs.kind(candidate) == "file" and fs.is_inside(candidate, data_dir):
            return fs.resolve(candidate).relative_to(fs.resolve(data_dir)).as_posix()
    raise UsageError(f"'{clip(given)}' is not a file under the data directory '{data_dir}' (put the document's text "
                     "copy in its documents folder)", option=option)


def documents_file(ledger: Ledger, data_dir: Path) -> str:
    held = Counter(d.location.file for d in ledger.documents)
    return held.most_common(1)[0][0] if held else (data_dir / "documents.yaml").as_posix()


def sources_file(ledger: Ledger, data_dir: Path) -> str:
    held = Counter(s.location.file for s in ledger.sources)
    return held.most_common(1)[0][0] if held else (data_dir / "sources.yaml").as_posix()


def claims_file(ledger: Ledger, claim: ClaimInput, data_dir: Path) -> str:
    if claim.file:
        chosen = Path(claim.file)
        if chosen.suffix.lower() not in (".yaml", ".yml") or not fs.is_inside(chosen.parent, data_dir):
            raise UsageError(f"'{clip(claim.file)}' is not a ledger file under the data directory '{data_dir}' "
                             "(a .yaml file in it)", option="--file")
        return (data_dir / fs.resolve(chosen).relative_to(fs.resolve(data_dir))).as_posix()
    held = Counter(c.location.file for c in ledger.claims if claim.subject and c.subject == claim.subject)
    return held.most_common(1)[0][0] if held else target_path(data_dir, claim.subject).as_posix()


def draft_claim(data_dir: Path, ledger: Ledger, claim: ClaimInput, draft: Draft) -> dict[str, Any]:
    """Check ``claim`` field by field (a UsageError naming the first field at fault) and add it to ``draft``."""
    statement = claim.statement.strip()
    if not statement:
        raise UsageError("a claim needs its statement", option="--statement")
    if not claim.source.strip():
        raise UsageError("a claim needs the source that made it", option="--source")
    source = new_source(ledger, claim, draft, data_dir) if claim.new_source else source_checked(
        ledger, claim.source.strip(), "--source")
    citation: dict[str, Any] = {"source": source}
    document = None
    if claim.document:
        document = new_document(ledger, claim, draft, data_dir) if claim.new_document else document_checked(
            ledger, claim.document)
        citation["document"] = document.id
    if claim.via:
        citation["via"] = [source_checked(ledger, v, "--via") for v in claim.via]
        if any(fold("source", v) == fold("source", source) for v in citation["via"]):
            raise UsageError(f"'{source}' is the source itself: a source does not relay its own words (--via names "
                             "the sources that passed the claim on)", option="--via")
    if claim.quote:
        if document is not None:
            draft.said.append(quote_checked(data_dir, document, claim.quote))
        citation["quote"] = claim.quote
    if claim.url:
        if web_url(claim.url) is None:
            fixed = with_scheme(claim.url)
            raise UsageError(f"'{clip(claim.url)}' is not a web address (http or https)"
                             + (f": did you mean '{fixed}'?" if fixed else ""), option="--url")
        citation["url"] = claim.url.strip()
    entry: dict[str, Any] = {"statement": statement}
    for key, value in (("subject", slug_checked(claim.subject, "--subject")),
                       ("property", slug_checked(claim.property, "--property")),
                       ("value", value_data(claim.value) if claim.value else None),
                       ("date", date_checked(claim.date))):
        if value is not None:
            entry[key] = value
    doubt = reading_doubt(claim.value) if claim.value and len(claim.value) <= 200 else None
    if doubt:  # the reading is written, but the person is told what it assumed ("500 to 2 million")
        draft.said.append(f"value {value_shown(entry['value'])} read from '{clip(claim.value or '')}': {doubt}")
    entry["sources"] = [citation]
    if claim.tags:
        entry["tags"] = [slug_checked(t, "--tag") for t in claim.tags]
    entry["id"] = (id_checked(ledger, claim.id, draft.taken) if claim.id
                   else proposed_id(ledger, ClaimInput(source=source, subject=claim.subject, property=claim.property,
                                                       date=claim.date), draft.taken))
    draft.taken.add(entry["id"])
    draft.put(claims_file(ledger, claim, data_dir), "claims", entry)
    return entry


def draft_text(draft: Draft) -> str:
    """The draft's entries as they will be written, file by file, for a person to confirm."""
    from factledger.edit.append import Style, entry_lines

    shown = []
    for file, sections in draft.entries.items():
        for section, entries in sections.items():
            shown += [f"# to {file}", f"{section}:", *entry_lines(section, entries, Style())]
    return "\n".join(shown)


def changes_of(draft: Draft) -> tuple[Workspace, list[TextEdit], dict[Path, str]]:
    """The draft's entries as edits of the files that exist, and the text of those that do not."""
    workspace = Workspace()
    edits: list[TextEdit] = []
    created: dict[Path, str] = {}
    for file, sections in draft.entries.items():
        exists = fs.kind(Path(file)) != "missing"
        original = workspace.original(file) if exists else None
        text = ""
        for section, entries in sections.items():
            made, new_text = insertion(original, file, section, entries)
            edits += made
            if new_text is not None:
                text += ("\n" if text else "") + new_text
        if text:
            created[Path(file)] = text
    return workspace, edits, created


def write_draft(data_dir: Path, before: LoadResult, draft: Draft, dry_run: bool) -> Edited:
    """Write what ``draft`` holds (checked first: nothing that adds an error), or only show it."""
    workspace, edits, created = changes_of(draft)
    changes = engine.plan(workspace, edits, created)
    verb = "would add" if dry_run else "added"
    for file, sections in draft.entries.items():
        for section, entries in sections.items():
            for entry in entries:
                draft.said.append(f"{verb} {section[:-1]} '{entry['id']}' to {file}")
    return write("add", changes, before, data_dir, dry_run, draft.said)


def add(data_dir: Path, claims: list[ClaimInput], dry_run: bool = False) -> Edited:
    """Add ``claims`` (and the sources they create) to the ledger under ``data_dir``."""
    before = load_ledger(Path(data_dir))
    draft = Draft()
    for claim in claims:
        draft_claim(Path(data_dir), before.ledger, claim, draft)
    return write_draft(Path(data_dir), before, draft, dry_run)


def loaded(data_dir: Path) -> LoadResult:
    """The ledger as it is (what the prompts complete from, and check against)."""
    return load_ledger(Path(data_dir))


__all__ = ["ClaimInput", "Draft", "add", "draft_claim", "loaded", "reload", "value_data", "value_shown"]
