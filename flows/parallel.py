"""Where extract tasks run: the flow's own task runner (threads, or Dask workers), or a pool of local processes."""
from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from prefect import Task
from prefect.client.orchestration import get_client
from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture
from prefect.settings import PREFECT_API_URL, temporary_settings
from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner, TaskRunner
from prefect.utilities.callables import get_call_parameters

# Measured in benchmarks/README.md: on 2 free cores 2 workers ran 1.4-2.3x faster from 20,000 articles up.
DEFAULT_WORKERS = min(2, os.cpu_count() or 1)
WARM_UP_TEXT = "Acme Cloud said revenue rose 5% to US$1.2 billion in the March quarter, according to IDC."


def warm_extractor() -> None:
    """Build the spaCy pipeline and the rule tables once per worker process, before its first batch."""
    from extractors.facts import extract_facts  # not at import: a run with nothing new never loads spaCy

    extract_facts(WARM_UP_TEXT, None)


def exit_with_parent(parent_pid: int, poll_seconds: float = 1.0) -> None:
    """End this process soon after `parent_pid` is gone; a pool worker would otherwise outlive a killed flow."""
    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(poll_seconds)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def start_worker(parent_pid: int) -> None:
    """Initializer of an extraction worker process: tie it to the flow process, then warm it up.

    Ctrl-C reaches the whole process group; the flow process alone decides what it means (stop, keep the
    batches stored), so workers ignore SIGINT and end with the flow.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    exit_with_parent(parent_pid)
    warm_extractor()


def stop_workers(pool: TaskRunner) -> None:
    """End the pool's worker processes now: the flow is stopping and their batches would not be stored."""
    executor = getattr(pool, "_executor", None)
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        try:
            process.terminate()
        except (OSError, ValueError):
            pass


def flow_task_runner() -> TaskRunner:
    """The task runner of the flow run we are in."""
    context = FlowRunContext.get()
    if context is None:
        raise RuntimeError("extraction runners exist only inside a flow run")
    return context.task_runner


@contextmanager
def api_shared_with_workers() -> Iterator[None]:
    """Hand worker processes the Prefect API of this run, so none starts a temporary server of its own."""
    # Task runners pass the current settings to their workers; a temporary local server is not in them (~10 s
    # to start one per worker otherwise).
    if PREFECT_API_URL.value():
        yield
        return
    with temporary_settings(updates={PREFECT_API_URL: str(get_client(sync_client=True).api_url)}):
        yield


def first_here_then_to(pool: TaskRunner, task: Task) -> Callable[..., PrefectFuture]:
    """A submit that sends the first run of `task` to the flow's runner and every later one to `pool`."""
    # The first batch is extracted while the pool's processes start (seconds), and a one-batch run never
    # starts them.
    submitted = 0

    def submit(*args: Any, **kwargs: Any) -> PrefectFuture:
        nonlocal submitted
        submitted += 1
        if submitted == 1:
            return task.submit(*args, **kwargs)
        # The pool starts its processes (and the threads that start them) inside submit. With SIGINT blocked
        # here they inherit it blocked, so a Ctrl-C while a worker is still starting (before start_worker
        # ignores it) cannot kill it and break the pool; this process gets the signal when submit returns.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            return pool.submit(task, get_call_parameters(task.fn, args, kwargs))
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    return submit


@contextmanager
def extraction_submitter(task: Task, workers: int) -> Iterator[Callable[..., PrefectFuture]]:
    """A `submit(*args)` for `task`: to `workers` local processes, else to the flow's runner (threads or Dask)."""
    runner = flow_task_runner()
    on_local_threads = isinstance(runner, ThreadPoolTaskRunner)
    if on_local_threads and workers <= 1:
        yield task.submit
    elif not on_local_threads:  # Dask: its workers are processes already
        with api_shared_with_workers():
            yield task.submit
    else:  # threads cannot run CPU-bound extraction in parallel (the GIL): use processes
        with api_shared_with_workers(), ProcessPoolTaskRunner(
                max_workers=workers, initializer=start_worker, initargs=(os.getpid(),)) as pool:
            try:
                yield first_here_then_to(pool, task)
            except BaseException:
                stop_workers(pool)  # else the pool waits for batches in flight before the run can stop
                raise


class DaskUnavailable(RuntimeError):
    """The optional `dask` extra (prefect-dask) is not installed."""


def dask_task_runner(address: str | None = None, local_workers: int | None = None) -> TaskRunner:
    """A DaskTaskRunner on an existing scheduler (`address`) or on a local cluster of `local_workers` processes."""
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError as exc:
        raise DaskUnavailable("the Dask runner needs the `dask` extra: pip install 'cloudfacts[dask]'") from exc
    if address:
        return DaskTaskRunner(address=address)
    # One thread per worker: extraction holds the GIL, so parallelism comes from processes.
    return DaskTaskRunner(cluster_kwargs={"n_workers": local_workers or 1, "threads_per_worker": 1,
                                          "processes": True, "host": "127.0.0.1", "dashboard_address": None})
