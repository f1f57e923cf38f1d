"""Pure date arithmetic of periods: years read from digits, quarters, halves and months shifted and labelled,
spans of whole years, and the first and last day of a calendar period (FACTS.md forms)."""
from __future__ import annotations

import datetime
import re

MIN_YEAR, MAX_YEAR = 1980, 2049


def _year_of(text: str) -> int | None:
    """A 4-digit year, or a 2-digit one ('25, 25) read as 20YY; None when out of range."""
    digits = text.lstrip("'’")
    year = int(digits) if len(digits) == 4 else 2000 + int(digits)
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def _recent_year(month: int, day: int, published: datetime.date | None) -> int | None:
    """The year of the most recent (month, day) not after published."""
    if published is None:
        return None
    return published.year if (month, day) <= (published.month, published.day) else published.year - 1


def _quarter_of_month(month: int) -> int:
    """The calendar quarter (1-4) holding a month."""
    return (month - 1) // 3 + 1


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """The (year, month) delta months away."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _shift_quarter(year: int, quarter: int, delta: int) -> tuple[int, int]:
    """The (year, quarter) delta quarters away."""
    index = year * 4 + (quarter - 1) + delta
    return index // 4, index % 4 + 1


def _quarter(year: int | None, quarter: int) -> str | None:
    """The calendar quarter label, or None without a year."""
    return None if year is None else f"{year}-Q{quarter}"


def _half(year: int | None, half: int) -> str | None:
    """The calendar half-year label, or None without a year."""
    return None if year is None else f"{year}-H{half}"


def _month(year: int | None, month: int) -> str | None:
    """The month label, or None without a year."""
    return None if year is None else f"{year}-{month:02d}"


def _span(first: int, last: int) -> str | None:
    """A span of whole years, or None when it runs backwards."""
    if last < first:
        return None
    return str(first) if first == last else f"{first}/{last}"


def span_to(year: int, published: datetime.date | None) -> str | None:
    """The span from the published year to `year` ("by 2027" said in 2024 -> "2024/2027")."""
    if published is None or year < published.year:
        return None
    return _span(published.year, year)


def _published_year(published: datetime.date | None, delta: int = 0) -> int | None:
    """The published year moved by delta, or None when published is unknown."""
    return None if published is None else published.year + delta


def _decade_end(year: int) -> int:
    """The last year of the decade holding a year (2024 -> 2029)."""
    return year // 10 * 10 + 9


def month_end(year: int, month: int) -> datetime.date:
    """The last day of a month."""
    return datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)


def period_bounds(period: str | None) -> tuple[datetime.date, datetime.date] | None:
    """First and last day of a calendar period (None for fiscal periods and unknown forms)."""
    if not period or period.startswith("FY"):
        return None
    if m := re.fullmatch(r"(\d{4})/(\d{4})", period):
        return datetime.date(int(m.group(1)), 1, 1), datetime.date(int(m.group(2)), 12, 31)
    if m := re.fullmatch(r"(\d{4})(?:-(Q[1-4]|H[12]|\d{2}))?", period):
        year, part = int(m.group(1)), m.group(2)
        if part is None:
            return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        if part.startswith("Q"):
            first = 3 * int(part[1]) - 2
            last = first + 2
        elif part.startswith("H"):
            first = 6 * int(part[1]) - 5
            last = first + 5
        else:
            first = last = int(part)
        return datetime.date(year, first, 1), month_end(year, last)
    return None
