"""The results of the commands that check, compare, write, import and export, and serve an editor: every
result type but the reading ones (:mod:`factledger.api.results`, which names these too, and loads this
module the first time one of them is asked for, so that a reading command never creates their classes).
Import them from :mod:`factledger.api.results`, as every other result type.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factledger.api.config import Setting
from factledger.api.results import Outcome
from factledger.model.entries import Document, QuestionKey, Source
from factledger.problems.diagnostics import Diagnostic, Problem

if TYPE_CHECKING:
    from factledger.api.results import ClaimShown
    from factledger.check.findings import CheckResult, Finding, QuestionSummary
    from factledger.diff.model import FieldChange, LedgerDiff
    from factledger.load.result import LoadResult
    from factledger.problems.catalogue import Code

# -- checking ----------------------------------------------------------------------------------

@dataclass
class CheckReport(Outcome):
    checked: CheckResult | None = None  # None when the ledger does not validate
    findings: list[Finding] = field(default_factory=list)  # the findings shown
    counts: dict[str, int] = field(default_factory=dict)  # by kind, of every finding matching the filters
    listed_all: bool = False
    problems: list[Diagnostic] = field(default_factory=list)  # crashed checks (FL900), if any


@dataclass
class QuestionsReport(Outcome):
    """One entry per question the filters select: its claims, positions, camps and findings."""

    questions: list[QuestionSummary] = field(default_factory=list)
    findings: dict[QuestionKey, list[Finding]] = field(default_factory=dict)
    checked: bool = True  # False when the ledger does not validate: its diagnostics are what to show
    reviews: dict[str, list[str]] = field(default_factory=dict)  # claim id → its reviews in a few words


# -- reviewing a change -------------------------------------------------------------------------

@dataclass
class DiffSide:
    """One of the two ledgers a diff compares: what it is called ('main (3f2a1c0b9e)', 'the working
    tree', a folder), its commit (None for a folder), its data directory, and how it loaded."""

    label: str
    commit: str | None
    data_dir: Path
    load: LoadResult
    checked: bool  # cross-checked (it validates)


@dataclass
class DiffReport(Outcome):
    """What changed between two ledgers (``diff``), and why the exit code is what it is: ``failing`` names
    each --fail-on condition the change meets ('new-conflict'), ``differs`` whether anything changed."""

    old: DiffSide | None = None
    new: DiffSide | None = None
    diff: LedgerDiff = field(default_factory=lambda: _diff_types().LedgerDiff())
    quiet: frozenset[str] = frozenset()  # kinds of finding counted but not listed (without --all)
    failing: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class HistoryEvent:
    """One commit that touched an entry: ``change`` is 'added', 'changed', 'renamed', 'removed' or 'moved'
    (to another file, its content the same); ``id`` the entry's id after the commit (before it, if removed)."""

    commit: str
    date: str
    author: str
    subject: str
    change: str
    id: str
    file: str
    line: int
    was: str | None = None  # renamed: the id before
    fields: tuple[FieldChange, ...] = ()
    moved_from: str | None = None  # moved: the file it was in


@dataclass
class History(Outcome):
    """The commits that touched one entry, newest first, following its renames."""

    id: str = ""
    section: str = ""
    start: str = ""  # the revision the history is read from ('HEAD (3f2a1c0b9e)')
    events: list[HistoryEvent] = field(default_factory=list)


# -- interchange -------------------------------------------------------------------------------

@dataclass
class Exported(Outcome):
    """What an export produced: ``text`` for standard output or a file, or ``fill``, which builds a
    file (a database) at the path it is given."""

    format: str = ""
    text: str | None = None
    fill: Callable[[Path], None] | None = None


@dataclass
class Imported(Outcome):
    text: str = ""  # the ledger YAML to write; empty when there is nothing to write
    summary: str = ""  # what was imported, refused and skipped, for a person
    target: Path | None = None  # the -o file the import read to merge into (None: not a file to replace)
    read: bytes | None = None  # its content as read (None: it did not exist), to refuse a file changed since


# -- writing -----------------------------------------------------------------------------------

@dataclass
class Edited(Outcome):
    """What a command that writes the ledger did (``written``), or, with --dry-run or --diff, would do: the
    files it changes (``changed``), the unified diff of them, what it says it did, and what it left alone."""

    command: str = ""
    written: bool = False
    changed: list[str] = field(default_factory=list)
    diff: str = ""
    show_diff: bool = False
    said: list[str] = field(default_factory=list)  # what was done (or would be), a line each
    left_alone: list[tuple[str, str]] = field(default_factory=list)  # files, and why not
    created: list[str] = field(default_factory=list)


# -- in an editor ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Place:
    """A stretch of a ledger file: 1-based lines and columns, in characters, the end not included."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Target:
    """An id written at a place: what it names (``kind``: source, document, claim, assessment, review)."""

    kind: str
    id: str
    place: Place
    defining: bool  # written as the entry's own id


@dataclass(frozen=True)
class Symbol:
    """An entry as an outline shows it."""

    kind: str  # source, document, claim, assessment, review
    name: str  # its id
    detail: str  # its name, title or statement
    place: Place  # the whole entry
    selection: Place  # its id


@dataclass(frozen=True)
class Offer:
    """A completion: what is written (``text``, in place of ``replace``), and what a person is shown of it."""

    label: str
    kind: str  # field, value, section, source, document, claim, assessment, subject, property, unit, tag, qualifier
    detail: str
    documentation: str
    text: str
    replace: Place


@dataclass
class Offers:
    """What may be written at a place."""

    items: list[Offer] = field(default_factory=list)
    incomplete: bool = False  # more would match: ask again as the word grows


@dataclass
class SourceShown(Outcome):
    """One source, with how many claims it originates (as `sources` counts them) and relays (``via``)."""

    source: Source | None = None
    originates: int = 0
    relays: int = 0


@dataclass
class Hovered:
    """What is under a cursor: a claim, a source or a document (or none), the problems located there, and the
    codes to explain."""

    place: Place | None = None
    target: Target | None = None
    claim: ClaimShown | None = None
    source: SourceShown | None = None
    document: Document | None = None
    problems: list[Problem] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.target or self.problems or self.codes)


@dataclass(frozen=True)
class Edit:
    """Replace the text at ``place`` (start = end: insert) with ``text``."""

    place: Place
    text: str


@dataclass
class Action:
    """A change an editor offers: its edits, the files it creates, and the problems it answers."""

    title: str
    edits: list[Edit] = field(default_factory=list)
    created: dict[str, str] = field(default_factory=dict)  # new files: path → text
    preferred: bool = False  # safe: what the ledger means after it is what the writer meant
    problems: list[Problem] = field(default_factory=list)


# -- the project -------------------------------------------------------------------------------

@dataclass
class ConfigShown:
    """What `factledger config` shows (rendered like every other result, by the format registry)."""

    file: str | None
    settings: list[Setting] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    exit_code: int = 0


@dataclass
class CacheState(Outcome):
    folder: str = ""
    current: str = ""  # this version's sub-folder (others are left by other versions, and never read)
    versions: list[str] = field(default_factory=list)
    files: int = 0
    bytes: int = 0
    limit: int = 0  # the most it may hold (FACTLEDGER_CACHE_SIZE); past it, the entries used longest ago go
    removed: int | None = None  # after clear: how many files were removed
    enabled: bool = True
    why_off: str | None = None


def _diff_types() -> Any:
    from factledger.diff import model

    return model
