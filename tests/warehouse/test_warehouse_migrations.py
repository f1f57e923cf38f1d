"""Migrations: applied in order, recorded, idempotent, transactional; old databases upgrade in place."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from warehouse.db import (
    DEFAULT_DB_PATH,
    MigrationError,
    connect_writer,
    discover_migrations,
    migrate,
    resolve_db_path,
)
from warehouse.load import load_batch, start_run
from warehouse.query import table_counts
from warehouse.sql_files import MIGRATIONS_DIR

FIRST_MIGRATION = MIGRATIONS_DIR / "001_initial_schema.sql"


def _column_types(con: duckdb.DuckDBPyConnection, table_name: str) -> dict[str, str]:
    """Column name -> DuckDB type of a table."""
    rows = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?", [table_name]
    ).fetchall()
    return dict(rows)


def _dir_with(tmp_path: Path, folder: str, files: dict[str, str]) -> Path:
    """A migrations folder holding the given file names and texts."""
    migrations_dir = tmp_path / folder
    migrations_dir.mkdir()
    for file_name, text in files.items():
        (migrations_dir / file_name).write_text(text, encoding="utf-8")
    return migrations_dir


def test_migrate_applies_all_records_them_and_is_idempotent(db_path: Path) -> None:
    all_versions = [migration.version for migration in discover_migrations(MIGRATIONS_DIR)]
    with duckdb.connect(str(db_path)) as con:
        assert migrate(con) == all_versions
        assert migrate(con) == []
        recorded = con.execute("SELECT version, name, applied_at FROM schema_migrations ORDER BY version").fetchall()
    assert [version for version, _, _ in recorded] == all_versions
    assert recorded[0][1] == "initial_schema"
    assert all(applied_at is not None for _, _, applied_at in recorded)


def test_connect_writer_twice_applies_nothing_new(db_path: Path) -> None:
    connect_writer(db_path).close()
    with connect_writer(db_path) as con:
        assert migrate(con) == []


def test_public_columns_have_the_contract_types(writer: duckdb.DuckDBPyConnection) -> None:
    articles = _column_types(writer, "articles")
    facts = _column_types(writer, "facts")
    for column in ("article_id", "name", "source_path", "title", "url", "outlet", "body"):
        assert articles[column] == "VARCHAR"
    assert articles["published"] == "DATE"
    assert articles["ingested_at"] == "TIMESTAMP"
    assert facts["subject"] == "VARCHAR[]"
    assert facts["forecast"] == "BOOLEAN"
    assert facts["value"] == facts["value_high"] == "DOUBLE"
    assert facts["start_char"] == facts["end_char"] == "INTEGER"
    assert facts["extracted_at"] == "TIMESTAMP"
    for column in ("fact_id", "article_id", "metric", "unit", "qualifier", "geography", "period",
                   "source", "segment", "growth_of", "text", "sentence", "rule"):
        assert facts[column] == "VARCHAR"
    assert _column_types(writer, "runs")["inputs"] == "VARCHAR[]"
    assert set(_column_types(writer, "rejects")) >= {"run_id", "source_path", "reason", "severity", "recorded_at"}


def insert_as_the_first_release(con: duckdb.DuckDBPyConnection, run_id: str, article: dict, fact: dict) -> None:
    """One article, its name and one fact, written with the columns of migration 001 only."""
    con.execute("INSERT INTO articles VALUES ($article_id, $name, $source_path, $title, $url, $outlet, $published, "
                "now()::TIMESTAMP, $body, $run_id)", {**article, "run_id": run_id})
    con.execute("INSERT INTO article_names VALUES ($article_id, $name, $source_path, now()::TIMESTAMP, "
                "now()::TIMESTAMP, $run_id)",
                {"article_id": article["article_id"], "name": article["name"],
                 "source_path": article["source_path"], "run_id": run_id})
    con.execute("INSERT INTO facts VALUES ('fact-1', $article_id, $metric, $value, NULL, $unit, $qualifier, $subject, "
                "NULL, $period, $forecast, NULL, $text, $start_char, $end_char, $sentence, $rule, now()::TIMESTAMP, "
                "$run_id)", {k: fact[k] for k in ("article_id", "metric", "value", "unit", "qualifier", "subject",
                                                   "period", "forecast", "text", "start_char", "end_char",
                                                   "sentence", "rule")} | {"run_id": run_id})


def test_database_made_by_001_only_upgrades_without_losing_rows(
    tmp_path: Path, db_path: Path, make_article, make_fact
) -> None:
    old_dir = _dir_with(tmp_path, "old", {FIRST_MIGRATION.name: FIRST_MIGRATION.read_text()})
    new_dir = tmp_path / "new"
    shutil.copytree(MIGRATIONS_DIR, new_dir)
    (new_dir / "900_fact_notes.sql").write_text(
        "ALTER TABLE facts ADD COLUMN note VARCHAR;\nCREATE INDEX facts_article_idx ON facts (article_id);\n"
    )
    article = make_article("c001", "Revenue was $5 billion.")
    with duckdb.connect(str(db_path)) as con:
        assert migrate(con, old_dir) == [1]
        start_run(con, "run-old", None, ["articles"])
        insert_as_the_first_release(con, "run-old", article, make_fact(article, "$5 billion", value=5e9))
        before = table_counts(con)

        later_versions = [m.version for m in discover_migrations(new_dir) if m.version > 1]
        assert migrate(con, new_dir) == later_versions
        assert table_counts(con) == before
        assert con.execute("SELECT value, note FROM facts").fetchall() == [(5e9, None)]

        second = make_article("c002", "Profit was $1 billion.")
        counts = load_batch(con, "run-old", [second], [make_fact(second, "$1 billion", metric="profit")], [])
        assert counts["facts_written"] == 1


def test_failed_migration_is_rolled_back_and_not_recorded(tmp_path: Path, db_path: Path) -> None:
    migrations_dir = _dir_with(tmp_path, "m", {
        FIRST_MIGRATION.name: FIRST_MIGRATION.read_text(),
        "002_broken.sql": "CREATE TABLE half_done (x INTEGER);\nALTER TABLE no_such_table ADD COLUMN y INTEGER;\n",
    })
    with duckdb.connect(str(db_path)) as con:
        with pytest.raises(duckdb.CatalogException):
            migrate(con, migrations_dir)
        assert con.execute("SELECT version FROM schema_migrations").fetchall() == [(1,)]
        tables = {name for (name,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "half_done" not in tables
    assert "facts" in tables


def test_editing_an_applied_migration_is_refused(tmp_path: Path, db_path: Path) -> None:
    migrations_dir = _dir_with(tmp_path, "m", {"001_first.sql": "CREATE TABLE t (x INTEGER);\n"})
    with duckdb.connect(str(db_path)) as con:
        migrate(con, migrations_dir)
        (migrations_dir / "001_first.sql").write_text("CREATE TABLE t (x INTEGER, y INTEGER);\n")
        with pytest.raises(MigrationError, match="edited after it was applied"):
            migrate(con, migrations_dir)


def test_database_from_newer_code_is_refused(tmp_path: Path, db_path: Path) -> None:
    newer_dir = _dir_with(tmp_path, "newer", {
        FIRST_MIGRATION.name: FIRST_MIGRATION.read_text(),
        "999_future.sql": "CREATE TABLE future (x INTEGER);\n",
    })
    with duckdb.connect(str(db_path)) as con:
        migrate(con, newer_dir)
        with pytest.raises(MigrationError, match=r"\[999\]"):
            migrate(con)


def test_badly_named_migration_file_is_refused(tmp_path: Path, db_path: Path) -> None:
    migrations_dir = _dir_with(tmp_path, "m", {"first.sql": "SELECT 1;"})
    with duckdb.connect(str(db_path)) as con, pytest.raises(MigrationError, match="NNN_name.sql"):
        migrate(con, migrations_dir)


def test_resolve_db_path_prefers_cli_then_env_then_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CLOUDFACTS_DB", str(tmp_path / "env" / "env.duckdb"))
    assert resolve_db_path(str(tmp_path / "cli" / "cli.duckdb")) == tmp_path / "cli" / "cli.duckdb"
    assert resolve_db_path(None) == tmp_path / "env" / "env.duckdb"
    monkeypatch.delenv("CLOUDFACTS_DB")
    assert resolve_db_path(None) == Path(DEFAULT_DB_PATH)
    # Only the writer creates the folder (issue 17: `sql` created missing folders of --db).
    assert not any((tmp_path / folder).exists() for folder in ("cli", "env", "data"))


def test_calendar_periods_stored_before_their_dates_are_dated_as_the_extractor_dates_them() -> None:
    from extractors.period_dates import period_bounds

    periods = ["2025", "2025-Q1", "2025-Q4", "2025-H2", "2025-02", "2024-12", "2024/2027", "FY2025-Q1", None, "2025-Q5"]
    with duckdb.connect() as con:
        con.execute("CREATE TABLE facts (fact_id VARCHAR, period VARCHAR, period_start DATE, period_end DATE)")
        con.executemany("INSERT INTO facts VALUES (?, ?, NULL, NULL)", [(str(i), p) for i, p in enumerate(periods)])
        con.execute((MIGRATIONS_DIR / "009_date_calendar_periods.sql").read_text(encoding="utf-8"))
        dated = con.execute("SELECT period_start, period_end FROM facts ORDER BY CAST(fact_id AS INTEGER)").fetchall()
    assert dated == [period_bounds(p) or (None, None) for p in periods]
