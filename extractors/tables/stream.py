"""Tables without a full grid: columns from text alignment, rows from lines.

Columns are the x-ranges between *whitespace rivers*: gaps that run down the
table without crossing the text of (almost) any line that has several chunks. A
vertical ruling is a column boundary too, and so is a rotated label's text. Lines
become rows; a line joins the row above when it carries on that row's cells: a
wrapped label whose previous line could not take its first word, a value set level
with the middle of a two-line label, or (where space sets the rows apart) any line
close under the row that leaves its first cell empty. A horizontal ruling always
separates rows, and where rulings separate nearly every line they mark out the rows.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from extractors.base import guarded
from extractors.layout import Line, Word
from extractors.tables.model import EXTRACTOR, Cell, Fragment, drop_empty_lines
from extractors.tables.rulings import Segment
from extractors.tables.settings import SETTINGS
from extractors.tables.text import Char, cell_text, collapse, rotated_blocks, rotated_lines, split_chunks
from schemas.records import BBox

# A word that is one figure: an amount, count or percentage with its sign, currency and
# multiplier, in accounting brackets or with a footnote mark.
_FIGURE_WORD = re.compile(r"^[(]?[+\-−–]?[£$€]?\d[\d,]*(?:\.\d+)?(?:%|[km]|bn)?[)]?[*†‡]?$", re.I)
# "12 345": a figure whose thousands are set off by a space rather than a comma.
_LEADING_GROUP = re.compile(r"^[(]?[+\-−–]?[£$€]?\d{1,3}$")
_DIGIT_GROUP = re.compile(r"^\d{3}(?:[.,]\d+)?[)]?$")

_NUMERIC = re.compile(r"^[\s\d.,%()+\-–—$£€/:<>*=~]*\d[\s\d.,%()+\-–—$£€/:<>*=~a-zA-Z]{0,3}$")
_CONNECTOR = {"and", "or", "of", "the", "for", "to", "in", "with", "by", "on", "at", "a", "an", "&", "per"}


# What statistical tables print for a figure that is missing or not applicable.
_NO_FIGURE = {"-", "–", "—", "..", "...", "n/a", "N/A", "x"}


def is_figure(text: str) -> bool:
    """Whether a word is a single figure ("1,234.5", "(63)", "-£1.2m", "+6.0%")."""
    return bool(_FIGURE_WORD.match(text.strip()))


def is_numeric(text: str) -> bool:
    """Whether a cell reads as a figure: digits with signs, separators and a short unit."""
    text = text.strip()
    return bool(_NUMERIC.match(text)) or text in _NO_FIGURE


@dataclass
class _Row:
    """Lines grouped into one table row, and the chunks of each column."""

    lines: list[Line] = field(default_factory=list)
    cells: dict[int, list[tuple[Line, int]]] = field(default_factory=dict)  # col -> [(chunk, colspan)]

    @property
    def top(self) -> float:
        return min(ln.top for ln in self.lines)

    @property
    def bottom(self) -> float:
        return max(ln.bottom for ln in self.lines)


@dataclass(frozen=True)
class Columns:
    """Column zones: the x-range each column's text occupies, left to right."""

    zones: list[tuple[float, float]]

    def span_of(self, x0: float, x1: float) -> tuple[int, int]:
        """First and last column a piece of text from ``x0`` to ``x1`` falls in."""
        near = SETTINGS.hairline
        hit = [i for i, (a, b) in enumerate(self.zones) if x1 > a + near and x0 < b - near]
        if not hit:
            centre = (x0 + x1) / 2
            nearest = min(range(len(self.zones)), key=lambda i: _distance(self.zones[i], centre))
            return nearest, nearest
        return hit[0], hit[-1]

    def with_blocks(self, extents: Sequence[tuple[float, float]]) -> Columns:
        """Zones with a column added for each rotated label standing clear of all of them."""
        zones = list(self.zones)
        for x0, x1 in extents:
            if not any(x1 > a and x0 < b for a, b in zones):
                zones.append((x0, x1))
        return Columns(sorted(zones))

    def aligned_parts(self, chunk: Line) -> list[Line]:
        """A chunk cut where its words pass from one column into the next, when each part
        lines up with its column's edge: the headings of two columns a space apart
        ("Core External" over two right-aligned columns). A heading centred across columns
        lines up with neither, and stays whole."""
        parts: list[tuple[int, list[Word]]] = []
        for word in chunk.words:
            first, last = self.span_of(word.x0, word.x1)
            if first != last:
                return [chunk]
            zone = first
            if parts and parts[-1][0] == zone:
                parts[-1][1].append(word)
            else:
                parts.append((zone, [word]))
        aligned = all(
            abs(words[0].x0 - self.zones[i][0]) <= SETTINGS.align
            or abs(words[-1].x1 - self.zones[i][1]) <= SETTINGS.align
            for i, words in parts
        )
        if len(parts) < 2 or not aligned:
            return [chunk]
        return [Line(chunk.page, tuple(words)) for _, words in parts]

    @property
    def edges(self) -> list[float]:
        """Column boundaries: the middle of each gap, and the outer ends."""
        inner = [(self.zones[i][1] + self.zones[i + 1][0]) / 2 for i in range(len(self.zones) - 1)]
        return [self.zones[0][0], *inner, self.zones[-1][1]]


def _distance(zone: tuple[float, float], x: float) -> float:
    return 0.0 if zone[0] <= x <= zone[1] else min(abs(zone[0] - x), abs(zone[1] - x))


def line_chunks(lines: Sequence[Line], verticals: Sequence[float] = ()) -> list[list[Line]]:
    """Each line's chunks, also cut where a vertical ruling passes between two words and
    between two figures side by side.

    Figures never wrap and never share a cell: right-aligned columns packed close print
    one column's figure a space away from the next one's ("0.0 1,429,506.8"). Only two
    figures that read as one number with its digit groups spaced ("12 345") stay together,
    unless the first ends where figures of the other lines end (a column's right edge).
    """
    plain = [split_chunks(line) for line in lines]
    ends = [c.x1 for chunks in plain for c in chunks if len(c.words) == 1 and is_figure(c.text)]

    def apart(prev: Word, word: Word) -> bool:
        if any(prev.x1 - SETTINGS.hairline <= x <= word.x0 + SETTINGS.hairline for x in verticals):
            return True
        if not (is_figure(prev.text) and is_figure(word.text)):
            return False
        grouped = _LEADING_GROUP.match(prev.text) and _DIGIT_GROUP.match(word.text)
        return (
            not grouped or sum(abs(x - prev.x1) <= SETTINGS.align for x in ends) >= SETTINGS.aligned_figures
        )

    return [[part for chunk in chunks for part in _cut(chunk, apart)] for chunks in plain]


def _cut(chunk: Line, apart: Callable[[Word, Word], bool]) -> list[Line]:
    parts: list[list[Word]] = [[chunk.words[0]]]
    for prev, word in pairwise(chunk.words):
        if apart(prev, word):
            parts.append([])
        parts[-1].append(word)
    return [Line(chunk.page, tuple(p)) for p in parts]


def find_columns(
    chunks: Sequence[Sequence[Line]],
    verticals: Sequence[float] = (),
    labels: Sequence[tuple[float, float]] = (),
) -> Columns | None:
    """Column zones from the whitespace gaps shared by the lines that show several chunks.

    ``labels`` are the x-extents of rotated labels: text of a column as much as any
    line's (a column whose upright text is only its heading is no gap).
    """
    pieces = [c for line in chunks for c in line]
    if not pieces:
        return None
    left, right = min(c.x0 for c in pieces), max(c.x1 for c in pieces)
    multi = [[(c.x0, c.x1) for c in line] for line in chunks if len(line) >= 2]
    size = statistics.median(c.size for c in pieces)
    gaps = _gaps([*multi, *([extent] for extent in labels)], left, right, SETTINGS.min_gap * size)
    # Headings above the first row of figures often centre over a group of columns, across
    # the gaps between them: where the figures stand is for the rows of figures to say,
    # in a gap none of them crosses.
    first = next((i for i, line in enumerate(chunks) if any(is_figure(c.text) for c in line)), 0)
    if first:
        rows = [[(c.x0, c.x1) for c in line] for line in chunks[first:] if len(line) >= 2]
        below = _gaps(
            [*rows, *([extent] for extent in labels)], left, right, SETTINGS.min_gap * size, crossing=0
        )
        gaps += [(a, b) for a, b in below if not any(a <= y and x <= b for x, y in gaps)]
    for x in verticals:
        slack = SETTINGS.edge_slack
        if left < x < right and not any(a - slack <= x <= b + slack for a, b in gaps):
            crossing = sum(1 for c in pieces if c.x0 < x - slack and c.x1 > x + slack)
            if crossing <= SETTINGS.gap_crossing * len(chunks):
                gaps.append((x, x))
    gaps.sort()
    bounds = [left]
    for a, b in gaps:
        bounds.extend([a, b])
    bounds.append(right)
    zones = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    ruled = [a == b for a, b in gaps]
    zones, ruled = _merge_complementary(zones, ruled, chunks)
    # Shrink each zone to the text it holds, so a gap is measured from the text.
    return Columns(_fit_zones(zones, pieces))


def _merge_complementary(
    zones: list[tuple[float, float]], ruled: list[bool], chunks: Sequence[Sequence[Line]]
) -> tuple[list[tuple[float, float]], list[bool]]:
    """Neighbouring zones no line fills both of are one column aligned two ways.

    A left-aligned heading over right-aligned figures leaves a gap between them that
    no line crosses, yet no line has text on both sides of it either.
    """
    merged = True
    while merged and len(zones) > 1:
        merged = False
        cols = Columns(zones)
        used = [[cols.span_of(c.x0, c.x1) for c in line] for line in chunks]
        for i in range(len(zones) - 1):
            if ruled[i]:
                continue
            # Some line must end a chunk in the left zone and start one in the right.
            apart = any(any(b == i for _, b in spans) and any(a == i + 1 for a, _ in spans) for spans in used)
            if not apart:
                zones[i : i + 2] = [(zones[i][0], zones[i + 1][1])]
                del ruled[i]
                merged = True
                break
    return zones, ruled


def _gaps(
    spans: Sequence[Sequence[tuple[float, float]]],
    left: float,
    right: float,
    least: float,
    crossing: float = SETTINGS.gap_crossing,
) -> list[tuple[float, float]]:
    """Column gaps inside ``left``..``right`` at least ``least`` wide that at most a
    ``crossing`` share of the lines cross."""
    lines = sum(1 for line in spans if len(line) >= 2)
    if not lines:
        return []
    gaps = _rivers(spans, left, int(crossing * lines))
    near = SETTINGS.hairline
    return [(a, b) for a, b in gaps if a > left + near and b < right - near and b - a >= least]


def _rivers(
    spans: Sequence[Sequence[tuple[float, float]]], left: float, allow: int
) -> list[tuple[float, float]]:
    """x-ranges crossed by the text of at most ``allow`` of the lines (each given as its chunks' spans)."""
    events = sorted((x, d) for line in spans for a, b in line for x, d in ((a, 1), (b, -1)))
    runs: list[tuple[float, float]] = []
    count, prev, start, i = 0, left, None, 0
    while i < len(events):
        x = events[i][0]
        if x > prev:
            if count <= allow:
                start = prev if start is None else start
            elif start is not None:
                runs.append((start, prev))
                start = None
        while i < len(events) and events[i][0] == x:
            count += events[i][1]
            i += 1
        prev = x
    if start is not None:
        runs.append((start, prev))
    return runs


def _fit_zones(zones: list[tuple[float, float]], pieces: Sequence[Line]) -> list[tuple[float, float]]:
    fitted = []
    for a, b in zones:
        inside = [c for c in pieces if c.x0 >= a - SETTINGS.hairline and c.x1 <= b + SETTINGS.hairline]
        fitted.append((min(c.x0 for c in inside), max(c.x1 for c in inside)) if inside else (a, b))
    return fitted


def _wraps(above: Line, below: Line, capacity: float) -> bool:
    """Whether ``below`` carries on the cell text ending with ``above``.

    A change of type (bold to regular, another size) or from words to a figure
    starts a new cell; a line that ends where the column ends and could not have
    taken the next word, a lower-case start or a dangling connective carries on.
    """
    a, b = above.text.strip(), below.text.strip()
    if not a or not b or above.bold != below.bold or abs(above.size - below.size) > SETTINGS.size_change:
        return False
    if is_numeric(b) or (is_numeric(a) and not (b[0].islower() or b[0] == "(")):
        return False
    first = below.words[0]
    width = above.x1 - above.x0
    if (
        width + SETTINGS.space * first.size + (first.x1 - first.x0) > capacity + SETTINGS.hairline
        and width >= SETTINGS.full_line * capacity
    ):
        return True
    if b[0].islower() or a[-1] in "-/,&(+" or b[0] in ")/&":
        return True
    return a.split()[-1].lower() in _CONNECTOR


def build_rows(
    lines: Sequence[Line],
    chunks: Sequence[Sequence[Line]],
    cols: Columns,
    rulings: Sequence[float] = (),
) -> list[_Row]:
    """Lines grouped into rows, each row's chunks sorted into columns."""
    rows: list[_Row] = []
    joiner = _RowJoiner(lines, cols, rulings)
    for index, (line, pieces) in enumerate(zip(lines, chunks, strict=True)):
        cells: dict[int, list[tuple[Line, int]]] = {}
        for piece in (part for chunk in pieces for part in cols.aligned_parts(chunk)):
            first, last = cols.span_of(piece.x0, piece.x1)
            cells.setdefault(first, []).append((piece, last - first + 1))
        if rows and joiner.joins(rows[-1], line, cells, index):
            rows[-1].lines.append(line)
            for col, items in cells.items():
                rows[-1].cells.setdefault(col, []).extend(items)
        else:
            rows.append(_Row([line], {col: list(items) for col, items in cells.items()}))
    return rows


class _RowJoiner:
    """Decides whether a line carries on the row above it."""

    def __init__(self, lines: Sequence[Line], cols: Columns, rulings: Sequence[float]):
        self.cols = cols
        self.rulings = rulings
        self.height = (
            statistics.median(ln.bottom - ln.top for ln in lines) if lines else SETTINGS.default_line_height
        )
        self.bands = _rows_marked_by_rulings(lines, rulings)
        # The usual gap between the lines of one cell; a clearly wider gap ends a row.
        gaps = sorted(b.top - a.bottom for a, b in pairwise(lines) if b.top >= a.bottom)
        quantiles = SETTINGS.leading_quantiles
        self.leading = gaps[len(gaps) // quantiles] if len(gaps) >= quantiles else None
        self.cell_gap = _cell_gap(gaps, self.height)

    def joins(self, row: _Row, line: Line, cells: dict[int, list[tuple[Line, int]]], index: int) -> bool:
        above = row.lines[-1]
        gap = line.top - above.bottom
        slack = SETTINGS.edge_slack
        if any(above.bottom - slack <= y <= line.top + slack for y in self.rulings):
            return False
        if self.bands is not None and None not in (self.bands[index], self.bands[index - 1]):
            return self.bands[index] == self.bands[index - 1] and not self._stacks_figures(row, cells)
        if gap > SETTINGS.row_gap * self.height:
            return False
        if self.leading is not None and gap > max(
            SETTINGS.row_spacing * self.leading, self.leading + SETTINGS.row_space * self.height
        ):
            return False
        # Rows set apart by space: a line close under the row, printing only right of the
        # row's first cell and in some of its cells, carries on its cells, whatever their
        # words. (A label left of a row that has none starts a row: labels lead their rows.)
        if (
            self.cell_gap is not None
            and gap <= self.cell_gap
            and min(cells, default=0) > min(row.cells, default=0)
            and any(col in row.cells for col in cells)
            and not self._stacks_figures(row, cells)
        ):
            return True
        overlapping = gap < -SETTINGS.overlap * self.height
        for col, items in cells.items():
            previous = row.cells.get(col)
            if not previous:
                continue
            last = max((c for c, _ in previous), key=lambda c: c.bottom)
            if overlapping and last.bottom <= line.top + SETTINGS.hairline:
                continue
            capacity = self.cols.zones[col][1] - self.cols.zones[col][0]
            if not _wraps(last, items[0][0], capacity):
                return False
        # A line adding only new cells joins when it sits level with the row (a value
        # set against the middle of a wrapped label); else it starts the next row.
        return overlapping or any(col in row.cells for col in cells)

    @staticmethod
    def _stacks_figures(row: _Row, cells: dict[int, list[tuple[Line, int]]]) -> bool:
        """Whether a line puts a figure under a figure of the row: figures never wrap."""
        for col, items in cells.items():
            previous = row.cells.get(col)
            if previous and is_numeric(previous[-1][0].text) and is_numeric(items[0][0].text):
                return True
        return False


def _cell_gap(gaps: Sequence[float], height: float) -> float | None:
    """The gap dividing a cell's line spacing from the space between rows, when space
    sets the rows apart; else None.

    The gaps then fall in groups: a cell's line spacing, and wider ones (the space
    between rows, more beside a tall merged cell); the first clear step up from the
    narrowest gap divides them.
    """
    steps = [i for i, (a, b) in enumerate(pairwise(gaps)) if b - a >= SETTINGS.row_space * height]
    if not steps:
        return None
    return (gaps[steps[0]] + gaps[steps[0] + 1]) / 2


def _rows_marked_by_rulings(lines: Sequence[Line], rulings: Sequence[float]) -> list[int | None] | None:
    """Band number of each line when horizontal rulings mark out the rows, else None (for a
    line, None when its band holds several rows).

    Rulings mark out rows when most of the bands between them hold a single line:
    then the lines between two rulings are one row, however many there are.
    """
    if len(lines) < SETTINGS.ruled_bands or not rulings:
        return None
    bands = [sum(1 for y in rulings if y < (ln.top + ln.bottom) / 2) for ln in lines]
    filled: dict[int, int] = {}
    for b in bands:
        filled[b] = filled.get(b, 0) + 1
    singles = sum(1 for n in filled.values() if n == 1)
    if len(filled) < SETTINGS.ruled_bands or singles < SETTINGS.majority * len(filled):
        return None
    # A band holding several lines of figures holds several rows (figures never wrap): there
    # the rulings mark groups of rows, which are told apart as in a table without rulings.
    figured: dict[int, int] = {}
    for b, line in zip(bands, lines, strict=True):
        figured[b] = figured.get(b, 0) + any(is_figure(w.text) for w in line.words)
    return [None if figured[b] > 1 else b for b in bands]


@guarded(EXTRACTOR, "table region", page=lambda lines, page, *_, **__: page)
def region_table(
    lines: Sequence[Line],
    page: int,
    rulings: Sequence[Segment] = (),
    bbox: BBox | None = None,
    rotated: Sequence[Char] = (),
) -> Fragment | None:
    """The grid of the table made of ``lines`` (and ``rotated`` glyphs) inside one region.

    Args:
        lines: the table's upright lines.
        page: its page number.
        rulings: rulings in and around the table, used as column and row boundaries.
        bbox: the region, when known; else the extent of the text.
        rotated: glyphs set at a right angle in the table (labels of merged cells).
    """
    lines = sorted(lines, key=lambda ln: (ln.top, ln.x0))
    if not lines:
        return None
    blocks = [_Rotated(chars) for chars in rotated_blocks(rotated)]
    x0 = min([ln.x0 for ln in lines] + [b.x0 for b in blocks])
    x1 = max([ln.x1 for ln in lines] + [b.x1 for b in blocks])
    top = min([ln.top for ln in lines] + [b.top for b in blocks])
    bottom = max([ln.bottom for ln in lines] + [b.bottom for b in blocks])
    box = bbox or (x0, top, x1, bottom)
    verticals = [
        s.pos
        for s in rulings
        if not s.horizontal
        and min(s.end, bottom) - max(s.start, top) >= SETTINGS.vertical_share * (bottom - top)
    ]
    horizontals = [
        s.pos
        for s in rulings
        if s.horizontal
        and top - SETTINGS.edge_slack < s.pos < bottom + SETTINGS.edge_slack
        and min(s.end, x1) - max(s.start, x0) >= SETTINGS.horizontal_share * (x1 - x0)
    ]
    chunks = line_chunks(lines, verticals)
    extents = [(b.x0, b.x1) for b in blocks]
    cols = find_columns(chunks, verticals, extents)
    if cols is None:
        return None
    cols = cols.with_blocks(extents)
    rows = build_rows(lines, chunks, cols, horizontals)
    return _fragment(rows, cols, page, box, horizontals, blocks)


@dataclass(frozen=True)
class _Rotated:
    """A label set at a right angle: its glyphs and their extent."""

    chars: Sequence[Char]

    @property
    def x0(self) -> float:
        return min(c["x0"] for c in self.chars)

    @property
    def x1(self) -> float:
        return max(c["x1"] for c in self.chars)

    @property
    def top(self) -> float:
        return min(c["top"] for c in self.chars)

    @property
    def bottom(self) -> float:
        return max(c["bottom"] for c in self.chars)


def _place_rotated(
    blocks: Sequence[_Rotated],
    cols: Columns,
    rows: Sequence[_Row],
    row_edges: Sequence[float],
    cells: dict[tuple[int, int], Cell],
) -> list[tuple[_Rotated, int, int]]:
    """First row and row span of each rotated label.

    A rotated label set beside a group of rows (a directorate down the side of its
    services) spans rows of its column that hold no other text. A merged cell's text
    is centred in it, so labels sharing a run of such rows split it where each one's
    rows are centred on it most nearly. Rows are measured from the top of their text
    to the top of the next row's: text sits at the top of its cell, and a row heightened
    for a tall rotated label leaves its extra space under its text.
    """
    n_rows = len(row_edges) - 1
    # A cell reaches above its text by the padding: half the usual space between rows.
    pad = statistics.median(b.top - a.bottom for a, b in pairwise(rows)) / 2 if len(rows) > 1 else 0.0
    tops = [*(row.top - pad for row in rows), rows[-1].bottom + pad]
    placed = []
    by_col: dict[int, list[_Rotated]] = {}
    for block in blocks:
        by_col.setdefault(cols.span_of(block.x0, block.x1)[0], []).append(block)
    for col, group in by_col.items():
        free = [(r, col) not in cells for r in range(n_rows)]
        runs: dict[tuple[int, int], list[tuple[int, _Rotated]]] = {}
        for block in sorted(group, key=lambda b: b.top):
            centre = (block.top + block.bottom) / 2
            home = min(range(n_rows), key=lambda r: _distance((row_edges[r], row_edges[r + 1]), centre))
            lo = hi = home
            while lo > 0 and free[lo - 1]:
                lo -= 1
            while hi + 1 < n_rows and free[hi + 1]:
                hi += 1
            if not free[home] or any(h == home for h, _ in runs.get((lo, hi), ())):
                # Beside a row's own text, or a second label in one row: it adds to that text.
                placed.append((block, home, 1))
            else:
                runs.setdefault((lo, hi), []).append((home, block))
        for (lo, hi), members in runs.items():
            members.sort(key=lambda m: m[0])
            ends = _centred_split(members, lo, hi, tops)
            firsts = [lo, *(e + 1 for e in ends[:-1])]
            placed.extend(
                (block, a, b - a + 1) for (_, block), a, b in zip(members, firsts, ends, strict=True)
            )
    return placed


def _centred_split(
    members: Sequence[tuple[int, _Rotated]], lo: int, hi: int, row_starts: Sequence[float]
) -> list[int]:
    """Last row of each label's share of rows ``lo``..``hi``: each share holds its label's
    row (``members`` are in row order, one to a row), and the shares' centres lie as
    near their labels' centres as they can."""
    homes = [h for h, _ in members]
    centres = [(b.top + b.bottom) / 2 for _, b in members]
    best: dict[tuple[int, int], tuple[float, list[int]]] = {}

    def split(i: int, first: int) -> tuple[float, list[int]]:
        if (i, first) in best:
            return best[(i, first)]
        final = i == len(members) - 1
        options = []
        for end in [hi] if final else range(max(first, homes[i]), homes[i + 1]):
            error = abs((row_starts[first] + row_starts[end + 1]) / 2 - centres[i])
            if final:
                options.append((error, [end]))
            else:
                rest, ends = split(i + 1, end + 1)
                options.append((error + rest, [end, *ends]))
        best[(i, first)] = min(options, key=lambda o: o[0])
        return best[(i, first)]

    return split(0, lo)[1]


def _heading_rows(rows: Sequence[_Row]) -> int:
    """Rows above the first row that holds a figure: the table's headings."""
    for r, row in enumerate(rows[: SETTINGS.max_heading_rows + 1]):
        if any(is_figure(piece.text) for items in row.cells.values() for piece, _ in items):
            return r
    return 0


def _spread_headings(
    cells: dict[tuple[int, int], Cell], rows: Sequence[_Row], cols: Columns, edges: Sequence[float]
) -> None:
    """Headings of a group of columns made to span the group (in place).

    A heading over a group ("Total" over "Core | External | Total") is printed once,
    centred over the group or starting where it starts. Of the runs of columns headed in
    the rows below and by no other heading of its row, cutting no group of the row below,
    it spans the one it is most nearly centred over for the run's width, or else the
    widest it starts with.
    """
    heads = _heading_rows(rows)
    # From the lowest heading row up, so that a heading spans whole groups of the row below.
    for r in range(heads - 2, -1, -1):
        own = {
            col: cell for (row, col), cell in cells.items() if row == r and cell.text and not cell.vertical
        }
        if any(col not in rows[r].cells for col in own):
            continue
        below = {col for (row, col), cell in cells.items() if r < row < heads and cell.text}
        taken = {k for col, cell in own.items() for k in cell.cols}
        groups = [cell.cols for (row, _), cell in cells.items() if row == r + 1 and cell.text]
        for col, cell in sorted(own.items()):
            pieces = [p for p, _ in rows[r].cells[col]]
            x0, x1 = min(p.x0 for p in pieces), max(p.x1 for p in pieces)
            size = max(p.size for p in pieces)
            free = [k for k in range(len(cols.zones)) if k in cell.cols or (k in below and k not in taken)]
            centred: list[tuple[float, int, int]] = []
            aligned: list[tuple[int, int]] = []
            for lo in range(cell.col, -1, -1):
                if lo not in free:
                    break
                for hi in range(cell.col + cell.colspan - 1, len(cols.zones)):
                    if hi not in free:
                        break
                    if any((lo in g and g.start < lo) or (hi in g and hi + 1 < g.stop) for g in groups):
                        continue
                    a, b = cols.zones[lo][0], cols.zones[hi][1]
                    off = abs((x0 + x1) / 2 - (a + b) / 2)
                    if off <= max(size, SETTINGS.centred * (b - a)):
                        centred.append((off / max(b - a, 1.0), lo, hi))
                    elif abs(x0 - a) <= SETTINGS.align:
                        aligned.append((lo, hi))
            # The run the heading is most nearly centred over, for its width; else the widest
            # it starts with.
            if centred:
                lo, hi = min(centred)[1:]
            elif aligned:
                lo, hi = max(aligned, key=lambda run: run[1] - run[0])
            else:
                continue
            if (lo, hi) == (cell.col, cell.col + cell.colspan - 1):
                continue
            taken.update(range(lo, hi + 1))
            del cells[(r, col)]
            box = (edges[lo], cell.bbox[1], edges[hi + 1], cell.bbox[3])
            cells[(r, lo)] = replace(cell, col=lo, colspan=hi - lo + 1, bbox=box)


def _fragment(
    rows: Sequence[_Row],
    cols: Columns,
    page: int,
    box: BBox,
    rulings: Sequence[float] = (),
    blocks: Sequence[_Rotated] = (),
) -> Fragment | None:
    edges = cols.edges
    row_edges = [rows[0].top] + [(a.bottom + b.top) / 2 for a, b in pairwise(rows)] + [rows[-1].bottom]
    cells: dict[tuple[int, int], Cell] = {}
    for r, row in enumerate(rows):
        taken: set[int] = set()
        for col in sorted(row.cells):
            if col in taken:
                continue
            items = sorted(row.cells[col], key=lambda it: (it[0].top, it[0].x0))
            span = min(max(n for _, n in items), len(cols.zones) - col)
            # A spanning piece claims the columns it covers unless they hold text themselves.
            while span > 1 and any(c in row.cells for c in range(col + 1, col + span)):
                span -= 1
            taken.update(range(col, col + span))
            pieces = [c for c, _ in items]
            words = [w for c in pieces for w in c.words]
            cells[(r, col)] = Cell(
                row=r,
                col=col,
                text=cell_text(pieces, width=cols.zones[col + span - 1][1] - cols.zones[col][0]),
                bbox=(edges[col], row_edges[r], edges[col + span], row_edges[r + 1]),
                colspan=span,
                bold=bool(words) and all(w.bold for w in words),
            )
    for block, first, rowspan in _place_rotated(blocks, cols, rows, row_edges, cells):
        col = cols.span_of(block.x0, block.x1)[0]
        text = collapse(" ".join(rotated_lines(block.chars)))
        if (first, col) in cells:
            old = cells[(first, col)]
            cells[(first, col)] = replace(old, text=collapse(f"{old.text} {text}"))
            continue
        cells[(first, col)] = Cell(
            row=first,
            col=col,
            text=text,
            bbox=(edges[col], row_edges[first], edges[col + 1], row_edges[first + rowspan]),
            rowspan=rowspan,
            vertical=True,
        )
    _spread_headings(cells, rows, cols, edges)
    # Without a grid, a rule under the first row or rows marks them as the header.
    header = next(
        (
            r + 1
            for r in range(min(SETTINGS.max_ruled_header, len(rows) - 2))
            if any(
                rows[r].bottom - SETTINGS.edge_slack <= y <= rows[r + 1].top + SETTINGS.edge_slack
                for y in rulings
            )
        ),
        0,
    )
    frag = Fragment(
        page=page,
        bbox=box,
        cells=sorted(cells.values(), key=lambda c: (c.row, c.col)),
        ruled=False,
        header_rows=header,
        col_edges=edges,
        row_edges=row_edges,
    )
    return drop_empty_lines(frag)
