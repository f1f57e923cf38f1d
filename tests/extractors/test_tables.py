"""Tables in every layout news uses, on tables written for these tests: one cell per line (both orientations),
Markdown pipe tables with units in a header or caption, periods across the top or down the side, Others and Total
rows, estimate columns, footnote markers; and tables whose meaning cannot be read, which give no facts."""
from __future__ import annotations

import datetime

import pytest

from extractors.datafiles import DataFileError
from extractors.tables import table_facts

D = datetime.date


def cells(body: str, published: datetime.date | None = D(2025, 5, 20), source: str | None = None) -> dict:
    """Table facts keyed by (cell text, period); each key must be unique in these tables."""
    facts = table_facts(body, published, source)
    keyed = {(f.text, f.period): f for f in facts}
    assert len(keyed) == len(facts), [(f.text, f.period) for f in facts]
    return keyed


def summary(fact) -> tuple:
    return fact.metric, fact.value, fact.unit, fact.subject, fact.period, fact.forecast


# --- one cell per line -------------------------------------------------------------------------------------------

FLAT_HEADERS_FIRST = """Analysts tracked the database market closely last year.

Table 2. Worldwide Managed Database Market Share, 2022-2023 (Millions of U.S. Dollars)
Company |
2023 |
2023 Market
Share (%) |
2022 |
2022 Market
Share (%) |
2022-2023
Growth (%) |
Oracle |
12,400 |
31.0 |
11,000 |
30.5 |
12.7 |
IBM |
8,000 |
20.0 |
7,900 |
21.9 |
1.3 |
5,600 |
14.0 |
5,000 |
13.9 |
12.0 |
|
Zorblax Data |
2,000 |
5.0 |
1,100 |
3.0 |
81.8 |
Others |
12,000 |
30.0 |
11,050 |
30.7 |
8.6 |
Total |
40,000 |
100.0 |
36,050 |
100.0 |
11.0 |
Source: Gartner (May 2024)

Oracle kept the lead.
"""


def test_one_cell_per_line_headers_first_with_trailing_pipes_and_two_line_headers() -> None:
    facts = cells(FLAT_HEADERS_FIRST, D(2024, 5, 2))
    assert summary(facts[("12,400", "2023")]) == ("revenue", 12.4e9, "USD", ("Oracle",), "2023", False)
    assert summary(facts[("30.5", "2022")]) == ("market_share", 30.5, "percent", ("Oracle",), "2022", False)
    # "2022-2023 Growth (%)": growth, dated by the later year
    assert summary(facts[("1.3", "2023")]) == ("growth_rate", 1.3, "percent", ("IBM",), "2023", False)
    oracle = facts[("12,400", "2023")]
    assert (oracle.source, oracle.geography) == ("Gartner", "worldwide")


def test_a_row_whose_label_was_lost_keeps_its_figures_with_no_subject() -> None:
    facts = cells(FLAT_HEADERS_FIRST, D(2024, 5, 2))
    assert summary(facts[("5,600", "2023")]) == ("revenue", 5.6e9, "USD", (), "2023", False)
    assert facts[("14.0", "2023")].metric == "market_share"


def test_an_unknown_company_gets_no_subject_never_a_wrong_one() -> None:
    facts = cells(FLAT_HEADERS_FIRST, D(2024, 5, 2))
    assert summary(facts[("2,000", "2023")]) == ("revenue", 2e9, "USD", (), "2023", False)


def test_others_and_total_rows() -> None:
    facts = cells(FLAT_HEADERS_FIRST, D(2024, 5, 2))
    assert summary(facts[("12,000", "2023")]) == ("revenue", 12e9, "USD", (), "2023", False)
    assert summary(facts[("30.0", "2023")]) == ("market_share", 30.0, "percent", (), "2023", False)
    assert summary(facts[("40,000", "2023")]) == ("market_spending", 40e9, "USD", (), "2023", False)
    assert summary(facts[("11.0", "2023")]) == ("growth_rate", 11.0, "percent", (), "2023", False)
    assert ("100.0", "2023") not in facts and ("100.0", "2022") not in facts  # the whole market's share


FLAT_LABELS_FIRST = """Quarterly cloud revenue by provider (US$ billions)

Provider
AWS
Microsoft Azure
Tencent Cloud

Q1 2024
25.0
20.1
1.6

Q2 2024
26.3
21.5
1.7
"""


def test_one_cell_per_line_row_labels_first_then_each_column() -> None:
    facts = cells(FLAT_LABELS_FIRST, D(2024, 9, 1))
    assert summary(facts[("25.0", "2024-Q1")]) == ("revenue", 25e9, "USD", ("AWS",), "2024-Q1", False)
    assert summary(facts[("21.5", "2024-Q2")]) == ("revenue", 21.5e9, "USD", ("Microsoft Azure",), "2024-Q2",
                                                    False)
    assert len(facts) == 6


def test_one_cell_per_line_after_a_plain_caption_line_with_blank_lines_between_rows() -> None:
    body = ("Spending on sovereign cloud services, worldwide (billions of euros)\n\n"
            "Segment\n2024\n2025 (forecast)\n\nIaaS\n10.5\n14.2\n\nPaaS\n4.0\n5.1\n\nTotal\n14.5\n19.3\n")
    facts = cells(body, D(2025, 3, 1))
    assert summary(facts[("10.5", "2024")]) == ("market_spending", 10.5e9, "EUR", (), "2024", False)
    assert summary(facts[("19.3", "2025")]) == ("market_spending", 19.3e9, "EUR", (), "2025", True)


# --- Markdown pipe tables ------------------------------------------------------------------------------------------

def test_periods_down_the_side_and_the_subject_metric_and_scale_in_the_header() -> None:
    body = ("Oracle's cloud business keeps growing.\n\n"
            "| Fiscal period | Oracle Cloud Revenue (Billions) | Year-over-Year Growth (%) |\n|---|---|---|\n"
            "| Q2 of 2024 | $2.4 | 25 |\n| Q1 of 2024 ¹ | $2.2 | 23 |\n\n¹ Restated.\n")
    facts = cells(body, D(2024, 9, 1))
    assert summary(facts[("$2.4", "2024-Q2")]) == ("revenue", 2.4e9, "USD", ("Oracle Cloud",), "2024-Q2", False)
    assert summary(facts[("23", "2024-Q1")]) == ("growth_rate", 23, "percent", ("Oracle Cloud",), "2024-Q1", False)


def test_periods_across_the_top_with_segments_down_the_side_and_the_unit_in_the_caption() -> None:
    body = ("Cloud Spending Forecast by Segment (Millions of US Dollars)\n\n"
            "| | 2023 | 2024 | 2025 |\n|---|---|---|---|\n"
            "| Desktop as a Service (DaaS) | 1,300 | 1,500 | 1,800 |\n"
            "| Cloud Security Services | 9,000 | 10,100 | 11,600 |\n| Total Market | 10,300 | 11,600 | 13,400 |\n")
    facts = cells(body, D(2024, 6, 1))
    assert summary(facts[("1,300", "2023")]) == ("market_spending", 1.3e9, "USD", (), "2023", False)
    assert summary(facts[("11,600", "2025")]) == ("market_spending", 11.6e9, "USD", (), "2025", True)
    assert summary(facts[("11,600", "2024")]) == ("market_spending", 11.6e9, "USD", (), "2024", True)
    assert len(facts) == 9


def test_a_markdown_table_with_units_in_the_headers_an_estimate_column_and_others_and_total_rows() -> None:
    body = ("| Vendor | 2024 revenue (US$ millions) | 2025E revenue (US$ millions) | Share (%) |\n"
            "|---|---|---|---|\n| Snowflake | 3,600 | 4,400 | 23.1% |\n| Others | 12,000 | 13,500 | 76.9% |\n"
            "| Total | 15,600 | 17,900 | 100% |\n")
    facts = cells(body, D(2025, 1, 10))
    assert summary(facts[("3,600", "2024")]) == ("revenue", 3.6e9, "USD", ("Snowflake",), "2024", False)
    assert summary(facts[("4,400", "2025")]) == ("revenue", 4.4e9, "USD", ("Snowflake",), "2025", True)
    assert summary(facts[("12,000", "2024")]) == ("revenue", 12e9, "USD", (), "2024", False)
    assert summary(facts[("17,900", "2025")]) == ("market_spending", 17.9e9, "USD", (), "2025", True)
    assert ("23.1%", None) not in facts  # a share with no period anywhere is not read


def test_a_share_table_dated_by_its_caption_with_regions_down_the_side() -> None:
    body = ("Table 3. Share of cloud spending by region, Q4 2024\n\n"
            "| Region | Share (%) |\n|---|---|\n| North America | 45.2 |\n| Europe | 27.0 |\n")
    facts = cells(body, D(2025, 2, 1))
    europe = facts[("27.0", "2024-Q4")]
    assert (europe.metric, europe.value, europe.subject, europe.geography) == ("market_share", 27.0, (), "Europe")


def test_metrics_down_the_side_take_the_company_the_text_before_names() -> None:
    body = ("Analysts expect Salesforce to post higher sales on Wednesday.\n\n"
            "| | Estimate for Q3 2025 | Q2 2025 |\n|---|---|---|\n"
            "| Revenue | $10.2 billion | $9.9 billion |\n| Earnings per share | $2.44 | $2.35 |\n"
            "| Net income | $1.9 billion | $1.8 billion |\n")
    facts = cells(body, D(2025, 9, 1))
    assert summary(facts[("$10.2 billion", "2025-Q3")]) == ("revenue", 10.2e9, "USD", ("Salesforce",), "2025-Q3",
                                                             True)
    assert summary(facts[("$1.8 billion", "2025-Q2")]) == ("profit", 1.8e9, "USD", ("Salesforce",), "2025-Q2",
                                                            False)
    assert not any(f.text.startswith("$2.") for f in facts.values())  # per-share figures are not facts


def test_a_figure_the_text_already_stated_is_not_reported_again_from_the_table() -> None:
    body = ("AWS revenue reached $5.4 billion in the first quarter.\n\n"
            "| Quarter | AWS Revenue (Billions) |\n|---|---|\n| Q1 2018 | $5.4 |\n| Q4 2017 | $5.1 |\n")
    facts = cells(body, D(2018, 5, 1))
    assert list(facts) == [("$5.1", "2017-Q4")]


# --- precision first ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    # no metric
    "| Provider | 2023 | 2024 |\n|---|---|---|\n| AWS | 12 | 14 |\n| Microsoft Azure | 10 | 13 |\n",
    # no unit for money
    "| Provider | Revenue 2023 | Revenue 2024 |\n|---|---|---|\n| AWS | 90 | 107 |\n| Google Cloud | 33 | 43 |\n",
    # no period
    "Cloud revenue (US$ billions)\n\n| Provider | Revenue |\n|---|---|\n| AWS | 90 |\n| Google Cloud | 33 |\n",
    # two periods for one cell
    "| Quarter | Revenue 2024 ($bn) |\n|---|---|\n| Q1 2023 | 5 |\n| Q2 2023 | 6 |\n",
    # a list of short lines that is no table
    "Key takeaways\n\nRevenue rose\nMargins fell\n12\nThe outlook is unchanged\n",
])
def test_a_table_whose_meaning_cannot_be_read_gives_no_facts(body: str) -> None:
    assert table_facts(body, D(2025, 1, 1), None) == []


def test_table_cues_are_validated_on_load(monkeypatch) -> None:
    from extractors import table_cues as cues

    cues.table_cues.cache_clear()
    monkeypatch.setattr(cues, "load_records", lambda name, required=(): (
        {"id": "x", "kind": "no_such_kind", "pattern": "a", "example": "a"},))
    with pytest.raises(DataFileError):
        cues.table_cues()
    monkeypatch.setattr(cues, "load_records", lambda name, required=(): (
        {"id": "x", "kind": "money_metric", "metric": "jobs", "pattern": "a", "example": "a"},))
    cues.table_cues.cache_clear()
    with pytest.raises(DataFileError):
        cues.table_cues()
    monkeypatch.setattr(cues, "load_records", lambda name, required=(): (
        {"id": "x", "kind": "total_label", "pattern": "^total$", "example": "Grand total"},))
    cues.table_cues.cache_clear()
    with pytest.raises(DataFileError):
        cues.table_cues()
    monkeypatch.undo()
    cues.table_cues.cache_clear()
    assert cues.table_cues()


def test_a_pipe_table_with_blank_lines_between_rows_as_html_tables_are_read() -> None:
    body = ("Cloud revenue (US$ billions)\n\n| Provider | Q1 2024 | Q2 2024 |\n\n|---|---|---|\n\n"
            "| AWS | 25.0 | 26.3 |\n\n| Google Cloud | 9.6 | 10.3 |\n\nDone.")
    facts = cells(body, D(2024, 9, 1))
    assert summary(facts[("10.3", "2024-Q2")]) == ("revenue", 10.3e9, "USD", ("Google Cloud",), "2024-Q2", False)
    assert len(facts) == 4


def test_a_pipe_table_without_outer_pipes_and_companies_across_the_top() -> None:
    body = ("Canalys estimates of cloud market share:\n\nQuarter | AWS | Microsoft Azure\n---|---|---\n"
            "Q3 2024 | 31% | 24%\nQ4 2024 | 30% | 25%\n")
    facts = cells(body, D(2025, 2, 1))
    assert summary(facts[("24%", "2024-Q3")]) == ("market_share", 24, "percent", ("Microsoft Azure",), "2024-Q3",
                                                   False)
    assert facts[("30%", "2024-Q4")].source == "Canalys"
    assert len(facts) == 4


def test_signed_and_blank_cells() -> None:
    body = ("| Segment | 2023 growth (%) | 2024 growth (%) |\n|---|---|---|\n"
            "| Cloud hardware | -2.5% | n/a |\n| Colocation services | (1.5) | 12 |\n")
    facts = cells(body, D(2025, 1, 1))
    assert summary(facts[("-2.5%", "2023")]) == ("growth_rate", -2.5, "percent", (), "2023", False)
    assert facts[("(1.5)", "2023")].value == -1.5
    assert len(facts) == 3


def test_a_second_header_row_of_periods_under_a_spanning_header() -> None:
    body = ("Oracle's cloud results (US$ millions)\n\n| | Three months ended May 31, | |\n|---|---|---|\n"
            "| | 2025 | 2024 |\n| Cloud revenue | 6,700 | 5,300 |\n| Operating income | 2,100 | 1,800 |\n")
    facts = cells(body, D(2025, 6, 15))
    older = next(f for (text, _), f in facts.items() if text == "5,300")
    assert (older.metric, older.value, older.subject, older.period[:4]) == ("revenue", 5.3e9, ("Oracle",), "2024")
    assert {f.metric for f in facts.values()} == {"revenue", "profit"} and len(facts) == 4


def test_a_rank_column_before_the_company_column() -> None:
    body = ("| Rank | Provider | 2024 revenue ($bn) |\n|---|---|---|\n| 1 | AWS | 107.6 |\n"
            "| 2 | Google Cloud | 43.2 |\n")
    facts = cells(body, D(2025, 3, 1))
    assert summary(facts[("43.2", "2024")]) == ("revenue", 43.2e9, "USD", ("Google Cloud",), "2024", False)
    assert len(facts) == 2


def test_a_footnote_marker_on_a_header_is_ignored() -> None:
    body = ("Spending on cloud security (US$ millions)\n\n| Segment | 2023 | 2024* |\n|---|---|---|\n"
            "| Cloud security services | 5,100 | 6,000 |\n| Identity services | 1,200 | 1,500 |\n\n* Estimate.")
    facts = cells(body, D(2025, 3, 1))
    assert summary(facts[("6,000", "2024")]) == ("market_spending", 6e9, "USD", (), "2024", False)


@pytest.mark.parametrize("body", [
    "Cloud stocks, Q1 2025\n\n| Company | Close | Change (%) |\n|---|---|---|\n| Oracle | $160.2 | 3.1 |\n"
    "| IBM | $250.1 | -1.2 |\n",
    "Table 2. Share of survey respondents using each provider, 2024\n\n| Provider | Share (%) |\n|---|---|\n"
    "| AWS | 48 |\n| Microsoft Azure | 39 |\n",
])
def test_stock_quotes_and_survey_answers_in_tables_are_not_facts(body: str) -> None:
    assert table_facts(body, D(2025, 4, 1), None) == []


def test_percentage_point_cells() -> None:
    body = ("| Provider | Share change Q4 2024 |\n|---|---|\n| AWS | -1.5 pp |\n| Google Cloud | +0.8 pp |\n")
    facts = cells(body, D(2025, 2, 1))
    assert summary(facts[("-1.5 pp", "2024-Q4")]) == ("market_share", -1.5, "pp", ("AWS",), "2024-Q4", False)


def test_a_lost_row_label_is_the_one_new_company_the_text_names_with_one_of_the_row_figures() -> None:
    body = FLAT_HEADERS_FIRST + "\nSAP's database\nbusiness grew 12%\nin 2023 to $5.6 billion.\n"
    facts = cells(body, D(2024, 5, 2))
    assert summary(facts[("5,600", "2023")]) == ("revenue", 5.6e9, "USD", ("SAP",), "2023", False)
    assert facts[("14.0", "2023")].subject == ("SAP",)
    assert facts[("12,400", "2023")].subject == ("Oracle",)  # named rows keep their own labels


def test_a_lost_row_label_stays_empty_when_the_text_names_two_companies_with_its_figure() -> None:
    body = FLAT_HEADERS_FIRST + "\nSAP and Snowflake each grew 12% in 2023.\n"
    assert cells(body, D(2024, 5, 2))[("5,600", "2023")].subject == ()


def test_one_cell_per_line_column_by_column_with_segments_labels_first_and_years_as_column_heads() -> None:
    body = ("Table 4. Edge cloud spending by segment, worldwide (US$ billions)\n\n"
            "Segment\nEdge infrastructure services\nEdge applications\nTotal\n\n"
            "2024\n12.5\n7.5\n20.0\n\n2025E\n15.0\n9.0\n24.0\n")
    facts = cells(body, D(2025, 2, 1))
    assert summary(facts[("7.5", "2024")]) == ("market_spending", 7.5e9, "USD", (), "2024", False)
    assert summary(facts[("24.0", "2025")]) == ("market_spending", 24e9, "USD", (), "2025", True)
    assert len(facts) == 6


def test_periods_down_the_side_with_companies_others_and_total_across_the_top() -> None:
    body = ("Cloud infrastructure revenue by provider (US$ billions)\n\n"
            "| Quarter | AWS | Google Cloud | Others | Total |\n|---|---|---|---|---|\n"
            "| Q1 2025 | 29.3 | 12.3 | 40.1 | 81.7 |\n| Q2 2025 | 30.9 | 13.6 | 42.0 | 86.5 |\n")
    facts = cells(body, D(2025, 9, 1))
    assert summary(facts[("12.3", "2025-Q1")]) == ("revenue", 12.3e9, "USD", ("Google Cloud",), "2025-Q1", False)
    assert summary(facts[("42.0", "2025-Q2")]) == ("revenue", 42e9, "USD", (), "2025-Q2", False)
    assert summary(facts[("86.5", "2025-Q2")]) == ("market_spending", 86.5e9, "USD", (), "2025-Q2", False)


@pytest.mark.parametrize("header, scale", [
    ("AWS Revenue (Billions)", 1e9), ("Revenue (USD bn)", 1e9), ("Capex, bn USD", 1e9), ("Revenue ($M)", 1e6),
    ("Spending, US$ millions", 1e6), ("Revenue (thousands of euros)", 1e3), ("Company", None),
])
def test_the_scale_a_header_names(header: str, scale) -> None:
    from extractors.tables import text_scale

    assert text_scale(header) == scale


def test_ranks_are_not_shares() -> None:
    body = ("Top cloud providers by market share\n\n| Provider | Rank 2023 | Rank 2024 |\n|---|---|---|\n"
            "| AWS | 1 | 1 |\n| Microsoft Azure | 2 | 2 |\n")
    assert table_facts(body, D(2025, 1, 1), None) == []


def test_a_cell_holding_two_figures_is_not_read() -> None:
    body = ("| Quarter | AWS revenue ($bn) and growth |\n|---|---|\n| Q1 2024 | $25.0 (17%) |\n"
            "| Q2 2024 | $26.3 (19%) |\n")
    assert table_facts(body, D(2025, 1, 1), None) == []


def test_a_table_of_one_company_named_in_its_caption_keeps_the_company_on_segment_region_and_total_rows() -> None:
    body = ("Microsoft revenue by segment (US$ billions)\n\n| Segment | FY2024 | % of total |\n|---|---|---|\n"
            "| Server products and cloud services | 97.7 | 39% |\n| United States | 124.7 | 51% |\n"
            "| Total | 245.1 | 100% |\n")
    facts = cells(body, D(2024, 9, 1))
    assert summary(facts[("97.7", "FY2024")]) == ("revenue", 97.7e9, "USD", ("Microsoft",), "FY2024", False)
    us = facts[("124.7", "FY2024")]
    assert (us.metric, us.subject, us.geography) == ("revenue", ("Microsoft",), "United States")
    assert summary(facts[("245.1", "FY2024")]) == ("revenue", 245.1e9, "USD", ("Microsoft",), "FY2024", False)
    assert len(facts) == 3  # shares of the company's own total are not facts


def test_a_growth_column_without_a_period_takes_the_one_period_of_the_other_headers() -> None:
    body = ("| Provider | Q2 2024 share (%) | YoY growth (%) |\n|---|---|---|\n| AWS | 32 | 19 |\n"
            "| Google Cloud | 11 | 29 |\n")
    facts = cells(body, D(2024, 8, 1))
    assert summary(facts[("29", "2024-Q2")]) == ("growth_rate", 29, "percent", ("Google Cloud",), "2024-Q2", False)
    assert len(facts) == 4


def test_bold_cells_are_read_without_their_markup() -> None:
    body = ("Cloud spending by segment (US$ billions)\n\n| Segment | 2024 |\n|---|---|\n| IaaS | 171.6 |\n"
            "| SaaS | 247.2 |\n| **Total** | **418.8** |\n")
    facts = cells(body)
    total = facts[("418.8", "2024")]
    assert (total.metric, total.value, total.subject) == ("market_spending", 418.8e9, ())
    assert body[total.start_char:total.end_char] == "418.8"
