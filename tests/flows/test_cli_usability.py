"""The CLI as a new user meets it (issue 16): figures marked by their offsets in `show` and the report, `show` of a
file."""
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
WARNED_ARTICLE = "---\ntitle: Warned\npublished: yesterday\n---\n\nOracle said cloud revenue rose 24% to $5.9 billion.\n"
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
