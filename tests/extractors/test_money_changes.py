"""Money that is no fact (FACTS.md): changes of an amount and deal-size bands, each on a sentence of our own;
and the facts next to them that stay."""
from __future__ import annotations

import datetime

import pytest

from extractors.facts import extract_facts

PUBLISHED = datetime.date(2025, 8, 1)


def figures(body: str) -> list[tuple[str, str]]:
    return [(f.text, f.metric) for f in extract_facts(body, PUBLISHED)]


@pytest.mark.parametrize("body, kept", [
    # a change "by" an amount, however far the verb stands from it
    ("Microsoft raised the bottom of its capex range by $2 billion to $66 billion.", [("$66 billion", "investment")]),
    ("Revenue beat the average estimate by $1.2 billion, Oracle said.", []),
    # the amount that restates a percentage change, and its conversion with it
    ("China Mobile is cutting its capex budget by 4 per cent, or CNY7.3 billion ($1 billion), this year.", []),
    # a count of deals above a size
    ("Google Cloud's number of contracts above $250 million doubled in the quarter.", [("doubled", "growth_rate")]),
    ("Alphabet signed more $1 billion-plus deals in the half than in all of 2024.", []),
    ("Revenue at Google Cloud rose 32% as it signed $1 billion-plus deals.", [("32%", "growth_rate")]),
    ("Oracle said deals worth more than $500 million each made up most of its bookings.", []),
])
def test_changes_and_bands_are_no_facts(body: str, kept: list) -> None:
    assert figures(body) == kept


@pytest.mark.parametrize("body, kept", [
    ("Microsoft signed a deal worth more than $10 billion with OpenAI.", [("$10 billion", "deal_value")]),
    ("AWS was backed by a budget of $5 billion for its new region in Chile.", [("$5 billion", "investment")]),
    ("Oracle will invest $6.5 billion in Malaysia, cutting its wait for capacity by two years.",
     [("$6.5 billion", "investment")]),
])
def test_one_deal_and_plain_amounts_stay(body: str, kept: list) -> None:
    assert figures(body) == kept


@pytest.mark.parametrize("body, kept", [
    ("Snowflake counted 148 customers whose trailing 12-month product revenue exceeded $1 million.",
     [("148", "customers")]),
    ("Snowflake said 148 customers had product revenue above $1 million in the past year.", [("148", "customers")]),
    ("It defines large customers as customers whose trailing 12-month product revenue tops $1 million.", []),
    ("Microsoft signed more contracts in the $100 million-plus bracket than a year earlier.", []),
])
def test_thresholds_and_trading_are_no_facts(body: str, kept: list) -> None:
    assert figures(body) == kept


def test_trading_turnover_is_no_revenue() -> None:
    assert "HK$2.518 billion" not in dict(figures("Alibaba's stock was up 14.95% at HK$133, on turnover of HK$2.518 billion."))


def test_what_customers_spent_is_a_fact() -> None:
    assert figures("Customers spent more than $90 billion on cloud infrastructure services in the quarter.") == \
        [("$90 billion", "market_spending")]


def test_research_spending_is_no_fact_but_an_rd_centre_is_an_investment() -> None:
    assert figures("Huawei spent CNY164.7bn on R&D last year, and its R&D outlays over ten years add up to CNY1.11tn.") \
        == []
    assert figures("Microsoft will invest $1 billion in a new R&D centre and data centre in Kenya.") == \
        [("$1 billion", "investment")]


def test_an_economic_contribution_with_a_conversion_between_is_no_fact() -> None:
    assert figures("By 2030, Google's investments in Malaysia will have contributed more than US$3bil (RM12.35bil) to "
                   "the national economy, the company said.") == []


@pytest.mark.parametrize("body, figure", [
    ("Huawei's revenue rose 9.6% to CNY704.2bn last year.\n\nHow the divisions did:\n\n"
     "- ICT infrastructure took in CNY362bn, 2.3% more than in 2022;\n"
     "- cloud computing contributed CNY55.3bn, an increase of 21.9%;", "CNY55.3bn"),
    ("Huawei's results were strong. - the consumer business sold CNY251.5bn worth of goods, up 17.3%;", "CNY251.5bn"),
])
def test_what_a_unit_contributed_or_sold_is_revenue(body: str, figure: str) -> None:
    assert (figure, "revenue") in figures(body)


@pytest.mark.parametrize("body", [
    "Microsoft generated $20 billion in free cash flow in the quarter.",
    "The project contributed $2 billion in economic activity, Google said.",
    "Blue Owl contributed $7 billion to the joint venture with Meta.",
])
def test_cash_generated_and_economic_activity_are_no_revenue(body: str) -> None:
    assert figures(body) == []


def test_customers_spending_on_a_market_is_its_size_not_a_threshold() -> None:
    assert figures("Customers spending on cloud infrastructure services came to more than $90 billion in the quarter, "
                   "Synergy said.") == [("$90 billion", "market_spending")]
    assert "$1 million" not in dict(figures("Enterprise customers spending over $1 million a year grew 20%."))
