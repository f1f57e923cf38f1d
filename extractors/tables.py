"""Facts from tables in article text: the row label, the column header and the caption give each cell's meaning.

extractors/table_layouts.py finds the tables (Markdown pipe tables, tables flattened to one cell per line); here
every numeric cell is read in both orientations at once: whichever of its row label and column header names a period
gives the period, the other (or the caption) names the metric, the unit and the company. The cue words (growth,
share, estimate, total and others rows, segments, scales) are in data/table_cues.json, read by
extractors/table_cues.py; a cell's number, unit and scale are read by extractors/table_cells.py and the text around
a table by extractors/table_text.py. A cell whose metric, period or unit cannot be read gives no fact.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache

from extractors.entities import find_entities
from extractors.geography import find_geographies
from extractors.models import Fact
from extractors.periods import period_bounds
from extractors.quantities import find_text_quantities
from extractors.table_cells import (
    CellValue,
    caption_money,
    companies,
    read_cell,
    single_period,
    text_currency,
    text_scale,
)
from extractors.table_cues import cue_metric, cues_of, matches, without_footnote
from extractors.table_layouts import Cell, Table, find_tables
from extractors.table_text import stated_before, with_lost_labels

__all__ = ["Cell", "Table", "caption_money", "find_tables", "table_facts", "text_scale"]

COMPANY_METRICS = {"revenue", "profit", "investment", "backlog"}
SHARE_TOTAL = 100.0
SHARE_SUM_TOLERANCE = 1.5


def table_facts(body: str, published: datetime.date | None, source: str | None) -> list[Fact]:
    """Facts of every table in the body whose cells can be given a metric, a period and a unit."""
    tables = find_tables(body)
    if not tables:
        return []
    in_cells = {i for t in tables for _, row in t.rows for c in row if c is not None for i in range(c.start, c.end)}
    stated = [q for q in find_text_quantities(body) if not in_cells.intersection(range(q.start_char, q.end_char))]
    facts = []
    for table in tables:
        found = facts_of_table(table, published, source)
        relabelled = with_lost_labels(table, found, stated, body)
        if relabelled is not table:
            found = facts_of_table(relabelled, published, source)
        facts += [f for f in found if not stated_before(f, stated, body)]
    return facts


@dataclass
class Reading:
    """What the whole table says about its cells: caption facts and per-column evidence."""

    table: Table
    caption: str
    geography: str | None
    source: str | None
    planned: bool
    company_table: bool
    subject: str | None  # the one company the table is about, if any
    subject_in_caption: bool
    share_columns: set[int]
    growth_columns: set[int]
    header_period: str | None  # for a column with no period of its own in a table of one period


def facts_of_table(table: Table, published: datetime.date | None, source: str | None) -> list[Fact]:
    """One fact per numeric cell whose meaning (metric, period, unit) the labels and caption give."""
    if any(matches("exclude_table", text) for text in (table.caption, table.label_header, *table.headers)):
        return []  # stock quotes and survey answers are not facts
    reading = read_table(table, published, source)
    facts = []
    for label, cells in table.rows:
        for col, cell in enumerate(cells):
            if cell is None or col >= len(table.headers):
                continue
            fact = cell_fact(reading, label, col, cell, published)
            if fact is not None:
                facts.append(fact)
    return facts


def read_table(table: Table, published: datetime.date | None, source: str | None) -> Reading:
    """What holds for every cell of a table: geography, source and forecast from the caption, whether its rows are
    companies, the one company it is about (named in a header or caption, or by the text just before a table of one
    company's figures), and which columns are shares or growth by their figures."""
    caption = table.caption
    geos = find_geographies(caption)
    analysts = [e.canonical for text in (caption, table.label_header, note_source(table.note))
                for e in find_entities(text) if e.kind == "analyst"]
    labels = [without_footnote(label) for label, _ in table.rows]
    row_companies = [companies(label) for label in labels]
    company_table = (matches("company_header", without_footnote(table.label_header)) or any(row_companies)
                     or any(companies(h) for h in table.headers))
    named = {c for text in (caption, table.label_header, *table.headers) for c in companies(text)}
    subject = None
    if not any(row_companies) and len(named) == 1:
        subject = named.pop()
    elif not any(row_companies) and not named and company_figures(table):
        in_context = companies(table.context)
        subject = in_context[0] if len(in_context) == 1 else None
    return Reading(table, caption, geos[0].geography if geos else None, analysts[0] if analysts else source,
                   matches("forecast_caption", caption), company_table, subject,
                   subject is not None and subject in companies(caption),
                   share_columns(table), growth_columns(table, published), the_header_period(table, published))


def the_header_period(table: Table, published: datetime.date | None) -> str | None:
    """The one period the column headers name, when they name one only ("Q2 2024 share" beside "YoY growth")."""
    periods = {single_period(without_footnote(h), published) for h in table.headers}
    dated = {p for count, p in periods if count}
    return dated.pop() if len(dated) == 1 and None not in dated else None


def company_figures(table: Table) -> bool:
    """Whether the labels name only a company's own figures (revenue, income; no market or spending)."""
    texts = [*table.headers, *(label for label, _ in table.rows)]
    named = {cue_metric("money_metric", without_footnote(text)) for text in texts}
    named.discard(None)
    return bool(named) and named <= COMPANY_METRICS


def note_source(note: str) -> str:
    """The note after a table, when it names the table's source ("Source: Gartner (June 2022)")."""
    return note if matches("source_note", note) else ""


def column_values(table: Table, col: int) -> list[tuple[str, CellValue]]:
    """(row label, value) of the numeric cells of a column."""
    out = []
    for label, cells in table.rows:
        cell = cells[col] if col < len(cells) else None
        value = read_cell(cell.text) if cell else None
        if value is not None:
            out.append((without_footnote(label), value))
    return out


def share_columns(table: Table) -> set[int]:
    """Columns of bare numbers that are shares: their Total row is 100, or they add up to 100 under a share cue."""
    found = set()
    share_cue = cue_metric("percent_metric", table.caption) == "market_share"
    for col, header in enumerate(table.headers):
        values = column_values(table, col)
        if not values or any(v.unit not in (None, "percent") for _, v in values):
            continue
        totals = [v.value for label, v in values if matches("total_label", label)]
        parts = [v.value for label, v in values if not matches("total_label", label)]
        if totals and abs(totals[0] - SHARE_TOTAL) < 0.05 and len(parts) >= 2:
            found.add(col)
        elif ((share_cue or cue_metric("percent_metric", header) == "market_share") and len(parts) >= 3
              and abs(sum(parts) - SHARE_TOTAL) <= SHARE_SUM_TOLERANCE):
            found.add(col)
    return found


def growth_columns(table: Table, published: datetime.date | None) -> set[int]:
    """Columns headed only by a span of two years that head columns of their own ("2020-2021" beside 2020 and 2021)."""
    singles = {single_period(without_footnote(h), published)[1] for h in table.headers}
    found = set()
    for col, header in enumerate(table.headers):
        count, period = single_period(without_footnote(header), published)
        if count == 1 and period and "/" in period and all(part in singles for part in period.split("/")):
            found.add(col)
    return found


@lru_cache(maxsize=4096)
def row_kind(label: str) -> str:
    """total, others, segment, geography, or plain (a company, a metric or a period)."""
    if matches("total_label", label):
        return "total"
    if matches("others_label", label):
        return "others"
    if companies(label):
        return "company"
    if find_geographies(label):
        return "geography"
    if matches("segment_label", label):
        return "segment"
    return "plain"


def cell_fact(r: Reading, raw_label: str, col: int, cell: Cell, published: datetime.date | None) -> Fact | None:
    """The fact of one cell, or None when its metric, period or unit cannot be read."""
    table = r.table
    label, header = without_footnote(raw_label), without_footnote(table.headers[col])
    if matches("exclude", label) or matches("exclude", header):
        return None
    value = read_cell(cell.text)
    if value is None:
        return None
    # The period: from whichever of header and label names one (never both), else from the caption.
    header_count, header_period = single_period(header, published)
    label_count, label_period = single_period(label, published)
    if header_count and label_count:
        return None
    period = (header_period if header_count else label_period if label_count
              else single_period(r.caption, published)[1] or r.header_period)
    if period is None:
        return None
    # Unit and metric: the cell's own sign first, then the header, the row label, the column's evidence, the caption.
    metric, unit, scale = cell_metric(r, label, header, col, value)
    if metric is None or unit is None:
        return None
    if metric == "growth_rate" and "/" in period:
        period = period.split("/")[-1]  # "2020-2021 Growth": the later period
    if "/" in period:
        return None
    # What the figure is of (company, segment, region, total): the row label, or the header if the label is a period.
    kind = row_kind(header if label_count else label)
    # Whose figure: the company the label or header names; else the one company of the table, for a total, segment
    # or region row only when the caption names it ("Microsoft revenue by segment").
    subject = companies(label)[:1] or companies(header)[:1]
    of_table = not subject and r.subject is not None and (kind in ("plain", "company") or r.subject_in_caption)
    if of_table:
        subject = (r.subject,)
    elif kind in ("total", "others", "segment", "geography"):
        subject = ()
    metric = metric_for_row(metric, kind, bool(subject), r.company_table)
    if metric is None:
        return None
    if kind == "total" and metric == "market_share":
        return None  # the whole market's share is 100, not a fact
    label_geos = find_geographies(header if label_count else label) if kind == "geography" else []
    geography = label_geos[0].geography if label_geos else r.geography
    forecast = (matches("estimate", header) or matches("estimate", label)
                or is_forecast(period, published, r.planned))
    return Fact(metric=metric, value=value.value * scale, value_high=None, unit=unit, qualifier="exact",
                subject=tuple(subject), geography=geography, period=period, forecast=forecast, source=r.source,
                text=cell.text, start_char=cell.start, end_char=cell.end,
                sentence=f"{r.caption.strip()} | {raw_label} | {table.headers[col]}".strip(" |"), rule="table.cell")


def cell_metric(r: Reading, label: str, header: str, col: int,
                value: CellValue) -> tuple[str | None, str | None, float]:
    """(metric, unit, scale) of a cell from its sign, header, label, column and caption."""
    table = r.table
    around = f"{r.caption} {table.label_header}"
    if value.unit in (None, "percent", "pp"):
        percentage = percent_metric_of(r, label, header, col, value)
        if percentage is not None:
            return (*percentage, 1.0)
    # Money: the currency from the cell, else the header, label or caption; the scale likewise.
    unit = value.unit or text_currency(header) or text_currency(label) or text_currency(around)
    if unit is None:
        return None, None, 1.0
    scale = 1.0 if value.scaled else (text_scale(header) or text_scale(label) or text_scale(around) or 1.0)
    metric = (cue_metric("money_metric", header) or cue_metric("money_metric", label)
              or cue_metric("money_metric", table.label_header) or cue_metric("money_metric", r.caption))
    return metric, unit, scale


def percent_metric_of(r: Reading, label: str, header: str, col: int,
                      value: CellValue) -> tuple[str | None, str] | None:
    """(metric, unit) of a cell that is a percentage, the metric None when nothing says of what; None when the cell
    may be money instead (a bare number under a currency)."""
    around = f"{r.caption} {r.table.label_header}"
    unit = value.unit if value.unit in ("percent", "pp") else "percent"
    percent_metric = cue_metric("percent_metric", header) or cue_metric("percent_metric", label)
    marked = value.unit is not None or matches("percent_marker", header) or matches("percent_marker", label)
    if col in r.share_columns:
        return "market_share", unit
    if col in r.growth_columns:
        return "growth_rate", unit
    if unit == "pp" and any(c.metric == "market_share" and c.regex.search(f"{header} {label} {around}")
                            for c in cues_of("percent_metric")):
        return "market_share", unit  # a share "down 1.5 points" is market_share in pp
    if percent_metric:
        # "Change ($m)" is a change in money, not a fact.
        return (None, unit) if text_currency(header) and not marked else (percent_metric, unit)
    if marked or not text_currency(f"{header} {label} {around}"):
        # A percent column named only by the caption ("market share, by quarter"); one cue, not two.
        caption_metrics = {c.metric for c in cues_of("percent_metric") if c.regex.search(around)}
        return (caption_metrics.pop(), unit) if len(caption_metrics) == 1 else (None, unit)
    return None


def metric_for_row(metric: str, kind: str, has_subject: bool, company_table: bool) -> str | None:
    """A money figure of a company is its revenue; of a segment, a total or a region, the market's spending."""
    if metric == "market_spending":
        if has_subject or (company_table and kind in ("plain", "others")):
            return "revenue"
        return metric
    if metric in COMPANY_METRICS and not has_subject:
        if kind in ("total", "segment", "geography"):
            return "market_spending" if metric == "revenue" else None
        if kind == "others" and not company_table:
            return "market_spending" if metric == "revenue" else None
    return metric


def is_forecast(period: str, published: datetime.date | None, planned: bool) -> bool:
    """In a forecast table every period not yet over is forecast; otherwise only periods not yet begun."""
    bounds = period_bounds(period)
    if bounds is None or published is None:
        return planned
    return bounds[1] >= published if planned else bounds[0] > published
