"""Looking at a scanned page image: skew, orientation, rules, shading, type size and weight.

Pure image measurements (NumPy and OpenCV) on a grey page image rendered at
:data:`DPI`, which :mod:`pipeline.pdf.ocr` makes around the OCR engine: how crooked the
page lies, which rules and shaded cells it draws, which ink the engine left unread,
how large and how heavy the type of a line is, and the marks the engine misreads
(bullets, dashes, arrows), told by their shapes. Rules and fills are given in
points; boxes of ink in pixels.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

DPI = 300
PT_PER_PX = 72 / DPI

# Strokes at least this long (points) are rules, not parts of letters.
MIN_RULE = 24.0
# A shorter stroke is a rule only where it runs from one rule to another (a cell's side).
MIN_SHORT_RULE = 6.0
# A stroke thicker than this (points) is a filled bar, not a rule.
MAX_RULE_WIDTH = 3.0
# Shading is at least this much darker than the paper (grey levels of 255).
SHADE_DELTA = 20
# A shaded area is at least this big (points) each way: smaller grey blobs are letter rims.
MIN_SHADE = 6.0
# Print whose typical letter (blob of ink) is this high (pixels) reads best; smaller
# print is enlarged, up to this many times.
GOOD_LETTER = 28
MAX_ENLARGE = 1.6
# Skew searched for, either way (degrees).
MAX_SKEW = 6.0

# How high letters reach above the baseline, in font sizes, as a 300 dpi scan shows them
# (grey rim included) in common text faces: capitals and digits, lower-case ascenders,
# lower-case "t", the x-height. Brackets and signs vary too much from face to face.
_CAP_HEIGHT, _ASCENT, _T_HEIGHT, _X_HEIGHT = 0.72, 0.74, 0.68, 0.56
_ASCENDERS = set("bdfhijkl")
_X_LETTERS = set("acegmnopqrsuvwxyz")
# Tesseract's row height (descender to ascender) as a share of the font size.
_ROW_EM = 0.93
# Sizes within this ratio of a page's common size are that size, measured with noise.
_SAME_SIZE = 0.04
# Letters whose strokes are this much thicker, for their size, than ordinary text are
# bold, on a page set in one weight.
_BOLD_RATIO = 1.25
# Two clusters of stroke widths this far apart (heavier over lighter) are two weights;
# nearer, they are one weight measured with noise.
_WEIGHT_STEP = 1.2
# Where between the two clusters (on a log scale, 0 the lighter, 1 the heavier) the limit
# lies: regular small print in a second face (a page stamp) is heavier than the body's.
_BOLD_SPLIT = 0.55
# Stroke width over font size of ordinary (not bold) text, for pages with too few words
# to measure it on.
_REGULAR_STROKE = 0.095


# A pixel box: x0, top, x1, bottom.
Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class Rule:
    """A ruling line seen in the image: ``pos`` across it, ``start``..``end`` along it (points)."""

    horizontal: bool
    pos: float
    start: float
    end: float
    width: float


@dataclass(frozen=True)
class Fill:
    """A filled area seen in the image (shaded cell, dark bar), with its grey level (0-1)."""

    x0: float
    top: float
    x1: float
    bottom: float
    grey: float


@dataclass
class Graphics:
    """A page's rules and filled areas, and the page image without them (for OCR)."""

    clean: np.ndarray
    rules: list[Rule]
    fills: list[Fill]


def ink_threshold(grey: np.ndarray) -> int:
    """The grey level below which a pixel is ink (Otsu's threshold, never above mid-grey)."""
    level, _ = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return int(min(level, 160))


def _small(ink: np.ndarray) -> np.ndarray:
    return cv2.resize(ink.astype(np.float32), None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)


def _sharpness(profile: np.ndarray) -> float:
    return float(np.square(np.diff(profile)).sum())


def skew_angle(ink: np.ndarray) -> float:
    """The rotation (degrees, counter-clockwise) that makes the lines of print level.

    Projection profiles: rows of text (or columns, on a page lying on its side) give
    the sharpest profile when the rotation squares them.
    """
    small = _small(ink)
    if small.sum() < 50:
        return 0.0
    h, w = small.shape
    centre = (w / 2, h / 2)

    def score(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        turned = cv2.warpAffine(small, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=0.0)
        return max(_sharpness(turned.sum(axis=1)), _sharpness(turned.sum(axis=0)))

    level = score(0.0)
    coarse = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.5), key=score)
    best = max(np.arange(coarse - 0.5, coarse + 0.51, 0.05), key=score)
    # A gain this small is noise (a near-empty page, a picture): leave the page alone.
    if score(best) < 1.03 * level or abs(best) < 0.1:
        return 0.0
    return round(float(best), 2)


def rotate(grey: np.ndarray, angle: float) -> np.ndarray:
    """The image rotated ``angle`` degrees counter-clockwise about its centre, paper filling the corners."""
    h, w = grey.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    paper = int(np.percentile(grey, 90))
    return cv2.warpAffine(grey, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=paper)


def lies_sideways(ink: np.ndarray) -> bool:
    """Whether the lines of print run up or down the image rather than across it."""
    small = _small(ink)
    rows, cols = _sharpness(small.sum(axis=1)), _sharpness(small.sum(axis=0))
    return cols > 1.5 * rows


@dataclass(frozen=True)
class _Stroke:
    """A straight run of ink found in the image (pixels)."""

    horizontal: bool
    x: int
    y: int
    w: int
    h: int
    mask: np.ndarray

    @property
    def thickness(self) -> float:
        return float(self.mask.sum()) / max(self.w if self.horizontal else self.h, 1)

    def ends_on(self, across: Sequence[_Stroke], tol: int = 4) -> bool:
        """Whether both ends of this stroke meet strokes running across it."""
        if self.horizontal:
            mid, ends = self.y + self.h / 2, (self.x, self.x + self.w)
            spans = [(s.x + s.w / 2, s.y, s.y + s.h) for s in across]
        else:
            mid, ends = self.x + self.w / 2, (self.y, self.y + self.h)
            spans = [(s.y + s.h / 2, s.x, s.x + s.w) for s in across]
        return all(
            any(abs(pos - end) <= tol and lo - tol <= mid <= hi + tol for pos, lo, hi in spans)
            for end in ends
        )


def _strokes(ink: np.ndarray, horizontal: bool, length: int) -> tuple[list[_Stroke], np.ndarray]:
    """Runs of ink at least ``length`` pixels long in one direction, and their mask."""
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if horizontal else (1, length))
    runs = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
    found = []
    for i in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[i])
        found.append(_Stroke(horizontal, x, y, w, h, labels[y : y + h, x : x + w] == i))
    return found, runs


def separate_graphics(grey: np.ndarray, ink_level: int) -> Graphics:
    """Rules and shaded areas of the image, and the image without them for the OCR engine.

    Long straight strokes are rules. A short one (a cell border one row high) counts
    only where it runs from one rule to another, as no letter stroke does.
    """
    ink = np.where(grey < ink_level, 255, 0).astype(np.uint8)
    long_h, runs_h = _strokes(ink, True, round(MIN_RULE / PT_PER_PX))
    long_v, runs_v = _strokes(ink, False, round(MIN_RULE / PT_PER_PX))
    # Short runs, apart from the long rules they would otherwise be parts of.
    rest = cv2.bitwise_and(ink, cv2.bitwise_not(cv2.dilate(runs_h | runs_v, np.ones((5, 5), np.uint8))))
    short = round(MIN_SHORT_RULE / PT_PER_PX)
    short_h = [s for s in _strokes(rest, True, short)[0] if s.ends_on(long_v)]
    short_v = [s for s in _strokes(rest, False, short)[0] if s.ends_on(long_h)]
    paper_pixels = grey[grey >= ink_level]
    paper = int(np.median(paper_pixels)) if paper_pixels.size else 255
    clean = grey.copy()
    rules: list[Rule] = []
    fills: list[Fill] = []
    for stroke in (*long_h, *long_v, *short_h, *short_v):
        x, y, w, h = stroke.x, stroke.y, stroke.w, stroke.h
        if stroke.thickness * PT_PER_PX > MAX_RULE_WIDTH:
            fills.append(_fill(x, y, w, h, float(grey[y : y + h, x : x + w][stroke.mask].mean())))
            continue
        ys, xs = np.nonzero(stroke.mask)
        pos = (y + ys.mean() + 0.5) if stroke.horizontal else (x + xs.mean() + 0.5)
        start, end = (x, x + w) if stroke.horizontal else (y, y + h)
        rules.append(
            Rule(
                stroke.horizontal,
                round(float(pos) * PT_PER_PX, 2),
                round(start * PT_PER_PX, 2),
                round(end * PT_PER_PX, 2),
                round(max(stroke.thickness, 1.0) * PT_PER_PX, 2),
            )
        )
        # Erase a little wider than the stroke: its grey rim would read as letters.
        wider = cv2.dilate(np.pad(stroke.mask, 2).astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
        y0, x0 = y - 2, x - 2
        top, left = max(y0, 0), max(x0, 0)
        region = clean[top : y + h + 2, left : x + w + 2]
        region[wider[top - y0 : top - y0 + region.shape[0], left - x0 : left - x0 + region.shape[1]]] = paper
    fills.extend(_shading(clean, ink_level, paper))
    return Graphics(clean, rules, fills)


def _fill(x: int, y: int, w: int, h: int, level: float) -> Fill:
    return Fill(
        round(x * PT_PER_PX, 2),
        round(y * PT_PER_PX, 2),
        round((x + w) * PT_PER_PX, 2),
        round((y + h) * PT_PER_PX, 2),
        round(level / 255, 3),
    )


def _shading(clean: np.ndarray, ink_level: int, paper: int) -> list[Fill]:
    """Grey backgrounds (shaded header rows, banded tables); whitened in ``clean``."""
    band = ((clean >= ink_level) & (clean < paper - SHADE_DELTA)).astype(np.uint8)
    # Opening drops the grey rims of letters; closing fills the letters inside a cell.
    band = cv2.morphologyEx(band, cv2.MORPH_OPEN, np.ones((7, 7), np.uint8))
    band = cv2.morphologyEx(band, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(band, connectivity=4)
    least = MIN_SHADE / PT_PER_PX
    fills = []
    for i in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[i])
        if w < least or h < least or area < 0.85 * w * h:
            continue
        patch = clean[y : y + h, x : x + w]
        background = (labels[y : y + h, x : x + w] == i) & (patch >= ink_level)
        fills.append(_fill(x, y, w, h, float(patch[background].mean()) if background.any() else paper))
        patch[background] = paper
    return fills


def reading_scale(ink: np.ndarray) -> float:
    """How much to enlarge a page so its small print reads well (1 to :data:`MAX_ENLARGE`).

    The OCR engine reads best with letters some :data:`GOOD_LETTER` pixels high; small
    print in tables falls short of that at 300 dpi. The typical letter height is the
    median height of letter-sized blobs of ink; enlarging by less than a tenth is not
    worth its cost.
    """
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    letters = heights[(heights >= 6) & (heights <= 120) & (widths <= 2 * heights)]
    if letters.size < 20:
        return 1.0
    scale = float(np.clip(GOOD_LETTER / np.median(letters), 1.0, MAX_ENLARGE))
    return round(scale, 2) if scale >= 1.1 else 1.0


def unread_ink(ink: np.ndarray, words: Sequence[Box]) -> list[Box]:
    """Boxes of letter-sized ink that no word box covers (a lone digit in a table cell).

    Args:
        ink: the page's ink mask.
        words: the pixel boxes of the words read.
    """
    if words:
        heights = sorted(b[3] - b[1] for b in words)
        letter = heights[len(heights) // 2]
    else:
        letter = round(8 / PT_PER_PX)  # a small type size, for a page where nothing was read
    left = ink.astype(np.uint8)
    for x0, top, x1, bottom in words:
        left[max(top - 2, 0) : bottom + 3, max(x0 - 2, 0) : x1 + 3] = 0
    # Letters a little apart join into one blob per word or number.
    reach = max(1, letter // 6)
    joined = cv2.dilate(left, np.ones((3, 2 * reach + 1), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    found = []
    near = max(2, letter // 4)
    for i in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[i])
        box = (x + reach, y + 1, x + w - reach, y + h - 1)
        letter_high = 0.5 * letter <= h <= 1.6 * letter and w <= 30 * letter
        # A flat mark the width of a letter or two may be an arrow lying down.
        flat = 4 <= h < 0.5 * letter and 0.5 * letter <= w <= 3 * letter
        if not (letter_high or flat):
            continue
        # Ink right against a word is a piece of a letter its box cut off, not a word missed.
        if any(
            b[0] - near <= box[2] and box[0] <= b[2] + near and b[1] <= box[3] and box[1] <= b[3]
            for b in words
        ):
            continue
        found.append(box)
    return found


def strip_of(
    clean: np.ndarray, boxes: Sequence[Box], context: Sequence[Box | None] = ()
) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """The boxes' pixels set side by side on one line, and where each box was put (x, y).

    Page layout analysis passes over a lone mark; set in a row with space between, the
    marks read as the words of a single line of text. A mark given a ``context`` box
    (the word after it in its line) is followed by that word, a word space away and at
    its height in the line: an item number read alone ("1.") is easily misread, and
    reads right before the title it numbers.
    """
    context = list(context) or [None] * len(boxes)
    # Each piece: the mark's span with its context, and its pixels placed in that span.
    spans = [_joined_span(box, near) for box, near in zip(boxes, context, strict=True)]
    height = max(bottom - top for _, top, _, bottom in spans)
    gap = max(4 * height, 40)
    width = sum(x1 - x0 for x0, _, x1, _ in spans) + gap * (len(boxes) + 1)
    strip = np.full((height + 2 * gap, width), int(np.percentile(clean, 90)), dtype=np.uint8)
    places = []
    x = gap
    for (x0, top, x1, bottom), near, span in zip(boxes, context, spans, strict=True):
        # Pieces stand on one line: their bottoms level.
        base = gap + height - (span[3] - span[1])
        y = base + top - span[1]
        strip[y : y + bottom - top, x : x + x1 - x0] = clean[top:bottom, x0:x1]
        places.append((x, y))
        if near is not None:
            nx0, ntop, nx1, nbottom = near
            at = x + x1 - x0 + _word_space(bottom - top)
            strip[base + ntop - span[1] : base + nbottom - span[1], at : at + nx1 - nx0] = clean[
                ntop:nbottom, nx0:nx1
            ]
        x += span[2] - span[0] + gap
    return strip, places


def _word_space(height: int) -> int:
    return max(height // 2, 4)


def _joined_span(box: Box, near: Box | None) -> Box:
    """The box of a mark set with its context word a word space after it (x from the mark)."""
    x0, top, x1, bottom = box
    if near is None:
        return box
    width = x1 - x0 + _word_space(bottom - top) + near[2] - near[0]
    return (x0, min(top, near[1]), x0 + width, max(bottom, near[3]))


def _reach(text: str) -> tuple[float, int] | None:
    """How high (in font sizes) the letters of a word reach above the baseline, and how many letters tell.

    None for an e-mail address: its "@" rises above the letters, by a share that varies
    from face to face, and the OCR engine gives the whole address the "@"'s height.
    """
    if "@" in text:
        return None
    tops = []
    for ch in text:
        if ch in _ASCENDERS:
            tops.append(_ASCENT)
        elif ch.isupper() or ch.isdigit():
            tops.append(_CAP_HEIGHT)
        elif ch == "t":
            tops.append(_T_HEIGHT)
        elif ch in _X_LETTERS:
            tops.append(_X_HEIGHT)
    return (max(tops), len(tops)) if tops else None


def line_size(words: Sequence[tuple[str, float]], row: float) -> float:
    """The font size (pixels) of one line of print from how high its words rise.

    A word's box reaches from the baseline up to its tallest letter, which the letters
    it holds tell in font sizes (capitals and ascenders about 0.72, "me" only its
    x-height); the line's size is its words' median. Descenders, commas and tails are
    left out: they vary from face to face. Tesseract's row height (``row``) stands in
    when no word has such letters.

    Args:
        words: each word's text and height above the baseline (pixels).
        row: Tesseract's row height for the line (pixels).
    """
    estimates: list[tuple[float, float]] = []
    for text, rise in words:
        reach = _reach(text)
        if reach is not None and rise > 1:
            estimates.append((rise / reach[0], reach[1]))
    if estimates:
        return _weighted_median(estimates)
    tallest = max((h for _, h in words), default=0.0)
    return row / _ROW_EM if 0.6 * tallest <= row <= 2.5 * tallest else 1.4 * tallest


def _weighted_quantile(pairs: Sequence[tuple[float, float]], q: float) -> float:
    """The value below which a share ``q`` of the weight lies, for (value, weight) pairs."""
    ordered = sorted(pairs)
    target = q * sum(w for _, w in ordered)
    running = 0.0
    for value, weight in ordered:
        running += weight
        if running >= target:
            return value
    return ordered[-1][0]


def _weighted_median(pairs: Sequence[tuple[float, float]]) -> float:
    return _weighted_quantile(pairs, 0.5)


def settle_sizes(sizes: Sequence[float], weights: Sequence[float]) -> list[float]:
    """Line sizes with measuring noise removed: lines near a common size take that size.

    The most common size of the page (by letters) is found first, every line within
    :data:`_SAME_SIZE` of it takes it, and so on with the lines left, so that one
    font size reads as one size on the page, as it does in a born-digital PDF.
    """
    out = list(sizes)
    left = set(range(len(sizes)))

    def near(centre: float) -> list[int]:
        return [j for j in left if abs(sizes[j] - centre) <= _SAME_SIZE * centre]

    while left:
        seed = max(left, key=lambda i: sum(weights[j] for j in near(sizes[i])))
        centre = round(_weighted_median([(sizes[j], weights[j]) for j in near(sizes[seed])]), 1)
        group = near(centre) or [seed]
        for j in group:
            out[j] = centre
        left -= set(group)
    return out


def _stroke(ink: np.ndarray) -> tuple[int, int]:
    """Ink pixels and edge pixels of a patch: their ratio is about half the stroke width."""
    if not ink.size:
        return 0, 0
    patch = ink.astype(np.uint8)
    inner = cv2.erode(patch, np.array([[0, 1, 0], [1, 1, 1], [0, 1, 0]], np.uint8), borderValue=0)
    area = int(patch.sum())
    return area, area - int(inner.sum())


def bold_words(
    lines: Sequence[Sequence[tuple[str, Box]]], sizes: Sequence[float], ink: np.ndarray
) -> list[list[bool]]:
    """Which words are bold, from how thick their strokes are for their size.

    A bold face's strokes are thicker than the regular face's, whatever the size; the
    page's words themselves tell where the two weights part (see :func:`_bold_limit`).
    A word of one or two letters is too small to measure and takes its line's weight.

    Args:
        lines: the words of each line: text and pixel box (x0, top, x1, bottom).
        sizes: each line's font size (pixels).
        ink: the page's ink mask.
    """
    ratios: list[list[float | None]] = []
    line_ratio: list[float | None] = []
    measured: list[tuple[float, float]] = []
    for words, size in zip(lines, sizes, strict=True):
        row, total_area, total_edge = [], 0, 0
        for text, (x0, top, x1, bottom) in words:
            area, edge = _stroke(ink[top : bottom + 1, x0 : x1 + 1])
            total_area, total_edge = total_area + area, total_edge + edge
            letters = sum(ch.isalnum() for ch in text)
            if letters >= 3 and edge:
                ratio = 2 * area / edge / size
                row.append(ratio)
                measured.append((ratio, letters))
            else:
                row.append(None)
        ratios.append(row)
        line_ratio.append(2 * total_area / total_edge / size if total_edge else None)
    limit = _bold_limit(measured)
    out = []
    for row, whole in zip(ratios, line_ratio, strict=True):
        out.append([(r if r is not None else (whole or 0.0)) > limit for r in row])
    return out


def _bold_limit(measured: Sequence[tuple[float, float]]) -> float:
    """The stroke ratio above which a word is bold, from the (ratio, letters) of a page's words.

    A page set in two weights shows two clusters of ratios; they part where the split
    of the (log) ratios leaves the clusters most apart, and when the heavier cluster is
    at least :data:`_WEIGHT_STEP` times the lighter, the limit lies between them, a
    little nearer the heavier (:data:`_BOLD_SPLIT`). This holds whichever weight has
    more words (an agenda of bold item titles), and in faces whose bold is only a little
    heavier than the regular (capitals of a serif face, blurred or low-resolution scans).
    A page in one weight is regular unless its strokes are bold for any face.
    """
    if len(measured) < 10:
        return _BOLD_RATIO * _REGULAR_STROKE
    points = sorted((float(np.log(ratio)), letters) for ratio, letters in measured)
    total = sum(w for _, w in points)
    moment = sum(v * w for v, w in points)
    best: tuple[float, float, float] | None = None
    weight = first = 0.0
    for (value, letters), (following, _) in itertools.pairwise(points):
        weight, first = weight + letters, first + value * letters
        if value == following:
            continue
        light, heavy = first / weight, (moment - first) / (total - weight)
        between = weight * (total - weight) * (heavy - light) ** 2
        if best is None or between > best[0]:
            best = (between, light, heavy)
    if best is not None and best[2] - best[1] >= float(np.log(_WEIGHT_STEP)):
        return float(np.exp(best[1] + _BOLD_SPLIT * (best[2] - best[1])))
    common = _weighted_median(measured)
    return _BOLD_RATIO * (common if common <= _BOLD_RATIO * _REGULAR_STROKE else _REGULAR_STROKE)


def dash_between(
    left: Box, right: Box, baseline: float, size: float, ink: np.ndarray
) -> tuple[str, Box] | None:
    """A dash printed between two words that the OCR engine passed over, and its box, if there is one.

    A dash is a lone flat stroke in the gap, at the height of the middle of the
    lower-case letters; its length tells a hyphen, an en dash or an em dash.

    Args:
        left, right: pixel boxes of the words either side of the gap.
        baseline: the line's baseline (pixels).
        size: the line's font size (pixels).
        ink: the page's ink mask.
    """
    x0, x1 = left[2] + 2, right[0] - 2
    top, bottom = round(baseline - 0.6 * size), round(baseline - 0.05 * size)
    if x1 - x0 < 0.2 * size or top < 0:
        return None
    patch = ink[top:bottom, x0:x1].astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(patch, connectivity=8)
    blobs = [tuple(int(v) for v in stats[i]) for i in range(1, count) if stats[i][cv2.CC_STAT_AREA] >= 4]
    if len(blobs) != 1:
        return None
    x, y, w, h, _ = blobs[0]
    # A stroke running into a word is part of it (a dash the word's box cut short).
    if x == 0 or x + w >= patch.shape[1] or h > 0.15 * size or not 0.2 * size <= w <= 1.2 * size:
        return None
    dash = "-" if w < 0.45 * size else "–" if w < 0.8 * size else "—"
    return dash, (x0 + x, top + y, x0 + x + w, top + y + h)


def arrow_of(box: Box, ink: np.ndarray) -> str | None:
    """The arrow (↑ ↓ → ←) a lone mark is, from its shape, or None if it is no arrow.

    OCR engines read arrows as "t", "|" or "="; an arrow is a straight shaft with a
    head at one end that spreads to both sides of it, which no letter has.
    """
    x0, top, x1, bottom = box
    patch = ink[top : bottom + 1, x0 : x1 + 1].astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(patch, connectivity=8)
    if count < 2:
        return None
    main = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    if stats[main, cv2.CC_STAT_AREA] < 0.85 * patch.sum():
        return None
    x, y, w, h, _ = (int(v) for v in stats[main])
    shape = labels[y : y + h, x : x + w] == main
    for arrows, glyph in (("↑↓", shape), ("←→", shape.T)):
        end = _arrow_end(glyph)
        if end is not None:
            return arrows[end]
    return None


def _arrow_end(glyph: np.ndarray) -> int | None:
    """0 if ``glyph`` is an arrow pointing up its rows, 1 if pointing down, else None."""
    length, across = glyph.shape
    if length < 2 * across or length < 12:
        return None
    rows = np.arange(across)
    widths = glyph.sum(axis=1)
    shaft = float(np.median(widths[length * 3 // 10 : length * 7 // 10]))
    centre = float(np.median([rows[r].mean() for r in glyph[length * 3 // 10 : length * 7 // 10] if r.any()]))
    head = max(2, length * 3 // 10)
    ends = [glyph[:head], glyph[-head:]]
    spread = [float(e.sum(axis=1).max()) for e in ends]
    for k in (0, 1):
        cols = np.nonzero(ends[k].any(axis=0))[0]
        wide = spread[k] >= 2 * shaft and spread[1 - k] <= 1.6 * shaft
        # The head spreads to both sides of the shaft (a "1" leans one way only).
        both = cols.size and centre - cols.min() >= shaft and cols.max() - centre >= shaft
        if wide and both:
            return k
    return None


def is_bullet(box: tuple[int, int, int, int], baseline: float, size: float, ink: np.ndarray) -> bool:
    """Whether a mark is a list bullet: a small filled blob floating above the baseline.

    OCR engines read a bullet as "e", "°", "*" or "¢"; its shape tells it apart from
    a letter, which sits on the baseline and is not a solid blob.
    """
    x0, top, x1, bottom = box
    w, h = x1 - x0 + 1, bottom - top + 1
    if not (0.5 <= w / h <= 2.0) or h > 0.5 * size or bottom > baseline - 0.08 * size:
        return False
    patch = ink[top : bottom + 1, x0 : x1 + 1]
    return bool(patch.size) and float(patch.mean()) >= 0.6


def leader_dots(box: Box, letter: float, ink: np.ndarray) -> int | None:
    """How many dots a word is, when it is a run of leader dots ("Signed ........ Chair").

    The OCR engine drops dot leaders or, on a rough scan, reads them as "eee" or "COCO";
    a run of dots is at least three blobs of ink, each far smaller than a letter, and
    nothing else.

    Args:
        box: the word's pixel box.
        letter: the height of the page's words (pixels).
        ink: the page's ink mask.
    """
    x0, top, x1, bottom = box
    if bottom - top > letter:
        return None
    patch = ink[top : bottom + 1, x0 : x1 + 1].astype(np.uint8)
    _, _, stats, _ = cv2.connectedComponentsWithStats(patch, connectivity=8)
    dots = stats[1:][stats[1:, cv2.CC_STAT_AREA] >= 2]
    small = dots[:, [cv2.CC_STAT_WIDTH, cv2.CC_STAT_HEIGHT]] <= 0.3 * letter
    return len(dots) if len(dots) >= 3 and small.all() else None
