"""The table fragment: what the engines find on one page, before tables are joined.

A fragment is a grid of cells; a merged cell is one :class:`Cell` with a row or
column span, placed at its top-left grid position. Every engine (ruled or
whitespace-aligned) produces fragments, and everything downstream (headers,
cross-page joining, the exported record) works on them alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from extractors.base import Extractor
from schemas.records import BBox

T = TypeVar("T")

EXTRACTOR = Extractor("tables", "extractors.tables")
"""The table engine: every module of this package makes the tables it stamps."""


@dataclass(frozen=True)
class Cell:
    """One cell of a fragment, merged cells included."""

    row: int
    col: int
    text: str
    bbox: BBox
    rowspan: int = 1
    colspan: int = 1
    vertical: bool = False
    bold: bool = False
    shaded: bool = False
    # Its lines break into separately aligned chunks: a ruled grid missing rulings.
    gapped: bool = False
    # The colour ("#rrggbb") its background is filled with, if any.
    fill: str | None = None

    @property
    def rows(self) -> range:
        return range(self.row, self.row + self.rowspan)

    @property
    def cols(self) -> range:
        return range(self.col, self.col + self.colspan)


@dataclass
class Fragment:
    """The part of a table printed on one page, as a grid of cells."""

    page: int
    bbox: BBox
    cells: list[Cell]
    ruled: bool
    header_rows: int = 0
    # x of the column boundaries (n_cols + 1 values), y of the row boundaries.
    col_edges: list[float] = field(default_factory=list)
    row_edges: list[float] = field(default_factory=list)

    @property
    def n_rows(self) -> int:
        return max((c.row + c.rowspan for c in self.cells), default=0)

    @property
    def n_cols(self) -> int:
        return max((c.col + c.colspan for c in self.cells), default=0)

    def grid(self) -> list[list[str]]:
        """Cell strings: a merged cell's text at its top-left, covered positions empty."""
        return grid_of(self.cells, self.n_rows)

    def row_cells(self, row: int) -> list[Cell]:
        """Cells that start in ``row``, left to right."""
        return sorted((c for c in self.cells if c.row == row), key=lambda c: c.col)


def _size(cells: Sequence[Cell], n_rows: int | None) -> tuple[int, int]:
    rows = max((c.row + c.rowspan for c in cells), default=0) if n_rows is None else n_rows
    return rows, max((c.col + c.colspan for c in cells), default=0)


def grid_of(cells: Sequence[Cell], n_rows: int | None = None) -> list[list[str]]:
    """Cell strings of a grid: a merged cell's text at its top-left, covered positions empty."""
    return _at_top_left(cells, n_rows, lambda c: c.text, "")


def boxes_of(cells: Sequence[Cell], n_rows: int | None = None) -> list[list[BBox | None]]:
    """Each grid position's cell box; None where a merged cell covers the position."""
    return _at_top_left(cells, n_rows, lambda c: c.bbox, None)


def fills_of(cells: Sequence[Cell], n_rows: int | None = None) -> list[list[str | None]]:
    """Each grid position's background colour, at a cell's top-left position."""
    return _at_top_left(cells, n_rows, lambda c: c.fill, None)


def _at_top_left(
    cells: Sequence[Cell], n_rows: int | None, value: Callable[[Cell], T], empty: T
) -> list[list[T]]:
    """A grid holding each cell's ``value`` at its top-left position, ``empty`` elsewhere."""
    rows, cols = _size(cells, n_rows)
    out = [[empty] * cols for _ in range(rows)]
    for c in cells:
        out[c.row][c.col] = value(c)
    return out


def owners_of(cells: Sequence[Cell], n_rows: int | None = None) -> list[list[Cell | None]]:
    """For each grid position, the cell that covers it."""
    rows, cols = _size(cells, n_rows)
    out: list[list[Cell | None]] = [[None] * cols for _ in range(rows)]
    for c in cells:
        for r in c.rows:
            for k in c.cols:
                if r < rows:
                    out[r][k] = c
    return out


def drop_empty_lines(frag: Fragment) -> Fragment:
    """The fragment without grid rows and columns where no text starts.

    A row where every position is blank or covered by a cell starting above holds
    nothing of its own; merged cells that crossed it shrink by one.
    """
    cells = list(frag.cells)
    edges = {"row": list(frag.row_edges), "col": list(frag.col_edges)}
    for axis in ("row", "col"):
        size = max((_first(c, axis) + _span(c, axis) for c in cells), default=0)
        keep = sorted({_first(c, axis) for c in cells if c.text})
        if len(keep) == size:
            continue
        index = {old: new for new, old in enumerate(keep)}
        remapped = []
        for c in cells:
            kept = [index[i] for i in range(_first(c, axis), _first(c, axis) + _span(c, axis)) if i in index]
            if kept:
                change = {axis: kept[0], f"{axis}span": len(kept)}
                remapped.append(replace(c, **change))
        cells = remapped
        if keep and len(edges[axis]) == size + 1:
            # Each kept line reaches down (or across) to the next kept one.
            edges[axis] = [edges[axis][k] for k in keep] + [edges[axis][keep[-1] + 1]]
    frag = replace(frag, row_edges=edges["row"], col_edges=edges["col"])
    return replace(frag, cells=_fill_gaps(cells, frag))


def _first(cell: Cell, axis: str) -> int:
    return cell.row if axis == "row" else cell.col


def _span(cell: Cell, axis: str) -> int:
    return cell.rowspan if axis == "row" else cell.colspan


def _fill_gaps(cells: list[Cell], frag: Fragment) -> list[Cell]:
    """Blank cells for grid positions no cell covers, so every position has an owner."""
    n_rows = max((c.row + c.rowspan for c in cells), default=0)
    n_cols = max((c.col + c.colspan for c in cells), default=0)
    covered = {(r, k) for c in cells for r in c.rows for k in c.cols}
    ys, xs = frag.row_edges, frag.col_edges
    extra = []
    for r in range(n_rows):
        for k in range(n_cols):
            if (r, k) in covered:
                continue
            if len(ys) == n_rows + 1 and len(xs) == n_cols + 1:
                box = (xs[k], ys[r], xs[k + 1], ys[r + 1])
            else:
                box = frag.bbox
            extra.append(Cell(r, k, "", box))
    return sorted([*cells, *extra], key=lambda c: (c.row, c.col))
