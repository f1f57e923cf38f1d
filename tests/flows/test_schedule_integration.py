"""`cloudfacts serve` against a real Prefect server: scheduled and manual runs, a busy warehouse, run records."""
from __future__ import annotations

import contextlib
import ctypes
import http.server
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypeVar
from uuid import UUID

import duckdb
import httpx
import pytest
from prefect.client.orchestration import SyncPrefectClient
from prefect.client.schemas.filters import (DeploymentFilter, DeploymentFilterId, FlowRunFilter, FlowRunFilterState,
                                            FlowRunFilterStateType)
from prefect.client.schemas.objects import FlowRun, StateType
from prefect.client.schemas.responses import DeploymentResponse
from prefect.exceptions import ObjectNotFound

from flows.deploy import plan_serve

BIN = Path(sys.executable).parent
DEPLOYMENT = "extract-cloud-facts/scheduled"
SERVER_START_SECONDS = 120
RUNS_SECONDS = 120
STOP_SECONDS = 30
STARTED_STATES = [StateType.RUNNING, StateType.COMPLETED, StateType.FAILED, StateType.CRASHED, StateType.CANCELLED]

ARTICLES = {
    "aws-q2": ("2024-08-02", "AWS revenue rose 17% to $27.5 billion in the second quarter of 2024."),
    "azure-q3": ("2024-10-31", "Microsoft said Azure revenue grew 33% in the quarter ended September 2024."),
    "oracle-capex": ("2025-03-11", "Oracle said it would invest $6.5 billion in cloud infrastructure in Malaysia."),
}
LATE_ARTICLE = ("gcp-q1", "2025-04-25", "Google Cloud revenue rose 28% to $12.3 billion in the first quarter of 2025.")

# Another writer: waits (bounded) while a served flow run has the file, then keeps the lock until stdin closes.
HOLD_LOCK_SCRIPT = """
import sys
from warehouse.db import connect_writer
con = connect_writer(sys.argv[1], wait_seconds=60)
print('locked', flush=True)
sys.stdin.read()
"""

T = TypeVar("T")


@dataclass
class Server:
    """A Prefect server this module started, and the environment that points at it."""

    api_url: str
    env: dict[str, str]


@dataclass
class Serving:
    """A `cloudfacts serve` process of one test, with its files and the server's client."""

    process: subprocess.Popen
    client: SyncPrefectClient
    inbox: Path
    db_path: Path
    log_path: Path
    deployment: DeploymentResponse | None = None

    def runs(self, states: list[StateType]) -> list[FlowRun]:
        """The deployment's flow runs (scheduled or manual) in one of the given states."""
        return self.client.read_flow_runs(
            deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[self.deployment.id])),
            flow_run_filter=FlowRunFilter(state=FlowRunFilterState(type=FlowRunFilterStateType(any_=states))))

    def detail(self) -> str:
        """The runs so far and the end of the serve log, for failure messages."""
        runs = "\n".join(f"{r.id} auto={r.auto_scheduled} {r.state_type} {r.state and r.state.message}"
                         for r in self.runs(STARTED_STATES)) if self.deployment else ""
        return f"{runs}\n--- serve log ---\n{tail(self.log_path)}"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_env(prefect_home: Path) -> dict[str, str]:
    """This environment with Prefect state in prefect_home, no server configured and analytics off."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(prefect_home), PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1",
               PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="90", COLUMNS="200")
    return env


def start_group(args: list[str], env: dict[str, str], log: IO) -> subprocess.Popen:
    """Start a process in its own process group, output to log; it gets SIGTERM should pytest itself be killed."""
    return subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                            preexec_fn=terminate_with_parent)


_LIBC = ctypes.CDLL(None, use_errno=True)
_PR_SET_PDEATHSIG = 1


def terminate_with_parent() -> None:
    """In the child before exec: ask Linux to send SIGTERM when the parent (pytest) dies."""
    _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def stop_group(process: subprocess.Popen) -> None:
    """SIGTERM a process we started, wait for it, then kill whatever is left of its process group."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)  # children (flow run processes) that outlived the leader
    except ProcessLookupError:
        pass
    process.wait(timeout=STOP_SECONDS)


def wait_for(what: str, check: Callable[[], T | None], seconds: float, detail: Callable[[], str] = str) -> T:
    """Poll check() until it returns something truthy; fail with `what` and detail() after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.5)
    pytest.fail(f"timed out after {seconds:g} s waiting for {what}\n{detail()}")


def tail(path: Path, lines: int = 60) -> str:
    """The last lines of a log file."""
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`prefect server start` on a free loopback port with its own PREFECT_HOME; stopped after the module."""
    home = tmp_path_factory.mktemp("prefect-server")
    port = free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    log_path = home / "server.log"
    with open(log_path, "w") as log:
        process = start_group([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port),
                               "--no-ui"], base_env(home / "home"), log)
    try:
        def healthy() -> bool:
            if process.poll() is not None:
                pytest.fail(f"prefect server exited with {process.returncode}\n{tail(log_path)}")
            try:
                return httpx.get(f"{api_url}/health", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        wait_for("the Prefect server's /api/health", healthy, SERVER_START_SECONDS, lambda: tail(log_path))
        yield Server(api_url, base_env(home / "home") | {"PREFECT_API_URL": api_url})
    finally:
        stop_group(process)


@pytest.fixture
def serving(server: Server, tmp_path: Path) -> Iterator[Serving]:
    """`cloudfacts serve` every 5 s over an empty inbox, its deployment registered; stopped (SIGTERM) after."""
    inbox, log_path = tmp_path / "inbox", tmp_path / "serve.log"
    inbox.mkdir()
    env = server.env | {"PREFECT_RUNNER_POLL_FREQUENCY": "2"}  # pick runs up sooner than the 10 s default
    with open(log_path, "w") as log:
        process = start_group([str(BIN / "cloudfacts"), "serve", "--inbox", str(inbox), "--interval", "5",
                               "--db", str(tmp_path / "w.duckdb"), "--lock-wait", "2"], env, log)
    with SyncPrefectClient(server.api_url) as client:
        served = Serving(process, client, inbox, tmp_path / "w.duckdb", log_path)
        try:
            served.deployment = wait_for("the deployment to be registered", lambda: registered(served), 60,
                                         served.detail)
            yield served
        finally:
            stop_group(process)


def registered(served: Serving) -> DeploymentResponse | None:
    """The served deployment once the server has it; fails when the serve process died."""
    if served.process.poll() is not None:
        pytest.fail(f"cloudfacts serve exited with {served.process.returncode}\n{tail(served.log_path)}")
    try:
        return served.client.read_deployment_by_name(DEPLOYMENT)
    except ObjectNotFound:
        return None


def write_article(inbox: Path, name: str, published: str, sentence: str) -> None:
    """Drop an article into the inbox the way producers should: write a hidden file, then rename it."""
    hidden = inbox / f".{name}.md.part"
    hidden.write_text(f"---\ntitle: {name}\npublished: {published}\n---\n\n{sentence}\n", encoding="utf-8")
    os.replace(hidden, inbox / f"{name}.md")


def trigger_run(server: Server) -> UUID:
    """`prefect deployment run` as a user types it; the id of the flow run it created."""
    done = subprocess.run([str(BIN / "prefect"), "deployment", "run", DEPLOYMENT], env=server.env,
                          capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stdout + done.stderr
    match = re.search(r"UUID: ([0-9a-f-]{36})", done.stdout)
    assert match, done.stdout
    return UUID(match.group(1))


def wait_manual_and_scheduled(served: Serving, manual_id: UUID) -> None:
    """Wait until the manual run and at least one scheduled run completed; fail early if the manual one failed."""
    def done() -> bool:
        manual = served.client.read_flow_run(manual_id)
        if manual.state.is_final() and not manual.state.is_completed():
            pytest.fail(f"manual run ended {manual.state_type}: {manual.state.message}\n{served.detail()}")
        return manual.state.is_completed() and any(r.auto_scheduled for r in served.runs([StateType.COMPLETED]))

    wait_for("the manual run and a scheduled run to complete", done, RUNS_SECONDS, served.detail)


def run_while_locked(server: Server, served: Serving) -> FlowRun:
    """Trigger a run while another process holds the warehouse; the run once it ended, the lock released."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK_SCRIPT, str(served.db_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        write_article(served.inbox, *LATE_ARTICLE)
        busy_id = trigger_run(server)

        def ended() -> FlowRun | None:
            run = served.client.read_flow_run(busy_id)
            return run if run.state.is_final() else None

        return wait_for("the run during the lock to end", ended, RUNS_SECONDS, served.detail)
    finally:
        holder.stdin.close()
        holder.wait(timeout=STOP_SECONDS)


def wait_run_started_after(served: Serving, moment: float) -> None:
    """Wait until a run that started after `moment` (epoch seconds) completed."""
    def done() -> bool:
        return any(r.start_time and r.start_time.timestamp() > moment for r in served.runs([StateType.COMPLETED]))

    wait_for("a run after the lock was released to complete", done, RUNS_SECONDS, served.detail)


def read_warehouse(db_path: Path) -> tuple[dict[str, str], list[tuple[str, str]], dict[str, tuple[str, int]]]:
    """Articles by name, (article, fact text) pairs and runs by flow-run id, read from the DuckDB file."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        articles = dict(con.execute("SELECT name, article_id FROM articles").fetchall())
        facts = con.execute("SELECT a.name, f.text FROM facts f JOIN articles a USING (article_id)").fetchall()
        runs = {flow_run_id: (status, new) for flow_run_id, status, new
                in con.execute("SELECT flow_run_id, status, articles_new FROM runs").fetchall()}
    finally:
        con.close()
    return articles, facts, runs


@pytest.mark.integration
def test_serve_runs_on_schedule_and_by_hand_and_survives_a_busy_warehouse(server: Server,
                                                                          serving: Serving) -> None:
    assert serving.deployment.parameters["paths"] == [str(serving.inbox.resolve())]
    assert serving.deployment.parameters["db"] == str(serving.db_path.resolve())
    assert serving.deployment.entrypoint == "flows.pipeline.extract_cloud_facts"

    for name, (published, sentence) in ARTICLES.items():
        write_article(serving.inbox, name, published, sentence)
    manual_id = trigger_run(server)
    wait_manual_and_scheduled(serving, manual_id)

    busy_run = run_while_locked(server, serving)
    assert busy_run.state.is_failed(), busy_run.state
    assert "database is busy" in (busy_run.state.message or ""), busy_run.state.message

    wait_run_started_after(serving, time.time())  # the next run picks up the article that arrived meanwhile
    runs = serving.runs(STARTED_STATES)
    stop_group(serving.process)  # runs hold the writer lock; read once they stopped
    assert "graceful shutdown" in tail(serving.log_path), tail(serving.log_path)

    articles, facts, recorded = read_warehouse(serving.db_path)
    assert set(articles) == set(ARTICLES) | {LATE_ARTICLE[0]}
    assert {name for name, _ in facts} == set(articles), facts
    assert ("aws-q2", "$27.5 billion") in facts
    assert recorded[str(manual_id)][0] == "completed"
    assert str(busy_run.id) not in recorded  # it never had a connection to write its row with
    for run in runs:
        if run.state.is_completed():
            assert recorded[str(run.id)][0] == "completed", run
        elif run.state.is_failed():
            assert str(run.id) not in recorded and "database is busy" in run.state.message, run.state.message
    assert sum(new or 0 for _, new in recorded.values()) == len(articles)  # each article new in exactly one run


@pytest.mark.integration
def test_serve_refuses_without_a_server(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    done = subprocess.run([str(BIN / "cloudfacts"), "serve", "--inbox", str(inbox), "--db", str(tmp_path / "w.db")],
                          env=base_env(tmp_path / "home"), capture_output=True, text=True, timeout=120)
    assert done.returncode == 3, done.stdout + done.stderr
    message = " ".join(done.stderr.split())
    assert "no Prefect server configured" in message and "make server" in message


@pytest.mark.integration
def test_serve_refuses_an_unreachable_server(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    env = base_env(tmp_path / "home") | {"PREFECT_API_URL": f"http://127.0.0.1:{free_port()}/api"}
    done = subprocess.run([str(BIN / "cloudfacts"), "serve", "--inbox", str(inbox), "--cron", "*/5 * * * *",
                           "--db", str(tmp_path / "w.db")], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 3, done.stdout + done.stderr
    message = " ".join(done.stderr.split())
    assert "does not answer" in message and "make server" in message


def test_plan_serve_resolves_paths_and_lets_an_interval_replace_the_cron(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "inbox").mkdir()
    plan = plan_serve(Path("inbox"), "w.duckdb", "0 * * * *", 30, 5)
    assert plan.schedule() == {"interval": 30}
    assert plan.parameters() == {"paths": [str(tmp_path / "inbox")], "db": str(tmp_path / "w.duckdb"),
                                 "lock_wait_seconds": 5}
    assert plan_serve(Path("inbox"), None, "*/15 * * * *", None, 30).schedule() == {"cron": "*/15 * * * *"}


@pytest.mark.parametrize("inbox, cron, interval, lock_wait, message", [
    ("missing", "0 * * * *", None, 30, "is not a folder"),
    ("inbox", "every hour", None, 30, "not a valid cron expression"),
    ("inbox", "", None, 30, "give a schedule"),
    ("inbox", "0 * * * *", 0, 30, "positive number of seconds"),
    ("inbox", "0 * * * *", None, -1, "must not be negative"),
])
def test_plan_serve_refuses_bad_options(tmp_path: Path, inbox: str, cron: str, interval: float | None,
                                        lock_wait: float, message: str) -> None:
    (tmp_path / "inbox").mkdir()
    with pytest.raises(ValueError, match=message):
        plan_serve(tmp_path / inbox, str(tmp_path / "w.duckdb"), cron, interval, lock_wait)


# --- folders and feeds: --feed (repeatable), --inbox (repeatable), --sources FILE ---------------------------------

FEED_ENTRY = """<item><title>{title}</title><link>https://wire.example/{name}</link><guid>{name}</guid>
<pubDate>{date}</pubDate><description>{sentence}</description></item>"""
FEED_ENTRIES = [
    ("aws-q2-feed", "Fri, 02 Aug 2024 09:00:00 +0000", "AWS revenue rose 19% to $26.3 billion in the second quarter."),
    ("gcp-q2-feed", "Wed, 24 Jul 2024 09:00:00 +0000",
     "Google Cloud revenue rose 29% to $10.3 billion in the second quarter of 2024."),
]


def write_feed(path: Path, entries: list[tuple[str, str, str]]) -> None:
    """An RSS feed of the entries, replaced atomically (a server never serves half a file)."""
    items = "\n".join(FEED_ENTRY.format(title=name, name=name, date=date, sentence=sentence)
                      for name, date, sentence in entries)
    hidden = path.with_name(f".{path.name}.part")
    hidden.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Cloud Wire'
                      f'</title><link>https://wire.example/</link>\n{items}\n</channel></rss>\n', encoding="utf-8")
    os.replace(hidden, path)


@pytest.fixture
def feed_site(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """(file, URL) of an RSS feed served by a local http.server on 127.0.0.1 (port chosen by the OS)."""
    site = tmp_path / "site"
    site.mkdir()

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, directory=str(site), **kwargs)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
            pass

    web = http.server.ThreadingHTTPServer(("127.0.0.1", 0), QuietHandler)
    threading.Thread(target=web.serve_forever, daemon=True).start()
    try:
        yield site / "cloud.rss", f"http://127.0.0.1:{web.server_address[1]}/cloud.rss"
    finally:
        web.shutdown()
        web.server_close()


@contextlib.contextmanager
def serving_with(server: Server, tmp_path: Path, *args: str) -> Iterator[Serving]:
    """`cloudfacts serve ARGS --interval 5` with its deployment registered; stopped (SIGTERM) after."""
    log_path = tmp_path / "serve.log"
    env = server.env | {"PREFECT_RUNNER_POLL_FREQUENCY": "2"}
    started = time.time()
    with open(log_path, "w") as log:
        process = start_group([str(BIN / "cloudfacts"), "serve", *args, "--interval", "5", "--db",
                               str(tmp_path / "w.duckdb"), "--lock-wait", "10"], env, log)
    with SyncPrefectClient(server.api_url) as client:
        served = Serving(process, client, tmp_path / "inbox", tmp_path / "w.duckdb", log_path)

        def registered_by_this_serve() -> DeploymentResponse | None:  # an earlier test registered the same name
            deployment = registered(served)
            return deployment if deployment and deployment.updated.timestamp() >= started else None

        try:
            served.deployment = wait_for("the deployment to be registered", registered_by_this_serve, 60,
                                         served.detail)
            yield served
        finally:
            stop_group(process)


def names_in_warehouse(db_path: Path) -> set[str] | None:
    """The article names stored so far, or None while a run holds the file."""
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error:
        return None
    try:
        return {name for (name,) in con.execute("SELECT name FROM article_names").fetchall()}
    except duckdb.CatalogException:  # the first run has not created the tables yet
        return None
    finally:
        con.close()


def completed_scheduled_run_after(served: Serving, moment: float) -> bool:
    """True once a scheduled run that started after `moment` (epoch seconds) has completed."""
    return any(r.auto_scheduled and r.start_time and r.start_time.timestamp() > moment
               for r in served.runs([StateType.COMPLETED]))


@pytest.mark.integration
def test_serve_polls_a_feed_that_gains_an_entry_between_two_scheduled_runs(server: Server, tmp_path: Path,
                                                                         feed_site: tuple[Path, str]) -> None:
    feed_file, feed_url = feed_site
    write_feed(feed_file, FEED_ENTRIES[:1])
    with serving_with(server, tmp_path, "--feed", feed_url) as served:
        assert served.deployment.parameters["feeds"] == [feed_url] and served.deployment.parameters["paths"] == []
        wait_for("a scheduled run to load the feed's first entry",
                 lambda: completed_scheduled_run_after(served, 0) and names_in_warehouse(served.db_path),
                 RUNS_SECONDS, served.detail)
        before = wait_for("the warehouse between runs", lambda: names_in_warehouse(served.db_path), RUNS_SECONDS)
        assert len(before) == 1, before

        added = time.time()
        write_feed(feed_file, FEED_ENTRIES)  # the feed gains an entry between two scheduled runs
        wait_for("a scheduled run after the feed gained its second entry",
                 lambda: completed_scheduled_run_after(served, added), RUNS_SECONDS, served.detail)
        stop_group(served.process)  # runs hold the writer lock; read once they stopped
    articles, facts, recorded = read_warehouse(served.db_path)
    assert len(articles) == 2 and before < set(articles), articles
    assert {text for _, text in facts} >= {"$26.3 billion", "$10.3 billion"}
    assert sorted(new for _, new in recorded.values() if new) == [1, 1]  # each entry new in exactly one run


@pytest.mark.integration
def test_serve_reads_folders_and_feeds_from_a_sources_file(server: Server, tmp_path: Path,
                                                           feed_site: tuple[Path, str]) -> None:
    _, feed_url = feed_site
    for folder in ("inbox", "more"):
        (tmp_path / folder).mkdir()
    sources = tmp_path / "sources.txt"
    sources.write_text(f"# what every run reads\ninbox\nfolder more/   # a second folder\n\nfeed {feed_url}\n"
                       "https://wire.example/b.rss#latest\n", encoding="utf-8")
    with serving_with(server, tmp_path, "--sources", str(sources), "--feed", "https://wire.example/a.rss") as served:
        parameters = served.deployment.parameters
    assert parameters["paths"] == [str((tmp_path / "inbox").resolve()), str((tmp_path / "more").resolve())]
    assert parameters["feeds"] == ["https://wire.example/a.rss", feed_url, "https://wire.example/b.rss#latest"]


def test_plan_serve_takes_folders_and_feeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    (tmp_path / "local.xml").write_text("<rss/>", encoding="utf-8")
    plan = plan_serve([Path("a"), Path("b")], "w.duckdb", "0 * * * *", None, 30,
                      feeds=["https://wire.example/feed", "local.xml"])
    assert plan.parameters() == {"paths": [str(tmp_path / "a"), str(tmp_path / "b")], "db": str(tmp_path / "w.duckdb"),
                                 "lock_wait_seconds": 30,
                                 "feeds": ["https://wire.example/feed", str(tmp_path / "local.xml")]}
    only_feed = plan_serve(None, "w.duckdb", "0 * * * *", None, 30, feeds=["https://wire.example/feed"])
    assert only_feed.parameters()["paths"] == [] and only_feed.parameters()["feeds"] == ["https://wire.example/feed"]


@pytest.mark.parametrize("sources, message", [
    ("feed\n", "line 1: 'feed' needs a location"),
    ("# nothing\n\n", "give something to read"),
    ("missing-folder\n", "is not a folder"),
    ("feed missing.xml\n", "neither an http(s) URL nor a file"),
])
def test_plan_serve_refuses_a_bad_sources_file(tmp_path: Path, sources: str, message: str) -> None:
    (tmp_path / "sources.txt").write_text(sources, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(message)):
        plan_serve(None, str(tmp_path / "w.duckdb"), "0 * * * *", None, 30, sources_file=tmp_path / "sources.txt")


def test_plan_serve_refuses_nothing_to_read_and_a_missing_sources_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="give something to read"):
        plan_serve(None, str(tmp_path / "w.duckdb"), "0 * * * *", None, 30)
    with pytest.raises(ValueError, match="cannot read the sources file"):
        plan_serve(None, str(tmp_path / "w.duckdb"), "0 * * * *", None, 30, sources_file=tmp_path / "none.txt")
