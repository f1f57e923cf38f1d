"""Issue 17: what an attacker or a careless operator does, through the real CLI on real files and databases.

Each test failed on the code before its fix; the README's Reliability section names them.
"""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import duckdb
import pytest

from reliability_support import cli_env, run_cli

pytestmark = pytest.mark.integration

AWS = "AWS revenue rose 19% to $28.8 billion in the fourth quarter of 2024.\n"
AZURE = "Microsoft said Azure revenue grew 33% in the first quarter of 2025.\n"
GOOGLE = "Google Cloud revenue rose 28% to $12.3 billion in the first quarter of 2025.\n"


@pytest.fixture()
def env(prefect_api: str, tmp_path: Path) -> dict[str, str]:
    """The CLI's environment: the session's Prefect server, a Prefect home of this test."""
    return cli_env(tmp_path / "prefect-home", prefect_api)


def cloudfacts(env: dict[str, str], cwd: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run the real CLI to its end; output as text (undecodable bytes replaced)."""
    result = run_cli(list(args), env, cwd, timeout=timeout)
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode("utf-8", "replace"),
                                       result.stderr.decode("utf-8", "replace"))


def query(db_path: Path, sql: str, parameters: list | None = None) -> list[tuple]:
    """Rows of one query on a warehouse file, opened read-only."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.execute(sql, parameters or []).fetchall()


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    """The command printed no Python traceback."""
    assert "Traceback" not in result.stderr + result.stdout, result.stderr[-3000:]


def article(title: str, body: str, extra: str = "") -> str:
    """A Markdown article with front matter."""
    return f"---\ntitle: {title}\npublished: 2025-05-01\n{extra}---\n\n{body}"


# --- 1. names, titles and URLs that cannot be encoded are rejects, never a failed run ------------------------


def test_undecodable_file_names_and_lone_surrogates_are_rejects_not_a_failed_run(env, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.md").write_text(article("Good", AWS), encoding="utf-8")
    os.mkdir(os.path.join(os.fsencode(inbox), b"dir\xfe"))
    with open(os.path.join(os.fsencode(inbox), b"bad\xffbyte.md"), "w", encoding="utf-8") as handle:
        handle.write(AZURE)
    with open(os.path.join(os.fsencode(inbox), b"dir\xfe", b"inner.md"), "w", encoding="utf-8") as handle:
        handle.write(AZURE)
    lines = [{"name": "evil\udcff", "body": AZURE}, {"name": "titled", "title": "t\udcff", "body": GOOGLE},
             {"name": "fine", "body": "Oracle said revenue rose 8% in 2024.", "odd\udcff": 1}]
    (inbox / "lines.jsonl").write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    db_path = tmp_path / "w.duckdb"
    for attempt in range(2):  # the next (scheduled) run works too
        result = cloudfacts(env, tmp_path, "run", str(inbox), "--db", str(db_path), "--json")
        no_traceback(result)
        assert result.returncode == 0, result.stderr[-3000:]
    assert query(db_path, "SELECT DISTINCT status FROM runs") == [("completed",)]
    assert sorted(n for (n,) in query(db_path, "SELECT name FROM articles")) == ["fine", "good"]
    rejects = query(db_path, "SELECT DISTINCT source_path, reason FROM rejects ORDER BY ALL")
    reasons = {path.rsplit("/", 1)[-1] + ": " + reason for path, reason in rejects}
    assert any(r.startswith("bad\\xffbyte.md: file name is not valid UTF-8") for r in reasons), reasons
    assert any(r.startswith("dir\\xfe: file name is not valid UTF-8") for r in reasons), reasons
    assert any(r.startswith("lines.jsonl: line 1: name cannot be stored") for r in reasons), reasons
    assert any(r.startswith("lines.jsonl: line 2: title cannot be stored") for r in reasons), reasons
    assert any(r.startswith("lines.jsonl: line 3: unknown field 'odd\\udcff' ignored") for r in reasons), reasons


# --- 13. front matter keeps text as written ---------------------------------------------------------------


def test_front_matter_text_is_kept_as_written(env, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    cases = {"t1": "title: 1:30\n", "t2": "title: 010\n", "t3": "title: yes\n",
             "t4": "title: Plain\nurl: 0x1F\noutlet: NO\n", "t5": "title: Cloud: the #1 story\n"}
    for number, (name, front) in enumerate(cases.items()):
        body = f"AWS revenue rose {number + 10}% in the fourth quarter of 2024.\n"
        (inbox / f"{name}.md").write_text(f"---\n{front}published: 2025-05-01\n---\n\n{body}", encoding="utf-8")
    db_path = tmp_path / "w.duckdb"
    result = cloudfacts(env, tmp_path, "run", str(inbox), "--db", str(db_path))
    assert result.returncode == 0, result.stderr[-3000:]
    rows = {name: (title, url, outlet) for name, title, url, outlet in
            query(db_path, "SELECT name, title, url, outlet FROM articles")}
    assert rows == {"t1": ("1:30", None, None), "t2": ("010", None, None), "t3": ("yes", None, None),
                    "t4": ("Plain", "0x1F", "NO"), "t5": ("Cloud: the #1 story", None, None)}
    warnings = query(db_path, "SELECT source_path, reason FROM rejects WHERE severity = 'warning'")
    assert [Path(path).name for path, _ in warnings] == ["t5.md"]  # where it had to guess, it says so
    assert "read as plain 'key: value' lines" in warnings[0][1]
    assert query(db_path, "SELECT DISTINCT published FROM articles")[0][0].isoformat() == "2025-05-01"
