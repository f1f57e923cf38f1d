"""`cloudfacts export`: Parquet keeps the warehouse's types, CSV holds lists as JSON; both cover the views."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from flows.cli import app
from warehouse.db import connect_reader, connect_writer, migrate
from warehouse.export import EXPORTED_RELATIONS, export_warehouse
from warehouse.load import load_batch, start_run
from warehouse.report import MissingViews

PUBLISHED = dt.date(2025, 2, 10)


@pytest.fixture
def export_db(db_path: Path, make_article, make_fact) -> Path:
    """A closed warehouse: two articles whose market spending figures conflict, one forecast."""
    first = make_article("first", "Spending was $90 billion, and AWS and Google Cloud held 42%.", published=PUBLISHED)
    second = make_article("second", "Spending was $95 billion in the quarter.", published=dt.date(2025, 2, 11),
                          outlet=None)
    spending = {"metric": "market_spending", "subject": [], "geography": "worldwide", "period": "2024-Q4",
                "source": "Canalys"}
    with connect_writer(db_path) as con:
        start_run(con, "run-1", None, ["articles"])
        load_batch(con, "run-1", [first, second], [
            make_fact(first, "$90 billion", **spending, value=90e9),
            make_fact(first, "42%", metric="market_share", value=42, unit="percent",
                      subject=["AWS", "Google Cloud"], forecast=True),
            make_fact(second, "$95 billion", **spending, value=95e9),
        ], [])
    return db_path


def test_parquet_export_keeps_lists_structs_dates_and_booleans(export_db: Path, tmp_path: Path) -> None:
    written = export_warehouse(export_db, tmp_path / "out", "parquet")
    assert [(f.relation, f.path.name) for f in written] == [(r, f"{r}.parquet") for r in EXPORTED_RELATIONS]
    assert {f.relation: f.rows for f in written} == {
        "articles": 2, "facts": 3, "v_facts": 3, "v_corroboration": 3, "v_conflicts": 2,
        "v_provider_footprint": 0, "v_market_spending": 1, "v_market_share": 0,
        "v_investment": 0, "v_revenue_growth": 0}

    facts = pq.read_table(tmp_path / "out" / "facts.parquet")
    assert facts.schema.field("subject").type == pa.list_(pa.string())
    assert facts.schema.field("forecast").type == pa.bool_()
    assert facts.schema.field("value").type == pa.float64()
    assert facts.schema.field("start_char").type == pa.int32()
    assert pa.types.is_timestamp(facts.schema.field("extracted_at").type)
    share = [row for row in facts.to_pylist() if row["metric"] == "market_share"]
    assert [(row["subject"], row["forecast"], row["value"]) for row in share] == [(["AWS", "Google Cloud"], True, 42.0)]

    articles = pq.read_table(tmp_path / "out" / "articles.parquet")
    assert articles.schema.field("published").type == pa.date32()
    assert sorted(articles.column("published").to_pylist()) == [PUBLISHED, dt.date(2025, 2, 11)]

    conflicts = pq.read_table(tmp_path / "out" / "v_conflicts.parquet")
    reports_type = conflicts.schema.field("reports").type
    assert pa.types.is_list(reports_type) and pa.types.is_struct(reports_type.value_type)
    assert reports_type.value_type.field("published").type == pa.date32()
    assert sorted((row["value"], row["reports"][0]["article"]) for row in conflicts.to_pylist()) == [
        (90e9, "first"), (95e9, "second")]


def test_parquet_matches_what_the_warehouse_holds(export_db: Path, tmp_path: Path) -> None:
    export_warehouse(export_db, tmp_path, "parquet")
    with connect_reader(export_db) as con:
        stored = con.execute("SELECT * FROM v_facts ORDER BY fact_id").fetchall()
    exported = pq.read_table(tmp_path / "v_facts.parquet").sort_by("fact_id").to_pylist()
    assert [tuple(row.values()) for row in exported] == stored


def test_csv_export_writes_lists_and_structs_as_json(export_db: Path, tmp_path: Path) -> None:
    export_warehouse(export_db, tmp_path, "csv")
    with open(tmp_path / "facts.csv", newline="", encoding="utf-8") as handle:
        facts = sorted(csv.DictReader(handle), key=lambda row: row["start_char"])
    share = next(row for row in facts if row["metric"] == "market_share")
    assert json.loads(share["subject"]) == ["AWS", "Google Cloud"]
    assert (share["forecast"], share["value"], share["geography"]) == ("true", "42", "")
    with open(tmp_path / "v_conflicts.csv", newline="", encoding="utf-8") as handle:
        conflicts = list(csv.DictReader(handle))
    reports = sorted((json.loads(row["reports"])[0] for row in conflicts), key=lambda report: report["article"])
    assert [(r["article"], r["published"], r["outlet"]) for r in reports] == [
        ("first", "2025-02-10", "Example Wire"), ("second", "2025-02-11", None)]
    with open(tmp_path / "articles.csv", newline="", encoding="utf-8") as handle:
        assert sorted(row["published"] for row in csv.DictReader(handle)) == ["2025-02-10", "2025-02-11"]


def test_export_replaces_earlier_files_and_leaves_no_partial_files(export_db: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    (out_dir / "facts.csv").write_text("stale\n", encoding="utf-8")
    export_warehouse(export_db, out_dir, "csv")
    export_warehouse(export_db, out_dir, "csv")
    assert sorted(path.name for path in out_dir.iterdir()) == sorted(f"{r}.csv" for r in EXPORTED_RELATIONS)
    assert (out_dir / "facts.csv").read_text(encoding="utf-8").startswith('"fact_id"')


def test_export_refuses_unknown_format_and_databases_without_views(export_db: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="parquet"):
        export_warehouse(export_db, tmp_path, "xlsx")
    old_db = tmp_path / "old.duckdb"
    with duckdb.connect(str(old_db)) as con:
        migrate(con)
    with pytest.raises(MissingViews):
        export_warehouse(old_db, tmp_path / "out", "parquet")
    assert not (tmp_path / "out").exists()


def test_export_command(export_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--format", "parquet", "--out", str(tmp_path), "--db", str(export_db)])
    assert result.exit_code == 0, result.output
    assert "3 rows" in result.output and (tmp_path / "v_market_spending.parquet").is_file()
    bad = runner.invoke(app, ["export", "--format", "xlsx", "--out", str(tmp_path), "--db", str(export_db)])
    assert bad.exit_code == 2
    missing = runner.invoke(app, ["export", "--format", "csv", "--out", str(tmp_path),
                                  "--db", str(tmp_path / "absent.duckdb")])
    assert missing.exit_code == 3 and "no cloudfacts database" in missing.output
