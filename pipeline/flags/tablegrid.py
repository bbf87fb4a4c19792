"""A table's cells read as figures, with its row labels and column labels.

Rules that do arithmetic on tables read them through :class:`FigureGrid`: each body
cell parsed once (money in pounds, with the multiplier its column or table heading
announces; percentages; counts), each row's label (its first non-figure cell) and
each column's label (its header cells joined).

Where the header ends is read from the cells, not only taken from the table: a
header row that prints a label and figures is a row of the body (an opening balance
or a first total printed under the headings), and body rows at the top that print
words where the body prints figures are column headings. A column of whole numbers
counting up one by one (a "Row Ref" column) numbers the rows: it is no measure.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from extractors.values import money_unit_in
from pipeline.flags.figures import Figure, parse_cell
from pipeline.flags.labels import clean_label
from pipeline.flags.settings import SETTINGS
from schemas.records import Table

_SCALE_OF_UNIT = {"£m": "m", "£k": "k"}
_IDENTIFIER_HEADING = re.compile(r"^\W*(?:row\s*)?(?:ref(?:erence)?|no|number|id|code|line|item|#)\W*$", re.I)
"""A column heading that names an identifier ("Row Ref", "No.", "Code"), not a quantity."""
_MEASURED = re.compile(r"[.,£$€%]")
"""A figure printed with a decimal point, thousands separator or unit is a measure, not a column number."""


def _is_measure(figure: Figure) -> bool:
    return bool(_MEASURED.search(figure.raw.strip())) and not _looks_like_year(figure)


def _looks_like_year(figure: Figure) -> bool:
    return figure.value == figure.value.to_integral() and 1900 <= figure.value <= 2100


@dataclass
class FigureGrid:
    """A table's body as figures (None where a cell holds no single figure)."""

    table: Table

    @cached_property
    def offset(self) -> int:
        """Index in ``table.grid`` of the first body row."""
        grid = self.table.grid
        start = len(self.table.header)
        # Header rows that print a label and measured figures are body rows read as headings.
        while start > 0 and _is_body_row(grid[start - 1]):
            start -= 1
        figure_cols = {
            c for row in grid[start:] for c, cell in enumerate(row) if parse_cell(cell) is not None and c > 0
        }
        # Body rows at the top that print words in the figure columns are the column headings.
        while start < len(grid) - 1 and _is_heading_row(grid[start], figure_cols):
            start += 1
        return start

    @cached_property
    def header_rows(self) -> list[list[str]]:
        return self.table.grid[: self.offset]

    @cached_property
    def body(self) -> list[list[str]]:
        return self.table.grid[self.offset :]

    @cached_property
    def columns(self) -> list[str]:
        """Each column's label: its header cells, top to bottom, joined."""
        width = max((len(r) for r in self.table.grid), default=0)
        labels = []
        for c in range(width):
            parts = [row[c].strip() for row in self.header_rows if c < len(row) and row[c].strip()]
            labels.append(" ".join(dict.fromkeys(parts)))
        return labels

    @cached_property
    def money_context(self) -> str:
        """Every text around and above the figures that may announce their unit."""
        t = self.table
        return " ".join([*self.columns, *t.headings, t.section_title or "", t.preamble or ""])

    @cached_property
    def figures(self) -> list[list[Figure | None]]:
        table_unit = money_unit_in(" ".join([*self.columns, *self.table.headings[-1:]]))
        scales = []
        for label in self.columns:
            unit = money_unit_in(label) or table_unit
            scales.append(_SCALE_OF_UNIT.get(unit or ""))
        out = []
        for row in self.body:
            out.append(
                [parse_cell(cell, scales[c] if c < len(scales) else None) for c, cell in enumerate(row)]
            )
        figures = [f for row in out for f in row if f is not None]
        whole = all(f.kind == "number" and f.value == f.value.to_integral() for f in figures)
        money = money_unit_in(self.money_context) is not None or self.table.kind == "financial"
        if not money and figures and whole:
            # A table of whole numbers and no money anywhere near it is a table of counts: exact, not rounded.
            out = [[Figure(f.value, Decimal(0), "number", f.raw) if f else None for f in row] for row in out]
        return out

    @cached_property
    def row_labels(self) -> list[str]:
        """Each body row's label: its first non-empty cell that is not a figure."""
        labels = []
        for row, figures in zip(self.body, self.figures, strict=True):
            label = next(
                (cell for cell, f in zip(row, figures, strict=False) if cell.strip() and f is None), ""
            )
            labels.append(clean_label(label) if label else "")
        return labels

    @cached_property
    def garbled(self) -> set[int]:
        """Body rows with a cell that prints two figures run together: the row's cells are out of place."""
        return {r for r, row in enumerate(self.body) if any(_run_together(cell) for cell in row)}

    def figure(self, row: int, col: int) -> Figure | None:
        """The figure in body row ``row``, column ``col``."""
        cells = self.figures[row] if 0 <= row < len(self.figures) else []
        return cells[col] if col < len(cells) else None

    def blank(self, row: int, col: int) -> bool:
        """Whether the body cell is empty (printed nothing)."""
        cells = self.body[row]
        return col >= len(cells) or not cells[col].strip()

    @cached_property
    def identifiers(self) -> set[int]:
        """Columns that number the rows ("Row Ref" 21, 22, 23 ...) or are headed as identifiers.

        Numbering is printed left of the rows' labels and counts up, mostly by one (a
        page's footer run into a cell, or a row without a number, breaks the count).
        """
        width = max((len(r) for r in self.body), default=0)
        out = set()
        for c in range(width):
            if c < len(self.columns) and _IDENTIFIER_HEADING.match(self.columns[c] or "-"):
                out.add(c)
                continue
            # As printed: a money heading multiplies the numbers, not the steps between them.
            numbered = [
                (f.value, _label_column(row))
                for row in self.body
                if c < len(row) and (f := parse_cell(row[c])) is not None
            ]
            values = [v for v, _ in numbered]
            steps = [b - a for a, b in itertools.pairwise(values)]
            left = sum(1 for _, label in numbered if label is not None and label > c)
            if (
                len(values) >= SETTINGS.numbering_run
                and all(v == v.to_integral() for v in values)
                and all(step > 0 for step in steps)
                and steps.count(1) * 3 >= len(steps) * 2
                and left * 3 >= len(values) * 2
            ):
                out.add(c)
        return out

    def first_number(self) -> int | None:
        """The number the table's row numbering starts at, when it has a numbering column."""
        for c in sorted(self.identifiers):
            for row in self.body:
                if c < len(row) and (f := parse_cell(row[c])) is not None:
                    return int(f.value)
        return None

    def numeric_columns(self) -> list[int]:
        """Columns with at least one figure in the body, identifiers left out."""
        width = max((len(r) for r in self.figures), default=0)
        return [
            c
            for c in range(width)
            if c not in self.identifiers and any(c < len(r) and r[c] is not None for r in self.figures)
        ]


def _run_together(cell: str) -> bool:
    parts = cell.split()
    return len(parts) >= 2 and all(parse_cell(p) is not None for p in parts)


def _label_column(row: list[str]) -> int | None:
    """The column of a row's first cell that prints words."""
    return next(
        (c for c, cell in enumerate(row) if parse_cell(cell) is None and re.search(r"[^\W\d_]", cell)), None
    )


def _is_body_row(row: list[str]) -> bool:
    """A row that prints a label and measured figures after it: an entry, not a heading.

    A bare whole number before the label is the row's number; after it, a column's number.
    """
    label = _label_column(row)
    if label is None:
        return False
    figures = [f for cell in row[label + 1 :] if (f := parse_cell(cell)) is not None]
    return bool(figures) and all(_is_measure(f) for f in figures)


def _is_heading_row(row: list[str], figure_cols: set[int]) -> bool:
    """A row with no figure that prints words in columns where the body prints figures."""
    if any(parse_cell(cell) is not None for cell in row):
        return False
    worded = [c for c, cell in enumerate(row) if c in figure_cols and re.search(r"[^\W\d_]", cell)]
    return len(worded) >= 2
