"""Finding the tables of one page: ruled grids first, then whitespace-aligned text.

Each page is judged by its own evidence. Where ruling lines form a complete grid,
the grid gives the structure; a grid missing rulings (a frame with a rule under
the header, say) takes its columns from the alignment of its text; the text left
over is searched for blocks of lines whose chunks line up in columns. Pages of
running text cost little: the alignment scan stops at once on a page whose lines
never break into separate chunks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pdfplumber.page import Page

from extractors.layout import Line, page_stamp
from extractors.tables.blocks import side_by_side
from extractors.tables.detect import text_tables
from extractors.tables.header import header_rows, stacked_header_rows
from extractors.tables.model import Fragment
from extractors.tables.ruled import complete_grid, fill_boxes, ruled_fragment, shading_boxes, with_fills
from extractors.tables.rulings import merge_segments, page_segments, ruling_sets, slanted_strokes
from extractors.tables.settings import SETTINGS
from extractors.tables.stream import region_table
from extractors.tables.text import Char, PageText, split_chunks
from schemas.records import BBox


def is_table(frag: Fragment) -> bool:
    """Whether a grid holds tabular data rather than framing a layout.

    A box around a paragraph, a column of framed prose, a row of side-by-side boxes,
    boxes of running text only or of labelled fields are layout; a table has at least
    two rows and two columns of text, some of it short.
    """
    if frag.n_rows < SETTINGS.min_grid_rows or frag.n_cols < SETTINGS.min_cols:
        return False
    filled = [c.text for c in frag.cells if c.text]
    if len(filled) < SETTINGS.min_filled_cells or len(filled) < SETTINGS.min_fill * len(frag.cells):
        return False
    return not is_form(frag) and any(len(text.split()) < SETTINGS.prose_cell_words for text in filled)


def is_form(frag: Fragment) -> bool:
    """Whether a grid lays out labelled fields rather than data.

    A report cover boxes each field: its label ending in a colon ("Meeting date:"),
    its value beside it. The labels run down the first column and there is nothing else.
    """
    if frag.n_cols != 2:
        return False
    labels = [row[0] for row in frag.grid() if any(row)]
    return len(labels) >= 2 and all(label.rstrip().endswith(":") for label in labels)


@dataclass
class PageTables:
    """The table fragments of a page and its lines of text outside ruled grids."""

    fragments: list[Fragment]
    lines: list[Line]


def page_fragments(page: Page, text: PageText | None = None) -> PageTables:
    """The table fragments of a page, top to bottom, and the lines outside its grids.

    Args:
        page: the page.
        text: its glyphs grouped into lines, when already done.
    """
    text = text or PageText(page.chars, page.page_number)
    segments = merge_segments(page_segments(page))
    sets = ruling_sets(segments)
    grids = [rs for rs in sets if len(rs.horizontals) >= 2 and len(rs.verticals) >= 2]
    frags: list[Fragment] = []
    partial = []
    if grids:
        shading = shading_boxes(page)
        for rs in grids:
            frag = ruled_fragment(rs, text, shading)
            if frag is None or not is_table(frag):
                continue
            if complete_grid(frag):
                frags.append(frag)
            else:
                partial.append(rs)
    page_lines = text.lines() if partial else []
    for rs in partial:
        # A grid missing rulings: its text's alignment supplies the rest.
        box = widened(rs.bbox, page_lines)
        inside = text.lines(keep=lambda c, box=box: _in_any(c, [box]))
        turned = [c for c in text.rotated if _in_any(c, [box])]
        frag = region_table(inside, page.page_number, [*rs.horizontals, *rs.verticals], box, turned)
        if frag is not None and is_table(frag):
            frags.append(frag)
    boxes = [f.bbox for f in frags]
    lines = text.lines(keep=(lambda c: not _in_any(c, boxes)) if boxes else None)
    free = [s for s in segments if not any(_touches(s.bbox, b) for b in boxes)]
    turned = [c for c in text.rotated if not _in_any(c, boxes)]
    # The page number stamp is never part of a table, however close it sits.
    _, stamp = page_stamp(lines, page.height)
    frags.extend(text_tables(page.page_number, [ln for ln in lines if ln is not stamp], free, turned))
    frags = [f for f in frags if slanted_strokes(page, f.bbox) < SETTINGS.chart_strokes]
    fills = fill_boxes(page) if frags else []
    frags = [with_fills(f, fills) for f in frags]
    for frag in frags:
        frag.header_rows = stacked_header_rows(frag, header_rows(frag) or frag.header_rows)
    frags = [block for frag in frags for block in side_by_side(frag)]
    for frag in frags:
        frag.header_rows = stacked_header_rows(frag, header_rows(frag) or frag.header_rows)
    return PageTables(sorted(frags, key=lambda f: (f.bbox[1], f.bbox[0])), lines)


def widened(box: BBox, lines: Sequence[Line]) -> BBox:
    """The region of a table some of whose columns are boxed in, the rest printed beside them.

    Shaded column groups draw a grid over part of a table only: its label column and
    unshaded figures stand on the same lines to the left or right. When most lines that
    print inside the box carry on outside it, the table is all of those lines.
    """
    x0, top, x1, bottom = box
    level = [ln for ln in lines if top <= (ln.top + ln.bottom) / 2 <= bottom]
    chunks = [split_chunks(ln) for ln in level]
    within = [line for line in chunks if any(x0 <= (c.x0 + c.x1) / 2 <= x1 for c in line)]
    beside = [line for line in within if any(c.x1 < x0 or c.x0 > x1 for c in line)]
    if len(beside) < SETTINGS.min_rows or len(beside) < SETTINGS.majority * len(within):
        return box
    return (min(x0, *(ln.x0 for ln in level)), top, max(x1, *(ln.x1 for ln in level)), bottom)


def _in_any(char: Char, boxes: Sequence[BBox]) -> bool:
    cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    slack = SETTINGS.hairline
    for x0, top, x1, bottom in boxes:
        if x0 - slack <= cx <= x1 + slack and top - slack <= cy <= bottom + slack:
            return True
    return False


def region_fragment(page: Page, box: BBox) -> Fragment | None:
    """The structure of the table known to occupy ``box`` (region given, not searched).

    Rulings near the region count (a table's frame often lies just outside the box
    drawn around its text); text counts only inside the region.
    """
    x0, top, x1, bottom = box
    inner = (
        x0 - SETTINGS.region_text_margin,
        top - SETTINGS.region_text_margin,
        x1 + SETTINGS.region_text_margin,
        bottom + SETTINGS.region_text_margin,
    )
    chars = [c for c in page.chars if _in_any(c, [inner])]
    text = PageText(chars, page.page_number)
    near = (
        x0 - SETTINGS.region_ruling_margin,
        top - SETTINGS.region_ruling_margin,
        x1 + SETTINGS.region_ruling_margin,
        bottom + SETTINGS.region_ruling_margin,
    )
    segs = [s for s in merge_segments(page_segments(page)) if _touches(s.bbox, near)]
    frag = None
    for rs in ruling_sets(segs):
        if len(rs.horizontals) >= 2 and len(rs.verticals) >= 2 and _covers(rs.bbox, inner):
            frag = ruled_fragment(rs, text, shading_boxes(page))
            if frag is not None and is_table(frag) and complete_grid(frag):
                break
            frag = None
    if frag is None:
        frag = region_table(text.lines(), page.page_number, segs, box, text.rotated)
    if frag is not None:
        frag.header_rows = stacked_header_rows(frag, header_rows(frag) or frag.header_rows)
    return frag


def _touches(a: BBox, b: BBox) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _covers(outer: BBox, inner: BBox) -> bool:
    """Whether ``outer`` holds most of ``inner`` (a grid around a region's text)."""
    w = max(0.0, min(outer[2], inner[2]) - max(outer[0], inner[0]))
    h = max(0.0, min(outer[3], inner[3]) - max(outer[1], inner[1]))
    area = (inner[2] - inner[0]) * (inner[3] - inner[1])
    return area > 0 and w * h >= SETTINGS.region_cover * area
