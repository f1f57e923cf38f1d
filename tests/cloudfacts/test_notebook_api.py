"""`cloudfacts.connect(db)` for notebooks: read-only, pandas DataFrames, the same answers as `cloudfacts sql`,
and no lock held between calls (a run can write while a notebook is open)."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

import cloudfacts
from reliability_support import cli_env, run_cli

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
SHARES_Q4 = "SELECT subject, value, unit, source FROM v_facts WHERE metric = 'market_share' AND period = '2024-Q4'"


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory, prefect_api: str) -> tuple[Path, dict[str, str], Path]:
    """A warehouse made by `cloudfacts run` over the sample articles: (db, CLI environment, work folder)."""
    work = tmp_path_factory.mktemp("api")
    env = cli_env(work / "prefect", prefect_api)
    db = work / "samples.duckdb"
    result = run_cli(["run", str(REPO / "sample_articles"), "--db", str(db)], env, work)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-3000:]
    return db, env, work


def test_facts_are_a_dataframe_filtered_by_keywords(made) -> None:
    db, _, _ = made
    wh = cloudfacts.connect(db)
    shares = wh.facts(metric="market_share", period="2024-Q4", unit="percent")
    assert isinstance(shares, pd.DataFrame)
    assert sorted(zip(shares["subject"].map(tuple), shares["value"])) == [
        (("AWS",), 30.0), (("Google Cloud",), 12.0), (("Microsoft Azure",), 21.0)]
    assert set(shares["article"]) == {"s03-canalys-fourth-quarter"} and set(shares["source"]) == {"Canalys"}
    aws = wh.facts(subject="AWS", forecast=False)
    assert len(aws) > 0 and all("AWS" in list(s) for s in aws["subject"]) and not aws["forecast"].any()
    assert len(wh.facts()) == 125


def test_sql_gives_what_the_cli_gives(made) -> None:
    db, env, work = made
    frame = cloudfacts.connect(db).sql(SHARES_Q4 + " ORDER BY start_char, unit")
    result = run_cli(["sql", SHARES_Q4 + " ORDER BY start_char, unit", "--db", str(db), "--format", "json"], env, work)
    assert result.returncode == 0
    cli_rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    api_rows = [{k: (list(v) if k == "subject" else v) for k, v in row.items()} for row in frame.to_dict("records")]
    assert api_rows == cli_rows and len(api_rows) == 4


def test_sql_takes_parameters(made) -> None:
    db, _, _ = made
    frame = cloudfacts.connect(db).sql("SELECT count(*) AS n FROM facts WHERE metric = $metric", {"metric": "capex"})
    assert frame["n"].tolist() == [len(cloudfacts.connect(db).facts(metric="capex"))]


def test_writes_are_refused_and_nothing_changes(made) -> None:
    db, _, _ = made
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    wh = cloudfacts.connect(db)
    for statement in ("DELETE FROM facts", "COPY facts TO 'facts.csv'", "SELECT 1; DROP TABLE facts"):
        with pytest.raises(cloudfacts.WriteRefused):
            wh.sql(statement)
    with pytest.raises(Exception):  # the connection itself is read-only and cannot touch files
        wh.sql("SELECT * FROM read_csv('/etc/passwd')")
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_an_unknown_filter_names_the_filters(made) -> None:
    with pytest.raises(TypeError, match="no filter company; the filters are article, metric"):
        cloudfacts.connect(made[0]).facts(company="AWS")


def test_no_warehouse_is_said_at_connect(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no cloudfacts database"):
        cloudfacts.connect(tmp_path / "none.duckdb")
    assert list(tmp_path.iterdir()) == []


def test_a_run_can_write_while_a_notebook_holds_a_warehouse(made) -> None:
    db, env, work = made
    wh = cloudfacts.connect(db)
    before = len(wh.facts())
    extra = work / "extra"
    extra.mkdir(exist_ok=True)
    (extra / "extra.md").write_text("---\npublished: 2025-05-02\n---\n\nAWS revenue rose 17% to $29.3 billion in "
                                    "the first quarter of 2025.\n", encoding="utf-8")
    result = run_cli(["run", str(extra), "--db", str(db), "--lock-wait", "0"], env, work)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    assert len(wh.facts()) == before + 2 and len(wh.facts(article="extra")) == 2
