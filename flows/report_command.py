"""`cloudfacts report` (one offline HTML file) and `cloudfacts export` (Parquet or CSV files)."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.text import Text

from flows.cli import DbOption, app, err, out, safe


class ExportFormat(str, Enum):
    """File formats `cloudfacts export` writes."""

    parquet = "parquet"
    csv = "csv"


@app.command()
def report(db: Optional[str] = DbOption,
           out_path: Path = typer.Option(Path("report.html"), "--out", help="HTML file to write."),
           article_pages: bool = typer.Option(True, "--article-pages/--no-article-pages",
                                              help="Also write each cited article with its figures marked "
                                                   "(displaCy) into OUT's folder + '_articles', linked from the "
                                                   "report.")) -> None:
    """Write a self-contained HTML report: spending and share charts, footprint, conflicts."""
    from warehouse.db import DatabaseBusy, DatabaseUnusable, resolve_db_path
    from warehouse.report import MissingViews, write_report
    from warehouse.safe_files import OutputRefused

    pages_dir = f"{out_path.stem}_articles" if article_pages else None
    try:
        summary = write_report(resolve_db_path(db), out_path, pages_dir)
        if pages_dir:
            from flows.article_pages import write_cited_pages
            write_cited_pages(resolve_db_path(db), summary.cited_articles, out_path.parent / pages_dir)
    except (DatabaseBusy, DatabaseUnusable, FileNotFoundError, MissingViews, OutputRefused) as exc:
        err.print(Text(f"error: {safe(exc)}"))
        raise typer.Exit(3)
    out.print(Text(f"report written to {safe(summary.path)}: {summary.spending_charts} spending charts, "
                   f"{summary.share_charts} share charts, {summary.footprint_rows} footprint rows, "
                   f"{summary.conflicts} conflicts, {summary.evidence} cited sentences"))


@app.command()
def export(fmt: ExportFormat = typer.Option(..., "--format", help="parquet (keeps types) or csv."),
           out_dir: Path = typer.Option(..., "--out", help="Folder to write <table>.<format> files into."),
           db: Optional[str] = DbOption) -> None:
    """Export the articles and facts tables and the analysis views for other tools."""
    from warehouse.db import DatabaseBusy, DatabaseUnusable, resolve_db_path
    from warehouse.export import export_warehouse
    from warehouse.report import MissingViews
    from warehouse.safe_files import OutputRefused

    try:
        written = export_warehouse(resolve_db_path(db), out_dir, fmt.value)
    except (DatabaseBusy, DatabaseUnusable, FileNotFoundError, MissingViews, OutputRefused) as exc:
        err.print(Text(f"error: {safe(exc)}"))
        raise typer.Exit(3)
    for exported in written:
        out.print(Text(f"{exported.rows:>8} rows  {safe(exported.path)}"))
