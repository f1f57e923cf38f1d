"""Facts from article bodies: each figure with its metric, subject, period, geography, forecast and source.

This module runs the rules in order; each concern lives in its own module:
sentences (split the body, find mentions), metric (which metric, or no fact), links (conversions, comparisons,
lists), subject (which companies), period_choice (which period), scope (forecast, geography, source, sign),
article_state (what earlier sentences established), emit (drafts to facts, one per first mention);
drafts holds the Draft and Sentence they all pass around.
"""
from __future__ import annotations

import datetime
import re
from typing import Iterable

from spacy.tokens import Doc

from extractors.article_state import (ArticleState, lead_source, set_quarter_context, set_running_period, title_period,
                                      lead_geography, title_country, title_geography, title_source, title_subject,
                                      update_state)
from extractors.company_names import CompanyNames, discover_companies
from extractors.cues import CURRENCY, unit_kind
from extractors.deal_parties import add_counterparty
from extractors.drafts import Draft, Sentence
from extractors.emit import emit, finish
from extractors.fiscal import FISCAL_TALK
from extractors.local_dollar import bare_dollar_code, with_local_dollar
from extractors.links import drop_glossed_words, inherit_from, link_related
from extractors.metric import classify, is_money_change, is_size_band, keep_quantity
from extractors.models import Fact
from extractors.period_choice import assign_period
from extractors.quantities import find_text_quantities
from extractors.segments import MarketScope, article_scope, table_measures
from extractors.scope import (assign_geography, assign_sign, assign_source, forecast_cue, report_growth_source,
                              settle_forecast)
from extractors.sentences import split_sentences
from extractors.subject import assign_subject, settle_companyless
from extractors.tables import table_facts

PIPE_TABLE_ROW = re.compile(r"^\s*\|")


def extract_facts(body: str, published: datetime.date | None, title: str | None = None) -> list[Fact]:
    """All facts of one article body (FACTS.md), in text order, duplicates collapsed to the first mention."""
    return extract_facts_many([(body, published, title)])[0]


def extract_facts_many(items: Iterable[tuple]) -> list[list[Fact]]:
    """Facts of many (body, published) or (body, published, title) tuples, through the spaCy facts component
    (extractors.components.bulk_pipeline: published and title travel on doc._)."""
    from extractors.components import bulk_pipeline, run_pipeline

    items = [tuple(item) + (None,) * (3 - len(item)) for item in items]
    nlp = bulk_pipeline()
    docs = nlp.tokenizer.pipe(body for body, _, _ in items)
    return [[d.fact for d in run_pipeline(nlp, doc, published, title)._.facts]
            for doc, (_, published, title) in zip(docs, items)]


def facts_of_doc(doc: Doc, body: str, published: datetime.date | None, title: str | None = None) -> list[Fact]:
    """Facts of a body, given its Doc (which may mask long runs; all text is read from the body itself)."""
    introduced = discover_companies(body, title)
    quantities = with_local_dollar(find_text_quantities(body), bare_dollar_code(body, title))
    return facts_of_sentences(split_sentences(doc, body, quantities, published, introduced), body, published, title,
                              introduced)


def facts_of_sentences(sentences: list[Sentence], body: str, published: datetime.date | None,
                       title: str | None = None, introduced: CompanyNames | None = None) -> list[Fact]:
    """Facts of a body cut into sentences with their mentions (split_sentences, or the spaCy components); the
    companies the article introduces (company_names) when the caller found them already."""
    if introduced is None:
        introduced = discover_companies(body, title)
    state = ArticleState(published, title_source(title), lead_source(sentences),
                         last_subject=title_subject(title, introduced),
                         market_geography=title_geography(title) or lead_geography(sentences),
                         title_country=title_country(title), body=body, fiscal_talk=bool(FISCAL_TALK.search(body)))
    set_running_period(state, title_period(title, published), state.last_subject)
    scope = article_scope(body, title)
    facts: list[Fact] = []
    for sentence in sentences:
        if not PIPE_TABLE_ROW.match(sentence.text):  # table rows are read as tables, and must not set the period
            facts += sentence_facts(sentence, state, scope)
    facts += [table_measures(f, scope) for f in table_facts(body, published, state.article_source or state.lead_source)]
    facts.sort(key=lambda f: (f.start_char, f.end_char))
    return finish(facts)


def sentence_facts(sentence: Sentence, state: ArticleState, scope: MarketScope | None = None) -> list[Fact]:
    """The facts of one sentence; updates the article state for the sentences after it."""
    set_quarter_context(sentence, state)
    drafts = [Draft(q, q.start_char - sentence.start, q.end_char - sentence.start) for q in sentence.quantities]
    drafts = [d for d in drafts if keep_quantity(d, sentence)]
    sentence.share_context = state.previous_percent_metric == "market_share"
    for d in drafts:
        classify(d, sentence)
        sentence.share_context = sentence.share_context or d.metric == "market_share"
    link_related(drafts, sentence, state)
    drop_glossed_words(drafts, sentence)
    dropped = {id(d) for d in drafts if d.metric and (is_money_change(d, sentence) or is_size_band(d, sentence))}
    drafts = [d for d in drafts if d.metric and id(d) not in dropped and id(d.copied_from) not in dropped]
    sentence.figures = [d.q for d in drafts]
    for d in sorted(drafts, key=lambda d: unit_kind(d.q.unit) != CURRENCY):
        if d.copied_from is None:
            assign_subject(d, drafts, sentence, state)
            settle_companyless(d, sentence)
            add_counterparty(d, sentence)
    for d in drafts:
        if d.copied_from is not None:
            d.metric = d.copied_from.metric  # a conversion follows its figure's final metric (or its removal)
    drafts = [d for d in drafts if d.metric]
    for d in drafts:
        if d.copied_from is None:
            d.forecast = forecast_cue(d, sentence)
            assign_period(d, sentence, state, drafts)
            settle_forecast(d, state, sentence)
            assign_geography(d, sentence, state)
            assign_source(d, sentence, state)
            assign_sign(d, sentence)
        else:
            inherit_from(d, d.copied_from, sentence, state)
    report_growth_source(drafts, sentence)
    emitted: dict[int, list[Fact]] = {}
    for d in drafts:  # a conversion follows the figure it translates
        converted = emitted.get(id(d.copied_from), []) if d.copied_from is not None else []
        emitted[id(d)] = emit(d, sentence, scope, converted)
    facts = [fact for d in drafts for fact in emitted[id(d)]]
    update_state(state, sentence, drafts)
    return facts
