"""Open PDFs safely and give their pages as pdfplumber pages filled from PDFium.

pdfminer (under pdfplumber) interprets content streams in Python at about six pages
a second; PDFium does it in C at hundreds. Every page here is a genuine
``pdfplumber.Page`` whose object layer (chars, lines, rects, curves, images) was
read through PDFium, so crop, filter, ``extract_words`` and the table finder all work
as usual while page parsing costs a fraction of the time.

Coordinates follow pdfplumber: points, origin at the top-left of the displayed page.

A page with no text layer that shows an image (a scan) is read by OCR when Tesseract
is installed (:mod:`pipeline.pdf.ocr`): its chars, rules and shading then come from the image.
"""

from __future__ import annotations

import ctypes
import hashlib
import itertools
import logging
import math
import sys
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as raw
from pdfplumber.page import Page

from extractors.base import Abandon
from pipeline.pdf import limits
from pipeline.pdf import ocr as ocr_reader
from pipeline.pdf.filekind import not_a_pdf
from pipeline.pdf.formfields import field_chars, under_fields
from pipeline.pdf.pageobjects import boxed, char_object
from pipeline.pdf.streams import over_budget

log = logging.getLogger(__name__)

# PDFium is not thread-safe: every call into it, from any thread, holds this lock.
PDFIUM_LOCK = threading.RLock()

# Below this many characters a page is treated as having no text layer.
MIN_TEXT_CHARS = 5

# Ligatures fonts draw as one glyph.
_LIGATURES = ("ff", "fi", "fl", "ffi", "ffl", "ft", "ti", "tt", "tf")
# A glyph is a ligature when its letters' widths add up to its advance within this (ems).
_LIGATURE_FIT = 0.015
# Unicode categories of what an unmapped glyph comes out as: brackets, other punctuation,
# other symbols, private-use, control and unassigned codes.
_STRAY_CATEGORIES = {"Ps", "Pe", "Po", "So", "Co", "Cc", "Cn"}
# Signs printed inside words: none of them stands for a ligature.
_WORD_SIGNS = set("-'’.,/&@:;()%+*_\u00ad")

# A glyph centred this far (points) outside its clip is hidden.
_CLIP_SLACK = 0.5

# PDFium reports a hyphen it judged to be a line-end hyphen as U+0002.
_SOFT_HYPHEN = 0x2
_SKIPPED_CODEPOINTS = {0x0, 0xA, 0xD, 0xFFFE, 0xFFFF}
_HIGH_SURROGATES = (0xD800, 0xDC00)
_LOW_SURROGATES = (0xDC00, 0xE000)

# Scanned pages OCR'd at ingest to find text: a thousand blank scans are not all read to say so.
_OCR_PROBE_PAGES = 10
# A page whose box has no area is shown on US Letter, as PDFium and pdfminer both do.
_LETTER = (0.0, 0.0, 612.0, 792.0)

_SEG_LINE = raw.FPDF_SEGMENT_LINETO
_SEG_BEZIER = raw.FPDF_SEGMENT_BEZIERTO
_SEG_MOVE = raw.FPDF_SEGMENT_MOVETO


class PdfError(Exception):
    """A file that cannot be processed as a PDF, with a reason a person can act on."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class OverBudget(PdfError, Abandon):
    """Reading the document broke a limit on the whole of it (:mod:`pipeline.pdf.limits`)."""


class PageUnread(Exception):
    """A page left unread, and why: PDFium cannot load it, or it breaks a limit on a page."""


@dataclass(frozen=True)
class PdfInfo:
    """What a quick look at a file tells: identity, size and where text is."""

    path: Path
    sha256: str
    size: int
    page_count: int
    text_chars: tuple[int, ...]
    shows_image: tuple[bool, ...] = ()

    @property
    def pages_without_text(self) -> list[int]:
        """1-based numbers of pages that carry no text layer."""
        return [i + 1 for i, n in enumerate(self.text_chars) if n < MIN_TEXT_CHARS]

    @property
    def pages_needing_ocr(self) -> list[int]:
        """1-based numbers of pages with no text layer that show an image: scanned pages."""
        return [n for n in self.pages_without_text if n <= len(self.shows_image) and self.shows_image[n - 1]]

    @property
    def scanned(self) -> bool:
        """True when the file is page images only: no page has a text layer."""
        return len(self.pages_without_text) == self.page_count and bool(self.pages_needing_ocr)


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def inspect_pdf(path: Path, *, ocr: bool = True) -> PdfInfo:
    """Check that ``path`` is a readable PDF with text, in a text layer or through OCR.

    A scan (page images, no text layer) passes when ``ocr`` is set, Tesseract is
    installed and OCR reads text on one of its pages; that page's result is kept for
    the extraction.

    Raises:
        PdfError: the file is empty, not a PDF, truncated, corrupt, encrypted, has no
            page that can be read, breaks a limit of :mod:`pipeline.pdf.limits` (pages,
            glyphs, a stream inflating past its limit), or is a scan that cannot be read
            (no OCR, or OCR found no text).
    """
    path = Path(path)
    size = path.stat().st_size
    if size == 0:
        raise PdfError("empty file (0 bytes)")
    budget = limits.Limits.current()
    data = path.read_bytes()
    reason = not_a_pdf(path, data[:1024]) or over_budget(data, budget)
    if reason:
        raise PdfError(reason)
    # A reader opens a file with bytes, NULs or comments after its last %%EOF (a mail
    # gateway's padding, a signature tool's trailer): only a file with none is cut short.
    if b"%%EOF" not in data:
        raise PdfError("truncated: the file ends before the PDF end-of-file marker (incomplete download?)")
    del data
    with PDFIUM_LOCK:
        doc = _open_pdfium(path)
    try:
        with PDFIUM_LOCK:
            count = len(doc)
            if count == 0:
                raise PdfError("no pages: the PDF opens but holds no pages")
            if count > budget.pages:
                raise PdfError(limits.over(f"{count:,} pages", budget, "pages"))
            glances = [_glance(doc, i, budget) for i in range(count)]
        if all(g is None for g in glances):
            raise PdfError(f"corrupt: none of its {count:,} pages can be read")
        seen = [g or (0, 0, False) for g in glances]
        glyphs = sum(n for n, _, _ in seen if n <= budget.page_objects)
        if glyphs > budget.glyphs:
            raise PdfError(limits.over(f"{glyphs:,} glyphs", budget, "glyphs"))
        chars, images = [v for _, v, _ in seen], [i for _, _, i in seen]
        info = PdfInfo(path, sha256_of(path), size, count, tuple(chars), tuple(images))
        if max(chars) < MIN_TEXT_CHARS:
            if not (ocr and info.pages_needing_ocr and ocr_reader.tesseract_available()):
                raise PdfError("scanned: no text layer, needs OCR")
            probed = info.pages_needing_ocr[:_OCR_PROBE_PAGES]
            if not _ocr_finds_text(doc, probed):
                shown = (
                    "" if probed == info.pages_needing_ocr else f" on the first {len(probed)} scanned pages"
                )
                raise PdfError(f"scanned: OCR found no text{shown}")
    finally:
        with PDFIUM_LOCK:
            doc.close()
    return info


def _glance(doc: pdfium.PdfDocument, index: int, budget: limits.Limits) -> tuple[int, int, bool] | None:
    """A page's glyphs, visible characters and whether it shows an image; None if it cannot be loaded."""
    try:
        page = doc[index]
    except pdfium.PdfiumError:
        return None
    try:
        textpage = page.get_textpage()
        glyphs = textpage.count_chars()
        # A page over the limit is left unread later, but it is text, not a scan.
        over = glyphs > budget.page_objects
        visible = glyphs if over else _count_visible_chars(textpage)
        textpage.close()
        return glyphs, visible, _shows_image(page, budget)
    except pdfium.PdfiumError:
        return None
    finally:
        page.close()


def _shows_image(page: pdfium.PdfPage, budget: limits.Limits) -> bool:
    """Whether the page draws an image, at top level or inside a form (among the objects read on a page)."""
    drawn = itertools.islice(_drawn(page), budget.page_objects)
    return any(kind == raw.FPDF_PAGEOBJ_IMAGE for _, kind, _ in drawn)


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _drawn(page: pdfium.PdfPage) -> Iterator[tuple[Any, int, tuple]]:
    """Every object the page draws, forms opened (each form too, before its objects), with its kind
    and the matrix of the form it sits in.

    A generator, so that a reader can stop at a limit: forms drawing forms twenty times
    over, five deep, put millions of objects on one page.
    """
    count = raw.FPDFPage_CountObjects(page.raw)
    stack = [(iter([raw.FPDFPage_GetObject(page.raw, i) for i in range(count)]), _IDENTITY)]
    fs = raw.FS_MATRIX()
    while stack:
        objs, parent = stack[-1]
        obj = next(objs, None)
        if obj is None:
            stack.pop()
            continue
        kind = raw.FPDFPageObj_GetType(obj)
        yield obj, kind, parent
        if kind == raw.FPDF_PAGEOBJ_FORM:
            raw.FPDFPageObj_GetMatrix(obj, fs)
            matrix = _compose((fs.a, fs.b, fs.c, fs.d, fs.e, fs.f), parent)
            n = raw.FPDFFormObj_CountObjects(obj)
            stack.append((iter([raw.FPDFFormObj_GetObject(obj, i) for i in range(n)]), matrix))


def _ocr_finds_text(doc: pdfium.PdfDocument, pages: list[int]) -> bool:
    """Whether OCR reads text on any of the given pages (stopping at the first that has)."""
    for number in pages:
        try:
            if ocr_reader.read_page(doc, number - 1).text_chars >= MIN_TEXT_CHARS:
                return True
        except ocr_reader.OcrOverBudget as exc:
            raise PdfError(str(exc)) from exc
        except ocr_reader.OcrError as exc:
            raise PdfError(f"scanned: OCR failed ({exc})") from exc
    return False


def _count_visible_chars(textpage: pdfium.PdfTextPage) -> int:
    text = textpage.get_text_range()
    return sum(1 for ch in text if not ch.isspace())


def _open_pdfium(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise PdfError("encrypted: the PDF needs a password to open") from exc
        if "security" in message:
            raise PdfError("encrypted: unsupported security handler") from exc
        raise PdfError(f"corrupt: PDFium cannot parse the file ({exc})") from exc


@dataclass
class PdfDocument:
    """An open PDF whose pages are pdfplumber pages backed by PDFium objects."""

    path: Path
    pages: list[Page]
    _plumber: pdfplumber.PDF = field(repr=False)
    _pdfium: pdfium.PdfDocument = field(repr=False)
    _scans: ocr_reader.ReadAhead | None = field(default=None, repr=False)
    deadline: limits.Deadline = field(default_factory=lambda: limits.Deadline.start(0))

    def check_time(self) -> None:
        """Raise :class:`OverBudget` once reading the document has taken longer than its budget."""
        if self.deadline.passed:
            raise OverBudget(self.deadline.reason)

    def unread_pages(self) -> list[tuple[int, str]]:
        """Pages read so far that were left unread, with why (page number, reason)."""
        return [
            (p.page_number, p.unread) for p in self.pages if isinstance(p, _PdfiumBackedPage) and p.unread
        ]

    @property
    def scanned(self) -> bool:
        """True when the text was read by OCR: no page has a text layer (reads every page)."""
        pages = [p for p in self.pages if isinstance(p, _PdfiumBackedPage)]
        return any(p.read_by_ocr for p in pages) and not any(p.has_text_layer for p in pages)

    def close(self) -> None:
        if self._scans is not None:
            self._scans.close()
        self._plumber.close()
        with PDFIUM_LOCK:
            self._pdfium.close()

    def __enter__(self) -> PdfDocument:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_document(path: Path, *, ocr: bool = True) -> PdfDocument:
    """Open a PDF for extraction; pages parse lazily, on first use.

    Args:
        path: the PDF.
        ocr: read pages that are images with no text layer by OCR, when Tesseract is installed.

    Raises:
        PdfError: as :func:`inspect_pdf`, for files that cannot be opened.
    """
    path = Path(path)
    with PDFIUM_LOCK:
        doc = _open_pdfium(path)
        # Form-field values are page text (pipeline.pdf.formfields); PDFium reads them
        # only once the forms are set up, before any page is loaded.
        doc.init_forms()
        count = len(doc)
    plumber = _pdfminer_pages(path, count)
    if plumber is None:
        with PDFIUM_LOCK:
            plumber = _Shell(path, doc)
    deadline = limits.Deadline.start(count)
    scans = ocr_reader.ReadAhead(doc, lambda i: _is_scan(doc, i)) if ocr else None
    for index, page in enumerate(plumber.pages):
        _attach_lazy_objects(page, doc, index, scans, deadline)
    return PdfDocument(path, plumber.pages, plumber, doc, scans, deadline)


def _pdfminer_pages(path: Path, count: int) -> pdfplumber.PDF | None:
    """pdfplumber's own document, if pdfminer reads its page tree as PDFium does (``count`` pages)."""
    plumber = None
    try:
        plumber = pdfplumber.open(path)
        if len(plumber.pages) == count:
            return plumber
        plumber.close()
    except Exception:
        # pdfminer is stricter than PDFium: a damaged xref or trailer, a box that is no
        # number, stop it where PDFium repairs the file.
        if plumber is not None:
            plumber.stream.close()
    return None


class _Shell(pdfplumber.PDF):
    """pdfplumber pages for a document pdfminer cannot read as PDFium does, from PDFium's page tree.

    Pages take only their boxes and rotation from their document (their objects come
    from PDFium), so a file PDFium repairs (a damaged xref, a page tree that loops) is
    read whole, and page N is PDFium's page N.
    """

    def __init__(self, path: Path, doc: pdfium.PdfDocument):  # not pdfplumber's: that parses the file
        self.path = path
        self.stream = None
        self.stream_is_external = True
        self.pages_to_parse = None
        self.laparams = None
        self.password = None
        self.unicode_norm = None
        self.raise_unicode_errors = True
        self.metadata: dict = {}
        self._own_pages: list[Page] = []
        doctop = 0.0
        for index in range(len(doc)):
            attrs = _PageDict(_page_boxes(doc, index))
            page = Page(self, attrs, page_number=index + 1, initial_doctop=doctop)
            doctop += page.height
            self._own_pages.append(page)

    @property
    def pages(self) -> list[Page]:
        return self._own_pages

    def close(self) -> None:
        for page in self._own_pages:
            page.close()


@dataclass(frozen=True)
class _PageDict:
    """What a pdfplumber page reads of its page dictionary."""

    attrs: dict[str, Any]


def _page_boxes(doc: pdfium.PdfDocument, index: int) -> dict[str, Any]:
    """A page's boxes and rotation as PDFium reads them (US Letter for a page it cannot load)."""
    try:
        page = doc[index]
    except pdfium.PdfiumError:
        return {"MediaBox": _LETTER, "Rotate": 0}
    try:
        media = _media_box(page)
        crop = _normal(page.get_cropbox())
        return {"MediaBox": media, "CropBox": crop or media, "Rotate": page.get_rotation()}
    finally:
        page.close()


def _normal(box: tuple[float, ...]) -> tuple[float, float, float, float] | None:
    """A box as (left, bottom, right, top), or None if it has no area or is not a number."""
    x0, y0, x1, y1 = box
    normal = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    if not all(math.isfinite(v) for v in normal) or normal[0] == normal[2] or normal[1] == normal[3]:
        return None
    return normal


def _media_box(page: pdfium.PdfPage) -> tuple[float, float, float, float]:
    return _normal(page.get_mediabox()) or _LETTER


def _is_scan(doc: pdfium.PdfDocument, index: int) -> bool:
    """Whether a page has no text layer but shows an image."""
    with PDFIUM_LOCK:
        glance = _glance(doc, index, limits.Limits.current())
    return glance is not None and glance[1] < MIN_TEXT_CHARS and glance[2]


class _PdfiumBackedPage(Page):
    """A pdfplumber page whose object layer is read through PDFium on first use."""

    _pdfium_doc: pdfium.PdfDocument
    _pdfium_index: int
    _scans: ocr_reader.ReadAhead | None
    _deadline: limits.Deadline

    @property
    def objects(self) -> dict[str, list[dict]]:
        if "_objects" not in self.__dict__:
            if self._deadline.passed:
                raise OverBudget(self._deadline.reason)
            self._reading = True
            try:
                self._objects = self._read_objects()
            finally:
                self._reading = False
        return self._objects

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        # A scan lying on its side is set upright when it is read, which swaps its
        # width and height: the box is final once the objects have been read.
        if "_objects" not in self.__dict__ and not self.__dict__.get("_reading"):
            self.objects  # noqa: B018
        return self.__dict__["bbox"]

    @bbox.setter
    def bbox(self, value: tuple[float, float, float, float]) -> None:
        self.__dict__["bbox"] = value

    @property
    def has_text_layer(self) -> bool:
        """Whether the PDF gives this page's text (rather than a picture of it)."""
        self.objects  # noqa: B018
        return self._text_layer

    @property
    def read_by_ocr(self) -> bool:
        """Whether this page's objects were read from its image by OCR."""
        self.objects  # noqa: B018
        return self._read_by_ocr

    @property
    def unread(self) -> str | None:
        """Why the page was left unread (it is then empty), if it was; it is not read to tell."""
        return self.__dict__.get("_unread")

    def _read_objects(self) -> dict[str, list[dict]]:
        self._text_layer = self._read_by_ocr = False
        try:
            objects = read_page_objects(self._pdfium_doc, self._pdfium_index, self)
        except pdfium.PdfiumError as exc:
            self.__dict__["_unread"] = f"page {self.page_number} cannot be read ({exc})"
            return {}
        except PageUnread as exc:
            self.__dict__["_unread"] = str(exc)
            return {}
        self._text_layer = sum(1 for c in objects["char"] if not c["text"].isspace()) >= MIN_TEXT_CHARS
        if self._text_layer or not objects.get("image") or self._scans is None:
            return objects
        if not ocr_reader.tesseract_available():
            return objects
        try:
            result = self._scans.page(self._pdfium_index)
        except ocr_reader.OcrError as exc:
            log.warning("page %s: %s", self.page_number, exc)
            return objects
        self._read_by_ocr = True
        return self._scan_objects(result, objects["image"])

    def _scan_objects(self, result: ocr_reader.OcrPage, images: list[dict]) -> dict[str, list[dict]]:
        """The objects OCR read from the page image, placed on this page."""
        if result.turns == 0:
            with PDFIUM_LOCK:
                pdfpage = self._pdfium_doc[self._pdfium_index]
                crop = _DisplayTransform(pdfpage, self).box(*pdfpage.get_cropbox())
                pdfpage.close()
            return {**ocr_reader.page_objects(result, self, origin=crop[:2]), "image": images}
        # The page is shown turned, upright: what the PDF placed on it is no longer where it was.
        x0, top = self.__dict__["bbox"][:2]
        self.bbox = (x0, top, x0 + result.width, top + result.height)
        return ocr_reader.page_objects(result, self, origin=(x0, top))


def _attach_lazy_objects(
    page: Page,
    doc: pdfium.PdfDocument,
    index: int,
    scans: ocr_reader.ReadAhead | None,
    deadline: limits.Deadline,
) -> None:
    # pdfplumber builds its Page objects itself; re-classing them keeps everything
    # it set up (boxes, rotation, doctop) and swaps only where objects come from.
    page.__class__ = _PdfiumBackedPage
    page._pdfium_doc = doc
    page._pdfium_index = index
    page._scans = scans
    page._deadline = deadline


def read_page_objects(doc: pdfium.PdfDocument, index: int, page: Page) -> dict[str, list[dict]]:
    """Chars, lines, rects, curves and images of one page, in pdfplumber's format."""
    with PDFIUM_LOCK:
        pdfpage = doc[index]
        try:
            transform = _DisplayTransform(pdfpage, page)
            printed = _read_chars(pdfpage, page, transform)
            typed, fields = field_chars(pdfpage, page, transform.box, printed)
            chars = [c for c in printed if not under_fields(c, fields)]
            objects: dict[str, list[dict]] = {"char": chars + typed}
            for kind, obj in _read_graphics(pdfpage, page, transform):
                objects.setdefault(kind, []).append(obj)
            return objects
        finally:
            pdfpage.close()


class _DisplayTransform:
    """Maps PDF user space (origin bottom-left) to pdfplumber's displayed top-left space."""

    def __init__(self, pdfpage: pdfium.PdfPage, page: Page):
        left, bottom, right, top = _media_box(pdfpage)
        self.left, self.bottom, self.right, self.top = left, bottom, right, top
        self.rotation = pdfpage.get_rotation() % 360
        self.page = page
        self.height = page.height  # read once: a page's height is worked out from its box on each call

    def point(self, x: float, y: float) -> tuple[float, float]:
        """(x, top) in displayed coordinates for a user-space point."""
        w = self.right - self.left
        h = self.top - self.bottom
        dx, dy = x - self.left, y - self.bottom
        if self.rotation == 90:
            return dy, dx
        if self.rotation == 180:
            return w - dx, dy
        if self.rotation == 270:
            return h - dy, w - dx
        return dx, h - dy

    def matrix(self, m: tuple) -> tuple:
        """A text matrix as seen on the displayed page (y up, as pdfminer gives it)."""
        a, b, c, d, e, f = m
        turns = self.rotation // 90
        for _ in range(turns):
            # A quarter turn clockwise of the page turns every vector with it.
            a, b, c, d = b, -a, d, -c
        ex, etop = self.point(e, f)
        return (a, b, c, d, ex, self.height - etop)

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """(x0, top, x1, bottom) in displayed coordinates for a user-space box."""
        ax, at = self.point(x0, y0)
        bx, bt = self.point(x1, y1)
        return min(ax, bx), min(at, bt), max(ax, bx), max(at, bt)


@dataclass(frozen=True)
class _Style:
    """What the characters of one text object share."""

    fontname: str
    descent_em: float
    size: float
    linear: tuple[float, float, float, float]
    color: tuple[float, float, float] | None


def _read_chars(pdfpage: pdfium.PdfPage, page: Page, tf: _DisplayTransform) -> list[dict]:
    textpage = pdfpage.get_textpage()
    tp = textpage.raw
    count = raw.FPDFText_CountChars(tp)
    budget = limits.Limits.current()
    if count > budget.page_objects:
        textpage.close()
        what = f"page {page.page_number} holds {count:,} glyphs, left unread"
        raise PageUnread(limits.over(what, budget, "page_objects"))
    rect = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    fonts: dict[int, tuple[str, float, float]] = {}
    styles: dict[int, _Style] = {}
    faces: dict[int, object] = {}
    clips = _top_level_clips(pdfpage)
    # One glyph: (text, style key or None for an inferred space, origin x, y, loose box).
    glyphs: list[tuple] = []
    pair_end = -1
    for i in range(count):
        if i == pair_end:
            continue
        code = raw.FPDFText_GetUnicode(tp, i)
        if _HIGH_SURROGATES[0] <= code < _HIGH_SURROGATES[1] and i + 1 < count:
            # PDFium gives a character beyond the BMP as its two UTF-16 halves, one glyph each.
            low = raw.FPDFText_GetUnicode(tp, i + 1)
            if _LOW_SURROGATES[0] <= low < _LOW_SURROGATES[1]:
                code = 0x10000 + ((code - _HIGH_SURROGATES[0]) << 10) + (low - _LOW_SURROGATES[0])
                pair_end = i + 1
        if code in _SKIPPED_CODEPOINTS:
            continue
        generated = raw.FPDFText_IsGenerated(tp, i)
        if generated and code != 0x20:
            continue
        raw.FPDFText_GetLooseCharBox(tp, i, rect)
        raw.FPDFText_GetCharOrigin(tp, i, ox, oy)
        if generated:
            glyphs.append((" ", None, ox.value, oy.value, rect.left, rect.bottom, rect.left, rect.top))
            continue
        textobj = raw.FPDFText_GetTextObject(tp, i)
        key = ctypes.addressof(textobj.contents) if textobj else 0
        if _clipped((rect.left + rect.right) / 2, (rect.bottom + rect.top) / 2, clips.get(key)):
            continue
        if key not in styles:
            styles[key] = _style_of(tp, i, textobj, fonts)
            faces[key] = raw.FPDFTextObj_GetFont(textobj)
        # A broken ToUnicode map can give any number: storable() in char_object keeps what is left.
        text = "-" if code == _SOFT_HYPHEN else chr(code) if code <= sys.maxunicode else "\ufffd"
        glyphs.append((text, key, ox.value, oy.value, rect.left, rect.bottom, rect.right, rect.top))
    textpage.close()
    _read_ligatures(glyphs, styles, faces)
    return [_char_dict(glyphs, k, styles, page, tf) for k in range(len(glyphs))]


def _read_ligatures(glyphs: list[tuple], styles: dict[int, _Style], faces: dict[int, object]) -> None:
    """Ligatures the font leaves unmapped as the letters they join, in place.

    PDFium reads a ligature the font maps (U+FB01 "fi") as its letters. One the font leaves
    unmapped ("ti", which has no code point of its own) comes out as whatever its code
    means alone, a stray sign inside a word ("Elec[ons"): it is read as the ligature
    whose letters, as the same font prints them on the page, are as wide as the glyph.
    """
    printed: dict[int, set[str]] | None = None
    for k, (text, key, ox, oy, *box) in enumerate(glyphs):
        if key is None or text.isalnum() or not _stray(text) or k + 1 == len(glyphs):
            continue
        nxt, prev = glyphs[k + 1], glyphs[k - 1] if k else None
        size = styles[key].size
        if nxt[1] != key or not nxt[0].islower() or abs(nxt[3] - oy) > 0.01 or nxt[2] <= ox or size <= 0:
            continue
        if prev is None or prev[1] != key or not prev[0].isalpha():
            continue
        if printed is None:
            printed = _printed_by_font(glyphs, faces)
        font = faces[key]
        seen = printed[_address(font)]
        letters = _ligature_of(font, (nxt[2] - ox) / (size * _scale(styles[key])), seen)
        if letters:
            glyphs[k] = (letters, key, ox, oy, *box)


def _printed_by_font(glyphs: list[tuple], faces: dict[int, object]) -> dict[int, set[str]]:
    """The characters each font prints on the page, by the font's address."""
    fonts = {key: _address(font) for key, font in faces.items()}
    printed: dict[int, set[str]] = {}
    for text, key, *_ in glyphs:
        if key is not None:
            printed.setdefault(fonts[key], set()).add(text)
    return printed


def _address(handle: object) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _stray(text: str) -> bool:
    """A sign no word holds: a bracket, a stray mark or a code of no meaning, but no
    punctuation words carry, currency or mathematical sign."""
    return len(text) == 1 and text not in _WORD_SIGNS and unicodedata.category(text) in _STRAY_CATEGORIES


def _scale(style: _Style) -> float:
    """How much the text matrix stretches glyphs along the baseline, against their height."""
    a, b, c, d = style.linear
    return math.hypot(a, b) / (math.hypot(c, d) or 1.0)


def _ligature_of(font, advance: float, printed: set[str]) -> str | None:
    """The ligature whose letters, each ``printed`` in ``font``, are together ``advance`` ems
    wide, if one alone is."""
    width = ctypes.c_float()
    fits = []
    for letters in _LIGATURES:
        if not printed.issuperset(letters):
            continue
        total = 0.0
        for letter in letters:
            if (
                not raw.FPDFFont_GetGlyphWidth(font, ord(letter), ctypes.c_float(1.0), width)
                or width.value <= 0
            ):
                break
            total += width.value
        else:
            if abs(total - advance) <= _LIGATURE_FIT:
                fits.append(letters)
    return fits[0] if len(fits) == 1 else None


def _top_level_clips(pdfpage: pdfium.PdfPage) -> dict[int, tuple[float, float, float, float]]:
    """The box each clipped text object of the page (not inside a form) leaves visible.

    A spreadsheet prints a cell's text clipped where the next cell begins: the glyphs
    past the clip are in the file but not on the page.
    """
    out = {}
    for i in range(raw.FPDFPage_CountObjects(pdfpage.raw)):
        obj = raw.FPDFPage_GetObject(pdfpage.raw, i)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_TEXT:
            continue
        clip = raw.FPDFPageObj_GetClipPath(obj)
        box = _clip_box(clip) if clip else None
        if box is not None:
            out[ctypes.cast(obj, ctypes.c_void_p).value or 0] = box
    return out


def _clip_box(clip) -> tuple[float, float, float, float] | None:
    """The bounding box of the intersection of a clip's paths (user space)."""
    box = None
    x, y = ctypes.c_float(), ctypes.c_float()
    for k in range(raw.FPDFClipPath_CountPaths(clip)):
        points = []
        for j in range(raw.FPDFClipPath_CountPathSegments(clip, k)):
            raw.FPDFPathSegment_GetPoint(raw.FPDFClipPath_GetPathSegment(clip, k, j), x, y)
            points.append((x.value, y.value))
        if not points:
            continue
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        own = (min(xs), min(ys), max(xs), max(ys))
        box = (
            own
            if box is None
            else (max(box[0], own[0]), max(box[1], own[1]), min(box[2], own[2]), min(box[3], own[3]))
        )
    return box


def _clipped(x: float, y: float, box: tuple[float, float, float, float] | None) -> bool:
    """Whether a glyph centred at (x, y) lies outside its clip by more than a hair."""
    if box is None:
        return False
    x0, y0, x1, y1 = box
    return not (x0 - _CLIP_SLACK <= x <= x1 + _CLIP_SLACK and y0 - _CLIP_SLACK <= y <= y1 + _CLIP_SLACK)


def _style_of(tp, index: int, textobj, fonts: dict[int, tuple[str, float, float]]) -> _Style:
    matrix = raw.FS_MATRIX()
    raw.FPDFText_GetMatrix(tp, index, matrix)
    rgba = [ctypes.c_uint() for _ in range(4)]
    raw.FPDFText_GetFillColor(tp, index, *rgba)
    fontname, _ascent, descent = _font_of(textobj, fonts)
    # GetFontSize gives the size in text space; the text matrix may scale it.
    size = raw.FPDFText_GetFontSize(tp, index) * (math.hypot(matrix.c, matrix.d) or 1.0)
    return _Style(
        fontname=fontname,
        descent_em=descent,
        size=size,
        linear=(matrix.a, matrix.b, matrix.c, matrix.d),
        color=(rgba[0].value / 255, rgba[1].value / 255, rgba[2].value / 255),
    )


_NO_STYLE = _Style("", 0.0, 0.0, (1.0, 0.0, 0.0, 1.0), None)


def _char_dict(glyphs: list, k: int, styles: dict[int, _Style], page: Page, tf: _DisplayTransform) -> dict:
    text, key, ox, oy, left, bottom, right, top = glyphs[k]
    if key is None:
        # A word gap PDFium inferred: a zero-width space keeps the words apart.
        prev = glyphs[k - 1][1] if k else None
        style = styles[prev] if prev is not None else _NO_STYLE
    else:
        style = styles[key]
    size = style.size
    a, b, c, d = style.linear
    nxt = glyphs[k + 1] if k + 1 < len(glyphs) else None
    # pdfminer's box, in the glyph's own frame: along the baseline from the origin to
    # the next glyph (the advance), across it from baseline + descent up one font
    # size, so the glyphs of a line share one height whatever their shape.
    low = style.descent_em * size
    if b == 0 and c == 0 and a > 0 and d > 0 and tf.rotation == 0:
        advance = 0.0 if key is None else max(0.0, right - ox)
        if nxt is not None and nxt[1] == key and abs(nxt[3] - oy) < 0.01 and nxt[2] > ox:
            advance = min(advance, nxt[2] - ox)
        height = tf.height
        x0, x1 = ox - tf.left, ox - tf.left + advance
        bottom_ = height - (oy - tf.bottom + low)
        top_ = bottom_ - size
    else:
        ux, uy = _unit(a, b)
        vx, vy = _unit(c, d)
        corners = ((left, bottom), (left, top), (right, bottom), (right, top))
        advance = max(0.0, max((x - ox) * ux + (y - oy) * uy for x, y in corners))
        if nxt is not None and nxt[1] == key:
            along = (nxt[2] - ox) * ux + (nxt[3] - oy) * uy
            across = (nxt[2] - ox) * vx + (nxt[3] - oy) * vy
            if abs(across) < 0.01 and along > 0:
                advance = min(advance, along)
        if key is None:
            advance = 0.0
        points = [
            tf.point(ox + t * ux + s * vx, oy + t * uy + s * vy)
            for t in (0.0, advance)
            for s in (low, low + size)
        ]
        x0, x1 = min(p[0] for p in points), max(p[0] for p in points)
        top_, bottom_ = min(p[1] for p in points), max(p[1] for p in points)
    m = tf.matrix((a, b, c, d, ox, oy))
    # pdfminer's test: sheared (synthetic italic) text still counts as upright.
    upright = m[0] * m[3] > 0 and m[1] * m[2] <= 0 and m[0] > 0
    return char_object(
        page,
        text,
        (x0, top_, x1, bottom_),
        fontname=style.fontname,
        size=size,
        upright=upright,
        matrix=m,
        color=style.color,
        height=tf.height,
    )


def _unit(x: float, y: float) -> tuple[float, float]:
    norm = math.hypot(x, y) or 1.0
    return x / norm, y / norm


def _font_of(textobj, cache: dict[int, tuple[str, float, float]]) -> tuple[str, float, float]:
    font = raw.FPDFTextObj_GetFont(textobj)
    key = ctypes.cast(font, ctypes.c_void_p).value or 0
    if key not in cache:
        length = raw.FPDFFont_GetBaseFontName(font, None, 0)
        buf = ctypes.create_string_buffer(max(length, 1))
        raw.FPDFFont_GetBaseFontName(font, buf, length)
        name = buf.value.decode("utf-8", "replace") or "unknown"
        weight = raw.FPDFFont_GetWeight(font)
        if weight >= 600 and "bold" not in name.lower():
            name += ",Bold"
        ascent, descent = ctypes.c_float(), ctypes.c_float()
        raw.FPDFFont_GetAscent(font, ctypes.c_float(1000.0), ascent)
        raw.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), descent)
        cache[key] = (name, ascent.value / 1000.0, descent.value / 1000.0)
    return cache[key]


def _read_graphics(pdfpage: pdfium.PdfPage, page: Page, tf: _DisplayTransform) -> Iterator[tuple[str, dict]]:
    budget = limits.Limits.current()
    for n, (obj, kind, parent) in enumerate(_drawn(pdfpage)):
        if n == budget.page_objects:
            what = f"page {page.page_number} draws more than {n:,} objects, left unread"
            raise PageUnread(limits.over(what, budget, "page_objects"))
        if kind == raw.FPDF_PAGEOBJ_PATH:
            fs = raw.FS_MATRIX()
            raw.FPDFPageObj_GetMatrix(obj, fs)
            matrix = _compose((fs.a, fs.b, fs.c, fs.d, fs.e, fs.f), parent)
            yield from _path_objects(obj, matrix, page, tf)
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            left, bottom, right, top = (ctypes.c_float() for _ in range(4))
            raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
            (x0, y0), (x1, y1) = (
                _apply(parent, left.value, bottom.value),
                _apply(parent, right.value, top.value),
            )
            yield "image", boxed("image", tf.box(x0, y0, x1, y1), page)


def _compose(m: tuple, parent: tuple) -> tuple:
    a, b, c, d, e, f = m
    pa, pb, pc, pd, pe, pf = parent
    return (
        a * pa + b * pc,
        a * pb + b * pd,
        c * pa + d * pc,
        c * pb + d * pd,
        e * pa + f * pc + pe,
        e * pb + f * pd + pf,
    )


def _apply(m: tuple, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _path_objects(obj, matrix: tuple, page: Page, tf: _DisplayTransform) -> Iterator[tuple[str, dict]]:
    fillmode, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj, fillmode, stroke)
    fill = fillmode.value != 0
    stroked = bool(stroke.value)
    if not fill and not stroked:
        return
    width = ctypes.c_float()
    raw.FPDFPageObj_GetStrokeWidth(obj, width)
    fill_rgb = _color(raw.FPDFPageObj_GetFillColor, obj)
    stroke_rgb = _color(raw.FPDFPageObj_GetStrokeColor, obj)
    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[list[tuple[float, float]]] = []
    closed: list[bool] = []
    for i in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, i)
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        pt = tf.point(*_apply(matrix, x.value, y.value))
        if raw.FPDFPathSegment_GetType(seg) == _SEG_MOVE or not subpaths:
            subpaths.append([pt])
            closed.append(False)
        else:
            subpaths[-1].append(pt)
        if raw.FPDFPathSegment_GetClose(seg):
            closed[-1] = True
    style = {
        "fill": fill,
        "stroke": stroked,
        "linewidth": width.value * math.sqrt(abs(matrix[0] * matrix[3] - matrix[1] * matrix[2])),
        "non_stroking_color": fill_rgb,
        "stroking_color": stroke_rgb,
        "evenodd": fillmode.value == raw.FPDF_FILLMODE_ALTERNATE,
        "dash": None,
    }
    for pts, is_closed in zip(subpaths, closed, strict=True):
        if len(pts) < 2:
            continue
        kind = _shape_of(pts, is_closed)
        xs = [p[0] for p in pts]
        tops = [p[1] for p in pts]
        obj_dict = boxed(kind, (min(xs), min(tops), max(xs), max(tops)), page)
        obj_dict.update(style, pts=pts)
        yield kind, obj_dict


def _shape_of(pts: list[tuple[float, float]], closed: bool) -> str:
    """pdfplumber's classes: a straight segment is a line, an axis-aligned box a rect."""
    if len(pts) == 2:
        return "line"
    ring = pts[:-1] if len(pts) == 5 and _near(pts[0], pts[-1]) else pts
    if len(ring) == 4 and (closed or len(pts) == 5):
        axis_aligned = all(
            abs(a[0] - b[0]) < 0.01 or abs(a[1] - b[1]) < 0.01
            for a, b in zip(ring, ring[1:] + ring[:1], strict=True)
        )
        if axis_aligned:
            return "rect"
    return "curve"


def _near(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) < 0.01 and abs(a[1] - b[1]) < 0.01


def _color(getter, obj) -> tuple[float, float, float] | None:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not getter(obj, r, g, b, a):
        return None
    return (r.value / 255, g.value / 255, b.value / 255)
