"""A change measured against a named base year (period_derived.year_after_base and drafts.BASE_BEFORE): the base
dates neither the change nor its level, the year after it does; on sentences of our own."""
from __future__ import annotations

import datetime

import pytest

from extractors.facts import extract_facts

PUBLISHED = datetime.date(2024, 3, 22)


def periods(body: str, published: datetime.date = PUBLISHED) -> dict[str, str | None]:
    return {f.text: f.period for f in extract_facts(body, published)}


@pytest.mark.parametrize("body, expected", [
    ("For the full year, net profit at China Mobile was CNY131.8 billion, 5 per cent higher than in 2022.",
     {"CNY131.8 billion": "2023", "5 per cent": "2023"}),
    ("Huawei's ICT infrastructure business took in CNY362bn, 2.3% more than in 2022.",
     {"CNY362bn": "2023", "2.3%": "2023"}),
    ("China Mobile's net profit rose 5 per cent on 2022.", {"5 per cent": "2023"}),
    ("Huawei expects revenue to rise 10.6% on 2023, to CNY900bn.", {"10.6%": "2024", "CNY900bn": "2024"}),
])
def test_the_year_after_the_base_dates_the_change_and_its_level(body: str, expected: dict) -> None:
    assert periods(body) == expected


def test_a_period_of_its_own_wins_over_the_year_after_the_base() -> None:
    assert periods("In the third quarter of 2023, Huawei's revenue rose 5% on 2022.") == {"5%": "2023-Q3"}


def test_a_base_whose_next_year_has_not_begun_dates_nothing() -> None:
    found = periods("Huawei's revenue is 5% higher than in 2024, the company said.", datetime.date(2024, 6, 1))
    assert found["5%"] != "2024"


def test_a_quarter_to_the_end_of_a_month_is_numbered_as_the_company_numbers_its_fiscal_year() -> None:
    body = ("Microsoft reported results for its fiscal 2018 first quarter on Thursday. "
            "Intelligent Cloud sales rose 14 percent in the three months to the end of September, to $6.8 billion.")
    found = periods(body, datetime.date(2017, 10, 27))
    assert found["14 percent"] == "FY2018-Q1"
    assert found["$6.8 billion"] == "FY2018-Q1"


def test_months_that_make_no_fiscal_quarter_of_the_company_keep_the_calendar_quarter() -> None:
    body = ("Oracle reported results for its fiscal 2021 second quarter last week. "
            "Oracle's revenue grew 12% in the quarter ended December 31, the company said.")
    assert periods(body, datetime.date(2021, 1, 20))["12%"] == "2020-Q4"  # Oracle's quarters end in Nov, Feb, ...


def test_a_market_figure_keeps_the_calendar_quarter_in_a_fiscal_article() -> None:
    body = ("Microsoft reported results for its fiscal 2018 first quarter on Thursday. "
            "Global cloud spending rose 36 per cent to $42 billion in the quarter ended September 30, Canalys said.")
    found = periods(body, datetime.date(2017, 10, 27))
    assert found["36 per cent"] == "2017-Q3"
