"""Hostile PDFs made in tests: files written object by object, so any part can be broken.

reportlab writes only sound files; here each object's bytes are given, and the
cross-reference table, trailer and page tree are whatever a test makes them: a page
tree that loops, a box of zero size, a stream that inflates to gigabytes, a font whose
characters map to NUL. :class:`RawPdf` numbers objects and writes a correct xref for
them; the damage is then done on purpose.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field

HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
A4_BOX = (0, 0, 595, 842)


def stream(data: bytes, entries: bytes = b"", *, deflate: int = 0) -> bytes:
    """A stream object's body: ``data`` deflated ``deflate`` times (a filter each time)."""
    filters = []
    for _ in range(deflate):
        data = zlib.compress(data, 9)
        filters.append(b"/FlateDecode")
    if filters:
        entries += b" /Filter [" + b" ".join(filters) + b"]"
    return b"<< /Length %d %s >>\nstream\n" % (len(data), entries) + data + b"\nendstream"


def text_content(lines: Sequence[str | bytes], size: float = 11, x: float = 72, top: float = 770) -> bytes:
    """A content stream setting each line in /F1 down the page (bytes are drawn as given)."""
    out = [b"BT /F1 %g Tf %g TL %g %g Td" % (size, size * 1.4, x, top)]
    for line in lines:
        raw = line if isinstance(line, bytes) else line.encode("cp1252")
        escaped = raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        out.append(b"(" + escaped + b") Tj T*")
    out.append(b"ET")
    return b"\n".join(out)


@dataclass
class RawPdf:
    """A PDF written object by object; object ``n`` is ``objects[n - 1]``."""

    objects: list[bytes] = field(default_factory=list)

    def add(self, body: bytes) -> int:
        self.objects.append(body)
        return len(self.objects)

    def reserve(self) -> int:
        return self.add(b"null")

    def set(self, number: int, body: bytes) -> None:
        self.objects[number - 1] = body

    def to_bytes(self, root: int, *, trailer: bytes = b"", version: bytes = b"1.7") -> bytes:
        out = bytearray(b"%PDF-" + version + b"\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for n, body in enumerate(self.objects, start=1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
        start = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
        out += b"trailer\n<< /Size %d /Root %d 0 R %s >>\n" % (len(self.objects) + 1, root, trailer)
        out += b"startxref\n%d\n%%%%EOF\n" % start
        return bytes(out)


@dataclass
class RawPage:
    """One page: its content stream and boxes; ``resources`` are added to /F1's font."""

    content: bytes = b""
    mediabox: Sequence[float] = A4_BOX
    cropbox: Sequence[float] | None = None
    rotate: int | None = None
    resources: bytes = b""
    extra: bytes = b""
    deflate: int = 0


def _number(value: float) -> bytes:
    # PDF numbers have no exponent: 1e7 is written out in full.
    return (b"%.4f" % value).rstrip(b"0").rstrip(b".")


def _box(values: Sequence[float]) -> bytes:
    return b"[" + b" ".join(_number(v) for v in values) + b"]"


def add_pages(pdf: RawPdf, pages: Sequence[RawPage], font: bytes = HELVETICA) -> int:
    """Add a catalog, a flat page tree and the pages; returns the catalog's number."""
    font_ref = pdf.add(font)
    tree = pdf.reserve()
    kids = []
    for page in pages:
        content = pdf.add(stream(page.content, deflate=page.deflate))
        entries = b"/Type /Page /Parent %d 0 R /MediaBox %s /Contents %d 0 R" % (
            tree,
            _box(page.mediabox),
            content,
        )
        entries += b" /Resources << /Font << /F1 %d 0 R >> %s >>" % (font_ref, page.resources)
        if page.cropbox is not None:
            entries += b" /CropBox " + _box(page.cropbox)
        if page.rotate is not None:
            entries += b" /Rotate %d" % page.rotate
        kids.append(pdf.add(b"<< " + entries + b" " + page.extra + b" >>"))
    refs = b" ".join(b"%d 0 R" % k for k in kids)
    pdf.set(tree, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids)))
    return pdf.add(b"<< /Type /Catalog /Pages %d 0 R >>" % tree)


def raw_pdf(pages: Sequence[RawPage], *, font: bytes = HELVETICA, catalog: bytes = b"") -> bytes:
    """A sound PDF of the given pages (``catalog`` entries added to its catalog)."""
    pdf = RawPdf()
    root = add_pages(pdf, pages, font)
    if catalog:
        pdf.set(root, pdf.objects[root - 1][:-2] + catalog + b" >>")
    return pdf.to_bytes(root)


def text_pdf(*pages: Sequence[str | bytes], **page_options) -> bytes:
    """A sound PDF with a page of lines of text per argument."""
    return raw_pdf([RawPage(text_content(lines), **page_options) for lines in pages])


MINUTES = (
    "MINUTES OF A MEETING OF THE AUDIT COMMITTEE",
    "Held on Tuesday 4 March 2025 at 7.00 pm",
    "1. APOLOGIES FOR ABSENCE",
    "Apologies were received from Councillor Smith.",
    "2. DECLARATIONS OF INTEREST",
    "There were no declarations of interest.",
)
"""A page of minutes, in invented wording, for hostile files to carry."""
