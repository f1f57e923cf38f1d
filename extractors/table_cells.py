"""What one cell, header, label or caption of a table says: the number of a cell with its unit and sign, the
currency and scale a caption or header names, the companies a label names and the one period it names."""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.cues import caption_currencies
from extractors.entities import find_entities
from extractors.numbers import parse_number, scale_factor
from extractors.periods import find_periods
from extractors.quantities import find_text_quantities
from extractors.table_cues import cues_of

NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
NEGATIVE = re.compile(r"^\s*(?:[-−–]|\()")
EXPLICIT_CURRENCY = re.compile(r"[$€£¥₹]|\b(?:USD|EUR|RMB|CNY)\b")
CELL_SCALE = re.compile(r"\d\s*(?:trillion|billion|million|thousand|tn|bn|mn|m|b|k)\b", re.IGNORECASE)
PERCENT_UNITS = (("pp", re.compile(r"\d\s*(?:pp|percentage points?)\b", re.IGNORECASE)),
                 ("percent", re.compile(r"%|\bper ?cent\b", re.IGNORECASE)))
YEAR_SUFFIX = re.compile(r"\b((?:19|20)\d\d)\s?[EFP]\b")


def caption_money(caption: str) -> tuple[str, float] | None:
    """Currency and scale of a table's money cells, from its caption ("millions of U.S. dollars")."""
    currency = text_currency(caption)
    return (currency, text_scale(caption) or 1.0) if currency else None


@lru_cache(maxsize=4096)
def text_scale(text: str) -> float | None:
    """The scale a caption or header names ("(Billions)", "US$ millions", "($bn)"), if any."""
    for cue in cues_of("scale"):
        m = cue.regex.search(text)
        if m:
            word = next(g for g in m.groups() if g).lower() if m.groups() else m.group().lower()
            return scale_factor(word) or scale_factor(word.removesuffix("s")) or None  # scales.json: "thousand"
    return None


@lru_cache(maxsize=4096)
def text_currency(text: str) -> str | None:
    """The currency a caption or header names ("US$", "millions of U.S. dollars", "€"), if any."""
    return next((code for rx, code in caption_currencies() if rx.search(text)), None)


@lru_cache(maxsize=4096)
def companies(text: str) -> tuple[str, ...]:
    """Canonical names of the companies a label names, in order, once each."""
    out: list[str] = []
    for e in find_entities(text):
        if e.kind == "company" and e.canonical not in out:
            out.append(e.canonical)
    return tuple(out)


@lru_cache(maxsize=4096)
def single_period(text: str, published: datetime.date | None) -> tuple[int, str | None]:
    """(how many periods the text names, the period if exactly one); "2025E" reads as 2025."""
    periods = [p.period for p in find_periods(YEAR_SUFFIX.sub(r"\1", text), published) if p.period]
    return len(periods), (periods[0] if len(periods) == 1 else None)


@dataclass(frozen=True)
class CellValue:
    """A cell read as a number: value (scaled if the cell names a scale), its unit if the cell shows one."""

    value: float
    unit: str | None  # "percent", an ISO code, or None when the cell is a bare number
    scaled: bool


def read_cell(text: str) -> CellValue | None:
    """The number in a cell: "$6.1", "23.1%", "1,220", "-2.5%", "(3.4)", "$86.41 billion"."""
    m = NUMBER.search(text)
    if m is None:
        return None
    sign = -1.0 if NEGATIVE.match(text) else 1.0
    for unit, pattern in PERCENT_UNITS:
        if pattern.search(text):
            value = parse_number(m.group())
            return CellValue(sign * value, unit, False) if value is not None else None
    if EXPLICIT_CURRENCY.search(text) or CELL_SCALE.search(text):
        quantities = [q for q in find_text_quantities(text) if q.start_char <= m.start() < q.end_char]
        if quantities and quantities[0].unit not in ("count", "percent", "pp"):
            q = quantities[0]
            return CellValue(sign * q.value, q.unit, bool(CELL_SCALE.search(text)))
        if EXPLICIT_CURRENCY.search(text):
            return None
    value = parse_number(m.group())
    return CellValue(sign * value, None, False) if value is not None else None
