"""Locations, the one problem interface, diagnostics and the exit-code policy.

Every problem factledger reports, a validation :class:`Diagnostic` or a cross-check
finding, is a :class:`Problem`: a code from the catalogue in :mod:`factledger.problems.catalogue`
(which gives its slug and default severity), a severity stored when it is made, a message
a person can act on, and the 1-based ``file:line:column`` places it is about. Renderers
that show problems (text, GitHub annotations, SARIF) take any Problem. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from factledger.problems.catalogue import CATALOGUE, Severity

# Named here too, where every face has always found them.
from factledger.problems.exits import EXIT_DATA as EXIT_DATA
from factledger.problems.exits import EXIT_OK as EXIT_OK
from factledger.problems.exits import EXIT_USAGE as EXIT_USAGE


class Location(NamedTuple):
    """A 1-based position in a ledger file (line 0: the file as a whole).

    A named tuple rather than a dataclass: a large ledger creates millions, and tuples are
    several times cheaper to create than frozen dataclasses.
    """

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


class Problem(Protocol):
    """What every reported problem has, diagnostic or finding."""

    @property
    def code(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def message(self) -> str: ...
    @property
    def slug(self) -> str: ...
    @property
    def locations(self) -> tuple[Location, ...]: ...


@dataclass(frozen=True)
class Diagnostic:
    """One problem in the ledger, located."""

    code: str
    message: str
    location: Location
    severity: Severity = field(default=Severity.ERROR)
    # What the message suggests writing instead at ``location`` (a field name, a code, an id), exactly:
    # what a fix writes (factledger.edit.fixes). None when it suggests nothing.
    suggestion: str | None = None

    @property
    def slug(self) -> str:
        return CATALOGUE[self.code].slug

    @property
    def locations(self) -> tuple[Location, ...]:
        return (self.location,)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.code, self.message)


def make(code: str, message: str, location: Location, suggestion: str | None = None) -> Diagnostic:
    """Build a diagnostic whose severity is the catalogue's for ``code``."""
    return Diagnostic(code, message, location, CATALOGUE[code].severity, suggestion)



class HasSeverity(Protocol):
    @property
    def severity(self) -> Severity: ...


def exit_code(problems: Iterable[HasSeverity], strict: bool = False) -> int:
    """0 when nothing fails, else 1: errors fail; with ``strict``, warnings too. Info never fails.

    The one policy for diagnostics and cross-check findings alike.
    """
    return EXIT_DATA if any(fails(d, strict) for d in problems) else EXIT_OK


def fails(problem: HasSeverity, strict: bool = False) -> bool:
    """Whether ``problem`` alone fails a run: an error; with ``strict``, a warning too."""
    return problem.severity == Severity.ERROR or strict and problem.severity == Severity.WARNING


def count_by_severity(diagnostics: Iterable[Diagnostic]) -> dict[str, int]:
    counts = {s.value: 0 for s in Severity}
    for d in diagnostics:
        counts[d.severity.value] += 1
    return counts
