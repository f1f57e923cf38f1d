"""Chart layout of the report: periods on a time axis, lines that stop at gaps, colours that stay put."""

from __future__ import annotations

import datetime as dt

from extractors.period_dates import period_bounds
from warehouse.report_charts import (FIXED_COLOURS, SPARE_COLOURS, Bar, TimePoint, TimeSpan, bar_chart, colour_map,
                                     format_value, line_chart, time_span, value_ticks)


def point(series: str, period: str, value: float, start: dt.date | None = None,
          end: dt.date | None = None) -> TimePoint:
    """A point of a calendar period (dated as the extractor dates it) or of the given dates."""
    span = time_span(*(period_bounds(period) if start is None else (start, end)))
    assert span is not None, period
    return TimePoint(series, period, span, value, f"{series} {period}", f"#fact-{series}-{period}", False)


def test_stored_dates_place_a_period_and_name_its_granularity() -> None:
    spans = {p: time_span(*period_bounds(p)) for p in ("2024", "2024-Q4", "2025-H1", "2025-02")}
    assert [spans[p].granularity for p in ("2024", "2024-Q4", "2025-H1", "2025-02")] == [
        "yearly", "quarterly", "half-yearly", "monthly"]
    oracle_q2 = time_span(dt.date(2024, 9, 1), dt.date(2024, 11, 30))  # Oracle's FY2025-Q2
    assert oracle_q2 is not None and oracle_q2.granularity == "quarterly"
    assert time_span(*period_bounds("2024/2027")).granularity == "multi-year"
    # A fiscal period without a known calendar has no dates, so no place on a time axis.
    assert time_span(None, None) is None
    assert abs(spans["2024-Q4"].midpoint - 2024.876) < 0.002


def test_a_line_is_not_drawn_across_a_missing_quarter() -> None:
    points = [point("Canalys", p, v) for p, v in (("2024-Q1", 70), ("2024-Q2", 75), ("2024-Q4", 90), ("2025-Q1", 91))]
    chart = line_chart("t", "y", "percent", points, colour_map(["Canalys"]))
    (series,) = chart.series
    assert len(series.marks) == 4
    assert len(series.polylines) == 2  # Q1-Q2, then Q4-Q1: nothing joins Q2 to Q4
    assert [len(line.split()) for line in series.polylines] == [2, 2]


def test_fiscal_quarters_next_to_each_other_are_joined() -> None:
    points = [point("Oracle", "FY2025-Q1", 10, dt.date(2024, 6, 1), dt.date(2024, 8, 31)),
              point("Oracle", "FY2025-Q2", 12, dt.date(2024, 9, 1), dt.date(2024, 11, 30))]
    chart = line_chart("t", "y", "percent", points, colour_map(["Oracle"]))
    assert len(chart.series[0].polylines) == 1
    assert [tick.label for tick in chart.x_ticks] == ["FY2025-Q1", "FY2025-Q2"]


def test_a_group_keeps_its_colour_whatever_else_is_charted() -> None:
    alone = colour_map(["Amazon"])
    crowded = colour_map(["Zeta Corp", "Amazon", "Alpha Cloud", "Microsoft"])
    assert alone["Amazon"] == crowded["Amazon"] == FIXED_COLOURS["Amazon"]
    assert crowded["Alpha Cloud"] == SPARE_COLOURS[0] and crowded["Zeta Corp"] == SPARE_COLOURS[1]
    assert len(set(crowded.values())) == 4


def test_bars_per_year_and_group() -> None:
    bars = [Bar("2024", "Amazon", 83e9, "h", "#a", False), Bar("2025", "Amazon", 100e9, "h", "#b", True),
            Bar("2025", "Microsoft", 80e9, "h", "#c", True)]
    chart = bar_chart("Capex", "USD", "USD", bars, colour_map(["Amazon", "Microsoft"]))
    assert [tick.label for tick in chart.x_ticks] == ["2024", "2025"]
    assert [(s.name, len(s.marks)) for s in chart.series] == [("Amazon", 2), ("Microsoft", 1)]
    assert chart.y_ticks[-1].label == format_value(100e9, "USD")
    assert value_ticks(0, 100e9)[-1] == 100e9
