"""Where a facility figure stands (extractors.facility_place) and the market a headline names, on text of our own."""
from __future__ import annotations

import datetime
import json

import pytest

from extractors.article_state import title_country, title_geography
from extractors.datafiles import DATA_DIR
from extractors.facility_place import find_localities
from extractors.facts import extract_facts
from extractors.geography import geography_kind

PUBLISHED = datetime.date(2025, 8, 1)


def geographies(body: str, title: str | None = None) -> dict[str, list]:
    """Figure text -> the geographies of its facts."""
    found: dict[str, list] = {}
    for fact in extract_facts(body, PUBLISHED, title):
        found.setdefault(fact.text, []).append(fact.geography)
    return found


@pytest.mark.parametrize("body, figure, expected", [
    ("Work on the $3bn Indonesian data centre starts next month, Kestrel Cloud said.", "$3bn", "Indonesia"),
    ("Oracle committed $700 million to building a Thai data centre and cloud region.", "$700 million",
     "Thailand"),
    ("Oracle will put $1.2 billion into Mexican cloud infrastructure by 2028.", "$1.2 billion", "Mexico"),
    ("Oracle has spent £800 million on its London and Manchester sites since 2021.", "£800 million",
     "United Kingdom"),
    ("Kestrel Cloud will invest Rs 2,500 crore in a data-centre park in Navi Mumbai.", "Rs 2,500 crore", "India"),
    ("The Johannesburg region has two availability zones, Kestrel Cloud said.", "two", "South Africa"),
    ("Kestrel Cloud runs five data centres in Aragon and plans a sixth.", "five", "Spain"),
    ("Oracle's flagship, a 1.2-gigawatt site in Abilene, Texas, is being built now.", "1.2-gigawatt", "United States"),
])
def test_a_facility_figure_takes_the_country_its_facility_stands_in(body: str, figure: str, expected: str) -> None:
    assert geographies(body)[figure] == [expected]


def test_the_country_is_the_country_named_before() -> None:
    found = geographies("Oracle opened its first Vietnamese office in March. "
                        "It will put $400 million into data centres in the country over five years.")
    assert found["$400 million"] == ["Vietnam"]


def test_the_country_of_the_headline_is_the_country_of_the_first_sentence() -> None:
    found = geographies("Kestrel Cloud will spend $900 million on data centres in the country by 2030.",
                        title="Kestrel Cloud bets on Poland")
    assert found["$900 million"] == ["Poland"]


@pytest.mark.parametrize("body, figure", [
    # the place is the company's home, not where the money goes
    ("Texas Instruments will invest $2 billion in new fabs, the company said.", "$2 billion"),
    # revenue is no facility figure: a city in its sentence does not scope it
    ("Oracle, based in Austin, reported revenue of $310 million for the quarter.", "$310 million"),
    # the place stands in another clause
    ("Oracle opened an office in Dubai; it will invest $50 million in research.", "$50 million"),
    # "the country" with no country named before it
    ("Oracle will put $60 million into data centres across the country.", "$60 million"),
])
def test_no_place_where_the_sentence_ties_none_to_the_figure(body: str, figure: str) -> None:
    assert geographies(body)[figure] == [None]


def test_a_country_named_in_the_sentence_wins_over_a_town() -> None:
    found = geographies("Oracle, which runs a region in Singapore, will invest $1 billion in Malaysia.")
    assert found["$1 billion"] == ["Malaysia"]


@pytest.mark.parametrize("text, expected", [
    ("A new campus in Navi Mumbai", [("Navi Mumbai", "India")]),
    ("Sites in Frankfurt, Paris and Milan", [("Frankfurt", "Germany"), ("Paris", "France"), ("Milan", "Italy")]),
    ("Texas Instruments reported", []),
    ("a facility in Texas", [("Texas", "United States")]),
    ("the aragon data", []),  # case matters: names are capitalised
])
def test_localities_name_their_country(text: str, expected: list) -> None:
    assert [(m.text, m.geography) for m in find_localities(text)] == expected


def test_every_locality_names_a_known_country_and_an_example() -> None:
    records = [json.loads(line) for line in (DATA_DIR / "localities.jsonl").read_text(encoding="utf-8").splitlines()]
    assert records and all(geography_kind(r["country"]) == "country" and r["example"] for r in records)
    aliases = [a for r in records for a in r["aliases"]]
    assert len(aliases) == len(set(aliases)), "an alias names one country only"


@pytest.mark.parametrize("title, market, country", [
    ("Chinese cloud market grew 67% in the first quarter", "China", "China"),
    ("Public cloud spend across Asia Pacific to top $100bn", "Asia Pacific", None),
    ("India's public cloud market on track for Rs 54,500 crore", "India", "India"),
    ("Cloud spending in Japan and Korea climbs", None, None),  # two places: the headline sets none
    ("Alibaba jumps in Hong Kong as cloud growth speeds up", None, "Hong Kong"),  # a stock market, no cloud market
    ("U.S. developer plans large data centers", None, "United States"),
    ("Global cloud spending rose 21%", None, None),
    (None, None, None),
])
def test_the_headline_names_the_market(title: str | None, market: str | None, country: str | None) -> None:
    assert title_geography(title) == market
    assert title_country(title) == country


def test_a_market_figure_takes_the_headline_market_when_its_sentence_names_none() -> None:
    found = geographies("Spending on cloud infrastructure services rose 31% in the quarter, Kestrel Research said.",
                        title="Brazilian cloud market keeps growing")
    assert found["31%"] == ["Brazil"]


def test_a_place_inside_a_company_name_scopes_nothing() -> None:
    assert geographies("China Telecom held 8.51 percent of the market.")["8.51 percent"] == [None]
    assert geographies("China Telecom held 8.51 percent of the Chinese market.")["8.51 percent"] == ["China"]


def test_a_place_opening_the_sentence_before_a_comma_scopes_its_figures() -> None:
    found = geographies("Globally, AWS now operates 108 availability zones across 34 geographic regions.")
    assert found["108"] == ["worldwide"] and found["34"] == ["worldwide"]
    assert geographies("AWS operates 108 availability zones across 34 regions.")["108"] == [None]


def test_the_lead_names_the_market_when_the_headline_does_not() -> None:
    body = ("The global cloud infrastructure market kept its pace in the quarter.\n\n"
            "AWS held 30% of the market, Kestrel Research said.")
    assert geographies(body)["30%"] == ["worldwide"]


def test_a_lead_naming_two_markets_sets_none() -> None:
    body = ("Cloud markets in Japan and in India grew fast in the quarter.\n\n"
            "AWS held 30% of the market, Kestrel Research said.")
    assert geographies(body)["30%"] == [None]
