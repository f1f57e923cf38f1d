"""Keeping the `companies` table (migration 008) in step with the entity records the extractors hold."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager

import duckdb
import pyarrow as pa

from warehouse.db import transaction, utc_now
from warehouse.sql_files import load_query

COMPANY_FIELDS = ("canonical", "company_group", "kind", "entity_kind")
COMPANY_SCHEMA = pa.schema([*((field, pa.string()) for field in COMPANY_FIELDS), ("aliases", pa.list_(pa.string()))])


def _company_table(records: Iterable[Mapping]) -> pa.Table:
    """The records as an Arrow table; refuses a missing or empty field and a canonical name given twice."""
    rows: dict[str, dict] = {}
    for record in records:
        for field in COMPANY_FIELDS:
            if not isinstance(record.get(field), str) or not record[field].strip():
                raise ValueError(f"company record {dict(record)!r}: {field!r} must be a non-empty string")
        aliases = record.get("aliases")
        if not isinstance(aliases, (list, tuple)) or not all(isinstance(a, str) for a in aliases):
            raise ValueError(f"company {record['canonical']!r}: 'aliases' must be a list of strings")
        if record["canonical"] in rows:
            raise ValueError(f"company {record['canonical']!r} is given twice")
        rows[record["canonical"]] = {**{f: record[f] for f in COMPANY_FIELDS}, "aliases": list(aliases)}
    return pa.Table.from_pylist(list(rows.values()), schema=COMPANY_SCHEMA)


@contextmanager
def _given_in_transaction(con: duckdb.DuckDBPyConnection, given: pa.Table) -> Iterator[None]:
    """`given_companies` visible to SQL inside one transaction: committed on success, rolled back on error."""
    con.register("given_companies", given)
    try:
        with transaction(con):
            yield
    finally:
        con.unregister("given_companies")


def _count(con: duckdb.DuckDBPyConnection, query_name: str, parameters: dict | None = None) -> int:
    """Run a named INSERT, UPDATE or DELETE and return how many rows it changed."""
    (row_count,) = con.execute(load_query(query_name), parameters).fetchone()
    return int(row_count)


def sync_companies(con: duckdb.DuckDBPyConnection, records: Iterable[Mapping]) -> dict[str, int]:
    """Make `companies` hold exactly these records, in one transaction; return how many were added, changed
    and removed.

    Each record is a plain dict: canonical, company_group, kind, entity_kind (text) and aliases (list of text).
    """
    given = _company_table(records)
    updated_at = {"updated_at": utc_now()}
    with _given_in_transaction(con, given):
        removed = _count(con, "delete_removed_companies")
        changed = _count(con, "update_changed_companies", updated_at)
        added = _count(con, "insert_new_companies", updated_at)
    return {"added": added, "changed": changed, "removed": removed}
