"""Period mentions: every FACTS.md period form, relative resolution, non-periods and robustness."""
from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.periods import PeriodMention, find_periods, normalise_period, span_to

D = datetime.date


def _only(text: str, published: datetime.date | None) -> PeriodMention:
    """The single period mention a sentence must hold."""
    mentions = find_periods(text, published)
    assert len(mentions) == 1, mentions
    return mentions[0]


@pytest.mark.parametrize(
    "sentence, published, text, period, kind",
    [
        ("Revenue hit $90 billion in 2019, the filing shows.", None, "2019", "2019", "year"),
        ("Shipments slowed in 2024 across the board.", D(2025, 2, 1), "2024", "2024", "year"),
        ("Sales rose 12% in Q2 2019 at the unit.", None, "Q2 2019", "2019-Q2", "quarter"),
        ("Sales rose 12% in Q1, the company said.", D(2025, 5, 2), "Q1", "2025-Q1", "quarter"),
        ("Sales rose 12% in Q4, the company said.", D(2025, 2, 2), "Q4", "2024-Q4", "quarter"),
        ("The unit grew 9% in 1Q25 on AI demand.", None, "1Q25", "2025-Q1", "quarter"),
        ("It expects margins to widen in the second quarter.", D(2025, 4, 30), "the second quarter", "2025-Q2", "quarter"),
        ("Its second-quarter 2019 revenue was $8.4 billion.", None, "second-quarter 2019", "2019-Q2", "quarter"),
        ("Profit doubled in the fourth quarter of 2022.", None, "the fourth quarter of 2022", "2022-Q4", "quarter"),
        ("Profit doubled in the fourth quarter last year.", D(2025, 5, 1), "the fourth quarter last year", "2024-Q4", "relative"),
        ("Profit doubled in the third quarter this year.", D(2025, 11, 1), "the third quarter this year", "2025-Q3", "relative"),
        ("Shipments rose in the first three months of 2021.", None, "the first three months of 2021", "2021-Q1", "quarter"),
        ("It sees profit falling in the quarter ending in September.", D(2025, 8, 1), "quarter ending in September", "2025-Q3",
         "quarter"),
        ("Sales rose 9% in the quarter ended June 30.", D(2025, 8, 1), "quarter ended June 30", "2025-Q2", "quarter"),
        ("It spent $9 billion over the last four quarters.", D(2025, 5, 1), "over the last four quarters", None, "unrepresentable"),
        ("It will book the orders between FY26 and FY29.", D(2025, 5, 1), "between FY26 and FY29", None, "unrepresentable"),
        ("Spending peaked in the closing quarter of 2022.", None, "the closing quarter of 2022", "2022-Q4", "quarter"),
        ("Spending peaked in the final quarter of 2021.", None, "the final quarter of 2021", "2021-Q4", "quarter"),
        ("Bookings rose in the March quarter, it said.", D(2025, 4, 28), "the March quarter", "2025-Q1", "quarter"),
        ("Sales grew fastest in the April-June quarter.", D(2025, 8, 29), "the April-June quarter", "2025-Q2", "quarter"),
        ("Operating profit for April to June more than doubled.", D(2025, 8, 11), "for April to June", "2025-Q2", "quarter"),
        ("Sales rose in the three months to the end of September.", D(2017, 10, 27), "three months to the end of September",
         "2017-Q3", "quarter"),
        ("Sales between January and March rose 4%.", D(2025, 5, 2), "between January and March", "2025-Q1", "quarter"),
        ("Sales from January to August rose 4%.", D(2025, 9, 2), "from January to August", None, "unrepresentable"),
        ("Sales grew in the July to September 2024 quarter.", None, "the July to September 2024 quarter", "2024-Q3",
         "quarter"),
        ("Sales grew in the February-April quarter.", D(2025, 5, 29), "the February-April quarter", None,
         "unrepresentable"),
        ("It signed more deals in the first nine months of 2025.", D(2025, 10, 30), "the first nine months of 2025",
         None, "unrepresentable"),
        ("Bookings over the past 12 months doubled.", D(2025, 10, 30), "the past 12 months", None, "unrepresentable"),
        ("It will invest $3 billion over four years starting 2026.", D(2025, 10, 1), "over four years starting 2026",
         "2026/2029", "span"),
        ("It will invest $3 billion over 5 years, beginning in 2027.", None, "over 5 years, beginning in 2027",
         "2027/2031", "span"),
        ("It raised its forecast for this fiscal year.", D(2025, 9, 10), "this fiscal year", None, "fiscal_relative"),
        ("It raised its forecast for the fiscal year to $35 billion.", D(2025, 9, 10), "the fiscal year", None,
         "fiscal_relative"),
        ("Bookings rose in the December quarter, it said.", D(2025, 2, 3), "the December quarter", "2024-Q4", "quarter"),
        ("It sees growth for the quarter ending March 2026.", None, "quarter ending March 2026", "2026-Q1", "quarter"),
        ("Revenue for the quarter ended June 30 rose 7%.", D(2025, 8, 1), "quarter ended June 30", "2025-Q2", "quarter"),
        ("Revenue for the quarter ended 30 June 2024 rose.", None, "quarter ended 30 June 2024", "2024-Q2", "quarter"),
        ("Revenue for the quarter ended August 31 rose 7%.", D(2024, 9, 20), "quarter ended August 31", "2024-Q3", "quarter"),
        ("Income rose in the first half of 2025.", None, "the first half of 2025", "2025-H1", "half"),
        ("Income rose in H1 2025 on AI demand.", None, "H1 2025", "2025-H1", "half"),
        ("Income rose in the first half, it said.", D(2025, 8, 15), "the first half", "2025-H1", "half"),
        ("Income will rise in the second half of the year.", D(2025, 3, 1), "the second half of the year", "2025-H2", "relative"),
        ("Income rose in the first six months of 2024.", None, "the first six months of 2024", "2024-H1", "half"),
        ("Growth should pick up in H2, executives said.", D(2025, 6, 1), "H2", "2024-H2", "half"),
        ("Capex in fiscal 2025 will top $80 billion.", None, "fiscal 2025", "FY2025", "fiscal_year"),
        ("Capex in FY25 will top $80 billion.", None, "FY25", "FY2025", "fiscal_year"),
        ("Capex in FY 2024 topped $50 billion.", None, "FY 2024", "FY2024", "fiscal_year"),
        ("Capex in fiscal year 2025 will rise.", None, "fiscal year 2025", "FY2025", "fiscal_year"),
        ("Revenue in FY2024-25 rose 9%.", None, "FY2024-25", "FY2025", "fiscal_year"),
        ("Results for its 2024 fiscal year beat forecasts.", None, "2024 fiscal year", "FY2024", "fiscal_year"),
        ("Revenue in the year ended March 31, 2025 rose.", None, "year ended March 31, 2025", "FY2025", "fiscal_year"),
        ("Revenue in the year ended December 31, 2024 rose.", None, "year ended December 31, 2024", "2024", "year"),
        ("Cloud sales jumped in Q1 of fiscal 2025.", None, "Q1 of fiscal 2025", "FY2025-Q1", "fiscal_quarter"),
        ("Cloud sales jumped in Q4 FY24, it said.", None, "Q4 FY24", "FY2024-Q4", "fiscal_quarter"),
        ("Cloud sales jumped in FY25 Q2, it said.", None, "FY25 Q2", "FY2025-Q2", "fiscal_quarter"),
        ("Sales grew in the first quarter of fiscal 2025.", None, "the first quarter of fiscal 2025", "FY2025-Q1", "fiscal_quarter"),
        ("Sales grew in its fiscal 2025 third quarter.", None, "fiscal 2025 third quarter", "FY2025-Q3", "fiscal_quarter"),
        ("Sales grew in its fiscal fourth quarter of 2024.", None, "its fiscal fourth quarter of 2024", "FY2024-Q4", "fiscal_quarter"),
        ("Sales grew in its fiscal second quarter.", D(2024, 9, 1), "its fiscal second quarter", None, "fiscal_quarter"),
        ("Spending rose 20% last year, the firm said.", D(2025, 5, 1), "last year", "2024", "relative"),
        ("Spending will rise 20% this year, the firm said.", D(2025, 5, 1), "this year", "2025", "relative"),
        ("Spending will rise 20% next year, the firm said.", D(2025, 5, 1), "next year", "2026", "relative"),
        ("It plans a launch early next year.", D(2025, 5, 1), "early next year", "2026", "relative"),
        ("It opened a region in Tokyo earlier this year.", D(2025, 5, 1), "earlier this year", "2025", "relative"),
        ("Orders rose 30% last month, data showed.", D(2025, 1, 9), "last month", "2024-12", "relative"),
        ("Orders rose 30% earlier this month, data showed.", D(2024, 6, 20), "earlier this month", "2024-06", "relative"),
        ("The deal, signed in March, is worth $2 billion.", D(2025, 6, 1), "March", "2025-03", "month"),
        ("The deal, signed in March, is worth $2 billion.", D(2025, 2, 1), "March", "2024-03", "month"),
        ("The deal was announced last October.", D(2024, 6, 1), "last October", "2023-10", "relative"),
        ("The deal will close next January.", D(2024, 6, 1), "next January", "2025-01", "relative"),
        ("Sales in January 2025 beat forecasts.", None, "January 2025", "2025-01", "month"),
        ("Sales in Sept. 2024 beat forecasts.", None, "Sept. 2024", "2024-09", "month"),
        ("The region opened on March 5, 2025 in Osaka.", None, "March 5, 2025", "2025-03", "date"),
        ("The region opened on 12 June in Osaka.", D(2025, 7, 1), "12 June", "2025-06", "date"),
        ("It will spend $15 billion over the next three years.", D(2025, 2, 10), "over the next three years", "2025/2027", "span"),
        ("It will spend $15 billion over the next five years.", D(2023, 6, 1), "over the next five years", "2023/2027", "span"),
        ("It will spend $15 billion in the next decade.", D(2024, 6, 1), "in the next decade", "2024/2033", "span"),
        ("It will spend $15 billion in less than four years.", D(2025, 3, 1), "in less than four years", "2025/2028", "span"),
        ("It will spend $15 billion within two years.", D(2025, 3, 1), "within two years", "2025/2026", "span"),
        ("It invested $10 billion over the last five years.", D(2025, 3, 1), "over the last five years", "2020/2024", "span"),
        ("It invested $10 billion over the past decade.", D(2025, 3, 1), "over the past decade", "2015/2024", "span"),
        ("It plans to invest $15 billion by 2027.", D(2024, 1, 19), "by 2027", "2027", "by_year"),
        ("Spending will reach $200 billion by the end of 2028.", None, "by the end of 2028", "2028", "by_year"),
        ("It will hire 900 engineers by the close of 2027.", None, "by the close of 2027", "2027", "by_year"),
        ("It aims for net zero before the end of this decade.", D(2025, 3, 1), "before the end of this decade", "2029", "by_year"),
        ("It will open ten regions by the end of next year.", D(2025, 3, 1), "by the end of next year", "2026", "by_year"),
        ("It will open ten regions by year-end.", D(2025, 3, 1), "by year-end", "2025", "by_year"),
        ("The market grew fivefold between 2011 and 2022.", None, "between 2011 and 2022", "2011/2022", "span"),
        ("The market grew fivefold from 2011 to 2022.", None, "from 2011 to 2022", "2011/2022", "span"),
        ("The market will grow 20% a year in 2023-2027.", None, "2023-2027", "2023/2027", "span"),
        ("The budget for 2023/24 was raised.", None, "2023/24", "2023/2024", "span"),
        ("Capacity doubled by the end of 2024, it said.", None, "by the end of 2024", "2024", "by_year"),
        ("Capacity doubled at the end of 2024, it said.", None, "the end of 2024", "2024", "year"),
        ("Capacity will double in mid-2025, it said.", None, "2025", "2025", "year"),
        ("Revenue in calendar 2024 rose 10%.", None, "calendar 2024", "2024", "year"),
        ("Gartner expects $723 billion in 2025's spending.", None, "2025", "2025", "year"),
        ("Spending rose 20% in the year 2024.", None, "2024", "2024", "year"),
    ],
)
def test_period_forms(sentence: str, published: datetime.date | None, text: str, period: str | None, kind: str) -> None:
    mention = _only(sentence, published)
    assert (mention.text, mention.period, mention.kind) == (text, period, kind)
    assert sentence[mention.start_char : mention.end_char] == mention.text


@pytest.mark.parametrize(
    "sentence, published, text, period",
    [
        ("Revenue rose from $10 billion a year ago.", D(2025, 5, 1), "a year ago", "2024"),
        ("Revenue rose from $10 billion a year earlier.", D(2025, 5, 1), "a year earlier", None),
        ("Revenue rose from $10 billion in the year-ago quarter.", D(2025, 5, 1), "the year-ago quarter", None),
        ("Revenue rose from the same quarter last year.", D(2025, 5, 1), "the same quarter last year", None),
        ("Revenue rose 9% from the previous year.", D(2025, 5, 1), "the previous year", "2024"),
        ("Revenue rose 9% from the previous quarter.", D(2025, 5, 1), "the previous quarter", None),
        ("Bookings rose 14% on the same quarter of 2023.", D(2024, 5, 1), "the same quarter of 2023", "2023"),
        ("Sales were up 8% on the same stretch of 2022.", D(2023, 8, 1), "the same stretch of 2022", "2022"),
        ("Sales were up 8% on the same three months of 2022.", D(2023, 8, 1), "the same three months of 2022", "2022"),
        ("It made $2 million in the corresponding period of 2021.", D(2022, 8, 1), "the corresponding period of 2021",
         "2021"),
        ("Sales rose 30% from the corresponding quarter of last year.", D(2025, 5, 1),
         "the corresponding quarter of last year", None),
        ("It lost $9 million in the comparable quarter last year.", D(2025, 5, 1), "the comparable quarter last year", None),
        ("Revenue was $4 billion in the same period a year earlier.", D(2025, 5, 1), "the same period a year earlier", None),
    ],
)
def test_comparison_bases_are_flagged(sentence: str, published: datetime.date, text: str, period: str | None) -> None:
    mention = _only(sentence, published)
    assert (mention.text, mention.period, mention.kind, mention.comparison) == (text, period, "relative", True)


@pytest.mark.parametrize(
    "sentence, published, text, period",
    [
        ("Shares have doubled since three months ago.", D(2025, 2, 1), "three months ago", "2024-11"),
        ("Cloud sales beat estimates last quarter.", D(2025, 5, 1), "last quarter", "2025-Q1"),
        ("Cloud sales should beat estimates next quarter.", D(2025, 5, 1), "next quarter", "2025-Q3"),
        ("Cloud sales beat estimates in the quarter.", D(2025, 5, 1), "the quarter", None),
        ("Cloud sales beat estimates for the year.", D(2025, 5, 1), "the year", None),
    ],
)
def test_other_relative_phrases(sentence: str, published: datetime.date, text: str, period: str | None) -> None:
    mention = _only(sentence, published)
    assert (mention.text, mention.period, mention.kind, mention.comparison) == (text, period, "relative", False)


@pytest.mark.parametrize(
    "sentence",
    [
        "Spending rose 20% last year, the firm said.",
        "Sales rose 12% in Q1, the company said.",
        "The deal, signed in March, is worth $2 billion.",
        "It will spend $15 billion over the next three years.",
        "Growth should pick up in H2, executives said.",
    ],
)
def test_relative_periods_stay_unresolved_without_published(sentence: str) -> None:
    assert _only(sentence, None).period is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Support is available 24/7 to all customers.",
        "Operators are rolling out 5G across Europe.",
        "Customers moved from Windows 11 to Windows Server 2019 images.",
        "The firm has more than 2000 employees in Dublin.",
        "The campus will draw 2000 MW at full build.",
        "The fund is worth $2024 million, a filing says.",
        "Prices rose 2,025 points on the index.",
        "The value was 2024.5 on the index.",
        "Analysts may cut forecasts, and march on regardless.",
        "Rates were 2019% higher, a typo said.",
    ],
)
def test_not_periods(sentence: str) -> None:
    assert find_periods(sentence, D(2025, 3, 1)) == []


def test_several_mentions_in_text_order() -> None:
    sentence = "Revenue rose to $9 billion in Q3 2024 from $7 billion in Q3 2023, and it expects more in 2025."
    assert [m.period for m in find_periods(sentence, None)] == ["2024-Q3", "2023-Q3", "2025"]


@pytest.mark.parametrize(
    "expression, published, period",
    [
        ("in 2024", None, "2024"),
        ("the fourth quarter of 2022", None, "2022-Q4"),
        ("the first half", D(2025, 8, 1), "2025-H1"),
        ("Q1 of fiscal 2025", None, "FY2025-Q1"),
        ("over the next three years", D(2025, 2, 1), "2025/2027"),
        ("last October", D(2024, 6, 1), "2023-10"),
        ("the quarter", D(2024, 6, 1), None),
        ("no period here", D(2024, 6, 1), None),
        ("", None, None),
    ],
)
def test_normalise_period(expression: str, published: datetime.date | None, period: str | None) -> None:
    assert normalise_period(expression, published) == period


@pytest.mark.parametrize(
    "year, published, span",
    [
        (2027, D(2024, 1, 19), "2024/2027"),
        (2024, D(2024, 1, 19), "2024"),
        (2023, D(2024, 1, 19), None),
        (2027, None, None),
    ],
)
def test_span_to(year: int, published: datetime.date | None, span: str | None) -> None:
    assert span_to(year, published) == span


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(list("Q1234H FYfiscalyearquarterMarchJune0'’-/.,$%byinthelastnext ")) | st.characters(),
        max_size=80,
    ),
    published=st.none() | st.dates(min_value=D(1990, 1, 1), max_value=D(2040, 12, 31)),
)
def test_random_text_never_raises_and_spans_hold(text: str, published: datetime.date | None) -> None:
    mentions = find_periods(text, published)
    previous_end = 0
    for mention in mentions:
        assert 0 <= mention.start_char < mention.end_char <= len(text)
        assert text[mention.start_char : mention.end_char] == mention.text
        assert mention.start_char >= previous_end
        previous_end = mention.end_char
