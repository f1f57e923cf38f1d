"""`--workers 2` runs extract tasks in other processes and stores exactly the facts of one worker."""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from prefect import flow, task

from flows.parallel import extraction_submitter

REPO = Path(__file__).resolve().parents[2]
ARTICLES = 16
BATCH_SIZE = 4  # four batches, so both workers get some
# Every stored field of a fact except its ids, timestamps and run id, keyed by the article's name.
FACT_ROWS = """
    SELECT a.name, f.metric, f.value, f.value_high, f.unit, f.qualifier, f.subject, f.geography, f.period,
           f.forecast, f.source, f.text, f.start_char, f.end_char, f.sentence, f.rule
    FROM facts f JOIN articles a USING (article_id) ORDER BY ALL
"""

pytestmark = pytest.mark.integration


def load_generator():
    """benchmarks/generate.py as a module (benchmarks/ is a folder of scripts, not a package)."""
    spec = importlib.util.spec_from_file_location("benchmark_generate", REPO / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cloudfacts(args: list[str], prefect_api: str, home: Path) -> dict:
    """Run the real CLI against the shared Prefect server; return its JSON summary."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "CLOUDFACTS_"))}
    env.update(PREFECT_API_URL=prefect_api, PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               DO_NOT_TRACK="1")
    script = Path(sys.executable).with_name("cloudfacts")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "flows.cli"]
    done = subprocess.run(command + ["run", *args, "--json"], env=env, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-3000:]
    return json.loads(done.stdout)


def fact_rows(db: Path) -> list[tuple]:
    """The facts of a warehouse, comparable across runs."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(FACT_ROWS).fetchall()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A handful of generated news articles."""
    folder = tmp_path_factory.mktemp("workers") / "corpus"
    load_generator().write_corpus(folder, ARTICLES, seed=7)
    return folder


def test_two_workers_store_the_same_facts_as_one(corpus: Path, prefect_api: str, tmp_path: Path) -> None:
    """Same articles, same facts, same number of task runs, whether extraction runs in 1 or 2 processes."""
    one = cloudfacts([str(corpus), "--db", str(tmp_path / "one.duckdb"), "--batch-size", str(BATCH_SIZE),
                      "--workers", "1"], prefect_api, tmp_path / "home")
    two = cloudfacts([str(corpus), "--db", str(tmp_path / "two.duckdb"), "--batch-size", str(BATCH_SIZE),
                      "--workers", "2"], prefect_api, tmp_path / "home")
    assert one["articles_new"] == two["articles_new"] == ARTICLES
    assert one["facts_written"] == two["facts_written"] > ARTICLES
    assert one["task_runs"] == two["task_runs"] == 3 * (ARTICLES // BATCH_SIZE)
    assert fact_rows(tmp_path / "one.duckdb") == fact_rows(tmp_path / "two.duckdb")


@task(name="pid-probe")
def process_id(items: list[int]) -> tuple[int, int]:
    """Which process ran this task, and how many items it got."""
    return os.getpid(), len(items)


@flow(name="workers-probe")
def where_extract_tasks_run(workers: int) -> list[tuple[int, int]]:
    """Submit four probe tasks the way the pipeline submits extract tasks."""
    with extraction_submitter(process_id, workers) as submit:
        futures = [submit(list(range(n))) for n in (1, 2, 3, 4)]
        return [f.result() for f in futures]


def probe(expression: str, prefect_api: str, home: Path) -> list:
    """[pid of a fresh Python process, value of `expression` there] (`t` is this module), printed as JSON."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_API_URL=prefect_api, PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               DO_NOT_TRACK="1", PYTHONPATH=os.pathsep.join([str(Path(__file__).parent), str(REPO)]))
    code = f"import json, os, test_workers as t; print(json.dumps([os.getpid(), {expression}]))"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-3000:]
    return json.loads(done.stdout.splitlines()[-1])


def test_extract_tasks_run_in_worker_processes_only_when_asked(prefect_api: str, tmp_path: Path) -> None:
    """workers=2: after the first task (run in the flow's threads while the pool starts) tasks run in other
    processes; workers=1: all in the flow's process."""
    flow_pid, (pooled, threaded) = probe("[t.where_extract_tasks_run(2), t.where_extract_tasks_run(1)]",
                                         prefect_api, tmp_path / "home")
    assert [n for _, n in pooled] == [n for _, n in threaded] == [1, 2, 3, 4]
    assert pooled[0][0] == flow_pid
    assert flow_pid not in {pid for pid, _ in pooled[1:]}
    assert {pid for pid, _ in threaded} == {flow_pid}


def running(pid: int) -> bool:
    """True while the process exists and is not a zombie."""
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False


def test_a_worker_ends_soon_after_its_flow_process_is_killed() -> None:
    """A pool worker must not outlive a flow process killed with SIGKILL (no `with` block runs then)."""
    worker = ("import os, time; from flows.parallel import exit_with_parent; exit_with_parent(os.getppid(), 0.1); "
              "print(os.getpid(), flush=True); time.sleep(120)")
    parent = ("import subprocess, sys, time; "
              f"child = subprocess.Popen([sys.executable, '-c', {worker!r}], stdout=subprocess.PIPE); "
              "print(child.stdout.readline().decode().strip(), flush=True); time.sleep(120)")
    flow_process = subprocess.Popen([sys.executable, "-c", parent], stdout=subprocess.PIPE, cwd=REPO)
    worker_pid = int(flow_process.stdout.readline())
    assert running(worker_pid)
    flow_process.kill()
    flow_process.wait(timeout=10)
    deadline = time.monotonic() + 10
    while running(worker_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not running(worker_pid)
