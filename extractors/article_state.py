"""What earlier sentences of an article established for the later ones: the ArticleState (running period,
last subject, analyst firms, market geography, fiscal calendar) and how each sentence updates it."""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from extractors.company_names import CompanyNames
from extractors.cues import CURRENCY, unit_kind
from extractors.drafts import BASE_BEFORE, Draft, Sentence, clause_before, is_market_level, text_before
from extractors.entities import EntityMention, find_entities, group_of
from extractors.geography import GeoMention, find_geographies, geography_kind
from extractors.fiscal import fiscal_year_ends, last_completed_fiscal_quarter
from extractors.periods import find_periods, period_bounds

REPORTING_KINDS = ("quarter", "half", "fiscal_quarter")
RUNNING_PERIOD = re.compile(r"(?:FY)?\d{4}(?:-Q[1-4]|-H[12])?")
FORECAST_TALK = re.compile(r"\b(?:expect(?:s|ed)?|forecasts?|projects?|projected|predicts?|predicted|guidance|outlook)\b",
                           re.IGNORECASE)
QUARTER_TALK = re.compile(r"\b(?:quarterly|(?:for|in) the quarter|this quarter|the latest quarter)\b", re.IGNORECASE)


@dataclass
class ArticleState:
    """What earlier sentences established: the running period, subject and market geography."""

    published: datetime.date | None
    article_source: str | None  # named in the headline: the source of all the article's figures
    lead_source: str | None  # named in the lead paragraph: the source of its market figures
    running_period: str | None = None
    running_owner: str | None = None  # the company group a fiscal running period ("FY2025-Q1") is numbered for
    last_subject: tuple[str, ...] = ()
    recent_companies: list[EntityMention] = field(default_factory=list)
    market_geography: str | None = None
    title_country: str | None = None  # the one country the headline names
    body: str = ""  # the article body, for the rare rule that reads sentences without figures
    previous_percent_metric: str | None = None
    previous_money_metric: str | None = None  # the money metric the sentence before was about
    fiscal_talk: bool = False  # the article numbers periods as fiscal years ("fiscal 2025", "FY24")
    last_year: str | None = None  # the last calendar year named, for "that year"
    last_sentence_companies: int = 0  # how many company mentions the previous sentence had
    last_analyst: str | None = None  # the analyst firm named most recently, for "the research firm said"
    analyst_before: bool = False  # the previous sentence named an analyst firm: "it" may be the firm
    market_source: str | None = None  # the firm the latest market figure was attributed to by name
    forecast_period: str | None = None  # the year the latest forecast was for: dates forecasts that name none
    forecast_paragraph: int = 0  # the paragraph that forecast stood in


def title_source(title: str | None) -> str | None:
    """The analyst firm a headline names: the whole article reports its figures."""
    return next((m.canonical for m in find_entities(title or "") if m.kind == "analyst"), None)


TITLE_PERIOD_KINDS = ("quarter", "half", "fiscal_quarter", "fiscal_year", "year")


def title_period(title: str | None, published: datetime.date | None) -> str | None:
    """The one period a headline reports on ("Q2 results", "financial year 2019/20"): the article's running period
    until a sentence names another. None when the headline names no period, several, or one not yet over."""
    found = {p.period for p in find_periods(title or "", published)
             if p.period and p.kind in TITLE_PERIOD_KINDS and not p.comparison}
    if len(found) != 1:
        return None
    period = found.pop()
    bounds = period_bounds(period)
    if bounds is not None and published is not None and bounds[1] >= published:
        return None  # "to reach $723 billion in 2025": a forecast headline names no reported period
    return period


def title_subject(title: str | None, introduced: CompanyNames) -> tuple[str, ...]:
    """The company a headline is about, when it names companies of one group only ("Snowflake reports results for
    the third quarter"): the subject of the lead's figures until a sentence names a company."""
    known = find_entities(title or "")
    companies = [m for m in known if m.kind == "company"] + introduced.mentions(title or "", known)
    if not companies or len({group_of(m.canonical) for m in companies}) != 1:
        return ()
    return (min(companies, key=lambda m: m.start_char).canonical,)


MARKET_BEFORE = re.compile(r"\b(?:markets?|spend|spending)\s+(?:in|across)\s+(?:the\s+)?$", re.IGNORECASE)
# after the place: a headline's possessive alone names a market ("Alibaba keeps China's cloud crown"); a lead's must
# name the market ("the global cloud infrastructure market")
TITLE_MARKET_AFTER = re.compile(r"['’]s?\s|(?:\s+[\w-]+){0,2}?\s+(?:markets?|spend|spending)\b", re.IGNORECASE)
LEAD_MARKET_AFTER = re.compile(r"(?:['’]s)?(?:\s+[\w-]+){0,2}?\s+(?:markets?|spend|spending)\b", re.IGNORECASE)


def names_market(text: str, g: GeoMention, after: re.Pattern) -> bool:
    """The place is named as a market: "India's public cloud market", "spending in Brazil"."""
    return bool(after.match(text, g.end_char) or MARKET_BEFORE.search(text, 0, g.start_char))


def title_geography(title: str | None) -> str | None:
    """The one country or region whose market a headline names ("India's public cloud market", "Australian public
    cloud spend"): the market the article's market figures measure until a sentence names another. None when the
    headline names no market of a place ("Alibaba jumps in Hong Kong", "U.S. developer APL plans data centers"),
    several places, or only the world."""
    places = [g for g in find_geographies(title or "") if g.geography != "worldwide"]
    if len({g.geography for g in places}) != 1 or not any(names_market(title, g, TITLE_MARKET_AFTER) for g in places):
        return None
    return places[0].geography



def lead_geography(sentences: list[Sentence]) -> str | None:
    """The one place whose market the lead paragraph names ("the global cloud infrastructure market", "worldwide
    spending on AI infrastructure", "spending in Brazil"), with or without a figure beside it: the market of the
    article's market figures when the headline names none. None when the lead names no place or several."""
    places, linked = set(), False
    for sentence in (sentence for sentence in sentences if sentence.paragraph <= 1):
        for g in find_geographies(sentence.text):
            places.add(g.geography)
            linked = linked or names_market(sentence.text, g, LEAD_MARKET_AFTER)
    return places.pop() if len(places) == 1 and linked else None


def title_country(title: str | None) -> str | None:
    """The one country a headline names: what "the country" of the first sentences refers to."""
    found = {g.geography for g in find_geographies(title or "") if geography_kind(g.geography) == "country"}
    return found.pop() if len(found) == 1 else None


LEAD_PARAGRAPHS = 2  # a lead of figures is often followed by the paragraph that names their firm


def lead_source(sentences: list[Sentence]) -> str | None:
    """The analyst firm the first paragraphs name ("... spent $57.3 billion. // The figures come from IDC's latest
    tracker"): the source of the article's market figures."""
    for sentence in sentences:
        if sentence.paragraph > LEAD_PARAGRAPHS:
            break
        if sentence.analysts:
            return sentence.analysts[0].canonical
    return None


def last_completed_quarter(published: datetime.date | None) -> str | None:
    """The calendar quarter that ended most recently before the publication date."""
    if published is None:
        return None
    year, quarter = published.year, (published.month - 1) // 3
    return f"{year - 1}-Q4" if quarter == 0 else f"{year}-Q{quarter}"


def fiscal_owner(period: str | None, subject: tuple[str, ...] | None) -> str | None:
    """The company group a fiscal period is numbered for: the first of the subject's companies with a known fiscal
    calendar, else its first company; None for calendar periods and without a subject."""
    if not period or not period.startswith("FY") or not subject:
        return None
    groups = [group_of(s) for s in subject]
    return next((g for g in groups if g in fiscal_year_ends()), groups[0])


def set_running_period(state: ArticleState, period: str | None, subject: tuple[str, ...] | None) -> None:
    """The period the article goes on about, with the company whose numbering it is when fiscal."""
    state.running_period = period
    state.running_owner = fiscal_owner(period, subject or state.last_subject)


def fiscal_year_end_of(subject: tuple[str, ...] | None, state: ArticleState) -> int | None:
    """The fiscal year-end month to number this figure's quarters by, when the article talks fiscal years."""
    if not state.fiscal_talk or state.published is None:
        return None
    ends = fiscal_year_ends()
    return next((ends[group_of(s)] for s in (subject or state.last_subject) if group_of(s) in ends), None)


def set_quarter_context(sentence: Sentence, state: ArticleState) -> None:
    """"For the quarter" with no quarter named yet means the latest completed one (fiscal where the article is)."""
    if state.running_period is None and state.published and QUARTER_TALK.search(sentence.text):
        subject = (sentence.companies[0].canonical,) if sentence.companies else state.last_subject
        year_end = fiscal_year_end_of(subject, state)
        set_running_period(state, last_completed_fiscal_quarter(state.published, year_end) if year_end
                           else last_completed_quarter(state.published), subject)


OWNER_OF = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,3}$")


def sentence_subject(sentence: Sentence) -> EntityMention:
    """The company a sentence is about: its first, or the unit a possessive parent introduces ("Bharti Airtel's
    subsidiary Nxtra will ...", "Deutsche Telekom's T-Systems signed ...")."""
    first = sentence.companies[0]
    for later in sentence.companies[1:]:
        if later.start_char - first.end_char > 40:
            break
        if OWNER_OF.fullmatch(sentence.text[first.end_char:later.start_char]):
            return later
    return first


def update_forecast_period(state: ArticleState, sentence: Sentence, drafts: list[Draft]) -> None:
    """The year the article's forecasts are about: set by a forecast figure dated by its own mention, or by a sentence
    of forecast talk naming one year not yet over ("... is expected to see the strongest growth in 2026"); a reported
    figure dated by its own mention ends it."""
    own = [d for d in drafts if d.own_period and d.period and d.copied_from is None] if drafts else drafts
    # "IDC forecasts spending of $192 billion in 2024", read in January 2025, is reported by then but still a forecast
    forecast = {id(d) for d in own if d.forecast or FORECAST_TALK.search(clause_before(sentence, d))}
    if any(id(d) not in forecast for d in own):
        state.forecast_period = None
    forecasts = [d.period for d in own if id(d) in forecast and re.fullmatch(r"\d{4}(?:/\d{4})?", d.period)]
    if forecasts:
        state.forecast_period, state.forecast_paragraph = forecasts[-1], sentence.paragraph
        return
    if drafts or not state.published:
        return
    years = {p.period for p in sentence.periods if p.kind in ("year", "fiscal_year") and p.period and not p.comparison}
    if len(years) == 1 and FORECAST_TALK.search(sentence.text):
        year = years.pop()
        if int(year.removeprefix("FY")) >= state.published.year:
            state.forecast_period, state.forecast_paragraph = year, sentence.paragraph


def update_state(state: ArticleState, sentence: Sentence, drafts: list[Draft]) -> None:
    """Carry the subject, period and market geography over to the next sentences."""
    carried = any("+previous_subject" in d.rule for d in drafts)  # the sentence went on about the same company
    if sentence.companies and not carried:
        state.last_subject = (sentence_subject(sentence).canonical,)
    state.recent_companies = (state.recent_companies + sentence.companies)[-12:]
    state.last_sentence_companies = len(sentence.companies)
    state.analyst_before = bool(sentence.analysts)
    if sentence.analysts:
        state.last_analyst = sentence.analysts[-1].canonical
    named = {a.canonical for a in sentence.analysts}
    for d in drafts:
        if d.source in named and is_market_level(d):
            state.market_source = d.source  # "Figures from IDC show the IaaS market expanding by 47.5%"
        if d.own_period and d.period and not d.forecast and d.compared_to is None and not d.is_base \
                and RUNNING_PERIOD.fullmatch(d.period):
            set_running_period(state, d.period, d.subject or tuple(s for each in d.subjects_each for s in each))
        market_level = is_market_level(d)
        if market_level and d.geographies and d.geographies[0]:
            state.market_geography = d.geographies[0]
    if not sentence.quantities or (drafts and not any(d.own_period for d in drafts)):
        # A sentence whose figures took none of its periods still says which quarter the article is on.
        reported = [p for p in sentence.periods if p.period and not p.comparison and p.kind in REPORTING_KINDS
                    and not BASE_BEFORE.search(text_before(sentence, p.start_char)[-40:])]
        if reported:
            # "results covering the quarter ending March 2026"
            set_running_period(state, reported[0].period,
                               (sentence_subject(sentence).canonical,) if sentence.companies else None)
    update_forecast_period(state, sentence, drafts)
    for p in reversed(sentence.periods):
        if p.kind == "year" and p.period:
            state.last_year = p.period
            break
    percent_metric = money_metric = None
    for d in drafts:
        if d.metric:
            kind = unit_kind(d.q.unit)
            if kind == "percent":
                percent_metric = d.metric
            elif kind == CURRENCY and d.copied_from is None:
                money_metric = d.metric
    state.previous_percent_metric, state.previous_money_metric = percent_metric, money_metric
