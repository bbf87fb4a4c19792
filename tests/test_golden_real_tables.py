"""Golden test: real councils' finance papers through the whole pipeline, their tables,
financial cells and KPIs scored against hand-made truth.

The papers are those of the shared real corpus whose truth annotates tables (skipped when
the shared corpus is absent) and those in ``tests/corpus/real`` that do. Thresholds only go up.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.db import make_engine
from pipeline.export import export_all
from pipeline.extract import extract_pdf, segment_pdf
from pipeline.ingest import ingest_file, mark_loaded
from pipeline.load import load_document
from tests.conftest import REPO, SCORER, SHARED
from tests.test_golden import _scorer

LOCAL = REPO / "tests" / "corpus" / "real"
SHARED_REAL = SHARED / "corpus" / "real"

THRESHOLDS = {"tables": 0.995, "financial_cells": 1.0, "kpis": 1.0}

pytestmark = pytest.mark.xdist_group("golden-real-tables")


def _table_papers() -> list[Path]:
    """Truth files, in both folders, that annotate tables."""
    truths = [*sorted(SHARED_REAL.glob("*.truth.json")), *sorted(LOCAL.glob("*.truth.json"))]
    return [t for t in truths if "tables" in json.loads(t.read_text())]


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    if not SCORER.is_file() or not SHARED_REAL.is_dir():
        pytest.skip("the shared corpus and scorer are not present")
    work = tmp_path_factory.mktemp("golden-real-tables")
    engine = make_engine(f"sqlite:///{work / 'golden.db'}")
    truths = _table_papers()
    for truth in truths:
        pdf = truth.with_name(truth.name[: -len(".truth.json")] + ".pdf")
        ingested = ingest_file(pdf, engine, work / "store")
        seg = segment_pdf(ingested.stored_path, ingested.sha256).model_copy(update={"file": pdf.name})
        load_document(engine, extract_pdf(ingested.stored_path, seg))
        mark_loaded(engine, ingested.sha256)
    out = work / "export"
    export_all(engine, out)
    score = _scorer()
    tallies = {s: score.Tally() for s in score.SECTIONS}
    for truth in truths:
        pred = json.loads((out / f"{truth.name[: -len('.truth.json')]}.json").read_text())
        per_file = {s: score.Tally() for s in score.SECTIONS}
        score.score_pair(json.loads(truth.read_text()), pred, per_file)
        for s, t in per_file.items():
            tallies[s].add(t.tp, t.fp, t.fn)
            tallies[s].misses += t.misses
    return tallies


@pytest.mark.parametrize("section", sorted(THRESHOLDS))
def test_real_finance_papers_hold_their_threshold(scores, section):
    tally = scores[section]
    assert tally.f1 >= THRESHOLDS[section], f"{section} F1 {tally.f1:.3f}; misses: {tally.misses[:10]}"
