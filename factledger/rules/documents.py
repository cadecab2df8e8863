"""Document files exist inside the data directory (FL301, FL302, FL304), and quotes occur in them (FL303)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from factledger.model.entries import Document
from factledger.model.ids import fold
from factledger.problems.diagnostics import Diagnostic, make
from factledger.rules.base import RuleContext
from factledger.system import fs
from factledger.text.escapes import clip
from factledger.text.quotes import normalise, quote_fragments

Reader = Callable[[], bytes]  # a document file's bytes (FileProblem when they cannot be read)
_WHAT = {"folder": "is a folder, not a file", "other": "is not a regular file (a pipe, device or socket)",
         "missing": "does not exist"}


def _resolve(ctx: RuleContext, document: Document) -> tuple[Reader | None, Diagnostic | None]:
    """How to read the document's file inside the data directory, or the diagnostic saying why it cannot be."""
    assert document.file is not None
    where = document.field_locations.get("file", document.location)
    shown = clip(document.file)
    if "\x00" in document.file:
        return None, make("FL301", f"file '{shown}' is not a usable path (it holds a NUL character)", where)
    relative = Path(document.file)
    if relative.is_absolute():
        return None, make("FL302", f"file '{shown}' is an absolute path; give it relative to the data directory",
                          where)
    snapshot = ctx.snapshot
    if snapshot is not None:  # a git revision's tree: the same questions, asked of it
        path, found = snapshot.place(document.file)
        if path is None or found == "outside":
            return None, make("FL302", f"file '{shown}' resolves outside the data directory", where)
        if found != "file":
            return None, make("FL301", f"file '{shown}' {_WHAT[found]} (paths are relative to the data directory)",
                              where)
        return lambda: snapshot.document(path, ctx.max_file_size), None
    try:
        root = fs.resolve(ctx.data_dir)
        # resolve() follows links too, so a link pointing outside is caught like '../'.
        target = fs.resolve(root / relative)
        if not target.is_relative_to(root):
            return None, make("FL302", f"file '{shown}' resolves outside the data directory", where)
        found = fs.kind(target)
    except fs.FileProblem as exc:
        return None, make("FL304", f"file '{shown}' cannot be read: {exc}", where)
    if found != "file":
        return None, make("FL301", f"file '{shown}' {_WHAT[found]} (paths are relative to the data directory)", where)
    return lambda: fs.read_file(target, ctx.max_file_size), None


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
            read, problem = _resolve(ctx, document)
            content: str | None = None
            where = document.field_locations.get("file", document.location)
            if read is not None:
                try:
                    content = normalise(read().removeprefix(b"\xef\xbb\xbf").decode("utf-8"))
                except UnicodeDecodeError:
                    problem = make("FL304", f"file '{clip(document.file)}' is not UTF-8 text, so quotes cannot be "
                                            "checked", where)
                except fs.FileProblem as exc:
                    problem = make("FL305" if exc.too_large else "FL304",
                                   f"file '{clip(document.file)}' cannot be read: {exc}", where)
            if problem is not None:
                problems.append(problem)
            texts[key] = content
        ctx.cache["document-texts"] = texts
        ctx.cache["document-problems"] = problems
        cached = texts
    assert isinstance(cached, dict)  # the rules' cache holds what this function put there
    return cached


def check_document_files(ctx: RuleContext) -> Iterator[Diagnostic]:
    _texts(ctx)
    problems = ctx.cache["document-problems"]
    assert isinstance(problems, list)  # put there by _texts, with the texts
    yield from problems


class _Text:
    """A document's normalised text, and (made on first need, once) its lower-case copy."""

    def __init__(self, content: str) -> None:
        self.content = content
        self._lowered: str | None = None

    @property
    def lowered(self) -> str:
        if self._lowered is None:
            self._lowered = self.content.lower()
        return self._lowered


def check_quotes(ctx: RuleContext) -> Iterator[Diagnostic]:
    texts = {key: _Text(content) for key, content in _texts(ctx).items() if content is not None}
    for claim in ctx.ledger.claims:
        for citation in claim.citations:
            if citation.quote is None or citation.document is None:
                continue
            text = texts.get(fold("document", citation.document.id))
            if text is None:
                continue  # no file to check against, or its problem is already reported
            problem = _quote_problem(citation.quote, text)
            if problem is not None:
                where = citation.field_locations.get("quote", citation.location)
                yield make("FL303", f"quote in claim '{claim.id}' does not occur in document "
                                    f"'{citation.document.id}': {problem}", where)


def _quote_problem(quote: str, text: _Text) -> str | None:
    """Why ``quote`` does not occur in the text (fragments in order), or None when it does.

    A failing quote costs a few scans of the document, never a copy of it per fragment: a
    thousand wrong quotes against a 20 MB document must not take minutes.
    """
    content = text.content
    position = 0
    fragments = quote_fragments(quote)
    if not fragments:
        return "the quote is empty"
    for fragment in fragments:
        found = content.find(fragment, position)
        if found < 0:
            if position and content.find(fragment) >= 0:
                return f"'{clip(fragment)}' occurs, but not after the fragment before it"
            # lower(), not casefold(): casefold also folds ligatures and ß, which are not capitals.
            if fragment.lower() in text.lowered:
                return f"'{clip(fragment)}' occurs only with different capital letters (a quote is verbatim)"
            return _divergence(fragment, content, position)
        position = found + len(fragment)
    return None


_SEED = 8  # a beginning shorter than this says nothing about where a quote went wrong
_OCCURRENCES = 100  # places the beginning occurs that are examined (it is a hint, not a proof)


def _divergence(fragment: str, content: str, start: int) -> str:
    """Where a fragment stops matching the document: its longest beginning that occurs (among the
    first places its first words occur, after ``start``), and what follows."""
    best, at = 0, -1
    place = content.find(fragment[:_SEED], start)
    for _ in range(_OCCURRENCES):
        if place < 0 or len(fragment) < _SEED:
            break
        low, high = _SEED, len(fragment)  # the longest prefix matching at this place
        while low < high:
            middle = (low + high + 1) // 2
            if content.startswith(fragment[:middle], place):
                low = middle
            else:
                high = middle - 1
        if low > best:
            best, at = low, place
        place = content.find(fragment[:_SEED], place + 1)
    if best < _SEED:
        return f"'{clip(fragment)}' not found"
    low = best
    # Report the difference from the start of the word where it begins ('about' vs 'approximately').
    space = fragment.rfind(" ", 0, low + 1)
    if space >= _SEED and low < len(fragment):
        low = space
    matched = fragment[:low]
    said = content[at + low: at + low + 30]
    return (f"it matches the document up to '…{clip(matched[-30:].strip())}', then the quote has "
            f"'{clip(fragment[low:low + 30].strip())}…' where the document has '{clip(said.strip())}…'")
