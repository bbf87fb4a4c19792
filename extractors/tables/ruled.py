"""Ruled tables: grids read from ruling lines, merged cells where a ruling is missing.

The column and row boundaries of a ruled grid are the positions of its vertical and
horizontal rulings. Two neighbouring grid cells are one merged cell when no ruling
separates them, which is how merged directorate cells or full-width section rows
are drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from pdfplumber.page import Page

from extractors.base import guarded
from extractors.layout import Line, Word
from extractors.tables.model import EXTRACTOR, Cell, Fragment, drop_empty_lines
from extractors.tables.rulings import RulingSet, Segment, box_objects, coverage, is_white
from extractors.tables.settings import SETTINGS
from extractors.tables.stream import is_numeric
from extractors.tables.text import PageText, cell_text, is_bold, is_vertical, split_chunks
from schemas.records import BBox


def cluster(values: Sequence[float], tol: float = SETTINGS.merge_gap) -> list[float]:
    """Sorted values with those closer than ``tol`` replaced by their mean."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def grid_lines(rulings: RulingSet) -> tuple[list[float], list[float]]:
    """Column and row boundary positions of a ruling set, open sides closed."""
    xs = cluster([s.pos for s in rulings.verticals])
    ys = cluster([s.pos for s in rulings.horizontals])
    x0, top, x1, bottom = rulings.bbox
    # Tables drawn without side or top/bottom borders end where their rulings end.
    if not xs or xs[0] - x0 > SETTINGS.merge_gap:
        xs.insert(0, x0)
    if xs[-1] < x1 - SETTINGS.merge_gap:
        xs.append(x1)
    if not ys or ys[0] - top > SETTINGS.merge_gap:
        ys.insert(0, top)
    if ys[-1] < bottom - SETTINGS.merge_gap:
        ys.append(bottom)
    return xs, ys


@guarded(EXTRACTOR, "ruled table", page=lambda rulings, text, *_: text.page)
def ruled_fragment(rulings: RulingSet, text: PageText, shading: Sequence[BBox]) -> Fragment | None:
    """The grid a ruling set draws, filled with the page's text."""
    xs, ys = grid_lines(rulings)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 1 or n_cols < 1:
        return None
    owner = _merge_cells(rulings, xs, ys)
    boxes: dict[int, list[int]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            boxes.setdefault(owner[r][c], [r, c, r, c])
            b = boxes[owner[r][c]]
            b[2], b[3] = max(b[2], r), max(b[3], c)

    content = text.grid_cells(xs, ys, owner)
    cells = []
    for key, (r0, c0, r1, c1) in boxes.items():
        bbox = (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])
        lines, rotated = content.get(key, ([], []))
        cell = Cell(
            row=r0,
            col=c0,
            text=cell_text(lines, rotated, width=bbox[2] - bbox[0] - 2 * SETTINGS.padding),
            bbox=bbox,
            rowspan=r1 - r0 + 1,
            colspan=c1 - c0 + 1,
            vertical=is_vertical(lines, rotated),
            bold=is_bold(lines),
            shaded=_shaded(bbox, shading),
            gapped=_gapped(lines, xs[c0 + 1 : c1 + 1]),
        )
        parts = None if rotated or cell.vertical else _columns_of(lines, xs, c0, c1)
        cells.extend(_split(cell, parts, xs) if parts else [cell])
    frag = Fragment(
        page=text.page,
        bbox=(xs[0], ys[0], xs[-1], ys[-1]),
        cells=sorted(cells, key=lambda c: (c.row, c.col)),
        ruled=True,
        col_edges=list(xs),
        row_edges=list(ys),
    )
    return drop_empty_lines(frag)


def _columns_of(
    lines: Sequence[Line], xs: Sequence[float], c0: int, c1: int
) -> list[tuple[int, list[Line]]] | None:
    """The columns a merged cell's text stands in, when it stands in columns of its own.

    No ruling divides a header's "Directorate" from its "Dir", or a header band's headings
    from one another, yet each stands in its own column, set against its rule or centred in
    it; a section row's "Funded By:" set against the second column's rule is that column's.
    None when a word crosses or touches a column boundary, or the text stands in the cell's
    first column alone, or a part is neither set against its column's rules nor centred in it (a heading
    centred across columns).
    """
    if c1 == c0 or not lines:
        return None
    placed: dict[int, dict[int, list[Word]]] = {}
    inner = xs[c0 + 1 : c1 + 1]
    for i, line in enumerate(lines):
        for word in line.words:
            # Text that runs up to where a rule would be flows across it.
            if any(word.x0 - SETTINGS.clear_of_rule < x < word.x1 + SETTINGS.clear_of_rule for x in inner):
                return None
            k = next(k for k in range(c0, c1 + 1) if word.x0 < xs[k + 1])
            placed.setdefault(k, {}).setdefault(i, []).append(word)
    page = lines[0].page
    parts = [(k, [Line(page, tuple(ws)) for _, ws in sorted(placed[k].items())]) for k in sorted(placed)]
    if len(parts) == 1:
        k, own = parts[0]
        return None if k == c0 or any(ln.x0 - xs[k] > SETTINGS.set_against for ln in own) else parts
    # Headings side by side share a line; the lines of one heading wrapped in a merged
    # cell ("number of" / "franchisors") each keep to a column of their own.
    side = any(sum(1 for k in placed if i in placed[k]) > 1 for i in range(len(lines)))
    return parts if side and all(_set_in(own, xs[k], xs[k + 1]) for k, own in parts) else None


def _set_in(lines: Sequence[Line], left: float, right: float) -> bool:
    """Whether text is set against a column's left or right rule, or centred between them."""
    x0, x1 = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    return (
        x0 - left <= SETTINGS.set_against
        or right - x1 <= SETTINGS.set_against
        or abs((x0 + x1) / 2 - (left + right) / 2) <= SETTINGS.set_against
    )


def _split(cell: Cell, parts: Sequence[tuple[int, list[Line]]], xs: Sequence[float]) -> list[Cell]:
    """A merged cell cut into a cell for each column its text stands in, each reaching to the
    next; the columns before the first left blank."""
    last = cell.col + cell.colspan - 1
    bounds = [k for k, _ in parts]
    out = []
    if bounds[0] > cell.col:
        out.append(_part(cell, cell.col, bounds[0] - 1, [], xs))
    for i, (k, lines) in enumerate(parts):
        out.append(_part(cell, k, bounds[i + 1] - 1 if i + 1 < len(bounds) else last, lines, xs))
    return out


def _part(cell: Cell, first: int, last: int, lines: Sequence[Line], xs: Sequence[float]) -> Cell:
    box = (xs[first], cell.bbox[1], xs[last + 1], cell.bbox[3])
    return replace(
        cell,
        col=first,
        colspan=last - first + 1,
        text=cell_text(lines, width=box[2] - box[0] - 2 * SETTINGS.padding),
        bbox=box,
        bold=is_bold(lines),
    )


def _gapped(lines: Sequence[Line], inner_edges: Sequence[float]) -> bool:
    """Whether a cell's text stands in rows or columns of its own.

    A gap between two chunks of a line holds a column boundary the (merged) cell
    covers; or two lines break at wide gaps; or the cell stacks figures line under
    line, which never wrap, so each is a row the grid does not rule off.
    """
    if len(lines) >= 2 and all(is_numeric(ln.text) for ln in lines):
        return True
    wide = 0
    for line in lines:
        chunks = split_chunks(line)
        for a, b in pairwise(chunks):
            if any(a.x1 <= x <= b.x0 for x in inner_edges):
                return True
        wide += len(split_chunks(line, SETTINGS.inner_gap)) > 1
    return wide >= SETTINGS.gapped_lines


def complete_grid(frag: Fragment) -> bool:
    """Whether the rulings draw every column: few cells hold text in columns of their own."""
    filled = [c for c in frag.cells if c.text]
    gapped = sum(c.gapped for c in filled)
    return gapped == 0 or gapped < SETTINGS.gapped_share * len(filled)


def _merge_cells(rulings: RulingSet, xs: list[float], ys: list[float]) -> list[list[int]]:
    """Grid positions labelled by the merged cell they belong to."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    verticals = _by_position(rulings.verticals, xs)
    horizontals = _by_position(rulings.horizontals, ys)
    for r in range(n_rows):
        for c in range(1, n_cols):
            if coverage(verticals.get(c, []), ys[r], ys[r + 1]) < SETTINGS.drawn:
                union(r * n_cols + c - 1, r * n_cols + c)
    for r in range(1, n_rows):
        for c in range(n_cols):
            if coverage(horizontals.get(r, []), xs[c], xs[c + 1]) < SETTINGS.drawn:
                union((r - 1) * n_cols + c, r * n_cols + c)
    # A merged cell is a rectangle: fill out any L-shaped union to its bounding box.
    changed = True
    while changed:
        changed = False
        extent: dict[int, list[int]] = {}
        for r in range(n_rows):
            for c in range(n_cols):
                e = extent.setdefault(find(r * n_cols + c), [r, c, r, c])
                e[0], e[1], e[2], e[3] = min(e[0], r), min(e[1], c), max(e[2], r), max(e[3], c)
        for root, (r0, c0, r1, c1) in extent.items():
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if find(r * n_cols + c) != find(root):
                        union(r * n_cols + c, root)
                        changed = True
    return [[find(r * n_cols + c) for c in range(n_cols)] for r in range(n_rows)]


def _by_position(segs: Sequence[Segment], edges: Sequence[float]) -> dict[int, list[Segment]]:
    out: dict[int, list[Segment]] = {}
    for s in segs:
        i = min(range(len(edges)), key=lambda k: abs(edges[k] - s.pos))
        if abs(edges[i] - s.pos) <= SETTINGS.merge_gap + SETTINGS.hairline:
            out.setdefault(i, []).append(s)
    return out


def _shaded(bbox: BBox, shading: Sequence[BBox]) -> bool:
    cx, cy = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in shading)


def shading_boxes(page: Page) -> list[BBox]:
    """Boxes of the coloured (non-white) filled rectangles of a page: cell backgrounds."""
    return [box for box, _ in fill_boxes(page)]


def fill_boxes(page: Page) -> list[tuple[BBox, str]]:
    """The coloured (non-white) filled rectangles of a page, cell backgrounds, with their colours."""
    area = page.width * page.height
    return [
        ((r["x0"], r["top"], r["x1"], r["bottom"]), colour)
        for r in box_objects(page)
        if r.get("fill")
        and not is_white(r.get("non_stroking_color"))
        and r["x1"] - r["x0"] > SETTINGS.min_fill_side
        and r["bottom"] - r["top"] > SETTINGS.min_fill_side
        and (r["x1"] - r["x0"]) * (r["bottom"] - r["top"]) < SETTINGS.max_fill_share * area
        and (colour := hex_colour(r.get("non_stroking_color")))
    ]


def hex_colour(color: object) -> str | None:
    """A fill colour (grey, RGB or CMYK) as "#rrggbb"."""
    if not isinstance(color, tuple | list):
        return None
    values = [min(1.0, max(0.0, float(v))) for v in color if isinstance(v, int | float)]
    if len(values) == 1:
        values *= 3
    elif len(values) == 4:
        c, m, y, k = values
        values = [(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)]
    if len(values) != 3:
        return None
    return "#" + "".join(f"{round(v * 255):02x}" for v in values)


def with_fills(frag: Fragment, fills: Sequence[tuple[BBox, str]]) -> Fragment:
    """``frag`` with each cell's background colour: the smallest fill under its centre."""
    if not fills:
        return frag
    cells = []
    for c in frag.cells:
        cx, cy = (c.bbox[0] + c.bbox[2]) / 2, (c.bbox[1] + c.bbox[3]) / 2
        under = [(box, colour) for box, colour in fills if box[0] <= cx <= box[2] and box[1] <= cy <= box[3]]
        if under:
            c = replace(c, fill=min(under, key=lambda f: (f[0][2] - f[0][0]) * (f[0][3] - f[0][1]))[1])
        cells.append(c)
    return replace(frag, cells=cells)
