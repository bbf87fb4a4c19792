"""Run a batch on a Dask cluster: the way to grow past one machine.

The batch flow is unchanged; only its task runner is swapped for prefect-dask's
``DaskTaskRunner``, so each document's segment -> extract -> load -> validate runs on
a Dask worker (files are ingested where the flow runs). With ``workers`` a local cluster of that many worker
processes is started for the run; with ``address`` the tasks go to a running
cluster (``dask scheduler`` and ``dask worker`` on any number of machines). Workers
on other machines need the same database (PostgreSQL: an embedded SQLite file
cannot be shared between machines) and the same store folder (a network share),
and the project installed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from prefect_dask import DaskTaskRunner
from sqlalchemy.engine import make_url

from flows.batch import batch_flow
from pipeline.db import database_url
from pipeline.ingest import Origin, store_dir
from pipeline.outcome import BatchSummary


def dask_task_runner(workers: int | None = None, address: str | None = None) -> DaskTaskRunner:
    """A task runner for a running cluster at ``address``, or a local cluster of ``workers`` processes."""
    if address:
        return DaskTaskRunner(address=address)
    return DaskTaskRunner(
        cluster_kwargs={
            "n_workers": workers or 2,
            # PDF parsing holds a per-process lock, so parallelism comes from processes.
            "threads_per_worker": 1,
            "processes": True,
            "dashboard_address": None,
        }
    )


def run_batch(
    paths: Sequence[str],
    *,
    db: str | None = None,
    store: str | None = None,
    export_dir: str | None = None,
    force: bool = False,
    origins: Mapping[str, Origin] | None = None,
    workers: int | None = None,
    address: str | None = None,
) -> BatchSummary:
    """The batch flow, on a Dask cluster when ``workers`` or ``address`` is given, else in this process.

    Raises:
        ValueError: a remote cluster was asked for with an SQLite database.
    """
    distributed = bool(workers or address)
    if address and make_url(database_url(db)).get_backend_name() == "sqlite":
        raise ValueError(
            "a Dask cluster on other machines needs a shared database: give a PostgreSQL URL with --db"
        )
    flow = (
        batch_flow.with_options(task_runner=dask_task_runner(workers, address)) if distributed else batch_flow
    )
    return flow(
        [str(p) for p in paths],
        # Workers may start elsewhere: give them absolute locations.
        db=_absolute_sqlite(database_url(db)) if distributed else db,
        store=str(store_dir(store).resolve()) if distributed else store,
        export_dir=export_dir,
        force=force,
        origins=origins,
    )


def _absolute_sqlite(url: str) -> str:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return url
    return parsed.set(database=str(Path(parsed.database).resolve())).render_as_string(hide_password=False)
