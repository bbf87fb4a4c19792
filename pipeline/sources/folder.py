"""A watched folder: the files that are new or changed since the last run.

A local file's size and modification time play the part of HTTP validators: they are
recorded with the file's origin (``file_origins.etag`` / ``last_modified``) when it is
ingested, and a file whose size and time are as recorded is not read again. A file
that is new, or whose size or time changed, is handed over; if its bytes turn out to
be ones already loaded, the batch says "unchanged" and adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path

from sqlalchemy import Engine

from pipeline.ingest import Origin
from pipeline.sources.config import FolderSource
from pipeline.sources.download import previous_download


@dataclass(frozen=True)
class FolderFile:
    """A file to hand to the batch, with the origin to record for it."""

    path: Path
    origin: Origin


def local_origin(path: Path) -> Origin:
    """A file's origin with its size and modification time as validators."""
    path = path.resolve()
    stat = path.stat()
    return Origin(
        uri=str(path),
        etag=f"{stat.st_size}-{stat.st_mtime_ns}",
        last_modified=formatdate(stat.st_mtime, usegmt=True),
    )


def missing(folder: FolderSource) -> str | None:
    """Why ``folder`` cannot be watched (it is not there), or None."""
    if folder.path.is_dir():
        return None
    return f"folder source {folder.name!r}: no such folder: {folder.path}"


def changed_files(engine: Engine, folder: FolderSource) -> list[FolderFile]:
    """The files of ``folder`` matching its pattern that are new or changed since they were last ingested."""
    if reason := missing(folder):
        raise FileNotFoundError(reason)
    found = []
    for path in sorted(p for p in folder.path.glob(folder.pattern) if p.is_file()):
        origin = local_origin(path)
        previous = previous_download(engine, origin.uri)
        if previous is not None and previous.etag == origin.etag:
            continue
        found.append(FolderFile(Path(origin.uri), origin))
    return found
