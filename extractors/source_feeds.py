"""RSS and Atom feeds read into Articles, from a file or an http(s) URL: one article per entry."""
from __future__ import annotations

import dataclasses
import datetime
import email.utils
import hashlib
import http.client
import io
import re
import threading
import urllib.error
import urllib.request
import xml.sax
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import feedparser
from slugify import slugify

from extractors.article_files import DEFAULT_MAX_BYTES, read_bytes_or_reason
from extractors.articles import Article, Rejected, build_article
from extractors.source_html import html_fragment_to_text, paragraphs_to_body

FEED_TIMEOUT_SECONDS = 30.0
FEED_URL_SCHEMES = ("http", "https")
MAX_NAME_CHARS = 80

_PLAIN_TEXT_TYPES = ("text/plain",)
_URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
_USER_AGENT = "cloudfacts feed reader"


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
