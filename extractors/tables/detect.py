"""Finding tables printed without a grid: runs of lines whose chunks line up in columns.

A line *shows columns* when a gap much wider than a space splits it. Consecutive
such lines (a single wrapped or section line may sit between them, a section line
even with more space around it, and any number of lines carrying on a later column's
cell alone) make a block; the column-header lines just above it join it. A block is
a table when its text lines up in columns over several rows; numbered or bulleted
lists, key/value lines and text set in two page columns are not tables. Rules of one
width boxing a header that shows columns and the rows under it frame a table however
few its lines.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from itertools import pairwise

from extractors.layout import Line
from extractors.tables.header import header_rows
from extractors.tables.model import Fragment
from extractors.tables.rulings import Segment
from extractors.tables.settings import SETTINGS
from extractors.tables.stream import is_numeric, line_chunks, region_table
from extractors.tables.text import Char, rotated_blocks
from schemas.records import BBox

_CAPTION = re.compile(r"^\s*(?:table|figure|chart|graph|source|note)s?\b", re.I)
_LIST_MARKER = re.compile(r"^(?:[•·▪◦‣∙*–-]|\(?\d{1,3}[.)]?|\(?[a-zA-Z][.)]|\(?[ivxlc]{1,5}[.)])$", re.I)


def shows_columns(chunks: Sequence[Line]) -> bool:
    """Whether a line's chunks stand apart by a column-sized gap."""
    return any(b.x0 - a.x1 >= SETTINGS.column_gap * min(a.size, b.size) for a, b in pairwise(chunks))


def text_tables(
    page: int, lines: Sequence[Line], segments: Sequence[Segment] = (), rotated: Sequence[Char] = ()
) -> list[Fragment]:
    """Tables made of whitespace-aligned text among ``lines`` (one page's, top to bottom).

    Args:
        page: the page number.
        lines: the page's upright lines outside ruled tables.
        segments: rulings of the page outside ruled tables.
        rotated: glyphs set at a right angle outside ruled tables.
    """
    lines = sorted(lines, key=lambda ln: (ln.top, ln.x0))
    if not lines:
        return []
    chunks = line_chunks(lines)
    # A caption ("Table 10:  Indicators of ...") may break at a tab, yet it starts no table.
    multi = [shows_columns(c) and not _CAPTION.match(ln.text) for ln, c in zip(lines, chunks, strict=True)]
    height = statistics.median(ln.bottom - ln.top for ln in lines)
    labels = rotated_blocks(rotated)
    out = []
    taken: set[int] = set()
    if sum(multi) >= SETTINGS.min_rows:
        for start, end in _blocks(lines, chunks, multi, height, [_extent(label) for label in labels]):
            start = _header_start(lines, chunks, start, end, height)
            block = lines[start : end + 1]
            frag = region_table(block, page, _near(segments, block), rotated=_beside(labels, block))
            if frag is not None and is_text_table(frag):
                out.append(frag)
                taken.update(range(start, end + 1))
    for start, end, rule in _framed(lines, multi, segments, taken):
        block = lines[start : end + 1]
        frag = region_table(block, page, _near(segments, block), rotated=_beside(labels, block))
        if frag is None or frag.n_cols < SETTINGS.min_cols:
            continue
        edges = frag.row_edges
        frag.header_rows = sum(1 for a, b in pairwise(edges) if (a + b) / 2 < rule)
        if 0 < frag.header_rows < frag.n_rows:
            out.append(frag)
    return sorted(out, key=lambda f: f.bbox[1])


def _framed(
    lines: Sequence[Line], multi: Sequence[bool], segments: Sequence[Segment], taken: set[int]
) -> list[tuple[int, int, float]]:
    """Index ranges of lines that rules of one width box in as a table: one rule above
    the header, one under it, one under the rows, the header showing columns. Each
    range comes with the position of the rule under its header.

    A table a page break cuts may leave its header and a row or two on the page, too
    few lines to show their columns, but its rules still frame them. A ruling down
    through the rows makes the rules a grid, which is judged as one.
    """
    rules = sorted((s for s in segments if s.horizontal), key=lambda s: s.pos)
    downs = [s for s in segments if not s.horizontal]
    out = []
    for i, top in enumerate(rules):
        same = [
            s
            for s in rules[i + 1 :]
            if abs(s.start - top.start) <= SETTINGS.frame_ends and abs(s.end - top.end) <= SETTINGS.frame_ends
        ]
        if len(same) < 2 or any(
            top.start - SETTINGS.frame_ends <= d.pos <= top.end + SETTINGS.frame_ends
            and d.start < same[1].pos - SETTINGS.edge_slack
            and d.end > same[0].pos + SETTINGS.edge_slack
            for d in downs
        ):
            continue
        inside = [k for k, ln in enumerate(lines) if top.pos < ln.top and ln.bottom < same[1].pos]
        head = [k for k in inside if lines[k].bottom < same[0].pos]
        if (
            head
            and len(head) < len(inside)
            and any(multi[k] for k in head)
            and not taken.intersection(inside)
            and all(
                top.start - SETTINGS.frame_ends <= lines[k].x0
                and lines[k].x1 <= top.end + SETTINGS.frame_ends
                for k in inside
            )
        ):
            out.append((inside[0], inside[-1], same[0].pos))
            taken.update(inside)
    return out


def _blocks(
    lines: Sequence[Line],
    chunks: Sequence[Sequence[Line]],
    multi: Sequence[bool],
    height: float,
    labels: Sequence[BBox] = (),
) -> list[tuple[int, int]]:
    """Index ranges of runs of column-showing lines.

    A run goes on over lines that carry on a cell of a later column alone (the tail of
    a long cell, set under that column's text) and over a gap that rotated labels of
    the table fill (a merged cell taller than its rows' text).
    """
    blocks = []
    i, n = 0, len(lines)
    while i < n:
        if not multi[i]:
            i += 1
            continue
        start = end = i
        j = i + 1
        while j < n and (
            _open_gap(lines, j, start, labels) <= SETTINGS.block_gap * height
            or _section_line(lines, chunks, multi, start, j, height)
            or _section_line(lines, chunks, multi, start, j - 1, height)
        ):
            if multi[j] or _under_inner_column(chunks, start, j):
                end = j
            elif j - end > SETTINGS.max_inner_lines:
                # Wrapped labels or a section line sit between rows; more lines are text.
                break
            j += 1
        if sum(multi[start : end + 1]) >= SETTINGS.min_rows:
            blocks.append((start, end))
        i = end + 1
    return blocks


def _section_line(
    lines: Sequence[Line],
    chunks: Sequence[Sequence[Line]],
    multi: Sequence[bool],
    start: int,
    k: int,
    height: float,
) -> bool:
    """Whether line ``k`` is a section row of the block begun at ``start``, set apart by space.

    A row naming the group of rows under it ("2. Finance and resources") may stand
    further from its neighbours than rows do. It is one piece of text, no larger than
    the rows, starting where the block's lines start; the next line carries on the
    block's columns, starting where they do, and is not the block's first line again
    (the header of a table of its own).
    """
    if k <= start or k + 1 >= len(lines) or multi[k] or len(chunks[k]) != 1:
        return False
    line, below = lines[k], lines[k + 1]
    size = statistics.median(ln.size for ln in lines[start:k])
    left = min(ln.x0 for ln in lines[start:k])
    return (
        line.size <= SETTINGS.header_size * size
        and abs(line.x0 - left) <= SETTINGS.section_indent * size
        and line.top - lines[k - 1].bottom <= SETTINGS.section_gap * height
        and multi[k + 1]
        and below.top - line.bottom <= SETTINGS.section_gap * height
        and abs(below.x0 - left) <= SETTINGS.align
        and below.text != lines[start].text
    )


def _extent(chars: Sequence[Char]) -> BBox:
    return (
        min(c["x0"] for c in chars),
        min(c["top"] for c in chars),
        max(c["x1"] for c in chars),
        max(c["bottom"] for c in chars),
    )


def _open_gap(lines: Sequence[Line], j: int, start: int, labels: Sequence[BBox]) -> float:
    """Height of the gap above line ``j`` left open by the rotated labels beside the block."""
    top, bottom = lines[j - 1].bottom, lines[j].top
    if bottom <= top or not labels:
        return bottom - top
    size = lines[j].size
    x0 = min(ln.x0 for ln in lines[start : j + 1]) - size
    x1 = max(ln.x1 for ln in lines[start : j + 1]) + size
    covers = sorted((t, b) for lx0, t, lx1, b in labels if lx1 >= x0 and lx0 <= x1 and b > top and t < bottom)
    widest, reach = 0.0, top
    for t, b in covers:
        widest = max(widest, t - reach)
        reach = max(reach, b)
    return max(widest, bottom - reach)


def _under_inner_column(chunks: Sequence[Sequence[Line]], start: int, j: int) -> bool:
    """Whether every chunk of line ``j`` starts where a later column of the block starts."""
    starts = [c.x0 for line in chunks[start:j] if len(line) >= 2 for c in line[1:]]
    return bool(chunks[j]) and all(any(abs(c.x0 - x) <= SETTINGS.align for x in starts) for c in chunks[j])


def _header_start(
    lines: Sequence[Line], chunks: Sequence[Sequence[Line]], start: int, end: int, height: float
) -> int:
    """First line of the block once the column-header lines above it are taken in."""
    x0 = min(ln.x0 for ln in lines[start : end + 1])
    x1 = max(ln.x1 for ln in lines[start : end + 1])
    size = statistics.median(ln.size for ln in lines[start : end + 1])
    slack = SETTINGS.width_slack * size
    i = start
    while i > 0 and start - i < SETTINGS.max_header_lines:
        above = lines[i - 1]
        if (
            lines[i].top - above.bottom > SETTINGS.block_gap * height
            or above.size > SETTINGS.header_size * size
        ):
            break
        if above.x0 < x0 - slack or above.x1 > x1 + slack:
            break
        # A single line is a caption unless it sits over the figures only.
        if _CAPTION.match(above.text) or (len(chunks[i - 1]) < 2 and above.x0 <= x0 + slack):
            break
        i -= 1
    return i


def _near(segments: Sequence[Segment], block: Sequence[Line]) -> list[Segment]:
    top = min(ln.top for ln in block) - SETTINGS.near_rulings
    bottom = max(ln.bottom for ln in block) + SETTINGS.near_rulings
    return [s for s in segments if s.bbox[3] >= top and s.bbox[1] <= bottom]


def _beside(labels: Sequence[Sequence[Char]], block: Sequence[Line]) -> list[Char]:
    """Glyphs of the rotated labels level with a block and at most a few font sizes outside it.

    A label is taken whole: one centred on a merged cell may run past the block's
    last line of upright text.
    """
    size = statistics.median(ln.size for ln in block)
    reach, level = SETTINGS.label_reach * size, SETTINGS.label_level * size
    x0, x1 = min(ln.x0 for ln in block) - reach, max(ln.x1 for ln in block) + reach
    top, bottom = min(ln.top for ln in block) - level, max(ln.bottom for ln in block) + level
    return [
        c
        for label in labels
        if any(
            x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
            for c in label
        )
        for c in label
    ]


def is_text_table(frag: Fragment) -> bool:
    """Whether a grid made from aligned text is a table.

    It needs rows with two or more cells; running text set in page columns, a
    numbered or bulleted list, two columns of words (key/value lines) and a table
    of contents are not tables, while a list or two columns whose other cells hold
    figures are.
    """
    grid = frag.grid()
    head = header_rows(frag) or frag.header_rows
    # Under a header row set apart by its type or a rule, one row of cells is a table
    # (its block had lines enough: the row's cells wrap over them).
    least = SETTINGS.min_rows_under_header if head else SETTINGS.min_rows
    wide = SETTINGS.min_cols
    if frag.n_cols < wide or sum(1 for row in grid if sum(1 for c in row if c) >= wide) < least:
        return False
    filled = [c for row in grid for c in row if c]
    if sum(len(c.split()) >= SETTINGS.prose_words for c in filled) > SETTINGS.majority * len(filled):
        return False
    body = grid[head:]
    first = [row[0] for row in body if row[0]]
    listed = bool(first) and sum(bool(_LIST_MARKER.match(c)) for c in first) > SETTINGS.majority * len(first)
    if frag.n_cols == 2 or listed:
        # Numbered lines or label/value pairs: a table only when the rest are figures,
        # and not a table of contents (page numbers rising down the page).
        rest = [c for row in body for c in row[1:] if c]
        if not rest or sum(is_numeric(c) for c in rest) <= SETTINGS.majority * len(rest):
            return False
        return not (frag.n_cols == 2 and _page_numbers([row[1] for row in body if row[1]]))
    # Words laid out in columns (names of those present, say) are a table when a
    # header row names the columns or a column holds figures.
    figures = any(
        sum(is_numeric(row[c]) for row in body if row[c])
        > SETTINGS.majority * max(1, sum(1 for row in body if row[c]))
        for c in range(frag.n_cols)
    )
    return head > 0 or figures


def _page_numbers(cells: Sequence[str]) -> bool:
    numbers = [int(c) for c in cells if c.isdigit()]
    return len(numbers) == len(cells) and len(numbers) >= SETTINGS.min_rows and numbers == sorted(numbers)
