"""Which period a figure takes (extractors/period_choice.py): constructions of news writing, one sentence each."""
from __future__ import annotations

import datetime

from extractors.facts import extract_facts

D = datetime.date


def period_of(body: str, text: str, published: datetime.date | None = D(2025, 5, 20), title: str | None = None):
    """The period of the single fact whose text is `text`."""
    found = [f for f in extract_facts(body, published, title) if f.text == text]
    assert len(found) == 1, (text, [(f.text, f.metric, f.period) for f in extract_facts(body, published, title)])
    return found[0].period


# --- comparison bases ----------------------------------------------------------------------------


def test_a_level_in_the_same_quarter_of_a_named_year_takes_that_years_quarter() -> None:
    body = ("Brightmere's revenue reached $412 million in the second quarter of 2025, against $301 million in "
            "the same quarter of 2024.")
    assert period_of(body, "$301 million", D(2025, 8, 1)) == "2024-Q2"


def test_growth_on_the_same_stretch_of_a_year_is_the_reported_quarter() -> None:
    body = "Companies spent $41 billion on cloud services in the July-September quarter, a jump of 22% on the same stretch of 2024."
    assert period_of(body, "22%", D(2025, 11, 1)) == "2025-Q3"


def test_a_loss_it_made_in_the_corresponding_quarter_last_year_is_a_year_back() -> None:
    body = ("Brightmere posted revenue of $90 million for the first quarter. Its net loss was $31 million, narrower than "
            "the $44 million it lost in the corresponding quarter last year.")
    assert period_of(body, "$44 million", D(2025, 5, 20)) == "2024-Q1"


def test_a_fiscal_report_compared_with_the_same_period_of_a_calendar_year_goes_one_fiscal_year_back() -> None:
    body = ("Oracle said revenue for its fiscal first quarter of 2026 was $14.9 billion. Cloud revenue was $7.2 billion, "
            "against $5.6 billion in the corresponding period of 2024.")
    assert period_of(body, "$5.6 billion", D(2025, 9, 10)) == "FY2025-Q1"


def test_a_year_ago_counts_back_from_the_quarter_under_discussion() -> None:
    body = "In the fourth quarter of 2022 the three leaders held 66% of the market, against 63% a year ago."
    assert period_of(body, "63%", D(2023, 2, 10)) == "2021-Q4"


def test_a_launch_month_in_a_later_clause_does_not_date_the_growth() -> None:
    body = ("Brightmere's grocery unit made $40 million in the second quarter of 2025, a 12% increase driven by a delivery "
            "service that went live in late April 2025.")
    assert period_of(body, "12%", D(2025, 8, 20)) == "2025-Q2"


# --- named quarters -------------------------------------------------------------------------------


def test_the_first_three_months_of_a_year_are_its_first_quarter() -> None:
    body = "Businesses spent $31 billion on cloud infrastructure in the first three months of 2021, research firm Canalys said."
    assert period_of(body, "$31 billion", D(2021, 5, 1)) == "2021-Q1"


# --- spans up to a deadline ------------------------------------------------------------------------


def test_growth_reached_by_a_year_runs_from_the_publication_year() -> None:
    body = "Analyst firm Canalys expects the Indonesian cloud market to double in size by 2028."
    assert period_of(body, "double", D(2025, 3, 4)) == "2025/2028"


def test_growth_reached_by_a_year_runs_from_the_year_of_the_level_it_grows_from() -> None:
    body = "Gartner puts the segment at $12 billion in 2023, and expects that figure to triple to $36 billion by 2027."
    assert period_of(body, "triple", D(2024, 6, 1)) == "2023/2027"


def test_growth_to_a_level_by_a_year_runs_from_its_named_base_year() -> None:
    body = "IDC projects a regional market of $3.1 billion by 2026, double its 2021 size."
    assert period_of(body, "double", D(2022, 6, 1)) == "2021/2026"


def test_jobs_created_by_a_year_add_up_over_the_years_to_it() -> None:
    body = "Brightmere said its data centres will have created 4,000 jobs by 2029."
    assert period_of(body, "4,000", D(2025, 6, 1)) == "2025/2029"


def test_a_level_reached_by_a_year_is_that_year() -> None:
    body = "Canalys expects spending on sovereign cloud to reach $9 billion by 2028."
    assert period_of(body, "$9 billion", D(2025, 3, 4)) == "2028"


# --- the period the story is about ----------------------------------------------------------------


def test_a_look_back_in_the_past_perfect_does_not_move_the_story_off_its_quarter() -> None:
    body = ("Brightmere's cloud unit grew 31% in the quarter ended September 30. Growth had been 24% in the June quarter. "
            "Brightmere's group revenue came to $8.1 billion.")
    assert period_of(body, "24%", D(2025, 11, 20)) == "2025-Q2"
    assert period_of(body, "$8.1 billion", D(2025, 11, 20)) == "2025-Q3"


def test_a_quarter_a_change_starts_from_does_not_date_the_level_it_reaches() -> None:
    body = ("Brightmere reported third-quarter results on Monday. Its backlog rose to $12 billion, up by half from the end "
            "of the second quarter.")
    assert period_of(body, "$12 billion", D(2025, 11, 11)) == "2025-Q3"


def test_a_sum_over_the_last_four_quarters_has_no_period() -> None:
    body = ("Brightmere's cloud revenue rose 20% in the third quarter. Over the last four quarters, the company has "
            "invested around $4 billion in data centres.")
    assert period_of(body, "$4 billion", D(2025, 11, 11)) is None


def test_a_period_opening_the_sentence_dates_the_clauses_joined_after_it() -> None:
    body = ("Brightmere's revenue rose 12% in the fourth quarter. For the full year the company booked $9.1 billion in "
            "revenue, an increase of 10%, and net profit of $1.2 billion, up 8%.")
    assert period_of(body, "$1.2 billion", D(2025, 2, 1)) == "2024"


def test_over_the_year_in_a_quarterly_report_is_the_whole_year() -> None:
    body = "Brightmere's revenue rose 12% in the fourth quarter of 2024. Its cloud unit brought in $3 billion over the year."
    assert period_of(body, "$3 billion", D(2025, 2, 1)) == "2024"


def test_for_the_year_takes_the_year_named_earlier_in_the_sentence() -> None:
    body = "Brightmere posted revenue of $8 billion for fiscal 2025, and net income of $1.1 billion for the year."
    assert period_of(body, "$1.1 billion", D(2025, 7, 1)) == "FY2025"


def test_guidance_for_the_whole_year_after_a_semicolon_is_the_year() -> None:
    body = ("Brightmere reported revenue of $1 billion for the first quarter. It forecast second-quarter revenue of $1.1 "
            "billion; for the whole year it is looking for revenue of $4.8 billion, and capital spending of $2 billion.")
    assert period_of(body, "$4.8 billion", D(2025, 5, 20)) == "2025"
    assert period_of(body, "$2 billion", D(2025, 5, 20)) == "2025"


# --- guidance and estimates ------------------------------------------------------------------------


def test_an_estimate_for_the_quarter_just_ended_is_that_quarter() -> None:
    body = "Analysts expect Alphabet's third-quarter revenue to come in at $9.3 billion when it reports next week."
    assert period_of(body, "$9.3 billion", D(2024, 10, 24)) == "2024-Q3"


def test_guidance_for_a_quarter_named_by_its_month_long_past_is_the_coming_one() -> None:
    body = "Microsoft's finance chief guided for cloud revenue of about $6 billion in the December quarter."
    assert period_of(body, "$6 billion", D(2025, 7, 30)) == "2025-Q4"


# --- since a year ----------------------------------------------------------------------------------


def test_an_amount_put_in_since_a_year_spans_to_the_publication_year_and_is_reported() -> None:
    body = "The new pledge follows earlier spending: Microsoft has put $2 billion into its Dutch sites since 2021."
    fact = [f for f in extract_facts(body, D(2024, 6, 1)) if f.text == "$2 billion"][0]
    assert (fact.period, fact.forecast) == ("2021/2024", False)


def test_growth_since_a_year_in_the_perfect_spans_to_the_publication_year() -> None:
    body = "By Gartner's count, Indonesian cloud spending has nearly doubled since 2019."
    assert period_of(body, "doubled", D(2023, 3, 1)) == "2019/2023"


def test_the_fastest_growth_since_a_year_is_not_dated_by_it() -> None:
    body = "AWS reported a 19 per cent revenue increase in the March quarter, its fastest growth since 2022."
    assert period_of(body, "19 per cent", D(2025, 5, 2)) == "2025-Q1"


# --- forecasts that name no period -----------------------------------------------------------------


def test_a_market_forecast_naming_no_year_takes_the_year_of_the_forecast_before_it() -> None:
    body = ("Spending on public cloud in Brazil will grow 24% to $9 billion in 2026, Gartner forecasts. "
            "Software as a service is expected to post the largest increase, at 31%.")
    assert period_of(body, "31%", D(2025, 11, 1)) == "2026"


def test_a_sentence_of_forecast_talk_naming_a_year_dates_the_market_forecast_after_it() -> None:
    body = ("Gartner expects Asia Pacific to see the fastest growth in 2026. The largest markets are forecast to be "
            "Japan and India, with spending of, respectively, $12 billion and $7 billion.")
    assert {f.period for f in extract_facts(body, D(2025, 11, 1)) if f.text == "$12 billion"} == {"2026"}


def test_a_forecast_about_that_period_is_not_given_the_last_year() -> None:
    body = ("Gartner forecasts spending of $9 billion in 2028. Over that same stretch, cloud security spending is "
            "expected to grow 18%.")
    assert period_of(body, "18%", D(2025, 11, 1)) is None


def test_a_weak_modal_sentence_naming_a_year_sets_no_forecast_year() -> None:
    body = ("Rising costs could make the providers' spending plans for 2026 more cautious. To cover energy costs, "
            "cloud prices will have to rise by 20 percent in Europe, Canalys said.")
    assert period_of(body, "20 percent", D(2025, 11, 1)) is None


def test_a_forecast_joined_to_an_opening_forecast_for_a_year_shares_its_year() -> None:
    body = ("For the whole of 2026, IDC forecasts that cloud spending will rise 30% to $250 billion, while spending on "
            "other infrastructure should gain 9%, reaching $70 billion.")
    assert period_of(body, "9%", D(2025, 11, 1)) == "2026"


def test_a_plan_joined_to_a_reported_year_is_not_dated_by_it() -> None:
    body = "In fiscal 2025 the company added 2 GW of capacity and plans to double it."
    assert period_of(body, "double", D(2025, 9, 1)) is None


# --- durations and bases after 'over' ------------------------------------------------------------------


def test_growth_over_the_first_half_is_dated_by_it() -> None:
    body = "Figures from IDC show the SaaS and PaaS markets expanding by 31% and 44% respectively over the first half."
    assert period_of(body, "31%", D(2024, 10, 1)) == "2024-H1"


def test_growth_over_a_year_is_not_dated_by_that_year() -> None:
    body = "Spending on cloud security grew 17% over 2023, Gartner said."
    assert period_of(body, "17%", D(2024, 10, 1)) is None


def test_a_level_in_a_relative_clause_after_a_comparison_base_takes_the_base_period() -> None:
    body = ("Azure revenue was $9 billion in Q3. That figure was 8% above the prior quarter, in which Azure took in "
            "$8.3 billion, and 30% above the same period a year earlier, when Azure revenue stood at $6.9 billion.")
    assert period_of(body, "$8.3 billion", D(2024, 10, 30)) == "2024-Q2"
    assert period_of(body, "$6.9 billion", D(2024, 10, 30)) == "2023-Q3"


def test_last_years_level_as_the_base_of_a_quarters_change_is_that_quarter_a_year_back() -> None:
    body = "Brightmere's revenue for the first quarter was $410 million, up 80% from last year's $228 million."
    assert period_of(body, "$228 million", D(2025, 5, 14)) == "2024-Q1"


# --- dates of events, not of figures ------------------------------------------------------------------


def test_a_date_in_a_since_phrase_dates_no_figure() -> None:
    body = "Contracted capacity at Brightmere has risen to 300MW since its previous update on 3 March 2025."
    assert period_of(body, "300MW", D(2025, 4, 1)) is None


def test_an_amount_put_in_since_an_event_in_a_year_spans_to_the_publication_year() -> None:
    body = "Since the programme got going in 2022 Microsoft has put in $3 billion."
    assert period_of(body, "$3 billion", D(2025, 4, 1)) == "2022/2025"


def test_an_opening_period_dates_the_announcement_not_the_pledge() -> None:
    body = "Earlier this year Microsoft announced plans to invest $4 billion in France."
    assert period_of(body, "$4 billion", D(2025, 9, 1)) is None


def test_output_booked_over_a_span_of_fiscal_years_has_no_period() -> None:
    body = ("Brightmere's fiscal 2025 results were strong. Its forward order book rose to 300MW, which it expects to turn "
            "into revenue between FY26 and FY29.")
    assert period_of(body, "300MW", D(2025, 8, 20)) is None


def test_guidance_for_a_fiscal_year_dates_the_company_forecasts_for_the_year_after_it() -> None:
    body = ("Guidance for the 2026 financial year was left untouched. Microsoft expects capital expenditure of between "
            "$2 billion and $2.4 billion for the year.")
    assert period_of(body, "$2 billion and $2.4 billion", D(2025, 12, 1)) == "FY2026"


# --- run rates ------------------------------------------------------------------------------------------


def test_a_run_rate_does_not_take_the_running_period() -> None:
    body = ("Microsoft reported results for the second quarter of 2025. Its chief executive said Azure has grown into a "
            "$90 billion business in annualized run-rate terms.")
    assert period_of(body, "$90 billion", D(2025, 7, 31)) is None


def test_revenue_a_quarter_is_a_rate_not_the_running_quarter() -> None:
    body = ("AWS reported results for the second quarter of 2025. One rival, CoreWeave, now brings in over $1.2 billion "
            "of cloud revenue a quarter.")
    assert period_of(body, "$1.2 billion", D(2025, 7, 31)) is None


def test_growth_quarter_on_quarter_next_to_a_run_rate_keeps_the_running_period() -> None:
    body = ("Nebius reported results for the third quarter of 2025. Revenue rose by 40% quarter on quarter, and was "
            "running at an annualised $551 million at the end of September.")
    assert period_of(body, "40%", D(2025, 11, 11)) == "2025-Q3"


def test_a_word_figure_that_has_doubled_in_n_years_looks_back_over_them() -> None:
    body = "The capacity of hyperscale data centres has doubled in less than five years, Synergy said."
    assert period_of(body, "doubled", D(2025, 3, 1)) == "2020/2024"


def test_growth_that_has_happened_from_a_years_level_spans_from_it_to_the_publication_year() -> None:
    body = "According to its chief executive, Brightmere's revenue has doubled from its 2019-20 level."
    assert period_of(body, "doubled", D(2023, 6, 1)) == "2020/2023"


# --- whose mention is it ------------------------------------------------------------------------------


def test_a_part_spent_in_a_quarter_takes_its_quarter_not_the_years_of_the_whole() -> None:
    body = ("Oracle's capital expenditure reached $21 billion in fiscal 2025, of which $6 billion was spent in the fourth "
            "quarter alone.")
    assert period_of(body, "$6 billion", D(2025, 6, 20)) == "FY2025-Q4"


def test_double_the_level_of_a_year_is_not_dated_by_that_year() -> None:
    body = "The company expects capex in 2026 to come in at well over double the 2025 figure."
    assert period_of(body, "double", D(2025, 11, 11)) == "2026"


# --- a fiscal period named for one company never dates another company's figures ----------------------------------
# Microsoft's fiscal year ends in June (its FY2025-Q1 is July-September 2024), Oracle's in May, Alibaba's in March.

MICROSOFT_QUARTER = "Microsoft said Azure revenue rose 33% in its fiscal 2025 first quarter, helped by demand for AI services. "


def test_a_later_figure_of_another_company_takes_the_same_months_as_a_calendar_quarter() -> None:
    body = MICROSOFT_QUARTER + "Google Cloud brought in $11.4 billion, up 35%."
    facts = {f.text: f for f in extract_facts(body, D(2024, 11, 5))}
    assert facts["33%"].period == "FY2025-Q1"
    assert (facts["$11.4 billion"].period, facts["35%"].period) == ("2024-Q3", "2024-Q3")
    assert (facts["$11.4 billion"].period_start, facts["$11.4 billion"].period_end) == (D(2024, 7, 1), D(2024, 9, 30))


def test_the_quarter_an_aws_figure_is_in_is_not_microsofts_fiscal_quarter() -> None:
    body = MICROSOFT_QUARTER + "Amazon Web Services posted sales of $27.5 billion for the quarter."
    assert period_of(body, "$27.5 billion", D(2024, 11, 5)) == "2024-Q3"


def test_the_same_companys_later_figure_keeps_its_fiscal_quarter() -> None:
    body = MICROSOFT_QUARTER + "Microsoft's Intelligent Cloud revenue reached $24.1 billion."
    assert period_of(body, "$24.1 billion", D(2024, 11, 5)) == "FY2025-Q1"


def test_a_company_with_a_fiscal_calendar_of_its_own_numbers_the_months_its_way() -> None:
    body = MICROSOFT_QUARTER + "Alibaba Cloud revenue grew 7% to 29.6 billion yuan."
    assert period_of(body, "29.6 billion yuan", D(2024, 11, 20)) == "FY2025-Q2"  # Alibaba's July-September


def test_months_that_make_no_quarter_of_the_other_company_give_no_period() -> None:
    body = ("Oracle reported total revenue of $13.3 billion for its fiscal 2025 first quarter. "
            "Google Cloud revenue climbed to $11.4 billion.")
    assert period_of(body, "$13.3 billion", D(2024, 9, 20)) == "FY2025-Q1"  # June-August 2024: no calendar quarter
    assert period_of(body, "$11.4 billion", D(2024, 9, 20)) is None
