"""One writer process at a time: a second writer waits then gives up; readers are told a run is writing."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from warehouse.db import DatabaseBusy, connect_reader, connect_writer, lock_holder

REPO_ROOT = Path(__file__).resolve().parents[2]
# Holds a writer connection until its stdin closes (or for argv[2] seconds when given).
HOLDER_SCRIPT = """
import sys, time
from warehouse.db import connect_writer
con = connect_writer(sys.argv[1])
print("ready", flush=True)
if len(sys.argv) > 2:
    time.sleep(float(sys.argv[2]))
else:
    sys.stdin.readline()
con.close()
"""

pytestmark = pytest.mark.integration


def _start_holder(db_path: Path, *extra_args: str) -> subprocess.Popen:
    """Start a second Python process holding the writer lock; return once it holds it."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER_SCRIPT, str(db_path), *extra_args],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    first_line = holder.stdout.readline()
    if first_line.strip() != "ready":
        holder.kill()
        pytest.fail(f"holder process did not start: {holder.stderr.read()}")
    return holder


def _release(holder: subprocess.Popen) -> None:
    """Let the holder close its connection and exit."""
    holder.stdin.close()
    assert holder.wait(timeout=20) == 0


def test_second_process_writer_times_out_then_succeeds_after_release(db_path: Path) -> None:
    holder = _start_holder(db_path)
    try:
        started = time.monotonic()
        # The holder is named truly (issue 17): here a Python process that is no cloudfacts command.
        with pytest.raises(DatabaseBusy, match=rf"database is busy: another process \(PID {holder.pid}: .*python.*\) "
                                               "holds") as busy:
            connect_writer(db_path, wait_seconds=1)
        waited = time.monotonic() - started
        assert str(db_path) in str(busy.value)
        assert 0.9 <= waited < 5
        with pytest.raises(DatabaseBusy, match="a run is writing to"):
            connect_reader(db_path)
    finally:
        _release(holder)
    connect_writer(db_path, wait_seconds=1).close()
    connect_reader(db_path).close()


def test_writer_waits_for_a_lock_released_during_the_wait(db_path: Path) -> None:
    holder = _start_holder(db_path, "1.0")
    try:
        started = time.monotonic()
        con = connect_writer(db_path, wait_seconds=20)
        waited = time.monotonic() - started
        con.close()
    finally:
        holder.wait(timeout=20)
    assert 0.3 < waited < 15


def test_reader_in_the_writers_own_process_is_told_a_run_is_writing(writer, db_path: Path) -> None:
    with pytest.raises(DatabaseBusy, match="queries work again when it finishes"):
        connect_reader(db_path)


def test_several_readers_at_once_work(writer, db_path: Path) -> None:
    writer.close()
    first, second = connect_reader(db_path), connect_reader(db_path)
    assert first.execute("SELECT count(*) FROM facts").fetchone() == (0,)
    assert second.execute("SELECT count(*) FROM articles").fetchone() == (0,)
    first.close()
    second.close()


def test_reader_of_a_missing_file_names_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.duckdb"
    with pytest.raises(FileNotFoundError, match="nowhere.duckdb"):
        connect_reader(missing)
    assert not missing.exists()


def test_a_process_given_a_path_named_cloudfacts_is_not_taken_for_a_cloudfacts_run() -> None:
    # As `python -m pytest tests/cloudfacts` is: the folder name is an argument, not the program.
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)", "tests/cloudfacts", "run"])
    try:
        deadline = time.monotonic() + 10
        while b"tests/cloudfacts" not in Path(f"/proc/{sleeper.pid}/cmdline").read_bytes():
            assert time.monotonic() < deadline, "the sleeper did not start"
            time.sleep(0.05)
        said = lock_holder(RuntimeError(f"Conflicting lock is held in {sys.executable} (PID {sleeper.pid})"))
        assert said.startswith(f"another process (PID {sleeper.pid}: ") and "tests/cloudfacts run" in said
        # The program is named without its folder, so a long install path never crowds out the arguments.
        assert f"{Path(sys.executable).name} -c import time" in said and str(Path(sys.executable).parent) not in said
    finally:
        sleeper.kill()
        sleeper.wait()
