"""The HTML report: numbers with hover text and evidence links, escaped article text, offline rendering
in headless Chromium, and the `cloudfacts report` command."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from extractors.entities import company_records
from extractors.period_dates import period_bounds
from flows.cli import app
from warehouse.companies import sync_companies
from warehouse.db import connect_writer, migrate
from warehouse.load import article_id_for, load_batch, start_run
from warehouse.report import (MAX_REPORTS_PER_VALUE, MAX_VALUES_PER_FIGURE, MissingViews, conflict_figures,
                              safe_link, write_report)
from warehouse.report_charts import FIXED_COLOURS, format_value, value_ticks

XSS_TITLE = "<script>document.documentElement.setAttribute('data-xss','title')</script>Cloud & more"
XSS_OUTLET = "<img src=x onerror=\"document.documentElement.setAttribute('data-xss','outlet')\">"
XSS_COMPANY = "<img src=x onerror=\"document.documentElement.setAttribute('data-xss','company')\">"
XSS_SOURCE = "</title><script>document.documentElement.setAttribute('data-xss','source')</script>"
XSS_URL = "javascript:document.documentElement.setAttribute('data-xss','url')"
XSS_BODY = ("Rivals said <script>document.documentElement.setAttribute('data-xss','sentence')</script> "
            "held 5% and spent $1.5 billion in the quarter.")
CANALYS_RGB = (0x00, 0x72, 0xB2)  # FIXED_COLOURS["Canalys"]: Canalys's spending line and points

# name -> (published, outlet, body)
ARTICLES = {
    "q3-wire": (dt.date(2024, 11, 1), "Wire A",
                "Canalys said spending hit $80 billion in the third quarter. AWS held 31% and Microsoft "
                "Azure 20%."),
    "q4-wire": (dt.date(2025, 2, 10), "Wire A",
                "Canalys said spending reached $90 billion in the fourth quarter. AWS held 30%, Microsoft "
                "Azure 21% and Google Cloud 12%. AWS runs 114 availability zones in 36 regions."),
    "q4-daily": (dt.date(2025, 2, 11), "Daily B",
                 "Spending reached $90 billion, Canalys said, while Synergy Research Group put it at "
                 "$88 billion. IDC expects $500 billion of spending over 2024 to 2027."),
    "q4-late": (dt.date(2025, 3, 1), "Late C", "Canalys now puts fourth-quarter spending at $95 billion."),
    "q2-wire": (dt.date(2025, 8, 1), "Wire A",
                "Canalys said spending hit $99 billion in the second quarter; AWS held 30%. IaaS spending was "
                "$40 billion. Amazon will spend $100 billion on capex in 2025, and AWS pledged $10 billion for "
                "2025-2027 in Japan. AWS revenue grew 17.5%."),
}
QUARTER_SPENDING = {"metric": "market_spending", "subject": [], "geography": "worldwide", "period": "2024-Q4",
                    "source": "Canalys", "segment": "cloud_infrastructure_services"}
SHARE = {"metric": "market_share", "unit": "percent", "geography": "worldwide", "source": "Canalys",
         "segment": "cloud_infrastructure_services"}
# (article, text, fields)
FACTS = [
    ("q3-wire", "$80 billion", {**QUARTER_SPENDING, "value": 80e9, "period": "2024-Q3"}),
    ("q3-wire", "31%", {**SHARE, "value": 31, "subject": ["AWS"], "period": "2024-Q3"}),
    ("q3-wire", "20%", {**SHARE, "value": 20, "subject": ["Microsoft Azure"], "period": "2024-Q3"}),
    ("q4-wire", "$90 billion", {**QUARTER_SPENDING, "value": 90e9}),
    ("q4-wire", "30%", {**SHARE, "value": 30, "subject": ["AWS"], "period": "2024-Q4"}),
    ("q4-wire", "21%", {**SHARE, "value": 21, "subject": ["Microsoft Azure"], "period": "2024-Q4"}),
    ("q4-wire", "12%", {**SHARE, "value": 12, "subject": ["Google Cloud"], "period": "2024-Q4"}),
    ("q4-wire", "114", {"metric": "availability_zones", "value": 114, "unit": "count", "period": None}),
    ("q4-wire", "36", {"metric": "regions", "value": 36, "unit": "count", "period": None, "qualifier": "at_least"}),
    ("q4-daily", "$90 billion", {**QUARTER_SPENDING, "value": 90e9}),
    ("q4-daily", "$88 billion", {**QUARTER_SPENDING, "value": 88e9, "source": "Synergy Research Group"}),
    ("q4-daily", "$500 billion", {**QUARTER_SPENDING, "value": 500e9, "period": "2024/2027", "source": "IDC",
                                  "forecast": True}),
    ("q4-late", "$95 billion", {**QUARTER_SPENDING, "value": 95e9}),
    # 2025-Q2 after a missing 2025-Q1: no line joins it to 2024-Q4.
    ("q2-wire", "$99 billion", {**QUARTER_SPENDING, "value": 99e9, "period": "2025-Q2"}),
    ("q2-wire", "30%", {**SHARE, "value": 30, "subject": ["AWS"], "period": "2025-Q2"}),
    # Another segment of the same source and period: its own row, never on Canalys's line.
    ("q2-wire", "$40 billion", {**QUARTER_SPENDING, "value": 40e9, "period": "2025-Q2", "segment": "iaas"}),
    ("q2-wire", "$100 billion", {"metric": "investment", "value": 100e9, "subject": ["Amazon"], "period": "2025",
                                 "forecast": True, "period_start": dt.date(2025, 1, 1),
                                 "period_end": dt.date(2025, 12, 31)}),
    ("q2-wire", "$10 billion", {"metric": "investment", "value": 10e9, "subject": ["AWS"], "period": "2025/2027",
                                "geography": "Japan", "forecast": True, "period_start": dt.date(2025, 1, 1),
                                "period_end": dt.date(2027, 12, 31)}),
    ("q2-wire", "17.5%", {"metric": "growth_rate", "unit": "percent", "value": 17.5, "subject": ["AWS"],
                          "period": "2025-Q2", "growth_of": "revenue"}),
    ("xss", "5%", {**SHARE, "value": 5, "subject": [XSS_COMPANY], "period": "2024-Q4"}),
    ("xss", "$1.5 billion", {**QUARTER_SPENDING, "value": 1.5e9, "source": XSS_SOURCE}),
]


def article_row(name: str, published: dt.date, outlet: str, body: str, **overrides: str) -> dict:
    """An article dict as load_batch takes it."""
    return {"article_id": article_id_for(body), "name": name, "source_path": f"articles/{name}.md",
            "title": f"Title of {name}", "url": f"https://example.com/{name}", "outlet": outlet,
            "published": published, "body": body, **overrides}


def fact_row(article: dict, text: str, fields: dict) -> dict:
    """A fact dict for the figure `text` in the article body; its sentence is the whole body; a calendar period is
    dated as the extractor dates it."""
    start = article["body"].index(text)
    bounds = period_bounds(fields.get("period"))
    return {"article_id": article["article_id"], "metric": "revenue", "value": 1.0, "unit": "USD",
            "period_start": bounds[0] if bounds else None, "period_end": bounds[1] if bounds else None,
            "qualifier": "exact", "subject": ["AWS"], "geography": None, "period": None, "forecast": False,
            "source": None, "text": text, "start_char": start, "end_char": start + len(text),
            "sentence": article["body"], "rule": "test_rule", **fields}


@pytest.fixture(scope="module")
def report_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed warehouse with spending, shares, footprint, a conflict and a hostile article."""
    db_path = tmp_path_factory.mktemp("report") / "cloudfacts.duckdb"
    articles = {name: article_row(name, published, outlet, body)
                for name, (published, outlet, body) in ARTICLES.items()}
    articles["xss"] = article_row("xss", dt.date(2025, 2, 12), XSS_OUTLET, XSS_BODY, title=XSS_TITLE, url=XSS_URL)
    facts = [fact_row(articles[name], text, fields) for name, text, fields in FACTS]
    with connect_writer(db_path) as con:
        sync_companies(con, company_records())
        start_run(con, "run-1", None, ["articles"])
        load_batch(con, "run-1", list(articles.values()), facts, [])
    return db_path


@pytest.fixture(scope="module")
def report_html(report_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The report written from report_db: its path and text."""
    out = tmp_path_factory.mktemp("html") / "report.html"
    write_report(report_db, out)
    return out, out.read_text(encoding="utf-8")


class ReportParser(HTMLParser):
    """Collects SVG mark titles, link targets, element ids and tags of a report."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.title_attributes: list[str] = []
        self.svg_titles: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if attributes.get("href") is not None:
            self.hrefs.append(attributes["href"])
        if tag != "title" and attributes.get("title"):
            self.title_attributes.append(attributes["title"])
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag):]

    def handle_data(self, data: str) -> None:
        if self._open[-2:] in (["circle", "title"], ["rect", "title"]):
            self.svg_titles.append(data)


def parsed(html: str) -> ReportParser:
    """The report run through ReportParser."""
    parser = ReportParser()
    parser.feed(html)
    return parser


def test_every_chart_number_shows_its_exact_value_on_hover(report_html: tuple[Path, str]) -> None:
    titles = parsed(report_html[1]).svg_titles
    # Spending points (a line per source), share points (a line per company group), the capex bar.
    assert len(titles) == 5 + 7 + 1
    segment = "Cloud infrastructure services"
    expected_pieces = [
        f"{segment}, Canalys, worldwide, 2024-Q3: USD 80 bn (80,000,000,000 USD, reported)",
        # $90 billion (two articles) beats $95 billion (one): the most corroborated value is charted.
        f"{segment}, Canalys, worldwide, 2024-Q4: USD 90 bn (90,000,000,000 USD, reported); 2 articles: q4-daily, "
        "q4-wire; 1 other value reported",
        f"{segment}, Canalys, worldwide, 2025-Q2: USD 99 bn",
        f"{segment}, Synergy Research Group, worldwide, 2024-Q4: USD 88 bn (88,000,000,000 USD, reported)",
        f"Amazon (AWS), {segment}, 2024-Q3, worldwide, Canalys: 31%",
        f"Amazon (AWS), {segment}, 2024-Q4, worldwide, Canalys: 30%",
        f"Amazon (AWS), {segment}, 2025-Q2, worldwide, Canalys: 30%",
        f"Microsoft (Microsoft Azure), {segment}, 2024-Q3, worldwide, Canalys: 20%",
        f"Microsoft (Microsoft Azure), {segment}, 2024-Q4, worldwide, Canalys: 21%",
        f"Alphabet (Google Cloud), {segment}, 2024-Q4, worldwide, Canalys: 12%",
        f"{XSS_COMPANY} ({XSS_COMPANY}), {segment}, 2024-Q4, worldwide, Canalys: 5%",
        f"{segment}, {XSS_SOURCE}, worldwide, 2024-Q4: USD 1.5 bn (1,500,000,000 USD, reported)",
        "Amazon (Amazon), 2025: the largest of 1 figure: USD 100 bn (100,000,000,000 USD, period 2025, "
        "unspecified geography, planned or pledged)",
    ]
    for piece in expected_pieces:
        assert any(piece in title for title in titles), piece


def series_markup(html: str, name: str, chart_title: str) -> str:
    """The SVG group of one series in the chart with this caption."""
    chart = html[html.index(f"<figcaption>{chart_title}</figcaption>"):]
    chart = chart[:chart.index("</figure>")]
    series = chart[chart.index(f'data-series="{name}"'):]
    return series[:series.index("</g>")]


def test_one_chart_per_segment_and_no_line_across_a_missing_quarter(report_html: tuple[Path, str]) -> None:
    html = report_html[1]
    spending_chart = "Cloud infrastructure services · worldwide · quarterly"
    canalys = series_markup(html, "Canalys", spending_chart)
    # 2024-Q3 and 2024-Q4 are joined; 2025-Q1 is missing, so 2025-Q2 stands alone.
    assert canalys.count("<polyline") == 1 and canalys.count("<circle") == 3
    polyline = re.search(r'<polyline points="([^"]+)"', canalys).group(1)
    assert len(polyline.split()) == 2
    # IaaS is another market: not a point of any spending chart, a row of the one-period table.
    assert "IaaS · " not in html
    assert re.search(r"<td>IaaS</td><td>Canalys</td><td>worldwide</td><td>2025-Q2</td><td class=\"number\">"
                     r"<a [^>]*>USD 40 bn</a>", html)


def test_a_company_group_has_the_same_colour_in_every_chart(report_html: tuple[Path, str]) -> None:
    html = report_html[1]
    amazon = FIXED_COLOURS["Amazon"]
    share = series_markup(html, "Amazon", "Cloud infrastructure services · worldwide · Canalys · quarterly")
    capex = series_markup(html, "Amazon", "Largest capex or investment figure per year (USD)")
    assert f'stroke="{amazon}"' in share and f'fill="{amazon}"' in capex


def test_the_top_answers_latest_size_share_and_capex(report_html: tuple[Path, str]) -> None:
    html = report_html[1]
    top = html[html.index('<section id="at-a-glance">'):html.index('<section id="market-spending">')]
    cells = re.sub(r"<a [^>]*>|</a>", "", re.sub(r"\s+", " ", top))
    assert ("<td>Cloud infrastructure services</td><td>Canalys</td><td>worldwide</td><td>2025-Q2</td>"
            '<td class="number">USD 99 bn</td>') in cells
    assert ("<td>Cloud infrastructure services</td><td>Synergy Research Group</td><td>worldwide</td><td>2024-Q4</td>"
            '<td class="number">USD 88 bn</td>') in cells
    assert ("<td>Amazon</td><td>Cloud infrastructure services</td><td>worldwide</td><td>2025-Q2</td><td>Canalys</td>"
            '<td class="number">30%</td>') in cells
    # Capex per group and year: Amazon's 2025 plan; AWS's 2025-2027 pledge spans three years, so it is listed apart.
    assert '<td title="Amazon">Amazon</td> <td class="number">USD 100 bn</td>' in cells
    pledges = html[html.index("The largest pledges over several years"):html.index('<section id="revenue-growth">')]
    assert "<td>2025/2027</td><td>Japan</td><td>planned or pledged</td>" in re.sub(r"\s+", " ", pledges)
    growth = html[html.index('<section id="revenue-growth">'):html.index('<section id="footprint">')]
    assert re.search(r"<th>2025-Q2</th>.*<td title=\"Amazon\">AWS</td>\s*<td class=\"number\"><a [^>]*>17.5%</a>",
                     growth, re.S)


def test_every_linked_number_leads_to_its_marked_sentence(report_html: tuple[Path, str]) -> None:
    html = report_html[1]
    report = parsed(html)
    internal = [href for href in report.hrefs if href.startswith("#")]
    assert len(internal) >= 10 + 2 + 4  # chart marks, footprint cells, conflict values and reports
    assert {href[1:] for href in internal} <= report.ids
    assert "<mark>$95 billion</mark>" in html and "<mark>114</mark>" in html


def test_footprint_and_conflicts_show_numbers_with_their_origin(report_html: tuple[Path, str]) -> None:
    html = report_html[1]
    hover = parsed(html).title_attributes
    assert "AWS: 114 availability zones (exact), from q4-wire (published 2025-02-10)" in hover
    assert "AWS: 36 regions (at_least), from q4-wire (published 2025-02-10)" in hover
    assert ">≥36</a>" in html
    assert ("market spending · whole market · Cloud infrastructure services · 2024-Q4 · worldwide · source: Canalys"
            "</strong> — "
            '<span class="spread">USD 90 bn to USD 95 bn (5.3% apart)</span>') in html
    assert "95,000,000,000 USD, reported by 1 article" in hover
    assert "90,000,000,000 USD, reported by 2 articles" in hover


def test_figures_without_a_place_on_a_time_axis_are_listed_not_dropped(report_html: tuple[Path, str]) -> None:
    assert re.search(r"<td>Cloud infrastructure services</td><td>IDC</td><td>worldwide</td><td>2024/2027</td>"
                     r"<td class=\"number\"><a [^>]*>USD 500 bn</a>", report_html[1])


def test_article_text_is_escaped_and_nothing_loads_from_outside(report_html: tuple[Path, str]) -> None:
    html = report_html[1]
    tags = set(parsed(html).tags)
    assert not tags & {"script", "img", "iframe", "link", "object", "embed"}
    assert "&lt;script&gt;document.documentElement.setAttribute(&#39;data-xss&#39;,&#39;title&#39;)" in html
    assert "&lt;img src=x onerror=&#34;document.documentElement" in html
    assert "&lt;/title&gt;&lt;script&gt;" in html
    assert "javascript:" not in " ".join(parsed(html).hrefs)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


def test_number_helpers() -> None:
    assert [format_value(91.24e9, "USD"), format_value(4.1e12, "JPY"), format_value(33.33, "percent"),
            format_value(-0.4, "pp"), format_value(1234, "count"), format_value(4500, "MW")] == [
        "USD 91.2 bn", "JPY 4.1 tn", "33.3%", "-0.4 pp", "1,234", "4,500 MW"]
    assert value_ticks(0, 91.2e9) == [0, 20e9, 40e9, 60e9, 80e9, 100e9]
    assert value_ticks(-3, 12) == [-5, 0, 5, 10, 15]
    assert [safe_link("https://a.example/x"), safe_link(" JavaScript:alert(1)"), safe_link(None)] == [
        "https://a.example/x", None, None]


def test_report_command_writes_the_file_and_explains_errors(report_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "nested" / "r.html"
    result = runner.invoke(app, ["report", "--db", str(report_db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 conflicts" in result.output and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    missing = runner.invoke(app, ["report", "--db", str(tmp_path / "absent.duckdb"), "--out", str(out)])
    assert missing.exit_code == 3 and "no cloudfacts database" in missing.output


def test_database_without_the_views_is_refused_with_the_fix(tmp_path: Path) -> None:
    db_path = tmp_path / "old.duckdb"
    with duckdb.connect(str(db_path)) as con:
        migrate(con)  # tables only, as written by a cloudfacts that had no analysis views
    with pytest.raises(MissingViews, match="cloudfacts run"):
        write_report(db_path, tmp_path / "r.html")


def chromium_binary() -> str:
    """Path of Debian's chromium, or skip the test saying how to install it."""
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        pytest.skip("chromium is not installed and could not be (CI installs it with .ci/install-chromium.sh, "
                    "i.e. apt-get install chromium): skipping the headless-browser check of the report")
    return binary


def run_chromium(binary: str, profile: Path, page: Path, *mode: str) -> str:
    """Run headless Chromium offline on a local page in one mode (--screenshot=... or --dump-dom)."""
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={profile}", "--window-size=1200,2000", *mode, page.resolve().as_uri()]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout


@pytest.mark.integration
def test_report_renders_offline_in_headless_chromium_without_running_article_text(
        report_html: tuple[Path, str], tmp_path: Path) -> None:
    from PIL import Image

    binary = chromium_binary()
    page = report_html[0]
    screenshot = tmp_path / "report.png"
    run_chromium(binary, tmp_path / "profile", page, f"--screenshot={screenshot}")
    with Image.open(screenshot) as image:
        assert image.size == (1200, 2000)
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is None or len(colours) > 1, "the screenshot is blank"
    assert colours is None or CANALYS_RGB in {rgb for _count, rgb in colours}, "no chart mark was painted"

    dom = run_chromium(binary, tmp_path / "profile", page, "--dump-dom")
    assert dom.count("<svg") == 3  # spending (one segment), Canalys shares, capex per year
    assert dom.count("<circle") == 5 + 7 and dom.count("<rect") == 3 + 1  # each chart's background, the capex bar
    assert "data-xss" in dom  # the hostile text is there, as text ...
    assert 'data-xss="' not in dom  # ... but no injected script or handler ran to set the attribute
    assert "&lt;script&gt;document.documentElement.setAttribute('data-xss','sentence')&lt;/script&gt;" in dom
    assert "&lt;img src=x onerror=" in dom


def conflict_row(value: float, articles: int) -> dict:
    """A v_conflicts row of one figure, as the report query returns it."""
    reports = [{"article": f"a{value:g}-{i}", "outlet": None, "published": None, "text": f"{value:g}",
                "sentence": f"It was {value:g}.", "fact_id": f"f{value:g}-{i}"} for i in range(articles)]
    return {"metric": "revenue", "unit": "USD", "subject": ["IBM"], "segment": None, "growth_of": None,
            "period": "2024", "as_of": None,
            "geography": None, "source": None, "forecast": False, "value": value, "articles": articles,
            "reports": reports, "lowest": 1.0, "highest": 20.0, "spread_percent": 95.0}


def test_a_figure_shows_its_most_reported_values_and_first_reports() -> None:
    rows = [conflict_row(float(value), articles=1 + (value == 20) * 11) for value in range(1, 21)]
    (figure,) = conflict_figures(rows)
    assert figure.more_values == 20 - MAX_VALUES_PER_FIGURE
    shown = [value.number.text for value in figure.values]
    assert shown == [f"USD {v}" for v in list(range(1, MAX_VALUES_PER_FIGURE))] + ["USD 20"]
    assert (len(figure.values[-1].reports), figure.values[-1].more_reports) == (MAX_REPORTS_PER_VALUE, 2)
    assert figure.description == "revenue · IBM · 2024 · source: the company / unattributed"
