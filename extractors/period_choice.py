"""Which period a figure refers to: the nearest period mention not claimed by another figure, a year-ago comparison
base, a duration or a sequence of years, the company's fiscal reading of a quarter, or the article's running period."""
from __future__ import annotations

import datetime
import re

from extractors.article_state import ArticleState, fiscal_year_end_of, last_completed_quarter
from extractors.cues import CURRENCY, context_pattern, unit_kind
from extractors.drafts import (BASE_BEFORE, CLAUSE_BREAK, CONJUNCTION, COUNT_METRICS, LEVEL_TO, NO_GEOGRAPHY_METRICS,
                               SHARE_METRICS, Draft, Sentence, asides, clause_before, inside_quantity, is_market_level,
                               text_before)
from extractors.fiscal import fiscal_quarter_of, fiscal_year_of, latest_fiscal_quarter_numbered, shift_fiscal_quarter
from extractors.links import is_conversion, joined_as_list, linked_by_to
from extractors.models import Quantity
from extractors.numbers import parse_number
from extractors.periods import PeriodMention, period_bounds, relative_year_offset, span_to

REPORTED_ON = re.compile(r"\b(?:said|says|announced|reported|disclosed|told \w+|wrote|added|noted|predicted|"
                         r"published|released|founded|established|set up|launched|committed|pledged|promised|unveiled|went live|"
                         r"opened|began operating|started operating)"
                         r"\s+(?:on|in|last|this|earlier|early|late|in early|in late|in mid-?)?\s*$",
                         re.IGNORECASE)
DURATION_BEFORE = re.compile(r"\b(?:a|an|its|the|their)\s+(?P<n>[\w]+)-year,?\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
DATELINE = re.compile(r"^\s*[A-Z][A-Z .'’-]+,\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})\s*(?:\([^)]*\))?\s*[-–—]")
APPOSITION = re.compile(r"\s*[,(]\s*(?:or\s+|i\.e\.\s+)?")
YEARS_FOLLOWING = re.compile(r"\b(?:over|in|during)\s+the\s+(?:following|subsequent)\s+(?P<n>[\w-]+)\s+years\b", re.IGNORECASE)
REPORTING_VERB_AFTER = re.compile(r"\s*(?:said|predicted|reported|announced|forecast|estimated|projected|disclosed)\b",
                                  re.IGNORECASE)
# "Earlier this year(,) AWS announced plans to invest ...": an opening period dates the announcement, not the figure.
ANNOUNCED_AFTER = re.compile(r"\s*,?\s*(?:(?-i:[A-Z])[\w.&'’-]*\s+){1,3}(?:said|announced|unveiled|revealed|committed|pledged|"
                             r"promised|disclosed)\b", re.IGNORECASE)
# "since the company's previous update on 1 December": the date starts a stretch, it dates no figure.
SINCE_PHRASE = re.compile(r"\bsince\s+(?:(?:the|its|their|a|an)\s+)?[\w'’ -]{0,40}?\b(?:on|in)\s*$", re.IGNORECASE)
# Between a level and its comparison base: "$4.1 billion(,) in the same quarter", "$129 million it lost in the year-ago quarter".
COMPARISON_GAP = re.compile(r"\s*,?\s*(?:(?:it|they|which|that)\s+\w+\s+)?(?:(?:in|for|during|over|at)\s+)?(?:the\s+|a\s+)?",
                            re.IGNORECASE)
POSSESSIVE_GAP = re.compile(r"['’]s?\s+(?:about |around |roughly |nearly |almost )?")
QUARTER_AGO = re.compile(r"\b(?:three|3) months (?:ago|earlier|before)|\ba quarter (?:ago|earlier)|"
                         r"\b(?:previous|prior|preceding|last) quarter\b", re.IGNORECASE)
FULL_YEAR = re.compile(r"\b(?:full|whole|entire)[ -]year\b", re.IGNORECASE)
PAST_SPAN = re.compile(r"\b(?:has|have|had)\s+(?:\w+\s+)?(?:doubled|tripled|grown|risen|increased|fallen|declined|expanded)\s*$|"
                       r"\b(?:has|have|had)\s+(?:\w+\s+)?\w+ed\b[^,;]{0,20}$", re.IGNORECASE)
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
ORDINALS = ["first", "second", "third", "fourth"]
ENDED_ON = re.compile(r"\b(?:end(?:ed|ing)|to|through)\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})\b")
# Jobs created over the years up to a deadline add up like money spent: "will have created 26,500 jobs by 2030".
JOBS_CREATED = re.compile(r"\b(?:creat|generat|support|add)\w*\b", re.IGNORECASE)
# A period right after these is where a change starts from, never the period of a figure of the sentence.
BASE_OF = re.compile(r"\b(?:from|than|versus|compared (?:with|to)|up on|down on)\s+(?:the\s+)?(?:(?:end|close|start)\s+of\s+(?:the\s+)?)?$",
                     re.IGNORECASE)
# "Growth had been 26% in the June quarter": the past perfect looks back from the period the story is about.
LOOK_BACK = re.compile(r"\bhad\s+(?:been|grown|risen|fallen|climbed|increased|declined|dropped|reached|stood)\b", re.IGNORECASE)
OPENING_PERIOD = re.compile(r"(?:^|[;:])\W*(?:for|in|over|during|across|throughout)\s+"
                            r"(?:the\s+(?:whole|full|entire|course)\s+of\s+)?$", re.IGNORECASE)
YEAR_AS_WHOLE = re.compile(r"\b(?:for|over|across|throughout)\s+$", re.IGNORECASE)
PERFECT = re.compile(r"\b(?:has|have)\s+(?:(?:nearly|almost|more than|already|also|now|since)\s+)?(?:been|\w+(?:ed|en|wn|ut|ung))\b",
                     re.IGNORECASE)
THAT_PERIOD = re.compile(r"\b(?:that|this|the same)\s+(?:same\s+)?(?:period|stretch|span|time|timeframe)\b", re.IGNORECASE)
# "the prior quarter, in which AWS took in $5.4 billion": a relative clause holding the base level.
BASE_CLAUSE = re.compile(r"\s*,?\s*(?:in which|during which|when|where)\b[^,;()]*", re.IGNORECASE)
RUN_RATE = re.compile(r"\brun[- ]rate\b|\bannuali[sz]ed\b", re.IGNORECASE)
PER_QUARTER_AFTER = re.compile(r"^[^,;]{0,40}?\b(?:a|per) quarter\b(?!\s+(?:earlier|ago|before|on))", re.IGNORECASE)
THAT_YEAR = re.compile(r"\b(?:that|the same) year\b", re.IGNORECASE)


def assign_period(d: Draft, sentence: Sentence, state: ArticleState, drafts: list[Draft]) -> None:
    """The period: the nearest mention, a year-ago comparison base, or the article's running period."""
    if d.metric in SHARE_METRICS:  # a price on a day: dated only by a period standing right next to it
        attached_mention = next((p for p in sentence.periods if p.period and attached(d.q, p, sentence)), None)
        d.period = attached_mention.period if attached_mention else None
        return
    same_period = year_in_sequence(d, drafts, sentence)
    if same_period:
        d.period, d.own_period = same_period, True
        return
    span = duration_span(d, sentence, state)
    if span:
        # An investment over years not all past is a plan, whatever the verb ("a three-year, 380-billion-yuan cycle").
        d.period, d.own_period, d.forecast = span, True, d.forecast or int(span[-4:]) >= state.published.year
        return
    since = since_span(d, sentence, state)
    if since:
        d.period, d.own_period = since, True
        # what "has" been done is reported
        d.forecast = d.forecast and not PERFECT.search(clause_before(sentence, d) + sentence.text[d.start:d.end])
        return
    mention = nearest_period(d, sentence, state)
    if mention is not None and d.forecast and mention.kind in ("quarter", "half", "month") \
            and not re.search(r"\d{4}", mention.text) and ended_before(mention.period, state.published) \
            and mention.period != last_completed_quarter(state.published) \
            and context_pattern("guidance").search(clause_before(sentence, d)):
        # "guided for 37% growth in the December quarter" in October; but the quarter just ended is the one analysts
        # expect results for ("analysts forecast third-quarter revenue of $86 billion" in late October)
        d.period = shift_year(mention.period, 1)
        return
    current = d.compared_to.period if d.compared_to is not None and d.compared_to.period else state.running_period
    if mention is not None and QUARTER_AGO.search(mention.text) and current and re.search(r"-Q[1-4]$", current):
        d.period = previous_quarter(current)  # dates this figure only, not the sentences after
        return
    if mention is not None and mention.comparison:
        d.period = comparison_base(mention, current)
        return
    if mention is not None and mention.kind == "relative" and mention.period is None and whole_year(mention, sentence):
        # A detour to the whole year: that of the running period, else a year the sentence named before ("revenue of
        # $58.3 billion for fiscal 2025, ... and net income of $12.6 billion for the year"). Not the running period.
        named = [p.period for p in sentence.periods if p.end_char <= mention.start_char and p.period
                 and p.kind in ("year", "fiscal_year")]
        forecast_year = state.forecast_period if d.forecast and state.forecast_period and "/" not in state.forecast_period \
            else None
        year = re.sub(r"-(?:Q[1-4]|H[12]|\d{2})$", "", state.running_period) if state.running_period \
            else named[-1] if named else forecast_year
        if year:
            d.period = year
            return
        mention = None
    if mention is not None and last_years_base(mention, d, sentence) and current \
            and re.fullmatch(r"\d{4}-(?:Q[1-4]|H[12])", current) and shift_year(current, -1)[:4] == mention.period:
        d.period = shift_year(current, -1)  # "up 420% from last year's $188.7 million" in a report on 2025-Q1: 2024-Q1
        return
    if mention is not None and mention.kind == "span" and PAST_SPAN.search(text_before(sentence, d.end)) \
            and state.published and mention.period and mention.period.startswith(str(state.published.year)):
        years = int(mention.period[5:9]) - int(mention.period[:4]) + 1
        d.period, d.own_period = f"{state.published.year - years}/{state.published.year - 1}", True
        return
    if mention is not None and mention.period is None and mention.kind in ("relative", "fiscal_quarter", "fiscal_relative") \
            and not fiscal_reading(mention, d, state):
        mention = None
    if mention is not None:
        d.period, d.own_period = fiscal_reading(mention, d, state) or mention.period, True
        if LOOK_BACK.search(clause_before(sentence, d)) and earlier_than(d.period, state.running_period):
            d.is_base = True  # a look back dates its figure only; the story stays on its period
        if mention.kind == "by_year" and d.metric == "growth_rate" and mention.period:
            d.period = growth_span(d, mention, sentence, state) or d.period
        created = d.metric == "jobs" and JOBS_CREATED.search(text_before(sentence, d.start)[-60:])
        if mention.kind == "by_year" and (d.metric == "investment" or created) and mention.period:
            said = [p.period for p in sentence.periods if p.end_char <= d.start and p.period
                    and re.fullmatch(r"\d{4}", p.period) and REPORTED_ON.search(text_before(sentence, p.start_char))]
            # "AWS said last year it would spend $5.7 billion by 2038": from the year it was said
            d.period = f"{said[-1]}/{mention.period[:4]}" if said and int(said[-1]) <= int(mention.period[:4]) \
                else span_to(int(mention.period[:4]), state.published) or mention.period
        return
    if d.compared_to is not None:
        d.period = d.compared_to.period
        return
    if d.forecast and state.forecast_period and not any(p.period for p in sentence.periods) \
            and not THAT_PERIOD.search(sentence.text) \
            and ((is_market_level(d) and sentence.paragraph - state.forecast_paragraph <= 1)
                 or (d.metric in ("revenue", "profit", "investment") and sentence.paragraph == state.forecast_paragraph)):
        # "Non-cloud infrastructure is projected to rise 17.9%" right after a market forecast for 2024
        d.period = state.forecast_period
        return
    if d.metric in COUNT_METRICS or d.metric == "power_capacity" or d.metric in NO_GEOGRAPHY_METRICS or d.forecast:
        return
    if THAT_YEAR.search(text_before(sentence, d.start)) and state.last_year:
        d.period, d.own_period = state.last_year, True
        return
    after = re.split(r"[,;(]| -- | – ", sentence.text[d.end:d.end + 60])[0]
    if unit_kind(d.q.unit) == CURRENCY and (RUN_RATE.search(clause_before(sentence, d)[-40:] + " " + after)
                                            or PER_QUARTER_AFTER.search(after)):
        return  # "a $142 billion business in annualized run-rate terms": a rate standing now, not the period's figure
    d.period = state.running_period


def since_span(d: Draft, sentence: Sentence, state: ArticleState) -> str | None:
    """"AWS has put 3 billion pounds into its UK sites since 2022" (said in 2024): 2022/2024. A perfect tense in the
    figure's clause adds up what happened from that year to the publication year; "the fastest growth since 2022"
    only compares, and dates nothing."""
    if state.published is None:
        return None
    for p in sentence.periods:
        before = text_before(sentence, p.start_char)
        from_level = p.kind in ("year", "span") and re.search(r"\bfrom\s+(?:its|the|their)\s+$", before) \
            and re.match(r"\s+(?:level|figure|size|total)\b", sentence.text[p.end_char:])  # "tripled from its 2017-18 level"
        if not p.period or not (from_level or (p.kind == "year" and (re.search(r"\bsince\s*$", before)
                                                                       or SINCE_PHRASE.search(before)))) \
                or not int(p.period[-4:]) < state.published.year:
            continue
        lo, hi = min(p.end_char, d.start), max(p.start_char, d.end)
        clause = sentence.text[min(p.start_char, d.start):hi]
        if CLAUSE_BREAK.search(sentence.text[lo:max(p.start_char, d.start)]) or re.search(r"[;:]", sentence.text[lo:hi]):
            continue
        if PERFECT.search(clause) or PERFECT.search(clause_before(sentence, d) + sentence.text[d.start:d.end]):
            return f"{p.period[-4:]}/{state.published.year}"
    return None


def nearest_period(d: Draft, sentence: Sentence, state: ArticleState) -> PeriodMention | None:
    """The period mention that belongs to the figure: the closest one not claimed by another figure."""
    best = None
    dateline = DATELINE.match(sentence.text)
    for i, p in enumerate(sentence.periods):
        if not period_usable(p, d, sentence) or (dateline and p.end_char <= dateline.end()):
            continue  # "SEATTLE, Oct 31 (Reuters) -" dates the report, not the figures
        if p.kind == "unrepresentable" and i and APPOSITION.fullmatch(sentence.text[sentence.periods[i - 1].end_char:p.start_char]):
            continue  # "fiscal 2024, the twelve months to March 31": the named period is the one to use
        distance = p.start_char - d.end if p.start_char >= d.end else d.start - p.end_char
        between = [q for q in sentence.figures if q is not d.q
                   and min(p.end_char, d.start) <= q.start_char - sentence.start < max(p.start_char, d.end)]
        if any(attached(q, p, sentence) and not linked_by_to(d, q, sentence) and not is_conversion(q, sentence)
               and (p.start_char >= d.end or p.start_char >= q.end_char - sentence.start) for q in between):
            continue  # "$2.8 billion from $1.2 billion in Q2 2024": the period is the other figure's
        if between and QUARTER_AGO.search(p.text):
            continue  # "$2.8 billion from $1.2 billion in Q2 2024": the period is the other figure's
        if d.metric in COUNT_METRICS and planned_after(d, p.start_char, sentence):
            continue  # "runs 29 regions and plans to open more next year": the year dates the plan
        if d.forecast and p.end_char <= d.start and plan_joined_after(sentence.text[p.end_char:d.start]) \
                and not (opens_clause(p, d, sentence) and forecast_before_join(sentence.text[p.end_char:d.start])):
            continue  # "added 2 GW in fiscal 2025 and plans to double it": the year dates what was done
        if p.end_char <= d.start and LEVEL_TO.fullmatch(sentence.text[p.end_char:d.start]) \
                and any(q is not d.q and unit_kind(q.unit) == unit_kind(d.q.unit)
                        and q.end_char - sentence.start <= p.start_char and attached(q, p, sentence)
                        for q in sentence.figures):
            continue  # "from €9.6 billion in 2022 to €27.8 billion in 2028": 2022 is the first figure's
        if p.start_char >= d.end and any(claims_period_beyond(q, d, p, sentence) for q in between):
            continue  # "28 billion yuan in the quarter, part of the 380 billion yuan pledged for 2025 to 2027"
        breaks = len(CLAUSE_BREAK.findall(sentence.text[min(p.end_char, d.end):max(p.start_char, d.start)]))
        if breaks and opens_clause(p, d, sentence):
            breaks = 0  # "For the full year it booked $281.7 billion ..., and net profit of $101.8 billion"
        if breaks and (state.running_period or d.metric in COUNT_METRICS):
            continue  # a period in another clause dates that clause; keep the running one (a count needs none)
        others = any(q is not d.q and attached(q, p, sentence) and not linked_by_to(d, q, sentence)
                     and not is_conversion(q, sentence) for q in sentence.figures)
        # "$88.2 billion in fiscal 2025, of which $24.2 billion was spent in the fourth quarter": fiscal 2025 is the
        # other figure's; a mention of the figure's own is preferred where there is one
        score = max(distance, 0) + 80 * len(between) + 60 * breaks + 30 * others
        if best is None or score < best[0]:
            best = (score, p)
    return best[1] if best else None


def growth_span(d: Draft, by: PeriodMention, sentence: Sentence, state: ArticleState) -> str | None:
    """A change reached by a year runs from its base year: "set to double to $51 billion by 2026" after "$24.9 billion in
    2022" is 2022/2026, "$1.9 billion by 2020, double its 2016 size" 2016/2020; with no year named, from the year the
    article was published ("will triple by 2027" in 2024: 2024/2027)."""
    end = int(by.period[:4])
    bases = [p for p in sentence.periods if p is not by and p.kind == "year" and p.period and int(p.period) < end
             and not re.search(r"\bsince\s*$", text_before(sentence, p.start_char))
             and not REPORTED_ON.search(text_before(sentence, p.start_char))]
    if bases:
        base = min(bases, key=lambda p: abs(p.start_char - d.start))
        return f"{base.period}/{end}"
    return span_to(end, state.published)


def opens_clause(p: PeriodMention, d: Draft, sentence: Sentence) -> bool:
    """A period phrase that opens its sentence or a clause after ';' or ':' ("For the full year ...") governs the
    clauses joined to it after the figure's way ("..., and net profit of $101.8 billion")."""
    return p.end_char <= d.start and bool(OPENING_PERIOD.search(text_before(sentence, p.start_char))) \
        and not re.search(r"[;:]", sentence.text[p.end_char:d.start])


def whole_year(p: PeriodMention, sentence: Sentence) -> bool:
    """"the full year", "full-year", "for the year", "over the year": the whole year the quarter under discussion is in."""
    return bool(FULL_YEAR.search(p.text)) or (p.text.lower() == "the year" and p.period is None
                                             and bool(YEAR_AS_WHOLE.search(text_before(sentence, p.start_char))))


def plan_joined_after(between: str) -> bool:
    """A clause joined by "and"/"but"/"while" that plans or expects ("... in 2025 and plans to double it")."""
    joined = CONJUNCTION.search(between)
    return bool(joined) and bool(context_pattern("forecast").search(between[joined.end():]))


def forecast_before_join(between: str) -> bool:
    """The clause before the "and"/"while" forecasts too ("For 2024, IDC forecasts ..., while ... should gain 17.9%"):
    the joined forecast is for the same period."""
    joined = CONJUNCTION.search(between)
    return bool(joined) and bool(context_pattern("forecast").search(between[:joined.start()]))


def planned_after(d: Draft, position: int, sentence: Sentence) -> bool:
    """A plan or expectation stands between a reported figure and a later position in its sentence."""
    return not d.forecast and position > d.end and bool(context_pattern("forecast").search(sentence.text[d.end:position]))


def claims_period_beyond(q: Quantity, d: Draft, p: PeriodMention, sentence: Sentence) -> bool:
    """A figure of the same kind standing between a figure and a period mention takes the mention itself.

    Not so for figures that share the period: list members ("17%, 31% and 28% in Q2"), a change and its
    level ("rose 20% to $5 billion in 2024"), a conversion in brackets.
    """
    if unit_kind(q.unit) != unit_kind(d.q.unit) or linked_by_to(d, q, sentence) or is_conversion(q, sentence):
        return False
    q_start, q_end = q.start_char - sentence.start, q.end_char - sentence.start
    lo, hi = (d.end, q_start) if q_start >= d.end else (q_end, d.start)
    return not joined_as_list(sentence.text[lo:hi], sentence)


def period_usable(p: PeriodMention, d: Draft, sentence: Sentence) -> bool:
    """Whether a period mention can date this figure at all."""
    if any(a <= p.start_char < b and not a <= d.start < b for a, b in asides(sentence)):
        return False  # "Brightmere, founded in 2012, has 2,300 customers"
    if p.period is None and not p.comparison and not whole_year(p, sentence) and not QUARTER_AGO.search(p.text) \
            and p.kind not in ("fiscal_quarter", "fiscal_relative", "unrepresentable"):
        return False
    if p.kind == "relative" and not p.comparison and p.text.lower().endswith("ago") and not QUARTER_AGO.search(p.text):
        return False  # "reported two weeks ago" dates a report, not the figure
    owned_by_base = p.end_char <= d.start and (POSSESSIVE_GAP.fullmatch(sentence.text[p.end_char:d.start])
                                               or (p.comparison and BASE_CLAUSE.fullmatch(sentence.text[p.end_char:d.start])))
    if p.comparison and not owned_by_base and (d.metric == "growth_rate" or d.q.unit == "pp" or p.start_char < d.end
                                               or not COMPARISON_GAP.fullmatch(sentence.text[d.end:p.start_char])):
        return False  # a comparison base dates only the level right before it ("63% a year ago", "the previous
        # quarter's 19.3%"), never a change
    if d.metric == "growth_rate" and BASE_BEFORE.search(text_before(sentence, p.start_char)) \
            and not over_the_stretch(p, sentence):
        return False  # "up a quarter from 2023": the year is the base of the change
    if d.metric == "growth_rate" and re.search(r"\b(?:its|the|their)\s+$", text_before(sentence, p.start_char)) \
            and re.match(r"\s+(?:level|figure|size|total)\b", sentence.text[p.end_char:]):
        return False  # "double its 2016 size": the year of the base
    if BASE_OF.search(text_before(sentence, p.start_char)) and not owned_by_base:
        return False  # "swelled to $55.6 billion, nearly doubling from the end of the second quarter": a change's base
    if re.search(r"\bsince\s*$", text_before(sentence, p.start_char)) or REPORTED_ON.search(text_before(sentence, p.start_char)) \
            or REPORTING_VERB_AFTER.match(sentence.text[p.end_char:]) or SINCE_PHRASE.search(text_before(sentence, p.start_char)) \
            or (not text_before(sentence, p.start_char).strip() and ANNOUNCED_AFTER.match(sentence.text[p.end_char:])):
        return False  # "since 2022" starts a streak; "said in August" dates the statement
    return not inside_quantity(p.start_char, sentence)


def last_years_base(p: PeriodMention, d: Draft, sentence: Sentence) -> bool:
    """"from last year's $188.7 million": the base of a change, owned by "last year's"."""
    return p.kind == "relative" and p.text.lower() == "last year" and p.end_char <= d.start \
        and bool(POSSESSIVE_GAP.fullmatch(sentence.text[p.end_char:d.start])) \
        and bool(BASE_OF.search(text_before(sentence, p.start_char)))


def over_the_stretch(p: PeriodMention, sentence: Sentence) -> bool:
    """"expanding by 47.5% over the first half": "over" a half or quarter named without its year is the stretch the
    change happened in; "up 9% over 2023", "over the first quarter of 2023" name the base."""
    return re.search(r"\bover\s*$", text_before(sentence, p.start_char)) is not None and p.text.lower().startswith("the ") \
        and p.kind in ("half", "quarter") and not re.search(r"\d{4}", p.text) and not p.comparison


def attached(q: Quantity, p: PeriodMention, sentence: Sentence) -> bool:
    """A figure standing right next to a period mention ("$1.2 billion in Q2 2024")."""
    q_start, q_end = q.start_char - sentence.start, q.end_char - sentence.start
    gap = sentence.text[q_end:p.start_char] if q_end <= p.start_char else sentence.text[p.end_char:q_start]
    return len(gap) <= 6 and "," not in gap


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


def duration_span(d: Draft, sentence: Sentence, state: ArticleState) -> str | None:
    """"a three-year, 380-billion-yuan investment ..., which it pledged last year": 2025/2027 from an article of 2026.

    The span starts in the year the plan was made when the sentence says so, else in the publication year.
    """
    m = DURATION_BEFORE.search(text_before(sentence, d.start)[-40:])
    years = parse_number(m.group("n")) if m else None
    if not years or years < 2 or d.metric != "investment" or state.published is None:
        return None
    made = [p for p in sentence.periods if p.start_char >= d.end and p.period and re.fullmatch(r"\d{4}", p.period)
            and REPORTED_ON.search(text_before(sentence, p.start_char))]
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
    if ended:
        month = MONTHS.index(ended.group(1)[:3].lower()) + 1
        year = state.published.year - (month > state.published.month)
        return fiscal_quarter_of(datetime.date(year, month, min(int(ended.group(2)), 28)), year_end)
    number = re.search(r"\bq([1-4])\b|\b(first|second|third|fourth)\b", text)
    if number and not re.search(r"\d{4}", text):
        n = int(number.group(1)) if number.group(1) else ORDINALS.index(number.group(2)) + 1
        return latest_fiscal_quarter_numbered(n, state.published, year_end)
    if re.search(r"\b(?:last|previous|prior) quarter\b", text) and state.running_period \
            and state.running_period.startswith("FY"):
        return shift_fiscal_quarter(state.running_period, -1)
    return None
