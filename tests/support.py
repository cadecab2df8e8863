"""Paths the tests share. (Imported by test modules and conftest alike: importing conftest itself as a
module would load it a second time, with its fixtures and hooks.)"""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


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
