"""period_usable answers each figure as when nothing about its sentence was kept: the answers it keeps per mention
(dates_a_figure) hold for every figure, whichever figure asked first."""
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.drafts import Draft, Sentence
from extractors.models import Quantity
from extractors.period_choice import period_usable
from extractors.periods import find_periods

WORDS = st.sampled_from(["said in August", "in 2024", "since 2022", "from 2023", "over 2023", "over the first half",
                         "ahead of the first quarter of 2021", "up on last year", "its 2016 size", "a year ago",
                         "the previous quarter's", "two weeks ago", "in Q3 2024", "for the full year", "for the year",
                         "(founded in 2012)", ", founded in 2012,", "revenue rose", "up", "$5", "5%", "and", ",",
                         "AWS announced", "in which", "'s", "compared with the second quarter", "the quarter"])
TEXTS = st.lists(WORDS, min_size=1, max_size=30).map(" ".join)
METRICS = st.sampled_from([None, "growth_rate", "revenue", "customers"])


def _draft(text: str, start: int, metric: str | None) -> Draft:
    end = min(len(text), start + 3)
    draft = Draft(Quantity(1.0, None, "percent", "exact", text[start:end], start, end), start, end)
    draft.metric = metric
    return draft


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.lists(st.tuples(st.integers(0, 200), METRICS), min_size=1, max_size=6))
def test_kept_answers_equal_fresh_ones(text: str, figures: list[tuple[int, str | None]]) -> None:
    sentence = Sentence(text, 0, 1, [], [], [], find_periods(text), [])
    drafts = [_draft(text, min(start, max(len(text) - 1, 0)), metric) for start, metric in figures]
    for d in drafts:
        for p in sentence.periods:
            kept = period_usable(p, d, sentence)
            fresh = Sentence(text, 0, 1, [], [], [], sentence.periods, [])
            assert kept == period_usable(p, d, fresh)
