"""The first and last day of a fact's period (FACTS.md Periods), so that periods line up in SQL.

Calendar forms ("2025", "2025-Q3", "2025-H1", "2025-03", "2024/2027") are dated directly (period_dates.period_bounds).
Fiscal forms ("FY2025", "FY2025-Q1") are dated through the fiscal calendar of the fact's subject (fiscal_years.json;
a fiscal year is named after the calendar year it ends in); when the subject has no known fiscal calendar, no subject,
or companies of different calendars, a fiscal period has no dates: never a guess.
"""
from __future__ import annotations

import datetime
import re

from extractors.entities import group_of
from extractors.fiscal import fiscal_year_ends
from extractors.period_dates import month_end, period_bounds

FISCAL_FORM = re.compile(r"FY(?P<year>\d{4})(?:-Q(?P<quarter>[1-4]))?")
CALENDAR_YEAR_END = 12

DateRange = tuple[datetime.date, datetime.date]


def fiscal_bounds(period: str, year_end_month: int) -> DateRange | None:
    """First and last day of a fiscal year or quarter with a year ending in `year_end_month` ("FY2025-Q1", 5 ->
    2024-06-01..2024-08-31); None for any other form."""
    m = FISCAL_FORM.fullmatch(period)
    if m is None:
        return None
    year = int(m.group("year"))
    # months counted from year 0: the fiscal year ends with month year_end_month of `year`
    first_month = year * 12 + year_end_month - 12  # index of the fiscal year's first month (0-based months)
    quarter = int(m.group("quarter")) if m.group("quarter") else None
    start_index = first_month + (3 * (quarter - 1) if quarter else 0)
    end_index = start_index + (2 if quarter else 11)
    start = datetime.date(start_index // 12, start_index % 12 + 1, 1)
    return start, month_end(end_index // 12, end_index % 12 + 1)


def fiscal_year_end_of_subject(subject: tuple[str, ...] | list[str]) -> int | None:
    """The month the subject's fiscal year ends in (12 for companies on the calendar year); None without a subject or
    when its companies keep different calendars."""
    ends = fiscal_year_ends()
    months = {ends.get(group_of(name), CALENDAR_YEAR_END) for name in subject}
    return months.pop() if len(months) == 1 else None


def fact_period_bounds(period: str | None, subject: tuple[str, ...] | list[str]) -> DateRange | None:
    """The first and last day of a fact's period: calendar forms directly, fiscal forms through the subject's fiscal
    calendar (None where it has none); None without a period."""
    if not period:
        return None
    if not period.startswith("FY"):
        return period_bounds(period)
    year_end = fiscal_year_end_of_subject(subject)
    if year_end is None or year_end == CALENDAR_YEAR_END:
        return None  # no subject, mixed calendars, or a company not known to keep a fiscal year
    return fiscal_bounds(period, year_end)


def label_of(bounds: DateRange, year_end_month: int) -> str | None:
    """The period form naming exactly these dates in a calendar whose year ends in `year_end_month` (12: the calendar
    year, "2024-Q3"; else fiscal, "FY2025-Q1"); None when they are no whole quarter or year of it."""
    start, end = bounds
    if year_end_month == CALENDAR_YEAR_END:
        candidates = [f"{start.year}", f"{start.year}-Q{(start.month - 1) // 3 + 1}"]
        return next((c for c in candidates if period_bounds(c) == bounds), None)
    fiscal_year = end.year + (end.month > year_end_month)
    quarter = (start.month - year_end_month - 1) % 12 // 3 + 1
    candidates = [f"FY{fiscal_year}", f"FY{fiscal_year}-Q{quarter}"]
    return next((c for c in candidates if fiscal_bounds(c, year_end_month) == bounds), None)


def renumbered(period: str, owner: str, subject: tuple[str, ...]) -> str | None:
    """A fiscal period numbered for the company group `owner`, as a figure of `subject` numbers the same months: its
    own fiscal form where it keeps a known fiscal calendar, else the calendar form; None when the months make no
    whole quarter or year of it, or the owner's calendar or the subject's is not known."""
    owner_end = fiscal_year_ends().get(owner)
    target_end = fiscal_year_end_of_subject(subject)
    bounds = fiscal_bounds(period, owner_end) if owner_end else None
    if bounds is None or target_end is None:
        return None
    return label_of(bounds, target_end)
