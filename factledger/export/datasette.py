"""`export datasette`: a Datasette metadata file for the SQLite export, with canned queries an analyst
starts from (conflicts by question, claims resting on one independent origin, superseded claims, and
a full-text search of statements and quotes). `datasette ledger.db --metadata metadata.json`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factledger.export.inputs import ExportInput

QUERIES = {
    "conflicts": {
        "title": "Conflicts, by question",
        "description": "Contemporaneous claims on one question whose values cannot both be true (FL501).",
        "sql": "select f.subject, f.property, f.message, group_concat(fc.claim, ', ') as claims\n"
               "from findings f join finding_claims fc on fc.finding = f.id\n"
               "where f.kind = 'conflict'\ngroup by f.id\norder by f.subject, f.property, f.id",
    },
    "one_independent_origin": {
        "title": "Claims resting on one independent origin",
        "description": "However many sources cite them, every citation comes down to one origin.",
        "sql": "select c.id, c.statement, c.subject, c.property, c.value_display, c.date, c.status\n"
               "from claims c join claim_origins o on o.claim = c.id\n"
               "where o.independent_origins = 1\norder by c.subject, c.property, c.id",
    },
    "superseded": {
        "title": "Superseded claims",
        "description": "Claims a later claim of the same (or a dependent) origin updates, recorded or inferred.",
        "sql": "select older.claim as superseded, newer.claim as superseded_by, f.subject, f.property, f.message\n"
               "from findings f\n"
               "join finding_claims older on older.finding = f.id and older.position = 1\n"
               "join finding_claims newer on newer.finding = f.id and newer.position = 2\n"
               "where f.kind = 'superseded'\norder by f.subject, f.property, older.claim",
    },
    "search": {
        "title": "Search statements and quotes",
        "description": "Claims whose statement or quotes hold every word given, in any order and any case "
                       "(punctuation is ignored: NL-Alert finds 'NL Alert'). Words are searched as words: "
                       "nothing typed is read as search syntax.",
        # Each word the person typed is quoted as an FTS5 string (a " in it doubled), so that a hyphen,
        # a comma, a colon or AND/OR/NEAR is never read as FTS5 syntax; a quoted string of several
        # tokens (NL-Alert) is a phrase. Runs of spaces give empty strings, which FTS5 passes over.
        "sql": "select c.id, c.statement, c.subject, c.property, c.value_display, c.date\n"
               "from claims_fts join claims c on c.id = claims_fts.id\n"
               "where claims_fts match '\"' || replace(replace(trim(:words), '\"', '\"\"'), ' ', '\" \"') || '\"'\n"
               "order by rank",
    },
}


def metadata(database: str, title: str) -> dict[str, object]:
    return {
        "title": title,
        "databases": {database: {
            "description": "A factledger export: sources, documents, claims, citations, relations, findings.",
            "queries": QUERIES,
        }},
    }


def export(given: ExportInput) -> str:
    from factledger.formats.writers import to_json

    return to_json(metadata(given.options.database, given.options.title))
