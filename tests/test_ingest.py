"""Ingest: content-addressed copies, one row per distinct file, quarantine with a reason."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.db import make_engine
from pipeline.ingest import discover, ingest_file, quarantined
from pipeline.pdf.ocr import CACHE_ENV, tesseract_available
from schemas.sql import FileOrigin, SourceFile
from tests.pdfgen import write_pdf, write_scanned_pdf


@pytest.fixture
def engine(db_url):
    return make_engine(db_url)


def test_same_bytes_under_two_names_are_one_file(tmp_path, engine):
    a = write_pdf(tmp_path / "a.pdf", [["Minutes of the meeting"]])
    b = tmp_path / "copy of a.pdf"
    b.write_bytes(a.read_bytes())
    store = tmp_path / "store"
    first = ingest_file(a, engine, store)
    second = ingest_file(b, engine, store)
    assert first.sha256 == second.sha256
    assert first.stored_path == second.stored_path
    assert first.stored_path.read_bytes() == a.read_bytes()
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(SourceFile)) == 1
        assert s.scalar(select(func.count()).select_from(FileOrigin)) == 2


def test_ingesting_again_adds_no_rows(tmp_path, engine):
    pdf = write_pdf(tmp_path / "a.pdf", [["Agenda"]])
    for _ in range(3):
        ingest_file(pdf, engine, tmp_path / "store")
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(SourceFile)) == 1
        assert s.scalar(select(func.count()).select_from(FileOrigin)) == 1


def test_unreadable_scan_is_quarantined_with_its_reason(tmp_path, engine):
    scan = write_scanned_pdf(tmp_path / "scan.pdf", text=False)
    result = ingest_file(scan, engine, tmp_path / "store")
    assert not result.ok
    needs = "scanned: OCR found no text" if tesseract_available() else "scanned: no text layer, needs OCR"
    assert result.reason == needs
    reason_file = result.stored_path.with_name(f"{result.sha256}.reason.txt")
    assert needs in reason_file.read_text()
    assert [(f.file_name, f.reason) for f in quarantined(engine)] == [("scan.pdf", result.reason)]


@pytest.mark.skipif(not tesseract_available(), reason="needs Tesseract")
def test_bytes_that_passed_the_checks_are_not_read_again(tmp_path, engine, monkeypatch):
    ocr = tmp_path / "ocr-cache"
    monkeypatch.setenv(CACHE_ENV, str(ocr))
    scan = write_scanned_pdf(tmp_path / "scan.pdf")
    first = ingest_file(scan, engine, tmp_path / "store")
    assert first.ok and first.page_count == 2 and any(ocr.iterdir())
    shutil.rmtree(ocr)
    again = ingest_file(scan, engine, tmp_path / "store")
    assert again.ok and again.page_count == 2 and not ocr.exists()


def test_discover_takes_pdfs_from_folders_and_any_named_file(tmp_path):
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    write_pdf(tmp_path / "docs" / "b.PDF", [["x"]])
    write_pdf(tmp_path / "docs" / "sub" / "a.pdf", [["x"]])
    (tmp_path / "docs" / "notes.txt").write_text("not a pdf")
    named = tmp_path / "agenda.html"
    named.write_text("<html></html>")
    found = discover([tmp_path / "docs", named])
    assert sorted(p.name for p in found) == ["a.pdf", "agenda.html", "b.PDF"]


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        discover([tmp_path / "nowhere"])
