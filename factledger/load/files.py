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
    from factledger.schema.build import FileBuilder
    from factledger.schema.tables import SCHEMA

    require_parser()
    loaded = LoadedFile(path, display, None)
    builder = FileBuilder(loaded)
    # Entries are built as the loader composes them, so a file's node tree never exists whole.
    load_bytes(data, loaded, sink=builder.entry)
    kept = Ledger()
    found = [*loaded.diagnostics, *builder.finish(kept)]
    return loaded.parsed, {section: list(getattr(kept, section)) for section in SCHEMA}, found


def read_one(path: Path, display: str, limit: int, reuse: Reuse) -> Outcome:
    """Read ``path``: from the cache if its content is known there (a rename, a touch), else parsed."""
    try:
        data = fs.read_file(path, limit)
    except fs.FileProblem as exc:
        code = "FL010" if exc.too_large else "FL003"
        return Outcome(problem=make(code, f"cannot read file: {exc}", Location(display)))
    return Outcome(read=reuse.entries(path, display, data, lambda: parse(data, display, path)))


def read_known(path: Path, display: str, key: str | None, limit: int, reuse: Reuse) -> Outcome:
    """Read ``path``, whose cache name its stamp gave as ``key`` (None: unknown, or changed)."""
    if key is not None:
        known = reuse.known(key, display)
        if known is not None:
            return Outcome(read=FileRead(known, key))
    return read_one(path, display, limit, reuse)
