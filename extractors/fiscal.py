"""Fiscal calendars: turning dates and calendar quarters into a company's own fiscal quarters.

A fiscal year is named after the calendar year it ends in: with a fiscal year ending in May, FY2025 runs
from June 2024 to May 2025 and its first quarter is June-August 2024.
"""
from __future__ import annotations

import datetime
import re
from functools import lru_cache

from extractors.datafiles import DataFileError, load_records

FISCAL_TALK = re.compile(r"\bfiscal\b|\bFY\s?\d{2,4}\b|\bfinancial year\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def fiscal_year_ends() -> dict[str, int]:
    """Company group -> the month its fiscal year ends in (only non-calendar years are listed)."""
    table = {}
    for rec in load_records("fiscal_years.json", ("group", "fiscal_year_end_month")):
        month = int(rec["fiscal_year_end_month"])
        if not 1 <= month <= 11:
            raise DataFileError(f"fiscal_years.json: {rec['id']}: fiscal_year_end_month must be 1-11")
        table[rec["group"]] = month
    return table


def fiscal_year_of(day: datetime.date, year_end_month: int) -> int:
    """The fiscal year (named after the calendar year it ends in) that contains a date."""
    return day.year + (day.month > year_end_month)


def fiscal_quarter_of(day: datetime.date, year_end_month: int) -> str:
    """The fiscal quarter ("FY2025-Q1") that contains a date."""
    months_into_year = (day.month - year_end_month - 1) % 12
    return f"FY{fiscal_year_of(day, year_end_month)}-Q{months_into_year // 3 + 1}"


def shift_fiscal_quarter(period: str, quarters: int) -> str:
    """A fiscal quarter moved by a number of quarters ("FY2025-Q1", -1 -> "FY2024-Q4")."""
    year, quarter = int(period[2:6]), int(period[-1])
    index = year * 4 + quarter - 1 + quarters
    return f"FY{index // 4}-Q{index % 4 + 1}"


def last_completed_fiscal_quarter(published: datetime.date, year_end_month: int) -> str:
    """The fiscal quarter that ended most recently before a date."""
    current = fiscal_quarter_of(published, year_end_month)
    return shift_fiscal_quarter(current, -1)


def latest_fiscal_quarter_numbered(number: int, published: datetime.date, year_end_month: int) -> str:
    """The most recent fiscal quarter with this number that has started by a date ("Q1" read in September)."""
    current = fiscal_quarter_of(published, year_end_month)
    back = (int(current[-1]) - number) % 4
    return shift_fiscal_quarter(current, -back)

