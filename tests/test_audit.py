"""Flags read back from the database: the audit report with page crops, and flag listings."""

from __future__ import annotations

import base64
import csv
import io
import json
import re

import pytest
from PIL import Image
from typer.testing import CliRunner

from councilpdf.cli import app
from pipeline.db import make_engine
from pipeline.extract import extract_pdf, segment_pdf
from pipeline.ingest import ingest_file, mark_loaded
from pipeline.load import load_document
from pipeline.query.audit import write_audit_report
from pipeline.query.flagquery import FLAG_COLUMNS, list_flags
from pipeline.validate import validate_document
from tests.test_flags_pdfs import finance_paper

runner = CliRunner()


@pytest.fixture
def engine(db_url):
    return make_engine(db_url)


def load(engine, path, store):
    ingested = ingest_file(path, engine, store)
    seg = segment_pdf(ingested.stored_path, ingested.sha256).model_copy(update={"file": path.name})
    load_document(engine, extract_pdf(ingested.stored_path, seg))
    mark_loaded(engine, ingested.sha256)
    validate_document(engine, ingested.sha256)
    return ingested


def test_audit_report_shows_each_flag_with_its_evidence_and_page_crops(tmp_path, engine):
    ingested = load(
        engine, finance_paper(tmp_path / "budget.pdf", "Helvetica", planted=True), tmp_path / "store"
    )
    path = write_audit_report(engine, ingested.sha256, tmp_path / "audit")
    assert path.name == f"budget.{ingested.sha256[:12]}.audit.html"
    page = path.read_text(encoding="utf-8")
    flags = list_flags(engine, document="budget.pdf")
    assert len(flags) == 4
    for flag in flags:
        assert flag["description"].split("'")[0].replace("&", "&amp;") in page
        assert flag["expected"].replace("&", "&amp;") in page
    assert "page 2, table T001, row “Total”" in page
    crops = [
        Image.open(io.BytesIO(base64.b64decode(d))) for d in re.findall(r"base64,([A-Za-z0-9+/=]+)", page)
    ]
    # Every location is on a page of this document: each has a picture, found by its box or its text.
    assert len(crops) == sum(len(f["evidence"].split("; ")) for f in flags)
    assert all(c.format == "PNG" and 0 < c.width <= 1200 and 0 < c.height < 1684 for c in crops)


def test_audit_report_without_the_stored_pdf_lists_flags_without_pictures(tmp_path, engine):
    ingested = load(engine, finance_paper(tmp_path / "budget.pdf", "Times", planted=True), tmp_path / "store")
    ingested.stored_path.unlink()
    page = write_audit_report(engine, ingested.sha256, tmp_path / "audit").read_text(encoding="utf-8")
    assert "stored PDF was not found" in page
    assert "base64," not in page
    assert page.count('<section class="flag') == 4


def test_audit_report_of_an_unknown_document_is_an_error(tmp_path, engine):
    with pytest.raises(KeyError):
        write_audit_report(engine, "f" * 64, tmp_path)


def test_flags_are_listed_by_kind_and_by_document(tmp_path, engine):
    bad = load(engine, finance_paper(tmp_path / "bad.pdf", "Helvetica", planted=True), tmp_path / "store")
    load(engine, finance_paper(tmp_path / "good.pdf", "Helvetica", planted=False), tmp_path / "store")
    rows = list_flags(engine)
    assert [r["document"] for r in rows] == ["bad.pdf"] * 4
    assert all(list(r) == list(FLAG_COLUMNS) for r in rows)
    assert [r["kind"] for r in list_flags(engine, kind="unit_anomaly")] == ["unit_anomaly"] * 2
    assert len(list_flags(engine, document=bad.sha256[:10])) == 4
    assert len(list_flags(engine, document="bad")) == 4
    assert list_flags(engine, document="good.pdf") == []
    total = next(r for r in rows if r["kind"] == "total_mismatch")
    assert total["pages"] == "2" and "T001 row 'Total'" in total["evidence"]
    assert total["rule"] == "table_totals" and total["rule_version"]


@pytest.fixture
def flagged_db(tmp_path) -> str:
    """A SQLite database holding one paper with planted errors and one without."""
    url = f"sqlite:///{tmp_path / 'flags.db'}"
    engine = make_engine(url)
    load(engine, finance_paper(tmp_path / "bad.pdf", "Helvetica", planted=True), tmp_path / "store")
    load(engine, finance_paper(tmp_path / "good.pdf", "Helvetica", planted=False), tmp_path / "store")
    return url


def test_flags_command_writes_json_and_csv_filtered_by_kind_and_document(flagged_db):
    listed = runner.invoke(app, ["flags", "--db", flagged_db, "--format", "json"])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.stdout)
    assert len(rows) == 4 and {r["document"] for r in rows} == {"bad.pdf"}

    by_kind = runner.invoke(app, ["flags", "--db", flagged_db, "-k", "unit_anomaly", "-f", "csv"])
    assert by_kind.stdout.startswith("\ufeff")  # the byte-order mark spreadsheets need to read UTF-8
    records = list(csv.DictReader(io.StringIO(by_kind.stdout.removeprefix("\ufeff"))))
    assert [r["kind"] for r in records] == ["unit_anomaly", "unit_anomaly"]
    assert list(records[0]) == list(FLAG_COLUMNS)

    none = runner.invoke(app, ["flags", "--db", flagged_db, "--document", "good", "-f", "json"])
    assert json.loads(none.stdout) == []


def test_flags_command_prints_a_table_per_document_with_expected_and_found(flagged_db):
    result = runner.invoke(app, ["flags", "--db", flagged_db], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "bad.pdf: 4 flag(s)" in result.output
    assert "total_mismatch" in result.output and "expected" in result.output


def test_audit_command_writes_a_report_per_document_and_rejects_unknown_names(flagged_db, tmp_path):
    out = tmp_path / "audit"
    result = runner.invoke(app, ["audit", "--db", flagged_db, "--out", str(out)])
    assert result.exit_code == 0, result.output
    pages = {p.name.split(".")[0]: p for p in out.iterdir() if p.name != "index.html"}
    assert sorted(p.name for p in out.iterdir()) == sorted(["index.html", *(p.name for p in pages.values())])
    assert sorted(pages) == ["bad", "good"]
    assert "No inconsistencies were flagged" in pages["good"].read_text(encoding="utf-8")

    unknown = runner.invoke(app, ["audit", "--db", flagged_db, "--out", str(out), "-d", "missing"])
    assert unknown.exit_code == 2
    assert "no document named 'missing'" in unknown.output
