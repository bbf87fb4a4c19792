"""Every extractor, registered in one place.

The pipeline looks extractors up here: which function reads which kind of document,
which reads tables, and the name and version stamped on each record they make.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pdfplumber.page import Page

from extractors import actions, agenda, financial, kpis, metadata, minutes, reports, sections, tables
from extractors.base import Extractor, Source
from extractors.tables import extract_tables
from schemas.records import Minutes, Report, SectionKind

PAGES = Extractor("pages", "1.0.0")
"""The running text of each page (table cells and page stamps left out)."""

SectionExtractor = Callable[[Sequence[Page], Source], Minutes | Report | None]

SECTION_EXTRACTORS: dict[SectionKind, SectionExtractor] = {
    "minutes": minutes.extract_minutes,
    "report": reports.extract_report,
}
"""The extractor that reads each kind of document found by segmentation."""

EXTRACTORS: dict[str, Extractor] = {
    e.name: e
    for e in (
        PAGES,
        sections.EXTRACTOR,
        agenda.EXTRACTOR,
        metadata.EXTRACTOR,
        minutes.EXTRACTOR,
        reports.EXTRACTOR,
        tables.EXTRACTOR,
        kpis.EXTRACTOR,
        actions.EXTRACTOR,
        financial.EXTRACTOR,
    )
}
"""Every extractor by name, with its version."""

__all__ = ["EXTRACTORS", "PAGES", "SECTION_EXTRACTORS", "extract_tables"]
