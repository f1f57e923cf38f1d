"""cloudfacts from Python (notebooks): read-only access to a warehouse, answers as pandas DataFrames.

    import cloudfacts

    wh = cloudfacts.connect("data/cloudfacts.duckdb")
    wh.facts(metric="market_share", period="2024-Q4")        # the facts of the current articles, filtered
    wh.sql("SELECT metric, count(*) AS n FROM facts GROUP BY metric")   # any one read-only query

Each call opens the file read-only and closes it before returning, so a `cloudfacts run` can write between calls.
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from cloudfacts.api import FACT_FILTERS, Warehouse, connect
from warehouse.query import WriteRefused

try:
    __version__ = version("cloudfacts")
except PackageNotFoundError:  # run from a source tree that is not installed
    __version__ = "unknown"

__all__ = ["FACT_FILTERS", "Warehouse", "WriteRefused", "connect", "__version__"]
