"""The readers of calendar period constructions (fiscal ones are in period_readers_fiscal): each turns one regex
match of a rule (extractors/period_rules.py) into a reading (the normalised period, its kind, the span to report),
or None when the match is no period."""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.period_dates import (
    _decade_end,
    _half,
    _month,
    _published_year,
    _quarter,
    _quarter_of_month,
    _recent_year,
    _shift_month,
    _shift_quarter,
    _span,
    _year_of,
)
from extractors.period_words import _month_value, _ordinal, _relative_year, _words


@dataclass(frozen=True)
class _Reading:
    """What a rule made of one match: the period, its kind and the span to report."""

    period: str | None
    kind: str
    comparison: bool = False
    span: tuple[int, int] | None = None  # defaults to the whole match


@lru_cache(maxsize=1)
def _blocked_before() -> re.Pattern:
    """Matches, at the start of the reversed text before a year, a blocker word ("more than", "Windows") standing
    alone: at the text's start or after a character that is not alphanumeric ([^\\W_] is exactly str.isalnum)."""
    reversed_words = sorted((blocker[::-1] for blocker in _words().blockers_before), key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, reversed_words)) + r")(?![^\W_])")


_OPENS_YEAR = re.compile(r"\b(?:in|during|since|for)\s*$", re.IGNORECASE)
_WORD_AFTER = re.compile(r"\s*(?:-\s*)?([A-Za-z]+(?:\s+cent)?)")


def _bare_year_ok(match: re.Match, text: str) -> bool:
    """A lone 4-digit number reads as a year unless a count, money or product context says otherwise."""
    before = text[max(0, match.start() - 16) : match.start()].rstrip()
    if _blocked_before().match(before[::-1]):
        return False
    if _OPENS_YEAR.search(before):
        return True
    after = _WORD_AFTER.match(text[match.end() : match.end() + 24])
    return after is None or after.group(1).lower() not in _words().blockers_after


def _read_bare_year(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """A lone year ("2019", "calendar 2024", "the end of 2024") unless its context says count or money."""
    year = _year_of(m.group("y"))
    if year is None or (m.group("prefix") is None and not _bare_year_ok(m, text)):
        return None
    return _Reading(str(year), "year")


def _read_quarter_year(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"Q2 2019", "2019 Q2", "1Q25", "the fourth quarter of 2022", "the third quarter this year"."""
    groups = m.groupdict()
    quarter = int(groups["q"]) if groups.get("q") else _ordinal(groups["ord"], 4)
    if groups.get("y"):
        year = _year_of(groups["y"])
        return None if year is None else _Reading(f"{year}-Q{quarter}", "quarter")
    if groups.get("rel"):
        return _Reading(_quarter(_relative_year(groups["rel"], published), quarter), "relative")
    return _Reading(_quarter(_published_year(published), quarter), "relative")  # "of the year"


def _read_bare_quarter(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"Q1", "the second quarter": the most recent such quarter that has started by published."""
    groups = m.groupdict()
    quarter = int(groups["q"]) if groups.get("q") else _ordinal(groups["ord"], 4)
    return _Reading(_quarter(_recent_year(quarter * 3 - 2, 1, published), quarter), "quarter")


def _read_month_quarter(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"The March quarter": the calendar quarter ending in that month."""
    month = _month_value(m.group("mon"))
    if month % 3:
        return None
    year = _year_of(m.group("y")) if m.group("y") else _recent_year(month, 1, published)
    return _Reading(_quarter(year, month // 3), "quarter")


def _read_month_range_quarter(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"the April-June quarter": a calendar quarter when the months are one, else a period FACTS.md cannot write."""
    first, last = _month_value(m.group("m1")), _month_value(m.group("mon"))
    if (last - first) % 12 != 2 or last % 3:
        return _Reading(None, "unrepresentable")
    return _read_month_quarter(m, published, text)


def _read_unrepresentable(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"the first nine months of 2025": a period of its own that no FACTS.md form writes; it dates the figure as none."""
    return _Reading(None, "unrepresentable")


def _read_quarter_ended(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"Quarter ended June 30(, 2025)", "the quarter ending in September": the calendar quarter holding that date;
    without a year, the latest such quarter that has begun by published (one still running is "ending")."""
    month = _month_value(m.group("mon"))
    first_month = _quarter_of_month(month) * 3 - 2
    year = _year_of(m.group("y")) if m.group("y") else _recent_year(first_month, 1, published)
    return _Reading(_quarter(year, _quarter_of_month(month)), "quarter")


def _read_year_ended(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"The year ended December 31, 2024" is 2024; a year ending in another month is a fiscal year."""
    year = _year_of(m.group("y"))
    if year is None:
        return None
    if _month_value(m.group("mon")) == 12 and not m.group("fiscal"):
        return _Reading(str(year), "year")
    return _Reading(f"FY{year}", "fiscal_year")


def _read_relative_quarter(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    offset_word = m.group("off").lower()
    comparison = offset_word in ("previous", "prior", "preceding", "same", "year-ago", "year-earlier")
    if published is None or offset_word not in _words().offset_of:
        return _Reading(None, "relative", comparison)
    if offset_word in ("previous", "prior", "preceding"):
        # "the previous quarter" is the one before the quarter under discussion, not known here.
        return _Reading(None, "relative", True)
    year, quarter = _shift_quarter(
        published.year, _quarter_of_month(published.month), _words().offset_of[offset_word]
    )
    return _Reading(f"{year}-Q{quarter}", "relative")


def _read_half_year(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"the first half of 2025", "2016 H2", "the first half" (the most recent one started)."""
    groups = m.groupdict()
    half = int(groups["h"]) if groups.get("h") else _ordinal(groups["ord"], 2)
    if groups.get("fy"):
        return _Reading(None, "half")  # fiscal halves have no FACTS.md form
    if groups.get("y"):
        year = _year_of(groups["y"])
        return None if year is None else _Reading(f"{year}-H{half}", "half")
    if groups.get("rel"):
        return _Reading(_half(_relative_year(groups["rel"], published), half), "relative")
    if groups.get("theyear"):
        return _Reading(_half(_published_year(published), half), "relative")
    return _Reading(_half(_recent_year(half * 6 - 5, 1, published), half), "half")


def _read_month_year(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"January 2025", "2016 November"."""
    year = _year_of(m.group("y"))
    return None if year is None else _Reading(_month(year, _month_value(m.group("mon"))), "month")


def _read_date(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"March 5, 2025", "12 June": kind date, period its month."""
    month = _month_value(m.group("mon"))
    day = int(m.group("day"))
    if not 1 <= day <= 31:
        return None
    year = _year_of(m.group("y")) if m.group("y") else _recent_year(month, day, published)
    return _Reading(_month(year, month), "date")


def _read_month_relative_year(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"June next year", "March of last year"."""
    return _Reading(_month(_relative_year(m.group("rel"), published), _month_value(m.group("mon"))), "relative")


def _read_offset_month(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"last October" (strictly before the published month), "next October", "this October"."""
    month = _month_value(m.group("mon"))
    if published is None:
        return _Reading(None, "relative")
    offset = _words().offset_of[m.group("off").lower()]
    if offset < 0:
        year = published.year if month < published.month else published.year - 1
    elif offset > 0:
        year = published.year if month > published.month else published.year + 1
    else:
        year = published.year
    return _Reading(_month(year, month), "relative")


def _read_bare_month(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"in March": the most recent March not after published; the span is the month word."""
    month = _month_value(m.group("mon"))
    return _Reading(_month(_recent_year(month, 1, published), month), "month", span=m.span("mon"))


def _read_relative_month(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"last month", "earlier this month", "next month"."""
    if published is None:
        return _Reading(None, "relative")
    year, month = _shift_month(published.year, published.month, _words().offset_of[m.group("off").lower()])
    return _Reading(_month(year, month), "relative")


def _read_ago(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"three months ago", "two years ago", "a year ago" (the last is a comparison base)."""
    count = 1 if m.group("n").lower() in ("a", "an", "one") else _words().number_of[m.group("n").lower()]
    unit = m.group("unit").lower()
    comparison = (count == 1 and unit.startswith("year")) or m.group("dir").lower() != "ago"
    if published is None or m.group("dir").lower() != "ago":
        return _Reading(None, "relative", comparison)
    if unit.startswith("month"):
        year, month = _shift_month(published.year, published.month, -count)
        return _Reading(_month(year, month), "relative", comparison)
    if unit.startswith("quarter"):
        year, quarter = _shift_quarter(published.year, _quarter_of_month(published.month), -count)
        return _Reading(f"{year}-Q{quarter}", "relative", comparison)
    return _Reading(str(published.year - count), "relative", comparison)


def _read_relative_year(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"last year", "this year", "early next year", "the previous year" (a comparison base)."""
    offset_word = m.group("off").lower()
    comparison = offset_word in ("previous", "prior", "preceding")
    year = _relative_year(offset_word, published)
    return _Reading(None if year is None else str(year), "relative", comparison)


def _read_comparison(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"the year-ago quarter", "a year earlier", "the same period last year": a comparison base."""
    return _Reading(None, "relative", True)


def _read_same_stretch(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"the same quarter of 2019", "the corresponding period last year": a comparison base.

    Its period is the year when written; the part of it (quarter, half) is the one under discussion, which only the
    caller knows. "Last year" here counts from the period under discussion, not from publication: no period."""
    year = _year_of(m.group("y")) if m.group("y") else None
    return _Reading(None if year is None else str(year), "relative", True)


def _read_first_three_months(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"the first three months of 2020": the first quarter."""
    groups = m.groupdict()
    if groups.get("y"):
        year = _year_of(groups["y"])
        return None if year is None else _Reading(f"{year}-Q1", "quarter")
    if groups.get("rel"):
        return _Reading(_quarter(_relative_year(groups["rel"], published), 1), "relative")
    return _Reading(_quarter(_published_year(published), 1), "relative")


def _read_anaphoric(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"the quarter", "the year": refers to a period named elsewhere."""
    return _Reading(None, "relative")


def _read_year_span(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"between 2011 and 2022", "2023-2027", "2023/24"."""
    first = _year_of(m.group("y1"))
    end_text = m.group("y2")
    if first is None:
        return None
    last = _year_of(end_text) if len(end_text) == 4 else first // 100 * 100 + int(end_text)
    if last is None or last <= first:
        return None
    return _Reading(_span(first, last), "span")


def _read_years_ahead(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"over the next three years", "in less than four years", "the next decade"."""
    if SUPERLATIVE_BEFORE.search(text[:m.start()]):
        return None  # "its best growth in three years" looks back, it dates nothing
    count_text = m.group("n")
    count = 10 if count_text is None else int(count_text) if count_text.isdigit() else _words().number_of[count_text.lower()]
    if re.search(r"\b(?:following|subsequent)\b", m.group(0), re.IGNORECASE):
        return _years_after_the_year_before(text[:m.start()], count)
    if published is None:
        return _Reading(None, "span")
    return _Reading(_span(published.year, published.year + count - 1), "span")


SUPERLATIVE_BEFORE = re.compile(r"\b(?:best|fastest|slowest|highest|lowest|biggest|largest|strongest|weakest|sharpest|"
                                r"worst|first time)\b(?:\s+[\w-]+){0,3}\s*$", re.IGNORECASE)


def _read_years_starting(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"over four years starting 2026": 2026/2029."""
    count_text = m.group("n").lower()
    count = int(count_text) if count_text.isdigit() else _words().number_of[count_text]
    first = _year_of(m.group("y"))
    return None if first is None else _Reading(_span(first, first + count - 1), "span")


def _years_after_the_year_before(before: str, count: int) -> _Reading:
    """"the following four years" count from the year named before them, not from the publication date."""
    years = list(re.finditer(r"(?<![\w$€£¥])(?P<fiscal>(?:FY|fiscal(?:\s+year)?)\s*)?(?P<y>(?:19|20)\d\d)(?![\w%])", before))
    if not years or years[-1].group("fiscal"):
        return _Reading(None, "unrepresentable")  # fiscal spans have no FACTS.md form; each year may (facts.py)
    first = int(years[-1].group("y")) + 1
    return _Reading(_span(first, first + count - 1), "span")


def _read_years_back(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"over the last five years": the whole years ending the year before published."""
    count = 10 if m.group("n") is None else _words().number_of[m.group("n").lower()]
    if published is None:
        return _Reading(None, "span")
    return _Reading(_span(published.year - count, published.year - 1), "span")


def _read_by_year(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"by 2027", "by the end of 2028", "until 2030"."""
    year = _year_of(m.group("y"))
    return None if year is None else _Reading(str(year), "by_year")


def _read_by_relative(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"by the end of next year", "by year-end", "before the end of this decade"."""
    if published is None:
        return _Reading(None, "by_year")
    if m.group("decade"):
        return _Reading(str(_decade_end(published.year)), "by_year")
    offset_word = m.group("off")
    offset = _words().offset_of[offset_word.lower()] if offset_word else 0
    return _Reading(str(published.year + offset), "by_year")


def _read_end_of_decade(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"the end of the decade" without "by": the decade's last year."""
    return _Reading(None if published is None else str(_decade_end(published.year)), "relative")


def _read_q_year(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"Q2 2019", "Q4 of 2022", "Q1'25"."""
    year = _year_of(m.group("y") or m.group("yy"))
    return None if year is None else _Reading(f"{year}-Q{m.group('q')}", "quarter")


def _read_h_year(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"H1 2025", "H2'24"."""
    year = _year_of(m.group("y") or m.group("yy"))
    return None if year is None else _Reading(f"{year}-H{m.group('h')}", "half")


def _read_h_bare(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"in H2": the most recent such half; the span is the H-token alone."""
    half = int(m.group("h"))
    return _Reading(_half(_recent_year(half * 6 - 5, 1, published), half), "half", span=m.span("hh"))
