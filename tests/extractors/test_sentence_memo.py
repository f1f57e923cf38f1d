"""The per-sentence answers the fact rules share (Sentence.memo) equal what each rule computed for itself."""
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.drafts import (ASIDE, CLAUSE_BREAK, Draft, Sentence, aside_spans, asides, clause_before,
                               inside_quantity, is_adjective, says_respectively, text_before)
from extractors.geography import GeoMention
from extractors.models import Quantity
from extractors.periods import period_bounds
from extractors.scope import (LEADING_PLACE, SCOPING, SELF_REPORT, _period_bounds, leads_sentence,
                             scoped_by_preposition)
from extractors.table_layouts import read_pipe_tables

WORDS = st.sampled_from(["In", "China", "the", "and", ", and ", ", while ", "; ", " — ", " – ", ", which is big,",
                         "(about 3%)", "across", "Europe", "respectively", "RESPECTIVELY", "grew", " ", "3%", ",", "'s",
                         "Azure", "reported"])
TEXTS = st.lists(WORDS, max_size=40).map(" ".join)


def _sentence(text: str, start: int = 0, quantities: list[Quantity] | None = None,
              geos: list[GeoMention] | None = None) -> Sentence:
    return Sentence(text, start, 0, quantities or [], [], [], [], geos or [])


def _draft(start: int, end: int) -> Draft:
    return Draft(Quantity(1.0, None, "percent", "exact", "1%", start, end), start, end)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.lists(st.integers(0, 400), min_size=1, max_size=6))
def test_clause_before_is_each_figures_own(text: str, positions: list[int]) -> None:
    sentence = _sentence(text)
    for position in positions + positions:  # asked again: the memo answers
        left = text_before(sentence, position)
        breaks = list(CLAUSE_BREAK.finditer(left))
        assert clause_before(sentence, _draft(position, position + 1)) == (left[breaks[-1].end():] if breaks else left)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_asides_and_respectively(text: str) -> None:
    sentence = _sentence(text)
    expected = [m.span() for m in ASIDE.finditer(text)]
    first = asides(sentence)
    first.append((-1, -1))  # a caller's list is its own
    assert asides(sentence) == expected and list(aside_spans(sentence)) == expected
    assert says_respectively(sentence) == ("respectively" in text.lower())


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 50), st.lists(st.tuples(st.integers(0, 80), st.integers(1, 9)), max_size=5),
       st.lists(st.integers(0, 100), max_size=10))
def test_inside_quantity(start: int, spans: list[tuple[int, int]], positions: list[int]) -> None:
    quantities = [Quantity(1.0, None, "percent", "exact", "x", start + a, start + a + n) for a, n in spans]
    sentence = _sentence("x" * 100, start, quantities)
    for position in positions:
        assert inside_quantity(position, sentence) == any(
            q.start_char - start <= position < q.end_char - start for q in quantities)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_place_answers(text: str) -> None:
    geos = [GeoMention(i, i + len(word), word, word) for word in ("China", "Europe")
            for i in range(len(text)) if text.startswith(word, i)]
    sentence = _sentence(text, geos=geos)
    for g in geos + geos:
        assert leads_sentence(g, sentence) == bool(LEADING_PLACE.match(text[:g.end_char]))
        assert scoped_by_preposition(g, sentence) == (
            not is_adjective(g) and bool(SCOPING.search(text_before(sentence, g.start_char))))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab1 -:.\n\t", max_size=200))
def test_no_pipe_no_pipe_table(body: str) -> None:
    assert read_pipe_tables(body) == ([], set())


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(0, 200))
def test_self_report_at_a_position_as_on_a_slice(text: str, position: int) -> None:
    text = text.replace("grew", "said")
    at, sliced = SELF_REPORT.match(text, position), SELF_REPORT.match(text[position:])
    assert (at is None) == (sliced is None)
    if at is not None:
        assert at.group() == sliced.group()


@given(st.sampled_from(["2024", "2025-Q3", "2023-H2", "2024-07", "2023/2024", "FY2025", "FY2024-Q1", "", "later"]))
def test_cached_period_bounds(label: str) -> None:
    assert _period_bounds(label) == period_bounds(label)
