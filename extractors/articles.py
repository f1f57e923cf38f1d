"""Articles and rejects, their text as the warehouse can store it, and the bytes of one article turned into an
Article: decoding, front matter, metadata."""
from __future__ import annotations

import datetime
import hashlib
import os
import unicodedata
import dataclasses
from dataclasses import dataclass
from typing import Any

from extractors.front_matter import split_front_matter

_TEXT_FIELDS = ("title", "url", "outlet")
_MAX_REPR_CHARS = 60
# Extraction time grows with the square of a sentence's length: 10,000 characters take ~2 s, 1 MB hours,
# so the pipeline rejects longer runs before extraction (parsing itself accepts them).

# Checked in order, so longer signatures that share a prefix must come first.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"PK\x03\x04", "zip archive"),
    (b"PK\x05\x06", "zip archive"),
    (b"PK\x07\x08", "zip archive"),
    (b"%PDF-", "PDF document"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
)

# UTF-32 BOMs start with the UTF-16 ones, so they are tried first.
_BYTE_ORDER_MARKS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xef\xbb\xbf", "utf-8"),
)


@dataclass(frozen=True)
class Article:
    """One article read from disk: its metadata from the front matter and its body."""

    article_id: str  # SHA-256 hex of the body (UTF-8 encoded)
    name: str  # file name without extension ("c017.md" -> "c017")
    source_path: str
    title: str | None
    url: str | None
    outlet: str | None
    published: datetime.date | None
    body: str
    warnings: tuple[str, ...] = ()  # things we repaired or ignored, e.g. "decoded as windows-1252"
    file_sha256: str | None = None  # SHA-256 hex of the bytes of the file it was read from; None for feed entries
    # Which source this is, whatever its name: the path for a file; path#name for a JSON Lines line; feed#entry id
    # for a feed entry. A new body from the same source is a new version of the article; None means source_path.
    source_key: str | None = None


@dataclass(frozen=True)
class Rejected:
    """A path that did not yield an article, with the reason a person can act on."""

    source_path: str
    reason: str


class _DecodeFailure(Exception):
    """Raised inside this module when bytes cannot be turned into text; carries the rejection reason."""


def printable(text: str) -> str:
    """Text that UTF-8 can store: lone surrogates (from a bad file name or an escaped \\udcff) shown as escapes."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def printable_path(path: str | os.PathLike) -> str:
    """A path as storable text: the bytes of a name that is not valid UTF-8 shown as \\xNN."""
    text = str(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        try:
            return os.fsencode(text).decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            return printable(text)


def is_storable(text: str) -> bool:
    """Whether text can be stored as UTF-8 (no lone surrogates)."""
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


NAME_NOT_UTF8 = "file name is not valid UTF-8 (undecodable bytes shown as \\xNN); rename the file"


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


# ---------------------------------------------------------------------------
# Parsing bytes
# ---------------------------------------------------------------------------


def parse_article(
    raw: bytes, name: str, source_path: str, today: datetime.date | None = None
) -> Article | Rejected:
    """Turn a file's bytes into an Article (decoding, front matter, metadata), or a Rejected saying why not."""
    try:
        return _parse_article(raw, name, source_path, today or datetime.date.today())
    except Exception as error:
        return Rejected(source_path, f"unexpected error: {type(error).__name__}: {error}")


def _parse_article(raw: bytes, name: str, source_path: str, today: datetime.date) -> Article | Rejected:
    """parse_article without the last-resort exception guard."""
    if not raw:
        return Rejected(source_path, "empty file")
    kind = binary_kind(raw)
    if kind:
        return Rejected(source_path, f"binary content ({kind})")
    try:
        text, warnings = _decode(raw)
    except _DecodeFailure as failure:
        return Rejected(source_path, str(failure))
    if "\x00" in text:
        return Rejected(source_path, "binary content (NUL characters)")
    text = normalise_line_ends(text)
    if not text:
        return Rejected(source_path, "no text (only a byte-order mark)")
    if not text.strip():
        return Rejected(source_path, "no text (only whitespace)")

    split = split_front_matter(text)
    if isinstance(split, str):
        return Rejected(source_path, split)
    metadata, body, note = split
    if note:
        warnings = [*warnings, note]
    if metadata is None:
        return build_article(name, source_path, {}, text, warnings, today)
    if not body.strip():
        return Rejected(source_path, "front matter but no body")
    return build_article(name, source_path, metadata, body, warnings, today)


def binary_kind(raw: bytes) -> str | None:
    """What kind of binary file these bytes are (by magic number or NUL bytes), or None for possible text."""
    for signature, kind in _BINARY_SIGNATURES:
        if raw.startswith(signature):
            return kind
    if any(raw.startswith(mark) for mark, _ in _BYTE_ORDER_MARKS):
        return None  # UTF-16/32 text legitimately contains NUL bytes
    if b"\x00" in raw:
        return "contains NUL bytes"
    return None


def _decode(raw: bytes) -> tuple[str, list[str]]:
    """Decode bytes to text: BOM-marked UTF-8/16/32, plain UTF-8, else Windows-1252/Latin-1 if it looks like text."""
    for mark, encoding in _BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            try:
                return raw[len(mark):].decode(encoding), []
            except UnicodeDecodeError as error:
                raise _DecodeFailure(f"invalid {encoding.upper()} text: {error.reason} at byte {error.start}")
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    for fallback in ("windows-1252", "latin-1"):
        try:
            text = raw.decode(fallback)
        except UnicodeDecodeError:
            continue  # windows-1252 leaves five bytes undefined; Latin-1 decodes everything
        if looks_like_text(text):
            return text, [f"decoded as {fallback}"]
    raise _DecodeFailure("not valid UTF-8 and not recognisable text")


def looks_like_text(text: str) -> bool:
    """True when a decoding is plausible prose: mostly ASCII, hardly any control characters, mostly letters."""
    if not text:
        return False
    ascii_count = sum(1 for char in text if char < "\x80")
    control_count = sum(
        1 for char in text if char not in "\n\r\t" and unicodedata.category(char) in ("Cc", "Cf", "Co", "Cn")
    )
    visible = [char for char in text if not char.isspace()]
    letter_count = sum(1 for char in visible if char.isalpha())
    return (
        ascii_count >= 0.7 * len(text)
        and control_count <= 0.01 * len(text)
        and bool(visible)
        and letter_count >= 0.5 * len(visible)
    )


def normalise_line_ends(text: str) -> str:
    """Turn CRLF and lone CR into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def build_article(
    name: str,
    source_path: str,
    metadata: dict[Any, Any],
    body: str,
    warnings: list[str],
    today: datetime.date,
) -> Article:
    """Assemble the Article, coercing metadata fields and collecting warnings about ignored values."""
    text_fields: dict[str, str | None] = {}
    for field_name in _TEXT_FIELDS:
        value, warning = _coerce_text(field_name, metadata.get(field_name))
        text_fields[field_name] = value
        if warning:
            warnings.append(warning)
    published, warning = _coerce_published(metadata.get("published"), today)
    if warning:
        warnings.append(warning)
    return Article(
        article_id=hashlib.sha256(body.encode("utf-8")).hexdigest(),
        name=name,
        source_path=source_path,
        title=text_fields["title"],
        url=text_fields["url"],
        outlet=text_fields["outlet"],
        published=published,
        body=body,
        warnings=tuple(warnings),
    )


def _coerce_text(field_name: str, value: Any) -> tuple[str | None, str | None]:
    """A scalar metadata value as stripped text (None when absent or empty), plus a warning when ignored."""
    if value is None:
        return None, None
    if isinstance(value, (list, dict, set, tuple, bytes)):
        return None, f"{field_name} is not a single value; ignored"
    text = str(value).strip()
    return (text or None), None


def _coerce_published(value: Any, today: datetime.date) -> tuple[datetime.date | None, str | None]:
    """The published date from a date, datetime or ISO string, or None with a warning explaining why."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    published = _as_date(value)
    if published is None:
        return None, f"published is not a date: {_short_repr(value)}"
    if published > today + datetime.timedelta(days=1):
        return None, f"published {published.isoformat()} is in the future; ignored"
    return published, None


def _as_date(value: Any) -> datetime.date | None:
    """Interpret a front-matter value as a calendar date, or None."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        candidate = value.strip()
        try:
            return datetime.date.fromisoformat(candidate)
        except ValueError:
            pass
        try:
            return datetime.datetime.fromisoformat(candidate).date()
        except ValueError:
            return None
    return None


def _short_repr(value: Any) -> str:
    """repr() of a value, cut to a length fit for a warning."""
    if isinstance(value, (list, dict, set, tuple)):
        return f"a {type(value).__name__}"  # repr of a nested structure may be huge
    text = repr(value)
    return text if len(text) <= _MAX_REPR_CHARS else text[: _MAX_REPR_CHARS - 3] + "..."
