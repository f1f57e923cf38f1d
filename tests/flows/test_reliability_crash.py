"""Crashes and upgrades: a `cloudfacts run` killed at any moment loses and corrupts nothing; old databases upgrade."""
from __future__ import annotations

import datetime
import hashlib
import json
import shutil
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from reliability_support import (cli_env, hashable_rows, run_cli, run_statuses, start_cli, stop_process,
                                 warehouse_contents)
from warehouse.db import discover_migrations, migrate
from warehouse.sql_files import MIGRATIONS_DIR

pytestmark = [pytest.mark.integration, pytest.mark.slow]

BATCH_SIZE = "25"
# (log line to wait for, how many of them): after the first extraction, after the first load, mid-run.
KILL_POINTS = [("Task run 'extract-batch", 1), ("batch done", 1), ("batch done", 6)]


def facts_per_article(contents: dict[str, list[tuple]]) -> Counter:
    """How many facts each article_id has."""
    return Counter(row[1] for row in contents["facts"])


def assert_whole_articles_only(db_path: Path, clean: dict[str, list[tuple]]) -> None:
    """Every stored article is one of the clean run's, with exactly its facts and names: no half-written batch."""
    partial = warehouse_contents(db_path)
    assert set(partial["articles"]) <= set(clean["articles"])
    assert set(partial["facts"]) <= set(clean["facts"])
    stored_ids = {row[0] for row in partial["articles"]}
    clean_counts = facts_per_article(clean)
    assert facts_per_article(partial) == Counter({a: n for a, n in clean_counts.items() if a in stored_ids})
    assert {row[0] for row in partial["article_names"]} == stored_ids


def test_killed_runs_lose_and_corrupt_nothing(clean_run, prefect_api: str, tmp_path: Path) -> None:
    db_path = tmp_path / "crashy.duckdb"
    env = cli_env(tmp_path / "prefect-home", prefect_api)
    args = ["run", str(clean_run.corpus), "--db", str(db_path), "--batch-size", BATCH_SIZE]
    killed_run_ids = []
    for needle, count in KILL_POINTS:
        running = start_cli(args, env, tmp_path)
        try:
            reached = running.wait_for_line(needle, count)
            assert reached and running.process.poll() is None, f"run ended before {needle!r} x{count}:\n" \
                                                               f"{running.stderr[-3000:]}"
            running.kill()
        finally:
            stop_process(running.process)
        statuses = run_statuses(db_path)
        assert statuses[-1][1] == "running"  # killed mid-run: nobody could mark it
        killed_run_ids.append(statuses[-1][0])
        assert_whole_articles_only(db_path, clean_run.contents)

    final = run_cli(args + ["--json"], env, tmp_path)
    assert final.returncode == 0, final.stderr.decode(errors="replace")[-3000:]
    assert b"Traceback" not in final.stderr
    assert warehouse_contents(db_path) == clean_run.contents
    statuses = dict(run_statuses(db_path))
    assert [statuses[run_id] for run_id in killed_run_ids] == ["abandoned"] * len(KILL_POINTS)
    assert statuses[json.loads(final.stdout)["run_id"]] == "completed"


def test_clean_run_accounts_for_every_file(clean_run) -> None:
    summary = clean_run.summary
    assert summary["files_seen"] == len(list(clean_run.corpus.iterdir()))
    assert summary["files_seen"] == summary["articles_new"] + summary["articles_unchanged"] + summary["files_rejected"]
    assert summary["articles_new"] == len(clean_run.contents["articles"])
    assert summary["facts_written"] == len(clean_run.contents["facts"])


def test_a_rerun_after_a_clean_run_changes_nothing(clean_run, prefect_api: str, tmp_path: Path) -> None:
    db_path = tmp_path / "again.duckdb"
    shutil.copyfile(clean_run.db_path, db_path)
    env = cli_env(tmp_path / "prefect-home", prefect_api)
    result = run_cli(["run", str(clean_run.corpus), "--db", str(db_path), "--batch-size", BATCH_SIZE, "--json"],
                     env, tmp_path)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-3000:]
    summary = json.loads(result.stdout)
    assert summary["articles_new"] == 0 and summary["facts_written"] == 0
    assert summary["articles_unchanged"] == summary["files_seen"]
    # Files read cleanly are skipped (not read again); the others are read and change nothing either.
    assert 0 < summary["files_skipped"] <= summary["files_seen"]
    assert summary["task_runs"] < clean_run.summary["task_runs"]
    assert warehouse_contents(db_path) == clean_run.contents


# ---------------------------------------------------------------------------
# A database made by the first migration only is upgraded by the next run
# ---------------------------------------------------------------------------

OLD_BODY = "Rackspace said revenue fell 3% to $0.7 billion in the quarter.\n"
OLD_FIGURE = "$0.7 billion"
OLD_ROWS = {
    "runs": "INSERT INTO runs VALUES ('old-run', NULL, TIMESTAMP '2024-05-01 10:00:00', "
            "TIMESTAMP '2024-05-01 10:01:00', 'completed', ['old/'], 2, 1, 0, 1, 1, NULL)",
    "articles": "INSERT INTO articles VALUES ($id, 'old-rackspace', 'old/old-rackspace.md', 'Old', NULL, NULL, "
                "DATE '2024-05-01', TIMESTAMP '2024-05-01 10:00:30', $body, 'old-run')",
    "article_names": "INSERT INTO article_names VALUES ($id, 'old-rackspace', 'old/old-rackspace.md', "
                     "TIMESTAMP '2024-05-01 10:00:30', TIMESTAMP '2024-05-01 10:00:30', 'old-run')",
    "facts": "INSERT INTO facts VALUES ('old-fact', $id, 'revenue', 700000000, NULL, 'USD', 'exact', ['Rackspace'], "
             "NULL, NULL, false, NULL, '$0.7 billion', $start, $end, $body, 'old_rule', TIMESTAMP '2024-05-01 10:00:30', "
             "'old-run')",
    "rejects": "INSERT INTO rejects VALUES ('old-run', 'old/bad.md', 'empty file', 'rejected', "
               "TIMESTAMP '2024-05-01 10:00:30')",
}


def make_first_migration_database(db_path: Path, migrations_dir: Path) -> dict[str, list[tuple]]:
    """A database as the first release made it: migration 001 only, one run of rows; returns every table's rows."""
    migrations_dir.mkdir()
    first = discover_migrations(MIGRATIONS_DIR)[0]
    shutil.copy(first.path, migrations_dir / first.path.name)
    with duckdb.connect(str(db_path)) as con:
        assert migrate(con, migrations_dir) == [first.version]
        start = OLD_BODY.index(OLD_FIGURE)
        parameters = {"id": hashlib.sha256(OLD_BODY.encode()).hexdigest(), "body": OLD_BODY, "start": start,
                      "end": start + len(OLD_FIGURE)}
        for sql in OLD_ROWS.values():
            con.execute(sql, {k: v for k, v in parameters.items() if f"${k}" in sql} or None)
        return {table: hashable_rows(con.execute(f"SELECT * FROM {table}").fetchall()) for table in OLD_ROWS}


def test_first_migration_database_is_upgraded_by_a_run_without_losing_rows(prefect_api: str, tmp_path: Path) -> None:
    db_path = tmp_path / "old.duckdb"
    old_rows = make_first_migration_database(db_path, tmp_path / "migrations-001")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "new-aws.md").write_text("---\ntitle: New\npublished: 2025-02-07\n---\n\n"
                                       "AWS revenue rose 19% to $28.8 billion in the fourth quarter of 2024.\n")
    result = run_cli(["run", str(folder), "--db", str(db_path), "--json"], cli_env(tmp_path / "prefect-home",
                                                                                      prefect_api), tmp_path)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-3000:]
    assert json.loads(result.stdout)["articles_new"] == 1
    with duckdb.connect(str(db_path), read_only=True) as con:
        versions = [v for (v,) in con.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()]
        assert versions == [m.version for m in discover_migrations(MIGRATIONS_DIR)]
        for table, rows in old_rows.items():
            columns = [column for (column,) in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [table]).fetchall()][:len(rows[0])]
            kept = hashable_rows(con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall())
            assert set(rows) <= set(kept), table
        assert con.execute("SELECT count(*) FROM current_articles WHERE name = 'new-aws'").fetchone() == (1,)
        assert con.execute("SELECT published FROM current_articles WHERE name = 'old-rackspace'").fetchone() == (
            datetime.date(2024, 5, 1),)
