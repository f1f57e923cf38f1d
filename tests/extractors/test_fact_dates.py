"""The first and last day of a fact's period (extractors/fact_dates.py): every FACTS.md normal form, fiscal forms through
the subject's fiscal calendar, and no dates where the calendar is unknown."""
from __future__ import annotations

import datetime

import pytest

from extractors.fact_dates import fact_period_bounds, fiscal_bounds, renumbered
from extractors.facts import extract_facts

D = datetime.date


@pytest.mark.parametrize("period, first, last", [
    ("2025", D(2025, 1, 1), D(2025, 12, 31)),
    ("2025-Q1", D(2025, 1, 1), D(2025, 3, 31)),
    ("2025-Q3", D(2025, 7, 1), D(2025, 9, 30)),
    ("2024-Q4", D(2024, 10, 1), D(2024, 12, 31)),
    ("2025-H1", D(2025, 1, 1), D(2025, 6, 30)),
    ("2025-H2", D(2025, 7, 1), D(2025, 12, 31)),
    ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
    ("2025-12", D(2025, 12, 1), D(2025, 12, 31)),
    ("2024/2027", D(2024, 1, 1), D(2027, 12, 31)),
])
def test_calendar_forms_are_dated_whatever_the_subject(period: str, first: datetime.date, last: datetime.date) -> None:
    assert fact_period_bounds(period, ()) == (first, last)
    assert fact_period_bounds(period, ("Google", "Oracle")) == (first, last)


@pytest.mark.parametrize("period, subject, first, last", [
    ("FY2025-Q1", ("Oracle",), D(2024, 6, 1), D(2024, 8, 31)),  # Oracle's year ends in May
    ("FY2025-Q4", ("Oracle Cloud",), D(2025, 3, 1), D(2025, 5, 31)),
    ("FY2025", ("Oracle",), D(2024, 6, 1), D(2025, 5, 31)),
    ("FY2025-Q1", ("Microsoft",), D(2024, 7, 1), D(2024, 9, 30)),  # Microsoft's year ends in June
    ("FY2025-Q2", ("Microsoft Azure",), D(2024, 10, 1), D(2024, 12, 31)),
    ("FY2026", ("Microsoft", "Microsoft Azure"), D(2025, 7, 1), D(2026, 6, 30)),
    ("FY2026-Q3", ("Nvidia",), D(2025, 8, 1), D(2025, 10, 31)),  # a year ending in January
])
def test_fiscal_forms_follow_the_subjects_fiscal_calendar(period: str, subject: tuple[str, ...],
                                                          first: datetime.date, last: datetime.date) -> None:
    assert fact_period_bounds(period, subject) == (first, last)


@pytest.mark.parametrize("period, subject", [
    ("FY2025", ("Google",)),  # no fiscal calendar known: never a guess
    ("FY2025-Q1", ("AWS",)),
    ("FY2025-Q1", ()),  # no subject
    ("FY2025-Q1", ("Microsoft", "Oracle")),  # two calendars
    ("FY2025", ("Microsoft", "Google Cloud")),  # one company without a known calendar
])
def test_a_fiscal_period_without_one_known_calendar_has_no_dates(period: str, subject: tuple[str, ...]) -> None:
    assert fact_period_bounds(period, subject) is None


@pytest.mark.parametrize("period", [None, "", "Q3", "2025-Q5", "FY25", "last year"])
def test_no_period_or_no_normal_form_has_no_dates(period: str | None) -> None:
    assert fact_period_bounds(period, ("Microsoft",)) is None


def test_fiscal_bounds_of_a_year_ending_in_march() -> None:
    assert fiscal_bounds("FY2026", 3) == (D(2025, 4, 1), D(2026, 3, 31))
    assert fiscal_bounds("FY2026-Q4", 3) == (D(2026, 1, 1), D(2026, 3, 31))


def test_extracted_facts_carry_their_period_dates_as_iso_strings() -> None:
    body = ("Oracle reported cloud revenue of $5.9 billion for its fiscal 2025 first quarter. Cloud spending worldwide "
            "reached $84 billion in the third quarter of 2024, according to Canalys.")
    records = {r["text"]: r for r in (f.as_record() for f in extract_facts(body, D(2024, 11, 20)))}
    assert (records["$5.9 billion"]["period"], records["$5.9 billion"]["period_start"],
            records["$5.9 billion"]["period_end"]) == ("FY2025-Q1", "2024-06-01", "2024-08-31")
    assert (records["$84 billion"]["period"], records["$84 billion"]["period_start"],
            records["$84 billion"]["period_end"]) == ("2024-Q3", "2024-07-01", "2024-09-30")


def test_a_fact_without_a_period_has_no_dates() -> None:
    body = "Microsoft Azure now runs 60 regions around the world."
    (fact,) = [f for f in extract_facts(body, D(2024, 11, 20)) if f.metric == "regions"]
    assert (fact.period, fact.period_start, fact.period_end) == (None, None, None)


@pytest.mark.parametrize("period, owner, subject, expected", [
    ("FY2025-Q1", "Microsoft", ("Google Cloud",), "2024-Q3"),
    ("FY2025", "Microsoft", ("AWS",), None),  # July 2024 - June 2025 is no calendar year
    ("FY2025-Q1", "Microsoft", ("Alibaba Cloud",), "FY2025-Q2"),
    ("FY2025-Q1", "Oracle", ("AWS",), None),  # June - August
    ("FY2026", "Infosys", ("TCS",), "FY2026"),
    ("FY2025-Q1", "Google", ("AWS",), None),  # no calendar known for the owner
    ("FY2025-Q1", "Microsoft", ("Microsoft", "Oracle"), None),  # two calendars
])
def test_a_fiscal_period_renumbered_for_another_company(period: str, owner: str, subject: tuple[str, ...],
                                                        expected: str | None) -> None:
    assert renumbered(period, owner, subject) == expected
