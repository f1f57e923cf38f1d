"""An article body cut into sentences (at the sentencizer's ends, line ends and a length limit), each with the
companies, analyst firms, periods, places and figures found in it."""
from __future__ import annotations

import datetime
import re

from spacy.tokens import Doc

from extractors.company_names import CompanyNames
from extractors.drafts import Sentence
from extractors.entities import find_entities
from extractors.geography import find_geographies
from extractors.models import Quantity
from extractors.periods import find_periods
from extractors.pipeline import sentence_start_chars, text_sentence_starts

MAX_SENTENCE_CHARS = 800  # longer "sentences" are run-on text; reading them whole costs time quadratic in length
LONG_RUN_CHARS = 200
LONG_RUN = re.compile(r"\S{%d,}" % LONG_RUN_CHARS)
NEWLINES = re.compile(r"\n+")


def tokenisable(body: str) -> str:
    """The body with very long runs of non-space characters masked (same length), which spaCy splits slowly."""
    return LONG_RUN.sub(lambda m: "x" * len(m.group()), body) if len(body) > LONG_RUN_CHARS else body


OTHER_KINDS = ("media", "data_provider")  # named in a sentence, never subjects: its Sentence.others


def split_sentences(doc: Doc, body: str, quantities: list[Quantity], published: datetime.date | None,
                    introduced: CompanyNames = CompanyNames({})) -> list[Sentence]:
    """Sentences of the doc, also broken at line ends, each with its mentions (known companies, and those the
    article introduces)."""
    out = []
    spans = sentence_spans(body, doc_sentence_starts(doc, body))
    for (start, end, paragraph), qs in zip(spans, quantities_by_sentence(spans, quantities)):
        text = body[start:end]
        entities = find_entities(text)
        companies = [e for e in entities if e.kind == "company"]
        companies = sorted(companies + introduced.mentions(text, entities), key=lambda e: e.start_char)
        out.append(Sentence(text, start, paragraph, qs,
                            companies,
                            [e for e in entities if e.kind == "analyst"],
                            find_periods(text, published),
                            find_geographies(text) if qs else [],  # places only matter where figures are
                            [e for e in entities if e.kind in OTHER_KINDS]))
    return out


def doc_sentence_starts(doc: Doc, body: str) -> list[int]:
    """Where the sentencizer starts sentences: on the Doc's tokens, or from the body when the Doc has none (the
    bulk path does not tokenise: text_sentence_starts gives the same starts as spaCy's tokeniser would)."""
    return sentence_start_chars(doc) if len(doc) else text_sentence_starts(tokenisable(body))


def sentence_spans(body: str, starts: list[int]) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of each non-blank sentence, given the sentencizer's starts (doc_sentence_starts);
    the end is after its last non-space character."""
    out: list[tuple[int, int, int]] = []
    paragraph = 0
    for span in line_sentences(body, starts):
        if "\n\n" in body[max(0, span[0] - 2):span[0]] or not out:
            paragraph += 1
        text = body[span[0]:span[1]].rstrip()
        if text.strip():
            out.append((span[0], span[0] + len(text), paragraph))
    return out


def quantities_by_sentence(spans: list[tuple[int, int, int]], quantities: list[Quantity]) -> list[list[Quantity]]:
    """The quantities (sorted by start) that lie wholly inside each sentence span; one straddling two is in none."""
    out, qi = [], 0
    for start, end, _ in spans:
        while qi < len(quantities) and quantities[qi].start_char < start:
            qi += 1
        qs = []
        while qi < len(quantities) and quantities[qi].end_char <= end:
            qs.append(quantities[qi])
            qi += 1
        out.append(qs)
    return out


def line_sentences(body: str, starts: list[int]) -> list[tuple[int, int]]:
    """Character spans of the sentences that begin at `starts`, with a break wherever the text has a line end."""
    spans = []
    for sent_start, sent_end in zip(starts, starts[1:] + [len(body)]):
        start = sent_start
        for m in NEWLINES.finditer(body, sent_start, sent_end):
            if body[sent_start:m.start()].strip():
                spans += bounded_pieces(body, start, m.start())
            start = m.end()
        if body[start:sent_end].strip():
            spans += bounded_pieces(body, start, sent_end)
    return spans


def bounded_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence span, cut at spaces into pieces of at most MAX_SENTENCE_CHARS (run-on text, no sentence ends)."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        pieces.append((start, cut))
        start = cut
    return pieces + [(start, end)]
