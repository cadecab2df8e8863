"""The diff for people: one summary line (the same words in every human format), then the entries, then
the conclusions, then the validation problems. Ledger text is made safe before it is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factledger.api.results import SECTIONS, EntryChange, Finding, QuestionMove
from factledger.diff.model import SINGULAR
from factledger.render.human import diagnostic_line, finding_block
from factledger.render.lines import Lines, Span
from factledger.text.escapes import safe, shorten
from factledger.text.plural import counted

if TYPE_CHECKING:
    from factledger.api.results import DiffReport, History

MARK = {"added": "+", "removed": "-", "changed": "~", "renamed": ">"}


def _changes(report: DiffReport) -> list[str]:
    """The entries that changed, by kind: '1 claim added', '3 sources (1 added, 2 renamed)'."""
    parts = []
    for section, counts in report.diff.counts().items():
        done = {change: n for change, n in counts.items() if n}
        total = sum(done.values())
        if len(done) == 1:
            (change, n), = done.items()
            parts.append(f"{counted(n, SINGULAR[section])} {change}")
        elif done:
            each = ", ".join(f"{n:,} {c}" for c, n in done.items())
            parts.append(f"{counted(total, SINGULAR[section])} ({each})")
    return parts


def _kinds(findings: list[Finding]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.kind] = counts.get(f.kind, 0) + 1
    return counts


def headline(report: DiffReport) -> list[str]:
    """What matters most first: a side that no longer validates, conflicts opened and resolved, new
    problems; then the entries; then the other findings and the problems fixed."""
    diff, old, new = report.diff, report.old, report.new
    assert old is not None and new is not None
    parts = []
    if not new.checked and old.checked:
        parts.append(f"{new.label} does not validate ({counted(len(new.load.errors), 'error')})")
    elif not new.checked:
        parts.append(f"neither side validates ({counted(len(new.load.errors), 'error')} in {new.label})")
    # Kinds listed only with --all are not named here either: every new claim from one source is uncorroborated.
    appeared = _kinds([f for f in diff.conclusions.appeared if f.kind not in report.quiet])
    gone = _kinds([f for f in diff.conclusions.disappeared if f.kind not in report.quiet])
    if appeared.get("conflict"):
        parts.append(counted(appeared.pop("conflict"), "new conflict"))
    if gone.get("conflict"):
        parts.append(f"{counted(gone.pop('conflict'), 'conflict')} resolved")
    if diff.new_problems:
        parts.append(counted(len(diff.new_problems), "new validation problem"))
    parts += _changes(report)
    if appeared:
        parts.append(counted(sum(appeared.values()), "other finding") + " new")
    if gone:
        parts.append(counted(sum(gone.values()), "other finding") + " gone")
    moved = len(diff.conclusions.questions)
    if moved:
        parts.append(f"{counted(moved, 'question')} moved")
    if diff.fixed_problems:
        parts.append(f"{counted(len(diff.fixed_problems), 'validation problem')} fixed")
    return parts


def summary(report: DiffReport) -> str:
    """The one line that says what the change does: 'main (3f2a1c0b9e) → feature: 1 new conflict; 1 claim added'."""
    assert report.old is not None and report.new is not None
    parts = headline(report)
    return f"{report.old.label} → {report.new.label}: " + ("; ".join(parts) if parts else "no changes")


def question_line(move: QuestionMove) -> str:
    """'deaths / count: positions 3 → 4 (+health-agency); new camp HEALTH-AGENCY 3,958; spread now …'."""
    if move.status == "new":
        said = f"new question, {counted(len(move.new_positions), 'position')}"
        said += "".join(f"; camp {label}" for label in move.camps_added)
        return f"{move.key}: {said}"
    if move.status == "gone":
        return f"{move.key}: no longer asked (its {counted(len(move.old_positions), 'position')} gone)"
    parts = []
    old, new = move.old_positions, move.new_positions
    if sorted(old) != sorted(new):
        plus = [f"+{c}" for c in new if c not in old] + [f"-{c}" for c in old if c not in new]
        parts.append(f"positions {len(old)} → {len(new)} ({', '.join(plus)})")
    parts += [f"new camp {label}" for label in move.camps_added]
    parts += [f"camp gone {label}" for label in move.camps_removed]
    parts += [f"camp {old} now {new}" for old, new in move.camps_changed]
    if move.old_spread != move.new_spread:
        parts.append(f"spread now {move.new_spread}" if move.new_spread else "no spread now (one scale no more)")
    parts += [f"{older} superseded by {newer}" for older, newer in move.superseded_added]
    parts += [f"{older} no longer superseded by {newer}" for older, newer in move.superseded_removed]
    return f"{move.key}: " + "; ".join(parts)


def _one(text: str) -> str:
    return safe(shorten(text), keep_newlines=False)


def entry_lines(change: EntryChange) -> list[list[Span]]:
    """An entry change: a line with its mark, id and place, then its title or each field old → new."""
    where = f"  {change.location.file}:{change.location.line}" if change.location.file else ""
    head: list[Span] = [(f"  {MARK[change.change]} ", "bold")]
    if change.change == "renamed":
        head += [(_one(change.was or ""), "bold"), (" → ", ""), (_one(change.id), "bold")]
    else:
        head.append((_one(change.id), "bold"))
    head.append((_one(where + (" (where it was)" if change.change == "removed" else "")), "dim"))
    lines = [head]
    if change.title and change.change != "changed":
        lines.append([("      ", ""), (_one(change.title), "")])
    for f in change.fields:
        lines.append([("      ", ""), (_one(f.field), "bold"), (": ", ""), (_one(f.old_text), ""), (" → ", "dim"),
                      (_one(f.new_text), "")])
    if change.references:
        named = ", ".join(f"{SINGULAR[r.section]} {r.id} ({r.field})" for r in change.references)
        lines.append([("      ", ""), (_one(f"{counted(len(change.references), 'reference')} followed: {named}"),
                                       "dim")])
    return lines


def diff_text(report: DiffReport) -> Lines:
    diff = report.diff
    out = Lines(summary=0)
    mark: list[Span] = [("✗ ", "bold red")] if report.exit_code else []
    out.add(*mark, (_one(summary(report)), "bold"))
    for section in SECTIONS:
        chosen = [e for e in diff.entries if e.section == section]
        if chosen:
            out.add()
            out.add((section, "bold underline"))
            for change in chosen:
                out.lines += entry_lines(change)
    _conclusions(report, out)
    if diff.new_problems or diff.fixed_problems:
        out.add()
        out.add(("validation problems", "bold underline"))
        out.lines += [[("  + ", "bold"), *diagnostic_line(d)] for d in diff.new_problems]
        out.lines += [[("  fixed ", "dim"), *diagnostic_line(d)] for d in diff.fixed_problems]
    return out


def _conclusions(report: DiffReport, out: Lines) -> None:
    conclusions = report.diff.conclusions
    if not conclusions.compared:
        out.add()
        out.add(("conclusions", "bold underline"))
        out.add(("  ", ""), (_one(conclusions.why_not or ""), "italic"))
        return
    blocks = [("new findings", conclusions.appeared), ("findings gone", conclusions.disappeared)]
    if not (conclusions.appeared or conclusions.disappeared or conclusions.questions):
        return
    out.add()
    out.add(("conclusions", "bold underline"))
    for move in conclusions.questions:
        out.add(("  ", ""), (_one(question_line(move)), ""))
    for title, findings in blocks:
        shown = [f for f in findings if f.kind not in report.quiet]
        if shown:
            out.add(("  ", ""), (title, "bold"))
            for f in shown:
                out.lines += finding_block(f, indent="    ")
        hidden = _kinds([f for f in findings if f.kind in report.quiet])
        if hidden:
            out.add(("  ", ""), (f"{title}: " + ", ".join(f"{k}: {n:,}" for k, n in hidden.items())
                                 + " (--all lists them)", "dim"))


def history_text(history: History) -> Lines:
    """A block per commit, newest first: the commit, its date and author, what happened, and its subject."""
    out = Lines()
    out.add((_one(f"{SINGULAR.get(history.section, history.section)} {history.id}: "
                  f"{counted(len(history.events), 'commit')}, newest first (from {history.start})"), "bold"))
    for event in history.events:
        out.add()
        what = {"renamed": f"renamed from {event.was}", "moved": f"moved from {event.moved_from}"}.get(
            event.change, event.change)
        out.add((event.commit[:10], "yellow"), (_one(f"  {event.date[:10]}  {event.author}  "), ""),
                (_one(what), "bold"), (_one(f"  {event.file}:{event.line}" if event.file else ""), "dim"))
        out.add(("    ", ""), (_one(event.subject), "italic"))
        for f in event.fields:
            out.add(("    ", ""), (_one(f.field), "bold"), (": ", ""), (_one(f.old_text), ""), (" → ", "dim"),
                    (_one(f.new_text), ""))
    return out
