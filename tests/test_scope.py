"""What a language server is told about some files is what the whole ledger's checks say about them: the
cross-check of the part those files' entries are compared with (check.scope), and the rules run on those
files only (a RuleContext's focus), find there exactly what checking everything finds there."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from factledger.check.findings import CheckResult
from factledger.load.result import LoadResult
from factledger.model.entries import Ledger
from factledger.pipeline import check_part, check_ledger, load_ledger
from factledger.query.records import claim_detail_data, finding_data
from factledger.query.views import claim_view

from generate_ledger import generated_ledger
from support import FIXTURES

CHECKED = sorted(p for p in (FIXTURES / "check").iterdir() if p.is_dir())
FILES = ("a.yaml", "b.yaml", "c.yaml")


def _split(ledger: Ledger, seed: int) -> Ledger:
    """The same entries, each moved to one of three files at random (the cross-check never reads a location,
    but for the findings' places): links, assessments and reviews now cross files."""
    rng = random.Random(seed)

    def moved(entry: Any) -> Any:
        where = entry.location
        return replace(entry, location=where._replace(file=rng.choice(FILES)))

    return Ledger(sources=ledger.sources, documents=ledger.documents, claims=[moved(c) for c in ledger.claims],
                  files=list(FILES), assessments=[moved(a) for a in ledger.assessments],
                  reviews=[moved(r) for r in ledger.reviews])


def _about(findings: list[Any], file: str) -> Counter[str]:
    return Counter(repr(finding_data(f)) for f in findings if any(loc.file == file for loc in f.locations))


def _views(ledger: Ledger, checked: CheckResult, file: str) -> list[dict[str, Any]]:
    return [claim_detail_data(claim_view(ledger, c, checked)) for c in ledger.claims if c.location.file == file]


def _valid(folder: Path) -> LoadResult:
    loaded = load_ledger(folder)
    assert not loaded.errors, (folder, loaded.errors[:3])
    return loaded


@pytest.mark.parametrize("folder", CHECKED, ids=lambda p: p.name)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_cross_check_of_the_part_a_file_needs_finds_what_the_whole_check_finds_there(folder: Path,
                                                                                          seed: int) -> None:
    ledger = _split(_valid(folder).ledger, seed)
    whole = check_ledger(ledger)
    assert whole.findings or folder.name.startswith("ok-"), "a fixture that finds nothing proves nothing"
    for file in FILES:
        part = check_part(ledger, [file])
        assert _about(part.findings, file) == _about(whole.findings, file), (folder.name, file)
        assert _views(ledger, part, file) == _views(ledger, whole, file), (folder.name, file)
    for claim in ledger.claims:  # one claim's part: what a hover on it shows
        part = check_part(ledger, claims=[claim.id])
        assert claim_detail_data(claim_view(ledger, claim, part)) == claim_detail_data(claim_view(ledger, claim, whole))


def test_on_a_generated_ledger_with_questions_in_files_and_links_across_them() -> None:
    ledger = generated_ledger(600, 40, sources=60)
    # Each question's claims in one file (as people keep them); supports links between the first six
    # questions cross between files (the generator links every question to the next: one chain).
    def question(claim: Any) -> int:
        return int(claim.property.rsplit("-", 1)[1])

    claims = [replace(c, location=c.location._replace(file=FILES[question(c) % 3]),
                      supports=c.supports if question(c) < 6 else []) for c in ledger.claims]
    ledger = Ledger(sources=ledger.sources, claims=claims, files=list(FILES))
    whole = check_ledger(ledger)
    for file in FILES:
        part = check_part(ledger, [file])
        assert len(part.findings) < len(whole.findings)  # the part is a part
        assert _about(part.findings, file) == _about(whole.findings, file), file
        assert _views(ledger, part, file) == _views(ledger, whole, file), file
