"""Periods a figure takes that no single mention states: spans (since a year, up to a year, a duration, the years
following a list), comparison bases a year or a quarter back, a company's fiscal reading of a quarter, the running period
as another company numbers it, and the order of periods in time."""
from __future__ import annotations

import calendar
import datetime
import re

from extractors.article_state import ArticleState, fiscal_year_end_of
from extractors.cues import unit_kind
from extractors.drafts import BASE_BEFORE, CLAUSE_BREAK, Draft, Sentence, clause_before, text_before
from extractors.entities import group_of
from extractors.fact_dates import label_of, renumbered
from extractors.fiscal import fiscal_year_of, latest_fiscal_quarter_numbered, shift_fiscal_quarter
from extractors.links import joined_as_list
from extractors.numbers import parse_number
from extractors.period_context import FROM_DETERMINER, LEVEL_AFTER, REPORTED_ON, SINCE, SINCE_PHRASE, mention_context
from extractors.periods import PeriodMention, period_bounds, relative_year_offset, span_to
from extractors.regex_gate import fold

DURATION_BEFORE = re.compile(r"\b(?:a|an|its|the|their)\s+(?P<n>[\w]+)-year,?\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
YEARS_FOLLOWING = re.compile(r"\b(?:over|in|during)\s+the\s+(?:following|subsequent)\s+(?P<n>[\w-]+)\s+years\b", re.IGNORECASE)
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
ORDINALS = ["first", "second", "third", "fourth"]
ENDED_ON = re.compile(r"\b(?:end(?:ed|ing)|to|through)\s+(?:the\s+end\s+of\s+)?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
                      r"[a-z]*\.?(?:\s+(\d{1,2})\b)?")
PERFECT = re.compile(r"\b(?:has|have)\s+(?:(?:nearly|almost|more than|already|also|now|since)\s+)?(?:been|\w+(?:ed|en|wn|ut|ung))\b",
                     re.IGNORECASE)


def since_span(d: Draft, sentence: Sentence, state: ArticleState) -> str | None:
    """"AWS has put 3 billion pounds into its UK sites since 2022" (said in 2024): 2022/2024. A perfect tense in the
    figure's clause adds up what happened from that year to the publication year; "the fastest growth since 2022"
    only compares, and dates nothing."""
    if state.published is None or not has_since_mention(sentence):
        return None
    for p in sentence.periods:
        if not since_mention(p, sentence) or not int(p.period[-4:]) < state.published.year:
            continue
        lo, hi = min(p.end_char, d.start), max(p.start_char, d.end)
        clause = sentence.text[min(p.start_char, d.start):hi]
        if CLAUSE_BREAK.search(sentence.text[lo:max(p.start_char, d.start)]) or re.search(r"[;:]", sentence.text[lo:hi]):
            continue
        if PERFECT.search(clause) or PERFECT.search(clause_before(sentence, d) + sentence.text[d.start:d.end]):
            return f"{p.period[-4:]}/{state.published.year}"
    return None


def has_since_mention(sentence: Sentence) -> bool:
    """Whether a mention of the sentence can start a span since_span reads; asked once per sentence (since_span is
    asked once per figure)."""
    found = sentence.memo.get("since_mention")
    if found is None:
        found = sentence.memo["since_mention"] = any(since_mention(p, sentence) for p in sentence.periods)
    return found


def since_mention(p: PeriodMention, sentence: Sentence) -> bool:
    """A dated year after "since" ("since 2022", "since its update in 2022"), or a year or span before "level" after
    "from its" ("tripled from its 2017-18 level")."""
    if not p.period or p.kind not in ("year", "span"):
        return False
    context = mention_context(p, sentence)
    return (context.ends_before(FROM_DETERMINER) and LEVEL_AFTER.match(context.after) is not None) \
        or (p.kind == "year" and (context.ends_before(SINCE) or context.ends_before(SINCE_PHRASE)))


def growth_span(d: Draft, by: PeriodMention, sentence: Sentence, state: ArticleState) -> str | None:
    """A change reached by a year runs from its base year: "set to double to $51 billion by 2026" after "$24.9 billion in
    2022" is 2022/2026, "$1.9 billion by 2020, double its 2016 size" 2016/2020; with no year named, from the year the
    article was published ("will triple by 2027" in 2024: 2024/2027)."""
    end = int(by.period[:4])
    bases = [p for p in sentence.periods if p is not by and p.kind == "year" and p.period and int(p.period) < end
             and not mention_context(p, sentence).ends_before(SINCE)
             and not mention_context(p, sentence).ends_before(REPORTED_ON)]
    if bases:
        base = min(bases, key=lambda p: abs(p.start_char - d.start))
        return f"{base.period}/{end}"
    return span_to(end, state.published)


def previous_quarter(period: str) -> str:
    """The quarter before a calendar or fiscal quarter ("2025-Q1" -> "2024-Q4")."""
    if period.startswith("FY"):
        return shift_fiscal_quarter(period, -1)
    year, quarter = int(period[:4]), int(period[-1])
    return f"{year - 1}-Q4" if quarter == 1 else f"{year}-Q{quarter - 1}"


def comparison_base(mention: PeriodMention, current: str | None) -> str | None:
    """The period of a comparison base: "a year ago" is the period under discussion a year earlier; "the same
    quarter of 2019" is that year's part matching the period under discussion (2019-Q1 in a report on 2020-Q1)."""
    if mention.period is None or not re.fullmatch(r"\d{4}", mention.period) or mention.period not in mention.text:
        return shift_year(current, -1)  # "a year ago" counts back from the period under discussion
    if current is None:
        return None  # "the same quarter of 2019": which quarter is unknown
    if current.startswith("FY"):
        return shift_year(current, -1)  # "the corresponding period of 2024" in a fiscal report: a fiscal year back
    m = re.fullmatch(r"\d{4}(-(?:Q[1-4]|H[12]|\d{2}))?", current)
    return mention.period + (m.group(1) or "") if m else None


def shift_year(period: str | None, years: int) -> str | None:
    """The same period a number of years earlier or later ("2024-Q4" -> "2023-Q4")."""
    if not period:
        return None
    m = re.fullmatch(r"(FY)?(\d{4})(.*)", period)
    if not m or "/" in period:
        return None
    return f"{m.group(1) or ''}{int(m.group(2)) + years}{m.group(3)}"


def earlier_than(period: str | None, other: str | None) -> bool:
    """A calendar period that ends before another begins ("2025-Q2" before "2025-Q3")."""
    a, b = period_bounds(period), period_bounds(other)
    return bool(a and b and a[1] < b[0])


def ended_before(period: str | None, published: datetime.date | None) -> bool:
    """A calendar period that was over before the publication date."""
    bounds = period_bounds(period)
    return bool(bounds and published and bounds[1] < published)


def year_in_sequence(d: Draft, drafts: list[Draft], sentence: Sentence) -> str | None:
    """"$18 billion in fiscal 2026, then $32 billion, $73 billion and $114 billion over the following three years":
    the listed figures take the years after the one named before them, in order (FY2027, FY2028, FY2029)."""
    if not says_years_following(sentence):
        return None
    following = YEARS_FOLLOWING.search(sentence.text, d.end)
    count = parse_number(following.group("n")) if following else None
    if not count:
        return None
    kind = unit_kind(d.q.unit)
    members = [q for q in sentence.quantities if unit_kind(q.unit) == kind
               and q.end_char - sentence.start <= following.start()]
    run = [members[-1]]  # the list that ends right before "over the following N years"
    for q in reversed(members[:-1]):
        if not joined_as_list(sentence.text[q.end_char - sentence.start:run[0].start_char - sentence.start], sentence):
            break
        run.insert(0, q)
    gap = sentence.text[run[-1].end_char - sentence.start:following.start()]
    if len(run) != count or d.q not in run or not re.fullmatch(r"\s*,?\s*", gap):
        return None
    # The year before the list: that of a figure before it ("$18 billion this fiscal year"), else one named.
    list_start = run[0].start_char - sentence.start
    before = [p.period for p in drafts if p.own_period and p.end <= list_start and p.period] or \
        [p.period for p in sentence.periods if p.end_char <= list_start and p.period]
    if not before or not re.fullmatch(r"(?:FY)?\d{4}", before[-1]):
        return None
    prefix, year = ("FY", int(before[-1][2:])) if before[-1].startswith("FY") else ("", int(before[-1]))
    return f"{prefix}{year + 1 + run.index(d.q)}"


def says_years_following(sentence: Sentence) -> bool:
    """Whether the sentence may say "over the following three years": it holds "following" or "subsequent",
    case-blind as YEARS_FOLLOWING reads; asked once per sentence (year_in_sequence searches after each figure)."""
    found = sentence.memo.get("years_following")
    if found is None:
        folded = fold(sentence.text)
        found = sentence.memo["years_following"] = "following" in folded or "subsequent" in folded
    return found


def duration_span(d: Draft, sentence: Sentence, state: ArticleState) -> str | None:
    """"a three-year, 380-billion-yuan investment ..., which it pledged last year": 2025/2027 from an article of 2026.

    The span starts in the year the plan was made when the sentence says so, else in the publication year.
    """
    if d.metric != "investment" or state.published is None:
        return None  # only an investment's figure spans the years of its plan
    m = DURATION_BEFORE.search(text_before(sentence, d.start)[-40:])
    years = parse_number(m.group("n")) if m else None
    if not years or years < 2:
        return None
    made = [p for p in sentence.periods if p.start_char >= d.end and p.period and re.fullmatch(r"\d{4}", p.period)
            and mention_context(p, sentence).ends_before(REPORTED_ON)]
    first = int(made[0].period) if made else state.published.year
    return f"{first}/{first + int(years) - 1}"


def fiscal_reading(mention: PeriodMention, d: Draft, state: ArticleState) -> str | None:
    """A quarter mention read as the company's fiscal quarter ("Q1" in an Oracle article of September)."""
    year_end = fiscal_year_end_of(d.subject, state)
    if year_end is None or mention.kind not in ("quarter", "relative", "fiscal_quarter", "fiscal_relative"):
        return None
    text = mention.text.lower()
    if mention.kind == "fiscal_relative":  # "this fiscal year": the one the publication date falls in
        return f"FY{fiscal_year_of(state.published, year_end) + relative_year_offset(text)}"
    ended = ENDED_ON.search(mention.text)
    if ended and (ended.group(2) or re.search(r"\b(?:quarter|months)\b", text)):  # not "from July to September"
        if not d.subject:
            return None  # a market's quarter is the calendar's, whoever the article was on before
        month = MONTHS.index(ended.group(1)[:3].lower()) + 1
        year = state.published.year - (month > state.published.month)
        # the three months ending then, as the company numbers them; None (the calendar quarter) where they are no
        # quarter of its fiscal year ("the three months to September" at a company whose quarters end in October)
        return label_of(quarter_ending(year, month), year_end)
    number = re.search(r"\bq([1-4])\b|\b(first|second|third|fourth)\b", text)
    if number and not re.search(r"\d{4}", text):
        n = int(number.group(1)) if number.group(1) else ORDINALS.index(number.group(2)) + 1
        return latest_fiscal_quarter_numbered(n, state.published, year_end)
    if re.search(r"\b(?:last|previous|prior) quarter\b", text) and state.running_period \
            and state.running_period.startswith("FY"):
        return shift_fiscal_quarter(state.running_period, -1)
    return None


def quarter_ending(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of the three months that end with `month` of `year`."""
    first = (year * 12 + month - 1) - 2
    last_day = calendar.monthrange(year, month)[1]
    return datetime.date(first // 12, first % 12 + 1, 1), datetime.date(year, month, last_day)


def running_period_for(d: Draft, sentence: Sentence, state: ArticleState) -> str | None:
    """The article's running period as this figure's. A fiscal period numbered for one company dates another
    company's figure only as that company numbers the same months (Microsoft's FY2025-Q1 is Google's 2024-Q3), else
    not at all. A figure of no company, of that company among others, or in a sentence that names that company (where
    the figure may be its own: "Oracle's cloud sales rose 25%, and the business that takes on AWS grew 49%") takes it
    as it is."""
    period, owner = state.running_period, state.running_owner
    companies = d.subject or tuple(s for each in d.subjects_each for s in each)
    if not period or owner is None or not companies \
            or owner in {group_of(s) for s in companies} | {group_of(m.canonical) for m in sentence.companies}:
        return period
    return renumbered(period, owner, companies)


BASE_WORDS_AFTER_CHANGE = 5  # "5 per cent higher than in 2022": the base stands right after the change
LEVEL_THEN_CHANGE = re.compile(r"\s*,\s*(?:an?\s+)?(?:up|down|rising|falling|increase\s+of|decrease\s+of)?\s*$", re.IGNORECASE)
BASE_THEN_LEVEL = re.compile(r"\s*,?\s*(?:to|reaching|at)\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+)?$",
                             re.IGNORECASE)


def base_of_change(change: Draft, p: PeriodMention, sentence: Sentence) -> bool:
    """The period mention names the base a change is measured against, right after it ("2.3% more than in 2022")."""
    gap = sentence.text[change.end:p.start_char]
    return len(gap.split()) <= BASE_WORDS_AFTER_CHANGE and not CLAUSE_BREAK.search(gap) \
        and bool(BASE_BEFORE.search(sentence.text[change.start:p.start_char]))


def year_after_base(d: Draft, drafts: list[Draft], sentence: Sentence,
                    published: datetime.date | None) -> tuple[str, PeriodMention] | None:
    """The year after a base year that a change names right after its figure ("2.3% more than in 2022", "rise 10.6%
    on 2022"), with that base's mention: the change is that year's, and so is the level tied to it ("took in
    CNY362bn, 2.3% more than in 2022", "rise 10.6% on 2022, to $101.4 billion"). None when no such base stands there,
    or when the year after has not begun (no reported change then)."""
    for change in [d] if d.metric == "growth_rate" else [g for g in drafts if g.metric == "growth_rate"]:
        base = next((p for p in sentence.periods if p.start_char >= change.end and p.kind == "year" and p.period
                     and re.fullmatch(r"\d{4}", p.period)
                     and base_of_change(change, p, sentence)), None)
        if base is None:
            continue
        tied = change is d or (d.end <= change.start and LEVEL_THEN_CHANGE.fullmatch(sentence.text[d.end:change.start])) \
            or (base.end_char <= d.start and BASE_THEN_LEVEL.fullmatch(sentence.text[base.end_char:d.start]))
        year = int(base.period) + 1
        if tied and (published is None or year <= published.year):
            return str(year), base
    return None
