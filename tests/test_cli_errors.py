"""What a user meets: help that shows defaults, errors in one line with what to do, and nothing
created or left green that should not be."""

from __future__ import annotations

import csv
import io
import json
import socket
from datetime import date

import pyarrow.parquet as pq
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

# Prefect's log handler keeps the stderr it sees when first imported (see test_cli).
import flows.batch  # noqa: F401
from councilpdf.cli import app
from flows.poll import poll_flow, poll_summary
from pipeline.db import make_engine
from pipeline.sources.config import ModernGovSite
from pipeline.sources.download import Downloader, DownloadError
from pipeline.sources.fetch import fetch_site
from schemas import sql
from tests.moderngov_standin import ModernGovStandIn
from tests.records import item, load, minutes_doc
from tests.test_audit import load as load_pdf
from tests.test_flags_pdfs import finance_paper

runner = CliRunner()

READ_ONLY = [
    ["status"],
    ["flags"],
    ["export", "--out", "out"],
    ["audit"],
    ["meetings"],
    ["decisions"],
    ["kpi-history", "days"],
    ["browse"],
]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _one_line_error(result, code: int) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    [line] = [line for line in result.output.splitlines() if line.startswith("error:")]
    return line


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def flagged(tmp_path) -> str:
    """A SQLite file holding a budget paper with planted errors and minutes with a decision."""
    path = tmp_path / "flags.db"
    engine = make_engine(f"sqlite:///{path}")
    load_pdf(engine, finance_paper(tmp_path / "bad.pdf", "Helvetica", planted=True), tmp_path / "store")
    minutes = [item("4", "ERP", "The Oracle upgrade was discussed.", [("agreed", "Agreed to proceed.")])]
    load(engine, minutes_doc("minutes.pdf", "Resources Committee", date(2023, 3, 2), minutes))
    return str(path)


def test_help_shows_defaults_and_environment_variables_as_written():
    status = _flat(runner.invoke(app, ["status", "--help"]).output)
    assert "[default: sqlite:///data/councilpdf.db]" in status and "COUNCILPDF_DB" in status
    run = _flat(runner.invoke(app, ["run", "--help"]).output)
    assert "[default: raw_pdfs/]" in run and "COUNCILPDF_STORE" in run
    serve = _flat(runner.invoke(app, ["serve", "--help"]).output)
    assert (
        '[default: the file\'s [schedule] cron, else "0 7 * * *"]' in serve and "COUNCILPDF_SOURCES" in serve
    )


@pytest.mark.parametrize("command", READ_ONLY, ids=lambda c: c[0])
def test_a_read_only_command_never_creates_a_database(command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COUNCILPDF_DB", raising=False)
    line = _one_line_error(runner.invoke(app, command), 1)
    assert "no database at" in line and "councilpdf run" in line
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_command_says_which_database_it_reads(flagged):
    result = runner.invoke(app, ["flags", "--db", flagged, "--format", "json"])
    assert result.exit_code == 0
    assert f"database: sqlite:///{flagged}" in result.stderr
    assert json.loads(result.stdout)


def test_a_file_path_is_a_sqlite_database(flagged, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["status", "--db", "flags.db"])
    assert result.exit_code == 0, result.output
    assert f"database: sqlite:///{tmp_path / 'flags.db'}" in result.output and "bad.pdf" in result.output


def test_a_database_url_that_cannot_work_is_a_one_line_error():
    assert "driver" in _one_line_error(runner.invoke(app, ["status", "--db", "mysql://u@localhost/x"]), 2)
    assert "no such kind of database" in _one_line_error(
        runner.invoke(app, ["status", "--db", "nosuch://x"]), 2
    )
    closed = f"postgresql://postgres@127.0.0.1:{_free_port()}/x"
    assert "cannot open postgresql+psycopg://postgres@127.0.0.1" in _one_line_error(
        runner.invoke(app, ["status", "--db", closed]), 1
    )


@pytest.mark.postgres
def test_postgresql_urls_use_the_installed_driver(postgres_url):
    make_engine(postgres_url)
    plain = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    result = runner.invoke(app, ["status", "--db", plain])
    assert result.exit_code == 0, result.output


def test_an_unknown_flag_kind_names_the_nearest(flagged):
    line = _one_line_error(runner.invoke(app, ["flags", "--db", flagged, "-k", "total_mismach"]), 2)
    assert "did you mean 'total_mismatch'" in line and "rag_vs_target" in line


def test_flags_as_json_give_pages_and_places_as_lists_with_boxes(flagged):
    rows = json.loads(
        runner.invoke(app, ["flags", "--db", flagged, "-f", "json", "-k", "total_mismatch"]).stdout
    )
    [total] = rows
    assert total["pages"] == [2]
    [place] = total["locations"]
    assert place["document"] == "bad.pdf" and place["table_label"] == "T001" and len(place["table_ref"]) == 40
    assert len(place["bbox"]) == 4 and all(isinstance(v, float) for v in place["bbox"])


def test_exports_for_other_tools(flagged, tmp_path):
    for fmt in ("csv", "json", "parquet"):
        result = runner.invoke(app, ["export", "--db", flagged, "--out", str(tmp_path / fmt), "-f", fmt])
        assert result.exit_code == 0, result.output
        assert "one per table and view" in _flat(result.output)
    every = {t.name for t in sql.Base.metadata.sorted_tables} | {
        "flag_evidence",
        "kpi_values",
        "financial_values",
        "decision_timeline",
    }
    for fmt in ("csv", "json", "parquet"):
        assert {p.stem for p in (tmp_path / fmt).iterdir()} == every, fmt
    raw = (tmp_path / "csv" / "financial_cells.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "£".encode() in raw
    cells = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert {c["unit"] for c in cells} == {"£m"}
    tables = json.loads((tmp_path / "json" / "extracted_tables.json").read_text(encoding="utf-8"))
    assert isinstance(tables[0]["pages"], list) and len(tables[0]["bbox"]) == 4
    assert "bbox_x0" not in tables[0]
    flags = pq.read_table(tmp_path / "parquet" / "inconsistencies.parquet")
    assert flags.num_rows == 4 and str(flags.schema.field("pdf_page").type) == "int64"
    assert str(
        pq.read_table(tmp_path / "parquet" / "source_files.parquet").schema.field("first_seen").type
    ) == ("timestamp[us, tz=UTC]")


def test_two_files_of_one_name_get_two_audit_pages_and_an_index(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    for folder, planted in (("a", True), ("b", False)):
        (tmp_path / folder).mkdir()
        pdf = finance_paper(tmp_path / folder / "Public reports pack.pdf", "Helvetica", planted=planted)
        load_pdf(engine, pdf, tmp_path / "store")
    out = tmp_path / "audit"
    result = runner.invoke(app, ["audit", "--db", str(tmp_path / "db.sqlite"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    pages = sorted(p.name for p in out.iterdir() if p.name != "index.html")
    assert len(pages) == 2 and all(p.startswith("Public reports pack.") for p in pages)
    assert "2 document page(s) and their index" in _flat(result.output)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{p}"' in index for p in pages) and "4 flag(s)" in index
    planted = next(
        (out / p).read_text(encoding="utf-8")
        for p in pages
        if "No inconsistencies" not in (out / p).read_text()
    )
    assert "#page=2" in planted  # each flag's page links to that page of the PDF


def test_decisions_show_what_matched(flagged):
    result = runner.invoke(app, ["decisions", "--db", flagged, "--topic", "oracle"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "the item says: The Oracle upgrade was discussed." in result.output
    assert "1 decision(s) about 'oracle': 0 whose own text matches, 1 taken on an item" in _flat(
        result.output
    )
    own = runner.invoke(app, ["decisions", "--db", flagged, "--topic", "oracle", "--own-text"])
    assert "0 decision(s) about 'oracle'" in own.output


def test_a_bad_schedule_is_a_one_line_error(tmp_path):
    config = tmp_path / "sources.toml"
    config.write_text("")
    line = _one_line_error(
        runner.invoke(app, ["serve", "--config", str(config), "--cron", "every morning"]), 2
    )
    assert "is not a cron schedule" in line and "0 7 * * 1-5" in line
    line = _one_line_error(
        runner.invoke(app, ["serve", "--config", str(config), "--timezone", "Europe/Lndon"]), 2
    )
    assert "is not a time zone name" in line
    config.write_text('[schedule]\ncron = "daily"\n')
    assert "[schedule]" in _one_line_error(runner.invoke(app, ["fetch", "--config", str(config)]), 2)
    config.write_text('[[moderngov]]\nname = "x"\n')
    line = _one_line_error(runner.invoke(app, ["fetch", "--config", str(config)]), 2)
    assert "[[moderngov]] #1: base_url is required" in line


def test_a_mistyped_committee_is_warned_of_with_the_nearest_titles(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    titles = {1: "Audit Committee", 2: "Audit and Governance Committee", 3: "Planning Committee"}
    with ModernGovStandIn(titles) as site:
        wanted = ModernGovSite("s", site.base_url, committees=("Audti Committee", 3, 99))
        report = fetch_site(engine, wanted, tmp_path / "downloads")
    assert report.committees == 1
    assert report.warnings == [
        "s: the site lists no committee titled 'Audti Committee'; the nearest are: Audit Committee",
        "s: the site lists no committee with id 99",
    ]


def test_an_address_that_is_not_a_web_address_is_a_download_error():
    with Downloader(retries=0) as downloader, pytest.raises(DownloadError, match="not a web address"):
        downloader.get_bytes("ftp://example.invalid/x")


@pytest.mark.xdist_group("prefect")
def test_a_poll_with_failures_says_why_goes_on_and_ends_failed(prefect_harness, tmp_path, raw_pdfs):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "minutes.pdf").write_bytes((raw_pdfs / "oneSource-2020-02-07-kpi-q2-cover.pdf").read_bytes())
    closed = f"http://127.0.0.1:{_free_port()}"
    config = tmp_path / "sources.toml"
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    config.write_text(
        f'[storage]\ndb = "{db}"\n\n'
        f'[[moderngov]]\nname = "down"\nbase_url = "{closed}"\nretries = 0\n\n'
        f'[[folder]]\nname = "gone"\npath = "{tmp_path / "gone"}"\n\n'
        f'[[folder]]\nname = "inbox"\npath = "{inbox}"\n'
    )
    result = runner.invoke(app, ["fetch", "--config", str(config), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    out = _flat(result.output)
    assert f"database: {db}" in out  # the one the file names, which the poll writes
    assert "error: down: the list of committees: " in out and "cannot connect: [Errno 111]" in out
    assert "error: folder source 'gone': no such folder" in out and "skipped" in out
    assert "inbox: 1 new or changed file(s)" in out and "0 of 1 failed (1 loaded" in out
    with Session(make_engine(db)) as session:
        [run] = session.scalars(select(sql.Run)).all()
    assert (run.command, run.status, run.loaded, run.failed) == ("fetch", "failed", 1, 2)
    state = poll_flow(str(config), db=db, store=str(tmp_path / "s"), return_state=True)
    assert state.is_failed() and poll_summary(state).failed == 2


@pytest.mark.xdist_group("prefect")
def test_run_leaves_a_row_in_runs_and_counts_sections_as_sections(prefect_harness, tmp_path, raw_pdfs):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "m.pdf").write_bytes((raw_pdfs / "oneSource-2019-07-12-minutes.pdf").read_bytes())
    db = str(tmp_path / "run.db")
    result = runner.invoke(app, ["run", str(folder), "--db", db, "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    assert "1 sections, 0 tables" in result.output
    with Session(make_engine(f"sqlite:///{db}")) as session:
        [run] = session.scalars(select(sql.Run)).all()
    assert (run.command, run.status, run.files, run.loaded, run.failed) == ("run", "completed", 1, 1, 0)
    assert run.finished >= run.started.replace(tzinfo=run.finished.tzinfo)
    assert [o["status"] for o in run.summary["outcomes"]] == ["loaded"]
    assert run.summary["arguments"]["paths"] == [str(folder)]
