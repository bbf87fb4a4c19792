"""A table's cells read as figures, with its row labels and column labels.

Rules that do arithmetic on tables read them through :class:`FigureGrid`: each body
cell parsed once (money in pounds, with the multiplier its column or table heading
announces; percentages; counts), each row's label (its first non-figure cell) and
each column's label (its header cells joined).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from extractors.values import money_unit_in
from pipeline.flags.figures import Figure, parse_cell
from pipeline.flags.labels import clean_label
from schemas.records import Table

_SCALE_OF_UNIT = {"£m": "m", "£k": "k"}


@dataclass
class FigureGrid:
    """A table's body as figures (None where a cell holds no single figure)."""

    table: Table

    @cached_property
    def columns(self) -> list[str]:
        """Each column's label: its header cells, top to bottom, joined."""
        width = max((len(r) for r in self.table.grid), default=0)
        labels = []
        for c in range(width):
            parts = [row[c].strip() for row in self.table.header if c < len(row) and row[c].strip()]
            labels.append(" ".join(dict.fromkeys(parts)))
        return labels

    @cached_property
    def offset(self) -> int:
        """Index in ``table.grid`` of the first body row."""
        return len(self.table.header)

    @cached_property
    def figures(self) -> list[list[Figure | None]]:
        table_unit = money_unit_in(" ".join([*self.columns, *self.table.headings[-1:]]))
        scales = []
        for label in self.columns:
            unit = money_unit_in(label) or table_unit
            scales.append(_SCALE_OF_UNIT.get(unit or ""))
        out = []
        for row in self.table.rows:
            out.append(
                [parse_cell(cell, scales[c] if c < len(scales) else None) for c, cell in enumerate(row)]
            )
        figures = [f for row in out for f in row if f is not None]
        whole = all(f.kind == "number" and f.value == f.value.to_integral() for f in figures)
        if table_unit is None and figures and whole:
            # A table of whole numbers and no money is a table of counts: exact, not rounded.
            out = [[Figure(f.value, Decimal(0), "number", f.raw) if f else None for f in row] for row in out]
        return out

    @cached_property
    def row_labels(self) -> list[str]:
        """Each body row's label: its first non-empty cell that is not a figure."""
        labels = []
        for row, figures in zip(self.table.rows, self.figures, strict=True):
            label = next(
                (cell for cell, f in zip(row, figures, strict=False) if cell.strip() and f is None), ""
            )
            labels.append(clean_label(label) if label else "")
        return labels

    def figure(self, row: int, col: int) -> Figure | None:
        """The figure in body row ``row``, column ``col``."""
        cells = self.figures[row] if 0 <= row < len(self.figures) else []
        return cells[col] if col < len(cells) else None

    def blank(self, row: int, col: int) -> bool:
        """Whether the body cell is empty (printed nothing)."""
        cells = self.table.rows[row]
        return col >= len(cells) or not cells[col].strip()

    def numeric_columns(self) -> list[int]:
        """Columns with at least one figure in the body."""
        width = max((len(r) for r in self.figures), default=0)
        return [c for c in range(width) if any(c < len(r) and r[c] is not None for r in self.figures)]
