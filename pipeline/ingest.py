"""Ingest: find PDFs, check them, keep a content-addressed copy, quarantine bad ones.

Each file is identified by the sha256 of its bytes. A good PDF is copied to
``STORE/ab/abcdef....pdf``; a file that cannot be used is copied to
``STORE/../quarantine/`` beside a ``.reason.txt`` saying why, and is marked
``quarantined`` with that reason in ``source_files``. Seeing the same bytes again,
under any name, adds nothing.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from pipeline.names import kind_suffix, readable
from pipeline.pdf.bounded import inspect_bounded
from pipeline.pdf.pdfpages import PdfError, sha256_of
from schemas.sql import ExtractionErrorRow, FileOrigin, SourceFile

DEFAULT_STORE = "data/store"
USABLE_STATUSES = ("pending", "loaded", "partial")
"""Statuses of files that passed the checks: a quarantined file may have failed them."""
ENV_VAR = "COUNCILPDF_STORE"


@dataclass(frozen=True)
class IngestedFile:
    """The outcome of ingesting one file."""

    source: str
    sha256: str
    file_name: str
    stored_path: Path | None
    status: str  # "new", "seen", "quarantined" or "skipped" (not a regular file: never read)
    reason: str | None = None
    page_count: int | None = None

    @property
    def ok(self) -> bool:
        return self.status not in ("quarantined", "skipped")


def store_dir(path: str | os.PathLike | None = None) -> Path:
    """Where ingested PDFs are kept: the given path, ``COUNCILPDF_STORE``, or data/store."""
    return Path(path or os.environ.get(ENV_VAR) or DEFAULT_STORE)


def discover(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The files to ingest: PDFs found under directories, and every file named directly.

    A directory contributes its ``*.pdf`` entries (any case, recursively) and the links
    to folders in it (not followed, but reported by :func:`ingest_file` as skipped, as
    is a ``.pdf`` that is no regular file); a file given by name is taken whatever its
    extension, so a mislabelled file is reported rather than silently skipped.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir() and not path.is_symlink():
            found.extend(sorted(p for p in path.rglob("*") if _candidate(p)))
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            raise FileNotFoundError(f"no such file or directory: {path}")
    unique: dict[Path, None] = {}
    for p in found:
        try:
            resolved: Path | None = p.resolve()
        except (OSError, RuntimeError):
            # A link in a loop resolves to nothing.
            resolved = None
        # A regular file is one input however it is reached; anything else (two links to
        # /dev/zero, to one folder) is an input under each name it was given.
        unique.setdefault(resolved if resolved is not None and resolved.is_file() else p.absolute(), None)
    return list(unique)


def _candidate(path: Path) -> bool:
    if path.is_symlink() and path.is_dir():
        return True
    return path.suffix.lower() == ".pdf" and not path.is_dir()


# What is not a regular file, by the test of its mode: reading it would block for ever
# (a FIFO), never end (a device), or read a folder again, perhaps in a loop (a link to it).
_NOT_REGULAR = (
    (stat.S_ISDIR, "a link to a folder (not followed: each folder is read once, never in a loop)"),
    (stat.S_ISFIFO, "a named pipe (FIFO), not a file"),
    (stat.S_ISCHR, "a device, not a file"),
    (stat.S_ISBLK, "a device, not a file"),
    (stat.S_ISSOCK, "a socket, not a file"),
)


def not_regular(path: Path) -> str | None:
    """Why ``path`` is skipped unread, if it is no regular file (or a link to none)."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return f"skipped: cannot be read ({exc.strerror or exc})"
    except RuntimeError:
        return "skipped: a link in a loop"
    for test, kind in _NOT_REGULAR:
        if test(mode):
            return f"skipped: {kind}"
    if not stat.S_ISREG(mode):
        return "skipped: not a regular file"
    return None if os.access(path, os.R_OK) else "skipped: cannot be read (permission denied)"


@dataclass(frozen=True)
class Origin:
    """Where a file came from, with the validators that say whether it has changed since.

    ``etag`` and ``last_modified`` are the HTTP validators of a download (or a local
    file's size and modification time), kept so the next fetch can ask "changed since?".
    """

    uri: str
    etag: str | None = None
    last_modified: str | None = None


def ingest_file(
    path: Path, engine: Engine, store: Path, *, origin: str | Origin | None = None
) -> IngestedFile:
    """Check one file, keep it content-addressed, and record it in the database.

    Args:
        path: the file to ingest.
        engine: the database.
        store: directory of the content-addressed store.
        origin: where the file came from (a URL, or an :class:`Origin` with its
            validators); defaults to its path.
    """
    path = Path(path)
    if not isinstance(origin, Origin):
        origin = Origin(origin or str(path))
    origin = replace(origin, uri=readable(origin.uri))
    name = readable(path.name)
    skip = not_regular(path)
    if skip:
        return IngestedFile(origin.uri, "", name, None, "skipped", skip)
    sha256 = sha256_of(path)
    page_count, reason = _passed_before(engine, sha256), None
    if page_count is None:
        try:
            page_count = inspect_bounded(path).page_count
        except PdfError as exc:
            reason = exc.reason
    now = datetime.now(UTC)
    with Session(engine) as session, session.begin():
        _take_turns(session, sha256)
        existing = session.get(SourceFile, sha256, with_for_update=True)
        seen = existing is not None
        if page_count is None:
            stored = _quarantine(path, name, sha256, reason or "unusable", store)
            status = "quarantined"
        else:
            stored = _keep(path, sha256, store)
            status = "seen" if seen and existing.status == "loaded" else "new"
        if existing is None:
            session.add(
                SourceFile(
                    sha256=sha256,
                    file_name=name,
                    size=path.stat().st_size,
                    stored_path=str(stored),
                    first_seen=now,
                    last_seen=now,
                    status="quarantined" if page_count is None else "pending",
                    reason=reason,
                    page_count=page_count,
                )
            )
        else:
            existing.last_seen = now
        _record_origin(session, sha256, origin.uri, now, origin.etag, origin.last_modified)
    return IngestedFile(
        source=origin.uri,
        sha256=sha256,
        file_name=name,
        stored_path=stored,
        status=status,
        reason=reason,
        page_count=page_count,
    )


def _passed_before(engine: Engine, sha256: str) -> int | None:
    """The page count of these bytes if an earlier ingest found them usable, else None.

    The same bytes pass the same checks, and checking costs a pass over every page (OCR
    for a scan): a batch of files seen before need not look inside them again.
    """
    with Session(engine) as session:
        return session.scalar(
            select(SourceFile.page_count).where(
                SourceFile.sha256 == sha256, SourceFile.status.in_(USABLE_STATUSES)
            )
        )


def _take_turns(session: Session, sha256: str) -> None:
    """Make concurrent ingests of the same bytes wait for each other.

    A row lock cannot do it on PostgreSQL while the row does not exist yet: two runs
    would both insert it. SQLite transactions already take turns (pipeline.db).
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": int(sha256[:15], 16)})


def origin_id(sha256: str, uri: str) -> str:
    """Stable id of a (file, where it was found) pair."""
    return hashlib.sha1(f"{sha256}|{uri}".encode()).hexdigest()


def _record_origin(
    session: Session,
    sha256: str,
    uri: str,
    now: datetime,
    etag: str | None = None,
    last_modified: str | None = None,
) -> None:
    row = session.get(FileOrigin, origin_id(sha256, uri))
    if row is None:
        session.add(
            FileOrigin(
                id=origin_id(sha256, uri),
                sha256=sha256,
                uri=uri,
                first_seen=now,
                last_seen=now,
                etag=etag,
                last_modified=last_modified,
            )
        )
    else:
        row.last_seen = now
        row.etag = etag or row.etag
        row.last_modified = last_modified or row.last_modified


def _keep(path: Path, sha256: str, store: Path) -> Path:
    target = store / sha256[:2] / f"{sha256}.pdf"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        # Copy to a temporary name and rename, so a crash never leaves a partial file
        # under the name that says the copy is complete.
        tmp = target.with_suffix(f".{os.getpid()}.{threading.get_ident()}.part")
        shutil.copyfile(path, tmp)
        os.replace(tmp, target)
    return target


def _quarantine(path: Path, name: str, sha256: str, reason: str, store: Path) -> Path:
    folder = store.parent / "quarantine"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{sha256}{kind_suffix(path.name)}"
    if not target.exists():
        tmp = target.with_name(target.name + f".{os.getpid()}.{threading.get_ident()}.part")
        shutil.copyfile(path, tmp)
        os.replace(tmp, target)
    target.with_name(f"{sha256}.reason.txt").write_text(f"{name}: {reason}\n", encoding="utf-8")
    return target


def mark_loaded(engine: Engine, sha256: str) -> str:
    """Record that a file's extraction is in the database: ``partial`` if an extractor or rule
    failed on it (the next run extracts it again), else ``loaded``. Returns the status."""
    with Session(engine) as session, session.begin():
        errors = session.scalar(
            select(func.count()).select_from(ExtractionErrorRow).where(ExtractionErrorRow.sha256 == sha256)
        )
        status = "partial" if errors else "loaded"
        row = session.get(SourceFile, sha256)
        if row is not None:
            row.status = status
            row.reason = f"{errors} extraction error(s)" if errors else None
    return status


def mark_partial(engine: Engine, sha256: str, errors: int) -> None:
    """Record that rules failed on a loaded file: it is extracted again on the next run."""
    with Session(engine) as session, session.begin():
        row = session.get(SourceFile, sha256)
        if row is not None and row.status in ("loaded", "partial"):
            row.status = "partial"
            row.reason = f"{errors} validation error(s)"


def mark_failed(engine: Engine, sha256: str, reason: str) -> None:
    """Quarantine a file whose processing failed after ingest, keeping the reason.

    Its stored copy is copied to the quarantine folder with a ``.reason.txt``, as a file
    refused at ingest is, so a person finds every failed file in one place.
    """
    with Session(engine) as session, session.begin():
        row = session.get(SourceFile, sha256)
        if row is not None:
            row.status = "quarantined"
            row.reason = reason
            stored = Path(row.stored_path) if row.stored_path else None
            if stored is not None and stored.is_file():
                _quarantine(stored, row.file_name, sha256, reason, stored.parent.parent)


def failure_reason(stage: str, exc: BaseException) -> str:
    """Why a document failed at ``stage`` after ingest, said for a person, the error after it."""
    if isinstance(exc, PdfError):
        return exc.reason
    if isinstance(exc, MemoryError):
        return f"over budget: {stage} ran out of memory"
    return (
        f"{stage} failed: the pipeline stopped on something in this file it does not handle "
        f"(kept in quarantine to read again with a later version): {type(exc).__name__}: {exc}"
    )


def quarantined(engine: Engine) -> list[SourceFile]:
    """Files in quarantine, newest first."""
    with Session(engine) as session:
        return list(
            session.scalars(
                select(SourceFile)
                .where(SourceFile.status == "quarantined")
                .order_by(SourceFile.last_seen.desc())
            )
        )
