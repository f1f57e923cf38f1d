"""A pattern behind the class of its first characters finds the same matches (regex_starts)."""
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from regex_budget import within_budget

from extractors.quantity_rules import _rules
from extractors.regex_starts import led, start_class

LITERALS = st.text(alphabet="abkisAB1 .$-€", min_size=1, max_size=4).map(re.escape)
ATOMS = st.one_of(LITERALS, st.sampled_from([
    r"\b", r"\s+", "[ab]", r"\w", r"\d", r"[\d.]", r"[\sk]", "[a-d]", "[^a]", ".", "(?=ab)", "(?<!a)", "(?!kis)",
    "$", "^", "(?i:k)", "(?i:s[a-c])", r"(?i:\d)"]))


def _patterns(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.lists(children, min_size=1, max_size=4).map("".join),
        st.lists(children, min_size=1, max_size=3).map(lambda ps: "(?:" + "|".join(ps) + ")"),
        children.map(lambda p: f"(?:{p})?"), children.map(lambda p: f"(?:{p})+"), children.map(lambda p: f"(?:{p})*"),
        children.map(lambda p: f"(?>{p})"), children.map(lambda p: f"(?i:{p})"), children.map(lambda p: f"(?-i:{p})"))


PATTERNS = st.recursive(ATOMS, _patterns, max_leaves=12)
TEXTS = st.text(alphabet="abkisdABKISD1٣ .$-€\nİıſK", max_size=40)


def _matches(regex: re.Pattern, text: str) -> list[tuple]:
    return [(m.span(), m.groups()) for m in regex.finditer(text)]


@settings(max_examples=1000, deadline=None)
@given(PATTERNS, TEXTS, st.booleans())
@within_budget
def test_every_match_begins_with_a_character_of_the_class(pattern: str, text: str, case_blind: bool) -> None:
    flags = re.IGNORECASE if case_blind else 0
    regex = re.compile(pattern, flags)
    found = start_class(pattern, flags)
    if found is None:
        return
    first = re.compile(found)
    for position in range(len(text) + 1):
        if regex.match(text, position):
            assert first.match(text, position), (pattern, text, position, found)


@settings(max_examples=1000, deadline=None)
@given(PATTERNS, TEXTS)
@within_budget
def test_a_led_pattern_finds_the_same_matches(pattern: str, text: str) -> None:
    assert _matches(re.compile(led(pattern)), text) == _matches(re.compile(pattern), text)


def test_the_class_follows_the_case_of_each_group() -> None:
    assert start_class(r"(?i:us)\$|R\$|(?i:s)") == "[RSUsuſ]"
    assert start_class(r"\d+(?:\.\d+)?|\.\d+") == r"[\.\d]"


def test_patterns_that_may_match_empty_or_are_not_read_get_no_class() -> None:
    assert start_class("a?") is None
    assert start_class("(?i:é)") is None  # a cased non-ASCII letter's case variants are not listed
    assert start_class("[^a]b") is None
    assert led("a?") == "a?"


def test_the_figure_pattern_is_led_by_its_first_characters() -> None:
    assert _rules().figure.pattern.startswith("(?=[")
    assert re.match(start_class(_rules().figure.pattern), "$")
    assert not re.match(start_class(_rules().figure.pattern), "b")
