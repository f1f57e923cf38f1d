"""Serve the `extract-cloud-facts` flow as the deployment `scheduled`, run by a Prefect server's schedule."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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


@dataclass(frozen=True)
class ServePlan:
    """What `cloudfacts serve` registers: the schedule and the flow parameters of the deployment."""

    inbox: Path
    db: Path
    cron: str | None
    interval_seconds: float | None
    lock_wait_seconds: float

    def parameters(self) -> dict:
        """Flow parameters stored on the deployment (absolute paths: runs start in another process)."""
        return {"paths": [str(self.inbox)], "db": str(self.db), "lock_wait_seconds": self.lock_wait_seconds}

    def schedule(self) -> dict:
        """The schedule keyword for Flow.serve: cron or interval."""
        return {"cron": self.cron} if self.cron else {"interval": self.interval_seconds}

    def describe(self) -> str:
        """The schedule in words, for the console."""
        if self.cron:
            return f"cron {self.cron!r} (UTC)"
        return f"every {self.interval_seconds:g} s"


def plan_serve(inbox: Path, db: str | None, cron: str | None, interval_seconds: float | None,
               lock_wait_seconds: float) -> ServePlan:
    """Check the serve options and resolve paths; raises ValueError with a message for the user."""
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
    if not inbox.is_dir():
        raise ValueError(f"inbox {inbox} is not a folder")
    if lock_wait_seconds < 0:
        raise ValueError("--lock-wait must not be negative")
    return ServePlan(inbox=inbox.resolve(), db=resolve_db_path(db).resolve(), cron=cron,
                     interval_seconds=interval_seconds, lock_wait_seconds=lock_wait_seconds)


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
        description=f"Extract facts from new files in {plan.inbox} into {plan.db}.",
        tags=["cloudfacts"],
        limit=RUNS_AT_ONCE,
        pause_on_shutdown=True,
        # The package is installed, so the module path imports from any working directory.
        entrypoint_type=EntrypointType.MODULE_PATH,
        **plan.schedule(),
    )
