"""Small PDFs made in tests: laid-out lines of text, page stamps, and broken files.

Lines are set top-down from the top margin; each is a string (body text) or a
:class:`Text` with its own size, weight and font. Pages can be landscape and carry a
"Page N" stamp, as agenda packs do.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

FONTS = {
    ("Helvetica", False): "Helvetica",
    ("Helvetica", True): "Helvetica-Bold",
    ("Times", False): "Times-Roman",
    ("Times", True): "Times-Bold",
    ("Courier", False): "Courier",
    ("Courier", True): "Courier-Bold",
}


@dataclass(frozen=True)
class Text:
    text: str
    size: float = 11
    bold: bool = False
    family: str = "Helvetica"
    indent: float = 0
    space_before: float = 0


@dataclass
class PageSpec:
    lines: Sequence[str | Text] = ()
    landscape: bool = False
    stamp: str | None = None
    family: str = "Helvetica"
    margin: float = 25 * mm
    extra: list = field(default_factory=list)


def draw_lines(canvas: Canvas, page: PageSpec, width: float, height: float) -> None:
    y = height - page.margin
    for item in page.lines:
        t = item if isinstance(item, Text) else Text(item, family=page.family)
        y -= t.space_before + t.size * 1.35
        canvas.setFont(FONTS[(t.family, t.bold)], t.size)
        canvas.drawString(page.margin + t.indent, y, t.text)
    if page.stamp:
        canvas.setFont("Helvetica", 9)
        canvas.drawCentredString(width / 2, 12 * mm, page.stamp)


def write_pdf(path: Path, pages: Sequence[PageSpec | Sequence[str | Text]]) -> Path:
    """Write a PDF whose pages hold the given lines; returns ``path``."""
    canvas = Canvas(str(path), pagesize=A4)
    for spec in pages:
        page = spec if isinstance(spec, PageSpec) else PageSpec(lines=spec)
        size = landscape(A4) if page.landscape else A4
        canvas.setPageSize(size)
        draw_lines(canvas, page, *size)
        for draw in page.extra:
            draw(canvas, *size)
        canvas.showPage()
    canvas.save()
    return path


def pdf_bytes(pages: Sequence[PageSpec | Sequence[str | Text]]) -> bytes:
    """The bytes of a PDF as :func:`write_pdf` would write it."""
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4)
    for spec in pages:
        page = spec if isinstance(spec, PageSpec) else PageSpec(lines=spec)
        draw_lines(canvas, page, *A4)
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def write_encrypted_pdf(path: Path, password: str = "secret") -> Path:
    """A PDF that needs a password to open."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    canvas = Canvas(str(path), pagesize=A4, encrypt=StandardEncryption(password, canPrint=0))
    canvas.drawString(100, 700, "Confidential minutes")
    canvas.showPage()
    canvas.save()
    return path


def write_scanned_pdf(path: Path, pages: int = 2, text: bool = True) -> Path:
    """A PDF of page images with no text layer, as a scanner makes; blank paper without ``text``."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    canvas = Canvas(str(path), pagesize=A4)
    for n in range(pages):
        image = Image.new("L", (620, 877), 255)
        if text:
            ImageDraw.Draw(image).text((60, 60), f"Scanned page {n + 1}: MINUTES OF THE MEETING", fill=0)
        canvas.drawImage(ImageReader(image), 0, 0, *A4)
        canvas.showPage()
    canvas.save()
    return path
