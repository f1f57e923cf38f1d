"""Constructions of news writing that carry a figure's metric, company or period (issue 13), each on text of our own.

Grouped as the issue groups them: carry-over through lists and follow-on clauses, companies the alias table does
not know, and comparison bases.
"""
from __future__ import annotations

import datetime

from extractors.facts import extract_facts

PUBLISHED = datetime.date(2025, 8, 1)


def by_text(body: str, title: str | None = None) -> dict[str, list]:
    found: dict[str, list] = {}
    for fact in extract_facts(body, PUBLISHED, title):
        found.setdefault(fact.text, []).append(fact)
    return found


# --- carry-over through lists and follow-on clauses -----------------------------------------------

def test_a_share_list_names_each_company_after_its_figure() -> None:
    facts = by_text("Kestrel Research said AWS led the market with a 31% share in the quarter. "
                    "AWS held 30 percent, with 9 percent for Google, 5 percent for Alibaba.")
    assert [(f.metric, f.subject) for f in facts["9 percent"]] == [("market_share", ("Google",))]
    assert [(f.metric, f.subject) for f in facts["5 percent"]] == [("market_share", ("Alibaba Group",))]


def test_a_share_going_to_a_company_after_it_is_that_companys() -> None:
    facts = by_text("Kestrel Research said AWS held 30% of the market. Microsoft Azure came next at 20%, with 13% going to "
                    "Google Cloud.")
    assert [(f.metric, f.subject) for f in facts["13%"]] == [("market_share", ("Google Cloud",))]


def test_unchanged_steady_and_each_carry_the_share_of_the_sentence_before() -> None:
    facts = by_text("Synergy said AWS held 31% of the market in the quarter. Microsoft was unchanged at 20 percent. "
                    "IBM, Oracle and Tencent were each on 2 percent.")
    assert [(f.metric, f.subject) for f in facts["20 percent"]] == [("market_share", ("Microsoft",))]
    assert sorted(f.subject for f in facts["2 percent"]) == [("IBM",), ("Oracle",), ("Tencent",)]
    assert {f.metric for f in facts["2 percent"]} == {"market_share"}


def test_a_move_to_a_level_after_a_share_sentence_is_a_share() -> None:
    facts = by_text("Synergy said AWS held 31% of the market in the quarter. Google slipped to 11 per cent.")
    assert [(f.metric, f.subject) for f in facts["11 per cent"]] == [("market_share", ("Google",))]


# --- comparison bases -----------------------------------------------------------------------------

def test_the_previous_quarters_figure_is_dated_a_quarter_back() -> None:
    facts = by_text("Synergy said AWS held 31% of the market in the quarter. "
                    "Google slipped to 11 per cent, against the previous quarter's 12.3 per cent.")
    (base,) = facts["12.3 per cent"]
    assert (base.metric, base.subject, base.period) == ("market_share", ("Google",), "2025-Q1")
    assert facts["11 per cent"][0].period == "2025-Q2"


def test_the_year_ago_quarters_figure_is_dated_a_year_back() -> None:
    facts = by_text("Canalys said Azure's share rose to 24% in the quarter, from the year-ago quarter's 21%.")
    assert [(f.metric, f.period) for f in facts["21%"]] == [("market_share", "2024-Q2")]


# --- companies the alias table does not know ------------------------------------------------------

def test_a_company_introduced_with_its_legal_name_is_the_subject_later() -> None:
    facts = by_text("Tailspin Holdings Ltd. runs 14 data centres in Japan. "
                    "Tailspin said revenue rose 18% to $412 million in the quarter.")
    assert [f.subject for f in facts["$412 million"]] == [("Tailspin",)]
    assert [f.subject for f in facts["18%"]] == [("Tailspin",)]


def test_a_headline_company_owns_the_figures_of_its_results() -> None:
    facts = by_text("Proseware reported revenue of $88 million for the quarter, up 12% on a year earlier.",
                    title="Proseware reports record quarter")
    assert [(f.metric, f.subject) for f in facts["$88 million"]] == [("revenue", ("Proseware",))]


def test_an_unknown_speaker_with_spending_plans_is_no_market() -> None:
    # A one-word name we cannot place says "it will spend": its spending, never the market's.
    assert "$14 billion" not in {text for text, facts in by_text(
        "Zorvex said it will spend $14 billion on capital projects in 2026.").items()
        if any(f.metric == "market_spending" for f in facts)}


def test_an_analyst_firm_in_an_apposition_never_becomes_a_subject() -> None:
    facts = by_text("Quillon, a market research firm, said spending reached $9 billion in the quarter.")
    assert all(not f.subject for f in facts.get("$9 billion", []))


# --- a word figure and the number that glosses it -------------------------------------------------

def test_a_word_figure_glossed_by_its_number_gives_only_the_number() -> None:
    facts = by_text("Contoso's cloud revenue more than doubled, rising 104% in the quarter.")
    assert "doubled" not in facts and [f.value for f in facts["104%"]] == [104.0]


def test_a_word_figure_beside_another_items_number_stays() -> None:
    facts = by_text("Between them, AWS, Google and Microsoft hold two-thirds of the worldwide cloud infrastructure "
                    "market and 73% of the market for public cloud.")
    assert {"two-thirds", "73%"} <= set(facts)


# --- the level a change reaches takes the changed noun ---------------------------------------------

def test_the_levels_of_a_change_take_the_noun_that_changed() -> None:
    facts = by_text("Operating income at Fabrikam Cloud, the unit behind most of Contoso's revenue, fell 21 percent in "
                    "the quarter, sliding to $5.1 billion from the $6.5 billion it earned a year earlier.")
    assert [f.metric for f in facts["$5.1 billion"]] == ["profit"]
    assert [f.metric for f in facts["$6.5 billion"]] == ["profit"]


def test_a_change_from_a_base_to_a_level_names_both() -> None:
    facts = by_text("AWS's net sales beat estimates, climbing 16 percent from Q1 2024's $18.4 billion to hit "
                    "$21.4 billion in Q1 2025.")
    assert [(f.metric, f.period) for f in facts["$18.4 billion"]] == [("revenue", "2024-Q1")]
    assert [(f.metric, f.period) for f in facts["$21.4 billion"]] == [("revenue", "2025-Q1")]


def test_spending_that_climbed_reaches_a_market_level() -> None:
    facts = by_text("Tallis Research said spending on cloud infrastructure services worldwide climbed 33 per cent on "
                    "a year-on-year basis, reaching $62.3 billion in the quarter.")
    assert [f.metric for f in facts["$62.3 billion"]] == ["market_spending"]


def test_a_cue_beyond_a_clause_break_does_not_name_the_level() -> None:
    facts = by_text("Microsoft's commercial cloud revenue was up 58% year-on-year at $6bn, and its gross profit margin "
                    "widened to 57%.")
    assert [f.metric for f in facts["$6bn"]] == ["revenue"]


def test_a_ranking_list_after_a_share_sentence_carries_the_share() -> None:
    facts = by_text("Synergy said the three leaders hold two-thirds of the market in the quarter. "
                    "Amazon is in front with 28%, Microsoft holds 21% and Google comes third at 15%.")
    assert [(f.metric, f.subject) for f in facts["28%"]] == [("market_share", ("Amazon",))]
    assert [(f.metric, f.subject) for f in facts["15%"]] == [("market_share", ("Google",))]


def test_a_gap_that_stood_at_a_figure_is_no_share() -> None:
    facts = by_text("Synergy said AWS held 31% of the market in 2018. "
                    "That year the gap separating Azure from AWS stood at 18.5%.")
    assert "18.5%" not in facts


def test_companies_that_capture_a_share_together_hold_it_jointly() -> None:
    facts = by_text("Synergy said Amazon, Microsoft and Google now capture approximately two-thirds of what "
                    "enterprises spend on cloud infrastructure.")
    assert [f.subject for f in facts["two-thirds"]] == [("Amazon", "Microsoft", "Google")]


# --- the period and company an article is about ---------------------------------------------------

def test_the_headline_period_dates_the_results_that_follow() -> None:
    facts = extract_facts("• Revenue climbed to HK$1,714 million, a 10% increase on the previous year.",
                          datetime.date(2020, 9, 10), "Tailspin reports final results for financial year 2019/20")
    assert {(f.text, f.period, f.subject) for f in facts} == {("HK$1,714 million", "FY2020", ("Tailspin",)),
                                                               ("10%", "FY2020", ("Tailspin",))}


def test_a_forecast_headline_names_no_reported_period() -> None:
    facts = extract_facts("Spending rose 20% to $595 billion.", datetime.date(2024, 11, 1),
                          "Kestrel Research: cloud spending to reach $723 billion in 2025")
    assert all(f.period != "2025" for f in facts)


def test_the_headline_company_owns_the_bullets_before_it_is_named() -> None:
    facts = extract_facts("•$1.8 billion in remaining performance obligations, up 94% year over year\n\n"
                          "Today Snowflake reported its results.", datetime.date(2021, 12, 1),
                          "Snowflake reports results for the third quarter of fiscal 2022")
    (backlog,) = [f for f in facts if f.metric == "backlog"]
    assert (backlog.subject, backlog.period) == (("Snowflake",), "FY2022-Q3")


def test_a_headline_naming_two_groups_sets_no_subject() -> None:
    body = "Its revenue rose 12% to $2 billion in the quarter."
    one_group = extract_facts(body, datetime.date(2025, 5, 1), "Microsoft reports cloud results")
    two_groups = extract_facts(body, datetime.date(2025, 5, 1), "Microsoft and Google report cloud results")
    assert {f.subject for f in one_group} == {("Microsoft",)}
    assert [(f.text, f.subject) for f in two_groups] == [("12%", ())]  # "its revenue" of no known company: left out


# --- the metric a follow-on sentence leaves out ------------------------------------------------------

def test_a_follow_on_sentence_without_a_metric_keeps_the_one_before() -> None:
    facts = by_text("Alphabet plans to spend $75 billion on capital expenditures this year. "
                    "Amazon is going from $83 billion to $100 billion.")
    assert [(f.metric, f.subject) for f in facts["$83 billion"]] == [("investment", ("Amazon",))]
    assert [(f.metric, f.subject) for f in facts["$100 billion"]] == [("investment", ("Amazon",))]


def test_a_follow_on_sentence_about_something_else_keeps_nothing() -> None:
    facts = by_text("Amazon posted revenue of $20 billion. Per-share earnings came in at $5.07. "
                    "Its shares traded at about $34.")
    assert "$5.07" not in facts and all(f.metric != "revenue" for f in facts.get("$34", []))


def test_raising_a_forecast_is_no_funding_round() -> None:
    facts = by_text("Meta raised its capex forecast to $70 billion.")
    assert [f.metric for f in facts["$70 billion"]] == ["investment"]


def test_an_annualised_figure_is_revenue() -> None:
    facts = by_text("Nebius said its AI cloud business was running at an annualised $551 million in September.")
    assert [f.metric for f in facts["$551 million"]] == ["revenue"]


# --- the metric word after the verb, and in the noun phrase around the figure -------------------------

def test_a_verb_with_its_object_before_the_figure_names_a_growth() -> None:
    facts = by_text("Kestrel Research said Huawei lifted revenue 49.1 per cent from a year before.")
    assert [(f.metric, f.subject) for f in facts["49.1 per cent"]] == [("growth_rate", ("Huawei",))]


def test_each_of_the_three_lifted_revenues() -> None:
    facts = by_text("Synergy said Google, Alibaba and Tencent are gaining share: each of the three lifted revenues "
                    "from a year earlier by 45% or more.")
    assert sorted(f.subject for f in facts["45%"]) == [("Alibaba Group",), ("Google",), ("Tencent",)]


def test_a_company_that_managed_a_figure_after_a_growth_sentence_grew_by_it() -> None:
    facts = by_text("Canalys said cloud revenue grew 40% in the quarter. Tencent, boosted by contracts with big "
                    "retailers, managed 49.5 per cent.")
    assert [(f.metric, f.subject) for f in facts["49.5 per cent"]] == [("growth_rate", ("Tencent",))]


def test_what_customers_paid_for_a_market_is_market_spending() -> None:
    facts = by_text("Kestrel Research says customers worldwide paid $49.4 billion for cloud infrastructure services "
                    "in the third quarter.")
    assert [(f.metric, f.subject) for f in facts["$49.4 billion"]] == [("market_spending", ())]


def test_a_slice_or_portion_before_the_figure_is_a_share() -> None:
    facts = by_text("Canalys said Alibaba took by far the biggest portion, 44.5 percent. "
                    "Huawei's slice of the market stood at 18.3 per cent.")
    assert [(f.metric, f.subject) for f in facts["44.5 percent"]] == [("market_share", ("Alibaba Group",))]
    assert [(f.metric, f.subject) for f in facts["18.3 per cent"]] == [("market_share", ("Huawei",))]


# --- figures that are no facts (precision) ---------------------------------------------------------

def test_places_listed_with_respectively_pair_with_their_figures() -> None:
    facts = by_text("Gartner said the biggest markets are forecast to be China and North America, with spending of, "
                    "respectively, $47 billion and $16 billion.")
    assert [f.geography for f in facts["$47 billion"]] == ["China"]
    assert [f.geography for f in facts["$16 billion"]] == ["North America"]


def test_job_cuts_are_no_jobs_fact() -> None:
    facts = by_text("Jassy said 9,000 positions would go at AWS. Amazon had already said it would shed 18,000 roles. "
                    "The new campus will create 1,300 jobs.")
    assert "9,000" not in facts and "18,000" not in facts and [f.metric for f in facts["1,300"]] == ["jobs"]


def test_a_stake_in_a_company_is_no_market_share() -> None:
    assert "25%" not in by_text("Carlyle bought a 25% stake in Airtel's data centre business.")


def test_growing_faster_than_the_market_by_points_is_a_difference() -> None:
    assert "twenty percentage points" not in by_text(
        "Synergy said Microsoft once more grew faster than the market by over twenty percentage points.")


def test_money_bigger_than_a_period_is_a_change() -> None:
    assert "$12.9 billion" not in by_text("Canalys said that total was $12.9 billion bigger than in the third "
                                          "quarter of 2020.")


def test_takes_in_before_an_investment_noun_is_no_revenue() -> None:
    facts = by_text("AWS said the plan takes in the R30.4 billion investment unveiled last year.")
    assert all(f.metric != "revenue" for f in facts.get("R30.4 billion", []))


def test_a_change_in_per_cent_right_after_a_share_is_a_change_in_points() -> None:
    facts = by_text("Synergy said AWS is ahead, with 32% market share, which represents a 1% rise on the previous "
                    "quarter. Microsoft Azure comes second on 23%, a two percent drop compared with Q1.")
    assert [(f.metric, f.unit, f.value) for f in facts["1%"]] == [("market_share", "pp", 1.0)]
    assert [(f.metric, f.unit) for f in facts["23%"]] == [("market_share", "percent")]
    assert [(f.metric, f.unit, f.value) for f in facts["two percent"]] == [("market_share", "pp", -2.0)]


def test_a_money_adjective_before_a_facility_is_its_investment() -> None:
    facts = by_text("Building work on the US$2bil Malaysian data centre begins after Google unveiled a tie-up.")
    assert [(f.metric, f.subject) for f in facts["US$2bil"]] == [("investment", ("Google",))]


def test_a_list_of_amounts_into_places_shares_the_metric_and_takes_each_place() -> None:
    facts = by_text("Amazon intends to put US$9bil into Singapore, US$5bil into Thailand and US$6.2bil into Malaysia.")
    assert [(f.metric, f.geography) for text in ("US$9bil", "US$5bil", "US$6.2bil") for f in facts[text]] == [
        ("investment", "Singapore"), ("investment", "Thailand"), ("investment", "Malaysia")]


def test_each_after_the_last_run_of_companies() -> None:
    facts = by_text("IDC said Alibaba held a 40.6% market share, with Tencent and Huawei behind it on 11% share each.")
    assert sorted(f.subject for f in facts["11%"]) == [("Huawei",), ("Tencent",)]


def test_a_record_price_the_shares_reached() -> None:
    facts = by_text("Microsoft shares gained up to 4.58 percent, reaching a record US$175.94.")
    assert [f.metric for f in facts["US$175.94"]] == ["share_price"]


def test_above_the_prior_quarter_and_quarter_to_quarter_are_growth() -> None:
    facts = by_text("AWS revenue was 12% above the prior quarter. Its operating income rose 79% year over year and "
                    "17% quarter to quarter.")
    assert [f.metric for text in ("12%", "17%") for f in facts[text]] == ["growth_rate", "growth_rate"]


def test_a_combined_hold_on_the_market_is_a_joint_share() -> None:
    facts = by_text("IDC said the three top players, Alibaba, Tencent and Huawei, have a combined hold on the market "
                    "that comes to 60%.")
    assert [(f.metric, f.subject) for f in facts["60%"]] == [("market_share", ("Alibaba Group", "Tencent", "Huawei"))]


def test_a_share_cue_after_another_figure_is_that_figures() -> None:
    facts = by_text("During the latest quarter Google Cloud expanded 45 per cent, for an 8 per cent share of the market.")
    assert [f.metric for f in facts["45 per cent"]] == ["growth_rate"]
    assert [f.metric for f in facts["8 per cent"]] == ["market_share"]


def test_a_company_valuation_is_no_deal() -> None:
    assert "$4-trillion" not in by_text("The stock climbed, putting Microsoft within reach of a $4-trillion valuation.")


def test_a_word_share_glossed_in_brackets_after_its_object_gives_the_number() -> None:
    facts = by_text("Canalys said Amazon Web Services took almost a third of what customers spent in the quarter "
                    "(32 percent).")
    assert "a third" not in facts and [(f.metric, f.subject) for f in facts["32 percent"]] == [
        ("market_share", ("AWS",))]


def test_an_outlay_in_an_article_on_a_company_is_the_companys() -> None:
    facts = by_text("Yotta Infrastructure said it will add GPUs in Noida. The new outlay comes on top of a $2 billion "
                    "plan unveiled on Wednesday.")
    assert all(f.metric != "market_spending" for f in facts.get("$2 billion", []))


def test_economic_effects_are_no_market() -> None:
    assert "9.7 trillion won" not in by_text("The study calculates that this outlay generated 9.7 trillion won worth "
                                             "of economic effects across the wider economy.")


def test_a_level_verb_takes_the_metric_its_subject_names() -> None:
    facts = by_text("Global outlays on artificial intelligence infrastructure are heading sharply upward and are "
                    "expected to top $100 billion by 2028.")
    assert [(f.metric, f.forecast) for f in facts["$100 billion"]] == [("market_spending", True)]


def test_a_pronoun_that_changed_and_a_parallel_change_reach_levels_of_the_metric_before() -> None:
    facts = by_text("Kestrel Research said public cloud spending rose to RMB300 billion. Last year it jumped 75% to "
                    "RMB60 billion and moved ahead of SaaS, which expanded only 23% and ended the year at RMB58 billion.")
    assert [f.metric for text in ("RMB60 billion", "RMB58 billion") for f in facts[text]] == [
        "market_spending", "market_spending"]


def test_a_contribution_to_gross_domestic_product_is_no_fact() -> None:
    facts = by_text("Spending will climb to 10.9 trillion won in 2027, a level at which its contribution to gross "
                    "domestic product could amount to 14.7 trillion won.")
    assert "14.7 trillion won" not in facts


def test_a_function_word_between_a_number_and_a_noun_makes_it_no_count() -> None:
    assert "100 million" not in by_text("Users of Alibaba Cloud's app peaked at 155 million before easing back to "
                                        "100 million once the country began to reopen.")


def test_a_market_segment_valued_at_an_amount_is_market_spending() -> None:
    facts = by_text("Kestrel Research said that in 2023 the biggest segment was still IaaS, valued at RMB338 billion.")
    assert [f.metric for f in facts["RMB338 billion"]] == ["market_spending"]


def test_a_company_valued_at_an_amount_is_no_fact() -> None:
    facts = by_text("The startup raised $500 million in a round that valued it at $5 billion.")
    assert "$5 billion" not in facts and [f.metric for f in facts["$500 million"]] == ["deal_value"]


def test_a_share_glossed_by_its_amount_gives_the_market_amount() -> None:
    facts = by_text("Of all spending last year, public cloud accounted for 74% – or RMB456.2 billion – according to "
                    "Kestrel Research.")
    assert [f.metric for f in facts["RMB456.2 billion"]] == ["market_spending"]


def test_a_net_loss_after_a_profit_label_is_negative() -> None:
    facts = by_text("CoreWeave reported results. Profit: the bottom line showed a net loss of $314.6 million.")
    assert [f.value for f in facts["$314.6 million"]] == [-314.6e6]


def test_a_transactions_enterprise_value_is_the_deal_not_a_share_price() -> None:
    facts = by_text("Each DuPont Fabros share will be swapped for 0.545 Digital Realty shares, putting the "
                    "transaction's enterprise value at about $7.6B.")
    assert [f.metric for f in facts["$7.6B"]] == ["deal_value"]


def test_money_that_lifts_gross_domestic_product_is_no_fact() -> None:
    assert "€21.6 billion" not in by_text("Azcon said Amazon's investment would lift Spain's gross domestic product "
                                          "by €21.6 billion.")


def test_investment_a_place_attracted_is_investment_not_market_size() -> None:
    facts = by_text("A Saudi minister said the Kingdom has attracted over $9 billion in investment in future "
                    "technologies.")
    assert [(f.metric, f.subject) for f in facts["$9 billion"]] == [("investment", ())]


def test_spending_listed_with_respectively_stays_market_spending() -> None:
    facts = by_text("IDC said Western Europe and Asia/Pacific will follow, their 2021 spending amounting to, "
                    "respectively, $52 billion and $25 billion.")
    assert [f.metric for text in ("$52 billion", "$25 billion") for f in facts[text]] == ["market_spending"] * 2


def test_investing_in_a_company_is_a_deal_with_both_parties() -> None:
    facts = by_text("Microsoft had agreed in April to invest $1.5 billion in G42.")
    assert [(f.metric, f.subject) for f in facts["$1.5 billion"]] == [("deal_value", ("Microsoft", "G42"))]
    facts = by_text("Google will invest $2 billion in Malaysia.")
    assert [(f.metric, f.subject) for f in facts["$2 billion"]] == [("investment", ("Google",))]


def test_compound_annual_growth_is_growth() -> None:
    facts = by_text("IDC said the market should still achieve a five-year CAGR of 21 percent, with media next "
                    "(19.5 percent CAGR).")
    assert [f.metric for text in ("21 percent", "19.5 percent") for f in facts[text]] == ["growth_rate"] * 2


def test_growth_named_before_the_figures_it_stands_at() -> None:
    facts = by_text("Gartner said this year's fastest growth will belong to IaaS and DaaS, at 38,5% and 67,7% "
                    "respectively. For both, growth is expected to hold at around 20%.")
    assert [f.metric for text in ("38,5%", "67,7%", "20%") for f in facts[text]] == ["growth_rate"] * 3


def test_a_share_of_all_revenues_is_a_market_share() -> None:
    facts = by_text("IDC said the United States is set to capture more than 60 percent of all revenues.")
    assert [(f.metric, f.geography) for f in facts["60 percent"]] == [("market_share", "United States")]


def test_a_dash_aside_does_not_hide_the_subject_noun_of_a_level() -> None:
    facts = by_text('Revenue from Microsoft\'s "commercial cloud" — which bundles Azure with cloud editions of '
                    'programs like Office — rose to US$12.5 billion, from US$9 billion a year earlier.')
    assert [f.metric for text in ("US$12.5 billion", "US$9 billion") for f in facts[text]] == ["revenue", "revenue"]


def test_a_company_inside_a_description_of_another_is_not_the_subject() -> None:
    facts = by_text("In the quarter Azure, the main challenger Microsoft fields against Amazon's cloud, expanded "
                    "62 percent. Azure, Microsoft's public cloud service and the challenger to market leader Amazon "
                    "Web Services, increased revenue by 93% in the quarter.")
    assert [f.subject for text in ("62 percent", "93%") for f in facts[text]] == [("Microsoft Azure",)] * 2


def test_a_list_of_companies_is_no_description() -> None:
    facts = by_text("AWS, Google, Microsoft and Oracle each grew 20%.")
    assert sorted(f.subject for f in facts["20%"]) == [("AWS",), ("Google",), ("Microsoft",), ("Oracle",)]


def test_deal_parties_are_all_the_companies_before_the_figure() -> None:
    facts = by_text("Red Hat, the open-source software company based in North Carolina, is to be bought by IBM in a "
                    "stock deal worth US$34 billion.")
    assert [f.subject for f in facts["US$34 billion"]] == [("Red Hat", "IBM")]


def test_what_analysts_expected_is_a_forecast_of_the_same_metric() -> None:
    facts = by_text("Revenue at Cloud Intelligence Group rose 34% to 39.82 billion yuan, comfortably ahead of the "
                    "37.9 billion yuan analysts expected.")
    assert [(f.metric, f.forecast) for f in facts["37.9 billion yuan"]] == [("revenue", True)]


def test_ahead_of_a_rival_is_no_comparison_base() -> None:
    facts = by_text("Synergy said AWS held 31% of the market, ahead of Microsoft on 20%.")
    assert [(f.metric, f.subject) for f in facts["20%"]] == [("market_share", ("Microsoft",))]


def test_earmarking_another_amount_is_a_new_pledge() -> None:
    facts = by_text("AWS plans to invest 15.7 billion euros in Spain, and it has earmarked another 7.8 billion euros "
                    "for Germany.")
    assert [(f.metric, f.geography) for f in facts["7.8 billion euros"]] == [("investment", "Germany")]


def test_a_deal_valued_at_a_range_is_a_deal() -> None:
    facts = by_text("Nebius expects revenue from a Microsoft deal valued at $17.4 billion to $19.4 billion.")
    assert [(f.metric, f.value_high) for f in facts["$17.4 billion to $19.4 billion"]] == [("deal_value", 19.4e9)]


def test_growth_at_a_slower_rate() -> None:
    facts = by_text("IDC said non-cloud infrastructure also expanded, though at a slower 28,6%.")
    assert [f.metric for f in facts["28,6%"]] == ["growth_rate"]


def test_a_change_in_a_market_sentence_reaches_a_level_of_the_metric_before() -> None:
    facts = by_text("IDC said spending on cloud infrastructure rose 20% to $57 billion. Dedicated cloud "
                    "infrastructure grew more slowly, by 47,6%, to $9,3-billion.")
    assert [f.metric for f in facts["$9,3-billion"]] == ["market_spending"]


def test_a_conversion_after_a_year_phrase() -> None:
    facts = by_text("IDC expects the Indian market as a whole to be worth $7.4 billion by 2024, or roughly "
                    "Rs 54,500 crores.")
    assert [(f.metric, f.unit) for f in facts["Rs 54,500 crores"]] == [("market_spending", "INR")]


def test_a_word_figure_after_the_number_it_rounds_is_no_fact() -> None:
    facts = by_text("Azure did the heavy lifting: its revenue grew 90 percent year over year, close to doubling.")
    assert "doubling" not in facts and [f.value for f in facts["90 percent"]] == [90.0]


def test_ranked_groups_of_clients_are_no_customer_counts() -> None:
    facts = by_text("Revenue from its five largest clients rose 15.7 per cent and from its top 10 clients by "
                    "14.7 per cent.")
    assert "five" not in facts and "10" not in facts


def test_revenue_per_user_is_a_price() -> None:
    assert "SGD24" not in by_text("Singtel said blended ARPU slid 4.4 per cent to SGD24.")


def test_a_companys_revenue_in_a_named_country_is_not_the_market() -> None:
    facts = by_text("At home in Singapore, mobile service revenue rose 4.1 per cent, reaching SGD666 million.")
    assert all(f.metric != "market_spending" for f in facts.get("SGD666 million", []))


def test_the_unit_a_possessive_parent_introduces_is_the_running_subject() -> None:
    facts = by_text("Bharti Airtel's subsidiary Nxtra will put ₹5,000 crore into new capacity. "
                    "The plan includes seven new large data centres.")
    assert [f.subject for f in facts["seven"]] == [("Nxtra",)]


def test_telecom_and_it_companies_of_the_alias_table() -> None:
    facts = by_text("Singtel said capital expenditure for fiscal 2025 is budgeted at SGD2.8 billion.")
    assert [(f.metric, f.subject) for f in facts["SGD2.8 billion"]] == [("investment", ("Singtel",))]


def test_a_label_line_names_its_figure() -> None:
    facts = by_text("Nxtra announced its plan.\n\nKey numbers:\n\n- Investment in the Kolkata project: Rs 600 crore\n"
                    "- Kolkata facility: 25 MW")
    assert [(f.metric, f.subject) for f in facts["Rs 600 crore"]] == [("investment", ("Nxtra",))]
    assert [f.metric for f in facts["25 MW"]] == ["power_capacity"]


def test_a_forecast_for_a_period_just_ended_stays_a_forecast() -> None:
    facts = extract_facts("IDC forecasts spending of $192 billion in 2024.", datetime.date(2025, 1, 20))
    assert [f.forecast for f in facts if f.text == "$192 billion"] == [True]
    facts = extract_facts("IDC forecasts spending of $192 billion in 2022.", datetime.date(2025, 1, 20))
    assert [f.forecast for f in facts if f.text == "$192 billion"] == [False]


def test_a_base_year_against_a_forecast_is_no_forecast() -> None:
    facts = extract_facts("Gartner's newest forecast sees spending climbing 23,1% in 2021 to $332,3-billion, against "
                          "$270-billion in 2020.", datetime.date(2021, 4, 21))
    assert [f.forecast for f in facts if f.text == "$270-billion"] == [False]


def test_those_three_respectively_after_a_sentence_naming_them() -> None:
    facts = by_text("Baidu's revenue rose 3 percent, modest next to Tencent Holdings, Alibaba Group Holding and JD.Com. "
                    "Over the same period, the revenues of those three rose 13 percent, 7 percent and 16 percent, "
                    "respectively.")
    assert [f.subject for text in ("13 percent", "7 percent", "16 percent") for f in facts[text]] == [
        ("Tencent",), ("Alibaba Group",), ("JD.com",)]


def test_a_bracketed_list_names_the_group() -> None:
    facts = by_text("In 2021 the five biggest providers of public cloud services (Microsoft, Amazon Web Services, "
                    "Salesforce, Google, and SAP) together earned revenue equal to nearly 40% of the market.")
    assert [f.subject for f in facts["40%"]] == [("Microsoft", "AWS", "Salesforce", "Google", "SAP")]


def test_a_margin_named_by_the_subject_of_a_level_verb() -> None:
    facts = by_text("The commercial cloud's gross profit margin, a closely watched measure of how profitable the cloud "
                    "is, came in at 67 percent, compared with 62 percent a year earlier.")
    assert [f.metric for text in ("67 percent", "62 percent") for f in facts[text]] == ["margin", "margin"]


def test_a_gap_that_narrowed_is_no_growth() -> None:
    assert "15.4%" not in by_text("In 2018 the gap separating Azure from AWS stood at 18.5%; by 2019 it had "
                                  "narrowed to 15.4%.")


def test_the_average_estimate_is_a_forecast_of_the_figure_before() -> None:
    facts = by_text("Amazon said it expected operating profit of US$15.5 billion to US$20.5 billion for the quarter "
                    "ending in September; the average estimate had been US$19.4 billion.")
    assert [(f.metric, f.subject, f.forecast) for f in facts["US$19.4 billion"]] == [("profit", ("Amazon",), True)]


def test_earned_on_revenue_of_is_profit_then_revenue() -> None:
    facts = by_text("A year earlier Wipro had earned Rs 2,969 crore on revenue of Rs 20,313.60 crore.")
    assert [f.metric for text in ("Rs 2,969 crore", "Rs 20,313.60 crore") for f in facts[text]] == ["profit", "revenue"]


def test_revenue_per_user_after_a_decimal_change_is_a_price() -> None:
    assert "SGD24" not in by_text("Singtel said blended ARPU slid 4.4 per cent to SGD24.")


def test_of_them_counts_the_noun_just_before() -> None:
    facts = by_text('AWS plans to open three data centres around Cape Town, which will turn the city into one of its '
                    '"regions"; the company has 19 of them worldwide.')
    assert [(f.metric, f.forecast) for f in facts["19"]] == [("regions", False)]


def test_end_users_putting_money_into_a_market_is_market_spending() -> None:
    facts = by_text("End users will put $304.9 billion into public cloud services worldwide in 2021, Gartner predicts.")
    assert [f.metric for f in facts["$304.9 billion"]] == ["market_spending"]


def test_a_move_before_a_comma_signs_the_figure_after_by() -> None:
    facts = by_text("IDC said the number of cloud systems shipped actually fell, by 23.2%, but prices went up.")
    assert [f.value for f in facts["23.2%"]] == [-23.2]


def test_a_group_investing_in_its_own_unit_is_no_deal() -> None:
    facts = by_text("Amazon said it would invest $4.4 billion in AWS in the country by 2030.")
    assert [f.metric for f in facts["$4.4 billion"]] == ["investment"]


def test_half_the_pace_is_a_comparison_but_double_the_level_is_growth() -> None:
    assert "half" not in by_text("CoreWeave guided to revenue growth of 190%, less than half the pace it reported.")
    facts = by_text("AWS said the Group will double the total floor area of its data centres.")
    assert [f.value for f in facts["double"]] == [100.0]


def test_per_share_moves_and_cash_flow_are_no_facts() -> None:
    facts = by_text("Oracle's GAAP earnings per share fell 2% to $1.01, while non-GAAP EPS rose 6% to $1.47. "
                    "Operating cash flow increased 13% to $21.5 billion.")
    assert not {"$1.01", "$1.47", "$21.5 billion"} & set(facts)
    assert all(f.metric != "market_share" for f in facts.get("2%", []))


def test_a_sliding_figure_is_negative() -> None:
    facts = by_text("Oracle's traditional software business went the other way, with revenue slipping 1% to $5.7 "
                    "billion.")
    assert [f.value for f in facts["1%"]] == [-1.0]


# --- attribution and scope at article level; number forms of real outlets ------------------------------

def test_an_analyst_named_in_the_lead_is_the_source_and_its_market_the_geography() -> None:
    body = ("Spending on cloud infrastructure services in China grew 21% in the first quarter, Canalys said.\n\n"
            "The market reached $11.6 billion, and Alibaba Cloud held 36% of it.")
    facts = {f.text: f for f in extract_facts(body, datetime.date(2025, 6, 1))}
    assert (facts["$11.6 billion"].source, facts["$11.6 billion"].geography) == ("Canalys", "China")
    assert facts["36%"].source == "Canalys"


def test_guidance_ranges_written_to_and_between() -> None:
    facts = by_text("Meta gave capex guidance of $115 billion to $135 billion. CoreWeave expects capital expenditure "
                    "of between $20 billion and $23 billion.")
    assert [(f.metric, f.value, f.value_high) for f in facts["$115 billion to $135 billion"]] == [
        ("investment", 115e9, 135e9)]
    assert [(f.metric, f.value_high) for f in facts["$20 billion and $23 billion"]] == [("investment", 23e9)]


def test_decimal_commas_of_south_african_outlets() -> None:
    facts = by_text("IDC said spending on cloud infrastructure climbed 23,1% to $57,3-billion in the quarter.")
    assert [(f.metric, f.value) for f in facts["23,1%"]] == [("growth_rate", 23.1)]
    assert [(f.metric, f.value) for f in facts["$57,3-billion"]] == [("market_spending", 57.3e9)]


def test_a_semicolon_ends_a_list() -> None:
    facts = by_text("IDC said dedicated cloud infrastructure went the other way, shrinking 4.9% to $6.7 billion; "
                    "43.9% of that was installed on customers' own premises.")
    assert [(f.metric, f.value) for f in facts["4.9%"]] == [("growth_rate", -4.9)]
    assert all(f.metric != "growth_rate" for f in facts.get("43.9%", []))


def test_a_share_of_it_needs_a_market() -> None:
    assert [f.metric for f in by_text("The market reached $11.6 billion, and Alibaba Cloud held 36% of it.")["36%"]] \
        == ["market_share"]
    assert "40 per cent" not in by_text("Revenue grew 14 per cent, and the company said 40 per cent of it came from AI.")


def test_a_list_of_companies_then_as_many_figures_pairs_them_in_order() -> None:
    facts = by_text("AWS, Google Cloud and Microsoft Azure held 31%, 11% and 20% of the market. "
                    "AWS and Azure grew 20% and 30% in the quarter, while Google grew 28%.")
    assert [f.subject for f in facts["31%"]] == [("AWS",)]
    assert [f.subject for f in facts["11%"]] == [("Google Cloud",)]
    assert [f.subject for f in facts["30%"]] == [("Microsoft Azure",)]
    assert [f.subject for f in facts["28%"]] == [("Google",)]


def test_together_keeps_a_list_as_one_subject() -> None:
    facts = by_text("AWS, Google Cloud and Microsoft Azure together held 65% of the market.")
    assert [f.subject for f in facts["65%"]] == [("AWS", "Google Cloud", "Microsoft Azure")]


def test_the_fastest_of_the_trio_is_one_company_not_the_group() -> None:
    facts = by_text("Canalys said AWS, Azure and Google Cloud grew. "
                    "Google's cloud arm posted the fastest growth of the trio, at 66%, and ended with an 8% slice.")
    assert [f.subject for f in facts["66%"]] == [("Google",)]
