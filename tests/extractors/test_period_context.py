"""A mention's context answers what searching the text before it answers (period_context)."""
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.drafts import BASE_BEFORE, Sentence, text_before
from extractors.period_choice import OPENING_PERIOD, YEAR_AS_WHOLE
from extractors.period_context import (BASE_OF, DETERMINER, FROM_DETERMINER, OVER, REPORTED_ON, SINCE, SINCE_PHRASE,
                                       mention_context)
from extractors.periods import find_periods

PATTERNS = [REPORTED_ON, SINCE_PHRASE, SINCE, OVER, DETERMINER, FROM_DETERMINER, BASE_OF, BASE_BEFORE, OPENING_PERIOD,
            YEAR_AS_WHOLE]
WORDS = ["said", "Said", "SAİD", "told", "investors", "set", "up", "on", "in", "early", "mid-", "since", "the", "its", "from",
         "over", "compared", "with", "end", "of", "for", "across", "same", "quarter", "2024", "Q3", "last", "year", "and",
         "revenue", "ſince", ",", ";", "(", " ", "  ", "\n", "'s", "launched", "went", "live", "than", "versus", "down", "ahead", "began", "operating"]
TEXTS = st.lists(st.sampled_from(WORDS), max_size=16).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(TEXTS, TEXTS)
def test_ends_before_answers_as_the_search(before: str, after: str) -> None:
    text = before + " 2025 " + after
    sentence = Sentence(text, 0, 1, [], [], [], find_periods(text), [])
    for mention in sentence.periods:
        context = mention_context(mention, sentence)
        for pattern in PATTERNS:
            assert context.ends_before(pattern) == bool(pattern.search(text_before(sentence, mention.start_char)))
            assert context.ends_before(pattern) == bool(pattern.search(text_before(sentence, mention.start_char)))


def test_a_new_sentence_gets_new_contexts() -> None:
    first = Sentence("Revenue since 2024 rose.", 0, 1, [], [], [], find_periods("Revenue since 2024 rose."), [])
    assert mention_context(first.periods[0], first).ends_before(SINCE)
    second = Sentence("Revenue in 2024 rose.", 0, 1, [], [], [], find_periods("Revenue in 2024 rose."), [])
    assert not mention_context(second.periods[0], second).ends_before(SINCE)
    assert mention_context(first.periods[0], first).ends_before(SINCE)
    assert re.search(r"in\s*$", mention_context(second.periods[0], second).before)


def test_contexts_are_kept_in_the_sentence_memo() -> None:
    text = "Revenue since 2024 rose, up from 2023."
    first, second = (Sentence(text, 0, 1, [], [], [], find_periods(text), []) for _ in range(2))
    contexts = [mention_context(p, first) for p in first.periods]
    assert [mention_context(p, second) for p in second.periods][0] is not contexts[0]  # each sentence its own
    assert [mention_context(p, first) for p in first.periods] == contexts  # served again, not rebuilt
    assert all(c.mention is p for c, p in zip(contexts, first.periods))
    assert len([key for key in first.memo if key[0] == "mention_context"]) == len(first.periods)
    first.memo.clear()  # a memo's answers are all the sentence keeps
    assert mention_context(first.periods[0], first) is not contexts[0]
