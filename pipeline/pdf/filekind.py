"""What a file that is not a PDF is, so its quarantine reason says what to do with it.

A council website serves whatever is behind a link: an error page, a zipped pack, a
Word document. The first bytes of a file name its kind.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Office 97-2003 file (.doc, .xls or .ppt): save it as PDF"),
    (b"{\\rtf", "an RTF document: save it as PDF"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%!PS", "a PostScript file: convert it to PDF"),
    (b"\x1f\x8b", "a gzip archive: unpack it and ingest the PDFs inside"),
)
_OFFICE_ZIPS = (
    ("word/", "a Word document (.docx): save it as PDF"),
    ("xl/", "an Excel workbook (.xlsx): save it as PDF"),
    ("ppt/", "a PowerPoint file (.pptx): save it as PDF"),
)
# PDFs named in a ZIP archive's reason; more are counted.
_NAMED = 3


def not_a_pdf(path: Path, head: bytes) -> str | None:
    """Why the file whose first bytes are ``head`` is no PDF, or None if it may be one."""
    if head.startswith(b"PK\x03\x04"):
        return f"not a PDF: {_zip_kind(path)}"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return f"not a PDF: {kind}"
    if b"%PDF-" in head:
        return None
    lowered = head.lower()
    if b"<html" in lowered or b"<!doctype" in lowered:
        return (
            "not a PDF: an HTML page under a PDF's name "
            "(the website served an error or sign-in page instead of the paper)"
        )
    return "not a PDF: the file does not start with a %PDF header"


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return "a damaged ZIP archive"
    for prefix, kind in _OFFICE_ZIPS:
        if any(name.startswith(prefix) for name in names):
            return kind
    pdfs = [name for name in names if name.lower().endswith(".pdf")]
    if not pdfs:
        return "a ZIP archive holding no PDF"
    shown = ", ".join(pdfs[:_NAMED]) + (f" and {len(pdfs) - _NAMED} more" if len(pdfs) > _NAMED else "")
    return f"a ZIP archive holding {shown}: unzip it and ingest the PDFs inside"
