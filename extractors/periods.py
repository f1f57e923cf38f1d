"""Period mentions in plain text: years, quarters, halves, months, fiscal periods and year spans.

Normalised forms follow FACTS.md: `2025`, `2025-Q1`, `2025-H1`, `2025-03`, `FY2025`, `FY2025-Q4`,
`2025/2027`. Expressions whose year is not written are resolved against the article's `published`
date, and stay unresolved (period None) when it is unknown.

Resolution choices, decided once:
- A bare quarter, half or month ("Q1", "the second quarter", "the first half", "in March", "the March
  quarter") is the most recent one that has started by `published`.
- "last October" is the most recent October strictly before the published month; "next October" the
  first one strictly after it.
- "Over the next N years" and "in (less than) N years" are the N whole years starting with the
  published year; "over the last/past N years" are the N whole years ending the year before it.
- "By 2027" has kind "by_year" and period "2027"; `span_to` gives the span from the published year.
- A quarter named by its end date ("quarter ended August 31") is the calendar quarter holding that date.
- Dates ("March 5, 2025") have kind "date" and, as period, their month.
- Kind "relative" marks deictic phrases ("last year", "next quarter", "earlier this month", "a year
  ago"); they carry the resolved period when `published` is known. Phrases that name a comparison
  base ("a year ago", "the year-ago quarter", "the previous year") have `comparison=True`.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from extractors.period_dates import period_bounds, span_to
from extractors.period_readers import _Reading
from extractors.period_rules import _candidates
from extractors.period_words import relative_year_offset

__all__ = ["PeriodMention", "find_periods", "normalise_period", "period_bounds", "relative_year_offset", "span_to"]


@dataclass(frozen=True)
class PeriodMention:
    """One period expression: its span in the text, normalised period (or None) and kind."""

    start_char: int
    end_char: int
    text: str
    period: str | None
    kind: str  # year|quarter|half|month|fiscal_year|fiscal_quarter|fiscal_relative|span|by_year|relative|date|unrepresentable
    comparison: bool = False  # True when the phrase names a comparison base ("a year ago")


def find_periods(text: str, published: datetime.date | None = None) -> list[PeriodMention]:
    """All period mentions in text, longest first on overlaps, in text order."""
    if not isinstance(text, str) or not text:
        return []
    chosen: list[tuple[int, int, _Reading]] = []
    # Longest match wins; among equals the earlier rule wins.
    for start, end, _, reading in sorted(_candidates(text, published), key=lambda c: (c[0] - c[1], c[2], c[0])):
        if any(start < c_end and c_start < end for c_start, c_end, _ in chosen):
            continue
        chosen.append((start, end, reading))
    chosen.sort(key=lambda c: c[0])
    return [
        PeriodMention(start, end, text[start:end], reading.period, reading.kind, reading.comparison)
        for start, end, reading in chosen
    ]


def normalise_period(expression: str, published: datetime.date | None = None) -> str | None:
    """The normalised period of one phrase ("the fourth quarter of 2022" -> "2022-Q4"), or None."""
    mentions = find_periods(expression, published)
    if not mentions:
        return None
    widest = max(mentions, key=lambda mention: mention.end_char - mention.start_char)
    return widest.period
