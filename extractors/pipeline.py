"""The one spaCy pipeline of the process: blank English with a sentencizer.

Extraction only tokenises (Language.make_doc) and finds the sentencizer's sentence starts on the token
arrays (sentence_start_chars); the full pipeline serves callers that want Doc.sents.
"""
from __future__ import annotations

from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IDX, IS_PUNCT, ORTH
from spacy.language import Language
from spacy.pipeline import Sentencizer
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
