"""Drawing tables into test PDFs: ruled grids, whitespace-aligned tables, merged cells.

A page is a list of blocks (headings, paragraphs, tables) set top-down. Tables are
drawn the way office software draws them: text wrapped in each cell, rulings
around every cell except across merged cells, a shaded bold header row, text of a
merged cell optionally turned 90° anticlockwise. This module holds no tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

MARGIN = 60.0
PAD = 3.0

FACES = {
    "Helvetica": ("Helvetica", "Helvetica-Bold"),
    "Times": ("Times-Roman", "Times-Bold"),
    "Courier": ("Courier", "Courier-Bold"),
}


@dataclass
class Heading:
    text: str
    size: float = 14


@dataclass
class Para:
    text: str
    size: float = 11
    bold: bool = False


@dataclass
class Grid:
    """A table: rows of cell text; ``None`` where a merged cell covers the position."""

    rows: Sequence[Sequence[str | None]]
    widths: Sequence[float]
    spans: dict[tuple[int, int], tuple[int, int]] = field(
        default_factory=dict
    )  # (row, col) -> (rowspan, colspan)
    vertical: set[tuple[int, int]] = field(default_factory=set)
    header: int = 1
    ruled: bool = True
    shade_header: bool = True
    family: str = "Helvetica"
    size: float = 9
    gap: float = 0.0  # extra space between rows of an unruled table


@dataclass
class Page:
    blocks: Sequence[Heading | Para | Grid]
    landscape: bool = False
    stamp: str | None = None
    family: str = "Helvetica"


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Words of ``text`` set in lines no wider than ``width``."""
    lines: list[str] = []
    for word in text.split():
        if lines and stringWidth(f"{lines[-1]} {word}", font, size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
            continue
        # A word wider than the cell is broken where it reaches the edge, without a hyphen.
        while stringWidth(word, font, size) > width and len(word) > 1:
            cut = max(i for i in range(1, len(word)) if stringWidth(word[:i], font, size) <= width or i == 1)
            lines.append(word[:cut])
            word = word[cut:]
        lines.append(word)
    return lines or [""]


def _fonts(grid: Grid, row: int) -> tuple[str, str]:
    regular, bold = FACES[grid.family]
    return (bold, bold) if row < grid.header else (regular, bold)


def _row_heights(grid: Grid) -> list[float]:
    leading = grid.size * 1.2
    heights = []
    for r, row in enumerate(grid.rows):
        lines = 1
        for c, text in enumerate(row):
            if text is None or (r, c) in grid.vertical or grid.spans.get((r, c), (1, 1))[0] > 1:
                continue
            colspan = grid.spans.get((r, c), (1, 1))[1]
            width = sum(grid.widths[c : c + colspan]) - 2 * PAD
            lines = max(lines, len(wrap(text, _fonts(grid, r)[0], grid.size, width)))
        heights.append(lines * leading + 2 * PAD + grid.gap)
    return heights


def draw_grid(canvas: Canvas, grid: Grid, x0: float, top: float, page_height: float) -> float:
    """Draw ``grid`` with its top-left at (x0, top) (top measured down the page); returns its bottom."""
    heights = _row_heights(grid)
    xs = [x0]
    for w in grid.widths:
        xs.append(xs[-1] + w)
    ys = [top]
    for h in heights:
        ys.append(ys[-1] + h)

    def y(v: float) -> float:
        return page_height - v

    owner = {}
    for (r, c), (rs, cs) in grid.spans.items():
        for rr in range(r, r + rs):
            for cc in range(c, c + cs):
                owner[(rr, cc)] = (r, c)
    if grid.shade_header and grid.header:
        canvas.setFillGray(0.85)
        canvas.rect(xs[0], y(ys[grid.header]), xs[-1] - xs[0], ys[grid.header] - ys[0], stroke=0, fill=1)
        canvas.setFillGray(0)
    if grid.ruled:
        canvas.setLineWidth(0.5)
        for r in range(len(grid.rows) + 1):
            for c in range(len(grid.widths)):
                inside = 0 < r < len(grid.rows) and owner.get((r - 1, c), (r - 1, c)) == owner.get(
                    (r, c), (r, c)
                )
                if not inside:
                    canvas.line(xs[c], y(ys[r]), xs[c + 1], y(ys[r]))
        for c in range(len(grid.widths) + 1):
            for r in range(len(grid.rows)):
                inside = 0 < c < len(grid.widths) and owner.get((r, c - 1), (r, c - 1)) == owner.get(
                    (r, c), (r, c)
                )
                if not inside:
                    canvas.line(xs[c], y(ys[r]), xs[c], y(ys[r + 1]))
    leading = grid.size * 1.2
    for r, row in enumerate(grid.rows):
        for c, text in enumerate(row):
            if not text:
                continue
            rs, cs = grid.spans.get((r, c), (1, 1))
            left, right, cell_top, cell_bottom = xs[c], xs[c + cs], ys[r], ys[r + rs]
            font = _fonts(grid, r)[0]
            canvas.setFont(font, grid.size)
            if (r, c) in grid.vertical:
                canvas.saveState()
                width = stringWidth(text, font, grid.size)
                canvas.translate(
                    (left + right) / 2 + grid.size / 3, y((cell_top + cell_bottom) / 2 + width / 2)
                )
                canvas.rotate(90)
                canvas.drawString(0, 0, text)
                canvas.restoreState()
                continue
            numeric = (
                not grid.ruled and c > 0 and text.replace(".", "").replace(",", "").replace("%", "").isdigit()
            )
            for i, line in enumerate(wrap(text, font, grid.size, right - left - 2 * PAD)):
                baseline = cell_top + PAD + grid.size + i * leading
                if numeric:
                    canvas.drawRightString(right - PAD, y(baseline), line)
                else:
                    canvas.drawString(left + PAD, y(baseline), line)
    return ys[-1]


def write_pages(path: Path, pages: Sequence[Page]) -> Path:
    """Write a PDF of the given pages, blocks set top-down from the top margin."""
    canvas = Canvas(str(path), pagesize=A4)
    for spec in pages:
        width, height = landscape(A4) if spec.landscape else A4
        canvas.setPageSize((width, height))
        regular, bold = FACES[spec.family]
        cursor = MARGIN
        for block in spec.blocks:
            if isinstance(block, Grid):
                cursor = draw_grid(canvas, block, MARGIN, cursor + 6, height) + 12
                if cursor > height - MARGIN:
                    raise ValueError("the table runs off the page: draw fewer rows")
                continue
            size = block.size
            font = bold if isinstance(block, Heading) or block.bold else regular
            canvas.setFont(font, size)
            for line in wrap(block.text, font, size, width - 2 * MARGIN):
                cursor += size * 1.3
                canvas.drawString(MARGIN, height - cursor, line)
            cursor += size * 0.6
        if spec.stamp:
            canvas.setFont(regular, 9)
            canvas.drawCentredString(width / 2, 30, spec.stamp)
        canvas.showPage()
    canvas.save()
    return path
