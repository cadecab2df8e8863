"""A cross-check that gives again what a question's stages found last time, when the question's key
(check.reuse) is the same, finds exactly what a cross-check from scratch finds: over random sequences of
edits of every check fixture (a value, a date, a status, the sources cited, the question, a link, a source's
lineage, an assessment or a review gone, a claim moved, recorded again or deleted), each entry not edited kept as
the same object, as a language server keeps them."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from factledger.check.engine import Outcome, cross_check
from factledger.check.findings import CheckResult
from factledger.check.options import CheckOptions
from factledger.check.reuse import Reused
from factledger.model.entries import Claim, Ledger, Ref
from factledger.pipeline import load_ledger
from factledger.query.records import finding_data

from generate_ledger import generated_ledger
from support import FIXTURES

CHECKED = sorted(p for p in (FIXTURES / "check").iterdir() if p.is_dir())


def _said(result: CheckResult) -> list[Any]:
    """Everything a cross-check hands on, written out (the findings in their order)."""
    return [[repr(finding_data(f)) for f in result.findings], repr(result.questions), result.independent_origins,
            result.comparisons, [d.message for d in result.diagnostics], sorted(result.withdrawn),
            result.disowned, result.consistent_only, result.superseded_by()]


def _rebuilt(ledger: Ledger, **lists: list[Any]) -> Ledger:
    kept = {name: getattr(ledger, name) for name in ("sources", "documents", "claims", "assessments", "reviews",
                                                        "questions", "scales", "files")}
    return Ledger(**{**kept, **lists})


def _claim_edit(rng: random.Random, ledger: Ledger, claim: Claim) -> Claim | None:
    """One change of one claim, made of what the ledger holds elsewhere (so it stays a valid ledger's); None:
    the claim deleted."""
    other = rng.choice(ledger.claims)
    link = [Ref(other.id, claim.location)]
    edits = [
        lambda: replace(claim, value=other.value),
        lambda: replace(claim, date=other.date),
        lambda: replace(claim, status=rng.choice(["reported", "confirmed", "retracted", other.status])),
        lambda: replace(claim, citations=list(other.citations)),
        lambda: replace(claim, subject=other.subject, property=other.property, qualifiers=dict(other.qualifiers)),
        lambda: replace(claim, disputes=[*claim.disputes, *link]),
        lambda: replace(claim, supersedes=[*claim.supersedes, *link]),
        lambda: replace(claim, supports=[*claim.supports, *link]),
        lambda: replace(claim, disputes=[], supersedes=[], supports=[]),
        lambda: replace(claim, location=claim.location._replace(line=claim.location.line + 1000)),
        lambda: None,
    ]
    return rng.choice(edits)()


def _edited(rng: random.Random, ledger: Ledger) -> Ledger:
    """The ledger after one edit; every entry it does not change is the same object."""
    roll = rng.random()
    if roll < 0.7 and ledger.claims:
        i = rng.randrange(len(ledger.claims))
        changed = _claim_edit(rng, ledger, ledger.claims[i])
        claims = [*ledger.claims[:i], *([changed] if changed is not None else []), *ledger.claims[i + 1:]]
        return _rebuilt(ledger, claims=claims)
    if roll < 0.78 and ledger.claims:  # a claim recorded again under another id (a duplicated id is an error:
        twin = rng.choice(ledger.claims)  # a ledger with one is not cross-checked)
        copy = replace(twin, id=f"{twin.id}-again-{rng.randrange(1000)}", location=twin.location._replace(line=9999))
        return _rebuilt(ledger, claims=[*ledger.claims, copy])
    if roll < 0.9 and len(ledger.sources) > 1:  # a source's lineage
        i = rng.randrange(len(ledger.sources))
        other = rng.choice(ledger.sources)
        source = ledger.sources[i]
        changed = rng.choice([replace(source, part_of=Ref(other.id, source.location)),
                              replace(source, depends_on=[Ref(other.id, source.location)]),
                              replace(source, part_of=None, depends_on=[])])
        return _rebuilt(ledger, sources=[*ledger.sources[:i], changed, *ledger.sources[i + 1:]])
    if ledger.assessments and roll < 0.95:
        gone = rng.randrange(len(ledger.assessments))
        return _rebuilt(ledger, assessments=[a for i, a in enumerate(ledger.assessments) if i != gone])
    if ledger.reviews:
        gone = rng.randrange(len(ledger.reviews))
        return _rebuilt(ledger, reviews=[r for i, r in enumerate(ledger.reviews) if i != gone])
    return _rebuilt(ledger)


def _same_through_edits(ledger: Ledger, seed: int, steps: int, options: CheckOptions | None = None) -> int:
    """Edit ``ledger`` ``steps`` times at random; after each, the cross-check reusing the last one's questions
    must say what one from scratch says. Returns how many questions were reused (a test of reuse that never
    reuses proves nothing)."""
    rng = random.Random(seed)
    reused: Reused[Outcome] = Reused()
    hits = 0
    for step in range(steps):
        again = cross_check(ledger, options, reused)
        hits += reused.hits
        assert _said(again) == _said(cross_check(ledger, options)), (seed, step)
        ledger = _edited(rng, ledger)
    return hits


@pytest.mark.parametrize("folder", CHECKED, ids=lambda p: p.name)
def test_a_cross_check_reusing_unchanged_questions_finds_what_one_from_scratch_finds(folder: Path) -> None:
    ledger = load_ledger(folder).ledger
    hits = sum(_same_through_edits(ledger, seed, 12) for seed in range(3))
    many = sum(1 for c in ledger.claims if c.question() is not None and c.value is not None) > 1
    assert hits or not many, "no question was ever reused"


def test_on_a_generated_ledger_most_questions_are_reused_and_nothing_differs() -> None:
    ledger = generated_ledger(400, 40, sources=30)
    assert _same_through_edits(ledger, 7, 25, CheckOptions(window=3)) > 20 * 25


def test_another_check_option_is_another_key() -> None:
    ledger = load_ledger(FIXTURES / "check" / "FL521-narrow-gap").ledger
    reused: Reused[Outcome] = Reused()
    cross_check(ledger, CheckOptions(tolerance=0.1), reused)
    wider = cross_check(ledger, CheckOptions(tolerance=0.9), reused)
    assert reused.hits == 0
    assert _said(wider) == _said(cross_check(ledger, CheckOptions(tolerance=0.9)))


def test_a_supersession_cycle_broken_far_from_a_question_is_a_change_of_its_key(tmp_path: Path) -> None:
    """a supersedes b on one question; the cycle a → b → c → d → e → a runs through three other questions; d's
    link, which neither a's nor b's claims name, is removed: the cycle goes, and a's supersession of b (a is
    the later) counts."""
    links = {"a": "b", "b": "c", "c": "d", "d": "e", "e": "a"}
    questions = {"a": "deaths", "b": "deaths", "c": "injured", "d": "missing", "e": "displaced"}
    claims = "".join(f"  - id: {c}\n    statement: A figure.\n    subject: quake\n    property: {questions[c]}\n"
                     f"    value: {{exact: {100 + i}}}\n    date: 2024-10-0{9 - i}\n    sources: [{{source: NIS}}]\n"
                     f"    supersedes: [{links[c]}]\n" for i, c in enumerate(links))
    (tmp_path / "ledger.yaml").write_text("sources:\n  - id: NIS\n    name: National Intelligence Service\n"
                                          f"    kind: intelligence\nclaims:\n{claims}", encoding="utf-8")
    ledger = load_ledger(tmp_path).ledger
    reused: Reused[Outcome] = Reused()
    before = cross_check(ledger, None, reused)
    assert any(f.code == "FL510" for f in before.findings)
    broken = _rebuilt(ledger, claims=[replace(c, supersedes=[]) if c.id == "d" else c for c in ledger.claims])
    again = cross_check(broken, None, reused)
    assert _said(again) == _said(cross_check(broken, None))
    assert _said(again) != _said(before)


_TWO_STEPS = """\
sources:
  - {id: NIS, name: National Intelligence Service, kind: intelligence}
  - {id: UA, name: Ukrainian intelligence, kind: intelligence}
claims:
  - {id: a, statement: About 1,500., subject: nk, property: troops, value: {approx: 1500}, date: 2024-10-01,
     sources: [{source: NIS}]}
  - {id: b, statement: About 1,500., subject: nk, property: troops, value: {approx: 1500}, date: 2024-10-01,
     sources: [{source: NIS}]}
  - {id: r, statement: 900., subject: nk, property: troops, value: {approx: 900}, date: 2024-09-01,
     status: retracted, sources: [{source: UA}]}
  - {id: x, statement: None went., subject: nk, property: went, value: denied, date: 2024-10-05,
     sources: [{source: UA}], disputes: [a, r]}
"""


@pytest.mark.parametrize("added", [
    # y disputes x with x's own source: x is disowned, and no longer retracts r nor sets a apart
    "  - {id: y, statement: Never said., subject: nk, property: said, value: denied, date: 2024-10-06,\n"
    "     sources: [{source: UA}], disputes: [x]}\n",
    # a second claim with x's id, from another source: what x's id stands for changes
    "  - {id: x, statement: Other., subject: nk, property: other, value: yes, date: 2024-10-06,\n"
    "     sources: [{source: NIS}]}\n",
])
def test_a_claim_two_links_from_a_question_is_part_of_its_key(tmp_path: Path, added: str) -> None:
    """The troops question names x only through x's dispute of a and r; a claim that names x, or shares its
    id, changes what the question's stages read of x, so the question is checked again."""
    (tmp_path / "ledger.yaml").write_text(_TWO_STEPS, encoding="utf-8")
    before = load_ledger(tmp_path, cache=False).ledger
    (tmp_path / "ledger.yaml").write_text(_TWO_STEPS + added, encoding="utf-8")
    after = load_ledger(tmp_path, cache=False).ledger
    reused: Reused[Outcome] = Reused()
    cross_check(before, None, reused)
    again = cross_check(after, None, reused)
    assert _said(again) == _said(cross_check(after, None))
