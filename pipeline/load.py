"""Load a document's extraction into SQL: one transaction, idempotent upserts.

Row ids are sha1 hashes of the document's sha256, the table and the record's natural
key, so loading the same extraction again writes the same rows. Rows of the document
that a new extraction no longer produces are deleted in the same transaction, so the
database always holds exactly one consistent extraction per document.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Engine, Table, bindparam, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.dml import Insert

from extractors.base import VERSION_LENGTH, code_version
from schemas import sql
from schemas.records import (
    Action,
    DocumentExtraction,
    ExtractionError,
    Inconsistency,
    Provenance,
    Record,
)

PIPELINE_MODULES = ("pipeline.extract", "pipeline.load", "pipeline.validate")
"""The stages whose code (with every project module they import) makes a document's rows and flags."""


def pipeline_version() -> str:
    """The version of the code that extracts, loads and validates: it changes with any of that code."""
    versions = "".join(code_version(module) for module in PIPELINE_MODULES)
    return hashlib.sha256(versions.encode()).hexdigest()[:VERSION_LENGTH]


def row_id(*parts: Any) -> str:
    """A stable id from the parts of a natural key."""
    return hashlib.sha1("|".join("" if p is None else str(p) for p in parts).encode()).hexdigest()


def prov_columns(prov: Provenance, position: int) -> dict[str, Any]:
    """The provenance columns every extracted row carries."""
    x0, top, x1, bottom = prov.bbox if prov.bbox else (None, None, None, None)
    return {
        "sha256": prov.sha256,
        "position": position,
        "pdf_page": prov.pdf_page,
        "printed_page": prov.printed_page,
        "bbox_x0": x0,
        "bbox_top": top,
        "bbox_x1": x1,
        "bbox_bottom": bottom,
        "extractor": prov.extractor,
        "extractor_version": prov.extractor_version,
    }


def _row(record: Record, position: int, key: Sequence[Any], table: str, **fields: Any) -> dict[str, Any]:
    return {"id": row_id(record.prov.sha256, table, *key), **prov_columns(record.prov, position), **fields}


def document_rows(ex: DocumentExtraction) -> dict[type[sql.Base], list[dict[str, Any]]]:
    """Every row the extraction puts in the database, by table."""
    rows: dict[type[sql.Base], list[dict[str, Any]]] = {model: [] for model in sql.EXTRACTED_TABLES}
    sha = ex.sha256
    printed = {page.pdf_page: page.printed_page for page in ex.pages}
    for i, page in enumerate(ex.pages):
        rows[sql.PageRow].append(
            _row(page, i, [page.pdf_page], "pages", width=page.width, height=page.height, text=page.text)
        )
    for i, s in enumerate(ex.sections):
        rows[sql.SectionRow].append(
            _row(s, i, [s.pdf_page_start, s.kind], "sections", **s.model_dump(exclude={"prov"}))
        )
    for i, m in enumerate(ex.members):
        rows[sql.MemberRow].append(_row(m, i, [i, m.name], "members", **m.model_dump(exclude={"prov"})))
    for i, a in enumerate(ex.agenda_items):
        rows[sql.AgendaItemRow].append(
            _row(a, i, [i, a.number], "agenda_items", **a.model_dump(exclude={"prov"}))
        )
    for i, m in enumerate(ex.minutes):
        minutes_id = row_id(sha, "minutes", i, m.meeting_date)
        rows[sql.MinutesRow].append(
            {
                "id": minutes_id,
                **prov_columns(m.prov, i),
                **m.model_dump(exclude={"prov", "items"}),
            }
        )
        for j, item in enumerate(m.items):
            item_id = row_id(minutes_id, "item", j, item.number)
            rows[sql.MinuteItemRow].append(
                {
                    "id": item_id,
                    **prov_columns(item.prov, j),
                    "minutes_id": minutes_id,
                    **item.model_dump(exclude={"prov", "decisions"}),
                }
            )
            for k, d in enumerate(item.decisions):
                rows[sql.DecisionRow].append(
                    {
                        "id": row_id(item_id, "decision", k),
                        **prov_columns(d.prov, k),
                        "item_id": item_id,
                        "kind": d.kind,
                        "text": d.text,
                    }
                )
    for i, r in enumerate(ex.reports):
        report_id = row_id(sha, "reports", i, r.pdf_page_start)
        rows[sql.ReportRow].append(
            {"id": report_id, **prov_columns(r.prov, i), **r.model_dump(exclude={"prov", "recommendations"})}
        )
        for k, text in enumerate(r.recommendations):
            rows[sql.RecommendationRow].append(
                {
                    "id": row_id(report_id, "rec", k),
                    **prov_columns(r.prov, k),
                    "report_id": report_id,
                    "text": text,
                }
            )
    tables = {t.id: table_ref_of(sha, t.id) for t in ex.tables}

    def from_table(label: str | None) -> dict[str, Any]:
        return {"table_ref": tables.get(label) if label else None, "table_label": label}

    for i, t in enumerate(ex.tables):
        table_ref = tables[t.id]
        grid = t.grid
        rows[sql.TableRow].append(
            {
                "id": table_ref,
                **prov_columns(t.prov, i),
                "table_label": t.id,
                "kind": t.kind,
                "pages": t.pages,
                "section_title": t.section_title,
                "headings": t.headings,
                "preamble": t.preamble,
                "header_rows": len(t.header),
                "n_rows": len(grid),
                "n_cols": max((len(r) for r in grid), default=0),
                "ruled": t.ruled,
                "regions": [r.model_dump() for r in t.regions],
            }
        )
        spans = {(s.row, s.col): s for s in t.spans}
        for r, cells in enumerate(grid):
            page = t.row_pages[r] if r < len(t.row_pages) else t.pdf_page
            for c, text in enumerate(cells):
                bbox = t.cell_bboxes[r][c] if r < len(t.cell_bboxes) and c < len(t.cell_bboxes[r]) else None
                span = spans.get((r, c))
                cell_prov = t.prov.model_copy(update={"pdf_page": page, "bbox": bbox})
                rows[sql.TableCellRow].append(
                    {
                        "id": row_id(table_ref, r, c),
                        **prov_columns(cell_prov, r * 1000 + c),
                        "printed_page": printed.get(page),
                        "table_ref": table_ref,
                        "table_label": t.id,
                        "row": r,
                        "col": c,
                        "is_header": r < len(t.header),
                        "text": text,
                        "rowspan": span.rowspan if span else 1,
                        "colspan": span.colspan if span else 1,
                        "vertical": span.vertical if span else False,
                    }
                )
    for model, name, records in (
        (sql.KpiRow, "kpis", ex.kpis),
        (sql.KpiSeriesRow, "kpi_series", ex.kpi_series),
        (sql.ActionRow, "actions", ex.actions),
    ):
        for i, rec in enumerate(records):
            key = [i, rec.ref] if isinstance(rec, Action) else [i]
            fields = rec.model_dump(exclude={"prov", "source_table"})
            rows[model].append(_row(rec, i, key, name, **fields, **from_table(rec.source_table)))
    for i, f in enumerate(ex.financial_cells):
        fields = f.model_dump(exclude={"prov", "table"})
        rows[sql.FinancialCellRow].append(_row(f, i, [i], "financial_cells", **fields, **from_table(f.table)))
    rows[sql.InconsistencyRow] = flag_rows(ex.inconsistencies)
    rows[sql.FlagLocationRow] = location_rows(rows[sql.InconsistencyRow], set(tables.values()))
    rows[sql.ExtractionErrorRow] = error_rows(sha, ex.errors)
    return rows


def table_ref_of(sha256: str, label: str) -> str:
    """The stable id (``extracted_tables.id``) of the table labelled ``label`` in a document."""
    return row_id(sha256, "tables", label)


def location_rows(flags: Iterable[dict[str, Any]], tables: set[str]) -> list[dict[str, Any]]:
    """Rows of ``flag_locations``: each location of each flag row, its table named by stable id.

    ``tables`` holds the ids of the tables known to be stored; a location naming any
    other table keeps its label only, so the foreign key always holds.
    """
    out = []
    for flag in flags:
        for i, loc in enumerate(flag["locations"]):
            ref = _location_table(flag, loc)
            x0, top, x1, bottom = loc.get("bbox") or (None, None, None, None)
            out.append(
                {
                    "id": row_id(flag["id"], "location", i),
                    "flag_id": flag["id"],
                    "sha256": flag["sha256"],
                    "position": i,
                    "document_sha256": loc.get("document_sha256") or flag["sha256"],
                    "pdf_page": loc.get("pdf_page"),
                    "table_ref": ref if ref in tables else None,
                    "table_label": loc.get("table"),
                    "row_label": loc.get("row_label"),
                    "text": loc.get("text"),
                    "bbox_x0": x0,
                    "bbox_top": top,
                    "bbox_x1": x1,
                    "bbox_bottom": bottom,
                }
            )
    return out


def _location_table(flag: dict[str, Any], loc: dict[str, Any]) -> str | None:
    """The stable id of the table a flag row's location names, if it names one."""
    label = loc.get("table")
    return table_ref_of(loc.get("document_sha256") or flag["sha256"], label) if label else None


def _named_tables(flags: Iterable[dict[str, Any]]) -> set[str]:
    """The stable ids of the tables the flag rows' locations name."""
    return {ref for flag in flags for loc in flag["locations"] if (ref := _location_table(flag, loc))}


def error_rows(sha256: str, errors: Iterable[ExtractionError]) -> list[dict[str, Any]]:
    """Rows of the ``extraction_errors`` table: what each fault lost, and why."""
    return [
        {
            "id": row_id(sha256, "extraction_errors", e.stage, i, e.extractor, e.element),
            "sha256": sha256,
            "position": i,
            **e.model_dump(),
        }
        for i, e in enumerate(errors)
    ]


def flag_rows(flags: Iterable[Inconsistency]) -> list[dict[str, Any]]:
    """Rows of the ``inconsistencies`` table; a flag's id hashes its rule and evidence."""
    out = []
    for i, f in enumerate(flags):
        locations = [loc.model_dump(exclude_none=True) for loc in f.locations]
        key = [f.rule, f.kind, f.found, f.expected, *(sorted(str(loc) for loc in locations))]
        out.append(
            _row(
                f,
                i,
                key,
                "inconsistencies",
                **f.model_dump(exclude={"prov", "locations"}),
                locations=locations,
            )
        )
    return out


def load_document(engine: Engine, ex: DocumentExtraction) -> dict[str, int]:
    """Write a document's extraction in one transaction; returns row counts by table."""
    rows = document_rows(ex)
    meta = ex.document
    document = {
        "sha256": ex.sha256,
        "file_name": ex.file,
        "page_count": ex.page_count,
        "scanned": ex.scanned,
        "committee": meta.committee if meta else None,
        "meeting_date": meta.meeting_date if meta else None,
        "meeting_time": meta.meeting_time if meta else None,
        "venue": meta.venue if meta else None,
        "extracted_at": datetime.now(UTC),
        "pipeline_version": pipeline_version(),
        "warnings": ex.warnings,
    }
    with engine.begin() as conn:
        # The document row goes first: on PostgreSQL its row lock makes two
        # concurrent loads of one document take turns.
        upsert(conn, sql.Document.__table__, [document])
        for model in reversed(sql.EXTRACTED_TABLES):
            keep = {r["id"] for r in rows[model]}
            _delete_stale(conn, model.__table__, ex.sha256, keep)
        for model in sql.EXTRACTED_TABLES:
            upsert(conn, model.__table__, rows[model])
    return {model.__tablename__: len(rows[model]) for model in sql.EXTRACTED_TABLES}


def replace_flags(
    engine: Engine, sha256: str, flags: Sequence[Inconsistency], errors: Sequence[ExtractionError] = ()
) -> int:
    """Store a document's flags and the rules that failed on it, replacing an earlier validation's."""
    rows = flag_rows(flags)
    table = sql.InconsistencyRow.__table__
    places = sql.FlagLocationRow.__table__
    faults = sql.ExtractionErrorRow.__table__
    with engine.begin() as conn:
        named = _named_tables(rows)
        tables = sql.TableRow.__table__
        stored = set(conn.scalars(select(tables.c.id).where(tables.c.id.in_(named)))) if named else set()
        locations = location_rows(rows, stored)
        _delete_stale(conn, places, sha256, {r["id"] for r in locations})
        _delete_stale(conn, table, sha256, {r["id"] for r in rows})
        upsert(conn, table, rows)
        upsert(conn, places, locations)
        conn.execute(delete(faults).where(faults.c.sha256 == sha256, faults.c.stage == "validate"))
        upsert(conn, faults, error_rows(sha256, errors))
    return len(rows)


def _delete_stale(conn: Connection, table: Table, sha256: str, keep: set[str]) -> None:
    existing = set(conn.scalars(select(table.c.id).where(table.c.sha256 == sha256)))
    stale = [{"stale_id": i} for i in existing - keep]
    if stale:
        conn.execute(delete(table).where(table.c.id == bindparam("stale_id")), stale)


def upsert(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows, updating those whose primary key exists: one statement executed for every row."""
    if rows:
        conn.execute(_upsert_statement(conn.dialect.name, table, tuple(rows[0])), list(rows))


@lru_cache(maxsize=256)
def _upsert_statement(dialect: str, table: Table, columns: tuple[str, ...]) -> Insert:
    """One INSERT ... ON CONFLICT DO UPDATE per table and column set, compiled once and reused.

    Rendering the rows into the statement (multi-row VALUES) made SQLAlchemy compile a
    new statement for every batch, which cost twenty times what the database did.
    """
    if dialect == "postgresql":
        insert = postgresql.insert
    elif dialect == "sqlite":
        insert = sqlite.insert
    else:
        raise RuntimeError(f"unsupported database dialect {dialect!r}: use SQLite or PostgreSQL")
    keys = [c.name for c in table.primary_key.columns]
    stmt = insert(table)
    return stmt.on_conflict_do_update(
        index_elements=keys,
        set_={c: stmt.excluded[c] for c in columns if c not in keys},
    )
