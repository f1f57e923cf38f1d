"""Where a figure stands besides its metric, subject and period: whether it is a forecast, which geography it is
scoped to, which analyst firm it is attributed to, and its sign (decreases and losses are negative)."""
from __future__ import annotations

import datetime
import re
from functools import lru_cache

from extractors.article_state import ArticleState
from extractors.cues import context_pattern, unit_kind
from extractors.drafts import (CLAUSE_BREAK, COORDINATION, COUNT_METRICS, NO_GEOGRAPHY_METRICS, Draft, Sentence,
                               clause_before, inside_quantity, is_adjective, is_market_level, says_respectively,
                               text_before)
from extractors.facility_place import facility_geography
from extractors.geography import GeoMention
from extractors.period_choice import planned_after
from extractors.periods import period_bounds

SIGNED_METRICS = {"growth_rate", "share_price_change"}
SCOPING = re.compile(r"\b(?:in|across|into|throughout|within|to|for|around)\s+(?:the\s+|all\s+of\s+)?"
                     r"(?:mainland\s+|western\s+|eastern\s+|northern\s+|southern\s+|central\s+)?$",
                     re.IGNORECASE)
ANALYST_REFERENCE = re.compile(r"\b(?:the|that) (?:research|analyst|analysis|market research|consulting) (?:firm|house|company|group)\b",
                               re.IGNORECASE)
OTHER_ATTRIBUTION = re.compile(r"\b(?:according to|data from|figures from|research from|numbers from|estimates? (?:from|by)|"
                               r"reports? (?:from|by)|surveys? (?:from|by)|cited by|compiled by)\s+(?P<name>)(?:the\s+)?(?=(?-i:[A-Z]))",
                               re.IGNORECASE)
SELF_REPORT = re.compile(r"(?:['’]s?)?\s+(?:\w+\s+){0,2}?(?:said|says|reported|reports|posted|posts|announced|"
                         r"disclosed|expects|forecast|guided|told)\b", re.IGNORECASE)
LEADING_PLACE = re.compile(r"\s*(?:In|Across|Within|Throughout)\s+(?:the\s+|mainland\s+)?[\w .'’-]{2,30}$")
FORECAST_AFTER = re.compile(r"^\W*(?:is |are |was |were )?(?:expected|forecast|projected|planned|estimated|targeted)\b",
                            re.IGNORECASE)


def forecast_cue(d: Draft, sentence: Sentence) -> bool:
    """Whether the words before the figure (or just after it) plan, expect or predict."""
    left, after = text_before(sentence, d.start), sentence.text[d.end:]
    if context_pattern("consensus_after").match(after) or context_pattern("consensus_before").search(left):
        return True  # "ahead of the 37.9 billion yuan analysts expected": a consensus estimate is a forecast
    if d.compared_to is not None:
        return d.compared_to.forecast
    if context_pattern("forecast").search(left.rsplit(";", 1)[-1]):
        return True  # a plan before a semicolon is the other clause's ("AWS plans ...; the company has 19 of them")
    return bool(FORECAST_AFTER.match(after) or context_pattern("pledge_after").match(after))


FORECASTER_WORDS = re.compile(r"\b(?:forecasts?|forecasted|projects?|projected|predicts?|predicted|expects?|expected|"
                              r"estimates?|estimated)\b", re.IGNORECASE)
RECENTLY_ENDED_DAYS = 120  # a forecast for a period that ended this long before publication is still one


@lru_cache(maxsize=1024)
def _period_bounds(period: str | None) -> tuple[datetime.date, datetime.date] | None:
    """period_bounds, cached: the same few period labels ("2024", "2025-Q3") come back in article after article."""
    return period_bounds(period)


def settle_forecast(d: Draft, state: ArticleState, sentence: Sentence | None = None) -> None:
    """A figure for a period already over is reported; one for a period not yet begun is a forecast. A forecast for a
    period that just ended stays one when its clause says so ("IDC forecasts spending of $192 billion in 2024", read
    in January 2025), and so does what analysts expected."""
    bounds = _period_bounds(d.period)
    if bounds and state.published:
        if bounds[1] < state.published:
            recent = (state.published - bounds[1]).days <= RECENTLY_ENDED_DAYS
            said = sentence is not None and d.forecast and (
                context_pattern("consensus_after").match(sentence.text[d.end:])
                or context_pattern("consensus_before").search(text_before(sentence, d.start))
                or (recent and d.own_period and d.compared_to is None and not d.is_base
                    and FORECASTER_WORDS.search(clause_before(sentence, d))))
            d.forecast = bool(said)
        elif bounds[0] > state.published:
            d.forecast = True


def assign_geography(d: Draft, sentence: Sentence, state: ArticleState) -> None:
    """Where the figure is scoped: its sentence's nearest place, or the article's market for market figures."""
    if d.metric in NO_GEOGRAPHY_METRICS:
        d.geographies = [None]
        return
    market_level = is_market_level(d)
    geos = [g for g in places_outside_names(sentence) if not inside_quantity(g.start_char, sentence)  # cheap first
            and (market_level or (g.geography == "worldwide" and 0 <= g.start_char - d.end <= 30)
                 or scoped_by_preposition(g, sentence) or opens_with_comma(g, sentence)
                 or (d.metric in COUNT_METRICS and 0 <= g.start_char - d.end <= 15))
            and (not CLAUSE_BREAK.search(sentence.text[min(g.end_char, d.end):max(g.start_char, d.start)])
                 or leads_sentence(g, sentence))
            and not planned_after(d, g.start_char, sentence)]
    if d.metric == "market_share" and not d.subject:
        holders = coordinated_run([g for g in geos if g.end_char <= d.start and not is_adjective(g)
                                   and not CLAUSE_BREAK.search(sentence.text[g.end_char:d.start])], sentence)
        if holders:
            # "The United States will account for 45 per cent"; "Europe and China each hold a third"
            d.geographies = list(dict.fromkeys(g.geography for g in holders)) if each_near(d, sentence) \
                else [holders[-1].geography]
            return
    before = coordinated_run([g for g in geos if g.end_char <= d.start], sentence)
    paired = respective_place(d, before, sentence)
    if paired is not None:
        d.geographies = [paired]  # "China and North America, with spending of, respectively, $47 billion and $16 billion"
        return
    if len({g.geography for g in before}) >= 2 and each_near(d, sentence):
        d.geographies = list(dict.fromkeys(g.geography for g in before))
        return
    following = [g for g in geos if g.start_char >= d.end and PLACE_AFTER.fullmatch(sentence.text[d.end:g.start_char])]
    if following:
        d.geographies = [following[0].geography]  # "US$9bil into Singapore, US$5bil into Thailand"
        return
    if geos:
        nearest = min(geos, key=lambda g: d.start - g.end_char if g.end_char <= d.start else g.start_char - d.end)
        d.geographies = [nearest.geography]
        return
    d.geographies = [state.market_geography if market_level else facility_geography(d, sentence, state)]


def places_outside_names(sentence: Sentence) -> list[GeoMention]:
    """The sentence's places that are no part of a company's name ("China" in "China Telecom"), found once."""
    found = sentence.memo.get("places_outside_names")
    if found is None:
        found = sentence.memo["places_outside_names"] = [
            g for g in sentence.geos
            if not any(e.start_char <= g.start_char and g.end_char <= e.end_char for e in sentence.companies)]
    return found


def each_near(d: Draft, sentence: Sentence) -> bool:
    """"each", "both", "respectively" near the figure: it goes with every place listed."""
    return bool(context_pattern("distributive").search(sentence.text[max(0, d.start - 40):d.end + 20]))


def leads_sentence(g: GeoMention, sentence: Sentence) -> bool:
    """The place opens the sentence ("In China, ..."); asked once per place, not per figure."""
    key = ("leads", g.start_char)
    found = sentence.memo.get(key)
    if found is None:
        found = sentence.memo[key] = bool(LEADING_PLACE.match(sentence.text[:g.end_char]))
    return found


def opens_with_comma(g: GeoMention, sentence: Sentence) -> bool:
    """A place that opens the sentence before a comma scopes all of it ("Globally, AWS now operates 108 availability
    zones"; "In China, ..." is scoped_by_preposition)."""
    return not sentence.text[:g.start_char].strip() and sentence.text[g.end_char:g.end_char + 2].lstrip().startswith(",")


def scoped_by_preposition(g: GeoMention, sentence: Sentence) -> bool:
    """A place name after "in", "across", "into" ... ("in mainland China"); asked once per place, not per figure."""
    key = ("scoped", g.start_char)
    found = sentence.memo.get(key)
    if found is None:
        found = sentence.memo[key] = not is_adjective(g) and bool(SCOPING.search(text_before(sentence, g.start_char)))
    return found


PLACE_AFTER = re.compile(r"\s+(?:into|in|for|across|throughout)\s+(?:the\s+|mainland\s+)?", re.IGNORECASE)


def respective_place(d: Draft, places: list, sentence: Sentence) -> str | None:
    """With "respectively", the n-th of n listed places goes with the n-th of n figures of one kind after them."""
    if len(places) < 2 or not says_respectively(sentence):
        return None
    kind = unit_kind(d.q.unit)
    figures = [q for q in sentence.figures if unit_kind(q.unit) == kind and q.start_char - sentence.start >= places[-1].end_char]
    if len(figures) != len(places) or d.q not in figures:
        return None
    return places[figures.index(d.q)].geography


def coordinated_run(mentions: list, sentence: Sentence) -> list:
    """The last run of mentions joined only by commas and "and" ("Europe and China")."""
    run = mentions[-1:]
    for a, b in zip(reversed(mentions[:-1]), reversed(mentions[1:])):
        if not COORDINATION.fullmatch(sentence.text[a.end_char:b.start_char]):
            break
        run.insert(0, a)
    return run


def assign_source(d: Draft, sentence: Sentence, state: ArticleState) -> None:
    """The analyst firm the figure is attributed to: named in the sentence, else the article's firm."""
    if sentence.analysts:
        d.source = min(sentence.analysts, key=lambda a: abs(a.start_char - d.start)).canonical
        return
    if state.last_analyst and (ANALYST_REFERENCE.search(sentence.text)
                               or (state.analyst_before and not state.last_sentence_companies and not sentence.companies
                                   and context_pattern("firm_anaphor").search(sentence.text))):
        d.source = state.last_analyst  # "..., the research firm said"; "The firm expects ..."
        return
    provider = consensus_provider(d, sentence)
    if provider:
        d.source = provider  # "analysts had expected $46.17 billion, according to LSEG data"
        return
    if self_reported(sentence):
        return
    if attributed_elsewhere(sentence):
        return  # "according to Kestrel Analytics": a firm the entity table does not know, not the article's
    market_level = is_market_level(d)
    d.source = state.article_source or ((state.market_source or state.lead_source) if market_level else None)


def report_growth_source(drafts: list[Draft], sentence: Sentence) -> None:
    """A company's growth told beside its market share ("AWS took 32 percent, and its business expanded 39 percent")
    comes from the same report as the share."""
    shares = [d.source for d in drafts if d.metric == "market_share" and d.source]
    if not shares or self_reported(sentence):
        return
    for d in drafts:
        if d.metric == "growth_rate" and d.subject and d.source is None and d.copied_from is None:
            d.source = shares[0]


def consensus_provider(d: Draft, sentence: Sentence) -> str | None:
    """The data provider (LSEG, FactSet ...) a sentence names, for a consensus estimate in it; not for the reported
    figure the estimate is set against."""
    if not d.forecast or not (context_pattern("consensus_after").match(sentence.text[d.end:])
                              or context_pattern("consensus_before").search(text_before(sentence, d.start))):
        return None
    return next((e.canonical for e in sentence.others if e.kind == "data_provider"), None)


def attributed_elsewhere(sentence: Sentence) -> bool:
    """The sentence attributes its figures to a name that is no known firm or medium ("according to Kestrel
    Analytics"); "according to The Register" still reports the article's firm."""
    found = sentence.memo.get("attributed_elsewhere")
    if found is None:
        media_at = {e.start_char for e in sentence.others if e.kind == "media"}
        found = sentence.memo["attributed_elsewhere"] = any(
            not {m.start("name"), m.end()} & media_at for m in OTHER_ATTRIBUTION.finditer(sentence.text))
    return found


def self_reported(sentence: Sentence) -> bool:
    """The sentence gives a company's own figure, or attributes it to an executive (the same for each figure)."""
    found = sentence.memo.get("self_reported")
    if found is None:
        found = sentence.memo["self_reported"] = bool(context_pattern("self_attribution").search(sentence.text)
                                                      or company_reports(sentence))
    return found


def company_reports(sentence: Sentence) -> bool:
    """A company giving its own figure ("SAP said ...", "OVHcloud reported ..."): no analyst's source applies."""
    return any(SELF_REPORT.match(sentence.text, e.end_char) for e in sentence.companies)  # no look-behind: as a slice


BARE_BY = re.compile(r"\s*(?:by\s+)?(?:about |around |roughly |nearly |almost |some |just |over |more than )?", re.IGNORECASE)
CLAUSE_PUNCTUATION = re.compile(r"[,;:]")
DECLINE_AFTER = re.compile(r"^\s*(?:decline|drop|fall|lower|less)\b")
PROFIT_WORD = re.compile(r"\b(?:loss(?:es)?|gain|profit|income|earnings)\b", re.IGNORECASE)


def assign_sign(d: Draft, sentence: Sentence) -> None:
    """Decreases and losses are negative."""
    if d.metric == "profit":
        window = sentence.text[max(0, d.start - 60):d.start]
        # The profit word nearest the figure decides ("Profit: the bottom line showed a net loss of $314.6 million").
        own = [m for m in PROFIT_WORD.finditer(window) if "$" not in window[m.end():] and len(window) - m.end() <= 40]
        cue = own[-1].group() if own else d.cue_text
        d.sign = -1 if context_pattern("loss").search(cue) else 1
        return
    if d.metric in SIGNED_METRICS or (d.metric == "market_share" and d.q.unit == "pp"):
        pieces = CLAUSE_PUNCTUATION.split(sentence.text[max(0, d.start - 60):d.start])
        clause = pieces[-1]
        if len(pieces) > 1 and BARE_BY.fullmatch(clause):
            clause = pieces[-2] + clause  # "the number of systems shipped fell, by 23.2%": the verb before the comma
        previous_end = max((q.end_char - sentence.start for q in sentence.quantities
                            if q.end_char - sentence.start <= d.start), default=0)
        own_words = CLAUSE_PUNCTUATION.split(sentence.text[max(previous_end, d.start - 40):d.start])[-1]
        if context_pattern("positive").search(own_words) or context_pattern("negative").search(own_words):
            clause = own_words  # "revenue slipped 2.5% and Huawei's edged up 0.8%": this figure's own verb decides
        right = sentence.text[d.end:d.end + 20]
        negative = context_pattern("negative").search(clause) or DECLINE_AFTER.match(right)
        d.sign = -1 if negative else 1
