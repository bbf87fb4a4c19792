"""SQL tables (SQLAlchemy 2), separate from the pydantic records they store.

Every extracted row carries its provenance: the source file's sha256, physical page,
printed page, bounding box and the extractor's name and version. Row ids are stable
hashes of a record's natural key, so loading the same document twice upserts the
same rows. Schema changes go through the Alembic migrations in ``schemas/migrations/``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class SourceFile(Base):
    """A PDF seen by ingest, stored content-addressed by its sha256."""

    __tablename__ = "source_files"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    size: Mapped[int] = mapped_column(Integer)
    stored_path: Mapped[str | None] = mapped_column(Text)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(20), index=True)  # pending | loaded | partial | quarantined
    reason: Mapped[str | None] = mapped_column(Text)
    page_count: Mapped[int | None] = mapped_column(Integer)


class FileOrigin(Base):
    """Where a file was found: a path or URL, with the HTTP validators of a download."""

    __tablename__ = "file_origins"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("source_files.sha256", ondelete="CASCADE"), index=True)
    uri: Mapped[str] = mapped_column(Text)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    etag: Mapped[str | None] = mapped_column(String(200))
    last_modified: Mapped[str | None] = mapped_column(String(100))


class Run(Base):
    """One batch run (``run``, ``run-dask``, ``fetch``): what it was asked to do and how it ended.

    Written when the run starts (``status`` "running") and again when it ends; a run
    whose process was killed stays "running" with no ``finished``.
    """

    __tablename__ = "runs"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    command: Mapped[str] = mapped_column(String(20), default="run")
    status: Mapped[str] = mapped_column(String(20), default="running")  # running | completed | failed
    started: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    finished: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    files: Mapped[int] = mapped_column(Integer, default=0)
    loaded: Mapped[int] = mapped_column(Integer, default=0)
    partial: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    summary: Mapped[dict | None] = mapped_column(JSON)


class Document(Base):
    """One extracted PDF and the meeting it is for."""

    __tablename__ = "documents"

    sha256: Mapped[str] = mapped_column(
        ForeignKey("source_files.sha256", ondelete="CASCADE"), primary_key=True
    )
    file_name: Mapped[str] = mapped_column(String(500), index=True)
    page_count: Mapped[int] = mapped_column(Integer)
    scanned: Mapped[bool] = mapped_column(Boolean, default=False)
    committee: Mapped[str | None] = mapped_column(String(300), index=True)
    meeting_date: Mapped[date | None] = mapped_column(Date, index=True)
    meeting_time: Mapped[str | None] = mapped_column(String(5))
    venue: Mapped[str | None] = mapped_column(Text)
    extracted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    pipeline_version: Mapped[str] = mapped_column(String(20))
    warnings: Mapped[list | None] = mapped_column(JSON)


class Boxed:
    """A box on a page, in PDF points from the page's top left."""

    bbox_x0: Mapped[float | None] = mapped_column(Float)
    bbox_top: Mapped[float | None] = mapped_column(Float)
    bbox_x1: Mapped[float | None] = mapped_column(Float)
    bbox_bottom: Mapped[float | None] = mapped_column(Float)


class Provenanced(Boxed):
    """Columns every extracted row carries to lead back to its page."""

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    pdf_page: Mapped[int | None] = mapped_column(Integer)
    printed_page: Mapped[int | None] = mapped_column(Integer)
    extractor: Mapped[str] = mapped_column(String(60))
    extractor_version: Mapped[str] = mapped_column(String(20))

    @declared_attr
    def sha256(cls) -> Mapped[str]:
        return mapped_column(ForeignKey("documents.sha256", ondelete="CASCADE"), index=True)


class FromTable:
    """Columns of a row read from an extracted table: the table's stable id and its label in the document.

    ``table_ref`` is ``extracted_tables.id``, unique across documents; ``table_label`` is
    the label the table has within its document (T001, T002, ... in page order), shown
    to people beside it.
    """

    table_label: Mapped[str | None] = mapped_column(String(10))

    @declared_attr
    def table_ref(cls) -> Mapped[str | None]:
        return mapped_column(ForeignKey("extracted_tables.id", ondelete="CASCADE"), index=True)


class PageRow(Provenanced, Base):
    __tablename__ = "pages"

    width: Mapped[float] = mapped_column(Float)
    height: Mapped[float] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text)


class SectionRow(Provenanced, Base):
    __tablename__ = "sections"

    kind: Mapped[str] = mapped_column(String(20), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    pdf_page_start: Mapped[int] = mapped_column(Integer)
    pdf_page_end: Mapped[int] = mapped_column(Integer)
    printed_page_start: Mapped[int | None] = mapped_column(Integer)
    printed_page_end: Mapped[int | None] = mapped_column(Integer)
    agenda_item: Mapped[str | None] = mapped_column(String(20))


class MemberRow(Provenanced, Base):
    __tablename__ = "members"

    name: Mapped[str] = mapped_column(String(200), index=True)
    council: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(200))


class AgendaItemRow(Provenanced, Base):
    __tablename__ = "agenda_items"

    number: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Text)
    page_start: Mapped[int | None] = mapped_column(Integer)
    page_end: Mapped[int | None] = mapped_column(Integer)
    description: Mapped[str | None] = mapped_column(Text)


class MinutesRow(Provenanced, Base):
    __tablename__ = "minutes"

    meeting_date: Mapped[date | None] = mapped_column(Date, index=True)
    venue: Mapped[str | None] = mapped_column(Text)
    start_time: Mapped[str | None] = mapped_column(String(5))
    end_time: Mapped[str | None] = mapped_column(String(5))
    chair: Mapped[str | None] = mapped_column(String(200))
    present: Mapped[list] = mapped_column(JSON)
    apologies: Mapped[list] = mapped_column(JSON)


class MinuteItemRow(Provenanced, Base):
    __tablename__ = "minute_items"

    minutes_id: Mapped[str] = mapped_column(ForeignKey("minutes.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)


class DecisionRow(Provenanced, Base):
    __tablename__ = "decisions"

    item_id: Mapped[str] = mapped_column(ForeignKey("minute_items.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    text: Mapped[str] = mapped_column(Text)


class ReportRow(Provenanced, Base):
    __tablename__ = "reports"

    title: Mapped[str] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(60))
    meeting_date: Mapped[date | None] = mapped_column(Date)
    financial_summary: Mapped[str | None] = mapped_column(Text)
    pdf_page_start: Mapped[int] = mapped_column(Integer)


class RecommendationRow(Provenanced, Base):
    __tablename__ = "recommendations"

    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)


class TableRow(Provenanced, Base):
    """One logical table; its cells are in ``table_cells``."""

    __tablename__ = "extracted_tables"

    table_label: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(30), index=True)
    pages: Mapped[list] = mapped_column(JSON)
    section_title: Mapped[str | None] = mapped_column(Text)
    headings: Mapped[list] = mapped_column(JSON)
    preamble: Mapped[str | None] = mapped_column(Text)
    header_rows: Mapped[int] = mapped_column(Integer)
    n_rows: Mapped[int] = mapped_column(Integer)
    n_cols: Mapped[int] = mapped_column(Integer)
    ruled: Mapped[bool] = mapped_column(Boolean)
    regions: Mapped[list] = mapped_column(JSON)


class TableCellRow(Provenanced, Base):
    """A cell of a table grid; a merged cell's span is on its top-left cell."""

    __tablename__ = "table_cells"
    __table_args__ = (Index("ix_table_cells_table_row", "table_ref", "row", "col"),)

    table_ref: Mapped[str] = mapped_column(ForeignKey("extracted_tables.id", ondelete="CASCADE"))
    table_label: Mapped[str | None] = mapped_column(String(10))
    row: Mapped[int] = mapped_column(Integer)
    col: Mapped[int] = mapped_column(Integer)
    is_header: Mapped[bool] = mapped_column(Boolean)
    text: Mapped[str] = mapped_column(Text)
    rowspan: Mapped[int] = mapped_column(Integer, default=1)
    colspan: Mapped[int] = mapped_column(Integer, default=1)
    vertical: Mapped[bool] = mapped_column(Boolean, default=False)


class KpiRow(FromTable, Provenanced, Base):
    __tablename__ = "kpis"
    __table_args__ = (Index("ix_kpis_council_period_indicator", "council", "period", "indicator"),)

    council: Mapped[str | None] = mapped_column(String(200))
    directorate: Mapped[str | None] = mapped_column(String(300))
    service_area: Mapped[str | None] = mapped_column(String(300))
    indicator: Mapped[str] = mapped_column(Text)
    period: Mapped[str | None] = mapped_column(String(40))
    target: Mapped[str | None] = mapped_column(Text)
    actual: Mapped[str | None] = mapped_column(Text)
    target_value: Mapped[float | None] = mapped_column(Float)
    actual_value: Mapped[float | None] = mapped_column(Float)
    target_comparator: Mapped[str | None] = mapped_column(String(4))
    actual_comparator: Mapped[str | None] = mapped_column(String(4))
    unit: Mapped[str | None] = mapped_column(String(10))
    direction: Mapped[str | None] = mapped_column(String(10))
    rag: Mapped[str | None] = mapped_column(String(10))


class KpiSeriesRow(FromTable, Provenanced, Base):
    __tablename__ = "kpi_series"
    __table_args__ = (Index("ix_kpi_series_indicator_series", "indicator", "series"),)

    indicator: Mapped[str] = mapped_column(Text)
    series: Mapped[str] = mapped_column(String(200))
    period_label: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(Text)
    value_number: Mapped[float | None] = mapped_column(Float)


class ActionRow(FromTable, Provenanced, Base):
    __tablename__ = "actions"
    __table_args__ = (Index("ix_actions_ref_status", "ref", "status"),)

    ref: Mapped[str] = mapped_column(String(60))
    partner: Mapped[str | None] = mapped_column(String(200))
    delivery: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(Text)
    target_date: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(String(10))
    progress: Mapped[str | None] = mapped_column(Text)
    next_steps: Mapped[str | None] = mapped_column(Text)
    service: Mapped[str | None] = mapped_column(String(300), index=True)


class FinancialCellRow(FromTable, Provenanced, Base):
    __tablename__ = "financial_cells"
    __table_args__ = (Index("ix_financial_cells_table_row", "table_ref", "row_label"),)

    row_label: Mapped[str] = mapped_column(Text)
    column_label: Mapped[str] = mapped_column(Text)
    raw: Mapped[str] = mapped_column(String(60))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(4))


class InconsistencyRow(Provenanced, Base):
    __tablename__ = "inconsistencies"

    kind: Mapped[str] = mapped_column(String(40), index=True)
    severity: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(Text)
    expected: Mapped[str | None] = mapped_column(Text)
    found: Mapped[str | None] = mapped_column(Text)
    locations: Mapped[list] = mapped_column(JSON)
    rule: Mapped[str] = mapped_column(String(60))
    rule_version: Mapped[str] = mapped_column(String(20))
    planted: Mapped[bool] = mapped_column(Boolean, default=False)


class FlagLocationRow(Boxed, Base):
    """One place a flag concerns: a page, a table and its row, a box or quoted text.

    The same locations as ``inconsistencies.locations``, a row each, so SQL can join a
    flag to its tables and pages. A location may be in another document than its
    flag's (``document_sha256``): a figure printed differently in two packs.
    """

    __tablename__ = "flag_locations"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    flag_id: Mapped[str] = mapped_column(ForeignKey("inconsistencies.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("documents.sha256", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    document_sha256: Mapped[str] = mapped_column(String(64), index=True)
    pdf_page: Mapped[int | None] = mapped_column(Integer)
    table_ref: Mapped[str | None] = mapped_column(
        ForeignKey("extracted_tables.id", ondelete="SET NULL"), index=True
    )
    table_label: Mapped[str | None] = mapped_column(String(10))
    row_label: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)


class ExtractionErrorRow(Base):
    """An extractor or rule that raised on a document: the element lost and the exception."""

    __tablename__ = "extraction_errors"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("documents.sha256", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    stage: Mapped[str] = mapped_column(String(20))
    extractor: Mapped[str] = mapped_column(String(60))
    extractor_version: Mapped[str] = mapped_column(String(20))
    pdf_page: Mapped[int | None] = mapped_column(Integer)
    element: Mapped[str] = mapped_column(Text)
    error: Mapped[str] = mapped_column(Text)
    traceback: Mapped[str] = mapped_column(Text)


class PendingWork(Base):
    """Cross-document work a loaded document still needs, recorded in the transaction that loads it.

    ``task`` is ``validate`` (its own flags), ``link`` (its meetings) or ``partners``
    (validating again the documents whose rules read it). Each row goes in the
    transaction that does the work, so a run killed in between leaves it here and the
    next run completes it.
    """

    __tablename__ = "pending_work"

    sha256: Mapped[str] = mapped_column(ForeignKey("documents.sha256", ondelete="CASCADE"), primary_key=True)
    task: Mapped[str] = mapped_column(String(20), primary_key=True)
    since: Mapped[datetime] = mapped_column(DateTime(timezone=True))


EXTRACTED_TABLES = [
    PageRow,
    SectionRow,
    MemberRow,
    AgendaItemRow,
    MinutesRow,
    MinuteItemRow,
    DecisionRow,
    ReportRow,
    RecommendationRow,
    TableRow,
    TableCellRow,
    KpiRow,
    KpiSeriesRow,
    ActionRow,
    FinancialCellRow,
    InconsistencyRow,
    FlagLocationRow,
    ExtractionErrorRow,
]
"""Tables holding rows extracted from a document, parents before children."""
