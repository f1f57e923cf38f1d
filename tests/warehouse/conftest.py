"""Fixtures for warehouse tests: a real DuckDB file under tmp_path and builders for batch rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest

from warehouse.db import connect_writer
from warehouse.load import article_id_for


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Path of a not-yet-created database file (its folder exists)."""
    (tmp_path / "data").mkdir()
    return tmp_path / "data" / "cloudfacts.duckdb"


@pytest.fixture
def writer(db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A migrated read-write connection, closed after the test."""
    con = connect_writer(db_path)
    yield con
    con.close()


@pytest.fixture
def make_article() -> Callable[..., dict]:
    """Builder of an article dict as load_batch takes it."""

    def build(name: str, body: str, **overrides: object) -> dict:
        article = {
            "article_id": article_id_for(body),
            "name": name,
            "source_path": f"articles/{name}.md",
            "title": f"Title of {name}",
            "url": f"https://example.com/{name}",
            "outlet": "Example Wire",
            "published": dt.date(2025, 2, 3),
            "body": body,
        }
        article.update(overrides)
        return article

    return build


@pytest.fixture
def make_fact() -> Callable[..., dict]:
    """Builder of a fact dict for the figure `text` in an article's body."""

    def build(article: dict, text: str, **overrides: object) -> dict:
        start_char = article["body"].index(text)
        fact = {
            "article_id": article["article_id"],
            "metric": "revenue",
            "value": 1.0,
            "value_high": None,
            "unit": "USD",
            "qualifier": "exact",
            "subject": ["AWS"],
            "geography": None,
            "period": "2024",
            "forecast": False,
            "source": None,
            "text": text,
            "start_char": start_char,
            "end_char": start_char + len(text),
            "sentence": article["body"],
            "rule": "test_rule",
        }
        fact.update(overrides)
        return fact

    return build
