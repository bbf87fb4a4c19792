"""Golden tests on real councils' papers: the shared real corpus and the truth kept in tests/corpus/real.

Each set is read by segmentation and extraction, exported and scored by the corpus scorer;
only the sections a truth file annotates are scored. The shared set is skipped where the
shared corpus is absent. Thresholds only go up: raise one when the pipeline improves.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.export import to_json
from pipeline.extract import extract_pdf, segment_pdf
from pipeline.pdf.pdfpages import sha256_of
from tests.conftest import REPO, SCORER, SHARED
from tests.test_golden import _scorer

THRESHOLDS = {
    "document": 1.0,
    "agenda_items": 1.0,
    "tables": 0.995,
    "financial_cells": 1.0,
    "kpis": 1.0,
}

SETS = {
    "shared": SHARED / "corpus" / "real",
    "tests": REPO / "tests" / "corpus" / "real",
}

pytestmark = pytest.mark.xdist_group("golden-real")


def _score(folder: Path, score) -> dict:
    tallies = {s: score.Tally() for s in score.SECTIONS}
    for pdf in sorted(folder.glob("*.pdf")):
        truth = json.loads(pdf.with_name(f"{pdf.stem}.truth.json").read_text())
        seg = segment_pdf(pdf, sha256_of(pdf))
        per_file = {s: score.Tally() for s in score.SECTIONS}
        score.score_pair(truth, to_json(extract_pdf(pdf, seg)), per_file)
        for section, tally in per_file.items():
            tallies[section].add(tally.tp, tally.fp, tally.fn)
            tallies[section].misses += [f"{pdf.stem}: {m}" for m in tally.misses]
    return tallies


@pytest.fixture(scope="module")
def scores() -> dict[str, dict]:
    if not SCORER.is_file():
        pytest.skip("the corpus scorer is not present")
    score = _scorer()
    return {name: _score(folder, score) for name, folder in SETS.items() if folder.is_dir()}


@pytest.mark.parametrize("corpus", sorted(SETS))
@pytest.mark.parametrize("section", sorted(THRESHOLDS))
def test_real_papers_hold_their_section_thresholds(scores, corpus, section):
    if corpus not in scores:
        pytest.skip(f"the {corpus} real corpus is not present")
    tally = scores[corpus][section]
    if not tally.tp + tally.fp + tally.fn:
        pytest.skip(f"{section} is not annotated in the {corpus} real corpus")
    assert tally.f1 >= THRESHOLDS[section], f"{section} F1 {tally.f1:.3f}; misses: {tally.misses[:10]}"
