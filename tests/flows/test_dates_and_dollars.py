"""Comparable periods and one currency, end to end: an article of our own through the flow's extract and load tasks
(their functions, without a Prefect run) into a real DuckDB file; conversion_of is the fact_id of the translated fact,
value_usd the article's dollars or the ECB reference rate the currencyconverter package ships, and period_start /
period_end the dates of each period, fiscal ones through the company's calendar."""
from __future__ import annotations

import datetime as dt

import pytest
from currency_converter import CurrencyConverter

from extractors.articles import parse_article
from flows.pipeline import extract_batch, load_batch_task
from warehouse.db import connect_writer
from warehouse.load import start_run

PUBLISHED = dt.date(2024, 11, 16)  # a Saturday: the ECB's latest rate before it is Friday's
ARTICLE = f"""---
title: Cloud pledges in three currencies
published: {PUBLISHED.isoformat()}
---

Microsoft said on Thursday it would invest €3.2 billion ($3.5 billion) in German data centres by 2026.

Oracle plans to spend ¥1.2 trillion ($8 billion) on cloud capacity in Japan over the next ten years.

AWS and Google each pledged ₹40,000 crore ($4.8 billion) for cloud regions in India.

Tencent Cloud reported revenue of 12 billion yuan for the third quarter of 2024.

Oracle reported cloud revenue of $5.9 billion for its fiscal 2025 first quarter.
"""


@pytest.fixture(scope="module")
def facts(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], dict]:
    """(text, first subject) -> the stored fact, after extraction and loading into a fresh warehouse file."""
    article = parse_article(ARTICLE.encode("utf-8"), "pledges", "pledges.md")
    records = extract_batch.fn([article]).records
    con = connect_writer(tmp_path_factory.mktemp("dollars") / "cloudfacts.duckdb")
    try:
        start_run(con, "run-dollars", None, ["pledges.md"])
        load_batch_task.fn(con, "run-dollars", [article], records, [], [])
        cursor = con.execute("SELECT * FROM facts")
        columns = [c[0] for c in cursor.description]
        rows = [dict(zip(columns, row)) for row in cursor.fetchall()]
    finally:
        con.close()
    return {(row["text"], (row["subject"] or [""])[0]): row for row in rows}


def test_a_conversion_in_brackets_points_at_the_euro_figure_it_translates(facts) -> None:
    euro, dollars = facts[("€3.2 billion", "Microsoft")], facts[("$3.5 billion", "Microsoft")]
    assert dollars["conversion_of"] == euro["fact_id"]
    assert euro["conversion_of"] is None
    assert (euro["value_usd"], euro["usd_basis"], euro["usd_rate_date"]) == (3.5e9, "article", None)
    assert (dollars["value_usd"], dollars["usd_basis"]) == (3.5e9, "article")


def test_a_yen_pledge_takes_the_dollars_the_article_gives(facts) -> None:
    yen, dollars = facts[("¥1.2 trillion", "Oracle")], facts[("$8 billion", "Oracle")]
    assert dollars["conversion_of"] == yen["fact_id"]
    assert (yen["value_usd"], yen["usd_basis"]) == (8e9, "article")


def test_each_companys_rupee_pledge_has_its_own_conversion(facts) -> None:
    for company in ("AWS", "Google"):
        rupees, dollars = facts[("₹40,000 crore", company)], facts[("$4.8 billion", company)]
        assert dollars["conversion_of"] == rupees["fact_id"]
        assert (rupees["value_usd"], rupees["usd_basis"]) == (4.8e9, "article")
    assert facts[("$4.8 billion", "AWS")]["conversion_of"] != facts[("$4.8 billion", "Google")]["conversion_of"]


def test_a_yuan_figure_without_dollars_takes_the_ecb_rate_of_the_last_day_with_one(facts) -> None:
    yuan = facts[("12 billion yuan", "Tencent Cloud")]
    rate = CurrencyConverter(fallback_on_missing_rate=True, fallback_on_missing_rate_method="last_known")
    assert (yuan["usd_basis"], yuan["usd_rate_date"], yuan["conversion_of"]) == (
        "reference_rate", dt.date(2024, 11, 15), None)
    assert yuan["value_usd"] == pytest.approx(rate.convert(12e9, "CNY", "USD", date=PUBLISHED))


def test_calendar_spans_quarters_and_fiscal_quarters_are_dated(facts) -> None:
    def dates(key: tuple[str, str]) -> tuple:
        return facts[key]["period"], facts[key]["period_start"], facts[key]["period_end"]

    assert dates(("€3.2 billion", "Microsoft")) == ("2024/2026", dt.date(2024, 1, 1), dt.date(2026, 12, 31))
    assert dates(("12 billion yuan", "Tencent Cloud")) == ("2024-Q3", dt.date(2024, 7, 1), dt.date(2024, 9, 30))
    assert dates(("$5.9 billion", "Oracle")) == ("FY2025-Q1", dt.date(2024, 6, 1), dt.date(2024, 8, 31))


def test_facts_that_are_not_conversions_point_nowhere(facts) -> None:
    assert [key for key, row in facts.items() if row["conversion_of"] and row["unit"] != "USD"] == []
    assert sum(row["conversion_of"] is not None for row in facts.values()) == 4
