"""The CLI as a new user meets it (issue 16): figures marked by their offsets in `show` and the report, `show` of a
file, one clear line for every bad option value, a missing input path, `--version`, `sql` from standard input, one
"refused:", and the warnings listed after a run."""
from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pytest

from reliability_support import cli_command, cli_env, run_cli

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
# "8.6%" is also the end of "18.6%": a figure found by searching its text is marked in the wrong place.
SHARE_ARTICLE = """---
title: Cloud market shares in the fourth quarter
published: 2025-02-10
outlet: Example Wire
---

Canalys said Alibaba Cloud held a 36% share of the Chinese cloud market in the fourth quarter of 2024, followed by \
Huawei Cloud on 19.1% and Tencent on 18.6%, with AWS on 8.6%.
"""
WARNED_ARTICLE = ("---\ntitle: Warned\npublished: yesterday\n---\n\n"
                  "Oracle said cloud revenue rose 24% to $5.9 billion.\n")
# What rich writes around "reverse bold" text on a terminal.
MARKED = "\x1b[1;7m{}\x1b[0m"


@dataclass(frozen=True)
class Workspace:
    """A folder of articles, the warehouse one CLI run made of it, and what that run printed."""

    workdir: Path
    db_path: Path
    env: dict[str, str]
    run_stdout: str


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory, prefect_api: str) -> Workspace:
    workdir = tmp_path_factory.mktemp("usability")
    articles = workdir / "articles"
    articles.mkdir()
    (articles / "share-q4.md").write_text(SHARE_ARTICLE, encoding="utf-8")
    (articles / "warned.md").write_text(WARNED_ARTICLE, encoding="utf-8")
    shutil.copy(REPO / "sample_articles" / "s03-canalys-fourth-quarter.md", articles)
    env = cli_env(workdir / "prefect-home", prefect_api) | {"COLUMNS": "250"}
    db_path = workdir / "warehouse.duckdb"
    result = run_cli(["run", "articles", "--db", str(db_path)], env, workdir)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-3000:]
    return Workspace(workdir, db_path, env, result.stdout.decode())


def cli(ws: Workspace, *args: str, env: dict[str, str] | None = None, **options) -> subprocess.CompletedProcess[str]:
    """Run the CLI in the workspace folder, text output."""
    return subprocess.run(cli_command() + list(args), env=env or ws.env, cwd=ws.workdir, capture_output=True,
                          text=True, timeout=120, **options)


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    """The single line a failed command printed on stderr (asserting it is one line and no traceback)."""
    assert result.returncode != 0, result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


# --- 1. show marks the figure by its offsets, and takes a path or file name ---------------------------------------


@pytest.mark.parametrize("given", ["articles/share-q4.md", "share-q4.md", "share-q4", "{workdir}/articles/share-q4.md"])
def test_show_marks_each_figure_at_its_offsets_given_a_name_or_path(workspace: Workspace, given: str) -> None:
    result = cli(workspace, "show", given.format(workdir=workspace.workdir), "--db", str(workspace.db_path),
                 env=workspace.env | {"FORCE_COLOR": "1"})
    assert result.returncode == 0, result.stderr
    # Each fact is shown with its sentence, only its own figure marked.
    assert "Tencent on " + MARKED.format("18.6%") + ", with AWS on 8.6%." in result.stdout
    assert "Tencent on 18.6%, with AWS on " + MARKED.format("8.6%") + "." in result.stdout
    assert "held a " + MARKED.format("36%") + " share" in result.stdout


def test_show_of_a_sample_article_marks_every_figure(workspace: Workspace) -> None:
    result = cli(workspace, "show", "articles/s03-canalys-fourth-quarter.md", "--db", str(workspace.db_path),
                 env=workspace.env | {"FORCE_COLOR": "1"})
    assert result.returncode == 0, result.stderr
    facts = result.stdout.count("subject=")
    assert facts > 5 and len(re.findall(re.escape("\x1b[1;7m"), result.stdout)) == facts


def test_show_of_an_unknown_file_says_so(workspace: Workspace) -> None:
    line = one_line_error(cli(workspace, "show", "articles/none.md", "--db", str(workspace.db_path)))
    assert "no article named 'articles/none.md'" in line


# --- 2. the report marks the figure by its offsets ------------------------------------------------------------------


def test_report_marks_the_figure_at_its_offsets_not_where_its_text_first_occurs(workspace: Workspace) -> None:
    result = cli(workspace, "report", "--db", str(workspace.db_path), "--out", "report.html")
    assert result.returncode == 0, result.stderr
    html = (workspace.workdir / "report.html").read_text(encoding="utf-8")
    assert "Tencent on <mark>18.6%</mark>" in html
    assert "Tencent on 18.6%, with AWS on <mark>8.6%</mark>" in html
    assert "1<mark>8.6%</mark>" not in html


# --- 3. every bad option value: one clear line, a non-zero exit, nothing created ----------------------------------

BAD_OPTIONS = {
    "published_month_13": (["extract", "articles/share-q4.md", "--published", "2025-13-01"], "--published"),
    "published_words": (["extract", "articles/share-q4.md", "--published", "yesterday"], "--published"),
    "batch_size_text": (["run", "articles", "--batch-size", "many"], "--batch-size"),
    "batch_size_zero": (["run", "articles", "--batch-size", "0"], "--batch-size"),
    "max_mb_negative": (["run", "articles", "--max-mb", "-1"], "--max-mb"),
    "lock_wait_negative": (["run", "articles", "--lock-wait", "-5"], "--lock-wait"),
    "workers_zero": (["run", "articles", "--workers", "0"], "--workers"),
    "sql_format": (["sql", "SELECT 1", "--format", "xml"], "xml"),
    "export_format": (["export", "--format", "xls", "--out", "exported"], "--format"),
    "unknown_option": (["run", "articles", "--colour"], "--colour"),
    "serve_interval": (["serve", "--inbox", "articles", "--interval", "0"], "--interval"),
    "serve_cron": (["serve", "--inbox", "articles", "--cron", "every hour"], "--cron"),
}


@pytest.mark.parametrize("name", sorted(BAD_OPTIONS))
def test_a_bad_option_value_is_one_clear_line(workspace: Workspace, tmp_path: Path, name: str) -> None:
    args, mentioned = BAD_OPTIONS[name]
    db_path = tmp_path / "new" / "warehouse.duckdb"
    line = one_line_error(cli(workspace, *args, "--db", str(db_path)) if args[0] != "extract"
                          else cli(workspace, *args))
    assert mentioned in line, line
    assert not db_path.parent.exists()


# --- 4. a path that does not exist -----------------------------------------------------------------------------------


def test_run_of_a_missing_path_says_so_and_creates_nothing(workspace: Workspace, tmp_path: Path) -> None:
    db_path = tmp_path / "data" / "warehouse.duckdb"
    result = cli(workspace, "run", "articles", "artciles/typo", "--db", str(db_path))
    assert result.returncode == 2
    assert "no such file or folder: artciles/typo" in one_line_error(result)
    assert not db_path.parent.exists()


# --- 5. --version, sql from standard input, one "refused:" ---------------------------------------------------------


def test_version(workspace: Workspace) -> None:
    result = cli(workspace, "--version")
    assert result.returncode == 0 and result.stdout.strip() == f"cloudfacts {version('cloudfacts')}"


def test_sql_reads_its_query_from_standard_input(workspace: Workspace) -> None:
    query = workspace.workdir / "q.sql"
    query.write_text("SELECT name FROM current_articles\nORDER BY name;\n", encoding="utf-8")
    with open(query, encoding="utf-8") as stdin:
        result = cli(workspace, "sql", "--db", str(workspace.db_path), "--format", "csv", stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["name", "s03-canalys-fourth-quarter", "share-q4", "warned"]


def test_a_refusal_says_refused_once(workspace: Workspace) -> None:
    line = one_line_error(cli(workspace, "sql", "DELETE FROM facts", "--db", str(workspace.db_path)))
    assert line.startswith("refused: DELETE statement") and line.count("refused:") == 1, line


# --- 6. the run summary lists the warnings it counts -------------------------------------------------------------


def test_run_summary_lists_its_warnings(workspace: Workspace) -> None:
    assert "warnings 1" in workspace.run_stdout, workspace.run_stdout
    warning_lines = [line for line in workspace.run_stdout.splitlines() if line.startswith("warning: ")]
    assert len(warning_lines) == 1 and "warned.md" in warning_lines[0] and "yesterday" in warning_lines[0], \
        workspace.run_stdout
