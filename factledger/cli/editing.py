"""The commands that change the ledger's files: fmt, rename, fix (and validate --fix). Each parses its
options, calls one use case (factledger.api.editing), renders what it did and exits."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from factledger.cli.app import command, finish
from factledger.cli.options import (
    DEFAULT_DATA,
    WORD,
    DataOption,
    DiffOption,
    DryRunOption,
    UnsafeFixesOption,
    format_option,
)

EditedFormat = Annotated[str | None, format_option("edited")]
FormatFiles = Annotated[list[str] | None, typer.Argument(
    metavar="[FILE]...", show_default=False, click_type=WORD,
    help="The files to lay out (default: every ledger file under the data directory).")]
FixFiles = Annotated[list[str] | None, typer.Argument(
    metavar="[FILE]...", show_default=False, click_type=WORD,
    help="Fix only the problems in these files (the whole ledger is still read).")]


@command()
def fmt(
    files: FormatFiles = None, data: DataOption = DEFAULT_DATA,
    check: Annotated[bool, typer.Option("--check", metavar="", help="Write nothing; exit 1 and list the files "
                                                                     "that would change (for CI).")] = False,
    diff: DiffOption = False, dry_run: DryRunOption = False, fmt_: EditedFormat = None,
) -> None:
    """Lay ledger files out in one canonical layout: keys in the schema's order, two-space indentation,
    quotes only where YAML (1.2, or 1.1 readers such as PyYAML) needs them, a blank line between
    entries, comments kept with their entry, entries in their order. What each file means is checked to be
    the same before anything is written; a file that cannot be laid out safely (anchors, several
    documents, invalid YAML) is left alone, with the reason.

    Example: factledger fmt --check
    """
    from factledger.api.editing import fmt as lay_out

    finish(lay_out(data, [Path(f) for f in files or ()], check, dry_run or diff), "edited", fmt_)


@command()
def rename(
    old: Annotated[str, typer.Argument(metavar="OLD", click_type=WORD, help="The id to rename.")],
    new: Annotated[str, typer.Argument(metavar="NEW", click_type=WORD, help="Its new id.")],
    data: DataOption = DEFAULT_DATA,
    kind: Annotated[str | None, typer.Option(
        "--kind", metavar="KIND", help="source, document, claim or assessment (when OLD names several kinds).")] = None,
    dry_run: DryRunOption = False, diff: DiffOption = False, fmt_: EditedFormat = None,
) -> None:
    """Rename a source, document, claim or assessment: its definition and every reference to it, in every
    file, as exact edits (every other byte stays). Refused, saying why, when NEW exists (or differs from an
    existing source or document id only in case), or when the ledger does not load whole.

    Example: factledger rename NIS KR-NIS --dry-run
    """
    from factledger.api.editing import rename as renamed

    finish(renamed(data, old, new, kind, dry_run or diff), "edited", fmt_)


@command()
def fix(
    files: FixFiles = None, data: DataOption = DEFAULT_DATA, unsafe_fixes: UnsafeFixesOption = False,
    dry_run: DryRunOption = False, diff: DiffOption = False, fmt_: EditedFormat = None,
) -> None:
    """Apply every safe fix of what 'validate' reports (a number written as text, a mistyped field name, a
    country code, an id spelt otherwise than defined, a suppression that suppresses nothing); the unsafe
    ones (where the meaning could change) only with --unsafe-fixes. 'factledger codes CODE' says whether a
    code has a fix, and whether it is safe.

    Example: factledger fix --diff
    """
    from factledger.api.editing import fix as fixed
    from factledger.cli import settings

    finish(fixed(data, [Path(f) for f in files or ()], unsafe_fixes, dry_run or diff, settings.policy(data)),
           "edited", fmt_)


def apply_fixes(data: Path, files: list[Path], unsafe: bool, dry_run: bool, fmt: str | None, exit_zero: bool) -> None:
    """validate --fix: the fixes first (said on standard error); with --dry-run or --diff, only their diff."""
    from factledger.api.editing import fix as fixed
    from factledger.cli import console, settings

    result = fixed(data, files, unsafe, dry_run, settings.policy(data))
    if dry_run:
        finish(result, "edited", fmt if fmt in (None, "text", "json") else None, exit_zero)
    for line in result.said:
        console.note(line)
    for notice in result.notices:
        console.warn(notice)
