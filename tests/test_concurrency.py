"""Two runs at once on one database: no duplicated rows, no lost rows.

The runs are real: separate processes (each with its own engine, as two `councilpdf`
commands or two Dask workers would have) started together at a barrier, running the
batch's task functions over overlapping files; the result is compared with one run
after the other.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.db import alembic_config, make_engine
from pipeline.ingest import ingest_file
from pipeline.query.meetings import link_meetings
from schemas.meetings import Meeting
from tests.dbcontent import database_content, other_db_fixture  # noqa: F401  (the other_db fixture)
from tests.records import load, minutes_doc, pack_doc

SMALL = [
    "oneSource-2019-07-12-minutes.pdf",
    "oneSource-2020-02-07-kpi-q2-cover.pdf",
    "oneSource-2019-07-report-qa-performance.pdf",
]


def _process_files(db: str, store: str, paths: list[str]) -> None:
    """What one batch does with each file: the batch flow's task functions, stage by stage."""
    from flows.batch import extract_task, ingest_task, load_task, meetings_task, segment_task, validate_task
    from pipeline.db import engine_for
    from pipeline.validate import is_current

    loaded = []
    for path in paths:
        ingested = ingest_task.fn(path, db, store)
        if is_current(engine_for(db), ingested.sha256):
            continue
        extraction = extract_task.fn(ingested, segment_task.fn(ingested))
        load_task.fn(extraction, db)
        validate_task.fn(ingested.sha256, db)
        loaded.append(ingested.sha256)
    meetings_task.fn(loaded, db)


def _at_barrier(barrier, job: Callable, *args) -> None:
    barrier.wait(timeout=120)
    job(*args)


def _run_together(jobs: list[tuple[Callable, tuple]]) -> None:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(len(jobs))
    processes = [context.Process(target=_at_barrier, args=(barrier, job, *args)) for job, args in jobs]
    for p in processes:
        p.start()
    for p in processes:
        p.join(timeout=600)
    assert [p.exitcode for p in processes] == [0] * len(processes)


def test_two_batches_at_once_over_overlapping_files_equal_one_after_the_other(
    db_url, other_db, tmp_path, raw_pdfs
):
    paths = [str(raw_pdfs / name) for name in SMALL]
    make_engine(db_url)
    make_engine(other_db)
    _run_together(
        [
            (_process_files, (db_url, str(tmp_path / "store-a"), paths)),
            (_process_files, (db_url, str(tmp_path / "store-b"), list(reversed(paths)))),
        ]
    )
    _process_files(other_db, str(tmp_path / "store-c"), paths)
    together, sequential = database_content(make_engine(db_url)), database_content(make_engine(other_db))
    assert together == sequential
    assert len(together["documents"]) == 3 and together["meetings"]


def test_two_processes_migrating_a_new_database_at_once(db_url):
    _run_together([(make_engine, (db_url,)), (make_engine, (db_url,))])
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with make_engine(db_url, migrate=False).connect() as conn:
        assert MigrationContext.configure(conn).get_current_heads() == (head,)


def _hammer(n: int, job: Callable[[int], None]) -> None:
    """Run ``job(i)`` in ``n`` threads released together; re-raise the first failure."""
    barrier = threading.Barrier(n)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=60)
            job(i)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    if errors:
        raise errors[0]


def test_the_same_file_ingested_at_once_is_recorded_once(db_url, tmp_path, raw_pdfs):
    engines = [make_engine(db_url) for _ in range(4)]
    path = raw_pdfs / SMALL[0]
    _hammer(4, lambda i: ingest_file(path, engines[i], Path(tmp_path / "store")))
    content = database_content(engines[0])
    assert len(content["source_files"]) == 1 and len(content["file_origins"]) == 1


def test_meetings_linked_at_once_are_created_once(db_url):
    engines = [make_engine(db_url) for _ in range(4)]
    held = date(2023, 5, 4)
    docs = [
        minutes_doc("a.pdf", "Cabinet", held),
        pack_doc("b.pdf", "CABINET", date(2023, 6, 1), minutes_of=held),
        pack_doc("c.pdf", "The Cabinet", held),
        minutes_doc("d.pdf", "cabinet", held),
    ]
    for doc in docs:
        load(engines[0], doc)
    _hammer(4, lambda i: link_meetings(engines[i], [docs[i].sha256]))
    with Session(engines[0]) as s:
        counts = s.execute(
            select(Meeting.committee_key, Meeting.meeting_date, func.count()).group_by(
                Meeting.committee_key, Meeting.meeting_date
            )
        ).all()
    assert sorted((d, n) for _, d, n in counts) == [(held, 1), (date(2023, 6, 1), 1)]
