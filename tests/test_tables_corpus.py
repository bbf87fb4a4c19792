"""Golden test: the tables of the sample corpus, scored with the corpus scorer."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from extractors.base import Source
from extractors.tables import extract_tables
from pipeline.pdf.pdfpages import open_document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "dev"
SCORER = SHARED / "eval" / "score.py"

# The tables F1 the engine reaches on the corpus; a change that lowers it fails here.
MIN_TABLES_F1 = 1.0

pytestmark = pytest.mark.skipif(not CORPUS.is_dir() or not SCORER.is_file(), reason="no shared corpus")


def _scorer():
    spec = importlib.util.spec_from_file_location("corpus_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _truth_breaks(truth: dict) -> list[int]:
    """Where each document of the PDF starts, as the section extractor would say."""
    return [s["pdf_page_start"] for s in truth.get("sections", [])][1:]


@pytest.fixture(scope="module")
def extracted() -> dict[str, tuple[dict, dict]]:
    out = {}
    for pdf in sorted(CORPUS.glob("*.pdf")):
        truth = json.loads((CORPUS / f"{pdf.stem}.truth.json").read_text())
        with open_document(pdf) as doc:
            tables = extract_tables(doc.pages, Source(pdf.stem), breaks=_truth_breaks(truth))
        out[pdf.stem] = (truth, {"tables": [t.model_dump(mode="json", exclude={"prov"}) for t in tables]})
    return out


def test_corpus_tables_f1(extracted):
    score = _scorer()
    tally = score.Tally()
    for truth, pred in extracted.values():
        score.score_tables(truth, pred, tally)
    assert tally.f1 >= MIN_TABLES_F1, tally.misses


def test_corpus_table_titles_headers_and_spans_match_truth(extracted):
    for name, (truth, pred) in extracted.items():
        assert len(pred["tables"]) == len(truth["tables"]), name
        for t, p in zip(truth["tables"], pred["tables"], strict=True):
            assert (p["pdf_page"], p["pages"]) == (t["pdf_page"], t["pages"]), (name, t["id"])
            assert p["section_title"] == t["section_title"], (name, t["id"])
            assert len(p["header"]) == len(t["header"]), (name, t["id"])
            spans = [{k: s[k] for k in ("row", "col", "rowspan", "colspan", "vertical")} for s in p["spans"]]
            assert spans == t["spans"], (name, t["id"])
