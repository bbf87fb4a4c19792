"""Database connection and schema migrations.

SQLite by default (an embedded file, nothing to run); any SQLAlchemy URL through
``--db`` or ``COUNCILPDF_DB``, PostgreSQL for a shared database. The schema is
brought up to date with Alembic's migrations whenever the database is opened.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_DB = "sqlite:///data/councilpdf.db"
ENV_VAR = "COUNCILPDF_DB"
_MIGRATION_LOCK = 0x434F_554E_4349_4C  # PostgreSQL advisory lock held while migrating


_PSYCOPG = "postgresql+psycopg"
"""PostgreSQL through psycopg 3, the driver installed with the project (SQLAlchemy's default is psycopg2)."""


def database_url(url: str | None = None) -> str:
    """The URL to use: the one given, else ``COUNCILPDF_DB``, else the local SQLite file.

    A file path (no ``scheme://``) is a SQLite database; ``postgresql://`` and
    ``postgres://`` use the installed psycopg driver.
    """
    url = url or os.environ.get(ENV_VAR) or DEFAULT_DB
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    scheme, rest = url.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return f"{_PSYCOPG}://{rest}"
    return url


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite database URL; None for another database or an in-memory one."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def make_engine(url: str | None = None, *, migrate: bool = True) -> Engine:
    """An engine for ``url`` whose schema is at the latest migration."""
    url = database_url(url)
    if (path := sqlite_path(url)) is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin_immediate)
    if migrate:
        upgrade(engine)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # Let SQLAlchemy, not the sqlite3 module, say when transactions begin (below).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL lets readers work while a load writes; the busy timeout makes concurrent
    # writers wait their turn instead of failing at once.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin_immediate(connection) -> None:
    # A deferred transaction that reads and then writes fails at once with "database
    # is locked" if another connection wrote meanwhile; taking the write lock at BEGIN
    # makes concurrent runs wait their turn (up to the busy timeout) instead.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def alembic_config(engine: Engine | None = None) -> Config:
    """Alembic's configuration, pointing at this project's migrations."""
    config = Config()
    # The migrations ship inside the package, so an installed wheel finds them too.
    config.set_main_option("script_location", str(resources.files("schemas.migrations")))
    if engine is not None:
        config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to ``revision``."""
    config = alembic_config(engine)
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            # Two processes opening a new database at once would both create the tables;
            # the lock makes the second wait and find them there (SQLite's BEGIN IMMEDIATE does the same).
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions bound to ``engine`` that keep loaded objects usable after commit."""
    return sessionmaker(engine, expire_on_commit=False, future=True)


@lru_cache(maxsize=8)
def engine_for(url: str | None = None) -> Engine:
    """One migrated engine per URL and process, shared by the tasks that use it."""
    return make_engine(url)
