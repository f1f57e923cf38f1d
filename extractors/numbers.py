"""Pure number parsing: digit strings, number words, scales and fraction words (no matching)."""
from __future__ import annotations

import re
from functools import lru_cache

from extractors.datafiles import load_records

_WESTERN_GROUPS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_INDIAN_GROUPS = re.compile(r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
_EUROPEAN_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3})+,\d+")
_PLAIN = re.compile(r"\d*\.?\d+")
_WORD_SPLIT = re.compile(r"[\s\-–]+")


def parse_digits(text: str) -> float | None:
    """Value of a digit string: "1,234.5", Indian "1,05,600", decimal comma "57,3", ".25"; None if malformed."""
    digits = text.strip()
    if digits.isdecimal():  # the common case: what _PLAIN alone would match (\d is a decimal digit)
        return float(digits)
    if _WESTERN_GROUPS.fullmatch(digits) or _INDIAN_GROUPS.fullmatch(digits):
        return float(digits.replace(",", ""))
    if _DECIMAL_COMMA.fullmatch(digits):
        return float(digits.replace(",", "."))
    if _EUROPEAN_GROUPS.fullmatch(digits):
        return float(digits.replace(".", "").replace(",", "."))
    if _PLAIN.fullmatch(digits):
        return float(digits)
    return None


@lru_cache(maxsize=1)
def number_word_table() -> dict[str, tuple[str, float]]:
    """Number word (lower case) -> (kind, value), from number_words.json."""
    return {rec["word"]: (rec["kind"], float(rec["value"])) for rec in load_records("number_words.json", required=("word", "value", "kind"))}


@lru_cache(maxsize=1)
def scale_table() -> dict[str, float]:
    """Scale word as written -> factor, from scales.json (case matters for single letters)."""
    return {rec["surface"]: float(rec["factor"]) for rec in load_records("scales.json", required=("surface", "factor"))}


def scale_factor(text: str) -> float | None:
    """Factor of a scale word or chain ("bn" -> 1e9, "lakh crore" -> 1e12); None if not a scale."""
    table = scale_table()
    factor = 1.0
    parts = text.split()
    if not parts:
        return None
    for part in parts:
        value = table.get(part, table.get(part.lower()))
        if value is None:
            return None
        factor *= value
    return factor


# Which kinds of number word may follow which: keeps "two three" or "twenty eleven" from parsing as one number.
_MAY_FOLLOW: dict[str | None, frozenset[str]] = {
    None: frozenset({"unit", "teen", "ten", "article"}),
    "article": frozenset({"hundred", "thousand", "dozen"}),
    "unit": frozenset({"hundred", "thousand", "dozen"}),
    "teen": frozenset({"hundred", "thousand", "dozen"}),
    "ten": frozenset({"unit", "thousand", "hundred", "dozen"}),
    "hundred": frozenset({"unit", "teen", "ten", "thousand"}),
    "thousand": frozenset({"unit", "teen", "ten"}),
    "dozen": frozenset(),
}


def number_word_prefix(words: list[str], start: int = 0) -> tuple[float, int] | None:
    """Value of the longest valid number-word run at words[start:] ("and" allowed inside), and its word count.

    Reads only as far as the run is valid (plus one word), so splitting a long run costs time linear in it.
    """
    table = number_word_table()
    total = 0.0
    current = 0.0
    previous: str | None = None
    best: tuple[float, int] | None = None
    for index in range(start, len(words)):
        word = words[index].lower()
        if word == "and" and previous in ("hundred", "thousand"):
            continue
        entry = table.get(word)
        if entry is None:
            break
        kind, value = entry
        allowed = _MAY_FOLLOW.get(previous, frozenset())
        if kind not in allowed:
            break
        if kind in ("unit", "teen", "ten"):
            current += value
        elif kind == "article":
            current = 1.0
        elif kind == "hundred":
            current = current * 100
        elif kind == "thousand":
            total += current * 1000
            current = 0.0
        elif kind == "dozen":
            current = current * 12
        previous = kind
        if kind != "article":
            best = (total + current, index + 1 - start)
    return best


def parse_number_words(text: str) -> float | None:
    """Value of a whole number-word phrase ("twenty-one", "one hundred and six", "a dozen"); None if not all of it parses."""
    words = [w for w in _WORD_SPLIT.split(text.strip()) if w]
    parsed = number_word_prefix(words)
    if parsed is None:
        return None
    value, used = parsed
    return value if used == len(words) else None


def parse_number(text: str) -> float | None:
    """Value of digits or number words; None when text is neither."""
    stripped = text.strip()
    if stripped[:1].isdigit() or stripped[:1] == ".":
        return parse_digits(stripped)
    return parse_number_words(stripped)


def parse_fraction(text: str) -> float | None:
    """Value of a fraction phrase: "half" 0.5, "a third" 1/3, "two-fifths" 0.4, "three quarters" 0.75; None otherwise."""
    table = number_word_table()
    words = [w.lower() for w in _WORD_SPLIT.split(text.strip()) if w]
    if not words:
        return None
    last = table.get(words[-1])
    if last is None or last[0] != "denominator":
        return None
    denominator = last[1]
    if len(words) == 1:
        return 1 / denominator if words[0] == "half" else None
    numerator = parse_number_words(" ".join(words[:-1]))
    if numerator is None and words[:-1] in (["a"], ["an"]):
        numerator = 1.0
    if numerator is None or numerator == 0:
        return None
    return numerator / denominator


def parse_scale_fraction(text: str) -> float | None:
    """Value of a fraction that multiplies a following scale word: "quarter" 0.25, "half a" 0.5, "three quarters" 0.75."""
    words = [w.lower() for w in _WORD_SPLIT.split(text.strip()) if w]
    if len(words) > 1 and words[-1] in ("a", "an"):
        words = words[:-1]
    if len(words) == 1 and number_word_table().get(words[0], ("", 0.0))[0] == "denominator":
        words = ["a", words[0]]
    fraction = parse_fraction(" ".join(words))
    return fraction if fraction is not None and fraction < 1 else None


def parse_multitude(text: str) -> float | None:
    """Least value a vague plural means ("hundreds" 200, "tens of thousands" 20000); None otherwise."""
    table = number_word_table()
    words = [w.lower() for w in _WORD_SPLIT.split(text.strip()) if w and w.lower() != "of"]
    if not words:
        return None
    value = 1.0
    for word in words:
        entry = table.get(word)
        if entry is None or entry[0] != "multitude":
            return None
        value *= entry[1] if value == 1.0 else entry[1] / 2
    return value


def scaled(value: float, factor: float | None) -> float:
    """value times factor, rounded to shed binary noise ("1.2" x 1e9 -> 1200000000.0)."""
    if factor is None:
        return value
    return float(f"{value * factor:.12g}")
