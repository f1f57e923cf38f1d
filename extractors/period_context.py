"""What the text around a period mention of a sentence says, read once for all the sentence's figures.

The rules that choose a figure's period ask, of each mention and for each figure, what stands right before it
("since 2022", "said in August", "from the end of the second quarter") and after it ("..., analysts said"). Those
answers depend on the mention alone, so `mention_context` keeps them in the sentence's memo: each is worked out when
first asked and then served to every other figure of the sentence. The searches for text that must end where the
mention starts run behind their words' gates (as regex_gate.GatedPattern, with the text folded once: a text holding
none of a pattern's words is not searched) and first-character filters, which answer the same.
"""
from __future__ import annotations

import re

from extractors.drafts import BASE_BEFORE, Sentence, aside_spans, inside_quantity, text_before
from extractors.periods import PeriodMention
from extractors.period_gate import best_clause, word_clauses
from extractors.regex_gate import MIN_WORD, first_char_filter, fold
from extractors.regextrie import trie_pattern

REPORTED_ON = re.compile(r"\b(?:said|says|announced|reported|disclosed|told \w+|wrote|added|noted|predicted|"
                         r"published|released|founded|established|set up|launched|committed|pledged|promised|unveiled|went live|"
                         r"opened|began operating|started operating)"
                         r"\s+(?:on|in|last|this|earlier|early|late|in early|in late|in mid-?)?\s*$",
                         re.IGNORECASE)
# "since the company's previous update on 1 December": the date starts a stretch, it dates no figure.
SINCE_PHRASE = re.compile(r"\bsince\s+(?:(?:the|its|their|a|an)\s+)?[\w'’ -]{0,40}?\b(?:on|in)\s*$", re.IGNORECASE)
SINCE = re.compile(r"\bsince\s*$")
OVER = re.compile(r"\bover\s*$")
DETERMINER = re.compile(r"\b(?:its|the|their)\s+$")
FROM_DETERMINER = re.compile(r"\bfrom\s+(?:its|the|their)\s+$")
LEVEL_AFTER = re.compile(r"\s+(?:level|figure|size|total)\b")
# A period right after these is where a change starts from, never the period of a figure of the sentence.
BASE_OF = re.compile(r"\b(?:from|than|versus|compared (?:with|to)|up on|down on)\s+(?:the\s+)?(?:(?:end|close|start)\s+of\s+(?:the\s+)?)?$",
                     re.IGNORECASE)

_GATES: dict[int, tuple[re.Pattern, re.Pattern, re.Pattern | None]] = {}  # holding the pattern keeps its id


def _gate(pattern: re.Pattern) -> tuple[re.Pattern, re.Pattern | None]:
    """The pattern behind its first-character filter (the same matches), and the gate its folded text must pass:
    a search for the words one of which every match holds (None: no such words), as regex_gate.GatedPattern but with
    the pattern's literal spaces kept in them ("up on"), as the text searched is the sentence's own."""
    entry = _GATES.get(id(pattern))
    if entry is None or entry[0] is not pattern:
        words = best_clause(word_clauses(pattern, spaces=True))
        # a word's outer spaces dropped ("told "): the gate still passes every text holding a match
        words = {word.strip(" ") for word in words} if words else set()
        plain = words and all(len(word) >= MIN_WORD and "  " not in word and not any(c.isspace() and c != " " for c in word)
                              for word in words)
        gate = re.compile(trie_pattern(sorted(words))) if plain else None
        entry = _GATES[id(pattern)] = (pattern, first_char_filter(pattern), gate)
    return entry[1], entry[2]


class MentionContext:
    """One period mention of a sentence with what the text around it says (the searches before it run when first
    asked). It keeps no reference to its sentence, whose memo holds it: no reference cycle for the collector."""

    __slots__ = ("mention", "before", "after", "asides_around", "inside_quantity", "answers", "_folded", "_ends_before")

    def __init__(self, mention: PeriodMention, sentence: Sentence) -> None:
        self.mention = mention
        self.before = text_before(sentence, mention.start_char)  # what drafts.text_before gives
        self.after = sentence.text[mention.end_char:]
        start = mention.start_char
        # the sentence's asides the mention stands in ("Brightmere, founded in 2012, has ...")
        self.asides_around = tuple((a, b) for a, b in aside_spans(sentence) if a <= start < b)
        self.inside_quantity = inside_quantity(start, sentence)  # the mention starts inside one of the figures
        self.answers: dict[str, bool] = {}  # the rules' own answers about the mention, whatever the figure
        self._folded: str | None = None
        self._ends_before: dict[int, bool] = {}

    def ends_before(self, pattern: re.Pattern) -> bool:
        """Whether `pattern` is found in the text before the mention (these patterns end with `$`)."""
        found = self._ends_before.get(id(pattern))
        if found is None:
            regex, gate = _gate(pattern)
            if gate is not None and self._folded is None:
                self._folded = fold(self.before)
            found = (gate is None or gate.search(self._folded) is not None) and regex.search(self.before) is not None
            self._ends_before[id(pattern)] = found
        return found

    @property
    def base_level(self) -> bool:
        """"double its 2016 size": the year of a base level."""
        return self.ends_before(DETERMINER) and LEVEL_AFTER.match(self.after) is not None


def mention_context(mention: PeriodMention, sentence: Sentence) -> MentionContext:
    """The context of a mention of the sentence, kept in the sentence's memo for its other figures."""
    key = ("mention_context", id(mention))
    context = sentence.memo.get(key)
    if context is None or context.mention is not mention:
        context = sentence.memo[key] = MentionContext(mention, sentence)
    return context
