"""One CLI run over an HTML page, a JSON Lines file, a feed served on 127.0.0.1 and a feed file, into DuckDB."""
from __future__ import annotations

import datetime
import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[2]

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Alibaba Cloud growth | Asia Cloud Wire</title>
<meta property="og:title" content="Alibaba Cloud revenue grows 26%">
<meta property="og:site_name" content="Asia Cloud Wire">
<meta property="og:url" content="https://asiacloud.example/alibaba-cloud-q2">
<meta property="article:published_time" content="2025-08-29T09:00:00+08:00">
</head><body>
<nav><a href="/">Home</a> <a href="/china">China</a></nav>
<article>
<h1>Alibaba Cloud revenue grows 26%</h1>
<p>Alibaba Cloud revenue rose 26% to 33.4 billion yuan in the June quarter, the company said on Friday.</p>
<p>Alibaba Group said it would invest more than 380 billion yuan in AI and cloud infrastructure over the next
three years.</p>
</article>
<footer>Copyright 2025 Asia Cloud Wire</footer>
</body></html>
"""

JSONL_LINES = [
    {"name": "gc-q3-2025", "title": "Google Cloud results", "published": "2025-10-29", "outlet": "Cloud Ledger",
     "url": "https://cloudledger.example/gc-q3",
     "body": "Google Cloud revenue rose 32% to $15.2 billion in the third quarter of 2025, Alphabet said."},
    {"title": "A line without a name", "body": "Oracle Cloud revenue rose 55%."},
    {"name": "msft-capex", "published": "2025-07-30",
     "body": "Microsoft said it would spend $80 billion on AI data centers in fiscal 2025."},
]

RSS_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Cloud Ledger</title><link>https://cloudledger.example/</link><description>Cloud news</description>
<item><title>AWS sales rise 20%</title><link>https://cloudledger.example/news/aws-q3-2025</link>
<pubDate>Thu, 30 Oct 2025 20:15:00 -0700</pubDate>
<content:encoded><![CDATA[<p>AWS revenue rose 20% to $33 billion in the third quarter.</p>
<p>Amazon said operating income at AWS was $11.4 billion.</p>]]></content:encoded></item>
</channel></rss>
"""

ATOM_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title><id>tag:atomwire.example,2025:feed</id>
<updated>2025-11-02T00:00:00Z</updated>
<entry><title>Huawei Cloud regions</title><id>tag:atomwire.example,2025:huawei-regions</id>
<link href="https://atomwire.example/huawei-regions"/><published>2025-09-18T10:00:00+08:00</published>
<summary type="html">&lt;p&gt;Huawei Cloud said it now operates 33 regions and serves customers in 170 countries.&lt;/p&gt;</summary>
</entry></feed>
"""


@pytest.fixture
def rss_url(tmp_path: Path) -> Iterator[str]:
    """URL of RSS_FEED served by a local http.server on 127.0.0.1 (port chosen by the OS)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "rss.xml").write_text(RSS_FEED, encoding="utf-8")

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, directory=str(site), **kwargs)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), QuietHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/rss.xml"
    finally:
        server.shutdown()
        server.server_close()


def test_cli_run_loads_html_jsonl_and_feeds_into_the_warehouse(tmp_path: Path, rss_url: str) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "alibaba-q2.html").write_text(HTML_PAGE, encoding="utf-8")
    (inputs / "batch.jsonl").write_text("\n".join(json.dumps(line) for line in JSONL_LINES) + "\n", encoding="utf-8")
    atom = tmp_path / "atom.xml"
    atom.write_text(ATOM_FEED, encoding="utf-8")
    missing_feed = rss_url.replace("rss.xml", "missing.xml")
    db = tmp_path / "warehouse.duckdb"
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90", "DO_NOT_TRACK": "1"}

    done = subprocess.run(
        [sys.executable, "-m", "flows.cli", "run", str(inputs), "--feed", rss_url, "--feed", str(atom),
         "--feed", missing_feed, "--db", str(db), "--json"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]

    with duckdb.connect(str(db), read_only=True) as con:
        articles = {row[0]: row[1:] for row in con.execute(
            "SELECT name, source_path, title, outlet, url, published, body FROM articles").fetchall()}
        rejects = con.execute("SELECT source_path, reason, severity FROM rejects").fetchall()
        facts_per_article = dict(con.execute(
            "SELECT a.name, count(*) FROM facts f JOIN articles a USING (article_id) GROUP BY a.name").fetchall())
        [inputs_recorded] = con.execute("SELECT inputs FROM runs").fetchone()

    assert set(articles) == {"alibaba-q2", "gc-q3-2025", "msft-capex", "cloudledger-example-news-aws-q3-2025",
                             "tag-atomwire-example-2025-huawei-regions"}
    source_path, title, outlet, url, published, body = articles["alibaba-q2"]
    assert (source_path, title, outlet, url, published) == (
        str(inputs / "alibaba-q2.html"), "Alibaba Cloud revenue grows 26%", "Asia Cloud Wire",
        "https://asiacloud.example/alibaba-cloud-q2", datetime.date(2025, 8, 29),
    )
    assert body.startswith("Alibaba Cloud revenue rose 26% to 33.4 billion yuan in the June quarter") and "\n\n" in body
    assert articles["gc-q3-2025"][:5] == (str(inputs / "batch.jsonl"), "Google Cloud results", "Cloud Ledger",
                                          "https://cloudledger.example/gc-q3", datetime.date(2025, 10, 29))
    assert articles["cloudledger-example-news-aws-q3-2025"][:5] == (
        rss_url, "AWS sales rise 20%", "Cloud Ledger", "https://cloudledger.example/news/aws-q3-2025",
        datetime.date(2025, 10, 30),
    )
    assert articles["tag-atomwire-example-2025-huawei-regions"][:5] == (
        str(atom), "Huawei Cloud regions", "Atom Wire", "https://atomwire.example/huawei-regions",
        datetime.date(2025, 9, 18),
    )
    assert set(facts_per_article) == set(articles)  # every input kind reached the fact extractor
    assert sorted(rejects) == sorted([
        (str(inputs / "batch.jsonl"), "line 2: name is missing", "rejected"),
        (missing_feed, "cannot fetch feed: HTTP 404 File not found", "rejected"),
    ])
    assert list(inputs_recorded) == [str(inputs), rss_url, str(atom), missing_feed]
