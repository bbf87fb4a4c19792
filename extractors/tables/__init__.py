"""Tables of a PDF as logical tables: found per page, joined across pages, placed in context.

Every page is searched for ruled grids and for whitespace-aligned tables
(:mod:`.finder`); rows a page break strands at a page's foot go with the table they
belong to (:mod:`.foot`); fragments that continue one another over page breaks are joined
(:mod:`.joining`); each table gets the heading path and the introducing text above it
(:mod:`.context`). Grids used only for page layout are left out.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from pdfplumber.page import Page

from extractors.base import Source, guarded
from extractors.layout import Line, body_size
from extractors.tables.context import DocumentContext, TableContext, body_lines, furniture
from extractors.tables.finder import PageTables, page_fragments, region_fragment
from extractors.tables.foot import take_stranded_rows
from extractors.tables.joining import Joined, group_fragments, join
from extractors.tables.model import EXTRACTOR, Fragment
from extractors.tables.settings import SETTINGS
from schemas.records import Span, Table, TableRegion

_CONTINUED = re.compile(r"\b(?:continued|cont'?d|cont\.)", re.I)

__all__ = ["EXTRACTOR", "extract_tables", "page_fragments", "region_fragment"]


def extract_tables(pages: Sequence[Page], source: Source, *, breaks: Collection[int] = ()) -> list[Table]:
    """Every table of a PDF, one record per logical table, in document order.

    Args:
        pages: all pages of the PDF.
        source: the PDF's identity, for provenance.
        breaks: 1-based page numbers where a new document starts inside the PDF (an
            appendix, the next report of an agenda pack); no table is joined across them.
    """
    breaks = set(breaks)
    found = {p.page_number: _page_tables(p) for p in pages}
    skip = furniture([found[p.page_number].lines for p in pages], [p.height for p in pages])
    take_stranded_rows(found, skip, breaks)
    frags = {n: t.fragments for n, t in found.items()}
    body = {
        n: body_lines(t.lines, [f.bbox for f in t.fragments if not f.ruled], skip) for n, t in found.items()
    }

    def text_between(a: Fragment, b: Fragment) -> bool:
        below = any(ln.top >= a.bbox[3] - SETTINGS.edge_slack for ln in body[a.page])
        # "Table 3 (continued)" above a fragment announces the join rather than blocks it.
        above = any(
            ln.bottom <= b.bbox[1] + SETTINGS.edge_slack and not _CONTINUED.search(ln.text)
            for ln in body[b.page]
        )
        return below or above

    ordered = [f for p in pages for f in frags[p.page_number]]
    groups = group_fragments(ordered, breaks, text_between)

    starts = sorted({pages[0].page_number, *(b for b in breaks)}) if pages else []

    def document_of(page: int) -> int:
        return max((s for s in starts if s <= page), default=starts[0] if starts else 1)

    documents: dict[int, list[Line]] = {}
    for n, page_body in body.items():
        documents.setdefault(document_of(n), []).extend(page_body)
    overall = body_size([ln for page_body in body.values() for ln in page_body])
    contexts = {start: DocumentContext(doc_lines, overall) for start, doc_lines in documents.items()}

    tables: list[Table] = []
    previous: dict[int, tuple[int, float]] = {}
    for group in groups:
        doc = document_of(group[0].page)
        table = _table(group, f"T{len(tables) + 1:03d}", source, contexts[doc], previous.get(doc))
        previous[doc] = (group[-1].page, group[-1].bbox[3])
        if table is not None:
            tables.append(table)
    return tables


@guarded(EXTRACTOR, "tables", page=lambda page: page.page_number, default=lambda: PageTables([], []))
def _page_tables(page: Page) -> PageTables:
    return page_fragments(page)


@guarded(EXTRACTOR, "table", page=lambda group, *_: group[0].page)
def _table(
    group: Sequence[Fragment],
    table_id: str,
    source: Source,
    context: DocumentContext,
    after: tuple[int, float] | None,
) -> Table:
    """The logical table a group of fragments makes, in its document's context."""
    first = group[0]
    ctx = context.context(first.page, first.bbox[1], after=after)
    return _record(join(group), table_id, source, ctx)


def _record(joined: Joined, table_id: str, source: Source, ctx: TableContext) -> Table:
    first = joined.parts[0]
    grid = joined.grid()
    head = joined.header_rows
    pages = sorted({f.page for f in joined.parts} | set(joined.row_pages))
    return Table(
        prov=source.prov(EXTRACTOR, first.page, first.bbox),
        id=table_id,
        kind="other",
        pdf_page=joined.row_pages[0] if joined.row_pages else first.page,
        pages=pages,
        section_title=ctx.section_title,
        headings=ctx.headings,
        preamble=ctx.preamble,
        header=grid[:head],
        rows=grid[head:],
        spans=[
            Span(row=c.row, col=c.col, rowspan=c.rowspan, colspan=c.colspan, vertical=c.vertical)
            for c in joined.cells
            if c.rowspan > 1 or c.colspan > 1
        ],
        row_pages=list(joined.row_pages),
        cell_bboxes=joined.boxes(),
        cell_fills=joined.fills(),
        regions=[TableRegion(page=f.page, bbox=tuple(round(v, 2) for v in f.bbox)) for f in joined.parts],
        ruled=first.ruled,
    )
