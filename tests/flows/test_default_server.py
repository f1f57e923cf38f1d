"""`cloudfacts run` without PREFECT_API_URL uses the Prefect server `make server` started when one answers on its
address, instead of paying ~12-15 s for a temporary one; the summary says which API the run used."""
from __future__ import annotations

import json
import socket
from pathlib import Path

import duckdb
import httpx
import pytest

from reliability_support import cli_env, run_cli

pytestmark = pytest.mark.integration

ARTICLE = "---\npublished: 2025-05-02\n---\n\nAWS revenue rose 17% to $29.3 billion in the first quarter of 2025.\n"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nobody_listens() -> str:
    """An API address where no server answers."""
    return f"http://127.0.0.1:{free_port()}/api"


def run_json(tmp_path: Path, env: dict[str, str]) -> tuple[dict, str]:
    """A `cloudfacts run --json` over one article: its summary and the Prefect flow-run id its `runs` row holds."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "aws.md").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    result = run_cli(["run", "in", "--db", str(db), "--json"], env, tmp_path)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-3000:]
    with duckdb.connect(str(db), read_only=True) as con:
        (flow_run_id,) = con.execute("SELECT flow_run_id FROM runs").fetchone()
    return json.loads(result.stdout), flow_run_id


def test_run_uses_the_server_answering_on_the_default_address(prefect_api: str, tmp_path: Path) -> None:
    env = cli_env(tmp_path / "home", None) | {"CLOUDFACTS_PREFECT_SERVER": prefect_api}
    summary, flow_run_id = run_json(tmp_path, env)
    assert summary["prefect_api"] == prefect_api and summary["articles_new"] == 1
    assert httpx.get(f"{prefect_api}/flow_runs/{flow_run_id}", timeout=30).status_code == 200  # the run is there


def test_prefect_api_url_comes_first(prefect_api: str, tmp_path: Path) -> None:
    env = cli_env(tmp_path / "home", prefect_api) | {"CLOUDFACTS_PREFECT_SERVER": nobody_listens()}
    summary, flow_run_id = run_json(tmp_path, env)
    assert summary["prefect_api"] == prefect_api
    assert httpx.get(f"{prefect_api}/flow_runs/{flow_run_id}", timeout=30).status_code == 200


@pytest.mark.slow
def test_without_a_server_the_run_says_it_used_a_temporary_one(tmp_path: Path) -> None:
    env = cli_env(tmp_path / "home", None) | {"CLOUDFACTS_PREFECT_SERVER": nobody_listens(), "COLUMNS": "200"}
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "aws.md").write_text(ARTICLE, encoding="utf-8")
    result = run_cli(["run", "in", "--db", str(tmp_path / "w.duckdb")], env, tmp_path)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-3000:]
    assert "Prefect API: temporary (started and stopped by this run" in result.stdout.decode()
