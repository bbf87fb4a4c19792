"""The content of a database as comparable data, for tests that compare two runs, and a second database."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine, select

import schemas.meetings  # noqa: F401  (its tables are part of the content)
from schemas.sql import Base

VOLATILE = frozenset(
    {"first_seen", "last_seen", "extracted_at", "updated_at", "fetched_at", "stored_path", "since"}
)
"""Columns that record when or where a run happened rather than what it found."""


def database_content(engine: Engine, skip: frozenset[str] = VOLATILE) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, without the volatile columns, in a stable order."""
    content = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name not in skip]
            rows = conn.execute(select(*columns)).all()
            content[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return content


@pytest.fixture(name="other_db")
def other_db_fixture(db_url: str, tmp_path, request) -> Iterator[str]:
    """A second, empty database of the kind ``db_url`` is, for a run to compare with.

    Import ``other_db_fixture`` into a test module to use it as ``other_db``.
    """
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'other.db'}"
        return
    server = request.getfixturevalue("postgres_server")
    admin = server.replace("postgresql+psycopg", "postgresql")
    name = f"other{time.time_ns()}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield server.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
