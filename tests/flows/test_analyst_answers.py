"""The analyst views answer from articles of our own, run through `cloudfacts run`: two segments of one source and
period, Amazon against AWS from two outlets, a pledge in two currencies, a fiscal and a calendar quarter."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from reliability_support import cli_env, run_cli

D = dt.date
# name -> (outlet, published, body)
ARTICLES = {
    "gartner-2025": ("Cloud Ledger", "2024-11-19",
                     "Worldwide end-user spending on public cloud services is forecast to total $723.4 billion in "
                     "2025, according to Gartner.\n\nWithin that total, Gartner expects spending on infrastructure "
                     "as a service (IaaS) to reach $211.9 billion in 2025."),
    "shares-ledger": ("Cloud Ledger", "2025-02-06",
                      "Amazon held 30% of the cloud infrastructure services market in the fourth quarter of 2024, "
                      "according to Canalys."),
    "shares-wire": ("Data Center Wire", "2025-02-07",
                    "AWS held a 31% share of the cloud infrastructure services market in the fourth quarter of "
                    "2024, Canalys said."),
    "pledge-germany": ("Data Center Wire", "2025-03-04",
                       "AWS plans to invest 8.8 billion euros ($9.5 billion) in data centres in Germany in 2025, "
                       "the company said on Tuesday."),
    "oracle-q2": ("Cloud Ledger", "2024-12-10",
                  "Oracle said revenue rose 9% to $14.1 billion in its fiscal second quarter.\n\nGoogle Cloud "
                  "revenue, by contrast, rose 35% to $11.4 billion in the third quarter of 2024."),
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory, prefect_api: str) -> Path:
    """`cloudfacts run` over ARTICLES, written as Markdown files with front matter."""
    work = tmp_path_factory.mktemp("analyst")
    folder = work / "articles"
    folder.mkdir()
    for name, (outlet, published, body) in ARTICLES.items():
        (folder / f"{name}.md").write_text(
            f"---\ntitle: {name}\noutlet: {outlet}\npublished: {published}\n---\n{body}\n", encoding="utf-8")
    db = work / "analyst.duckdb"
    result = run_cli(["run", str(folder), "--db", str(db)], cli_env(work / "prefect", prefect_api), work)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-3000:]
    return db


def rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_two_segments_of_one_source_and_period_are_two_market_sizes(warehouse: Path) -> None:
    assert rows(warehouse, """
        SELECT segment, period, period_start, period_end, geography, source, unit, value, value_usd, forecast, articles
        FROM v_market_spending ORDER BY segment""") == [
        ("iaas", "2025", D(2025, 1, 1), D(2025, 12, 31), "worldwide", "Gartner", "USD", 212e9, 211.9e9, True, 1),
        ("public_cloud", "2025", D(2025, 1, 1), D(2025, 12, 31), "worldwide", "Gartner", "USD", 723e9, 723.4e9,
         True, 1),
    ]


def test_amazon_and_aws_are_one_group_whose_two_outlets_disagree(warehouse: Path) -> None:
    # The later report (31%, Feb 7) is the row's value; the other is counted in alternatives.
    assert rows(warehouse, """
        SELECT company_group, companies, segment, period, source, value, articles, alternatives, article_names
        FROM v_market_share""") == [
        ("Amazon", ["AWS"], "cloud_infrastructure_services", "2024-Q4", "Canalys", 31.0, 1, 1, ["shares-wire"]),
    ]
    assert rows(warehouse, """
        SELECT metric, subject, companies, segment, period, source, value, article_names, spread_percent
        FROM v_conflicts ORDER BY value""") == [
        ("market_share", ["Amazon"], ["Amazon"], "cloud_infrastructure_services", "2024-Q4", "Canalys", 30.0,
         ["shares-ledger"], 3.2),
        ("market_share", ["Amazon"], ["AWS"], "cloud_infrastructure_services", "2024-Q4", "Canalys", 31.0,
         ["shares-wire"], 3.2),
    ]


def test_a_pledge_in_two_currencies_counts_once_in_dollars_the_article_gives(warehouse: Path) -> None:
    assert rows(warehouse, """
        SELECT company_group, companies, year, period, geography, forecast, unit, value, value_usd, articles
        FROM v_investment""") == [
        ("Amazon", ["AWS"], 2025, "2025", "Germany", True, "EUR", 8.8e9, 9.5e9, 1),
    ]
    euros, dollars = rows(warehouse, """
        SELECT fact_id, conversion_of, value_usd, usd_basis FROM facts WHERE metric = 'investment' ORDER BY value""")
    assert euros[1:] == (None, 9.5e9, "article") and dollars[1:] == (euros[0], 9.5e9, "article")
    assert rows(warehouse, "SELECT sum(value_usd) FROM v_investment") == [(9.5e9,)]


def test_a_fiscal_and_a_calendar_quarter_line_up_by_their_dates(warehouse: Path) -> None:
    # Oracle's fiscal second quarter of 2025 ran from September to November 2024; Google's figure keeps the
    # calendar quarter it names, not Oracle's fiscal one.
    assert rows(warehouse, """
        SELECT company_group, companies, period, period_start, period_end, unit, value
        FROM v_revenue_growth ORDER BY period_end""") == [
        ("Alphabet", ["Google Cloud"], "2024-Q3", D(2024, 7, 1), D(2024, 9, 30), "percent", 35.0),
        ("Oracle", ["Oracle"], "FY2025-Q2", D(2024, 9, 1), D(2024, 11, 30), "percent", 9.0),
    ]
