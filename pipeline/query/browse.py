"""``councilpdf browse``: the database in a web browser, read-only, through Datasette.

Datasette serves the SQLite file on 127.0.0.1 and opens it read-only (``mode=ro``):
nothing it is asked can change the database. What it shows comes from here:

* :func:`metadata`: every table, view and column described (:mod:`pipeline.query.catalog`),
  documents and tables labelled by file name and table label wherever a row points at
  them, full-text search on decisions, minute items and the decision timeline, and
  the canned queries of :data:`QUERIES`;
* the plugin :mod:`pipeline.query.browse_plugin`: each row's page drawn with its box,
  the PDF itself at that page, and search snippets with their matches marked.

A PostgreSQL database is browsed through a snapshot: its tables are copied into a
temporary SQLite file first (:func:`snapshot`), and that copy is what is served.
"""

from __future__ import annotations

import asyncio
import socket
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, inspect, select

from pipeline.db import make_engine, sqlite_path
from pipeline.query.catalog import describe_column, describe_table, is_search_storage
from schemas.meetings import DECISIONS_FTS, MINUTE_ITEMS_FTS
from schemas.sql import Base

HOST = "127.0.0.1"
"""Browsing is for the person at this machine: the server listens on loopback only."""

SNAPSHOT_BATCH = 1000
"""Rows copied per insert when a PostgreSQL database is snapshotted into SQLite."""


class BrowseError(Exception):
    """The database cannot be served; the message says what to do."""


_EVIDENCE = "sha256, bbox_x0, bbox_top, bbox_x1, bbox_bottom"
"""The columns a page link is drawn from, shown last: the page number itself comes early."""

QUERIES: dict[str, dict[str, Any]] = {
    "flag_counts": {
        "title": "Flags by kind and severity: how many, in how many documents",
        "sql": (
            "select kind, severity, count(*) as flags, count(distinct sha256) as documents "
            "from inconsistencies group by kind, severity "
            "order by kind, case severity when 'high' then 0 when 'medium' then 1 else 2 end"
        ),
    },
    "flags_by_kind_and_severity": {
        "title": "Flags of a kind and severity, with their evidence",
        "description": "Leave kind or severity empty for all. Each row is one place a flag concerns.",
        "sql": (
            "select kind, severity, document, pdf_page, table_label, row_label, text, description, "
            f"expected, found, flag_id, table_ref, {_EVIDENCE} from flag_evidence "
            "where (:kind = '' or kind = :kind) and (:severity = '' or severity = :severity) "
            "order by case severity when 'high' then 0 when 'medium' then 1 else 2 end, kind, document, "
            "pdf_page, location"
        ),
    },
    "kpi_history": {
        "title": "A KPI's history: its target and actual by service, council and period",
        "description": "Words of the indicator's name; a service (or directorate) to narrow it.",
        "sql": (
            "select indicator, service, council, period, target, actual, rag, direction, unit, "
            f"meeting_date, document, pdf_page, table_label, {_EVIDENCE} from kpi_values "
            "where indicator like '%' || :indicator || '%' "
            "and (:service = '' or service like '%' || :service || '%') "
            "order by indicator, service, council, meeting_date, period"
        ),
    },
    "decisions_on_topic": {
        "title": "Decisions on a topic: those whose own text matches, the matching words marked",
        "description": 'Words (all must occur, stemmed), "phrases", OR, -word.',
        "sql": (
            f"select t.meeting_date, t.committee, t.item_number, t.item_title, t.kind, "
            f"highlight({DECISIONS_FTS}, 0, '<mark>', '</mark>') as snippet, t.document, t.pdf_page, "
            "t.sha256, t.bbox_x0, t.bbox_top, t.bbox_x1, t.bbox_bottom "
            f"from {DECISIONS_FTS} join decision_timeline t on t.decision_rowid = {DECISIONS_FTS}.rowid "
            f"where {DECISIONS_FTS} match councilpdf_fts(:topic) "
            "order by t.meeting_date, t.committee, t.item_number"
        ),
    },
    "items_on_topic": {
        "title": "Minute items on a topic, with the passage that matches and the decisions taken",
        "description": 'Words (all must occur, stemmed), "phrases", OR, -word.',
        "sql": (
            "select mn.meeting_date, d.committee, i.number, i.title, "
            f"snippet({MINUTE_ITEMS_FTS}, -1, '<mark>', '</mark>', '…', 24) as snippet, "
            "(select count(*) from decisions dc where dc.item_id = i.id) as decisions, "
            "d.file_name as document, i.pdf_page, i.sha256, i.bbox_x0, i.bbox_top, i.bbox_x1, i.bbox_bottom "
            f"from {MINUTE_ITEMS_FTS} join minute_items i on i.rowid = {MINUTE_ITEMS_FTS}.rowid "
            "join minutes mn on mn.id = i.minutes_id join documents d on d.sha256 = i.sha256 "
            f"where {MINUTE_ITEMS_FTS} match councilpdf_fts(:topic) order by mn.meeting_date, i.position"
        ),
    },
    "documents_with_problems": {
        "title": "Documents with extraction problems: partial or quarantined, with what was lost and why",
        "sql": (
            "select s.file_name as document, s.status, s.reason, e.stage, e.pdf_page, e.extractor, "
            "e.element, e.error, s.sha256 from source_files s "
            "left join extraction_errors e on e.sha256 = s.sha256 "
            "where s.status in ('partial', 'quarantined') or e.id is not null "
            "order by s.file_name, e.stage, e.position"
        ),
    },
}
"""The canned queries on the database's page."""

LABELS = {
    "documents": "file_name",
    "source_files": "file_name",
    "extracted_tables": "table_label",
    "meetings": "committee",
    "minute_items": "title",
    "minutes": "meeting_date",
    "inconsistencies": "kind",
    "reports": "title",
    "api_meetings": "committee_title",
    "api_agenda_items": "title",
    "agenda_items": "title",
}
"""The column naming a row where another row points at it (a document by its file name)."""

SEARCH = {
    "decisions": {"fts_table": DECISIONS_FTS, "fts_pk": "rowid"},
    "decision_timeline": {"fts_table": DECISIONS_FTS, "fts_pk": "decision_rowid"},
    "minute_items": {"fts_table": MINUTE_ITEMS_FTS, "fts_pk": "rowid"},
}
"""Tables and views with a search box, and the full-text index it searches."""


def metadata(engine: Engine, name: str) -> dict[str, Any]:
    """Datasette's metadata for the database ``name``: descriptions, labels, search and queries."""
    tables: dict[str, Any] = {}
    inspector = inspect(engine)
    for table in [*inspector.get_table_names(), *inspector.get_view_names()]:
        if is_search_storage(table):
            tables[table] = {"hidden": True}
            continue
        entry: dict[str, Any] = {
            "description": describe_table(table) or "",
            "columns": {
                c["name"]: describe_column(table, c["name"]) or "" for c in inspector.get_columns(table)
            },
            **SEARCH.get(table, {}),
        }
        if table in LABELS:
            entry["label_column"] = LABELS[table]
        tables[table] = entry
    return {
        "title": "councilpdf",
        "description": (
            "Committee papers as data, read-only. Start with the views flag_evidence, kpi_values, "
            "financial_values and decision_timeline, or the queries below. A page number links to "
            "the page with the row's box drawn, and to the PDF at that page."
        ),
        "databases": {name: {"tables": tables, "queries": QUERIES}},
    }


def snapshot(source: Engine, path: Path) -> Engine:
    """Copy every table of ``source`` into a new SQLite database at ``path``; returns its engine."""
    import schemas.meetings  # noqa: F401  (its tables are part of the database)

    target = make_engine(f"sqlite:///{path}")
    with source.connect() as src, target.begin() as dst:
        for table in Base.metadata.sorted_tables:
            rows = src.execute(select(table)).mappings()
            while batch := [dict(r) for r in rows.fetchmany(SNAPSHOT_BATCH)]:
                dst.execute(insert(table), batch)
    return target


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind((HOST, port))
        except OSError:
            return False
    return True


def serve(engine: Engine, port: int, announce: Callable[[str], None] = print) -> None:
    """Serve the database read-only on :data:`HOST`:``port`` until interrupted.

    Raises:
        BrowseError: the port is taken.
    """
    if not _port_free(port):
        raise BrowseError(f"port {port} on {HOST} is in use: pass another with --port")
    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    if path is None:
        name = engine.url.database or "councilpdf"
        folder = Path(tempfile.mkdtemp(prefix="councilpdf-browse-"))
        announce(f"browse serves SQLite: copying {engine.url.render_as_string()} into {folder}")
        engine = snapshot(engine, folder / f"{name}.db")
        path = folder / f"{name}.db"
    app = datasette_app(engine, path)
    announce(f"serving {path} read-only at http://{HOST}:{port}/ (Ctrl-C stops)")
    import uvicorn

    uvicorn.run(app.app(), host=HOST, port=port, log_level="warning", lifespan="on")


def datasette_app(engine: Engine, path: Path):
    """A Datasette serving the SQLite file at ``path`` read-only, with this project's metadata and plugin."""
    from datasette.app import Datasette
    from datasette.plugins import pm

    from pipeline.query import browse_plugin

    if not pm.is_registered(browse_plugin):
        pm.register(browse_plugin, name="councilpdf")
    app = Datasette(
        [str(path)],
        metadata=metadata(engine, path.stem),
        settings={"default_page_size": 50, "sql_time_limit_ms": 5000},
    )
    asyncio.run(app.invoke_startup())
    return app
