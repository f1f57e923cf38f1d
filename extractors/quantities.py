"""Find quantities (money, percentages, counts, power) in text: one compiled regex pass, then context rules."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable

from spacy.tokens import Doc

from extractors.datafiles import load_records
from extractors.models import Quantity
from extractors.numbers import (
    number_word_prefix,
    number_word_table,
    parse_digits,
    parse_fraction,
    parse_multitude,
    parse_scale_fraction,
    scale_factor,
    scaled,
)
from extractors.regextrie import trie_pattern

_SP = r"[ \t\u00a0\u202f]"  # spaces inside one figure; never a newline, so table cells stay apart
_JOIN = r"[ \t\u00a0\u202f\-]"
_SPACES = " \t\u00a0\u202f"  # the characters of _SP
_SENTENCE_START_CHARS = frozenset(".!?:;\"'(\n\u201c\u2018[")


@dataclass(frozen=True)
class _Figure:
    """A figure found by the scanner, before qualifiers and ranges are settled."""

    start: int
    end: int
    value: float
    unit: str | None  # None: a plain number (becomes a count)
    raw: float  # the number before its scale
    factor: float | None  # the scale written after the number, if any
    note: str | None = None
    bare: bool = False  # plain number: no currency, percent, power unit or scale
    words: bool = False  # written in words
    noun: str | None = None
    value_high: float | None = None
    qualifier: str = "exact"


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
        rf"(?<![Aa]nd{_SP})(?<![Aa]nd{_SP}[Aa]{_SP})(?P<frac>(?:{_alternation([(w, True) for w, (kind, _) in words.items() if kind in ('unit', 'article')])}{_JOIN}+)?"
        rf"{_alternation([(w, True) for w, (kind, _) in words.items() if kind == 'denominator'])}"
        rf"(?:{_SP}+(?i:an?))?(?={_JOIN}+(?i:thousand|million|billion|trillion)\b))"
    )
    scale_alt = _alternation(word_scales)
    suffix_word_alt = _alternation(suffix_words)
    suffix_symbol_alt = _alternation(suffix_symbols)
    figure = (
        rf"(?<![\w.$€£¥₹₩₪])(?:(?P<prefix>{_alternation(prefixes)}){_SP}?(?P<minus>-(?=\d))?)?"
        rf"(?P<num>{digits}|{fraction_number}|{lone_article}|{word_number})"
        rf"(?:(?P<typo>%)(?={_SP}?{scale_alt}{_SP}?{suffix_word_alt}))?"
        rf"(?:{_JOIN}?(?P<scale>{scale_alt}(?:{_SP}(?i:crore|lakh))?)(?![A-Za-z])|(?P<lscale>{_alternation(letter_scales)})(?![A-Za-z]))?"
        rf"(?:{_JOIN}?(?P<suffix>{suffix_word_alt})(?![A-Za-z])(?:{_SP}(?P<post_scale>(?i:thousand|million|billion|trillion))\b)?"
        rf"|{_SP}?(?P<symbol>{suffix_symbol_alt})(?!{_SP}?\d)"
        rf"|{_JOIN}?(?P<pct>{_alternation([(r['surface'], r['surface'] != 'pp') for r in percent])})(?![A-Za-z])"
        rf"|{_JOIN}?(?P<power>{_alternation([(r['surface'], r['surface'][:1].islower()) for r in power])})(?![A-Za-z]))?"
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
    word_figure = (
        rf"(?<![\w-])(?:(?P<any>{_alternation(any_figures)})(?![\w-])(?!{_SP}+{not_after}\b)"
        rf"|(?P<object>{_alternation(object_figures)})(?={_SP}+{objects}\b)"
        rf"|(?P<verb>{_alternation(verb_figures)})(?![\w-])(?!{_SP}+{not_after}\b)"
        rf"|(?P<digit>{_alternation(digit_figures)})(?={_SP}+(?:(?i:percent|percentage){_SP}+)?"
        rf"(?:(?i:year[- ](?:on|over)[- ]year|quarter[- ](?:on|over)[- ]quarter|annual|yearly|sequential){_SP}+)?"
        rf"{digit_objects}\b)"
        rf"|(?P<fraction>(?:{_alternation(numerators)}[ \-])?{_alternation(fraction_words)})(?![\w-])"
        rf"|(?P<money>(?i:million|billion|trillion))[ \-](?i:dollar)(?![\w])"
        rf"|(?i:an?){_SP}+(?P<power>(?i:gigawatt|megawatt))(?![\w-])"
        rf"|(?P<multitude>{_alternation(multitudes)}(?:{_SP}+(?i:of){_SP}+{_alternation(multitudes)})?)(?={_SP}+(?i:of)\b))"
    )
    # Phone-like runs, slashed dates, times, versions. Each branch's lookbehind sits after a leading
    # [+\d] so that re can skip to the next digit instead of trying every branch at every position.
    blocked_numbers = (r"[+\d](?:(?<=\+)(?<![\d+]\+)\d+(?:[-–]\d+){2,}|(?<=\d)(?<![\d+]\d)\d*(?:[-–]\d+){2,}"
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
        figure=re.compile(figure),
        word_figure=re.compile(word_figure),
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


def _word_number_end(text: str, start: int, end: int) -> tuple[float, int] | None:
    """Value and end offset of the longest valid number-word run in text[start:end]."""
    spans = [m for m in re.finditer(r"[^\s\-–]+", text[start:end])]
    parsed = number_word_prefix([m.group() for m in spans])
    if parsed is None:
        return None
    value, used = parsed
    return value, start + spans[used - 1].end()


def _word_number_pieces(text: str, start: int, end: int) -> list[tuple[float, int, int]]:
    """The run of number words in text[start:end] split into valid numbers, in one pass: (value, start, end) each.

    "twenty twenty-one" is twenty, then twenty-one; words that start no number ("thousand thousand") are skipped.
    """
    spans = list(re.finditer(r"[^\s\-–]+", text[start:end]))
    words = [m.group() for m in spans]
    pieces = []
    index = 0
    while index < len(words):
        parsed = number_word_prefix(words, index)
        if parsed is None:
            index += 1
            continue
        value, used = parsed
        pieces.append((value, start + spans[index].start(), start + spans[index + used - 1].end()))
        index += used
    return pieces


def _scan_figures(text: str, rules: _Rules) -> list[_Figure]:
    """Numbers with their currency, scale and unit, as the figure pattern reads them."""
    figures: list[_Figure] = []
    pos = 0
    pattern = rules.figure
    while True:
        match = pattern.search(text, pos)
        if match is None:
            return figures
        pos = match.end()
        num_text = match.group("num")
        is_words = num_text[:1].isalpha()
        if match.group("frac") is not None:
            fraction = parse_scale_fraction(num_text)
            if fraction is None:
                continue
            raw = fraction
        elif is_words and num_text.lower() in ("a", "an"):
            raw = 1.0
        elif is_words:
            pieces = _word_number_pieces(text, match.start("num"), match.end("num"))
            if not pieces:
                continue
            raw, _, words_end = pieces[0]
            if words_end < match.end("num"):  # "two and three": "two", then the rest read as the pattern reads it
                # The pieces are split in one pass: rescanning the rest after each piece took time quadratic in
                # a long run ("twenty-twenty-...-one percent").
                last_start, last_end = pieces[-1][1], pieces[-1][2]
                ends_the_run = last_end == match.end("num") and len(pieces) > 1
                for number, (value, piece_start, piece_end) in enumerate(pieces[:-1] if ends_the_run else pieces):
                    if number > 0 or match.group("prefix") is None:
                        figures.append(_Figure(piece_start, piece_end, value, None, value, None, bare=True, words=True))
                pos = last_start if ends_the_run else max(last_end, words_end)
                continue
        else:
            parsed_digits = parse_digits(num_text)
            if parsed_digits is None:
                continue
            raw = parsed_digits
        figure = _figure_from_match(match, raw, is_words, rules)
        if figure is not None:
            figures.append(figure)


def _figure_from_match(match: re.Match, raw: float, is_words: bool, rules: _Rules) -> _Figure | None:
    """Turn one figure-pattern match into a _Figure, or None when its parts do not make a quantity."""
    scale_text = match.group("scale") or match.group("lscale") or match.group("post_scale")
    factor = scale_factor(scale_text) if scale_text else None
    prefix, suffix, symbol = match.group("prefix"), match.group("suffix"), match.group("symbol")
    pct, power = match.group("pct"), match.group("power")
    start, end = match.start(), match.end()
    note = None
    if prefix is not None or suffix is not None or symbol is not None:
        if prefix is not None:
            unit = rules.prefix_codes[_normal(prefix)]
            if _normal(prefix) in rules.prefix_needs_scale and factor is None and not re.search(r"[.,]", match.group("num")):
                return None  # "PS" is a transliterated pound sign only with an amount, not in "PS5"
        else:
            unit, needs_scale = rules.suffix_codes[_normal(suffix or symbol)]
            grouped = needs_scale == "unless_grouped" and re.search(r"\d,\d{3}", match.group("num"))
            if needs_scale and factor is None and not grouped:
                return None  # "won" is money with a scale ("2 trillion won") or a grouped amount ("151,400 won")
        if prefix is not None and symbol is not None:  # "$ 30 $": the trailing sign belongs to the next amount
            end = match.start("symbol")
            while _text_end_is_space(match.string, end):
                end -= 1
        if match.group("typo"):
            note = "percent sign inside a money amount"
        sign = ("prefix", _normal(prefix)) if prefix is not None else ("suffix", _normal(suffix or symbol))
        if sign in rules.currency_factors and factor is None:  # "120 MEUR": the code carries its scale
            factor = rules.currency_factors[sign]
        value = scaled(raw, factor)
        if suffix is not None and factor is None:
            value, end = _with_cents(match, value, rules)
        return _Figure(start, end, value, unit, raw, factor, note=note, words=is_words)
    if match.group("lscale") in rules.money_only_scales:
        return None
    if pct is not None:
        unit, divisor = rules.percent_units[_normal(pct)]
        return _Figure(start, end, scaled(raw, factor) / divisor, unit, raw, factor, words=is_words)
    if power is not None:
        return _Figure(start, end, scaled(raw, factor) * rules.power_factors[_normal(power)], "MW", raw, factor, words=is_words)
    return _Figure(start, end, scaled(raw, factor), None, raw, factor, bare=factor is None, words=is_words)


def _text_end_is_space(text: str, end: int) -> bool:
    """Whether the character just before end is a space (used to trim a figure's end)."""
    return end > 0 and text[end - 1] in " \t\u00a0\u202f"


def _with_cents(match: re.Match, value: float, rules: _Rules) -> tuple[float, int]:
    """Add a cents tail after a currency word ("15 dollars 50", "thirteen dollars and forty-five cents")."""
    tail = rules.cents_tail.match(match.string, match.end())
    if tail is None:
        return value, match.end()
    cents_text = tail.group("cents")
    cents = parse_digits(cents_text) if cents_text[:1].isdigit() else _word_number_value(cents_text)
    if cents is None or not 0 < cents < 100:
        return value, match.end()
    return round(value + cents / 100, 2), tail.end()


def _word_number_value(text: str) -> float | None:
    """Value of a whole number-word phrase, None when part of it does not parse."""
    parsed = _word_number_end(text, 0, len(text))
    return parsed[0] if parsed is not None and parsed[1] == len(text.rstrip()) else None


# "will more than triple", "to nearly double": a qualifier between the modal and the verb figure.
_VERB_QUALIFIER = re.compile(r"\b(more than|at least|nearly|almost|roughly|about)\s+$", re.IGNORECASE)


def _scan_word_figures(text: str, rules: _Rules) -> list[_Figure]:
    """Figures written as words: "doubled", "double-digit", "half of", "a third", "million-dollar", "a gigawatt"."""
    figures = []
    for match in rules.word_figure.finditer(text):
        kind = match.lastgroup
        start, end = match.span(kind)
        surface = match.group(kind)
        qualifier_before = _VERB_QUALIFIER.search(text, max(0, start - 40), start) if kind == "verb" else None
        verb_start = qualifier_before.start() if qualifier_before else start
        if kind == "verb" and _normal(_previous_word(text, verb_start, rules)[0] or "") not in rules.verb_before:
            continue  # "to double", "will triple", "will more than triple"; not "a double" or "the double"
        if kind in ("any", "object", "digit", "verb"):
            value, qualifier, note = rules.word_figures[_normal(surface)]
            if qualifier_before is not None:
                qualifier = "at_least" if qualifier_before.group(1).lower() in ("more than", "at least") else "approximate"
            figures.append(_Figure(start, end, value, "percent", value, None, note=note, qualifier=qualifier, words=True))
        elif kind == "fraction":
            figure = _fraction_figure(text, start, end, rules)
            if figure is not None:
                figures.append(figure)
        elif kind == "money":
            value = scale_factor(surface.lower())
            hyphenated = text[end:end + 1] == "-"  # "several million-dollar deals": an adjective, each deal a million
            if value is not None and (hyphenated or not _ends_with(rules.vague_before, text, start, rules.vague_endings)):
                figures.append(_Figure(start, end + len(" dollar"), value, "USD", 1.0, value, words=True))
        elif kind == "power":
            factor = rules.power_factors[_normal(surface)]
            figures.append(_Figure(start, end, factor, "MW", 1.0, None, words=True))
        elif kind == "multitude":
            value = parse_multitude(surface)
            if value is not None:
                figures.append(_Figure(start, end, value, None, value, None, note="vague multitude", qualifier="at_least", words=True))
    return figures


def _fraction_figure(text: str, start: int, end: int, rules: _Rules) -> _Figure | None:
    """A fraction word as a percent figure, only where it states a share ("half of", "more than half")."""
    fraction = parse_fraction(text[start:end])
    if fraction is None or fraction >= 1:
        return None
    before = rules.previous_word.search(text, max(0, start - 40), start)
    if before is not None and _normal(before.group(1)) in rules.fraction_not_before:
        return None
    after = re.match(rf"{_SP}+(\w+)", text[end:end + 20])
    has_object = after is not None and _normal(after.group(1)) in rules.fraction_objects
    if not has_object and _search_before(rules.qualifier, text, start, rules.qualifier_endings) is None:
        return None
    percent = fraction * 100
    rounded = round(percent, 1)
    qualifier = "exact" if abs(rounded - percent) < 1e-9 else "approximate"
    return _Figure(start, end, rounded, "percent", rounded, None, qualifier=qualifier, words=True)


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


def _gap_joins_range(text: str, first: _Figure, second: _Figure, rules: _Rules) -> bool:
    """Whether the words between two figures make them one range ("5 to 7", "$1bn-$2bn", "between X and Y")."""
    gap = text[first.end:second.start]
    joiner = gap.strip().lower()
    if "\n" in gap or len(gap) > 10:
        return False
    before = text[max(0, first.start - 30):first.start].lower()
    if joiner == "and":
        return re.search(r"\bbetween\s+$", before) is not None
    if joiner in ("to", "through"):
        if re.search(r"\bfrom\s+$", before):
            return not _ends_with(rules.change_before_from, text, first.start)
        return re.search(r"\bby\s+$", before) is None
    return joiner in ("-", "–", "—") and (gap == joiner or gap.startswith(" "))


def _is_year(figure: _Figure, text: str) -> bool:
    """A bare four-digit number 1900-2100 written without a comma."""
    surface = text[figure.start:figure.end]
    return figure.bare and len(surface) == 4 and surface.isdigit() and 1900 <= figure.value <= 2100


def _merge_ranges(figures: list[_Figure], text: str, rules: _Rules) -> list[_Figure]:
    """Join "X to Y" / "X-Y" / "between X and Y" into ranges; a plain first number takes the second's unit."""
    merged: list[_Figure] = []
    index = 0
    while index < len(figures):
        first = figures[index]
        second = figures[index + 1] if index + 1 < len(figures) else None
        if second is None or first.note or second.note or _is_year(first, text) or _is_year(second, text):
            merged.append(first)
            index += 1
            continue
        gap = text[first.end:second.start].strip().lower()
        if gap not in ("to", "-", "–", "—", "and", "through"):
            merged.append(first)
            index += 1
            continue
        if first.unit is not None and second.unit is not None and first.unit != second.unit:
            merged.append(first)
            index += 1
            continue
        signed = _sign_covers_both(first, second, gap, text, rules)
        if signed is not None:  # "$35-40bn", "Rs 500-600 crore": one currency sign for both ends
            merged.append(signed)
            index += 2
            continue
        low = first
        if first.factor is None and (first.unit is None or first.unit == second.unit) and second.unit is not None:
            factor = second.factor if second.factor and first.raw * second.factor <= second.value else None
            low = replace(first, unit=second.unit, value=scaled(first.raw, factor), factor=factor, bare=False)
        if not _gap_joins_range(text, first, second, rules) or low.value >= second.value or (low.unit is None) != (second.unit is None):
            merged.append(low if gap in ("to", "and") else first)
            index += 1
            continue
        merged.append(replace(second, start=low.start, value=low.value, value_high=second.value, qualifier="range",
                              bare=low.bare and second.bare))
        index += 2
    return merged


def _is_money_unit(unit: str) -> bool:
    """ISO currency codes are three capitals; percent, pp, count and MW are not."""
    return len(unit) == 3 and unit.isupper()


def _sign_covers_both(first: _Figure, second: _Figure, gap: str, text: str, rules: _Rules) -> _Figure | None:
    """The range "$35-40bn": the first end has the currency, the second the scale; None when that is not the case."""
    if first.unit is None or second.unit is not None or first.factor is not None or gap not in ("-", "–", "—", "to"):
        return None
    if not _is_money_unit(first.unit):
        return None  # "rose 1.6 per cent to 3 million": a percentage and a count, never one range
    if not _gap_joins_range(text, first, second, rules):
        return None
    factor = second.factor if second.factor and first.raw * second.factor <= second.value else None
    low = scaled(first.raw, factor)
    if low >= second.value:
        return None
    return replace(second, start=first.start, unit=first.unit, value=low, value_high=second.value, qualifier="range",
                   bare=False)


_PART_OF_WHOLE = re.compile(rf"{_SP}+of{_SP}+(?:the|its|their|his|her|our|a|an){_SP}+$", re.IGNORECASE)


def _part_takes_whole_unit(figures: list[_Figure], text: str) -> list[_Figure]:
    """A scaled plain number takes the currency of the whole it is part of ("280 million of the 1.5 billion shekels")."""
    result = list(figures)
    for index, (part, whole) in enumerate(zip(figures, figures[1:])):
        if part.unit is None and part.factor is not None and whole.unit is not None and whole.factor is not None \
                and _PART_OF_WHOLE.fullmatch(text, part.end, whole.start) and part.value <= whole.value:
            result[index] = replace(part, unit=whole.unit)
    return result


def _previous_word(text: str, start: int, rules: _Rules) -> tuple[str | None, bool]:
    """The word before start on the same line, and whether that word begins a sentence or line."""
    match = rules.previous_word.search(text, max(0, start - 40), start)
    if match is None or "\n" in text[match.start(1):start]:
        return None, True
    head = text[max(0, match.start(1) - 3):match.start(1)].rstrip(" \t\u00a0")
    return match.group(1), (not head) or head[-1] in _SENTENCE_START_CHARS


def _keep_plain_number(figure: _Figure, text: str, rules: _Rules) -> bool:
    """Context rules for a number without currency or percent: years, dates, names, durations, compounds."""
    start, end = figure.start, figure.end
    surface = text[start:end]
    before = text[max(0, start - 12):start]
    after = text[end:end + 12]
    word, sentence_start = _previous_word(text, start, rules)
    if word is not None and (word in rules.name_before or word.rstrip(".,") in rules.months):
        return False
    if re.search(r"[^\W\d_][\-–]$|[#+]$|(?:19|20)\d\d[\-–/]$", before):
        return False
    if rules.month_after.match(after):
        return False
    if figure.noun is not None:
        return True
    if _is_year(figure, text) or rules.non_count_after.match(text, end) or re.match(r"-[^\W\d_]", after):
        return False
    if figure.words and figure.value == 1 and figure.value_high is None:
        return False  # "one" without a counted noun: "one of the", "one day"
    if word is not None and word[:1].isupper() and not sentence_start and not figure.words:
        return False  # "Windows 11", "Llama 3"
    return surface.lower() not in ("a", "an")


def _with_noun(figure: _Figure, text: str, rules: _Rules) -> _Figure:
    """Attach the counted noun that follows a count ("87 availability zones" -> "availability zone")."""
    after_qualifier = rules.qualifier_after.match(text, figure.end)
    return replace(figure, noun=_head_noun(text, after_qualifier.end() if after_qualifier else figure.end, figure.value, rules))


def _head_noun(text: str, start: int, count: float, rules: _Rules) -> str | None:
    """Lemma of the last noun of the noun phrase at start; None when it is a singular modifier of a larger count."""
    match = rules.noun_after.match(text, start)
    if match is None:
        return None
    longest = rules.noun_end.search(text, match.start(), match.end())  # "AI models" rather than "models"
    surface = _normal(longest.group() if longest else match.group("noun"))
    lemma = rules.nouns[surface]
    if count != 1 and lemma in rules.plural_lemmas and surface == _normal(lemma):
        return None  # "four cloud service providers": a singular noun only modifies the counted (unlisted) head
    return lemma


def _multitude_with_noun(figure: _Figure, text: str, rules: _Rules) -> _Figure | None:
    """A vague multitude ("hundreds of customers") only when a counted noun follows its "of"."""
    of_match = re.compile(rf"{_SP}+of\b", re.IGNORECASE).match(text, figure.end)
    if of_match is None:
        return None
    noun = _head_noun(text, of_match.end(), figure.value, rules)
    return None if noun is None else replace(figure, noun=noun)


def _with_qualifier(figure: _Figure, text: str, rules: _Rules) -> _Figure:
    """Qualifier from the words right before the figure ("more than", "about", "up to")."""
    if figure.qualifier == "range":
        return figure
    match = _search_before(rules.qualifier, text, figure.start, rules.qualifier_endings)
    if match is None:
        match = rules.qualifier_after.match(text, figure.end)
    if match is None:
        return figure
    qualifier = rules.qualifiers[_normal(match.group().strip())]
    if figure.qualifier == "approximate" and qualifier != "approximate":
        return replace(figure, qualifier=qualifier)
    if figure.qualifier == "at_least" and qualifier == "approximate":
        return figure
    return replace(figure, qualifier=qualifier)


def _to_quantity(figure: _Figure, text: str) -> Quantity:
    """The public value type for a settled figure."""
    return Quantity(
        value=figure.value,
        value_high=figure.value_high,
        unit=figure.unit or "count",
        qualifier=figure.qualifier,
        text=text[figure.start:figure.end],
        start_char=figure.start,
        end_char=figure.end,
        noun=figure.noun if figure.unit is None else None,
        note=figure.note,
    )


def _without_overlaps(figures: list[_Figure]) -> list[_Figure]:
    """Earliest figure first; on overlap keep the longer one."""
    kept: list[_Figure] = []
    for figure in sorted(figures, key=lambda f: (f.start, -(f.end - f.start))):
        if kept and figure.start < kept[-1].end:
            continue
        kept.append(figure)
    return kept


def _blocked_spans(text: str, rules: _Rules) -> list[tuple[int, int]]:
    """Spans that hold no quantity: URLs, e-mail addresses, phone numbers, dates with slashes, times, versions."""
    has_address = "://" in text or "www." in text or "@" in text
    return [m.span() for m in (rules.blocked if has_address else rules.blocked_numbers).finditer(text)]


def _outside(figure: _Figure, blocked: list[tuple[int, int]]) -> bool:
    """Whether the figure overlaps none of the blocked spans (sorted and disjoint, as finditer yields them)."""
    index = bisect.bisect_left(blocked, (figure.end, -1)) - 1
    return index < 0 or blocked[index][1] <= figure.start


# Characters that show nothing (soft hyphen, zero-width space and joiners, word joiner, invisible operators,
# bidi marks and controls, zero-width no-break space): scraped HTML leaves them inside figures
# ("$28.8\u200b billion", "3\u200b1%"). Figures are read as if they were not there; offsets stay on the text.
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]")


def find_text_quantities(text: str) -> list[Quantity]:
    """All quantities in text, sorted by start_char and non-overlapping; invisible characters are read through."""
    if _INVISIBLE.search(text) is None:
        return _find_visible_quantities(text)
    kept = [index for index, char in enumerate(text) if not _INVISIBLE.match(char)]
    visible = "".join(text[index] for index in kept)
    kept.append(len(text))
    return [replace(q, start_char=kept[q.start_char], end_char=kept[q.end_char - 1] + 1,
                    text=text[kept[q.start_char]:kept[q.end_char - 1] + 1])
            for q in _find_visible_quantities(visible)]


def _find_visible_quantities(text: str) -> list[Quantity]:
    """find_text_quantities on a text without invisible characters."""
    rules = _rules()
    blocked = _blocked_spans(text, rules)
    figures = [f for f in _scan_figures(text, rules) if _outside(f, blocked)]
    figures = _merge_ranges(figures, text, rules)
    figures = _part_takes_whole_unit(figures, text)
    settled: list[_Figure] = []
    for figure in figures:
        if _ends_with(rules.vague_before, text, figure.start, rules.vague_endings):
            continue
        if figure.unit is None:
            figure = _with_noun(figure, text, rules)
            if figure.factor is None and not _keep_plain_number(figure, text, rules):
                continue
        settled.append(figure)
    for figure in _scan_word_figures(text, rules):
        if figure.note == "vague multitude":
            figure = _multitude_with_noun(figure, text, rules)
            if figure is None:
                continue
        settled.append(figure)
    settled = [_with_qualifier(f, text, rules) for f in _without_overlaps(settled)]
    return [_to_quantity(f, text) for f in settled]


def find_quantities(doc: Doc) -> list[Quantity]:
    """All quantities in a Doc made by get_nlp(), sorted by start_char; offsets index doc.text."""
    return find_text_quantities(doc.text)


def extract_quantities(text: str) -> list[Quantity]:
    """Quantities of any string; [] for empty or non-str input.

    The matcher reads only the text, so no Doc is built: same result as find_quantities(get_nlp()(text)),
    without spaCy's max_length limit.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    return find_text_quantities(text)
