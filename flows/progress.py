"""Progress of a flow run inside this process: the flow reports each finished batch, the CLI draws a bar."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.file_proxy import FileProxy
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from extractors.article_files import discover_files

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BatchProgress:
    """Running totals of a flow run after its latest batch."""

    files_seen: int
    articles_new: int
    facts_written: int


ProgressListener = Callable[[BatchProgress], None]
_listeners: list[ProgressListener] = []


def report_batch(files_seen: int, articles_new: int, facts_written: int) -> None:
    """Tell the listeners of this process about a finished batch; a failing listener never stops the run."""
    progress = BatchProgress(files_seen, articles_new, facts_written)
    for listener in list(_listeners):
        try:
            listener(progress)
        except Exception:
            _log.warning("progress listener %r failed; the run goes on", listener, exc_info=True)


@contextmanager
def listening(listener: ProgressListener) -> Iterator[None]:
    """Register a listener for batch reports while the block runs."""
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)


def count_inputs(paths: Iterable[str | Path], feeds: Iterable[str] = ()) -> int:
    """How many files and feeds a run over paths and feeds will see (what its files_seen counts)."""
    return sum(1 for _ in discover_files(paths)) + sum(1 for _ in feeds)


@contextmanager
def _console_logs_above(console: Console) -> Iterator[None]:
    """Route Prefect's console log handlers through `console`, so log lines print above its live bar."""
    from prefect.logging.handlers import PrefectConsoleHandler

    loggers = [logging.getLogger()] + [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
    handlers = {h for lg in loggers for h in lg.handlers
                if isinstance(h, PrefectConsoleHandler) and h.console.is_terminal}  # a log file stays a file
    saved = {h: h.console.file for h in handlers}
    for handler, file in saved.items():
        handler.console.file = FileProxy(console, file)
    try:
        yield
    finally:
        for handler, file in saved.items():
            handler.console.file.flush()
            handler.console.file = file


@contextmanager
def file_progress_bar(console: Console, total: int) -> Iterator[None]:
    """A bar over `total` files on `console` that advances with each batch report; gone when the block ends."""
    columns = (SpinnerColumn(), TextColumn("files"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[articles_new]} new articles, {task.fields[facts_written]} facts"),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar, _console_logs_above(console):
        task_id = bar.add_task("files", total=total, articles_new=0, facts_written=0)

        def advance(progress: BatchProgress) -> None:
            bar.update(task_id, completed=progress.files_seen, articles_new=progress.articles_new,
                       facts_written=progress.facts_written)

        with listening(advance):
            yield


@contextmanager
def run_progress(console: Console, paths: Iterable[str | Path], feeds: Iterable[str] = (),
                 show: bool = True) -> Iterator[None]:
    """A files bar while the block runs, when `show` and the console is a terminal; otherwise nothing."""
    if not show or not console.is_terminal:
        yield
        return
    with file_progress_bar(console, count_inputs(paths, feeds)):
        yield
