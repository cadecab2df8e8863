"""One ledger file → its entries and diagnostics: read, then taken from the cache or parsed.

:func:`read_known` takes the cache's entry when the file's stamp shows it unchanged, else
:func:`read_one` reads its bytes and asks :class:`~factledger.load.cached.Reuse` for the entries of
that content, which parses them (:func:`parse`) only when no earlier run did.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from factledger.load.cached import Entries, FileRead, Reuse
from factledger.problems.diagnostics import Diagnostic, Location, make
from factledger.system import fs

# A file's content as a snapshot gives it (or why it cannot be read); None: read it from the disk.
Given = bytes | fs.FileProblem | None


@dataclass
class Outcome:
    """One file read: why it could not be (``problem``), or what it holds (``read``)."""

    problem: Diagnostic | None = None
    read: FileRead | None = None


def parse(data: bytes, display: str, path: Path) -> Entries:
    """One file's entries and diagnostics, from its bytes (what the cache keeps).

    Raises :class:`~factledger.parse.libyaml.ParserUnavailable` when libyaml cannot be loaded."""
    # The parser and the builder are imported by the first file parsed: a warm run parses none.
    from factledger.model.entries import Ledger
    from factledger.parse.compose import load_bytes, require_parser
    from factledger.parse.nodes import LoadedFile
    from factledger.schema.build import KEPT, FileBuilder

    require_parser()
    loaded = LoadedFile(path, display, None)
    builder = FileBuilder(loaded)
    # Entries are built as the loader composes them, so a file's node tree never exists whole.
    load_bytes(data, loaded, sink=builder.entry)
    kept = Ledger()
    found = [*loaded.diagnostics, *builder.finish(kept)]
    return loaded.parsed, {section: list(getattr(kept, section)) for section in KEPT}, found


def read_one(path: Path, display: str, limit: int, reuse: Reuse, given: Given = None) -> Outcome:
    """Read ``path``: from the cache if its content is known there (a rename, a touch), else parsed.
    ``given``: the file's content (or why it cannot be read) as a snapshot holds it, instead of the disk's."""
    try:
        data = fs.read_file(path, limit) if given is None else given
        if isinstance(data, fs.FileProblem):
            raise data
    except fs.FileProblem as exc:
        code = "FL010" if exc.too_large else "FL003"
        return Outcome(problem=make(code, f"cannot read file: {exc}", Location(display)))
    if given is not None:  # a snapshot's file: its content names it, it has no stamp on this disk
        return Outcome(read=reuse.given(display, data, lambda: parse(data, display, path)))
    return Outcome(read=reuse.entries(path, display, data, lambda: parse(data, display, path)))


def read_known(path: Path, display: str, key: str | None, limit: int, reuse: Reuse, given: Given = None) -> Outcome:
    """Read ``path``, whose cache name its stamp gave as ``key`` (None: unknown, or changed)."""
    if given is not None:
        return read_one(path, display, limit, reuse, given)
    if key is not None:
        known = reuse.known(key, display)
        if known is not None:
            return Outcome(read=FileRead(known, key))
    return read_one(path, display, limit, reuse)
