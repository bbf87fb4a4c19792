"""Pydantic records: what extractors produce and what the export writes.

Field names follow the corpus JSON format (see README "Export format"), so a record
serialises to its export entry with ``model_dump(exclude={"prov"})``. Every record
carries a :class:`Provenance` that leads back to the page of the source PDF.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

BBox = tuple[float, float, float, float]
"""x0, top, x1, bottom in PDF points, origin at the top-left of the displayed page."""

SectionKind = Literal["agenda", "minutes", "report", "appendix", "presentation", "other"]
DecisionKind = Literal["agreed", "noted", "resolved", "approved", "elected", "deferred", "other"]
Rag = Literal["green", "amber", "red"]
Direction = Literal["up", "down", "flat", "new"]
KpiUnit = Literal["%", "£", "days", "weeks", "months", "count", "score"]
MoneyUnit = Literal["£m", "£k", "£"]
FlagKind = Literal[
    "total_mismatch",
    "narrative_vs_table",
    "cross_reference_mismatch",
    "percentage_vs_count",
    "count_statement",
    "rag_vs_target",
    "unit_anomaly",
    "duplicate_row",
    "other",
]
Severity = Literal["low", "medium", "high"]


class Provenance(BaseModel):
    """Where a record came from: file, page, place on the page, and which extractor."""

    model_config = ConfigDict(frozen=True)

    sha256: str
    pdf_page: int | None = None
    printed_page: int | None = None
    bbox: BBox | None = None
    extractor: str
    extractor_version: str


class Record(BaseModel):
    """Base of every extracted record."""

    prov: Provenance


class DocumentMeta(Record):
    committee: str | None = None
    meeting_date: date | None = None
    meeting_time: str | None = None
    venue: str | None = None


class Member(Record):
    name: str
    council: str | None = None
    role: str | None = None


class AgendaItem(Record):
    number: str
    title: str
    page_start: int | None = None
    page_end: int | None = None
    description: str | None = None


class Section(Record):
    kind: SectionKind
    title: str | None = None
    pdf_page_start: int
    pdf_page_end: int
    printed_page_start: int | None = None
    printed_page_end: int | None = None
    agenda_item: str | None = None


class Decision(Record):
    text: str
    kind: DecisionKind


class MinuteItem(Record):
    number: str
    title: str
    text: str
    decisions: list[Decision] = Field(default_factory=list)


class Minutes(Record):
    meeting_date: date | None = None
    venue: str | None = None
    start_time: str | None = None
    end_time: str | None = None
    chair: str | None = None
    present: list[str] = Field(default_factory=list)
    apologies: list[str] = Field(default_factory=list)
    items: list[MinuteItem] = Field(default_factory=list)


class Report(Record):
    title: str
    author: str | None = None
    email: str | None = None
    phone: str | None = None
    meeting_date: date | None = None
    financial_summary: str | None = None
    recommendations: list[str] = Field(default_factory=list)
    pdf_page_start: int


class Span(BaseModel):
    """A merged cell: its top-left position in header+rows and its extent."""

    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    vertical: bool = False


class TableRegion(BaseModel):
    """The part of a table printed on one page."""

    page: int
    bbox: BBox


class Table(Record):
    """One logical table, joined across pages, as a grid of cell strings."""

    id: str
    kind: str = "other"
    pdf_page: int
    pages: list[int]
    section_title: str | None = None
    headings: list[str] = Field(
        default_factory=list, description="headings above the table in its document, outermost first"
    )
    preamble: str | None = Field(default=None, description="text between the nearest heading and the table")
    header: list[list[str]] = Field(default_factory=list)
    rows: list[list[str]] = Field(default_factory=list)
    spans: list[Span] = Field(default_factory=list)
    row_pages: list[int] = Field(default_factory=list, description="page of each row of header+rows")
    cell_bboxes: list[list[BBox | None]] = Field(
        default_factory=list, description="bounding box of each cell of header+rows"
    )
    cell_fills: list[list[str | None]] = Field(
        default_factory=list, description="background colour (#rrggbb) of each cell of header+rows, if filled"
    )
    regions: list[TableRegion] = Field(default_factory=list)
    ruled: bool = True

    @property
    def grid(self) -> list[list[str]]:
        return [*self.header, *self.rows]


class Kpi(Record):
    council: str | None = None
    directorate: str | None = None
    service_area: str | None = None
    indicator: str
    period: str | None = None
    target: str | None = None
    actual: str | None = None
    target_value: float | None = None
    actual_value: float | None = None
    target_comparator: str | None = None
    actual_comparator: str | None = None
    unit: KpiUnit | None = None
    direction: Direction | None = None
    rag: Rag | None = None
    source_table: str | None = None


class KpiSeriesPoint(Record):
    indicator: str
    series: str
    period_label: str
    value: str
    value_number: float | None = None
    source_table: str | None = None


class Action(Record):
    ref: str
    partner: str | None = None
    delivery: str | None = None
    outcome: str | None = None
    target_date: str | None = None
    status: Rag | None = None
    progress: str | None = None
    next_steps: str | None = None
    service: str | None = None
    source_table: str | None = None


class FinancialCell(Record):
    table: str
    row_label: str
    column_label: str
    raw: str
    value: float
    unit: MoneyUnit


class FlagLocation(BaseModel):
    pdf_page: int | None = None
    table: str | None = None
    row_label: str | None = None
    text: str | None = None
    bbox: BBox | None = None
    document_sha256: str | None = None


class Inconsistency(Record):
    kind: FlagKind
    severity: Severity = "medium"
    description: str
    expected: str | None = None
    found: str | None = None
    locations: list[FlagLocation] = Field(default_factory=list)
    rule: str
    rule_version: str
    planted: bool = False


class PageText(Record):
    """The running text of a page (table cells and page stamps left out)."""

    pdf_page: int
    printed_page: int | None = None
    width: float
    height: float
    text: str


ExtractionStage = Literal["extract", "validate"]


class ExtractionError(BaseModel):
    """An extractor or rule that raised: the element it lost, and why.

    The rest of the document is kept; the document is loaded as ``partial`` and
    extracted again on the next run.
    """

    stage: ExtractionStage = "extract"
    extractor: str
    extractor_version: str
    pdf_page: int | None = None
    element: str
    """What was lost, e.g. "table region on page 4", "minutes on pages 3-9", "rule table_totals"."""
    error: str
    """The exception: its type and message."""
    traceback: str
    """The innermost frames of the traceback, enough to find the line that raised."""


class DocumentExtraction(BaseModel):
    """Everything extracted from one PDF, ready to load."""

    file: str
    sha256: str
    page_count: int
    scanned: bool = False
    document: DocumentMeta | None = None
    pages: list[PageText] = Field(default_factory=list)
    members: list[Member] = Field(default_factory=list)
    agenda_items: list[AgendaItem] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    minutes: list[Minutes] = Field(default_factory=list)
    reports: list[Report] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    kpis: list[Kpi] = Field(default_factory=list)
    kpi_series: list[KpiSeriesPoint] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    financial_cells: list[FinancialCell] = Field(default_factory=list)
    inconsistencies: list[Inconsistency] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    errors: list[ExtractionError] = Field(default_factory=list)
