"""Runs over a folder that changes between them: unchanged files are skipped, everything else is read as before."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from reliability_support import cli_env, run_cli, warehouse_contents

pytestmark = pytest.mark.integration

AWS_V1 = "---\ntitle: AWS\npublished: 2025-02-07\n---\n\nAWS revenue rose 19% to $28.8 billion in 2024.\n"
AWS_V2 = "---\ntitle: AWS\npublished: 2025-02-07\n---\n\nAWS revenue rose 21% to $29.1 billion in 2024.\n"
WARNED = "---\ntitle: [not, a, title]\n---\n\nOracle said cloud revenue grew 24% in the quarter.\n"
WIRE = ('{"name": "azure", "body": "Azure revenue grew 31% in the quarter."}\n'
        '{"name": "gcp", "body": "Google Cloud revenue reached $15.2 billion in the third quarter of 2025."}\n')


class Folder:
    """A folder of articles and the warehouse that runs over it fill."""

    def __init__(self, root: Path, prefect_api: str) -> None:
        self.articles = root / "articles"
        self.articles.mkdir()
        self.db_path = root / "cloudfacts.duckdb"
        self.root = root
        self.env = cli_env(root / "prefect-home", prefect_api)

    def run(self, *options: str) -> dict:
        """One `cloudfacts run --json` over the folder; its summary."""
        result = run_cli(["run", str(self.articles), "--db", str(self.db_path), "--json", *options], self.env,
                         self.root)
        assert result.returncode == 0, result.stderr.decode(errors="replace")[-3000:]
        return json.loads(result.stdout)

    def query(self, sql: str) -> list[tuple]:
        """Rows of a read-only query on the warehouse."""
        with duckdb.connect(str(self.db_path), read_only=True) as con:
            return con.execute(sql).fetchall()

    def last_run_rejects(self) -> list[tuple]:
        """(file name, severity) of the rejects rows of the latest run."""
        rows = self.query("SELECT source_path, severity FROM rejects WHERE run_id = "
                          "(SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1) ORDER BY ALL")
        return [(Path(path).name, severity) for path, severity in rows]


@pytest.fixture
def folder(tmp_path: Path, prefect_api: str) -> Folder:
    """A folder with a clean article, an article with a warning, a JSON Lines file and an empty file."""
    made = Folder(tmp_path, prefect_api)
    (made.articles / "aws.md").write_text(AWS_V1)
    (made.articles / "warned.md").write_text(WARNED)
    (made.articles / "wire.jsonl").write_text(WIRE)
    (made.articles / "empty.md").write_text("")
    return made


def test_unchanged_files_are_skipped_and_counted_as_before(folder: Folder) -> None:
    first = folder.run()
    assert (first["files_seen"], first["articles_new"], first["files_skipped"]) == (4, 4, 0)
    stored = warehouse_contents(folder.db_path)

    again = folder.run()
    assert again["files_skipped"] == 2  # aws.md and wire.jsonl; warned.md and empty.md are read every run
    assert (again["files_seen"], again["articles_new"], again["articles_unchanged"]) == (4, 0, 4)
    assert (again["files_rejected"], again["warnings"], again["facts_written"]) == (1, 1, 0)
    assert again["task_runs"] == 2  # one batch of the two files read: ingest and load, nothing to extract
    assert folder.last_run_rejects() == [("empty.md", "rejected"), ("warned.md", "warning")]
    assert warehouse_contents(folder.db_path) == stored
    assert folder.query("SELECT count(*) FROM runs WHERE status = 'completed'") == [(2,)]


def test_a_changed_file_is_read_and_a_file_edited_back_is_current_again(folder: Folder) -> None:
    folder.run()
    (folder.articles / "aws.md").write_text(AWS_V2)
    changed = folder.run()
    assert (changed["articles_new"], changed["files_skipped"]) == (1, 1)
    assert "21%" in folder.query("SELECT body FROM current_articles WHERE name = 'aws'")[0][0]

    (folder.articles / "aws.md").write_text(AWS_V1)
    back = folder.run()
    assert (back["articles_new"], back["files_skipped"]) == (0, 1)
    assert "19%" in folder.query("SELECT body FROM current_articles WHERE name = 'aws'")[0][0]
    assert folder.run()["files_skipped"] == 2


def test_a_file_that_turns_bad_is_rejected_and_its_stored_version_stays(folder: Folder) -> None:
    folder.run()
    (folder.articles / "aws.md").write_bytes(b"\x00\x01binary")
    assert folder.run()["files_rejected"] == 2
    assert ("aws.md", "rejected") in folder.last_run_rejects()
    (folder.articles / "aws.md").write_text(AWS_V1)
    restored = folder.run()
    assert (restored["articles_new"], restored["files_rejected"]) == (0, 1)
    assert "19%" in folder.query("SELECT body FROM current_articles WHERE name = 'aws'")[0][0]


def test_a_lower_size_limit_is_applied_to_unchanged_files(folder: Folder) -> None:
    folder.run()
    limited = folder.run("--max-mb", "0.00002")  # 20 bytes: every non-empty file is now too large
    assert (limited["files_skipped"], limited["files_rejected"]) == (0, 4)
