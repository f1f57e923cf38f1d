"""Fixtures of the flow tests: a corpus of generated news and one clean CLI run over it."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from reliability_support import cli_env, run_cli, warehouse_contents, write_news_corpus

NEWS_CORPUS_SIZE = 500
NEWS_BATCH_SIZE = 25


@dataclass(frozen=True)
class CleanRun:
    """One uninterrupted `cloudfacts run` over the news corpus: where it wrote and what it wrote."""

    corpus: Path
    db_path: Path
    summary: dict
    contents: dict[str, list[tuple]]


@pytest.fixture(scope="session")
def news_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of NEWS_CORPUS_SIZE generated news articles (some bodies repeated under other names)."""
    folder = tmp_path_factory.mktemp("news") / "corpus"
    write_news_corpus(folder, NEWS_CORPUS_SIZE)
    return folder


@pytest.fixture(scope="session")
def clean_run(news_corpus: Path, prefect_api: str, tmp_path_factory: pytest.TempPathFactory) -> CleanRun:
    """The reference: one clean CLI run over the news corpus into its own database file."""
    workdir = tmp_path_factory.mktemp("clean-run")
    db_path = workdir / "clean.duckdb"
    result = run_cli(["run", str(news_corpus), "--db", str(db_path), "--batch-size", str(NEWS_BATCH_SIZE), "--json"],
                     cli_env(workdir / "prefect-home", prefect_api), workdir)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-3000:]
    contents = warehouse_contents(db_path)
    assert len(contents["articles"]) > 0.9 * NEWS_CORPUS_SIZE and len(contents["facts"]) > NEWS_CORPUS_SIZE
    return CleanRun(news_corpus, db_path, json.loads(result.stdout), contents)
