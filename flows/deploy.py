"""Serve the `extract-cloud-facts` flow as the deployment `scheduled`, run by a Prefect server's schedule."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from prefect.client.orchestration import get_client
from prefect.client.schemas.schedules import CronSchedule
from prefect.settings import get_current_settings
from prefect.types.entrypoint import EntrypointType

from flows.pipeline import extract_cloud_facts
from warehouse.db import resolve_db_path

DEPLOYMENT_NAME = "scheduled"
FULL_DEPLOYMENT_NAME = f"{extract_cloud_facts.name}/{DEPLOYMENT_NAME}"
DEFAULT_SERVER_URL = "http://127.0.0.1:4200/api"
# One run of this deployment at a time: a schedule firing during a run waits its turn instead of the lock.
RUNS_AT_ONCE = 1


class ServerNotConfigured(RuntimeError):
    """No reachable Prefect server, so schedules would never fire."""


FEED_URL_SCHEMES = ("http", "https")
_COMMENT = re.compile(r"(?:^|\s)#")  # a comment in a sources file ('#' inside a URL, as in 'page#top', is not one)


@dataclass(frozen=True)
class ServePlan:
    """What `cloudfacts serve` registers: the schedule and the flow parameters of the deployment."""

    inboxes: tuple[Path, ...]
    db: Path
    cron: str | None
    interval_seconds: float | None
    lock_wait_seconds: float
    feeds: tuple[str, ...] = ()

    def parameters(self) -> dict:
        """Flow parameters stored on the deployment (absolute paths: runs start in another process)."""
        parameters = {"paths": [str(p) for p in self.inboxes], "db": str(self.db),
                      "lock_wait_seconds": self.lock_wait_seconds}
        return parameters | ({"feeds": list(self.feeds)} if self.feeds else {})

    def describe_sources(self) -> str:
        """The folders and feeds every run reads, for the console and the deployment's description."""
        return ", ".join([*(str(p) for p in self.inboxes), *(f"feed {f}" for f in self.feeds)])

    def schedule(self) -> dict:
        """The schedule keyword for Flow.serve: cron or interval."""
        return {"cron": self.cron} if self.cron else {"interval": self.interval_seconds}

    def describe(self) -> str:
        """The schedule in words, for the console."""
        if self.cron:
            return f"cron {self.cron!r} (UTC)"
        return f"every {self.interval_seconds:g} s"


def read_sources_file(path: Path) -> tuple[list[Path], list[str]]:
    """The folders and feeds a sources file lists: one per line, `feed URL_OR_FILE` or a bare http(s) URL for a
    feed, `folder PATH` or a bare path for a folder; relative paths are relative to the file; a `#` at the start
    of a line or after a space starts a comment. Raises ValueError for a file it cannot read or a bare `feed` or
    `folder`."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read the sources file {path}: {exc}") from None
    folders, feeds = [], []
    for number, raw in enumerate(text.splitlines(), 1):
        line = _COMMENT.split(raw, maxsplit=1)[0].strip()
        if not line:
            continue
        kind, _, rest = line.partition(" ")
        if kind in ("feed", "folder") and not rest.strip():
            raise ValueError(f"{path} line {number}: '{kind}' needs a location after it")
        if kind == "feed" or (not rest and _is_url(line)):
            location = rest.strip() if kind == "feed" else line
            feeds.append(location if _is_url(location) else str(path.parent / location))
        else:
            folders.append(path.parent / (rest.strip() if kind == "folder" else line))
    return folders, feeds


def _is_url(location: str) -> bool:
    """True for an http(s) URL."""
    return urlsplit(location).scheme.lower() in FEED_URL_SCHEMES


def plan_serve(inbox: Path | Sequence[Path] | None, db: str | None, cron: str | None, interval_seconds: float | None,
               lock_wait_seconds: float, feeds: Sequence[str] = (), sources_file: Path | None = None) -> ServePlan:
    """Check the serve options and resolve paths; raises ValueError with a message for the user.

    Every run reads the inbox folders and the feeds, and those a sources file lists."""
    if interval_seconds is not None and interval_seconds <= 0:
        raise ValueError(f"--interval must be a positive number of seconds, not {interval_seconds:g}")
    if interval_seconds is not None:
        cron = None  # an explicit interval replaces the default cron
    elif not cron:
        raise ValueError("give a schedule: --cron EXPRESSION or --interval SECONDS")
    else:
        try:
            CronSchedule(cron=cron)
        except ValueError as exc:
            raise ValueError(f"--cron {cron!r} is not a valid cron expression (e.g. '0 * * * *')") from exc
    inboxes = [inbox] if isinstance(inbox, Path) else list(inbox or [])
    feeds = list(feeds)
    if sources_file is not None:
        listed_folders, listed_feeds = read_sources_file(sources_file)
        inboxes, feeds = inboxes + listed_folders, feeds + listed_feeds
    if not inboxes and not feeds:
        raise ValueError("give something to read: --inbox DIR, --feed URL or --sources FILE")
    for folder in inboxes:
        if not folder.is_dir():
            raise ValueError(f"inbox {folder} is not a folder")
    for feed in feeds:
        if not _is_url(feed) and not Path(feed).is_file():
            raise ValueError(f"feed {feed} is neither an http(s) URL nor a file")
    if lock_wait_seconds < 0:
        raise ValueError("--lock-wait must not be negative")
    return ServePlan(inboxes=tuple(dict.fromkeys(p.resolve() for p in inboxes)), db=resolve_db_path(db).resolve(),
                     cron=cron, interval_seconds=interval_seconds, lock_wait_seconds=lock_wait_seconds,
                     feeds=tuple(dict.fromkeys(f if _is_url(f) else str(Path(f).resolve()) for f in feeds)))


def require_server() -> str:
    """The configured Prefect API URL once the server answers; ServerNotConfigured otherwise."""
    api_url = get_current_settings().api.url
    if not api_url:
        raise ServerNotConfigured(
            "no Prefect server configured (PREFECT_API_URL is not set): schedules never fire on the "
            "temporary server a plain run starts. Start one with `make server`, then "
            f"`export PREFECT_API_URL={DEFAULT_SERVER_URL}` and serve again."
        )
    with get_client(sync_client=True) as client:
        problem = client.api_healthcheck()
    if problem is not None:
        raise ServerNotConfigured(
            f"the Prefect server at {api_url} does not answer ({type(problem).__name__}: {problem}). "
            "Start it with `make server` (or check PREFECT_API_URL) and serve again."
        )
    return api_url


def serve(plan: ServePlan) -> None:
    """Register the deployment and run its scheduled and manual flow runs until interrupted."""
    extract_cloud_facts.serve(
        name=DEPLOYMENT_NAME,
        parameters=plan.parameters(),
        description=f"Extract facts from new files and feed entries of {plan.describe_sources()} into {plan.db}.",
        tags=["cloudfacts"],
        limit=RUNS_AT_ONCE,
        pause_on_shutdown=True,
        # The package is installed, so the module path imports from any working directory.
        entrypoint_type=EntrypointType.MODULE_PATH,
        **plan.schedule(),
    )
