"""DuckDB warehouse for cloudfacts: schema migrations, batch loading, read-only queries."""

from warehouse.db import (
    DEFAULT_DB_PATH,
    DatabaseBusy,
    MigrationError,
    connect_reader,
    connect_writer,
    migrate,
    resolve_db_path,
)
from warehouse.load import (
    article_id_for,
    fact_id_for,
    finish_run,
    known_article_ids,
    load_batch,
    start_run,
)
from warehouse.query import WriteRefused, article_facts, metric_counts, run_sql, table_counts
from warehouse.sql_files import load_query

__all__ = [
    "DEFAULT_DB_PATH",
    "DatabaseBusy",
    "MigrationError",
    "WriteRefused",
    "article_facts",
    "article_id_for",
    "connect_reader",
    "connect_writer",
    "fact_id_for",
    "finish_run",
    "known_article_ids",
    "load_batch",
    "load_query",
    "metric_counts",
    "migrate",
    "resolve_db_path",
    "run_sql",
    "start_run",
    "table_counts",
]
