"""Financial cells: every figure of a financial table, signed and in its unit.

A table is financial by its content (money cells, "(£'m)" or "£" headings), whatever its
title. Each figure becomes a :class:`FinancialCell` with the row's label (its text label,
wherever the table prints it, not a row number; "" when the table has no label column) and
the column's heading. Parentheses mean a
negative amount; a figure without a unit of its own takes the one its column heading
announces ("0.223" under "Newham (£'m)" is 0.223 "£m"), else the table's (in its header, the
heading above it or a caption line), else whole pounds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.base import Extractor, Source
from extractors.table_kinds import (
    announced_unit,
    cell,
    cell_location,
    column_labels,
    label_column,
    read_table,
    reference_columns,
)
from extractors.values import money_unit_in, parse_money
from schemas.records import FinancialCell, Table

EXTRACTOR = Extractor("financial", __name__)

# Columns of counts, rates, staff numbers or scores inside a financial table are not money.
_NOT_MONEY_COLUMN = re.compile(r"%|\b(?:fte|headcount|no\.?|number|count|percent(?:age)?|ratio)\b", re.I)
# ... nor are scores on a scale ("Likelihood (1-5)"), unless their heading names money.
_SCORE_COLUMN = re.compile(
    r"\b(?:likelihood|probability|score|rating|rank(?:ing)?)\b|\(\s*\d+\s*[-–]\s*\d+\s*\)", re.I
)


def extract_financial_cells(tables: Sequence[Table], source: Source) -> list[FinancialCell]:
    """Financial-cell records from every financial table of a document.

    Args:
        tables: the document's tables; those that are not financial are skipped.
        source: the PDF the tables come from.

    Returns:
        One record per figure, row by row; "-" and blank cells give none.
    """
    cells: list[FinancialCell] = []
    for kind, table in map(read_table, tables):
        if kind == "financial":
            cells.extend(_table_cells(table, source))
    return cells


def _table_cells(table: Table, source: Source) -> list[FinancialCell]:
    labels = column_labels(table)
    label_col = label_column(table)
    skipped = {label_col, *reference_columns(table)}
    table_unit = announced_unit(table, labels)
    offset = len(table.header)
    out = []
    for r, row in enumerate(table.rows):
        row_label = cell(row, label_col) if label_col is not None else ""
        for c in (c for c in range(len(row)) if c not in skipped):
            label = labels[c] if c < len(labels) else ""
            if _NOT_MONEY_COLUMN.search(label) or (_SCORE_COLUMN.search(label) and not money_unit_in(label)):
                continue
            raw = cell(row, c)
            money = parse_money(raw, money_unit_in(label) or table_unit)
            if money is None:
                continue
            page, bbox = cell_location(table, offset + r, c)
            out.append(
                FinancialCell(
                    prov=source.prov(EXTRACTOR, page, bbox),
                    table=table.id,
                    row_label=row_label,
                    column_label=label,
                    raw=raw,
                    value=money.value,
                    unit=money.unit,
                )
            )
    return out
