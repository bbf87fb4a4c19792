"""One guarded extraction loop: a fault loses one element, never a pack, and is never hidden.

Faults are planted through the registry the pipeline walks (a reader, a typer, a rule
that raises), then the real pipeline runs on a real agenda pack.
"""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

import flows.batch  # noqa: F401  (Prefect's log handler keeps the stderr it first sees)
from councilpdf.cli import app
from extractors import minutes, registry
from extractors.base import Extractor
from pipeline import flags
from pipeline.db import make_engine
from pipeline.extract import extract_pdf, segment_pdf
from pipeline.flags.base import Rule
from pipeline.ingest import ingest_file, mark_loaded
from pipeline.load import load_document
from pipeline.validate import is_current, validate_document
from schemas import sql

PACK = "oneSource-2019-10-18-pack.pdf"

runner = CliRunner()


def _planted_fault(*_args, **_kwargs):
    raise IndexError("list index out of range (planted)")


def _load_pack(tmp_path, raw_pdfs):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    ingested = ingest_file(raw_pdfs / PACK, engine, tmp_path / "store")
    seg = segment_pdf(ingested.stored_path, ingested.sha256)
    extraction = extract_pdf(ingested.stored_path, seg)
    load_document(engine, extraction)
    status = mark_loaded(engine, ingested.sha256)
    validate_document(engine, ingested.sha256)
    return engine, ingested.sha256, extraction, status


def _source_status(engine, sha256: str) -> str:
    with Session(engine) as session:
        return session.get(sql.SourceFile, sha256).status


def test_a_raising_minutes_reader_loses_the_minutes_only_and_marks_the_pack_partial(
    monkeypatch, tmp_path, raw_pdfs
):
    monkeypatch.setitem(
        registry.SECTION_READERS, "minutes", registry.SectionReader(minutes.EXTRACTOR, _planted_fault)
    )
    engine, sha256, extraction, status = _load_pack(tmp_path, raw_pdfs)

    assert status == "partial" and _source_status(engine, sha256) == "partial"
    assert not extraction.minutes
    assert extraction.reports and extraction.tables and extraction.kpis and extraction.agenda_items
    (error,) = extraction.errors
    assert error.extractor == "minutes" and error.extractor_version == minutes.EXTRACTOR.version
    assert error.element.startswith("minutes on pages") and error.pdf_page
    assert error.error == "IndexError: list index out of range (planted)"
    assert "_planted_fault" in error.traceback
    with Session(engine) as session:
        stored = session.scalars(select(sql.ExtractionErrorRow)).all()
    assert [(e.extractor, e.stage, e.pdf_page) for e in stored] == [("minutes", "extract", error.pdf_page)]
    assert not is_current(engine, sha256)


def test_a_raising_typer_loses_its_records_only(monkeypatch, tmp_path, raw_pdfs):
    planted = registry.TableTyper(Extractor("planted", __name__), _planted_fault)
    monkeypatch.setattr(registry, "TABLE_TYPERS", [planted, *registry.TABLE_TYPERS])
    _, _, extraction, status = _load_pack(tmp_path, raw_pdfs)

    assert status == "partial"
    assert [e.element for e in extraction.errors] == ["planted records"]
    assert extraction.kpis and extraction.financial_cells and extraction.actions and extraction.minutes


def test_a_raising_rule_loses_its_flags_only_and_is_recorded(monkeypatch, tmp_path, raw_pdfs):
    monkeypatch.setattr(flags, "RULES", [Rule("planted", "other", _planted_fault), *flags.RULES])
    engine, sha256, _, _ = _load_pack(tmp_path, raw_pdfs)

    with Session(engine) as session:
        kept = session.scalars(select(sql.InconsistencyRow.rule)).all()
        errors = session.scalars(select(sql.ExtractionErrorRow)).all()
    assert kept and "planted" not in kept
    assert [(e.stage, e.extractor, e.element) for e in errors] == [("validate", "planted", "rule planted")]
    assert _source_status(engine, sha256) == "partial"


@pytest.mark.xdist_group("prefect")
def test_run_says_partial_exits_non_zero_and_the_next_run_extracts_again(
    prefect_harness, monkeypatch, tmp_path, raw_pdfs
):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(raw_pdfs / PACK, folder)
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    args = ["run", str(folder), "--db", db, "--store", str(tmp_path / "store")]
    with monkeypatch.context() as planted:
        planted.setitem(
            registry.SECTION_READERS, "minutes", registry.SectionReader(minutes.EXTRACTOR, _planted_fault)
        )
        first = runner.invoke(app, args)
    assert first.exit_code == 1, first.output
    assert "0 of 1 failed (0 loaded, 1 partial, 0 unchanged)" in first.output
    assert "minutes" in first.output and "IndexError" in first.output

    status = runner.invoke(app, ["status", "--db", db])
    assert "partial" in status.output and "IndexError" in status.output
    shown = runner.invoke(app, ["flags", "--db", db])
    assert "partial:" in shown.output and "may be incomplete" in shown.output

    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    assert "0 of 1 failed (1 loaded, 0 partial, 0 unchanged)" in second.output
    assert "IndexError" not in runner.invoke(app, ["status", "--db", db]).output
