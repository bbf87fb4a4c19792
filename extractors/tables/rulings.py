"""Ruling lines: the horizontal and vertical strokes a page draws, merged and grouped.

Tables are drawn in many ways: line segments, thin filled rectangles, stroked cell
rectangles, shaded cell backgrounds, or one path tracing the whole grid. All of them
become axis-aligned :class:`Segment` objects here; collinear pieces are merged and
segments that touch are grouped into the connected sets a table grid is made of.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from pdfplumber.page import Page

from extractors.tables.settings import SETTINGS
from schemas.records import BBox


@dataclass(frozen=True)
class Segment:
    """An axis-aligned ruling: ``pos`` across it, ``start``..``end`` along it."""

    horizontal: bool
    pos: float
    start: float
    end: float

    @property
    def length(self) -> float:
        return self.end - self.start

    @property
    def bbox(self) -> BBox:
        if self.horizontal:
            return (self.start, self.pos, self.end, self.pos)
        return (self.pos, self.start, self.pos, self.end)

    def meets(self, other: Segment, tol: float = SETTINGS.touch) -> bool:
        """Whether two rulings cross or touch (perpendicular) or overlap (parallel)."""
        if self.horizontal == other.horizontal:
            return (
                abs(self.pos - other.pos) <= tol
                and self.start <= other.end + tol
                and other.start <= self.end + tol
            )
        return (
            self.start - tol <= other.pos <= self.end + tol
            and other.start - tol <= self.pos <= other.end + tol
        )


@dataclass(frozen=True)
class RulingSet:
    """Rulings that touch one another: a table grid or a group of rules."""

    horizontals: tuple[Segment, ...]
    verticals: tuple[Segment, ...]

    @property
    def bbox(self) -> BBox:
        boxes = [s.bbox for s in (*self.horizontals, *self.verticals)]
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )


def is_white(color: object) -> bool:
    """Whether a fill colour (grey, RGB or CMYK) is white, so draws nothing on paper."""
    if not isinstance(color, tuple | list) or not color:
        return False
    values = [float(v) for v in color if isinstance(v, int | float)]
    if len(values) == 4:  # CMYK: white has no ink
        return max(values) <= 1 - SETTINGS.white
    return bool(values) and min(values) >= SETTINGS.white


def page_segments(page: Page) -> list[Segment]:
    """Every visible horizontal and vertical stroke of a page (or of a cropped page)."""
    segs: list[Segment] = []
    for line in page.lines:
        segs.extend(
            _from_points(line.get("pts") or [(line["x0"], line["top"]), (line["x1"], line["bottom"])])
        )
    boxes = box_objects(page)
    fills = _fills_by_colour(boxes)
    for rect in boxes:
        segs.extend(_from_rect(rect, page, fills))
    for curve in page.curves:
        if curve.get("stroke"):
            segs.extend(_from_points(curve.get("pts") or []))
    x0, top, x1, bottom = page.bbox
    clipped = []
    for s in segs:
        lo, hi = (x0, x1) if s.horizontal else (top, bottom)
        across = (top, bottom) if s.horizontal else (x0, x1)
        if not across[0] - SETTINGS.hairline <= s.pos <= across[1] + SETTINGS.hairline:
            continue
        start, end = max(s.start, lo), min(s.end, hi)
        if end - start >= SETTINGS.min_length:
            clipped.append(Segment(s.horizontal, s.pos, start, end))
    return clipped


def box_objects(page: Page) -> list[dict]:
    """The page's rectangles, with filled paths that trace a rectangle without closing it."""
    return [*page.rects, *(c for c in page.curves if not c.get("stroke") and c.get("fill") and _boxlike(c))]


def _boxlike(obj: dict) -> bool:
    pts = obj.get("pts") or []
    x0, top, x1, bottom = obj["x0"], obj["top"], obj["x1"], obj["bottom"]
    near = SETTINGS.hairline
    on_edge = all(
        (abs(x - x0) < near or abs(x - x1) < near) and (abs(y - top) < near or abs(y - bottom) < near)
        for x, y in pts
    )
    return 4 <= len(pts) <= 5 and on_edge


def _from_points(pts: Sequence[tuple[float, float]]) -> list[Segment]:
    segs = []
    level, least = SETTINGS.hairline, SETTINGS.min_length
    for (ax, ay), (bx, by) in pairwise(pts):
        if abs(ay - by) < level and abs(ax - bx) >= least:
            segs.append(Segment(True, (ay + by) / 2, min(ax, bx), max(ax, bx)))
        elif abs(ax - bx) < level and abs(ay - by) >= least:
            segs.append(Segment(False, (ax + bx) / 2, min(ay, by), max(ay, by)))
    return segs


def _colour_key(color: object) -> tuple:
    if not isinstance(color, tuple | list):
        return (color,)
    return tuple(round(float(v), SETTINGS.colour_digits) for v in color if isinstance(v, int | float))


def _fills_by_colour(rects: Sequence[dict]) -> dict[tuple, list[BBox]]:
    out: dict[tuple, list[BBox]] = {}
    for r in rects:
        if r.get("fill") and not r.get("stroke"):
            out.setdefault(_colour_key(r.get("non_stroking_color")), []).append(
                (r["x0"], r["top"], r["x1"], r["bottom"])
            )
    return out


def _from_rect(rect: dict, page: Page, fills: dict[tuple, list[BBox]]) -> list[Segment]:
    x0, top, x1, bottom = rect["x0"], rect["top"], rect["x1"], rect["bottom"]
    w, h = x1 - x0, bottom - top
    stroked = rect.get("stroke", False)
    filled = rect.get("fill", False)
    if not stroked and (not filled or is_white(rect.get("non_stroking_color"))):
        return []
    if h <= SETTINGS.thin and w > h:
        return [Segment(True, (top + bottom) / 2, x0, x1)] if w >= SETTINGS.min_length else []
    if w <= SETTINGS.thin and h > w:
        return [Segment(False, (x0 + x1) / 2, top, bottom)] if h >= SETTINGS.min_length else []
    if w * h > SETTINGS.page_background * page.width * page.height:
        return []  # a page background or frame, not a table
    edges = [
        Segment(True, top, x0, x1),
        Segment(True, bottom, x0, x1),
        Segment(False, x0, top, bottom),
        Segment(False, x1, top, bottom),
    ]
    if stroked:
        return edges
    # A filled box shows an edge only where the colour changes: backgrounds drawn as
    # nested or abutting boxes of one colour (a cell, then each of its text lines)
    # have no visible boundary between them.
    same = [
        b for b in fills.get(_colour_key(rect.get("non_stroking_color")), []) if b != (x0, top, x1, bottom)
    ]
    outward = ((0, -1), (0, 1), (-1, 0), (1, 0))
    return [e for e, d in zip(edges, outward, strict=True) if not _hidden(e, d, same)]


def _hidden(edge: Segment, direction: tuple[int, int], boxes: Sequence[BBox]) -> bool:
    """Whether the far side of a filled box's edge is covered by boxes of its colour."""
    if not boxes:
        return False
    probes = []
    for t in SETTINGS.edge_probes:
        along = edge.start + t * (edge.end - edge.start)
        if edge.horizontal:
            probes.append((along, edge.pos + SETTINGS.probe_offset * direction[1]))
        else:
            probes.append((edge.pos + SETTINGS.probe_offset * direction[0], along))
    return all(any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes) for x, y in probes)


def merge_segments(segs: Iterable[Segment]) -> list[Segment]:
    """Collinear and near-parallel overlapping strokes merged into single rulings."""
    out: list[Segment] = []
    for horizontal in (True, False):
        group = sorted((s for s in segs if s.horizontal == horizontal), key=lambda s: s.pos)
        rows: list[list[Segment]] = []
        for s in group:
            if rows and s.pos - rows[-1][-1].pos <= SETTINGS.merge_gap:
                rows[-1].append(s)
            else:
                rows.append([s])
        for row in rows:
            out.extend(_join_collinear(row, horizontal))
    return out


def _join_collinear(row: list[Segment], horizontal: bool) -> list[Segment]:
    pos = sum(s.pos * s.length for s in row) / max(sum(s.length for s in row), 1e-6)
    merged: list[list[float]] = []
    for s in sorted(row, key=lambda s: s.start):
        if merged and s.start <= merged[-1][1] + SETTINGS.join_gap:
            merged[-1][1] = max(merged[-1][1], s.end)
        else:
            merged.append([s.start, s.end])
    return [Segment(horizontal, pos, a, b) for a, b in merged]


def ruling_sets(segs: Sequence[Segment]) -> list[RulingSet]:
    """Rulings grouped into connected sets (touching rulings share a set)."""
    parent = list(range(len(segs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(segs)), key=lambda i: segs[i].bbox[1])
    # Sweep top to bottom so only rulings that can overlap vertically are compared.
    active: list[int] = []
    for i in order:
        top = segs[i].bbox[1]
        active = [j for j in active if segs[j].bbox[3] >= top - SETTINGS.touch]
        for j in active:
            if segs[i].meets(segs[j]):
                parent[find(i)] = find(j)
        active.append(i)
    groups: dict[int, list[Segment]] = {}
    for i, s in enumerate(segs):
        groups.setdefault(find(i), []).append(s)
    return [
        RulingSet(
            tuple(sorted((s for s in g if s.horizontal), key=lambda s: (s.pos, s.start))),
            tuple(sorted((s for s in g if not s.horizontal), key=lambda s: (s.pos, s.start))),
        )
        for g in groups.values()
    ]


def slanted_strokes(page: Page, box: BBox) -> int:
    """Number of slanted (neither horizontal nor vertical) strokes drawn across ``box``.

    Tables are drawn with straight rulings; plotted lines, curves and slanted strokes
    in quantity mean a chart, whose legend and axis labels may line up like a table.
    """
    x0, top, x1, bottom = box
    count = 0
    for obj in (*page.lines, *page.curves):
        if obj["x1"] < x0 or obj["x0"] > x1 or obj["bottom"] < top or obj["top"] > bottom:
            continue
        pts = obj.get("pts") or []
        for (ax, ay), (bx, by) in pairwise(pts):
            if abs(ax - bx) > SETTINGS.hairline and abs(ay - by) > SETTINGS.hairline:
                count += 1
    return count


def coverage(segs: Iterable[Segment], start: float, end: float) -> float:
    """Fraction of ``start``..``end`` covered by the given collinear segments."""
    if end <= start:
        return 1.0
    spans = sorted((max(s.start, start), min(s.end, end)) for s in segs if s.end > start and s.start < end)
    covered, reach = 0.0, start
    for a, b in spans:
        if b <= reach:
            continue
        covered += b - max(a, reach)
        reach = b
    return covered / (end - start)
