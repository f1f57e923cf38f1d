"""Extract tasks run unchanged on Prefect's Dask task runner and store exactly the facts of the default runner."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from test_workers import cloudfacts, fact_rows, load_generator, probe

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(importlib.util.find_spec("prefect_dask") is None,
                       reason="prefect-dask is not installed (optional extra: pip install 'cloudfacts[dask]')"),
]

ARTICLES = 8
BATCH_SIZE = 2


def test_local_dask_cluster_stores_the_same_facts_as_the_default_runner(prefect_api: str, tmp_path: Path) -> None:
    """`--dask-local 2` (two worker processes) and the default runner write identical facts."""
    corpus = tmp_path / "corpus"
    load_generator().write_corpus(corpus, ARTICLES, seed=11)
    default = cloudfacts([str(corpus), "--db", str(tmp_path / "default.duckdb"), "--batch-size", str(BATCH_SIZE)],
                         prefect_api, tmp_path / "home")
    on_dask = cloudfacts([str(corpus), "--db", str(tmp_path / "dask.duckdb"), "--batch-size", str(BATCH_SIZE),
                          "--dask-local", "2"], prefect_api, tmp_path / "home")
    assert default["articles_new"] == on_dask["articles_new"] == ARTICLES
    assert default["task_runs"] == on_dask["task_runs"] == 3 * (ARTICLES // BATCH_SIZE)
    assert default["facts_written"] == on_dask["facts_written"] > ARTICLES
    assert fact_rows(tmp_path / "default.duckdb") == fact_rows(tmp_path / "dask.duckdb")


def test_extract_tasks_run_on_the_dask_workers(prefect_api: str, tmp_path: Path) -> None:
    """With a DaskTaskRunner the submitted tasks run in the cluster's worker processes, not the flow's."""
    flow_pid, ran = probe("t.where_extract_tasks_run.with_options(task_runner=__import__('flows.parallel')"
                          ".parallel.dask_task_runner(None, 2))(1)", prefect_api, tmp_path / "home")
    assert [n for _, n in ran] == [1, 2, 3, 4]
    assert flow_pid not in {pid for pid, _ in ran}


def test_dask_address_and_dask_local_are_exclusive(prefect_api: str, tmp_path: Path) -> None:
    """Asking for both a remote scheduler and a local cluster is refused before anything runs."""
    with pytest.raises(AssertionError, match="not both"):
        cloudfacts([str(tmp_path), "--db", str(tmp_path / "x.duckdb"), "--dask-local", "2",
                    "--dask-address", "tcp://127.0.0.1:1"], prefect_api, tmp_path / "home")
    assert not (tmp_path / "x.duckdb").exists()
