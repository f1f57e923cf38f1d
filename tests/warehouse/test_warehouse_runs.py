"""Run bookkeeping: start, finish, and runs left 'running' by a killed process."""

from __future__ import annotations

import duckdb
import pytest

from warehouse.load import finish_run, load_batch, start_run
from warehouse.query import metric_counts


def _run_row(con: duckdb.DuckDBPyConnection, run_id: str) -> dict:
    """One runs row as a dict."""
    cursor = con.execute("SELECT * FROM runs WHERE run_id = ?", [run_id])
    column_names = [column[0] for column in cursor.description]
    return dict(zip(column_names, cursor.fetchone()))


def test_start_then_finish_records_status_counts_and_times(writer) -> None:
    start_run(writer, "run-1", "prefect-123", ["articles", "more/c001.md"])
    started = _run_row(writer, "run-1")
    assert started["status"] == "running"
    assert started["flow_run_id"] == "prefect-123"
    assert started["inputs"] == ["articles", "more/c001.md"]
    assert started["started_at"] is not None and started["finished_at"] is None

    counts = {"files_seen": 4, "articles_new": 2, "articles_unchanged": 1, "files_rejected": 1, "facts_written": 9}
    finish_run(writer, "run-1", "completed", counts, "ok")
    finished = _run_row(writer, "run-1")
    assert finished["status"] == "completed"
    assert {field: finished[field] for field in counts} == counts
    assert finished["message"] == "ok"
    assert finished["finished_at"] >= finished["started_at"]


def test_failed_run_keeps_missing_counts_null(writer) -> None:
    start_run(writer, "run-1", None, [])
    finish_run(writer, "run-1", "failed", {"files_seen": 3}, "extractor crashed")
    failed = _run_row(writer, "run-1")
    assert (failed["status"], failed["files_seen"], failed["facts_written"]) == ("failed", 3, None)
    assert failed["flow_run_id"] is None


def test_starting_a_run_abandons_one_left_running(writer) -> None:
    start_run(writer, "killed", None, ["articles"])
    start_run(writer, "done", None, ["articles"])
    finish_run(writer, "done", "completed", {})
    start_run(writer, "next", None, ["articles"])
    statuses = dict(writer.execute("SELECT run_id, status FROM runs").fetchall())
    assert statuses == {"killed": "abandoned", "done": "completed", "next": "running"}
    assert "done" in _run_row(writer, "killed")["message"]


def test_finish_run_refuses_bad_input(writer) -> None:
    start_run(writer, "run-1", None, [])
    with pytest.raises(ValueError, match="no run 'nope'"):
        finish_run(writer, "nope", "completed", {})
    with pytest.raises(ValueError, match="status"):
        finish_run(writer, "run-1", "running", {})
    with pytest.raises(ValueError, match="rejects"):
        finish_run(writer, "run-1", "completed", {"rejects": 1})
    assert _run_row(writer, "run-1")["status"] == "running"


def test_reusing_a_run_id_fails(writer) -> None:
    start_run(writer, "run-1", None, [])
    with pytest.raises(duckdb.ConstraintException):
        start_run(writer, "run-1", None, [])


def test_metric_counts_per_run_and_overall(writer, make_article, make_fact) -> None:
    first = make_article("c001", "Revenue was $5 billion, up 12%.")
    second = make_article("c002", "Revenue was $7 billion.")
    start_run(writer, "run-1", None, [])
    load_batch(writer, "run-1", [first], [
        make_fact(first, "$5 billion", value=5e9),
        make_fact(first, "12%", metric="growth_rate", value=12, unit="percent"),
    ], [])
    start_run(writer, "run-2", None, [])
    load_batch(writer, "run-2", [second], [make_fact(second, "$7 billion", value=7e9)], [])
    assert metric_counts(writer) == {"revenue": 2, "growth_rate": 1}
    assert list(metric_counts(writer)) == ["revenue", "growth_rate"]
    assert metric_counts(writer, "run-2") == {"revenue": 1}
    assert metric_counts(writer, "no-such-run") == {}
