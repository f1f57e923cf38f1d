"""Locating and reading the package's .sql files (migrations, views, named queries)."""

from __future__ import annotations

import functools
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
MIGRATIONS_DIR = PACKAGE_DIR / "migrations"
VIEWS_DIR = PACKAGE_DIR / "views"
QUERIES_DIR = PACKAGE_DIR / "queries"


@functools.cache
def load_query(name: str) -> str:
    """Return the text of warehouse/queries/<name>.sql."""
    query_path = QUERIES_DIR / f"{name}.sql"
    if not query_path.is_file():
        raise FileNotFoundError(f"no query named {name!r} (looked for {query_path})")
    return query_path.read_text(encoding="utf-8")
