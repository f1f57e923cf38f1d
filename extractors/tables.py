"""Facts from tables in article text: the row label, the column header and the caption give each cell's meaning.

Two layouts are read: Markdown pipe tables, and tables flattened to one cell per line (a header block of
column names followed by blocks that start with a row label), as text copied from web pages looks.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from extractors.cues import caption_currencies, metric_cues
from extractors.entities import find_entities
from extractors.geography import find_geographies
from extractors.models import Fact
from extractors.numbers import parse_number, scale_factor
from extractors.periods import find_periods, period_bounds

CELL_NUMBER = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[+-]?\d+(?:\.\d+)?$")
PERCENT_CELL = re.compile(r"^[+-]?\d+(?:\.\d+)?\s?%$")
CAPTION = re.compile(r"^\s*(?:table|exhibit|figure|chart)\s*\d*\s*[.:—-]", re.IGNORECASE)
# A letter scale counts after "in" or a currency sign: "(in bn)", "($bn)", "in £m"; "\b" cannot stand before a sign.
SCALE_IN_CAPTION = re.compile(r"\b(thousands|millions|billions|trillions)\b|(?:\bin|[$€£¥])\s*(k|m|mn|bn|b)\b",
                              re.IGNORECASE)
PERCENT_HEADER = re.compile(r"%|per ?cent|percentage", re.IGNORECASE)
TABLE_METRICS = {"market_spending", "revenue", "growth_rate", "market_share", "investment", "profit", "margin"}


@dataclass(frozen=True)
class Cell:
    """One numeric cell: its text and span in the body."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Table:
    """A table read from text: caption, column headers, rows of (label, cells aligned to the headers)."""

    caption: str
    headers: list[str]
    rows: list[tuple[str, list[Cell | None]]]


def table_facts(body: str, published: datetime.date | None, source: str | None) -> list[Fact]:
    """Facts of every table in the body whose columns name a metric and a period."""
    facts = []
    for table in find_tables(body):
        facts += facts_of_table(table, published, source)
    return facts


def blocks(body: str) -> list[list[tuple[str, int]]]:
    """Paragraph blocks as lists of (line, start offset), split at blank lines."""
    out, current, pos = [], [], 0
    for line in body.split("\n"):
        if line.strip():
            current.append((line, pos))
        elif current:
            out.append(current)
            current = []
        pos += len(line) + 1
    if current:
        out.append(current)
    return out


def find_tables(body: str) -> list[Table]:
    """Tables in either layout."""
    return pipe_tables(body) + stacked_tables(body)


def pipe_tables(body: str) -> list[Table]:
    """Markdown tables: | header | header | / |---| / | label | cell |."""
    tables, caption = [], ""
    for block in blocks(body):
        rows = [(line, pos) for line, pos in block if line.strip().startswith("|")]
        if len(rows) < 3 or not re.fullmatch(r"\s*\|?[\s:|-]+\|?\s*", rows[1][0]):
            caption = " ".join(line for line, _ in block)
            continue
        headers = split_pipe(rows[0][0], rows[0][1])
        body_rows = []
        for line, pos in rows[2:]:
            cells = split_pipe(line, pos)
            label = cells[0][0] if cells else ""
            body_rows.append((label, [Cell(t, s, e) if CELL_NUMBER.match(t) or PERCENT_CELL.match(t) else None
                                      for t, s, e in cells[1:]]))
        tables.append(Table(caption, [h for h, _, _ in headers[1:]], body_rows))
    return tables


def split_pipe(line: str, pos: int) -> list[tuple[str, int, int]]:
    """Cells of a pipe-table line with their spans."""
    cells = []
    for m in re.finditer(r"[^|]+", line):
        text = m.group().strip()
        if text:
            start = pos + m.start() + (len(m.group()) - len(m.group().lstrip()))
            cells.append((text, start, start + len(text)))
    return cells


def stacked_tables(body: str) -> list[Table]:
    """Tables flattened to one cell per line, after a caption line (Table 1. ...)."""
    tables, parts = [], blocks(body)
    for i, block in enumerate(parts):
        if len(block) != 1 or not CAPTION.match(block[0][0]) or i + 2 >= len(parts):
            continue
        header_block = parts[i + 1]
        if any(CELL_NUMBER.match(line.strip()) for line, _ in header_block):
            continue
        headers = [line.strip() for line, _ in header_block]
        rows = []
        for row_block in parts[i + 2:]:
            label, values = row_block[0][0].strip(), row_block[1:]
            if CELL_NUMBER.match(label) or not values or not all(CELL_NUMBER.match(v.strip()) for v, _ in values):
                break
            cells = [Cell(v.strip(), p + len(v) - len(v.lstrip()), p + len(v.rstrip())) for v, p in values]
            if len(cells) == len(headers) - 1:
                rows.append((label, cells))
            elif len(cells) == len(headers):
                rows.append((label, cells))
            else:
                break
        if rows:
            value_headers = headers[1:] if len(rows[0][1]) == len(headers) - 1 else headers
            tables.append(Table(block[0][0], value_headers, rows))
    return tables


def header_metric(header: str, is_percent: bool) -> str | None:
    """The metric a column header names, by the same cue words as sentences."""
    unit = "percent" if is_percent else "currency"
    for cue in sorted(metric_cues(), key=lambda c: -c.weight):
        if cue.metric in TABLE_METRICS and unit in cue.units and cue.regex.search(header):
            return cue.metric
    if re.search(r"\bspending\b|\bmarket\b", header, re.IGNORECASE) and not is_percent:
        return "market_spending"
    if re.search(r"\bgrowth\b|\bchange\b", header, re.IGNORECASE) and is_percent:
        return "growth_rate"
    return None


def caption_money(caption: str) -> tuple[str, float] | None:
    """Currency and scale of a table's money cells, from its caption ("millions of U.S. dollars")."""
    currency = next((code for rx, code in caption_currencies() if rx.search(caption)), None)
    if currency is None:
        return None
    m = SCALE_IN_CAPTION.search(caption)
    if m is None:
        return currency, 1.0
    word = (m.group(1) or m.group(2)).lower()
    return currency, scale_factor(word) or scale_factor(word.removesuffix("s")) or 1.0  # scales.json has "thousand"


def facts_of_table(table: Table, published: datetime.date | None, source: str | None) -> list[Fact]:
    """One fact per numeric cell whose column names a metric and a single period."""
    money = caption_money(table.caption)
    geos = find_geographies(table.caption)
    geography = geos[0].geography if geos else None
    planned = bool(re.search(r"\bforecast|\bprojected|\bprojection|\boutlook", table.caption, re.IGNORECASE))
    analysts = [e.canonical for e in find_entities(table.caption) if e.kind == "analyst"]
    source = analysts[0] if analysts else source
    facts = []
    for col, header in enumerate(table.headers):
        column = [cells[col] for _, cells in table.rows if col < len(cells) and cells[col] is not None]
        is_percent = bool(PERCENT_HEADER.search(header)) or (bool(column) and
                                                             all(PERCENT_CELL.match(c.text) for c in column))
        # The column names the period ("Q3 2025"); the metric may stand in the caption ("market share, by quarter").
        metric = header_metric(header, is_percent) or header_metric(table.caption, is_percent)
        periods = [p for p in find_periods(header, published) if p.period]
        if metric is None or len(periods) != 1 or (not is_percent and money is None):
            continue
        period = periods[0].period
        unit, scale = ("percent", 1.0) if is_percent else money
        for label, cells in table.rows:
            cell = cells[col] if col < len(cells) else None
            value = parse_number(cell.text.rstrip("% ")) if cell else None
            if value is None:
                continue
            companies = [e.canonical for e in find_entities(label) if e.kind == "company"]
            no_company_metric = "market_spending" if metric in ("revenue", "investment") else metric
            facts.append(Fact(metric=metric if companies else no_company_metric,
                              value=value * scale, value_high=None, unit=unit, qualifier="exact",
                              subject=tuple(companies[:1]), geography=geography, period=period,
                              forecast=is_forecast(period, published, planned), source=source, text=cell.text,
                              start_char=cell.start, end_char=cell.end,
                              sentence=f"{table.caption.strip()} | {label} | {header}", rule="table.cell"))
    return facts


def is_forecast(period: str, published: datetime.date | None, planned: bool) -> bool:
    """In a forecast table every period not yet over is forecast; otherwise only periods not yet begun."""
    bounds = period_bounds(period)
    if bounds is None or published is None:
        return planned
    return bounds[1] >= published if planned else bounds[0] > published
