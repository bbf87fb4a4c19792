"""A full database, a read-only or immutable one, an export folder that cannot be written:
one line saying so, a non-zero exit, no traceback, and no good file marked quarantined."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

# Prefect's log handler keeps the stderr it sees when first imported (see test_cli).
import flows.batch  # noqa: F401
from councilpdf.cli import app
from pipeline.db import make_engine
from pipeline.storage import StorageError, storage_error
from schemas import sql

runner = CliRunner()

MINUTES = "oneSource-2019-07-12-minutes.pdf"

SPARE_PAGES = 3
"""Pages a "full" database may still grow by: room for a file's row, not for its extraction."""

# SQLite's own limit on a database's size, set on each connection to one file: the load
# then fails as on a full disk, with SQLITE_FULL ("database or disk is full").
CAPPED_CLI = textwrap.dedent(
    """
    import sys
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    _, capped, pages, *arguments = sys.argv

    @event.listens_for(Engine, "connect")
    def cap(dbapi_connection, _record):
        files = [row[2] for row in dbapi_connection.execute("PRAGMA database_list")]
        if capped in files:
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    from councilpdf.cli import app
    sys.argv = ["councilpdf", *arguments]
    app()
    """
)


def _page_count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("PRAGMA page_count").fetchone()[0]


def _statuses(db: str) -> list[str]:
    with Session(make_engine(db)) as session:
        return list(session.scalars(select(sql.SourceFile.status)))


def test_a_full_database_stops_the_batch_with_one_line_and_the_next_run_loads_the_file(tmp_path, raw_pdfs):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(raw_pdfs / MINUTES, folder)
    path = tmp_path / "db.sqlite"
    db = f"sqlite:///{path}"
    make_engine(db)
    cap = _page_count(path) + SPARE_PAGES
    args = ["run", str(folder), "--db", db, "--store", str(tmp_path / "store")]
    env = {**os.environ, "COLUMNS": "200"}

    full = subprocess.run(
        [sys.executable, "-c", CAPPED_CLI, str(path), str(cap), *args],
        capture_output=True,
        text=True,
        env=env,
    )

    assert full.returncode == 1, full.stdout + full.stderr
    assert "Traceback" not in full.stdout + full.stderr
    (line,) = [line for line in full.stderr.splitlines() if line.startswith("error:")]
    assert line.startswith(f"error: database is full: {db}: database or disk is full")
    assert "quarantined" not in _statuses(db)

    again = subprocess.run(
        [sys.executable, "-m", "councilpdf", *args], capture_output=True, text=True, env=env
    )
    assert again.returncode == 0, again.stdout + again.stderr
    assert "0 of 1 failed (1 loaded" in again.stdout
    assert _statuses(db) == ["loaded"]


@pytest.fixture(name="read_only")
def read_only_fixture(tmp_path):
    """A way to make a file read-only that holds for this user: immutable for root (whom
    permissions do not stop), else no write permission."""
    made: list[Path] = []

    def make(path: Path) -> None:
        if os.geteuid() == 0:
            if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)]).returncode:
                pytest.skip("running as root on a file system without immutable files")
        else:
            path.chmod(0o444)
        made.append(path)

    yield make
    for path in made:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], check=True)


def test_a_read_only_database_is_one_line_for_a_command_that_writes(tmp_path, raw_pdfs, read_only):
    path = tmp_path / "db.sqlite"
    db = f"sqlite:///{path}"
    make_engine(db).dispose()
    read_only(path)

    result = runner.invoke(
        app, ["ingest", str(raw_pdfs / MINUTES), "--db", db, "--store", str(tmp_path / "s")]
    )

    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert result.output.splitlines()[-1].startswith(
        f"error: database is read-only: {db}: attempt to write a readonly database"
    )


def test_export_to_a_folder_that_cannot_be_written_is_one_line(tmp_path):
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    make_engine(db)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")

    result = runner.invoke(app, ["export", "--out", str(blocker / "out"), "--db", db])

    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert (
        result.output.splitlines()[-1] == f"error: cannot write export to {blocker / 'out'}: Not a directory"
    )


def test_run_with_an_export_folder_that_cannot_be_written_stops_before_its_work(tmp_path, raw_pdfs):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    db = tmp_path / "db.sqlite"

    result = runner.invoke(
        app, ["run", str(raw_pdfs / MINUTES), "--db", str(db), "--export", str(blocker / "out")]
    )

    assert result.exit_code == 1
    assert (
        result.output.splitlines()[-1] == f"error: cannot write export to {blocker / 'out'}: Not a directory"
    )
    assert not db.exists()


def test_sqlite_running_out_of_room_is_a_full_database(tmp_path):
    conn = sqlite3.connect(tmp_path / "small.db")
    conn.execute("CREATE TABLE t (x)")
    conn.execute(f"PRAGMA max_page_count = {_page_count(tmp_path / 'small.db') + 1}")
    with pytest.raises(sqlite3.OperationalError) as caught:
        conn.executemany("INSERT INTO t VALUES (?)", [(b"x" * 4096,)] * 10)
    try:
        raise RuntimeError("load failed") from caught.value
    except RuntimeError as exc:
        problem = storage_error(exc)
    assert problem is not None and problem.what == "database is full"


@pytest.mark.parametrize(
    ("error", "line"),
    [
        (OSError(28, "No space left on device", "/store/ab/x.part"), "disk is full: /store/ab/x.part"),
        (OSError(30, "Read-only file system", "/store"), "file system is read-only: /store"),
    ],
)
def test_a_full_or_read_only_file_system_is_told_by_its_error_number(error, line):
    problem = storage_error(error)
    assert isinstance(problem, StorageError) and problem.line("db").startswith(line)


def test_an_error_of_a_file_is_no_storage_failure():
    assert storage_error(ValueError("zip() argument 2 is longer than argument 1")) is None
    assert storage_error(PermissionError(13, "Permission denied", "/in/a.pdf")) is None
