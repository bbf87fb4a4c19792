"""Kill -9 at any point of a run, then one plain run: the database a run without the kill makes.

The real command line runs in a process group of its own (the flow and its worker
processes), killed with SIGKILL when the database shows the point wanted; the last run
is a plain ``councilpdf run``, and its database and export must equal a clean run's.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from pipeline.db import make_engine
from tests.dbcontent import database_content

POLL_SECONDS = 0.02
"""How often the database is looked at for the point to kill at: loads take tenths of a second."""

RUN_TIMEOUT = 300
"""A run of the five samples takes well under this, even on a loaded machine."""

CLEAN_ONLY = {"runs"}
"""Tables that record the runs themselves (a killed run stays "running"), not what they found."""


def _run(pdfs: Path, db: Path, store: Path, export: Path | None = None) -> list[str]:
    command = [sys.executable, "-m", "councilpdf", "run", "--db", f"sqlite:///{db}", "--store", str(store)]
    return [*command, *(["--export", str(export)] if export else []), str(pdfs)]


def _count(db: Path, query: str) -> int:
    """The answer of a counting query, 0 while the database or its tables do not exist yet."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute(query).fetchone()[0]
    except sqlite3.Error:
        return 0


def _killed_when(command: list[str], db: Path, point: str) -> bool:
    """Run ``command`` and kill it with SIGKILL (its worker processes too) once ``point`` holds
    in the database; whether it was killed (False: it ended first)."""
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + RUN_TIMEOUT
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if _count(db, point):
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                return True
            time.sleep(POLL_SECONDS)
        return False
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _exports(folder: Path) -> dict[str, object]:
    return {p.name: json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))}


DOCUMENTS = "SELECT count(*) FROM documents"
FIRST_LOADED = f"SELECT ({DOCUMENTS}) >= 1"
"""A document's rows are in, its validation has hardly begun."""
TWO_DONE = "SELECT (SELECT count(*) FROM source_files WHERE status = 'loaded') >= 2"
"""Two documents loaded and validated, the others under way: their meetings not yet linked."""
LINKING = (
    f"SELECT ({DOCUMENTS}) = 5 AND (SELECT count(*) FROM pending_work WHERE task = 'validate') = 0"
    " AND (SELECT count(*) FROM pending_work WHERE task = 'partners') > 0"
)
"""Every document loaded and validated: the batch is linking meetings or validating partners again."""


def test_a_run_killed_at_any_point_then_run_again_equals_a_clean_run(tmp_path, raw_pdfs):
    clean_db, clean_out = tmp_path / "clean.db", tmp_path / "clean-out"
    # The clean run goes alongside the killed ones: they share nothing but the PDFs.
    clean_run = subprocess.Popen(
        _run(raw_pdfs, clean_db, tmp_path / "store", clean_out),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    db, store = tmp_path / "killed.db", tmp_path / "killed-store"
    killed = [
        _killed_when(_run(raw_pdfs, db, store), db, point) for point in (FIRST_LOADED, TWO_DONE, LINKING)
    ]
    assert killed[0], "the first run ended before a document was loaded"
    out = tmp_path / "out"
    done = subprocess.run(_run(raw_pdfs, db, store, out), capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert clean_run.wait(RUN_TIMEOUT) == 0

    content, clean = (database_content(make_engine(f"sqlite:///{d}")) for d in (db, clean_db))
    assert {t: len(rows) for t, rows in content.items() if t not in CLEAN_ONLY} == {
        t: len(rows) for t, rows in clean.items() if t not in CLEAN_ONLY
    }
    assert {t: rows for t, rows in content.items() if t not in CLEAN_ONLY} == {
        t: rows for t, rows in clean.items() if t not in CLEAN_ONLY
    }
    assert not content["pending_work"]
    assert _exports(out) == _exports(clean_out)
