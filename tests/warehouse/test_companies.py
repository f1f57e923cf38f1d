"""The companies table (migration 008) kept in step with the entity records by sync_companies, on real DuckDB files."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from warehouse.companies import sync_companies
from warehouse.db import connect_writer

AWS = {"canonical": "AWS", "company_group": "Amazon", "kind": "cloud_provider", "entity_kind": "company",
       "aliases": ["AWS", "Amazon Web Services"]}
AMAZON = {"canonical": "Amazon", "company_group": "Amazon", "kind": "internet", "entity_kind": "company",
          "aliases": ["Amazon"]}
GARTNER = {"canonical": "Gartner", "company_group": "Gartner", "kind": "analyst_firm", "entity_kind": "analyst",
           "aliases": ["Gartner"]}


def companies(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """The table's rows without their timestamps, in name order."""
    return con.execute("SELECT canonical, company_group, kind, entity_kind, aliases FROM companies "
                       "ORDER BY canonical").fetchall()


def row(record: dict) -> tuple:
    return tuple(record[f] for f in ("canonical", "company_group", "kind", "entity_kind", "aliases"))


def test_sync_adds_changes_and_removes_and_a_second_sync_changes_nothing(writer: duckdb.DuckDBPyConnection) -> None:
    assert sync_companies(writer, [AWS, AMAZON]) == {"added": 2, "changed": 0, "removed": 0}
    assert companies(writer) == [row(AWS), row(AMAZON)]  # byte order: "AWS" < "Amazon"
    (first_update,) = writer.execute("SELECT updated_at FROM companies WHERE canonical = 'AWS'").fetchall()[0]

    aws_with_alias = {**AWS, "aliases": [*AWS["aliases"], "Amazon AWS"]}
    assert sync_companies(writer, [aws_with_alias, GARTNER]) == {"added": 1, "changed": 1, "removed": 1}
    assert companies(writer) == [row(aws_with_alias), row(GARTNER)]
    (second_update,) = writer.execute("SELECT updated_at FROM companies WHERE canonical = 'AWS'").fetchall()[0]
    assert second_update > first_update

    for changed in ({"company_group": "Amazon.com"}, {"kind": "other"}, {"entity_kind": "media"}):
        assert sync_companies(writer, [{**aws_with_alias, **changed}, GARTNER])["changed"] == 1
    assert sync_companies(writer, [aws_with_alias, GARTNER]) == {"added": 0, "changed": 1, "removed": 0}
    assert sync_companies(writer, [aws_with_alias, GARTNER]) == {"added": 0, "changed": 0, "removed": 0}


def test_the_table_survives_reopening(db_path: Path) -> None:
    with connect_writer(db_path) as con:
        sync_companies(con, [AWS])
    with connect_writer(db_path) as con:
        assert companies(con) == [row(AWS)]


@pytest.mark.parametrize(("records", "message"), [
    ([AWS, {**AWS, "kind": "other"}], "company 'AWS' is given twice"),
    ([{**AWS, "company_group": ""}], "'company_group' must be a non-empty string"),
    ([{k: v for k, v in AWS.items() if k != "kind"}], "'kind' must be a non-empty string"),
    ([{**AWS, "aliases": "AWS"}], "company 'AWS': 'aliases' must be a list of strings"),
])
def test_bad_records_are_refused_and_the_table_is_left_as_it_was(
        writer: duckdb.DuckDBPyConnection, records: list[dict], message: str) -> None:
    sync_companies(writer, [AMAZON])
    with pytest.raises(ValueError, match=message):
        sync_companies(writer, records)
    assert companies(writer) == [row(AMAZON)]
