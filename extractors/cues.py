"""Cue words of the fact layer, loaded from data files: metric cues, count nouns, context cues."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.datafiles import DataFileError, load_records
from extractors.regex_factor import factored
from extractors.regex_gate import GatedPattern, WordFinder, first_char_filter, required_words

CURRENCY = "currency"
SIDES = {"left", "right", "any"}


@dataclass(frozen=True)
class MetricCue:
    """A pattern that, near a figure of a compatible unit, says which metric the figure is."""

    id: str
    metric: str
    units: frozenset[str]
    side: str
    weight: float
    regex: re.Pattern
    words: frozenset[str] | None  # regex_gate: one of them is in every match


@lru_cache(maxsize=None)  # a few units, asked about ~25 times a figure
def unit_kind(unit: str) -> str:
    """`currency` for ISO codes, else the unit itself (percent, pp, count, MW)."""
    return CURRENCY if len(unit) == 3 and unit.isupper() else unit


@lru_cache(maxsize=1)
def metric_cues() -> tuple[MetricCue, ...]:
    """The metric cues of metric_cues.json, compiled."""
    cues = []
    for rec in load_records("metric_cues.json", ("metric", "units", "side", "weight", "pattern")):
        if rec["side"] not in SIDES:
            raise DataFileError(f"metric_cues.json: {rec['id']}: side must be one of {sorted(SIDES)}")
        regex = re.compile(rec["pattern"], re.IGNORECASE)
        cues.append(MetricCue(rec["id"], rec["metric"], frozenset(rec["units"]), rec["side"], float(rec["weight"]),
                              first_char_filter(re.compile(factored(regex.pattern, re.IGNORECASE), re.IGNORECASE)),
                              required_words(regex)))
    return tuple(cues)


@lru_cache(maxsize=1)
def _metric_cue_words() -> WordFinder:
    return WordFinder(cue.words for cue in metric_cues())


@lru_cache(maxsize=256)
def possible_metric_cues(text: str) -> tuple[MetricCue, ...]:
    """The metric cues (in file order) that can match in a text or in any window of it, its asides blanked: those
    whose gate words it holds. Cached: each figure of a sentence asks about the same sentence."""
    return metric_cues_in(text)


def metric_cues_in(text: str) -> tuple[MetricCue, ...]:
    """possible_metric_cues, not cached (for texts asked about once)."""
    cues, ungated, by_word = _metric_cue_index()
    found = set(ungated)
    for word in _metric_cue_words().present(text):
        found.update(by_word[word])
    return tuple(cues[i] for i in sorted(found))


@lru_cache(maxsize=1)
def _metric_cue_index() -> tuple[tuple[MetricCue, ...], tuple[int, ...], dict[str, tuple[int, ...]]]:
    """The metric cues, the positions of those without gate words, and for each gate word the positions of the cues
    it lets through (possible_metric_cues: a cue may match where one of its words is)."""
    cues = metric_cues()
    by_word: dict[str, list[int]] = {}
    for i, cue in enumerate(cues):
        for word in cue.words or ():
            by_word.setdefault(word, []).append(i)
    return cues, tuple(i for i, cue in enumerate(cues) if cue.words is None), \
        {word: tuple(found) for word, found in by_word.items()}


@lru_cache(maxsize=None)
def context_pattern(kind: str) -> GatedPattern:
    """One compiled alternation of every context cue of a kind (forecast, collective, anaphora, ...), behind the
    gate of the words its matches need (regex_gate: most windows the rules search hold none of them)."""
    patterns = [r["pattern"] for r in load_records("context_cues.json", ("kind", "pattern")) if r["kind"] == kind]
    if not patterns:
        raise DataFileError(f"context_cues.json: no cue of kind {kind!r}")
    pattern = "|".join(f"(?:{p})" for p in patterns)
    return GatedPattern(re.compile(pattern, re.IGNORECASE), re.compile(factored(pattern, re.IGNORECASE), re.IGNORECASE))


@lru_cache(maxsize=1)
def caption_currencies() -> tuple[tuple[re.Pattern, str], ...]:
    """(pattern, ISO code) of the currencies a table caption may name, in the order they are tried."""
    records = [r for r in load_records("context_cues.json", ("kind", "pattern")) if r["kind"] == "caption_currency"]
    for record in records:
        if not isinstance(record.get("code"), str) or unit_kind(record["code"]) != CURRENCY:
            raise DataFileError(f"context_cues.json: {record['id']} needs an ISO currency code")
    return tuple((re.compile(r["pattern"], re.IGNORECASE), r["code"]) for r in records)


@lru_cache(maxsize=1)
def count_noun_context() -> dict[str, GatedPattern]:
    """Counted nouns that count for their metric only where the sentence has a context cue ("people" and work)."""
    table = {}
    for rec in load_records("count_nouns.json", ("metric", "nouns")):
        for noun, kind in (rec.get("needs_context") or {}).items():
            if noun not in rec["nouns"]:
                raise DataFileError(f"count_nouns.json: {rec['id']}: needs_context names {noun!r}, not one of its nouns")
            table[noun.lower()] = context_pattern(kind)
    return table


@lru_cache(maxsize=1)
def count_noun_metrics() -> dict[str, str]:
    """Counted noun (singular, lower case) -> metric."""
    table = {}
    for rec in load_records("count_nouns.json", ("metric", "nouns")):
        for noun in rec["nouns"]:
            table[noun.lower()] = rec["metric"]
    return table


@lru_cache(maxsize=1)
def count_noun_regex() -> re.Pattern:
    """Finds the first counted noun (plural or singular) in the words after a number."""
    forms = {form for noun in count_noun_metrics() for form in (noun, plural(noun))}
    alternation = "|".join(re.escape(n).replace(r"\ ", r"[\s-]+") for n in sorted(forms, key=len, reverse=True))
    return re.compile(rf"\b({alternation})\b", re.IGNORECASE)


def plural(noun: str) -> str:
    """The regular English plural of a counted noun."""
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def singular(noun: str) -> str:
    """A counted noun in the singular form used by count_nouns.json."""
    noun = re.sub(r"[\s-]+", " ", noun.lower().strip())
    for candidate in (noun, noun[:-1], noun[:-2]):
        if candidate in count_noun_metrics():
            return candidate
    if noun.endswith("ies") and noun[:-3] + "y" in count_noun_metrics():
        return noun[:-3] + "y"
    return noun


def count_metric(noun: str | None) -> str | None:
    """The metric a count of `noun` measures, if any."""
    return count_noun_metrics().get(singular(noun)) if noun else None
