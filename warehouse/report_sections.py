"""What each section of the report shows, laid out from the rows of the analysis views: the summary at the top,
market size per segment, market share per company group, capex per group and year, revenue growth per company."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from warehouse.report_charts import (Bar, Chart, TimePoint, TimeSpan, bar_chart, colour_map, exact_number,
                                     format_value, line_chart, time_span)

UNATTRIBUTED = "unattributed"
NO_GEOGRAPHY = "unspecified geography"
MAX_GROWTH_PERIODS = 8  # the latest periods of the revenue growth table
MAX_CHARTED_INVESTORS = 6  # company groups in the capex chart: those with the largest figures
MAX_PLEDGES = 15  # the largest multi-year or undated pledges listed
SEGMENT_NAMES = {
    "cloud_infrastructure_services": "Cloud infrastructure services",
    "iaas": "IaaS",
    "paas": "PaaS",
    "saas": "SaaS",
    "public_cloud": "Public cloud services",
    "cloud_hardware": "Cloud hardware",
    "ai_infrastructure": "AI infrastructure",
    "data_centres": "Data centres",
    "cloud": "Cloud (not further named)",
    "other": "Other markets",
}
NO_SEGMENT = "Market not named"


@dataclass(frozen=True)
class LinkedNumber:
    """A number in a table or list: its text, hover text and the evidence it links to."""

    text: str
    hover: str
    href: str


@dataclass(frozen=True)
class SummaryRow:
    """One line of a summary table: the cells that describe it, then its number."""

    cells: tuple[str, ...]
    number: LinkedNumber


@dataclass(frozen=True)
class PivotRow:
    """One row of a table with a column per period or year: its name and a number or None per column."""

    name: str
    names_behind: str
    cells: tuple[LinkedNumber | None, ...]


@dataclass(frozen=True)
class PivotTable:
    """Rows of numbers under period or year columns."""

    columns: tuple[str, ...]
    rows: tuple[PivotRow, ...]


def segment_name(segment: str | None) -> str:
    """The readable name of a FACTS.md segment."""
    return SEGMENT_NAMES.get(segment or "", segment or NO_SEGMENT)


def fact_href(fact_ids: Sequence[str]) -> str:
    """Link to the evidence entry of the first fact behind a number."""
    return f"#fact-{fact_ids[0]}" if fact_ids else "#evidence"


def plural(count: int, word: str) -> str:
    """'1 article', '2 articles'."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def _usd_note(row: dict) -> str:
    """', about USD 12.3 bn' for a figure in another currency with a US dollar value; '' otherwise."""
    if row.get("value_usd") is None or row["unit"] == "USD":
        return ""
    return f", about {format_value(row['value_usd'], 'USD')}"


def _kind(row: dict) -> str:
    return "forecast" if row["forecast"] else "reported"


def spending_hover(row: dict) -> str:
    """Hover text of one market size number: exact value, market, source and corroboration."""
    return (f"{segment_name(row['segment'])}, {row['source'] or UNATTRIBUTED}, {row['geography'] or NO_GEOGRAPHY}, "
            f"{row['period']}: {format_value(row['value'], row['unit'])} ({exact_number(row['value'])} {row['unit']}"
            f"{_usd_note(row)}, {_kind(row)}); {plural(row['articles'], 'article')}: "
            f"{', '.join(row['article_names'])}; {plural(row['alternatives'], 'other value')} reported")


def share_hover(row: dict) -> str:
    """Hover text of one market share number, with the company names behind the group's row."""
    return (f"{row['company_group']} ({', '.join(row['companies'])}), {segment_name(row['segment'])}, "
            f"{row['period']}, {row['geography'] or NO_GEOGRAPHY}, {row['source'] or UNATTRIBUTED}: "
            f"{exact_number(row['value'])}% ({_kind(row)}); {plural(row['articles'], 'article')}: "
            f"{', '.join(row['article_names'])}; {plural(row['alternatives'], 'other value')} reported")


def _span_of(row: dict) -> TimeSpan | None:
    return time_span(row["period_start"], row["period_end"])


def _latest_first(rows: Iterable[dict]) -> list[dict]:
    """The rows that are reported (not forecast) for a dated period, latest period end first, then most articles."""
    dated = [(row, span) for row in rows if not row["forecast"] and (span := _span_of(row)) is not None]
    return [row for row, span in sorted(dated, key=lambda entry: (-entry[1].end.toordinal(), -entry[0]["articles"]))]


def latest_spending(rows: list[dict]) -> list[SummaryRow]:
    """The latest reported (not forecast) market size per segment, source and geography."""
    latest: dict[tuple, dict] = {}
    for row in _latest_first(rows):
        latest.setdefault((row["segment"] or "", row["source"] or "", row["geography"] or "", row["unit"]), row)
    return [SummaryRow((segment_name(row["segment"]), row["source"] or UNATTRIBUTED, row["geography"] or "—",
                        row["period"]),
                       LinkedNumber(format_value(row["value"], row["unit"]) + _usd_note(row), spending_hover(row),
                                    fact_href(row["fact_ids"])))
            for _key, row in sorted(latest.items())]


def latest_shares(rows: list[dict]) -> list[SummaryRow]:
    """The latest reported share of each company group per segment and geography (any source)."""
    latest: dict[tuple, dict] = {}
    for row in _latest_first(rows):
        latest.setdefault((row["company_group"], row["segment"] or "", row["geography"] or ""), row)
    ordered = sorted(latest.values(), key=lambda row: (row["segment"] or "", row["geography"] or "", -row["value"]))
    return [SummaryRow((row["company_group"], segment_name(row["segment"]), row["geography"] or "—", row["period"],
                        row["source"] or UNATTRIBUTED),
                       LinkedNumber(format_value(row["value"], "percent"), share_hover(row), fact_href(row["fact_ids"])))
            for row in ordered]


def _spending_row(row: dict) -> SummaryRow:
    return SummaryRow((segment_name(row["segment"]), row["source"] or UNATTRIBUTED, row["geography"] or "—",
                       row["period"] or "not stated"),
                      LinkedNumber(format_value(row["value"], row["unit"]) + _usd_note(row), spending_hover(row),
                                   fact_href(row["fact_ids"])))


def spending_charts(rows: list[dict]) -> tuple[list[Chart], list[SummaryRow]]:
    """Line charts of market size over time: one per segment, geography, currency and granularity (never two
    segments in one chart), a series per source; and, as table rows, the figures of a market reported for one
    period only or for a period no time axis can place (several years, none)."""
    groups: dict[tuple[str, str, str, str], list[tuple[dict, TimePoint]]] = defaultdict(list)
    unplotted = []
    for row in rows:
        span = _span_of(row)
        if span is None or span.granularity == "multi-year":
            unplotted.append(row)
            continue
        key = (segment_name(row["segment"]), row["geography"] or NO_GEOGRAPHY, row["unit"], span.granularity)
        groups[key].append((row, TimePoint(row["source"] or UNATTRIBUTED, row["period"], span, row["value"],
                                           spending_hover(row), fact_href(row["fact_ids"]), bool(row["forecast"]))))
    charted = {key: entries for key, entries in groups.items() if len({p.period for _, p in entries}) > 1}
    unplotted += [row for key, entries in groups.items() if key not in charted for row, _ in entries]
    colours = colour_map(point.series for entries in charted.values() for _, point in entries)
    charts = [line_chart(f"{segment} · {geography} · {granularity}", f"market size ({unit})", unit,
                         [point for _, point in entries], colours)
              for (segment, geography, unit, granularity), entries in sorted(charted.items())]
    ordered = sorted(unplotted, key=lambda row: (segment_name(row["segment"]), row["geography"] or "",
                                                 row["period_end"] or dt.date.max, row["source"] or ""))
    return charts, [_spending_row(row) for row in ordered]


def share_charts(rows: list[dict]) -> list[Chart]:
    """Market share charts: one per segment, geography, source and granularity, a company group's colour the same
    in every chart; a line per group over time, or bars side by side where the source gave one period."""
    groups: dict[tuple[str, str, str, str], list[TimePoint]] = defaultdict(list)
    for row in rows:
        span = _span_of(row)
        if span is None or span.granularity == "multi-year":
            continue
        key = (segment_name(row["segment"]), row["geography"] or NO_GEOGRAPHY, row["source"] or UNATTRIBUTED,
               span.granularity)
        groups[key].append(TimePoint(row["company_group"], row["period"], span, row["value"], share_hover(row),
                                     fact_href(row["fact_ids"]), bool(row["forecast"])))
    colours = colour_map(point.series for points in groups.values() for point in points)
    charts = []
    for (segment, geography, source, granularity), points in sorted(groups.items()):
        title = f"{segment} · {geography} · {source} · {granularity}"
        if len({point.period for point in points}) > 1:
            charts.append(line_chart(title, "market share (%)", "percent", points, colours))
        else:
            bars = [Bar(point.period, point.series, point.value, point.hover, point.href, point.forecast)
                    for point in points]
            charts.append(bar_chart(title, "market share (%)", "percent", bars, colours))
    return charts


def _investment_hover(row: dict) -> str:
    return (f"{row['company_group']} ({', '.join(row['companies'])}), {row['year']}: the largest of "
            f"{plural(row['figures'], 'figure')}: {format_value(row['value_usd'], 'USD')} "
            f"({exact_number(round(row['value_usd']))} USD, period {row['period']}, "
            f"{row['geography'] or NO_GEOGRAPHY}, {'planned or pledged' if row['forecast'] else 'reported'}); "
            f"{plural(row['articles'], 'article')}: {', '.join(row['article_names'])}")


def investment_table(rows: list[dict]) -> PivotTable:
    """Capex and investment in US dollars: a row per company group, a column per year (its largest figure)."""
    years = sorted({str(row["year"]) for row in rows})
    by_group: dict[str, dict[str, dict]] = defaultdict(dict)
    for row in rows:
        by_group[row["company_group"]][str(row["year"])] = row
    table_rows = []
    for group, per_year in sorted(by_group.items()):
        names = sorted({name for row in per_year.values() for name in row["companies"]})
        cells = tuple(LinkedNumber(format_value(per_year[year]["value_usd"], "USD"), _investment_hover(per_year[year]),
                                   fact_href(per_year[year]["fact_ids"])) if year in per_year else None
                      for year in years)
        table_rows.append(PivotRow(group, ", ".join(names), cells))
    return PivotTable(tuple(years), tuple(table_rows))


def investment_chart(rows: list[dict]) -> Chart | None:
    """Capex and investment per company group and year, in US dollars, as grouped bars."""
    largest: dict[str, float] = defaultdict(float)
    for row in rows:
        largest[row["company_group"]] = max(largest[row["company_group"]], row["value_usd"])
    charted = set(sorted(largest, key=lambda group: (-largest[group], group))[:MAX_CHARTED_INVESTORS])
    bars = [Bar(str(row["year"]), row["company_group"], row["value_usd"], _investment_hover(row),
                fact_href(row["fact_ids"]), bool(row["forecast"])) for row in rows if row["company_group"] in charted]
    if not bars:
        return None
    return bar_chart("Largest capex or investment figure per year (USD)", "investment (USD)", "USD", bars,
                     colour_map(bar.series for bar in bars))


def growth_table(rows: list[dict]) -> PivotTable:
    """Revenue growth in percent: a row per company (and segment), a column per period (the latest ones)."""
    spans = {row["period"]: _span_of(row) for row in rows}
    dated = sorted((period for period, span in spans.items() if span is not None and span.granularity != "multi-year"),
                   key=lambda period: (spans[period].end, spans[period].start))
    periods = dated[-MAX_GROWTH_PERIODS:]
    by_company: dict[tuple[str, str], dict[str, dict]] = defaultdict(dict)
    for row in rows:
        if row["period"] in periods:
            by_company[(row["company"], row["segment"] or "")].setdefault(row["period"], row)
    table_rows = []
    for (company, segment), per_period in sorted(by_company.items()):
        first = next(iter(per_period.values()))
        label = company if not segment else f"{company} ({segment_name(segment)})"
        cells = tuple(LinkedNumber(format_value(per_period[p]["value"], "percent"), _growth_hover(per_period[p]),
                                   fact_href(per_period[p]["fact_ids"])) if p in per_period else None
                      for p in periods)
        table_rows.append(PivotRow(label, first["company_group"], cells))
    return PivotTable(tuple(periods), tuple(table_rows))


def _growth_hover(row: dict) -> str:
    return (f"{row['company']} revenue, {row['period']}: {exact_number(row['value'])}% ({_kind(row)}), "
            f"source {row['source'] or 'the company / unattributed'}; {plural(row['articles'], 'article')}: "
            f"{', '.join(row['article_names'])}")


def pledge_rows(rows: list[dict]) -> list[SummaryRow]:
    """Capex and investment figures over several years or without a dated period: no single year holds them."""
    return [SummaryRow((row["company_group"], ", ".join(row["companies"]), row["period"] or "not stated",
                        row["geography"] or "—", "planned or pledged" if row["forecast"] else "reported"),
                       LinkedNumber(format_value(row["value"], row["unit"]) + _usd_note(row),
                                    f"{exact_number(row['value'])} {row['unit']}{_usd_note(row)}; "
                                    f"{plural(row['articles'], 'article')}: {', '.join(row['article_names'])}",
                                    fact_href(row["fact_ids"])))
            for row in rows[:MAX_PLEDGES]]
