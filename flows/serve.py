"""The scheduled deployment: poll the configured sources on a cron schedule.

``councilpdf serve`` registers the poll flow as a deployment with a cron schedule on
a Prefect server and then runs each scheduled poll in this process, until stopped.
Schedules need a real server (``prefect server start``); Prefect's ephemeral
in-process API, which one-off runs use, does not run schedules. So serving needs
``PREFECT_API_URL`` to point at the server, e.g. ``http://127.0.0.1:4200/api``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect.schedules import Cron
from prefect.settings import PREFECT_API_URL

from flows.poll import poll_flow
from pipeline.sources.config import load_config

DEFAULT_CRON = "0 7 * * *"
"""Every day at 07:00 when neither the command line nor the configuration gives a schedule."""

DEPLOYMENT = "councilpdf-poll"


class ServerNeeded(RuntimeError):
    """Serving a schedule needs a Prefect server; the message says how to start one."""


def serve_options(
    config: str | Path,
    cron: str | None = None,
    timezone: str | None = None,
    db: str | None = None,
    store: str | None = None,
    workers: int | None = None,
    address: str | None = None,
    name: str = DEPLOYMENT,
) -> dict[str, Any]:
    """The deployment's name, schedule and parameters, for ``poll_flow.serve`` (or ``to_deployment``).

    The schedule is ``cron`` if given, else the configuration file's ``[schedule]``,
    else :data:`DEFAULT_CRON`.
    """
    path = Path(config).resolve()
    cfg = load_config(path)
    schedule = Cron(cron or cfg.cron or DEFAULT_CRON, timezone=timezone or cfg.timezone)
    parameters = {"config": str(path), "db": db, "store": store, "workers": workers, "address": address}
    return {
        "name": name,
        "schedule": schedule,
        "parameters": {k: v for k, v in parameters.items() if v is not None},
        "description": f"Poll the sources in {path.name} and process new committee papers.",
        "tags": ["councilpdf"],
    }


def require_server() -> str:
    """The URL of the Prefect server schedules will run on.

    Raises:
        ServerNeeded: ``PREFECT_API_URL`` is not set, or nothing answers there.
    """
    url = PREFECT_API_URL.value()
    if not url:
        raise ServerNeeded(
            "scheduling needs a Prefect server: run `prefect server start` (it listens on "
            "http://127.0.0.1:4200) and set PREFECT_API_URL=http://127.0.0.1:4200/api"
        )
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        problem = client.api_healthcheck()
    if problem is not None:
        raise ServerNeeded(
            f"no Prefect server answers at {url} ({problem}): start one with `prefect server start`"
        )
    return url


def serve(config: str | Path, **options: Any) -> None:
    """Register the scheduled poll on the Prefect server and run its polls until interrupted."""
    require_server()
    # One poll at a time: a slow poll delays the next rather than racing it.
    poll_flow.serve(**serve_options(config, **options), limit=1)
