"""The one spaCy pipeline of the process: blank English with a sentencizer.

Extraction finds the sentencizer's sentence starts on a tokenised Doc's arrays (sentence_start_chars), or without
a Doc from the text (text_sentence_starts: only the words around sentence-ending characters are tokenised); the
full pipeline serves callers that want Doc.sents.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

import numpy
import spacy
from spacy.attrs import IDX, IS_PUNCT, ORTH
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """Build the shared pipeline once per process (spaCy's trained models are not used)."""
    nlp = spacy.blank("en")
    # spaCy refuses texts over 1,000,000 characters for the memory of its parser and NER, which are not used:
    # a longer body (under --max-mb) is tokenised like any other instead of failing its batch.
    nlp.max_length = 2**31 - 1
    nlp.add_pipe("sentencizer")
    return nlp


@lru_cache(maxsize=1)
def _sentence_end_orths() -> numpy.ndarray:
    """ORTH ids of the sentencizer's sentence-ending characters."""
    strings = get_nlp().vocab.strings
    return numpy.array(sorted(strings.add(char) for char in Sentencizer.default_punct_chars), dtype=numpy.uint64)


def sentence_start_chars(doc: Doc) -> list[int]:
    """Character offsets where the sentencizer would start sentences, computed on the token arrays.

    The sentencizer starts a sentence at the first token that is neither punctuation nor a
    sentence-ending character after a sentence-ending character; its loop over Token objects costs
    more than tokenising, so the same rule runs here as array operations on a tokenised Doc.
    """
    if not len(doc):
        return []
    columns = doc.to_array([ORTH, IS_PUNCT, IDX])
    end_orths = _sentence_end_orths()  # sorted: a binary search per token is several times faster than numpy.isin
    ends = end_orths[numpy.minimum(numpy.searchsorted(end_orths, columns[:, 0]), len(end_orths) - 1)] == columns[:, 0]
    ordinary = numpy.flatnonzero((columns[:, 1] == 0) & ~ends)
    ends_so_far = numpy.cumsum(ends)[ordinary]
    before_previous = numpy.concatenate(([0], ends_so_far[:-1]))
    starts = ordinary[ends_so_far > before_previous]
    offsets = columns[starts, 2].tolist()
    return offsets if offsets[:1] == [0] else [0] + offsets


_END_CHARS = frozenset(Sentencizer.default_punct_chars)
# Where a sentence end may stand: the ending characters of the Basic Multilingual Plane, and any character beyond
# it (a class listing the few such ending characters one by one makes every position slow to test).
_END_CANDIDATE = re.compile("[" + "".join(re.escape(c) for c in sorted(_END_CHARS) if ord(c) < 0x10000)
                            + "\U00010000-\U0010FFFF]")
_RUN = re.compile(r"\S+")


def _runs_with_end(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of non-space characters that holds a sentence-ending character, in text order."""
    run_end = 0
    for candidate in _END_CANDIDATE.finditer(text):
        at = candidate.start()
        if at < run_end or candidate.group() not in _END_CHARS:
            continue
        run_start = at
        while run_start > run_end and not text[run_start - 1].isspace():
            run_start -= 1
        run_end = _RUN.match(text, at).end()
        yield run_start, run_end


@lru_cache(maxsize=1)
def _tokenizer() -> Tokenizer:
    """The shared pipeline's tokenizer (the one sentence_start_chars' Docs come from)."""
    return get_nlp().tokenizer


@lru_cache(maxsize=65536)
def _run_tokens(run: str) -> tuple[tuple[int, bool, bool], ...]:
    """(offset, sentence end, punctuation) of each token spaCy makes of a run of non-space characters."""
    return tuple((token.idx, token.text in _END_CHARS, token.is_punct) for token in _tokenizer()(run))


@lru_cache(maxsize=256)
def _space_is_punct(space: str) -> bool:
    """Whether a token of spaces counts as punctuation (the sentencizer skips punctuation)."""
    return get_nlp().vocab[space].is_punct


def _first_ordinary(text: str, start: int, end: int) -> int | None:
    """Where the first token of text[start:end] that is neither punctuation nor a sentence end starts (None: no
    such token). `start` is the end of a run of non-space characters; the text in between holds no sentence end.

    spaCy's tokeniser cuts the text at space runs and tokenises each run of non-space characters alone; a space
    run becomes a token, less its first character when that is a plain space.
    """
    position = start
    while position < end:
        run = _RUN.search(text, position, end)
        space_end = run.start() if run else end
        space_start = position + 1 if text[position] == " " else position
        if space_start < space_end and not _space_is_punct(text[space_start:space_end]):
            return space_start
        if run is None:
            return None
        for offset, is_end, is_punct in _run_tokens(run.group()):
            if not is_end and not is_punct:
                return run.start() + offset
        position = run.end()
    return None


def text_sentence_starts(text: str) -> list[int]:
    """sentence_start_chars(make_doc(text)) without tokenising the whole text: only the runs of non-space
    characters that hold a sentence-ending character, and what follows one up to the next ordinary token."""
    if not text:
        return []
    starts = [0]
    pending_from = None  # the end of the run whose last sentence end has no ordinary token after it yet
    for run_start, run_end in _runs_with_end(text):
        if pending_from is not None:
            found = _first_ordinary(text, pending_from, run_start)
            if found is not None:
                starts.append(found)
                pending_from = None
        pending = pending_from is not None
        for offset, is_end, is_punct in _run_tokens(text[run_start:run_end]):
            if is_end:
                pending = True
            elif pending and not is_punct:
                starts.append(run_start + offset)
                pending = False
        pending_from = run_end if pending else None
    if pending_from is not None:
        found = _first_ordinary(text, pending_from, len(text))
        if found is not None:
            starts.append(found)
    return starts
