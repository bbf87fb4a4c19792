"""Golden tests: the sample PDFs through the whole pipeline and the database, scored against the truth.

Thresholds only go up: raise one when the pipeline improves, never lower it.
"""

from __future__ import annotations

import importlib.util
import json

import pytest

from pipeline.db import make_engine
from pipeline.export import export_all
from pipeline.extract import extract_pdf, segment_pdf
from pipeline.ingest import ingest_file, mark_loaded
from pipeline.load import load_document
from pipeline.validate import validate_document
from tests.conftest import RAW_PDFS, SCORER

THRESHOLDS = {
    "document": 1.0,
    "members": 1.0,
    "agenda_items": 1.0,
    "sections": 1.0,
    "minutes": 1.0,
    "minute_items": 1.0,
    "decisions": 1.0,
    "reports": 1.0,
    "tables": 0.99,
    "kpis": 0.99,
    "kpi_series": 0.99,
    "actions": 0.99,
    "financial_cells": 0.95,
}

pytestmark = pytest.mark.xdist_group("golden")


def _scorer():
    spec = importlib.util.spec_from_file_location("corpus_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores(corpus_dir, tmp_path_factory):
    """Section F1 over the corpus, for an export read back from a real database."""
    work = tmp_path_factory.mktemp("golden")
    engine = make_engine(f"sqlite:///{work / 'golden.db'}")
    for pdf in sorted(RAW_PDFS.glob("*.pdf")):
        ingested = ingest_file(pdf, engine, work / "store")
        seg = segment_pdf(ingested.stored_path, ingested.sha256).model_copy(update={"file": pdf.name})
        load_document(engine, extract_pdf(ingested.stored_path, seg))
        mark_loaded(engine, ingested.sha256)
        validate_document(engine, ingested.sha256)
    out = work / "export"
    export_all(engine, out)
    score = _scorer()
    tallies = {s: score.Tally() for s in score.SECTIONS}
    for truth_path in sorted(corpus_dir.glob("*.truth.json")):
        name = truth_path.name[: -len(".truth.json")]
        pred = json.loads((out / f"{name}.json").read_text())
        per_file = {s: score.Tally() for s in score.SECTIONS}
        score.score_pair(json.loads(truth_path.read_text()), pred, per_file)
        for s, t in per_file.items():
            tallies[s].add(t.tp, t.fp, t.fn)
            tallies[s].misses += t.misses
    return tallies


@pytest.mark.parametrize("section", sorted(THRESHOLDS))
def test_corpus_section_scores_hold_their_threshold(scores, section):
    tally = scores[section]
    assert tally.f1 >= THRESHOLDS[section], f"{section} F1 {tally.f1:.3f}; misses: {tally.misses[:10]}"
