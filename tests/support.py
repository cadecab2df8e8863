"""Paths the tests share. (Imported by test modules and conftest alike: importing conftest itself as a
module would load it a second time, with its fixtures and hooks.)"""

from __future__ import annotations

import dataclasses
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


def said(value: object) -> object:
    """What the loader read, without where it was written (locations, the lines a suppression covers) and
    with references by id: two ledgers that say the same give equal results. Written apart from the code
    under test (factledger.edit.formatting has its own)."""
    from factledger.model.entries import Ref
    from factledger.problems.diagnostics import Location

    if isinstance(value, Ref):
        return value.id
    if isinstance(value, Location):
        return None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        skip = {"location", "field_locations", "first_line", "last_line"}
        return {f.name: said(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name not in skip}
    if isinstance(value, (list, tuple)):
        return [said(v) for v in value]
    if isinstance(value, dict):
        return {k: said(v) for k, v in value.items()}
    return value


def html_report(data: Path, budget: object = None, title: str = "Fact ledger summary") -> str:
    """The HTML report of the ledger in ``data`` with a size budget of the test's choosing (the CLI always
    uses the default): the same use of the writer `export html` makes, every claim chosen."""
    from factledger.export.html.writer import render
    from factledger.export.inputs import ExportInput, ExportOptions
    from factledger.pipeline import check_ledger, load_ledger

    result = load_ledger(data)
    assert not result.errors, result.errors
    claims = sorted(result.ledger.claims, key=lambda c: c.id)
    given = ExportInput(result.ledger, claims, check_ledger(result.ledger), ExportOptions(title=title), "", "", data)
    return render(given, budget)  # type: ignore[arg-type]


def claim_review(n: int, label: str = "False", reviewer: str = "Checker", claimant: str = "Someone",
                 **extra: object) -> dict:
    """A ClaimReview as fact-checkers publish it (small, written here), numbered ``n``."""
    review = {"@type": "ClaimReview", "claimReviewed": f"Claim number {n}", "url": f"https://checks.example.net/{n}",
              "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": claimant}},
              "author": {"@type": "Organization", "name": reviewer},
              "reviewRating": {"@type": "Rating", "alternateName": label}}
    review.update(extra)
    return review


def importing_into(tmp_path: Path, monkeypatch: object) -> Path:
    """``tmp_path`` with an empty data folder, made the current directory, FACTLEDGER_DATA unset."""
    (tmp_path / "data").mkdir()
    monkeypatch.chdir(tmp_path)  # type: ignore[attr-defined]
    monkeypatch.delenv("FACTLEDGER_DATA", raising=False)  # type: ignore[attr-defined]
    return tmp_path
