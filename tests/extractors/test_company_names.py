"""Companies the alias table does not know, found from their position in sentences written for these tests."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.company_names import (NAME, _AtSentenceStart, _cue_alternations, _position_patterns,
                                      discover_companies)
from extractors.entities import find_entities

FOUND = [
    ("Tailspin Holdings Ltd. said revenue rose 12% in the year.", "Tailspin"),
    ("Shares of Northwind Corp. fell after the results.", "Northwind"),
    ("Fabrikam (NASDAQ: FBKM) posted revenue of $210 million.", "Fabrikam"),
    ("Data centre operator Woodgrove will add 40 MW in Osaka.", "Woodgrove"),
    ("The deal was struck by telecom major Litware Networks Corp. on Monday.", "Litware Networks"),
    ("Proseware, a neocloud based in Austin, raised $400 million.", "Proseware"),
    ("Lamna Healthcare, the hospital software company, said sales doubled.", "Lamna Healthcare"),
    ("Wingtip reported revenue of $1.2 billion for the quarter.", "Wingtip"),
    ("Adatum's revenue climbed 31% to $88 million.", "Adatum"),
]


@pytest.mark.parametrize(("sentence", "name"), FOUND)
def test_a_name_in_a_company_position_is_a_company(sentence: str, name: str) -> None:
    companies = discover_companies(sentence)
    assert companies.aliases.get(name) == name, companies.aliases
    assert [m.canonical for m in companies.mentions(sentence, find_entities(sentence))] == [name]


def test_a_headline_verb_introduces_the_company() -> None:
    companies = discover_companies("Its revenue for the year rose 19%.", title="Tailspin to invest $2 billion in Kyoto")
    assert companies.aliases == {"Tailspin": "Tailspin"}


def test_a_name_with_its_acronym_is_known_by_the_acronym() -> None:
    body = "Blue Yonder Partners (BYP) Group plans two sites. BYP said Blue Yonder Partners would fund both."
    companies = discover_companies(body)
    assert companies.aliases == {"BYP": "BYP", "Blue Yonder Partners": "BYP"}
    assert {m.canonical for m in companies.mentions(body, find_entities(body))} == {"BYP"}


NOT_FOUND = [
    "Jane Okafor, the company's chief executive, said demand was strong.",  # a person in an apposition
    "Tom Reyes, a senior analyst at the firm, expects 20% growth.",  # a person, an analyst
    "Contoso Research, a market research firm, sized the market at $5 billion.",  # an analyst firm
    "International Data Corporation (IDC) expects spending to rise.",  # known analyst, its full name
    "Alibaba Cloud Partner Programme, the company said, grew.",  # touches a name the table knows
    "Meanwhile, the operator added two regions.",  # an adverb before a comma
    "Cloud Business Process Services (BPaaS) grew 12%.",  # a market segment, not a company
    "Tokyo's data centres grew.",  # a place, and no figure noun of a company
    "Remaining Performance Obligation (RPO) reached $5 billion.",  # a metric's acronym, in no company position
    "Revenue reported by the segment rose 4%.",  # a capitalised common word
]


@pytest.mark.parametrize("sentence", NOT_FOUND)
def test_no_company_without_a_company_position(sentence: str) -> None:
    assert discover_companies(sentence).aliases == {}


def test_mentions_skip_names_the_alias_table_found() -> None:
    body = "Tailspin Holdings Ltd. and AWS signed a deal. Tailspin said AWS would host it."
    companies = discover_companies(body)
    known = find_entities(body)
    assert [m.text for m in companies.mentions(body, known)] == ["Tailspin", "Tailspin"]


SENTENCE_PIECES = ["Northwind", "Wingtip Toys", "The", "reported", "posted", "to invest", "said", "revenue", "İO",
                   "Co.", "A", "x"]
SENTENCE_GAPS = [" ", "  ", "\t", ". ", "! ", "? ", "?\t", ".\n", "\n", ";", ": ", ", ", "", "\n "]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(SENTENCE_GAPS), st.sampled_from(SENTENCE_PIECES)), max_size=10),
       st.sampled_from(["", " ", "\n", "."]))
def test_the_sentence_start_pattern_finds_what_its_lookbehind_form_finds(pieces: list, lead: str) -> None:
    text = lead + "".join(gap + piece for gap, piece in pieces)
    rest = rf"[ \t]*{NAME}[ \t]+(?:{_cue_alternations()['report_verb']})\b"
    original = re.compile(rf"(?:^|(?<=[.;:!?])[ \t]+|\n){rest}")
    fast = _AtSentenceStart(rest)
    assert [(m.span("name"), m.group("name")) for m in fast.finditer(text)] == \
        [(m.span("name"), m.group("name")) for m in original.finditer(text)]


POSITION_PIECES = ["Northwind", "Wingtip Toys", "the", "The", "a", "An", "cloud provider", "data centre operator",
                   "company", "Ltd", "Inc.", "(NASDAQ: NWND)", "'s revenue", "’s", "reported", "Group", "neocloud",
                   "unit", "start-up", "based in Osaka", "İO", "KIT"]
POSITION_GAPS = [" ", "  ", "\t", ", ", ",\t", ". ", "\n", ""]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(POSITION_PIECES), st.sampled_from(POSITION_GAPS)), max_size=12))
def test_where_a_necessary_part_is_missing_its_position_pattern_finds_nothing(pieces: list) -> None:
    text = "".join(piece + gap for piece, gap in pieces)
    for pattern, necessary in _position_patterns():
        if not all(part.search(text) for part in necessary):
            assert not list(pattern.finditer(text)), (pattern, text)
