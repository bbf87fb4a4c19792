"""Every extractor, registered in one place; the pipeline walks this registry.

Extraction reads a PDF in this order, each step one registered extractor run in a
guard (:class:`~extractors.base.Faults`), so that a fault loses its own element only:

1. :data:`SEGMENTATION` finds printed page numbers and the documents the PDF holds,
   after :data:`FRONT_SHEET` has read the agenda front sheet, if there is one;
2. :data:`TABLE_FINDER` finds the tables (each page and each table region guarded);
3. :data:`TABLE_CLASSIFIER` gives each table its kind;
4. :data:`SECTION_READERS` read each document by its kind (minutes, report);
5. :data:`METADATA` reads the meeting details of a PDF without a front sheet;
6. :data:`TABLE_TYPERS` read typed records (KPIs, actions, financial cells) from the tables;
7. :data:`PAGES` keeps the running text of every page.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from pdfplumber.page import Page

from extractors import actions, agenda, financial, kpis, metadata, minutes, reports, sections, tables
from extractors.base import Extractor, Source
from extractors.councils import Council
from extractors.table_kinds import TableKind, classify_table
from extractors.tables import extract_tables
from schemas.records import Minutes, Record, Report, SectionKind, Table

PAGES = Extractor("pages", "extractors.layout")
"""The running text of each page (table cells and page stamps left out)."""

SEGMENTATION = sections.EXTRACTOR
FRONT_SHEET = agenda.EXTRACTOR
METADATA = metadata.EXTRACTOR


@dataclass(frozen=True)
class SectionReader:
    """The extractor that reads one kind of document of a PDF from its pages."""

    extractor: Extractor
    read: Callable[[Sequence[Page], Source], Minutes | Report | None]


SECTION_READERS: dict[SectionKind, SectionReader] = {
    "minutes": SectionReader(minutes.EXTRACTOR, minutes.extract_minutes),
    "report": SectionReader(reports.EXTRACTOR, reports.extract_report),
}
"""The reader of each kind of document found by segmentation."""


@dataclass(frozen=True)
class TableFinder:
    """The table engine: every table of a PDF, given where its documents start."""

    extractor: Extractor
    find: Callable[..., list[Table]]

    def __call__(self, pages: Sequence[Page], source: Source, *, breaks: Collection[int] = ()) -> list[Table]:
        return self.find(pages, source, breaks=breaks)


TABLE_FINDER = TableFinder(tables.EXTRACTOR, extract_tables)


@dataclass(frozen=True)
class TableClassifier:
    """What kind of table a table is, from its own cells and context."""

    extractor: Extractor
    classify: Callable[[Table], TableKind]


TABLE_CLASSIFIER = TableClassifier(Extractor("table_kinds", "extractors.table_kinds"), classify_table)


@dataclass(frozen=True)
class TypingContext:
    """What typed records need besides the tables: the PDF, its councils, its financial year."""

    source: Source
    councils: Sequence[Council]
    year_hint: str | None


@dataclass(frozen=True)
class TableTyper:
    """An extractor of typed records from a document's classified tables.

    ``read`` returns the records by the field of the extraction they fill.
    """

    extractor: Extractor
    read: Callable[[Sequence[Table], TypingContext], Mapping[str, list[Record]]]


def _kpi_records(typed: Sequence[Table], ctx: TypingContext) -> dict[str, list[Record]]:
    found, series = kpis.extract_kpis(typed, ctx.councils, ctx.source, year_hint=ctx.year_hint)
    return {"kpis": found, "kpi_series": series}


TABLE_TYPERS: list[TableTyper] = [
    TableTyper(kpis.EXTRACTOR, _kpi_records),
    TableTyper(actions.EXTRACTOR, lambda t, ctx: {"actions": actions.extract_actions(t, ctx.source)}),
    TableTyper(
        financial.EXTRACTOR,
        lambda t, ctx: {"financial_cells": financial.extract_financial_cells(t, ctx.source)},
    ),
]
"""The typers run over every document's tables, in this order."""

EXTRACTORS: dict[str, Extractor] = {
    e.name: e
    for e in (
        PAGES,
        SEGMENTATION,
        FRONT_SHEET,
        METADATA,
        TABLE_FINDER.extractor,
        TABLE_CLASSIFIER.extractor,
        *(reader.extractor for reader in SECTION_READERS.values()),
        *(typer.extractor for typer in TABLE_TYPERS),
    )
}
"""Every extractor by name, with its version."""
