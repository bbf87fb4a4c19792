"""A per-document audit report: every flag with its evidence, as one self-contained HTML file.

Each flag shows its kind, severity, the rule that raised it, what was expected and
what is printed, and each place it concerns: the page, the table row or the quoted
text, and a picture of that part of the page with the evidence outlined. Pictures are
rendered from the stored PDF with PDFium and embedded as PNG data, so the report can be
mailed or archived on its own. A location without a box is found on its page by its
text; failing that, the table's region is shown.
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from pipeline.pdf.pdfpages import PDFIUM_LOCK, open_document
from pipeline.readback import read_extraction
from schemas import sql
from schemas.records import BBox, DocumentExtraction, FlagLocation, Inconsistency

SCALE = 2.0
"""Rendering scale: 2 pixels per PDF point (144 dpi)."""
MARGIN = 36.0
"""Page context kept around the evidence, in points."""
MIN_WIDTH = 480.0
"""Narrowest crop, in points: a lone figure is shown with its line around it."""


class _Pages:
    """The stored PDF, opened once: page images and text search."""

    def __init__(self, path: Path | None):
        self.path = path if path is not None and path.is_file() else None
        self._pdf = None
        self._plumb = None
        self._images: dict[int, Image.Image] = {}

    def close(self) -> None:
        with PDFIUM_LOCK:
            if self._pdf is not None:
                self._pdf.close()
        if self._plumb is not None:
            self._plumb.close()

    def find(self, page: int, text: str) -> BBox | None:
        """The box of ``text`` on ``page`` (1-based), trying shorter parts when the whole is not found."""
        if self.path is None or not text.strip():
            return None
        if self._plumb is None:
            self._plumb = open_document(self.path)
        if not 1 <= page <= len(self._plumb.pages):
            return None
        p = self._plumb.pages[page - 1]
        words = text.split()
        figures = [w for w in words if re.search(r"\d", w)]
        for attempt in [text, " ".join(words[:4]), *figures, " ".join(words[-3:])]:
            if not attempt.strip():
                continue
            hits = p.search(re.sub(r"\s+", " ", attempt).strip(), regex=False, case=False)
            if hits:
                return (hits[0]["x0"], hits[0]["top"], hits[0]["x1"], hits[0]["bottom"])
        return None

    def crop(self, page: int, box: BBox, across: tuple[float, float] | None = None) -> str | None:
        """A PNG (base64) of the part of ``page`` around ``box``, with the box outlined.

        ``across`` widens the picture to that horizontal span (a table's, so a cell is
        shown with its row label and column).
        """
        if self.path is None:
            return None
        if page not in self._images:
            with PDFIUM_LOCK:
                if self._pdf is None:
                    self._pdf = pdfium.PdfDocument(str(self.path))
                if not 1 <= page <= len(self._pdf):
                    return None
                pdfpage = self._pdf[page - 1]
                self._images[page] = pdfpage.render(scale=SCALE).to_pil().convert("RGB")
                pdfpage.close()
        image = self._images[page].copy()
        width, height = image.width / SCALE, image.height / SCALE
        x0, top, x1, bottom = box
        grow = max(0.0, (MIN_WIDTH - (x1 - x0)) / 2)
        left, right = max(0.0, x0 - MARGIN - grow), min(width, x1 + MARGIN + grow)
        if across is not None:
            left, right = max(0.0, min(left, across[0] - 4)), min(width, max(right, across[1] + 4))
        upper, lower = max(0.0, top - MARGIN), min(height, bottom + MARGIN)
        draw = ImageDraw.Draw(image)
        draw.rectangle(
            [(x0 - 2) * SCALE, (top - 2) * SCALE, (x1 + 2) * SCALE, (bottom + 2) * SCALE],
            outline=(220, 30, 30),
            width=3,
        )
        piece = image.crop((int(left * SCALE), int(upper * SCALE), int(right * SCALE), int(lower * SCALE)))
        buffer = io.BytesIO()
        piece.save(buffer, format="PNG", optimize=True)
        return base64.b64encode(buffer.getvalue()).decode("ascii")


def _region(doc: DocumentExtraction, loc: FlagLocation) -> BBox | None:
    """The box of the location's table on the location's page."""
    table = next((t for t in doc.tables if t.id == loc.table), None) if loc.table else None
    region = next((r for r in table.regions if r.page == loc.pdf_page), None) if table else None
    return region.bbox if region else None


def _box(doc: DocumentExtraction, loc: FlagLocation, pages: _Pages) -> BBox | None:
    if loc.bbox is not None:
        return loc.bbox
    if loc.text and loc.pdf_page is not None:
        found = pages.find(loc.pdf_page, loc.text)
        if found is not None:
            return found
    return _region(doc, loc)


def _location_html(doc: DocumentExtraction, loc: FlagLocation, pages: _Pages) -> str:
    parts = []
    if loc.pdf_page is not None:
        parts.append(f"page {loc.pdf_page}")
    if loc.table:
        parts.append(f"table {html.escape(loc.table)}")
    if loc.row_label:
        parts.append(f"row “{html.escape(loc.row_label)}”")
    if loc.text:
        parts.append(f"text “{html.escape(loc.text)}”")
    if loc.document_sha256 and loc.document_sha256 != doc.sha256:
        parts.append(f"in document {html.escape(loc.document_sha256[:12])}…")
        return f"<li>{', '.join(parts)}</li>"
    picture = ""
    box = _box(doc, loc, pages) if loc.pdf_page is not None else None
    if box is not None:
        region = _region(doc, loc)
        data = pages.crop(loc.pdf_page, box, (region[0], region[2]) if region else None)
        if data is not None:
            alt = html.escape(f"page {loc.pdf_page} around the evidence")
            picture = f'<br><img alt="{alt}" src="data:image/png;base64,{data}">'
    elif loc.pdf_page is not None:
        picture = '<br><span class="note">(no box on the page for this location)</span>'
    return f"<li>{', '.join(parts)}{picture}</li>"


def _flag_html(doc: DocumentExtraction, n: int, flag: Inconsistency, pages: _Pages) -> str:
    rows = [
        ("Expected", flag.expected),
        ("Found", flag.found),
        ("Rule", f"{flag.rule} {flag.rule_version}"),
    ]
    table = "".join(f"<tr><th>{label}</th><td>{html.escape(value or '—')}</td></tr>" for label, value in rows)
    locations = "".join(_location_html(doc, loc, pages) for loc in flag.locations)
    return (
        f'<section class="flag {html.escape(flag.severity)}">'
        f"<h2>{n}. {html.escape(flag.kind.replace('_', ' '))} "
        f'<span class="severity">{html.escape(flag.severity)}</span></h2>'
        f"<p>{html.escape(flag.description)}</p>"
        f"<table>{table}</table><ul>{locations}</ul></section>"
    )


_STYLE = """
body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;color:#222}
h1{font-size:1.4em}.flag{border-top:1px solid #ccc;padding:.5em 0}
.flag h2{font-size:1.1em;margin:.3em 0}
.severity{font-size:.8em;padding:0 .4em;border-radius:3px;background:#eee}
.high .severity{background:#f4c7c3}.medium .severity{background:#fce8b2}
.low .severity{background:#d9ead3}th{text-align:left;padding-right:1em;vertical-align:top}
img{max-width:100%;border:1px solid #ddd;margin:.3em 0}
.note{color:#777;font-size:.9em}
"""


def render_audit_html(doc: DocumentExtraction, pdf_path: Path | None) -> str:
    """The audit report of a document's stored flags, as HTML; ``pdf_path`` is its stored PDF."""
    pages = _Pages(pdf_path)
    try:
        flags = sorted(
            doc.inconsistencies,
            key=lambda f: (min((loc.pdf_page or 0 for loc in f.locations), default=0), f.kind),
        )
        body = "".join(_flag_html(doc, n, f, pages) for n, f in enumerate(flags, 1))
    finally:
        pages.close()
    counts = Counter(f.kind for f in doc.inconsistencies)
    summary = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in sorted(counts.items())) or "no flags"
    note = "" if pages.path else '<p class="note">The stored PDF was not found: no page images.</p>'
    title = html.escape(f"Audit report: {doc.file}")
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        f"<style>{_STYLE}</style></head><body><h1>{title}</h1>"
        f"<p>sha256 {html.escape(doc.sha256)} · {doc.page_count} pages · {len(doc.inconsistencies)} flags "
        f"({html.escape(summary)})</p>{note}{body or '<p>No inconsistencies were flagged.</p>'}</body></html>"
    )


def write_audit_report(engine: Engine, sha256: str, out_dir: Path) -> Path:
    """Write ``NAME.audit.html`` for the document with this sha256 into ``out_dir``; returns its path.

    Raises:
        KeyError: no document with this sha256 is in the database.
    """
    with Session(engine) as session:
        doc = read_extraction(session, sha256)
        source = session.get(sql.SourceFile, sha256)
    if doc is None:
        raise KeyError(f"no document {sha256} in the database")
    pdf = Path(source.stored_path) if source is not None and source.stored_path else None
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{Path(doc.file).stem}.audit.html"
    path.write_text(render_audit_html(doc, pdf), encoding="utf-8")
    return path
