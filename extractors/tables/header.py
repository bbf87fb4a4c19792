"""Header rows: the leading rows a table sets apart by shading or bold type.

A header row is told by its style, not its words: its cells are shaded while the
body's are not, or its text is bold while the body's is not. A table whose first row
looks like the rest (a legend with bold labels down its first column, a grid of
figure tiles) has no header row.
"""

from __future__ import annotations

from collections.abc import Callable

from extractors.tables.model import Cell, Fragment


def header_rows(frag: Fragment) -> int:
    """Number of leading rows of ``frag`` that form its header (0 when none)."""
    rows = [frag.row_cells(r) for r in range(frag.n_rows)]
    filled = [[c for c in row if c.text] for row in rows]
    if len(rows) < 2 or not filled[0]:
        return 0
    for styled in (_shaded, _bold):
        count = _leading(filled, styled, frag.n_cols)
        if count:
            return count
    return 0


def _shaded(cells: list[Cell]) -> bool:
    return all(c.shaded for c in cells)


def _bold(cells: list[Cell]) -> bool:
    return all(c.bold for c in cells)


def _leading(filled: list[list[Cell]], styled: Callable[[list[Cell]], bool], n_cols: int) -> int:
    """Leading rows with the style, provided some later row lacks it."""
    count = 0
    for i, cells in enumerate(filled):
        if not cells:
            break
        # A full-width row below the first is a section label within the body; so is a
        # row whose only text is its first cell ("1. Housing"): a label printed across
        # a table without a grid leaves the other cells empty.
        lone = (
            len(cells) == 1
            and n_cols > 1
            and (cells[0].colspan == n_cols or (cells[0].col == 0 and n_cols > 2))
        )
        if not styled(cells) or (lone and i > 0):
            break
        count += 1
    if count == 0 or count >= len(filled):
        return 0
    if not any(cells and not styled(cells) for cells in filled[count:]):
        return 0
    return count
