"""Packs of other councils' papers, printed in a grid of styles, read and scored against their known truth.

Each pack (tests/variants/packs.py) is printed in one style of the grid: Helvetica, Times
or Courier at 9.5-11.5 pt; A4 or Letter; portrait or landscape appendices; "Page N", "N",
"- N -", "Page N of M" or no page stamps; ruled, rule-framed or whitespace-aligned tables
with shaded or bold-only headers and rotated or upright merged cells; items numbered 4,
4a, 4.1 or B; minutes headed "MINUTES OF A ... MEETING", "Minutes of the meeting of ...
held on ..." or with labelled details, deciding by "RESOLVED: That ..." or "It was
agreed that ..."; report covers of stacked labels, inline labels or a label/value table.
Each is read by segmentation and extraction and its export scored by the corpus scorer.

Floors only go up. A floor below 1.0 is a gap of the table engine's on that style,
named beside it; every other section must be read perfectly.
"""

from __future__ import annotations

import pytest

from pipeline.export import to_json
from pipeline.extract import extract_pdf, segment_pdf
from pipeline.pdf.pdfpages import sha256_of
from tests.conftest import load_scorer
from tests.variants import PACKS, build

# Section floors where the table engine does not yet read the style's tables.
FLOORS: dict[str, dict[str, float]] = {}
SEEDS = (None, 101)


@pytest.fixture(scope="module")
def scorer():
    return load_scorer()


@pytest.mark.parametrize("seed", SEEDS, ids=lambda s: f"seed-{s or 'default'}")
@pytest.mark.parametrize("name", sorted(PACKS))
def test_variant_pack_is_read_as_printed(name, seed, tmp_path, scorer):
    pdf, truth = build(name, tmp_path, seed)
    extraction = extract_pdf(pdf, segment_pdf(pdf, sha256_of(pdf)))
    tallies = {s: scorer.Tally() for s in scorer.SECTIONS}
    scorer.score_pair(truth, to_json(extraction), tallies)
    floors = FLOORS.get(name, {})
    below = {
        section: (round(t.f1, 3), t.misses[:5])
        for section, t in tallies.items()
        if t.tp + t.fp + t.fn and t.f1 < floors.get(section, 1.0)
    }
    assert not below, f"{name} (seed {seed}) below its floors: {below}"
