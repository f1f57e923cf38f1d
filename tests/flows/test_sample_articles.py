"""The whole flow over our own sample articles finds exactly the facts listed in expected.jsonl."""
from __future__ import annotations

import datetime
import json
from pathlib import Path

import duckdb
import pytest

from reliability_support import cli_env, run_cli
from scoring_support import close, match, score

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_articles"
QUERY = """
SELECT a.name AS article, f.metric, f.value, f.value_high, f.unit, f.qualifier,
       f.subject, f.geography, f.period, f.forecast, f.source, f.segment, f.growth_of, f.text
FROM facts f JOIN articles a USING (article_id)
"""


def expected_facts() -> list[dict]:
    """The gold facts of the sample articles."""
    lines = (SAMPLES / "expected.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory, prefect_api: str) -> Path:
    """A warehouse made by `cloudfacts run` over the sample folder."""
    work = tmp_path_factory.mktemp("samples")
    db = work / "samples.duckdb"
    result = run_cli(["run", str(SAMPLES), "--db", str(db), "--json"], cli_env(work / "prefect", prefect_api), work)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-3000:]
    return db


def warehouse_facts(db: Path) -> list[dict]:
    """The facts of a warehouse in the evaluation's shape."""
    with duckdb.connect(str(db), read_only=True) as con:
        cursor = con.execute(QUERY)
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row)) for row in cursor.fetchall()]


def test_every_sample_fact_is_found_and_nothing_else(sample_warehouse: Path) -> None:
    result = score(expected_facts(), warehouse_facts(sample_warehouse))
    assert result["f1"] == 1.0, {"missed": result["misses"], "spurious": result["spurious"]}


def test_every_sample_fact_says_what_it_measures(sample_warehouse: Path) -> None:
    gold, found = expected_facts(), warehouse_facts(sample_warehouse)
    wrong = []
    for article in {g["article"] for g in gold}:
        golds = [g for g in gold if g["article"] == article]
        preds = [p for p in found if p["article"] == article]
        for i, j in match(golds, preds):
            got = {k: preds[j][k] for k in ("segment", "growth_of")}
            if got != {k: golds[i][k] for k in ("segment", "growth_of")}:
                wrong.append((article, golds[i]["text"], golds[i]["segment"], golds[i]["growth_of"], got))
    assert not wrong, wrong


def test_expected_facts_quote_their_articles() -> None:
    bodies = {p.stem: p.read_text(encoding="utf-8") for p in SAMPLES.glob("*.md")}
    for fact in expected_facts():
        assert fact["text"] in bodies[fact["article"]], fact


def test_the_scorer_rejects_a_wrong_value() -> None:
    gold = [{"article": "a", "metric": "revenue", "value": 100.0, "value_high": None, "unit": "USD",
             "qualifier": "exact", "subject": [], "period": None, "forecast": False, "text": "$100"}]
    wrong = [dict(gold[0], value=101.0)]
    assert score(gold, wrong)["f1"] == 0.0 and score(gold, gold)["f1"] == 1.0
    assert close(100.4, 100.0) and not close(100.6, 100.0)


def sample_rows(db: Path, article: str) -> dict[str, dict]:
    """text -> the stored fact (every column) of one sample article."""
    with duckdb.connect(str(db), read_only=True) as con:
        cursor = con.execute("SELECT f.* FROM facts f JOIN articles a USING (article_id) WHERE a.name = ?", [article])
        columns = [c[0] for c in cursor.description]
        return {row[columns.index("text")]: dict(zip(columns, row)) for row in cursor.fetchall()}


def test_the_yen_pledge_and_its_dollars_count_once_in_dollars(sample_warehouse: Path) -> None:
    from currency_converter import CurrencyConverter

    rows = sample_rows(sample_warehouse, "s02-google-japan-yen")
    yen, dollars, market = rows["310 billion yen"], rows["US$2.1 billion"], rows["4.1 trillion yen"]
    assert (dollars["conversion_of"], yen["conversion_of"]) == (yen["fact_id"], None)
    assert (yen["value_usd"], yen["usd_basis"], dollars["value_usd"]) == (2.1e9, "article", 2.1e9)
    published = datetime.date(2022, 10, 12)  # a Wednesday with an ECB rate
    assert (market["usd_basis"], market["usd_rate_date"]) == ("reference_rate", published)
    assert market["value_usd"] == pytest.approx(CurrencyConverter().convert(4.1e12, "JPY", "USD", date=published))


def test_fiscal_sample_periods_are_dated_by_their_companys_calendar(sample_warehouse: Path) -> None:
    microsoft = sample_rows(sample_warehouse, "s01-microsoft-fy25-q3")["$72.4 billion"]
    oracle = sample_rows(sample_warehouse, "s04-oracle-fiscal-2025")["$58.3 billion"]
    assert (microsoft["period"], microsoft["period_start"], microsoft["period_end"]) == (
        "FY2025-Q3", datetime.date(2025, 1, 1), datetime.date(2025, 3, 31))
    assert (oracle["period"], oracle["period_start"], oracle["period_end"]) == (
        "FY2025", datetime.date(2024, 6, 1), datetime.date(2025, 5, 31))


def test_a_run_brings_the_companies_table_in_step_with_the_entity_records(sample_warehouse: Path) -> None:
    from extractors.entities import company_records

    with duckdb.connect(str(sample_warehouse), read_only=True) as con:
        rows = con.execute("SELECT canonical, company_group, kind, entity_kind, aliases FROM companies").fetchall()
    stored = {canonical: dict(company_group=group, kind=kind, entity_kind=entity_kind, aliases=aliases)
              for canonical, group, kind, entity_kind, aliases in rows}
    assert stored == {r["canonical"]: {k: v for k, v in r.items() if k != "canonical"} for r in company_records()}
