"""The read commands of the real CLI: `sql` changes nothing, output cannot drive a terminal, errors are clear."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import pty
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from reliability_support import cli_command, cli_env, run_cli, warehouse_contents

pytestmark = pytest.mark.integration

ESCAPE_BODY = (
    "Oracle said cloud revenue rose 24% to $5.9 billion\x1b[2J in the quarter.\n\n"
    "AWS revenue rose 19% to $28.8 billion\x1b]52;c;cm0gLXJmIH4K\x07 in the fourth quarter of 2024.\n\n"
    "Microsoft said Azure revenue grew 33% \u202eretrauq eht ni\u202c this year.\x07\n\n"
    "Google Cloud revenue rose 28% to $12.3 billion\x9b31m in the first quarter of 2025.\n"
)
PLAIN_BODY = "Alibaba Cloud revenue rose 26% to 33.4 billion yuan in the June quarter.\n"
# ESC, BEL, the C1 CSI (as a character or a lone byte), and the bidi controls (embeddings, overrides, isolates, marks).
TERMINAL_CONTROLS = re.compile("[\x1b\x07\x9b\udc9b\u200e\u200f\u202a-\u202e\u2066-\u2069]")
RICH_STYLE = re.compile(rb"\x1b\[[0-9;]*m")  # what rich itself writes to a terminal: colours and bold


@dataclass(frozen=True)
class Warehouse:
    """A database made by one CLI run, and the environment to run the CLI against it."""

    db_path: Path
    workdir: Path
    env: dict[str, str]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory, prefect_api: str) -> Warehouse:
    """One CLI run over an article full of terminal escape sequences and a plain one."""
    workdir = tmp_path_factory.mktemp("cli-safety")
    folder = workdir / "articles"
    folder.mkdir()
    (folder / "escapes.md").write_text("---\ntitle: \"Escapes \\e[2J\"\npublished: 2025-05-01\n---\n\n" + ESCAPE_BODY,
                                       encoding="utf-8")
    (folder / "plain.md").write_text("---\ntitle: Plain\npublished: 2025-08-29\n---\n\n" + PLAIN_BODY,
                                     encoding="utf-8")
    env = cli_env(workdir / "prefect-home", prefect_api)
    db_path = workdir / "warehouse.duckdb"
    result = run_cli(["run", str(folder), "--db", str(db_path)], env, workdir)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-3000:]
    return Warehouse(db_path, workdir, env)


def cli(warehouse: Warehouse, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run a read command of the CLI against the module's database."""
    return run_cli([*args, "--db", str(warehouse.db_path)], warehouse.env, warehouse.workdir, timeout=120)


def on_terminal(warehouse: Warehouse, *args: str) -> bytes:
    """What a read command writes to a real (pseudo) terminal."""
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(cli_command() + [*args, "--db", str(warehouse.db_path)], env=warehouse.env,
                                   cwd=warehouse.workdir, stdin=subprocess.DEVNULL, stdout=follower,
                                   stderr=subprocess.PIPE)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the terminal's other side is closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=120) == 0, process.stderr.read().decode(errors="replace")
        return b"".join(chunks)
    finally:
        os.close(leader)


def controls_in(output: bytes, own_styling: bool = False) -> list[str]:
    """Terminal control characters in output (leaving out rich's own colours when own_styling)."""
    if own_styling:
        output = RICH_STYLE.sub(b"", output)
    return TERMINAL_CONTROLS.findall(output.decode("utf-8", "surrogateescape"))


def fingerprint(db_path: Path) -> tuple[str, dict]:
    """The database file's bytes hash and its rows, to prove nothing changed."""
    return hashlib.sha256(db_path.read_bytes()).hexdigest(), warehouse_contents(db_path)


# --- show: article text cannot drive the terminal --------------------------------------------------


def test_show_prints_the_facts_without_raw_control_characters(warehouse: Warehouse) -> None:
    result = cli(warehouse, "show", "escapes")
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert b"$5.9 billion" in result.stdout and b"$28.8 billion" in result.stdout
    assert controls_in(result.stdout) == [], result.stdout
    assert b"\\x1b" in result.stdout  # made visible, not dropped


def test_show_on_a_terminal_writes_only_its_own_styling(warehouse: Warehouse) -> None:
    shown = on_terminal(warehouse, "show", "escapes")
    assert b"$5.9 billion" in shown
    assert controls_in(shown, own_styling=True) == [], shown


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_sql_on_a_terminal_writes_no_control_characters_from_articles(warehouse: Warehouse, fmt: str) -> None:
    shown = on_terminal(warehouse, "sql", "SELECT title, body FROM articles ORDER BY name", "--format", fmt)
    assert b"Oracle said cloud revenue" in shown
    assert controls_in(shown, own_styling=True) == [], shown


def test_sql_into_a_pipe_keeps_the_data_exact(warehouse: Warehouse) -> None:
    result = cli(warehouse, "sql", "SELECT body FROM articles WHERE name = 'escapes'", "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == {"body": ESCAPE_BODY}


def test_show_of_an_unknown_article_says_so_without_a_traceback(warehouse: Warehouse) -> None:
    result = cli(warehouse, "show", "no-such-article")
    assert result.returncode == 1
    assert b"no article named 'no-such-article'" in result.stderr
    assert b"Traceback" not in result.stderr


# --- sql: refuses everything that could change state ------------------------------------------------

REFUSED = {
    "insert": "INSERT INTO runs (run_id, started_at, status) VALUES ('x', now(), 'running')",
    "update": "UPDATE facts SET value = 0",
    "delete": "DELETE FROM articles",
    "drop": "DROP TABLE facts",
    "attach": "ATTACH '{tmp}/attached.duckdb' AS other",
    "copy_to": "COPY facts TO '{tmp}/facts.csv'",
    "export": "EXPORT DATABASE '{tmp}/export'",
    "install": "INSTALL httpfs",
    "load": "LOAD httpfs",
    "set": "SET enable_external_access = true",
    "pragma": "PRAGMA enable_profiling",
    "checkpoint": "CHECKPOINT",
    "second_statement": "SELECT 1; DROP TABLE facts",
    "explain_analyze_write": "EXPLAIN ANALYZE DELETE FROM facts",
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_sql_refuses_statements_that_change_state(warehouse: Warehouse, tmp_path: Path, name: str) -> None:
    before = fingerprint(warehouse.db_path)
    result = cli(warehouse, "sql", REFUSED[name].format(tmp=tmp_path))
    message = result.stderr.decode(errors="replace")
    assert result.returncode == 2, message
    assert "refused" in message and "Nothing was executed" in message and "Traceback" not in message
    assert result.stdout == b""
    assert fingerprint(warehouse.db_path) == before
    assert list(tmp_path.iterdir()) == []


def test_sql_refusal_says_what_is_allowed(warehouse: Warehouse) -> None:
    result = cli(warehouse, "sql", "DELETE FROM facts")
    assert result.returncode == 2
    assert b"refused" in result.stderr and b"read-only" in result.stderr


def test_select_cannot_read_files(warehouse: Warehouse) -> None:
    result = cli(warehouse, "sql", "SELECT * FROM read_csv('/etc/passwd')")
    assert result.returncode != 0
    assert b"root:" not in result.stdout and b"Traceback" not in result.stderr


# --- sql: SELECT works in every format --------------------------------------------------------------

SELECT_NAMES = "SELECT name, title, published FROM current_articles ORDER BY name"


def test_select_as_table(warehouse: Warehouse) -> None:
    result = cli(warehouse, "sql", SELECT_NAMES, "--format", "table")
    assert result.returncode == 0
    text = result.stdout.decode()
    assert "escapes" in text and "Plain" in text and "2025-08-29" in text and "2 rows" in text


def test_select_as_csv(warehouse: Warehouse) -> None:
    result = cli(warehouse, "sql", SELECT_NAMES, "--format", "csv")
    assert result.returncode == 0
    rows = list(csv.reader(io.StringIO(result.stdout.decode())))
    assert rows == [["name", "title", "published"], ["escapes", "Escapes \x1b[2J", "2025-05-01"],
                    ["plain", "Plain", "2025-08-29"]]


def test_select_as_json(warehouse: Warehouse) -> None:
    result = cli(warehouse, "sql", SELECT_NAMES, "--format", "json")
    assert result.returncode == 0
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert rows == [{"name": "escapes", "title": "Escapes \x1b[2J", "published": "2025-05-01"},
                    {"name": "plain", "title": "Plain", "published": "2025-08-29"}]


def test_select_as_json_takes_every_kind_of_value(warehouse: Warehouse) -> None:
    result = cli(warehouse, "sql", "SELECT 1.5 AS d, INTERVAL 1 DAY AS i, 'ab'::BLOB AS b, TIME '10:00' AS t, "
                 "{'when': DATE '2025-01-01', 'n': 2.5} AS s, MAP {'k': 1} AS m, [1.5, 2.5] AS l", "--format", "json")
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    row = json.loads(result.stdout)
    assert row["d"] == 1.5 and row["t"] == "10:00:00" and row["l"] == [1.5, 2.5]
    assert row["s"] == {"when": "2025-01-01", "n": 2.5} and row["m"] == {"k": 1}


def test_sql_without_a_database_says_so(warehouse: Warehouse, tmp_path: Path) -> None:
    result = run_cli(["sql", "SELECT 1", "--db", str(tmp_path / "none.duckdb")], warehouse.env, tmp_path)
    assert result.returncode == 3
    assert b"no cloudfacts database" in result.stderr and not (tmp_path / "none.duckdb").exists()


# --- extract: a sentence that never ends is read in bounded pieces, in time linear in its length ------


def test_extract_reads_an_endless_sentence_in_bounded_time(warehouse: Warehouse, tmp_path: Path) -> None:
    endless = tmp_path / "endless.md"
    endless.write_text("cloud revenue grew 5% and AWS spent $3 billion " * 21_000, encoding="utf-8")
    result = run_cli(["extract", str(endless)], warehouse.env, tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    assert b'"text": "$3 billion"' in result.stdout
