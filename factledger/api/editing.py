"""The use cases that change the ledger's files: fmt, rename and fix (add and init have their own modules).

Each computes its edits with :mod:`factledger.edit`, checks them by loading the result in memory (nothing
is written that would add an error), and writes them atomically; with ``dry_run`` it returns the diff
instead of writing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from factledger.api.results import Edited
from factledger.edit import engine
from factledger.edit.engine import FileChange, Workspace
from factledger.load.result import LoadResult
from factledger.pipeline import load_ledger, require_folder
from factledger.problems.diagnostics import EXIT_DATA, EXIT_OK
from factledger.problems.errors import UsageError
from factledger.text.escapes import safe
from factledger.text.plural import plural

# Files the loader could not read whole: a change made without them could miss what they hold.
UNREADABLE = ("FL001", "FL002", "FL003", "FL004", "FL005", "FL008", "FL010", "FL011")


def reload(data_dir: Path) -> engine.Reload:
    """How an edit's result is loaded in memory: the ledger under ``data_dir`` with some files' new content."""
    return lambda edited: load_ledger(Path(data_dir), edited=edited)


def _loaded(data_dir: Path) -> LoadResult:
    return load_ledger(Path(data_dir))


def write(command: str, changes: list[FileChange], before: LoadResult | None, data_dir: Path | None,
          dry_run: bool, said: list[str], same: Sequence[str] = ()) -> Edited:
    """Check ``changes`` (when ``before`` is given: nothing that adds an error), then write them or, with
    ``dry_run``, only show them."""
    if before is not None and data_dir is not None and changes:
        engine.checked(changes, before, reload(data_dir), same)
    if not dry_run and changes:
        engine.commit(changes)
    created = [c.display for c in changes if c.before is None]
    return Edited(None, command=command, written=not dry_run and bool(changes), changed=[c.display for c in changes],
                  diff=engine.unified_diff(changes), show_diff=dry_run, said=said, created=created)


def refuse_unreadable(result: LoadResult, doing: str) -> None:
    """A change across the ledger needs every file read: refuse, saying which could not be."""
    bad = [d for d in result.diagnostics if d.code in UNREADABLE]
    if bad:
        first = bad[0]
        raise UsageError(f"the ledger does not load whole, so {doing} could miss what is in {first.location.file}: "
                         f"{first.code} {safe(first.message, keep_newlines=False)} (fix it first; "
                         "'factledger validate' lists every problem)")


# -- fmt ---------------------------------------------------------------------------------------------

def fmt(data_dir: Path, files: Sequence[Path] = (), check: bool = False, dry_run: bool = False) -> Edited:
    """Lay ``files`` (default: every ledger file) out in the canonical layout. With ``check``, nothing is
    written and the exit code is 1 when a file would change."""
    from factledger.edit.formatting import format_files
    from factledger.load.discover import discover, display_path
    from factledger.load.result import EXCLUDED

    require_folder(Path(data_dir))
    excluded = EXCLUDED.get()
    ledger = [p for p in discover(data_dir)[0] if excluded is None or not excluded(p)]
    passed_over: list[str] = []
    if files:
        names, passed_over = _ledger_files(data_dir, files, ledger)
    else:
        names = [display_path(data_dir, p) for p in ledger]
    done = format_files(Workspace(), names)
    verb = "would reformat" if check or dry_run else "reformatted"
    said = [f"{verb} {c.display}" for c in done.changes]
    said.append(f"{verb} {plural(len(done.changes), 'file')}, {done.unchanged} already formatted"
                + (f", {len(done.left_alone)} left alone" if done.left_alone else ""))
    result = write("fmt", done.changes, None, None, dry_run or check, said)
    result.show_diff = dry_run
    result.left_alone = done.left_alone
    result.notices += [f"left {name} alone: {safe(why, keep_newlines=False)}" for name, why in done.left_alone]
    result.notices += passed_over
    result.exit_code = EXIT_DATA if check and done.changes else EXIT_OK
    return result


def _ledger_files(data_dir: Path, files: Sequence[Path], ledger: Sequence[Path]) -> tuple[list[str], list[str]]:
    """The FILE arguments of fmt that are ledger files, and notices: pre-commit passes every changed YAML
    file, and a workflow or a pre-commit configuration is not the ledger's to lay out (nor is an excluded
    draft). A FILE that does not exist is a UsageError, as for validate."""
    from factledger.api.common import named_files
    from factledger.system import fs

    inside, notices = named_files(data_dir, files)
    ours = {fs.resolve(p) for p in ledger}
    chosen = [Path(f).as_posix() for f in inside if fs.resolve(Path(f)) in ours]
    others = [str(f) for f in inside if fs.resolve(Path(f)) not in ours]
    if others:
        notices.append(f"passed over {plural(len(others), 'file')} that the ledger does not read "
                       f"({', '.join(others[:3])}{' and more' if len(others) > 3 else ''})")
    return chosen, [n.replace("; the whole ledger is checked", "") for n in notices]


# -- rename ------------------------------------------------------------------------------------------

def rename(data_dir: Path, old: str, new: str, kind: str | None = None, dry_run: bool = False) -> Edited:
    """Rename the ``kind`` (source, document, claim or assessment; inferred when ``old`` names one kind only)
    ``old`` to ``new`` in its definition and every reference."""
    from factledger.edit import rename as renaming
    from factledger.model.references import KINDS

    before = _loaded(data_dir)
    refuse_unreadable(before, "a rename")
    if kind is not None and kind not in KINDS:
        from factledger.text.suggest import did_you_mean

        raise UsageError(f"'{kind}' is not one of {', '.join(KINDS)}{did_you_mean(kind, KINDS)}",
                         option="--kind")
    chosen = kind or renaming.infer_kind(before.ledger, old)
    workspace = Workspace()
    done = renaming.rename(before.ledger, workspace, chosen, old, new)
    changes = engine.plan(workspace, done.edits)
    files = {e.file for e in done.edits}
    verb = "would rename" if dry_run else "renamed"
    said = [f"{verb} {chosen} '{done.old}' to '{new}': {plural(len(done.edits), 'edit')} in "
            f"{plural(len(files), 'file')}"]
    result = write("rename", changes, before, data_dir, dry_run, said, same=(done.old, old, new))
    result.notices += [f"{place}: '{old}' is written here but is not a reference the ledger could read, so it was "
                       "not renamed; fix the field and rename again" for place in done.missed]
    return result


# -- fix ---------------------------------------------------------------------------------------------

def fix(data_dir: Path, files: Sequence[Path] = (), unsafe: bool = False, dry_run: bool = False,
        policy: Any = None) -> Edited:
    """Apply every safe fix (and, with ``unsafe``, the unsafe ones too) of what validation reports (as
    ``policy`` selects, in ``files`` only when given; what a suppression accepts is left as it is); say what
    remains that only --unsafe-fixes would fix."""
    from factledger.api.common import load
    from factledger.edit.fixes import fixes

    before = _loaded(data_dir)
    diagnostics = load(data_dir, policy, list(files) or None, judge_checks=True).diagnostics
    workspace = Workspace()
    found = fixes(workspace, diagnostics)
    chosen = [f for f in found if f.safe or unsafe]
    held = [f for f in found if not f.safe and not unsafe]
    edits = [e for f in chosen for e in f.edits]
    changes = engine.plan(workspace, edits)
    verb = "would fix" if dry_run else "fixed"
    said = [f"{f.diagnostic.location}: {f.diagnostic.code} {verb}: {f.says}" for f in chosen]
    said.append(f"{verb} {plural(len(chosen), 'problem')}" + (f"; {len(held)} more with --unsafe-fixes"
                                                              if held else ""))
    result = write("fix", changes, before, data_dir, dry_run, said)
    result.notices += [f"{f.diagnostic.location}: {f.diagnostic.code} has an unsafe fix ({f.says}); "
                       "--unsafe-fixes applies it" for f in held]
    return result
