"""The fact layer, rule by rule, on sentences written for these tests."""
from __future__ import annotations

import datetime

import pytest

from extractors.facts import extract_facts, extract_facts_many

D = datetime.date


def facts_of(body: str, published: datetime.date | None = D(2025, 5, 20), title: str | None = None) -> list:
    """Facts of a body, as (metric, value, unit) keyed records for easy lookup."""
    return extract_facts(body, published, title)


def one(body: str, text: str, published: datetime.date | None = D(2025, 5, 20), title: str | None = None):
    """The single fact whose text is `text`."""
    found = [f for f in facts_of(body, published, title) if f.text == text]
    assert len(found) == 1, (text, [(f.text, f.metric, f.subject) for f in facts_of(body, published, title)])
    return found[0]


def texts(body: str, published: datetime.date | None = D(2025, 5, 20)) -> list[str]:
    """The texts of all facts of a body."""
    return [f.text for f in facts_of(body, published)]


# --- metric from cue words -----------------------------------------------------------------------

@pytest.mark.parametrize(("body", "text", "metric", "unit"), [
    ("Snowflake said its product revenue climbed 26% to $996.8 million in the quarter.", "$996.8 million",
     "revenue", "USD"),
    ("Snowflake said its product revenue climbed 26% to $996.8 million in the quarter.", "26%",
     "growth_rate", "percent"),
    ("IBM reported net income of $1.8 billion for the quarter.", "$1.8 billion", "profit", "USD"),
    ("Meta plans to spend up to $72 billion on capital expenditure this year.", "$72 billion", "investment", "USD"),
    ("Worldwide spending on cloud infrastructure services reached $94 billion in the quarter, according to IDC.",
     "$94 billion", "market_spending", "USD"),
    ("Microsoft said its commercial remaining performance obligation rose to $315 billion.", "$315 billion",
     "backlog", "USD"),
    ("CoreWeave signed a five-year contract worth $11.9 billion with OpenAI.", "$11.9 billion", "deal_value", "USD"),
    ("Shares of Nvidia rose 3 per cent to close at $181.20 on Friday.", "$181.20", "share_price", "USD"),
    ("Shares of Nvidia rose 3 per cent to close at $181.20 on Friday.", "3 per cent", "share_price_change",
     "percent"),
    ("AWS held a 30% share of the worldwide cloud infrastructure market in the quarter.", "30%", "market_share",
     "percent"),
    ("Oracle said its gross margin narrowed to 71 per cent.", "71 per cent", "margin", "percent"),
    ("Google Cloud now runs 42 regions and 127 availability zones.", "42", "regions", "count"),
    ("Google Cloud now runs 42 regions and 127 availability zones.", "127", "availability_zones", "count"),
    ("Equinix operates 260 data centres in 33 countries.", "260", "data_centers", "count"),
    ("Equinix operates 260 data centres in 33 countries.", "33", "countries", "count"),
    ("Rackspace said it serves more than 2,000 customers.", "2,000", "customers", "count"),
    ("Tencent Cloud signed up 120 new channel partners.", "120", "partners", "count"),
    ("Baidu AI Cloud offers 300 cloud products.", "300", "products", "count"),
    ("Mistral has released 12 open-weight AI models so far.", "12", "ai_models", "count"),
    ("Microsoft said the campus will create 2,500 jobs.", "2,500", "jobs", "count"),
    ("Equinix is building a 250 MW campus outside Paris.", "250 MW", "power_capacity", "MW"),
])
def test_metric_comes_from_the_cue_near_the_figure(body: str, text: str, metric: str, unit: str) -> None:
    fact = one(body, text)
    assert (fact.metric, fact.unit) == (metric, unit)


def test_a_gigawatt_is_a_thousand_megawatts() -> None:
    fact = one("Amazon will build a 2.5-gigawatt data-centre campus in Indiana.", "2.5-gigawatt")
    assert (fact.metric, fact.value, fact.unit) == ("power_capacity", 2500, "MW")


@pytest.mark.parametrize("body", [
    "Revenue was up $4.1 billion from a year ago.",
    "That spending was $9 billion ahead of the previous quarter.",
    "The company added $2.5 billion in new bookings over the year.",
    "Azure now accounts for 19 per cent of Microsoft's revenue.",
    "In 2021 the gap separating Azure from AWS stood at 14%.",
    "The app passed 20 million downloads in its first week.",
    "Analysts said 2024 was the year the company turned a corner with its Windows 11 rollout.",
    "Oracle is building one data center in Texas.",
])
def test_figures_that_are_not_facts(body: str) -> None:
    assert facts_of(body) == []


# --- signs ------------------------------------------------------------------------------------------

def test_declines_and_losses_are_negative() -> None:
    body = ("Rackspace revenue fell 7% in the quarter. The company swung to an operating loss of $45 million, "
            "compared with an operating profit of $12 million a year earlier. Its shares slid 2.5 per cent.")
    facts = {f.text: f for f in facts_of(body)}
    assert facts["7%"].value == -7 and facts["7%"].metric == "growth_rate"
    assert facts["$45 million"].value == -45e6 and facts["$45 million"].metric == "profit"
    assert facts["$12 million"].value == 12e6
    assert facts["2.5 per cent"].value == -2.5 and facts["2.5 per cent"].metric == "share_price_change"


def test_a_share_change_in_percentage_points_is_market_share() -> None:
    fact = one("Google Cloud's market share slipped 0.8 percentage points to 11%.", "0.8 percentage points")
    assert (fact.metric, fact.unit, fact.value) == ("market_share", "pp", -0.8)


# --- currencies ---------------------------------------------------------------------------------

def test_two_currencies_in_brackets_are_two_facts_with_the_same_attributes() -> None:
    body = "Tencent said it will invest 70 billion yuan (US$9.7 billion) in data centres in China over the next five years."
    cny, usd = one(body, "70 billion yuan"), one(body, "US$9.7 billion")
    assert (cny.unit, usd.unit) == ("CNY", "USD")
    for fact in (cny, usd):
        assert (fact.metric, fact.subject, fact.geography, fact.period, fact.forecast) == \
            ("investment", ("Tencent",), "China", "2025/2029", True)


# --- subjects --------------------------------------------------------------------------------------

def test_respectively_maps_figures_to_companies_in_order() -> None:
    body = "AWS, Microsoft Azure and Google Cloud held 29 per cent, 22 per cent and 12 per cent respectively of the market."
    assert one(body, "29 per cent").subject == ("AWS",)
    assert one(body, "22 per cent").subject == ("Microsoft Azure",)
    assert one(body, "12 per cent").subject == ("Google Cloud",)


def test_a_figure_held_together_has_all_companies_as_subject() -> None:
    body = "Amazon, Microsoft and Google together accounted for 63% of spending in the quarter."
    assert set(one(body, "63%").subject) == {"Amazon", "Microsoft", "Google"}


def test_a_group_named_in_an_earlier_sentence_is_resolved() -> None:
    body = ("AWS, Microsoft Azure and Google Cloud all reported strong quarters. "
            "Those three providers accounted for 61 per cent of worldwide spending in the quarter.")
    assert set(one(body, "61 per cent").subject) == {"AWS", "Microsoft Azure", "Google Cloud"}


def test_a_group_the_text_never_names_has_no_subject() -> None:
    body = "The top three providers of cloud services together took 64% of what customers spent."
    assert one(body, "64%").subject == ()


def test_each_gives_one_fact_per_company() -> None:
    body = "Azure and Google Cloud each grew 31% in the quarter."
    assert sorted(f.subject for f in facts_of(body)) == [("Google Cloud",), ("Microsoft Azure",)]


def test_the_nearest_company_before_the_figure_wins() -> None:
    body = "Microsoft's share rose to 24%, while Amazon held steady at 30%."
    assert one(body, "24%").subject == ("Microsoft",)
    assert one(body, "30%").subject == ("Amazon",)


def test_a_company_named_in_the_previous_sentence_carries_over() -> None:
    body = "Salesforce published its results on Wednesday. The company said its revenue rose 9% to $10.2 billion."
    assert one(body, "$10.2 billion").subject == ("Salesforce",)
    assert one(body, "9%").subject == ("Salesforce",)


def test_analyst_firms_are_sources_not_subjects() -> None:
    body = "Cloud infrastructure spending grew 22% to $90.9 billion in the first quarter, Canalys said."
    fact = one(body, "$90.9 billion")
    assert (fact.subject, fact.source, fact.metric) == ((), "Canalys", "market_spending")


def test_a_company_in_an_aside_is_not_the_subject() -> None:
    body = "Alibaba, which like Amazon also runs a retail business, leads China with 36% of the market."
    assert one(body, "36%").subject == ("Alibaba Group",)


def test_a_countrys_share_has_no_subject_and_that_geography() -> None:
    body = "India accounted for 6% of worldwide public cloud spending in 2024, according to Gartner."
    fact = one(body, "6%")
    assert (fact.subject, fact.geography, fact.metric) == ((), "India", "market_share")


# --- periods -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "text", "published", "period"), [
    ("AWS revenue rose 17% to $29.3 billion in the second quarter of 2025.", "$29.3 billion", D(2025, 8, 1),
     "2025-Q2"),
    ("Cloud spending hit $80 billion in the March quarter, Synergy said.", "$80 billion", D(2025, 5, 2), "2025-Q1"),
    ("Canalys put AWS at 32% of the market in the fourth quarter last year.", "32%", D(2025, 3, 1), "2024-Q4"),
    ("Oracle expects fiscal 2026 revenue of $67 billion.", "$67 billion", D(2025, 6, 12), "FY2026"),
    ("Spending on public cloud will reach $1 trillion by 2028, IDC predicted.", "$1 trillion", D(2025, 3, 3),
     "2028"),
    ("Microsoft will invest $80 billion in AI data centres by 2027.", "$80 billion", D(2025, 1, 4), "2025/2027"),
    ("Google invested $9 billion in Virginia between 2020 and 2023.", "$9 billion", D(2024, 8, 1), "2020/2023"),
    ("IBM said its revenue last year came to $62.8 billion.", "$62.8 billion", D(2025, 2, 1), "2024"),
])
def test_periods_are_normalised(body: str, text: str, published: datetime.date, period: str) -> None:
    assert one(body, text, published).period == period


def test_the_period_carries_over_to_the_next_sentences() -> None:
    body = ("Cloud spending rose 21% to $99 billion in Q2 2025, Canalys said. "
            "AWS took 30% of the market, ahead of Microsoft on 20%.")
    assert one(body, "30%", D(2025, 8, 10)).period == "2025-Q2"
    assert one(body, "20%", D(2025, 8, 10)).period == "2025-Q2"


def test_a_level_a_year_ago_is_dated_a_year_earlier() -> None:
    body = "In Q3 2025 the three leaders held 66% of the market, against 63% a year ago."
    assert one(body, "66%", D(2025, 11, 1)).period == "2025-Q3"
    assert one(body, "63%", D(2025, 11, 1)).period == "2024-Q3"


def test_the_period_of_another_figure_is_not_taken() -> None:
    body = "Operating income rose 80 percent, to $3.6 billion from $2 billion in Q1 2024, Google said."
    published = D(2025, 4, 25)
    assert one(body, "$2 billion", published).period == "2024-Q1"
    assert one(body, "$3.6 billion", published).period is None  # no quarter named for the new level yet


def test_fiscal_quarters_follow_the_company_calendar_when_the_article_speaks_fiscal() -> None:
    body = ("Oracle reported results for its fiscal 2026 first quarter on Tuesday. "
            "For the quarter, total revenue rose 12% to $14.9 billion.")
    assert one(body, "$14.9 billion", D(2025, 9, 10)).period == "FY2026-Q1"


def test_a_founding_year_in_an_aside_does_not_date_a_figure() -> None:
    body = "Nebius, founded in 2022, now counts 300 customers."
    assert one(body, "300", D(2025, 6, 1)).period is None


# --- forecast, source, geography --------------------------------------------------------------------

def test_forecast_words_and_past_periods() -> None:
    body = ("Gartner forecasts public cloud spending will rise 21% to $723 billion in 2025, "
            "from $596 billion in 2024.")
    published = D(2025, 1, 9)
    assert one(body, "$723 billion", published).forecast is True
    assert one(body, "$596 billion", published).forecast is False
    assert one(body, "$596 billion", published).period == "2024"


def test_article_level_analyst_source_from_the_title() -> None:
    body = "Microsoft Azure held 21% of the market in the second quarter."
    fact = one(body, "21%", D(2025, 8, 1), title="Synergy: Azure gains ground")
    assert fact.source == "Synergy Research Group"


def test_a_figure_the_company_gives_itself_has_no_source() -> None:
    body = "Huawei Cloud said its revenue grew 20% last year."
    assert one(body, "20%").source is None


def test_geography_worldwide_and_countries() -> None:
    body = "Global cloud spending reached $330 billion last year, and spending in Japan hit $25 billion."
    assert one(body, "$330 billion").geography == "worldwide"
    assert one(body, "$25 billion").geography == "Japan"


# --- dedupe and provenance -----------------------------------------------------------------------

def test_the_same_fact_twice_is_reported_once_at_its_first_mention() -> None:
    body = ("Alibaba Cloud revenue rose 26% in the June quarter. "
            "The unit said its revenue rose 26% thanks to AI demand.")
    facts = [f for f in facts_of(body, D(2025, 8, 29)) if f.metric == "growth_rate"]
    assert len(facts) == 1 and facts[0].start_char == body.index("26%")


def test_every_fact_points_at_its_text_and_sentence() -> None:
    body = "AWS grew 19% in the quarter.\n\nAzure grew 33% in the quarter."
    for fact in facts_of(body):
        assert body[fact.start_char:fact.end_char] == fact.text
        assert fact.sentence in body and fact.text in fact.sentence
        assert fact.rule


def test_batch_extraction_matches_single_extraction() -> None:
    bodies = [("AWS grew 19% in Q1 2025.", D(2025, 5, 1)), ("Azure grew 33% in Q1 2025.", None)]
    assert extract_facts_many(bodies) == [extract_facts(b, p) for b, p in bodies]


# --- tables ------------------------------------------------------------------------------------------

def test_a_markdown_table_gives_one_fact_per_cell() -> None:
    body = ("Table 2. Forecast of worldwide IaaS spending (billions of U.S. dollars)\n\n"
            "| Segment | Spending 2024 | Spending 2025 |\n|---|---|---|\n| IaaS | 171.6 | 211.9 |\n")
    facts = {f.text: f for f in facts_of(body, D(2024, 11, 19))}
    assert facts["171.6"].value == pytest.approx(171.6e9) and facts["171.6"].period == "2024"
    assert facts["211.9"].forecast is True and facts["211.9"].metric == "market_spending"
    assert facts["211.9"].geography == "worldwide"


def test_a_table_of_percent_cells_takes_its_metric_and_source_from_the_caption() -> None:
    body = ("Canalys' estimates of worldwide market share, by quarter:\n\n"
            "| Provider | Q3 2024 | Q3 2025 |\n|---|---|---|\n| AWS | 32% | 30% |\n| Google Cloud | 11 % | 13% |\n\n"
            "Spending grew 25% in the quarter.")
    facts = {(f.text, f.period): f for f in facts_of(body, D(2025, 11, 3))}
    aws = facts[("30%", "2025-Q3")]
    assert (aws.metric, aws.value, aws.unit, aws.subject) == ("market_share", 30, "percent", ("AWS",))
    assert (aws.source, aws.geography, aws.forecast) == ("Canalys", "worldwide", False)
    assert facts[("11 %", "2024-Q3")].subject == ("Google Cloud",)
    assert one(body, "25%", D(2025, 11, 3)).period != "2024-Q3"  # the header's first column dates nothing after it


def test_a_table_flattened_to_one_cell_per_line() -> None:
    body = ("Table 1. Forecast of worldwide spending by segment (millions of U.S. dollars)\n\n"
            "Segment\nSpending 2024\nGrowth 2024 (%)\n\nSaaS\n250,000\n19.5\n")
    facts = {f.text: f for f in facts_of(body, D(2024, 5, 1))}
    assert facts["250,000"].value == 250e9 and facts["250,000"].unit == "USD"
    assert facts["19.5"].metric == "growth_rate" and facts["19.5"].unit == "percent"


@pytest.mark.parametrize("caption, money", [
    ("Table 3: Capex by provider (thousands of euros)", ("EUR", 1e3)),
    ("Exhibit 2 - Revenue, trillions of yen", ("JPY", 1e12)),
    ("Table 1. Contracts, millions of pounds", ("GBP", 1e6)),
    ("Table 4. Cloud revenue (US$ bn)", ("USD", 1e9)),
    ("Table 6. Quarterly capex ($bn)", ("USD", 1e9)),
    ("Table 7. Contracts in £m", ("GBP", 1e6)),
    ("Table 8. Spending by segment (€ m)", ("EUR", 1e6)),
    ("Table 5. Regions by provider", None),
])
def test_caption_names_the_currency_and_scale_of_money_cells(caption: str, money) -> None:
    from extractors.tables import caption_money

    assert caption_money(caption) == money


def test_bad_input_gives_no_facts_and_no_error() -> None:
    for body in ("", "   ", "\x00\x01", "🙂" * 100, "x" * 200_000, "1" * 5000, "$" * 50_000, "1," * 50_000):
        assert isinstance(facts_of(body, None), list)


def test_together_refers_back_to_the_companies_just_named() -> None:
    body = ("Oracle held 3% and IBM held 2%. "
            "Together the two vendors accounted for 5% of spending in the quarter.")
    assert set(one(body, "5%").subject) == {"Oracle", "IBM"}


def test_it_after_an_analyst_firm_is_the_firm_not_a_company() -> None:
    body = "Rackspace grew 3% last year. IDC said it expects the market to grow by 18% next year."
    assert one(body, "18%").subject == ()


def test_shares_closing_higher_is_a_share_price_move() -> None:
    body = "Snowflake's shares closed 4.1% lower at $150.20 on Thursday."
    fact = one(body, "4.1%")
    assert (fact.metric, fact.value) == ("share_price_change", -4.1)


def test_worldwide_needs_no_preposition_and_clauses_keep_their_places() -> None:
    body = "Google runs 40 regions worldwide, and has announced plans for three more regions in Mexico and Norway."
    assert one(body, "40").geography == "worldwide"


def test_a_place_that_opens_the_sentence_scopes_all_of_it() -> None:
    body = "In India, local demand is strong; Jio held 24% of the market in 2024."
    assert one(body, "24%", D(2025, 2, 1)).geography == "India"


def test_a_company_giving_its_own_figure_has_no_analyst_source_and_lead_sources_cover_market_figures() -> None:
    body = ("European cloud spending grew 20% last year, Synergy Research Group estimates.\n\n"
            "OVHcloud reported revenue of €1.03 billion for the year. The firm runs 43 data centers.")
    assert one(body, "20%").source == "Synergy Research Group"
    assert one(body, "€1.03 billion").source is None
    assert one(body, "43").source is None


def test_an_unknown_company_opening_the_sentence_stops_the_carry_over() -> None:
    body = "SAP said its backlog rose 28%. Fabrikam Systems signed a €1.2bn deal for a sovereign cloud."
    assert one(body, "€1.2bn").subject == ()


def test_the_base_year_of_a_change_is_not_its_period() -> None:
    body = "South Korea's cloud market is expected to reach 5.3 trillion won this year, up roughly a quarter from 2023."
    fact = one(body, "a quarter", D(2024, 11, 20))
    assert (fact.metric, fact.value, fact.period) == ("growth_rate", 25, "2024")


def test_a_deal_is_about_all_its_parties() -> None:
    body = "CoreWeave and Meta signed a contract worth $14.2 billion."
    assert set(one(body, "$14.2 billion").subject) == {"CoreWeave", "Meta"}


def test_a_clause_about_unnamed_providers_does_not_borrow_a_company() -> None:
    body = "AWS held 31% of the market, while the share of smaller providers fell to 20 per cent."
    assert one(body, "20 per cent").subject == ()


def test_the_research_firm_said_points_at_the_analyst_named_before() -> None:
    body = ("Canalys put quarterly spending at $90 billion.\n\n"
            "AWS and Azure grew 17% and 31% respectively, the research firm said.")
    assert one(body, "17%").source == "Canalys"


def test_together_after_the_figure_makes_it_collective() -> None:
    body = "AWS, Azure and Google Cloud held 65% of the market together in the quarter."
    assert len(one(body, "65%").subject) == 3


def test_a_cue_that_belongs_to_the_figure_before_it_is_not_reused() -> None:
    body = "AWS kept a 30% market share, growing 19% in the quarter."
    assert one(body, "19%").metric == "growth_rate"


def test_possessive_share_and_parallel_lists() -> None:
    body = "Microsoft's share was 20% and Google's was 13% in the quarter."
    assert one(body, "20%").metric == "market_share" and one(body, "20%").subject == ("Microsoft",)
    assert one(body, "13%").metric == "market_share" and one(body, "13%").subject == ("Google",)


def test_a_full_year_figure_does_not_move_the_running_quarter() -> None:
    body = ("Spending rose 21% to $91 billion in the fourth quarter of 2024, Canalys said. "
            "For the full year, spending reached $321 billion. AWS grew 19%.")
    assert one(body, "$321 billion", D(2025, 2, 18)).period == "2024"
    assert one(body, "19%", D(2025, 2, 18)).period == "2024-Q4"


# --- cues, periods and subjects that belong to another clause or figure --------------------------------

def test_a_cue_after_the_figure_that_opens_its_own_figure_is_not_borrowed() -> None:
    body = "Fabrikam said sales rose 8% to $12.4 billion, while operating profit climbed 5% to $3.1 billion."
    assert one(body, "$3.1 billion").metric == "profit"
    assert not [f for f in facts_of(body) if f.text == "$12.4 billion" and f.metric == "profit"]


def test_a_loss_named_after_a_revenue_figure_stays_the_losss() -> None:
    body = "IBM said its revenue slipped 2% last year to $61 billion, leaving it with a net loss of $1 billion."
    revenue = one(body, "$61 billion")
    assert (revenue.metric, revenue.value) == ("revenue", 61e9)
    assert one(body, "$1 billion").metric == "profit"


def test_points_after_a_share_are_the_shares_change() -> None:
    body = "Between them the three providers held 64 per cent of global spending, up almost two percentage points."
    change = one(body, "two percentage points")
    assert (change.metric, change.unit, change.value) == ("market_share", "pp", 2)


def test_a_quarter_of_a_fiscal_year_named_by_its_year_first() -> None:
    body = "Microsoft said revenue in the second quarter of its 2026 fiscal year rose 17%."
    assert one(body, "17%", D(2026, 1, 29)).period == "FY2026-Q2"


def test_a_period_past_another_figure_is_that_figures() -> None:
    body = ("Capital spending in the quarter came to 32 billion yuan, part of the 380 billion yuan that Alibaba "
            "has pledged to invest between 2025 and 2027.")
    pledge = one(body, "380 billion yuan", D(2025, 8, 29))
    assert (pledge.period, pledge.forecast) == ("2025/2027", True)
    assert one(body, "32 billion yuan", D(2025, 8, 29)).period != "2025/2027"


def test_list_members_still_share_a_period_after_them() -> None:
    body = "AWS, Azure and Google Cloud grew 17%, 39% and 32% respectively in the third quarter of 2025."
    assert {one(body, t, D(2025, 11, 3)).period for t in ("17%", "39%", "32%")} == {"2025-Q3"}


def test_a_count_takes_no_period_from_a_later_clause() -> None:
    body = "Alibaba Cloud operates 29 regions, and it plans to open new regions in Mexico next year."
    regions = one(body, "29", D(2025, 8, 29))
    assert (regions.period, regions.forecast) == (None, False)


def test_the_same_period_of_a_year_is_the_running_quarter_of_that_year() -> None:
    body = ("Fabrikam reported results for the second quarter of 2025 on Thursday. Its operating margin widened "
            "to 21.4 per cent, from 17.9 per cent in the same period of 2024.")
    assert one(body, "17.9 per cent", D(2025, 7, 31)).period == "2024-Q2"
    assert one(body, "21.4 per cent", D(2025, 7, 31)).period == "2025-Q2"


def test_its_revenue_in_a_sentence_about_a_company_we_do_not_know_is_left_out() -> None:
    body = ("Google said it would expand in Thailand. Bangkok-based Siamnet, which runs 6 data centres, said its "
            "revenue fell 3% last year to 9 billion baht (US$270 million).")
    found = {f.text: f for f in facts_of(body, D(2025, 3, 2))}
    assert "9 billion baht" not in found and "US$270 million" not in found
    assert all("Google" not in f.subject for f in found.values())


def test_its_revenue_with_no_company_named_anywhere_is_not_market_spending() -> None:
    assert texts("The carrier's cloud arm said its revenue rose to 4 billion euros.") == []


def test_a_conversion_keeps_the_metric_its_figure_ends_with() -> None:
    body = "Cloud revenue in Europe rose to $5 billion (about €4.6 billion) last year."
    assert one(body, "€4.6 billion").metric == one(body, "$5 billion").metric


def test_a_conversion_after_comma_or() -> None:
    body = "IDC said the Indian cloud market grew last year to $8.1 billion, or about Rs 71,000 crore."
    converted = one(body, "Rs 71,000 crore")
    assert (converted.metric, converted.unit, converted.value) == ("market_spending", "INR", 7.1e11)


def test_a_share_move_after_a_closing_price() -> None:
    body = "Microsoft stock, which closed at $510.20 on Tuesday, added 2.1% in late trading."
    assert one(body, "2.1%").metric == "share_price_change"


@pytest.mark.parametrize(("body", "published", "period"), [
    ("Oracle said cloud revenue should climb 70% to $18 billion this fiscal year.", D(2025, 9, 10), "FY2026"),
    ("Oracle raised its capital spending forecast for the fiscal year to about $35 billion.", D(2025, 9, 10),
     "FY2026"),
    ("Oracle expects revenue of $20 billion in the coming fiscal year.", D(2025, 9, 10), "FY2027"),
    ("Oracle said revenue reached $57 billion last fiscal year.", D(2025, 9, 10), "FY2025"),
    ("Microsoft plans to spend $80 billion this fiscal year.", D(2025, 1, 29), "FY2025"),
    ("Microsoft plans to spend $80 billion this fiscal year.", D(2025, 7, 30), "FY2026"),
])
def test_this_fiscal_year_follows_the_companys_calendar(body: str, published: datetime.date, period: str) -> None:
    money = [f for f in facts_of(body, published) if f.unit == "USD"]
    assert [f.period for f in money] == [period]


def test_this_fiscal_year_of_a_company_with_a_calendar_year_is_left_open() -> None:
    assert one("Google expects capex of $90 billion this fiscal year.", "$90 billion").period is None


def test_the_month_may_is_no_forecast_word() -> None:
    body = "Oracle's revenue for the fiscal year to May 2025 was $57 billion."
    assert one(body, "$57 billion", D(2025, 9, 10)).forecast is False
    assert one("Spending may reach $100 billion next year.", "$100 billion").forecast is True


def test_a_period_no_facts_form_writes_dates_its_figure_as_none() -> None:
    body = ("Oracle reported results for the third quarter of 2025 on Tuesday. "
            "Revenue for the first nine months of 2025 was $30 billion, the company said.")
    assert one(body, "$30 billion", D(2025, 10, 30)).period is None


def test_a_year_in_another_clause_does_not_date_a_quarter_figure() -> None:
    body = ("Google Cloud reported results for the third quarter of 2025. Its backlog reached $155 billion at the "
            "end of the quarter, and it signed more large deals in the first nine months of 2025 than before.")
    assert one(body, "$155 billion", D(2025, 10, 30)).period == "2025-Q3"


@pytest.mark.parametrize("body", [
    "Nvidia shares rose 4% to $181.20, lifting the company's market value above $4.4 trillion.",
    "Profit rose 20% to $12 billion, or $1.45 per share.",
    "Diluted earnings per share climbed to $2.31 in the quarter.",
    "The start-up was valued at $300 billion in its latest funding round.",
])
def test_earnings_per_share_and_company_values_are_not_facts(body: str) -> None:
    assert not [f for f in facts_of(body) if f.text in ("$4.4 trillion", "$1.45", "$2.31", "$300 billion")]


def test_the_company_before_a_figure_is_not_the_company_named_after_it() -> None:
    body = ("Oracle reported results on Tuesday. The company already runs 40 data centres inside the clouds of "
            "Amazon, Google and Microsoft. Its operating margin for the quarter was 41%.")
    assert one(body, "40", D(2025, 9, 10)).subject == ("Oracle",)
    assert one(body, "41%", D(2025, 9, 10)).subject == ("Oracle",)


def test_a_plan_after_a_count_keeps_its_year_and_place_to_itself() -> None:
    body = "Alibaba Cloud runs 29 regions and plans to open data centres in Brazil and France next year."
    regions = one(body, "29", D(2025, 8, 29))
    assert (regions.period, regions.forecast, regions.geography) == (None, False, None)


@pytest.mark.parametrize(("body", "text", "value"), [
    ("Shares of Oracle rose 3%, while Microsoft slipped 1%.", "1%", -1),
    ("Contoso shares jumped 8% to $61.40 in New York, while Fabrikam Systems fell 1.2%.", "1.2%", -1.2),
])
def test_a_move_in_the_clause_after_a_share_move_is_a_share_move(body: str, text: str, value: float) -> None:
    move = one(body, text)
    assert (move.metric, move.value) == ("share_price_change", value)


def test_a_growth_after_a_share_move_stays_growth() -> None:
    assert one("Oracle shares rose 3%, while cloud revenue grew 28%.", "28%").metric == "growth_rate"


def test_digit_words_with_year_on_year_before_growth() -> None:
    growth = one("AI product revenue posted triple-digit year-on-year growth again.", "triple-digit")
    assert (growth.metric, growth.value, growth.qualifier) == ("growth_rate", 100, "at_least")


def test_a_share_move_on_a_day_takes_no_quarter_of_its_sentence() -> None:
    body = "Fabrikam's cloud unit grew fastest in the April-June quarter, sending its shares up nearly 9% on Friday."
    assert one(body, "9%", D(2025, 8, 30)).period is None
    assert one("Shares of Contoso rose 80% in 2024.", "80%").period == "2024"


def test_a_quarter_named_without_its_year_in_guidance_is_the_coming_one() -> None:
    body = "The finance chief guided for Azure growth of about 37 percent in the December quarter."
    growth = one(body, "37 percent", D(2025, 10, 30))
    assert (growth.period, growth.forecast) == ("2025-Q4", True)
    reported = one("Azure grew 31 percent in the December quarter.", "31 percent", D(2025, 10, 30))
    assert (reported.period, reported.forecast) == ("2024-Q4", False)


def test_a_year_before_a_joined_plan_dates_what_was_done() -> None:
    body = ("Microsoft said it added 2 gigawatts of capacity in fiscal 2025 and plans to double its data-centre "
            "footprint over the next two years.")
    assert one(body, "double", D(2025, 10, 30)).period == "2025/2026"
    assert one(body, "2 gigawatts", D(2025, 10, 30)).period == "FY2025"


def test_the_quarter_of_a_sentence_whose_figures_took_no_period_runs_on() -> None:
    body = ("Alibaba posted its fastest growth in three years in the April-June quarter, sending its shares up 9% "
            "on Friday.\n\nRevenue at the cloud unit rose 26% to $4.7 billion, the company said.")
    assert one(body, "$4.7 billion", D(2025, 8, 30)).period == "2025-Q2"


def test_a_list_over_the_following_years_takes_one_year_each() -> None:
    body = ("Oracle said cloud revenue should climb 70% to $18 billion this fiscal year, and then rise to "
            "$30 billion, $70 billion and $110 billion over the following three years.")
    periods = [one(body, t, D(2025, 9, 10)).period for t in ("$18 billion", "$30 billion", "$70 billion", "$110 billion")]
    assert periods == ["FY2026", "FY2027", "FY2028", "FY2029"]


def test_the_following_years_count_from_the_year_named_before_them() -> None:
    body = "Cloud revenue reached $5 billion in 2023 and is expected to double over the following three years."
    assert one(body, "double", D(2025, 9, 10)).period == "2024/2026"


def test_a_period_before_the_first_figure_dates_the_parallel_clause_too() -> None:
    body = ("Microsoft said sales in the first quarter of its 2026 fiscal year rose 18 per cent to $77.7 billion, "
            "while net income climbed 12% to $27.7 billion.")
    assert {f.text: f.period for f in facts_of(body, D(2025, 10, 30))} == {
        "18 per cent": "FY2026-Q1", "$77.7 billion": "FY2026-Q1", "12%": "FY2026-Q1", "$27.7 billion": "FY2026-Q1"}


def test_the_level_a_growth_reaches_takes_the_growths_noun() -> None:
    body = "Oracle said sales in the three months to the end of August rose 12 per cent to $14.9 billion."
    assert one(body, "$14.9 billion", D(2025, 9, 10)).metric == "revenue"


def test_sales_of_a_company_we_do_not_know_are_not_the_markets() -> None:
    assert texts("Fabrikam said sales in the quarter rose to $7.7 billion.") == []
    body = "Microsoft reported results on Tuesday. Capital spending, including leases, reached $34.9 billion."
    capex = one(body, "$34.9 billion")
    assert (capex.metric, capex.subject) == ("investment", ("Microsoft",))


@pytest.mark.parametrize("body", [
    "Microsoft pledged to train 10 million people in AI skills by 2030.",
    "More than 3 billion people use at least one of its apps every day.",
])
def test_people_are_jobs_only_where_the_text_speaks_of_work(body: str) -> None:
    assert texts(body) == []


def test_people_employed_are_jobs() -> None:
    assert one("The campus will employ 1,200 people.", "1,200").metric == "jobs"


@pytest.mark.parametrize("body", [
    "OVHcloud said adjusted EBITDA rose to €437 million, or 40.3% of revenue.",
    "OVHcloud plans to keep capital spending at 30 to 32 per cent of revenue.",
])
def test_a_percentage_of_the_companys_own_revenue_is_no_market_share(body: str) -> None:
    assert not [f for f in facts_of(body) if f.unit == "percent"]


def test_growth_of_between_two_figures_is_growth_not_the_margin_named_after() -> None:
    body = ("OVHcloud expects revenue growth of between 5% and 7%, with an adjusted EBITDA margin slightly above "
            "this year's level.")
    assert one(body, "5% and 7%").metric == "growth_rate"


def test_revenue_and_net_income_joined_by_and_keep_their_own_cues() -> None:
    body = "Microsoft said total revenue rose 18% to $76.4 billion and net income came in at $27.2 billion."
    assert (one(body, "$76.4 billion").metric, one(body, "$27.2 billion").metric) == ("revenue", "profit")


def test_a_stock_that_tripled_is_a_share_move() -> None:
    move = one("CoreWeave's stock has more than tripled since its March listing.", "tripled")
    assert (move.metric, move.value, move.subject) == ("share_price_change", 200, ("CoreWeave",))


def test_the_firm_after_an_analyst_sentence_is_the_analyst() -> None:
    body = ("Oracle grew fastest. Synergy, which tracks more than 150 providers, said AI drove the growth. "
            "The firm expects full-year spending to exceed $400 billion in 2025.")
    spending = one(body, "$400 billion", D(2025, 10, 30))
    assert (spending.metric, spending.subject, spending.source) == ("market_spending", (), "Synergy Research Group")


def test_samsung_sds_is_its_own_company() -> None:
    assert one("Samsung SDS said cloud revenue rose 15% to 650 billion won.", "650 billion won").subject == (
        "Samsung SDS",)


def test_the_fiscal_year_to_a_month_without_a_year_is_the_last_one_that_ended() -> None:
    body = "OVHcloud reported revenue of €1.08 billion for its fiscal year to August 31, an increase of 9.3 per cent."
    assert one(body, "€1.08 billion", D(2025, 10, 15)).period == "FY2025"


def test_a_parent_named_after_the_figure_does_not_replace_the_unit_carried_over() -> None:
    body = ("Samsung SDS posted revenue of 3.4 trillion won. Operating profit came in at 236 billion won, giving "
            "the IT services arm of Samsung Group a margin of 6.9%.")
    assert one(body, "236 billion won").subject == ("Samsung SDS",)


@pytest.mark.parametrize("body", [
    "Cloud now makes up more than a fifth of the unit's external revenue.",
    "Naver moved its chatbot to a 32-billion-parameter reasoning model.",
    "Baidu said revenue rose, helped by demand for its Ernie 4.5 models.",
])
def test_shares_of_own_revenue_and_numbers_in_names_are_not_facts(body: str) -> None:
    assert texts(body) == []


def test_shares_that_climb_are_a_share_move() -> None:
    body = "The company, which employs 228,000 people, has seen its shares climb almost 25% this year."
    assert one(body, "25%").metric == "share_price_change"


def test_a_counterparty_after_the_figure_is_not_its_subject() -> None:
    body = ("Microsoft reported results on Wednesday. Commercial remaining performance obligations climbed 46% to "
            "$368 billion, reflecting long-term contracts from OpenAI and other AI developers.")
    assert one(body, "$368 billion").subject == ("Microsoft",)


def test_a_conversion_after_comma_or_shares_the_period_after_it() -> None:
    body = "IDC expects the market to be worth $24.5 billion, or roughly Rs 2.1 lakh crore, by 2029."
    assert one(body, "$24.5 billion", D(2025, 8, 1)).period == "2029"


def test_a_pledge_dated_by_its_month_keeps_the_span_it_covers() -> None:
    body = ("Alibaba said revenue rose. It is spending the 380 billion yuan Alibaba committed in February to AI "
            "over the next three years.")
    pledge = one(body, "380 billion yuan", D(2025, 8, 29))
    assert (pledge.period, pledge.forecast) == ("2025/2027", True)


def test_a_fiscal_year_restated_as_twelve_months_keeps_its_name() -> None:
    body = "NTT Data said that for fiscal 2024, the twelve months to March 31, net sales rose 5.4% to 4.64 trillion yen."
    facts = facts_of(body, D(2025, 8, 1))
    assert {f.period for f in facts} == {"FY2024"} and {f.subject for f in facts} == {("NTT Data",)}


def test_years_ahead_written_in_digits() -> None:
    body = "AWS said it plans to invest NZ$7.5 billion in the country over the next 15 years."
    assert one(body, "NZ$7.5 billion", D(2025, 9, 4)).period == "2025/2039"


def test_a_duration_before_an_investment_spans_from_the_year_it_was_pledged() -> None:
    body = ("Alibaba is partway through a three-year, 380-billion-yuan investment cycle for cloud and AI, which it "
            "pledged last year.")
    cycle = one(body, "380-billion-yuan", D(2026, 2, 20))
    assert (cycle.period, cycle.forecast) == ("2025/2027", True)


def test_each_in_another_clause_does_not_spread_a_figure() -> None:
    body = ("Oracle, CoreWeave and Alibaba each held roughly 3% of the market, although CoreWeave's revenue more "
            "than tripled from a year ago.")
    assert [f.subject for f in facts_of(body) if f.text == "tripled"] == [("CoreWeave",)]


def test_a_share_move_after_an_aside_with_another_move() -> None:
    body = "Nvidia shares, which have gained about 38% this year, rose 4.1% to $193.80 in extended trading."
    assert one(body, "4.1%").metric == "share_price_change"


def test_deals_worth_more_than_an_amount_each_are_a_size_class() -> None:
    assert texts("Infosys said its pipeline of deals worth more than $500 million each had never been stronger.") == []


@pytest.mark.parametrize("body", [
    "Some 149,000 of them spend more than $50 a month on its services.",
    "The findings are based on a survey of 1,200 IT managers in 14 countries.",
])
def test_prices_per_month_and_a_surveys_reach_are_not_facts(body: str) -> None:
    assert texts(body) == []


def test_a_financial_year_named_by_its_year_is_a_fiscal_year() -> None:
    body = "OVHcloud reported revenue of €812 million for its 2022 financial year, up 12.4%."
    assert {f.period for f in facts_of(body, D(2023, 5, 1))} == {"FY2022"}


def test_its_december_quarter_is_a_quarter() -> None:
    assert one("Microsoft spent $34.9 billion in its December quarter alone.", "$34.9 billion",
               D(2026, 1, 29)).period == "2025-Q4"


def test_spending_the_company_plans_is_its_investment() -> None:
    body = ("China Mobile reported cloud revenue of 78.9 billion yuan for 2023. It plans to cut capital expenditure "
            "by 5% this year to 168 billion yuan, but to lift spending on computing power by 18% to 44.1 billion yuan.")
    spending = one(body, "44.1 billion yuan", D(2024, 3, 25))
    assert (spending.metric, spending.subject, spending.forecast) == ("investment", ("China Mobile",), True)


def test_spending_an_analyst_reports_stays_the_markets() -> None:
    body = "Canalys published its report on Oracle. It said spending on cloud rose to $90 billion."
    assert one(body, "$90 billion").metric == "market_spending"


def test_a_market_climbing_from_one_level_to_another_gives_both_with_their_years() -> None:
    body = ("Spending on sovereign cloud services across Europe is expected to climb from €9.6 billion in 2022 to "
            "€27.8 billion in 2028, according to IDC.")
    low, high = one(body, "€9.6 billion", D(2024, 3, 25)), one(body, "€27.8 billion", D(2024, 3, 25))
    assert (low.metric, low.period, low.forecast) == ("market_spending", "2022", False)
    assert (high.metric, high.period, high.forecast, high.source) == ("market_spending", "2028", True, "IDC")


def test_a_period_next_to_an_earlier_figure_of_the_sentence_still_dates_a_later_one() -> None:
    body = "Rackspace said it posted a net loss of $58 million last year on revenue of $310 million."
    assert one(body, "$310 million", D(2025, 3, 1)).period == "2024"


def test_a_list_with_its_verb_left_out_shares_the_first_items_metric() -> None:
    body = "Private cloud sales rose 14 per cent, public cloud 17 per cent and web hosting just 6 per cent."
    assert [one(body, t).metric for t in ("14 per cent", "17 per cent", "6 per cent")] == ["growth_rate"] * 3


def test_a_percentage_after_and_the_company_said_is_not_a_list_item() -> None:
    body = "Revenue grew 14 per cent, and the company said 40 per cent of it came from AI."
    assert texts(body) == ["14 per cent"]


@pytest.mark.parametrize(("body", "text", "metric", "value"), [
    ("Backlog swelled 96% to $588 billion.", "96%", "growth_rate", 96),
    ("Microsoft's stock shed almost 8 per cent in a day.", "8 per cent", "share_price_change", -8),
])
def test_more_move_verbs(body: str, text: str, metric: str, value: float) -> None:
    fact = one(body, text)
    assert (fact.metric, fact.value) == (metric, value)


def test_points_gained_after_a_share_are_share_changes_and_their_level_a_share() -> None:
    body = "AWS held 33% of the market, while Microsoft gained almost two percentage points to 22%."
    assert [(one(body, t).metric, one(body, t).subject) for t in ("two percentage points", "22%")] == [
        ("market_share", ("Microsoft",)), ("market_share", ("Microsoft",))]


def test_the_gain_to_date_after_a_share_move_is_a_share_move() -> None:
    body = ("The shares jumped 8.6 per cent to HK$136.60 in Hong Kong on Friday, bringing their gain since the start "
            "of the year to 62 per cent.")
    assert one(body, "62 per cent").metric == "share_price_change"


@pytest.mark.parametrize("body", [
    "Google said the project's contribution to Thailand's economy would reach 140 billion baht by 2029.",
    "It aims to train 10,000 Saudi cloud engineers by 2026.",
    "Alibaba's cloud business contributed about 4% of the total.",
])
def test_economic_contributions_people_trained_and_shares_of_a_total_are_not_facts(body: str) -> None:
    assert texts(body) == []


def test_a_digit_word_glossed_by_its_number_is_not_a_second_fact() -> None:
    body = ("Alibaba's cloud division returned to double-digit growth in the December quarter, with revenue at the "
            "Cloud Intelligence Group rising 14 per cent to 32.4 billion yuan.")
    assert "double-digit" not in texts(body, D(2025, 2, 20))


def test_a_dateline_does_not_date_the_figures() -> None:
    body = "SEATTLE, Oct 31 (Wire) - AWS grew sales 21% in the third quarter."
    assert one(body, "21%", D(2024, 11, 1)).period == "2024-Q3"


def test_best_growth_in_three_years_dates_nothing() -> None:
    body = "IBM reported results for the second quarter. Revenue rose to $15.9 billion, up 7.5%, its best growth in three years."
    assert one(body, "7.5%", D(2021, 7, 20)).period == "2021-Q2"


def test_an_investment_by_a_year_said_last_year_spans_from_then() -> None:
    body = "AWS said last year it would spend $5.7 billion in Thailand by 2038."
    assert one(body, "$5.7 billion", D(2024, 11, 1)).period == "2023/2038"


def test_each_figure_takes_the_sign_of_its_own_verb() -> None:
    body = "Alibaba Cloud's revenue slipped 2.5% and Huawei's edged up 0.8%, which the firm put down to demand."
    assert one(body, "0.8%").value == 0.8
    both = "AWS and Azure fell 5% and 7% respectively."
    assert (one(both, "5%").value, one(both, "7%").value) == (-5, -7)


def test_a_low_margin_business_is_no_margin_cue() -> None:
    body = "Tencent Cloud's revenue contracted 3% as it walked away from low-margin contracts."
    assert one(body, "3%").metric == "growth_rate"


def test_an_addition_to_gross_domestic_product_is_no_fact() -> None:
    assert texts("The spending is expected to add 15.6 trillion won to the country's gross domestic product.") == []


def test_cue_words_inside_an_apposition_describe_something_else() -> None:
    body = "AWS's backlog, the value of contracts not yet recognised as revenue, stood at $88.9 billion."
    assert one(body, "$88.9 billion").metric == "backlog"
    named_before = ("At Google Cloud, operating income, the profit measure Alphabet applies to its segments, rose "
                    "141 percent, to $2.8 billion.")
    assert one(named_before, "$2.8 billion").metric == "profit"


def test_shares_that_dipped_are_a_share_move() -> None:
    assert one("Nvidia's shares dipped 1.5% after hours to $143.90.", "1.5%").metric == "share_price_change"


def test_shares_that_have_fallen_by_a_fraction_are_a_share_move() -> None:
    body = "Kingsoft Cloud said its shares have fallen by more than a third since February."
    move = one(body, "a third")
    assert (move.metric, move.value, move.qualifier) == ("share_price_change", -33.3, "at_least")
