"""The report's size budget: what a page may hold and still open at once, and what it says it left out.

A report that hangs the browser shares nothing (MultiQC's lesson: a single-file report needs a budget,
and must say when it leaves something out). Up to ``details`` claims, everything is written into the
page (above ``rows`` claims, the claims table is drawn by the page's script a page at a time: a table of
thousands of rows is laid out again and again while it loads). Above that, each claim's detail is built
in the page from the embedded data when it is opened, only the most active questions are listed and
charted, and the most severe findings listed; every count stays whole, and the page says at the top
what it left out and how to get it.
"""

from __future__ import annotations

from dataclasses import dataclass

from factledger.text.plural import plural


@dataclass(frozen=True)
class Budget:
    rows: int = 1_000  # claims whose rows are written into the table; above, drawn by the script a page at a time
    page: int = 100  # ... rows to a page
    details: int = 10_000  # claims whose details are written into the page
    charts: int = 100  # above `details` claims: the questions with the most claims that are charted
    questions: int = 500  # ... the questions with the most claims that are listed in full
    findings: int = 1_000  # ... the findings listed (the most severe first); all are counted


@dataclass(frozen=True)
class Fit:
    """What the page holds of each part, against how many there are."""

    claims: int
    rows_written: bool  # False: the claims table is drawn by the page's script, a page at a time
    details_written: bool  # False: built in the page on demand
    questions: tuple[int, int]  # (listed, of)
    charts: tuple[int, int]
    findings: tuple[int, int]

    def notes(self, how: str) -> list[str]:
        """What was left out, in sentences, and ``how`` to get it; [] when nothing was."""
        said = []
        if not self.details_written:
            said.append(f"This report holds {plural(self.claims, 'claim', grouped=True)}: each claim's detail is "
                        "built when you open it, and so is each question and each kind of findings listed (choose "
                        "one in its list), rather than written into the page.")
        for (shown, total), what, chosen in ((self.questions, "question", "with the most claims"),
                                             (self.charts, "chart", "of the questions with the most claims"),
                                             (self.findings, "finding", "most severe first")):
            if shown < total:
                said.append(f"{plural(total, what, grouped=True)}: {shown:,} shown ({chosen}); all are counted.")
        return said + [how] if said else []


def fit(budget: Budget, claims: int, questions: int, charts: int, findings: int) -> Fit:
    """What a page of ``claims`` claims holds, within ``budget``."""
    if claims <= budget.details:
        return Fit(claims, claims <= budget.rows, True, (questions, questions), (charts, charts),
                   (findings, findings))
    return Fit(claims, False, False, (min(questions, budget.questions), questions),
               (min(charts, budget.charts), charts), (min(findings, budget.findings), findings))
