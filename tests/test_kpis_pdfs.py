"""KPI records from performance tables drawn in the test: ruled quarterly tables whose RAG is a
word, a letter or only the colour of its cell."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from extractors.kpis import extract_kpis
from extractors.table_kinds import classify_table
from schemas.records import Kpi
from tests.test_tables_generated import SOURCE, tables_of
from tests.test_tables_pdfs import MARGIN, Grid, _row_heights, draw_grid

WIDTH, HEIGHT = landscape(A4)
COLOURS = {"red": (0.85, 0.1, 0.1), "amber": (1.0, 0.75, 0.0), "green": (0.0, 0.6, 0.2)}
HEADER = ["Ref", "Indicator", "Polarity", "Q2 Target", "Q2 Actual", "RAG", "DoT"]
ROWS = [
    ["CS01", "Percentage of calls answered within 20 seconds", "High", "85%", "88.2%", "GREEN", "Up"],
    ["CS02", "Complaints responded to in timescale", "High", "85%", "79%", "AMBER", "Down"],
    ["HR01", "Average days lost to sickness per employee", "Low", "8.5", "10.2", "R", "Same"],
    ["FN01", "Percentage of invoices paid within 30 days", "High", "95%", "96.5%", "G", "Up"],
    ["PL01", "Major planning applications determined in 13 weeks", "High", "60%", "52%", "", ""],
    ["PL02", "Minor planning applications determined in 8 weeks", "High", "70%", "71%", "", ""],
]
RAGS = ["green", "amber", "red", "green", "red", "green"]


def _quarterly_report(path: Path, header: Sequence[str] = HEADER) -> Path:
    """A quarter's performance table under its heading, each RAG cell filled in its colour."""
    canvas = Canvas(str(path), pagesize=(WIDTH, HEIGHT))
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(MARGIN, HEIGHT - 50, "Quarterly Performance Report - Quarter 2 2024/25")
    canvas.setFont("Helvetica", 11)
    canvas.drawString(MARGIN, HEIGHT - 72, "The table below sets out how each indicator performed against")
    canvas.drawString(MARGIN, HEIGHT - 86, "its target in the quarter, its status and its trend.")
    grid = Grid(rows=[list(header), *ROWS], widths=[45, 260, 55, 65, 65, 55, 40])
    xs = [MARGIN]
    for w in grid.widths:
        xs.append(xs[-1] + w)
    ys = [100.0]
    for h in _row_heights(grid):
        ys.append(ys[-1] + h)
    for r, rag in enumerate(RAGS, start=1):
        canvas.setFillColorRGB(*COLOURS[rag])
        canvas.rect(xs[5], HEIGHT - ys[r + 1], xs[6] - xs[5], ys[r + 1] - ys[r], stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    draw_grid(canvas, grid, MARGIN, ys[0], HEIGHT)
    canvas.showPage()
    canvas.save()
    return path


def _kpis(path: Path) -> list[Kpi]:
    tables = tables_of(path)
    assert [classify_table(t) for t in tables] == ["kpi_exception"]
    return extract_kpis(tables, [], SOURCE)[0]


def test_a_ruled_quarterly_table_gives_each_indicator_with_its_rag_printed_or_coloured(tmp_path):
    kpis = _kpis(_quarterly_report(tmp_path / "q.pdf"))
    assert [(k.indicator, k.period, k.target, k.actual) for k in kpis] == [
        (row[1], "2024/25 Q2", row[3], row[4]) for row in ROWS
    ]
    assert [k.rag for k in kpis] == RAGS
    assert [k.direction for k in kpis] == ["up", "down", "flat", "up", None, None]


def test_indicators_in_a_column_no_heading_names_are_the_rows_labels(tmp_path):
    kpis = _kpis(_quarterly_report(tmp_path / "q.pdf", ["", "", *HEADER[2:]]))
    assert [k.indicator for k in kpis] == [row[1] for row in ROWS]
    assert [k.rag for k in kpis] == RAGS
