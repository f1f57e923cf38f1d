"""The words a pattern's matches end with, and the search for them before a capital (regex_ends)."""
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from regex_budget import within_budget

from extractors.company_names import _cue_alternations, _position_patterns
from extractors.regex_ends import end_words, ends_before

LITERALS = st.text(alphabet="abkisAB1 -", min_size=1, max_size=4).map(re.escape)
ATOMS = st.one_of(LITERALS, st.sampled_from([r"\b", r"\s+", "[ab]", r"\w", "(?=ab)", "(?<!a)", "$", "(?i:k)"]))


def _patterns(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.lists(children, min_size=1, max_size=4).map("".join),
        st.lists(children, min_size=1, max_size=3).map(lambda ps: "(?:" + "|".join(ps) + ")"),
        children.map(lambda p: f"(?:{p})?"), children.map(lambda p: f"(?:{p})+"), children.map(lambda p: f"(?:{p})*"),
        children.map(lambda p: f"(?>{p})"), children.map(lambda p: f"(?-i:{p})"))


PATTERNS = st.recursive(ATOMS, _patterns, max_leaves=10)
TEXTS = st.text(alphabet="abkisABKIS1 \t-\nİıſK", max_size=40)


@settings(max_examples=1000, deadline=None)
@given(PATTERNS, TEXTS)
@within_budget
def test_every_case_blind_match_ends_with_one_of_the_words(pattern: str, text: str) -> None:
    words = end_words(pattern)
    if words is None:
        return
    ending = re.compile(rf"(?i:{'|'.join(map(re.escape, words))})\Z")
    for match in re.finditer(f"(?i:{pattern})", text):
        assert ending.search(text, 0, match.end()), (pattern, text, match, words)


@settings(max_examples=1000, deadline=None)
@given(PATTERNS, TEXTS)
@within_budget
def test_where_the_pattern_is_followed_by_a_capital_ends_before_finds_it(pattern: str, text: str) -> None:
    words = end_words(pattern)
    if words is None:
        return
    if re.search(rf"(?i:{pattern})[ \t]+[A-Z]", text):
        assert ends_before(words, "[A-Z]").search(text), (pattern, text, words)


WORDS = ["data", "centre", "center", "cloud", "Cloud", "provider", "operator", "its", "the", "unit", "arm", "start-up",
         "startup", "Northwind", "NORTHWIND", "Ltd", "developer", "neocloud", "telco", "GPU", "group", "Group", "KIT",
         "İO", "ſtart"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", "  ", "\t", "-", ", ", ". ", "\n"])),
                max_size=12))
def test_the_descriptor_pattern_behind_its_search_finds_what_it_finds_alone(pieces: list) -> None:
    text = "".join(word + gap for word, gap in pieces)
    pattern, necessary = _position_patterns()[2]  # the descriptor-led pattern
    assert necessary
    if not necessary[0].search(text):
        assert not pattern.regex.search(text), text


def test_the_words_are_read_from_the_last_literals_of_each_branch() -> None:
    assert end_words(r"(?:big|small)\s+(?:firm|maker)|its (?:unit|arm)|start-?up") == {"firm", "maker", "unit", "arm",
                                                                                        "up"}
    assert end_words(r"(?:firm)+\b") == {"firm"}
    assert end_words(r"firm\w*") is None  # may end in any word character
    assert end_words(r"firm|") is None
    assert end_words(r"Inc\.?") is None
    assert end_words(_cue_alternations()["descriptor"]) is not None
