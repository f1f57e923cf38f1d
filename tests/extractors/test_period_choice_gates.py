"""The per-sentence gates of the derived periods skip only what finds nothing: where a gate says no, the search it
guards answers None for every figure of the sentence."""
import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.article_state import ArticleState
from extractors.drafts import Draft, Sentence
from extractors.models import Quantity
from extractors.period_derived import (YEARS_FOLLOWING, duration_span, has_since_mention, says_years_following,
                                       since_span, year_in_sequence)
from extractors.periods import find_periods

WORDS = st.sampled_from(["AWS has invested", "has spent", "tripled", "$18 billion", "then $32 billion", "since 2022",
                         "since the company's previous update in 2022", "since its update on 2023", "from its 2017-18 level", "has tripled",
                         "level", "from 2021", "over the following 2 years", "in the subsequent three years", "over the ſubsequent 2 years", "OVER THE FOLLOWİNG 2 YEARS",
                         "in fiscal 2026", "in 2024", "in 2026", ",", ";", "and", "a three-year", "plan", "Since 2021",
                         "SINCE 2020", "its 2019 level"])
TEXTS = st.lists(WORDS, min_size=1, max_size=30).map(" ".join)


def _sentence(text: str) -> tuple[Sentence, list[Draft]]:
    quantities, drafts = [], []
    start = text.find("$")
    while start >= 0:
        end = text.find(" ", start + 1)
        end = len(text) if end < 0 else end
        q = Quantity(1.0, "USD", "USD", "exact", text[start:end], start, end)
        quantities.append(q)
        drafts.append(Draft(q, start, end, metric="investment"))
        start = text.find("$", end)
    for word in ("2", "three"):
        at = text.find(f" {word} ")
        if at >= 0:
            q = Quantity(2.0, None, "percent", "exact", word, at + 1, at + 1 + len(word))
            drafts.append(Draft(q, q.start_char, q.end_char, metric="growth_rate"))
    return Sentence(text, 0, 1, quantities, [], [], find_periods(text, datetime.date(2025, 6, 1)), []), drafts


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_a_closed_gate_finds_nothing(text: str) -> None:
    sentence, drafts = _sentence(text)
    state = ArticleState(datetime.date(2025, 6, 1), None, None)
    for d in drafts:
        if not says_years_following(sentence):
            assert year_in_sequence(d, drafts, Sentence(text, 0, 1, sentence.quantities, [], [], sentence.periods, [])) \
                is None
        if not has_since_mention(sentence):
            assert since_span(d, sentence, state) is None
        for metric in ("revenue", "growth_rate", None):
            d.metric = metric
            assert duration_span(d, sentence, state) is None  # only an investment spans the years of its plan


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_the_years_following_gate_passes_every_match(text: str) -> None:
    if YEARS_FOLLOWING.search(text):
        assert says_years_following(_sentence(text)[0])


def test_the_gates_open() -> None:
    sentence, drafts = _sentence("AWS has invested $18 billion in the UK since 2022 , then $32 billion over the "
                                 "following 2 years")
    assert has_since_mention(sentence) and says_years_following(sentence)
    assert since_span(drafts[0], sentence, ArticleState(datetime.date(2025, 6, 1), None, None)) == "2022/2025"
