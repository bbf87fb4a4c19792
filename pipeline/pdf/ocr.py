"""Read scanned pages: Tesseract's words as pdfplumber chars, ruling lines from the image.

A page that is a picture of print has no text layer. Here it is rendered (grey, 300 dpi),
straightened (a scan is rarely square to the page; a landscape page fed through a
scanner comes out on its side), cleared of table rules and shading so the OCR engine
sees only text, and read by the ``tesseract`` command line program. The result is
given back as the objects a born-digital page would have: one ``char`` per letter
with the box, size, weight and baseline a PDF font would give it, spaces between
words, and the table rules and shaded cells as ``line`` and ``rect`` objects, so the
word, line and table extractors read a scan as they read any other page.

OCR takes a few seconds per page, so results are kept on disk, keyed by a hash of
the rendered page, and a re-run reads them back instead of reading the page again;
:class:`ReadAhead` reads the next pages of a document while the current one is used.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from pdfplumber.page import Page

from pipeline.pdf import scanimage
from pipeline.pdf.hocr import (
    MIN_MARK_CONFIDENCE,
    WordBox,
    hocr_lines,
    join_addresses,
    plausible,
    restore_day_numbers,
    restore_misread,
)
from pipeline.pdf.limits import Limits, over
from pipeline.pdf.pageobjects import boxed, char_object
from pipeline.pdf.scanimage import PT_PER_PX, Fill, Rule

TESSERACT = "tesseract"
LANGUAGE = "eng"
DPI = scanimage.DPI
CACHE_ENV = "COUNCILPDF_OCR_CACHE"
DEFAULT_CACHE = "data/ocr-cache"
# Bump when what is read from an image changes, so results kept from before are not used.
READER_VERSION = 6

# Below a letter's baseline a font's box reaches this far, in font sizes.
_DESCENT_EM = 0.21
# A reading whose confidence (per letter) is below this may be of a page upside down
# or on its side: the orientation detector is asked.
DOUBTFUL_CONFIDENCE = 60
# A mark of one or two letters alone in its line read with less confidence than this is
# read again beside the word after it.
REREAD_CONFIDENCE = 80
# No print is smaller than this (points): smaller "words" are specks.
MIN_SIZE = 4.0


class OcrError(Exception):
    """Tesseract failed on a page."""


class OcrOverBudget(OcrError):
    """The page is larger than the OCR reads (:class:`pipeline.pdf.limits.Limits` ``pixels``)."""


@dataclass(frozen=True)
class OcrWord:
    """One word read from the image, in points on the upright page."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    baseline: float
    size: float
    bold: bool
    confidence: float
    line: int


@dataclass(frozen=True)
class OcrPage:
    """What was read from one page image.

    Coordinates are points from the top-left corner of the upright page: the rendered
    page rotated by ``skew`` degrees (counter-clockwise) to square it, then turned by
    ``turns`` quarter turns clockwise to set its text upright.
    """

    width: float
    height: float
    turns: int
    skew: float
    words: tuple[OcrWord, ...]
    rules: tuple[Rule, ...]
    fills: tuple[Fill, ...]

    @property
    def text_chars(self) -> int:
        """How many letters and digits were read."""
        return sum(ch.isalnum() for w in self.words for ch in w.text)

    def to_json(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> OcrPage:
        data = json.loads(text)
        return cls(
            width=data["width"],
            height=data["height"],
            turns=data["turns"],
            skew=data["skew"],
            words=tuple(OcrWord(**w) for w in data["words"]),
            rules=tuple(Rule(**r) for r in data["rules"]),
            fills=tuple(Fill(**f) for f in data["fills"]),
        )


@functools.cache
def tesseract_version() -> str | None:
    """The installed Tesseract's version line, or None when it cannot read English."""
    exe = shutil.which(TESSERACT)
    if exe is None:
        return None
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
        version = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if LANGUAGE not in langs.stdout.split():
        return None
    lines = (version.stdout or version.stderr).splitlines()
    return lines[0].strip() if lines else "tesseract"


def tesseract_available() -> bool:
    """Whether scanned pages can be read: the ``tesseract`` program with English data."""
    return tesseract_version() is not None


def cache_dir() -> Path:
    """Where OCR results are kept: ``COUNCILPDF_OCR_CACHE`` or data/ocr-cache."""
    return Path(os.environ.get(CACHE_ENV) or DEFAULT_CACHE)


def read_page(doc: pdfium.PdfDocument, index: int, *, cache: Path | None = None) -> OcrPage:
    """OCR one page of an open PDFium document, or read the result kept from last time.

    Args:
        doc: the document; it is used under ``PDFIUM_LOCK`` only while rendering.
        index: 0-based page index.
        cache: folder of kept results; defaults to :func:`cache_dir`.

    Raises:
        OcrError: Tesseract is missing or failed on the page, or the page is too large to read.
    """
    version = tesseract_version()
    if version is None:
        raise OcrError("tesseract is not installed")
    grey = render_page(doc, index)
    digest = hashlib.sha256(f"{READER_VERSION}|{version}|{DPI}|{grey.shape}|".encode())
    digest.update(grey.tobytes())
    key = digest.hexdigest()
    folder = (cache or cache_dir()) / key[:2]
    kept = folder / f"{key}.json"
    if kept.is_file():
        try:
            return OcrPage.from_json(kept.read_text(encoding="utf-8"))
        except (ValueError, KeyError, TypeError):
            pass  # a damaged entry is read again and replaced
    result = read_image(grey)
    folder.mkdir(parents=True, exist_ok=True)
    # Written under a temporary name and renamed, so a reader never sees half a file.
    with tempfile.NamedTemporaryFile("w", dir=folder, suffix=".part", delete=False, encoding="utf-8") as fh:
        fh.write(result.to_json())
    os.replace(fh.name, kept)
    return result


def render_page(doc: pdfium.PdfDocument, index: int) -> np.ndarray:
    """The page as displayed (its crop box, its rotation), grey, at :data:`DPI`."""
    from pipeline.pdf.pdfpages import PDFIUM_LOCK  # pdfpages imports this module

    with PDFIUM_LOCK:
        page = doc[index]
        try:
            width, height = page.get_size()
            budget = Limits.current()
            if width * height * (DPI / 72) ** 2 > budget.pixels:
                what = f"page {index + 1} is {width / 72:,.0f} × {height / 72:,.0f} in at {DPI} dpi"
                raise OcrOverBudget(over(what, budget, "pixels"))
            bitmap = page.render(scale=DPI / 72, grayscale=True, draw_annots=False)
            grey = np.array(bitmap.to_numpy(), dtype=np.uint8, copy=True)
            bitmap.close()
        finally:
            page.close()
    return grey.reshape(grey.shape[0], grey.shape[1]) if grey.ndim == 3 else grey


class ReadAhead:
    """OCR of a document's scanned pages, running a few pages ahead of the one asked for.

    Tesseract uses one core per page; asking for page *n* also starts the next scanned
    pages on the other cores, so a scanned document is read about as many times faster
    as there are cores.

    Args:
        doc: the open PDFium document.
        is_scan: whether the page at a 0-based index needs OCR.
        workers: pages read at once; defaults to the number of cores.
    """

    def __init__(self, doc: pdfium.PdfDocument, is_scan: Callable[[int], bool], workers: int | None = None):
        self._doc = doc
        self._is_scan = is_scan
        self._workers = max(1, workers or os.cpu_count() or 1)
        self._pool: ThreadPoolExecutor | None = None
        self._futures: dict[int, Future[OcrPage]] = {}
        self._lock = threading.Lock()

    def page(self, index: int) -> OcrPage:
        """The OCR result of the page at ``index`` (0-based)."""
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self._workers, thread_name_prefix="ocr")
            wanted = [index]
            nxt = index + 1
            while len(wanted) < self._workers and nxt < len(self._doc):
                if nxt not in self._futures and self._is_scan(nxt):
                    wanted.append(nxt)
                nxt += 1
            for i in wanted:
                if i not in self._futures:
                    self._futures[i] = self._pool.submit(read_page, self._doc, i)
            future = self._futures.pop(index)
        return future.result()

    def close(self) -> None:
        """Stop reading ahead; pages already started finish and are kept in the cache."""
        with self._lock:
            for future in self._futures.values():
                future.cancel()
            self._futures.clear()
            if self._pool is not None:
                self._pool.shutdown(wait=True)
                self._pool = None


def read_image(grey: np.ndarray) -> OcrPage:
    """Read a grey page image at :data:`DPI`: straighten it, find its rules, OCR it."""
    ink_level = scanimage.ink_threshold(grey)
    skew = scanimage.skew_angle(grey < ink_level)
    if skew:
        grey = scanimage.rotate(grey, skew)
    turns = 0
    if scanimage.lies_sideways(grey < ink_level):
        # Lines running up or down the page: ask which way before reading.
        found = _orientation(grey)
        turns = 1 if found is None else found
    best: tuple[float, OcrPage] | None = None
    for attempt in range(2):
        upright = np.ascontiguousarray(np.rot90(grey, -turns)) if turns else grey
        page, clean = _read_upright(upright, ink_level, turns, skew)
        weight = sum(w.confidence * len(w.text) for w in page.words)
        if best is None or weight > best[0]:
            best = (weight, page)
        letters = sum(len(w.text) for w in page.words)
        if attempt or not letters or weight >= DOUBTFUL_CONFIDENCE * letters:
            break
        # A poor reading: the page may be upside down, or on its other side.
        extra = _orientation(clean)
        if not extra:
            break
        turns = (turns + extra) % 4
    return best[1]


def _read_upright(grey: np.ndarray, ink_level: int, turns: int, skew: float) -> tuple[OcrPage, np.ndarray]:
    """OCR a straightened, upright page image; also gives the image the OCR engine saw."""
    graphics = scanimage.separate_graphics(grey, ink_level)
    ink = graphics.clean < ink_level
    scale = scanimage.reading_scale(ink)
    lines, rows = _read_text(graphics.clean, psm=3, scale=scale)
    # Page layout analysis drops lone marks far from other text (a digit alone in a wide
    # table cell): what ink it left unread is read again.
    # A line of one doubtful word is dropped (see _words): its ink counts as unread.
    read = [b.box for boxes in lines for b in boxes if len(boxes) > 1 or plausible(b)]
    # A mark of a letter or two set apart from the rest of its line (an item number hanging
    # left of its title) and read with doubt is read again beside the word after it.
    marks = [boxes[0].box for boxes in lines if _hanging_doubt(boxes, read)]
    kept = [
        (boxes[1:] if _hanging_doubt(boxes, read) else boxes, row)
        for boxes, row in zip(lines, rows, strict=True)
    ]
    lines, rows = [boxes for boxes, _ in kept if boxes], [row for boxes, row in kept if boxes]
    unread = scanimage.unread_ink(ink, read)
    arrows, unread = _arrows(unread, ink, read)
    lines, rows = lines + [[a] for a in arrows], rows + [float(a.bottom - a.top) for a in arrows]
    unread += marks
    if unread:
        more, more_rows = _read_marks(graphics.clean, unread, [_next_word(box, read) for box in unread])
        lines, rows = lines + more, rows + more_rows
    height, width = grey.shape
    page = OcrPage(
        width=width * PT_PER_PX,
        height=height * PT_PER_PX,
        turns=turns,
        skew=skew,
        words=tuple(_words(lines, rows, ink)),
        rules=tuple(graphics.rules),
        fills=tuple(graphics.fills),
    )
    return page, graphics.clean


def _arrows(
    marks: list[scanimage.Box], ink: np.ndarray, read: list[scanimage.Box]
) -> tuple[list[WordBox], list[scanimage.Box]]:
    """The marks that are arrows, as words, and the other marks.

    The OCR engine has no arrows; an arrow alone (a direction of travel) stands in its
    line like a letter, so it is given a letter's height there.
    """
    found = [(box, arrow) for box in marks if (arrow := scanimage.arrow_of(box, ink))]
    if not found:
        return [], marks
    heights = sorted(b[3] - b[1] for b in read) or [found[0][0][3] - found[0][0][1]]
    letter = heights[len(heights) // 2]
    words = []
    for (x0, top, x1, bottom), arrow in found:
        mid = (top + bottom) // 2
        words.append(WordBox(arrow, x0, mid - letter // 2, x1, mid + letter // 2, mid + letter / 4, 90.0))
    return words, [box for box in marks if box not in {box for box, _ in found}]


# A word this many of a mark's heights away along its line still gives the mark context
# (an item number hanging well left of its title).
_CONTEXT_REACH = 8


def _next_word(mark: scanimage.Box, read: Sequence[scanimage.Box]) -> scanimage.Box | None:
    """The first word read after a mark in its line, if near: the mark is read beside it."""
    _, top, x1, bottom = mark
    height = bottom - top
    after = [
        box
        for box in read
        if x1 < box[0] <= x1 + _CONTEXT_REACH * height
        and box[1] < (top + bottom) / 2 < box[3]
        and 0.5 * height <= box[3] - box[1] <= 2 * height
    ]
    return min(after, key=lambda box: box[0], default=None)


def _hanging_doubt(boxes: list[WordBox], read: Sequence[scanimage.Box]) -> bool:
    """Whether a line opens with a doubtful mark of a letter or two set well apart from its next word."""
    first = boxes[0]
    if len(first.text) > 2 or first.confidence >= REREAD_CONFIDENCE:
        return False
    if len(boxes) == 1:
        return _next_word(first.box, read) is not None
    height, after = first.bottom - first.top, boxes[1]
    # A bullet is far smaller than the letters after it; a number is about as high.
    return after.x0 - first.x1 > height and height >= 0.6 * (after.bottom - after.top)


def _read_marks(
    clean: np.ndarray, boxes: list[scanimage.Box], context: Sequence[scanimage.Box | None]
) -> tuple[list[list[WordBox]], list[float]]:
    """Read left-over marks; each mark's words become a line of the page.

    ``context`` gives each mark the word after it in its line, read with it and then left
    out. Marks with and without context are read in strips of their own, so a mark alone
    in a table cell reads as it would with no context given elsewhere on the page.
    """
    lines: list[list[WordBox]] = []
    rows: list[float] = []
    for with_context in (False, True):
        group = [k for k, near in enumerate(context) if (near is not None) == with_context]
        if group:
            more, more_rows = _read_strip(clean, [boxes[k] for k in group], [context[k] for k in group])
            lines, rows = lines + more, rows + more_rows
    return lines, rows


def _read_strip(
    clean: np.ndarray, boxes: list[scanimage.Box], context: Sequence[scanimage.Box | None]
) -> tuple[list[list[WordBox]], list[float]]:
    """Read marks set side by side on one line (see :func:`scanimage.strip_of`)."""
    strip, places = scanimage.strip_of(clean, boxes, context)
    lines, rows = _read_text(
        strip, psm=7, scale=scanimage.reading_scale(strip < scanimage.ink_threshold(strip))
    )
    out: dict[int, list[WordBox]] = {}
    heights: dict[int, float] = {}
    for boxes_read, row in zip(lines, rows, strict=True):
        for word in boxes_read:
            # A lone sign among the left-over ink is a speck or the rim of a rule, not print.
            if not any(ch.isalnum() for ch in word.text) or not plausible(word):
                continue
            centre = (word.x0 + word.x1) / 2
            k = next(
                (k for k, (x, _) in enumerate(places) if x <= centre <= x + boxes[k][2] - boxes[k][0]), None
            )
            if k is None:
                continue
            out.setdefault(k, []).append(word.moved(boxes[k][0] - places[k][0], boxes[k][1] - places[k][1]))
            heights[k] = row
    return [out[k] for k in sorted(out)], [heights[k] for k in sorted(out)]


def _run(grey: np.ndarray, args: list[str], dpi: int = DPI) -> bytes:
    ok, data = cv2.imencode(".pgm", grey)
    if not ok:
        raise OcrError("the page image could not be encoded")
    # One thread per page: Tesseract's own threads cost more than they give, and pages
    # are read side by side instead.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    command = [TESSERACT, "stdin", "stdout", "--dpi", str(dpi), *args]
    try:
        done = subprocess.run(
            command, input=data.tobytes(), capture_output=True, env=env, timeout=600, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise OcrError(f"tesseract could not run: {exc}") from exc
    if done.returncode != 0:
        raise OcrError(f"tesseract failed: {done.stderr.decode('utf-8', 'replace').strip()[-300:]}")
    return done.stdout


def _read_text(grey: np.ndarray, psm: int, scale: float = 1.0) -> tuple[list[list[WordBox]], list[float]]:
    """Tesseract's lines of an image (pixel boxes of ``grey``), read ``scale`` times enlarged."""
    if scale != 1.0:
        grey = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    out = _run(grey, ["--psm", str(psm), "-l", LANGUAGE, "hocr"], dpi=round(DPI * scale))
    try:
        hocr = ET.fromstring(out)
    except ET.ParseError as exc:
        raise OcrError(f"tesseract gave unreadable output: {exc}") from exc
    lines, rows = hocr_lines(hocr)
    if scale == 1.0:
        return lines, rows
    shrunk = [[b.moved(0, 0, scale) for b in boxes] for boxes in lines]
    return shrunk, [r / scale for r in rows]


def _orientation(grey: np.ndarray) -> int | None:
    """Quarter turns clockwise that set the text upright, by Tesseract's orientation detector.

    None when it cannot tell (too little text).
    """
    try:
        out = _run(grey, ["--psm", "0"]).decode("utf-8", "replace")
    except OcrError:
        return None
    rotate = re.search(r"Rotate:\s*(\d+)", out)
    confidence = re.search(r"Orientation confidence:\s*([\d.]+)", out)
    if not rotate or not confidence or float(confidence.group(1)) < 1.0:
        return None
    return (int(rotate.group(1)) // 90) % 4


def _words(lines: list[list[WordBox]], rows: list[float], ink: np.ndarray) -> list[OcrWord]:
    """The words of the page's lines, with sizes, weights and bullets worked out from the image."""
    heights = sorted(
        b.bottom - b.top for boxes in lines for b in boxes if sum(ch.isalnum() for ch in b.text) >= 3
    )
    if heights:
        lines = [[_as_leader(b, heights[len(heights) // 2], ink) for b in boxes] for boxes in lines]
    # Text slips are put right first: an address split at its "@" is one word, whose size
    # the "@" would overstate (see scanimage.line_size).
    lines = [
        join_addresses(restore_day_numbers([replace(b, text=restore_misread(b.text)) for b in boxes]))
        for boxes in lines
    ]
    measured = [
        scanimage.line_size([(b.text, b.baseline - b.top) for b in boxes if plausible(b)], row)
        for boxes, row in zip(lines, rows, strict=True)
    ]
    sizes = scanimage.settle_sizes(measured, [sum(len(b.text) for b in boxes) for boxes in lines])
    kept: list[tuple[list[WordBox], float]] = []
    for boxes, size in zip(lines, sizes, strict=True):
        if size * PT_PER_PX < MIN_SIZE:
            continue
        first = boxes[0]
        if (
            len(boxes) > 1
            and len(first.text) <= 2
            and scanimage.is_bullet(first.box, first.baseline, size, ink)
        ):
            boxes = [replace(first, text="•"), *boxes[1:]]
        elif not plausible(first):
            boxes = boxes[1:]
        boxes = [_as_arrow(b, ink) for b in boxes]
        if boxes:
            kept.append((_with_dashes(boxes, size, ink), size))
    bold = scanimage.bold_words(
        [[(b.text, b.box) for b in boxes] for boxes, _ in kept], [s for _, s in kept], ink
    )
    return [
        _word(box, size, is_bold, n)
        for n, ((boxes, size), weights) in enumerate(zip(kept, bold, strict=True))
        for box, is_bold in zip(boxes, weights, strict=True)
    ]


def _as_leader(box: WordBox, letter: float, ink: np.ndarray) -> WordBox:
    """The word as the run of dots it is, when it is a dot leader misread as letters."""
    dots = scanimage.leader_dots(box.box, letter, ink)
    return box if dots is None else replace(box, text="." * dots)


def _as_arrow(box: WordBox, ink: np.ndarray) -> WordBox:
    """The word as an arrow, when a lone mark Tesseract read as a letter or sign is one."""
    if len(box.text) > 2:
        return box
    arrow = scanimage.arrow_of(box.box, ink)
    return box if arrow is None else replace(box, text=arrow)


def _with_dashes(boxes: list[WordBox], size: float, ink: np.ndarray) -> list[WordBox]:
    """The words of a line with the dashes between them that the OCR engine left out."""
    out = boxes[:1]
    for left, right in itertools.pairwise(boxes):
        dash = None
        if all(any(ch.isalnum() for ch in b.text) for b in (left, right)):
            dash = scanimage.dash_between(
                left.box, right.box, (left.baseline + right.baseline) / 2, size, ink
            )
        if dash is not None:
            out.append(WordBox(dash[0], *dash[1], baseline=left.baseline, confidence=MIN_MARK_CONFIDENCE))
        out.append(right)
    return out


def _word(box: WordBox, size: float, bold: bool, line: int) -> OcrWord:
    return OcrWord(
        text=box.text,
        x0=round(box.x0 * PT_PER_PX, 2),
        top=round(box.top * PT_PER_PX, 2),
        x1=round(box.x1 * PT_PER_PX, 2),
        bottom=round(box.bottom * PT_PER_PX, 2),
        baseline=round(box.baseline * PT_PER_PX, 2),
        size=round(size * PT_PER_PX, 2),
        bold=bold,
        confidence=box.confidence,
        line=line,
    )


def page_objects(ocr: OcrPage, page: Page, origin: tuple[float, float] = (0.0, 0.0)) -> dict[str, list[dict]]:
    """The chars, lines and rects of an OCR result as pdfplumber objects on ``page``.

    Args:
        ocr: what was read from the page image.
        page: the pdfplumber page the objects belong to (number, height, doctop).
        origin: where the image's top-left corner lies on the page (a crop box's offset).
    """
    dx, dy = origin
    chars: list[dict] = []
    for row in _rows(ocr.words):
        # Tesseract's boxes may overlap a little; each word's letters end where the next begins.
        ends = [
            w.x1 if k + 1 == len(row) else min(w.x1, max(row[k + 1].x0, w.x0 + 0.5))
            for k, w in enumerate(row)
        ]
        for k, word in enumerate(row):
            if k:
                before, end = row[k - 1], ends[k - 1]
                # A word gap is a space, however narrow (a gap wider than the type is a column gap).
                if word.line == before.line or word.x0 - end < max(word.size, before.size):
                    chars.append(_char(" ", end, max(end, word.x0), word, page, dx, dy))
            step = (ends[k] - word.x0) / len(word.text)
            for i, letter in enumerate(word.text):
                chars.append(_char(letter, word.x0 + i * step, word.x0 + (i + 1) * step, word, page, dx, dy))
    return {
        "char": chars,
        "line": [_rule(rule, page, dx, dy) for rule in ocr.rules],
        "rect": [_rect(fill, page, dx, dy) for fill in ocr.fills],
    }


def _rows(words: Sequence[OcrWord]) -> list[list[OcrWord]]:
    """Words on one baseline, left to right, whichever OCR line (or pass) they came from."""
    rows: list[list[OcrWord]] = []
    for word in sorted(words, key=lambda w: (w.baseline, w.x0)):
        for row in reversed(rows[-3:]):
            if abs(row[0].baseline - word.baseline) <= 0.3 * min(row[0].size, word.size):
                row.append(word)
                break
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w.x0) for row in rows]


def _char(text: str, x0: float, x1: float, word: OcrWord, page: Page, dx: float, dy: float) -> dict:
    size = word.size
    bottom = word.baseline + _DESCENT_EM * size + dy
    top = bottom - size
    x0, x1 = x0 + dx, x1 + dx
    return char_object(
        page,
        text,
        (x0, top, x1, bottom),
        fontname="OCR-Bold" if word.bold else "OCR",
        size=size,
        upright=True,
        matrix=(size, 0.0, 0.0, size, x0, page.height - word.baseline - dy),
        color=(0.0, 0.0, 0.0),
    )


def _rule(rule: Rule, page: Page, dx: float, dy: float) -> dict:
    if rule.horizontal:
        pts = [(rule.start + dx, rule.pos + dy), (rule.end + dx, rule.pos + dy)]
    else:
        pts = [(rule.pos + dx, rule.start + dy), (rule.pos + dx, rule.end + dy)]
    (x0, top), (x1, bottom) = pts
    obj = boxed("line", (x0, top, x1, bottom), page)
    obj.update(
        pts=pts,
        linewidth=rule.width,
        stroke=True,
        fill=False,
        evenodd=False,
        dash=None,
        stroking_color=(0.0, 0.0, 0.0),
        non_stroking_color=(0.0, 0.0, 0.0),
    )
    return obj


def _rect(fill: Fill, page: Page, dx: float, dy: float) -> dict:
    x0, top, x1, bottom = fill.x0 + dx, fill.top + dy, fill.x1 + dx, fill.bottom + dy
    obj = boxed("rect", (x0, top, x1, bottom), page)
    obj.update(
        pts=[(x0, top), (x1, top), (x1, bottom), (x0, bottom)],
        linewidth=0.0,
        stroke=False,
        fill=True,
        evenodd=False,
        dash=None,
        stroking_color=None,
        non_stroking_color=(fill.grey, fill.grey, fill.grey),
    )
    return obj
