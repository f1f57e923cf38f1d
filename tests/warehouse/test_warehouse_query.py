"""run_sql refuses anything that could change state before executing it; read helpers return typed rows."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from warehouse.db import connect_reader, connect_writer
from warehouse.load import load_batch, start_run
from warehouse.query import WriteRefused, article_facts, run_sql, table_counts


@pytest.fixture
def loaded_db(db_path: Path, make_article, make_fact) -> Path:
    """A closed database holding one article (c001, two facts) and one article without facts (c002)."""
    article = make_article("c001", "Revenue was $5 billion, up 12% on last year.")
    with connect_writer(db_path) as con:
        start_run(con, "run-1", None, ["articles"])
        load_batch(con, "run-1", [article, make_article("c002", "No figures.")], [
            make_fact(article, "12%", metric="growth_rate", value=12, unit="percent"),
            make_fact(article, "$5 billion", value=5e9),
        ], [])
    return db_path


REFUSED_STATEMENTS = {
    "insert": "INSERT INTO runs (run_id, started_at, status) VALUES ('x', now(), 'running')",
    "update": "UPDATE facts SET value = 0",
    "delete": "DELETE FROM facts",
    "truncate": "TRUNCATE facts",
    "merge": "MERGE INTO facts USING facts AS s ON facts.fact_id = s.fact_id WHEN MATCHED THEN DELETE",
    "drop": "DROP TABLE facts",
    "create": "CREATE TABLE extra (x INTEGER)",
    "create_view": "CREATE VIEW v AS SELECT 1",
    "create_macro": "CREATE MACRO twice(x) AS x * 2",
    "alter": "ALTER TABLE facts ADD COLUMN extra INTEGER",
    "comment_on": "COMMENT ON TABLE facts IS 'x'",
    "attach": "ATTACH 'other.duckdb' AS other",
    "detach": "DETACH other",
    "copy_to": "COPY facts TO '{tmp}/leak.csv'",
    "copy_from": "COPY facts FROM '{tmp}/in.csv'",
    "export_database": "EXPORT DATABASE '{tmp}/export'",
    "import_database": "IMPORT DATABASE '{tmp}/export'",
    "install": "INSTALL httpfs",
    "load": "LOAD httpfs",
    "update_extensions": "UPDATE EXTENSIONS",
    "pragma_setting": "PRAGMA enable_profiling",
    "pragma_assignment": "PRAGMA threads = 1",
    "set": "SET threads = 1",
    "set_variable": "SET VARIABLE x = 1",
    "reset": "RESET threads",
    "use": "USE memory",
    "call": "CALL pragma_version()",
    "checkpoint": "CHECKPOINT",
    "force_checkpoint": "FORCE CHECKPOINT",
    "vacuum": "VACUUM",
    "transaction": "BEGIN TRANSACTION",
    "prepare": "PREPARE p AS SELECT 1",
    "explain_analyze_write": "EXPLAIN ANALYZE DELETE FROM facts",
    "explain_write": "EXPLAIN DROP TABLE facts",
    "multiple_statements": "SELECT 1; DROP TABLE facts",
    "two_selects": "SELECT 1; SELECT 2",
    "comment_hidden_write": "/* looks harmless */ -- still\nDELETE FROM facts",
}


@pytest.mark.parametrize("sql", list(REFUSED_STATEMENTS.values()), ids=list(REFUSED_STATEMENTS))
def test_state_changing_sql_is_refused_before_execution(loaded_db: Path, tmp_path: Path, sql: str) -> None:
    with connect_reader(loaded_db) as con:
        before = table_counts(con)
    with pytest.raises(WriteRefused, match="refused") as refusal:
        run_sql(loaded_db, sql.format(tmp=tmp_path))
    assert "Nothing was executed" in str(refusal.value)
    assert not (tmp_path / "leak.csv").exists() and not (tmp_path / "export").exists()
    with connect_reader(loaded_db) as con:
        assert table_counts(con) == before


def test_refusal_names_the_statement_kind(loaded_db: Path) -> None:
    with pytest.raises(WriteRefused, match="refused: DELETE statement"):
        run_sql(loaded_db, "delete from facts")


def test_refusal_happens_before_the_database_is_opened(tmp_path: Path) -> None:
    with pytest.raises(WriteRefused):
        run_sql(tmp_path / "missing.duckdb", "DROP TABLE facts")


def test_empty_sql_is_an_error(loaded_db: Path) -> None:
    with pytest.raises(ValueError, match="no SQL statement"):
        run_sql(loaded_db, "  ;  ")


ALLOWED_QUERIES = {
    "select": ("SELECT metric, value FROM facts ORDER BY value", 2),
    "with": ("WITH f AS (SELECT * FROM facts) SELECT count(*) FROM f", 1),
    "values": ("VALUES (1, 'a'), (2, 'b')", 2),
    "from_first": ("FROM facts SELECT metric", 2),
    "describe": ("DESCRIBE facts", None),
    "show_tables": ("SHOW TABLES", None),
    "summarize": ("SUMMARIZE facts", None),
    "explain": ("EXPLAIN SELECT * FROM facts", None),
    "explain_analyze_select": ("EXPLAIN ANALYZE SELECT * FROM facts", None),
    "pragma_table_info": ("PRAGMA table_info('facts')", None),
    "leading_comment": ("-- how many?\nSELECT count(*) FROM articles;", 1),
    "public_evaluation_query": (
        "SELECT a.name AS article, f.metric, f.value, f.value_high, f.unit, f.qualifier, f.subject, "
        "f.geography, f.period, f.forecast, f.source, f.text FROM facts f JOIN articles a USING (article_id)",
        2,
    ),
}


@pytest.mark.parametrize(("sql", "expected_rows"), list(ALLOWED_QUERIES.values()), ids=list(ALLOWED_QUERIES))
def test_read_only_queries_run(loaded_db: Path, sql: str, expected_rows: int | None) -> None:
    column_names, rows = run_sql(loaded_db, sql)
    assert column_names
    assert rows
    if expected_rows is not None:
        assert len(rows) == expected_rows


def test_select_returns_column_names_and_typed_rows(loaded_db: Path) -> None:
    column_names, rows = run_sql(loaded_db, "SELECT metric, value, subject, forecast FROM facts ORDER BY value")
    assert column_names == ["metric", "value", "subject", "forecast"]
    assert rows == [("growth_rate", 12.0, ["AWS"], False), ("revenue", 5e9, ["AWS"], False)]


@pytest.mark.parametrize("sql", [
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('/etc/hostname')",
    "SELECT * FROM glob('/etc/*')",
])
def test_file_access_from_queries_is_disabled(loaded_db: Path, sql: str) -> None:
    with pytest.raises(duckdb.PermissionException):
        run_sql(loaded_db, sql)


def test_article_facts_returns_current_version_ordered_with_body(loaded_db: Path) -> None:
    facts = article_facts(loaded_db, "c001")
    assert [fact["text"] for fact in facts] == ["$5 billion", "12%"]
    for fact in facts:
        assert fact["body"][fact["start_char"]:fact["end_char"]] == fact["text"]
        assert fact["name"] == "c001"
    assert facts[0]["subject"] == ["AWS"] and facts[0]["forecast"] is False


def test_article_facts_of_article_without_facts_is_empty(loaded_db: Path) -> None:
    assert article_facts(loaded_db, "c002") == []


def test_article_facts_of_unknown_name_raises(loaded_db: Path) -> None:
    with pytest.raises(LookupError, match="no article named 'c999'"):
        article_facts(loaded_db, "c999")
