"""What surrounds a table: page furniture, the headings above it and its preamble.

A table's section title is the nearest heading printed above it in its document, a
heading being a line set larger than the document's body text (computed over the
text outside tables, so small table type does not lower it). The heading path keeps,
for each heading size, the latest heading above the table, a larger heading closing
the smaller ones before it. The preamble is the body text between that heading and
the table, or between an earlier table under the same heading and this one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extractors.layout import Heading, Line, body_size, find_headings, join_text, page_stamp
from extractors.tables.settings import SETTINGS
from schemas.records import BBox


@dataclass(frozen=True)
class TableContext:
    """The nearest heading above a table, the heading path to it, and its preamble."""

    section_title: str | None
    headings: list[str]
    preamble: str | None


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def furniture(lines_by_page: Sequence[Sequence[Line]], heights: Sequence[float]) -> set[int]:
    """ids of the lines that are page furniture: page stamps, running heads and feet."""
    out: set[int] = set()
    seen: dict[tuple[str, int], set[int]] = {}
    for index, (lines, height) in enumerate(zip(lines_by_page, heights, strict=True)):
        _, stamp = page_stamp(lines, height)
        if stamp is not None:
            out.add(id(stamp))
        for line in lines:
            if _in_margin(line, height):
                seen.setdefault(_place(line), set()).add(index)
    running = {k for k, pages in seen.items() if len(pages) >= SETTINGS.running_min_pages}
    for lines, height in zip(lines_by_page, heights, strict=True):
        for line in lines:
            if _in_margin(line, height) and _place(line) in running:
                out.add(id(line))
    return out


def _in_margin(line: Line, height: float) -> bool:
    share = SETTINGS.margin_share
    return line.bottom <= share * height or line.top >= (1 - share) * height


def _place(line: Line) -> tuple[str, int]:
    """What a running line keeps from page to page: its text with numbers masked, and where it stands."""
    return _shape(line.text), round(line.top / SETTINGS.running_band)


def _inside(line: Line, box: BBox) -> bool:
    cx, cy = (line.x0 + line.x1) / 2, (line.top + line.bottom) / 2
    slack = SETTINGS.edge_slack
    return box[0] - slack <= cx <= box[2] + slack and box[1] - slack <= cy <= box[3] + slack


def body_lines(lines: Sequence[Line], tables: Sequence[BBox], skip: set[int]) -> list[Line]:
    """Lines of one page that are neither page furniture nor inside a table."""
    return [ln for ln in lines if id(ln) not in skip and not any(_inside(ln, box) for box in tables)]


class DocumentContext:
    """Headings and body text of one document (a report, an appendix), in reading order."""

    def __init__(self, lines: Sequence[Line], fallback_body: float | None = None):
        self.lines = sorted(lines, key=lambda ln: (ln.page, ln.top, ln.x0))
        # A document of a heading and a table has too little text to show its body
        # size; the whole PDF's then stands in.
        enough = sum(len(ln.text) for ln in self.lines) >= SETTINGS.min_body_chars
        self.body = body_size(self.lines) if enough or fallback_body is None else fallback_body
        self.headings: list[Heading] = find_headings(self.lines, self.body)
        heading_lines = {id(ln) for h in self.headings for ln in h.lines}
        # (page, top, page, bottom, line) of the body lines, computed once for all tables.
        self._body = [(ln.page, ln.top, ln.bottom, ln) for ln in self.lines if id(ln) not in heading_lines]
        self._heading_keys = [(h.page, h.bottom) for h in self.headings]
        self._heading_sizes = [h.size for h in self.headings]

    def context(self, page: int, top: float, after: tuple[int, float] | None = None) -> TableContext:
        """Context of a table whose first row starts at ``top`` on ``page``.

        Args:
            page: the table's first page.
            top: where the table starts on that page.
            after: (page, bottom) of the previous table of the document, if any: the
                preamble never reaches above it.
        """
        count = sum(1 for k in self._heading_keys if k <= (page, top + SETTINGS.edge_slack))
        above = self.headings[:count]
        path: list[tuple[Heading, float]] = []
        for h, size in zip(above, self._heading_sizes, strict=False):
            while path and path[-1][1] <= size + SETTINGS.level_tolerance:
                path.pop()
            path.append((h, size))
        nearest = above[-1] if above else None
        start = (nearest.page, nearest.bottom) if nearest else (0, 0.0)
        if after is not None and after > start:
            start = after
        end = (page, top + SETTINGS.edge_slack)
        between = [ln for p, t, b, ln in self._body if start < (p, t) and (p, b) <= end]
        return TableContext(
            section_title=nearest.text if nearest else None,
            headings=[h.text for h, _ in path],
            preamble=join_text(between) or None,
        )
