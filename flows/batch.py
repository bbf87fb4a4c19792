"""The batch flow: one flow run per batch, one task per stage per document.

ingest -> segment -> extract -> load -> validate, each a thin Prefect task around a
``pipeline`` function. Only tasks that do I/O retry, and only on I/O errors; a
document that fails is quarantined with its reason and the batch goes on. Once every
document is loaded, those whose cross-document rules can now find a partner loaded
after them are validated again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from prefect import flow, task
from prefect.futures import PrefectFuture
from prefect.task_runners import ThreadPoolTaskRunner
from sqlalchemy.exc import OperationalError

from pipeline.db import engine_for
from pipeline.export import export_all
from pipeline.extract import Segmentation, extract_pdf, segment_pdf
from pipeline.ingest import (
    IngestedFile,
    Origin,
    discover,
    ingest_file,
    mark_failed,
    mark_loaded,
    store_dir,
)
from pipeline.load import load_document
from pipeline.outcome import BatchSummary, FileOutcome
from pipeline.query.meetings import link_meetings
from pipeline.query.status import document_errors
from pipeline.validate import is_current, revalidate_partners, validate_document
from schemas.records import DocumentExtraction

Progress = Callable[[FileOutcome], None]
_progress: list[Progress] = []


def on_file_done(callback: Progress | None) -> None:
    """Have ``callback`` called with each file's outcome as it completes (CLI progress)."""
    _progress.clear()
    if callback is not None:
        _progress.append(callback)


def _io_error(task, task_run, state) -> bool:
    """Retry only when the failure was I/O: the file system or the database connection."""
    try:
        state.result()
    except (OSError, OperationalError):
        return True
    except Exception:
        return False
    return False


@task(name="ingest", retries=2, retry_delay_seconds=1, retry_condition_fn=_io_error)
def ingest_task(path: str, db: str | None, store: str, origin: Origin | None = None) -> IngestedFile:
    return ingest_file(Path(path), engine_for(db), Path(store), origin=origin)


@task(name="segment")
def segment_task(ingested: IngestedFile) -> Segmentation:
    return segment_pdf(ingested.stored_path, ingested.sha256)


@task(name="extract")
def extract_task(ingested: IngestedFile, segmentation: Segmentation) -> DocumentExtraction:
    return extract_pdf(ingested.stored_path, segmentation.model_copy(update={"file": ingested.file_name}))


@task(name="load", retries=3, retry_delay_seconds=2, retry_condition_fn=_io_error)
def load_task(extraction: DocumentExtraction, db: str | None) -> dict[str, int]:
    rows = load_document(engine_for(db), extraction)
    mark_loaded(engine_for(db), extraction.sha256)
    return rows


@task(name="errors", retries=2, retry_delay_seconds=1, retry_condition_fn=_io_error)
def errors_task(sha256: str, db: str | None) -> list[str]:
    return document_errors(engine_for(db), sha256)


@task(name="validate", retries=2, retry_delay_seconds=2, retry_condition_fn=_io_error)
def validate_task(sha256: str, db: str | None) -> int:
    return len(validate_document(engine_for(db), sha256))


def _process(path: str, db: str | None, store: str, force: bool, origin: Origin | None = None) -> FileOutcome:
    """Run one file through every stage; a failure ends that file, never the batch."""
    name = Path(path).name
    try:
        ingested = ingest_task(path, db, store, origin)
    except Exception as exc:
        return FileOutcome(path, name, "failed", reason=f"ingest: {exc}")
    if not ingested.ok:
        return FileOutcome(path, ingested.file_name, "quarantined", ingested.sha256, ingested.reason)
    if not force and is_current(engine_for(db), ingested.sha256):
        return FileOutcome(path, ingested.file_name, "unchanged", ingested.sha256)
    stage = "segment"
    try:
        segmentation = segment_task(ingested)
        stage = "extract"
        extraction = extract_task(ingested, segmentation)
        stage = "load"
        rows = load_task(extraction, db)
        stage = "validate"
        flags = validate_task(ingested.sha256, db)
        errors = errors_task(ingested.sha256, db)
    except Exception as exc:
        reason = f"{stage} failed: {type(exc).__name__}: {exc}"
        mark_failed(engine_for(db), ingested.sha256, reason)
        return FileOutcome(path, ingested.file_name, "failed", ingested.sha256, reason)
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


@task(name="document")
def document_task(
    path: str, db: str | None, store: str, force: bool, origin: Origin | None = None
) -> FileOutcome:
    outcome = _process(path, db, store, force, origin)
    for callback in _progress:
        callback(outcome)
    return outcome


@task(name="meetings", retries=2, retry_delay_seconds=2, retry_condition_fn=_io_error)
def meetings_task(sha256s: list[str], db: str | None) -> int:
    """Link the loaded documents (and the minutes they print) to their meetings."""
    return link_meetings(engine_for(db), sha256s).meetings


@task(name="revalidate", retries=2, retry_delay_seconds=2, retry_condition_fn=_io_error)
def revalidate_task(sha256s: list[str], db: str | None) -> dict[str, int]:
    """Validate again the documents a cross-document rule links to the batch's (flags by SHA-256)."""
    return revalidate_partners(engine_for(db), sha256s)


@flow(name="councilpdf-batch", task_runner=ThreadPoolTaskRunner(max_workers=2), log_prints=True)
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
        paths: PDF files and folders of PDFs.
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
    futures: list[PrefectFuture] = [
        document_task.submit(str(p), db, store_path, force, by_path.get(str(p))) for p in discover(paths)
    ]
    outcomes = tuple(f.result() for f in futures)
    loaded = [o.sha256 for o in outcomes if o.status in ("loaded", "partial") and o.sha256]
    if loaded:
        meetings_task(loaded, db)
        # Documents validated before their partner in this batch (or an earlier one) was loaded.
        recounted = revalidate_task(loaded, db)
        outcomes = tuple(
            replace(o, flags=recounted[o.sha256]) if o.sha256 in recounted else o for o in outcomes
        )
    if export_dir:
        export_all(engine_for(db), Path(export_dir))
    return BatchSummary(outcomes)
