"""The literal gates never skip a text a pattern matches in (regex_gate)."""
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from regex_budget import within_budget

from extractors.cues import context_pattern, metric_cues
from extractors.datafiles import load_records
from extractors.period_rules import _rules
from extractors.regex_gate import (BranchPruner, WordFinder, _words_in_run, first_char_filter, fold, may_match, reach,
                                   required_words, spans_near, top_level_branches, word_starts)
from extractors.segments import segment_cues

LITERALS = st.text(alphabet="abkis -", min_size=1, max_size=5).map(re.escape)
ATOMS = st.one_of(LITERALS, st.sampled_from([r"\b", r"\s+", "[ab]", r"\w", r"[\d.]", r"[\sk]", ".", "(?=ab)", "(?<!a)", "(?!kis)", "$", "^"]))


def _patterns(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.lists(children, min_size=1, max_size=4).map("".join),
        st.lists(children, min_size=1, max_size=3).map(lambda ps: "(?:" + "|".join(ps) + ")"),
        children.map(lambda p: f"(?:{p})?"), children.map(lambda p: f"(?:{p})+"),
        children.map(lambda p: f"(?:{p}){{2,3}}"), children.map(lambda p: f"(?-i:{p})"))


PATTERNS = st.recursive(ATOMS, _patterns, max_leaves=12)
SMALL_PATTERNS = st.recursive(ATOMS, _patterns, max_leaves=4)  # larger nested repeats can backtrack for minutes
TEXTS = st.text(alphabet="abkisABKIS -\nİıſK1٣.", max_size=40)


@settings(max_examples=600, deadline=None)
@given(PATTERNS, TEXTS, st.booleans())
@within_budget
def test_a_text_with_a_match_passes_the_gate(pattern: str, text: str, case_blind: bool) -> None:
    regex = re.compile(pattern, re.IGNORECASE if case_blind else 0)
    words = required_words(regex)
    if regex.search(text):
        assert may_match(words, WordFinder([words]).present(text))


@settings(max_examples=600, deadline=None)
@given(PATTERNS, TEXTS, st.booleans())
@within_budget
def test_first_char_filter_finds_the_same_matches(pattern: str, text: str, case_blind: bool) -> None:
    regex = re.compile(pattern, re.IGNORECASE if case_blind else 0)
    filtered = first_char_filter(regex)
    assert [m.span() for m in filtered.finditer(text)] == [m.span() for m in regex.finditer(text)]
    assert [m.span() for m in filtered.finditer(text, 2, 30)] == [m.span() for m in regex.finditer(text, 2, 30)]


@settings(max_examples=600, deadline=None)
@given(PATTERNS, TEXTS, st.integers(0, 40), st.booleans())
@within_budget
def test_matches_before_the_reach_are_those_of_a_prefix(pattern: str, text: str, length: int, case_blind: bool) -> None:
    regex = re.compile(pattern, re.IGNORECASE if case_blind else 0)
    far = reach(regex)
    if far is None:
        return
    cutoff = length - far
    kept = [m.span() for m in regex.finditer(text) if m.start() < cutoff]
    resume = max(kept[-1][1] if kept else 0, cutoff, 0)
    derived = kept + [m.span() for m in regex.finditer(text, resume, length)]
    assert derived == [m.span() for m in regex.finditer(text[:length])]


@settings(max_examples=800, deadline=None)
@given(SMALL_PATTERNS, st.text(alphabet="abkisABKIS -\nİıſK1٣.", max_size=80), st.booleans())
@within_budget
def test_searching_near_the_words_finds_what_finditer_finds(pattern: str, text: str, case_blind: bool) -> None:
    regex = first_char_filter(re.compile(pattern, re.IGNORECASE if case_blind else 0))
    words, far = required_words(regex), reach(regex)
    if words is None or far is None:
        return
    near = spans_near(regex, text, word_starts(fold(text), words), far)
    assert near == tuple(m.span() for m in regex.finditer(text))


def test_word_starts_are_every_occurrence_in_order() -> None:
    assert word_starts("shares of a share", ["share", "hare", "of"]) == [0, 1, 7, 12, 13]


def test_searching_near_the_words_of_the_segment_cues_in_long_texts() -> None:
    text = ("The public cloud market, which covers IaaS and PaaS, grew. Spending on AI infrastructure and "
            "cloud infrastructure services rose; infrastructure-as-a-service and public clouds too. ") * 4
    folded = fold(text)
    for cue in segment_cues():
        if cue.words is not None and cue.reach is not None:
            assert spans_near(cue.regex, text, word_starts(folded, cue.words), cue.reach) == \
                tuple(m.span() for m in cue.regex.finditer(text)), cue.id


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="abq1-", min_size=1, max_size=4), min_size=1, max_size=8),
       st.text(alphabet="abq1- ", max_size=30))
def test_finder_by_runs_reports_what_one_pass_does(words: list[str], text: str) -> None:
    finder = WordFinder([frozenset(words)])
    _words_in_run.cache_clear()
    assert finder.present_in_folded(text) == finder.scan(text) == {w for w in words if w in text}


def test_finder_of_words_with_spaces_reads_the_whole_text() -> None:
    assert WordFinder([frozenset({"ab c", "cq"})]).present_in_folded("qab cq") == {"ab c", "cq"}


def test_reach_is_none_when_unbounded_or_possibly_empty() -> None:
    assert reach(re.compile(r"a+")) is None
    assert reach(re.compile(r"a?")) is None
    assert reach(re.compile(r"\bab(?=cd)")) == 6


def test_first_char_filter_of_an_alternation() -> None:
    assert first_char_filter(re.compile(r"\bIaaS\b|infra", re.IGNORECASE)).pattern == r"(?=[Iiİı])(?:\bIaaS\b|infra)"
    assert first_char_filter(re.compile("public cloud", re.IGNORECASE)).pattern == "public cloud"
    assert first_char_filter(re.compile(r"\w+|x")).pattern == r"\w+|x"


def test_words_are_lower_case_without_spaces() -> None:
    words = required_words(re.compile(r"\bTook in|Brought IN\b", re.IGNORECASE))
    assert words == {"took", "brought"}


def test_no_fixed_text_means_no_gate() -> None:
    assert required_words(re.compile(r"(?:ab)?\d+")) is None
    assert required_words(re.compile(r"revenue|\d+")) is None


def test_fold_maps_what_case_blind_ascii_letters_match() -> None:
    assert fold("İNFRA ſaaſ Kelvin ıt") == "infra saas kelvin it"


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="abq1-", min_size=1, max_size=4), min_size=1, max_size=8), st.text(alphabet="abq1- ", max_size=30))
def test_finder_reports_exactly_the_words_in_a_text(words: list[str], text: str) -> None:
    finder = WordFinder([frozenset(words)])
    assert finder.present_in_folded(text) == {w for w in words if w in text}


def test_finder_reports_words_that_start_where_a_longer_one_does() -> None:
    finder = WordFinder([frozenset({"share", "shares"}), frozenset({"hare"})])
    assert finder.present("Its shares rose") == {"share", "shares", "hare"}


def _cue_patterns() -> list[re.Pattern]:
    kinds = sorted({r["kind"] for r in load_records("context_cues.json", ("kind", "pattern"))})
    return ([c.regex for c in segment_cues()] + [c.regex for c in metric_cues()] + [r.pattern for r in _rules()]
            + [context_pattern(kind).regex for kind in kinds])


@pytest.mark.parametrize("file_name", ["segment_cues.json", "metric_cues.json"])
def test_every_cue_example_passes_its_gate(file_name: str) -> None:
    for record in load_records(file_name, ("pattern",)):
        regex = re.compile(record["pattern"], re.IGNORECASE)
        words = required_words(regex)
        if regex.search(record["example"]):  # some metric cue examples show the figure, not the cue
            assert may_match(words, WordFinder([words]).present(record["example"])), record["id"]


def test_gate_words_of_the_rule_tables_are_folded_words() -> None:
    assert all(required_words(p) is None or all(w == fold(w) and " " not in w for w in required_words(p))
               for p in _cue_patterns())


def test_gated_pattern_answers_as_its_pattern() -> None:
    def span(match: re.Match | None) -> tuple[int, int] | None:
        return match.span() if match else None

    for kind in ("forecast", "level", "cash_flow_before", "self_attribution"):
        gated = context_pattern(kind)
        for text in ("operating cash flow rose to", "the company said", "it climbed to", "revenue will reach", ""):
            assert span(gated.search(text)) == span(gated.regex.search(text))
            assert span(gated.match(text)) == span(gated.regex.match(text))


@settings(max_examples=600, deadline=None)
@given(st.lists(SMALL_PATTERNS, min_size=1, max_size=4), TEXTS, st.booleans())
@within_budget
def test_a_pruned_alternation_finds_the_same_matches(branches: list[str], text: str, case_blind: bool) -> None:
    regex = re.compile("|".join(branches), re.IGNORECASE if case_blind else 0)
    pruner = BranchPruner(regex, first_char_filter(regex))
    assert len(pruner.branches) == len(top_level_branches(regex.pattern))
    pruned = pruner.for_text(WordFinder(pruner.words).present(text))
    expected = [m.span() for m in regex.finditer(text)]
    assert (pruned is None and not expected) or [m.span() for m in pruned.finditer(text)] == expected


def test_top_level_branches_step_over_groups_classes_and_escapes() -> None:
    assert top_level_branches(r"a(?:b|c)|[|\]]d|e\|f|[]|]") == ["a(?:b|c)", r"[|\]]d", r"e\|f", "[]|]"]
    assert top_level_branches("(?:a|b)") == ["(?:a|b)"]
