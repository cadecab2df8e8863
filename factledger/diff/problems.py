"""Validation problems the new ledger has and the old one had not (and those it no longer has).

A problem is matched across the ledgers by its code, its file (relative to the data directory, so two
folders or a data directory that moved compare) and its message, never by its line: a problem that only
moved down the file is not new.
"""

from __future__ import annotations

from pathlib import Path

from factledger.diff.match import unmatched
from factledger.problems.diagnostics import Diagnostic


def _key(d: Diagnostic, data_dir: Path) -> tuple[str, str, str]:
    root = data_dir.as_posix().rstrip("/") + "/"
    file = d.location.file.removeprefix(root)
    return d.code, file, d.message.replace(root, "<data>/")


def compare(old: list[Diagnostic], old_dir: Path, new: list[Diagnostic],
            new_dir: Path) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(the problems of ``new`` that ``old`` has not, those of ``old`` that ``new`` has not)."""
    def ours(d: Diagnostic) -> tuple[str, str, str]:
        return _key(d, new_dir)

    def theirs(d: Diagnostic) -> tuple[str, str, str]:
        return _key(d, old_dir)

    return unmatched(old, theirs, new, ours)
