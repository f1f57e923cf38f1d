"""Helpers for the reliability tests: run the real `cloudfacts` CLI, generate news, snapshot a warehouse."""
from __future__ import annotations

import datetime
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

BIN = Path(sys.executable).parent
RUN_TIMEOUT_SECONDS = 600
# Columns that must match between two warehouses holding the same articles (no timestamps, no run ids).
ARTICLE_COLUMNS = "article_id, name, source_path, title, url, outlet, published, body"
NAME_COLUMNS = "article_id, name, source_path"
FACT_COLUMNS = ("fact_id, article_id, metric, value, value_high, unit, qualifier, subject, geography, period, "
                "forecast, source, text, start_char, end_char, sentence, rule")


def cli_command() -> list[str]:
    """How to start the real CLI: the console script of this virtualenv, else `python -m flows.cli`."""
    script = BIN / "cloudfacts"
    if script.is_file():
        return [str(script)]
    found = shutil.which("cloudfacts")
    return [found] if found else [sys.executable, "-m", "flows.cli"]


def cli_env(prefect_home: Path, api_url: str | None) -> dict[str, str]:
    """Environment for a CLI process: its own Prefect home, no analytics, patient startup, INFO logs."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "CLOUDFACTS_"))}
    env.update(PREFECT_HOME=str(prefect_home), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="90", PREFECT_LOGGING_LEVEL="INFO",
               DO_NOT_TRACK="1", PYTHONUNBUFFERED="1")
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


def run_cli(args: list[str], env: dict[str, str], cwd: Path, timeout: float = RUN_TIMEOUT_SECONDS,
            **popen_options) -> subprocess.CompletedProcess[bytes]:
    """Run `cloudfacts ARGS` to the end and capture its stdout and stderr as bytes."""
    return subprocess.run(cli_command() + args, env=env, cwd=cwd, capture_output=True, timeout=timeout,
                          **popen_options)


@dataclass
class RunningCli:
    """A `cloudfacts` process in the background whose stderr lines are collected as they come."""

    process: subprocess.Popen
    lines: list[str] = field(default_factory=list)
    stdout: bytes = b""
    _changed: threading.Condition = field(default_factory=threading.Condition)
    _readers: list[threading.Thread] = field(default_factory=list)

    def wait_for_line(self, needle: str, count: int = 1, timeout: float = RUN_TIMEOUT_SECONDS) -> bool:
        """Block until `count` stderr lines contain needle (True), or the process ended / time ran out (False)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while sum(needle in line for line in self.lines) < count:
                remaining = deadline - time.monotonic()
                if self.process.poll() is not None or remaining <= 0:
                    return sum(needle in line for line in self.lines) >= count
                self._changed.wait(min(remaining, 0.2))
            return True

    def finish(self, timeout: float = RUN_TIMEOUT_SECONDS) -> int:
        """Wait for the process to end and for its output to be read to the end; its exit code."""
        code = self.process.wait(timeout=timeout)
        for reader in self._readers:  # the process may end before its last output is stored
            reader.join(timeout=30)
        return code

    def kill(self) -> None:
        """SIGKILL the CLI process (not its children: a crash does not tidy up), and reap it."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    @property
    def stderr(self) -> str:
        """All stderr text read so far."""
        return "".join(self.lines)


def start_cli(args: list[str], env: dict[str, str], cwd: Path) -> RunningCli:
    """Start `cloudfacts ARGS` in the background, reading its stderr and stdout in threads."""
    process = subprocess.Popen(cli_command() + args, env=env, cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    running = RunningCli(process)

    def read_stderr() -> None:
        for raw in iter(process.stderr.readline, b""):
            with running._changed:
                running.lines.append(raw.decode("utf-8", "replace"))
                running._changed.notify_all()
        with running._changed:
            running._changed.notify_all()

    def read_stdout() -> None:
        running.stdout = process.stdout.read()

    for reader in (read_stderr, read_stdout):
        thread = threading.Thread(target=reader, daemon=True)
        thread.start()
        running._readers.append(thread)
    return running


def stop_process(process: subprocess.Popen) -> None:
    """End a process this test started if it still runs: SIGTERM, then SIGKILL."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=20)


def hashable_rows(rows: list[tuple]) -> list[tuple]:
    """Rows with their list values (subject, inputs) as tuples, so rows can go in sets."""
    return [tuple(tuple(v) if isinstance(v, list) else v for v in row) for row in rows]


def warehouse_contents(db_path: Path) -> dict[str, list[tuple]]:
    """Every article, article name and fact in the warehouse, sorted, without timestamps or run ids."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        return {
            "articles": con.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY article_id").fetchall(),
            "article_names": con.execute(f"SELECT {NAME_COLUMNS} FROM article_names ORDER BY ALL").fetchall(),
            "facts": hashable_rows(con.execute(f"SELECT {FACT_COLUMNS} FROM facts ORDER BY fact_id").fetchall()),
        }


def run_statuses(db_path: Path) -> list[tuple[str, str]]:
    """(run_id, status) of every run, oldest first."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.execute("SELECT run_id, status FROM runs ORDER BY started_at").fetchall()


# ---------------------------------------------------------------------------
# A generator of news-like articles
# ---------------------------------------------------------------------------

COMPANIES = ["AWS", "Microsoft", "Google Cloud", "Alibaba Cloud", "Oracle", "Huawei Cloud", "Tencent Cloud",
             "Baidu AI Cloud", "IBM", "Salesforce", "Rackspace", "SAP", "Nvidia", "OpenAI"]
ANALYSTS = ["Canalys", "Synergy Research Group", "IDC", "Gartner"]
PLACES = ["Japan", "India", "Germany", "Brazil", "Saudi Arabia", "Singapore", "Europe", "Asia Pacific"]
OUTLETS = ["Cloud Ledger", "Example Wire", "Asia Cloud Wire", "Data Centre Daily"]
QUARTERS = ["first", "second", "third", "fourth"]
FILLER = [
    "Executives said demand for AI capacity still exceeded supply.",
    "The company did not give further details.",
    "Analysts had expected a slower quarter.",
    "The announcement came a day after a rival unveiled new chips.",
    "Customers have been moving workloads from their own data centres.",
]


def news_sentence(rng: random.Random, year: int) -> str:
    """One sentence of cloud news with a figure, a company and often a period."""
    company, rival = rng.sample(COMPANIES, 2)
    analyst, place = rng.choice(ANALYSTS), rng.choice(PLACES)
    quarter = rng.choice(QUARTERS)
    billions = f"{rng.randint(1, 90)}.{rng.randint(0, 9)}"
    percent = rng.randint(2, 60)
    templates = [
        f"{company} reported revenue of ${billions} billion in the {quarter} quarter of {year}, up {percent}% "
        f"from a year earlier.",
        f"{company} said it plans to invest ${billions} billion in {place} over the next {rng.randint(2, 6)} years.",
        f"{analyst} estimates that cloud infrastructure spending reached US${billions} billion in the {quarter} "
        f"quarter of {year}.",
        f"{company} held a {percent}% share of the market in {year}, ahead of {rival}, according to {analyst}.",
        f"{company} now operates {rng.randint(3, 40)} cloud regions and {rng.randint(6, 120)} availability zones.",
        f"Shares of {company} rose {rng.randint(1, 9)}.{rng.randint(0, 9)}% to ${rng.randint(20, 900)}.{rng.randint(10, 99)}.",
        f"{company}'s operating income rose to ${billions} billion in {year}.",
        f"{company} signed a contract worth ${billions} billion with {rival}.",
        f"{company} employs about {rng.randint(2, 90)},000 people and serves more than {rng.randint(2, 900)},000 "
        f"customers.",
    ]
    return rng.choice(templates)


def news_article(rng: random.Random, index: int) -> str:
    """A whole article file: front matter and three to eight paragraphs of news-like sentences."""
    year = rng.randint(2022, 2025)
    published = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
    paragraphs = []
    for _ in range(rng.randint(3, 8)):
        sentences = [news_sentence(rng, year) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.4:
            sentences.insert(rng.randint(0, len(sentences)), rng.choice(FILLER))
        paragraphs.append(" ".join(sentences))
    title = f"Cloud briefing {index}: {rng.choice(COMPANIES)} and {rng.choice(COMPANIES)}"
    return (f"---\ntitle: \"{title}\"\npublished: {published.isoformat()}\noutlet: {rng.choice(OUTLETS)}\n---\n\n"
            + "\n\n".join(paragraphs) + "\n")


def write_news_corpus(folder: Path, count: int, seed: int = 6) -> list[Path]:
    """`count` article files n0000.md...; every 40th repeats an earlier body under its own name."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for index in range(count):
        path = folder / f"n{index:04d}.md"
        if index % 40 == 39:
            path.write_bytes(written[rng.randrange(len(written))].read_bytes())
        else:
            path.write_text(news_article(rng, index), encoding="utf-8")
        written.append(path)
    return written
