"""Header rows: the leading rows a table sets apart by shading or bold type.

A header row is told by its style, not its words: its cells are shaded while the
body's are not, or its text is bold while the body's is not. A table whose first row
looks like the rest (a legend with bold labels down its first column, a grid of
figure tiles) has no header row. Headings that stack over a table of figures (a
group, its columns, their unit) are header rows down to the first row that is not a
row of short headings.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from extractors.tables.model import Cell, Fragment
from extractors.tables.settings import SETTINGS
from extractors.tables.stream import is_figure
from extractors.values import is_not_reported

# A year or a unit printed as a heading ("2025", "£000") is no figure of the table.
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_UNIT = re.compile(r"^\(?£\s*['’]?\s*(?:000s?|k|m|bn)\)?$", re.I)


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


def stacked_header_rows(frag: Fragment, count: int) -> int:
    """Header rows of a table of figures whose headings stack: the ``count`` leading rows
    its style or a rule sets apart, and the rows under them that head its columns too
    (two or more short headings, no figure), provided figures follow."""
    grid = frag.grid()
    figures = [any(_is_figure(text) for text in row) for row in grid]
    if not any(figures[count:]):
        return count
    body = [row for row, figured in zip(grid, figures, strict=True) if figured]
    labels = _label_column(body)
    while count < min(SETTINGS.max_stacked, len(grid) - 1) and not figures[count]:
        row = grid[count]
        texts = [text for text in row if text]
        # Under the first header row, the row labels' column is blank: a row that fills it
        # is a row of the body ("North | N/A | N/A").
        if (
            len(texts) < 2
            or (count and labels is not None and row[labels])
            or any(_is_value(t) or len(t.split()) > SETTINGS.heading_words for t in texts)
        ):
            break
        count += 1
    return count if any(figures[count:]) else 0


def _label_column(rows: list[list[str]]) -> int | None:
    """The column where rows of figures print their labels: the first that mostly holds words."""
    width = max((len(row) for row in rows), default=0)
    for col in range(width):
        texts = [row[col] for row in rows if col < len(row) and row[col]]
        if texts and sum(not _is_value(t) for t in texts) > SETTINGS.majority * len(texts):
            return col
    return None


def _is_value(text: str) -> bool:
    """A cell that stands for a value: a figure, or a mark for none ("-", "N/A")."""
    return _is_figure(text) or is_not_reported(text)


def _is_figure(text: str) -> bool:
    """A figure of the table's body: not a year or a unit printed as a heading."""
    return is_figure(text) and not _YEAR.match(text.strip()) and not _UNIT.match(text.strip())
