"""Print a :class:`~tests.variants.spec.Pack` with reportlab, noting where everything lands.

Text is laid out by a small flow engine (wrapped paragraphs, headings kept with what
follows, tables broken between rows with their header repeated), so the pages each
document, table and heading fall on are known exactly. Pages are laid out first and
drawn last: the front sheet's "(Pages X - Y)" ranges and "Page N of M" stamps need the
papers' page counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from tests.variants import papers
from tests.variants.spec import (
    AgendaItem,
    Block,
    Document,
    Heading,
    Minutes,
    Pack,
    Para,
    SpanSpec,
    Style,
    TableSpec,
)

_FACES = {
    "Helvetica": ("Helvetica", "Helvetica-Bold"),
    "Times": ("Times-Roman", "Times-Bold"),
    "Courier": ("Courier", "Courier-Bold"),
}
# Direction-of-travel arrows are not in the standard text fonts' encoding; Symbol has them.
_SYMBOLS = "↑↓→"
_GREY = 0.85


def _runs(text: str, font: str) -> list[tuple[str, str]]:
    """The text cut into runs of one font: arrows in Symbol, the rest in ``font``."""
    runs: list[tuple[str, str]] = []
    for ch in text:
        face = "Symbol" if ch in _SYMBOLS else font
        if runs and runs[-1][1] == face:
            runs[-1] = (runs[-1][0] + ch, face)
        else:
            runs.append((ch, face))
    return runs


def text_width(text: str, font: str, size: float) -> float:
    return sum(stringWidth(t, f, size) for t, f in _runs(text, font))


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of ``text`` no wider than ``width`` (a word longer than that stands alone)."""
    if not text:
        return [""]
    return simpleSplit(text, font, size, width) or [""]


@dataclass
class Page:
    """One laid-out page: its size and what is drawn on it (top-down coordinates)."""

    width: float
    height: float
    ops: list[tuple] = field(default_factory=list)
    printed: int | None = None


@dataclass
class TablePlacement:
    pages: list[int]
    section_title: str | None


@dataclass
class DocPlacement:
    """Pages (indexes into the paper pages) a document took, and its blank padding after it."""

    document: Document | None
    item: AgendaItem | None
    first: int
    last: int


@dataclass
class Rendered:
    """Where the renderer put things: physical page numbers are 1-based."""

    path: Path
    page_count: int
    front_pages: int
    documents: list[DocPlacement]
    tables: list[tuple[TableSpec, TablePlacement]]
    item_ranges: dict[str, tuple[int, int]]
    front_title: str | None


class Writer:
    """Flows text and tables onto pages."""

    def __init__(self, style: Style):
        self.style = style
        self.regular, self.bold = _FACES[style.family]
        self.pages: list[Page] = []
        self.y = 0.0
        self.heading: str | None = None
        self.tables: list[tuple[TableSpec, TablePlacement]] = []
        self.landscape = False

    # ------------------------------------------------------------ pages

    @property
    def page(self) -> Page:
        return self.pages[-1]

    @property
    def left(self) -> float:
        return self.style.margins[0]

    @property
    def right(self) -> float:
        return self.page.width - self.style.margins[1]

    @property
    def bottom(self) -> float:
        return self.page.height - self.style.margins[3]

    def new_page(self) -> None:
        base = letter if self.style.paper == "Letter" else A4
        width, height = landscape(base) if self.landscape else base
        self.pages.append(Page(width, height))
        self.y = self.style.margins[2]

    def start_document(self, landscape_pages: bool = False) -> None:
        self.landscape = landscape_pages
        self.heading = None
        self.new_page()

    def ensure(self, height: float) -> None:
        if self.y + height > self.bottom:
            self.new_page()

    def space(self, height: float) -> None:
        self.y += height

    # ------------------------------------------------------------ text

    def font(self, bold: bool) -> str:
        return self.bold if bold else self.regular

    def para(
        self,
        text: str,
        size: float | None = None,
        bold: bool = False,
        marker: str | None = None,
        after: float | None = None,
        indent: float = 0.0,
    ) -> None:
        """A wrapped paragraph; a marker hangs in the left margin of the text."""
        size = size or self.style.body
        font = self.font(bold)
        hang = 0.0
        if marker:
            hang = max(text_width(marker, font, size) + 0.6 * size, 1.8 * size)
        lines = wrap(text, font, size, self.right - self.left - indent - hang)
        for k, ln in enumerate(lines):
            self.ensure(1.25 * size)
            self.y += 1.25 * size
            base = self.y - 0.25 * size
            if k == 0 and marker:
                self.page.ops.append(("text", self.left + indent, base, font, size, marker))
            self.page.ops.append(("text", self.left + indent + hang, base, font, size, ln))
        self.y += 0.6 * size if after is None else after

    def item_heading(
        self, number: str, title: str, size: float, tab: float, right: str | None = None
    ) -> None:
        """A numbered heading with the number hanging at the margin and the title at ``tab``."""
        right_w = text_width(right, self.bold, size) + 12 if right else 0.0
        lines = wrap(title, self.bold, size, self.right - self.left - tab - right_w)
        self.ensure(1.25 * size * len(lines) + 4 * self.style.body)
        for k, ln in enumerate(lines):
            self.y += 1.25 * size
            base = self.y - 0.25 * size
            if k == 0:
                self.page.ops.append(("text", self.left, base, self.bold, size, number))
                if right:
                    x = self.right - text_width(right, self.bold, size)
                    self.page.ops.append(("text", x, base, self.bold, size, right))
            self.page.ops.append(("text", self.left + tab, base, self.bold, size, ln))
        self.y += 0.4 * size

    def columns(self, texts: Sequence[str], count: int, size: float | None = None) -> None:
        """Short texts set in ``count`` columns, filled row by row."""
        size = size or self.style.body
        width = (self.right - self.left) / count
        for start in range(0, len(texts), count):
            self.ensure(1.25 * size)
            self.y += 1.25 * size
            for k, text in enumerate(texts[start : start + count]):
                self.page.ops.append(
                    ("text", self.left + k * width, self.y - 0.25 * size, self.regular, size, text)
                )
        self.y += 0.6 * size

    def labelled(self, label: str, value: str, size: float | None = None) -> None:
        """A bold label with its value after it on the same line, wrapping to the margin."""
        size = size or self.style.body
        width = self.right - self.left
        label_w = text_width(label + " ", self.bold, size)
        lines: list[str] = []
        for word in value.split():
            limit = width - label_w if len(lines) <= 1 else width
            if lines and text_width(f"{lines[-1]} {word}", self.regular, size) <= limit:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        for k, ln in enumerate(lines or [""]):
            self.ensure(1.25 * size)
            self.y += 1.25 * size
            base = self.y - 0.25 * size
            if k == 0:
                self.page.ops.append(("text", self.left, base, self.bold, size, label))
            self.page.ops.append(
                ("text", self.left + (label_w if k == 0 else 0), base, self.regular, size, ln)
            )
        self.y += 0.6 * size

    def title(self, text: str, size: float, after: float | None = None) -> None:
        """Bold heading lines, kept with a few lines of what follows."""
        lines = wrap(text, self.bold, size, self.right - self.left)
        self.ensure(1.25 * size * len(lines) + 4 * self.style.body)
        for ln in lines:
            self.y += 1.25 * size
            self.page.ops.append(("text", self.left, self.y - 0.25 * size, self.bold, size, ln))
        self.y += 0.5 * size if after is None else after

    def heading_block(self, heading: Heading) -> None:
        size = self.style.body + {1: 5, 2: 2}.get(heading.level, 1)
        self.space(0.3 * self.style.body)
        self.title(heading.text, size)
        self.heading = heading.text

    def blocks(self, blocks: Sequence[Block]) -> None:
        for block in blocks:
            if isinstance(block, Heading):
                self.heading_block(block)
            elif isinstance(block, Para):
                self.para(block.text, bold=block.bold, marker=block.marker)
            else:
                self.table(block)

    def centred(self, text: str, size: float) -> None:
        width = text_width(text, self.regular, size)
        self.page.ops.append(
            ("text", (self.page.width - width) / 2, self.page.height / 2, self.regular, size, text)
        )

    # ------------------------------------------------------------ tables

    def table(self, spec: TableSpec) -> TablePlacement:
        """Draw a table, breaking between row groups and repeating its header on each page."""
        placement = TablePlacement([], self.heading)
        if not spec.layout:
            self.tables.append((spec, placement))
        size = spec.size or self.style.body - 2
        # Word's default cell margins: 0.19 cm left and right, a little above and below.
        lead, pad, hpad = 1.2 * size, 0.4 * size, 5.4
        total = self.right - self.left
        grid = spec.grid
        n_head = len(spec.header)
        widths = self._column_widths(spec, size, hpad, total)
        spans = {(s.row, s.col): s for s in spec.spans}
        covered = {
            (r, c)
            for s in spec.spans
            for r in range(s.row, s.row + s.rowspan)
            for c in range(s.col, s.col + s.colspan)
            if (r, c) != (s.row, s.col)
        }

        def extent(r: int, c: int) -> tuple[int, int]:
            s = spans.get((r, c))
            return (s.rowspan, s.colspan) if s else (1, 1)

        def cell_width(c: int, colspan: int) -> float:
            return sum(widths[c : c + colspan])

        lines: dict[tuple[int, int], list[str]] = {}
        heights = [lead + 2 * pad] * len(grid)
        for r, row in enumerate(grid):
            for c, text in enumerate(row):
                if (r, c) in covered or (spans.get((r, c)) and spans[(r, c)].vertical):
                    continue
                rowspan, colspan = extent(r, c)
                font = self.bold if r < n_head or c == spec.bold_col else self.regular
                lines[(r, c)] = [
                    ln
                    for part in text.split("\n")
                    for ln in wrap(part, font, size, cell_width(c, colspan) - 2 * hpad)
                ]
                if rowspan == 1:
                    heights[r] = max(heights[r], len(lines[(r, c)]) * lead + 2 * pad)
        for (r, c), s in spans.items():
            need = (
                len(lines[(r, c)]) * lead + 2 * pad
                if not s.vertical
                else self._vertical_need(
                    grid[r][c], size, widths[c] - 2 * hpad, pad, lead, heights[r : r + s.rowspan]
                )
            )
            if s.vertical:
                lines[(r, c)] = wrap(grid[r][c], self.regular, size, max(need - 2 * pad, 1))
            have = sum(heights[r : r + s.rowspan])
            if need > have:
                heights[r + s.rowspan - 1] += need - have

        groups = self._row_groups(len(grid), n_head, spec.spans)
        head_h = sum(heights[:n_head])

        def draw_rows(rows: range, top: float) -> None:
            page = self.page
            tops = {}
            y = top
            for r in rows:
                tops[r] = y
                y += heights[r]
            if self.style.header_fill and rows.start < n_head:
                band = sum(heights[r] for r in rows if r < n_head)
                page.ops.append(("fill", self.left, top, total, band))
            for r in rows:
                for c in range(len(grid[r])):
                    if (r, c) in covered:
                        continue
                    rowspan, colspan = extent(r, c)
                    x = self.left + sum(widths[:c])
                    w = cell_width(c, colspan)
                    h = sum(heights[r : r + rowspan])
                    if self.style.rules == "grid":
                        page.ops.append(("box", x, tops[r], w, h))
                    s = spans.get((r, c))
                    if s and s.vertical:
                        self._draw_vertical(lines[(r, c)], x, tops[r], w, h, size, lead)
                        continue
                    for k, ln in enumerate(lines[(r, c)]):
                        base = tops[r] + pad + (k + 1) * lead - 0.25 * size
                        font = self.bold if r < n_head or c == spec.bold_col else self.regular
                        page.ops.append(("text", x + hpad, base, font, size, ln))
            if self.style.rules == "frame" and rows.start < n_head:
                page.ops.append(("rule", self.left, top, total))
                page.ops.append(("rule", self.left, top + head_h, total))

        def close_page() -> None:
            if self.style.rules == "frame" and placement.pages and placement.pages[-1] == len(self.pages):
                self.page.ops.append(("rule", self.left, self.y, total))

        self.space(0.3 * size)
        for g, rows in enumerate(groups):
            group_h = sum(heights[r] for r in rows)
            if g == 0 and n_head:
                # The header is kept with the first rows under it.
                first_rows = sum(heights[r] for r in groups[1]) if len(groups) > 1 else 0
                if self.y + group_h + first_rows > self.bottom:
                    self.new_page()
            elif self.y + group_h > self.bottom:
                close_page()
                self.new_page()
                if n_head:
                    draw_rows(range(n_head), self.y)
                    self.y += head_h
                    placement.pages.append(len(self.pages))
            draw_rows(rows, self.y)
            self.y += group_h
            if not placement.pages or placement.pages[-1] != len(self.pages):
                placement.pages.append(len(self.pages))
        close_page()
        self.space(0.8 * self.style.body)
        return placement

    def _column_widths(self, spec: TableSpec, size: float, hpad: float, total: float) -> list[float]:
        """Shares of the text width, widened where a column's longest word would not fit."""
        widths = [w / sum(spec.widths) * total for w in spec.widths]
        merged = {(s.row, s.col) for s in spec.spans}
        need = [0.0] * len(widths)
        for r, row in enumerate(spec.grid):
            font = self.bold if r < len(spec.header) else self.regular
            for c, text in enumerate(row):
                if (r, c) in merged or not text.split():
                    continue
                longest = max(text_width(word, font, size) for word in text.split())
                need[c] = max(need[c], longest + 2 * hpad + 1)
        short = sum(max(0.0, n - w) for n, w in zip(need, widths, strict=True))
        slack = sum(max(0.0, w - n) for n, w in zip(need, widths, strict=True))
        if short <= 0 or slack <= short:
            return widths
        return [n if n > w else w - (w - n) * short / slack for n, w in zip(need, widths, strict=True)]

    @staticmethod
    def _row_groups(n: int, n_head: int, spans: Sequence[SpanSpec]) -> list[range]:
        """Rows that must stay on one page: the header, and rows joined by a merged cell."""
        ends = list(range(n))
        for s in spans:
            for r in range(s.row, s.row + s.rowspan):
                ends[r] = max(ends[r], s.row + s.rowspan - 1)
        groups = [range(0, n_head)] if n_head else []
        r = n_head
        while r < n:
            end = ends[r]
            k = r
            while k <= end:
                end = max(end, ends[k])
                k += 1
            groups.append(range(r, end + 1))
            r = end + 1
        return groups

    def _vertical_need(
        self, text: str, size: float, width: float, pad: float, lead: float, heights: Sequence[float]
    ) -> float:
        """Height a rotated cell needs: its text wrapped into as many lines as the column holds."""
        room = max(1, int(width // lead))
        words = text_width(text, self.regular, size)
        longest = max(text_width(w, self.regular, size) for w in text.split())
        per_line = max(longest, words / room, sum(heights) - 2 * pad)
        return per_line + 2 * pad + 1

    def _draw_vertical(
        self, lines: Sequence[str], x: float, top: float, w: float, h: float, size: float, lead: float
    ) -> None:
        """Text rotated 90 degrees (read bottom to top), centred in its cell."""
        block = len(lines) * lead
        first = x + (w - block) / 2 + 0.8 * size
        for k, ln in enumerate(lines):
            length = text_width(ln, self.regular, size)
            self.page.ops.append(("vtext", first + k * lead, top + (h + length) / 2, self.regular, size, ln))


# ---------------------------------------------------------------- drawing


def _draw(canvas: Canvas, page: Page) -> None:
    height = page.height
    for op in page.ops:
        kind = op[0]
        if kind == "text":
            _, x, y, font, size, text = op
            to = canvas.beginText(x, height - y)
            for run, face in _runs(text, font):
                to.setFont(face, size)
                to.textOut(run)
            canvas.drawText(to)
        elif kind == "vtext":
            _, x, y, font, size, text = op
            canvas.saveState()
            canvas.translate(x, height - y)
            canvas.rotate(90)
            canvas.setFont(font, size)
            canvas.drawString(0, 0, text)
            canvas.restoreState()
        elif kind == "box":
            _, x, y, w, h = op
            canvas.setLineWidth(0.5)
            canvas.rect(x, height - y - h, w, h, stroke=1, fill=0)
        elif kind == "fill":
            _, x, y, w, h = op
            canvas.setFillGray(_GREY)
            canvas.rect(x, height - y - h, w, h, stroke=0, fill=1)
            canvas.setFillGray(0)
        elif kind == "rule":
            _, x, y, w = op
            canvas.setLineWidth(0.75)
            canvas.line(x, height - y, x + w, height - y)


def _stamp(canvas: Canvas, page: Page, style: Style, total: int) -> None:
    if page.printed is None or style.stamp is None:
        return
    n = page.printed
    text = {
        "page": f"Page {n}",
        "bare": str(n),
        "dashed": f"- {n} -",
        "page_of": f"Page {n} of {total}",
    }[style.stamp]
    canvas.setFont("Helvetica", 9)
    if style.stamp == "bare":
        canvas.drawRightString(page.width - style.margins[1], 28, text)
    else:
        canvas.drawCentredString(page.width / 2, 28, text)


# ---------------------------------------------------------------- packs


def render(pack: Pack, path: Path) -> Rendered:
    """Print ``pack`` to ``path``; returns where its documents and tables landed."""
    style = pack.style
    writer = Writer(style)
    placed: list[DocPlacement] = []
    for item, doc in pack.papers():
        if style.pad_even and len(writer.pages) % 2 == 1:
            _blank(writer, placed, item)
        first = len(writer.pages)
        papers.draw_document(writer, doc)
        placed.append(DocPlacement(doc, item, first, len(writer.pages) - 1))
    if style.pad_even and pack.front is not None and len(writer.pages) % 2 == 1:
        _blank(writer, placed, placed[-1].item)

    ranges = _item_ranges(pack, placed, len(writer.pages))
    _furniture(writer, placed)
    front_pages: list[Page] = []
    front_title = None
    if pack.front is not None:
        front = Writer(style)
        front_title = papers.draw_front_sheet(front, pack.front, ranges)
        front_pages = front.pages
    offset = len(front_pages)
    for k, page in enumerate(writer.pages):
        page.printed = k + 1
    pages = [*front_pages, *writer.pages]
    canvas = Canvas(str(path))
    for page in pages:
        canvas.setPageSize((page.width, page.height))
        _draw(canvas, page)
        _stamp(canvas, page, style, len(writer.pages))
        canvas.showPage()
    canvas.save()
    for doc in placed:
        doc.first += offset + 1
        doc.last += offset + 1
    tables = [
        (spec, TablePlacement([p + offset for p in pl.pages], pl.section_title)) for spec, pl in writer.tables
    ]
    return Rendered(
        path=path,
        page_count=len(pages),
        front_pages=offset,
        documents=placed,
        tables=tables,
        item_ranges=ranges,
        front_title=front_title,
    )


def _furniture(writer: Writer, placed: Sequence[DocPlacement]) -> None:
    """Running lines on every page of the papers, and "Agenda Item N" on each item's first page."""
    style = writer.style
    if style.running:
        for page in writer.pages:
            page.ops.append(
                ("text", style.margins[0], 0.45 * style.margins[2], writer.regular, 8, style.running)
            )
    if style.minutes_running:
        for doc in placed:
            if isinstance(doc.document, Minutes):
                text = f"{doc.document.committee} - {papers.long_date(doc.document.day, weekday=False)}"
                for page in writer.pages[doc.first + 1 : doc.last + 1]:
                    page.ops.append(
                        ("text", style.margins[0], 0.6 * style.margins[2], writer.regular, 9, text)
                    )
    if style.item_stamp:
        seen: set[str] = set()
        for doc in placed:
            if doc.item is None or doc.item.number in seen:
                continue
            seen.add(doc.item.number)
            page = writer.pages[doc.first]
            text = f"Agenda Item {doc.item.number}"
            x = page.width - style.margins[1] - text_width(text, writer.bold, 12)
            page.ops.append(("text", x, 0.6 * style.margins[2], writer.bold, 12, text))


def _blank(writer: Writer, placed: list[DocPlacement], item: AgendaItem | None) -> None:
    writer.start_document()
    writer.centred("This page is intentionally left blank", writer.style.body)
    placed.append(DocPlacement(None, item, len(writer.pages) - 1, len(writer.pages) - 1))


def _item_ranges(pack: Pack, placed: Sequence[DocPlacement], total: int) -> dict[str, tuple[int, int]]:
    """Printed page range of each agenda item's papers, trailing blank pages included."""
    firsts: list[tuple[str, int]] = []
    for doc in placed:
        if doc.item is not None and (not firsts or firsts[-1][0] != doc.item.number):
            firsts.append((doc.item.number, doc.first + 1))
    ranges = {}
    for k, (number, first) in enumerate(firsts):
        last = firsts[k + 1][1] - 1 if k + 1 < len(firsts) else total
        ranges[number] = (first, last)
    return ranges
