"""Cross-check findings: what `factledger check` reports about how claims relate."""

from __future__ import annotations

from dataclasses import dataclass, field

from factledger.model.entries import QuestionKey
from factledger.problems.catalogue import CATALOGUE, Severity
from factledger.problems.diagnostics import Diagnostic, Location
from factledger.text.plural import plural


@dataclass(frozen=True)
class Side:
    """One claim as a finding shows it: enough to see a disagreement without opening the YAML."""

    claim: str
    sources: tuple[str, ...]
    date: str | None  # the claim's own date
    said: str | None  # when its sources said it, whenever its citations are dated
    value: str | None

    @property
    def when(self) -> str:
        if self.date:
            return self.date
        return f"said {self.said}" if self.said else "undated"

    def __str__(self) -> str:
        says = f": {self.value}" if self.value is not None else ""
        return f"{self.claim} ({', '.join(self.sources)}, {self.when}{says})"


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    claims: tuple[str, ...]
    sources: tuple[str, ...]
    subject: str | None
    property_name: str | None  # the question's property (not 'property', which would shadow the builtin here)
    locations: tuple[Location, ...]
    sides: tuple[Side, ...] = ()
    suggestion: str | None = None
    reason: str | None = None  # the message without the sides, for output that lists the sides itself
    questions: tuple[tuple[str | None, str | None], ...] = ()  # (subject, property) of each claim, for filters
    question: QuestionKey | None = None  # the question of all its claims, when they share one
    severity_override: Severity | None = None  # a project's configured severity for its code (factledger.api.config)

    @property
    def kind(self) -> str:
        return CATALOGUE[self.code].slug

    @property
    def slug(self) -> str:
        """The kind, as every problem names its slug (the one problem interface)."""
        return self.kind

    @property
    def severity(self) -> Severity:
        return self.severity_override or CATALOGUE[self.code].severity

    def sort_key(self) -> tuple[str, str, int, str, tuple[str, ...]]:
        return (self.subject or "\uffff", self.property_name or "\uffff", self.severity.rank, self.code, self.claims)


def ordered(findings: list[Finding]) -> list[Finding]:
    """Grouped by question, the questions with the most severe findings first, then most severe first
    within each question: an error is never listed below pages of information. A question is its
    qualifiers too: two regions' counts are two questions, each listed once under its own heading."""
    def group(f: Finding) -> tuple[str, str, tuple[tuple[str, str], ...]]:
        return f.subject or "\uffff", f.property_name or "\uffff", f.question.qualifiers if f.question else ()

    worst: dict[tuple[str, str, tuple[tuple[str, str], ...]], int] = {}
    for f in findings:
        worst[group(f)] = min(worst.get(group(f), 9), f.severity.rank)
    return sorted(findings, key=lambda f: (worst[group(f)], *group(f), *f.sort_key()[2:]))


# A question at a glance (the stage that builds it: .stages.camps) ----------------------------------

@dataclass(frozen=True)
class Camp:
    claims: tuple[str, ...]
    sources: tuple[str, ...]
    # what the camp's members said, by value: "CROWD-LAB 35,000–45,000 people, DAILY-NEWS ≥20,000 people".
    # Each source's own words, never the camp's common ground, which no one stated.
    label: str
    low: float | None = None  # where the camp's values all meet; None: open-ended, or not a number
    high: float | None = None
    scale: str = ""  # what the camp's values are compared on: a unit, "no unit", or "" for texts and booleans


@dataclass(frozen=True)
class Retraction:
    """A retracted claim of a question, as the question view lists it: never a position, always in view."""

    claim: str
    sources: tuple[str, ...]
    value: str
    date: str | None  # the claim's own date
    by: str | None = None  # the claim of its own source (or organisation) that disowns it, if the ledger has one
    by_sources: tuple[str, ...] = ()
    when: str | None = None  # when it was disowned: the disowning claim's citations' dates, else its date

    @property
    def disputed_by(self) -> str:
        """'disputed by its own source (LRC) in lrc-denies': true whether the source withdrew the figure or
        denied ever giving it."""
        return f"disputed by its own source ({', '.join(self.by_sources)}) in {self.by}"

    def __str__(self) -> str:
        said = f"{', '.join(self.sources)} {self.value}" + (f" ({self.date})" if self.date else "")
        if self.by is None:
            return f"{self.claim}: {said}, marked retracted"
        return f"{self.claim}: {said}, {self.disputed_by}" + \
            (f" ({self.when})" if self.when else "")


@dataclass(frozen=True)
class Earlier:
    """A position the camps leave out: of an earlier moment than a running total's latest, or an open bound
    that later figures have passed."""

    claim: str
    sources: tuple[str, ...]
    value: str
    date: str | None
    why: str  # "earlier moment" or "bound passed"

    def __str__(self) -> str:
        return f"{', '.join(self.sources)} {self.value} ({self.date or 'undated'})"


@dataclass
class QuestionSummary:
    key: QuestionKey
    claims: list[str]  # every claim on the question, retracted and disowned ones included
    positions: list[str]
    camps: list[Camp] = field(default_factory=list)
    superseded: list[tuple[str, str]] = field(default_factory=list)  # (older, newer)
    withdrawn: list[str] = field(default_factory=list)  # superseded by their own origin for the same time
    spread: str = ""  # from the lowest position to the highest, in words; '' when not one scale
    # pairs of positions that are consistent but do not corroborate each other (the first few) and how many
    consistent_only: list[tuple[str, str]] = field(default_factory=list)
    consistent_total: int = 0
    retracted: list[Retraction] = field(default_factory=list)
    disowned: list[Retraction] = field(default_factory=list)  # not marked retracted, but disputed by their own source
    # positions the camps leave out, with why: an open bound the question has moved past since, or on a running
    # total, a figure of an earlier moment (the count has grown since): one story over time, not another camp
    earlier: list[Earlier] = field(default_factory=list)
    cumulative: bool = False  # a running total (declared in the ledger's questions section)
    as_of: str | None = None  # a running total's camps: the time of its latest position

    @property
    def contested(self) -> bool:
        """Whether the current positions fall in two or more camps on one scale (different units never
        disagree: they are not compared)."""
        scales = [c.scale for c in self.camps]
        return len(scales) > len(set(scales))

    def counted(self) -> str:
        """'31 claims, 1 retracted': every claim on the question is counted, the retracted and disowned ones too."""
        retracted = f", {len(self.retracted)} retracted" if self.retracted else ""
        disowned = f", {len(self.disowned)} disowned" if self.disowned else ""
        return f"{plural(len(self.claims), 'claim')}{retracted}{disowned}"

    def notes(self) -> list[tuple[str, str]]:
        """What the camps leave out, as (label, text) lines: earlier figures, bounds passed, retracted claims."""
        found = []
        for why, label in (("earlier moment", "earlier figures (the count has grown since)"),
                           ("bound passed", "open bounds passed since (not in the camps)")):
            shown = ", ".join(str(e) for e in self.earlier if e.why == why)
            if shown:
                found.append((label, shown))
        found += [("retracted", str(r)) for r in self.retracted]
        found += [("disowned", str(r)) for r in self.disowned]
        return found

    def line(self) -> str:
        """The one-line summary: '3 camps: POLICE ≈18,000 | LAB, NEWS 35,000–45,000 | ORG >100,000'."""
        if not self.camps:
            return ""
        as_of = f" as of {self.as_of}" if self.as_of else ""
        if len({c for camp in self.camps for c in camp.claims}) == 1:
            return f"one position{as_of}: {self.camps[0].label}"
        if as_of:
            return f"{as_of.strip()}, {self._camps_line()}"
        return self._camps_line()

    def _camps_line(self) -> str:
        scales = list(dict.fromkeys(c.scale for c in self.camps))
        if len(scales) == 1:
            return _count(self.camps) + ": " + " | ".join(c.label for c in self.camps)
        # Values in different units are never compared: their camps are listed apart, each with its unit.
        parts = []
        for scale in scales:
            camps = [c for c in self.camps if c.scale == scale]
            where = "without a unit" if scale == "no unit" else f"in {scale}" if scale else "of other values"
            parts.append(f"{_count(camps)} {where}: "
                         + " | ".join(c.label for c in camps))
        return "; ".join(parts)

    def camp_of(self, claim_id: str) -> list[int]:
        return [i for i, camp in enumerate(self.camps) if claim_id in camp.claims]


def _count(camps: list[Camp]) -> str:
    return plural(len(camps), "camp")


# Kinds listed only with --all (they are counted in the summary either way).
QUIET_KINDS = frozenset({"uncorroborated", "corroborated"})

KINDS = tuple(c.slug for c in CATALOGUE.values() if c.stage == "check")


@dataclass
class CheckResult:
    """Every finding (sorted), plus per-claim facts that `show` needs."""

    findings: list[Finding]
    independent_origins: dict[str, int] = field(default_factory=dict)
    comparisons: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)  # FL900: a check that crashed
    questions: list[QuestionSummary] = field(default_factory=list)  # one per question
    withdrawn: set[str] = field(default_factory=set)  # claims superseded by a revision of the same time
    disowned: dict[str, str] = field(default_factory=dict)  # claims their own source disputes → the disputing claim
    # per claim, the claims consistent with it that do not corroborate it: the first few ids, and how many
    consistent_only: dict[str, tuple[list[str], int]] = field(default_factory=dict)

    def superseded_by(self) -> dict[str, tuple[str, ...]]:
        """Every superseded claim with the claims that superseded it, across questions (what charts mark)."""
        found: dict[str, tuple[str, ...]] = {}
        for question in self.questions:
            for older, newer in question.superseded:
                found[older] = found.get(older, ()) + (newer,)
        return found

    def summary_of(self, claim_id: str) -> QuestionSummary | None:
        """The summary of the question the claim is on, or None."""
        return next((q for q in self.questions if claim_id in q.claims), None)

    def counts(self, findings: list[Finding] | None = None) -> dict[str, int]:
        counts = {kind: 0 for kind in KINDS}
        for f in self.findings if findings is None else findings:
            counts[f.kind] += 1
        return counts

    def about(self, claim_id: str) -> list[Finding]:
        return [f for f in self.findings if claim_id in f.claims]
