"""The Prefect flow `extract-cloud-facts`: ingest -> extract -> load, one task run per batch."""
from __future__ import annotations

import time
import uuid
from collections import Counter
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from extractors.articles import DEFAULT_MAX_BYTES, Article, Rejected, discover_files, read_article
from extractors.facts import extract_facts_many
from warehouse.db import connect_writer, resolve_db_path
from warehouse.load import finish_run, known_article_ids, load_batch, start_run

DEFAULT_BATCH_SIZE = 500


@dataclass
class RunSummary:
    """What one flow run did, for the CLI, the `runs` row and the Prefect artifact."""

    run_id: str
    db_path: str
    files_seen: int = 0
    articles_new: int = 0
    articles_unchanged: int = 0
    files_rejected: int = 0
    facts_written: int = 0
    warnings: int = 0
    task_runs: int = 0
    seconds: float = 0.0
    metric_counts: Counter = field(default_factory=Counter)
    rejects: list[tuple[str, str]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """The counters stored in the `runs` table."""
        return {k: getattr(self, k) for k in
                ("files_seen", "articles_new", "articles_unchanged", "files_rejected", "facts_written")}

    def as_dict(self) -> dict:
        """A JSON-friendly view of the summary."""
        out = asdict(self)
        out["metric_counts"] = dict(self.metric_counts)
        return out


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of at most `size` items (itertools.batched is 3.12+)."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


@task(name="ingest-batch", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def ingest_batch(paths: list[Path | Rejected], max_bytes: int) -> tuple[list[Article], list[Rejected]]:
    """Read and parse a batch of files; bad ones become rejects, never exceptions."""
    articles, rejects = [], []
    for item in paths:
        result = item if isinstance(item, Rejected) else read_article(item, max_bytes=max_bytes)
        (rejects if isinstance(result, Rejected) else articles).append(result)
    return articles, rejects


@task(name="extract-batch", cache_policy=NO_CACHE)
def extract_batch(articles: list[Article]) -> list[dict]:
    """Facts of a batch of new articles, as warehouse records."""
    facts = extract_facts_many((a.body, a.published) for a in articles)
    return [dict(f.as_record(), article_id=a.article_id) for a, fs in zip(articles, facts) for f in fs]


@task(name="load-batch", cache_policy=NO_CACHE)
def load_batch_task(con, run_id: str, articles: list[Article], facts: list[dict], rejects: list[dict]) -> dict:
    """Write one batch in one transaction."""
    records = [{k: v for k, v in asdict(a).items() if k != "warnings"} for a in articles]
    return load_batch(con, run_id, records, facts, rejects)


def reject_records(rejects: list[Rejected], articles: list[Article]) -> list[dict]:
    """Rejected files and the warnings of accepted ones, as `rejects` rows."""
    rows = [{"source_path": r.source_path, "reason": r.reason, "severity": "rejected"} for r in rejects]
    rows += [{"source_path": a.source_path, "reason": w, "severity": "warning"} for a in articles for w in a.warnings]
    return rows


@flow(name="extract-cloud-facts", log_prints=False)
def extract_cloud_facts(paths: list[str], db: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
                        max_bytes: int = DEFAULT_MAX_BYTES, lock_wait_seconds: float = 30.0) -> dict:
    """Ingest article files and folders, extract their facts and load them into the warehouse."""
    logger = get_run_logger()
    started = time.monotonic()
    db_path = resolve_db_path(db)
    con = connect_writer(db_path, wait_seconds=lock_wait_seconds)
    summary = RunSummary(run_id=str(uuid.uuid4()), db_path=str(db_path))
    try:
        start_run(con, summary.run_id, flow_run.get_id(), [str(p) for p in paths])
        for chunk in batched(discover_files(paths), batch_size):
            run_batch(con, chunk, summary, max_bytes)
            logger.info("batch done: %d files seen, %d new articles, %d facts so far",
                        summary.files_seen, summary.articles_new, summary.facts_written)
        summary.seconds = round(time.monotonic() - started, 2)
        finish_run(con, summary.run_id, "completed", summary.counts())
    except BaseException as exc:
        finish_run(con, summary.run_id, "failed", summary.counts(), message=f"{type(exc).__name__}: {exc}")
        raise
    finally:
        con.close()
    publish_artifact(summary)
    return summary.as_dict()


def run_batch(con, chunk: list[Path | Rejected], summary: RunSummary, max_bytes: int) -> None:
    """Ingest, extract and load one batch, updating the run summary."""
    articles, rejects = ingest_batch(chunk, max_bytes)
    known = known_article_ids(con, [a.article_id for a in articles])
    new = list({a.article_id: a for a in articles if a.article_id not in known}.values())
    facts = extract_batch(new) if new else []
    rows = reject_records(rejects, articles)
    counts = load_batch_task(con, summary.run_id, articles, facts, rows)
    summary.task_runs += 2 + bool(new)
    summary.files_seen += len(chunk)
    summary.files_rejected += len(rejects)
    summary.warnings += len(rows) - len(rejects)
    summary.articles_new += counts["articles_new"]
    summary.articles_unchanged += counts["articles_unchanged"]
    summary.facts_written += counts["facts_written"]
    summary.metric_counts.update(f["metric"] for f in facts)
    summary.rejects += [(r.source_path, r.reason) for r in rejects]


def publish_artifact(summary: RunSummary) -> None:
    """A Prefect table artifact with the counts per metric and the rejects of this run."""
    rows = [{"what": "metric", "name": m, "count": n} for m, n in sorted(summary.metric_counts.items())]
    rows += [{"what": k, "name": "", "count": v} for k, v in summary.counts().items()]
    rows += [{"what": "rejected", "name": path, "count": reason} for path, reason in summary.rejects[:200]]
    create_table_artifact(rows, key="cloudfacts-run-summary", description=f"cloudfacts run {summary.run_id}")
