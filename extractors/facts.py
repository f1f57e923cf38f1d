"""Facts from article bodies: each figure with its metric, subject, period, geography, forecast and source."""
from __future__ import annotations

import datetime
import re
from dataclasses import replace
from typing import Iterable

from spacy.tokens import Doc

from extractors.article_state import ArticleState, lead_source, set_quarter_context, title_source, update_state
from extractors.cues import CURRENCY, context_pattern, unit_kind
from extractors.drafts import (CLAUSE_BREAK, COUNT_METRICS, NO_GEOGRAPHY_METRICS, Draft, Sentence, inside_quantity,
                               is_adjective, is_market_level, text_before)
from extractors.entities import group_of
from extractors.fiscal import FISCAL_TALK
from extractors.links import inherit_from, link_related
from extractors.metric import classify, is_money_change, keep_quantity
from extractors.models import Fact
from extractors.period_choice import assign_period, planned_after
from extractors.periods import period_bounds
from extractors.pipeline import get_nlp
from extractors.quantities import find_text_quantities
from extractors.sentences import split_sentences, tokenisable
from extractors.subject import assign_subject
from extractors.tables import table_facts

SIGNED_METRICS = {"growth_rate", "share_price_change"}
SCOPING = re.compile(r"\b(?:in|across|into|throughout|within|to|for|around)\s+(?:the\s+|all\s+of\s+)?"
                     r"(?:mainland\s+|western\s+|eastern\s+|northern\s+|southern\s+|central\s+)?$",
                     re.IGNORECASE)
ANALYST_REFERENCE = re.compile(r"\b(?:the|that) (?:research|analyst|analysis|market research|consulting) (?:firm|house|company|group)\b",
                               re.IGNORECASE)
PIPE_TABLE_ROW = re.compile(r"^\s*\|")
SELF_REPORT = re.compile(r"(?:['’]s?)?\s+(?:\w+\s+){0,2}?(?:said|says|reported|reports|posted|posts|announced|"
                         r"disclosed|expects|forecast|guided|told)\b", re.IGNORECASE)
LEADING_PLACE = re.compile(r"\s*(?:In|Across|Within|Throughout)\s+(?:the\s+|mainland\s+)?[\w .'’-]{2,30}$")
FORECAST_AFTER = re.compile(r"^\W*(?:is |are |was |were )?(?:expected|forecast|projected|planned|estimated|targeted)\b",
                            re.IGNORECASE)


def extract_facts(body: str, published: datetime.date | None, title: str | None = None) -> list[Fact]:
    """All facts of one article body (FACTS.md), in text order, duplicates collapsed to the first mention."""
    return facts_of_doc(get_nlp().make_doc(tokenisable(body)), body, published, title)


def extract_facts_many(items: Iterable[tuple]) -> list[list[Fact]]:
    """Facts of many (body, published) or (body, published, title) tuples, tokenised in one spaCy stream."""
    items = [tuple(item) + (None,) * (3 - len(item)) for item in items]
    docs = get_nlp().tokenizer.pipe(tokenisable(body) for body, _, _ in items)
    return [facts_of_doc(doc, body, published, title) for doc, (body, published, title) in zip(docs, items)]


def facts_of_doc(doc: Doc, body: str, published: datetime.date | None, title: str | None = None) -> list[Fact]:
    """Facts of a body, given its Doc (which may mask long runs; all text is read from the body itself)."""
    sentences = split_sentences(doc, body, find_text_quantities(body), published)
    state = ArticleState(published, title_source(title), lead_source(sentences),
                         fiscal_talk=bool(FISCAL_TALK.search(body)))
    facts: list[Fact] = []
    for sentence in sentences:
        if not PIPE_TABLE_ROW.match(sentence.text):  # table rows are read as tables, and must not set the period
            facts += sentence_facts(sentence, state)
    facts += table_facts(body, published, state.article_source or state.lead_source)
    facts.sort(key=lambda f: (f.start_char, f.end_char))
    return dedupe(facts)


def sentence_facts(sentence: Sentence, state: ArticleState) -> list[Fact]:
    """The facts of one sentence; updates the article state for the sentences after it."""
    set_quarter_context(sentence, state)
    drafts = [Draft(q, q.start_char - sentence.start, q.end_char - sentence.start) for q in sentence.quantities]
    drafts = [d for d in drafts if keep_quantity(d, sentence)]
    sentence.share_context = state.previous_percent_metric == "market_share"
    for d in drafts:
        classify(d, sentence)
        sentence.share_context = sentence.share_context or d.metric == "market_share"
    link_related(drafts, sentence, state)
    drafts = [d for d in drafts if d.metric and not is_money_change(d, sentence)]
    sentence.figures = [d.q for d in drafts]
    for d in sorted(drafts, key=lambda d: unit_kind(d.q.unit) != CURRENCY):
        if d.copied_from is None:
            assign_subject(d, drafts, sentence, state)
            if d.metric in ("investment", "revenue") and not d.subject and not d.subjects_each:
                # A company's figure without a company we know is left out, not taken for the market's.
                market_talk = sentence.analysts or sentence.geos or context_pattern("market_subject").search(sentence.text)
                d.metric, d.rule = ("market_spending", d.rule + "+no_company") if market_talk and not d.unknown_subject \
                    else (None, d.rule)
    for d in drafts:
        if d.copied_from is not None:
            d.metric = d.copied_from.metric  # a conversion follows its figure's final metric (or its removal)
    drafts = [d for d in drafts if d.metric]
    for d in drafts:
        if d.copied_from is None:
            d.forecast = forecast_cue(d, sentence)
            assign_period(d, sentence, state, drafts)
            settle_forecast(d, state)
            assign_geography(d, sentence, state)
            assign_source(d, sentence, state)
            assign_sign(d, sentence)
        else:
            inherit_from(d, d.copied_from, sentence, state)
    facts = [fact for d in drafts for fact in emit(d, sentence)]
    update_state(state, sentence, drafts)
    return facts


def forecast_cue(d: Draft, sentence: Sentence) -> bool:
    """Whether the words before the figure (or just after it) plan, expect or predict."""
    if d.compared_to is not None:
        return d.compared_to.forecast
    if context_pattern("forecast").search(text_before(sentence, d.start)):
        return True
    return bool(FORECAST_AFTER.match(sentence.text[d.end:]) or context_pattern("pledge_after").match(sentence.text[d.end:]))


def settle_forecast(d: Draft, state: ArticleState) -> None:
    """A figure for a period already over is reported; one for a period not yet begun is a forecast."""
    bounds = period_bounds(d.period)
    if bounds and state.published:
        if bounds[1] < state.published:
            d.forecast = False
        elif bounds[0] > state.published:
            d.forecast = True


def assign_geography(d: Draft, sentence: Sentence, state: ArticleState) -> None:
    """Where the figure is scoped: its sentence's nearest place, or the article's market for market figures."""
    if d.metric in NO_GEOGRAPHY_METRICS:
        d.geographies = [None]
        return
    market_level = is_market_level(d)
    each = context_pattern("distributive").search(sentence.text[max(0, d.start - 40):d.end + 20])
    geos = [g for g in sentence.geos if not inside_quantity(g.start_char, sentence)
            and not planned_after(d, g.start_char, sentence)
            and (not CLAUSE_BREAK.search(sentence.text[min(g.end_char, d.end):max(g.start_char, d.start)])
                 or LEADING_PLACE.match(sentence.text[:g.end_char]))
            and (market_level or (g.geography == "worldwide" and 0 <= g.start_char - d.end <= 30)
                 or (not is_adjective(g) and SCOPING.search(text_before(sentence, g.start_char)))
                 or (d.metric in COUNT_METRICS and 0 <= g.start_char - d.end <= 15))]
    if d.metric == "market_share" and not d.subject:
        holders = coordinated_run([g for g in geos if g.end_char <= d.start and not is_adjective(g)
                                   and not CLAUSE_BREAK.search(sentence.text[g.end_char:d.start])], sentence)
        if holders:
            # "The United States will account for 45 per cent"; "Europe and China each hold a third"
            d.geographies = list(dict.fromkeys(g.geography for g in holders)) if each else [holders[-1].geography]
            return
    before = coordinated_run([g for g in geos if g.end_char <= d.start], sentence)
    if each and len({g.geography for g in before}) >= 2:
        d.geographies = list(dict.fromkeys(g.geography for g in before))
        return
    if geos:
        nearest = min(geos, key=lambda g: d.start - g.end_char if g.end_char <= d.start else g.start_char - d.end)
        d.geographies = [nearest.geography]
        return
    d.geographies = [state.market_geography if market_level else None]


def coordinated_run(mentions: list, sentence: Sentence) -> list:
    """The last run of mentions joined only by commas and "and" ("Europe and China")."""
    run = mentions[-1:]
    for a, b in zip(reversed(mentions[:-1]), reversed(mentions[1:])):
        if not re.fullmatch(r"\s*(?:,|and|, and|&)\s*", sentence.text[a.end_char:b.start_char]):
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
    if context_pattern("self_attribution").search(sentence.text) or company_reports(sentence):
        return
    market_level = is_market_level(d)
    d.source = state.article_source or (state.lead_source if market_level else None)


def company_reports(sentence: Sentence) -> bool:
    """A company giving its own figure ("SAP said ...", "OVHcloud reported ..."): no analyst's source applies."""
    return any(SELF_REPORT.match(sentence.text[e.end_char:]) for e in sentence.companies)


def assign_sign(d: Draft, sentence: Sentence) -> None:
    """Decreases and losses are negative."""
    if d.metric == "profit":
        own = re.search(r"\b(?:loss(?:es)?|gain|profit|income|earnings)\b(?:[^.;$]{0,40})$",
                        sentence.text[max(0, d.start - 60):d.start], re.IGNORECASE)
        cue = own.group() if own else d.cue_text
        d.sign = -1 if context_pattern("loss").search(cue.split()[0] if own else cue) else 1
        return
    if d.metric in SIGNED_METRICS or (d.metric == "market_share" and d.q.unit == "pp"):
        clause = re.split(r"[,;:]", sentence.text[max(0, d.start - 40):d.start])[-1]
        previous_end = max((q.end_char - sentence.start for q in sentence.quantities
                            if q.end_char - sentence.start <= d.start), default=0)
        own_words = re.split(r"[,;:]", sentence.text[max(previous_end, d.start - 40):d.start])[-1]
        if context_pattern("positive").search(own_words) or context_pattern("negative").search(own_words):
            clause = own_words  # "revenue slipped 2.5% and Huawei's edged up 0.8%": this figure's own verb decides
        right = sentence.text[d.end:d.end + 20]
        negative = context_pattern("negative").search(clause) or re.match(r"^\s*(?:decline|drop|fall|lower|less)\b", right)
        d.sign = -1 if negative else 1


def emit(d: Draft, sentence: Sentence) -> list[Fact]:
    """The facts of a finished draft: one per company for distributive figures, one per geography."""
    if d.metric is None:
        return []
    subjects = d.subjects_each or [d.subject or ()]
    value = d.q.value * d.sign
    high = d.q.value_high * d.sign if d.q.value_high is not None else None
    if high is not None and high < value:
        value, high = high, value
    return [Fact(metric=d.metric, value=value, value_high=high, unit=d.q.unit, qualifier=d.q.qualifier,
                 subject=tuple(s for s in subject if s), geography=geo, period=d.period, forecast=d.forecast,
                 source=d.source, text=d.q.text, start_char=d.q.start_char, end_char=d.q.end_char,
                 sentence=sentence.text.strip(), rule=d.rule or "cue")
            for subject in subjects for geo in (d.geographies or [None])]


def dedupe(facts: list[Fact]) -> list[Fact]:
    """Within one article the same fact is reported once: its first mention, completed by later ones.

    Mentions are the same fact when metric, value, unit, subject (by company group) and geography agree and
    their periods agree or one of them has none; the first mention keeps its span and gains the period.
    """
    kept: dict[tuple, list[int]] = {}
    out: list[Fact] = []
    for f in facts:
        key = (f.metric, round(f.value, 6), f.value_high, f.unit,
               tuple(sorted({group_of(s) for s in f.subject})), f.geography, f.forecast)
        same = [i for i in kept.get(key, []) if out[i].period == f.period or None in (out[i].period, f.period)]
        if not same:
            kept.setdefault(key, []).append(len(out))
            out.append(f)
        elif out[same[0]].period is None and f.period is not None:
            out[same[0]] = replace(out[same[0]], period=f.period)
    return out
