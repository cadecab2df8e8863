"""The hand-off to other engines: `export jsonl` (sorted, one claim per line, id first), the SQLite
export's full-text index and origins, the Datasette canned queries, and every query in docs/scale.md
run by DuckDB and SQLite against the exports of a fixture ledger."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from pathlib import Path

import pytest

from support import FIXTURES

ROOT = Path(__file__).resolve().parent.parent
CROWD = str(FIXTURES / "check" / "crowd-count")


@pytest.fixture
def exports(invoke, tmp_path: Path) -> dict[str, Path]:
    jsonl = tmp_path / "ledger.jsonl"
    database = tmp_path / "ledger.db"
    for fmt, target in (("jsonl", jsonl), ("sqlite", database)):
        result = invoke("export", fmt, "--data", CROWD, "-o", str(target))
        assert result.exit_code == 0, result.output
    return {"jsonl": jsonl, "sqlite": database}


def test_jsonl_is_one_claim_per_line_id_first_sorted_as_sort_does(invoke) -> None:
    shown = invoke("export", "jsonl", "--data", CROWD).stdout
    lines = shown.splitlines()
    whole = json.loads(invoke("export", "json", "--data", CROWD).stdout)
    assert len(lines) == len(whole["claims"])
    assert lines == sorted(lines, key=lambda line: line.encode("utf-8"))  # LC_ALL=C sort
    for line, claim in zip(lines, whole["claims"]):
        data = json.loads(line)
        assert line.startswith('{"id":')
        assert {k: data[k] for k in claim} == claim  # the claim as export json writes it, then more
    conflicts = [json.loads(line) for line in lines if '"kind":"conflict"' in line]
    assert {c["id"] for c in conflicts} == {"lab", "newspaper", "organisers", "police-revised"}


def test_sqlite_export_has_full_text_origins_and_canned_queries(exports, invoke) -> None:
    from factledger.export.datasette import QUERIES

    db = sqlite3.connect(exports["sqlite"])
    found = {row[0] for row in db.execute("select id from claims_fts where claims_fts match 'aerial'")}
    assert found == {"lab"}
    origins = dict(db.execute("select claim, independent_origins from claim_origins"))
    assert origins["wire-relay"] == 1
    results = {name: db.execute(q["sql"], {"words": "police"}).fetchall() for name, q in QUERIES.items()}
    assert len(results["conflicts"]) == 3
    assert {row[0] for row in results["superseded"]} == {"police-day", "wire-relay"}
    assert {row[1] for row in results["superseded"]} == {"police-revised"}
    assert "lab" in {row[0] for row in results["one_independent_origin"]}
    metadata = json.loads(invoke("export", "datasette", "--data", CROWD, "--database", "crowd").stdout)
    assert set(metadata["databases"]["crowd"]["queries"]) == set(QUERIES)


def _queries(engine: str) -> list[str]:
    text = (ROOT / "docs" / "scale.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sql\n-- ([a-z ]+)\n(.*?)```", text, re.S)
    chosen = [sql for label, sql in blocks if label.strip() == engine]
    assert chosen, engine
    return chosen


def _duckdb():
    duckdb = pytest.importorskip("duckdb")
    return duckdb


def test_the_duckdb_queries_over_jsonl_in_the_docs(exports) -> None:
    duckdb = _duckdb()
    conflicts, per_source = [duckdb.connect().sql(sql.replace("'ledger.jsonl'", f"'{exports['jsonl']}'")).fetchall()
                             for sql in _queries("duckdb jsonl")]
    assert conflicts == [("may-day-rally", "attendance", 3)]
    assert per_source[0] == ("CITY-POLICE", 4)


def _sqlite_extension(duckdb) -> str:
    """The sqlite extension from the duckdb-extension-sqlite-scanner package (DuckDB would download it)."""
    scanner = pytest.importorskip("duckdb_extension_sqlite_scanner",
                                  reason="the DuckDB sqlite extension package is only for Linux x86_64")
    return os.path.join(os.path.dirname(scanner.__file__), "extensions", f"v{duckdb.__version__}",
                        "sqlite_scanner.duckdb_extension")


def test_the_duckdb_queries_over_sqlite_in_the_docs(exports) -> None:
    duckdb = _duckdb()
    extension = _sqlite_extension(duckdb)
    results = []
    for sql in _queries("duckdb sqlite"):
        connection = duckdb.connect()
        connection.execute(f"LOAD '{extension}'")
        *setup, query = [s for s in sql.replace("'ledger.db'", f"'{exports['sqlite']}'").split(";") if s.strip()]
        for statement in setup:
            connection.execute(statement)
        results.append(connection.sql(query).fetchall())
    conflicts, per_source = results
    assert conflicts == [("may-day-rally", "attendance", 3)]
    assert per_source[0] == ("CITY-POLICE", 4)


def test_the_sqlite_query_in_the_docs(exports) -> None:
    (sql,) = _queries("sqlite")
    rows = sqlite3.connect(exports["sqlite"]).execute(sql).fetchall()
    assert {row[0] for row in rows} == {"injured", "wire-relay", "police-day", "police-revised"}


@pytest.mark.parametrize("given, name", [("ledger", "ledger"), ("x.db", "x"), ("out/x.sqlite", "x"), ("a b", "a b")])
def test_datasette_database_names_as_datasette_does(invoke, given: str, name: str) -> None:
    shown = json.loads(invoke("export", "datasette", "--data", CROWD, "--database", given).stdout)
    assert list(shown["databases"]) == [name]


def test_datasette_database_name_cannot_be_empty(invoke) -> None:
    result = invoke("export", "datasette", "--data", CROWD, "--database", " ")
    assert result.exit_code == 2
    assert "--database" in result.output


def test_one_independent_origin_leaves_out_a_corroborated_claim(invoke, tmp_path: Path) -> None:
    """The canned query's sentence, "these claims rest on one independent origin", must be false of a
    claim that two independent origins support: ua-1600 (UA-INTEL, and NIS with its director)."""
    from factledger.export.datasette import QUERIES

    database = tmp_path / "c.db"
    result = invoke("export", "sqlite", "--data", str(FIXTURES / "check" / "FL505-corroborated"), "-o", str(database))
    assert result.exit_code == 0, result.output
    db = sqlite3.connect(database)
    listed = {row[0] for row in db.execute(QUERIES["one_independent_origin"]["sql"])}
    assert "ua-1600" not in listed
    assert dict(db.execute("select claim, independent_origins from claim_origins"))["ua-1600"] >= 2
