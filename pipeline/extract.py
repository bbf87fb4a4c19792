"""Run the extractors over one PDF: segmentation first, then everything else.

Two stages, each taking and returning plain pydantic data so that a flow can run
them as separate tasks (on separate workers if need be):

* :func:`segment_pdf` reads printed page numbers, the agenda front sheet and the
  documents the PDF holds;
* :func:`extract_pdf` finds the tables, runs the extractor registered for each
  document kind, types the tables (KPIs, actions, financial cells) and gathers the
  running text of every page.

Both walk :mod:`extractors.registry`, running every extractor in one guard
(:class:`~extractors.base.Faults`): an exception loses only the element being read (a
table region, a document, a typer's records) and is kept with the extraction as an
error, so the document is loaded as partial, never as if nothing had gone wrong.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from pdfplumber.page import Page
from pydantic import BaseModel, Field

from extractors import registry
from extractors.agenda import FrontSheet, extract_front_sheet, is_front_sheet, lists_items
from extractors.base import Faults, Source
from extractors.councils import find_councils
from extractors.layout import Line, page_lines, page_stamp
from extractors.metadata import extract_document_meta
from extractors.sections import front_sheet_length, page_view, printed_page_numbers, segment
from extractors.values import fiscal_year_of_month
from pipeline.pdf.pdfpages import PageUnread, PdfDocument, open_document
from schemas.records import (
    Action,
    AgendaItem,
    DocumentExtraction,
    DocumentMeta,
    ExtractionError,
    FinancialCell,
    Kpi,
    KpiSeriesPoint,
    Member,
    Minutes,
    PageText,
    Report,
    Section,
    Table,
)

log = logging.getLogger(__name__)


class Segmentation(BaseModel):
    """The structure of a PDF: its documents, printed page numbers and agenda."""

    file: str
    sha256: str
    page_count: int
    printed_pages: dict[int, int] = Field(default_factory=dict)
    front_sheet_pages: int = 0
    front_sheet: DocumentMeta | None = None
    members: list[Member] = Field(default_factory=list)
    agenda_items: list[AgendaItem] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    errors: list[ExtractionError] = Field(default_factory=list)


class _OpenDocuments:
    """PDFs segmented in this process, kept open (pages parsed) for their extraction.

    The two stages may run as separate tasks; when they run in the same process the
    second reuses the pages the first parsed instead of parsing them again.
    """

    def __init__(self, size: int = 2):
        self._docs: OrderedDict[tuple[str, str], PdfDocument] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def keep(self, key: tuple[str, str], doc: PdfDocument) -> None:
        with self._lock:
            self._docs[key] = doc
            while len(self._docs) > self._size:
                self._docs.popitem(last=False)[1].close()

    def take(self, key: tuple[str, str]) -> PdfDocument | None:
        with self._lock:
            return self._docs.pop(key, None)


_OPEN = _OpenDocuments()


def segment_pdf(path: Path, sha256: str) -> Segmentation:
    """Read the structure of the PDF at ``path``."""
    doc = open_document(path)
    try:
        segmentation = _segment(doc, path, sha256)
    except BaseException:
        doc.close()
        raise
    _OPEN.keep((str(path), sha256), doc)
    return segmentation


def _segment(doc: PdfDocument, path: Path, sha256: str) -> Segmentation:
    faults = Faults(check=doc.check_time)
    with faults.active():
        return _segment_guarded(doc, path, sha256, faults)


def _segment_guarded(doc: PdfDocument, path: Path, sha256: str, faults: Faults) -> Segmentation:
    views = [page_view(p) for p in doc.pages]
    for number, reason in doc.unread_pages():
        # The page is read as empty: what it holds is lost, as an element a fault loses.
        faults.record(registry.PAGES, f"page {number}", PageUnread(reason), page=number)
    printed = faults.run(registry.SEGMENTATION, "printed page numbers", printed_page_numbers, views) or {}
    source = Source(sha256, printed)
    front_pages, sheet = faults.run(
        registry.FRONT_SHEET,
        "agenda front sheet",
        _front_sheet,
        doc,
        views,
        source,
        page=1,
        default=(0, None),
    )
    if sheet is not None and not printed and any(item.page_start for item in sheet.items):
        # An unstamped pack still numbers its papers from the page after the front
        # sheet: that is what the agenda's "(Pages X - Y)" ranges count.
        printed = {n: n - front_pages for n in range(front_pages + 1, len(doc.pages) + 1)}
        source = Source(sha256, printed)
    whole = [
        Section(
            kind="other",
            pdf_page_start=1,
            pdf_page_end=len(doc.pages),
            prov=source.prov(registry.SEGMENTATION, 1),
        )
    ]
    sections = faults.run(
        registry.SEGMENTATION,
        "the documents of the PDF",
        segment,
        doc.pages,
        source,
        front_sheet_pages=front_pages,
        agenda_items=sheet.items if sheet else (),
        views=views,
        default=whole,
    )
    return Segmentation(
        file=Path(path).name,
        sha256=sha256,
        page_count=len(doc.pages),
        printed_pages=printed,
        front_sheet_pages=front_pages,
        front_sheet=sheet.meta if sheet else None,
        members=sheet.members if sheet else [],
        agenda_items=sheet.items if sheet else [],
        sections=sections,
        errors=faults.errors,
    )


def _front_sheet(doc: PdfDocument, views, source: Source) -> tuple[int, FrontSheet | None]:
    if not is_front_sheet(doc.pages[0]):
        return 0, None
    pages = front_sheet_length(views, source.printed_pages)
    return pages, extract_front_sheet(doc.pages[:pages], source)


def extract_pdf(path: Path, seg: Segmentation) -> DocumentExtraction:
    """Everything the extractors find in the PDF at ``path``, given its segmentation."""
    doc = _OPEN.take((str(path), seg.sha256)) or open_document(path)
    with doc:
        return _extract(doc, seg)


def _extract(doc: PdfDocument, seg: Segmentation) -> DocumentExtraction:
    faults = Faults(check=doc.check_time)
    with faults.active():
        extraction = _extract_guarded(doc, seg, faults)
    return extraction.model_copy(update={"errors": [*seg.errors, *faults.errors]})


def _extract_guarded(doc: PdfDocument, seg: Segmentation, faults: Faults) -> DocumentExtraction:
    source = Source(seg.sha256, seg.printed_pages)
    pages = doc.pages
    warnings: list[str] = []
    breaks = {s.pdf_page_start for s in seg.sections}
    found = faults.run(
        registry.TABLE_FINDER.extractor,
        "tables",
        registry.TABLE_FINDER,
        pages,
        source,
        breaks=breaks,
        default=[],
    )
    tables = _without_agenda_grid(found, seg)
    page_texts, lines = _running_text(pages, tables, source, faults)
    empty = [
        text.pdf_page
        for text in page_texts
        if not text.text.strip() and not any(text.pdf_page in t.pages for t in tables)
    ]
    warnings.extend(f"{_page_span(first, last)}: no text found" for first, last in _runs(empty))

    minutes: list[Minutes] = []
    reports: list[Report] = []
    sections: list[Section] = []
    for section in seg.sections:
        span = pages[section.pdf_page_start - 1 : section.pdf_page_end]
        record = _section_record(section, span, source, warnings, faults)
        if isinstance(record, Minutes):
            minutes.append(record)
        elif isinstance(record, Report):
            reports.append(record)
            section = section.model_copy(update={"title": record.title})
        sections.append(section)

    if seg.front_sheet is not None:
        meta = seg.front_sheet
    else:
        first = seg.sections[0].kind if seg.sections else None
        meta = faults.run(
            registry.METADATA,
            "meeting details",
            extract_document_meta,
            pages[0],
            source,
            minutes=minutes[0] if minutes and first == "minutes" else None,
            report=reports[0] if reports and first == "report" else None,
            page=1,
        )
    typed = type_tables(tables, lines, seg, source, meta, faults)
    return DocumentExtraction(
        file=seg.file,
        sha256=seg.sha256,
        page_count=seg.page_count,
        document=meta,
        pages=page_texts,
        members=seg.members,
        agenda_items=seg.agenda_items,
        sections=sections,
        minutes=minutes,
        reports=reports,
        tables=typed.tables,
        kpis=typed.kpis,
        kpi_series=typed.kpi_series,
        actions=typed.actions,
        financial_cells=typed.financial_cells,
        warnings=warnings,
        scanned=doc.scanned,
    )


def _runs(numbers: Sequence[int]) -> list[tuple[int, int]]:
    """Consecutive runs of ascending numbers, as (first, last): a thousand blank pages are one warning."""
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def _page_span(first: int, last: int) -> str:
    return f"page {first}" if first == last else f"pages {first}-{last}"


def _without_agenda_grid(tables: Sequence[Table], seg: Segmentation) -> list[Table]:
    """The tables less those that lay out the agenda on its front sheet, numbered afresh.

    ModernGov prints the agenda as a grid, ruled or not: item number, title and
    description, "(Pages X - Y)" against the margin. Its rows are the agenda items, read
    as such from the front sheet; a grid on a front-sheet page holding an item's
    opening line, or numbering its rows as items with page ranges, is page layout.
    """
    starts = [
        (item.prov.pdf_page, item.prov.bbox)
        for item in seg.agenda_items
        if item.prov.pdf_page is not None and item.prov.bbox is not None
    ]

    def lays_out_agenda(table: Table) -> bool:
        if table.pdf_page > seg.front_sheet_pages:
            return False
        return lists_items([*table.header, *table.rows]) or any(
            region.page == page and _centre_in(bbox, region.bbox)
            for region in table.regions
            for page, bbox in starts
        )

    kept = [t for t in tables if not lays_out_agenda(t)]
    if len(kept) == len(tables):
        return list(tables)
    return [t.model_copy(update={"id": f"T{k + 1:03d}"}) for k, t in enumerate(kept)]


def _centre_in(inner: Sequence[float], outer: Sequence[float]) -> bool:
    cx, cy = (inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2
    return outer[0] <= cx <= outer[2] and outer[1] <= cy <= outer[3]


class TypedTables(BaseModel):
    """Tables with their kinds, and the records read from them."""

    tables: list[Table]
    kpis: list[Kpi]
    kpi_series: list[KpiSeriesPoint]
    actions: list[Action]
    financial_cells: list[FinancialCell]


def type_tables(
    tables: Sequence[Table],
    lines: Sequence[Line],
    seg: Segmentation,
    source: Source,
    meta: DocumentMeta | None,
    faults: Faults,
) -> TypedTables:
    """Give each table its kind and read KPIs, series, actions and financial cells from them."""
    classifier = registry.TABLE_CLASSIFIER
    typed = [
        t.model_copy(
            update={
                "kind": faults.run(
                    classifier.extractor,
                    f"the kind of table {t.id}",
                    classifier.classify,
                    t,
                    page=t.pdf_page,
                    default="other",
                )
            }
        )
        for t in tables
    ]
    texts = [ln.text for ln in lines]
    texts += [s.title for s in seg.sections if s.title]
    texts += [h for t in typed for h in t.headings]
    councils = find_councils(texts, [m.council for m in seg.members if m.council])
    context = registry.TypingContext(source, councils, _financial_year(meta.meeting_date if meta else None))
    records: dict[str, list] = {"kpis": [], "kpi_series": [], "actions": [], "financial_cells": []}
    for typer in registry.TABLE_TYPERS:
        found = faults.run(typer.extractor, f"{typer.extractor.name} records", typer.read, typed, context)
        for field, values in (found or {}).items():
            records[field].extend(values)
    return TypedTables(tables=typed, **records)


def _financial_year(day: date | None) -> str | None:
    return fiscal_year_of_month(day.month, day.year) if day else None


def _section_record(
    section: Section, span: Sequence[Page], source: Source, warnings: list[str], faults: Faults
) -> Minutes | Report | None:
    reader = registry.SECTION_READERS.get(section.kind)
    if reader is None:
        return None
    where = f"{section.kind} on pages {section.pdf_page_start}-{section.pdf_page_end}"
    lost = len(faults.errors)
    record = faults.run(reader.extractor, where, reader.read, span, source, page=section.pdf_page_start)
    if record is None and len(faults.errors) == lost:
        warnings.append(f"{where}: nothing extracted")
    return record


def _running_text(
    pages: Sequence[Page], tables: Sequence[Table], source: Source, faults: Faults
) -> tuple[list[PageText], list[Line]]:
    """Each page's text outside tables and page stamps, and all those lines."""
    regions: dict[int, list] = {}
    for table in tables:
        for region in table.regions:
            regions.setdefault(region.page, []).append(region.bbox)
    texts: list[PageText] = []
    all_lines: list[Line] = []
    for page in pages:
        lines = faults.run(
            registry.PAGES,
            "running text",
            _text_lines,
            page,
            regions.get(page.page_number, ()),
            page=page.page_number,
            default=[],
        )
        all_lines.extend(lines)
        texts.append(
            PageText(
                pdf_page=page.page_number,
                printed_page=source.printed_pages.get(page.page_number),
                width=float(page.width),
                height=float(page.height),
                text="\n".join(ln.text for ln in lines),
                prov=source.prov(registry.PAGES, page.page_number),
            )
        )
    return texts, all_lines


def _text_lines(page: Page, exclude: Sequence) -> list[Line]:
    lines = page_lines(page, exclude=exclude)
    _, stamp = page_stamp(lines, page.height)
    return [ln for ln in lines if ln is not stamp]
