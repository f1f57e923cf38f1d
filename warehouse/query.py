"""Read-only access: arbitrary user SQL (refusing writes), an article's facts, and counts."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import duckdb

from warehouse.db import NO_EXTENSIONS, connect_reader
from warehouse.sql_files import load_query

ALLOWED_KINDS = "SELECT, WITH, VALUES, FROM ..., DESCRIBE, SHOW, SUMMARIZE, EXPLAIN, read-only PRAGMAs"
# PRAGMAs that only report; every other PRAGMA changes a setting or is not known to be harmless.
READ_ONLY_PRAGMAS = frozenset({
    "collations", "database_list", "database_size", "functions", "metadata_info", "platform",
    "show", "show_databases", "show_tables", "show_tables_expanded", "storage_info", "table_info",
    "user_agent", "version",
})
_LEADING_COMMENTS = r"^(?:\s+|--[^\n]*(?:\n|$)|/\*.*?\*/)*"
_EXPLAIN_PREFIX = re.compile(_LEADING_COMMENTS + r"EXPLAIN\s+(?:ANALY[SZ]E\s+)?(?:\([^)]*\)\s*)?", re.I | re.S)
_PRAGMA_CALL = re.compile(_LEADING_COMMENTS + r"PRAGMA\s+(\w+)\s*(?:\(|;|$)", re.I | re.S)
_FIRST_KEYWORD = re.compile(_LEADING_COMMENTS + r"(\w+)", re.S)
# Files whose name without this extension is the article name (`cloudfacts show s03.md` finds article s03).
ARTICLE_SUFFIXES = frozenset({".md", ".txt", ".html", ".htm"})


class WriteRefused(ValueError):
    """run_sql was given SQL that could change the database, its settings or files."""


def _first_keyword(statement_sql: str) -> str:
    """The statement's first word in capitals (for messages), e.g. 'INSERT'."""
    match = _FIRST_KEYWORD.match(statement_sql)
    return match.group(1).upper() if match else "this"


def _refusal(statement_sql: str, why: str) -> WriteRefused:
    """A WriteRefused naming the statement's kind and what is allowed."""
    return WriteRefused(
        f"refused: {_first_keyword(statement_sql)} statement {why}; "
        f"only one read-only query is allowed ({ALLOWED_KINDS}). Nothing was executed."
    )


def _parse_statements(sql: str) -> list[duckdb.Statement]:
    """DuckDB's own split and classification of sql, without touching any database file."""
    with duckdb.connect(":memory:", config=NO_EXTENSIONS) as parser:
        return parser.extract_statements(sql)


def _statement_kind(statement: duckdb.Statement) -> str:
    """The parsed statement's type name, e.g. 'SELECT'; refuses kinds the Python enum lacks."""
    try:
        return statement.type.name
    except ValueError as error:
        # DuckDB's Python StatementType enum lacks some newer kinds (e.g. UPDATE EXTENSIONS).
        raise _refusal(statement.query, "is of a kind this tool does not recognise") from error


def _check_statement(statement: duckdb.Statement) -> None:
    """Raise WriteRefused unless one parsed statement is read-only."""
    kind = _statement_kind(statement)
    if kind == "SELECT":
        return
    if kind == "EXPLAIN":
        prefix = _EXPLAIN_PREFIX.match(statement.query)
        if prefix is None:
            raise _refusal(statement.query, "could not be checked")
        inner_statements = _parse_statements(statement.query[prefix.end():])
        if len(inner_statements) != 1:
            raise _refusal(statement.query, "could not be checked")
        try:
            _check_statement(inner_statements[0])
        except WriteRefused:
            raise _refusal(statement.query, "explains a statement that could change the database") from None
        return
    if kind == "PRAGMA":
        pragma = _PRAGMA_CALL.match(statement.query)
        if pragma is not None and pragma.group(1).lower() in READ_ONLY_PRAGMAS:
            return
    raise _refusal(statement.query, f"({kind}) could change the database, its settings or files")


def check_read_only(sql: str) -> None:
    """Raise WriteRefused unless sql is exactly one read-only statement."""
    statements = _parse_statements(sql)
    if not statements:
        raise ValueError("no SQL statement given")
    if len(statements) > 1:
        raise WriteRefused(
            f"refused: {len(statements)} statements given; run_sql runs exactly one read-only query. "
            "Nothing was executed."
        )
    _check_statement(statements[0])


# Under a run's default --lock-wait (30 s): a run that meets a query with the default limit still gets the file.
DEFAULT_SQL_TIMEOUT_SECONDS = 20.0


class QueryTimeout(RuntimeError):
    """A query ran longer than its time limit and was stopped."""


def run_sql(path: str | os.PathLike, sql: str,
            timeout: float | None = DEFAULT_SQL_TIMEOUT_SECONDS) -> tuple[list[str], list[tuple]]:
    """Run one read-only query against the database; return (column names, rows).

    A reader holds the file's lock, so every run waits while it works: after `timeout` seconds the query
    is interrupted and QueryTimeout raised (None: no limit).
    """
    check_read_only(sql)
    con = connect_reader(path)
    timer = threading.Timer(timeout, con.interrupt) if timeout else None
    try:
        if timer is not None:
            timer.daemon = True
            timer.start()
        cursor = con.execute(sql)
        column_names = [column[0] for column in cursor.description]
        return column_names, cursor.fetchall()
    except duckdb.InterruptException as error:
        raise QueryTimeout(f"query stopped after {timeout:g} s (--timeout); runs wait while a query holds the "
                           "database: narrow the query or give a larger --timeout") from error
    finally:
        if timer is not None:
            timer.cancel()
        con.close()


def _rows_as_dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict]:
    """Fetch all rows of an executed query as dicts keyed by column name."""
    column_names = [column[0] for column in cursor.description]
    return [dict(zip(column_names, row)) for row in cursor.fetchall()]


def article_lookup(name: str) -> dict:
    """Query parameters that find an article by its name, a file it was read from, or that file's name."""
    given = Path(name)
    paths = [name] + ([str(given.resolve())] if name.strip() else [])
    stem = given.stem if given.suffix.lower() in ARTICLE_SUFFIXES else given.name
    return {"name": name, "paths": paths, "stem": stem}


def article_facts(path: str | os.PathLike, name: str) -> list[dict]:
    """Facts of the current version of article `name` (or of the articles read from the file `name`), each with
    its body, ordered by article name and start_char."""
    con = connect_reader(path)
    try:
        rows = _rows_as_dicts(con.execute(load_query("article_facts"), article_lookup(name)))
    finally:
        con.close()
    if not rows:
        raise LookupError(f"no article named {name!r} in {path}, and none read from a file of that name")
    return [row for row in rows if row["fact_id"] is not None]


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count of each warehouse table."""
    return dict(con.execute(load_query("table_counts")).fetchall())


def metric_counts(con: duckdb.DuckDBPyConnection, run_id: str | None = None) -> dict[str, int]:
    """Facts per metric (most first), over all runs or only those written by run_id."""
    return dict(con.execute(load_query("metric_counts"), {"run_id": run_id}).fetchall())
