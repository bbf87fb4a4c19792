"""The Datasette plugin of ``councilpdf browse``: every row leads to its evidence.

* A page number (``pdf_page`` of a row that names its document by ``sha256``, or by
  ``document_sha256`` where that differs from the row's owner) links to
  the page rendered as an image with the row's box drawn (``/-/councilpdf/page/...``),
  and to the PDF itself at that page (``/-/councilpdf/pdf/SHA256.pdf#page=N``). A row
  with no box but quoted ``text`` has the text found on the page and outlined.
* A ``snippet`` column (the search queries') shows its matching words marked.
* A table's column descriptions fold away above it and show as its headings' tooltips.
* ``councilpdf_fts(topic)`` turns a web-search style topic into a safe FTS5 query.

Only files the database records as stored copies are served, by their SHA-256.
"""

from __future__ import annotations

import asyncio
import html
from pathlib import Path
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup

from pipeline.query.audit import Pages
from pipeline.query.search import END_MARK, MARK, fts5_query

ROUTE = "/-/councilpdf"
_BOX = ("bbox_x0", "bbox_top", "bbox_x1", "bbox_bottom")


@hookimpl
def prepare_connection(conn) -> None:
    # An empty topic is the phrase "", which matches nothing (an empty MATCH is an error).
    conn.create_function(
        "councilpdf_fts", 1, lambda topic: fts5_query(topic or "") or '""', deterministic=True
    )


@hookimpl
def render_cell(row, value, column, datasette):
    if column == "snippet" and isinstance(value, str):
        return Markup(
            html.escape(value).replace(html.escape(MARK), "<mark>").replace(html.escape(END_MARK), "</mark>")
        )
    if column != "pdf_page" or value is None:
        return None
    keys = row.keys()
    # A flag's location may be in another document than the flag's own.
    sha256 = _raw(next((row[k] for k in ("document_sha256", "sha256") if k in keys), None))
    if not isinstance(sha256, str) or len(sha256) != 64:
        return None
    return Markup(evidence_links(datasette, sha256, int(value), _box(row, keys), _text(row, keys)))


def _raw(value):
    """A cell's value: a foreign key Datasette has labelled comes as {"value": ..., "label": ...}."""
    return value.get("value") if isinstance(value, dict) else value


def _box(row, keys) -> tuple[float, ...] | None:
    if all(c in keys for c in _BOX) and all(row[c] is not None for c in _BOX):
        return tuple(float(row[c]) for c in _BOX)
    return None


def _text(row, keys) -> str | None:
    value = row["text"] if "text" in keys else None
    return value if isinstance(value, str) and value.strip() else None


def evidence_links(datasette, sha256: str, page: int, box: tuple[float, ...] | None, text: str | None) -> str:
    """A page number linked to the page image (with the box, or the text to find) and to the PDF."""
    query = {"box": ",".join(f"{v:g}" for v in box)} if box else {"text": text[:200]} if text else {}
    image = datasette.urls.path(f"{ROUTE}/page/{sha256}/{page}.png")
    if query:
        image += "?" + urlencode(query)
    pdf = datasette.urls.path(f"{ROUTE}/pdf/{sha256}.pdf") + f"#page={page}"
    return (
        f'{page} <a class="evidence" href="{html.escape(image)}">page image</a> '
        f'<a class="pdf" href="{html.escape(pdf)}">PDF</a>'
    )


_FOLD_DESCRIPTIONS = """
document.querySelectorAll("dl.column-descriptions").forEach((dl) => {
  const fold = document.createElement("details");
  const label = document.createElement("summary");
  label.textContent = "What each column holds";
  dl.parentNode.insertBefore(fold, dl);
  fold.append(label, dl);
  const said = {};
  dl.querySelectorAll("dt").forEach((dt) => { said[dt.textContent] = dt.nextElementSibling.textContent; });
  document.querySelectorAll("th[data-column]").forEach((th) => {
    if (said[th.dataset.column]) th.title = said[th.dataset.column];
  });
});
"""


@hookimpl
def extra_body_script(view_name):
    # Column descriptions fold away above a table, and show as each column heading's tooltip.
    return _FOLD_DESCRIPTIONS if view_name == "table" else None


@hookimpl
def register_routes():
    return [
        (rf"^{ROUTE}/page/(?P<sha256>[0-9a-f]{{64}})/(?P<page>[0-9]+)\.png$", page_image),
        (rf"^{ROUTE}/pdf/(?P<sha256>[0-9a-f]{{64}})\.pdf$", pdf_file),
    ]


async def _stored_pdf(datasette, sha256: str) -> Path | None:
    db = datasette.get_database()
    result = await db.execute("select stored_path from source_files where sha256 = ?", [sha256])
    row = result.first()
    path = Path(row["stored_path"]) if row and row["stored_path"] else None
    return path if path is not None and path.is_file() else None


async def page_image(request, datasette):
    """The page as PNG with the box (``?box=x0,top,x1,bottom``) or the text (``?text=``) outlined."""
    sha256, page = request.url_vars["sha256"], int(request.url_vars["page"])
    pdf = await _stored_pdf(datasette, sha256)
    if pdf is None:
        return Response.text(f"the stored PDF of {sha256} is not at hand", status=404)
    try:
        box = tuple(float(v) for v in request.args["box"].split(",")) if request.args.get("box") else None
    except ValueError:
        return Response.text("box must be four numbers: x0,top,x1,bottom", status=400)
    if box is not None and len(box) != len(_BOX):
        return Response.text("box must be four numbers: x0,top,x1,bottom", status=400)

    def render() -> bytes | None:
        pages = Pages(pdf)
        try:
            found = box or (pages.find(page, request.args["text"]) if request.args.get("text") else None)
            return pages.page_png(page, found)
        finally:
            pages.close()

    body = await asyncio.get_running_loop().run_in_executor(None, render)
    if body is None:
        return Response.text(f"the PDF has no page {page}", status=404)
    return Response(body, content_type="image/png")


async def pdf_file(request, datasette):
    """The stored PDF itself, shown in the browser (append ``#page=N`` to open it at a page)."""
    pdf = await _stored_pdf(datasette, request.url_vars["sha256"])
    if pdf is None:
        return Response.text("the stored PDF is not at hand", status=404)
    return Response(
        pdf.read_bytes(), content_type="application/pdf", headers={"content-disposition": "inline"}
    )
