"""`cloudfacts show NAME --html FILE`: the article with displaCy's span view, every figure marked with its metric,
subject, period and source; the article's own markup shows as text and never runs (headless Chromium)."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractors.display import article_page, fact_label
from extractors.facts import extract_facts
from flows.cli import app
from warehouse.db import connect_writer
from warehouse.load import article_id_for, load_batch, start_run

PUBLISHED = dt.date(2024, 11, 1)
HOSTILE = "<script>document.documentElement.setAttribute('data-xss','body')</script>"
BODY = (f"Canalys said cloud spending in Japan rose 21% to $9.2 billion in the third quarter. {HOSTILE}\n\n"
        "AWS held 31% of the market and Microsoft Azure 20%, Canalys said. "
        "<img src=x onerror=\"document.documentElement.setAttribute('data-xss','img')\">\n\n"
        "Google will open two availability zones in India next year.")
TITLE = "<script>document.documentElement.setAttribute('data-xss','title')</script>Spending & shares"


@pytest.fixture(scope="module")
def facts() -> list[dict]:
    """The facts extract_facts finds in BODY, as records."""
    found = [f.as_record() for f in extract_facts(BODY, PUBLISHED, TITLE)]
    assert len(found) >= 4
    return found


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, facts: list[dict]) -> Path:
    """A warehouse holding the hostile article and its facts."""
    path = tmp_path_factory.mktemp("page") / "cloudfacts.duckdb"
    article = {"article_id": article_id_for(BODY), "name": "hostile", "source_path": "articles/hostile.md",
               "title": TITLE, "url": None, "outlet": "Wire", "published": PUBLISHED, "body": BODY}
    with connect_writer(path) as con:
        start_run(con, "run-1", None, ["articles"])
        load_batch(con, "run-1", [article], [dict(f, article_id=article["article_id"]) for f in facts], [])
    return path


@pytest.fixture(scope="module")
def page(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page `cloudfacts show hostile --html FILE` writes."""
    out = tmp_path_factory.mktemp("html") / "hostile.html"
    result = CliRunner().invoke(app, ["show", "hostile", "--db", str(db), "--html", str(out)])
    assert result.exit_code == 0, result.output
    assert "market_spending" in result.output  # the terminal listing is still printed
    return out


class Marks(HTMLParser):
    """Texts of the page: all of it, and the labels displaCy draws (innermost spans with a background)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_every_fact_is_marked_with_its_metric_subject_period_and_source(page: Path, facts: list[dict]) -> None:
    html = page.read_text(encoding="utf-8")
    assert f'data-facts="{len(facts)}"' in html  # one mark per fact
    parser = Marks()
    parser.feed(html)
    text = " ".join(" ".join(parser.text).split())
    for fact in facts:
        assert fact_label(fact) in text
    assert "market_spending · 2024-Q3 · Japan · source Canalys" in text
    assert "market_share · AWS · 2024-Q3 · Japan · source Canalys" in text
    assert "availability_zones · Google · 2025 · India · forecast" in text
    assert "script" not in parser.tags and "img" not in parser.tags  # the article's markup is text
    assert "&lt;script&gt;document.documentElement" in html and "&lt;img src=x onerror=" in html


def test_figures_keep_their_own_text_in_the_view() -> None:
    body = "Revenue rose to $9.2 billion (up 21%), AWS said."
    fact = {"metric": "revenue", "value": 9.2e9, "value_high": None, "unit": "USD", "subject": ["AWS"],
            "period": None, "geography": None, "source": None, "forecast": False, "text": "$9.2 billion",
            "start_char": 16, "end_char": 28}
    html = article_page(body, [fact, dict(fact, metric="growth_rate", text="21%", start_char=33, end_char=36)])
    words = " ".join(re.sub(r"<[^>]+>", " ", html.split('class="article"')[1].split("<h2>")[0]).split())
    # the view puts a space after each token: tokens are the words, cut only where a figure starts or ends
    assert "rose to $9.2 revenue · AWS billion (up 21% growth_rate · AWS ), AWS said." in words


def chromium_binary() -> str:
    """Debian's chromium, or skip saying how CI installs it."""
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        pytest.skip("chromium is not installed (CI installs it with .ci/install-chromium.sh): skipping the "
                    "headless-browser check of the article page")
    return binary


@pytest.mark.integration
def test_page_renders_in_headless_chromium_with_marks_and_no_article_script(page: Path, tmp_path: Path,
                                                                            facts: list[dict]) -> None:
    binary = chromium_binary()
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,2000", "--dump-dom",
               page.resolve().as_uri()]
    dom = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout
    assert "data-xss" in dom  # the hostile text is there, as text ...
    assert 'data-xss="' not in dom  # ... but nothing set the attribute: no script or handler ran
    assert dom.count("<script") == 0 and dom.count("<img") == 0
    for fact in facts:
        assert fact_label(fact).replace("&", "&amp;") in " ".join(dom.split())
    assert dom.count('class="spans"') == 3  # one displaCy view per paragraph


def test_report_links_each_cited_article_to_its_page(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    links = re.findall(r'<a href="(r_articles/[^"]+)">the article with its figures marked</a>', html)
    assert links and len(set(links)) == 1  # every cited fact is from the one article
    page = (tmp_path / links[0]).read_text(encoding="utf-8")
    assert "market_spending · 2024-Q3 · Japan · source Canalys" in page
    assert "&lt;script&gt;document.documentElement" in page
    plain = tmp_path / "plain.html"
    assert CliRunner().invoke(app, ["report", "--db", str(db), "--out", str(plain), "--no-article-pages"]).exit_code == 0
    assert "the article with its figures marked" not in plain.read_text(encoding="utf-8")
    assert not (tmp_path / "plain_articles").exists()


def test_an_article_page_never_follows_a_planted_link(tmp_path) -> None:
    from flows.article_pages import write_article_page
    from warehouse.safe_files import OutputRefused

    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    planted = tmp_path / "page.html"
    planted.symlink_to(victim)
    facts = [{"body": "AWS grew 19%.", "name": "a", "title": "t", "published": None, "metric": "growth_rate",
              "value": 19.0, "value_high": None, "unit": "percent", "subject": ["AWS"], "period": None,
              "geography": None, "source": None, "forecast": False, "start_char": 9, "end_char": 12, "text": "19%"}]
    import pytest
    with pytest.raises(OutputRefused):
        write_article_page(facts, planted)
    assert victim.read_text(encoding="utf-8") == "keep me"
