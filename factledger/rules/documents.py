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


class _Texts:
    """Each document's normalised text by document id (casefolded), read when first asked for: None when it has
    no usable file. The first document defining an id is the one read (a duplicate id is FL201's)."""

    def __init__(self, ctx: RuleContext) -> None:
        self._ctx = ctx
        self.first: dict[str, Document] = {}
        for document in ctx.ledger.documents:
            self.first.setdefault(fold("document", document.id), document)
        self._texts: dict[str, str | None] = {}
        self._problems: dict[str, Diagnostic | None] = {}

    def text(self, key: str) -> str | None:
        if key not in self._texts:
            document = self.first.get(key)
            if document is None or document.file is None:
                self._texts[key], self._problems[key] = None, None
            else:
                ctx = self._ctx
                self._texts[key], self._problems[key] = document_text(ctx.data_dir, document, ctx.max_file_size,
                                                                     ctx.snapshot)
        return self._texts[key]

    def problem(self, document: Document) -> Diagnostic | None:
        """Why ``document``'s file cannot be read, if it is the one its id names (and it cannot)."""
        key = fold("document", document.id)
        if self.first.get(key) is not document:
            return None
        self.text(key)
        return self._problems[key]


def _texts(ctx: RuleContext) -> _Texts:
    """The document texts, shared by the rules of one run."""
    cached = ctx.cache.get("document-texts")
    if cached is None:
        cached = ctx.cache["document-texts"] = _Texts(ctx)
    assert isinstance(cached, _Texts)  # the rules' cache holds what this function put there
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
    texts = _texts(ctx)
    for document in ctx.entries("documents"):
        problem = texts.problem(document)
        if problem is not None:
            yield problem


def check_quotes(ctx: RuleContext) -> Iterator[Diagnostic]:
    texts = _texts(ctx)
    matchers: dict[str, QuoteText] = {}
    for claim in ctx.entries("claims"):
        for citation in claim.citations:
            if citation.quote is None or citation.document is None:
                continue
            key = fold("document", citation.document.id)
            content = texts.text(key)
            if content is None:
                continue  # no file to check against, or its problem is already reported
            text = matchers.get(key)
            if text is None:
                text = matchers[key] = QuoteText(content)
            problem = quote_problem(citation.quote, text)
            if problem is not None:
                where = citation.field_locations.get("quote", citation.location)
                yield make("FL303", f"quote in claim '{claim.id}' does not occur in document "
                                    f"'{citation.document.id}': {problem}", where)
