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
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from extractors.datafiles import DataFileError, load_records

PERIOD_WORDS_FILE = "period_words.json"
PERIOD_CUES_FILE = "period_cues.json"
MIN_YEAR, MAX_YEAR = 1980, 2049


@dataclass(frozen=True)
class PeriodMention:
    """One period expression: its span in the text, normalised period (or None) and kind."""

    start_char: int
    end_char: int
    text: str
    period: str | None
    kind: str  # year|quarter|half|month|fiscal_year|fiscal_quarter|fiscal_relative|span|by_year|relative|date|unrepresentable
    comparison: bool = False  # True when the phrase names a comparison base ("a year ago")


@dataclass(frozen=True)
class _Reading:
    """What a rule made of one match: the period, its kind and the span to report."""

    period: str | None
    kind: str
    comparison: bool = False
    span: tuple[int, int] | None = None  # defaults to the whole match


Handler = Callable[[re.Match, datetime.date | None, str], "_Reading | None"]


@dataclass(frozen=True)
class _Rule:
    """A compiled pattern, the function that reads its matches and words one of which it needs."""

    name: str
    pattern: re.Pattern
    read: Handler
    needs: tuple[str, ...]  # lower-case substrings; a chunk holding none of them cannot match


@dataclass(frozen=True)
class _Words:
    """The word tables of period_words.json, as lookups and regex alternations."""

    month_of: dict[str, int]
    ordinal_of: dict[str, int]
    final_words: frozenset[str]
    number_of: dict[str, int]
    offset_of: dict[str, int]
    blockers_before: tuple[str, ...]
    blockers_after: frozenset[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    """Load and index the period word tables (validated once per process)."""
    records = load_records(PERIOD_WORDS_FILE, required=("kind", "words"))
    tables: dict[str, dict[str, int]] = {}
    for rec in records:
        if not isinstance(rec["words"], list) or not rec["words"]:
            raise DataFileError(f"{PERIOD_WORDS_FILE}: {rec['id']} needs a non-empty list of words")
        table = tables.setdefault(rec["kind"], {})
        for word in rec["words"]:
            table[word if rec["kind"] in ("month", "year_blocker_before", "year_blocker_after") else word.lower()] = int(
                rec.get("value", 0)
            )
    return _Words(
        month_of=tables["month"],
        ordinal_of=tables["ordinal"],
        final_words=frozenset(tables["ordinal_final"]),
        number_of=tables["number"],
        offset_of=tables["offset"],
        blockers_before=tuple(sorted(tables["year_blocker_before"], key=len, reverse=True)),
        blockers_after=frozenset(w.lower() for w in tables["year_blocker_after"]),
    )


@lru_cache(maxsize=None)
def period_cue(kind: str) -> str:
    """One regex alternation (uncompiled) of every period_cues.json pattern of a kind."""
    patterns = [r["pattern"] for r in load_records(PERIOD_CUES_FILE, ("kind", "pattern")) if r["kind"] == kind]
    if not patterns:
        raise DataFileError(f"{PERIOD_CUES_FILE}: no cue of kind {kind!r}")
    for pattern in patterns:
        re.compile(pattern)  # a malformed pattern fails on load, naming nothing else
    return "|".join(f"(?:{p})" for p in patterns)


def _alternation(words: list[str] | set[str] | frozenset[str]) -> str:
    """A regex alternation of literal words, longest first so the regex prefers them."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# --- pure date arithmetic ------------------------------------------------------------------------


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


# --- rule handlers ---------------------------------------------------------------------------------


def _ordinal(word: str, unit_count: int) -> int:
    """Quarter/half number of an ordinal word; "final"/"closing"/"last" is the last unit."""
    words = _words()
    low = word.lower()
    return unit_count if low in words.final_words else words.ordinal_of[low]


def _relative_year(phrase: str | None, published: datetime.date | None) -> int | None:
    """The year named by "this/last/next/the previous year" relative to published."""
    if phrase is None or published is None:
        return None
    offset_word = phrase.split()[-1].lower()
    return published.year + _words().offset_of[offset_word]


def _month_value(word: str) -> int:
    """Month number of a (case-sensitive) month word."""
    return _words().month_of[word]


def _bare_year_ok(match: re.Match, text: str) -> bool:
    """A lone 4-digit number reads as a year unless a count, money or product context says otherwise."""
    words = _words()
    before = text[max(0, match.start() - 16) : match.start()].rstrip()
    for blocker in words.blockers_before:
        if before.endswith(blocker) and (len(before) == len(blocker) or not before[-len(blocker) - 1].isalnum()):
            return False
    if re.search(r"\b(?:in|during|since|for)\s*$", before, re.IGNORECASE):
        return True
    after = re.match(r"\s*(?:-\s*)?([A-Za-z]+(?:\s+cent)?)", text[match.end() : match.end() + 24])
    return after is None or after.group(1).lower() not in words.blockers_after


def _read_bare_year(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """A lone year ("2019", "calendar 2024", "the end of 2024") unless its context says count or money."""
    year = _year_of(m.group("y"))
    if year is None or (m.group("prefix") is None and not _bare_year_ok(m, text)):
        return None
    return _Reading(str(year), "year")


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


def _read_fiscal_year_ended(m: re.Match, published: datetime.date | None, text: str) -> _Reading | None:
    """"its fiscal year to August 31" without a year: the fiscal year that ended most recently in that month."""
    day = m.group("day") or m.group("day2")
    year = _recent_year(_month_value(m.group("mon")), int(day) if day else 28, published)
    return None if year is None else _Reading(f"FY{year}", "fiscal_year")


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


# --- patterns ----------------------------------------------------------------------------------------


def _patterns() -> list[_Rule]:
    """Compile every rule once; the order breaks ties between equally long matches."""
    w = _words()
    mon = f"(?-i:{_alternation(w.month_of)})"
    ordw = _alternation(set(w.ordinal_of) | w.final_words)
    num = _alternation(set(w.number_of))
    year = r"(?:19[89]\d|20[0-4]\d)"
    yy = r"(?:\d{2})"
    sep = r"[\s\-–]+"
    rel = r"(?:this|last|next|the\s+previous|the\s+current|the\s+prior)"
    lb = r"(?<![\w$€£¥])"  # no word char or currency sign right before
    rb = r"(?![\w%])(?![.,]\d)"
    fy = r"(?:(?-i:FY)\s*|fiscal\s+(?:year\s+)?)"
    # A month name alone reads as a month only when spelt out and unambiguous ("May" is also a verb).
    full_months = _alternation({m for m in w.month_of if len(m) > 3 and not m.endswith(".") and m not in ("May", "Sept")})
    specs: list[tuple[str, str, Handler]] = [
        # fiscal quarters
        ("fq_q_fy", rf"{lb}(?:(?-i:Q)(?P<q>[1-4])|(?P<q2>[1-4])(?-i:Q))\s*(?:of\s+)?{fy}['’]?(?P<y>{year}|{yy}){rb}", _read_q_fiscal),
        ("fq_fy_q", rf"{lb}(?-i:FY)\s*['’]?(?P<y>{year}|{yy})\s*[-\s]?\s*(?-i:Q)(?P<q>[1-4]){rb}", _read_fiscal_quarter),
        ("fq_ord_of_fy", rf"\b(?:the\s+)?(?P<ord>{ordw})(?:[\s-]+fiscal)?[\s-]+quarter\s+of\s+(?:the\s+|its\s+|their\s+)?{fy}['’]?(?P<y>{year}|{yy}){rb}", _read_fiscal_quarter),
        ("fq_ord_of_year_fy", rf"\b(?:the\s+)?(?P<ord>{ordw})(?:[\s-]+fiscal)?[\s-]+quarter\s+of\s+(?:the\s+|its\s+|their\s+)?(?P<y>{year})\s+fiscal\s+year\b", _read_fiscal_quarter),
        ("fq_fy_ord", rf"\b(?:the\s+)?(?:fiscal\s+(?:year\s+)?|(?-i:FY)\s*)['’]?(?P<y>{year}|{yy})\s+(?P<ord>{ordw})[\s-]+quarter\b", _read_fiscal_quarter),
        ("fq_fiscal_ord", rf"\b(?:the\s+|its\s+|their\s+)?(?:fiscal[\s-]+(?P<ord>{ordw})|(?P<ord2>{ordw})[\s-]+fiscal)[\s-]+quarter(?:\s+(?:of\s+)?(?P<y>{year})(?!\d))?", _read_fiscal_ord),
        ("fq_fiscal_q", rf"\bfiscal\s+(?-i:Q)(?P<q>[1-4])(?:\s+(?P<y>{year}|['’]{yy}))?{rb}", _read_fiscal_quarter),
        # fiscal years
        ("fy", rf"{lb}(?:(?-i:FY)\s*['’]?(?P<y>{year}|{yy})|(?:fiscal\s+(?:year\s+)?|financial\s+year\s+)(?P<y4>{year}))(?:[-/–](?P<y2>{year}|{yy}))?{rb}", _read_fy),
        ("fy_year_first", rf"\b(?P<y>{year})\s+(?:fiscal|financial)\s+year\b", _read_fiscal_year),
        ("fy_relative", rf"\b(?:(?:this|current|the\s+current|next|the\s+coming|last|the\s+previous|the\s+prior)\s+|"
                        rf"(?:the|its|their)\s+(?:full\s+|current\s+)?)fiscal\s+year\b"
                        rf"(?!\s*(?:(?:that\s+)?(?:ended|ending|ends|through)\b|to\s+(?:\d|(?-i:[A-Z])[a-z]+\.?\s+\d)|['’]?\d))",
         _read_fiscal_relative),
        # calendar quarters with a year
        ("q_year", rf"{lb}(?-i:Q)(?P<q>[1-4])\s*(?:of\s+)?(?:(?:(?-i:CY)\s*|calendar\s+(?:year\s+)?)?(?P<y>{year})|['’](?P<yy>{yy})){rb}", _read_q_year),
        ("year_q", rf"{lb}(?P<y>{year})\s*[-\s]?\s*(?-i:Q)(?P<q>[1-4]){rb}", _read_quarter_year),
        ("nq_year", rf"{lb}(?P<q>[1-4])(?-i:Q)\s*['’]?(?P<y>{year}|(?<=[QqH'’])\d{{2}}){rb}", _read_quarter_year),
        ("q_rel", rf"{lb}(?-i:Q)(?P<q>[1-4])\s+(?:of\s+)?(?P<rel>{rel})\s+year\b", _read_quarter_year),
        ("ord_quarter_year", rf"\b(?:the\s+)?(?P<ord>{ordw})[\s-]+quarter(?:\s+of)?(?:\s+calendar)?\s+(?P<y>{year}){rb}", _read_quarter_year),
        ("ord_quarter_rel", rf"\b(?:the\s+)?(?P<ord>{ordw})[\s-]+quarter\s+(?:of\s+)?(?P<rel>{rel})\s+year\b", _read_quarter_year),
        ("ord_quarter_the_year", rf"\b(?:the\s+)?(?P<ord>{ordw})[\s-]+quarter\s+of\s+the\s+year\b", _read_quarter_year),
        ("month_quarter", rf"\b(?:the|its|their)\s+(?P<mon>{mon})(?:\s+(?P<y>{year}))?[\s-]+quarter\b", _read_month_quarter),
        ("month_range_quarter", rf"\b(?:the\s+)?(?P<m1>{mon})\s*(?:-|–|to|through)\s*(?P<mon>{mon})(?:\s+(?P<y>{year}))?\s+(?:quarter|period|three\s+months)\b", _read_month_range_quarter),
        ("months_to_date", rf"\b(?:the\s+)?(?:first\s+|last\s+|past\s+|trailing\s+)?(?:nine|9|twelve|12)\s+months(?:\s+(?:of|to|ended|ending|through|that\s+ended)\s+(?:(?:(?P<mon>{mon})\s+(?:[0-3]?\d(?:st|nd|rd|th)?,?\s+)?)?(?P<y>{year}){rb}|(?P<mon2>{mon})(?:\s+[0-3]?\d(?:st|nd|rd|th)?)?(?![\w,]*\s*\d)))?", _read_unrepresentable),
        ("quarters_back", r"\b(?:over\s+|in\s+|during\s+)?the\s+(?:last|past|previous|prior|trailing)\s+(?:four|4)\s+quarters\b", _read_unrepresentable),
        ("quarter_ended", rf"\b(?:quarter|three\s+months|3\s+months)\s+(?:that\s+)?(?:ended|ending|ends|to|through)\s+(?:on\s+|in\s+)?(?:(?P<day2>[0-3]?\d)\s+)?(?P<mon>{mon})(?:\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d))?(?:,?\s+(?P<y>{year}))?{rb}", _read_quarter_ended),
        ("year_ended", rf"\b(?P<fiscal>fiscal\s+)?year\s+(?:that\s+)?(?:ended|ending|ends|to)\s+(?:on\s+)?(?:(?P<day2>[0-3]?\d)\s+)?(?P<mon>{mon})(?:\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d))?,?\s+(?P<y>{year}){rb}", _read_year_ended),
        ("fiscal_year_ended_no_year", rf"\bfiscal\s+year\s+(?:that\s+)?(?:ended|to|through)\s+(?:on\s+)?(?:(?P<day2>[0-3]?\d)\s+)?(?P<mon>{mon})(?:\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d))?(?!,?\s+\d)", _read_fiscal_year_ended),
        # quarters without a year
        ("q_bare", rf"{lb}(?-i:Q)(?P<q>[1-4]){rb}", _read_bare_quarter),
        ("ord_quarter", rf"\b(?:the\s+)?(?P<ord>(?:first|second|third|fourth|1st|2nd|3rd|4th|final|closing))[\s-]+quarter\b", _read_bare_quarter),
        ("quarter_rel", rf"\b(?:(?:the|this|last|next)\s+)?(?P<off>last|this|next|current|coming|previous|prior|preceding|same|year-ago|year-earlier)[\s-]+quarter\b", _read_relative_quarter),
        # halves
        ("half_words", rf"\b(?:the\s+)?(?P<ord>first|second|1st|2nd)[\s-]+half(?:\s+(?:of\s+)?(?:(?P<y>{year}){rb}|(?P<rel>{rel})\s+year\b|(?P<theyear>the\s+year\b)|(?P<fy>(?:fiscal|(?-i:FY))\s*(?:year\s+)?['’]?(?:{year}|{yy}){rb})))?", _read_half_year),
        ("six_months", rf"\b(?:the\s+)?(?P<ord>first)\s+six\s+months(?:\s+of\s+(?:(?P<y>{year}){rb}|(?P<rel>{rel})\s+year\b|(?P<theyear>the\s+year\b)|(?P<fy>(?:fiscal|(?-i:FY))\s*(?:year\s+)?['’]?(?:{year}|{yy}){rb})))?", _read_half_year),
        ("first_three_months", rf"\b(?:the\s+)?first\s+(?:three|3)\s+months\s+of\s+(?:(?P<y>{year}){rb}|(?P<rel>{rel})\s+year\b|(?P<theyear>the\s+year\b))", _read_first_three_months),
        ("h_year", rf"{lb}(?-i:H)(?P<h>[12])\s*(?:(?P<y>{year})|['’](?P<yy>{yy})){rb}", _read_h_year),
        ("year_h", rf"{lb}(?P<y>{year})\s*[-\s]?\s*(?-i:H)(?P<h>[12]){rb}", _read_half_year),
        ("nh_year", rf"{lb}(?P<h>[12])(?-i:H)\s*['’]?(?P<y>{year}|(?<=[Hh'’])\d{{2}}){rb}", _read_half_year),
        ("h_bare", rf"\b(?:in|during|for|through|by|the)\s+(?P<hh>(?-i:H)(?P<h>[12])){rb}", _read_h_bare),
        # months and dates
        ("month_year", rf"(?<![\w.])(?P<mon>{mon})(?:\s+of|,)?\s+(?P<y>{year}){rb}", _read_month_year),
        ("year_month", rf"{lb}(?P<y>{year})\s+(?P<mon>{mon})(?!\w)(?!\s+\d)", _read_month_year),
        ("date_mdy", rf"(?<![\w.])(?P<mon>{mon})\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<y>{year}))?(?![\w%])(?![.,]\d)", _read_date),
        ("date_dmy", rf"\b(?<!\d[.,])(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{mon})(?:,?\s+(?P<y>{year}))?{rb}", _read_date),
        ("month_rel_year", rf"(?<![\w.])(?P<mon>{mon})\s+(?:of\s+)?(?P<rel>{rel})\s+year\b", _read_month_relative_year),
        ("offset_month", rf"\b(?P<off>last|this|next)\s+(?P<mon>{mon})(?!\w)", _read_offset_month),
        ("bare_month", rf"\b(?:in|during|since|until|through|by|from|for|of|early|mid|late|end\s+of|beginning\s+of|start\s+of)[\s-]+(?P<mon>{mon})(?!\w)(?!\s+[0-3]?\d)", _read_bare_month),
        ("lone_month", rf"(?<![\w.])(?P<mon>(?-i:{full_months}))(?!\w)(?!\s+[0-3]?\d)", _read_bare_month),
        ("relative_month", r"\b(?:(?:earlier|later|early|late)\s+)?(?P<off>last|this|next|previous|current|coming)\s+month\b", _read_relative_month),
        ("ago", rf"\b(?P<n>a|an|one|{num})\s+(?P<unit>years?|months?|quarters?)\s+(?P<dir>ago|earlier|before)\b", _read_ago),
        # years relative to publication
        ("relative_year", r"\b(?:(?:earlier|later|early|late|mid|the\s+end\s+of|the\s+start\s+of)[\s-]+)?(?:the\s+)?(?P<off>last|this|next|previous|prior|preceding|current|coming)\s+year\b", _read_relative_year),
        ("comparison", r"\b(?:the\s+)?(?:(?:year-ago|year-earlier|prior-year|year-before)\s+(?:quarter|period|half|month|year)|same\s+(?:quarter|period|month|half)\s+(?:of\s+)?(?:last|a|the\s+previous|the\s+prior)\s+year(?:\s+(?:earlier|ago|before))?)\b", _read_comparison),
        ("same_stretch", rf"\b(?:the\s+)?(?:{period_cue('same_stretch')})\s+(?:(?:of|in)\s+)?(?:(?P<y>{year}){rb}|(?:last|a|the\s+previous|the\s+prior)\s+year(?:\s+(?:earlier|ago|before))?\b)", _read_same_stretch),
        ("anaphoric", r"\bthe\s+(?:quarter|year|half|period|(?:full|whole|entire)[\s-]year)\b(?![\s-]+(?:ended|ending|ago|earlier|to|through|before|\d))", _read_anaphoric),
        ("full_year_adjective", r"\b(?:full|whole)-year\b(?![\s-]+(?:ended|ending|to|through|\d))", _read_anaphoric),
        # spans and deadlines
        ("fiscal_span", rf"\b(?:between|from)\s+{fy}['’]?(?:{year}|{yy})\s*(?:and|to|through|until|-|–)\s*{fy}?['’]?(?:{year}|{yy}){rb}", _read_unrepresentable),
        ("span_between", rf"\b(?:between|from)\s+(?P<y1>{year})\s*(?:and|to|through|until|-|–)\s*(?P<y2>{year}){rb}", _read_year_span),
        ("span_dash", rf"{lb}(?P<y1>{year})(?:\s*[-–—/]\s*|\s+(?:to|through)\s+)(?P<y2>{year}){rb}", _read_year_span),
        ("span_short", rf"{lb}(?P<y1>{year})[-–/](?P<y2>{yy}){rb}", _read_year_span),
        ("years_ahead", rf"\b(?:(?:over|in|during|for|within)\s+)?the\s+(?:next|coming|following|subsequent)\s+(?:(?P<n>{num}|[1-9]|[1-4]\d)\s+years|decade)\b", _read_years_ahead),
        ("years_within", rf"\b(?:in|within)\s+(?:less\s+than\s+|under\s+|fewer\s+than\s+)?(?P<n>{num})\s+years\b(?!\s+(?:ago|earlier|before))", _read_years_ahead),
        ("years_starting", rf"\bover\s+(?:the\s+)?(?:next\s+)?(?P<n>{num}|[1-9]|1\d)\s+years\s*,?\s+(?:starting|beginning|from)\s+(?:in\s+)?(?P<y>{year}){rb}", _read_years_starting),
        ("years_back", rf"\b(?:(?:over|in|during|for)\s+)?the\s+(?:last|past|previous|prior)\s+(?:(?P<n>{num})\s+years|decade)\b", _read_years_back),
        ("by_year", rf"\b(?:by|until|till|through|before)\s+(?:the\s+(?:end|close)\s+of\s+)?(?P<y>{year}){rb}", _read_by_year),
        ("by_relative", r"\b(?:by|before)\s+(?:(?P<decade>the\s+end\s+of\s+(?:this|the)\s+decade)|(?:the\s+)?(?:end\s+of\s+(?:the\s+|(?P<off>this|next)\s+)?year|year[\s-]+end))\b", _read_by_relative),
        ("end_of_decade", r"\bthe\s+end\s+of\s+(?:this|the)\s+decade\b", _read_end_of_decade),
        ("end_of_year", rf"\b(?:the\s+)?(?:end|close|middle|start|beginning)\s+of\s+(?P<prefix>)(?P<y>{year}){rb}", _read_bare_year),
        # bare years last: everything longer wins over them
        ("year", rf"(?<![\w$€£¥/])(?<!\d[.,])(?:(?P<prefix>(?-i:CY)\s*|calendar\s+(?:year\s+)?|full[\s-]year\s+))?(?P<y>{year})(?![\w%])(?![.,]\d)(?!\s*/\s*\d)", _read_bare_year),
    ]
    return [
        _Rule(name, re.compile(pattern, re.IGNORECASE), handler, _RULE_NEEDS[name]) for name, pattern, handler in specs
    ]


# Two features are found by regex once per chunk rather than by substring.
_HAS_MONTH, _HAS_YEAR = "<month>", "<year>"
_MONTH_GATE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
_YEAR_GATE = re.compile(r"(?:19|20)\d\d")
_MONTH_STEMS = (_HAS_MONTH,)
_YEAR_STEMS = (_HAS_YEAR,)
_QUARTER = ("quarter",)
# A rule runs on a chunk of text only when the chunk holds one of these: a cheap pre-filter for speed.
_RULE_NEEDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("fq_q_fy", "fq_fy_q", "fq_ord_of_fy", "fq_ord_of_year_fy", "fq_fy_ord", "fq_fiscal_ord", "fq_fiscal_q"),
                    ("fiscal", "fy")),
    "fy": ("fiscal", "fy", "financial"),
    "fy_year_first": ("fiscal", "financial"),
    "fy_relative": ("fiscal",),
    **dict.fromkeys(("q_year", "year_q", "nq_year", "q_rel", "q_bare"), ("q",)),
    **dict.fromkeys(("ord_quarter_year", "ord_quarter_rel", "ord_quarter_the_year", "ord_quarter", "quarter_rel"), _QUARTER),
    "month_quarter": _QUARTER,
    "month_range_quarter": _MONTH_STEMS,
    "months_to_date": ("months",),
    "quarters_back": ("quarters",),
    "fiscal_span": ("fiscal", "fy"),
    "years_starting": ("years",),
    "quarter_ended": ("quarter", "months"),
    "year_ended": ("year",),
    "fiscal_year_ended_no_year": ("fiscal",),
    **dict.fromkeys(("half_words",), ("half",)),
    "six_months": ("six",),
    **dict.fromkeys(("h_year", "year_h", "h_bare"), ("h1", "h2")),
    "nh_year": ("1h", "2h"),
    **dict.fromkeys(
        ("month_year", "year_month", "date_mdy", "date_dmy", "month_rel_year", "offset_month", "bare_month", "lone_month"),
        _MONTH_STEMS,
    ),
    "relative_month": ("month",),
    "ago": ("ago", "earlier", "before"),
    "relative_year": ("year",),
    "comparison": ("year",),
    "anaphoric": ("the",),
    "same_stretch": ("same", "corresponding", "comparable", "equivalent", "like"),
    "first_three_months": ("months",),
    "full_year_adjective": ("-year",),
    **dict.fromkeys(("span_between", "span_dash", "span_short", "by_year", "end_of_year", "year"), _YEAR_STEMS),
    **dict.fromkeys(("years_ahead", "years_within", "years_back"), ("year", "decade")),
    "by_relative": ("by", "before"),
    "end_of_decade": ("decade",),
}

# Period expressions never cross a sentence end followed by a capital, nor a blank line.
_CHUNK_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘'(])|\n\s*\n")


def _chunks(text: str) -> list[tuple[int, int]]:
    """(start, end) of the sentence-like chunks of text."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for gap in _CHUNK_BREAK.finditer(text):
        if gap.start() > start:
            bounds.append((start, gap.start()))
        start = gap.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


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


def relative_year_offset(mention_text: str) -> int:
    """Years from the current one that a relative mention names: "next fiscal year" 1, "the prior year" -1."""
    offsets = _words().offset_of
    return next((offsets[w] for w in re.findall(r"[a-z]+", mention_text.lower()) if w in offsets), 0)


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


@lru_cache(maxsize=1)
def _rules() -> tuple[_Rule, ...]:
    """The compiled rules, built once per process."""
    return tuple(_patterns())


@lru_cache(maxsize=1)
def _needed_words() -> tuple[str, ...]:
    """Every substring some rule needs (the month and year features are found by regex instead)."""
    return tuple(sorted({word for rule in _rules() for word in rule.needs} - {_HAS_MONTH, _HAS_YEAR}))


def _candidates(text: str, published: datetime.date | None) -> list[tuple[int, int, int, _Reading]]:
    """Every rule's readings as (start, end, rule index, reading)."""
    found: list[tuple[int, int, int, _Reading]] = []
    rules = _rules()
    needed_words = _needed_words()
    for chunk_start, chunk_end in _chunks(text):
        lowered = text[chunk_start:chunk_end].lower()
        present = {word for word in needed_words if word in lowered}
        if _MONTH_GATE.search(text, chunk_start, chunk_end):
            present.add(_HAS_MONTH)
        if _YEAR_GATE.search(text, chunk_start, chunk_end):
            present.add(_HAS_YEAR)
        for index, rule in enumerate(rules):
            if present.isdisjoint(rule.needs):
                continue
            # pos/endpos keep offsets absolute; lookbehinds still see the text before the chunk.
            for match in rule.pattern.finditer(text, chunk_start, chunk_end):
                reading = rule.read(match, published, text)
                if reading is None:
                    continue
                start, end = reading.span or match.span()
                found.append((start, end, index, reading))
    return found


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
        end = datetime.date(year + (last == 12), last % 12 + 1, 1) - datetime.timedelta(days=1)
        return datetime.date(year, first, 1), end
    return None
