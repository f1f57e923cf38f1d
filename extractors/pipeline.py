"""The one spaCy pipeline of the process: blank English, a sentencizer and our rule components."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """Build the shared pipeline once per process (spaCy's trained models are not used)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
