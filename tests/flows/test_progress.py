"""The progress hook between the flow and the CLI, and the bar `cloudfacts run` draws on a terminal."""
from __future__ import annotations

import fcntl
import io
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from rich.console import Console

from flows.progress import BatchProgress, count_inputs, listening, report_batch, run_progress

BIN = Path(sys.executable).parent
RUN_SECONDS = 240
ANSI_CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def write_articles(folder: Path, count: int) -> None:
    """`count` small articles, one figure-bearing sentence each."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(1, count + 1):
        (folder / f"p{i}.md").write_text(
            f"---\ntitle: p{i}\npublished: 2024-11-0{i}\n---\n\n"
            f"Oracle said cloud revenue rose {20 + i}% to ${i}.4 billion in the quarter.\n", encoding="utf-8")


def test_listeners_hear_every_batch_in_order_and_only_while_registered() -> None:
    heard: list[BatchProgress] = []
    with listening(heard.append):
        report_batch(2, 2, 5)
        report_batch(4, 3, 7)
    report_batch(6, 3, 7)
    assert heard == [BatchProgress(2, 2, 5), BatchProgress(4, 3, 7)]


def test_a_failing_listener_neither_stops_the_run_nor_the_other_listeners() -> None:
    heard: list[BatchProgress] = []

    def broken(progress: BatchProgress) -> None:
        raise OSError("terminal went away")

    with listening(broken), listening(heard.append):
        report_batch(1, 1, 1)
    assert heard == [BatchProgress(1, 1, 1)]


def test_listener_is_removed_when_the_block_raises() -> None:
    heard: list[BatchProgress] = []
    with pytest.raises(RuntimeError), listening(heard.append):
        raise RuntimeError("run failed")
    report_batch(1, 0, 0)
    assert heard == []


def test_count_inputs_counts_what_a_run_sees(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 3)
    (tmp_path / "in" / "notes.csv").write_text("not an article", encoding="utf-8")
    (tmp_path / "in" / ".hidden.md").write_text("skipped", encoding="utf-8")
    assert count_inputs([tmp_path / "in", tmp_path / "missing.md"], ["https://example.invalid/feed"]) == 5


def test_bar_on_a_terminal_advances_with_batches(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 3)
    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=120)
    with run_progress(terminal, [tmp_path / "in"]):
        report_batch(2, 2, 4)
    text = ANSI_CONTROL.sub("", screen.getvalue())
    assert "2/3" in text and "2 new articles, 4 facts" in text


@pytest.mark.parametrize("show, force_terminal", [(False, True), (True, False)])
def test_no_bar_for_json_or_when_not_a_terminal(tmp_path: Path, show: bool, force_terminal: bool) -> None:
    write_articles(tmp_path / "in", 3)
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=force_terminal, width=120)
    heard: list[BatchProgress] = []
    with run_progress(console, [tmp_path / "in"], show=show), listening(heard.append):
        report_batch(3, 3, 6)
    assert screen.getvalue() == ""
    assert heard == [BatchProgress(3, 3, 6)]


def run_in_terminal(args: list[str], env: dict[str, str], stderr_path: Path | None = None) -> tuple[int, str]:
    """Run a command with stdout on a pseudo-terminal (and stderr too unless a file is given); its exit code and output."""
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
    with open(stderr_path or os.devnull, "w") as stderr_file:
        process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=secondary,
                                   stderr=stderr_file if stderr_path else secondary, env=env, start_new_session=True)
    os.close(secondary)
    output = bytearray()
    deadline = time.monotonic() + RUN_SECONDS
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([primary], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(primary, 65536)
                except OSError:  # EIO: every writer closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
        else:
            pytest.fail(f"{args} did not finish in {RUN_SECONDS} s:\n{output.decode(errors='replace')[-3000:]}")
        return process.wait(timeout=60), output.decode(errors="replace")
    finally:
        os.close(primary)
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.mark.slow
def test_cli_run_shows_a_bar_on_a_terminal_and_none_with_json(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 3)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1",
               PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="90", TERM="xterm-256color")
    command = [str(BIN / "cloudfacts"), "run", str(tmp_path / "in"), "--db", str(tmp_path / "w.duckdb"),
               "--batch-size", "1"]

    code, output = run_in_terminal(command, env)
    plain = ANSI_CONTROL.sub("", output)
    assert code == 0, plain[-3000:]
    assert re.search(r"files .* 3/3 3 new articles", plain), plain[-3000:]
    assert "batch done: 3 files seen" in plain  # Prefect's log lines still reach the terminal
    assert "files seen 3  new articles 3" in plain  # the one-screen summary after the bar

    code, output = run_in_terminal(command + ["--json"], env, stderr_path=tmp_path / "stderr.log")
    assert code == 0, output + (tmp_path / "stderr.log").read_text()
    assert "━" not in output and "3/3" not in output
    summary = json.loads(ANSI_CONTROL.sub("", output).replace("\r", ""))
    assert summary["files_seen"] == 3 and summary["articles_unchanged"] == 3 and summary["articles_new"] == 0
