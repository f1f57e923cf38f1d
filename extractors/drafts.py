"""What the fact rules pass around: a figure's Draft and its Sentence, with the small helpers and patterns
several concerns share (text before a figure, asides, clauses, the metric groups)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.entities import EntityMention
from extractors.geography import GeoMention
from extractors.models import Quantity
from extractors.periods import PeriodMention

COUNT_METRICS = {"availability_zones", "regions", "data_centers", "countries", "customers", "partners",
                 "products", "ai_models", "jobs"}
SHARE_METRICS = {"share_price", "share_price_change"}
NO_GEOGRAPHY_METRICS = SHARE_METRICS
ASIDE = re.compile(r",\s*(?:which|who|whose|much like|like|unlike|as did|as|founded|based|headquartered|set up|"
                   r"established|launched|created)\b[^,]*,|\([^)]*\)|\s[—–]\s[^—–.;]{1,150}?\s[—–]\s")
CONJUNCTION = re.compile(r"\b(?:and|while|but|whereas)\b")
CUE_CLAUSE_BREAK = re.compile(r"[;:]|, (?:as|while|and|but|which|whereas|though|although|with)\b| — | – ")
LEVEL_TO = re.compile(r"\s*(?:in\s+[\w-]+\s+|last year\s+|this year\s+)?(?:to|and)\s+(?:about\s+|around\s+|roughly\s+|"
                      r"nearly\s+|almost\s+|more than\s+|over\s+|an estimated\s+)?")
# The base of a comparison just before a mention ("from 2023", "ahead of the first quarter of 2021").
BASE_BEFORE = re.compile(r"\b(?:from|over|versus|than(?:\s+(?:in|during|for))?|compared (?:with|to)|against|ahead of|above|"
                         r"below|behind|up on|down on|(?:%|per\s?cent|percent)\s+on)\s+(?:the\s+)?(?:same\s+\w+\s+(?:of|in)\s+)?$",
                         re.IGNORECASE)
CLAUSE_BREAK = re.compile(r";|, and |, while |, but | — | – |, whereas ")
COORDINATION = re.compile(r"\s*(?:,|and|, and|&)\s*")  # what joins the names of a list ("Europe and China")
ADJECTIVE_ENDINGS = ("ese", "an", "ish", "ian", "ean", "i")


@dataclass
class Draft:
    """A figure on its way to becoming a fact; fields fill in as the rules decide them."""

    q: Quantity
    start: int  # offsets local to the sentence
    end: int
    metric: str | None = None
    rule: str = ""
    cue_text: str = ""
    cue_side: str = ""  # where the metric's cue stood: left or right of the figure
    subject: tuple[str, ...] | None = None
    subjects_each: list[tuple[str, ...]] = field(default_factory=list)
    period: str | None = None
    own_period: bool = False
    geographies: list[str | None] = field(default_factory=list)
    forecast: bool = False
    source: str | None = None
    sign: int = 1
    copied_from: "Draft | None" = None  # a currency conversion of this figure
    compared_to: "Draft | None" = None  # the figure this one is compared with ("up from ...")
    is_base: bool = False  # the level a change starts from ("climbing 16% from Q1 2022's $18.4 billion")
    requires_subject: bool = False
    unknown_subject: bool = False  # about a company the alias table does not know


@dataclass
class Sentence:
    """One sentence with the mentions found in it, offsets local to the sentence."""

    text: str
    start: int
    paragraph: int
    quantities: list[Quantity]
    companies: list[EntityMention]
    analysts: list[EntityMention]
    periods: list[PeriodMention]
    geos: list[GeoMention]
    others: list[EntityMention] = field(default_factory=list)  # the media and data providers it names
    figures: list[Quantity] = field(default_factory=list)  # the quantities that are facts here
    share_context: bool = False  # the sentence before ended on a market share: bare points are share changes
    # Answers the rules ask again for each figure of the sentence (asides, clauses, figure spans), made once each.
    memo: dict = field(default_factory=dict, repr=False, compare=False)


def text_before(sentence: Sentence, position: int, window: int = 300) -> str:
    """The text of the sentence before a local offset, at most `window` characters (rules look back that far)."""
    return sentence.text[max(0, position - window):position]


def asides(sentence: Sentence) -> list[tuple[int, int]]:
    """Spans of asides: ", which ...,", ", founded in 2012,", brackets."""
    return list(aside_spans(sentence))


def aside_spans(sentence: Sentence) -> tuple[tuple[int, int], ...]:
    """asides() without the copy (the rules ask about each figure, and each period mention, of a sentence)."""
    spans = sentence.memo.get("asides")
    if spans is None:
        spans = sentence.memo["asides"] = tuple(m.span() for m in ASIDE.finditer(sentence.text))
    return spans


def says_respectively(sentence: Sentence) -> bool:
    """Whether the sentence pairs lists with "respectively"."""
    found = sentence.memo.get("respectively")
    if found is None:
        found = sentence.memo["respectively"] = "respectively" in sentence.text.lower()
    return found


def clause_before(sentence: Sentence, d: Draft) -> str:
    """The part of the figure's clause that comes before it (several rules ask, for each figure)."""
    key = ("clause_before", d.start)
    clause = sentence.memo.get(key)
    if clause is None:
        left = text_before(sentence, d.start)
        last = None
        for last in CLAUSE_BREAK.finditer(left):
            pass
        clause = sentence.memo[key] = left[last.end():] if last is not None else left
    return clause


def is_market_level(d: Draft) -> bool:
    """A figure about a whole market rather than one company."""
    return d.metric in ("market_spending", "market_share") or (d.metric == "growth_rate" and not d.subject)


def is_adjective(g: GeoMention) -> bool:
    """A demonym ("Chinese", "American") rather than a place name."""
    word = g.text.lower()
    return word != g.geography.lower() and word.endswith(ADJECTIVE_ENDINGS)


def inside_quantity(position: int, sentence: Sentence) -> bool:
    """Whether a local offset falls inside one of the sentence's figures."""
    spans = sentence.memo.get("quantities")
    if spans is None:
        spans = sentence.memo["quantities"] = [(q.start_char - sentence.start, q.end_char - sentence.start)
                                               for q in sentence.quantities]
    for start, end in spans:
        if start <= position < end:
            return True
    return False
