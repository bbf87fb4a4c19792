"""A batch on a Dask cluster (two local worker processes) gives the database a sequential run gives."""

from __future__ import annotations

import shutil

import pytest
from prefect.task_runners import ThreadPoolTaskRunner

from flows.batch import batch_flow
from flows.cluster import _absolute_sqlite, dask_task_runner, run_batch
from pipeline.db import make_engine
from tests.dbcontent import database_content, other_db_fixture  # noqa: F401  (the other_db fixture)

FILES = [
    "oneSource-2019-07-12-minutes.pdf",
    "oneSource-2020-02-07-kpi-q2-cover.pdf",
    "oneSource-2019-07-report-qa-performance.pdf",
]


@pytest.mark.xdist_group("prefect")
def test_a_dask_run_gives_the_same_database_as_a_sequential_run(
    prefect_harness, db_url, other_db, tmp_path, raw_pdfs
):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in FILES:
        shutil.copy(raw_pdfs / name, folder)
    sequential_db, dask_db = other_db, db_url
    one_at_a_time = batch_flow.with_options(task_runner=ThreadPoolTaskRunner(max_workers=1))
    sequential = one_at_a_time([str(folder)], db=sequential_db, store=str(tmp_path / "store-1"))
    on_dask = run_batch([str(folder)], db=dask_db, store=str(tmp_path / "store-2"), workers=2)
    assert [o.status for o in on_dask.outcomes] == ["loaded"] * 3
    assert [(o.file_name, o.status, o.rows) for o in on_dask.outcomes] == [
        (o.file_name, o.status, o.rows) for o in sequential.outcomes
    ]
    assert database_content(make_engine(dask_db)) == database_content(make_engine(sequential_db))
    assert (tmp_path / "store-2").is_dir()


def test_a_cluster_elsewhere_needs_a_shared_database(tmp_path):
    with pytest.raises(ValueError, match="PostgreSQL"):
        run_batch([str(tmp_path)], db=f"sqlite:///{tmp_path / 'x.db'}", address="tcp://10.0.0.1:8786")


def test_local_cluster_settings_and_workers_told_absolute_paths(tmp_path, monkeypatch):
    runner = dask_task_runner(workers=3)
    assert runner.cluster_kwargs["n_workers"] == 3 and runner.cluster_kwargs["threads_per_worker"] == 1
    assert dask_task_runner(address="tcp://scheduler:8786").address == "tcp://scheduler:8786"
    monkeypatch.chdir(tmp_path)
    assert _absolute_sqlite("sqlite:///data/x.db") == f"sqlite:///{tmp_path / 'data/x.db'}"
    assert _absolute_sqlite("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
