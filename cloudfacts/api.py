"""`cloudfacts.connect(db)`: read-only queries on a cloudfacts warehouse, answered as pandas DataFrames."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from warehouse.db import DB_PATH_ENV_VAR, DEFAULT_DB_PATH, connect_reader
from warehouse.query import check_read_only
from warehouse.sql_files import load_query

# The keyword filters of Warehouse.facts, as columns of v_facts (subject: a company the subject list holds).
FACT_FILTERS = ("article", "metric", "unit", "subject", "period", "geography", "source", "forecast", "qualifier",
                "outlet")


@dataclass(frozen=True)
class Warehouse:
    """A cloudfacts DuckDB file, read one query at a time; it is never written and never held open."""

    path: Path

    def sql(self, query: str, params: dict[str, Any] | list[Any] | None = None) -> pd.DataFrame:
        """The rows of one read-only SQL statement (writes raise WriteRefused, nothing is executed)."""
        check_read_only(query)
        return self._frame(query, params)

    def facts(self, **filters: Any) -> pd.DataFrame:
        """The facts of the current articles that match every filter given, e.g. metric="revenue",
        subject="AWS", period="2024-Q4", forecast=False; with none, every fact."""
        unknown = sorted(set(filters) - set(FACT_FILTERS))
        if unknown:
            raise TypeError(f"facts() has no filter {', '.join(unknown)}; the filters are {', '.join(FACT_FILTERS)}")
        return self._frame(load_query("api_facts"), {name: filters.get(name) for name in FACT_FILTERS})

    def _frame(self, query: str, params: dict[str, Any] | list[Any] | None) -> pd.DataFrame:
        """Run a query on a read-only connection that is closed before returning."""
        con = connect_reader(self.path)
        try:
            return con.execute(query, params).df()
        finally:
            con.close()


def connect(db: str | os.PathLike | None = None) -> Warehouse:
    """The warehouse at db, else $CLOUDFACTS_DB, else data/cloudfacts.duckdb; FileNotFoundError if there is none."""
    path = Path(db or os.environ.get(DB_PATH_ENV_VAR) or DEFAULT_DB_PATH).expanduser()
    connect_reader(path).close()  # says at once when there is no warehouse, or a run is writing it
    return Warehouse(path)
