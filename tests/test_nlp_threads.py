"""spaCy built once under one lock: threads meeting first use together lose no decision.

Two lazily cached builders once raced: a matcher tied to another pipeline's vocabulary
failed with "[E018] Can't retrieve string for hash", and a minutes document lost its
decisions. First use happens once per process, so each trial runs in a fresh one.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.db import make_engine
from pipeline.extract import extract_pdf, segment_pdf
from pipeline.ingest import ingest_file
from tests.conftest import REPO

TRIALS = 5
THREADS = 8

_FIRST_USE = """
import json, sys, threading
from extractors.decisions import find_decisions
from pipeline.flags.count_statements import _matcher
from pipeline.flags.text import nlp

texts = json.loads(sys.stdin.read())
barrier = threading.Barrier(len(texts))
found, errors = [None] * len(texts), []

def read(i):
    try:
        barrier.wait(timeout=60)
        counts = len(_matcher()(nlp()(texts[i])))
        found[i] = [[d.kind, d.text] for d in find_decisions(texts[i])] + [counts]
    except BaseException as exc:
        errors.append(repr(exc))

threads = [threading.Thread(target=read, args=(i,)) for i in range(len(texts))]
for t in threads: t.start()
for t in threads: t.join()
print(json.dumps({"found": found, "errors": errors}))
"""

_TEXTS = [
    f"Members discussed the report at length. RESOLVED that the Committee agrees recommendation {n}. "
    f"There are {n + 3} indicators in the plan. It was agreed that the item be deferred to the next meeting."
    for n in range(THREADS)
]


def _in_fresh_process(texts: list[str]) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_USE],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_threads_meeting_first_use_together_find_every_decision():
    expected = [_in_fresh_process([text])["found"][0] for text in _TEXTS]
    assert all(len(found) == 3 for found in expected)  # two decisions and one count statement each
    for _ in range(TRIALS):
        result = _in_fresh_process(_TEXTS)
        assert result["errors"] == []
        assert result["found"] == expected


@pytest.mark.xdist_group("prefect")
def test_minutes_documents_through_the_batch_flow_at_once_keep_every_decision(
    prefect_harness, tmp_path, raw_pdfs
):
    from flows.batch import batch_flow

    minutes = [raw_pdfs / "oneSource-2019-07-12-minutes.pdf", raw_pdfs / "oneSource-2019-10-18-pack.pdf"]
    minutes += sorted((REPO / "tests" / "corpus" / "real").glob("*minutes*.pdf"))
    alone = make_engine(f"sqlite:///{tmp_path / 'alone.db'}")
    expected = {}
    for path in minutes:
        ingested = ingest_file(path, alone, tmp_path / "alone-store")
        extraction = extract_pdf(ingested.stored_path, segment_pdf(ingested.stored_path, ingested.sha256))
        expected[path.name] = _decisions(extraction.minutes)
    assert sum(bool(found) for found in expected.values()) >= 3

    db = f"sqlite:///{tmp_path / 'batch.db'}"
    out = tmp_path / "out"
    summary = batch_flow([str(p) for p in minutes], db=db, store=str(tmp_path / "store"), export_dir=str(out))
    assert summary.ok, summary.line()
    for path in minutes:
        exported = json.loads((out / f"{Path(path).stem}.json").read_text())
        items = [i for m in exported["minutes"] for i in m["items"]]
        assert [d for i in items for d in i["decisions"]] == expected[path.name], path.name


def _decisions(minutes) -> list[str]:
    return [d.text for m in minutes for i in m.items for d in i.decisions]
