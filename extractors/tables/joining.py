"""Tables that run over several pages: which fragments continue which, and the join.

A fragment at the top of a page continues the table that ends a previous page when
nothing but page furniture lies between them, no new document starts there, and it
either repeats that table's header rows or has the same columns. The joined table
keeps the header once, and a merged cell cut by the page break (a directorate cell
running on) is one merged cell again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace

from extractors.tables.model import Cell, Fragment, boxes_of, fills_of, grid_of, owners_of
from extractors.tables.settings import SETTINGS
from schemas.records import BBox


@dataclass
class Joined:
    """A logical table: its fragments and the grid they make together."""

    parts: list[Fragment]
    cells: list[Cell] = field(default_factory=list)
    row_pages: list[int] = field(default_factory=list)
    header_rows: int = 0

    @property
    def n_rows(self) -> int:
        return len(self.row_pages)

    @property
    def n_cols(self) -> int:
        return max((c.col + c.colspan for c in self.cells), default=0)

    def grid(self) -> list[list[str]]:
        return grid_of(self.cells, self.n_rows)

    def boxes(self) -> list[list[BBox | None]]:
        return boxes_of(self.cells, self.n_rows)

    def fills(self) -> list[list[str | None]]:
        return fills_of(self.cells, self.n_rows)


def _norm(text: str) -> str:
    return re.sub(r"[^0-9a-z£%]", "", text.lower())


def _rows_text(frag: Fragment, rows: range) -> list[list[str]]:
    grid = frag.grid()
    return [[_norm(t) for t in grid[r]] for r in rows if r < len(grid)]


def repeated_header(first: Fragment, frag: Fragment) -> int:
    """How many leading rows of ``frag`` repeat the header rows of ``first``."""
    n = first.header_rows
    if n == 0 or frag.n_rows <= n or frag.n_cols != first.n_cols:
        return 0
    head = _rows_text(first, range(n))
    if any(any(row) for row in head) and head == _rows_text(frag, range(n)):
        return n
    return 0


def same_columns(a: Fragment, b: Fragment) -> bool:
    """Whether two fragments have the same number of columns at the same places."""
    if a.n_cols != b.n_cols or len(a.col_edges) != len(b.col_edges) or not a.col_edges:
        return False
    width = max(a.col_edges[-1] - a.col_edges[0], 1.0)
    tol = max(SETTINGS.min_edge_tolerance, SETTINGS.edge_tolerance * width)
    if not a.ruled or not b.ruled:
        # Columns found from text alignment have looser edges than drawn ones.
        tol *= SETTINGS.text_edge_factor
    return all(abs(x - y) <= tol for x, y in zip(a.col_edges, b.col_edges, strict=True))


def continues(first: Fragment, last: Fragment, frag: Fragment, breaks: Collection[int]) -> bool:
    """Whether ``frag`` carries on the table begun by ``first`` and so far ending with ``last``."""
    if frag.page != last.page + 1 or frag.page in breaks or first.ruled != frag.ruled:
        return False
    if repeated_header(first, frag):
        return True
    return frag.header_rows == 0 and same_columns(last, frag)


def group_fragments(
    frags: Sequence[Fragment],
    breaks: Collection[int],
    text_between: Callable[[Fragment, Fragment], bool],
) -> list[list[Fragment]]:
    """Fragments (in reading order) grouped into the logical tables they make up.

    Args:
        frags: every fragment of the document, page by page, top to bottom.
        breaks: pages where a new document starts; no table runs onto them.
        text_between: whether body text separates the end of one fragment from the
            start of the next (which then starts a new table).
    """
    groups: list[list[Fragment]] = []
    for frag in frags:
        if groups:
            group = groups[-1]
            last = group[-1]
            if continues(group[0], last, frag, breaks) and not text_between(last, frag):
                group.append(frag)
                continue
        groups.append([frag])
    return groups


def join(parts: Sequence[Fragment]) -> Joined:
    """One grid from the fragments of a table, header kept once, cut cells re-merged."""
    first = parts[0]
    joined = Joined(list(parts), list(first.cells), [first.page] * first.n_rows, first.header_rows)
    for frag in parts[1:]:
        skip = repeated_header(first, frag)
        offset = joined.n_rows - skip
        owner = _owners(joined)
        moved: list[Cell] = []
        for cell in frag.cells:
            if cell.row < skip:
                continue
            cell = replace(cell, row=cell.row + offset)
            if cell.row == joined.n_rows and not cell.text and owner:
                above = owner[-1][cell.col] if cell.col < len(owner[-1]) else None
                if (
                    above is not None
                    and above.col == cell.col
                    and above.colspan == cell.colspan
                    and (above.rowspan > 1 or cell.rowspan > 1)
                    and above.text
                ):
                    grown = replace(above, rowspan=above.rowspan + cell.rowspan)
                    joined.cells[joined.cells.index(above)] = grown
                    owner = _owners(joined)
                    continue
            moved.append(cell)
        start = joined.n_rows
        joined.cells.extend(moved)
        joined.row_pages.extend([frag.page] * (frag.n_rows - skip))
        if 0 < start < joined.n_rows and _split_row(joined, start):
            _fold_row(joined, start)
    joined.cells.sort(key=lambda c: (c.row, c.col))
    return joined


def _split_row(joined: Joined, row: int) -> bool:
    """Whether ``row`` (first on a new page) is the rest of the row cut by the page break.

    The sign is a key column, filled in every other row of the table, that is blank
    in this one: the key was printed with the start of the row, on the page before.
    Keys lead their rows, so only columns left of the row's first text count: a row
    that opens with its own label ("RAG" | | "G" |) is a row of its own.
    """
    owner = _owners(joined)
    # A merged cell running down from above (a directorate) is no text of this row's own.
    own = [col for col, c in enumerate(owner[row]) if c is not None and c.text and c.row == row]
    if joined.n_rows < SETTINGS.key_column_rows or not own:
        return False
    for col in range(own[0]):
        cell = owner[row][col]
        if cell is not None and cell.text:
            continue
        others = [owner[r][col] for r in range(joined.n_rows) if r != row]
        if all(c is not None and c.text for c in others):
            return True
    return False


def _fold_row(joined: Joined, row: int) -> None:
    """Append the text of ``row`` to the row above and remove it from the grid."""
    owner = _owners(joined)
    kept: list[Cell] = []
    extra: dict[int, list[str]] = {}
    for cell in joined.cells:
        if cell.row == row:
            above = owner[row - 1][cell.col]
            if cell.text and above is not None:
                extra.setdefault(id(above), []).append(cell.text)
            if cell.rowspan > 1:
                kept.append(replace(cell, text="", rowspan=cell.rowspan - 1))
            continue
        if cell.row < row < cell.row + cell.rowspan:
            cell = replace(cell, rowspan=cell.rowspan - 1)
        elif cell.row > row:
            cell = replace(cell, row=cell.row - 1)
        kept.append(cell)
    by_id = {id(c): c for c in joined.cells}
    for key, texts in extra.items():
        original = by_id[key]
        for i, cell in enumerate(kept):
            if (cell.row, cell.col) == (original.row, original.col):
                kept[i] = replace(cell, text=" ".join([cell.text, *texts]).strip())
    joined.cells[:] = kept
    del joined.row_pages[row]


def _owners(joined: Joined) -> list[list[Cell | None]]:
    return owners_of(joined.cells, joined.n_rows)
