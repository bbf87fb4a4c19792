"""Storage that cannot take writes: a full disk, a read-only or immutable database.

No file is at fault then: a batch stops with one line saying what to free or fix,
and leaves every file as it was (pending, so the next run takes it up), rather than
quarantining good files one after another for the database's sake.
"""

from __future__ import annotations

import errno
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

FULL_SQLITE = {"SQLITE_FULL"}
READ_ONLY_SQLITE = {"SQLITE_READONLY", "SQLITE_READONLY_DBMOVED", "SQLITE_READONLY_DIRECTORY"}
FULL_SQLSTATES = {"53100", "53200"}
"""PostgreSQL's disk_full and out_of_memory: the server cannot take the write."""
READ_ONLY_SQLSTATES = {"25006"}
"""PostgreSQL's read_only_sql_transaction: a standby, or a database set read-only."""
FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
READ_ONLY_ERRNOS = {errno.EROFS}


class StorageError(Exception):
    """The database or the store cannot take writes: ``what`` ("database is full", ...) and why."""

    def __init__(self, what: str, detail: str) -> None:
        super().__init__(what, detail)
        self.what, self.detail = what, detail

    def line(self, database: str) -> str:
        """The one line to show, naming the ``database`` when it is the database that failed."""
        where = f"{database}: " if self.what.startswith("database") else ""
        return f"{self.what}: {where}{self.detail}"


def storage_error(exc: BaseException) -> StorageError | None:
    """The storage failure behind ``exc`` (or one it was raised from), if that is what it is."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, StorageError):
            return current
        if (found := _classify(current)) is not None:
            return found
        todo += [getattr(current, "orig", None), current.__cause__, current.__context__]
    return None


def _classify(exc: BaseException) -> StorageError | None:
    message = _first_line(exc)
    code = getattr(exc, "sqlite_errorname", None)
    state = getattr(exc, "sqlstate", None)
    if code in FULL_SQLITE or state in FULL_SQLSTATES:
        return StorageError("database is full", f"{message}: free space on its disk, then run again")
    if code in READ_ONLY_SQLITE or state in READ_ONLY_SQLSTATES:
        return StorageError(
            "database is read-only", f"{message}: make it writable, or name another with --db"
        )
    if isinstance(exc, OSError) and exc.errno in FULL_ERRNOS:
        return StorageError("disk is full", f"{_where(exc)}: free space on it, then run again")
    if isinstance(exc, OSError) and exc.errno in READ_ONLY_ERRNOS:
        return StorageError("file system is read-only", _where(exc))
    return None


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def _where(exc: OSError) -> str:
    return f"{exc.filename}: {exc.strerror}" if exc.filename else _first_line(exc)


@contextmanager
def writing_to(folder: Path, what: str = "export") -> Iterator[None]:
    """Files written to ``folder`` in the block; a folder that cannot take them is one
    :class:`StorageError` ("cannot write export to DIR: Permission denied")."""
    try:
        yield
    except OSError as exc:
        detail = exc.strerror if exc.filename and Path(exc.filename) == folder else _where(exc)
        raise StorageError(f"cannot write {what} to {folder}", detail or str(exc)) from exc


def check_writable(folder: Path, what: str = "export") -> None:
    """Make ``folder`` and write a file there (and remove it), so a batch that is to write there
    stops before it starts rather than after its work is done."""
    with writing_to(folder, what):
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".probe-"):
            pass
