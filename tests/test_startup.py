"""Start-up: read-only commands never load the workflow engine; runs share one local API server."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys

import pytest

from flows.api import STATE_FILE, IdleWatch
from pipeline.db import make_engine

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

READ_ONLY = [["status"], ["export", "--out", "OUT"], ["flags"], ["meetings"], ["decisions"]]

RUN_COMMAND_THEN_LIST_MODULES = (
    "import sys\n"
    "from councilpdf.cli import app\n"
    "try:\n"
    "    app(sys.argv[1:], standalone_mode=False)\n"
    "finally:\n"
    "    print('prefect' in sys.modules, 'spacy' in sys.modules)\n"
)


def _environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    return {**env, **extra}


@pytest.mark.parametrize("args", READ_ONLY, ids=lambda a: a[0])
def test_a_read_only_command_loads_neither_the_workflow_engine_nor_the_pipeline(args, tmp_path):
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    make_engine(db)
    argv = [str(tmp_path / "out") if a == "OUT" else a for a in args]
    result = subprocess.run(
        [sys.executable, "-c", RUN_COMMAND_THEN_LIST_MODULES, *argv, "--db", db],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=_environment(),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "False False"


@pytest.mark.slow
def test_runs_without_a_configured_api_start_one_local_server_and_reuse_it(tmp_path, raw_pdfs):
    home = tmp_path / "prefect"
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(raw_pdfs / "oneSource-2020-02-07-kpi-q2-cover.pdf", folder)
    args = ["run", str(folder), "--db", f"sqlite:///{tmp_path / 'db.sqlite'}", "--store", str(tmp_path / "s")]
    env = _environment(PREFECT_HOME=str(home))
    pids = []
    try:
        for expected in ("1 loaded", "1 unchanged"):
            result = subprocess.run(
                [sys.executable, "-m", "councilpdf", *args], capture_output=True, text=True, cwd=REPO, env=env
            )
            assert result.returncode == 0, result.stdout + result.stderr
            assert expected in result.stdout
            pids.append(json.loads((home / STATE_FILE).read_text())["pid"])
        assert pids[0] == pids[1]
        os.kill(pids[0], 0)  # still running, for the next run
    finally:
        for pid in set(pids):
            os.kill(pid, signal.SIGTERM)


def test_the_local_server_is_idle_only_while_no_request_is_open():
    release = asyncio.Event()

    async def app(scope, receive, send) -> None:
        await release.wait()

    watch = IdleWatch(app)

    async def scenario() -> tuple[float, float]:
        request = asyncio.create_task(watch({"type": "http"}, None, None))
        await asyncio.sleep(0.05)
        during = watch.idle_seconds()
        release.set()
        await request
        await asyncio.sleep(0.05)
        return during, watch.idle_seconds()

    during, after = asyncio.run(scenario())
    assert during == 0.0 and after >= 0.05
