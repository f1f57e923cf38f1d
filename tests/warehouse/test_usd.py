"""One currency to compare (warehouse/usd.py, warehouse/fact_records.py): conversion_of resolved to the translated
fact's fact_id, value_usd from the article's own US dollar figure or the ECB reference rate the currencyconverter
package ships, through the real loader into a real DuckDB file."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from currency_converter import CurrencyConverter

from warehouse.load import fact_id_for, load_batch, start_run
from warehouse.usd import asked_day, rate_day, reference_usd

RUN_ID = "run-usd"
SATURDAY = dt.date(2025, 3, 15)
FRIDAY = dt.date(2025, 3, 14)


@pytest.fixture
def running(writer: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    start_run(writer, RUN_ID, None, ["articles"])
    return writer


def stored(con: duckdb.DuckDBPyConnection) -> dict[str, tuple]:
    """text -> (fact_id, conversion_of, value_usd, usd_basis, usd_rate_date) of every stored fact."""
    rows = con.execute("SELECT text, fact_id, conversion_of, value_usd, usd_basis, usd_rate_date FROM facts").fetchall()
    return {row[0]: row[1:] for row in rows}


def package_rate(currency: str, day: dt.date) -> float:
    """The package's own EUR-based rate of one unit of `currency` in USD on a day (last known rate on a day without)."""
    rates = CurrencyConverter(fallback_on_missing_rate=True, fallback_on_missing_rate_method="last_known")
    return rates.convert(1, currency, "USD", date=day)


def test_a_conversion_points_at_the_fact_it_translates_and_gives_it_the_articles_dollars(
        running, make_article, make_fact) -> None:
    article = make_article("eur-pledge", "Microsoft will invest €3.2 billion ($3.5 billion) in Germany.",
                           published=SATURDAY)
    euro = make_fact(article, "€3.2 billion", metric="investment", unit="EUR", value=3.2e9, subject=["Microsoft"])
    dollars = make_fact(article, "$3.5 billion", metric="investment", unit="USD", value=3.5e9, subject=["Microsoft"],
                        conversion_of_position=0)
    load_batch(running, RUN_ID, [article], [euro, dollars], [])
    rows = stored(running)
    assert rows["$3.5 billion"][:2] == (fact_id_for(dollars), fact_id_for(euro))
    assert rows["€3.2 billion"][1] is None
    assert rows["€3.2 billion"][2:] == (3.5e9, "article", None)  # its bracketed conversion is in USD
    assert rows["$3.5 billion"][2:] == (3.5e9, "article", None)


def test_the_euro_conversion_of_a_dollar_figure_takes_the_dollar_figure(running, make_article, make_fact) -> None:
    article = make_article("usd-first", "Google pledged $1.1 billion (€1 billion) for a Finnish data centre.")
    dollars = make_fact(article, "$1.1 billion", metric="investment", unit="USD", value=1.1e9, subject=["Google"])
    euro = make_fact(article, "€1 billion", metric="investment", unit="EUR", value=1e9, subject=["Google"],
                     conversion_of_position=0)
    load_batch(running, RUN_ID, [article], [dollars, euro], [])
    assert stored(running)["€1 billion"][1:] == (fact_id_for(dollars), 1.1e9, "article", None)


def test_a_figure_without_dollars_takes_the_reference_rate_of_the_published_day(running, make_article, make_fact) -> None:
    article = make_article("sgd-capex", "Singtel budgets S$2.8 billion for capital expenditure.", published=SATURDAY)
    fact = make_fact(article, "S$2.8 billion", metric="investment", unit="SGD", value=2.8e9, subject=["Singtel"])
    load_batch(running, RUN_ID, [article], [fact], [])
    _, conversion_of, value_usd, basis, rate_date = stored(running)["S$2.8 billion"]
    assert (conversion_of, basis, rate_date) == (None, "reference_rate", FRIDAY)  # no ECB rate on a Saturday
    assert value_usd == pytest.approx(2.8e9 * package_rate("SGD", SATURDAY))
    assert value_usd == pytest.approx(2.8e9 * package_rate("SGD", FRIDAY))


def test_without_a_published_date_the_rate_is_that_of_the_periods_last_day(running, make_article, make_fact) -> None:
    article = make_article("jpy-sales", "NTT Data posted sales of ¥4.4 trillion.", published=None)
    fact = make_fact(article, "¥4.4 trillion", unit="JPY", value=4.4e12, subject=["NTT Data"], period="2024",
                     period_end="2024-12-31")
    load_batch(running, RUN_ID, [article], [fact], [])
    _, _, value_usd, basis, rate_date = stored(running)["¥4.4 trillion"]
    assert (basis, rate_date) == ("reference_rate", dt.date(2024, 12, 31))
    assert value_usd == pytest.approx(4.4e12 * package_rate("JPY", dt.date(2024, 12, 31)))


def test_a_currency_the_ecb_does_not_quote_has_no_dollar_value(running, make_article, make_fact) -> None:
    article = make_article("sar-deal", "The kingdom's cloud deal is worth SAR 5 billion.")
    fact = make_fact(article, "SAR 5 billion", metric="deal_value", unit="SAR", value=5e9, subject=[])
    load_batch(running, RUN_ID, [article], [fact], [])
    assert stored(running)["SAR 5 billion"][2:] == (None, None, None)


def test_figures_that_are_not_money_have_no_dollar_value(running, make_article, make_fact) -> None:
    article = make_article("share", "AWS held 30% of the market.")
    fact = make_fact(article, "30%", metric="market_share", unit="percent", value=30.0)
    load_batch(running, RUN_ID, [article], [fact], [])
    assert stored(running)["30%"][1:] == (None, None, None, None)


def test_each_companys_conversion_points_at_the_same_companys_figure(running, make_article, make_fact) -> None:
    body = "AWS and Google each pledged ₹40,000 crore ($4.8 billion) for cloud regions in India."
    article = make_article("each", body)
    rupees = [make_fact(article, "₹40,000 crore", metric="investment", unit="INR", value=4e11, subject=[company])
              for company in ("AWS", "Google")]
    dollars = [make_fact(article, "$4.8 billion", metric="investment", unit="USD", value=4.8e9, subject=[company],
                         conversion_of_position=position) for position, company in enumerate(("AWS", "Google"))]
    load_batch(running, RUN_ID, [article], rupees + dollars, [])
    rows = {(subject[0], unit): row for subject, unit, *row in running.execute(
        "SELECT subject, unit, fact_id, conversion_of, value_usd, usd_basis FROM facts").fetchall()}
    for company in ("AWS", "Google"):
        assert rows[(company, "USD")][1] == rows[(company, "INR")][0]
        assert rows[(company, "INR")][2:] == [4.8e9, "article"]


def test_a_position_outside_the_article_links_nothing(running, make_article, make_fact) -> None:
    article = make_article("stray", "Oracle will spend $6.5 billion in Malaysia.")
    fact = make_fact(article, "$6.5 billion", metric="investment", conversion_of_position=7)
    load_batch(running, RUN_ID, [article], [fact], [])
    assert stored(running)["$6.5 billion"][1] is None


def test_after_the_packages_last_rate_the_latest_rate_is_used() -> None:
    last = CurrencyConverter().bounds["EUR"].last_date
    later = last + dt.timedelta(days=400)
    converted = reference_usd(1e9, "EUR", later)
    assert converted is not None and converted.rate_date == rate_day("EUR", last)
    assert converted.value == pytest.approx(1e9 * package_rate("EUR", last))
    assert reference_usd(1e9, "EUR", None) == converted  # no day at all: the latest rate too


def test_a_currency_the_ecb_stopped_quoting_has_no_rate_for_later_days() -> None:
    last_rouble = CurrencyConverter().bounds["RUB"].last_date
    assert asked_day("RUB", last_rouble + dt.timedelta(days=30)) is None
    assert reference_usd(1e9, "RUB", last_rouble) is not None
    assert asked_day("EUR", dt.date(1990, 1, 1)) is None  # before the first rate
