"""total_mismatch: printed totals and balances in tables that are not the sum of their parts.

Which rows and columns are totals comes from their labels ("Total", "Sub-total",
"Grand total"; a "... Balance ..." row after movements), and arithmetic decides what
they add up: a total row may sum the rows since the previous total (taking off rows
labelled as deductions, "Less: income"), the subtotals above it, or every row above;
a balance is the previous balance plus (or minus, as the table's own arithmetic
shows) the movements between them; a total column sums the figure columns to its left
(when its own rows show it does, unless it is headed plainly "Total"). A total row
that fails in every one of three or more columns is not a sum. Columns of averages,
rates, scores and durations are not added, nor rows of averages, rates and shares
across a "Total" column; rows that break down the row above ("of which ...") are not
added again.

Each sum is judged with the rounding of the printed figures
(:func:`pipeline.flags.figures.reconciles`). A sum whose items are themselves totals
that fail is not judged, nor a total that fails only because it correctly adds up one
that does; when a row total and a column total fail by the same amount through one
shared cell, that cell is reported once.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from pipeline.flags.base import Finding, OtherDocuments, Rule, cell_location
from pipeline.flags.figures import Figure, reconciles, sum_figures, written_like
from pipeline.flags.labels import TOTAL_LABEL, content_words, is_total_label, words
from pipeline.flags.settings import SETTINGS
from pipeline.flags.tablegrid import FigureGrid
from schemas.records import DocumentExtraction

_BALANCE = re.compile(r"\bbalances?\b|\bb/f\b|\bc/f\b|brought\s+forward|carried\s+forward", re.I)
_AVERAGED = r"\b(?:average|avg|mean|median|rate|ratio|per|index|score|rank(?:ing)?|percentage)\b|%"
_NOT_ADDITIVE = re.compile(rf"{_AVERAGED}|\b(?:days|weeks|months)\b", re.I)
"""Columns whose figures do not add up down the table."""
_AVERAGED_ROW = re.compile(_AVERAGED, re.I)
"""Rows whose figures do not add up across the table: a "Total" column beside them is no sum."""
_PART_OF_ABOVE = re.compile(r"^[\s\-–•]*(?:of\s+which|including|incl\b|inc\b|which\s+includes?)", re.I)
"""Rows that break down the row above ("of which upheld"): already counted in it."""
_DEDUCTION = re.compile(r"^\s*less\b|\bincome\b|\brecharges?\b|\bgrants?\b|\brecover(?:y|ies)\b", re.I)
_MEMORANDUM = re.compile(r"^\W*memo(?:randum)?\b", re.I)
"""A memorandum block restates figures from another angle: its totals select, they do not add up its rows."""
_STRONG_TOTAL = {"total", "totals", "grand total", "sub total", "subtotal", "sub-total", "net total"}

Cell = tuple[int, int]


@dataclass
class _Sum:
    """A printed total and the cells it should add up (signs: +1 or -1 per item)."""

    total: Cell
    items: list[Cell]
    signs: list[int]
    axis: str  # "row" (a total or balance row), "col" (a total column)
    describe: str
    whole: bool = True
    """Whether the table prints every item: a sum of rows partly printed elsewhere is not judged."""


def _value(grid: FigureGrid, cell: Cell) -> Figure | None:
    r, c = cell
    figure = grid.figure(r, c)
    if figure is None or figure.kind == "percent":
        return None
    return figure


def _signed(grid: FigureGrid, cells: list[Cell], signs: list[int]) -> list[Figure]:
    out = []
    for cell, sign in zip(cells, signs, strict=True):
        f = _value(grid, cell)
        if f is not None:
            out.append(f if sign > 0 else Figure(-f.value, f.half, f.kind, f.raw, f.approximate, f.scale))
    return out


def _holds(grid: FigureGrid, s: _Sum) -> bool | None:
    """Whether the sum reconciles; None when it cannot be judged (missing figures)."""
    total = _value(grid, s.total)
    if total is None or not s.whole or any(r in grid.garbled for r, _ in [s.total, *s.items]):
        return None
    items = _signed(grid, s.items, s.signs)
    if not items or any(
        _value(grid, c) is None and not grid.blank(*c) and grid.figure(*c) is None for c in s.items
    ):
        return None
    return reconciles(total, items)


def _headings(grid: FigureGrid, cols: list[int]) -> list[int]:
    """Rows that print a label and no figure: the headings of the groups below them."""
    return [
        r for r, label in enumerate(grid.row_labels) if label and all(grid.figure(r, c) is None for c in cols)
    ]


def _named_run(grid: FigureGrid, total_rows: list[int], r: int) -> list[int]:
    """The rows right above a total that its label names ("Money Market Funds" for their total)."""
    named = content_words(TOTAL_LABEL.sub(" ", grid.row_labels[r]))
    run = []
    for i in range(r - 1, -1, -1):
        if i in total_rows or not named or content_words(grid.row_labels[i]) != named:
            break
        run.insert(0, i)
    return run


def _row_candidates(
    grid: FigureGrid, total_rows: list[int], headings: list[int], r: int, col: int, elsewhere: bool
) -> list[tuple[list[int], bool]]:
    """Row sets a total row may add up, each with whether the table shows all of it.

    The rows since the previous total, or since the heading above; the previous total
    carried on with them (a running total, a balance brought forward); the subtotals
    above with the rows since the last one, all of them or those under one of the
    headings above; the rows right above that the total's label names; every row above.
    A table that prints the rest of its rows ``elsewhere`` (on the pages before) does not
    show all of a sum that reaches back to its first row or to its first total: the
    rows and subtotals before it are printed there.
    """
    earlier = [t for t in total_rows if t < r]
    start = earlier[-1] + 1 if earlier else 0
    parts = {i for i, label in enumerate(grid.row_labels) if _PART_OF_ABOVE.match(label)}
    since = [i for i in range(start, r) if i not in total_rows and i not in parts]
    heading = max((h for h in headings if h < r), default=-1)
    options = [since, [i for i in since if i > heading], _named_run(grid, total_rows, r)]
    if earlier:
        options += [[earlier[-1], *since], earlier + since]
        # The subtotals under one of the headings above, with the rows since the last of them.
        options += [[t for t in earlier if t > h] + since for h in headings if h < earlier[-1]]
    options.append([i for i in range(r) if i not in total_rows and i not in parts])
    first = {0, *total_rows[:1]}
    candidates = []
    for rows in dict.fromkeys(tuple(o) for o in options if o):
        if not any(grid.figure(i, col) for i in rows):
            continue
        whole = not (elsewhere and first & set(rows))
        if whole or rows == tuple(since):
            candidates.append((list(rows), whole))
    return candidates


def _signs(grid: FigureGrid, rows: list[int]) -> list[list[int]]:
    """Signs the rows may carry: all added, or rows labelled as deductions ("Less: income") taken off."""
    plain = [1] * len(rows)
    deducted = [-1 if _DEDUCTION.search(grid.row_labels[i]) else 1 for i in rows]
    return [plain, deducted] if deducted != plain else [plain]


def _total_rows(grid: FigureGrid) -> list[int]:
    memo = next((r for r, label in enumerate(grid.row_labels) if _MEMORANDUM.match(label)), None)
    return [
        r
        for r, label in enumerate(grid.row_labels)
        if label
        and len([w for w in words(label) if w != "&"]) <= SETTINGS.total_label_words
        and is_total_label(label)
        and not _BALANCE.search(label)
        and (memo is None or r < memo)
    ]


def _row_sums(grid: FigureGrid, cols: list[int], elsewhere: bool) -> list[list[_Sum]]:
    """For each total row, for each column, the alternative sums it may stand for."""
    total_rows = _total_rows(grid)
    headings = _headings(grid, cols)
    out = []
    for r in total_rows:
        for col in cols:
            options = [
                _Sum((r, col), [(i, col) for i in rows], signs, "row", "rows", whole)
                for rows, whole in _row_candidates(grid, total_rows, headings, r, col, elsewhere)
                for signs in _signs(grid, rows)
            ]
            if options:
                out.append(options)
    return out


def _balance_sums(grid: FigureGrid, cols: list[int]) -> list[list[_Sum]]:
    """Each balance row after the first: the previous balance plus the movements between.

    Whether movements add to the balance or are taken from it is one convention for the
    whole table: the one under which more of its balances reconcile.
    """
    balances = [r for r, label in enumerate(grid.row_labels) if label and _BALANCE.search(label)]
    total_rows = set(_total_rows(grid))
    added, taken = [], []
    for prev, r in itertools.pairwise(balances):
        moves = [i for i in range(prev + 1, r) if i not in total_rows]
        if not moves:
            continue
        for col in cols:
            cells = [(prev, col), *[(i, col) for i in moves]]
            added.append(_Sum((r, col), cells, [1] * len(cells), "row", "balance"))
            taken.append(_Sum((r, col), cells, [1] + [-1] * len(moves), "row", "balance"))
    score = sum(bool(_holds(grid, s)) for s in added) - sum(bool(_holds(grid, s)) for s in taken)
    return [[s] for s in (added if score >= 0 else taken)]


def _column_sums(grid: FigureGrid, cols: list[int]) -> list[list[_Sum]]:
    """Each row's cell in a total column: the figure columns to its left since the previous total column."""
    total_cols = [c for c in cols if is_total_label(grid.columns[c]) and "%" not in grid.columns[c]]
    out = []
    for c in total_cols:
        earlier = [t for t in total_cols if t < c]
        items = [i for i in cols if (earlier[-1] if earlier else -1) < i < c]
        if len(items) < 2:
            continue
        sums = [
            [_Sum((r, c), [(r, i) for i in items], [1] * len(items), "col", "columns")]
            for r in range(len(grid.figures))
            if sum(1 for i in items if grid.figure(r, i) is not None) >= 1
            and not _AVERAGED_ROW.search(grid.row_labels[r])
        ]
        strong = " ".join(words(grid.columns[c])) in _STRONG_TOTAL
        judged = [_holds(grid, s[0]) for s in sums]
        checks = [j for j in judged if j is not None]
        # A column headed "Total forecast" beside "Budget" is not a sum: its own rows show it.
        if strong or (checks and sum(checks) * 2 >= len(checks)):
            out.extend(sums)
    return out


def _failures(grid: FigureGrid, groups: list[list[_Sum]]) -> tuple[list[_Sum], list[_Sum]]:
    """The sums none of whose alternatives reconcile, and the sums that do."""
    failed, held = [], []
    for options in groups:
        verdicts = [_holds(grid, s) for s in options]
        if any(verdicts):
            held.append(options[verdicts.index(True)])
        elif not any(v is None for v in verdicts):
            failed.append(options[0])
    return failed, held


def _independent(failed: list[_Sum], held: list[_Sum]) -> list[_Sum]:
    """Failures not explained by others.

    A sum of items that are themselves failed totals is not judged; nor is a total
    that fails only because it correctly adds up a failed total (a Total column beside
    a misprinted balance).
    """
    failed_totals = {s.total for s in failed}
    out = []
    for s in failed:
        if any(c in failed_totals for c in s.items):
            continue
        if any(h.total == s.total and any(c in failed_totals for c in h.items) for h in held):
            continue
        out.append(s)
    return out


def _plausible_rows(grid: FigureGrid, failed: list[_Sum], groups: list[list[_Sum]]) -> list[_Sum]:
    """Drop total rows that fail in every one of three or more columns: they are not sums."""
    out = []
    for s in failed:
        if s.axis != "row":
            out.append(s)
            continue
        same_row = [g for g in groups if g[0].total[0] == s.total[0] and g[0].describe == s.describe]
        judged = [g for g in same_row if all(_holds(grid, o) is not None for o in g)]
        row_failed = [f for f in failed if f.total[0] == s.total[0] and f.describe == s.describe]
        if len(judged) >= SETTINGS.total_row_columns and len(row_failed) == len(judged):
            continue
        out.append(s)
    return out


def _difference(grid: FigureGrid, s: _Sum) -> Figure:
    total = _value(grid, s.total)
    items = sum_figures(_signed(grid, s.items, s.signs))
    return Figure(total.value - items.value, total.half + items.half, "number", "")


def _continues(grid: FigureGrid, before: FigureGrid | None) -> bool:
    """Whether a table carries on the one before it: the rows it starts with began there.

    Rows numbered from past one were numbered there; a table on the page before under
    the same column headings (in whatever cells the header splits them) whose last row
    is no total is the same table, broken by the page.
    """
    numbered_from = grid.first_number()
    if numbered_from is not None and numbered_from > 1:
        return True
    if before is None or max(before.table.pages, default=before.table.pdf_page) + 1 != grid.table.pdf_page:
        return False
    if frozenset(words(" ".join(before.columns))) != frozenset(words(" ".join(grid.columns))):
        return False
    last = next((label for label in reversed(before.row_labels) if label), "")
    return not is_total_label(last)


def check(doc: DocumentExtraction, others: OtherDocuments) -> list[Finding]:
    findings = []
    before = None
    for table in doc.tables:
        grid = FigureGrid(table)
        elsewhere = _continues(grid, before)
        before = grid
        cols = [c for c in grid.numeric_columns() if not _NOT_ADDITIVE.search(grid.columns[c])]
        if not cols or len(grid.figures) < 2:
            continue
        groups = _row_sums(grid, cols, elsewhere) + _balance_sums(grid, cols) + _column_sums(grid, cols)
        failed, held = _failures(grid, groups)
        failed = _independent(_plausible_rows(grid, failed, groups), held)
        findings.extend(_report(doc, grid, failed))
    return findings


def _report(doc: DocumentExtraction, grid: FigureGrid, failed: list[_Sum]) -> list[Finding]:
    findings = []
    used: set[int] = set()
    for i, a in enumerate(failed):
        for j in range(i + 1, len(failed)):
            b = failed[j]
            shared = set(a.items) & set(b.items)
            if i in used or j in used or a.axis == b.axis or len(shared) != 1:
                continue
            if _difference(grid, a).agrees_with(_difference(grid, b)):
                used |= {i, j}
                findings.append(_shared_cell(doc, grid, shared.pop(), a, b))
    for i, s in enumerate(failed):
        if i not in used:
            findings.append(_total_finding(doc, grid, s))
    return findings


def _name(grid: FigureGrid, cell: Cell) -> str:
    r, c = cell
    row = grid.row_labels[r] or f"row {r + 1}"
    col = grid.columns[c] if c < len(grid.columns) and grid.columns[c] else f"column {c + 1}"
    return f"'{row}' / '{col}'"


def _total_finding(doc: DocumentExtraction, grid: FigureGrid, s: _Sum) -> Finding:
    total = _value(grid, s.total)
    items = _signed(grid, s.items, s.signs)
    computed = sum_figures(items)
    terms = " ".join(
        f"{'+' if sign > 0 else '-'} {_value(grid, c).raw.strip()}"
        for c, sign in zip(s.items, s.signs, strict=True)
        if _value(grid, c) is not None
    ).lstrip("+ ")
    what = {
        "rows": "the rows it totals",
        "columns": "the columns it totals",
        "balance": "the previous balance and the movements since",
    }[s.describe]
    r, c = s.total
    return Finding(
        description=f"{_name(grid, s.total)} is {total.raw.strip()}, but {what} come to "
        f"{written_like(computed.value, total)} ({terms}), beyond what rounding allows",
        expected=written_like(computed.value, total),
        found=total.raw.strip(),
        locations=[cell_location(grid.table, r + grid.offset, c)],
        severity="high" if total.kind == "money" else "medium",
    )


def _shared_cell(doc: DocumentExtraction, grid: FigureGrid, cell: Cell, a: _Sum, b: _Sum) -> Finding:
    figure = _value(grid, cell)
    sign = a.signs[a.items.index(cell)]
    expected = figure.value + sign * _difference(grid, a).value
    r, c = cell
    return Finding(
        description=f"{_name(grid, cell)} is {figure.raw.strip()}: both its row total and its column total "
        f"disagree with it by the same amount, and {written_like(expected, figure)} would make both add up",
        expected=written_like(expected, figure),
        found=figure.raw.strip(),
        locations=[
            cell_location(grid.table, r + grid.offset, c),
            cell_location(grid.table, a.total[0] + grid.offset, a.total[1]),
            cell_location(grid.table, b.total[0] + grid.offset, b.total[1]),
        ],
        severity="high" if figure.kind == "money" else "medium",
    )


RULE = Rule("table_totals", "total_mismatch", check)
