"""The Prefect flow `extract-cloud-facts`: ingest -> extract -> load, one task run per batch."""
from __future__ import annotations

import signal
import threading
import time
import uuid
from collections import Counter, deque
from dataclasses import asdict, dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Iterable, Iterator

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run
from prefect.states import Failed
from prefect.utilities.annotations import quote

from extractors.article_files import DEFAULT_MAX_BYTES, file_sha256_or_none
from extractors.articles import NAME_NOT_UTF8, Article, Rejected
from extractors.entities import company_records
from extractors.sources import FEED_TIMEOUT_SECONDS, Feed, discover_sources, file_read_record, read_source
from flows.parallel import extraction_submitter
from flows.progress import report_batch
from warehouse.companies import sync_companies
from warehouse.db import DatabaseBusy, DatabaseUnusable, connect_writer, resolve_db_path
from warehouse.load import finish_run, known_article_ids, load_batch, skip_unchanged_files, start_run

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
    files_skipped: int = 0  # files whose bytes were as a run last stored them: not read again
    # Articles and rejects read from the files and feeds (a JSON Lines file or a feed holds many):
    # items_seen = articles_new + articles_unchanged + files_rejected.
    items_seen: int = 0
    warnings: int = 0
    task_runs: int = 0
    seconds: float = 0.0
    metric_counts: Counter = field(default_factory=Counter)
    rejects: list[tuple[str, str]] = field(default_factory=list)
    warning_list: list[tuple[str, str]] = field(default_factory=list)  # (file, warning) of files that loaded

    def counts(self) -> dict[str, int]:
        """The counters stored in the `runs` table."""
        return {k: getattr(self, k) for k in
                ("files_seen", "articles_new", "articles_unchanged", "files_rejected", "facts_written", "items_seen")}

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
def ingest_batch(paths: list[Path | Feed | Rejected], max_bytes: int) -> tuple[list[Article], list[Rejected], list[dict]]:
    """Read and parse a batch of files and feeds (one may hold many articles); bad ones become rejects.

    Also returns what to remember of each file read (file_read_record), for skipping it while unchanged.
    """
    articles, rejects, files = [], [], []
    for item in paths:
        results = [item] if isinstance(item, Rejected) else list(read_source(item, max_bytes=max_bytes))
        for result in results:
            (rejects if isinstance(result, Rejected) else articles).append(result)
        if isinstance(item, Path):
            files.append(file_read_record(str(item), results))
    return articles, rejects, files


@dataclass(frozen=True)
class BatchFacts:
    """The fact records of one extract task, boxed."""

    # Prefect remembers each element of a list a task returns until the flow ends (~250 B a record); a box is one.
    records: list[dict]


@task(name="extract-batch", cache_policy=NO_CACHE)
def extract_batch(articles: list[Article]) -> BatchFacts:
    """Facts of a batch of new articles, as warehouse records."""
    # Imported here: spaCy and the rule tables take ~0.4 s, which a run with nothing new to extract skips.
    from extractors.facts import extract_facts_many

    facts = extract_facts_many((a.body, a.published, a.title) for a in articles)
    return BatchFacts([dict(f.as_record(), article_id=a.article_id) for a, fs in zip(articles, facts) for f in fs])


@task(name="load-batch", cache_policy=NO_CACHE)
def load_batch_task(con, run_id: str, articles: list[Article], facts: list[dict], rejects: list[dict],
                    files: list[dict]) -> dict:
    """Write one batch in one transaction."""
    records = [{k: v for k, v in asdict(a).items() if k != "warnings"} for a in articles]
    return load_batch(con, run_id, records, facts, rejects, files)


def reject_records(rejects: list[Rejected], articles: list[Article]) -> list[dict]:
    """Rejected files and the warnings of accepted ones, as `rejects` rows."""
    rows = [{"source_path": r.source_path, "reason": r.reason, "severity": "rejected"} for r in rejects]
    rows += [{"source_path": a.source_path, "reason": w, "severity": "warning"} for a in articles for w in a.warnings]
    return rows


@flow(name="extract-cloud-facts", log_prints=False)
def extract_cloud_facts(paths: list[str], db: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
                        max_bytes: int = DEFAULT_MAX_BYTES, lock_wait_seconds: float = 30.0,
                        feeds: list[str] | None = None, workers: int = 1, allow_outside_links: bool = False,
                        feed_timeout: float = FEED_TIMEOUT_SECONDS, undecodable: list[str] | None = None) -> dict:
    """Ingest article files and folders, extract their facts and load them into the warehouse.

    `workers` extract tasks run at once: local processes on the default runner, Dask workers on a DaskTaskRunner.
    Symbolic links out of the given folders are rejected unless `allow_outside_links`. `undecodable` are paths or
    feeds given whose names are not valid UTF-8 (escaped by the caller): each is recorded as a reject.
    """
    logger = get_run_logger()
    started = time.monotonic()
    db_path = resolve_db_path(db)
    try:
        con = connect_writer(db_path, wait_seconds=lock_wait_seconds)
    except (DatabaseBusy, DatabaseUnusable) as exc:  # no connection, so no `runs` row: the Prefect log and state say it
        logger.error("run not started, nothing read or written: %s", exc)
        # A failed run without a traceback in the log; calling the flow still raises exc.
        return Failed(message=str(exc), data=exc)
    summary = RunSummary(run_id=str(uuid.uuid4()), db_path=str(db_path))
    previous_handler = INTERRUPTS.install()
    try:
        start_run(con, summary.run_id, flow_run.get_id(),
                  [str(p) for p in paths] + list(feeds or []) + list(undecodable or []))
        # The companies table follows entities.jsonl (groups and kinds for the views), whatever the run reads.
        companies = sync_companies(con, company_records())
        if any(companies.values()):
            logger.info("companies: %(added)d added, %(changed)d changed, %(removed)d removed", companies)
        discovered = chain((Rejected(name, NAME_NOT_UTF8) for name in undecodable or ()),
                           discover_sources(paths, feeds, allow_outside_links, feed_timeout))
        sources = unchanged_files_skipped(con, batched(discovered, batch_size), summary, max_bytes)
        for _ in run_batches(con, batched(sources, batch_size), summary, max_bytes, workers):
            logger.info("batch done: %d files seen, %d new articles, %d facts so far",
                        summary.files_seen, summary.articles_new, summary.facts_written)
            report_batch(summary.files_seen, summary.articles_new, summary.facts_written)
        if summary.files_skipped:
            logger.info("%d files skipped: their bytes are as a run last stored them", summary.files_skipped)
        summary.seconds = round(time.monotonic() - started, 2)
        finish_run(con, summary.run_id, "completed", summary.counts())
    except Exception as exc:
        if not (isinstance(exc, RunInterrupted) or INTERRUPTS.requested):
            finish_run(con, summary.run_id, "failed", summary.counts(), message=f"{type(exc).__name__}: {exc}")
            raise
        # Ctrl-C (or what it caused while stopping): the batches stored so far stay; the counts are theirs.
        message = (f"interrupted by Ctrl-C after {summary.files_seen} files: their {summary.articles_new} new "
                   f"articles and {summary.facts_written} facts are kept; run again to read the rest")
        finish_run(con, summary.run_id, "interrupted", summary.counts(), message=message)
        logger.warning(message)
        return Failed(message=message, data=RunInterrupted(message))  # calling the flow raises it, no traceback
    except KeyboardInterrupt:  # a second Ctrl-C, wherever it landed: what is committed stays
        finish_run(con, summary.run_id, "interrupted", summary.counts(),
                   message="interrupted by a second Ctrl-C: stopped at once; the batches committed are kept, "
                           "the counts may miss the last one")
        raise
    except BaseException as exc:
        finish_run(con, summary.run_id, "failed", summary.counts(), message=f"{type(exc).__name__}: {exc}")
        raise
    finally:
        INTERRUPTS.restore(previous_handler)
        con.close()
    publish_artifact(summary)
    return summary.as_dict()


@dataclass
class StartedBatch:
    """A batch that is read and whose extraction is submitted, waiting to be loaded."""

    files: int
    articles: list[Article]
    rejects: list[Rejected]
    file_records: list[dict]
    facts: PrefectFuture | None  # None when the batch has no new article


def run_batches(con, chunks: Iterable[list], summary: RunSummary, max_bytes: int, workers: int) -> Iterator[None]:
    """Run batches with up to `workers` + 1 extractions in flight ahead of loading; yields after each load."""
    with extraction_submitter(extract_batch, workers) as submit:
        in_flight: deque[StartedBatch] = deque()
        for chunk in chunks:
            INTERRUPTS.check()  # Ctrl-C: stop between batches (batches in flight are dropped, not half-stored)
            in_flight.append(start_batch(con, chunk, max_bytes, submit))
            if len(in_flight) > max(1, workers):
                finish_batch(con, in_flight.popleft(), summary)
                yield
        while in_flight:
            INTERRUPTS.check()
            finish_batch(con, in_flight.popleft(), summary)
            yield


def unchanged_files_skipped(con, chunks: Iterable[list], summary: RunSummary, max_bytes: int) -> Iterator:
    """The sources of chunks less the files whose bytes are as a run last stored them; those are counted."""
    for chunk in chunks:
        file_sha256s = {str(item): digest for item in chunk
                        if isinstance(item, Path) and (digest := file_sha256_or_none(item, max_bytes))}
        INTERRUPTS.check()
        unchanged = skip_unchanged_files(con, file_sha256s)
        if unchanged:
            summary.files_skipped += len(unchanged)
            summary.files_seen += len(unchanged)
            summary.articles_unchanged += sum(unchanged.values())
            summary.items_seen += sum(unchanged.values())
            report_batch(summary.files_seen, summary.articles_new, summary.facts_written)
        yield from (item for item in chunk if not (isinstance(item, Path) and str(item) in unchanged))


def start_batch(con, chunk: list[Path | Feed | Rejected], max_bytes: int, submit) -> StartedBatch:
    """Ingest one batch and submit the extraction of its articles not yet in the warehouse."""
    articles, rejects, file_records = ingest_batch(chunk, max_bytes)
    known = known_article_ids(con, [a.article_id for a in articles])
    new = list({a.article_id: a for a in articles if a.article_id not in known}.values())
    return StartedBatch(len(chunk), articles, rejects, file_records, submit(new) if new else None)


def finish_batch(con, batch: StartedBatch, summary: RunSummary) -> None:
    """Wait for a batch's facts, load the batch in one transaction and update the run summary."""
    articles, rejects = batch.articles, batch.rejects
    facts = batch_facts(batch)
    rows = reject_records(rejects, articles)
    # quote: Prefect would otherwise walk every field of every fact record (seconds per batch).
    counts = load_batch_task(con, summary.run_id, quote(articles), quote(facts), rows, quote(batch.file_records))
    count_batch(summary, batch, counts, facts, rows)


def batch_facts(batch: StartedBatch) -> list[dict]:
    """The fact records of a batch, waiting for its extraction; Ctrl-C stops the wait (RunInterrupted)."""
    if batch.facts is None:
        return []
    done = threading.Event()
    batch.facts.add_done_callback(lambda _: done.set())
    while not done.wait(0.25):
        INTERRUPTS.check()
    return batch.facts.result().records


def count_batch(summary: RunSummary, batch: StartedBatch, counts: dict, facts: list[dict], rows: list[dict]) -> None:
    """Add a stored batch to the run summary."""
    articles, rejects = batch.articles, batch.rejects
    summary.task_runs += 2 + (batch.facts is not None)
    summary.files_seen += batch.files
    summary.files_rejected += len(rejects)
    summary.warnings += len(rows) - len(rejects)
    summary.articles_new += counts["articles_new"]
    summary.articles_unchanged += counts["articles_unchanged"]
    summary.facts_written += counts["facts_written"]
    summary.metric_counts.update(f["metric"] for f in facts)
    summary.rejects += [(r.source_path, r.reason) for r in rejects]
    summary.warning_list += [(a.source_path, w) for a in articles for w in a.warnings]
    summary.items_seen += len(articles) + len(rejects)


class RunInterrupted(Exception):
    """Ctrl-C (SIGINT) stopped the run between two batches."""


class Interrupts:
    """Ctrl-C (SIGINT) asks the run to stop at its next batch boundary; a second Ctrl-C stops it at once.

    Raising KeyboardInterrupt wherever the signal lands cut Prefect and the process pool mid-call (a hung run,
    a wrapped error, counts one batch short). At a boundary every batch is either stored and counted or not
    started, so the interrupted run keeps what it committed and its `runs` row counts exactly that.
    """

    def __init__(self) -> None:
        self.requested = False

    def _handler(self, signum: int, frame: object) -> None:
        if self.requested:
            raise KeyboardInterrupt  # the second Ctrl-C: now
        self.requested = True

    def install(self) -> object:
        """Take over SIGINT (in the main thread only); returns the handler to restore."""
        self.requested = False
        if threading.current_thread() is not threading.main_thread():
            return None
        return signal.signal(signal.SIGINT, self._handler)

    def restore(self, previous: object) -> None:
        """Put back the handler install replaced."""
        if previous is not None and threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, previous)

    def check(self) -> None:
        """Raise RunInterrupted when Ctrl-C was pressed: called between batches."""
        if self.requested:
            raise RunInterrupted("interrupted by Ctrl-C")


INTERRUPTS = Interrupts()


def publish_artifact(summary: RunSummary) -> None:
    """A Prefect table artifact with the counts per metric and the rejects of this run."""
    rows = [{"what": "metric", "name": m, "count": n} for m, n in sorted(summary.metric_counts.items())]
    rows += [{"what": k, "name": "", "count": v} for k, v in summary.counts().items()]
    rows += [{"what": "rejected", "name": path, "count": reason} for path, reason in summary.rejects[:200]]
    create_table_artifact(rows, key="cloudfacts-run-summary", description=f"cloudfacts run {summary.run_id}")
