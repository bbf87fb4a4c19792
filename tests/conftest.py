"""Shared fixtures: sample PDFs, the corpus truth, real databases and Prefect."""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RAW_PDFS = REPO / "raw_pdfs"
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "dev"
SCORER = SHARED / "eval" / "score.py"


# A command that runs a flow without a configured API starts a local API server in
# PREFECT_HOME (flows/api.py). Tests keep it in a folder of their own, never the user's,
# and stop it at the end. Set before anything imports Prefect, which reads it once.
PREFECT_HOME = Path(tempfile.mkdtemp(prefix="councilpdf-test-prefect-"))
os.environ["PREFECT_HOME"] = str(PREFECT_HOME)
atexit.register(shutil.rmtree, PREFECT_HOME, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def no_local_api_left_running() -> Iterator[None]:
    yield
    from flows.api import STATE_FILE

    state = PREFECT_HOME / STATE_FILE
    if state.is_file():
        with contextlib.suppress(ProcessLookupError):
            os.kill(json.loads(state.read_text())["pid"], signal.SIGTERM)


@pytest.fixture(scope="session", autouse=True)
def ocr_cache(tmp_path_factory) -> Iterator[Path]:
    """OCR results are kept for the test session only, never in the working tree."""
    from pipeline.pdf.ocr import CACHE_ENV

    folder = tmp_path_factory.mktemp("ocr-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, str(folder))
        yield folder


def load_scorer():
    """The corpus scorer as a module; the calling test skips where it is not present."""
    import importlib.util

    if not SCORER.is_file():
        pytest.skip("the corpus scorer is not present")
    spec = importlib.util.spec_from_file_location("corpus_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def raw_pdfs() -> Path:
    return RAW_PDFS


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The corpus with its truth files; tests that need it skip without it."""
    if not CORPUS.is_dir() or not SCORER.is_file():
        pytest.skip("the shared corpus and scorer are not present")
    return CORPUS


def _pg_bin() -> Path | None:
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "pg_ctl").exists():
            return candidate
    found = shutil.which("pg_ctl")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A real PostgreSQL server on a loopback port, for this test session only.

    Yields the URL of its ``postgres`` database; ``postgres_url`` makes a fresh
    database per test.
    """
    bindir = _pg_bin()
    if bindir is None:
        pytest.fail(
            "PostgreSQL server binaries not found: run scripts/install-system-packages.sh (make test does)"
        )
    root = Path(tempfile.mkdtemp(prefix="councilpdf-pg-"))
    data = root / "data"
    port = _free_port()
    run_as: list[str] = []
    if os.geteuid() == 0:
        # initdb refuses to run as root; the Debian package creates a postgres user.
        shutil.chown(root, "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        [*run_as, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
    subprocess.run(
        [
            *run_as,
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(root / "log"),
            "-w",
            "start",
        ],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"], capture_output=True
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A new, empty PostgreSQL database for one test."""
    import psycopg

    name = f"t{time.time_ns()}"
    admin = postgres_server.replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield postgres_server.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    """Each database test runs on SQLite and on a real PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One Prefect test harness (a temporary API and database) for the whole session."""
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield
