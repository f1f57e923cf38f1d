"""regex_factor: word lists rewritten as tries find exactly the matches of the plain alternation."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.datafiles import load_records
from extractors.regex_factor import factor_alternatives, factored
from extractors.regex_gate import top_level_branches

FLAGS = re.IGNORECASE


def _found(regex: re.Pattern, text: str) -> list:
    return [(m.span(), m.groups()) for m in regex.finditer(text)]


def _same(plain: re.Pattern, rewritten: re.Pattern, text: str) -> None:
    assert _found(rewritten, text) == _found(plain, text)
    for start in range(0, len(text) + 1, 3):
        a, b = plain.match(text, start), rewritten.match(text, start)
        assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))


_PIECE = st.text(alphabet="abB '", min_size=1, max_size=3)
_BRANCH = st.one_of(_PIECE.map(re.escape), st.tuples(_PIECE, _PIECE).map(lambda p: f"{re.escape(p[0])}(?:{re.escape(p[1])})?"),
                    st.sampled_from(["(?-i:ab)", "a(?!b)", "[ab]b", "(?:a|ab) b", "\\w+a"]))


@settings(max_examples=1000, deadline=None)
@given(st.lists(_BRANCH, min_size=1, max_size=8), st.sampled_from(["", "\\b", "\\s", "\\s*$", "\\b b", "a"]),
       st.lists(st.text(alphabet="abAB '-\n", max_size=8), max_size=6))
def test_factored_word_lists_match_as_the_plain_alternation(branches: list[str], rest: str, words: list[str]) -> None:
    """Prefixes of one another in any order, opaque alternatives among them, any continuation: the same matches."""
    plain = re.compile("\\b(?:" + "|".join(branches) + ")" + rest, FLAGS)
    rewritten = re.compile("\\b" + factor_alternatives(branches, rest, FLAGS) + rest, FLAGS)
    _same(plain, rewritten, " ".join(words))


def test_a_shorter_word_listed_first_still_wins():
    """"the company" before "the company's": a trie would prefer the longer; the rewrite keeps the first."""
    rewritten = re.compile(factored(r"\b(?:the company|its|the company's|it)\b", FLAGS), FLAGS)
    assert rewritten.search("The company's revenue").group() == "The company"
    assert rewritten.pattern.endswith("|the\\ company's)\\b")  # kept apart, after the trie


def _cue_words(pattern: str) -> list[str]:
    """Words and fragments of a cue pattern, to build texts that come close to matching."""
    return [w for w in re.split(r"[^A-Za-z']+", pattern) if w] or ["x"]


def _patterns() -> list[str]:
    kinds: dict[str, list[str]] = {}
    for record in load_records("context_cues.json", ("kind", "pattern")):
        kinds.setdefault(record["kind"], []).append(record["pattern"])
    return ["|".join(f"(?:{p})" for p in group) for group in kinds.values()] + \
        [record["pattern"] for record in load_records("metric_cues.json", ("pattern",))]


PATTERNS = _patterns()


@settings(max_examples=600, deadline=None)
@given(st.data())
def test_every_cue_pattern_factored_matches_as_written(data) -> None:
    """Each context-cue kind's alternation and each metric cue: texts of its own words (cut, cased, joined by
    spaces, punctuation and digits) get the same matches from the rewritten pattern."""
    pattern = data.draw(st.sampled_from(PATTERNS))
    words = _cue_words(pattern)
    word = st.sampled_from(words).flatmap(lambda w: st.one_of(
        st.just(w), st.just(w.upper()), st.just(w.capitalize()), st.integers(1, max(1, len(w))).map(lambda n: w[:n])))
    glue = st.sampled_from([" ", " ", " ", "  ", ", ", "'s ", "-", "\n", " 12 ", ".", "s "])
    parts = data.draw(st.lists(st.tuples(word, glue), max_size=10))
    text = "".join(w + g for w, g in parts)
    _same(re.compile(pattern, FLAGS), re.compile(factored(pattern, FLAGS), FLAGS), text)


def test_the_cue_patterns_are_rewritten():
    """The rewrite takes: the forecast list is one trie, no longer fifty alternatives."""
    forecast = next(p for p in PATTERNS if "expectations? of" in p)
    assert len(top_level_branches(factored(forecast, FLAGS)[len("(?:\\b(?:"):])) < 10
