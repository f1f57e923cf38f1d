"""Find quantities (money, percentages, counts, power) in text: one compiled regex pass, then context rules."""
from __future__ import annotations

import bisect
import re
from dataclasses import replace

from spacy.tokens import Doc

from extractors.models import Quantity
from extractors.quantity_ranges import (
    _keep_plain_number,
    _merge_ranges,
    _multitude_with_noun,
    _part_takes_whole_unit,
    _with_noun,
    _with_qualifier,
)
from extractors.quantity_rules import _Rules, _ends_with, _rules
from extractors.quantity_scan import _Figure, _scan_figures, _scan_word_figures


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
