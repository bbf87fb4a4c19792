"""The batch flow: one flow run per batch, one task per stage per document.

Every file is ingested in the flow's own process: that is cheap (a hash, a row) and
says which files need work. Those go through segment -> extract -> load -> validate,
each a thin Prefect task around a ``pipeline`` function, as one task per document on
the flow's task runner: worker processes, sent each document as soon as it is
ingested, so the documents of a batch use every core (each process builds its own
spaCy pipelines once). A batch with only one document to process runs it in the
flow's process. Only tasks that do I/O retry, and only on I/O errors; a document that
fails is quarantined with its reason and the batch goes on. Once every document is
loaded, the documents are linked to their meetings, and those whose cross-document
rules can now find a partner loaded after them are validated again.

That cross-document work is recorded as pending in the transaction that loads a
document and cleared in the one that does it: the end of a batch also completes the
work an earlier run left (killed, or its database gone), so a run after a kill reaches
the database a run without one would have made.

The stages' modules are imported inside the tasks: a batch of unchanged files never
loads the extraction pipeline (spaCy, the extractors, the rules).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture, as_completed
from prefect.task_runners import ProcessPoolTaskRunner
from prefect.utilities.annotations import quote
from sqlalchemy.exc import OperationalError

from pipeline.db import engine_for
from pipeline.ingest import (
    IngestedFile,
    Origin,
    discover,
    failure_reason,
    ingest_file,
    mark_failed,
    store_dir,
)
from pipeline.names import local
from pipeline.outcome import BatchSummary, FileOutcome
from pipeline.storage import storage_error
from pipeline.validate import is_current

if TYPE_CHECKING:
    from pipeline.extract import Segmentation
    from schemas.records import DocumentExtraction

Progress = Callable[[FileOutcome], None]
_progress: list[Progress] = []


def on_file_done(callback: Progress | None) -> None:
    """Have ``callback`` called with each file's outcome as it completes (CLI progress)."""
    _progress.clear()
    if callback is not None:
        _progress.append(callback)


def _io_error(task, task_run, state) -> bool:
    """Retry only when the failure was I/O: the file system or the database connection,
    not a full disk or a read-only database, which waiting does not mend."""
    try:
        state.result()
    except (OSError, OperationalError) as exc:
        return storage_error(exc) is None
    except Exception:
        return False
    return False


# Every task writes to the database or reads what another wrote: none may be answered
# from a cache keyed by its inputs (and computing that key would hash a whole extraction).
uncached_task = partial(task, cache_policy=NO_CACHE)


@uncached_task(name="ingest", retries=2, retry_delay_seconds=1, retry_condition_fn=_io_error)
def ingest_task(path: str, db: str | None, store: str, origin: Origin | None = None) -> IngestedFile:
    return ingest_file(Path(path), engine_for(db), Path(store), origin=origin)


@uncached_task(name="segment")
def segment_task(ingested: IngestedFile) -> Segmentation:
    from pipeline.extract import segment_pdf

    return segment_pdf(ingested.stored_path, ingested.sha256)


@uncached_task(name="extract")
def extract_task(ingested: IngestedFile, segmentation: Segmentation) -> DocumentExtraction:
    from pipeline.extract import extract_pdf

    return extract_pdf(ingested.stored_path, segmentation.model_copy(update={"file": ingested.file_name}))


@uncached_task(name="load", retries=3, retry_delay_seconds=2, retry_condition_fn=_io_error)
def load_task(extraction: DocumentExtraction, db: str | None) -> dict[str, int]:
    from pipeline.ingest import mark_loaded
    from pipeline.load import load_document

    rows = load_document(engine_for(db), extraction)
    mark_loaded(engine_for(db), extraction.sha256)
    return rows


@uncached_task(name="errors", retries=2, retry_delay_seconds=1, retry_condition_fn=_io_error)
def errors_task(sha256: str, db: str | None) -> list[str]:
    from pipeline.query.status import document_errors

    return document_errors(engine_for(db), sha256)


@uncached_task(name="validate", retries=2, retry_delay_seconds=2, retry_condition_fn=_io_error)
def validate_task(sha256: str, db: str | None) -> int:
    from pipeline.validate import validate_document

    return len(validate_document(engine_for(db), sha256))


def _ingest(
    path: str, db: str | None, store: str, force: bool, origin: Origin | None
) -> IngestedFile | FileOutcome:
    """The ingested file if it needs work, else its outcome (quarantined, unchanged, or failed)."""
    try:
        ingested = ingest_task(path, db, store, origin)
    except Exception as exc:
        _stop_on_storage(exc)
        return FileOutcome(path, Path(path).name, "failed", reason=f"ingest: {exc}")
    if ingested.status == "skipped":
        return FileOutcome(path, ingested.file_name, "skipped", reason=ingested.reason)
    if not ingested.ok:
        return FileOutcome(path, ingested.file_name, "quarantined", ingested.sha256, ingested.reason)
    if not force and is_current(engine_for(db), ingested.sha256):
        return FileOutcome(path, ingested.file_name, "unchanged", ingested.sha256)
    return ingested


@uncached_task(name="document")
def document_task(path: str, ingested: IngestedFile, db: str | None) -> FileOutcome:
    """Segment, extract, load and validate one ingested file; a failure ends that file, never the batch."""
    stage = "segment"
    try:
        segmentation = segment_task(ingested)
        stage = "extract"
        # quote: Prefect would otherwise walk every object of a segmentation or an
        # extraction (thousands) looking for futures to wait for, at every task.
        extraction = extract_task(ingested, quote(segmentation))
        stage = "load"
        rows = load_task(quote(extraction), db)
        stage = "validate"
        flags = validate_task(ingested.sha256, db)
        errors = errors_task(ingested.sha256, db)
    except Exception as exc:
        _stop_on_storage(exc)
        return _failed(path, ingested, db, failure_reason(stage, exc))
    return FileOutcome(
        path,
        ingested.file_name,
        "partial" if errors else "loaded",
        ingested.sha256,
        rows=rows,
        flags=flags,
        warnings=tuple(extraction.warnings),
        errors=tuple(errors),
    )


def _stop_on_storage(exc: Exception) -> None:
    """Stop the batch when the database or the store cannot take writes: no file is at fault,
    so none is marked failed; each stays as it was, for the next run to take up."""
    if (problem := storage_error(exc)) is not None:
        raise problem from exc


def _failed(path: str, ingested: IngestedFile, db: str | None, reason: str) -> FileOutcome:
    mark_failed(engine_for(db), ingested.sha256, reason)
    return FileOutcome(path, ingested.file_name, "failed", ingested.sha256, reason)


def _outcomes(
    files: Sequence[str], db: str | None, store: str, force: bool, origins: Mapping[str, Origin]
) -> dict[str, FileOutcome]:
    """Each file's outcome, by path, each reported as it is known."""
    outcomes: dict[str, FileOutcome] = {}
    held: list[tuple[str, IngestedFile]] = []
    futures: dict[PrefectFuture[FileOutcome], tuple[str, IngestedFile]] = {}
    for path in files:
        checked = _ingest(path, db, store, force, origins.get(path))
        if isinstance(checked, FileOutcome):
            outcomes[path] = _report(checked)
            continue
        held.append((path, checked))
        if len(held) + len(futures) > 1:
            # From the second document on, documents go to the worker processes as they
            # are ingested: the workers start while the rest of the batch is ingested.
            futures |= {document_task.submit(p, i, db): (p, i) for p, i in held}
            held.clear()
    for path, ingested in held:
        # The batch's only document: a worker process would first have to start
        # (Prefect, the pipeline, spaCy), which costs more than loading the pipeline here.
        outcomes[path] = _report(document_task(path, ingested, db))
    for future in as_completed(list(futures)):
        path, ingested = futures[future]
        try:
            outcome = future.result()
        except Exception as exc:
            _stop_on_storage(exc)
            # The worker itself died (a crash in native code, or killed for memory).
            outcome = _failed(path, ingested, db, failure_reason("the worker process", exc))
        outcomes[path] = _report(outcome)
    return outcomes


def _complete(summary: tuple[FileOutcome, ...], loaded: list[str], db: str | None) -> tuple[FileOutcome, ...]:
    """Do the cross-document work of the batch's documents and any an earlier run left pending;
    the outcomes with the flags of the documents validated again."""
    pending = pending_task(db)
    # Loaded but never validated: a run stopped between the two.
    recounted = {sha: validate_task(sha, db) for sha in pending["validate"]}
    linked = list(dict.fromkeys([*loaded, *pending["link"]]))
    if linked:
        meetings_task(linked, db)
    arrived = list(dict.fromkeys([*loaded, *pending["partners"]]))
    if arrived:
        # Documents validated before their partner in this batch (or an earlier one) was loaded.
        recounted |= revalidate_task(arrived, db)
    return tuple(replace(o, flags=recounted[o.sha256]) if o.sha256 in recounted else o for o in summary)


def _report(outcome: FileOutcome) -> FileOutcome:
    for callback in _progress:
        callback(outcome)
    return outcome


@uncached_task(name="pending", retries=2, retry_delay_seconds=1, retry_condition_fn=_io_error)
def pending_task(db: str | None) -> dict[str, list[str]]:
    """The documents still waiting for each kind of cross-document work, by kind."""
    from pipeline.load import PENDING_TASKS, pending_documents

    return {kind: pending_documents(engine_for(db), kind) for kind in PENDING_TASKS}


@uncached_task(name="meetings", retries=2, retry_delay_seconds=2, retry_condition_fn=_io_error)
def meetings_task(sha256s: list[str], db: str | None) -> int:
    """Link the loaded documents (and the minutes they print) to their meetings."""
    from pipeline.query.meetings import link_meetings

    return link_meetings(engine_for(db), sha256s).meetings


@uncached_task(name="revalidate", retries=2, retry_delay_seconds=2, retry_condition_fn=_io_error)
def revalidate_task(sha256s: list[str], db: str | None) -> dict[str, int]:
    """Validate again the documents a cross-document rule links to the batch's (flags by SHA-256)."""
    from pipeline.validate import revalidate_partners

    return revalidate_partners(engine_for(db), sha256s)


# Worker processes start only when documents are submitted, up to one per core (or
# PREFECT_TASKS_RUNNER_PROCESS_POOL_MAX_WORKERS): a batch of unchanged files starts none.
@flow(name="councilpdf-batch", task_runner=ProcessPoolTaskRunner(), log_prints=True)
def batch_flow(
    paths: Sequence[str],
    db: str | None = None,
    store: str | None = None,
    export_dir: str | None = None,
    force: bool = False,
    origins: Mapping[str, Origin] | None = None,
) -> BatchSummary:
    """Ingest, extract, load and validate every PDF under ``paths``; optionally export.

    Args:
        paths: PDF files and folders of PDFs (a name that is not UTF-8 as
            :func:`pipeline.names.portable` carries it).
        db: SQLAlchemy URL (default: ``COUNCILPDF_DB`` or the local SQLite file).
        store: folder of the content-addressed store.
        export_dir: if given, write the JSON export there afterwards.
        force: re-extract files already loaded by this pipeline version.
        origins: where files came from (a URL and its HTTP validators), by path,
            for files downloaded before the batch; other files' origin is their path.
    """
    store_path = str(store_dir(store))
    engine_for(db)  # migrate once, before tasks share the database
    by_path = {str(Path(k).resolve()): v for k, v in (origins or {}).items()}
    files = [str(p) for p in discover(local(p) for p in paths)]
    outcomes = _outcomes(files, db, store_path, force, by_path)
    summary = tuple(outcomes[path] for path in files)
    loaded = [o.sha256 for o in summary if o.status in ("loaded", "partial") and o.sha256]
    summary = _complete(summary, loaded, db)
    if export_dir:
        from pipeline.export import export_all

        export_all(engine_for(db), Path(export_dir))
    return BatchSummary(summary)
