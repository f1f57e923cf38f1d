"""The word tables of period_words.json (months, ordinals, numbers, offsets, year blockers) and the period cues
of period_cues.json, with the lookups the readers of period mentions make in them."""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.datafiles import DataFileError, load_records

PERIOD_WORDS_FILE = "period_words.json"
PERIOD_CUES_FILE = "period_cues.json"


@dataclass(frozen=True)
class _Words:
    """The word tables of period_words.json, as lookups and regex alternations."""

    month_of: dict[str, int]
    ordinal_of: dict[str, int]
    final_words: frozenset[str]
    number_of: dict[str, int]
    offset_of: dict[str, int]
    blockers_before: tuple[str, ...]
    blockers_after: frozenset[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    """Load and index the period word tables (validated once per process)."""
    records = load_records(PERIOD_WORDS_FILE, required=("kind", "words"))
    tables: dict[str, dict[str, int]] = {}
    for rec in records:
        if not isinstance(rec["words"], list) or not rec["words"]:
            raise DataFileError(f"{PERIOD_WORDS_FILE}: {rec['id']} needs a non-empty list of words")
        table = tables.setdefault(rec["kind"], {})
        for word in rec["words"]:
            table[word if rec["kind"] in ("month", "year_blocker_before", "year_blocker_after") else word.lower()] = int(
                rec.get("value", 0)
            )
    return _Words(
        month_of=tables["month"],
        ordinal_of=tables["ordinal"],
        final_words=frozenset(tables["ordinal_final"]),
        number_of=tables["number"],
        offset_of=tables["offset"],
        blockers_before=tuple(sorted(tables["year_blocker_before"], key=len, reverse=True)),
        blockers_after=frozenset(w.lower() for w in tables["year_blocker_after"]),
    )


@lru_cache(maxsize=None)
def period_cue(kind: str) -> str:
    """One regex alternation (uncompiled) of every period_cues.json pattern of a kind."""
    patterns = [r["pattern"] for r in load_records(PERIOD_CUES_FILE, ("kind", "pattern")) if r["kind"] == kind]
    if not patterns:
        raise DataFileError(f"{PERIOD_CUES_FILE}: no cue of kind {kind!r}")
    for pattern in patterns:
        re.compile(pattern)  # a malformed pattern fails on load, naming nothing else
    return "|".join(f"(?:{p})" for p in patterns)


def _alternation(words: list[str] | set[str] | frozenset[str]) -> str:
    """A regex alternation of literal words, longest first so the regex prefers them."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _ordinal(word: str, unit_count: int) -> int:
    """Quarter/half number of an ordinal word; "final"/"closing"/"last" is the last unit."""
    words = _words()
    low = word.lower()
    return unit_count if low in words.final_words else words.ordinal_of[low]


def _relative_year(phrase: str | None, published: datetime.date | None) -> int | None:
    """The year named by "this/last/next/the previous year" relative to published."""
    if phrase is None or published is None:
        return None
    offset_word = phrase.split()[-1].lower()
    return published.year + _words().offset_of[offset_word]


def _month_value(word: str) -> int:
    """Month number of a (case-sensitive) month word."""
    return _words().month_of[word]


def relative_year_offset(mention_text: str) -> int:
    """Years from the current one that a relative mention names: "next fiscal year" 1, "the prior year" -1."""
    offsets = _words().offset_of
    return next((offsets[w] for w in re.findall(r"[a-z]+", mention_text.lower()) if w in offsets), 0)
