"""`export csv`: one row per claim (the columns of every CSV factledger writes), by id."""

from __future__ import annotations

from factledger.export.inputs import ExportInput
from factledger.formats.writers import to_csv
from factledger.query.records import CLAIM_CSV_COLUMNS, claim_row
from factledger.query.views import review_note, reviews_by_claim


def export(given: ExportInput) -> str:
    """``file`` inside the data directory, so the bytes do not depend on where it runs."""
    relative_to = given.data_dir.as_posix()
    reviews = reviews_by_claim(given.ledger)
    return to_csv(CLAIM_CSV_COLUMNS, [claim_row(c, relative_to, [review_note(r) for r in reviews.get(c.id, [])])
                                      for c in given.claims])
