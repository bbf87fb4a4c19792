"""Rows of an unruled table stranded at the foot of a page, above its continuation.

A page break may leave a table's group row ("Priority 2: Finance and resources")
alone under the table's last rows, or the table's header and its first group row
alone at the foot of the page. Too few lines to show their columns, they would read
as body text, which ends the table there (or loses its start). When the next page
opens with the table's continuation, they are the table's: the stranded row is added
to the fragment above it, and a stranded header with its row becomes a fragment of
its own that the continuation, repeating that header, joins.
"""

from __future__ import annotations

import statistics
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from itertools import pairwise

from extractors.layout import Line
from extractors.tables.finder import PageTables
from extractors.tables.joining import repeated_header, same_columns
from extractors.tables.model import Cell, Fragment
from extractors.tables.settings import SETTINGS
from extractors.tables.stream import region_table
from extractors.tables.text import collapse, split_chunks


def take_stranded_rows(
    pages: Mapping[int, PageTables], skip: Collection[int], breaks: Collection[int]
) -> None:
    """Give each unruled table continued on the next page the rows stranded at the page's foot.

    Args:
        pages: the tables and lines of each page, by page number; changed in place.
        skip: ids of the lines that are page furniture (page stamps, running feet).
        breaks: pages where a new document starts; nothing runs onto them.
    """
    for number, found in pages.items():
        after = pages.get(number + 1)
        if after is None or number + 1 in breaks or not after.fragments:
            continue
        nxt = after.fragments[0]
        above = [
            ln for ln in after.lines if id(ln) not in skip and ln.bottom <= nxt.bbox[1] + SETTINGS.edge_slack
        ]
        if nxt.ruled or above:
            continue
        last = found.fragments[-1] if found.fragments else None
        end = last.bbox[3] if last is not None else 0.0
        tail = sorted(
            (ln for ln in found.lines if id(ln) not in skip and ln.top >= end - SETTINGS.edge_slack),
            key=lambda ln: ln.top,
        )
        if not tail:
            continue
        start = _stranded_start(tail, nxt, number)
        if start is not None:
            found.fragments.append(start)
        elif last is not None and _continued_by(last, nxt, tail):
            found.fragments[-1] = _with_row(last, tail)


def _close(lines: Sequence[Line]) -> bool:
    """Whether the lines follow one another as a table's rows do, with no paragraph break."""
    height = statistics.median(ln.bottom - ln.top for ln in lines)
    return all(b.top - a.bottom <= SETTINGS.block_gap * height for a, b in pairwise(lines))


def _stranded_start(tail: Sequence[Line], nxt: Fragment, page: int) -> Fragment | None:
    """The table's start left at the page foot: its header, as ``nxt`` repeats it, and a row or two."""
    if nxt.header_rows == 0:
        return None
    most = SETTINGS.max_header_lines + SETTINGS.max_inner_lines
    for first in range(max(0, len(tail) - most), len(tail) - 1):
        frag = region_table(tail[first:], page) if _close(tail[first:]) else None
        if frag is None or not 0 < frag.n_rows - nxt.header_rows <= SETTINGS.max_inner_lines:
            continue
        frag.header_rows = nxt.header_rows
        if repeated_header(frag, nxt):
            return frag
    return None


def _continued_by(last: Fragment, nxt: Fragment, tail: Sequence[Line]) -> bool:
    """Whether ``tail`` is a row of ``last`` cut off by the page break before ``nxt`` carries on."""
    if last.ruled or len(tail) > SETTINGS.max_inner_lines or not last.col_edges or not _close(tail):
        return False
    height = statistics.median(ln.bottom - ln.top for ln in tail)
    size = statistics.median(ln.size for ln in tail)
    x0, x1 = last.bbox[0] - SETTINGS.width_slack * size, last.bbox[2] + SETTINGS.width_slack * size
    if tail[0].top - last.bbox[3] > SETTINGS.block_gap * height or any(
        ln.x0 < x0 or ln.x1 > x1 for ln in tail
    ):
        return False
    return bool(repeated_header(last, nxt)) or (nxt.header_rows == 0 and same_columns(last, nxt))


def _with_row(frag: Fragment, lines: Sequence[Line]) -> Fragment:
    """``frag`` with one more row holding ``lines``, each piece in the column where it starts."""
    edges = frag.col_edges
    row = frag.n_rows
    top, bottom = min(ln.top for ln in lines), max(ln.bottom for ln in lines)
    texts: dict[int, list[Line]] = {}
    for line in lines:
        for chunk in split_chunks(line):
            col = max(
                (k for k in range(len(edges) - 1) if edges[k] <= chunk.x0 + SETTINGS.edge_slack), default=0
            )
            texts.setdefault(col, []).append(chunk)
    added = []
    for col in range(len(edges) - 1):
        pieces = texts.get(col, [])
        words = [w for piece in pieces for w in piece.words]
        added.append(
            Cell(
                row=row,
                col=col,
                text=collapse(" ".join(piece.text for piece in pieces)),
                bbox=(edges[col], top, edges[col + 1], bottom),
                bold=bool(words) and all(w.bold for w in words),
            )
        )
    x0, y0, x1, _ = frag.bbox
    return replace(
        frag,
        cells=[*frag.cells, *added],
        bbox=(min(x0, *(ln.x0 for ln in lines)), y0, max(x1, *(ln.x1 for ln in lines)), bottom),
        row_edges=[*frag.row_edges, bottom] if frag.row_edges else [],
    )
