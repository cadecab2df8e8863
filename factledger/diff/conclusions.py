"""What a change does to the conclusions: the cross-check's findings that appear and disappear, and how
each question's current positions, camps and spread moved.

Findings are matched across the two ledgers by their kind and their claims (renames followed), never by
their wording or place: a conflict whose values changed but whose claims still conflict is the same
conflict; a finding about no claim (a stale assessment) is matched by its wording. Questions are matched
by their subject, property and qualifiers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol, TypeVar

from factledger.check.findings import Finding, QuestionSummary
from factledger.diff.match import unmatched
from factledger.diff.model import QuestionMove


class Keyed(Protocol):
    """What matching reads of a finding (a Finding, or one a child process sent: check.wire.Sent)."""

    @property
    def code(self) -> str: ...
    @property
    def claims(self) -> tuple[str, ...]: ...
    @property
    def message(self) -> str: ...


K = TypeVar("K", bound=Keyed)


def _key(finding: Keyed, renamed: Mapping[str, str]) -> tuple[object, ...]:
    claims = finding.claims
    if not claims:
        return finding.code, (), finding.message
    if renamed:
        claims = tuple(renamed.get(c, c) for c in claims)
    return finding.code, claims if len(claims) == 1 else tuple(sorted(claims))


def findings(old: list[K], new: list[Finding], renamed: Mapping[str, str]) -> tuple[list[Finding], list[K]]:
    """(the findings of ``new`` that ``old`` has not, those of ``old`` that ``new`` has not), each in its
    ledger's order; ``renamed``: claim ids of the old ledger → the new ledger's."""
    def plain(f: Finding) -> tuple[object, ...]:
        return _key(f, {})

    def mapped(f: K) -> tuple[object, ...]:
        return _key(f, renamed)

    return unmatched(old, mapped, new, plain)


def questions(old: list[QuestionSummary], new: list[QuestionSummary],
              renamed: Mapping[str, str]) -> list[QuestionMove]:
    """Each question whose positions, camps, spread or revisions moved, new or gone, in key order."""
    before = {q.key: q for q in old}
    after = {q.key: q for q in new}
    moved = []
    for key in sorted(before.keys() | after.keys()):
        a, b = before.get(key), after.get(key)
        if a is None and b is not None:
            moved.append(QuestionMove(key, "new", new_positions=list(b.positions),
                                      camps_added=[c.label for c in b.camps], new_spread=b.spread))
        elif b is None and a is not None:
            moved.append(QuestionMove(key, "gone", old_positions=_renamed(a.positions, renamed),
                                      camps_removed=[c.label for c in a.camps], old_spread=a.spread))
        elif a is not None and b is not None:
            move = _moved(a, b, renamed)
            if move is not None:
                moved.append(move)
    return moved


def _renamed(ids: list[str], renamed: Mapping[str, str]) -> list[str]:
    return [renamed.get(i, i) for i in ids]


def _moved(a: QuestionSummary, b: QuestionSummary, renamed: Mapping[str, str]) -> QuestionMove | None:
    """A camp is known by its claims (renames followed): one with the same claims whose words changed (a
    value revised, a source renamed), or one that gained or lost claims but kept others, is the same camp,
    said otherwise; a camp that shares no claim with any is new, or gone."""
    positions = _renamed(a.positions, renamed)
    old_camps = [(frozenset(_renamed(list(c.claims), renamed)), c.label) for c in a.camps]
    new_camps = [(frozenset(c.claims), c.label) for c in b.camps]
    superseded_a = {(renamed.get(x, x), renamed.get(y, y)) for x, y in a.superseded}
    superseded_b = set(b.superseded)
    added, removed, changed = _camps(old_camps, new_camps)
    if (sorted(positions) == sorted(b.positions) and not (added or removed or changed)
            and a.spread == b.spread and superseded_a == superseded_b):
        return None
    return QuestionMove(
        a.key, "changed", old_positions=positions, new_positions=list(b.positions), camps_added=added,
        camps_removed=removed, camps_changed=changed, old_spread=a.spread, new_spread=b.spread,
        superseded_added=sorted(superseded_b - superseded_a), superseded_removed=sorted(superseded_a - superseded_b))


Camps = list[tuple[frozenset[str], str]]  # each camp's claims and label


def _camps(old: Camps, new: Camps) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """(labels of new camps, of camps gone, (old, new) labels of camps said otherwise): camps with the same
    claims are paired first, then each remaining new camp with the remaining old one it shares most claims
    with."""
    left = list(old)
    pairs: list[tuple[tuple[frozenset[str], str], tuple[frozenset[str], str]]] = []
    unpaired = []
    for camp in new:
        same = next((o for o in left if o[0] == camp[0]), None)
        if same is not None:
            left.remove(same)
            pairs.append((same, camp))
        else:
            unpaired.append(camp)
    added = []
    for camp in unpaired:
        best = max(left, key=lambda o: len(o[0] & camp[0]), default=None)
        if best is not None and best[0] & camp[0]:
            left.remove(best)
            pairs.append((best, camp))
        else:
            added.append(camp[1])
    changed = [(o[1], n[1]) for o, n in pairs if o[1] != n[1]]
    return added, [label for _, label in left], changed
