"""The import use case: what fact-checkers publish, merged into the ledger file it is written to.

Importing into an existing file never loses what a person wrote (:mod:`factledger.importers.merge`):
entries the feed does not produce are kept; what an earlier import of the same feed wrote is updated
only in the fields nobody edited since (each field kept because a person changed it is reported);
nothing is removed but with ``prune``, and then only what an earlier import of the same feed wrote,
still as written. Another feed joins the file. The write itself is the caller's (atomic).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from factledger.api.results import Imported
from factledger.model.entries import Ledger, Ref
from factledger.model.ids import fold
from factledger.pipeline import load_ledger
from factledger.problems.diagnostics import EXIT_DATA, EXIT_OK
from factledger.problems.errors import DataError, UsageError
from factledger.text.plural import plural

IMPORT_HEADER = "# Imported from "


def written_by_import(path: Path) -> bool:
    """Whether ``path`` is a file an import wrote: its first line says so, or an entry's record does."""
    from factledger.importers.layout import MARK
    from factledger.system import fs

    try:
        data = fs.read_file(path, fs.max_file_size())
    except (fs.FileProblem, fs.LimitError):
        return False
    first = data.split(b"\n", 1)[0].decode("utf-8", errors="replace")
    if first.startswith(IMPORT_HEADER) and first.endswith("by 'factledger import claimreview'."):
        return True
    return any(line.lstrip().startswith(MARK.encode()) for line in data.split(b"\n"))


def import_header(name: str | None) -> str:
    """The first line of an imported file. The input's name is written as an ASCII JSON string, so that no
    character in it (a newline, U+2028, at which YAML 1.1 readers also end a line) can end the comment and
    put what follows into the ledger."""
    shown = "standard input" if name is None else json.dumps(Path(name).name, ensure_ascii=True)
    return f"{IMPORT_HEADER}{shown} by 'factledger import claimreview'.\n"


def read_input(path: Path) -> bytes:
    """The bytes of an import input given on the command line (a UsageError if it cannot be read)."""
    from factledger.system import fs

    try:
        return fs.read_file(path, fs.max_file_size())
    except fs.LimitError as exc:
        raise UsageError(str(exc)) from None
    except fs.FileProblem as exc:
        raise UsageError(f"cannot read '{path}': {exc}") from None


def feed_name(name: str | None, feed: str | None) -> str:
    """What an import is an import of: ``feed`` if given, else the input's file name without its folder
    (standard input is one feed). Importing the same feed again updates, and with prune removes, only what
    it wrote before; so a name given by default is checked (:meth:`_Target.same_publishers`), and prune
    from standard input needs ``feed``."""
    if feed is not None:
        if not feed.strip():
            raise UsageError("--feed needs a name", option="--feed")
        return feed
    return "standard input" if name is None else Path(name).name


def import_claimreview(data: bytes, name: str | None = None, joining: Path | None = None,
                       replacing: Path | None = None, force: bool = False, strict: bool = False,
                       feed: str | None = None, prune: bool = False) -> Imported:
    """ClaimReview input (``data``, from the file ``name`` or standard input) as ledger YAML.

    With ``joining`` (a data directory), its sources are reused, reviews it already holds are skipped, a
    review of a claim it holds refers to it, and its ids are not taken again. With ``replacing`` (the
    file the output will replace), an existing file is merged into: refused unless an import wrote it
    or ``force``. ``feed`` names what is imported (default: the input's file name); ``prune`` removes
    what an earlier import of that feed wrote and the feed no longer has. Reviews that cannot be imported
    are listed in ``failures`` and make the exit code 1; the others are still written, unless ``strict``.
    Input that cannot be read at all is a DataError; so is a file to merge into that does not parse.
    """
    from factledger.importers.claimreview import ImportProblem
    from factledger.importers.claimreview import import_claimreview as convert
    from factledger.importers.layout import feed_key

    shown = "standard input" if name is None else f"'{name}'"
    if prune and name is None and feed is None:
        raise UsageError("--prune reading standard input needs --feed NAME: every import from standard input "
                         "would otherwise be one feed, and prune what another one wrote", option="--prune")
    key = feed_key(feed_name(name, feed))
    target = _Target.opened(replacing, force, key)
    try:
        text = data.decode("utf-8-sig")  # strictly: a misread name would be written into the ledger
    except UnicodeDecodeError as exc:
        raise DataError(f"cannot import {shown}: it is not UTF-8 (byte 0x{data[exc.start]:02x} at offset "
                        f"{exc.start})") from None
    existing = _joined(joining, target)
    try:
        report = convert(text, existing, target.owned)
    except ImportProblem as exc:
        raise DataError(f"cannot import {shown}: {exc}") from None
    if feed is None:
        target.same_publishers(report.ledger.get("reviews", []), feed_name(name, None))
    refused = [f"refused {r.where + ': ' if r.where else ''}{r.reason}" for r in report.refused]
    summary = _import_summary(report)
    if refused and (strict or not report.reviews):
        why = "--strict refuses the whole input" if report.reviews else "no review could be imported"
        return Imported(None, [], EXIT_DATA, [*refused, f"nothing was written: {why}"], summary=summary)
    code = EXIT_DATA if refused else EXIT_OK
    if target.text is None:
        if not report.reviews:
            return Imported(None, [], EXIT_OK, summary=summary)
        from factledger.importers.merge import write_new

        return Imported(None, [], code, refused, text=write_new(import_header(name), report.ledger, key),
                        summary=summary, target=target.path, read=None)
    notices = []
    if prune and refused:
        notices.append(f"--prune was not applied: {plural(len(refused), 'review')} could not be read this time, "
                       "and pruning would remove what an earlier import made of them")
    merged = target.merge(report.ledger, key, prune and not refused, existing)
    notices += merged.kept
    summary = "; ".join(part for part in (summary, _merge_summary(merged, str(replacing))) if part)
    text = "" if merged.unchanged else in_layout(merged.text, target.raw, target.path)
    return Imported(None, notices, code, refused, text=text, summary=summary, target=target.path, read=target.raw)


def in_layout(text: str, before: bytes | None, path: Path | None) -> str:
    """What an import merged into a file, in ``factledger fmt``'s layout when the file was in it before, so
    that ``fmt --check`` passes after an import as it did before one. A file kept in a layout of its own is
    merged into as it is (laying it out would change lines the import did not mean to touch), and a new
    file is written in the import's own layout (see :mod:`factledger.importers.merge`). The layout is
    fmt's own, checked as fmt checks it (what the file says unchanged); where it cannot be, the text stays
    as the import wrote it."""
    from factledger.edit.engine import original_of
    from factledger.edit.formatting import layout
    from factledger.edit.layout import Unformattable

    if before is None or path is None:
        return text
    try:
        was = original_of(path, before)
        if layout(was, str(path)) != was.text.replace(was.newline, "\n"):
            return text
        now = original_of(path, text.encode("utf-8"))
        laid = layout(now, str(path))
    except (Unformattable, UsageError):
        return text
    return ("\ufeff" if now.bom else "") + (laid.replace("\n", now.newline) if now.newline != "\n" else laid)


def unchanged_since_read(imported: Imported) -> None:
    """Refuse (a UsageError) to write an import over a file that is no longer what the import read: a person
    saved it while the import ran, and replacing it would lose what they wrote."""
    from factledger.edit.engine import FileChange, unchanged

    if imported.target is not None:
        unchanged([FileChange(imported.target, imported.read, b"")], "importing into it", "the import")


class _Target:
    """The file an import writes: its text (None when it does not exist yet), its entries, and the entries
    an earlier import of this feed wrote in it."""

    def __init__(self, path: Path | None, text: str | None, ledger: Ledger, owned: set[tuple[str, str]],
                 bom: str, raw: bytes | None = None) -> None:
        self.path, self.text, self.ledger, self.owned, self.bom = path, text, ledger, owned, bom
        self.raw = raw  # the file's bytes as read, to refuse writing over it if it changes meanwhile

    @classmethod
    def opened(cls, path: Path | None, force: bool, key: str) -> _Target:
        from factledger.importers.layout import read
        from factledger.load.files import parse
        from factledger.system import fs

        what = None if path is None else fs.kind(path)
        if path is None or what != "file":
            # Only a file that does not exist yet is created (and then must still not exist when written);
            # a pipe or device is written through, never replaced.
            return cls(path if what == "missing" else None, None, Ledger(), set(), "")
        if not force and not written_by_import(path):
            raise UsageError(f"'{path}' exists and was not written by 'import claimreview'; give --force to merge "
                             "the import into it (nothing in it is changed or removed), or choose another file")
        try:
            raw = fs.read_file(path, fs.max_file_size())
        except (fs.FileProblem, fs.LimitError) as exc:
            raise UsageError(f"cannot read '{path}': {exc}") from None
        parsed, entries, found = parse(raw, str(path), path)
        errors = [d for d in found if d.severity.value == "error"]
        if not parsed or errors:
            first = errors[0] if errors else None
            raise DataError(f"cannot merge into '{path}': it does not validate"
                            + (f" ({first.location}: {first.code} {first.message})" if first else "")
                            + "; correct it first, so that nothing in it is misread")
        text = raw.decode("utf-8")
        bom = "\ufeff" if text.startswith("\ufeff") else ""
        text = text.removeprefix(bom)
        sections = read(text)
        owned = {(s.name, fold(s.name[:-1], e.id)) for s in sections for e in s.entries
                 if e.id and e.record is not None and e.record.feed == key}
        return cls(path, text, Ledger(**entries), owned, bom, raw)

    def same_publishers(self, reviews: list[dict[str, Any]], named: str) -> None:
        """Refuse (a UsageError) an input named like a feed an earlier import wrote into the file (a file name,
        or standard input) when none of its reviews' publishers are that feed's: another publisher's
        a/feed.json after b/feed.json would update that feed's entries and, with --prune, remove them."""
        mine = {fold("source", r.by.id) for r in self.ledger.reviews if ("reviews", fold("review", r.id)) in self.owned}
        theirs = {fold("source", str(r["by"])) for r in reviews if r.get("by") is not None}
        if mine and theirs and not mine & theirs:
            shown = ", ".join(f"'{p}'" for p in sorted(mine)[:3]) + (", ..." if len(mine) > 3 else "")
            raise UsageError(
                f"'{self.path}' holds what an import of a feed named {json.dumps(named)} wrote, reviews by {shown}, "
                "and none of this input's reviews are by those publishers: it looks like another feed with the "
                "same name. Nothing was written; give --feed NAME, a name of its own to import it beside the "
                f"other (or --feed {json.dumps(named)} if it is the same feed)")

    def merge(self, produced: dict[str, list[dict[str, Any]]], key: str, prune: bool, ledger: Ledger | None) -> Any:
        from factledger.importers.merge import merge

        assert self.text is not None
        whole = ledger or self.ledger
        merged = merge(self.text, produced, key, prune, lambda gone: _referenced(whole, gone), str(self.path))
        merged.text = self.bom + merged.text
        return merged


def _joined(joining: Path | None, target: _Target) -> Ledger | None:
    """The ledger the import joins: the data directory's, with the target file's entries if it is not in it."""
    from factledger.system import fs

    if joining is None:
        return target.ledger if target.text is not None else None
    ledger = load_ledger(Path(joining)).ledger
    if target.path is None or target.text is None or fs.is_inside(fs.resolve(target.path), fs.resolve(joining)):
        return ledger
    return Ledger(sources=ledger.sources + target.ledger.sources, documents=ledger.documents + target.ledger.documents,
                  claims=ledger.claims + target.ledger.claims, files=ledger.files,
                  assessments=ledger.assessments + target.ledger.assessments,
                  reviews=ledger.reviews + target.ledger.reviews)


def _refs(ledger: Ledger) -> Iterator[tuple[tuple[str, str], str, Ref]]:
    """Every reference in the ledger: (the entry holding it as (kind, folded id), the kind it names, the ref)."""
    for s in ledger.sources:
        for ref in [*([s.part_of] if s.part_of else []), *s.depends_on]:
            yield ("source", fold("source", s.id)), "source", ref
    for d in ledger.documents:
        if d.publisher is not None:
            yield ("document", fold("document", d.id)), "source", d.publisher
    for c in ledger.claims:
        at = ("claim", fold("claim", c.id))
        for citation in c.citations:
            yield at, "source", citation.source
            yield from ((at, "source", ref) for ref in citation.via)
            if citation.document is not None:
                yield at, "document", citation.document
        yield from ((at, "claim", ref) for _, ref in c.relations())
    for a in ledger.assessments:
        judged = [*a.claims, *([a.wrong] if a.wrong else [])]
        yield from ((("assessment", fold("assessment", a.id)), "claim", ref) for ref in judged)
    for r in ledger.reviews:
        at = ("review", fold("review", r.id))
        yield at, "claim", r.claim
        yield at, "source", r.by
        yield from ((at, "document", ref) for ref in r.appearances)


def _referenced(ledger: Ledger, gone: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """What the entries of ``ledger`` not in ``gone`` refer to, as (kind, folded id)."""
    return {(kind, fold(kind, ref.id)) for holder, kind, ref in _refs(ledger) if holder not in gone}


def _merge_summary(merged: Any, where: str) -> str:
    added = ", ".join(f"{plural(n, section[:-1])}" for section, n in merged.added.items())
    parts = [f"added {added} to '{where}'"] if added else []
    if merged.updated:
        parts.append(f"updated {plural(merged.updated, 'entry', 'entries')} the feed changed")
    if merged.kept:
        parts.append(f"kept {plural(len(merged.kept), 'thing')} a person wrote or that is still needed (listed "
                     "above)")
    if merged.pruned:
        parts.append(f"pruned {plural(merged.pruned, 'entry', 'entries')} the feed no longer has")
    if merged.unchanged:
        parts.append(f"'{where}' is unchanged")
    return "; ".join(parts)


def _import_summary(report: Any) -> str:
    parts = [f"imported {plural(report.reviews, 'review', grouped=True)} "
             f"({plural(report.claims, 'new claim', grouped=True)}) from {report.format}"]
    if report.refused:
        parts.append(f"refused {len(report.refused):,} (listed above)")
    if report.skipped:
        parts.append(f"skipped {report.skipped:,} the ledger already holds")
    if report.repeated:
        parts.append(f"skipped {report.repeated:,} given twice in the input")
    if report.unresolved:
        parts.append(f"{plural(report.unresolved, 'address', 'addresses', grouped=True)} could not be used "
                     "(relative with no page to resolve against, or not http(s)): kept in the notes")
    if not report.reviews and (report.skipped or report.repeated):
        parts.append("nothing new to write")
    return "; ".join(parts)
