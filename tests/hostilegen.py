"""Hostile PDFs made in tests: files written object by object, so any part can be broken.

reportlab writes only sound files; here each object's bytes are given, and the
cross-reference table, trailer and page tree are whatever a test makes them: a page
tree that loops, a box of zero size, a stream that inflates to gigabytes, a font whose
characters map to NUL. :class:`RawPdf` numbers objects and writes a correct xref for
them; the damage is then done on purpose.
"""

from __future__ import annotations

import io
import os
import random
import re
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

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


# --- The hostile classes: each a function of a seeded random source giving a file's bytes.

Maker = Callable[[random.Random], bytes]


def _minutes_pdf(rng: random.Random, pages: int = 1) -> bytes:
    lines = [*MINUTES, f"Reference {rng.randrange(10_000):04d}"]
    return text_pdf(*([lines] * pages))


def truncated(rng: random.Random) -> bytes:
    """A download cut short: the first part of a sound file."""
    whole = _minutes_pdf(rng, pages=3)
    return whole[: rng.randrange(16, len(whole) - 40)]


def mutated(rng: random.Random) -> bytes:
    """A sound file with bytes overwritten at random, as a bad disk or a broken transfer leaves it."""
    data = bytearray(_minutes_pdf(rng, pages=2))
    for _ in range(rng.randrange(1, 40)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def broken_xref(rng: random.Random) -> bytes:
    """A cross-reference table whose offsets, or whose startxref, point at the wrong bytes."""
    data = _minutes_pdf(rng, pages=2)
    if rng.random() < 0.5:
        start = data.rindex(b"startxref")
        return data[:start] + b"startxref\n%d\n%%%%EOF\n" % rng.randrange(len(data) * 2)
    return re.sub(rb"\d{10} 00000 n", lambda m: b"%010d 00000 n" % rng.randrange(len(data)), data)


def encrypted(rng: random.Random) -> bytes:
    """A file that needs a password (RC4, as reportlab writes it)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, encrypt=StandardEncryption(f"pw{rng.randrange(1000)}", canPrint=0))
    canvas.drawString(100, 700, "Confidential minutes")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _image_page(width: float, height: float) -> RawPage:
    """A page showing a tiny grey image stretched over it, and no text: a scan as PDF readers see it."""
    return RawPage(
        b"q %s 0 0 %s 0 0 cm /Im1 Do Q" % (_number(width), _number(height)),
        mediabox=(0, 0, width, height),
        resources=b"/XObject << /Im1 %d 0 R >>",
    )


def _scan_pdf(width: float, height: float, pages: int = 1) -> bytes:
    pdf = RawPdf()
    image = pdf.add(
        stream(
            b"\xf0" * 64,
            b"/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8",
        )
    )
    made = [_image_page(width, height) for _ in range(pages)]
    for page in made:
        page.resources = page.resources % image
    return pdf.to_bytes(add_pages(pdf, made))


def scan(rng: random.Random) -> bytes:
    """Page images and no text layer: blank paper, which OCR finds no text on."""
    return _scan_pdf(*A4_BOX[2:], pages=rng.randrange(1, 3))


def huge_page(rng: random.Random) -> bytes:
    """A scanned page a hundred inches (or more) a side: billions of pixels to render for OCR."""
    side = 72 * rng.choice((100, 150, 200))
    return _scan_pdf(side, side)


def zero_pages(rng: random.Random) -> bytes:
    """A page tree with no pages, its /Count zero or lying."""
    pdf = RawPdf()
    tree = pdf.add(b"<< /Type /Pages /Kids [] /Count %d >>" % rng.choice((0, 1, 5, 1000)))
    return pdf.to_bytes(pdf.add(b"<< /Type /Catalog /Pages %d 0 R >>" % tree))


def lying_count(rng: random.Random) -> bytes:
    """A page tree whose /Count says more (or fewer) pages than its /Kids hold."""
    data = _minutes_pdf(rng, pages=2)
    return data.replace(b"/Count 2", b"/Count %d" % rng.choice((0, 1, 7, 10_000, 2_000_000_000)))


def thousand_pages(rng: random.Random) -> bytes:
    """A thousand pages of minutes."""
    return _minutes_pdf(rng, pages=1000)


_MIB = 1 << 20
_ADLER = 65521


def _deflated_run(size: int, byte: bytes) -> bytes:
    """``size`` bytes (a whole number of MiB) of ``byte``, deflated, made without compressing them.

    After a full flush zlib starts afresh, so one MiB's block repeats; the checksum of
    a run of one byte value has a closed form.
    """
    deflater = zlib.compressobj(9)
    head = deflater.compress(byte * _MIB) + deflater.flush(zlib.Z_FULL_FLUSH)
    block = deflater.compress(byte * _MIB) + deflater.flush(zlib.Z_FULL_FLUSH)
    end = deflater.flush()[:-4]
    value = byte[0]
    a = (1 + value * size) % _ADLER
    b = (size + value * size * (size + 1) // 2) % _ADLER
    return head + block * (size // _MIB - 1) + end + ((b << 16) | a).to_bytes(4, "big")


def _deflated_twice(size: int, byte: bytes = b"\0") -> bytes:
    return zlib.compress(_deflated_run(size, byte), 9)


def _bomb_stream(size: int, entries: bytes, byte: bytes = b"\0") -> bytes:
    data = _deflated_twice(size, byte)
    return b"<< /Length %d %s /Filter [/FlateDecode /FlateDecode] >>\nstream\n" % (len(data), entries) + (
        data + b"\nendstream"
    )


def metadata_bomb(rng: random.Random) -> bytes:
    """A catalog /Metadata stream of a few kilobytes that inflates to 400 MiB."""
    pdf = RawPdf()
    bomb = pdf.add(_bomb_stream(400 << 20, b"/Type /Metadata /Subtype /XML"))
    root = add_pages(pdf, [RawPage(text_content(MINUTES))])
    pdf.set(root, pdf.objects[root - 1][:-2] + b"/Metadata %d 0 R >>" % bomb)
    return pdf.to_bytes(root)


def content_bomb(rng: random.Random) -> bytes:
    """A page content stream that inflates to gigabytes of spaces."""
    pdf = RawPdf()
    root = add_pages(pdf, [RawPage(b"")])
    content = next(n for n, body in enumerate(pdf.objects, 1) if body.startswith(b"<< /Length"))
    pdf.set(content, _bomb_stream(rng.choice((1, 2)) << 30, b"", b" "))
    return pdf.to_bytes(root)


def long_contents(rng: random.Random) -> bytes:
    """A page whose /Contents array lists 100,000 streams (each one the same small one)."""
    pdf = RawPdf()
    piece = pdf.add(stream(text_content(MINUTES[:1])))
    root = add_pages(pdf, [RawPage(b"")])
    refs = b" ".join([b"%d 0 R" % piece] * 100_000)
    page = next(n for n, body in enumerate(pdf.objects, 1) if b"/Type /Page " in body)
    pdf.set(
        page, re.sub(rb"/Contents \d+ 0 R", lambda m: b"/Contents [" + refs + b"]", pdf.objects[page - 1])
    )
    return pdf.to_bytes(root)


def cyclic(rng: random.Random) -> bytes:
    """A page tree that holds itself, or a page whose parent is a page, or an object that is itself."""
    data = _minutes_pdf(rng, pages=2)
    tree = int(re.search(rb"/Parent (\d+) 0 R", data).group(1))
    choice = rng.randrange(3)
    if choice == 0:
        return data.replace(b"/Kids [", b"/Kids [%d 0 R " % tree, 1)
    if choice == 1:
        return re.sub(rb"/Parent \d+ 0 R", lambda m: b"/Parent %d 0 R" % tree, data).replace(
            b"/Type /Pages", b"/Type /Pages /Parent %d 0 R" % tree, 1
        )
    return re.sub(rb"/Font << /F1 (\d+) 0 R", lambda m: b"/Font " + m.group(1) + b" 0 R", data, count=1)


def trailing_bytes(rng: random.Random) -> bytes:
    """A sound file followed by NULs, blank lines or comments after %%EOF: readers open it."""
    tail = rng.choice(
        (b"\x00" * rng.randrange(1, 70_000), b"\r\n" * 300, b"% signed by a mail gateway\n" * 200)
    )
    return _minutes_pdf(rng) + tail


def not_a_pdf(rng: random.Random) -> bytes:
    """What a website serves under a PDF's name: an error page, nothing, a ZIP archive."""
    return rng.choice((b"", b"<!DOCTYPE html><html><body>Not found</body></html>", b"PK\x03\x04" + bytes(30)))


_MAKERS: tuple[Maker, ...] = (
    truncated,
    mutated,
    broken_xref,
    encrypted,
    scan,
    huge_page,
    zero_pages,
    lying_count,
    thousand_pages,
    metadata_bomb,
    content_bomb,
    long_contents,
    cyclic,
    trailing_bytes,
    not_a_pdf,
)
CLASSES: dict[str, Maker] = {maker.__name__: maker for maker in _MAKERS}
"""Hostile files by class; each class's function makes one file of it from a seeded source."""

ODD_NAMES = ("odd_name",)
"""Classes made by their names: any of the sound files above, under a name a file system barely allows."""
SPECIAL = ("fifo", "link_to_dev_zero", "link_to_folder", "dangling_link")
"""Classes that are no regular file: the batch must skip each, with a reason, and never hang."""


def odd_name(n: int) -> bytes:
    """A name of 255 bytes, one with an extension of 231 characters, or one whose bytes are not UTF-8."""
    tag = b"%04d " % n
    kind = n % 3
    if kind == 0:
        return (tag + b"Minutes of the Audit Committee " * 10)[:251] + b".pdf"
    if kind == 1:
        return tag + b"minutes." + b"x" * 231
    return tag + b"Minutes \xe9t\xe9 \xff\xfe.pdf"


@dataclass(frozen=True)
class Hostile:
    """A generated file: where it is and its class."""

    path: Path
    kind: str


def write_hostile(
    folder: Path, count: int, seed: int = 0, classes: Sequence[str] | None = None
) -> list[Hostile]:
    """``count`` hostile files in ``folder``, classes in turn (all of them unless ``classes``), seeded."""
    rng = random.Random(seed)
    kinds = list(classes or [*CLASSES, *ODD_NAMES, *SPECIAL])
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for n in range(count):
        kind = kinds[n % len(kinds)]
        made.append(Hostile(_write_one(folder, kind, n, rng), kind))
    return made


def _write_one(folder: Path, kind: str, n: int, rng: random.Random) -> Path:
    base = folder / f"{n:04d}-{kind}.pdf"
    if kind == "odd_name":
        path = Path(os.fsdecode(os.path.join(os.fsencode(folder), odd_name(n))))
        path.write_bytes(_minutes_pdf(rng))
    elif kind == "fifo":
        os.mkfifo(base)
        path = base
    elif kind == "link_to_dev_zero":
        base.symlink_to("/dev/zero")
        path = base
    elif kind == "link_to_folder":
        path = folder / f"{n:04d}-{kind}"
        path.symlink_to(folder.resolve(), target_is_directory=True)
    elif kind == "dangling_link":
        base.symlink_to(folder / f"{n:04d}-nothing-here.pdf")
        path = base
    else:
        base.write_bytes(CLASSES[kind](rng))
        path = base
    return path
