"""The workflow engine's API for runs started here: the one configured, else a local server kept running.

Without ``PREFECT_API_URL`` Prefect starts a temporary API server for every process
that runs a flow and waits for it: ten seconds and more of every run on two cores.
Runs here use a local server instead, started by the first run that needs one and
reused by the next. It listens on 127.0.0.1 on a free port, keeps its address and
process id in ``PREFECT_HOME/councilpdf-api.json`` and its log beside it, runs only
what recording runs needs (no schedules, no UI), and stops by itself once it has been
idle for :data:`IDLE_SHUTDOWN_SECONDS`. A configured API (``prefect server start``
for schedules, or Prefect Cloud) is always used as it is.

``python -m flows.api PORT`` runs the server.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flows import TIMEOUT_SETTING, ApiUnavailable, startup_advice

IDLE_SHUTDOWN_SECONDS = 3600
"""How long the local server waits for another run: long enough to span a session of work,
short enough that a server nobody uses does not stay for days."""

IDLE_CHECK_SECONDS = 30
"""How often the server asks itself whether it has been idle long enough to stop."""

HEALTH_TIMEOUT_SECONDS = 5
"""How long a health check waits: the server answers in milliseconds, but a loaded machine
can delay it by seconds, and a server wrongly thought gone is started twice."""

STATE_FILE = "councilpdf-api.json"
LOCK_FILE = "councilpdf-api.lock"
LOG_FILE = "councilpdf-api.log"

SERVER_ENVIRONMENT = {
    # What Prefect sets for its own temporary server: the API and the services that
    # turn a run's events into its record, no UI and no scheduling services.
    "PREFECT_UI_ENABLED": "0",
    "PREFECT__SERVER_EPHEMERAL": "1",
    "PREFECT__SERVER_FINAL": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
}


@contextmanager
def workflow_api() -> Iterator[str]:
    """Within this context flows report to the configured API, else to the local server (started if need be).

    Yields the API's URL.
    """
    from prefect.settings import PREFECT_API_URL, PREFECT_HOME, temporary_settings

    configured = PREFECT_API_URL.value()
    if configured:
        yield configured
        return
    url = local_server(Path(PREFECT_HOME.value()))
    # Heartbeats let a server's services notice a run that died; this server runs none
    # of those, and the engine waits up to a second for the heartbeat thread after each run.
    with temporary_settings(updates={PREFECT_API_URL: url, "flows.heartbeat_frequency": None}):
        yield url


def local_server(home: Path) -> str:
    """The URL of the local API server of ``home`` (a Prefect home folder), started if none answers."""
    home.mkdir(parents=True, exist_ok=True)
    with (home / LOCK_FILE).open("w") as lock:
        # Runs starting together take turns: the first starts the server, the others find it.
        fcntl.flock(lock, fcntl.LOCK_EX)
        return running_server(home) or _start(home)


def running_server(home: Path) -> str | None:
    """The URL of the local API server of ``home`` if one answers there."""
    try:
        url = json.loads((home / STATE_FILE).read_text())["url"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return url if _healthy(url) else None


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=HEALTH_TIMEOUT_SECONDS) as response:
            return response.status == 200
    except OSError:
        return False


def _start(home: Path) -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/api"
    with (home / LOG_FILE).open("ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "flows.api", str(port)],
            env={**os.environ, "PREFECT_HOME": str(home), **SERVER_ENVIRONMENT},
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            # Its own session: Ctrl-C on the run that started it does not stop it.
            start_new_session=True,
        )
    deadline = time.monotonic() + float(os.environ[TIMEOUT_SETTING])
    while time.monotonic() < deadline:
        if _healthy(url):
            (home / STATE_FILE).write_text(json.dumps({"url": url, "pid": process.pid}))
            return url
        if process.poll() is not None:
            raise ApiUnavailable(
                f"the workflow engine's local API stopped with status {process.returncode} as it "
                f"started: see {home / LOG_FILE}"
            )
        time.sleep(0.2)
    process.terminate()
    raise ApiUnavailable(startup_advice())


class IdleWatch:
    """ASGI middleware that knows how long its application has had no request and no open connection."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.open = 0
        self.last = time.monotonic()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        self.open += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.open -= 1
            self.last = time.monotonic()

    def idle_seconds(self) -> float:
        return 0.0 if self.open else time.monotonic() - self.last


def serve(port: int, idle_shutdown: float = IDLE_SHUTDOWN_SECONDS) -> None:
    """Run the API on 127.0.0.1:``port`` until it has been idle for ``idle_shutdown`` seconds."""
    import uvicorn
    from prefect.server.api.server import create_app

    watch = IdleWatch(create_app(ephemeral=True, final=True))
    server = uvicorn.Server(
        uvicorn.Config(watch, host="127.0.0.1", port=port, log_level="error", lifespan="on")
    )

    def stop_when_idle() -> None:
        while not server.should_exit:
            time.sleep(min(IDLE_CHECK_SECONDS, idle_shutdown))
            if watch.idle_seconds() >= idle_shutdown:
                server.should_exit = True

    threading.Thread(target=stop_when_idle, daemon=True).start()
    server.run()


if __name__ == "__main__":
    serve(int(sys.argv[1]))
