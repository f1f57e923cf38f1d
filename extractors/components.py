"""The extraction as spaCy components that any pipeline can add by name.

Factories (registered here with `@Language.factory`, and exposed through the `spacy_factories` entry point in
pyproject.toml, so `spacy.blank("en").add_pipe("cloudfacts_quantities")` works without importing this module):

    cloudfacts_quantities  figures in doc.spans["cf_quantities"] (label = unit kind), each span with
                           ._.value, ._.value_high, ._.unit, ._.qualifier and ._.noun
    cloudfacts_companies   companies, analyst firms and media of entities.jsonl in doc.spans["cf_companies"]
                           (label COMPANY, ANALYST or MEDIA) with ._.canonical and ._.group; ORG spans an upstream
                           pipeline put in doc.ents become extra subject candidates (label ORG)
    cloudfacts_places      geographies of geographies.jsonl in doc.spans["cf_places"] with ._.geography
    cloudfacts_periods     period expressions in doc.spans["cf_periods"] with ._.period, ._.period_kind and
                           ._.comparison
    cloudfacts_facts       doc._.facts: one DocFact per fact (FACTS.md), pointing at its figure, sentence, subject,
                           period, place and source spans; the figures again in doc.spans["cf_facts"], labelled
                           with their metric (what displaCy's span view shows)

The caller sets doc._.published (a date) and doc._.title before the facts component runs.

Each component wraps the rule functions extract_facts uses (quantities, entities, geography, periods, facts) and
finds mentions exactly where it does: quantities over the whole body, the rest per sentence (sentence ends plus
line ends, `sentences.sentence_spans`), places only in sentences with figures unless `all_places` is set. The raw
mentions travel to the facts component in a per-Doc side table, so it never reads them back from spans; a
component missing upstream is run on demand. With no upstream ORG entities, `load()(body)` therefore gives the
facts of `extract_facts(body)`.

Company matching stays the hand-written AliasMatcher of `entities.py`: benchmarks/matchers.py measures spaCy's
PhraseMatcher on the same aliases (numbers in benchmarks/README.md).
"""
from __future__ import annotations

import datetime
import weakref
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors.company_names import CompanyNames, discover_companies
from extractors.cues import unit_kind
from extractors.drafts import Sentence
from extractors.entities import EntityMention, find_entities
from extractors.geography import GeoMention, find_geographies
from extractors.local_dollar import bare_dollar_code, with_local_dollar
from extractors.models import Fact, Quantity
from extractors.periods import PeriodMention, find_periods
from extractors.quantities import find_text_quantities
from extractors.doc_bodies import BODIES, BodyOnlyTokenizer, MaskingTokenizer
from extractors.sentences import OTHER_KINDS, doc_sentence_starts, quantities_by_sentence, sentence_spans

QUANTITIES, COMPANIES, PLACES, PERIODS, FACTS = "cf_quantities", "cf_companies", "cf_places", "cf_periods", "cf_facts"
PIPE_NAMES = ("cloudfacts_quantities", "cloudfacts_companies", "cloudfacts_places", "cloudfacts_periods",
              "cloudfacts_facts")
_SPAN_ATTRIBUTES = ("value", "value_high", "unit", "qualifier", "noun", "canonical", "group", "geography", "period",
                    "period_kind", "comparison", "metric", "fact")


def _register_extensions() -> None:
    """Doc and Span extension attributes (once per process)."""
    for name in ("published", "title"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("facts"):
        Doc.set_extension("facts", default=None)
    for name in _SPAN_ATTRIBUTES:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


_register_extensions()


@dataclass(frozen=True)
class DocFact:
    """One fact of a Doc with the spans it was read from (None or empty where its value came from elsewhere:
    an earlier sentence, the headline, a table)."""

    fact: Fact
    figure: Span | None
    sentence: Span | None
    subjects: tuple[Span, ...] = ()
    period: Span | None = None
    places: tuple[Span, ...] = ()
    source: Span | None = None


@dataclass
class _Mentions:
    """What the components found in one Doc, offsets local to each sentence as the fact rules read them."""

    body: str
    sentences: list[tuple[int, int, int]]  # (start, end, paragraph)
    quantities: list[Quantity] | None = None
    entities: list[list[EntityMention]] | None = None  # per sentence, companies, analysts and media
    periods: list[list[PeriodMention]] | None = None
    places: list[list[GeoMention]] | None = None
    places_everywhere: bool = False
    introduced: CompanyNames | None = None  # companies the article introduces that the alias table does not know


_MENTIONS: "weakref.WeakKeyDictionary[Doc, _Mentions]" = weakref.WeakKeyDictionary()


def _mentions(doc: Doc) -> _Mentions:
    """The Doc's side table, made on first use (the body is the text before masking, see MaskingTokenizer)."""
    found = _MENTIONS.get(doc)
    if found is None:
        body = BODIES.get(doc)
        if body is None:
            body = doc.text  # Doc.text joins its tokens in Python: the masking tokenizer hands the text over instead
        found = _MENTIONS[doc] = _Mentions(body, sentence_spans(body, doc_sentence_starts(doc, body)))
    return found


def _span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    """The token span covering the characters start..end (widened to token bounds)."""
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def _span_group(doc: Doc, key: str, spans: Iterable[Span | None]) -> list[Span]:
    """Put the spans in doc.spans[key] (replacing what was there) and return them."""
    kept = [s for s in spans if s is not None]
    doc.spans[key] = kept
    return kept


def _find_quantities(doc: Doc, found: _Mentions) -> None:
    """The figures of the body, unless found already."""
    if found.quantities is None:
        found.quantities = with_local_dollar(find_text_quantities(found.body), bare_dollar_code(found.body, doc._.title))


def _find_entities(doc: Doc, found: _Mentions) -> None:
    """Alias mentions per sentence (and upstream ORG entities), unless found already."""
    if found.entities is None:
        found.introduced = discover_companies(found.body, doc._.title)
        found.entities = [with_introduced(find_entities(found.body[start:end]), found.body[start:end], found.introduced)
                          for start, end, _ in found.sentences]
        organisations = [e for e in doc.ents if e.label_ == "ORG"] if doc.has_annotation("ENT_IOB") else []
        if organisations:
            found.entities = [_with_organisations(mentions, start, end, organisations)
                              for mentions, (start, end, _) in zip(found.entities, found.sentences)]


def _find_periods(doc: Doc, found: _Mentions) -> None:
    """Period mentions per sentence, resolved against doc._.published, unless found already."""
    if found.periods is None:
        published = doc._.published
        found.periods = [find_periods(found.body[start:end], published) for start, end, _ in found.sentences]


def _find_places(doc: Doc, found: _Mentions, everywhere: bool = False) -> None:
    """Geographies in the sentences with figures (or in every sentence), unless found already."""
    if found.places is None or (everywhere and not found.places_everywhere):
        _find_quantities(doc, found)
        with_figures = quantities_by_sentence(found.sentences, found.quantities)
        found.places = [find_geographies(found.body[start:end]) if qs or everywhere else []
                        for (start, end, _), qs in zip(found.sentences, with_figures)]
        found.places_everywhere = everywhere


class Quantities:
    """cloudfacts_quantities: every figure of the text (numbers.py, quantities.py)."""

    def __call__(self, doc: Doc) -> Doc:
        found = _mentions(doc)
        _find_quantities(doc, found)
        spans = []
        for q in found.quantities:
            span = _span(doc, q.start_char, q.end_char, unit_kind(q.unit).upper())
            if span is not None:
                span._.value, span._.value_high, span._.unit = q.value, q.value_high, q.unit
                span._.qualifier, span._.noun = q.qualifier, q.noun
            spans.append(span)
        _span_group(doc, QUANTITIES, spans)
        return doc


class Companies:
    """cloudfacts_companies: company, analyst-firm and media aliases of entities.jsonl, per sentence; upstream
    ORG entities that no alias covers join as companies known by their own text."""

    def __call__(self, doc: Doc) -> Doc:
        found = _mentions(doc)
        _find_entities(doc, found)
        spans = []
        for mentions, (start, _, _) in zip(found.entities, found.sentences):
            for m in mentions:
                span = _span(doc, start + m.start_char, start + m.end_char, "ORG" if m.kind == "org" else m.kind.upper())
                if span is not None:
                    span._.canonical, span._.group = m.canonical, m.group
                spans.append(span)
        _span_group(doc, COMPANIES, spans)
        return doc


def with_introduced(mentions: list[EntityMention], text: str, introduced: CompanyNames) -> list[EntityMention]:
    """A sentence's alias mentions plus those of the companies its article introduces (company_names)."""
    extra = introduced.mentions(text, mentions)
    return sorted(mentions + extra, key=lambda m: m.start_char) if extra else mentions


def _with_organisations(mentions: list[EntityMention], start: int, end: int, ents: list[Span]) -> list[EntityMention]:
    """A sentence's alias mentions plus the upstream ORG entities inside it that overlap none of them."""
    taken = [(start + m.start_char, start + m.end_char) for m in mentions]
    extra = [EntityMention(e.start_char - start, e.end_char - start, e.text, e.text, e.text, "org")
             for e in ents if start <= e.start_char and e.end_char <= end
             and all(e.end_char <= a or b <= e.start_char for a, b in taken)]
    return sorted(mentions + extra, key=lambda m: m.start_char) if extra else mentions


class Places:
    """cloudfacts_places: geographies (geographies.jsonl); by default only in sentences with figures, where the
    fact rules read them (`all_places`: in every sentence)."""

    def __init__(self, all_places: bool = False) -> None:
        self.all_places = all_places

    def __call__(self, doc: Doc) -> Doc:
        found = _mentions(doc)
        _find_places(doc, found, self.all_places)
        spans = []
        for mentions, (start, _, _) in zip(found.places, found.sentences):
            for g in mentions:
                span = _span(doc, start + g.start_char, start + g.end_char, "PLACE")
                if span is not None:
                    span._.geography = g.geography
                spans.append(span)
        _span_group(doc, PLACES, spans)
        return doc


class Periods:
    """cloudfacts_periods: period expressions per sentence, resolved against doc._.published."""

    def __call__(self, doc: Doc) -> Doc:
        found = _mentions(doc)
        _find_periods(doc, found)
        spans = []
        for mentions, (start, _, _) in zip(found.periods, found.sentences):
            for p in mentions:
                span = _span(doc, start + p.start_char, start + p.end_char, "PERIOD")
                if span is not None:
                    span._.period, span._.period_kind, span._.comparison = p.period, p.kind, p.comparison
                spans.append(span)
        _span_group(doc, PERIODS, spans)
        return doc


class Facts:
    """cloudfacts_facts: the fact rules (facts.py) over the mentions, as doc._.facts and doc.spans["cf_facts"]."""

    def __init__(self, spans: bool = True) -> None:
        self.spans = spans

    def __call__(self, doc: Doc) -> Doc:
        from extractors.facts import facts_of_sentences  # facts.py imports this module's callers, not the reverse

        found = _mentions(doc)
        for find in (_find_quantities, _find_entities, _find_periods, _find_places):
            find(doc, found)  # what no component upstream found (no spans for it)
        facts = facts_of_sentences(_sentences(found), found.body, doc._.published, doc._.title, found.introduced)
        doc._.facts = [_doc_fact(doc, f) for f in facts] if self.spans else [DocFact(f, None, None) for f in facts]
        if self.spans:
            _span_group(doc, FACTS, (d.figure for d in doc._.facts))
        return doc


def _sentences(found: _Mentions) -> list[Sentence]:
    """The Sentences the fact rules read, built from the components' mentions."""
    out = []
    per_sentence = zip(found.sentences, quantities_by_sentence(found.sentences, found.quantities),
                       found.entities, found.periods, found.places)
    for (start, end, paragraph), qs, entities, periods, places in per_sentence:
        out.append(Sentence(found.body[start:end], start, paragraph, qs,
                            [e for e in entities if e.kind in ("company", "org")],
                            [e for e in entities if e.kind == "analyst"],
                            periods, places if qs else [], [e for e in entities if e.kind in OTHER_KINDS]))
    return out


def _doc_fact(doc: Doc, fact: Fact) -> DocFact:
    """A fact with the spans of its figure and sentence, and of the mentions in that sentence it took its
    subject, period, geography and source from."""
    figure = _span(doc, fact.start_char, fact.end_char, fact.metric)
    if figure is not None:
        figure._.metric, figure._.fact = fact.metric, fact
        figure._.value, figure._.value_high, figure._.unit = fact.value, fact.value_high, fact.unit
        figure._.qualifier = fact.qualifier
    bounds = next(((a, b) for a, b, _ in _mentions(doc).sentences if a <= fact.start_char < b), None)
    if bounds is None:
        return DocFact(fact, figure, None)

    def inside(key: str) -> Iterator[Span]:
        return (s for s in doc.spans[key] if bounds[0] <= s.start_char and s.end_char <= bounds[1]) \
            if key in doc.spans else iter(())

    def nearest(spans: list[Span]) -> Span | None:
        return min(spans, key=lambda s: abs(s.start_char - fact.start_char), default=None)

    subjects = tuple(s for s in inside(COMPANIES) if s._.canonical in fact.subject)
    periods = [s for s in inside(PERIODS) if fact.period is not None and s._.period == fact.period]
    places = tuple(s for s in inside(PLACES) if s._.geography == fact.geography)
    sources = [s for s in inside(COMPANIES) if fact.source is not None and s._.canonical == fact.source]
    return DocFact(fact, figure, _span(doc, bounds[0], bounds[1], "SENTENCE"), subjects, nearest(periods), places,
                   nearest(sources))


@Language.factory("cloudfacts_quantities")
def make_quantities(nlp: Language, name: str) -> Quantities:
    """Figures with their value, unit and qualifier."""
    return Quantities()


@Language.factory("cloudfacts_companies")
def make_companies(nlp: Language, name: str) -> Companies:
    """Companies, analyst firms and media by alias (plus upstream ORG entities)."""
    return Companies()


@Language.factory("cloudfacts_places", default_config={"all_places": False})
def make_places(nlp: Language, name: str, all_places: bool) -> Places:
    """Countries, regions and worldwide scope."""
    return Places(all_places)


@Language.factory("cloudfacts_periods")
def make_periods(nlp: Language, name: str) -> Periods:
    """Years, quarters, halves, months, fiscal periods and spans."""
    return Periods()


@Language.factory("cloudfacts_facts", default_config={"spans": True})
def make_facts(nlp: Language, name: str, spans: bool) -> Facts:
    """The facts of the Doc (doc._.facts)."""
    return Facts(spans)


def default_pipeline(spans: bool = True) -> Language:
    """spacy.blank("en") with the masking tokenizer and the five components (`spans=False`: doc._.facts
    without spans, for bulk extraction)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.tokenizer = MaskingTokenizer(nlp.tokenizer)
    for name in PIPE_NAMES[:-1]:
        nlp.add_pipe(name)
    nlp.add_pipe("cloudfacts_facts", config={"spans": spans})
    return nlp


@lru_cache(maxsize=1)
def bulk_pipeline() -> Language:
    """The pipeline extract_facts runs: the facts component alone, without spans, over Docs without tokens (it
    finds the mentions itself; making spans for them costs ~30% more time on generated news)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.tokenizer = BodyOnlyTokenizer(nlp.vocab)
    nlp.add_pipe("cloudfacts_facts", config={"spans": False})
    return nlp


def run_pipeline(nlp: Language, doc: Doc, published: datetime.date | None = None, title: str | None = None) -> Doc:
    """Run the pipeline's components on a tokenised Doc, with the publication date and title on the Doc."""
    doc._.published, doc._.title = published, title
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def facts_of(nlp: Language, body: str, published: datetime.date | None = None, title: str | None = None) -> Doc:
    """Run the pipeline on one body with its publication date and title on the Doc."""
    return run_pipeline(nlp, nlp.make_doc(body), published, title)
