"""Tokenizers that hand the components a body's own text (BODIES): the text before masking, and for the bulk
path a Doc without tokens (Doc.text would join the tokens in Python, and the facts component reads only text)."""
from __future__ import annotations

import weakref
from typing import Callable, Iterable, Iterator

from spacy.tokens import Doc
from spacy.vocab import Vocab

from extractors.sentences import tokenisable

BODIES: "weakref.WeakKeyDictionary[Doc, str]" = weakref.WeakKeyDictionary()


class MaskingTokenizer:
    """The language's tokenizer over the text with very long runs of non-space characters masked (same length;
    spaCy splits such runs slowly): the Doc's text is the masked one, the components read the original."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(tokenisable(text))
        BODIES[doc] = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        """Docs of many texts, one by one."""
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> object:
        """Everything else is the wrapped tokenizer's (vocab, rules, serialisation)."""
        if name == "tokenizer":  # not set yet (unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


class BodyOnlyTokenizer:
    """A Doc without tokens that carries its text to the components (`BODIES`): for the facts component alone,
    which reads everything from the text, sentence starts included (sentences.doc_sentence_starts). Tokenising
    whole bodies cost more than finding the sentence starts from the few words around sentence ends."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        doc = Doc(self.vocab)
        BODIES[doc] = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        """Docs of many texts, one by one."""
        for text in texts:
            yield self(text)
