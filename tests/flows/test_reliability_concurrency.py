"""Two writers, or a reader during a run: one waits or gives up with a clear message; the warehouse stays whole."""
from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from reliability_support import cli_env, run_cli, run_statuses, start_cli, stop_process, warehouse_contents

pytestmark = [pytest.mark.integration, pytest.mark.slow]

BATCH_SIZE = "25"
GIVE_UP_SECONDS = 2
# Prefect client start-up and the flow run's bookkeeping on a busy 2-core machine, before the lock is tried.
STARTUP_ALLOWANCE_SECONDS = 45


def busy_reader_message(db_path: Path) -> str:
    """What `sql` and `show` say while a run holds the database."""
    return f"database is busy: a run is writing to {db_path}; queries work again when it finishes"


def test_second_run_waits_for_the_first_and_both_complete(clean_run, prefect_api: str, tmp_path: Path) -> None:
    db_path = tmp_path / "shared.duckdb"
    env = cli_env(tmp_path / "prefect-home", prefect_api)
    args = ["run", str(clean_run.corpus), "--db", str(db_path), "--batch-size", BATCH_SIZE, "--json"]
    first = start_cli(args, env, tmp_path)
    second = None
    try:
        assert first.wait_for_line("batch done"), first.stderr[-3000:]
        second = start_cli(args + ["--lock-wait", "300"], env, tmp_path)
        query = run_cli(["sql", "SELECT count(*) FROM articles", "--db", str(db_path)], env, tmp_path, timeout=120)
        first_still_running = first.process.poll() is None
        assert first.finish() == 0, first.stderr[-3000:]
        assert second.finish() == 0, second.stderr[-3000:]
    finally:
        for running in (first, second):
            if running is not None:
                stop_process(running.process)
    if first_still_running:  # the usual case; on a very slow machine the query may come after the run
        assert query.returncode == 3 and query.stdout == b""
        assert busy_reader_message(db_path) in query.stderr.decode()
    for running in (first, second):
        assert "Traceback" not in running.stderr
    summaries = [json.loads(running.stdout) for running in (first, second)]
    assert summaries[0]["articles_new"] == clean_run.summary["articles_new"]
    assert summaries[1]["articles_new"] == 0 and summaries[1]["facts_written"] == 0
    assert warehouse_contents(db_path) == clean_run.contents
    assert sorted(status for _, status in run_statuses(db_path)) == ["completed", "completed"]


@pytest.fixture
def holder(clean_run, tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A copy of the clean warehouse, held open for writing by this test process (as a run would hold it)."""
    db_path = tmp_path / "held.duckdb"
    shutil.copyfile(clean_run.db_path, db_path)
    with duckdb.connect(str(db_path)) as connection:
        yield connection


def held_path(holder: duckdb.DuckDBPyConnection) -> Path:
    """The file the holder connection has open."""
    (file_name,) = holder.execute("SELECT path FROM duckdb_databases() WHERE NOT internal AND database_name = "
                                  "current_database()").fetchone()
    return Path(file_name)


def test_run_gives_up_fast_with_a_clear_message_when_the_database_stays_busy(
        holder: duckdb.DuckDBPyConnection, clean_run, prefect_api: str, tmp_path: Path) -> None:
    locked_copy = held_path(holder)
    runs_before = holder.execute("SELECT * FROM runs ORDER BY ALL").fetchall()
    started = time.monotonic()
    result = run_cli(["run", str(clean_run.corpus), "--db", str(locked_copy), "--lock-wait", str(GIVE_UP_SECONDS)],
                     cli_env(tmp_path / "prefect-home", prefect_api), tmp_path)
    elapsed = time.monotonic() - started
    stderr = result.stderr.decode(errors="replace")
    assert result.returncode == 3, stderr[-3000:]
    # The holder is this test's own process, named truly (issue 17); a cloudfacts run would be "another cloudfacts run".
    assert f"database is busy: another process (PID {os.getpid()}: " in stderr
    assert f" holds {locked_copy} (waited {GIVE_UP_SECONDS} s); try again later" in stderr
    assert "Traceback" not in stderr
    assert result.stdout == b""
    assert elapsed < GIVE_UP_SECONDS + STARTUP_ALLOWANCE_SECONDS
    assert holder.execute("SELECT * FROM runs ORDER BY ALL").fetchall() == runs_before


@pytest.mark.parametrize("command", [["sql", "SELECT count(*) FROM facts"], ["show", "n0001"]])
def test_reader_commands_say_a_writer_holds_the_database(holder: duckdb.DuckDBPyConnection, prefect_api: str,
                                                         tmp_path: Path, command: list[str]) -> None:
    locked_copy = held_path(holder)
    result = run_cli([*command, "--db", str(locked_copy)], cli_env(tmp_path / "prefect-home", prefect_api),
                     tmp_path, timeout=120)
    assert result.returncode == 3
    assert result.stdout == b""
    stderr = result.stderr.decode()
    assert busy_reader_message(locked_copy) in stderr and "Traceback" not in stderr
