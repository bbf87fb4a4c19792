"""Robust by construction: whatever tables and pages look like, no exception escapes extraction,
and the extractors themselves raise on none of them.

Hypothesis draws pages of tables (ruled, partly ruled or unruled; merged and rotated
cells; empty rows and columns; ragged rows; one-row tables; words printed over one
another; zero-size glyphs) around a heading and a paragraph, prints them with
reportlab, and runs the real segmentation and extraction on the PDF.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from pipeline.extract import extract_pdf, segment_pdf
from pipeline.pdf.pdfpages import sha256_of

WORDS = st.sampled_from(
    [
        "Total",
        "Budget",
        "£1,234",
        "(56.7)",
        "12%",
        "Q1",
        "Green",
        "-",
        "n/a",
        "Revenue",
        "2024-25",
        "4th",
        "•",
    ]
)
CELL = st.one_of(st.just(""), st.lists(WORDS, min_size=1, max_size=4).map(" ".join))


@dataclass(frozen=True)
class TableSpec:
    rows: list[list[str]]
    ruling: str  # "grid", "frame", "none"
    merged: tuple[int, int] | None  # a cell spanning two columns: (row, col)
    rotated_col: int | None  # a column whose header is printed turned 90 degrees
    overlap: bool  # a word printed over another
    zero_size: bool  # glyphs of size zero among the cells
    top: float
    cell_width: float
    row_height: float


@st.composite
def tables(draw) -> TableSpec:
    n_cols = draw(st.integers(1, 7))
    n_rows = draw(st.integers(1, 12))
    ragged = draw(st.booleans())
    rows = [draw(st.lists(CELL, min_size=1 if ragged else n_cols, max_size=n_cols)) for _ in range(n_rows)]
    return TableSpec(
        rows=rows,
        ruling=draw(st.sampled_from(["grid", "frame", "none"])),
        merged=draw(st.none() | st.tuples(st.integers(0, n_rows - 1), st.integers(0, max(0, n_cols - 2)))),
        rotated_col=draw(st.none() | st.integers(0, n_cols - 1)),
        overlap=draw(st.booleans()),
        zero_size=draw(st.booleans()),
        top=draw(st.floats(120, 400)),
        cell_width=draw(st.floats(20, 90)),
        row_height=draw(st.floats(6, 30)),
    )


def _draw(canvas: Canvas, spec: TableSpec) -> None:
    height = A4[1]
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(60, height - 60, "1. Budget monitoring report")
    canvas.setFont("Helvetica", 10)
    canvas.drawString(60, height - 80, "The table below sets out the position at the end of the quarter.")
    x0, y0 = 60.0, height - spec.top
    n_cols = max(len(r) for r in spec.rows)
    for r, row in enumerate(spec.rows):
        y = y0 - (r + 1) * spec.row_height
        for c, text in enumerate(row):
            if spec.merged == (r, c + 1) or not text:
                continue
            x = x0 + c * spec.cell_width + 2
            if spec.rotated_col == c and r == 0:
                canvas.saveState()
                canvas.translate(x + 4, y)
                canvas.rotate(90)
                canvas.drawString(0, 0, text)
                canvas.restoreState()
                continue
            if spec.merged == (r, c):
                canvas.drawCentredString(x + spec.cell_width, y + 3, text)
                continue
            canvas.drawString(x, y + 3, text)
            if spec.overlap and (r + c) % 3 == 0:
                canvas.drawString(x + 1.5, y + 3.5, text)
    if spec.zero_size:
        canvas.setFont("Helvetica", 0)
        canvas.drawString(x0, y0 - spec.row_height / 2, "0.0 hidden")
        canvas.setFont("Helvetica", 10)
    bottom = y0 - len(spec.rows) * spec.row_height
    right = x0 + n_cols * spec.cell_width
    if spec.ruling == "frame":
        canvas.rect(x0, bottom, right - x0, y0 - bottom)
        canvas.line(x0, y0 - spec.row_height, right, y0 - spec.row_height)
    elif spec.ruling == "grid":
        for r in range(len(spec.rows) + 1):
            canvas.line(x0, y0 - r * spec.row_height, right, y0 - r * spec.row_height)
        for c in range(n_cols + 1):
            if spec.merged and c == spec.merged[1] + 1:
                top_of = y0 - spec.merged[0] * spec.row_height
                canvas.line(x0 + c * spec.cell_width, y0, x0 + c * spec.cell_width, top_of)
                canvas.line(
                    x0 + c * spec.cell_width, top_of - spec.row_height, x0 + c * spec.cell_width, bottom
                )
                continue
            canvas.line(x0 + c * spec.cell_width, y0, x0 + c * spec.cell_width, bottom)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(tables(), min_size=1, max_size=3))
def test_no_table_or_page_layout_makes_an_extractor_raise(specs):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "drawn.pdf"
        canvas = Canvas(str(path), pagesize=A4)
        for spec in specs:
            _draw(canvas, spec)
            canvas.showPage()
        canvas.save()
        sha = sha256_of(path)
        extraction = extract_pdf(path, segment_pdf(path, sha))
    assert extraction.errors == [], [(e.element, e.error, e.traceback) for e in extraction.errors]
