"""Prefect flows: thin tasks around the ``pipeline`` functions.

Prefect reads its settings when first imported, so they are set here, before any flow
module imports it.
"""

from __future__ import annotations

import os

STARTUP_TIMEOUT_SECONDS = 180
"""How long a run waits for Prefect's local API to start: a loaded two-core machine has
taken over Prefect's default 20 s, and a run that gives up loses the whole batch."""

TIMEOUT_SETTING = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"

os.environ.setdefault(TIMEOUT_SETTING, str(STARTUP_TIMEOUT_SECONDS))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


class ApiUnavailable(RuntimeError):
    """The local workflow API could not be started; the message says what to do."""


def startup_advice() -> str:
    """What to do, in one line, when the workflow engine's local API does not start."""
    return (
        f"the workflow engine's local API did not start within {os.environ[TIMEOUT_SETTING]} s: "
        f"raise {TIMEOUT_SETTING}, or start `prefect server start` and set "
        "PREFECT_API_URL=http://127.0.0.1:4200/api"
    )


def api_unreachable(exc: BaseException) -> str | None:
    """What to do, in one line, when ``exc`` says a flow could not reach a Prefect API; else None."""
    if isinstance(exc, ApiUnavailable):
        return str(exc)
    text = str(exc)
    if "attempting to connect" not in text and "Cannot connect to" not in text:
        return None
    api = os.environ.get("PREFECT_API_URL")
    if api:
        return (
            f"the workflow engine's API at {api} does not answer: start it (`prefect server start`) "
            "or unset PREFECT_API_URL to let runs use a local one"
        )
    return startup_advice()
