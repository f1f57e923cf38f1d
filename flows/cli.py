"""The `cloudfacts` command line: run the flow, query the warehouse, show and extract facts."""
from __future__ import annotations

import csv
import json
import os
import re
import sys
import urllib.request
from datetime import date, datetime
from decimal import Decimal
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any, Optional

import typer
# Typer's own copy of click: the exceptions its parser raises for a bad option value or a missing argument.
from typer._click.exceptions import ClickException, NoArgsIsHelpError
from rich.console import Console
from rich.table import Table
from rich.text import Text

out = Console(highlight=False)
# soft_wrap: an error message stays one line (greppable) however narrow the terminal or log.
err = Console(stderr=True, highlight=False, soft_wrap=True)


class OneLineErrors(typer.Typer):
    """A Typer app whose usage errors (a bad option value, a missing argument) are one line on stderr, exit 2."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            code = super().__call__(*args, standalone_mode=False, **kwargs)
        except NoArgsIsHelpError as exc:  # `cloudfacts` alone: the help
            exc.show()
            sys.exit(exc.exit_code)
        except ClickException as exc:
            command = f" (see `{exc.ctx.command_path} --help`)" if getattr(exc, "ctx", None) else ""
            err.print(Text(f"error: {safe(exc.format_message())}{command}"))
            sys.exit(exc.exit_code)
        except typer.Abort:
            err.print("aborted")
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


app = OneLineErrors(add_completion=False, no_args_is_help=True,
                    help="Turn cloud-industry news into facts in a DuckDB warehouse.")

DbOption = typer.Option(None, "--db", help="DuckDB file (default: $CLOUDFACTS_DB or data/cloudfacts.duckdb).")
# Where `make server` serves the Prefect API; a run uses it when it answers and PREFECT_API_URL is not set.
LOCAL_SERVER_URL = "http://127.0.0.1:4200/api"
LOCAL_SERVER_ENV_VAR = "CLOUDFACTS_PREFECT_SERVER"
TEMPORARY_SERVER = "temporary (started and stopped by this run; `make server` makes runs ~12 s faster)"
SUMMARY_PROBLEMS = 20  # rejects and warnings listed after a run; the rest are in the rejects table
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def safe(text: object) -> str:
    """Text from articles with control and bidi characters made visible, so it cannot drive the terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


def print_version(wanted: bool) -> None:
    """`cloudfacts --version`: the installed package's version."""
    if wanted:
        out.print(f"cloudfacts {package_version('cloudfacts')}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=print_version, is_eager=True,
                                      help="Print the version and exit.")) -> None:
    """Turn cloud-industry news into facts in a DuckDB warehouse."""


def bad_value(option: str, message: str) -> typer.BadParameter:
    """A usage error for one option's value (printed as one line by OneLineErrors)."""
    return typer.BadParameter(message, param_hint=f"'{option}'")


def iso_date(option: str, value: str | None) -> date | None:
    """An option's YYYY-MM-DD value as a date; a usage error when it is not one."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise bad_value(option, f"{value!r} is not a date of the form YYYY-MM-DD ({exc})") from None


def server_answers(api_url: str, timeout_seconds: float = 1.0) -> bool:
    """True when a Prefect API answers its health check at api_url (e.g. http://127.0.0.1:4200/api)."""
    try:
        with urllib.request.urlopen(f"{api_url.rstrip('/')}/health", timeout=timeout_seconds) as response:
            return response.status == 200 and response.read(16).strip() == b"true"
    except (OSError, ValueError):
        return False


def choose_prefect_api() -> str | None:
    """The Prefect API a run will use: $PREFECT_API_URL when set; else the server `make server` starts, when one
    answers on its address ($CLOUDFACTS_PREFECT_SERVER, default http://127.0.0.1:4200/api), which then becomes
    $PREFECT_API_URL; else None, for Prefect's temporary server (~12-15 s to start and stop every run).

    Call before Prefect is imported: its settings are read once, at import."""
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    local = os.environ.get(LOCAL_SERVER_ENV_VAR) or LOCAL_SERVER_URL
    if server_answers(local):
        os.environ["PREFECT_API_URL"] = local
        return local
    return None


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
        lock_wait: float = typer.Option(30.0, min=0, help="Seconds to wait for another run's lock."),
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
    if max_mb <= 0:
        raise bad_value("--max-mb", f"{max_mb:g} is not a positive number of megabytes")
    missing = missing_inputs(paths or [], feeds or [])
    if missing:  # before anything is created: a typo must not leave an empty warehouse behind
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        err.print(Text(f"error: no such file or folder: {safe(missing[0])}{more}; nothing was run"))
        raise typer.Exit(2)
    prefect_defaults()
    api_url = choose_prefect_api()
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
    summary["prefect_api"] = api_url or TEMPORARY_SERVER
    if as_json:
        out.print_json(data=summary)
    else:
        print_summary(summary)


def missing_inputs(paths: list[Path], feeds: list[str]) -> list[str]:
    """The paths, and the feeds given as file paths (not URLs), that do not exist."""
    local_feeds = [Path(feed) for feed in feeds if "://" not in feed]
    return [str(p) for p in [*paths, *local_feeds] if not os.path.lexists(p)]


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
    if summary.get("prefect_api"):
        out.print(Text(f"Prefect API: {safe(summary['prefect_api'])}"))
    if summary.get("files_skipped"):
        out.print(f"{summary['files_skipped']} files not read again: their bytes are as a run last stored them")
    if summary["metric_counts"]:
        table = Table("metric", "facts", title="facts per metric (this run)")
        for metric, n in sorted(summary["metric_counts"].items()):
            table.add_row(metric, str(n))
        out.print(table)
    problems = ([("rejected", path, reason) for path, reason in summary["rejects"]]
                + [("warning", path, reason) for path, reason in summary.get("warning_list", [])])
    for kind, path, reason in problems[:SUMMARY_PROBLEMS]:
        out.print(Text(f"{kind}: {safe(path)}: {safe(reason)}"))
    if len(problems) > SUMMARY_PROBLEMS:
        out.print(f"... and {len(problems) - SUMMARY_PROBLEMS} more (see the rejects table)")


@app.command()
def sql(query: Optional[str] = typer.Argument(None, help="One read-only SQL statement; without it (or with -) "
                                              "the statement is read from standard input."),
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
    if query is None or query == "-":
        if sys.stdin is None or sys.stdin.isatty():
            err.print("error: give the query as an argument or on standard input (cloudfacts sql < query.sql)")
            raise typer.Exit(2)
        query = sys.stdin.read()
    try:
        columns, rows = run_sql(resolve_db_path(db), query, timeout)
    except WriteRefused as exc:  # its message starts with "refused:"
        err.print(Text(safe(exc), style="bold red"))
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
def show(name: str = typer.Argument(..., help="Article name (file name without extension), or the file's path or "
                                         "name (a .jsonl file or feed: every article read from it)."),
         db: Optional[str] = DbOption,
         html: Optional[Path] = typer.Option(None, "--html", help="Also write the article with every figure "
                                             "marked (displaCy's span view) to this HTML file.")) -> None:
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
    if html is not None:
        from flows.article_pages import write_article_page
        from warehouse.safe_files import OutputRefused
        try:
            err.print(Text(f"wrote {safe(write_article_page(facts, html))}"))
        except OutputRefused as exc:  # a link or a folder where the page goes
            err.print(f"[bold red]error:[/] {safe(exc)}")
            raise typer.Exit(2)
    several, shown = len({f["name"] for f in facts}) > 1, None
    for f in facts:
        if several and f["name"] != shown:  # a file of several articles: a heading for each
            out.print(Text(f"== {safe(f['name'])}: {safe(f['title'] or '')}", style="bold underline"))
        shown = f["name"]
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
    """The fact's sentence with its figure highlighted, located by the fact's offsets into the body."""
    from warehouse.evidence import figure_in_sentence

    before, figure, after = figure_in_sentence(fact.get("body") or "", fact["sentence"], fact["start_char"],
                                               fact["end_char"])
    text = Text("  ")
    text.append(safe(before))
    text.append(safe(figure), style="reverse bold")
    return text.append(safe(after))


@app.command()
def extract(file: Path = typer.Argument(..., help="One article file (.md, .txt, .html, .jsonl)."),
            published: Optional[str] = typer.Option(None, help="Override the publication date (YYYY-MM-DD).")) -> None:
    """Extract the facts of one file without a database; prints JSON lines as the warehouse would store them."""
    from extractors.articles import Rejected
    from extractors.facts import extract_facts
    from extractors.sources import read_source
    from warehouse.fact_records import article_records

    override = iso_date("--published", published)
    if not file.exists():
        err.print(Text(f"error: no such file: {safe(file)}"))
        raise typer.Exit(2)
    rejected = False
    for article in read_source(file):
        if isinstance(article, Rejected):
            err.print(Text(f"rejected: {safe(article.source_path)}: {safe(article.reason)}"))
            rejected = True
            continue
        when = override or article.published
        records = [dict(f.as_record(), article_id=article.article_id)
                   for f in extract_facts(article.body, when, article.title)]
        for record in article_records(records, when):  # with fact_id, conversion_of and the US dollar values
            shown = {k: v for k, v in record.items() if k != "article_id"} | {"article": article.name}
            print(json.dumps(shown, ensure_ascii=False, default=str))
    if rejected:
        raise typer.Exit(1)


# Commands that live in their own modules register themselves on `app` when imported (one line each below).
from flows import serve_command  # noqa: E402,F401  (registers its commands)
from flows import report_command  # noqa: E402,F401  (registers its commands)

if __name__ == "__main__":
    app()
