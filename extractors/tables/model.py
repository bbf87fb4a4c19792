"""The table fragment: what the engines find on one page, before tables are joined.

A fragment is a grid of cells; a merged cell is one :class:`Cell` with a row or
column span, placed at its top-left grid position. Every engine (ruled or
whitespace-aligned) produces fragments, and everything downstream (headers,
cross-page joining, the exported record) works on them alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from schemas.records import BBox


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
        out = [[""] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row][c.col] = c.text
        return out

    def boxes(self) -> list[list[BBox | None]]:
        """Each position's cell box; None where a merged cell covers it."""
        out: list[list[BBox | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row][c.col] = c.bbox
        return out

    def row_cells(self, row: int) -> list[Cell]:
        """Cells that start in ``row``, left to right."""
        return sorted((c for c in self.cells if c.row == row), key=lambda c: c.col)

    def owner(self) -> list[list[Cell | None]]:
        """For each grid position, the cell that covers it."""
        out: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            for r in c.rows:
                for k in c.cols:
                    out[r][k] = c
        return out


def drop_empty_lines(frag: Fragment) -> Fragment:
    """The fragment without grid rows and columns where no text starts.

    A row where every position is blank or covered by a cell starting above holds
    nothing of its own; merged cells that crossed it shrink by one.
    """
    cells = [c for c in frag.cells]
    for axis in ("row", "col"):
        size = frag.n_rows if axis == "row" else frag.n_cols
        used = set()
        for c in cells:
            if c.text:
                used.add(c.row if axis == "row" else c.col)
        keep = [i for i in range(size) if i in used]
        if len(keep) == size:
            continue
        index = {old: new for new, old in enumerate(keep)}
        remapped = []
        for c in cells:
            first, span = (c.row, c.rowspan) if axis == "row" else (c.col, c.colspan)
            kept = [index[i] for i in range(first, first + span) if i in index]
            if not kept:
                continue
            if axis == "row":
                remapped.append(replace(c, row=kept[0], rowspan=len(kept)))
            else:
                remapped.append(replace(c, col=kept[0], colspan=len(kept)))
        cells = remapped
        edges = frag.row_edges if axis == "row" else frag.col_edges
        if len(edges) == size + 1:
            new_edges = [edges[keep[0]]] + [edges[i + 1] for i in keep] if keep else []
            if axis == "row":
                frag = replace(frag, row_edges=new_edges)
            else:
                frag = replace(frag, col_edges=new_edges)
    return replace(frag, cells=_fill_gaps(cells))


def _fill_gaps(cells: list[Cell]) -> list[Cell]:
    """Blank cells for grid positions no cell covers, so every position has an owner."""
    n_rows = max((c.row + c.rowspan for c in cells), default=0)
    n_cols = max((c.col + c.colspan for c in cells), default=0)
    covered = {(r, k) for c in cells for r in c.rows for k in c.cols}
    extra = []
    for r in range(n_rows):
        for k in range(n_cols):
            if (r, k) not in covered:
                row_boxes = [c.bbox for c in cells if r in c.rows]
                col_boxes = [c.bbox for c in cells if k in c.cols]
                if row_boxes and col_boxes:
                    box = (
                        min(b[0] for b in col_boxes),
                        min(b[1] for b in row_boxes),
                        max(b[2] for b in col_boxes),
                        max(b[3] for b in row_boxes),
                    )
                else:
                    box = (0.0, 0.0, 0.0, 0.0)
                extra.append(Cell(r, k, "", box))
    return sorted([*cells, *extra], key=lambda c: (c.row, c.col))
