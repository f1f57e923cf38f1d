"""Capex of a class of companies, spending said of listed companies together, funding rounds and what a company is
worth (subject.py, metric cues), on sentences of our own."""
from __future__ import annotations

import datetime

import pytest

from extractors.facts import extract_facts

PUBLISHED = datetime.date(2025, 8, 1)


def facts(body: str) -> dict[str, tuple]:
    return {f.text: (f.metric, f.subject) for f in extract_facts(body, PUBLISHED)}


@pytest.mark.parametrize("body", [
    "Hyperscale capex hit $127 billion in the quarter.",
    "Capital spending by the hyperscale operators reached $127 billion in the quarter, Synergy said.",
    "Big tech capital expenditures are set to exceed $400 billion this year.",
])
def test_capex_of_an_unnamed_class_of_companies_is_investment_with_no_subject(body: str) -> None:
    assert facts(body)[next(t for t in facts(body) if t.startswith("$"))] == ("investment", ())


def test_market_spending_stays_the_markets() -> None:
    assert facts("Worldwide spending on cloud infrastructure services reached $90 billion, Synergy said.")["$90 billion"] \
        == ("market_spending", ())


def test_listed_companies_spending_together_is_their_investment() -> None:
    found = facts("Alphabet, Amazon.com, Meta and Microsoft together are heading for $400 billion of spending on AI "
                  "infrastructure this year, Morgan Stanley estimates.")
    assert found["$400 billion"] == ("investment", ("Alphabet", "Amazon", "Meta", "Microsoft"))


@pytest.mark.parametrize("body, figure", [
    ("Crusoe has pulled in approximately $1.38 billion through its Series E.", "$1.38 billion"),
    ("Nscale raised $1.1 billion in a Series B round led by Aker.", "$1.1 billion"),
])
def test_a_funding_round_is_a_deal(body: str, figure: str) -> None:
    assert facts(body)[figure][0] == "deal_value"


@pytest.mark.parametrize("body, figure", [
    ("Crusoe closed its Series E, a round that puts its value at more than $10 billion.", "$10 billion"),
    ("The $15bn company came into being last year when Yandex spun off its operations outside Russia.", "$15bn"),
])
def test_what_a_company_is_worth_is_no_fact(body: str, figure: str) -> None:
    assert figure not in facts(body)


def test_revenue_of_hyperscalers_as_a_class_is_revenue_with_no_subject() -> None:
    found = facts("Synergy notes that hyperscale companies took in revenues of $720 billion in the second quarter.")
    assert found["$720 billion"] == ("revenue", ())


def test_cloud_provider_revenue_is_the_markets_size() -> None:
    assert facts("Cloud providers' revenue reached $90 billion in the quarter, Synergy said.")["$90 billion"][0] \
        != "revenue"


def test_a_share_price_touched() -> None:
    found = {f.text: f.metric for f in extract_facts("Nebius stock was up 68 per cent, touching $108 in late trading.",
                                                     PUBLISHED)}
    assert found["$108"] == "share_price"


@pytest.mark.parametrize("body, figure, parties", [
    ("CoreWeave disclosed a US$14.2 billion agreement to supply computing power to Meta.", "US$14.2 billion",
     ("CoreWeave", "Meta")),
    ("Microsoft agreed a $19.4 billion deal for compute capacity with Nebius in September.", "$19.4 billion",
     ("Microsoft", "Nebius")),
    ("Microsoft signed a $10 billion deal, according to Reuters.", "$10 billion", ("Microsoft",)),
    ("Microsoft signed a $10 billion deal; Nebius said it had no comment.", "$10 billion", ("Microsoft",)),
])
def test_the_other_party_of_a_deal_named_after_it(body: str, figure: str, parties: tuple) -> None:
    assert facts(body)[figure] == ("deal_value", parties)
