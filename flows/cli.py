"""The `cloudfacts` command line: run the flow, query the warehouse, show and extract facts."""
from __future__ import annotations

import csv
import json
import os
import re
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn cloud-industry news into facts in a DuckDB warehouse.")
out = Console(highlight=False)
# soft_wrap: an error message stays one line (greppable) however narrow the terminal or log.
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = typer.Option(None, "--db", help="DuckDB file (default: $CLOUDFACTS_DB or data/cloudfacts.duckdb).")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def safe(text: object) -> str:
    """Text from articles with control and bidi characters made visible, so it cannot drive the terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


def prefect_defaults() -> None:
    """Settings that keep the local ephemeral Prefect API quiet and patient on a small machine."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
    os.environ.setdefault("DO_NOT_TRACK", "1")


@app.command()
def run(paths: Optional[list[Path]] = typer.Argument(
            None, help="Article files and folders (.md/.txt/.html/.htm/.jsonl, recursively)."),
        feeds: Optional[list[str]] = typer.Option(None, "--feed", help="RSS/Atom feed file or http(s) URL (repeatable)."),
        db: Optional[str] = DbOption,
        batch_size: int = typer.Option(500, min=1, help="Articles per task run."),
        max_mb: float = typer.Option(5.0, help="Reject files larger than this many MB."),
        lock_wait: float = typer.Option(30.0, help="Seconds to wait for another run's lock."),
        workers: Optional[int] = typer.Option(None, min=1, help="Extract tasks at once: local processes, or "
                                              "Dask workers with --dask-*. Default: 2 (1 on one core), or N "
                                              "with --dask-local N."),
        dask_address: Optional[str] = typer.Option(None, "--dask-address",
                                                   help="Run extract tasks on this Dask scheduler (tcp://host:port)."),
        dask_local: Optional[int] = typer.Option(None, "--dask-local", min=1,
                                                 help="Run extract tasks on a local Dask cluster of N processes."),
        as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
        feed_timeout: float = typer.Option(30.0, "--feed-timeout", min=0.001,
                                           help="Seconds a feed URL may take to download, in all."),
        allow_outside_links: bool = typer.Option(False, "--allow-outside-links",
                                                 help="Read symbolic links to files outside the given folders "
                                                      "(rejected by default).")) -> None:
    """Run the extract-cloud-facts flow over files and folders into the warehouse."""
    if dask_address and dask_local:
        err.print("error: give --dask-address or --dask-local, not both")
        raise typer.Exit(2)
    if not paths and not feeds:
        err.print("error: give at least one PATH or --feed")
        raise typer.Exit(2)
    prefect_defaults()
    from flows.parallel import DEFAULT_WORKERS, DaskUnavailable, dask_task_runner
    from flows.pipeline import RunInterrupted, extract_cloud_facts
    from flows.progress import run_progress
    from warehouse.db import DatabaseBusy, DatabaseUnusable, check_db, resolve_db_path

    try:
        check_db(resolve_db_path(db))  # before any flow run: `--db :memory:`, a folder, a SQLite file, ...
        flow_run = extract_cloud_facts
        if dask_address or dask_local:
            flow_run = extract_cloud_facts.with_options(task_runner=dask_task_runner(dask_address, dask_local))
        with run_progress(out, paths or [], feeds or [], show=not as_json):
            given_paths, undecodable_paths = storable_arguments([str(p) for p in paths or []])
            given_feeds, undecodable_feeds = storable_arguments(list(feeds or []))
            summary = flow_run(given_paths, db=db, batch_size=batch_size,
                               max_bytes=int(max_mb * 1_000_000), lock_wait_seconds=lock_wait,
                               feeds=given_feeds,
                               workers=workers or dask_local or DEFAULT_WORKERS,
                               allow_outside_links=allow_outside_links, feed_timeout=feed_timeout,
                               undecodable=undecodable_paths + undecodable_feeds)
    except DaskUnavailable as exc:
        err.print(f"[bold red]error:[/] {safe(exc)}")
        raise typer.Exit(2)
    except (DatabaseBusy, DatabaseUnusable) as exc:
        err.print(f"[bold red]error:[/] {safe(exc)}")
        raise typer.Exit(3)
    except (RunInterrupted, KeyboardInterrupt):
        err.print("interrupted: the run stopped; the batches it stored are kept (runs.status = 'interrupted')")
        raise typer.Exit(130)
    if as_json:
        out.print_json(data=summary)
    else:
        print_summary(summary)


def storable_arguments(arguments: list[str]) -> tuple[list[str], list[str]]:
    """Paths and feeds the flow can take, and (shown with \\xNN escapes) those that are not valid UTF-8.

    A flow run's parameters travel as JSON, which cannot hold such a name; the run records them as rejects.
    """
    from extractors.articles import is_storable, printable_path

    return ([a for a in arguments if is_storable(a)], [printable_path(a) for a in arguments if not is_storable(a)])


def print_summary(summary: dict) -> None:
    """One screen: what the run saw, wrote and rejected."""
    out.print(f"cloudfacts run {summary['run_id']} -> {safe(summary['db_path'])}")
    out.print(f"files seen {summary['files_seen']}  new articles {summary['articles_new']}  "
              f"unchanged {summary['articles_unchanged']}  rejected {summary['files_rejected']}  "
              f"warnings {summary['warnings']}")
    out.print(f"facts written {summary['facts_written']}  in {summary['seconds']:.1f} s")
    if summary.get("files_skipped"):
        out.print(f"{summary['files_skipped']} files not read again: their bytes are as a run last stored them")
    if summary["metric_counts"]:
        table = Table("metric", "facts", title="facts per metric (this run)")
        for metric, n in sorted(summary["metric_counts"].items()):
            table.add_row(metric, str(n))
        out.print(table)
    for path, reason in summary["rejects"][:20]:
        out.print(Text(f"rejected: {safe(path)}: {safe(reason)}"))
    if len(summary["rejects"]) > 20:
        out.print(f"... and {len(summary['rejects']) - 20} more (see the rejects table)")


@app.command()
def sql(query: str = typer.Argument(..., help="One read-only SQL statement."),
        db: Optional[str] = DbOption,
        fmt: str = typer.Option("table", "--format", help="table, csv or json."),
        timeout: float = typer.Option(20.0, "--timeout", min=0.001,
                                      help="Stop the query after this many seconds: runs wait while it reads, "
                                           "and the default is under their default --lock-wait (30).")) -> None:
    """Run a read-only SQL query against the warehouse."""
    from warehouse.db import DatabaseBusy, DatabaseUnusable, resolve_db_path
    from warehouse.query import QueryTimeout, WriteRefused, run_sql

    if fmt not in ("table", "csv", "json"):
        err.print(f"error: unknown format {safe(fmt)!r}; use table, csv or json")
        raise typer.Exit(2)
    try:
        columns, rows = run_sql(resolve_db_path(db), query, timeout)
    except WriteRefused as exc:
        err.print(f"[bold red]refused:[/] {safe(exc)}")
        raise typer.Exit(2)
    except QueryTimeout as exc:
        err.print(Text(f"error: {safe(exc)}"))
        raise typer.Exit(4)
    except (DatabaseBusy, DatabaseUnusable, FileNotFoundError) as exc:
        err.print(f"[bold red]error:[/] {safe(exc)}")
        raise typer.Exit(3)
    except Exception as exc:  # a SQL error from DuckDB: show it, no traceback
        err.print(Text(f"SQL error: {safe(exc)}"))
        raise typer.Exit(1)
    print_rows(columns, rows, fmt)


def jsonable(value: object) -> object:
    """A value as JSON can hold it."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, Decimal):
        return float(value)
    return value


def visible(value: object) -> object:
    """A query value with the control and bidi characters of its text made visible (see `safe`)."""
    if isinstance(value, str):
        return safe(value)
    if isinstance(value, (list, tuple)):
        return [visible(v) for v in value]
    if isinstance(value, dict):
        return {visible(k): visible(v) for k, v in value.items()}
    return value


def print_rows(columns: list[str], rows: list[tuple], fmt: str) -> None:
    """Query results as a table, CSV or JSON lines; on a terminal, article text cannot drive it."""
    if fmt != "table" and sys.stdout.isatty():  # piped output keeps the exact data; the table is always safe
        rows = [tuple(visible(v) for v in row) for row in rows]
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif fmt == "json":
        for row in rows:
            print(json.dumps({c: jsonable(v) for c, v in zip(columns, row)}, ensure_ascii=False, default=str))
    else:
        table = Table(*columns)
        for row in rows:
            table.add_row(*(Text(safe("NULL" if v is None else v)) for v in row))
        out.print(table)
        out.print(f"{len(rows)} row{'s' if len(rows) != 1 else ''}")


@app.command()
def show(name: str = typer.Argument(..., help="Article name (file name without extension)."),
         db: Optional[str] = DbOption) -> None:
    """The facts of one article, each with its sentence and the figure marked in it."""
    from warehouse.db import DatabaseBusy, DatabaseUnusable, resolve_db_path
    from warehouse.query import article_facts

    try:
        facts = article_facts(resolve_db_path(db), name)
    except (DatabaseBusy, DatabaseUnusable, FileNotFoundError) as exc:
        err.print(f"[bold red]error:[/] {safe(exc)}")
        raise typer.Exit(3)
    except LookupError as exc:  # no article of that name
        err.print(Text(safe(exc)))
        raise typer.Exit(1)
    if not facts:
        err.print(Text(f"no facts for an article named {safe(name)!r}"))
        raise typer.Exit(1)
    for f in facts:
        out.print(Text(f"{f['metric']}  {fact_value(f)}  subject={list(f['subject'] or [])}  period={f['period']}  "
                       f"geography={f['geography']}  forecast={f['forecast']}  source={f['source']}  "
                       f"[{f['rule']}]", style="bold"))
        out.print(marked_sentence(f))
        out.print()


def fact_value(fact: dict) -> str:
    """The normalised value with its unit and qualifier, e.g. `>= 8.3e9 USD`."""
    sign = {"approximate": "~", "at_least": ">=", "at_most": "<=", "range": ""}.get(fact["qualifier"], "")
    high = f"-{fact['value_high']:g}" if fact.get("value_high") is not None else ""
    return f"{sign}{fact['value']:g}{high} {fact['unit']}"


def marked_sentence(fact: dict) -> Text:
    """The fact's sentence with its figure highlighted (located by the offsets into the body)."""
    body, sentence = fact.get("body") or "", fact["sentence"]
    start = body.rfind(sentence, 0, fact["start_char"] + 1)
    text = Text("  ")
    if start < 0 or not (start <= fact["start_char"] <= fact["end_char"] <= start + len(sentence)):
        return text.append(safe(sentence))
    a, b = fact["start_char"] - start, fact["end_char"] - start
    text.append(safe(sentence[:a]))
    text.append(safe(sentence[a:b]), style="reverse bold")
    return text.append(safe(sentence[b:]))


@app.command()
def extract(file: Path = typer.Argument(..., help="One article file (.md, .txt, .html, .jsonl)."),
            published: Optional[str] = typer.Option(None, help="Override the publication date (YYYY-MM-DD).")) -> None:
    """Extract the facts of one file without a database; prints JSON lines in FACTS.md field names."""
    from extractors.articles import Rejected
    from extractors.facts import extract_facts
    from extractors.sources import read_source

    rejected = False
    for article in read_source(file):
        if isinstance(article, Rejected):
            err.print(Text(f"rejected: {safe(article.source_path)}: {safe(article.reason)}"))
            rejected = True
            continue
        when = date.fromisoformat(published) if published else article.published
        for fact in extract_facts(article.body, when, article.title):
            print(json.dumps(dict(fact.as_record(), article=article.name), ensure_ascii=False))
    if rejected:
        raise typer.Exit(1)


# Commands that live in their own modules register themselves on `app` when imported (one line each below).
from flows import serve_command  # noqa: E402,F401  (registers its commands)
from flows import report_command  # noqa: E402,F401  (registers its commands)

if __name__ == "__main__":
    app()
