"""Sentence starts computed on token arrays equal those of spaCy's sentencizer."""
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.pipeline import get_nlp, sentence_start_chars, text_sentence_starts

PIECES = st.sampled_from(["Azure", " grew", " 31%", ".", "!", "?", " ", "\n", "\n\n", '"', "'", ")", "(", "Inc.",
                          " U.S.", "…", "。", ";", " AWS", "...", " e.g.", "3.5", "x"])


def sentencizer_starts(text: str) -> list[int]:
    """Start offsets of the sentences spaCy's own sentencizer finds."""
    doc = get_nlp()(text)
    return [sentence.start_char for sentence in doc.sents] if len(doc) else []


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_same_starts_as_the_sentencizer(text: str) -> None:
    assert sentence_start_chars(get_nlp().make_doc(text)) == sentencizer_starts(text)


TEXT_PIECES = PIECES | st.sampled_from(["  ", "\t", " \n ", "\u00a0", "\u3000", "\u2028", " 𑁇", "𑁇", "😀", "!)",
                                        " (Reuters) ", '."', ":)", "Mr.", " ...", "x" * 210, "3.2bn.", "–"])


@settings(max_examples=600, deadline=None)
@given(st.lists(TEXT_PIECES, max_size=40).map("".join))
def test_starts_from_the_text_equal_those_of_the_tokens(text: str) -> None:
    assert text_sentence_starts(text) == sentence_start_chars(get_nlp().make_doc(text))


def test_news_paragraphs() -> None:
    text = ('AWS grew 19%. Azure rose 31%, Microsoft said! "We are early," he said.\n\n'
            "Revenue at Google Inc. was $12 billion... Shares (up 3%) rose.")
    starts = sentence_start_chars(get_nlp().make_doc(text))
    assert starts == sentencizer_starts(text)
    assert [text[s:s + 5] for s in starts][:3] == ["AWS g", "Azure", "We ar"]  # an opening quote stays with the sentence before, as in spaCy


def test_empty_doc_has_no_sentences() -> None:
    assert sentence_start_chars(get_nlp().make_doc("")) == []
    assert text_sentence_starts("") == []
