"""The patterns of the quantity finder, built once from the data files, and how they read the text before a position."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from extractors.datafiles import load_records
from extractors.numbers import number_word_table
from extractors.regex_gate import first_char_filter
from extractors.regex_starts import led
from extractors.regextrie import trie_pattern

_SP = r"[ \t\u00a0\u202f]"  # spaces inside one figure; never a newline, so table cells stay apart
_JOIN = r"[ \t\u00a0\u202f\-]"
_SPACES = " \t\u00a0\u202f"  # the characters of _SP
_SENTENCE_START_CHARS = frozenset(".!?:;\"'(\n\u201c\u2018[")


@dataclass(frozen=True)
class _Rules:
    """Compiled patterns and lookup tables built once from the data files."""

    figure: re.Pattern
    word_figure: re.Pattern
    blocked: re.Pattern
    blocked_numbers: re.Pattern  # the same without addresses, for text with no "://", "www." or "@"
    qualifier: re.Pattern
    qualifier_endings: tuple[str, ...]  # last words of the qualifier surfaces, lower case
    qualifier_after: re.Pattern
    noun_after: re.Pattern
    noun_end: re.Pattern
    non_count_after: re.Pattern
    vague_before: re.Pattern
    vague_endings: tuple[str, ...]
    previous_word: re.Pattern
    prefix_codes: dict[str, str]
    suffix_codes: dict[str, tuple[str, bool | str]]  # needs_scale: True, False or "unless_grouped"
    percent_units: dict[str, tuple[str, float]]
    power_factors: dict[str, float]
    money_only_scales: frozenset[str]
    qualifiers: dict[str, str]
    nouns: dict[str, str]
    name_before: frozenset[str]
    months: frozenset[str]
    month_after: re.Pattern
    word_figures: dict[str, tuple[float, str, str | None]]
    verb_before: frozenset[str]
    currency_factors: dict[tuple[str, str], float]
    plural_lemmas: frozenset[str]
    fraction_not_before: frozenset[str]
    fraction_objects: frozenset[str]
    prefix_needs_scale: frozenset[str]
    cents_tail: re.Pattern
    change_before_from: re.Pattern


def _alternation(surfaces: list[tuple[str, bool]]) -> str:
    """Regex alternation of literal surfaces, longest first; (surface, ignore_case) pairs."""
    cases = {ignore_case for _, ignore_case in surfaces}
    if len(cases) == 1:  # one case rule for all: a trie, which re matches far faster than a long alternation
        ignore_case = cases.pop()
        words = {_folded(surface) if ignore_case else surface for surface, _ in surfaces}
        return ("(?i:" if ignore_case else "(?:") + trie_pattern(words, _SP + "+") + ")"
    parts = []
    for surface, ignore_case in sorted(set(surfaces), key=lambda item: (-len(item[0]), item[0])):
        escaped = re.escape(surface).replace(r"\ ", _SP + "+")
        parts.append(f"(?i:{escaped})" if ignore_case else escaped)
    return "(?:" + "|".join(parts) + ")"


def _longest_first(surfaces: Iterable[str]) -> str:
    """A case-sensitive alternation of literal surfaces, longest first."""
    return "|".join(re.escape(surface) for surface in sorted(surfaces, key=len, reverse=True))


def _folded(surface: str) -> str:
    """Lower case where that keeps the length (the trie of a case-blind list needs each spelling once)."""
    lowered = surface.lower()
    return lowered if len(lowered) == len(surface) else surface


def _cues(kind: str) -> list[dict]:
    """Records of one kind from quantity_cues.json."""
    return [rec for rec in load_records("quantity_cues.json", required=("kind", "surface")) if rec["kind"] == kind]


def _normal(surface: str) -> str:
    """Lower-cased surface with runs of space collapsed, the key of the lookup tables."""
    return " ".join(surface.lower().split())


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    """Build all patterns from extractors/data/*.json once per process."""
    currencies = load_records("currencies.json", required=("surface", "code", "position"))
    prefixes = [(r["surface"], bool(r.get("ignore_case"))) for r in currencies if r["position"] == "prefix"]
    suffix_words = [(r["surface"], bool(r.get("ignore_case"))) for r in currencies
                    if r["position"] == "suffix" and r["surface"][:1].isalpha()]
    suffix_symbols = [(r["surface"], False) for r in currencies if r["position"] == "suffix" and not r["surface"][:1].isalpha()]
    scales = load_records("scales.json", required=("surface", "factor"))
    word_scales = [(r["surface"], True) for r in scales if not r.get("attached_only")]
    letter_scales = [(r["surface"], False) for r in scales if r.get("attached_only")]
    percent = _cues("percent_unit")
    power = _cues("power_unit")
    words = number_word_table()
    number_words = [(w, True) for w, (kind, _) in words.items() if kind in ("unit", "teen", "ten", "hundred", "thousand", "dozen")]
    starters = [(w, True) for w, (kind, _) in words.items() if kind in ("unit", "teen", "ten")]

    word_alt = _alternation(number_words)
    word_number = (
        rf"(?>(?:(?i:an?)(?={_SP}+(?i:hundred|thousand|dozen)\b)|{_alternation(starters)}(?![\w]))"
        rf"(?:(?:{_SP}*-{_SP}*|{_SP}+)(?:(?i:and){_SP}+)?{word_alt}(?![\w]))*)"
    )
    digits = (
        r"(?>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!,?\d)|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?(?!,?\d)"
        r"|\d+,\d{1,2}(?!,?\d)|\d+(?:\.\d+)?(?!\d)|\.\d+)(?!\.\d)"
    )
    lone_article = rf"(?i:an?)(?={_SP}+(?i:million|billion|trillion)\b(?!-(?i:dollar)))"  # "a billion-dollar firm": adjective
    fraction_number = (
        rf"(?<![Aa]nd{_SP})(?<![Aa]nd{_SP}[Aa]{_SP})(?P<frac>(?:{_alternation([(w, True) for w, (kind, _) in words.items() if kind in ('unit', 'article')])}{_JOIN}+|)"
        rf"{_alternation([(w, True) for w, (kind, _) in words.items() if kind == 'denominator'])}"
        rf"(?:{_SP}+(?i:an?))?(?={_JOIN}+(?i:thousand|million|billion|trillion)\b))"
    )
    scale_alt = _alternation(word_scales)
    suffix_word_alt = _alternation(suffix_words)
    suffix_symbol_alt = _alternation(suffix_symbols)
    # Optional parts are written "(?:...|)", not "(?:...)?": the same matches, without the repeat context re
    # allocates for each attempt at a repeated group; `led` puts each part behind a class of its first characters.
    pct_alt = _alternation([(r['surface'], r['surface'] != 'pp') for r in percent])
    power_alt = _alternation([(r['surface'], r['surface'][:1].islower()) for r in power])
    figure = (
        rf"(?<![\w.$€£¥₹₩₪])(?:(?P<prefix>{led(_alternation(prefixes))}){_SP}?(?P<minus>-(?=\d))?|)"
        rf"(?P<num>{led(digits)}|{led(fraction_number)}|{led(lone_article)}|{led(word_number)})"
        rf"(?:(?P<typo>%)(?={_SP}?{scale_alt}{_SP}?{suffix_word_alt})|)"
        rf"(?:{_JOIN}?(?P<scale>{led(scale_alt)}(?:{_SP}(?i:crore|lakh))?)(?![A-Za-z])|(?P<lscale>{led(_alternation(letter_scales))})(?![A-Za-z])|)"
        rf"(?:{_JOIN}?(?P<suffix>{led(suffix_word_alt)})(?![A-Za-z])(?:{_SP}(?P<post_scale>(?i:thousand|million|billion|trillion))\b)?"
        rf"|{_SP}?(?P<symbol>{led(suffix_symbol_alt)})(?!{_SP}?\d)"
        rf"|{_JOIN}?(?P<pct>{led(pct_alt)})(?![A-Za-z])"
        rf"|{_JOIN}?(?P<power>{led(power_alt)})(?![A-Za-z])|)"
        r"(?![^\W_])"
    )
    word_figure_recs = _cues("word_figure")
    any_figures = [(r["surface"], True) for r in word_figure_recs if r["context"] == "any"]
    digit_figures = [(r["surface"], True) for r in word_figure_recs if r["context"] == "digit"]
    digit_objects = _alternation([(r["surface"], True) for r in _cues("digit_figure_object")])
    object_figures = [(r["surface"], True) for r in word_figure_recs if r["context"] == "object"]
    verb_figures = [(r["surface"], True) for r in word_figure_recs if r["context"] == "verb"]
    objects = _alternation([(r["surface"], True) for r in _cues("figure_object")])
    not_after = _alternation([(r["surface"], True) for r in _cues("figure_not_after")])
    fraction_words = [(w, True) for w, (kind, _) in words.items() if kind == "denominator"]
    numerators = [(w, True) for w, (kind, _) in words.items() if kind in ("unit", "teen", "ten", "article")]
    multitudes = [(w, True) for w, (kind, _) in words.items() if kind == "multitude"]
    word_figure_branches = (
        rf"(?P<any>{_alternation(any_figures)})(?![\w-])(?!{_SP}+{not_after}\b)",
        rf"(?P<object>{_alternation(object_figures)})(?={_SP}+{objects}\b)",
        rf"(?P<verb>{_alternation(verb_figures)})(?![\w-])(?!{_SP}+{not_after}\b)",
        rf"(?P<digit>{_alternation(digit_figures)})(?={_SP}+(?:(?i:percent|percentage){_SP}+)?"
        rf"(?:(?i:year[- ](?:on|over)[- ]year|quarter[- ](?:on|over)[- ]quarter|annual|yearly|sequential){_SP}+)?"
        rf"{digit_objects}\b)",
        rf"(?P<fraction>(?:{_alternation(numerators)}[ \-]|){_alternation(fraction_words)})(?![\w-])",
        rf"(?P<money>(?i:million|billion|trillion))[ \-](?i:dollar)(?![\w])",
        rf"(?i:an?){_SP}+(?P<power>(?i:gigawatt|megawatt))(?![\w-])",
        rf"(?P<multitude>{_alternation(multitudes)}(?:{_SP}+(?i:of){_SP}+{_alternation(multitudes)}|))(?={_SP}+(?i:of)\b)",
    )
    word_figure = rf"(?<![\w-])(?:{'|'.join(map(led, word_figure_branches))})"
    # Phone-like runs, slashed dates, times, versions. Each branch's lookbehind sits after a leading
    # [+\d] so that re can skip to the next digit instead of trying every branch at every position.
    # Every branch starts after a character that is no digit: the lookbehind right after [+\d] says so once.
    blocked_numbers = (r"[+\d](?<!\d.)(?:(?<=\+)(?<![\d+]\+)\d+(?:[-–]\d+){2,}|(?<=\d)(?<![\d+]\d)\d*(?:[-–]\d+){2,}"
                       r"|(?<=\d)(?<!\d\d)\d*(?:/\d+)+|(?<=\d)(?<!\d\d)\d*:\d+(?::\d+)?|(?<=\d)(?<!\d\d)\d*(?:\.\d+){2,})")
    blocked = re.compile(r"https?://\S+|www\.\S+|(?<!\S)[^\s@]+@[^\s@]+\.\w+|" + blocked_numbers)
    qualifier_recs = _cues("qualifier")
    qualifier = re.compile(rf"(?<![\w-]){_alternation([(r['surface'], True) for r in qualifier_recs])}{_SP}*$")
    qualifier_after_recs = _cues("qualifier_after")
    qualifier_after = re.compile(rf"{_SP}+{_alternation([(r['surface'], True) for r in qualifier_after_recs])}(?![\w-])")
    adjectives = _alternation([(r["surface"], True) for r in _cues("count_adjective")])
    noun_recs = _cues("count_noun")
    count_nouns = _alternation([(r["surface"], True) for r in noun_recs])
    modifier = rf"(?:{_JOIN}+(?:{adjectives}|{count_nouns})|{_SP}+(?i:and|or|&){_SP}+{adjectives})(?![\w-])"
    noun_after = re.compile(rf"(?={_SP})(?:{modifier}){{0,4}}{_SP}+(?P<noun>{count_nouns})(?![\w-])")
    non_count = re.compile(
        rf"{_JOIN}?{_alternation([(r['surface'], not r['surface'].isupper()) for r in _cues('non_count_unit')])}(?![\w])"
    )
    vague = re.compile(rf"(?<![\w-]){_alternation([(r['surface'], True) for r in _cues('vague_before')])}{_SP}+$")
    return _Rules(
        figure=re.compile(led(figure)),
        word_figure=first_char_filter(re.compile(word_figure)),
        blocked=blocked,
        blocked_numbers=re.compile(blocked_numbers),
        qualifier=qualifier,
        qualifier_endings=_last_words(qualifier_recs),
        qualifier_after=qualifier_after,
        noun_after=noun_after,
        noun_end=re.compile(rf"(?<![\w-]){count_nouns}$"),
        non_count_after=non_count,
        vague_before=vague,
        vague_endings=_last_words(_cues("vague_before")),
        previous_word=re.compile(rf"(\S+){_SP}+$"),
        prefix_codes={_normal(r["surface"]): r["code"] for r in currencies if r["position"] == "prefix"},
        suffix_codes={_normal(r["surface"]): (r["code"], r.get("needs_scale") or False) for r in currencies if r["position"] == "suffix"},
        percent_units={_normal(r["surface"]): (r["unit"], float(r["divisor"])) for r in percent},
        power_factors={_normal(r["surface"]): float(r["factor"]) for r in power},
        money_only_scales=frozenset(r["surface"] for r in scales if r.get("money_only")),
        qualifiers={_normal(r["surface"]): r["qualifier"] for r in (*qualifier_recs, *qualifier_after_recs)},
        nouns={_normal(r["surface"]): r["lemma"] for r in noun_recs},
        name_before=frozenset(r["surface"] for r in _cues("name_before")),
        months=frozenset(r["surface"] for r in _cues("month")),
        month_after=re.compile(rf"{_SP}*(?:{_longest_first(r['surface'] for r in _cues('month'))})\b"),
        word_figures={_normal(r["surface"]): (float(r["value"]), r["qualifier"], r.get("note")) for r in word_figure_recs},
        verb_before=frozenset(_normal(r["surface"]) for r in _cues("figure_verb_before")),
        currency_factors={(r["position"], _normal(r["surface"])): float(r["factor"]) for r in currencies if r.get("factor")},
        plural_lemmas=frozenset(r["lemma"] for r in noun_recs if _normal(r["surface"]) != _normal(r["lemma"])),
        fraction_not_before=frozenset(_normal(r["surface"]) for r in _cues("fraction_not_before")),
        fraction_objects=frozenset(_normal(r["surface"]) for r in _cues("fraction_object")),
        prefix_needs_scale=frozenset(_normal(r["surface"]) for r in currencies if r["position"] == "prefix" and r.get("needs_scale")),
        cents_tail=re.compile(
            rf"(?:{_SP}+(?i:and))?{_SP}+(?P<cents>\d{{1,2}}|{word_number})(?:{_SP}+(?i:cents?))?(?=\s*(?:[.,;:!?)]|$)|{_SP}+(?i:more|less)\b)"
        ),
        change_before_from=re.compile(
            rf"(?<![\w-]){_alternation([(r['surface'], True) for r in _cues('change_word')])}(?:{_SP}+[^\s]+){{0,4}}?{_SP}+from{_SP}+$",
            re.IGNORECASE,
        ),
    )


def _ends_with(pattern: re.Pattern, text: str, start: int, endings: tuple[str, ...] | None = None) -> bool:
    """Whether pattern (anchored with $) matches the text just before start."""
    return _search_before(pattern, text, start, endings) is not None


def _search_before(pattern: re.Pattern, text: str, start: int, endings: tuple[str, ...] | None) -> re.Match | None:
    """pattern (anchored with $) searched in the 40 characters before start.

    `endings` (lower case) are the words the match must end with: when the text does not end with one
    of them, the search, which would try every position of the window, is skipped.
    """
    begin = max(0, start - 40)
    if endings is not None:
        tail = text[begin:start]
        if tail.endswith("\n"):  # "$" also matches before a final newline
            tail = tail[:-1]
        if not tail.rstrip(_SPACES).lower().endswith(endings):
            return None
    return pattern.search(text, begin, start)


def _last_words(records: list[dict]) -> tuple[str, ...]:
    """The last word of each surface, lower case: what text must end with for the surface to end there."""
    return tuple(sorted({r["surface"].split()[-1].lower() for r in records}))


def _previous_word(text: str, start: int, rules: _Rules) -> tuple[str | None, bool]:
    """The word before start on the same line, and whether that word begins a sentence or line."""
    match = rules.previous_word.search(text, max(0, start - 40), start)
    if match is None or "\n" in text[match.start(1):start]:
        return None, True
    head = text[max(0, match.start(1) - 3):match.start(1)].rstrip(" \t\u00a0")
    return match.group(1), (not head) or head[-1] in _SENTENCE_START_CHARS
