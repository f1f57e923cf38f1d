"""Speed and memory of the whole pipeline against tokenisation alone, on a generated corpus, all measured in one run.

Usage: .venv/bin/python benchmarks/pipeline.py --articles 20000 [--workers 2] [--batch-size 500] [--keep DIR]

Steps, each over the same N generated articles:
  0. `cloudfacts run` over an empty folder: the fixed cost of one CLI run (imports, Prefect's temporary server).
  1. spacy.blank("en") tokenisation of the bodies alone: the floor.
  2. extract_facts_many over the bodies, in batches, in this process.
  3. `cloudfacts run` into a fresh DuckDB file, as a subprocess, with 1 worker and with --workers W.
  4. `cloudfacts run` again over the same unchanged folder, into the warehouse of the last step-3 run.
Prints articles/s, words/s, peak RSS of the flow process (and of the whole process tree), Prefect task runs,
and the ratios 2/1, 3/1, 3/2 and 4 as a fraction of 3. Runs use $PREFECT_API_URL when it is set, else the server
`make server` started when one answers on http://127.0.0.1:4200/api (or $CLOUDFACTS_PREFECT_SERVER), else each
starts Prefect's temporary server (most of step 0).
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import write_corpus  # noqa: E402

from extractors.article_files import discover_files, read_article  # noqa: E402
from extractors.articles import Article  # noqa: E402
from extractors.facts import extract_facts_many  # noqa: E402



@dataclass
class Corpus:
    """The generated articles as the benchmark steps see them."""

    folder: Path
    items: list[tuple[str, object]]  # (body, published)
    words: int  # whitespace-separated words over all bodies


@dataclass
class FlowRun:
    """One `cloudfacts run` subprocess: wall time, memory peaks and the flow's own summary."""

    wall_seconds: float
    flow_peak_kb: int  # high-water mark of the flow process itself
    tree_peak_kb: int  # largest sum of RSS over the flow process and all its descendants at one sample
    summary: dict = field(default_factory=dict)


def load_corpus(folder: Path) -> Corpus:
    """Read the generated articles back the way the flow does."""
    articles = [read_article(p) for p in discover_files([folder])]
    items = [(a.body, a.published) for a in articles if isinstance(a, Article)]
    return Corpus(folder, items, sum(len(body.split()) for body, _ in items))


def time_tokeniser(corpus: Corpus) -> float:
    """Seconds for spacy.blank("en") to tokenise every body (the floor for any spaCy pipeline)."""
    nlp = spacy.blank("en")
    started = time.perf_counter()
    for _ in nlp.pipe(body for body, _ in corpus.items):
        pass
    return time.perf_counter() - started


def time_extraction(corpus: Corpus, batch_size: int) -> tuple[float, int]:
    """Seconds for extract_facts_many over every body in batches like the flow's, and the facts found."""
    extract_facts_many(corpus.items[:5])  # build the pipeline and rule tables outside the timing
    facts = 0
    started = time.perf_counter()
    for first in range(0, len(corpus.items), batch_size):
        facts += sum(len(f) for f in extract_facts_many(corpus.items[first:first + batch_size]))
    return time.perf_counter() - started, facts


def spin(loops: int) -> float:
    """Seconds a pure-Python loop takes here."""
    started = time.perf_counter()
    total = 0
    for i in range(loops):
        total += i
    return time.perf_counter() - started


def cpu_parallelism(workers: int, loops: int = 20_000_000) -> float:
    """How many times the work of one busy process `workers` busy processes get done (2.0 on 2 idle cores)."""
    with multiprocessing.get_context("spawn").Pool(workers) as pool:  # starts every process now
        pool.map(spin, [1_000] * workers, chunksize=1)
        alone = min(pool.apply(spin, (loops,)) for _ in range(2))
        started = time.perf_counter()
        pool.map(spin, [loops] * workers, chunksize=1)
        together = time.perf_counter() - started
    return workers * alone / together


def parent_map() -> dict[int, int]:
    """pid -> parent pid of every process visible in /proc."""
    parents = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(f"/proc/{entry.name}/stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return parents


def descendants(root: int) -> list[int]:
    """The root pid and every process below it."""
    children: dict[int, list[int]] = {}
    for pid, parent in parent_map().items():
        children.setdefault(parent, []).append(pid)
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo += children.get(pid, [])
    return tree


def status_kb(pid: int, key: str) -> int:
    """A memory line of /proc/PID/status (VmRSS, VmHWM) in kB; 0 when the process is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def watch_memory(pid: int, peaks: dict[str, int], done: threading.Event) -> None:
    """Sample the process tree every 50 ms until done, keeping the flow process's and the tree's peaks."""
    while not done.is_set():
        peaks["flow"] = max(peaks["flow"], status_kb(pid, "VmHWM"))
        peaks["tree"] = max(peaks["tree"], sum(status_kb(p, "VmRSS") for p in descendants(pid)))
        done.wait(0.05)


def cloudfacts_command() -> list[str]:
    """The installed console script next to this interpreter, else the module."""
    script = Path(sys.executable).with_name("cloudfacts")
    return [str(script)] if script.exists() else [sys.executable, "-m", "flows.cli"]


def run_flow(folder: Path, db: Path, workers: int, batch_size: int, work_dir: Path, log_name: str) -> FlowRun:
    """Run `cloudfacts run --json` as a subprocess, timing it and sampling its memory."""
    env = dict(os.environ, PREFECT_HOME=str(work_dir / "prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="90", DO_NOT_TRACK="1")
    command = cloudfacts_command() + ["run", str(folder), "--db", str(db), "--json", "--workers", str(workers),
                                      "--batch-size", str(batch_size)]
    peaks = {"flow": 0, "tree": 0}
    done = threading.Event()
    with open(work_dir / f"{log_name}.log", "w") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, env=env, text=True)
        watcher = threading.Thread(target=watch_memory, args=(process.pid, peaks, done), daemon=True)
        watcher.start()
        stdout, _ = process.communicate()
        wall = time.perf_counter() - started
    done.set()
    watcher.join()
    if process.returncode != 0:
        raise SystemExit(f"cloudfacts run failed ({process.returncode}); see {work_dir / log_name}.log")
    return FlowRun(wall, peaks["flow"], peaks["tree"], json.loads(stdout))


def machine() -> str:
    """A one-line description of this machine and its load."""
    memory_gb = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2**30
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.machine())
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} cores ({model}), {memory_gb:.0f} GB RAM, Python {platform.python_version()}, "
            f"load average {load}")


def rate_line(label: str, seconds: float, corpus: Corpus, extra: str = "") -> str:
    """One result line: seconds, articles/s, words/s."""
    n = len(corpus.items)
    return f"{label:44s} {seconds:9.1f} s {n / seconds:9.1f} art/s {corpus.words / seconds:11,.0f} words/s  {extra}"


def flow_line(label: str, run: FlowRun, corpus: Corpus) -> str:
    """A result line for a flow run, with its in-flow seconds, memory peaks and task runs."""
    s = run.summary
    extra = (f"in-flow {s['seconds']:.1f} s, flow RSS {run.flow_peak_kb / 1024:.0f} MB, tree RSS "
             f"{run.tree_peak_kb / 1024:.0f} MB, task runs {s['task_runs']}, new {s['articles_new']}, "
             f"facts {s['facts_written']}")
    return rate_line(label, run.wall_seconds, corpus, extra)


def main() -> None:
    """Generate, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5_000)
    parser.add_argument("--workers", type=int, default=2, help="measure the flow with 1 and with this many workers")
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (corpus, databases, logs)")
    parser.add_argument("--json-out", type=Path, help="also write the numbers to this JSON file")
    args = parser.parse_args()

    work_dir = args.keep or Path(tempfile.mkdtemp(prefix="cloudfacts-bench-"))
    work_dir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}")
    parallelism_before = cpu_parallelism(args.workers)
    print(f"CPU parallelism: {args.workers} busy processes do {parallelism_before:.2f}x the work of one")
    started = time.perf_counter()
    write_corpus(work_dir / "corpus", args.articles, args.seed)
    corpus = load_corpus(work_dir / "corpus")
    print(f"corpus: {len(corpus.items):,} articles, {corpus.words:,} words, generated in "
          f"{time.perf_counter() - started:.1f} s under {work_dir}")

    (work_dir / "empty").mkdir(exist_ok=True)
    fixed = run_flow(work_dir / "empty", work_dir / "empty.duckdb", 1, args.batch_size, work_dir, "step0")
    print(f"0 fixed cost of one CLI run (empty folder):   {fixed.wall_seconds:9.1f} s")
    print(f"  Prefect API the runs use: {fixed.summary.get('prefect_api')}")
    tokenise = time_tokeniser(corpus)
    print(rate_line("1 spaCy blank('en') tokenisation", tokenise, corpus))
    extract, facts = time_extraction(corpus, args.batch_size)
    print(rate_line("2 extract_facts_many", extract, corpus, f"{facts:,} facts"))
    flows = {}
    for workers in sorted({1, args.workers}):
        db = work_dir / f"flow-w{workers}.duckdb"
        db.unlink(missing_ok=True)
        flows[workers] = run_flow(corpus.folder, db, workers, args.batch_size, work_dir, f"step3-w{workers}")
        print(flow_line(f"3 cloudfacts run, {workers} worker(s)", flows[workers], corpus))
    best = min(flows, key=lambda w: flows[w].wall_seconds)
    rerun = run_flow(corpus.folder, work_dir / f"flow-w{args.workers}.duckdb", args.workers, args.batch_size,
                     work_dir, "step4")
    print(flow_line(f"4 re-run, unchanged folder, {args.workers} worker(s)", rerun, corpus))

    first = flows[args.workers]
    print()
    print(f"ratio 2/1 (extraction vs tokenisation speed):      {tokenise / extract:6.3f}")
    for workers, run in flows.items():
        print(f"ratio 3/1, {workers} worker(s) (flow vs tokenisation):  {tokenise / run.wall_seconds:6.3f}   "
              f"3/2 (flow vs extraction): {extract / run.wall_seconds:6.3f}")
    print(f"speed-up of {args.workers} workers over 1:                 "
          f"{flows[1].wall_seconds / flows[args.workers].wall_seconds:6.2f}x (fastest: {best})")
    print(f"4 as a fraction of 3 (wall):                       {rerun.wall_seconds / first.wall_seconds:6.3f}   "
          f"minus the fixed cost: {(rerun.wall_seconds - fixed.wall_seconds) / first.wall_seconds:6.3f}   "
          f"in-flow: {rerun.summary['seconds'] / first.summary['seconds']:6.3f}")
    parallelism_after = cpu_parallelism(args.workers)
    print(f"CPU parallelism at the end: {args.workers} busy processes do {parallelism_after:.2f}x the work of one "
          "(other work on the machine lowers it; 2 workers cannot beat it)")
    if args.json_out:
        numbers = {
            "machine": machine(), "cpu_parallelism": [parallelism_before, parallelism_after],
            "articles": len(corpus.items), "words": corpus.words, "fixed_seconds": fixed.wall_seconds,
            "tokenise_seconds": tokenise, "extract_seconds": extract, "facts": facts,
            "flows": {w: {"wall": r.wall_seconds, "flow_peak_kb": r.flow_peak_kb, "tree_peak_kb": r.tree_peak_kb,
                          "summary": r.summary} for w, r in flows.items()},
            "rerun": {"wall": rerun.wall_seconds, "flow_peak_kb": rerun.flow_peak_kb, "summary": rerun.summary},
        }
        args.json_out.write_text(json.dumps(numbers, indent=2, default=str))


if __name__ == "__main__":
    main()
