"""The self-contained HTML report: market spending and market share charts, footprint, conflicts."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
import jinja2

from warehouse.db import connect_reader, utc_now
from warehouse.evidence import figure_in_sentence
from warehouse.query import table_counts
from warehouse.report_charts import Chart, exact_number, format_value
from warehouse.report_sections import (LinkedNumber, PivotTable, SummaryRow, fact_href, growth_table, investment_chart,
                                       investment_table, latest_shares, latest_spending, plural, pledge_rows,
                                       segment_name, share_charts, spending_charts)
from warehouse.safe_files import writing_all
from warehouse.sql_files import PACKAGE_DIR, load_query

TEMPLATES_DIR = PACKAGE_DIR / "templates"
REPORT_TEMPLATE = "report.html.j2"
ANALYSIS_VIEWS = ("v_facts", "v_corroboration", "v_conflicts", "v_provider_footprint",
                  "v_market_spending", "v_market_share", "v_investment", "v_revenue_growth")
FOOTPRINT_METRICS = ("availability_zones", "regions", "data_centers")
MAX_CONFLICT_FIGURES = 100  # the widest spreads; the rest are in v_conflicts
MAX_VALUES_PER_FIGURE = 12  # those reported by most articles
MAX_REPORTS_PER_VALUE = 10
QUALIFIER_SIGNS = {"approximate": "~", "at_least": "≥", "at_most": "≤"}


class MissingViews(RuntimeError):
    """The database predates the analysis views (they are created when a writer opens it)."""


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
class ReportData:
    """Everything the template shows."""

    generated_at: str
    db_name: str
    article_count: int
    fact_count: int
    latest_spending: tuple[SummaryRow, ...]
    latest_shares: tuple[SummaryRow, ...]
    spending_charts: tuple[Chart, ...]
    unplotted_spending: tuple[SummaryRow, ...]
    share_charts: tuple[Chart, ...]
    investment: PivotTable
    investment_chart: Chart | None
    pledges: tuple[SummaryRow, ...]
    revenue_growth: PivotTable
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


def _rows(con: duckdb.DuckDBPyConnection, query_name: str, parameters: dict | None = None) -> list[dict]:
    """Rows of a named query as dicts."""
    cursor = con.execute(load_query(query_name), parameters or {})
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


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
                fact_href([row[f"{metric}_fact_id"]]),
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
        parts.append(segment_name(row["segment"]))
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
                f"{exact_number(row['value'])} {row['unit']}, reported by {plural(row['articles'], 'article')}",
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


def _cited_fact_ids(row_sets: Iterable[list[dict]], footprint: list[dict],
                    conflicts: Sequence[ConflictFigure]) -> set[str]:
    """Every fact the report links to."""
    cited = {row["fact_ids"][0] for rows in row_sets for row in rows if row["fact_ids"]}
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
    investment = _rows(con, "report_investment")
    pledges = _rows(con, "report_pledges")
    growth = _rows(con, "report_revenue_growth")
    footprint = _rows(con, "report_footprint")
    conflicts = _rows(con, "report_conflicts", {"max_figures": MAX_CONFLICT_FIGURES})
    counts = table_counts(con)
    charts, unplotted = spending_charts(spending)
    conflict_list = conflict_figures(conflicts)
    return ReportData(
        generated_at=utc_now().strftime("%Y-%m-%d %H:%M UTC"),
        db_name=db_name,
        article_count=counts["articles"],
        fact_count=counts["facts"],
        latest_spending=tuple(latest_spending(spending)),
        latest_shares=tuple(latest_shares(shares)),
        spending_charts=tuple(charts),
        unplotted_spending=tuple(unplotted),
        share_charts=tuple(share_charts(shares)),
        investment=investment_table(investment),
        investment_chart=investment_chart(investment),
        pledges=tuple(pledge_rows(pledges)),
        revenue_growth=growth_table(growth),
        footprint_metrics=tuple(metric.replace("_", " ") for metric in FOOTPRINT_METRICS),
        footprint=tuple(footprint_rows(footprint)),
        conflicts=tuple(conflict_list),
        conflicts_total=conflicts[0]["figures_total"] if conflicts else 0,
        evidence=tuple(evidence_entries(con, _cited_fact_ids((spending, shares, investment, pledges, growth), footprint,
                                                             conflict_list), pages_dir)),
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
