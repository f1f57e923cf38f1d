"""The readers of fiscal period constructions ("FY25 Q1", "the 2024 fiscal year", "its fiscal year to August 31"):
each turns one regex match of a rule (extractors/period_rules.py) into a reading, as period_readers does for
calendar periods. A fiscal period is named for the year it ends in (FACTS.md)."""
from __future__ import annotations

import datetime
import re

from extractors.period_dates import _recent_year, _year_of
from extractors.period_readers import _Reading
from extractors.period_words import _month_value, _ordinal


def _read_fiscal_year(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"the 2024 fiscal year"."""
    # "FY2024-25" and "fiscal 2024/25" are named after the year they end in.
    year = _year_of(m.groupdict().get("y2") or m.group("y"))
    return None if year is None else _Reading(f"FY{year}", "fiscal_year")


def _read_fiscal_quarter(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"FY25 Q1", "the first quarter of fiscal 2025", "fiscal Q3 2025"; None without a year."""
    groups = m.groupdict()
    quarter = int(groups["q"]) if groups.get("q") else _ordinal(groups["ord"], 4)
    year_text = groups.get("y")
    if not year_text:
        return _Reading(None, "fiscal_quarter")
    year = _year_of(year_text)
    return None if year is None else _Reading(f"FY{year}-Q{quarter}", "fiscal_quarter")


def _read_fiscal_year_ended(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"its fiscal year to August 31" without a year: the fiscal year that ended most recently in that month."""
    day = m.group("day") or m.group("day2")
    year = _recent_year(_month_value(m.group("mon")), int(day) if day else 28, published)
    return None if year is None else _Reading(f"FY{year}", "fiscal_year")


def _read_q_fiscal(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"Q1 FY25", "1Q FY2025", "Q1 of fiscal 2025"."""
    quarter = int(m.group("q") or m.group("q2"))
    year = _year_of(m.group("y"))
    return None if year is None else _Reading(f"FY{year}-Q{quarter}", "fiscal_quarter")


def _read_fiscal_ord(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"its fiscal first quarter (of 2025)", "the first fiscal quarter"."""
    quarter = _ordinal(m.group("ord") or m.group("ord2"), 4)
    if not m.group("y"):
        return _Reading(None, "fiscal_quarter")
    year = _year_of(m.group("y"))
    return None if year is None else _Reading(f"FY{year}-Q{quarter}", "fiscal_quarter")


def _read_fiscal_relative(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"this fiscal year", "the fiscal year", "next fiscal year": which one depends on the company's calendar."""
    return _Reading(None, "fiscal_relative")


def _read_fy(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"FY25", "FY 2024", "fiscal 2025", "fiscal year 2024-25" (named after the year it ends in)."""
    first = _year_of(m.group("y") or m.group("y4"))
    if first is None:
        return None
    end_text = m.group("y2")
    if end_text is None:
        return _Reading(f"FY{first}", "fiscal_year")
    last = _year_of(end_text) if len(end_text) == 4 else first // 100 * 100 + int(end_text)
    if last is None or last != first + 1:
        return None
    return _Reading(f"FY{last}", "fiscal_year")
