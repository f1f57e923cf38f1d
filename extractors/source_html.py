"""HTML pages read into Articles: trafilatura's main text as body, with the page's title, date, site name and URL."""
from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import trafilatura

from extractors.article_files import DEFAULT_MAX_BYTES, raw_sha256, read_bytes_or_reason, stamp_file_sha256
from extractors.articles import Article, Rejected, binary_kind, build_article, normalise_line_ends


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
