"""Which period rules can match in a chunk of text, decided from the words the chunk holds.

A rule's gate is a conjunction: its hand-written `needs` (for each, one of its words in the lower-cased chunk, or the
chunk's month or year feature) and every word set its pattern's parse tree requires (`word_clauses`: one word of each set is in
every match, read in the folded chunk as regex_gate reads its gates). One WordFinder pass finds all the words a chunk
holds; which rules those words let through is worked out once per distinct set of words (`RuleGate.runnable`): the
sets are few (some hundreds over thousands of articles), while testing ~60 rules per chunk costs more than a search.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from re import _constants as C  # noqa: N812
from re import _parser as parser
from typing import Sequence

from extractors.regex_gate import MIN_WORD, WordFinder, fold

_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
Clause = frozenset[str]


def _literal_char(code: int) -> str | None:
    """The gate's form of a literal character: None for a cased non-ASCII one (case folding is not plain there)."""
    char = chr(code)
    if not char.isascii() and char.lower() != char.upper():
        return None
    return char.lower()


def _best(clauses: list[Clause]) -> Clause | None:
    """The most selective of several sets that all hold: the longest shortest word, then the fewest words."""
    return max(clauses, key=lambda c: (min(map(len, c)), -len(c)), default=None)


def _clauses(items, spaces: bool) -> list[Clause]:
    """Word sets one word of each of which every match of a sequence of parse items contains (words with the
    pattern's literal spaces in them when `spaces`)."""
    found: list[Clause] = []
    run: list[str] = []

    def close_run() -> None:
        words = ["".join(run)] if spaces else "".join(run).split(" ")
        found.extend(frozenset([word]) for word in words if len(word) >= MIN_WORD)
        run.clear()

    for op, av in items:
        if op is C.LITERAL and (char := _literal_char(av)) is not None:
            run.append(char)
            continue
        close_run()
        if op is C.SUBPATTERN:
            found += _clauses(av[3], spaces)
        elif op is C.ATOMIC_GROUP:
            found += _clauses(av, spaces)
        elif op in _REPEATS and av[0] >= 1:
            found += _clauses(av[2], spaces)
        elif op is C.BRANCH:
            per_branch = [_best(_clauses(branch, spaces)) for branch in av[1]]
            if None not in per_branch:
                found.append(frozenset().union(*per_branch))
    close_run()
    return found


def word_clauses(regex: re.Pattern, spaces: bool = False) -> tuple[Clause, ...]:
    """Every word set the pattern requires (each match holds one word of each), without repeats. Words hold no spaces
    unless `spaces` (then they are found only in the text as it is, not in one whose asides were blanked)."""
    return tuple(dict.fromkeys(_clauses(parser.parse(regex.pattern, regex.flags), spaces)))


def best_clause(clauses: tuple[Clause, ...]) -> Clause | None:
    """The most selective of a pattern's word sets (None when it has none)."""
    return _best(list(clauses))


@dataclass(frozen=True)
class GatedRule:
    """What a rule needs: one word of each set of `needs` (lower-case substrings, or features) and one word of each
    of its `clauses` (read in the folded text)."""

    needs: tuple[Clause, ...]
    clauses: tuple[Clause, ...]


class RuleGate:
    """The rules a chunk of text can hold a match of, from the words it holds and its features."""

    def __init__(self, rules: Sequence[GatedRule], features: frozenset[str]) -> None:
        """`features` are needs found otherwise than as substrings (by the caller's regexes)."""
        self._rules = tuple(rules)
        self._needed = frozenset(word for rule in rules for need in rule.needs for word in need) - features
        clause_words = frozenset(word for rule in rules for clause in rule.clauses for word in clause)
        self._finder = WordFinder([self._needed, clause_words])
        self._needed_finder = WordFinder([self._needed])
        by_need: dict[str, list[int]] = {}
        for index, rule in enumerate(self._rules):
            for word in rule.needs[0]:
                by_need.setdefault(word, []).append(index)
        self._by_need = {word: tuple(indexes) for word, indexes in by_need.items()}  # rules by a word of their first need

    def words(self, chunk: str) -> tuple[frozenset[str], frozenset[str] | None]:
        """The gate words the folded chunk holds, and the needed words of its lower-cased text when these differ
        (None: the same; only İ, ı, ſ and K fold otherwise than they lower-case)."""
        folded = fold(chunk)
        found = self._finder.present_in_folded(folded)
        if chunk.isascii() or folded == chunk.lower():
            return found, None
        return found, self._needed_finder.present_in_folded(chunk.lower())

    def runnable(self, found: frozenset[str], needed: frozenset[str] | None, features: frozenset[str]) -> tuple[int, ...]:
        """Indexes of the rules whose gates pass, in rule order (callers cache it: few distinct sets recur)."""
        needed = (found if needed is None else needed) & self._needed | features
        candidates = sorted({index for word in needed for index in self._by_need.get(word, ())})
        return tuple(index for index in candidates
                     if all(not need.isdisjoint(needed) for need in self._rules[index].needs[1:])
                     and all(not c.isdisjoint(found) for c in self._rules[index].clauses))
