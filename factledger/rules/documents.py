"""Document files exist inside the data directory (FL301, FL302, FL304), and quotes occur in them (FL303)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from factledger.load.snapshot import Snapshot
from factledger.model.entries import Document
from factledger.model.ids import fold
from factledger.problems.diagnostics import Diagnostic, make
from factledger.rules.base import RuleContext
from factledger.system import fs
from factledger.text.escapes import clip
from factledger.text.quotes import QuoteText, normalise, quote_problem

Reader = Callable[[], bytes]  # a document file's bytes (FileProblem when they cannot be read)
_WHAT = {"folder": "is a folder, not a file", "other": "is not a regular file (a pipe, device or socket)",
         "missing": "does not exist"}


def _resolve(data_dir: Path, document: Document, limit: int,
             snapshot: Snapshot | None) -> tuple[Reader | None, Diagnostic | None]:
    """How to read the document's file inside the data directory (of ``snapshot``, a git revision's tree,
    when given), or the diagnostic saying why it cannot be."""
    assert document.file is not None
    where = document.field_locations.get("file", document.location)
    shown = clip(document.file)
    if "\x00" in document.file:
        return None, make("FL301", f"file '{shown}' is not a usable path (it holds a NUL character)", where)
    relative = Path(document.file)
    if relative.is_absolute():
        return None, make("FL302", f"file '{shown}' is an absolute path; give it relative to the data directory",
                          where)
    if snapshot is not None:  # a git revision's tree: the same questions, asked of it
        path, found = snapshot.place(document.file)
        if path is None or found == "outside":
            return None, make("FL302", f"file '{shown}' resolves outside the data directory", where)
        if found != "file":
            return None, make("FL301", f"file '{shown}' {_WHAT[found]} (paths are relative to the data directory)",
                              where)
        return lambda: snapshot.document(path, limit), None
    try:
        root = fs.resolve(data_dir)
        # resolve() follows links too, so a link pointing outside is caught like '../'.
        target = fs.resolve(root / relative)
        if not target.is_relative_to(root):
            return None, make("FL302", f"file '{shown}' resolves outside the data directory", where)
        found = fs.kind(target)
    except fs.FileProblem as exc:
        return None, make("FL304", f"file '{shown}' cannot be read: {exc}", where)
    if found != "file":
        return None, make("FL301", f"file '{shown}' {_WHAT[found]} (paths are relative to the data directory)", where)
    return lambda: fs.read_file(target, limit), None


def _texts(ctx: RuleContext) -> dict[str, str | None]:
    """Each document's normalised text by document id (casefolded); None when it has no usable file."""
    cached = ctx.cache.get("document-texts")
    if cached is None:
        texts: dict[str, str | None] = {}
        problems: list[Diagnostic] = []
        for document in ctx.ledger.documents:
            key = fold("document", document.id)
            if key in texts or document.file is None:
                texts.setdefault(key, None)
                continue
            content, problem = document_text(ctx.data_dir, document, ctx.max_file_size, ctx.snapshot)
            if problem is not None:
                problems.append(problem)
            texts[key] = content
        ctx.cache["document-texts"] = texts
        ctx.cache["document-problems"] = problems
        cached = texts
    assert isinstance(cached, dict)  # the rules' cache holds what this function put there
    return cached


def document_text(data_dir: Path, document: Document, limit: int,
                  snapshot: Snapshot | None = None) -> tuple[str | None, Diagnostic | None]:
    """A document's file's text, normalised as quotes are (None, and the diagnostic saying why, when it
    cannot be read: missing, outside the data directory, not UTF-8, too large)."""
    assert document.file is not None
    read, problem = _resolve(data_dir, document, limit, snapshot)
    where = document.field_locations.get("file", document.location)
    if read is None:
        return None, problem
    try:
        return normalise(read().removeprefix(b"\xef\xbb\xbf").decode("utf-8")), None
    except UnicodeDecodeError:
        return None, make("FL304", f"file '{clip(document.file)}' is not UTF-8 text, so quotes cannot be checked",
                          where)
    except fs.FileProblem as exc:
        return None, make("FL305" if exc.too_large else "FL304", f"file '{clip(document.file)}' cannot be read: {exc}",
                          where)


def check_document_files(ctx: RuleContext) -> Iterator[Diagnostic]:
    _texts(ctx)
    problems = ctx.cache["document-problems"]
    assert isinstance(problems, list)  # put there by _texts, with the texts
    yield from problems


def check_quotes(ctx: RuleContext) -> Iterator[Diagnostic]:
    texts = {key: QuoteText(content) for key, content in _texts(ctx).items() if content is not None}
    for claim in ctx.ledger.claims:
        for citation in claim.citations:
            if citation.quote is None or citation.document is None:
                continue
            text = texts.get(fold("document", citation.document.id))
            if text is None:
                continue  # no file to check against, or its problem is already reported
            problem = quote_problem(citation.quote, text)
            if problem is not None:
                where = citation.field_locations.get("quote", citation.location)
                yield make("FL303", f"quote in claim '{claim.id}' does not occur in document "
                                    f"'{citation.document.id}': {problem}", where)
