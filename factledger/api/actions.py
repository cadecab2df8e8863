"""Changes an editor offers, made by the engine every writing command uses (:mod:`factledger.edit`) and
returned as edits, never written here: renaming an id everywhere (``factledger rename``'s rules: a collision
is refused, every other byte kept), a problem's fix (``factledger fix``'s), a missing source created as a stub
in the sources file, and an assessment recorded for a conflict or a duplicate, its claims filled in.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from factledger.api.editing import refuse_unreadable
from factledger.api.live import LiveLedger
from factledger.api.navigation import target_at
from factledger.api.results import Action, Edit, Place
from factledger.edit import engine
from factledger.edit.append import insertion
from factledger.edit.engine import TextEdit, Workspace
from factledger.edit.fixes import fix_for
from factledger.load.result import LoadResult
from factledger.pipeline import load_ledger
from factledger.problems.diagnostics import Diagnostic, Problem
from factledger.problems.errors import UsageError
from factledger.schema.fields import CLAIM_ID, MAX_ID_LENGTH, SOURCE_ID
from factledger.text.escapes import clip

# Findings an assessment acknowledges, and the verdict its stub starts with.
ASSESSED = {"FL501": "known-discrepancy", "FL515": "known-discrepancy", "FL508": "different-measures",
            "FL519": "duplicate"}


def _given(live: LiveLedger) -> dict[str, bytes]:
    return {str(p): data for p, data in live.files.given.items()}


def _edits(made: list[TextEdit]) -> list[Edit]:
    return [Edit(Place(e.file, e.start[0], e.start[1], e.end[0], e.end[1]), e.text) for e in made]


# -- rename ---------------------------------------------------------------------------------------------

def renamable(live: LiveLedger, path: Path, line: int, column: int) -> Place:
    """The id at the cursor that a rename would change; a UsageError saying why there is none."""
    target = target_at(live, path, line, column)
    if target is None:
        raise UsageError("there is no id here to rename: put the cursor on a source, document, claim or "
                         "assessment id, where it is defined or referred to")
    if target.kind == "review":
        raise UsageError("a review's id is referred to by nothing: edit it where it is")
    return target.place


def rename(live: LiveLedger, path: Path, line: int, column: int, new: str) -> list[Edit]:
    """The edits that rename the id at the cursor to ``new`` in its definition and every reference, in every
    file (those the editor holds unsaved as it holds them); a UsageError when it cannot be done (a collision,
    a malformed id, a file that does not load whole, a result with an error the ledger did not have)."""
    from factledger.edit.rename import rename as renaming

    renamable(live, path, line, column)
    target = target_at(live, path, line, column)
    assert target is not None  # renamable found it
    given = _given(live)
    before = _afresh(live, given)
    refuse_unreadable(before, "a rename")
    workspace = Workspace(live.files.limit, given)
    done = renaming(before.ledger, workspace, target.kind, target.id, new)
    changes = engine.plan(workspace, done.edits)
    engine.checked(changes, before, lambda edited: _afresh(live, {**given, **{str(p): d for p, d in edited.items()}}),
                   (done.old, target.id, new))
    return _edits(done.edits)


def _afresh(live: LiveLedger, given: dict[str, bytes]) -> LoadResult:
    """The whole ledger loaded with these texts, as `factledger rename` loads it to check an edit."""
    return load_ledger(live.setup.data_dir, max_file_size=live.files.limit,
                       edited={Path(name): data for name, data in given.items()})


# -- code actions ---------------------------------------------------------------------------------------

def actions(live: LiveLedger, path: Path, first: int, last: int) -> list[Action]:
    """What can be done about the problems of ``path`` located on lines ``first`` to ``last``."""
    display = live.files.display(path)
    here = [p for p in live.problems(path)
            if any(loc.file == display and first <= loc.line <= last for loc in p.locations)]
    if not here:
        return []
    workspace = Workspace(live.files.limit, _given(live))
    found: list[Action] = []
    for problem in here:
        try:
            if isinstance(problem, Diagnostic):
                found += _fixes(workspace, problem)
                if problem.code == "FL202":
                    found += _source_stub(live, workspace, problem)
            elif problem.code in ASSESSED:
                found += _assessment_stub(live, workspace, problem, display)
        except (UsageError, ValueError):
            continue  # the text moved since it was checked: nothing is offered until it is checked again
    return found


def _fixes(workspace: Workspace, diagnostic: Diagnostic) -> list[Action]:
    fix = fix_for(workspace, diagnostic)
    if fix is None:
        return []
    how = "" if fix.safe else " (unsafe: it may change the meaning)"
    return [Action(f"Fix {diagnostic.code}: {fix.says}{how}", _edits(list(fix.edits)), preferred=fix.safe,
                   problems=[diagnostic])]


def _source_stub(live: LiveLedger, workspace: Workspace, diagnostic: Diagnostic) -> list[Action]:
    """FL202: the source it names created, with the fields a source needs, in the file that defines most."""
    written = workspace.scalar(diagnostic.location).value
    ledger = live.current.result.ledger
    if not SOURCE_ID.fullmatch(written) or len(written) > MAX_ID_LENGTH or ledger.source(written) is not None:
        return []
    counts = Counter(s.location.file for s in ledger.sources)
    file = counts.most_common(1)[0][0] if counts else str(live.setup.data_dir / "sources.yaml")
    entry = {"id": written, "name": written, "kind": "other"}
    return [_inserted(workspace, file, "sources", entry, f"Create the source '{clip(written)}' in "
                                                         f"{Path(file).name} (a stub: give its name and kind)",
                      diagnostic)]


def _assessment_stub(live: LiveLedger, workspace: Workspace, finding: Any, file: str) -> list[Action]:
    """A conflict or a duplicate: an assessment of its claims, recorded in this file."""
    claims = list(finding.claims)
    taken = {a.id for a in live.current.result.ledger.assessments}
    base = "-".join(claims[:2])[:MAX_ID_LENGTH - 4].strip("-._") or "assessment"
    chosen, n = base, 1
    while chosen in taken:
        n += 1
        chosen = f"{base}-{n}"
    if not CLAIM_ID.fullmatch(chosen):
        return []
    entry = {"id": chosen, "claims": claims, "verdict": ASSESSED[finding.code]}
    title = f"Record an assessment of {', '.join(clip(c, 30) for c in claims[:3])} ({ASSESSED[finding.code]})"
    return [_inserted(workspace, file, "assessments", entry, title, finding)]


def _inserted(workspace: Workspace, file: str, section: str, entry: dict[str, Any], title: str,
              problem: Problem) -> Action:
    original = workspace.original(file) if Path(file).exists() or file in workspace.given else None
    made, created = insertion(original, file, section, [entry])
    return Action(title, _edits(made), {file: created} if created is not None else {}, problems=[problem])
