"""Read every input people have into Articles: article files found on disk, HTML pages, JSON Lines files and RSS/Atom
feeds, each read by its kind."""
from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from extractors.article_files import DEFAULT_MAX_BYTES, discover_files, read_article
from extractors.articles import NAME_NOT_UTF8, Article, Rejected, is_storable, printable, printable_path, storable
from extractors.source_feeds import FEED_TIMEOUT_SECONDS, read_feed
from extractors.source_html import read_html
from extractors.source_jsonl import read_jsonl

HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)


@dataclass(frozen=True)
class Feed:
    """An RSS or Atom feed to read: a file path or an http(s) URL, as the user gave it."""

    location: str
    timeout: float = FEED_TIMEOUT_SECONDS  # for the whole download, not each read


# ---------------------------------------------------------------------------
# Discovery and dispatch
# ---------------------------------------------------------------------------


def discover_sources(paths: Iterable[str | Path], feeds: Iterable[str] | None = None,
                     allow_outside_links: bool = False,
                     feed_timeout: float = FEED_TIMEOUT_SECONDS) -> Iterator[Path | Feed | Rejected]:
    """The article files under paths (as discover_files finds them), then one Feed per feed location."""
    yield from discover_files(paths, allow_outside_links)
    for location in feeds or ():
        yield Feed(str(location), feed_timeout)


def read_source(
    source: Path | Feed, max_bytes: int = DEFAULT_MAX_BYTES, today: datetime.date | None = None
) -> Iterator[Article | Rejected]:
    """Every article in one file or feed, read by its kind (HTML, JSONL, feed, else text); never raises."""
    source_path = source.location if isinstance(source, Feed) else str(source)
    if not is_storable(source_path):
        yield Rejected(printable_path(source_path), NAME_NOT_UTF8)
        return
    try:
        for result in _read_source(source, max_bytes, today):
            yield storable(result)
    except Exception as error:  # a last guard: one bad source must not stop the run
        yield Rejected(printable(source_path), printable(f"unexpected error: {type(error).__name__}: {error}"))


def _read_source(source: Path | Feed, max_bytes: int, today: datetime.date | None) -> Iterator[Article | Rejected]:
    """read_source without its guards."""
    if isinstance(source, Feed):
        yield from read_feed(source.location, max_bytes, today, source.timeout)
        return
    path = Path(source)
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        yield read_html(path, max_bytes, today)
    elif suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path, max_bytes, today)
    else:
        yield read_article(path, max_bytes=max_bytes, today=today)


def file_read_record(source_path: str, results: list[Article | Rejected]) -> dict:
    """What a run remembers of reading one file: its hash and bodies when it was read cleanly, else no hash.

    Clean means it gave at least one article, no reject and no warning; only such files may be
    skipped by later runs while their bytes stay the same (the others are read, and reported, every run).
    """
    articles = [result for result in results if isinstance(result, Article)]
    digests = {article.file_sha256 for article in articles}
    clean = (bool(articles) and len(articles) == len(results) and not any(a.warnings for a in articles)
             and len(digests) == 1 and None not in digests)
    return {
        "source_path": source_path,
        "file_sha256": digests.pop() if clean else None,
        "article_ids": [article.article_id for article in articles] if clean else [],
    }
