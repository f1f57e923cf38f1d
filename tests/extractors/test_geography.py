"""Geography mentions: worldwide scope, countries by name and adjective, named regions."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.datafiles import DATA_DIR
from extractors.geography import find_geographies, geography_kind


def _found(text: str) -> list[tuple[str, str]]:
    """(text, geography) of every mention."""
    return [(m.text, m.geography) for m in find_geographies(text)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Spending rose 21% worldwide.", [("worldwide", "worldwide")]),
        ("Global spending rose 21%.", [("Global", "worldwide")]),
        ("Spending rose 21% globally.", [("globally", "worldwide")]),
        ("Users around the world pay more.", [("around the world", "worldwide")]),
        ("Data centres across the globe filled up.", [("across the globe", "worldwide")]),
        ("It is the world's largest provider.", [("world's", "worldwide")]),
        ("It is the world’s largest provider.", [("world’s", "worldwide")]),
        ("China's market grew; Chinese firms led.", [("China", "China"), ("Chinese", "China")]),
        ("Demand in mainland China slowed.", [("mainland China", "China")]),
        ("The US market, U.S. firms and the United States.", [("US", "United States"), ("U.S.", "United States"), ("United States", "United States")]),
        ("Big American competitors spent more.", [("American", "United States")]),
        ("Sites in New Mexico and Mexico.", [("New Mexico", "United States"), ("Mexico", "Mexico")]),
        ("Let us look at the numbers.", []),
        ("It raised US$5 billion.", []),
        ("Japan and Japanese buyers.", [("Japan", "Japan"), ("Japanese", "Japan")]),
        ("Indian data laws apply in India.", [("Indian", "India"), ("India", "India")]),
        ("The UK and British firms.", [("UK", "United Kingdom"), ("British", "United Kingdom")]),
        ("Australia and Australian banks.", [("Australia", "Australia"), ("Australian", "Australia")]),
        ("Germany and France signed.", [("Germany", "Germany"), ("France", "France")]),
        ("South Korea and Korea's chipmakers.", [("South Korea", "South Korea"), ("Korea", "South Korea")]),
        ("North Korea is not South Korea.", [("North Korea", "North Korea"), ("South Korea", "South Korea")]),
        ("Singapore, Indonesia, Malaysia and Thailand.", [("Singapore", "Singapore"), ("Indonesia", "Indonesia"), ("Malaysia", "Malaysia"), ("Thailand", "Thailand")]),
        ("The Philippines, Mexico, Brazil and Canada.", [("Philippines", "Philippines"), ("Mexico", "Mexico"), ("Brazil", "Brazil"), ("Canada", "Canada")]),
        ("Saudi Arabia, the UAE, Qatar and Israel.", [("Saudi Arabia", "Saudi Arabia"), ("UAE", "United Arab Emirates"), ("Qatar", "Qatar"), ("Israel", "Israel")]),
        ("The United Arab Emirates invested.", [("United Arab Emirates", "United Arab Emirates")]),
        ("Asia Pacific, Asia-Pacific and APAC.", [("Asia Pacific", "Asia Pacific"), ("Asia-Pacific", "Asia Pacific"), ("APAC", "Asia Pacific")]),
        ("Europe and European buyers.", [("Europe", "Europe"), ("European", "Europe")]),
        ("Revenue in EMEA rose.", [("EMEA", "EMEA")]),
        ("The Middle East and Latin America grew.", [("Middle East", "Middle East"), ("Latin America", "Latin America")]),
        ("Latin American and North American demand.", [("Latin American", "Latin America"), ("North American", "North America")]),
        ("Southeast Asia and Africa grew.", [("Southeast Asia", "Southeast Asia"), ("Africa", "Africa")]),
        ("Turkey prices rose, and Turkey signed a deal.", [("Turkey", "Turkey"), ("Turkey", "Turkey")]),
        ("Roast turkey is not a country.", []),
    ],
)
def test_geography_mentions(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _found(sentence) == expected


@pytest.mark.parametrize(
    "name, kind",
    [("worldwide", "worldwide"), ("China", "country"), ("Asia Pacific", "region"), ("Atlantis", None)],
)
def test_geography_kind(name: str, kind: str | None) -> None:
    assert geography_kind(name) == kind


def test_data_file_examples_are_found() -> None:
    for line in (DATA_DIR / "geographies.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        assert record["name"] in {m.geography for m in find_geographies(record["example"])}, record["id"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("US.Asia-Pacific world’'s $") ) | st.characters(), max_size=80))
def test_random_text_never_raises_and_spans_hold(text: str) -> None:
    previous_end = 0
    for mention in find_geographies(text):
        assert 0 <= mention.start_char < mention.end_char <= len(text)
        assert text[mention.start_char : mention.end_char] == mention.text
        assert mention.start_char >= previous_end
        previous_end = mention.end_char
