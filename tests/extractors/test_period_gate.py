"""The period rules' gates never skip a rule that matches in a chunk (period_gate, period_rules)."""
import datetime
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from regex_budget import within_budget

from extractors.period_gate import word_clauses
from extractors.period_readers import _blocked_before
from extractors.period_rules import _candidates, _chunks, _gate, _rules, _runnable
from extractors.period_words import _words
from extractors.regex_gate import WordFinder, fold
from test_regex_gate import PATTERNS, TEXTS

PIECES = ["Q1", "q2", "1Q", "4Q24", "H1", "2H", "FY", "FY25", "fiscal", "financial", "year", "years", "quarter",
          "quarters", "half", "month", "months", "March", "Mar.", "May", "June", "Sept", "the", "its", "this", "last",
          "next", "first", "second", "fourth", "final", "full-year", "year-ago", "same", "period", "ago", "earlier",
          "before", "by", "from", "between", "over", "end", "of", "to", "in", "decade", "six", "three", "nine", "2024",
          "2019", "'25", "25", "31", "5th", "-", "/", ",", ".", " ", " ", "\n\n", "İ", "ı", "ſ", "K", "calendar", "CY",
          "ended", "ending", "through", "starting", "prior", "previous", "coming", "current", "like", "$"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=14).map(lambda parts: " ".join(parts).replace("  ", " "))
PUBLISHED = st.none() | st.dates(min_value=datetime.date(2015, 1, 1), max_value=datetime.date(2030, 12, 31))


def _ungated(text: str, published: datetime.date | None) -> list:
    """Every rule run on every chunk: what the gates must not change."""
    found = []
    for start, end in _chunks(text):
        for index, rule in enumerate(_rules()):
            for match in rule.pattern.finditer(text, start, end):
                reading = rule.read(match, published, text)
                if reading is not None:
                    found.append(((reading.span or match.span()), index, reading))
    return sorted(found, key=lambda c: (c[0], c[1]))


@settings(max_examples=800, deadline=None)
@given(TEXT, PUBLISHED)
def test_gated_rules_find_what_every_rule_finds(text: str, published: datetime.date | None) -> None:
    gated = sorted((((s, e), i, r) for s, e, i, r in _candidates(text, published)), key=lambda c: (c[0], c[1]))
    assert gated == _ungated(text, published)


@settings(max_examples=300, deadline=None)
@given(PATTERNS, TEXTS, st.booleans())
@within_budget
def test_a_text_with_a_match_holds_a_word_of_every_clause(pattern: str, text: str, case_blind: bool) -> None:
    regex = re.compile(pattern, re.IGNORECASE if case_blind else 0)
    clauses = word_clauses(regex)
    if regex.search(text):
        present = WordFinder(clauses).present(text)
        assert all(not clause.isdisjoint(present) for clause in clauses)


@settings(max_examples=300, deadline=None)
@given(PATTERNS, TEXTS, st.booleans())
@within_budget
def test_words_with_spaces_are_in_the_text_of_a_match(pattern: str, text: str, case_blind: bool) -> None:
    regex = re.compile(pattern, re.IGNORECASE if case_blind else 0)
    if regex.search(text):
        assert all(any(word in fold(text) for word in clause) for clause in word_clauses(regex, spaces=True))


def test_clauses_of_a_rule() -> None:
    clauses = word_clauses(next(rule.pattern for rule in _rules() if rule.name == "quarter_rel"))
    assert frozenset(["quarter"]) in clauses
    assert any("previous" in clause and "this" in clause for clause in clauses)


def test_gates_skip_rules_that_cannot_match() -> None:
    names = [rule.name for rule in _rules()]
    words, needed = _gate().words("Revenue rose 12% in the first quarter.")
    runnable = {names[index] for index in _runnable(words, needed, frozenset())}
    assert "ord_quarter" in runnable
    assert not runnable & {"q_bare", "q_year", "ord_quarter_year", "quarter_ended", "month_quarter", "quarter_rel"}


_LOOKBEHIND_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘'(])|\n\s*\n")


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=".!? \n\taA\"“‘'(x\u2028", max_size=30))
def test_chunks_split_where_the_lookbehind_pattern_does(text: str) -> None:
    bounds, start = [], 0
    for gap in _LOOKBEHIND_BREAK.finditer(text):
        if gap.start() > start:
            bounds.append((start, gap.start()))
        start = gap.end()
    if start < len(text):
        bounds.append((start, len(text)))
    assert _chunks(text) == bounds


def _blocked_by_loop(before: str) -> bool:
    """The blocker test as a loop over the words: what _blocked_before's one match must agree with."""
    return any(before.endswith(blocker) and (len(before) == len(blocker) or not before[-len(blocker) - 1].isalnum())
               for blocker in _words().blockers_before)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(list(_words().blockers_before) + ["a", "_", " ", "-", "٣", "é", "x1", "."]), max_size=4))
def test_year_blockers_read_by_one_match(parts: list[str]) -> None:
    before = "".join(parts)[-16:].rstrip()
    assert bool(_blocked_before().match(before[::-1])) == _blocked_by_loop(before)
