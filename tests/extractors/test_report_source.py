"""Which firm a figure of an analyst report comes from when its own sentence names none (extractors.scope), on text
of our own."""
from __future__ import annotations

import datetime

from extractors.facts import extract_facts

PUBLISHED = datetime.date(2025, 8, 1)


def sources(body: str, title: str | None = None) -> dict[str, list]:
    found: dict[str, list] = {}
    for fact in extract_facts(body, PUBLISHED, title):
        found.setdefault(fact.text, []).append(fact.source)
    return found


def test_the_firm_of_the_first_attributed_market_figure_carries_beyond_the_lead() -> None:
    found = sources("Cloud demand kept climbing in China this spring.\n\n"
                    "Figures from IDC show the IaaS market expanding by 47.5% in the first half. "
                    "Alibaba Cloud holds close to two fifths of the market.")
    assert found["47.5%"] == ["IDC"]
    assert found["two fifths"] == ["IDC"]


def test_a_later_firm_takes_over() -> None:
    found = sources("Canalys said spending on cloud infrastructure services rose 21% in the quarter. "
                    "Omdia puts the market's growth at 24%. AWS held 30% of the market.")
    assert found["30%"] == ["Omdia"]


def test_a_company_growth_told_beside_its_share_comes_from_the_report() -> None:
    found = sources("Canalys said spending on cloud infrastructure services rose 21% in the quarter. "
                    "AWS took 32 percent of what customers spent, and its business expanded 39 percent.")
    assert found["32 percent"] == ["Canalys"]
    assert found["39 percent"] == ["Canalys"]


def test_a_company_growth_without_a_share_beside_it_keeps_no_source() -> None:
    found = sources("Canalys said spending on cloud infrastructure services rose 21% in the quarter. "
                    "AWS revenue grew 17%, Amazon said.")
    assert found["17%"] == [None]


def test_an_unknown_firm_named_in_the_sentence_stops_the_carry() -> None:
    found = sources("Canalys said spending on cloud infrastructure services rose 21% in the quarter. "
                    "According to Kestrel Analytics, the market will grow 30% next year.")
    assert found["30%"] == [None]


def test_a_news_outlet_named_in_the_sentence_does_not_stop_the_carry() -> None:
    found = sources("Canalys said spending on cloud infrastructure services rose 21% in the quarter. "
                    "The three leaders hold 63% of the market, according to The Register.")
    assert found["63%"] == ["Canalys"]


def test_research_bodies_and_property_advisers_are_sources() -> None:
    found = sources("China's cloud market grew 35.5% to RMB616.5 billion last year, according to CAICT. "
                    "A JLL report expects installed capacity in the market to reach 1,074 MW by 2026.")
    assert found["35.5%"] == ["CAICT"]
    assert found["1,074 MW"] == ["JLL"]


def test_a_consensus_takes_the_data_provider_that_compiled_it() -> None:
    published = datetime.date(2025, 7, 31)
    found = {f.text: (f.forecast, f.source) for f in extract_facts(
        "Meta projected third-quarter revenue of $47.5 billion. "
        "Analysts on average had forecast $46.17 billion, according to LSEG data.", published)}
    assert found["$46.17 billion"] == (True, "LSEG")
    assert found["$47.5 billion"][1] is None  # the company's own guidance


def test_the_reported_figure_beside_a_consensus_keeps_no_source() -> None:
    found = {f.text: f.source for f in extract_facts(
        "Microsoft's revenue was $36.9 billion, compared with the $35.7 billion analysts had estimated, according to "
        "Refinitiv.", datetime.date(2020, 1, 30))}
    assert found == {"$36.9 billion": None, "$35.7 billion": "Refinitiv"}


def test_the_paragraph_after_the_lead_can_name_the_firm_of_its_figures() -> None:
    found = sources("Buyers spent $57.3 billion on cloud infrastructure hardware in the third quarter.\n\n"
                    "The figures come from IDC's latest infrastructure tracker.\n\n"
                    "Spending on shared cloud infrastructure reached $47.9 billion in the quarter.")
    assert found["$57.3 billion"] == ["IDC"]
    assert found["$47.9 billion"] == ["IDC"]
