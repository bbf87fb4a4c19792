"""Golden test: real councils' report papers through the whole pipeline and the database, their
report records scored against hand-made truth.

The papers are the annotated report covers of the shared real corpus (skipped when it is
absent) and of ``tests/corpus/real``. Thresholds only go up: raise one when the pipeline
improves, never lower it.
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

SETS = {
    "shared": SHARED / "corpus" / "real",
    "tests": REPO / "tests" / "corpus" / "real",
}
THRESHOLDS = {"shared": 1.0, "tests": 1.0}

pytestmark = pytest.mark.xdist_group("golden")


def _report_papers(folder: Path) -> list[Path]:
    """Truth files of the folder that annotate reports."""
    return [t for t in sorted(folder.glob("*.truth.json")) if "reports" in json.loads(t.read_text())]


@pytest.mark.parametrize("name", sorted(SETS))
def test_real_report_covers_hold_their_threshold(name, tmp_path):
    folder = SETS[name]
    if not folder.is_dir() or not SCORER.is_file():
        pytest.skip(f"{folder} or the corpus scorer is not present")
    truths = _report_papers(folder)
    engine = make_engine(f"sqlite:///{tmp_path / 'golden.db'}")
    for truth in truths:
        pdf = folder / truth.name.replace(".truth.json", ".pdf")
        ingested = ingest_file(pdf, engine, tmp_path / "store")
        seg = segment_pdf(ingested.stored_path, ingested.sha256).model_copy(update={"file": pdf.name})
        load_document(engine, extract_pdf(ingested.stored_path, seg))
        mark_loaded(engine, ingested.sha256)
    export_all(engine, tmp_path / "export")
    score = _scorer()
    tally = score.Tally()
    for truth in truths:
        per_file = {s: score.Tally() for s in score.SECTIONS}
        pred = json.loads((tmp_path / "export" / truth.name.replace(".truth.json", ".json")).read_text())
        score.score_pair(json.loads(truth.read_text()), pred, per_file)
        tally.add(per_file["reports"].tp, per_file["reports"].fp, per_file["reports"].fn)
        tally.misses += per_file["reports"].misses
    assert truths, f"no report truth in {folder}"
    assert tally.f1 >= THRESHOLDS[name], f"reports F1 {tally.f1:.3f}; misses: {tally.misses[:10]}"
