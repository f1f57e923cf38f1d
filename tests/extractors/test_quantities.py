"""Matching quantities in sentences written for these tests (not taken from the dev corpus)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.pipeline import get_nlp
from extractors.quantities import extract_quantities, find_quantities


def summary(text: str) -> list[tuple]:
    """(text, value, value_high, unit, qualifier) of every quantity found."""
    return [(q.text, q.value, q.value_high, q.unit, q.qualifier) for q in extract_quantities(text)]


def only(text: str, surface: str):
    """The one quantity whose text is surface."""
    found = [q for q in extract_quantities(text) if q.text == surface]
    assert len(found) == 1, extract_quantities(text)
    return found[0]


MONEY = [
    ("Contoso booked US$52.7 billion in sales.", "US$52.7 billion", 52.7e9, "USD"),
    ("The plan costs $1.2bn in total.", "$1.2bn", 1.2e9, "USD"),
    ("Capex hit JPY2.6 trillion last year.", "JPY2.6 trillion", 2.6e12, "JPY"),
    ("Fabrikam raised USD $8.9 billion from investors.", "USD $8.9 billion", 8.9e9, "USD"),
    ("The market is worth 61 billion dollars now.", "61 billion dollars", 61e9, "USD"),
    ("Income reached 45.3 billion Chinese yuan in the period.", "45.3 billion Chinese yuan", 45.3e9, "CNY"),
    ("Revenue came to RMB55.3 billion.", "RMB55.3 billion", 55.3e9, "CNY"),
    ("The fund holds AU$13.2 billion.", "AU$13.2 billion", 13.2e9, "AUD"),
    ("It unveiled a 380-billion-yuan programme.", "380-billion-yuan", 380e9, "CNY"),
    ("Shares closed at HK$118.80 on Monday.", "HK$118.80", 118.8, "HKD"),
    ("The sector could be a one trillion dollar opportunity.", "one trillion dollar", 1e12, "USD"),
    ("The state approved Rs 1,05,600 crore of projects.", "Rs 1,05,600 crore", 1.056e12, "INR"),
    ("A grant of S$40 million was announced.", "S$40 million", 40e6, "SGD"),
    ("The deal is worth RM2.5 billion.", "RM2.5 billion", 2.5e9, "MYR"),
    ("It spent ¥300 billion on servers.", "¥300 billion", 300e9, "JPY"),
    ("Orders rose to €9m in March.", "€9m", 9e6, "EUR"),
    ("Profit was £1,000 per head.", "£1,000", 1000, "GBP"),
    ("The unit earned 2 trillion won last quarter.", "2 trillion won", 2e12, "KRW"),
    ("A 1.3 billion shekels contract was signed.", "1.3 billion shekels", 1.3e9, "ILS"),
    ("Ventures pledged 500 crore rupees.", "500 crore rupees", 5e9, "INR"),
    ("The firm won million-dollar deals.", "million-dollar", 1e6, "USD"),
    ("It paid $13,009 million for the assets.", "$13,009 million", 13_009e6, "USD"),
    ("The carrier invested 5 billion euros.", "5 billion euros", 5e9, "EUR"),
    ("Sales reached 2 billion pounds.", "2 billion pounds", 2e9, "GBP"),
    ("Partners closed several million-dollar contracts.", "million-dollar", 1e6, "USD"),
    ("Hosting is now a billion-dollar business for it.", "billion-dollar", 1e9, "USD"),
    ("The upgrade costs a quarter million euros.", "a quarter million euros", 250e3, "EUR"),
    ("Bookings were worth three quarters billion dollars.", "three quarters billion dollars", 750e6, "USD"),
    ("The supplier expects orders of 120 MEUR.", "120 MEUR", 120e6, "EUR"),
    ("Turnover was MAUD 60 last year.", "MAUD 60", 60e6, "AUD"),
    ("The group booked 20 billion francs of orders.", "20 billion francs", 20e9, "CHF"),
    ("One dollar bought 1.85 marks at the close.", "1.85 marks", 1.85, "DEM"),
    ("A ticket costs 900 ₡ at the door.", "900 ₡", 900, "CRC"),
    ("The wallet held 5000 bitcoins.", "5000 bitcoins", 5000, "BTC"),
    ("Contoso will spend US$3bil on two campuses.", "US$3bil", 3e9, "USD"),
    ("Fabrikam put R12.5 billion into its Cape Town sites.", "R12.5 billion", 12.5e9, "ZAR"),
]

NOT_RAND = ["Its R2 and R3 product lines were retired.", "The R 5 model sold out."]


@pytest.mark.parametrize("sentence", NOT_RAND)
def test_r_is_rand_only_with_a_scale(sentence: str) -> None:
    assert not [q for q in extract_quantities(sentence) if q.unit == "ZAR"]


@pytest.mark.parametrize(("sentence", "surface", "value", "unit"), MONEY)
def test_money(sentence: str, surface: str, value: float, unit: str) -> None:
    quantity = only(sentence, surface)
    assert (quantity.value, quantity.unit, quantity.qualifier) == (pytest.approx(value), unit, "exact")


PERCENT = [
    ("Revenue grew 37.6% year on year.", "37.6%", 37.6, "percent"),
    ("Its share rose to 33.3 per cent.", "33.3 per cent", 33.3, "percent"),
    ("Margins widened 28 percent.", "28 percent", 28, "percent"),
    ("The share gained 2.9 percentage points.", "2.9 percentage points", 2.9, "pp"),
    ("It added one percentage point of share.", "one percentage point", 1, "pp"),
    ("Growth was 115,3% in Europe.", "115,3%", 115.3, "percent"),
    ("Yields fell 60 basis points.", "60 basis points", 0.6, "pp"),
    ("Gilts paid 1.38pc at auction.", "1.38pc", 1.38, "percent"),
    ("The stock slipped 5%, a rare fall.", "5%", 5, "percent"),
]


@pytest.mark.parametrize(("sentence", "surface", "value", "unit"), PERCENT)
def test_percent(sentence: str, surface: str, value: float, unit: str) -> None:
    quantity = only(sentence, surface)
    assert (quantity.value, quantity.unit) == (pytest.approx(value), unit)


POWER = [
    ("An 800-megawatt campus is planned.", "800-megawatt", 800),
    ("The site will draw 1.2 GW at full load.", "1.2 GW", 1200),
    ("It is building a gigawatt data center in Ohio.", "gigawatt", 1000),
    ("Phase one adds 300 MW of capacity.", "300 MW", 300),
    ("They secured 5 gigawatts of power.", "5 gigawatts", 5000),
    ("The campus will draw 250,000 kilowatts.", "250,000 kilowatts", 250),
    ("A 90,000-kilowatt hall opens next year.", "90,000-kilowatt", 90),
]


@pytest.mark.parametrize(("sentence", "surface", "value"), POWER)
def test_power(sentence: str, surface: str, value: float) -> None:
    quantity = only(sentence, surface)
    assert (quantity.value, quantity.unit) == (value, "MW")


COUNTS = [
    ("Northwind runs 87 availability zones worldwide.", "87", 87, "availability zone"),
    ("It opened two availability zones in Chile.", "two", 2, "availability zone"),
    ("The provider has 1,136 data centers.", "1,136", 1136, "data center"),
    ("It now has 12 so-called hyperscale data centres.", "12", 12, "data center"),
    ("The cloud spans 38 regions.", "38", 38, "region"),
    ("It signed up 4,500 new customers.", "4,500", 4500, "customer"),
    ("A dozen partners joined the programme.", "A dozen", 12, "partner"),
    ("The lab released 100,000 derivative models.", "100,000", 100000, "model"),
    ("It will create 1,200 full-time equivalent jobs.", "1,200", 1200, "job"),
    ("The vendor serves 190 countries.", "190", 190, "country"),
    ("The catalogue lists 240 services.", "240", 240, "service"),
    ("The group employs 2,000 employees.", "2,000", 2000, "employee"),
    ("It trained 15 AI models this year.", "15", 15, "AI model"),
    ("It is among the top five providers of hosting services.", "five", 5, "provider"),
    ("It works with six leading cloud service providers.", "six", 6, "provider"),
    ("The catalogue spans 120 cloud computing and AI products.", "120", 120, "product"),
    ("The unit sells 45 technical services.", "45", 45, "service"),
    ("The chipmaker sells 30 products.", "30", 30, "product"),
    ("It has 2023 customers, oddly.", "2023", 2023, "customer"),
]


@pytest.mark.parametrize(("sentence", "surface", "value", "noun"), COUNTS)
def test_counts_with_noun(sentence: str, surface: str, value: float, noun: str) -> None:
    quantity = only(sentence, surface)
    assert (quantity.value, quantity.unit, quantity.noun) == (value, "count", noun)


@pytest.mark.parametrize(("sentence", "surface"), [
    ("Nine cloud service brokers joined the scheme.", "Nine"),
    ("12 of the region's biggest lenders signed up.", "12"),
    ("It runs 30 customer and partner programmes.", "30"),
])
def test_count_noun_is_the_head_of_its_phrase_or_none(sentence: str, surface: str) -> None:
    assert only(sentence, surface).noun is None


def test_part_takes_the_currency_of_its_whole() -> None:
    assert only("The founder has raised 300 million of the 2 billion rupees he needs.", "300 million").unit == "INR"
    assert only("It shipped 20 million of the 1.5 billion devices.", "20 million").unit == "count"


def test_plain_numbers_are_counts_without_noun() -> None:
    quantity = only("Contoso operates 22 regions, eight of them in Europe.", "eight")
    assert (quantity.value, quantity.unit, quantity.noun) == (8, "count", None)


@pytest.mark.parametrize(("line", "value"), [("143,302", 143302), ("19.1", 19.1), ("  7,250  ", 7250)])
def test_table_cells_are_counts(line: str, value: float) -> None:
    assert summary(line) == [(line.strip(), value, None, "count", "exact")]


QUALIFIED = [
    ("It spent more than $60 billion.", "$60 billion", "at_least"),
    ("About 80 per cent of firms agreed.", "80 per cent", "approximate"),
    ("Growth was around 12%.", "12%", "approximate"),
    ("Roughly 3,000 jobs moved.", "3,000", "approximate"),
    ("Sales were approximately $4 billion.", "$4 billion", "approximate"),
    ("Nearly 40% of spend is cloud.", "40%", "approximate"),
    ("Almost 30 regions are live.", "30", "approximate"),
    ("It costs close to $2 billion.", "$2 billion", "approximate"),
    ("The firm hired some 300 engineers.", "300", "approximate"),
    ("It has an estimated $5 billion in backlog.", "$5 billion", "approximate"),
    ("It has over 100 partners.", "100", "at_least"),
    ("Margins hit at least 20%.", "20%", "at_least"),
    ("Deals of upwards of $1 billion were signed.", "$1 billion", "at_least"),
    ("Capex is well over $50 billion.", "$50 billion", "at_least"),
    ("It invested in excess of $2 billion.", "$2 billion", "at_least"),
    ("The valuation is north of $10 billion.", "$10 billion", "at_least"),
    ("Under 5% of users churned.", "5%", "at_most"),
    ("It spent less than $3 million.", "$3 million", "at_most"),
    ("It may cut up to 700 jobs.", "700", "at_most"),
    ("Revenue was just under US$5 billion.", "US$5 billion", "at_most"),
    ("Inflation stayed below 2%.", "2%", "at_most"),
    ("Fewer than 50 customers left.", "50", "at_most"),
    ("It has 1,000 or more customers.", "1,000", "at_least"),
]


@pytest.mark.parametrize(("sentence", "surface", "qualifier"), QUALIFIED)
def test_qualifiers(sentence: str, surface: str, qualifier: str) -> None:
    assert only(sentence, surface).qualifier == qualifier


def test_over_is_no_qualifier_before_a_period() -> None:
    found = summary("It will invest $8 billion over the next three years.")
    assert found == [("$8 billion", 8e9, None, "USD", "exact")]


RANGES = [
    ("Growth will be between 32% and 34%.", "32% and 34%", 32, 34, "percent"),
    ("Prices rose 6 to 8 per cent.", "6 to 8 per cent", 6, 8, "percent"),
    ("The deal is worth $1bn-$2bn.", "$1bn-$2bn", 1e9, 2e9, "USD"),
    ("It runs 130-140 data centers.", "130-140", 130, 140, "count"),
    ("Guidance is US $89 to $93 billion.", "US $89 to $93 billion", 89e9, 93e9, "USD"),
    ("Prices range from $370,000 to $5.5 million.", "$370,000 to $5.5 million", 370_000, 5.5e6, "USD"),
    ("It will reach 33-35 billion euros.", "33-35 billion euros", 33e9, 35e9, "EUR"),
]


@pytest.mark.parametrize(("sentence", "surface", "low", "high", "unit"), RANGES)
def test_ranges(sentence: str, surface: str, low: float, high: float, unit: str) -> None:
    quantity = only(sentence, surface)
    assert (quantity.value, quantity.value_high, quantity.unit, quantity.qualifier) == (low, high, unit, "range")


def test_range_count_takes_its_noun() -> None:
    assert only("It runs 130-140 data centers.", "130-140").noun == "data center"


def test_change_from_to_is_two_figures_not_a_range() -> None:
    found = summary("Revenue rose from $5 billion to $7 billion.")
    assert found == [("$5 billion", 5e9, None, "USD", "exact"), ("$7 billion", 7e9, None, "USD", "exact")]


def test_change_by_to_is_two_figures() -> None:
    found = summary("The deficit increased by $43.6 billion to $419.2 billion.")
    assert [q[0] for q in found] == ["$43.6 billion", "$419.2 billion"]


WORD_FIGURES = [
    ("Cloud revenue doubled in a year.", "doubled", 100, "exact"),
    ("Bookings grew fourfold in two years.", "fourfold", 300, "exact"),
    ("Analysts see a threefold increase in AI spending.", "threefold", 200, "exact"),
    ("Orders tripled after the launch.", "tripled", 200, "exact"),
    ("It posted triple-digit growth.", "triple-digit", 100, "at_least"),
    ("It reported double-digit gains.", "double-digit", 10, "at_least"),
    ("Half of all companies use two clouds.", "Half", 50, "exact"),
    ("More than half of buyers said so.", "half", 50, "at_least"),
    ("Well over half of CIOs agreed.", "half", 50, "at_least"),
    ("About a third of workloads moved.", "a third", 33.3, "approximate"),
    ("Two-fifths of firms plan cuts.", "Two-fifths", 40, "exact"),
    ("Capex will be double the FY 2024 level.", "double", 100, "exact"),
    ("It is doubling capacity in Ohio.", "doubling", 100, "exact"),
    ("Analysts reckon that half of all banks rely on the platform.", "half", 50, "exact"),
    ("The installed base has doubled over the past decade.", "doubled", 100, "exact"),
    ("Its fleet is expected to double within three years.", "double", 100, "exact"),
    ("Output could triple by 2030, the firm said.", "triple", 200, "exact"),
    ("Storage bills quadrupled in two years.", "quadrupled", 300, "exact"),
    ("Unit costs halved after the switch.", "halved", 50, "exact"),
    ("The new chips should halve energy use.", "halve", 50, "exact"),
]


@pytest.mark.parametrize(("sentence", "surface", "value", "qualifier"), WORD_FIGURES)
def test_word_figures(sentence: str, surface: str, value: float, qualifier: str) -> None:
    quantity = only(sentence, surface)
    assert (quantity.value, quantity.unit, quantity.qualifier) == (value, "percent", qualifier)


@pytest.mark.parametrize("sentence", [
    "Sales rose in the first half of the year.",
    "Results for the second half were weak.",
    "It doubled down on AI.",
    "The team scored double-digit victories.",
    "They invested several hundred billion dollars.",
    "The third quarter was strong.",
])
def test_words_that_are_not_figures(sentence: str) -> None:
    assert summary(sentence) == []


def test_halving_carries_a_note_for_the_sign() -> None:
    assert only("Prices for archive storage have halved since launch.", "halved").note == "halved"


@pytest.mark.parametrize("sentence", [
    "The vendor will double down on chips.",
    "Bookings in the back half of 2025 were flat.",
    "Half-year results are due, and H1 sales were flat.",
    "It signed multimillion-dollar contracts.",
    "Engineers had to double-check the figures.",
    "The striker scored a double on Sunday.",
])
def test_more_words_that_are_not_figures(sentence: str) -> None:
    assert summary(sentence) == []


def test_two_currencies_are_two_quantities() -> None:
    found = summary("Profit was 380 billion yuan (US$52.7 billion) in the year.")
    assert found == [("380 billion yuan", 380e9, None, "CNY", "exact"), ("US$52.7 billion", 52.7e9, None, "USD", "exact")]


def test_percent_sign_inside_money_is_money_with_note() -> None:
    found = extract_quantities("Sales were 61.6% billion dollars last year.")
    assert len(found) == 1
    assert (found[0].text, found[0].value, found[0].unit) == ("61.6% billion dollars", 61.6e9, "USD")
    assert found[0].note == "percent sign inside a money amount"


@pytest.mark.parametrize("sentence", [
    "The results for 2024 were published.",
    "In 2019 the firm moved.",
    "Guidance for FY2025 and FY25 is due.",
    "Numbers for 2012-13 and 2023/24 differ.",
    "Q4 was weak, as was Q2 2019.",
    "The fourth quarter was weak; so was the March quarter.",
    "It was second-ranked for the seventh consecutive quarter.",
    "It came 2nd, behind the fourth-largest rival.",
    "It was announced on May 28, 2024 and again on August 31.",
    "The filing is dated 28/05/2024 at 00:17.",
    "Call +1-222-333-4444 for details.",
    "5G rollouts lifted the S&P 500 index.",
    "Windows 11 and Windows Server 2008 are supported.",
    "Qwen3, GPT-4, x86 and Llama 3 run there.",
    "Support is available 24/7.",
    "It is one of the largest providers.",
    "The rocket is 2.5m tall.",
    "It took three years to build.",
    "Visit https://example.com/page?id=30%25 today.",
])
def test_not_quantities(sentence: str) -> None:
    assert summary(sentence) == []


def test_year_with_comma_is_a_count() -> None:
    assert only("It has 1,999 data centres.", "1,999").noun == "data center"


def test_values_are_magnitudes() -> None:
    assert only("Profit fell 5% in the quarter.", "5%").value == 5


def test_find_quantities_offsets_index_the_doc_text() -> None:
    doc = get_nlp()("Azure grew 31%. AWS has 33 regions.")
    for quantity in find_quantities(doc):
        assert doc.text[quantity.start_char:quantity.end_char] == quantity.text
    assert [q.start_char for q in find_quantities(doc)] == sorted(q.start_char for q in find_quantities(doc))


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01\x02", "💰💰 $💰 5%💰", "Доход вырос на 5% до ¥3 млрд", "%" * 1000,
                                  "1" * 10_000, "$" * 500 + "5", "- - - 5 - - -", "1,2,3,4,5,6,7,8,9", "a" + " and" * 2000])
def test_bad_input_returns_a_list(text: str) -> None:
    result = extract_quantities(text)
    assert isinstance(result, list)
    for quantity in result:
        assert text[quantity.start_char:quantity.end_char] == quantity.text


def test_five_megabytes_without_newline() -> None:
    text = "Revenue rose 5% to $3 billion and it has 40 regions; " * 95_000
    result = extract_quantities(text)
    assert len(result) == 3 * 95_000


NEWSY_PIECES = list("0123456789 ,.-%$€£¥/:+()") + ["billion", " million", " per cent", "bn", "half", " of ", "between ",
                                                    " and ", "to", "about ", "US$", " regions", "two", "doubled", "\n", "é", "😀"]
NEWSY = st.lists(st.sampled_from(NEWSY_PIECES), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), NEWSY))
def test_spans_are_inside_the_text(text: str) -> None:
    quantities = extract_quantities(text)
    previous_end = 0
    for quantity in quantities:
        assert 0 <= quantity.start_char < quantity.end_char <= len(text)
        assert text[quantity.start_char:quantity.end_char] == quantity.text
        assert quantity.start_char >= previous_end
        previous_end = quantity.end_char


@pytest.mark.parametrize(("text", "found"), [
    ("Shares closed 3.4% higher at 151,400 won.", [("151,400 won", "KRW", 151400.0)]),
    ("Revenue was 640.3 billion won.", [("640.3 billion won", "KRW", 640.3e9)]),
    ("The team won 3 games.", []),
    ("The rack weighs 2,000 pounds.", []),
])
def test_won_is_money_with_a_scale_or_a_grouped_amount(text: str, found: list) -> None:
    money = [(q.text, q.unit, q.value) for q in extract_quantities(text) if q.unit not in ("count", "percent")]
    assert money == found


@pytest.mark.parametrize(("text", "found"), [
    ("Meta guided to $104-118bn for 2026.", ("$104-118bn", "USD", 104e9, 118e9)),
    ("It expects $104–118 billion of capex.", ("$104–118 billion", "USD", 104e9, 118e9)),
    ("The deal is worth €20-25 million.", ("€20-25 million", "EUR", 20e6, 25e6)),
    ("It will spend Rs 500-600 crore.", ("Rs 500-600 crore", "INR", 5e9, 6e9)),
    ("Capex will be $3.5 to 4 billion.", ("$3.5 to 4 billion", "USD", 3.5e9, 4e9)),
    ("Plans cost $5-7 a month.", ("$5-7", "USD", 5, 7)),
])
def test_one_currency_sign_covers_both_ends_of_a_range(text: str, found: tuple) -> None:
    assert [(q.text, q.unit, q.value, q.value_high) for q in extract_quantities(text)] == [found]


def test_a_percentage_to_a_count_is_no_range() -> None:
    assert summary("Postpaid users rose 1.6 per cent to 3 million.") == [
        ("1.6 per cent", 1.6, None, "percent", "exact"), ("3 million", 3e6, None, "count", "exact")]


def test_a_qualifier_between_a_modal_and_a_verb_figure() -> None:
    assert summary("Its total power capacity will more than triple.") == [("triple", 200.0, None, "percent", "at_least")]
    assert summary("Revenue is expected to nearly double.") == [("double", 100.0, None, "percent", "approximate")]
    assert summary("It was a double win for the firm.") == []
