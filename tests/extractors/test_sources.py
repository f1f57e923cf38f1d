"""Tests for the other inputs: HTML pages, JSON Lines files and RSS/Atom feeds (files and local http URLs)."""
from __future__ import annotations

import datetime
import hashlib
import http.server
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractors.article_files import discover_files, file_sha256_or_none
from extractors.articles import Article, Rejected
from extractors.source_feeds import MAX_NAME_CHARS, parse_feed, read_feed, slug_name
from extractors.source_html import parse_html
from extractors.source_jsonl import parse_jsonl
from extractors.sources import Feed, discover_sources, file_read_record, read_source

TODAY = datetime.date(2025, 12, 1)

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Google Cloud revenue jumps 32% | Cloud Ledger</title>
<meta property="og:title" content="Google Cloud revenue jumps 32% in third quarter">
<meta property="og:site_name" content="Cloud Ledger">
<meta property="og:url" content="https://cloudledger.example/news/google-cloud-q3-2025">
<meta property="article:published_time" content="2025-10-29T21:05:00+00:00">
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/markets">Markets</a> <a href="/about">About us</a></nav></header>
<main><article>
<h1>Google Cloud revenue jumps 32% in third quarter</h1>
<p>Google Cloud revenue rose 32% to $15.2 billion in the third quarter of 2025, Alphabet said on Wednesday.</p>
<p>The unit's operating income reached $3.6 billion, up from $1.9 billion a year earlier, as demand for
AI infrastructure grew.</p>
<p>Alphabet raised its capital expenditure forecast for 2025 to between $91 billion and $93 billion.</p>
</article></main>
<footer><p>Copyright 2025 Cloud Ledger. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body>
</html>
"""

NEWS_PAGE_BODY = (
    "Google Cloud revenue rose 32% to $15.2 billion in the third quarter of 2025, Alphabet said on Wednesday.\n\n"
    "The unit's operating income reached $3.6 billion, up from $1.9 billion a year earlier, as demand for\n"
)

RSS_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Cloud Ledger</title>
<link>https://cloudledger.example/</link>
<description>Cloud industry news</description>
<item>
  <title>AWS sales rise 20%</title>
  <link>https://cloudledger.example/news/aws-q3-2025</link>
  <guid>https://cloudledger.example/news/aws-q3-2025</guid>
  <pubDate>Thu, 30 Oct 2025 20:15:00 -0700</pubDate>
  <description>AWS had a strong quarter.</description>
  <content:encoded><![CDATA[<p>AWS revenue rose 20% to $33 billion in the third quarter.</p>
<p>Operating income was $11.4 billion, Amazon said.</p>]]></content:encoded>
</item>
<item>
  <title>Oracle backlog swells</title>
  <link>https://cloudledger.example/news/oracle-rpo</link>
  <pubDate>Tue, 09 Sep 2025 16:05:00 +0000</pubDate>
  <description>&lt;p&gt;Oracle said its remaining performance obligations reached $455 billion.&lt;/p&gt;</description>
</item>
<item>
  <title>An entry with nothing to read</title>
  <guid isPermaLink="false">cloudledger-empty-1</guid>
  <description></description>
</item>
</channel>
</rss>
"""

ATOM_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom Wire</title>
<id>tag:atomwire.example,2025:feed</id>
<updated>2025-11-02T00:00:00Z</updated>
<entry>
  <title>Azure grows 40%</title>
  <id>tag:atomwire.example,2025:azure-q1</id>
  <link href="https://atomwire.example/azure-q1"/>
  <published>2025-11-01T23:30:00-05:00</published>
  <updated>2025-11-02T08:00:00-05:00</updated>
  <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
    <p>Microsoft said Azure revenue grew 40% in the quarter.</p>
    <p>Intelligent Cloud revenue reached $30.9 billion.</p>
  </div></content>
</entry>
<entry>
  <title>Tencent Cloud</title>
  <id>tag:atomwire.example,2025:tencent</id>
  <updated>2025-11-03T10:00:00Z</updated>
  <summary type="text">Tencent said business services revenue grew 10% &lt;year on year&gt;.</summary>
</entry>
</feed>
"""


def page(body_html: str, head: str = "") -> bytes:
    """A minimal HTML page with the given head and body markup."""
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body_html}</body></html>".encode("utf-8")


def accepted(results: list[Article | Rejected]) -> list[Article]:
    """The Articles among results."""
    return [r for r in results if isinstance(r, Article)]


def rejected(results: list[Article | Rejected]) -> list[Rejected]:
    """The Rejected among results."""
    return [r for r in results if isinstance(r, Rejected)]


# --- HTML ----------------------------------------------------------------------------------


def test_html_page_gives_main_text_as_paragraphs_and_metadata() -> None:
    article = parse_html(NEWS_PAGE.encode("utf-8"), "gc-q3", "/in/gc-q3.html", TODAY)
    assert isinstance(article, Article), article
    assert article.body.startswith(
        "Google Cloud revenue rose 32% to $15.2 billion in the third quarter of 2025, Alphabet said on Wednesday.\n\n"
        "The unit's operating income reached $3.6 billion"
    )
    assert article.body.endswith("to between $91 billion and $93 billion.")
    assert article.body.count("\n\n") == 2
    assert "Home" not in article.body and "Copyright" not in article.body and "Privacy" not in article.body
    assert not article.body.startswith("Google Cloud revenue jumps")  # the title heading is not repeated
    assert article.title == "Google Cloud revenue jumps 32% in third quarter"
    assert article.outlet == "Cloud Ledger"
    assert article.url == "https://cloudledger.example/news/google-cloud-q3-2025"
    assert article.published == datetime.date(2025, 10, 29)
    assert article.name == "gc-q3"
    assert article.source_path == "/in/gc-q3.html"
    assert article.article_id == hashlib.sha256(article.body.encode("utf-8")).hexdigest()


def test_html_date_from_a_time_element_and_no_date_when_the_page_has_none() -> None:
    dated = parse_html(
        page('<article><time datetime="2025-02-04">4 February</time>'
             "<p>Oracle said its remaining performance obligations reached $130 billion.</p></article>"),
        "rpo", "rpo.html", TODAY,
    )
    undated = parse_html(page("<article><p>Alibaba Cloud revenue grew 26% year on year.</p></article>"),
                         "ali", "ali.html", TODAY)
    assert isinstance(dated, Article) and dated.published == datetime.date(2025, 2, 4)
    assert isinstance(undated, Article) and undated.published is None
    assert undated.body == "Alibaba Cloud revenue grew 26% year on year."


def test_html_date_after_today_is_not_taken() -> None:
    article = parse_html(
        page("<article><p>Huawei Cloud said it now runs 33 regions worldwide.</p></article>",
             head='<meta property="article:published_time" content="2026-06-01">'),
        "future", "future.html", TODAY,
    )
    assert isinstance(article, Article) and article.published is None


def test_html_declared_windows_1252_is_decoded() -> None:
    html = ("<html><head><meta charset='windows-1252'></head><body><article><p>SAP said its cloud backlog rose "
            "28% to \u20ac18.8 billion, the caf\u00e9 of analysts was told.</p></article></body></html>")
    article = parse_html(html.encode("cp1252"), "sap", "sap.html", TODAY)
    assert isinstance(article, Article), article
    assert "\u20ac18.8 billion" in article.body and "caf\u00e9" in article.body


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (page("<img src='a.png'><img src='b.png'>", head="<title>Gallery</title><script>var n = 1;</script>"),
         "no article text found in HTML"),
        (page("<h1>Only a title</h1>", head="<title>Only a title</title>"), "no article text found in HTML"),
        (b"", "empty file"),
        (b"  \n ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content (PNG image)"),
    ],
)
def test_html_without_article_text_is_rejected_with_reason(raw: bytes, reason: str) -> None:
    assert parse_html(raw, "x", "x.html", TODAY) == Rejected("x.html", reason)


def test_read_source_dispatches_html_by_suffix_in_any_case_and_honours_max_bytes(tmp_path: Path) -> None:
    upper = tmp_path / "gc-q3.HTM"
    upper.write_text(NEWS_PAGE, encoding="utf-8")
    [article] = list(read_source(upper, today=TODAY))
    assert isinstance(article, Article) and article.name == "gc-q3" and article.outlet == "Cloud Ledger"
    assert list(read_source(upper, max_bytes=500)) == [
        Rejected(str(upper), f"file is {len(NEWS_PAGE.encode()) / 1000:.1f} kB, over the 500 bytes limit")
    ]


def test_read_source_still_reads_markdown_as_before(tmp_path: Path) -> None:
    path = tmp_path / "c017.md"
    path.write_text("---\ntitle: AWS in Japan\npublished: 2024-01-19\n---\n\nAWS plans to invest $15 billion.\n")
    [article] = list(read_source(path, today=TODAY))
    assert isinstance(article, Article)
    assert (article.name, article.title, article.body) == ("c017", "AWS in Japan", "AWS plans to invest $15 billion.\n")


# --- JSON Lines ----------------------------------------------------------------------------


def jsonl_line(**fields: object) -> str:
    """One JSON Lines record."""
    return json.dumps(fields)


GOOD_RECORD = {
    "name": "hw-2025-07",
    "title": "Huawei Cloud expands",
    "published": "2025-07-14",
    "outlet": "Asia Cloud Wire",
    "url": "https://asiacloud.example/huawei",
    "body": "Huawei Cloud said revenue rose 24% to 36 billion yuan in the first half of 2025.\n\nIt added 3 regions.",
}


def test_jsonl_lines_become_articles_and_bad_lines_are_rejected_with_line_numbers(tmp_path: Path) -> None:
    lines = [
        jsonl_line(**GOOD_RECORD),
        "",
        '{"name": "broken", "body": "Tencent Cloud grew 10%"',
        jsonl_line(title="No name here", body="Baidu AI Cloud revenue rose 21%."),
        '["a", "list"]',
        jsonl_line(name="empty-body", body="   "),
        jsonl_line(name=17, body="IBM said software revenue rose 9%."),
        jsonl_line(name="ms-q1", body="Microsoft Cloud revenue reached $42.4 billion.\r\nIt grew 22%.",
                   published="2025-04-30T20:05:00Z", extra="kept out"),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n")
    results = list(read_source(path, today=TODAY))

    first, last = accepted(results)
    assert (first.name, first.title, first.published, first.outlet, first.url, first.body) == (
        "hw-2025-07", "Huawei Cloud expands", datetime.date(2025, 7, 14), "Asia Cloud Wire",
        "https://asiacloud.example/huawei", GOOD_RECORD["body"],
    )
    assert first.source_path == str(path) and first.warnings == ()
    assert (last.name, last.published, last.body) == (
        "ms-q1", datetime.date(2025, 4, 30), "Microsoft Cloud revenue reached $42.4 billion.\nIt grew 22%."
    )
    assert last.warnings == ("line 8: unknown field 'extra' ignored",)
    assert [r.reason for r in rejected(results)] == [
        "line 3: not valid JSON: Expecting ',' delimiter (column 52)",
        "line 4: name is missing",
        "line 5: not a JSON object but list",
        "line 6: body is empty",
        "line 7: name is not text but int",
    ]
    assert {r.source_path for r in rejected(results)} == {str(path)}


def test_jsonl_bad_metadata_values_become_warnings_on_that_line() -> None:
    raw = (jsonl_line(name="a", body="AWS has 38 regions.") + "\n"
           + jsonl_line(name="b", body="Google Cloud has 42 regions.", published="next week", title=["x"])).encode()
    first, second = parse_jsonl(raw, "in.jsonl", TODAY)
    assert isinstance(first, Article) and first.warnings == ()
    assert isinstance(second, Article)
    assert second.published is None and second.title is None
    assert set(second.warnings) == {"line 2: published is not a date: 'next week'",
                                    "line 2: title is not a single value; ignored"}


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "no lines with articles (empty file)"),
        (b"\n  \n", "no lines with articles (empty file)"),
        (b"PK\x03\x04rest", "binary content (zip archive)"),
    ],
)
def test_jsonl_without_articles_is_rejected(raw: bytes, reason: str) -> None:
    assert list(parse_jsonl(raw, "in.jsonl", TODAY)) == [Rejected("in.jsonl", reason)]


def test_jsonl_line_with_invalid_utf8_is_rejected_alone() -> None:
    raw = jsonl_line(name="ok", body="Rackspace cut 275 jobs.").encode() + b'\n{"name": "bad", "body": "\xff"}\n'
    ok, bad = parse_jsonl(raw, "in.jsonl", TODAY)
    assert isinstance(ok, Article) and ok.name == "ok"
    assert bad == Rejected("in.jsonl", "line 2: not valid UTF-8 (invalid start byte at byte 25)")


# --- Feeds ---------------------------------------------------------------------------------


def test_rss_entries_become_articles_with_content_before_summary() -> None:
    results = list(parse_feed(RSS_FEED.encode(), "feeds/ledger.xml", TODAY))
    aws, oracle = accepted(results)
    assert aws.body == ("AWS revenue rose 20% to $33 billion in the third quarter.\n\n"
                        "Operating income was $11.4 billion, Amazon said.")
    assert (aws.name, aws.title, aws.url, aws.outlet) == (
        "cloudledger-example-news-aws-q3-2025", "AWS sales rise 20%",
        "https://cloudledger.example/news/aws-q3-2025", "Cloud Ledger",
    )
    assert aws.published == datetime.date(2025, 10, 30)  # the date as written, not shifted to UTC
    assert aws.source_path == "feeds/ledger.xml"
    assert oracle.body == "Oracle said its remaining performance obligations reached $455 billion."
    assert (oracle.name, oracle.published) == ("cloudledger-example-news-oracle-rpo", datetime.date(2025, 9, 9))
    assert rejected(results) == [
        Rejected("feeds/ledger.xml", "entry 3 (cloudledger-empty-1): no text (no content or summary)")
    ]


def test_atom_entries_xhtml_content_and_plain_text_summary() -> None:
    azure, tencent = parse_feed(ATOM_FEED.encode(), "atom.xml", TODAY)
    assert isinstance(azure, Article) and isinstance(tencent, Article)
    assert azure.body == ("Microsoft said Azure revenue grew 40% in the quarter.\n\n"
                          "Intelligent Cloud revenue reached $30.9 billion.")
    assert (azure.name, azure.url, azure.outlet, azure.published) == (
        "tag-atomwire-example-2025-azure-q1", "https://atomwire.example/azure-q1", "Atom Wire",
        datetime.date(2025, 11, 1),
    )
    assert tencent.body == "Tencent said business services revenue grew 10% <year on year>."
    assert tencent.published == datetime.date(2025, 11, 3)  # no published date: the updated one


def test_feed_names_are_stable_across_runs_and_distinct() -> None:
    first = [a.name for a in accepted(list(parse_feed(RSS_FEED.encode(), "a.xml", TODAY)))]
    again = [a.name for a in accepted(list(parse_feed(RSS_FEED.encode(), "b.xml", datetime.date(2026, 1, 1))))]
    assert first == again and len(set(first)) == len(first)


def test_slug_name_is_short_stable_and_never_empty() -> None:
    long_link = "https://cloudledger.example/" + "very-long-path-segment/" * 10
    assert slug_name(long_link) == slug_name(long_link)
    assert len(slug_name(long_link)) <= MAX_NAME_CHARS
    assert slug_name(long_link) != slug_name(long_link + "2")
    assert slug_name("urn:uuid:1225C695-CFB8") == "urn-uuid-1225c695-cfb8"
    assert slug_name("???").startswith("entry-") and slug_name("???") != slug_name("!!!")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"this is not a feed at all", "not an RSS or Atom feed: syntax error"),
        (b"<html><body><p>A web page, not a feed.</p></body></html>", "not an RSS or Atom feed"),
        (b"<?xml version='1.0'?><rss version='2.0'><channel><title>Quiet</title></channel></rss>",
         "feed has no entries"),
        (b"", "empty feed"),
    ],
)
def test_unusable_feed_is_rejected_with_reason(raw: bytes, reason: str) -> None:
    assert list(parse_feed(raw, "bad.xml", TODAY)) == [Rejected("bad.xml", reason)]


def test_malformed_feed_with_entries_loads_them_and_warns_once() -> None:
    raw = (b"<rss version='2.0'><channel><title>Loose Wire</title>"
           b"<item><guid>a</guid><description>IDC said spending rose 8% &nbsp; this year.</description></item>"
           b"<item><guid>b</guid><description>Gartner expects 30% growth.</description></item>")
    first, second = parse_feed(raw, "loose.xml", TODAY)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.outlet == "Loose Wire"
    assert len(first.warnings) == 1 and first.warnings[0].startswith("feed is not well-formed (undefined entity")
    assert second.warnings == ()


def test_feed_from_a_file_path_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "atom.xml"
    path.write_text(ATOM_FEED, encoding="utf-8")
    assert [a.name for a in accepted(list(read_source(Feed(str(path)), today=TODAY)))] == [
        "tag-atomwire-example-2025-azure-q1", "tag-atomwire-example-2025-tencent"
    ]
    missing = str(tmp_path / "nope.xml")
    assert list(read_feed(missing, today=TODAY)) == [Rejected(missing, "path does not exist")]
    assert list(read_feed("ftp://feeds.example/x.xml")) == [
        Rejected("ftp://feeds.example/x.xml", "unsupported URL scheme 'ftp': give an http(s) URL or a file path")
    ]


@pytest.fixture
def feed_server(tmp_path: Path) -> Iterator[str]:
    """Base URL of a local http.server on 127.0.0.1 serving a folder with rss.xml."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "rss.xml").write_text(RSS_FEED, encoding="utf-8")

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_feed_from_a_local_http_url(feed_server: str) -> None:
    url = f"{feed_server}/rss.xml"
    results = list(read_source(Feed(url), today=TODAY))
    assert [a.name for a in accepted(results)] == [
        "cloudledger-example-news-aws-q3-2025", "cloudledger-example-news-oracle-rpo"
    ]
    assert {a.source_path for a in accepted(results)} == {url}
    assert all(a.warnings == () for a in accepted(results))


def test_feed_url_errors_are_rejected_not_raised(feed_server: str) -> None:
    missing = f"{feed_server}/gone.xml"
    assert list(read_feed(missing)) == [Rejected(missing, "cannot fetch feed: HTTP 404 File not found")]
    assert list(read_feed(f"{feed_server}/rss.xml", max_bytes=100)) == [
        Rejected(f"{feed_server}/rss.xml", "feed is over the 100 byte limit")
    ]
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/rss.xml"
    assert list(read_feed(closed)) == [Rejected(closed, "cannot fetch feed: Connection refused")]


def test_feed_url_that_never_answers_times_out() -> None:
    with socket.socket() as silent:  # accepts connections (backlog) but never replies
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/rss.xml"
        [result] = list(read_feed(url, timeout=0.5))
    assert isinstance(result, Rejected) and result.source_path == url
    assert result.reason in ("cannot fetch feed: timed out", "cannot fetch feed: no answer within 0.5 s",
                             "cannot fetch feed: no complete answer within 0.5 s")  # the total deadline came first


# --- discovery -----------------------------------------------------------------------------


def test_folders_yield_html_htm_and_jsonl_files_and_feeds_come_last(tmp_path: Path) -> None:
    for name in ("a.md", "b.html", "c.HTM", "d.jsonl", "e.xml", "f.json", "g.txt"):
        (tmp_path / name).write_text("x")
    assert list(discover_files([tmp_path])) == [tmp_path / n for n in ("a.md", "b.html", "c.HTM", "d.jsonl", "g.txt")]
    found = list(discover_sources([tmp_path / "b.html"], ["https://feeds.example/rss", "local.xml"]))
    assert found == [tmp_path / "b.html", Feed("https://feeds.example/rss"), Feed("local.xml")]


def test_a_jsonl_file_of_other_records_is_one_reject_not_one_per_line() -> None:
    raw = b'{"article": "s01", "metric": "revenue", "value": 1.0}\n{"article": "s01", "metric": "jobs"}\n'
    results = list(parse_jsonl(raw, "facts.jsonl"))
    assert len(results) == 1 and isinstance(results[0], Rejected)
    assert "no 'body' field" in results[0].reason


# ---------------------------------------------------------------------------
# What a run remembers of reading a file, to skip it while its bytes stay the same
# ---------------------------------------------------------------------------

CLEAN_MARKDOWN = b"---\ntitle: AWS results\npublished: 2025-02-07\n---\n\nAWS revenue rose 19% to $28.8 billion.\n"
CLEAN_JSONL = (b'{"name": "one", "body": "Azure grew 31% in the quarter."}\n'
               b'{"name": "two", "body": "Google Cloud revenue reached $15.2 billion."}\n')


@pytest.mark.parametrize("file_name, raw", [("aws.md", CLEAN_MARKDOWN), ("wire.jsonl", CLEAN_JSONL),
                                            ("page.html", NEWS_PAGE.encode())])
def test_every_file_reader_marks_articles_with_the_hash_of_the_bytes_read(tmp_path: Path, file_name: str,
                                                                        raw: bytes) -> None:
    path = tmp_path / file_name
    path.write_bytes(raw)
    articles = list(read_source(path, today=TODAY))
    assert articles and all(isinstance(a, Article) for a in articles)
    assert {a.file_sha256 for a in articles} == {hashlib.sha256(raw).hexdigest()}
    assert file_sha256_or_none(path) == hashlib.sha256(raw).hexdigest()


def test_a_file_that_cannot_be_read_has_no_hash(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_bytes(CLEAN_MARKDOWN)
    assert file_sha256_or_none(path, max_bytes=len(CLEAN_MARKDOWN) - 1) is None
    assert file_sha256_or_none(tmp_path / "gone.md") is None
    assert file_sha256_or_none(tmp_path) is None


def test_feed_entries_have_no_file_hash(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(RSS_FEED.encode())
    articles = [a for a in read_source(Feed(str(path)), today=TODAY) if isinstance(a, Article)]
    assert articles and {a.file_sha256 for a in articles} == {None}


def test_a_cleanly_read_file_is_remembered_with_its_hash_and_bodies(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_bytes(CLEAN_JSONL)
    results = list(read_source(path, today=TODAY))
    record = file_read_record(str(path), results)
    assert record == {"source_path": str(path), "file_sha256": hashlib.sha256(CLEAN_JSONL).hexdigest(),
                      "article_ids": [a.article_id for a in results]}


@pytest.mark.parametrize("raw", [
    CLEAN_JSONL + b'{"name": "three"}\n',  # a rejected line
    CLEAN_JSONL + b'{"name": "three", "body": "Oracle grew.", "author": "X"}\n',  # a warning
    b"---\ntitle: [a, list]\n---\n\nAWS revenue rose 19%.\n",  # a warning on a single article
    b"",  # rejected whole
])
def test_a_file_with_a_reject_or_a_warning_is_remembered_without_a_hash(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / ("file.jsonl" if raw.startswith(b"{") else "file.md")
    path.write_bytes(raw)
    record = file_read_record(str(path), list(read_source(path, today=TODAY)))
    assert record == {"source_path": str(path), "file_sha256": None, "article_ids": []}
