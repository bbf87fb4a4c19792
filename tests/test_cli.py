"""The command line: every command's help, and the main job on good and bad files."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

# Prefect's log handler keeps the stderr it sees when first imported; importing it
# here, not inside CliRunner.invoke (which swaps stderr and closes it), keeps it valid.
import flows.batch  # noqa: F401
from councilpdf.cli import app
from pipeline.db import make_engine
from tests.pdfgen import write_scanned_pdf

runner = CliRunner()

COMMANDS = [
    "run",
    "ingest",
    "export",
    "status",
    "flags",
    "audit",
    "fetch",
    "serve",
    "run-dask",
    "meetings",
    "decisions",
    "kpi-history",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_top_level_help_lists_the_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output


def test_ingest_quarantines_bad_files_and_says_how_many_failed(tmp_path, raw_pdfs):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(raw_pdfs / "oneSource-2020-02-07-kpi-q2-cover.pdf", folder)
    (folder / "empty.pdf").write_bytes(b"")
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    result = runner.invoke(app, ["ingest", str(folder), "--db", db, "--store", str(tmp_path / "store")])
    assert result.exit_code == 1
    assert "empty file (0 bytes)" in result.output
    assert "1 of 2 failed" in result.output


def test_export_of_an_empty_database_writes_nothing(tmp_path):
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    make_engine(db)
    result = runner.invoke(app, ["export", "--out", str(tmp_path / "out"), "--db", db])
    assert result.exit_code == 0
    assert "wrote 0 file(s)" in result.output


@pytest.mark.xdist_group("prefect")
def test_run_loads_good_files_quarantines_bad_ones_and_adds_nothing_the_second_time(
    prefect_harness, tmp_path, raw_pdfs
):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("oneSource-2019-07-12-minutes.pdf", "oneSource-2020-02-07-kpi-q2-cover.pdf"):
        shutil.copy(raw_pdfs / name, folder)
    write_scanned_pdf(folder / "scan.pdf", text=False)
    (folder / "truncated.pdf").write_bytes(
        (raw_pdfs / "oneSource-2019-07-12-minutes.pdf").read_bytes()[:5000]
    )
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    args = [
        "run",
        str(folder),
        "--db",
        db,
        "--store",
        str(tmp_path / "store"),
        "--export",
        str(tmp_path / "out"),
    ]

    first = runner.invoke(app, args)
    assert first.exit_code == 1, first.output
    assert "2 of 4 failed" in first.output
    assert "scanned: " in first.output
    assert "truncated" in first.output
    minutes = json.loads((tmp_path / "out" / "oneSource-2019-07-12-minutes.json").read_text())
    assert minutes["minutes"][0]["chair"]

    status = runner.invoke(app, ["status", "--db", db])
    rows_before = status.output

    second = runner.invoke(app, args)
    assert "2 of 4 failed (0 loaded, 0 partial, 2 unchanged)" in second.output
    assert runner.invoke(app, ["status", "--db", db]).output == rows_before
