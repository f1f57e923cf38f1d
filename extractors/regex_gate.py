"""Cheap literal gates in front of regular expressions: skip a search that cannot match.

`required_words(regex)` reads a compiled pattern's parse tree and returns lower-case words one of which every
match contains (None when it finds no such set: a pattern that may match without any fixed text). A text whose
folded form (`fold`) contains none of them cannot hold a match, so the search is skipped with the same answer.
The words hold no spaces (a pattern's fixed runs are cut at spaces), so a window whose asides were blanked with
spaces, or a slice of a text, never holds a word its text lacks.

Case: `fold` lower-cases the text after mapping the four non-ASCII characters that a case-blind pattern matches
to an ASCII letter (İ ı ſ K); a cased non-ASCII character in a pattern ends a run, so case-blind and
case-sensitive patterns are both gated soundly (the gate may let through a text that cannot match, never the
reverse).
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from re import _constants as C  # noqa: N812
from re import _parser as parser
from typing import Iterable, Iterator

from extractors.regex_starts import CASE_BLIND_ASCII, start_class
from extractors.regextrie import trie_pattern

_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
CATEGORY_IN_CLASS = re.compile(r"\\[dDsSwW]")
MIN_WORD = 3  # shorter fixed runs ("of", "a") gate nothing


def fold(text: str) -> str:
    """The text as the gates read it: lower case, with the characters a case-blind ASCII letter matches mapped."""
    if not text.isascii():
        for char, ascii_char in CASE_BLIND_ASCII:
            if char in text:
                text = text.replace(char, ascii_char)
    return text.lower()


def _literal_char(code: int) -> str | None:
    """The gate's form of a literal character: None for a cased non-ASCII one (case folding is not plain there)."""
    char = chr(code)
    if not char.isascii() and char.lower() != char.upper():
        return None
    return char.lower()


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective word set: the longest shortest word, then the fewest words."""
    usable = [c for c in candidates if c and min(map(len, c)) >= MIN_WORD]
    return max(usable, key=lambda c: (min(map(len, c)), -len(c)), default=None)


def _sequence(items) -> frozenset[str] | None:
    """Words one of which every match of a sequence of parse items contains."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def close_run() -> None:
        for word in "".join(run).split(" "):
            if word:
                candidates.append(frozenset([word]))
        run.clear()

    for op, av in items:
        if op is C.LITERAL:
            char = _literal_char(av)
            if char is None:
                close_run()
            else:
                run.append(char)
            continue
        close_run()
        found = _item(op, av)
        if found is not None:
            candidates.append(found)
    close_run()
    return _best(candidates)


def _item(op, av) -> frozenset[str] | None:
    """Words one of which every match of one parse item contains (None: no such set known)."""
    if op is C.SUBPATTERN:
        return _sequence(av[3])
    if op is C.ATOMIC_GROUP:
        return _sequence(av)
    if op in _REPEATS:
        low, _, body = av
        return _sequence(body) if low >= 1 else None
    if op is C.BRANCH:
        words: set[str] = set()
        for branch in av[1]:
            found = _sequence(branch)
            if found is None:
                return None
            words |= found
        return frozenset(words)
    return None  # classes, anchors, look-arounds, back references: no fixed text


def required_words(regex: re.Pattern) -> frozenset[str] | None:
    """Lower-case words one of which every match of the pattern contains, or None."""
    return _sequence(parser.parse(regex.pattern, regex.flags))


def _starts_fast(parsed, flags: int) -> bool:
    """Whether re already skips fast to where the pattern can start: it begins with a fixed character, or, case
    mattering, with a class."""
    op, av = parsed.data[0] if parsed.data else (None, None)
    while op is C.SUBPATTERN and av[3].data:
        flags = (flags | av[1]) & ~av[2]
        op, av = av[3].data[0]
    return op is C.LITERAL or (op is C.IN and not flags & re.IGNORECASE)


def first_char_filter(regex: re.Pattern) -> re.Pattern:
    """The pattern behind a lookahead for the characters its matches can begin with (regex_starts.start_class): the
    same matches, found faster where an alternation would try every branch at every position (`re` tests the class
    once). Patterns re starts fast already (_starts_fast), with global inline flags, or whose first characters are
    not read (start_class is None) or hold a category (\\w, \\d: most positions would pass) come back as they are."""
    parsed = parser.parse(regex.pattern, regex.flags)
    if re.match(r"\(\?[aiLmsux]+\)", regex.pattern) or _starts_fast(parsed, regex.flags):
        return regex
    found = start_class(regex.pattern, regex.flags)
    if found is None or CATEGORY_IN_CLASS.search(found):
        return regex
    return re.compile(f"(?={found})(?:{regex.pattern})", regex.flags)


def _width(items) -> float:
    """The most characters a sequence of parse items reads from where it starts, lookaheads counted as read."""
    total = 0.0
    for op, av in items:
        if op in (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY):
            total += 1
        elif op is C.AT:
            continue
        elif op is C.SUBPATTERN:
            total += _width(av[3])
        elif op is C.ATOMIC_GROUP:
            total += _width(av)
        elif op is C.ASSERT or op is C.ASSERT_NOT:
            total += _width(av[1])  # a lookahead reads on; counting a lookbehind too only widens the bound
        elif op is C.BRANCH:
            total += max(_width(branch) for branch in av[1])
        elif op in _REPEATS:
            total += math.inf if av[1] == C.MAXREPEAT else av[1] * _width(av[2])
        else:
            return math.inf
    return total


def reach(regex: re.Pattern) -> int | None:
    """How far past its start position a match attempt may look (None: unbounded, or the pattern may match empty).

    An attempt at p reads nothing from p + reach on, so it gives the same answer in a text and in any text that
    agrees with it up to there (a prefix of it, say): `finditer` over both agrees up to that point.
    """
    parsed = parser.parse(regex.pattern, regex.flags)
    width = _width(parsed)
    if width == math.inf or parsed.getwidth()[0] == 0:
        return None
    return int(width) + 2  # an anchor (\b, $) also reads the character at, and the end after, where it stands


class WordFinder:
    """Which of many gate words a text holds, found in one regex pass over its folded form."""

    def __init__(self, word_sets: Iterable[frozenset[str] | None]) -> None:
        words = sorted({word for words in word_sets if words for word in words})
        rests: dict[str, list[str]] = {}
        for word in words:
            rests.setdefault(word[0], []).append(word[1:])
        # At each position, a word's first character and a lookahead for the longest rest (so every position is
        # tried, and regex skips in C to the characters that begin a word; optional where the character is a word
        # itself); the words that are prefixes of the longest start there too.
        self._pattern = re.compile("|".join(
            re.escape(first) + ("(?=(" + trie_pattern([r for r in rest if r]) + "))" + ("?" if "" in rest else "")
                                if any(rest) else "")
            for first, rest in sorted(rests.items()))) if words else None
        self._prefixes = {word: frozenset(w for w in words if word.startswith(w)) for word in words}
        self._spaceless = not any(" " in word for word in words)

    def present(self, text: str) -> frozenset[str]:
        """The gate words the text holds (after `fold`)."""
        return self.present_in_folded(fold(text))

    def present_in_folded(self, folded: str) -> frozenset[str]:
        """The words a text already folded (or lower-cased, for words that need no folding) holds.

        A word holding no space lies inside one space-separated run of the text, and runs recur across texts
        ("revenue", "the"): each run's words are found once (_words_in_run) and the text's are their union."""
        if self._pattern is None:
            return frozenset()
        if not self._spaceless:
            return self.scan(folded)
        found: set[str] = set()
        runs = folded.split(" ")
        for run in set(runs) if len(runs) > 100 else runs:  # a long text repeats runs ("the", "cloud")
            words = _words_in_run(self, run)
            if words:
                found |= words
        return frozenset(found)

    def scan(self, folded: str) -> frozenset[str]:
        """present_in_folded by one regex pass over the whole text."""
        found: set[str] = set()
        for match in self._pattern.finditer(folded):
            found |= self._prefixes[match.group() + (match.group(match.lastindex) if match.lastindex else "")]
        return frozenset(found)


@lru_cache(maxsize=1 << 16)
def _words_in_run(finder: WordFinder, run: str) -> frozenset[str]:
    """The words of a finder in one run of a text without spaces (cached: words recur across articles)."""
    return finder.scan(run)


def word_starts(folded: str, words: Iterable[str]) -> list[int]:
    """Where the words occur in a folded text: every start, in order."""
    starts: set[int] = set()
    for word in words:
        at = folded.find(word)
        while at >= 0:
            starts.add(at)
            at = folded.find(word, at + 1)
    return sorted(starts)


def spans_near(regex: re.Pattern, text: str, starts: list[int], reach: int) -> tuple[tuple[int, int], ...]:
    """The spans `regex.finditer(text)` finds, for a pattern every match of which holds one of its gate words and
    reads at most `reach` characters (regex_gate.reach), given where its words start (word_starts of the folded
    text): a match holding a word at q starts in [q - reach, q], so only those stretches are searched, each with the
    text cut `reach` after q (attempts there read no further). An attempt's outcome does not depend on where a
    search began, so the matches are finditer's."""
    spans: list[tuple[int, int]] = []
    position, length = 0, len(text)
    for start in starts:
        while position <= start:
            found = regex.search(text, max(position, start - reach), min(length, start + reach))
            if found is None or found.start() > start:
                break
            spans.append(found.span())
            position = found.end()
    return tuple(spans)


def may_match(words: frozenset[str] | None, present: frozenset[str]) -> bool:
    """Whether a pattern with these gate words (None: no gate) may match in a text holding `present`."""
    return words is None or not words.isdisjoint(present)


class GatedPattern:
    """A compiled pattern (behind its first_char_filter) whose search and finditer first ask its gate: a text
    holding none of its words gets no match at once (the same answer the pattern would give). match, fullmatch
    and sub are the pattern's own (an attempt at one position fails fast without a gate)."""

    def __init__(self, regex: re.Pattern, searched: re.Pattern | None = None) -> None:
        """`searched`: a pattern with the same matches as `regex` (a rewrite of it) to run instead; the gate's
        words are read from `regex` as written."""
        words = required_words(regex)
        regex = first_char_filter(searched or regex)
        self.regex = regex
        self.pattern = regex.pattern
        self.groupindex = regex.groupindex
        self.match, self.fullmatch, self.sub = regex.match, regex.fullmatch, regex.sub
        self._gate = re.compile(trie_pattern(sorted(words))) if words else None
        if self._gate is None:  # nothing to test: the pattern's own methods
            self.search, self.finditer = regex.search, regex.finditer

    def possible(self, text: str) -> bool:
        """Whether the pattern may match somewhere in the text (in it or in any slice of it)."""
        return self._gate is None or self._gate.search(fold(text)) is not None

    def search(self, text: str, *bounds: int) -> re.Match | None:
        return self.regex.search(text, *bounds) if self._gate.search(fold(text)) else None

    def finditer(self, text: str, *bounds: int) -> Iterator[re.Match]:
        return self.regex.finditer(text, *bounds) if self._gate.search(fold(text)) else iter(())


def structure(pattern: str) -> Iterator[tuple[int, str]]:
    """The index and character of each "(", ")" and "|" of a pattern that is not inside a class or escaped."""
    i, in_class = 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += 1 if pattern[i + 1:i + 2] == "^" else 0
            i += 1 if pattern[i + 1:i + 2] == "]" else 0  # a ']' first in a class is a character of it
        elif char in "()|":
            yield i, char
        i += 1


def top_level_branches(pattern: str) -> list[str]:
    """The alternatives of a pattern's top-level `|` (the pattern alone when it has none); groups, classes and
    escapes are stepped over."""
    branches, depth, start = [], 0, 0
    for i, char in structure(pattern):
        if char == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
        elif char != "|":
            depth += 1 if char == "(" else -1
    return branches + [pattern[start:]]


@lru_cache(maxsize=1024)
def _alternation(branches: tuple[str, ...], flags: int) -> re.Pattern:
    return first_char_filter(re.compile("|".join(branches), flags))


class BranchPruner:
    """A pattern's top-level alternatives with their gate words, to search a text with only the alternatives whose
    words it holds: finditer finds the same matches, as an alternative that can match nowhere in the text never
    wins anywhere in it. A long case-blind alternation tries every alternative at every position its first-character
    filter lets through; most texts hold the words of one or two."""

    def __init__(self, regex: re.Pattern, filtered: re.Pattern) -> None:
        """`regex` as written, `filtered` the pattern searched when nothing is left out (its first_char_filter)."""
        self.filtered = filtered
        self.flags = regex.flags
        self.branches = tuple(top_level_branches(regex.pattern))
        try:
            compiled = [re.compile(branch, regex.flags) for branch in self.branches]
        except re.error:  # not a plain alternation after all (a back reference, say): searched whole
            self.branches, compiled = (regex.pattern,), []
        self.words = tuple(map(required_words, compiled)) if len(compiled) > 1 else (None,)

    def for_text(self, present: frozenset[str]) -> re.Pattern | None:
        """The pattern without the alternatives whose words are not `present` (words a text holds: WordFinder over
        every alternative's words); None when no alternative is left."""
        kept = tuple(branch for branch, words in zip(self.branches, self.words) if may_match(words, present))
        if len(kept) == len(self.branches):
            return self.filtered
        return _alternation(kept, self.flags) if kept else None
