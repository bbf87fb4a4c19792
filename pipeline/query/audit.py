"""The audit report: an index of documents and their flags, and a self-contained HTML page per document.

The index lists each document (file name and sha256, committee, meeting, status) with
its flags counted by severity and kind, and links to its page and its PDF. A page is
named by its document's file name and sha256, so two files of one name (every
ModernGov "Public reports pack.pdf") get a page each. On a page each flag shows its
kind, severity, the rule that raised it, what was expected and what is printed, and
each place it concerns: the page (linked to that page of the PDF), the table row or
the quoted text, and a picture of that part of the page with the evidence outlined.
Pictures are rendered from the stored PDF with PDFium and embedded as PNG data, so a
page can be mailed or archived on its own. A location without a box is found on its
page by its text; failing that, the table's region is shown.
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw
from sqlalchemy import Engine, func, select
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
WORD_GAP = 3.0
"""White space kept beyond the words at a crop's edge, in points (less where the next line is nearer)."""


class Pages:
    """A stored PDF, opened once: page images, words and text search."""

    def __init__(self, path: Path | None):
        self.path = path if path is not None and path.is_file() else None
        self._pdf = None
        self._plumb = None
        self._images: dict[int, Image.Image] = {}
        self._words: dict[int, list[BBox]] = {}

    def close(self) -> None:
        with PDFIUM_LOCK:
            if self._pdf is not None:
                self._pdf.close()
        if self._plumb is not None:
            self._plumb.close()

    def _page(self, page: int):
        """The pdfplumber page ``page`` (1-based), or None past the document's end."""
        if self._plumb is None:
            self._plumb = open_document(self.path)
        return self._plumb.pages[page - 1] if 1 <= page <= len(self._plumb.pages) else None

    def find(self, page: int, text: str) -> BBox | None:
        """The box of ``text`` on ``page`` (1-based), trying shorter parts when the whole is not found."""
        if self.path is None or not text.strip() or (p := self._page(page)) is None:
            return None
        words = text.split()
        figures = [w for w in words if re.search(r"\d", w)]
        for attempt in [text, " ".join(words[:4]), *figures, " ".join(words[-3:])]:
            if not attempt.strip():
                continue
            hits = p.search(re.sub(r"\s+", " ", attempt).strip(), regex=False, case=False)
            if hits:
                return (hits[0]["x0"], hits[0]["top"], hits[0]["x1"], hits[0]["bottom"])
        return None

    def image(self, page: int) -> Image.Image | None:
        """The whole of ``page`` (1-based) rendered at :data:`SCALE`; None past the document's end."""
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
        return self._images[page]

    def whole_words(self, page: int, box: BBox) -> BBox:
        """``box`` grown until it cuts no word of ``page`` in two, with a little white around."""
        if page not in self._words:
            p = self._page(page)
            found = p.extract_words() if p is not None else []
            self._words[page] = [(w["x0"], w["top"], w["x1"], w["bottom"]) for w in found]
        grown = None
        while grown != box:
            grown, (left, upper, right, lower) = box, box
            for x0, top, x1, bottom in self._words[page]:
                if x0 < right and x1 > left and top < lower and bottom > upper:
                    left, upper, right, lower = (
                        min(left, x0),
                        min(upper, top),
                        max(right, x1),
                        max(lower, bottom),
                    )
            box = (left, upper, right, lower)
        return self._padded(page, box)

    def _padded(self, page: int, box: BBox) -> BBox:
        """``box`` with :data:`WORD_GAP` of white around it, or less where a word outside is nearer: a
        quarter of the way to it, as descenders reach below a word's box."""
        left, upper, right, lower = box
        above = [b for x0, _, x1, b in self._words[page] if x0 < right and x1 > left and b <= upper]
        below = [t for x0, t, x1, _ in self._words[page] if x0 < right and x1 > left and t >= lower]
        before = [x1 for x0, t, x1, b in self._words[page] if t < lower and b > upper and x1 <= left]
        after = [x0 for x0, t, x1, b in self._words[page] if t < lower and b > upper and x0 >= right]
        return (
            max([left - WORD_GAP, *(left - (left - x) / 4 for x in before)]),
            max([upper - WORD_GAP, *(upper - (upper - y) / 4 for y in above)]),
            min([right + WORD_GAP, *(right + (x - right) / 4 for x in after)]),
            min([lower + WORD_GAP, *(lower + (y - lower) / 4 for y in below)]),
        )

    def crop(self, page: int, box: BBox, across: tuple[float, float] | None = None) -> str | None:
        """A PNG (base64) of the part of ``page`` around ``box``, with the box outlined.

        ``across`` widens the picture to that horizontal span (a table's, so a cell is
        shown with its row label and column). The picture cuts no word in two.
        """
        page_image = self.image(page)
        if page_image is None:
            return None
        image = page_image.copy()
        width, height = image.width / SCALE, image.height / SCALE
        x0, top, x1, bottom = box
        grow = max(0.0, (MIN_WIDTH - (x1 - x0)) / 2)
        left, right = x0 - MARGIN - grow, x1 + MARGIN + grow
        if across is not None:
            left, right = min(left, across[0] - 4), max(right, across[1] + 4)
        left, upper, right, lower = self.whole_words(page, (left, top - MARGIN, right, bottom + MARGIN))
        left, upper, right, lower = max(0.0, left), max(0.0, upper), min(width, right), min(height, lower)
        draw_box(image, box)
        piece = image.crop((int(left * SCALE), int(upper * SCALE), int(right * SCALE), int(lower * SCALE)))
        buffer = io.BytesIO()
        piece.save(buffer, format="PNG", optimize=True)
        return base64.b64encode(buffer.getvalue()).decode("ascii")

    def page_png(self, page: int, box: BBox | None = None) -> bytes | None:
        """The whole of ``page`` as PNG, with ``box`` outlined if given; None past the document's end."""
        page_image = self.image(page)
        if page_image is None:
            return None
        image = page_image.copy()
        if box is not None:
            draw_box(image, box)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return buffer.getvalue()


BOX_COLOUR = (220, 30, 30)
"""The outline drawn around evidence: a red no page prints in body text."""


def draw_box(image: Image.Image, box: BBox) -> None:
    """Outline ``box`` (PDF points) on a page image rendered at :data:`SCALE`."""
    x0, top, x1, bottom = box
    ImageDraw.Draw(image).rectangle(
        [(x0 - 2) * SCALE, (top - 2) * SCALE, (x1 + 2) * SCALE, (bottom + 2) * SCALE],
        outline=BOX_COLOUR,
        width=3,
    )


def _region(doc: DocumentExtraction, loc: FlagLocation) -> BBox | None:
    """The box of the location's table on the location's page."""
    table = next((t for t in doc.tables if t.id == loc.table), None) if loc.table else None
    region = next((r for r in table.regions if r.page == loc.pdf_page), None) if table else None
    return region.bbox if region else None


def _box(doc: DocumentExtraction, loc: FlagLocation, pages: Pages) -> BBox | None:
    if loc.bbox is not None:
        return loc.bbox
    if loc.text and loc.pdf_page is not None:
        found = pages.find(loc.pdf_page, loc.text)
        if found is not None:
            return found
    return _region(doc, loc)


def _page_link(pdf: Path | None, page: int) -> str:
    """A link opening the PDF at ``page``, when the PDF is at hand."""
    if pdf is None:
        return ""
    uri = html.escape(pdf.resolve().as_uri())
    return f' · <a class="pdf" href="{uri}#page={page}">open page {page} of the PDF</a>'


def _location_html(
    doc: DocumentExtraction, loc: FlagLocation, pages: Pages, others: Mapping[str, StoredDocument]
) -> str:
    other = loc.document_sha256 if loc.document_sha256 and loc.document_sha256 != doc.sha256 else None
    stored = others.get(other) if other else None
    parts = []
    link = ""
    if loc.pdf_page is not None:
        parts.append(f"page {loc.pdf_page}")
        link = _page_link((stored.pdf if stored else None) if other else pages.path, loc.pdf_page)
    if loc.table:
        parts.append(f"table {html.escape(loc.table)}")
    if loc.row_label:
        parts.append(f"row “{html.escape(loc.row_label)}”")
    if loc.text:
        parts.append(f"text “{html.escape(loc.text)}”")
    if other:
        name = f"{stored.file_name} ({other[:12]})" if stored else f"document {other[:12]}"
        parts.append(f"in {html.escape(name)}")
        return f"<li>{', '.join(parts)}{link}</li>"
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
    return f"<li>{', '.join(parts)}{link}{picture}</li>"


def _flag_html(
    doc: DocumentExtraction, n: int, flag: Inconsistency, pages: Pages, others: Mapping[str, StoredDocument]
) -> str:
    rows = [
        ("Expected", flag.expected),
        ("Found", flag.found),
        ("Rule", f"{flag.rule} {flag.rule_version}"),
    ]
    table = "".join(f"<tr><th>{label}</th><td>{html.escape(value or '—')}</td></tr>" for label, value in rows)
    locations = "".join(_location_html(doc, loc, pages, others) for loc in flag.locations)
    return (
        f'<section class="flag {html.escape(flag.severity)}">'
        f"<h2>{n}. {html.escape(flag.kind.replace('_', ' '))} "
        f'<span class="severity">{html.escape(flag.severity)}</span></h2>'
        f"<p>{html.escape(flag.description)}</p>"
        f"<table>{table}</table><ul>{locations}</ul></section>"
    )


_STYLE = """
body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;color:#222;
hyphens:manual;overflow-wrap:normal;word-break:normal}
h1{font-size:1.4em}.flag{border-top:1px solid #ccc;padding:.5em 0}
.flag h2{font-size:1.1em;margin:.3em 0}
.severity{font-size:.8em;padding:0 .4em;border-radius:3px;background:#eee}
.high .severity{background:#f4c7c3}.medium .severity{background:#fce8b2}
.low .severity{background:#d9ead3}th{text-align:left;padding-right:1em;vertical-align:top}
td,th{padding:.2em .6em .2em 0}table.index{border-collapse:collapse;width:100%}
table.index td,table.index th{border-bottom:1px solid #ddd}
.sha{font-family:ui-monospace,monospace;font-size:.85em}.nowrap,.sha{white-space:nowrap}
.num{text-align:right}
img{max-width:100%;border:1px solid #ddd;margin:.3em 0}
.note{color:#777;font-size:.9em}
"""


@dataclass(frozen=True)
class StoredDocument:
    """A document as the report names and links it: file name, stored PDF and report page."""

    sha256: str
    file_name: str
    pdf: Path | None
    page_name: str


def page_name(file_name: str, sha256: str) -> str:
    """The report page of a document: its file name and sha256, so two files of one name get two pages."""
    return f"{Path(file_name).stem}.{sha256[:12]}.audit.html"


def _head(title: str) -> str:
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        f"<style>{_STYLE}</style></head><body>"
    )


def render_audit_html(
    doc: DocumentExtraction, pdf_path: Path | None, others: Mapping[str, StoredDocument] | None = None
) -> str:
    """The audit report of a document's stored flags, as HTML; ``pdf_path`` is its stored PDF.

    ``others`` names the other documents a flag's locations may be in (by sha256).
    """
    pages = Pages(pdf_path)
    try:
        flags = sorted(
            doc.inconsistencies,
            key=lambda f: (min((loc.pdf_page or 0 for loc in f.locations), default=0), f.kind),
        )
        body = "".join(_flag_html(doc, n, f, pages, others or {}) for n, f in enumerate(flags, 1))
    finally:
        pages.close()
    counts = Counter(f.kind for f in doc.inconsistencies)
    summary = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in sorted(counts.items())) or "no flags"
    note = "" if pages.path else '<p class="note">The stored PDF was not found: no page images.</p>'
    title = html.escape(f"Audit report: {doc.file}")
    pdf = f' · <a href="{html.escape(pages.path.resolve().as_uri())}">the PDF</a>' if pages.path else ""
    return (
        f"{_head(title)}<p><a href='index.html'>All documents</a></p><h1>{title}</h1>"
        f"<p>sha256 <span class='sha'>{html.escape(doc.sha256)}</span> · {doc.page_count} pages · "
        f"{len(doc.inconsistencies)} flags ({html.escape(summary)}){pdf}</p>"
        f"{note}{body or '<p>No inconsistencies were flagged.</p>'}</body></html>"
    )


def _stored(session: Session, sha256s: Iterable[str] | None = None) -> dict[str, StoredDocument]:
    """The documents (all, or those named) with their stored PDFs, by sha256."""
    query = select(sql.Document.sha256, sql.Document.file_name, sql.SourceFile.stored_path).outerjoin(
        sql.SourceFile, sql.SourceFile.sha256 == sql.Document.sha256
    )
    if sha256s is not None:
        query = query.where(sql.Document.sha256.in_(list(sha256s)))
    found = {}
    for sha, name, stored in session.execute(query):
        pdf = Path(stored) if stored and Path(stored).is_file() else None
        found[sha] = StoredDocument(sha, name, pdf, page_name(name, sha))
    return found


def write_audit_report(engine: Engine, sha256: str, out_dir: Path) -> Path:
    """Write the report page of the document with this sha256 into ``out_dir``; returns its path.

    The page is named by file and sha256 (:func:`page_name`).

    Raises:
        KeyError: no document with this sha256 is in the database.
    """
    with Session(engine) as session:
        doc = read_extraction(session, sha256)
        if doc is None:
            raise KeyError(f"no document {sha256} in the database")
        others = _stored(session, _other_documents(doc))
        [stored] = _stored(session, [sha256]).values()
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / stored.page_name
    path.write_text(render_audit_html(doc, stored.pdf, others), encoding="utf-8")
    return path


def _other_documents(doc: DocumentExtraction) -> set[str]:
    return {
        loc.document_sha256
        for f in doc.inconsistencies
        for loc in f.locations
        if loc.document_sha256 and loc.document_sha256 != doc.sha256
    }


def write_audit_reports(engine: Engine, sha256s: Sequence[str], out_dir: Path) -> tuple[Path, list[Path]]:
    """Write the report page of each document and ``index.html`` listing them; returns (index, pages)."""
    pages = [write_audit_report(engine, sha, out_dir) for sha in sha256s]
    index = out_dir / "index.html"
    out_dir.mkdir(parents=True, exist_ok=True)
    index.write_text(render_index_html(engine, sha256s), encoding="utf-8")
    return index, pages


SEVERITIES = ("high", "medium", "low")


def render_index_html(engine: Engine, sha256s: Sequence[str]) -> str:
    """The report's index: each document with its flags by severity and kind, linked to its page."""
    flags = sql.InconsistencyRow
    with Session(engine) as session:
        stored = _stored(session, sha256s)
        counts = session.execute(
            select(flags.sha256, flags.severity, flags.kind, func.count())
            .where(flags.sha256.in_(list(sha256s)))
            .group_by(flags.sha256, flags.severity, flags.kind)
        ).all()
        details = {
            d.sha256: d
            for d in session.scalars(select(sql.Document).where(sql.Document.sha256.in_(list(sha256s))))
        }
        status = dict(
            session.execute(
                select(sql.SourceFile.sha256, sql.SourceFile.status).where(
                    sql.SourceFile.sha256.in_(list(sha256s))
                )
            ).all()
        )
    by_severity: dict[str, Counter] = {sha: Counter() for sha in sha256s}
    by_kind: dict[str, Counter] = {sha: Counter() for sha in sha256s}
    for sha, severity, kind, n in counts:
        by_severity[sha][severity] += n
        by_kind[sha][kind.replace("_", " ")] += n
    rows = []
    for sha in sorted(sha256s, key=lambda s: (stored[s].file_name.casefold(), s)):
        doc, d = stored[sha], details[sha]
        meeting = d.meeting_date.isoformat() if d.meeting_date else ""
        # A file name, a date and "3 total mismatch" each stay on one line: a break at a hyphen splits them.
        kinds = ", ".join(
            f"<span class='nowrap'>{n} {html.escape(kind)}</span>" for kind, n in sorted(by_kind[sha].items())
        )
        pdf = f' <a href="{html.escape(doc.pdf.resolve().as_uri())}">PDF</a>' if doc.pdf else ""
        cells = [
            f'<a class="nowrap" href="{html.escape(doc.page_name)}">{html.escape(doc.file_name)}</a>{pdf}',
            f"<span class='sha'>{sha[:12]}</span>",
            html.escape(d.committee or ""),
            f"<span class='nowrap'>{meeting}</span>",
            str(d.page_count),
            html.escape(status.get(sha) or ""),
            *(f"<span class='num'>{by_severity[sha][s]}</span>" for s in SEVERITIES),
            kinds,
        ]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    header = ["document", "sha256", "committee", "meeting", "pages", "status", *SEVERITIES, "flags by kind"]
    total = sum(sum(c.values()) for c in by_severity.values())
    return (
        f"{_head('Audit report')}<h1>Audit report</h1>"
        f"<p>{len(sha256s)} document(s), {total} flag(s).</p>"
        "<table class='index'><tr>" + "".join(f"<th>{h}</th>" for h in header) + "</tr>"
        f"{''.join(rows)}</table></body></html>"
    )
