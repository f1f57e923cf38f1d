"""JSON Lines files read into Articles: one object a line; a bad line becomes a Rejected and the others still load."""
from __future__ import annotations

import dataclasses
import datetime
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from extractors.article_files import DEFAULT_MAX_BYTES, raw_sha256, read_bytes_or_reason, stamp_file_sha256
from extractors.articles import (
    _STORED_TEXT_FIELDS,
    Article,
    Rejected,
    binary_kind,
    build_article,
    is_storable,
    normalise_line_ends,
    unstorable_reason,
)

JSONL_FIELDS = ("name", "title", "published", "outlet", "url", "body")


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
