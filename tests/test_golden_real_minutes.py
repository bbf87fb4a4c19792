"""Golden tests: real councils' minutes through the whole pipeline and the database, scored.

The annotated minutes of the shared real corpus (skipped where it is absent) and of
``tests/corpus/real`` are read as any paper is (ingest, segmentation, extraction, load,
export) and scored by the corpus scorer on their minutes, minute items and decisions.
Thresholds only go up: raise one when the pipeline improves, never lower it.
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
from tests.conftest import REPO, SHARED, load_scorer

SETS = {
    "shared-real": SHARED / "corpus" / "real",
    "tests-real": REPO / "tests" / "corpus" / "real",
}
THRESHOLDS = {
    "shared-real": {"minutes": 1.0, "minute_items": 1.0, "decisions": 0.96},
    "tests-real": {"minutes": 1.0, "minute_items": 1.0, "decisions": 0.96},
}

pytestmark = pytest.mark.xdist_group("golden-real-minutes")


def _minutes_truths(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.glob("*.truth.json")) if "minutes" in json.loads(p.read_text())]


@pytest.fixture(scope="module", params=sorted(SETS))
def scored(request, tmp_path_factory):
    """(set name, section tallies) for the set's annotated minutes, read back from a database."""
    folder = SETS[request.param]
    truths = _minutes_truths(folder) if folder.is_dir() else []
    if not truths:
        pytest.skip(f"{folder} holds no annotated minutes")
    score = load_scorer()
    work = tmp_path_factory.mktemp(request.param)
    engine = make_engine(f"sqlite:///{work / 'golden.db'}")
    for truth in truths:
        pdf = folder / (truth.name[: -len(".truth.json")] + ".pdf")
        ingested = ingest_file(pdf, engine, work / "store")
        seg = segment_pdf(ingested.stored_path, ingested.sha256).model_copy(update={"file": pdf.name})
        load_document(engine, extract_pdf(ingested.stored_path, seg))
        mark_loaded(engine, ingested.sha256)
    export_all(engine, work / "export")
    tallies = {s: score.Tally() for s in score.SECTIONS}
    for truth in truths:
        pred = json.loads((work / "export" / truth.name.replace(".truth.json", ".json")).read_text())
        score.score_pair(json.loads(truth.read_text()), pred, tallies)
    return request.param, tallies


@pytest.mark.parametrize("section", ["minutes", "minute_items", "decisions"])
def test_real_minutes_hold_their_threshold(scored, section):
    name, tallies = scored
    tally = tallies[section]
    assert tally.f1 >= THRESHOLDS[name][section], f"{name} {section} F1 {tally.f1:.3f}: {tally.misses[:10]}"
