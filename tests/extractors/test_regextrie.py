"""The trie pattern matches what a longest-first alternation of the same surfaces matches."""
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.regextrie import trie_pattern

SURFACES = st.lists(st.text(alphabet="ab c.", min_size=1, max_size=5).map(lambda s: " ".join(s.split())).filter(bool),
                    min_size=1, max_size=12)


def alternation(surfaces: list[str], space: str) -> str:
    """The plain alternation the trie replaces: longest surface first."""
    ordered = sorted(set(surfaces), key=lambda s: (-len(s), s))
    return "(?:" + "|".join(re.escape(s).replace(r"\ ", space) for s in ordered) + ")"


@settings(max_examples=300, deadline=None)
@given(SURFACES, st.text(alphabet="ab c.x", max_size=30))
def test_same_matches_as_longest_first_alternation(surfaces: list[str], text: str) -> None:
    trie = re.compile(trie_pattern(surfaces, "[ ]+"))
    plain = re.compile(alternation(surfaces, "[ ]+"))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(SURFACES, st.text(alphabet="ab c.x", max_size=30))
def test_same_matches_when_followed_by_more_pattern(surfaces: list[str], text: str) -> None:
    trie = re.compile(trie_pattern(surfaces) + r"(?= x)")
    plain = re.compile(alternation(surfaces, r"\ ") + r"(?= x)")
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_longer_surface_wins_over_its_prefix() -> None:
    assert re.match(trie_pattern(["per", "per cent", "percent"], r"\s+"), "per  cent").group() == "per  cent"
    assert re.match(trie_pattern(["bn", "b"]), "bn").group() == "bn"


def test_special_characters_are_literal() -> None:
    pattern = re.compile(trie_pattern(["US$", "A$", "(c)"]))
    assert pattern.fullmatch("US$") and pattern.fullmatch("(c)") and not pattern.fullmatch("USS")


def test_empty_input_is_an_error() -> None:
    with pytest.raises(ValueError):
        trie_pattern([])
    with pytest.raises(ValueError):
        trie_pattern(["ok", ""])
    with pytest.raises(ValueError):
        trie_pattern(["per  cent"])
