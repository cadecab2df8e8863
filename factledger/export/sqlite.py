"""`export sqlite`: the ledger as a SQLite database for sqlite3, Datasette and SQL.

Tables: sources, source_dependencies, documents, claims, claim_tags, claim_qualifiers, citations,
citation_via, relations, assessments, assessment_claims, reviews, review_appearances, findings,
finding_claims; primary and foreign keys, and indexes on what queries join
and filter on. References are spelt as the entries they point at declare them (the ledger is
loaded so), so foreign keys hold although source ids compare case-insensitively in the ledger.
:func:`fill_database` writes a fresh file; :func:`factledger.system.output.write_with` builds it beside
the target and moves it into place in one step, so a reader never sees half a database and a failed
export leaves the previous file as it was.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from factledger.check.findings import CheckResult
from factledger.model.entries import Claim, DateSpan, Ledger, Ref

if TYPE_CHECKING:
    from factledger.export.inputs import ExportInput

SCHEMA = """
PRAGMA foreign_keys = ON;
PRAGMA journal_mode = OFF;
CREATE TABLE sources (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT, reliability TEXT,
    part_of TEXT REFERENCES sources(id), url TEXT, notes TEXT
);
CREATE TABLE source_dependencies (
    source TEXT NOT NULL REFERENCES sources(id), depends_on TEXT NOT NULL REFERENCES sources(id),
    PRIMARY KEY (source, depends_on)
);
CREATE TABLE documents (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, publisher TEXT REFERENCES sources(id), url TEXT,
    published TEXT, retrieved TEXT, file TEXT, notes TEXT
);
CREATE TABLE claims (
    id TEXT PRIMARY KEY, statement TEXT NOT NULL, subject TEXT, property TEXT,
    value_kind TEXT, value_number REAL, value_low REAL, value_high REAL, value_unit TEXT, value_text TEXT,
    value_display TEXT, date TEXT, date_from TEXT, date_to TEXT, status TEXT NOT NULL, notes TEXT
);
CREATE TABLE claim_tags (
    claim TEXT NOT NULL REFERENCES claims(id), tag TEXT NOT NULL, PRIMARY KEY (claim, tag)
);
CREATE TABLE citations (
    claim TEXT NOT NULL REFERENCES claims(id), position INTEGER NOT NULL,
    source TEXT NOT NULL REFERENCES sources(id), document TEXT REFERENCES documents(id),
    quote TEXT, date TEXT, date_from TEXT, date_to TEXT, url TEXT, credibility INTEGER,
    PRIMARY KEY (claim, position)
);
CREATE TABLE citation_via (
    claim TEXT NOT NULL, position INTEGER NOT NULL, source TEXT NOT NULL REFERENCES sources(id),
    PRIMARY KEY (claim, position, source), FOREIGN KEY (claim, position) REFERENCES citations(claim, position)
);
CREATE TABLE relations (
    claim TEXT NOT NULL REFERENCES claims(id), relation TEXT NOT NULL CHECK (relation IN ('supports', 'disputes', 'supersedes')),
    target TEXT NOT NULL REFERENCES claims(id), PRIMARY KEY (claim, relation, target)
);
CREATE TABLE findings (
    id INTEGER PRIMARY KEY, code TEXT NOT NULL, kind TEXT NOT NULL, severity TEXT NOT NULL, message TEXT NOT NULL,
    subject TEXT, property TEXT, suggestion TEXT, qualifiers TEXT
);
CREATE TABLE finding_claims (
    finding INTEGER NOT NULL REFERENCES findings(id), position INTEGER NOT NULL,
    claim TEXT NOT NULL REFERENCES claims(id), PRIMARY KEY (finding, position)
);
CREATE TABLE claim_qualifiers (
    claim TEXT NOT NULL REFERENCES claims(id), key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (claim, key)
);
CREATE TABLE assessments (
    id TEXT PRIMARY KEY, verdict TEXT NOT NULL, subject TEXT, property TEXT, qualifiers TEXT,
    wrong TEXT REFERENCES claims(id), note TEXT, by TEXT, date TEXT
);
CREATE TABLE assessment_claims (
    assessment TEXT NOT NULL REFERENCES assessments(id), claim TEXT NOT NULL REFERENCES claims(id),
    PRIMARY KEY (assessment, claim)
);
CREATE TABLE reviews (
    id TEXT PRIMARY KEY, claim TEXT NOT NULL REFERENCES claims(id), by TEXT NOT NULL REFERENCES sources(id),
    verdict TEXT NOT NULL, rating_label TEXT, rating_value REAL, rating_best REAL, rating_worst REAL,
    rating_scale TEXT, url TEXT, date TEXT, headline TEXT, author TEXT, language TEXT, licence TEXT, notes TEXT,
    body TEXT
);
CREATE TABLE review_appearances (
    review TEXT NOT NULL REFERENCES reviews(id), document TEXT NOT NULL REFERENCES documents(id),
    PRIMARY KEY (review, document)
);
CREATE TABLE claim_origins (
    claim TEXT PRIMARY KEY REFERENCES claims(id), independent_origins INTEGER NOT NULL, withdrawn INTEGER NOT NULL
);
CREATE INDEX claims_question ON claims(subject, property);
CREATE INDEX reviews_claim ON reviews(claim);
CREATE INDEX reviews_by ON reviews(by);
CREATE INDEX claims_status ON claims(status);
CREATE INDEX citations_source ON citations(source);
CREATE INDEX citations_document ON citations(document);
CREATE INDEX relations_target ON relations(target);
CREATE INDEX findings_kind ON findings(kind);
CREATE INDEX finding_claims_claim ON finding_claims(claim);
CREATE INDEX sources_part_of ON sources(part_of);
"""  # noqa: E501 - SQLite keeps each CREATE as written (sqlite_master): rewrapped, the database's bytes change


_INT64 = 2**63


def _number(n: int | float | None) -> int | float | None:
    """SQLite integers are 64-bit; a larger whole number is stored as a REAL rather than refused."""
    if isinstance(n, int) and not -_INT64 <= n < _INT64:
        return float(n)
    return n


def _dates(span: DateSpan | None) -> tuple[str | None, str | None, str | None]:
    if span is None:
        return None, None, None
    first, last = span.first(), span.last()
    return str(span), first.isoformat() if first else None, last.isoformat() if last else None


def fill_database(ledger: Ledger, claims: list[Claim], checked: CheckResult | None, path: Path) -> None:
    """Create the database at ``path`` (where nothing exists yet).

    No rollback journal: the file is a temporary one that is thrown away whole if anything fails,
    so a journal would only leave a second file behind when the process is killed.
    """
    connection = sqlite3.connect(path)
    try:
        _fill(connection, ledger, claims, checked)
        connection.commit()
    finally:
        connection.close()


def _fill(db: sqlite3.Connection, ledger: Ledger, claims: list[Claim], checked: CheckResult | None) -> None:
    db.executescript(SCHEMA)

    def source(ref: Ref | None) -> str | None:
        return ref.id if ref is not None else None

    document = source  # references are spelt as their entries declare them (factledger.model.spelling)

    db.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
        (s.id, s.name, s.kind, s.country, s.reliability, source(s.part_of), s.url, s.notes) for s in ledger.sources])
    db.executemany("INSERT OR IGNORE INTO source_dependencies VALUES (?, ?)", [
        (s.id, source(r)) for s in ledger.sources for r in s.depends_on])
    db.executemany("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
        (d.id, d.title, source(d.publisher), d.url, str(d.published) if d.published else None,
         str(d.retrieved) if d.retrieved else None, d.file, d.notes) for d in ledger.documents])
    kept = {c.id for c in claims}
    rows = []
    for c in claims:
        v = c.value
        rows.append((c.id, c.statement, c.subject, c.property, v.kind if v else None,
                     _number(v.number) if v else None, _number(v.low) if v else None,
                     _number(v.high) if v else None, v.unit if v else None,
                     v.text if v and v.kind == "text"
                     else (("true" if v.flag else "false") if v and v.kind == "boolean" else None),
                     str(v) if v else None, *_dates(c.date), c.status, c.notes))
    db.executemany("INSERT INTO claims VALUES (" + ", ".join("?" * 16) + ")", rows)
    db.executemany("INSERT OR IGNORE INTO claim_tags VALUES (?, ?)", [(c.id, t) for c in claims for t in c.tags])
    db.executemany("INSERT INTO claim_qualifiers VALUES (?, ?, ?)",
                   [(c.id, k, v) for c in claims for k, v in sorted(c.qualifiers.items())])
    # The assessments of what the export holds (all their claims, or their question), as export json keeps them.
    questions = {c.question() for c in claims}
    for a in sorted(ledger.assessments, key=lambda a: a.id):
        if not ((a.question is not None and a.question in questions)
                or (a.claims and kept.issuperset(r.id for r in a.claims))):
            continue
        q = a.question
        db.execute("INSERT INTO assessments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (
            a.id, a.verdict, q.subject if q else None, q.property if q else None,
            json.dumps(dict(q.qualifiers)) if q and q.qualifiers else None,
            a.wrong.id if a.wrong and a.wrong.id in kept else None, a.note, a.by, str(a.date) if a.date else None))
        db.executemany("INSERT OR IGNORE INTO assessment_claims VALUES (?, ?)", [(a.id, r.id) for r in a.claims])
    reviews = [r for r in sorted(ledger.reviews, key=lambda r: r.id) if r.claim.id in kept]
    db.executemany("INSERT INTO reviews VALUES (" + ", ".join("?" * 17) + ")", [
        (r.id, r.claim.id, source(r.by), r.verdict, *((r.rating.label, r.rating.value, r.rating.best, r.rating.worst,
                                                      r.rating.scale) if r.rating else (None,) * 5),
         r.url, str(r.date) if r.date else None, r.headline, r.author, r.language, r.licence, r.notes, r.body)
        for r in reviews])
    db.executemany("INSERT OR IGNORE INTO review_appearances VALUES (?, ?)",
                   [(r.id, document(d)) for r in reviews for d in r.appearances])
    db.executemany("INSERT INTO citations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        (c.id, i, source(x.source), document(x.document), x.quote, *_dates(x.date), x.url, x.credibility)
        for c in claims for i, x in enumerate(c.citations, 1)])
    db.executemany("INSERT OR IGNORE INTO citation_via VALUES (?, ?, ?)", [
        (c.id, i, source(r)) for c in claims for i, x in enumerate(c.citations, 1) for r in x.via])
    # A relation to a claim left out by the filter would break its foreign key: it is left out too.
    db.executemany("INSERT OR IGNORE INTO relations VALUES (?, ?, ?)", [
        (c.id, relation, ref.id) for c in claims for relation, ref in c.relations() if ref.id in kept])
    _full_text(db, claims)
    if checked is not None:
        db.executemany("INSERT INTO claim_origins VALUES (?, ?, ?)", [
            (c.id, checked.independent_origins.get(c.id, 0), int(c.id in checked.withdrawn)) for c in claims])
        number = 0
        for f in checked.findings:
            if not kept.issuperset(f.claims):
                continue
            number += 1
            # The question's qualifiers (as a JSON object), so that a count is never read as a forecast.
            qualifiers = json.dumps(dict(f.question.qualifiers), ensure_ascii=False) if f.question is not None else None
            db.execute("INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (number, f.code, f.kind, f.severity.value, f.message, f.subject, f.property_name, f.suggestion,
                        qualifiers))
            db.executemany("INSERT INTO finding_claims VALUES (?, ?, ?)",
                           [(number, i, claim) for i, claim in enumerate(f.claims, 1)])


def _full_text(db: sqlite3.Connection, claims: list[Claim]) -> None:
    """claims_fts: an FTS5 index over each claim's statement and quotes (its rowid is the claims
    table's), so `MATCH 'NEAR(soldiers vladivostok)'` finds claims by their words, accents folded."""
    db.execute("CREATE VIRTUAL TABLE claims_fts USING fts5(id UNINDEXED, statement, quotes, "
               "tokenize = 'unicode61 remove_diacritics 2')")
    db.executemany("INSERT INTO claims_fts (id, statement, quotes) VALUES (?, ?, ?)", [
        (c.id, c.statement, "\n".join(x.quote for x in c.citations if x.quote)) for c in claims])


def export(given: ExportInput) -> Callable[[Path], None]:
    """`export sqlite`: a function that builds the database at the path it is given."""
    return lambda path: fill_database(given.ledger, given.claims, given.checked, path)
