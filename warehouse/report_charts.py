"""SVG chart layout for the report: value axes, time axes from period dates, lines that break where periods are
missing, grouped bars, and a stable colour per company group or source."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

CHART_WIDTH = 540
CHART_HEIGHT = 310
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 92, 524, 24, 256
LINE_INSET = 30
MAX_BAR_WIDTH = 72
MAX_X_LABELS = 8
MIN_TICK_GAP = 54  # px between x labels: a quarter label ('2024-Q4') is about 45 px wide
LABEL_WIDTH, LABEL_HEIGHT = 62, 13
# Periods further apart than this are not neighbours: the line between them is not drawn.
NEIGHBOUR_SLACK_DAYS = 5

# Colour-blind friendly colours (Okabe-Ito, then Paul Tol's), each name fixed so a company group or a source has the
# same colour in every chart and every report; names without a fixed colour take the remaining ones in name order.
FIXED_COLOURS = {
    "Amazon": "#E69F00", "Microsoft": "#0072B2", "Alphabet": "#009E73", "Alibaba": "#D55E00",
    "Oracle": "#CC79A7", "Huawei": "#882255", "Tencent": "#56B4E9", "Baidu": "#332288", "IBM": "#000000",
    "Salesforce": "#44AA99", "Meta": "#117733", "Nvidia": "#999933",
    "Canalys": "#0072B2", "Synergy Research Group": "#D55E00", "Gartner": "#009E73", "IDC": "#CC79A7",
    "Omdia": "#E69F00", "unattributed": "#7F7F7F",
}
SPARE_COLOURS = ("#AA4499", "#661100", "#6699CC", "#8C564B", "#DDCC77", "#88CCEE", "#7F7F7F", "#F0E442")
_VALUE_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"))


@dataclass(frozen=True)
class TimeSpan:
    """The days a period covers, first and last included."""

    start: dt.date
    end: dt.date

    @property
    def granularity(self) -> str:
        """'monthly', 'quarterly', 'half-yearly', 'yearly' or 'multi-year', from the number of days."""
        days = (self.end - self.start).days + 1
        for limit, name in ((31, "monthly"), (92, "quarterly"), (184, "half-yearly"), (366, "yearly")):
            if days <= limit:
                return name
        return "multi-year"

    @property
    def midpoint(self) -> float:
        """The middle of the span in decimal years, for a time axis."""
        return (_decimal_year(self.start) + _decimal_year(self.end + dt.timedelta(days=1))) / 2

    def followed_by(self, later: "TimeSpan") -> bool:
        """True when `later` starts right after this span ends: no period is missing between them."""
        return (later.start - self.end).days <= NEIGHBOUR_SLACK_DAYS


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
    """One source's or company group's marks in one chart, its colour, and the lines between neighbouring
    periods (one polyline per run of periods without a gap)."""

    name: str
    colour: str
    marks: tuple[ChartMark, ...]
    polylines: tuple[str, ...] = ()


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
class TimePoint:
    """A number to plot on a time axis: its series, period and what its mark shows and links to."""

    series: str
    period: str
    span: TimeSpan
    value: float
    hover: str
    href: str
    forecast: bool


@dataclass(frozen=True)
class Bar:
    """A number to plot as a bar: its slot on the x axis (a year), its series and what its mark shows."""

    slot: str
    series: str
    value: float
    hover: str
    href: str
    forecast: bool


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


def _decimal_year(day: dt.date) -> float:
    """A date as a decimal year (2025-07-01 -> about 2025.5)."""
    year_start = dt.date(day.year, 1, 1)
    year_days = (dt.date(day.year + 1, 1, 1) - year_start).days
    return day.year + (day - year_start).days / year_days


def time_span(period_start: dt.date | None, period_end: dt.date | None) -> TimeSpan | None:
    """Where a fact's period sits in time: its stored dates (fiscal periods included; migration 009 dated calendar
    periods stored before the dates were), else None (a fiscal period without a known calendar, no period)."""
    if period_start is None or period_end is None:
        return None
    return TimeSpan(period_start, period_end)


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


def scale(value: float, domain_low: float, domain_high: float, pixel_low: float, pixel_high: float) -> float:
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
        Tick(scale(tick, low, high, PLOT_BOTTOM, PLOT_TOP), format_value(tick, unit)) for tick in ticks
    )


def _thinned(labels: Sequence[Tick]) -> tuple[Tick, ...]:
    """The labels (in axis order) that fit: each at least MIN_TICK_GAP px after the one kept before it, at most
    MAX_X_LABELS; the rest stay readable on hover of their marks."""
    kept: list[Tick] = []
    for tick in labels:
        if not kept or tick.position - kept[-1].position >= MIN_TICK_GAP:
            kept.append(tick)
    stride = max(1, math.ceil(len(kept) / MAX_X_LABELS))
    return tuple(kept[::stride])


def without_label_overlaps(series: list[ChartSeries]) -> list[ChartSeries]:
    """Hide the value label of a mark whose label would overlap one already placed (hover still shows it)."""
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
    """A colour per name: the fixed one where there is one, else a spare colour in name order (cycled)."""
    wanted = set(names)
    others = sorted(wanted - FIXED_COLOURS.keys())
    colours = {name: SPARE_COLOURS[position % len(SPARE_COLOURS)] for position, name in enumerate(others)}
    colours.update({name: FIXED_COLOURS[name] for name in wanted & FIXED_COLOURS.keys()})
    return colours


def neighbour_runs(points: Sequence[TimePoint]) -> list[list[TimePoint]]:
    """A series' points (in time order) cut where a period is missing between two points."""
    runs: list[list[TimePoint]] = []
    for point in points:
        if runs and runs[-1][-1].span.followed_by(point.span):
            runs[-1].append(point)
        else:
            runs.append([point])
    return runs


def line_chart(title: str, y_label: str, unit: str, points: Sequence[TimePoint], colours: dict[str, str]) -> Chart:
    """A line chart over time, a series per name, lines only between neighbouring periods."""
    midpoints = [point.span.midpoint for point in points]
    x_low, x_high = min(midpoints), max(midpoints)
    y_low, y_high, y_ticks = _y_axis((point.value for point in points), unit)

    def x_of(point: TimePoint) -> float:
        return scale(point.span.midpoint, x_low, x_high, PLOT_LEFT + LINE_INSET, PLOT_RIGHT - LINE_INSET)

    by_series: dict[str, list[TimePoint]] = defaultdict(list)
    for point in sorted(points, key=lambda p: (p.span.start, p.span.end)):
        by_series[point.series].append(point)
    series = []
    for name, series_points in sorted(by_series.items()):
        marks = {id(point): ChartMark(x=x_of(point), y=scale(point.value, y_low, y_high, PLOT_BOTTOM, PLOT_TOP),
                                      width=0.0, height=0.0, label=format_value(point.value, unit),
                                      hover=point.hover, href=point.href, forecast=point.forecast)
                 for point in series_points}
        polylines = tuple(" ".join(f"{marks[id(p)].x},{marks[id(p)].y}" for p in run)
                          for run in neighbour_runs(series_points) if len(run) > 1)
        series.append(ChartSeries(name, colours[name], tuple(marks.values()), polylines))
    period_ticks = sorted({(point.span.midpoint, point.period) for point in points})
    x_ticks = _thinned([Tick(scale(mid, x_low, x_high, PLOT_LEFT + LINE_INSET, PLOT_RIGHT - LINE_INSET), period)
                        for mid, period in period_ticks])
    return Chart("line", title, y_label, tuple(without_label_overlaps(series)), x_ticks, y_ticks)


def bar_chart(title: str, y_label: str, unit: str, bars: Sequence[Bar], colours: dict[str, str]) -> Chart:
    """A grouped bar chart: a slot per x value (in order), in it a bar per series (in name order)."""
    slots = sorted({bar.slot for bar in bars})
    names = sorted({bar.series for bar in bars})
    y_low, y_high, y_ticks = _y_axis((bar.value for bar in bars), unit)
    slot_width = (PLOT_RIGHT - PLOT_LEFT) / len(slots)
    bar_width = round(min(slot_width * 0.8 / len(names), MAX_BAR_WIDTH), 1)
    slot_inset = (slot_width - bar_width * len(names)) / 2
    zero_y = scale(0.0, y_low, y_high, PLOT_BOTTOM, PLOT_TOP)
    marks: dict[str, list[ChartMark]] = defaultdict(list)
    for bar in bars:
        slot_left = PLOT_LEFT + slots.index(bar.slot) * slot_width + slot_inset
        top = scale(bar.value, y_low, y_high, PLOT_BOTTOM, PLOT_TOP)
        marks[bar.series].append(ChartMark(
            x=round(slot_left + names.index(bar.series) * bar_width, 1), y=min(top, zero_y),
            width=bar_width, height=round(abs(zero_y - top), 1), label=format_value(bar.value, unit),
            hover=bar.hover, href=bar.href, forecast=bar.forecast,
            show_label=bar_width >= LABEL_WIDTH * 0.75,
        ))
    series = tuple(ChartSeries(name, colours[name], tuple(marks[name])) for name in names)
    x_ticks = _thinned([Tick(round(PLOT_LEFT + (i + 0.5) * slot_width, 1), slot) for i, slot in enumerate(slots)])
    return Chart("bar", title, y_label, series, x_ticks, y_ticks)
