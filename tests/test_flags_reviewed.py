"""Golden test: the flags raised on real councils' papers, against the verdicts of a reader.

``tests/flags_reviewed/verdicts.json`` holds every flag the rules raised on the real
papers of ``../shared/corpus/real`` (and its ``unannotated`` folder), each read against
its PDF and judged true or false, and the inconsistencies a reader found that the rules
should flag. The papers holding a verdict go through the pipeline; a flag without a
verdict counts against precision until it is read (``python -m tests.flags_reviewed.review``
lists it). Thresholds only go up.
"""

from __future__ import annotations

import hashlib

import pytest

from pipeline.db import make_engine
from tests.conftest import SHARED
from tests.flags_reviewed.review import documents, flags_of, load_corpus, load_verdicts, review

REAL = SHARED / "corpus" / "real"
PRECISION = 0.9
RECALL = 0.8
REVIEWED = 40

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("reviewed flags")]


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    """The reviewed papers loaded into a real database and read back, as the rules see them in use."""
    if not REAL.is_dir():
        pytest.skip("the real corpus is not present")
    verdicts = load_verdicts()
    wanted = {v["sha256"] for v in verdicts}
    pdfs = {}
    for pdf in sorted([*REAL.glob("*.pdf"), *REAL.glob("unannotated/*.pdf")]):
        pdfs.setdefault(hashlib.sha256(pdf.read_bytes()).hexdigest(), pdf)
    work = tmp_path_factory.mktemp("reviewed")
    engine = make_engine(f"sqlite:///{work / 'reviewed.db'}")
    shas = load_corpus(engine, [pdf for sha, pdf in pdfs.items() if sha in wanted], work / "store")
    docs = documents(engine, shas)
    return review(flags_of(docs), verdicts, set(docs)), verdicts


def test_enough_flags_on_real_papers_have_been_read(result):
    _, verdicts = result
    assert len(verdicts) >= REVIEWED


def test_flags_on_real_papers_hold_their_precision(result):
    outcome, _ = result
    wrong = [f"{f.rule} p{f.prov.pdf_page}: {f.description}" for f, _ in outcome.false]
    unread = [f"{f.rule} p{f.prov.pdf_page}: {f.description}" for f in outcome.unreviewed]
    assert outcome.precision >= PRECISION, {"false": wrong, "unreviewed": unread}


def test_inconsistencies_found_by_reading_are_flagged(result):
    outcome, _ = result
    missed = [f"{v['file']} p{v['page']}: {v['why']}" for v in outcome.missed]
    assert outcome.recall >= RECALL, missed
