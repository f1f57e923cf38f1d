"""Scan text for figures: numbers with their currency, scale and unit, and figures written as words."""
from __future__ import annotations

import re
from typing import NamedTuple

from extractors.numbers import (
    number_word_prefix,
    parse_digits,
    parse_fraction,
    parse_multitude,
    parse_scale_fraction,
    scale_factor,
    scaled,
)
from extractors.quantity_rules import _SP, _Rules, _ends_with, _normal, _previous_word, _search_before


class _Figure(NamedTuple):
    """A figure found by the scanner, before qualifiers and ranges are settled (a NamedTuple: made ~4x faster
    than a frozen dataclass, and copied by _replace; a body makes dozens)."""

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
    scale, lscale, post_scale, prefix, suffix, symbol, pct, power = match.group(
        "scale", "lscale", "post_scale", "prefix", "suffix", "symbol", "pct", "power")
    scale_text = scale or lscale or post_scale
    factor = scale_factor(scale_text) if scale_text else None
    start, end = match.start(), match.end()
    note = None
    if prefix is not None or suffix is not None or symbol is not None:
        if prefix is not None:
            sign = ("prefix", _normal(prefix))
            unit = rules.prefix_codes[sign[1]]
            if sign[1] in rules.prefix_needs_scale and factor is None and not re.search(r"[.,]", match.group("num")):
                return None  # "PS" is a transliterated pound sign only with an amount, not in "PS5"
        else:
            sign = ("suffix", _normal(suffix or symbol))
            unit, needs_scale = rules.suffix_codes[sign[1]]
            grouped = needs_scale == "unless_grouped" and re.search(r"\d,\d{3}", match.group("num"))
            if needs_scale and factor is None and not grouped:
                return None  # "won" is money with a scale ("2 trillion won") or a grouped amount ("151,400 won")
        if prefix is not None and symbol is not None:  # "$ 30 $": the trailing sign belongs to the next amount
            end = match.start("symbol")
            while _text_end_is_space(match.string, end):
                end -= 1
        if match.group("typo"):
            note = "percent sign inside a money amount"
        if factor is None and sign in rules.currency_factors:  # "120 MEUR": the code carries its scale
            factor = rules.currency_factors[sign]
        value = scaled(raw, factor)
        if suffix is not None and factor is None:
            value, end = _with_cents(match, value, rules)
        return _Figure(start, end, value, unit, raw, factor, note=note, words=is_words)
    if lscale in rules.money_only_scales:
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
