"""The poll flow: look at every configured source once and process what is new.

One flow run per poll: a task per ModernGov site (record its meetings, download new
documents) and per watched folder (list new or changed files); then the files found
go through the batch flow (``flows.batch``, unchanged: one task per document per
stage, on a Dask cluster if asked), and finally the meetings the sites described
are linked to their documents. Downloaded files are removed once the batch has
copied them into the content-addressed store.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, task
from prefect.states import Failed, State

from flows.batch import _io_error
from flows.cluster import run_batch
from pipeline.db import engine_for
from pipeline.ingest import Origin, store_dir
from pipeline.outcome import BatchSummary
from pipeline.query.meetings import link_meetings
from pipeline.sources.config import FolderSource, ModernGovSite, load_config
from pipeline.sources.fetch import SiteReport, downloaded_files, fetch_site
from pipeline.sources.folder import FolderFile, changed_files, missing


@dataclass
class PollSummary:
    """What one poll found at each source and what the batch made of it."""

    sites: list[SiteReport] = field(default_factory=list)
    folders: dict[str, int] = field(default_factory=dict)
    """New or changed files per watched folder."""
    missing_folders: list[str] = field(default_factory=list)
    """Why each watched folder that could not be read was skipped."""
    batch: BatchSummary | None = None

    @property
    def new_files(self) -> int:
        return len({d.path for s in self.sites for d in s.downloads}) + sum(self.folders.values())

    @property
    def failed(self) -> int:
        """Requests, folders and files that failed."""
        return (
            sum(len(s.failed) for s in self.sites)
            + len(self.missing_folders)
            + (self.batch.failed if self.batch else 0)
        )

    @property
    def failures(self) -> list[str]:
        """A line for each request or folder that failed, saying why (a file's is in the batch)."""
        return [line for s in self.sites for line in s.failures()] + self.missing_folders

    @property
    def warnings(self) -> list[str]:
        """What the configuration asks for that a source does not have."""
        return [w for s in self.sites for w in s.warnings]

    def lines(self) -> list[str]:
        """A line per source with what it gave, then the batch's."""
        out = [s.line() for s in self.sites]
        out += [f"{name}: {n} new or changed file(s)" for name, n in self.folders.items()]
        out.append(self.batch.line() if self.batch else "nothing new to process")
        return out


@task(name="fetch-site", retries=1, retry_delay_seconds=10, retry_condition_fn=_io_error)
def fetch_site_task(site: ModernGovSite, db: str | None, downloads: str) -> SiteReport:
    return fetch_site(engine_for(db), site, Path(downloads))


@task(name="scan-folder")
def scan_folder_task(folder: FolderSource, db: str | None) -> list[FolderFile]:
    return changed_files(engine_for(db), folder)


@task(name="link-meetings", retries=2, retry_delay_seconds=2, retry_condition_fn=_io_error)
def link_api_meetings_task(api_meeting_ids: list[str], db: str | None) -> int:
    return link_meetings(engine_for(db), sha256s=(), api_meeting_ids=api_meeting_ids).meetings


@flow(name="councilpdf-poll", log_prints=True)
def poll_flow(
    config: str,
    db: str | None = None,
    store: str | None = None,
    workers: int | None = None,
    address: str | None = None,
) -> PollSummary:
    """Poll the sources in the configuration file once and process the new files.

    Args:
        config: path of the source configuration (TOML) file.
        db: SQLAlchemy URL; default: the file's ``[storage] db``, else ``COUNCILPDF_DB``
            or the local SQLite file.
        store: folder of the content-addressed store; default: the file's, else data/store.
        workers: run the batch on a local Dask cluster of this many processes.
        address: run the batch on the Dask cluster whose scheduler is at this address.
    """
    cfg = load_config(config)
    db = db or cfg.db
    store = store or cfg.store
    downloads = Path(cfg.downloads) if cfg.downloads else store_dir(store).parent / "downloads"
    engine_for(db)  # migrate once, before tasks share the database
    summary = PollSummary()
    for site in cfg.sites:
        summary.sites.append(fetch_site_task(site, db, str(downloads)))
    origins: dict[str, Origin] = {}
    for folder in cfg.folders:
        if reason := missing(folder):
            # One source misconfigured (or its disk not mounted): the others are still polled.
            summary.missing_folders.append(f"{reason}: skipped")
            continue
        found = scan_folder_task(folder, db)
        summary.folders[folder.name] = len(found)
        origins.update({str(f.path): f.origin for f in found})
    downloads_found = downloaded_files(summary.sites)
    origins.update({str(d.path): d.origin for d in downloads_found})
    if origins:
        summary.batch = run_batch(
            list(origins), db=db, store=store, origins=origins, workers=workers, address=address
        )
    api_ids = sorted({i for s in summary.sites for i in s.api_meeting_ids})
    if api_ids:
        link_api_meetings_task(api_ids, db)
    for d in downloads_found:
        # The store holds a copy now; a file that failed to ingest is fetched again next time.
        shutil.rmtree(d.path.parent, ignore_errors=True)
    for line in [*summary.lines(), *(f"failed: {f}" for f in summary.failures), *summary.warnings]:
        print(line)
    if summary.failed:
        # The run is marked failed, so a dashboard shows it, and still hands back what it did.
        return Failed(
            message=f"{summary.failed} of the poll's requests, folders or files failed", data=summary
        )
    return summary


def poll_summary(state: State) -> PollSummary:
    """What a poll run (called with ``return_state=True``) did, whether it completed or failed.

    Raises:
        BaseException: the poll itself broke (not a source or file failing): its exception.
    """
    result = state.result(raise_on_failure=False)
    if isinstance(result, BaseException):
        raise result
    return result
