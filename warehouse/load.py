"""Writing runs, articles, facts and rejects; every batch write goes through a pyarrow table."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import duckdb
import pyarrow as pa

from warehouse.db import WRITER_MEMORY_LIMIT, as_date, transaction, utc_now
from warehouse.fact_records import completed_records, fact_id_for  # noqa: F401  (fact_id_for: part of this API)
from warehouse.sql_files import load_query

RUN_COUNT_FIELDS = ("files_seen", "articles_new", "articles_unchanged", "files_rejected", "facts_written",
                    "items_seen")
FINISHED_RUN_STATUSES = ("completed", "failed", "interrupted")
REJECT_SEVERITIES = ("rejected", "warning")

_TIMESTAMP = pa.timestamp("us")
ARTICLE_BATCH_SCHEMA = pa.schema([
    ("batch_position", pa.int32()),
    ("article_id", pa.string()),
    ("name", pa.string()),
    ("source_path", pa.string()),
    ("source_key", pa.string()),
    ("title", pa.string()),
    ("url", pa.string()),
    ("outlet", pa.string()),
    ("published", pa.date32()),
    ("ingested_at", _TIMESTAMP),
    ("body", pa.string()),
    ("run_id", pa.string()),
])
FACT_BATCH_SCHEMA = pa.schema([
    ("batch_position", pa.int32()),
    ("fact_id", pa.string()),
    ("article_id", pa.string()),
    ("metric", pa.string()),
    ("value", pa.float64()),
    ("value_high", pa.float64()),
    ("unit", pa.string()),
    ("qualifier", pa.string()),
    ("subject", pa.list_(pa.string())),
    ("geography", pa.string()),
    ("period", pa.string()),
    ("forecast", pa.bool_()),
    ("source", pa.string()),
    ("segment", pa.string()),
    ("growth_of", pa.string()),
    ("period_start", pa.date32()),
    ("period_end", pa.date32()),
    ("conversion_of", pa.string()),
    ("value_usd", pa.float64()),
    ("usd_basis", pa.string()),
    ("usd_rate_date", pa.date32()),
    ("text", pa.string()),
    ("start_char", pa.int32()),
    ("end_char", pa.int32()),
    ("sentence", pa.string()),
    ("rule", pa.string()),
    ("extracted_at", _TIMESTAMP),
    ("run_id", pa.string()),
])
FILE_BATCH_SCHEMA = pa.schema([
    ("batch_position", pa.int32()),
    ("source_path", pa.string()),
    ("file_sha256", pa.string()),
    ("article_ids", pa.list_(pa.string())),
])
REJECT_BATCH_SCHEMA = pa.schema([
    ("run_id", pa.string()),
    ("source_path", pa.string()),
    ("reason", pa.string()),
    ("severity", pa.string()),
    ("recorded_at", _TIMESTAMP),
])


def article_id_for(body: str) -> str:
    """The article_id of a body: SHA-256 hex of its UTF-8 text."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def known_article_ids(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> set[str]:
    """The subset of article_ids already stored in articles."""
    if not article_ids:
        return set()
    rows = con.execute(load_query("known_article_ids"), {"article_ids": list(article_ids)}).fetchall()
    return {article_id for (article_id,) in rows}


def skip_unchanged_files(con: duckdb.DuckDBPyConnection, file_sha256s: Mapping[str, str]) -> dict[str, int]:
    """Of {source_path: sha256 of its bytes}, the files stored before with these bytes and all their bodies.

    Returns {source_path: number of articles it holds} and records that this run saw them.
    """
    if not file_sha256s:
        return {}
    given = {"source_paths": list(file_sha256s), "file_sha256s": list(file_sha256s.values())}
    with transaction(con):
        unchanged = dict(con.execute(load_query("unchanged_source_files"), given).fetchall())
        if unchanged:
            con.execute(load_query("mark_source_files_seen"), {"source_paths": list(unchanged), "seen_at": utc_now()})
    return unchanged


def start_run(con: duckdb.DuckDBPyConnection, run_id: str, flow_run_id: str | None, inputs: list[str]) -> None:
    """Mark runs left 'running' (killed) as 'abandoned', then record run_id as 'running'."""
    with transaction(con):
        con.execute(load_query("abandon_running_runs"), {"next_run_id": run_id})
        con.execute(
            load_query("insert_run"),
            {"run_id": run_id, "flow_run_id": flow_run_id, "started_at": utc_now(), "inputs": [str(i) for i in inputs]},
        )


def finish_run(
    con: duckdb.DuckDBPyConnection, run_id: str, status: str, counts: dict[str, int], message: str | None = None
) -> None:
    """Record a run's end: status 'completed', 'failed' or 'interrupted', its counts (missing ones stay NULL)
    and message."""
    if status not in FINISHED_RUN_STATUSES:
        raise ValueError(f"finish_run status must be one of {FINISHED_RUN_STATUSES}, not {status!r}")
    unknown_fields = sorted(set(counts) - set(RUN_COUNT_FIELDS))
    if unknown_fields:
        raise ValueError(f"unknown run count fields {unknown_fields}; known: {list(RUN_COUNT_FIELDS)}")
    parameters = {field: counts.get(field) for field in RUN_COUNT_FIELDS}
    parameters.update(run_id=run_id, status=status, message=message, finished_at=utc_now())
    with transaction(con):
        (updated_rows,) = con.execute(load_query("finish_run"), parameters).fetchone()
        if updated_rows != 1:
            raise ValueError(f"no run {run_id!r} to finish (start_run was not called for it)")


def _optional_text(value: object) -> str | None:
    """None stays None; anything else becomes text (front matter may hold numbers or paths)."""
    return None if value is None else str(value)


def _article_table(run_id: str, articles: list[dict], ingested_at: dt.datetime) -> pa.Table:
    """Articles as an Arrow table; refuses an article_id that is not the hash of its body."""
    rows = []
    for position, article in enumerate(articles):
        if article["article_id"] != article_id_for(article["body"]):
            raise ValueError(
                f"article {article.get('name')!r}: article_id is not the SHA-256 of its body "
                "(use warehouse.load.article_id_for)"
            )
        rows.append({
            "batch_position": position,
            "article_id": article["article_id"],
            "name": article["name"],
            "source_path": _optional_text(article.get("source_path")),
            # The source an article came from (migration 004); a caller that gives none: the path, else the name.
            "source_key": str(article.get("source_key") or article.get("source_path") or article["name"]),
            "title": _optional_text(article.get("title")),
            "url": _optional_text(article.get("url")),
            "outlet": _optional_text(article.get("outlet")),
            "published": as_date(article.get("published")),
            "ingested_at": ingested_at,
            "body": article["body"],
            "run_id": run_id,
        })
    return pa.Table.from_pylist(rows, schema=ARTICLE_BATCH_SCHEMA)


def _fact_table(run_id: str, facts: list[dict], extracted_at: dt.datetime,
                published_of: Mapping[str, dt.date | None]) -> pa.Table:
    """Facts as an Arrow table with their fact_id, conversion_of and US dollar values computed (fact_records)."""
    rows = []
    for position, fact in enumerate(completed_records(facts, published_of)):
        subject = fact.get("subject")
        if isinstance(subject, str):
            raise TypeError(f"fact subject must be a list of names, not the string {subject!r}")
        forecast = fact.get("forecast")
        rows.append({
            "batch_position": position,
            "fact_id": fact["fact_id"],
            "article_id": fact["article_id"],
            "metric": fact["metric"],
            "value": fact["value"],
            "value_high": fact.get("value_high"),
            "unit": fact["unit"],
            "qualifier": fact.get("qualifier"),
            "subject": list(subject) if subject is not None else [],
            "geography": fact.get("geography"),
            "period": fact.get("period"),
            "forecast": None if forecast is None else bool(forecast),
            "source": fact.get("source"),
            "segment": fact.get("segment"),
            "growth_of": fact.get("growth_of"),
            "period_start": as_date(fact.get("period_start")),
            "period_end": as_date(fact.get("period_end")),
            "conversion_of": fact.get("conversion_of"),
            "value_usd": fact.get("value_usd"),
            "usd_basis": fact.get("usd_basis"),
            "usd_rate_date": as_date(fact.get("usd_rate_date")),
            "text": fact.get("text"),
            "start_char": fact["start_char"],
            "end_char": fact["end_char"],
            "sentence": fact.get("sentence"),
            "rule": fact.get("rule"),
            "extracted_at": extracted_at,
            "run_id": run_id,
        })
    return pa.Table.from_pylist(rows, schema=FACT_BATCH_SCHEMA)


def _file_table(files: list[dict]) -> pa.Table:
    """The files a batch read as an Arrow table: path, hash (None unless read cleanly) and bodies."""
    rows = [{
        "batch_position": position,
        "source_path": str(file["source_path"]),
        "file_sha256": file.get("file_sha256"),
        "article_ids": list(file.get("article_ids") or []),
    } for position, file in enumerate(files)]
    return pa.Table.from_pylist(rows, schema=FILE_BATCH_SCHEMA)


def _reject_table(run_id: str, rejects: list[dict], recorded_at: dt.datetime) -> pa.Table:
    """Rejects as an Arrow table; refuses an unknown severity."""
    rows = []
    for reject in rejects:
        if reject["severity"] not in REJECT_SEVERITIES:
            raise ValueError(f"reject severity must be one of {REJECT_SEVERITIES}, not {reject['severity']!r}")
        rows.append({
            "run_id": run_id,
            "source_path": str(reject["source_path"]),
            "reason": reject["reason"],
            "severity": reject["severity"],
            "recorded_at": recorded_at,
        })
    return pa.Table.from_pylist(rows, schema=REJECT_BATCH_SCHEMA)


@contextmanager
def _registered(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> Iterator[None]:
    """Make Arrow tables visible to SQL under the given names for the duration of the block."""
    for view_name, table in tables.items():
        con.register(view_name, table)
    try:
        yield
    finally:
        for view_name in tables:
            con.unregister(view_name)


def _changed_rows(con: duckdb.DuckDBPyConnection, query_name: str, parameters: dict | None = None) -> int:
    """Run a named INSERT query and return how many rows it inserted."""
    (row_count,) = con.execute(load_query(query_name), parameters).fetchone()
    return int(row_count)


def fit_memory_limit(con: duckdb.DuckDBPyConnection, batch_bytes: int) -> None:
    """Let DuckDB use WRITER_MEMORY_LIMIT, or three times the batch when that is more.

    A small limit keeps the writer's block cache from growing with the warehouse; a batch of
    very large articles still needs room for its uncommitted rows, so the limit follows the batch.
    """
    con.execute(f"SET memory_limit = '{max(WRITER_MEMORY_LIMIT, 3 * batch_bytes)}B'")


def _refuse_facts_without_their_article(articles: list[dict], facts: list[dict]) -> None:
    """Facts travel with their article: refuse a fact whose article is not in the same batch."""
    batch_ids = {article["article_id"] for article in articles}
    strays = sorted({fact["article_id"] for fact in facts} - batch_ids)
    if strays:
        raise ValueError(f"{len(strays)} article_id(s) of facts are not among the batch's articles, "
                         f"e.g. {strays[0]}: load a body's facts in the batch that carries the body")


def _refuse_files_without_their_articles(articles: list[dict], files: list[dict]) -> None:
    """A file is remembered as read only with its bodies: refuse a file naming a body not in the batch."""
    batch_ids = {article["article_id"] for article in articles}
    for file in files:
        if file.get("file_sha256") is None:
            continue
        if not file.get("article_ids"):
            raise ValueError(f"file {file['source_path']!r} has a hash but no articles: only files that gave articles "
                             "are remembered as read")
        strays = sorted(set(file["article_ids"]) - batch_ids)
        if strays:
            raise ValueError(f"file {file['source_path']!r} names {len(strays)} article_id(s) that are not among "
                             f"the batch's articles, e.g. {strays[0]}")


def load_batch(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    articles: list[dict],
    facts: list[dict],
    rejects: list[dict],
    files: list[dict] = (),
) -> dict:
    """Store one batch in one transaction (idempotent); return the counts of what it added.

    `files` are the files the batch read ({source_path, file_sha256, article_ids}); those with a hash
    were read cleanly and later runs may skip them while their bytes stay the same.
    """
    loaded_at = utc_now()
    files = list(files)
    batch_tables = {
        "batch_articles": _article_table(run_id, articles, loaded_at),
        "batch_facts": _fact_table(run_id, facts, loaded_at,
                                   {a["article_id"]: as_date(a.get("published")) for a in articles}),
        "batch_rejects": _reject_table(run_id, rejects, loaded_at),
        "batch_files": _file_table(files),
    }
    _refuse_facts_without_their_article(articles, facts)
    _refuse_files_without_their_articles(articles, files)
    fit_memory_limit(con, sum(table.nbytes for table in batch_tables.values()))
    with _registered(con, batch_tables), transaction(con):
        new_article_ids = [row[0] for row in con.execute(load_query("new_article_ids")).fetchall()]
        new = {"new_article_ids": new_article_ids}
        articles_new = _changed_rows(con, "insert_new_articles", new)
        _changed_rows(con, "insert_article_names")
        con.execute(load_query("touch_article_names"), {"seen_at": loaded_at})
        facts_written = _changed_rows(con, "insert_new_facts", new)
        rejects_recorded = _changed_rows(con, "insert_new_rejects")
        con.execute(load_query("forget_read_source_files"))
        con.execute(load_query("insert_clean_source_files"), {"read_at": loaded_at, "run_id": run_id})
    return {
        "articles_new": articles_new,
        # Every article of the batch that added no body: stored before, or a repeat within this batch.
        "articles_unchanged": len(articles) - articles_new,
        "facts_written": facts_written,
        "rejects": rejects_recorded,
    }
