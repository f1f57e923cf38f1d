"""`cloudfacts serve`: run the flow on a schedule (and by hand) through a Prefect server."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape

from flows.cli import DbOption, app, err, out, prefect_defaults, safe


@app.command()
def serve(inbox: Optional[list[Path]] = typer.Option(None, "--inbox",
                                                     help="Folder that fills up with article files (repeatable)."),
          feeds: Optional[list[str]] = typer.Option(None, "--feed", help="RSS/Atom feed URL (or feed file) read by "
                                                    "every run (repeatable)."),
          sources: Optional[Path] = typer.Option(None, "--sources", help="File listing folders and feeds, one a "
                                                 "line: 'folder PATH' or 'feed URL' (# starts a comment)."),
          cron: str = typer.Option("0 * * * *", help="Cron schedule, in UTC (default: every hour)."),
          interval: Optional[float] = typer.Option(None, help="Run every this many seconds instead of --cron."),
          db: Optional[str] = DbOption,
          lock_wait: float = typer.Option(30.0, help="Seconds a run waits for another run's lock.")) -> None:
    """Serve the flow as deployment 'extract-cloud-facts/scheduled' until Ctrl-C (needs `make server`)."""
    prefect_defaults()
    from flows.deploy import FULL_DEPLOYMENT_NAME, ServerNotConfigured, plan_serve, require_server, serve

    try:
        plan = plan_serve(inbox, db, cron, interval, lock_wait, feeds=feeds or [], sources_file=sources)
    except ValueError as exc:
        err.print(f"[bold red]error:[/] {escape(safe(exc))}")
        raise typer.Exit(2)
    try:
        api_url = require_server()
    except ServerNotConfigured as exc:
        err.print(f"[bold red]error:[/] {escape(safe(exc))}")
        raise typer.Exit(3)
    out.print(escape(f"serving {FULL_DEPLOYMENT_NAME}: {safe(plan.describe_sources())} -> {safe(plan.db)}, "
                     f"{plan.describe()}, Prefect API {safe(api_url)}; Ctrl-C stops serving"))
    serve(plan)
