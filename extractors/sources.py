"""Read the other inputs people have into Articles: HTML pages, JSON Lines files and RSS/Atom feeds."""
from __future__ import annotations

import dataclasses
import datetime
import email.utils
import hashlib
import http.client
import io
import json
import re
import threading
import urllib.error
import urllib.request
import xml.sax
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser
import trafilatura
from slugify import slugify

from extractors.article_files import (
    DEFAULT_MAX_BYTES,
    discover_files,
    raw_sha256,
    read_article,
    read_bytes_or_reason,
    stamp_file_sha256,
)
from extractors.articles import (
    NAME_NOT_UTF8,
    Article,
    Rejected,
    binary_kind,
    build_article,
    is_storable,
    normalise_line_ends,
    printable,
    printable_path,
)

HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
JSONL_FIELDS = ("name", "title", "published", "outlet", "url", "body")
FEED_TIMEOUT_SECONDS = 30.0
FEED_URL_SCHEMES = ("http", "https")
MAX_NAME_CHARS = 80

_PLAIN_TEXT_TYPES = ("text/plain",)
_URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
_USER_AGENT = "cloudfacts feed reader"


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


_STORED_TEXT_FIELDS = ("name", "title", "url", "outlet", "body")


def unstorable_fields(article: Article) -> str | None:
    """Why an article cannot be stored as UTF-8 (which fields hold a lone surrogate), or None."""
    bad = [name for name in _STORED_TEXT_FIELDS if not is_storable(getattr(article, name) or "")]
    return unstorable_reason(bad) if bad else None


def unstorable_reason(fields: list[str]) -> str:
    """The reject reason for text fields that hold lone surrogates."""
    return (f"{' and '.join(fields)} cannot be stored: not valid Unicode (a lone surrogate such as \\udcff); "
            "fix the source")


def storable(result: Article | Rejected) -> Article | Rejected:
    """A result the warehouse can store as UTF-8: an article with a field that cannot be (a lone surrogate
    such as an escaped \\udcff in JSON) becomes a reject of its line or entry; reasons and warnings are escaped."""
    if isinstance(result, Rejected):
        return Rejected(printable(result.source_path), printable(result.reason))
    problem = unstorable_fields(result)
    if problem:
        return Rejected(printable(result.source_path), problem)
    if not all(is_storable(warning) for warning in result.warnings):
        return dataclasses.replace(result, warnings=tuple(printable(warning) for warning in result.warnings))
    return result


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


# ---------------------------------------------------------------------------
# HTML pages
# ---------------------------------------------------------------------------


def read_html(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, today: datetime.date | None = None) -> Article | Rejected:
    """Read one HTML page into an Article named after the file, refusing files over max_bytes."""
    raw = read_bytes_or_reason(path, max_bytes)
    if isinstance(raw, str):
        return Rejected(str(path), raw)
    return stamp_file_sha256(parse_html(raw, path.stem, str(path), today), raw_sha256(raw))


def parse_html(raw: bytes, name: str, source_path: str, today: datetime.date | None = None) -> Article | Rejected:
    """An Article from an HTML page: trafilatura's main text as body, its title, date, site name and URL."""
    today = today or datetime.date.today()
    if not raw.strip():
        return Rejected(source_path, "empty file")
    kind = binary_kind(raw)
    if kind:
        return Rejected(source_path, f"binary content ({kind})")
    document = trafilatura.bare_extraction(
        raw, with_metadata=True, include_comments=False, date_extraction_params=_html_date_params(today)
    )
    if document is None:
        return Rejected(source_path, "no article text found in HTML")
    body = paragraphs_to_body(document.text or "", drop_first_if=document.title)
    if not body:
        return Rejected(source_path, "no article text found in HTML")
    metadata = {"title": document.title, "url": document.url, "outlet": document.sitename, "published": document.date}
    return build_article(name, source_path, metadata, body, [], today)


def _html_date_params(today: datetime.date) -> dict[str, Any]:
    """htmldate settings: dates from the page's markup only (no guessing from prose), none after today."""
    return {"original_date": True, "extensive_search": False, "max_date": today.isoformat()}


def paragraphs_to_body(text: str, drop_first_if: str | None = None) -> str:
    """Extracted text (one block a line) as a body with blank lines between blocks; drops a leading title line."""
    blocks = [line.strip() for line in normalise_line_ends(text).split("\n") if line.strip()]
    if blocks and drop_first_if and blocks[0] == drop_first_if.strip():
        blocks = blocks[1:]
    return "\n\n".join(blocks)


def html_fragment_to_text(fragment: str) -> str:
    """The text of an HTML fragment (e.g. a feed entry's content), paragraphs separated by blank lines."""
    if not fragment.strip():
        return ""
    extracted = trafilatura.extract(f"<html><body><article>{fragment}</article></body></html>", include_comments=False)
    return paragraphs_to_body(extracted or "")


# ---------------------------------------------------------------------------
# JSON Lines
# ---------------------------------------------------------------------------


def read_jsonl(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, today: datetime.date | None = None) -> Iterator[Article | Rejected]:
    """One Article per line of a JSON Lines file; a bad line becomes a Rejected and the others still load."""
    raw = read_bytes_or_reason(path, max_bytes)
    if isinstance(raw, str):
        yield Rejected(str(path), raw)
        return
    digest = raw_sha256(raw)
    for result in parse_jsonl(raw, str(path), today):
        yield stamp_file_sha256(result, digest)


def parse_jsonl(raw: bytes, source_path: str, today: datetime.date | None = None) -> Iterator[Article | Rejected]:
    """Articles from JSON Lines bytes (one object a line, blank lines skipped), with Rejected for bad lines."""
    today = today or datetime.date.today()
    kind = binary_kind(raw)
    if kind:
        yield Rejected(source_path, f"binary content ({kind})")
        return
    found_any = False
    for number, line in enumerate(raw.removeprefix(b"\xef\xbb\xbf").splitlines(), start=1):
        if not line.strip():
            continue
        if not found_any and not_articles(line):
            yield Rejected(source_path, "not a file of articles: its first record has no 'body' field")
            return
        found_any = True
        yield parse_jsonl_line(line, number, source_path, today)
    if not found_any:
        yield Rejected(source_path, "no lines with articles (empty file)")


def not_articles(first_line: bytes) -> bool:
    """A JSON Lines file of something else (facts, gold data): its first record is an object without a body."""
    record = _json_object_or_reason(first_line)
    return isinstance(record, dict) and "body" not in record


def parse_jsonl_line(line: bytes, number: int, source_path: str, today: datetime.date) -> Article | Rejected:
    """One JSON Lines record as an Article; reasons and warnings start with 'line N:'."""
    prefix = f"line {number}: "
    record = _json_object_or_reason(line)
    if isinstance(record, str):
        return Rejected(source_path, prefix + record)
    name, body = record.get("name"), record.get("body")
    problem = _required_text_problem("name", name) or _required_text_problem("body", body)
    if problem:
        return Rejected(source_path, prefix + problem)
    warnings = [f"unknown field {key!r} ignored" for key in record if key not in JSONL_FIELDS]
    unstorable = [key for key in _STORED_TEXT_FIELDS if isinstance(record.get(key), str) and not is_storable(record[key])]
    if unstorable:
        return Rejected(source_path, prefix + unstorable_reason(unstorable))
    article = build_article(name.strip(), source_path, record, normalise_line_ends(body), warnings, today)
    return dataclasses.replace(article, warnings=tuple(prefix + warning for warning in article.warnings),
                               source_key=f"{source_path}#{article.name}")


def _json_object_or_reason(line: bytes) -> dict[str, Any] | str:
    """The JSON object on one line, or why the line is not one."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as error:
        return f"not valid UTF-8 ({error.reason} at byte {error.start})"
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        return f"not valid JSON: {error.msg} (column {error.colno})"
    except RecursionError:
        return "not valid JSON: nested too deeply"
    if not isinstance(record, dict):
        return f"not a JSON object but {type(record).__name__}"
    return record


def _required_text_problem(field_name: str, value: Any) -> str | None:
    """Why a required text field is unusable (missing, not text, blank), or None when it is fine."""
    if value is None:
        return f"{field_name} is missing"
    if not isinstance(value, str):
        return f"{field_name} is not text but {type(value).__name__}"
    if not value.strip():
        return f"{field_name} is empty"
    return None


# ---------------------------------------------------------------------------
# RSS and Atom feeds
# ---------------------------------------------------------------------------


def read_feed(
    location: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    today: datetime.date | None = None,
    timeout: float = FEED_TIMEOUT_SECONDS,
) -> Iterator[Article | Rejected]:
    """Articles from the entries of a feed file or http(s) URL; what cannot be fetched or parsed is Rejected."""
    fetched = _fetch_feed(location, max_bytes, timeout)
    if isinstance(fetched, str):
        yield Rejected(location, fetched)
        return
    raw, headers = fetched
    yield from parse_feed(raw, location, today, headers)


def parse_feed(
    raw: bytes, source_path: str, today: datetime.date | None = None, response_headers: Mapping[str, str] | None = None
) -> Iterator[Article | Rejected]:
    """Articles from RSS/Atom bytes: entry content (else summary) as body, feed title as outlet."""
    today = today or datetime.date.today()
    if not raw.strip():
        yield Rejected(source_path, "empty feed")
        return
    parsed = feedparser.parse(io.BytesIO(raw), response_headers=dict(response_headers or {}))
    problem = _feed_problem(parsed) if parsed.get("bozo") else None
    if not parsed.entries:
        if not parsed.get("version"):
            yield Rejected(source_path, f"not an RSS or Atom feed{': ' + problem if problem else ''}")
        else:
            yield Rejected(source_path, "feed has no entries")
        return
    pending = [f"feed is not well-formed ({problem}); read leniently"] if problem else []
    outlet = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        result = entry_article(entry, number, source_path, outlet, today, pending)
        if isinstance(result, Article):
            pending = []  # the feed-level warning is reported once, with the first article
        yield result


def entry_article(
    entry: Mapping[str, Any],
    number: int,
    source_path: str,
    outlet: str | None,
    today: datetime.date,
    warnings: list[str] | None = None,
) -> Article | Rejected:
    """One feed entry as an Article named by a slug of its id (else link), or a Rejected naming the entry."""
    identifier = entry.get("id") or entry.get("link")
    label = f"entry {number}" + (f" ({identifier})" if identifier else "")
    if not identifier:
        return Rejected(source_path, f"{label}: no id or link to name the article by")
    body = entry_body(entry)
    if not body:
        return Rejected(source_path, f"{label}: no text (no content or summary)")
    metadata = {
        "title": entry.get("title"),
        "url": entry.get("link"),
        "outlet": outlet,
        "published": entry_published(entry),
    }
    article = build_article(slug_name(identifier), source_path, metadata, body, list(warnings or []), today)
    return dataclasses.replace(article, source_key=f"{source_path}#{identifier}")  # ids that slugify alike differ


def entry_body(entry: Mapping[str, Any]) -> str:
    """An entry's text: its first non-empty content, else its summary, with HTML turned into paragraphs."""
    candidates = [*(entry.get("content") or []), entry.get("summary_detail") or {}]
    for part in candidates:
        value = (part.get("value") or "").strip()
        if not value:
            continue
        if (part.get("type") or "").lower() in _PLAIN_TEXT_TYPES:
            text = paragraphs_to_body(value)
        else:
            text = html_fragment_to_text(value)
        if text:
            return text
    return ""


def entry_published(entry: Mapping[str, Any]) -> datetime.date | str | None:
    """The date an entry was published (else updated) as written in the feed; the raw text if it is no date."""
    for key in ("published", "updated", "created"):
        written = entry.get(key)
        if not written:
            continue
        as_written = _date_as_written(written)
        if as_written:
            return as_written
        parsed = entry.get(f"{key}_parsed")  # feedparser's reading, in UTC
        return datetime.date(*parsed[:3]) if parsed else written
    return None


def _date_as_written(text: str) -> datetime.date | None:
    """The calendar date of an RFC 822 (RSS) or ISO 8601 (Atom) timestamp in its own time zone, or None."""
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.datetime.fromisoformat(text.strip()).date()
    except ValueError:
        return None


def slug_name(identifier: str) -> str:
    """A stable article name from an entry id or link: a slug without the URL scheme, hashed when too long."""
    slug = slugify(_URL_SCHEME.sub("", identifier.strip()))
    if slug and len(slug) <= MAX_NAME_CHARS:
        return slug
    digest = hashlib.sha256(identifier.encode("utf-8")).hexdigest()[:12]
    head = slug[: MAX_NAME_CHARS - len(digest) - 1].rstrip("-")
    return f"{head}-{digest}" if head else f"entry-{digest}"


def _feed_problem(parsed: Mapping[str, Any]) -> str:
    """A one-line description of why feedparser flagged a feed as malformed."""
    error = parsed.get("bozo_exception")
    if isinstance(error, xml.sax.SAXParseException):  # its line numbers count lines feedparser may add
        return error.getMessage()
    return str(error) or type(error).__name__


def _fetch_feed(location: str, max_bytes: int, timeout: float) -> tuple[bytes, dict[str, str]] | str:
    """A feed's bytes and the HTTP headers feedparser uses, from a URL or a file; or why they cannot be had."""
    scheme = _URL_SCHEME.match(location)
    if scheme is None:
        raw = read_bytes_or_reason(Path(location), max_bytes)
        return raw if isinstance(raw, str) else (raw, {})
    if scheme.group(1).lower() not in FEED_URL_SCHEMES:
        return f"unsupported URL scheme {scheme.group(1)!r}: give an http(s) URL or a file path"
    return download(location, max_bytes, timeout)


def download(url: str, max_bytes: int, timeout: float = FEED_TIMEOUT_SECONDS) -> tuple[bytes, dict[str, str]] | str:
    """GET an http(s) URL: its body (at most max_bytes) and content headers, or why it could not be fetched.

    `timeout` bounds the whole download: a server that answers one byte every few seconds would keep each
    read under a per-read timeout forever. The download runs in a thread that stops at its next read
    once the time is up; the run goes on at once.
    """
    outcome: list[tuple[bytes, dict[str, str]] | str] = []
    stop = threading.Event()
    thread = threading.Thread(target=lambda: outcome.append(_download(url, max_bytes, timeout, stop)),
                              name="feed-download", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive() or not outcome:
        stop.set()
        return f"cannot fetch feed: no complete answer within {timeout:g} s"
    return outcome[0]


_READ_CHUNK_BYTES = 65_536


def _download(url: str, max_bytes: int, timeout: float, stop: threading.Event) -> tuple[bytes, dict[str, str]] | str:
    """download's work, in its thread: reads in chunks and gives up when `stop` is set."""
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT, "Accept": _FEED_ACCEPT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked above
            chunks, size = [], 0
            while size <= max_bytes and not stop.is_set():
                chunk = response.read1(_READ_CHUNK_BYTES)  # what has arrived, not a full chunk
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
            if stop.is_set():
                return "stopped"
            body = b"".join(chunks)[:max_bytes + 1]
            headers = {"content-location": response.geturl()}
            if response.headers.get("Content-Type"):
                headers["content-type"] = response.headers["Content-Type"]
    except urllib.error.HTTPError as error:
        return f"cannot fetch feed: HTTP {error.code} {error.reason}"
    except urllib.error.URLError as error:
        return f"cannot fetch feed: {_network_reason(error.reason)}"
    except TimeoutError:
        return f"cannot fetch feed: no answer within {timeout:g} s"
    except (OSError, ValueError, http.client.HTTPException) as error:
        return f"cannot fetch feed: {type(error).__name__}: {error}"
    if len(body) > max_bytes:
        return f"feed is over the {max_bytes} byte limit"
    return body, headers


def _network_reason(reason: object) -> str:
    """The readable part of a network error (strerror of an OSError, else its text)."""
    if isinstance(reason, TimeoutError):
        return "timed out"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason)
