"""The self-contained HTML report: market spending and market share charts, footprint, conflicts."""

from __future__ import annotations

import hashlib
import math
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
import jinja2

from warehouse.db import connect_reader, utc_now
from warehouse.evidence import figure_in_sentence
from warehouse.query import table_counts
from warehouse.safe_files import writing_all
from warehouse.sql_files import PACKAGE_DIR, load_query

TEMPLATES_DIR = PACKAGE_DIR / "templates"
REPORT_TEMPLATE = "report.html.j2"
ANALYSIS_VIEWS = ("v_facts", "v_corroboration", "v_conflicts", "v_provider_footprint",
                  "v_market_spending", "v_market_share", "v_investment", "v_revenue_growth")
FOOTPRINT_METRICS = ("availability_zones", "regions", "data_centers")
# Colour-blind friendly (Okabe-Ito, then Tableau), cycled when a chart has more series.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
           "#8C564B", "#7F7F7F")
UNATTRIBUTED = "unattributed"

CHART_WIDTH = 520
CHART_HEIGHT = 300
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 86, 504, 24, 250
LINE_INSET = 36
MAX_X_LABELS = 10
MAX_CONFLICT_FIGURES = 100  # the widest spreads; the rest are in v_conflicts
MAX_VALUES_PER_FIGURE = 12  # those reported by most articles
MAX_REPORTS_PER_VALUE = 10
LABEL_WIDTH, LABEL_HEIGHT = 60, 13
QUALIFIER_SIGNS = {"approximate": "~", "at_least": "≥", "at_most": "≤"}
_VALUE_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"))
_CALENDAR_PERIOD = re.compile(r"^(\d{4})(?:-(?:Q([1-4])|H([12])|(0[1-9]|1[0-2])))?$")


class MissingViews(RuntimeError):
    """The database predates the analysis views (they are created when a writer opens it)."""


@dataclass(frozen=True)
class PeriodPosition:
    """Where a calendar period sits on a time axis: its granularity and its midpoint in decimal years."""

    granularity: str
    midpoint: float


@dataclass(frozen=True)
class Tick:
    """One axis tick: its pixel position and label."""

    position: float
    label: str


@dataclass(frozen=True)
class ChartMark:
    """One plotted number: a point (line chart) or a bar, with its hover text and evidence link."""

    x: float
    y: float
    width: float
    height: float
    label: str
    hover: str
    href: str
    forecast: bool
    show_label: bool = True


@dataclass(frozen=True)
class ChartSeries:
    """One source's or company's marks in one chart, with its colour and polyline."""

    name: str
    colour: str
    marks: tuple[ChartMark, ...]
    polyline: str


@dataclass(frozen=True)
class Chart:
    """An SVG chart laid out in pixels: kind is 'line' or 'bar'."""

    kind: str
    title: str
    y_label: str
    series: tuple[ChartSeries, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    plot_left: int = PLOT_LEFT
    plot_right: int = PLOT_RIGHT
    plot_top: int = PLOT_TOP
    plot_bottom: int = PLOT_BOTTOM


@dataclass(frozen=True)
class LinkedNumber:
    """A number in a table or list: its text, hover text and the evidence it links to."""

    text: str
    hover: str
    href: str


@dataclass(frozen=True)
class FootprintRow:
    """One company (and geography) with its latest counts; None where none was reported."""

    company: str
    geography: str
    counts: tuple[LinkedNumber | None, ...]


@dataclass(frozen=True)
class ConflictValue:
    """One of the disagreeing values of a figure, with links to (the first few) reports behind it."""

    number: LinkedNumber
    reports: tuple[LinkedNumber, ...]
    more_reports: int


@dataclass(frozen=True)
class ConflictFigure:
    """A figure reported with different values: what it is, how far apart, and (the main) values."""

    description: str
    spread: str
    values: tuple[ConflictValue, ...]
    more_values: int


@dataclass(frozen=True)
class Evidence:
    """A cited fact: its article and its sentence split around the figure."""

    anchor: str
    article: str
    title: str
    outlet: str
    published: str
    url: str | None
    summary: str
    before: str
    figure: str
    after: str
    page: str | None = None  # the article's page with its figures marked (cloudfacts report --article-pages)


@dataclass(frozen=True)
class UnchartedFigure:
    """A market spending figure whose period has no place on a calendar axis (fiscal, span, none)."""

    description: str
    number: LinkedNumber


@dataclass(frozen=True)
class ReportData:
    """Everything the template shows."""

    generated_at: str
    db_name: str
    article_count: int
    fact_count: int
    spending_charts: tuple[Chart, ...]
    uncharted_spending: tuple[UnchartedFigure, ...]
    share_charts: tuple[Chart, ...]
    footprint_metrics: tuple[str, ...]
    footprint: tuple[FootprintRow, ...]
    conflicts: tuple[ConflictFigure, ...]
    conflicts_total: int
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class ReportSummary:
    """What write_report wrote."""

    path: Path
    spending_charts: int
    share_charts: int
    footprint_rows: int
    conflicts: int
    evidence: int
    cited_articles: tuple[str, ...] = ()  # names of the articles the evidence cites


def format_value(value: float, unit: str) -> str:
    """A value short and readable with its unit: 'USD 91.2 bn', '30%', '+1.5 pp', '1,200'."""
    if unit == "percent":
        return f"{value:.3g}%"
    if unit == "pp":
        return f"{value:+.3g} pp"
    if unit == "count":
        return f"{value:,.0f}"
    if unit == "MW":
        return f"{value:,.0f} MW"
    for threshold, suffix in _VALUE_SCALES:
        if abs(value) >= threshold:
            return f"{unit} {value / threshold:.3g} {suffix}"
    return f"{unit} {value:.3g}"


def exact_number(value: float) -> str:
    """Every digit of a value, with thousands separators: '91,240,000,000', '33.3'."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def period_position(period: str | None) -> PeriodPosition | None:
    """A calendar year, half, quarter or month on a time axis; None for fiscal periods, spans, none."""
    match = _CALENDAR_PERIOD.match(period or "")
    if match is None:
        return None
    year = int(match.group(1))
    quarter, half, month = match.group(2), match.group(3), match.group(4)
    if quarter:
        return PeriodPosition("quarterly", year + (int(quarter) - 0.5) / 4)
    if half:
        return PeriodPosition("half-yearly", year + (int(half) - 0.5) / 2)
    if month:
        return PeriodPosition("monthly", year + (int(month) - 0.5) / 12)
    return PeriodPosition("yearly", year + 0.5)


def value_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering low..high (and 0), about count steps apart."""
    low, high = min(0.0, low), max(0.0, high)
    if high == low:
        high = low + 1.0
    raw_step = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw_step))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw_step)
    first, last = math.floor(low / step), math.ceil(high / step)
    return [i * step for i in range(first, last + 1)]


def _scale(value: float, domain_low: float, domain_high: float, pixel_low: float, pixel_high: float) -> float:
    """Linear map of value from the domain to pixels, rounded to 0.1 px."""
    if domain_high == domain_low:
        return round((pixel_low + pixel_high) / 2, 1)
    fraction = (value - domain_low) / (domain_high - domain_low)
    return round(pixel_low + fraction * (pixel_high - pixel_low), 1)


def _y_axis(values: Iterable[float], unit: str) -> tuple[float, float, tuple[Tick, ...]]:
    """The value domain and its ticks (in pixels) for a chart's values."""
    values = list(values)
    ticks = value_ticks(min(values), max(values))
    low, high = ticks[0], ticks[-1]
    return low, high, tuple(
        Tick(_scale(tick, low, high, PLOT_BOTTOM, PLOT_TOP), format_value(tick, unit)) for tick in ticks
    )


def _thinned(labels: Sequence[Tick]) -> tuple[Tick, ...]:
    """At most MAX_X_LABELS evenly chosen labels, so they do not overlap."""
    stride = max(1, math.ceil(len(labels) / MAX_X_LABELS))
    return tuple(labels[::stride])


def without_label_overlaps(series: list[ChartSeries]) -> list[ChartSeries]:
    """Hide the value label of a point whose label would overlap one already placed (hover still shows it)."""
    placed: list[tuple[float, float]] = []
    result = []
    for one_series in series:
        marks = []
        for mark in one_series.marks:
            free = all(abs(mark.x - x) >= LABEL_WIDTH or abs(mark.y - y) >= LABEL_HEIGHT for x, y in placed)
            if free:
                placed.append((mark.x, mark.y))
            marks.append(replace(mark, show_label=free))
        result.append(replace(one_series, marks=tuple(marks)))
    return result


def colour_map(names: Iterable[str]) -> dict[str, str]:
    """A stable colour per name (sorted), shared by every chart of a section."""
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(sorted(set(names)))}


def _fact_href(fact_ids: Sequence[str]) -> str:
    """Link to the evidence entry of the first fact behind a number."""
    return f"#fact-{fact_ids[0]}" if fact_ids else "#evidence"


def _plural(count: int, word: str) -> str:
    """'1 article', '2 articles'."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def _rows(con: duckdb.DuckDBPyConnection, query_name: str, parameters: dict | None = None) -> list[dict]:
    """Rows of a named query as dicts."""
    cursor = con.execute(load_query(query_name), parameters or {})
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _spending_hover(row: dict) -> str:
    """Hover text of one market spending number: exact value, source and corroboration."""
    where = row["geography"] or "unspecified geography"
    kind = "forecast" if row["forecast"] else "reported"
    return (f"{row['source'] or UNATTRIBUTED}, {where}, {row['period']}: {format_value(row['value'], row['unit'])} "
            f"({exact_number(row['value'])} {row['unit']}, {kind}); "
            f"{_plural(row['articles'], 'article')}: {', '.join(row['article_names'])}; "
            f"{_plural(row['alternatives'], 'other value')} reported")


def _uncharted(row: dict) -> UnchartedFigure:
    """A market spending row without a calendar period, for the list under the charts."""
    return UnchartedFigure(
        f"{row['source'] or UNATTRIBUTED}, {row['geography'] or 'unspecified geography'}, "
        f"period {row['period'] or 'not stated'}",
        LinkedNumber(format_value(row["value"], row["unit"]), _spending_hover(row), _fact_href(row["fact_ids"])),
    )


def _time_x(midpoint: float, x_low: float, x_high: float) -> float:
    """Pixel x of a period midpoint on a line chart's time axis."""
    return _scale(midpoint, x_low, x_high, PLOT_LEFT + LINE_INSET, PLOT_RIGHT - LINE_INSET)


def _spending_chart(title: str, unit: str, entries: list[tuple[dict, PeriodPosition]],
                    colours: dict[str, str]) -> Chart:
    """One line chart of spending over time, a series per source, points in period order."""
    midpoints = [position.midpoint for _, position in entries]
    x_low, x_high = min(midpoints), max(midpoints)
    y_low, y_high, y_ticks = _y_axis((row["value"] for row, _ in entries), unit)
    by_source: dict[str, list[tuple[dict, PeriodPosition]]] = defaultdict(list)
    for row, position in sorted(entries, key=lambda entry: entry[1].midpoint):
        by_source[row["source"] or UNATTRIBUTED].append((row, position))
    series = []
    for source, source_entries in sorted(by_source.items()):
        marks = tuple(
            ChartMark(x=_time_x(position.midpoint, x_low, x_high),
                      y=_scale(row["value"], y_low, y_high, PLOT_BOTTOM, PLOT_TOP), width=0.0, height=0.0,
                      label=format_value(row["value"], unit), hover=_spending_hover(row),
                      href=_fact_href(row["fact_ids"]), forecast=bool(row["forecast"]))
            for row, position in source_entries
        )
        series.append(ChartSeries(source, colours[source], marks, " ".join(f"{m.x},{m.y}" for m in marks)))
    period_ticks = sorted({(position.midpoint, row["period"]) for row, position in entries})
    x_ticks = _thinned([Tick(_time_x(mid, x_low, x_high), period) for mid, period in period_ticks])
    return Chart("line", title, f"market spending ({unit})", tuple(without_label_overlaps(series)), x_ticks, y_ticks)


def spending_charts(rows: list[dict]) -> tuple[list[Chart], list[UnchartedFigure]]:
    """Line charts of market spending over time, one per geography, currency and granularity (series:
    sources), and the figures without a calendar period, which no time axis can place."""
    groups: dict[tuple[str, str, str], list[tuple[dict, PeriodPosition]]] = defaultdict(list)
    uncharted = []
    for row in rows:
        position = period_position(row["period"])
        if position is None:
            uncharted.append(_uncharted(row))
        else:
            geography = row["geography"] or "unspecified geography"
            groups[(geography, row["segment"] or "unspecified segment", row["unit"], position.granularity)].append(
                (row, position))
    colours = colour_map(row["source"] or UNATTRIBUTED for row in rows)
    charts = [_spending_chart(f"{geography} · {segment} · {unit} · {granularity}", unit, entries, colours)
              for (geography, segment, unit, granularity), entries in sorted(groups.items())]
    return charts, uncharted


def _share_hover(row: dict) -> str:
    """Hover text of one market share number."""
    kind = "forecast" if row["forecast"] else "reported"
    return (f"{row['company']}, {row['period']}, {row['geography'] or 'unspecified geography'}, "
            f"{row['source'] or UNATTRIBUTED}: {exact_number(row['value'])}% ({kind}); "
            f"{_plural(row['articles'], 'article')}: {', '.join(row['article_names'])}; "
            f"{_plural(row['alternatives'], 'other value')} reported")


def _share_chart(title: str, entries: list[dict], colours: dict[str, str]) -> Chart:
    """One grouped bar chart: a slot per quarter, in it a bar per company (in name order)."""
    quarters = sorted({row["period"] for row in entries})
    companies = sorted({row["company"] for row in entries})
    y_low, y_high, y_ticks = _y_axis((row["value"] for row in entries), "percent")
    slot_width = (PLOT_RIGHT - PLOT_LEFT) / len(quarters)
    bar_width = round(slot_width * 0.8 / len(companies), 1)
    zero_y = _scale(0.0, y_low, y_high, PLOT_BOTTOM, PLOT_TOP)
    marks_by_company: dict[str, list[ChartMark]] = defaultdict(list)
    for row in entries:
        slot_left = PLOT_LEFT + quarters.index(row["period"]) * slot_width + slot_width * 0.1
        top = _scale(row["value"], y_low, y_high, PLOT_BOTTOM, PLOT_TOP)
        marks_by_company[row["company"]].append(ChartMark(
            x=round(slot_left + companies.index(row["company"]) * bar_width, 1), y=min(top, zero_y),
            width=bar_width, height=round(abs(zero_y - top), 1),
            label=format_value(row["value"], "percent"), hover=_share_hover(row),
            href=_fact_href(row["fact_ids"]), forecast=bool(row["forecast"]),
        ))
    series = tuple(ChartSeries(company, colours[company], tuple(marks_by_company[company]), "")
                   for company in companies)
    x_ticks = _thinned([Tick(round(PLOT_LEFT + (i + 0.5) * slot_width, 1), quarter)
                        for i, quarter in enumerate(quarters)])
    return Chart("bar", title, "market share (%)", series, x_ticks, y_ticks)


def share_charts(rows: list[dict]) -> list[Chart]:
    """Grouped bar charts of market share per company group per quarter, one per geography, segment and source."""
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for row in rows:
        position = period_position(row["period"])
        if position is not None and position.granularity == "quarterly":
            groups[(row["geography"] or "unspecified geography", row["segment"] or "unspecified segment",
                    row["source"] or UNATTRIBUTED)].append(row)
    colours = colour_map(row["company"] for entries in groups.values() for row in entries)
    return [_share_chart(f"{geography} · {segment} · {source}", entries, colours)
            for (geography, segment, source), entries in sorted(groups.items())]


def footprint_rows(rows: list[dict]) -> list[FootprintRow]:
    """The footprint table: each latest count (≥ for 'more than') with its article and date on hover."""
    table = []
    for row in rows:
        counts = []
        for metric in FOOTPRINT_METRICS:
            value = row[metric]
            if value is None:
                counts.append(None)
                continue
            published = row[f"{metric}_published"]
            qualifier = row[f"{metric}_qualifier"]
            counts.append(LinkedNumber(
                QUALIFIER_SIGNS.get(qualifier, "") + format_value(value, "count"),
                f"{row['company']}: {exact_number(value)} {metric.replace('_', ' ')} ({qualifier or 'exact'}), "
                f"from {row[f'{metric}_article']} (published {published or 'date unknown'})",
                _fact_href([row[f"{metric}_fact_id"]]),
            ))
        table.append(FootprintRow(row["company"], row["geography"] or "—", tuple(counts)))
    return table


def _figure_key(row: dict) -> tuple:
    """What makes conflict rows one figure."""
    return (row["metric"], row["unit"], tuple(row["subject"]), row["segment"], row["growth_of"], row["period"],
            row["as_of"], row["geography"], row["source"], row["forecast"])


def _figure_description(row: dict) -> str:
    """A conflicting figure in words: metric, subject, period, geography, source."""
    parts = [row["metric"].replace("_", " ") + (f" of {row['growth_of'].replace('_', ' ')}" if row["growth_of"] else "")]
    parts.append(", ".join(row["subject"]) if row["subject"] else "whole market")
    if row["segment"]:
        parts.append(row["segment"].replace("_", " "))
    parts.append(row["period"] or f"as of {row['as_of'] or 'an unknown date'}")
    if row["geography"]:
        parts.append(row["geography"])
    parts.append(f"source: {row['source'] or 'the company / unattributed'}")
    if row["forecast"]:
        parts.append("forecast")
    return " · ".join(parts)


def shown_conflict_rows(figures: dict[tuple, list[dict]]) -> dict[tuple, list[dict]]:
    """Per figure, the MAX_VALUES_PER_FIGURE values reported by most articles, in value order."""
    shown = {}
    for key, figure_rows in figures.items():
        most_reported = sorted(figure_rows, key=lambda row: (-row["articles"], row["value"]))
        shown[key] = sorted(most_reported[:MAX_VALUES_PER_FIGURE], key=lambda row: row["value"])
    return shown


def conflict_figures(rows: list[dict]) -> list[ConflictFigure]:
    """Conflict rows grouped into figures, each value linking to the sentences behind it."""
    figures: dict[tuple, list[dict]] = {}
    for row in rows:
        figures.setdefault(_figure_key(row), []).append(row)
    result = []
    for key, figure_rows in shown_conflict_rows(figures).items():
        first = figure_rows[0]
        values = []
        for row in figure_rows:
            shown_reports = row["reports"][:MAX_REPORTS_PER_VALUE]
            reports = tuple(
                LinkedNumber(
                    report["article"],
                    f"{report['outlet'] or 'unknown outlet'}, {report['published'] or 'date unknown'}: "
                    f"“{report['text']}” in: {report['sentence']}",
                    f"#fact-{report['fact_id']}",
                )
                for report in shown_reports
            )
            number = LinkedNumber(
                format_value(row["value"], row["unit"]),
                f"{exact_number(row['value'])} {row['unit']}, reported by {_plural(row['articles'], 'article')}",
                f"#fact-{row['reports'][0]['fact_id']}",
            )
            values.append(ConflictValue(number, reports, len(row["reports"]) - len(shown_reports)))
        spread = (f"{format_value(first['lowest'], first['unit'])} to {format_value(first['highest'], first['unit'])}"
                  f" ({first['spread_percent']:g}% apart)")
        result.append(ConflictFigure(_figure_description(first), spread, tuple(values),
                                     len(figures[key]) - len(figure_rows)))
    return result


def safe_link(url: str | None) -> str | None:
    """The url when it is http(s), else None (no javascript: or data: links from article metadata)."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def article_page_file(article: str) -> str:
    """The file name of an article's page: its name made safe for a path, and a hash against collisions."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", article).strip("._")[:80] or "article"
    return f"{safe}-{hashlib.sha256(article.encode('utf-8')).hexdigest()[:8]}.html"


def evidence_entries(con: duckdb.DuckDBPyConnection, fact_ids: Iterable[str],
                     pages_dir: str | None = None) -> list[Evidence]:
    """The cited facts, in publication order, with their sentences (and links to their article pages)."""
    wanted = sorted(set(fact_ids))
    if not wanted:
        return []
    entries = []
    for fact in _rows(con, "report_evidence", {"fact_ids": wanted}):
        before, figure, after = figure_in_sentence(fact["body"], fact["sentence"], fact["start_char"],
                                                   fact["end_char"])
        summary = (f"{fact['metric']} {format_value(fact['value'], fact['unit'])} "
                   f"({exact_number(fact['value'])} {fact['unit']}, {fact['qualifier'] or 'exact'}), "
                   f"period {fact['period'] or 'not stated'}, source {fact['source'] or 'none named'}")
        entries.append(Evidence(
            anchor=f"fact-{fact['fact_id']}", article=fact["article"], title=fact["title"] or fact["article"],
            outlet=fact["outlet"] or "unknown outlet",
            published=fact["published"].isoformat() if fact["published"] else "date unknown",
            url=safe_link(fact["url"]), summary=summary, before=before, figure=figure, after=after,
            page=f"{pages_dir}/{article_page_file(fact['article'])}" if pages_dir else None,
        ))
    return entries


def _cited_fact_ids(spending: list[dict], shares: list[dict], footprint: list[dict],
                    conflicts: Sequence[ConflictFigure]) -> set[str]:
    """Every fact the report links to."""
    cited = {row["fact_ids"][0] for row in spending + shares if row["fact_ids"]}
    cited |= {row[f"{metric}_fact_id"] for row in footprint for metric in FOOTPRINT_METRICS
              if row[f"{metric}_fact_id"] is not None}
    cited |= {link.href.removeprefix("#fact-") for figure in conflicts for value in figure.values
              for link in (value.number, *value.reports)}
    return cited


def missing_views(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The analysis views this database lacks."""
    rows = con.execute(load_query("missing_views"), {"view_names": list(ANALYSIS_VIEWS)}).fetchall()
    return [view_name for (view_name,) in rows]


def require_views(con: duckdb.DuckDBPyConnection, db_name: str) -> None:
    """Raise MissingViews, saying how to add them, when the database predates the analysis views."""
    missing = missing_views(con)
    if missing:
        raise MissingViews(
            f"{db_name} has no {', '.join(missing)}: it was written by an older cloudfacts. Any "
            f"`cloudfacts run ... --db {db_name}` with this version creates the views (re-running the same "
            "articles adds nothing else)"
        )


def collect_report(con: duckdb.DuckDBPyConnection, db_name: str, pages_dir: str | None = None) -> ReportData:
    """Read the views and lay out everything the report shows."""
    require_views(con, db_name)
    spending = _rows(con, "report_market_spending")
    shares = _rows(con, "report_market_share")
    footprint = _rows(con, "report_footprint")
    conflicts = _rows(con, "report_conflicts", {"max_figures": MAX_CONFLICT_FIGURES})
    counts = table_counts(con)
    charts, uncharted = spending_charts(spending)
    conflict_list = conflict_figures(conflicts)
    return ReportData(
        generated_at=utc_now().strftime("%Y-%m-%d %H:%M UTC"),
        db_name=db_name,
        article_count=counts["articles"],
        fact_count=counts["facts"],
        spending_charts=tuple(charts),
        uncharted_spending=tuple(uncharted),
        share_charts=tuple(share_charts(shares)),
        footprint_metrics=tuple(metric.replace("_", " ") for metric in FOOTPRINT_METRICS),
        footprint=tuple(footprint_rows(footprint)),
        conflicts=tuple(conflict_list),
        conflicts_total=conflicts[0]["figures_total"] if conflicts else 0,
        evidence=tuple(evidence_entries(con, _cited_fact_ids(spending, shares, footprint, conflict_list),
                                        pages_dir)),
    )


def template_environment() -> jinja2.Environment:
    """Jinja environment over warehouse/templates with HTML autoescaping always on."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_report(data: ReportData) -> str:
    """The report as one HTML document (no external resources, no scripts)."""
    return template_environment().get_template(REPORT_TEMPLATE).render(report=data)


def write_report(db_path: str | os.PathLike, out_path: str | os.PathLike,
                 pages_dir: str | None = None) -> ReportSummary:
    """Build the report from the warehouse at db_path and write it to out_path (atomically); with pages_dir
    (relative to the report), each cited article links to pages_dir/article_page_file(name), which the caller
    writes (the warehouse does not import spaCy; flows/article_pages.py does)."""
    con = connect_reader(db_path)
    try:
        data = collect_report(con, Path(db_path).name, pages_dir)
    finally:
        con.close()
    out = Path(out_path)
    html = render_report(data).encode("utf-8")
    with writing_all([out]) as (handle,):
        handle.write(html)
    return ReportSummary(out, len(data.spending_charts), len(data.share_charts), len(data.footprint),
                         len(data.conflicts), len(data.evidence),
                         tuple(sorted({item.article for item in data.evidence})))
