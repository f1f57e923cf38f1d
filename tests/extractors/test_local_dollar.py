"""Which dollar a bare "$" is, on articles written for these tests."""
from __future__ import annotations

import datetime

from extractors.facts import extract_facts
from extractors.local_dollar import bare_dollar_code

PUBLISHED = datetime.date(2025, 12, 22)


def test_an_article_that_states_its_dollar_reports_in_it() -> None:
    body = "Guidance was left untouched. All amounts are in Australian dollars. Revenue should reach $390 million."
    assert bare_dollar_code(body) == "AUD"
    assert {f.unit for f in extract_facts("Tailspin Ltd (ASX: TSP) said so. " + body, PUBLISHED)} == {"AUD"}


def test_a_listing_on_a_dollar_exchange_with_no_marked_dollar_sets_the_dollar() -> None:
    assert bare_dollar_code("Shares in Tailspin Ltd (ASX: TSP) jumped 7%. Capex will be $2.2 billion.") == "AUD"
    assert bare_dollar_code("Keppel DC (SGX: AJBU) posted revenue of $80 million.") == "SGD"


def test_a_marked_dollar_anywhere_keeps_the_bare_sign_as_us_dollars() -> None:
    # Outlets that mark their own currency use the bare sign for the US dollar: "A$24 billion ($16 billion)".
    assert bare_dollar_code("Tailspin Ltd (ASX: TSP) paid A$24 billion ($16 billion) for the operator.") == "USD"


def test_without_a_listing_or_statement_a_bare_dollar_is_us() -> None:
    assert bare_dollar_code("Contoso said capex will be $2.2 billion.") == "USD"
    assert bare_dollar_code("Listed on both (ASX: TSP) and (TSX: TSP), it spent $5 million.") == "USD"
