"""Settle scanned figures: ranges ("5 to 7", "$35-40bn"), the whole a part belongs to, plain numbers kept or
dropped by their context, counted nouns and qualifiers ("more than", "about")."""
from __future__ import annotations

import re

from extractors.numbers import scaled
from extractors.quantity_rules import _SP, _Rules, _ends_with, _normal, _previous_word, _search_before
from extractors.quantity_scan import _Figure


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
            low = first._replace(unit=second.unit, value=scaled(first.raw, factor), factor=factor, bare=False)
        if not _gap_joins_range(text, first, second, rules) or low.value >= second.value or (low.unit is None) != (second.unit is None):
            merged.append(low if gap in ("to", "and") else first)
            index += 1
            continue
        merged.append(second._replace(start=low.start, value=low.value, value_high=second.value, qualifier="range",
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
    return second._replace(start=first.start, unit=first.unit, value=low, value_high=second.value, qualifier="range",
                   bare=False)


_PART_OF_WHOLE = re.compile(rf"{_SP}+of{_SP}+(?:the|its|their|his|her|our|a|an){_SP}+$", re.IGNORECASE)


def _part_takes_whole_unit(figures: list[_Figure], text: str) -> list[_Figure]:
    """A scaled plain number takes the currency of the whole it is part of ("280 million of the 1.5 billion shekels")."""
    result = list(figures)
    for index, (part, whole) in enumerate(zip(figures, figures[1:])):
        if part.unit is None and part.factor is not None and whole.unit is not None and whole.factor is not None \
                and _PART_OF_WHOLE.fullmatch(text, part.end, whole.start) and part.value <= whole.value:
            result[index] = part._replace(unit=whole.unit)
    return result


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
    noun = _head_noun(text, after_qualifier.end() if after_qualifier else figure.end, figure.value, rules)
    return figure if noun == figure.noun else figure._replace(noun=noun)


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
    return None if noun is None else figure._replace(noun=noun)


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
        return figure._replace(qualifier=qualifier)
    if figure.qualifier == "at_least" and qualifier == "approximate":
        return figure
    return figure._replace(qualifier=qualifier)
