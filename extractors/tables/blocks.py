"""Tables printed side by side in one grid: a block of labels and figures, then another.

A page may set two tables in one ruled grid or one band of aligned text, each block with
its own column of row labels followed by its own figures ("Change in spending | Core |
External" beside "Change in funding | Core"). Each block is a table of its own. A table
whose labels stand between two sets of figures (last year's before them, this year's after)
is one table: the block before its labels has no labels of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from extractors.tables.model import Cell, Fragment, drop_empty_lines
from extractors.tables.settings import SETTINGS
from extractors.tables.stream import is_figure, is_numeric


def side_by_side(frag: Fragment) -> list[Fragment]:
    """The fragment as the blocks it sets side by side; itself when it is one table."""
    kinds = _column_kinds(frag)
    starts = [
        k
        for k in range(1, len(kinds))
        if kinds[k] == "words" and kinds[k - 1] == "figures" and "figures" in kinds[k + 1 :]
    ]
    if kinds[:1] != ["words"] or not starts:
        return [frag]
    cut = starts[0]
    if any(c.col < cut < c.col + c.colspan for c in frag.cells) or len(frag.col_edges) != frag.n_cols + 1:
        return [frag]
    left = _block(frag, [c for c in frag.cells if c.col < cut], 0, cut)
    right = _block(frag, [c for c in frag.cells if c.col >= cut], cut, frag.n_cols)
    if min(left.n_rows, right.n_rows) < SETTINGS.min_block_rows:
        return [frag]
    return [left, *side_by_side(right)]


def _column_kinds(frag: Fragment) -> list[str]:
    """ "words", "figures" or "" (blank or mixed) for each column, from its body cells."""
    body = [c for c in frag.cells if c.row >= frag.header_rows and c.text and c.colspan == 1]
    kinds = []
    for col in range(frag.n_cols):
        texts = [c.text for c in body if c.col == col]
        figures = sum(1 for t in texts if is_figure(t) or is_numeric(t))
        if len(texts) < SETTINGS.min_block_rows:
            kinds.append("")
        elif figures > SETTINGS.majority * len(texts):
            kinds.append("figures")
        elif figures < (1 - SETTINGS.majority) * len(texts):
            kinds.append("words")
        else:
            kinds.append("")
    return kinds


def _block(frag: Fragment, cells: Sequence[Cell], first: int, stop: int) -> Fragment:
    edges = frag.col_edges[first : stop + 1]
    moved = [replace(c, col=c.col - first) for c in cells]
    x0, x1 = edges[0], edges[-1]
    block = replace(frag, cells=moved, col_edges=list(edges), bbox=(x0, frag.bbox[1], x1, frag.bbox[3]))
    return drop_empty_lines(block)
