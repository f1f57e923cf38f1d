"""Which period a figure refers to: the nearest period mention that can date it and is not claimed by another figure,
a comparison base, a span or a fiscal reading worked out from it (extractors/period_derived.py), the running forecast
year, or the article's running period."""
from __future__ import annotations

import re

from extractors.article_state import ArticleState, last_completed_quarter
from extractors.cues import CURRENCY, context_pattern, unit_kind
from extractors.drafts import (BASE_BEFORE, CLAUSE_BREAK, CONJUNCTION, COUNT_METRICS, LEVEL_TO, NO_GEOGRAPHY_METRICS,
                               SHARE_METRICS, Draft, Sentence, clause_before, is_market_level, text_before)
from extractors.links import is_conversion, joined_as_list, linked_by_to
from extractors.models import Quantity
from extractors.period_context import BASE_OF, OVER, REPORTED_ON, SINCE, SINCE_PHRASE, MentionContext, mention_context
from extractors.period_derived import (PERFECT, comparison_base, duration_span, earlier_than, ended_before, fiscal_reading,
                                       growth_span, previous_quarter, running_period_for, shift_year, since_span,
                                       year_after_base, year_in_sequence)
from extractors.periods import PeriodMention, span_to

DATELINE = re.compile(r"^\s*[A-Z][A-Z .'’-]+,\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})\s*(?:\([^)]*\))?\s*[-–—]")
APPOSITION = re.compile(r"\s*[,(]\s*(?:or\s+|i\.e\.\s+)?")
REPORTING_VERB_AFTER = re.compile(r"\s*(?:said|predicted|reported|announced|forecast|estimated|projected|disclosed)\b",
                                  re.IGNORECASE)
# "Earlier this year(,) AWS announced plans to invest ...": an opening period dates the announcement, not the figure.
ANNOUNCED_AFTER = re.compile(r"\s*,?\s*(?:(?-i:[A-Z])[\w.&'’-]*\s+){1,3}(?:said|announced|unveiled|revealed|committed|pledged|"
                             r"promised|disclosed)\b", re.IGNORECASE)
# Between a level and its comparison base: "$4.1 billion(,) in the same quarter", "$129 million it lost in the year-ago quarter".
COMPARISON_GAP = re.compile(r"\s*,?\s*(?:(?:it|they|which|that)\s+\w+\s+)?(?:(?:in|for|during|over|at)\s+)?(?:the\s+|a\s+)?",
                            re.IGNORECASE)
POSSESSIVE_GAP = re.compile(r"['’]s?\s+(?:about |around |roughly |nearly |almost )?")
QUARTER_AGO = re.compile(r"\b(?:three|3) months (?:ago|earlier|before)|\ba quarter (?:ago|earlier)|"
                         r"\b(?:previous|prior|preceding|last) quarter\b", re.IGNORECASE)
FULL_YEAR = re.compile(r"\b(?:full|whole|entire)[ -]year\b", re.IGNORECASE)
PAST_SPAN = re.compile(r"\b(?:has|have|had)\s+(?:\w+\s+)?(?:doubled|tripled|grown|risen|increased|fallen|declined|expanded)\s*$|"
                       r"\b(?:has|have|had)\s+(?:\w+\s+)?\w+ed\b[^,;]{0,20}$", re.IGNORECASE)
# Jobs created over the years up to a deadline add up like money spent: "will have created 26,500 jobs by 2030".
JOBS_CREATED = re.compile(r"\b(?:creat|generat|support|add)\w*\b", re.IGNORECASE)
# "Growth had been 26% in the June quarter": the past perfect looks back from the period the story is about.
LOOK_BACK = re.compile(r"\bhad\s+(?:been|grown|risen|fallen|climbed|increased|declined|dropped|reached|stood)\b", re.IGNORECASE)
OPENING_PERIOD = re.compile(r"(?:^|[;:])\W*(?:for|in|over|during|across|throughout)\s+"
                            r"(?:the\s+(?:whole|full|entire|course)\s+of\s+)?$", re.IGNORECASE)
YEAR_AS_WHOLE = re.compile(r"\b(?:for|over|across|throughout)\s+$", re.IGNORECASE)
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
    open_mention = mention is None or mention.period is None  # none, or "the full year": no other period competes
    after_base = year_after_base(d, drafts, sentence, state.published) \
        if open_mention or mention.kind == "year" else None
    if after_base and (open_mention or mention is after_base[1]):
        d.period, d.own_period = after_base[0], True  # "took in CNY362bn, 2.3% more than in 2022": 2023
        return
    if mention is not None and d.forecast and mention.kind in ("quarter", "half", "month") \
            and not re.search(r"\d{4}", mention.text) and ended_before(mention.period, state.published) \
            and mention.period != last_completed_quarter(state.published) \
            and context_pattern("guidance").search(clause_before(sentence, d)):
        # "guided for 37% growth in the December quarter" in October; but the quarter just ended is the one analysts
        # expect results for ("analysts forecast third-quarter revenue of $86 billion" in late October)
        d.period = shift_year(mention.period, 1)
        return
    current = d.compared_to.period if d.compared_to is not None and d.compared_to.period \
        else running_period_for(d, sentence, state)
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
        running = running_period_for(d, sentence, state)
        year = re.sub(r"-(?:Q[1-4]|H[12]|\d{2})$", "", running) if running \
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
                    and re.fullmatch(r"\d{4}", p.period) and mention_context(p, sentence).ends_before(REPORTED_ON)]
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
    d.period = running_period_for(d, sentence, state)


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


def opens_clause(p: PeriodMention, d: Draft, sentence: Sentence) -> bool:
    """A period phrase that opens its sentence or a clause after ';' or ':' ("For the full year ...") governs the
    clauses joined to it after the figure's way ("..., and net profit of $101.8 billion")."""
    return p.end_char <= d.start and mention_context(p, sentence).ends_before(OPENING_PERIOD) \
        and not re.search(r"[;:]", sentence.text[p.end_char:d.start])


def whole_year(p: PeriodMention, sentence: Sentence) -> bool:
    """"the full year", "full-year", "for the year", "over the year": the whole year the quarter under discussion is in."""
    return bool(FULL_YEAR.search(p.text)) or (p.text.lower() == "the year" and p.period is None
                                             and mention_context(p, sentence).ends_before(YEAR_AS_WHOLE))


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
    context = mention_context(p, sentence)
    if any(not a <= d.start < b for a, b in context.asides_around):
        return False  # "Brightmere, founded in 2012, has 2,300 customers"
    if not dates_a_figure(context, sentence):
        return False
    owned_by_base = p.end_char <= d.start and (POSSESSIVE_GAP.fullmatch(sentence.text[p.end_char:d.start])
                                               or (p.comparison and BASE_CLAUSE.fullmatch(sentence.text[p.end_char:d.start])))
    if p.comparison and not owned_by_base and (d.metric == "growth_rate" or d.q.unit == "pp" or p.start_char < d.end
                                               or not COMPARISON_GAP.fullmatch(sentence.text[d.end:p.start_char])):
        return False  # a comparison base dates only the level right before it ("63% a year ago", "the previous
        # quarter's 19.3%"), never a change
    if d.metric == "growth_rate" and context.ends_before(BASE_BEFORE) and not over_the_stretch(p, sentence):
        return False  # "up a quarter from 2023": the year is the base of the change
    if d.metric == "growth_rate" and context.base_level:
        return False  # "double its 2016 size": the year of the base
    # "swelled to $55.6 billion, nearly doubling from the end of the second quarter": a change's base
    return bool(owned_by_base) or not context.ends_before(BASE_OF)


def dates_a_figure(context: MentionContext, sentence: Sentence) -> bool:
    """What period_usable asks of the mention alone, whatever the figure (worked out once per mention): it has a
    period to give, dates no statement and stands outside the sentence's figures."""
    usable = context.answers.get("dates_a_figure")
    if usable is None:
        usable = context.answers["dates_a_figure"] = not dates_nothing(context, sentence) \
            and not dates_statement(context) and not context.inside_quantity
    return usable


def dates_nothing(context: MentionContext, sentence: Sentence) -> bool:
    """A mention no figure takes: no period and none to work out, or "two weeks ago" (dates a report)."""
    p = context.mention
    if p.period is None and not p.comparison and not whole_year(p, sentence) and not QUARTER_AGO.search(p.text) \
            and p.kind not in ("fiscal_quarter", "fiscal_relative", "unrepresentable"):
        return True
    return p.kind == "relative" and not p.comparison and p.text.lower().endswith("ago") and not QUARTER_AGO.search(p.text)


def dates_statement(context: MentionContext) -> bool:
    """"since 2022" starts a streak; "said in August", "In March, AWS announced" date a statement."""
    return context.ends_before(SINCE) or context.ends_before(REPORTED_ON) \
        or REPORTING_VERB_AFTER.match(context.after) is not None or context.ends_before(SINCE_PHRASE) \
        or (not context.before.strip() and ANNOUNCED_AFTER.match(context.after) is not None)


def last_years_base(p: PeriodMention, d: Draft, sentence: Sentence) -> bool:
    """"from last year's $188.7 million": the base of a change, owned by "last year's"."""
    return p.kind == "relative" and p.text.lower() == "last year" and p.end_char <= d.start \
        and bool(POSSESSIVE_GAP.fullmatch(sentence.text[p.end_char:d.start])) \
        and mention_context(p, sentence).ends_before(BASE_OF)


def over_the_stretch(p: PeriodMention, sentence: Sentence) -> bool:
    """"expanding by 47.5% over the first half": "over" a half or quarter named without its year is the stretch the
    change happened in; "up 9% over 2023", "over the first quarter of 2023" name the base."""
    return mention_context(p, sentence).ends_before(OVER) and p.text.lower().startswith("the ") \
        and p.kind in ("half", "quarter") and not re.search(r"\d{4}", p.text) and not p.comparison


def attached(q: Quantity, p: PeriodMention, sentence: Sentence) -> bool:
    """A figure standing right next to a period mention ("$1.2 billion in Q2 2024")."""
    q_start, q_end = q.start_char - sentence.start, q.end_char - sentence.start
    gap = sentence.text[q_end:p.start_char] if q_end <= p.start_char else sentence.text[p.end_char:q_start]
    return len(gap) <= 6 and "," not in gap
