"""Read a document's records back from the database.

Export and validation both work from what the database holds, so this is the one
place rows become records again, provenance included.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from schemas import sql
from schemas.records import (
    Action,
    AgendaItem,
    Decision,
    DocumentExtraction,
    DocumentMeta,
    FinancialCell,
    FlagLocation,
    Inconsistency,
    Kpi,
    KpiSeriesPoint,
    Member,
    MinuteItem,
    Minutes,
    PageText,
    Provenance,
    Report,
    Section,
    Span,
    Table,
    TableRegion,
)

_PROV_COLUMNS = {
    "id",
    "sha256",
    "position",
    "pdf_page",
    "printed_page",
    "bbox_x0",
    "bbox_top",
    "bbox_x1",
    "bbox_bottom",
    "extractor",
    "extractor_version",
}


def provenance(row: Any) -> Provenance:
    """The provenance stored on an extracted row."""
    bbox = None
    if row.bbox_x0 is not None:
        bbox = (row.bbox_x0, row.bbox_top, row.bbox_x1, row.bbox_bottom)
    return Provenance(
        sha256=row.sha256,
        pdf_page=row.pdf_page,
        printed_page=row.printed_page,
        bbox=bbox,
        extractor=row.extractor,
        extractor_version=row.extractor_version,
    )


def fields(row: Any, drop: set[str] = frozenset()) -> dict[str, Any]:
    """A row's own columns (not provenance), minus ``drop``."""
    skip = _PROV_COLUMNS | drop
    return {c.name: getattr(row, c.name) for c in row.__table__.columns if c.name not in skip}


def from_table(row: Any) -> dict[str, Any]:
    """A row read from a table (``sql.FromTable``) as its record's fields: the label is ``source_table``."""
    return {**fields(row, {"table_ref", "table_label"}), "source_table": row.table_label}


def _rows(session: Session, model: type[sql.Base], sha256: str) -> list:
    return list(session.scalars(select(model).where(model.sha256 == sha256).order_by(model.position)))


def read_extraction(session: Session, sha256: str) -> DocumentExtraction | None:
    """Everything stored for the document with this sha256, or None."""
    doc = session.get(sql.Document, sha256)
    if doc is None:
        return None
    pages = [
        PageText(pdf_page=r.pdf_page, **fields(r), prov=provenance(r))
        for r in _rows(session, sql.PageRow, sha256)
    ]
    meta_prov = Provenance(sha256=sha256, extractor="document", extractor_version=doc.pipeline_version)
    return DocumentExtraction(
        file=doc.file_name,
        sha256=sha256,
        page_count=doc.page_count,
        scanned=doc.scanned,
        document=DocumentMeta(
            committee=doc.committee,
            meeting_date=doc.meeting_date,
            meeting_time=doc.meeting_time,
            venue=doc.venue,
            prov=meta_prov,
        ),
        pages=pages,
        members=[Member(**fields(r), prov=provenance(r)) for r in _rows(session, sql.MemberRow, sha256)],
        agenda_items=[
            AgendaItem(**fields(r), prov=provenance(r)) for r in _rows(session, sql.AgendaItemRow, sha256)
        ],
        sections=[Section(**fields(r), prov=provenance(r)) for r in _rows(session, sql.SectionRow, sha256)],
        minutes=_minutes(session, sha256),
        reports=_reports(session, sha256),
        tables=_tables(session, sha256),
        kpis=[Kpi(**from_table(r), prov=provenance(r)) for r in _rows(session, sql.KpiRow, sha256)],
        kpi_series=[
            KpiSeriesPoint(**from_table(r), prov=provenance(r))
            for r in _rows(session, sql.KpiSeriesRow, sha256)
        ],
        actions=[Action(**from_table(r), prov=provenance(r)) for r in _rows(session, sql.ActionRow, sha256)],
        financial_cells=[
            FinancialCell(table=r.table_label, **fields(r, {"table_ref", "table_label"}), prov=provenance(r))
            for r in _rows(session, sql.FinancialCellRow, sha256)
        ],
        inconsistencies=[
            Inconsistency(
                **fields(r, {"locations"}),
                locations=[FlagLocation(**loc) for loc in r.locations],
                prov=provenance(r),
            )
            for r in _rows(session, sql.InconsistencyRow, sha256)
        ],
        warnings=list(doc.warnings or []),
    )


def _minutes(session: Session, sha256: str) -> list[Minutes]:
    result = []
    for m in _rows(session, sql.MinutesRow, sha256):
        items = list(
            session.scalars(
                select(sql.MinuteItemRow)
                .where(sql.MinuteItemRow.minutes_id == m.id)
                .order_by(sql.MinuteItemRow.position)
            )
        )
        decisions: dict[str, list[Decision]] = defaultdict(list)
        for d in session.scalars(
            select(sql.DecisionRow)
            .where(sql.DecisionRow.item_id.in_([i.id for i in items]))
            .order_by(sql.DecisionRow.position)
        ):
            decisions[d.item_id].append(Decision(text=d.text, kind=d.kind, prov=provenance(d)))
        result.append(
            Minutes(
                **fields(m),
                items=[
                    MinuteItem(**fields(i, {"minutes_id"}), decisions=decisions[i.id], prov=provenance(i))
                    for i in items
                ],
                prov=provenance(m),
            )
        )
    return result


def _reports(session: Session, sha256: str) -> list[Report]:
    result = []
    for r in _rows(session, sql.ReportRow, sha256):
        recs = session.scalars(
            select(sql.RecommendationRow.text)
            .where(sql.RecommendationRow.report_id == r.id)
            .order_by(sql.RecommendationRow.position)
        )
        result.append(Report(**fields(r), recommendations=list(recs), prov=provenance(r)))
    return result


def _tables(session: Session, sha256: str) -> list[Table]:
    # A document's cells in one query, as plain rows: thousands of mapped objects cost
    # more than everything else read back.
    cell = sql.TableCellRow.__table__.c
    cells_of: defaultdict[str, list] = defaultdict(list)
    for c in session.execute(
        select(
            cell.table_ref,
            cell.row,
            cell.col,
            cell.text,
            cell.pdf_page,
            cell.bbox_x0,
            cell.bbox_top,
            cell.bbox_x1,
            cell.bbox_bottom,
            cell.rowspan,
            cell.colspan,
            cell.vertical,
        )
        .where(cell.sha256 == sha256)
        .order_by(cell.table_ref, cell.position)
    ):
        cells_of[c.table_ref].append(c)
    result = []
    for t in _rows(session, sql.TableRow, sha256):
        cells = cells_of[t.id]
        grid: list[list[str]] = [[] for _ in range(t.n_rows)]
        boxes: list[list] = [[] for _ in range(t.n_rows)]
        row_pages = [t.pdf_page] * t.n_rows
        spans = []
        for c in cells:
            grid[c.row].append(c.text)
            boxes[c.row].append(
                (c.bbox_x0, c.bbox_top, c.bbox_x1, c.bbox_bottom) if c.bbox_x0 is not None else None
            )
            row_pages[c.row] = c.pdf_page
            if c.rowspan > 1 or c.colspan > 1 or c.vertical:
                spans.append(
                    Span(row=c.row, col=c.col, rowspan=c.rowspan, colspan=c.colspan, vertical=c.vertical)
                )
        result.append(
            Table(
                id=t.table_label,
                kind=t.kind,
                pdf_page=t.pdf_page,
                pages=t.pages,
                section_title=t.section_title,
                headings=t.headings,
                preamble=t.preamble,
                header=grid[: t.header_rows],
                rows=grid[t.header_rows :],
                spans=spans,
                row_pages=row_pages,
                cell_bboxes=boxes,
                regions=[TableRegion(**r) for r in t.regions],
                ruled=t.ruled,
                prov=provenance(t),
            )
        )
    return result
