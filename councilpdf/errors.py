"""Errors a user can act on: one line saying what to do, and a non-zero exit, never a traceback.

* :func:`error`, :func:`fail` and :func:`warn` print one line on stderr; :func:`choose`
  refuses a name that is not one of a set, naming the nearest;
* :func:`database` resolves ``--db`` (a URL, a file path, ``COUNCILPDF_DB``) and says which
  database a command uses; :func:`connect` opens it, and :func:`open_database` opens it
  for a read-only command, insisting that it exists rather than creating an empty one;
* :func:`run_flow` turns a workflow engine that cannot be reached into one line.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:
    from sqlalchemy import Engine

T = TypeVar("T")

console = Console(stderr=True)

USAGE = 2
"""Exit status of a command given something it cannot use (as click uses for bad options)."""


def error(message: str) -> None:
    """Print ``message`` as an error line."""
    console.print(f"[red]error:[/] {escape(message)}", soft_wrap=True, highlight=False)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print ``message`` as an error line; the exit to raise."""
    error(message)
    return typer.Exit(code)


def warn(message: str) -> None:
    """Print ``message`` as a warning line."""
    console.print(f"[yellow]warning:[/] {escape(message)}", soft_wrap=True, highlight=False)


def choose(what: str, given: str, choices: Iterable[str]) -> str:
    """``given`` if it is one of ``choices``; else a one-line error naming the nearest and the rest."""
    choices = sorted(choices)
    if given in choices:
        return given
    close = difflib.get_close_matches(given, choices, n=2)
    hint = f"did you mean {' or '.join(repr(c) for c in close)}? " if close else ""
    raise fail(f"unknown {what} {given!r}: {hint}{what}s are {', '.join(choices)}", USAGE)


def database(db: str | None) -> str:
    """The URL of the database a command uses, said on stderr (password hidden).

    A URL whose database driver is not installed is a one-line error.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    from pipeline.db import database_url

    url = database_url(db)
    try:
        parsed = make_url(url)
        parsed.get_dialect().import_dbapi()
    except NoSuchModuleError as exc:
        raise fail(f"{shown(url)}: no such kind of database ({exc})", USAGE) from exc
    except (ArgumentError, ValueError) as exc:
        raise fail(f"--db {url!r} is not a database URL or file path: {exc}", USAGE) from exc
    except ImportError as exc:
        driver = exc.name or str(exc)
        raise fail(
            f"{shown(url)}: its driver {driver} is not installed: install it, or for PostgreSQL "
            "write postgresql://... (the installed psycopg driver)",
            USAGE,
        ) from exc
    console.print(f"database: {shown(url)}", soft_wrap=True, highlight=False)
    return url


def shown(url: str) -> str:
    """A database URL as printed: its password hidden."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


def open_database(db: str | None) -> Engine:
    """An engine on the database a read-only command reads, its schema up to date.

    A read-only command never creates a database: a SQLite file that does not exist
    is a one-line error. A database that cannot be reached is one too.
    """
    return connect(database(db), read_only=True)


def connect(url: str, *, read_only: bool) -> Engine:
    """An engine on the database at ``url`` (from :func:`database`), its schema up to date."""
    from sqlalchemy.exc import DBAPIError

    from pipeline.db import engine_for, sqlite_path

    path = sqlite_path(url)
    if read_only and path is not None and not path.is_file():
        raise fail(
            f"no database at {path}: make one with `councilpdf run PDFS`, or name another with "
            "--db or COUNCILPDF_DB"
        )
    try:
        return engine_for(url)
    except DBAPIError as exc:
        reason = str(exc.orig or exc).strip().splitlines()[0]
        raise fail(f"cannot open {shown(url)}: {reason}") from exc


def run_flow(call: Callable[[], T]) -> T:
    """Run a flow on the configured workflow API, else the local one (started once, then reused);
    a workflow engine that cannot be reached is a one-line error, not a traceback."""
    from flows import api_unreachable
    from flows.api import workflow_api

    try:
        with workflow_api():
            return call()
    except RuntimeError as exc:
        if (advice := api_unreachable(exc)) is None:
            raise
        raise fail(advice) from exc
