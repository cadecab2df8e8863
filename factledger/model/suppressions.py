"""Inline suppressions: ``# factledger: ignore[FL115]`` (codes or slugs, one or more, comma-separated), as a
trailing comment on an entry's first line (``- id: ...``) or alone on the line just above the entry,
accepts those codes for that entry: the validation diagnostics located in it and the cross-check
findings about it. A suppression that suppresses nothing (its problem was fixed, a code is mistyped, it is
beside no entry) is itself reported (FL013), so that it cannot hide the next problem unseen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from factledger.problems.catalogue import BY_SLUG, CATALOGUE
from factledger.problems.diagnostics import Diagnostic, Location, Problem, make

DIRECTIVE = re.compile(r"(?:^|#)\s*factledger:\s*ignore(?:\[([^\]]*)\])?", re.IGNORECASE)
P = TypeVar("P", bound=Problem)


@dataclass(slots=True)
class Suppression:
    """One suppression comment: the codes it names as written, where its ``#`` is, the text of the comment
    (to the end of its line), and the lines of the entry it speaks for (0, 0: beside no entry)."""

    codes: tuple[str, ...]
    location: Location
    comment: str
    first_line: int = 0
    last_line: int = 0
    entry: str = ""  # the entry's label ("claim 'c1'"), for messages

    def covers(self, location: Location) -> bool:
        return (location.file == self.location.file and self.first_line > 0
                and self.first_line <= location.line <= self.last_line)


def code_of(written: str) -> str | None:
    """The catalogue's code a suppression names (a code, any case, or a slug), or None."""
    upper = written.strip().upper()
    if upper in CATALOGUE:
        return upper
    found = BY_SLUG.get(written.strip().lower())
    return found.code if found is not None else None


def parse_directive(comment: str) -> tuple[str, ...] | None:
    """The codes a comment names (as written), () when it names none, None when it is no suppression."""
    match = DIRECTIVE.search(comment)
    if match is None:
        return None
    return tuple(c.strip() for c in (match.group(1) or "").split(",") if c.strip())


def apply(problems: Iterable[P], suppressions: Sequence[Suppression], used: set[tuple[int, str]]) -> list[P]:
    """The problems no suppression accepts; each (suppression's index, code) that accepted one is added to ``used``."""
    if not suppressions:
        return list(problems)
    kept = []
    for problem in problems:
        accepted = False
        for index, suppression in enumerate(suppressions):
            if problem.code in {code_of(c) for c in suppression.codes} and any(
                    suppression.covers(place) for place in problem.locations):
                used.add((index, problem.code))
                accepted = True
        if not accepted:
            kept.append(problem)
    return kept


def unused(suppressions: Sequence[Suppression], used: set[tuple[int, str]], stage: str) -> list[Diagnostic]:
    """FL013 for each suppression naming a code of ``stage`` (validate or check: the one just run) that
    accepted nothing; and, with validate's, for one naming a code that does not exist or beside no entry."""
    found = []
    for index, suppression in enumerate(suppressions):
        written = suppression.codes
        wrong = [c for c in written if code_of(c) is None] if stage == "validate" else []
        idle = [c for c in written if c not in wrong and code_of(c) is not None
                and CATALOGUE[code_of(c) or ""].stage == stage and (index, code_of(c)) not in used]
        where = suppression.location
        if stage != "validate" and (suppression.first_line == 0 or not written):
            continue
        if suppression.first_line == 0:
            found.append(make("FL013", "this suppression is beside no entry, so it suppresses nothing: put it at the "
                                       "end of an entry's first line or alone on the line just above it", where, ""))
        elif not written:
            found.append(make("FL013", "this suppression names no code: write ignore[CODE], with the code or slug "
                                       "to accept (factledger codes lists them)", where, ""))
        elif wrong or idle:
            said = "; ".join([*(f"'{c}' is not a code (factledger codes lists them)" for c in wrong),
                              *(f"{c} is not reported on {suppression.entry or 'this entry'}" for c in idle)])
            left = [c for c in written if c not in wrong and c not in idle and (stage == "validate" or (
                index, code_of(c)) in used or CATALOGUE[code_of(c) or ""].stage != stage)]
            what = "it suppresses nothing" if len(wrong) + len(idle) == 1 else "they suppress nothing"
            found.append(make("FL013", f"{said}: {what}", where, _without(suppression, left)))
    return found


def _without(suppression: Suppression, left: list[str]) -> str:
    """The comment with only the codes ``left`` (nothing, when none is: the comment is removed)."""
    if not left:
        return ""
    return DIRECTIVE.sub(lambda m: m.group(0)[: m.group(0).lower().index("ignore")] + f"ignore[{', '.join(left)}]",
                         suppression.comment, count=1)
