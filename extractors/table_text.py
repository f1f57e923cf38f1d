"""The text around a table: a row label the layout lost, found again in the sentence that states one of the
row's figures, and the figures the text states before the table repeats them."""
from __future__ import annotations

from dataclasses import replace

from extractors.entities import find_entities, group_of
from extractors.models import Fact, Quantity
from extractors.numbers import parse_number
from extractors.table_cells import NUMBER, companies
from extractors.table_cues import table_cues
from extractors.table_layouts import Table

MAX_SENTENCE_CHARS = 600  # how far from a figure of the text its sentence is looked for


def with_lost_labels(table: Table, facts: list[Fact], stated: list[Quantity], body: str) -> Table:
    """The table with each lost row label of a table of companies found again: the one company, not a row of the
    table already, that the text names in a sentence stating one of the row's figures ("... revenue climbing 63.7%").
    The same table when no label was lost or none is found."""
    in_rows = {group_of(c) for label, _ in table.rows for c in companies(label)}
    if all(label for label, _ in table.rows) or not in_rows:
        return table
    rows = []
    for label, cells in table.rows:
        spans = {c.start for c in cells if c is not None}
        found = {c for f in facts if not label and f.start_char in spans for q in stated
                 if q.unit == f.unit and rounds_to(f.value, q)
                 for c in companies(sentence_around(body, q.start_char, q.end_char, across_lines=True))
                 if group_of(c) not in in_rows}
        rows.append((found.pop() if len(found) == 1 else label, cells))
    return replace(table, rows=rows) if rows != table.rows else table


def rounds_to(value: float, q: Quantity) -> bool:
    """Whether a figure of the text is the value rounded as the text writes it ("$6.4 billion" for 6,436 million)."""
    m = NUMBER.search(q.text)
    number = parse_number(m.group()) if m else None
    if not number:
        return False
    decimals = len(m.group().partition(".")[2])
    scale = q.value / number
    return round(value / scale, decimals) == round(number, decimals)


def stated_before(fact: Fact, stated: list[Quantity], body: str) -> bool:
    """Whether the text before the table already states this company's figure: same value and unit, in a sentence
    that names the company and a cue word of the metric. That sentence is the first mention; the table repeats it."""
    if not fact.subject:
        return False
    group = group_of(fact.subject[0])
    for q in stated:
        if q.end_char > fact.start_char or q.unit != fact.unit or abs(q.value - fact.value) > 1e-6 * abs(fact.value):
            continue
        sentence = sentence_around(body, q.start_char, q.end_char)
        if (any(e.kind == "company" and e.group == group for e in find_entities(sentence))
                and any(c.metric == fact.metric and c.regex.search(sentence) for c in table_cues()
                        if c.kind.endswith("_metric"))):
            return True
    return False


def sentence_around(body: str, start: int, end: int, across_lines: bool = False) -> str:
    """The sentence a figure of the text stands in, ending at a line break unless `across_lines` (text broken into
    short lines), then at a paragraph break."""
    breaks = (". ", "! ", "? ", ".\n", "\n\n") if across_lines else (". ", "! ", "? ", "\n")
    low, high = max(0, start - MAX_SENTENCE_CHARS), min(len(body), end + MAX_SENTENCE_CHARS)
    left = max((i + len(p) - 1 for p in breaks if (i := body.rfind(p, low, start)) >= 0), default=low - 1)
    rights = [i for i in (body.find(p, end, high) for p in breaks) if i >= 0]
    return body[left + 1:min(rights) if rights else high]
