"""The table engine on layouts of finance papers: shaded column groups, figures packed close,
stacked headers over groups of columns."""

from __future__ import annotations

import io
from collections.abc import Collection, Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from extractors.tables.stream import line_chunks
from extractors.tables.text import PageText
from pipeline.pdf.pdfpages import open_document
from tests.test_tables_generated import one_table, tables_of
from tests.test_tables_pdfs import Grid, Heading, Page, write_pages

WIDTH, HEIGHT = landscape(A4)
SIZE = 9
ROW = 14

BODY = [
    ("Original base budget", ["1,429,506.8", "0.0", "585,946.2", "0.0", "429,966.5"]),
    ("Base adjustments", ["-836.6", "836.6", "275.4", "436.6", "-432.5"]),
    ("Revised base", ["1,428,670.2", "836.6", "586,221.6", "436.6", "429,534.0"]),
    ("Pay", ["21,845.7", "626.9", "-233.6", "626.9", "343.8"]),
    ("Prices", ["41,407.1", "1,944.4", "26,300.0", "1,944.4", "9,148.5"]),
]


def _text(canvas: Canvas, x: float, top: float, text: str, *, right: bool = False, bold: bool = False):
    """Text at 9 pt, its top ``top`` points down the page; ``right`` aligns its end at ``x``."""
    canvas.setFont("Helvetica-Bold" if bold else "Helvetica", SIZE)
    draw = canvas.drawRightString if right else canvas.drawString
    draw(x, HEIGHT - top - SIZE, text)


def _budget_page(
    path: Path, ends: Sequence[float], *, shade: Sequence[tuple[float, float]] = (), category: str = ""
) -> Path:
    """A budget table: labels at the left, five columns of figures right-aligned at ``ends``,
    two header rows (group names over "Core"/"External", then "£000s"), the column groups in
    ``shade`` printed on coloured backgrounds; ``category`` a bold label printed as close under
    the "£000s" line as the header lines are to one another."""
    canvas = Canvas(str(path), pagesize=(WIDTH, HEIGHT))
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(40, HEIGHT - 50, "Proposed Budget by Service")
    top, bottom = 80.0, 80.0 + ROW * (len(BODY) + 3)
    for i, (x0, x1) in enumerate(shade):
        canvas.setFillColorRGB(0.8, 0.9 - 0.1 * i, 0.95)
        canvas.rect(x0, HEIGHT - bottom, x1 - x0, bottom - top, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    groups = [("TOTAL", ends[0], ends[1]), ("Adults", ends[2], ends[3]), ("Health", ends[4], ends[4])]
    for name, first, last in groups:
        canvas.setFont("Helvetica-Bold", SIZE)
        canvas.drawCentredString((first - 40 + last) / 2, HEIGHT - top - 4 - SIZE, name)
    for end, word in zip(ends, ["Core", "External", "Core", "External", "Core"], strict=True):
        _text(canvas, end, top + ROW + 4, word, right=True)
        _text(canvas, end, top + 2 * ROW + 4, "£000s", right=True)
    if category:
        _text(canvas, 40, top + 3 * ROW + 4, category, bold=True)
        top += ROW + 4
    for r, (label, figures) in enumerate(BODY):
        y = top + (r + 3) * ROW + 4
        _text(canvas, 40, y, label)
        for end, figure in zip(ends, figures, strict=True):
            _text(canvas, end, y, figure, right=True)
    canvas.showPage()
    canvas.save()
    return path


def test_a_table_whose_column_groups_are_shaded_is_one_table_with_its_label_column(tmp_path):
    ends = [260, 320, 400, 460, 540]
    table = one_table(_budget_page(tmp_path / "t.pdf", ends, shade=[(335, 470), (470, 550)]))
    grid = [*table.header, *table.rows]
    assert [row[0] for row in grid[-len(BODY) :]] == [label for label, _ in BODY]
    assert [row[1:] for row in grid[-len(BODY) :]] == [figures for _, figures in BODY]


def test_a_group_heading_spans_the_columns_it_is_centred_over(tmp_path):
    ends = [260, 320, 400, 460, 540]
    table = one_table(_budget_page(tmp_path / "t.pdf", ends, shade=[(335, 470), (470, 550)]))
    assert table.header[0] == ["", "TOTAL", "", "Adults", "", "Health"]
    assert [(s.row, s.col, s.colspan) for s in table.spans if s.row == 0] == [(0, 1, 2), (0, 3, 2)]


def test_headings_stacked_over_the_figures_are_all_header_rows(tmp_path):
    ends = [260, 320, 400, 460, 540]
    table = one_table(_budget_page(tmp_path / "t.pdf", ends, category="Category"))
    assert table.header == [
        ["", "TOTAL", "", "Adults", "", "Health"],
        ["", "Core", "External", "Core", "External", "Core"],
        ["", *["£000s"] * 5],
    ]
    assert table.rows[0] == ["Category", "", "", "", "", ""]


def test_a_label_printed_close_under_the_headings_starts_a_row(tmp_path):
    ends = [260, 320, 400, 460, 540]
    table = one_table(_budget_page(tmp_path / "t.pdf", ends, category="Category"))
    grid = [*table.header, *table.rows]
    assert grid[2] == ["", *["£000s"] * 5]
    assert grid[3] == ["Category", "", "", "", "", ""]


def test_figures_packed_a_space_apart_are_cells_of_their_own(tmp_path):
    # The second column ends a space before the widest figures of the third begin.
    ends = [240, 282, 334, 370, 420]
    table = one_table(_budget_page(tmp_path / "t.pdf", ends))
    grid = [*table.header, *table.rows]
    assert [row[1:] for row in grid[-len(BODY) :]] == [figures for _, figures in BODY]
    # Headings a space apart, each lined up with its column, are headings of their own.
    assert grid[1][1:] == ["Core", "External", "Core", "External", "Core"]


def test_spaced_digit_groups_stay_one_figure_unless_a_column_ends_between_them(tmp_path):
    path = tmp_path / "t.pdf"
    canvas = Canvas(str(path), pagesize=(WIDTH, HEIGHT))
    _text(canvas, 200, 100, "12 345", right=True)
    _text(canvas, 200, 120, "250 250", right=True)
    # Right-aligned where the first 250 ends.
    end = 200 - canvas.stringWidth(" 250", "Helvetica", SIZE)
    _text(canvas, end, 140, "250", right=True)
    _text(canvas, end, 160, "117", right=True)
    canvas.showPage()
    canvas.save()
    with open_document(path) as doc:
        lines = PageText(doc.pages[0].chars, 1).lines()
    chunks = line_chunks(lines[:1])
    assert [c.text for c in chunks[0]] == ["12 345"]
    # Other figures end where the first 250 ends: there a column ends.
    chunks = line_chunks(lines)
    assert [c.text for c in chunks[1]] == ["250", "250"]


def test_headings_in_a_merged_cell_stand_in_their_columns(tmp_path):
    """No rule divides the header's "Directorate" from its "Dir", and a section row runs the
    full width with its label set against the second column's rule."""
    path = tmp_path / "t.pdf"
    canvas = Canvas(str(path), pagesize=(WIDTH, HEIGHT))
    xs = [60, 100, 300, 340, 420]
    rows = [
        ["Ref", "Directorate", "Dir", "Total £000s"],
        ["1", "Adult Social Care", "ASC", "7,003"],
        ["2", "Children and Education", "CE", "565,619"],
        [None, "Funded By:", None, None],
        ["3", "Borrowing", "", "441,101"],
        ["4", "Grants", "", "1,115,772"],
    ]
    top = 80.0
    canvas.setLineWidth(0.5)
    for r, row in enumerate(rows):
        y0, y1 = HEIGHT - top - r * ROW, HEIGHT - top - (r + 1) * ROW
        canvas.line(xs[0], y0, xs[-1], y0)
        # The header draws no rule between columns 1 and 2; the section row none at all.
        inner = [] if row[0] is None else [x for i, x in enumerate(xs[1:-1], 1) if not (r == 0 and i == 2)]
        for x in [xs[0], *inner, xs[-1]]:
            canvas.line(x, y0, x, y1)
        for c, text in enumerate(row):
            if text:
                right = c == 3 and r > 0
                _text(canvas, xs[c + 1] - 3 if right else xs[c] + 3, top + r * ROW + 2, text, right=right)
    canvas.line(xs[0], HEIGHT - top - len(rows) * ROW, xs[-1], HEIGHT - top - len(rows) * ROW)
    canvas.showPage()
    canvas.save()
    table = one_table(path)
    assert [*table.header, *table.rows] == [[text or "" for text in row] for row in rows]


def test_a_heading_over_groups_spans_whole_groups_of_the_row_below(tmp_path):
    path = tmp_path / "t.pdf"
    canvas = Canvas(str(path), pagesize=(WIDTH, HEIGHT))
    ends = [230, 285, 355, 410, 480, 540]
    top = 80.0

    def centred(text: str, first: int, last: int, row: int) -> None:
        canvas.setFont("Helvetica-Bold", SIZE)
        canvas.drawCentredString((ends[first] - 35 + ends[last]) / 2, HEIGHT - top - row * ROW - SIZE, text)

    centred("Indicative for planning", 2, 5, 0)
    for g, year in enumerate(["2024-25", "2025-26", "2026-27"]):
        centred(year, 2 * g, 2 * g + 1, 1)
    for end, word in zip(ends, ["Core", "External"] * 3, strict=True):
        _text(canvas, end, top + 2 * ROW, word, right=True)
    for r, (label, figures) in enumerate(BODY):
        _text(canvas, 40, top + (r + 3) * ROW, label)
        for end, figure in zip(ends, [*figures, figures[0]], strict=True):
            _text(canvas, end, top + (r + 3) * ROW, figure, right=True)
    canvas.showPage()
    canvas.save()
    table = one_table(path)
    assert table.header[:2] == [
        ["", "", "", "Indicative for planning", "", "", ""],
        ["", "2024-25", "", "2025-26", "", "2026-27", ""],
    ]
    assert [(s.row, s.col, s.colspan) for s in table.spans if s.row < 2] == [
        (0, 3, 4),
        (1, 1, 2),
        (1, 3, 2),
        (1, 5, 2),
    ]


def test_rules_under_totals_do_not_join_the_headings_and_rows_between_them(tmp_path):
    path = tmp_path / "t.pdf"
    canvas = Canvas(str(path), pagesize=(WIDTH, HEIGHT))
    ends = [260, 320]
    lines = [
        ("", ["Core", "External"]),
        ("", ["£000s", "£000s"]),
        ("Pay", ["21,845.7", "626.9"]),
        ("Prices", ["41,407.1", "1,944.4"]),
        ("Total spending", ["63,252.8", "2,571.3"]),
        ("Net change", ["102,253.6", "-836.6"]),
        ("Net budget", ["1,530,923.8", "0.0"]),
    ]
    top = 80.0
    for r, (label, cells) in enumerate(lines):
        _text(canvas, 40, top + r * ROW, label)
        for end, text in zip(ends, cells, strict=True):
            _text(canvas, end, top + r * ROW, text, right=True)
    canvas.setLineWidth(0.8)
    # Rules under the last three rows, each a row of its own between two rules.
    for r in (5, 6, 7):
        y = HEIGHT - top - r * ROW + 2
        canvas.line(40, y, 330, y)
    canvas.showPage()
    canvas.save()
    table = one_table(path)
    assert [*table.header, *table.rows] == [[label, *cells] for label, cells in lines]


def test_two_tables_side_by_side_in_one_grid_are_two_tables(tmp_path):
    grid = Grid(
        rows=[
            ["Change in spending", "Core", "External", "Change in funding", "Core"],
            ["Base adjustment", "-£0.8m", "+£0.8m", "Council tax", "+£59.3m"],
            ["Additional spending", "+£151.2m", "+£49.0m", "Social care grants", "+£26.9m"],
            ["Savings", "-£72.6m", "-", "Other grants", "+£1.1m"],
            ["Reserves", "+£32.3m", "-£11.4m", "", ""],
            ["Total change in spending", "+£111.1m", "+£38.4m", "Total change in funding", "+£87.3m"],
        ],
        widths=[140, 60, 60, 140, 60],
    )
    path = write_pages(tmp_path / "t.pdf", [Page([Heading("Net change in spending and funding"), grid])])
    spending, funding = tables_of(path)
    assert [*spending.header, *spending.rows] == [row[:3] for row in grid.rows]
    assert [*funding.header, *funding.rows] == [row[3:] for row in grid.rows if row[3]]


def _ruled(
    path: Path,
    xs: Sequence[float],
    rows: Sequence[Sequence[str]],
    open_rules: Collection[int],
    right: Collection[int] = (),
) -> Path:
    """A ruled table whose header row draws none of the inner rules at the ``open_rules``
    positions of ``xs``; the ``right`` columns are set flush right."""
    canvas = Canvas(str(path), pagesize=(WIDTH, HEIGHT))
    top = 80.0
    canvas.setLineWidth(0.5)
    for r, row in enumerate(rows):
        y0, y1 = HEIGHT - top - r * ROW, HEIGHT - top - (r + 1) * ROW
        canvas.line(xs[0], y0, xs[-1], y0)
        inner = [x for i, x in enumerate(xs[1:-1], 1) if r or i not in open_rules]
        for x in [xs[0], *inner, xs[-1]]:
            canvas.line(x, y0, x, y1)
        for c, text in enumerate(row):
            if text and c in right:
                _text(canvas, xs[c + 1] - 1.5, top + r * ROW + 2, text, right=True)
            elif text:
                _text(canvas, xs[c] + 3, top + r * ROW + 2, text)
    canvas.line(xs[0], HEIGHT - top - len(rows) * ROW, xs[-1], HEIGHT - top - len(rows) * ROW)
    canvas.showPage()
    canvas.save()
    return path


def test_headings_of_a_header_band_drawn_without_rules_stand_in_their_columns(tmp_path):
    rows = [
        ["Category", "Directorate", "Description", "2025-26", "2026-27"],
        ["Base budget", "ASC", "Realignment of budget", "7,800.0", "0.0"],
        ["Base budget", "CYP", "Realignment of placements", "4,000.0", "0.0"],
        ["Savings", "GET", "Waste contract", "-1,200.0", "-600.0"],
    ]
    # The two year headings, flush right in narrow columns, stand closer than a column gap.
    xs = [40, 120, 190, 330, 370, 408]
    table = one_table(_ruled(tmp_path / "t.pdf", xs, rows, {1, 2, 3, 4}, right={3, 4}))
    assert [*table.header, *table.rows] == rows


def test_a_heading_running_across_the_columns_of_a_merged_cell_stays_whole(tmp_path):
    rows = [
        ["Country", "number of franchisors", "", "Total"],
        ["France", "1,200", "120", "1,320"],
        ["Germany", "980", "101", "1,081"],
        ["Spain", "750", "64", "814"],
    ]
    # "franchisors" starts where the rule between the two columns would stand.
    xs = [40, 120, 120 + 3 + canvas_width("number of "), 260, 330]
    table = one_table(_ruled(tmp_path / "t.pdf", xs, rows, {2}))
    assert table.header[0][1] == "number of franchisors"


def canvas_width(text: str) -> float:
    return Canvas(io.BytesIO()).stringWidth(text, "Helvetica", SIZE)


def test_a_note_printed_close_under_the_units_in_an_empty_column_is_a_row_of_its_own(tmp_path):
    path = tmp_path / "t.pdf"
    canvas = Canvas(str(path), pagesize=(WIDTH, HEIGHT))
    # Last year's figures left of the labels, this year's right of them; rows set apart by space.
    for x, right, texts in ((120, True, ["Total", "£000s"]), (300, True, ["Total", "£000s"])):
        for i, text in enumerate(texts):
            _text(canvas, x, 80 + i * 11, text, right=right)
    _text(canvas, 140, 102, "* figures rolled forward will be updated")
    rows = [
        ("27,481.5", "Contributions to reserves", "42,884.9"),
        ("-24,739.6", "Removal of contributions", "-34,545.8"),
    ]
    rows += [
        ("-14,877.4", "Drawdowns from reserves", "-10,607.1"),
        ("5,318.9", "Removal of drawdowns", "14,877.4"),
    ]
    for r, (before, label, after) in enumerate(rows):
        top = 122 + r * 16
        _text(canvas, 120, top, before, right=True)
        _text(canvas, 140, top, label)
        _text(canvas, 300, top, after, right=True)
    canvas.showPage()
    canvas.save()
    grid = [[*row] for row in [*one_table(path).header, *one_table(path).rows]]
    assert grid[:3] == [
        ["Total", "", "Total"],
        ["£000s", "", "£000s"],
        ["", "* figures rolled forward will be updated", ""],
    ]


def test_labels_between_two_sets_of_figures_keep_one_table(tmp_path):
    grid = Grid(
        rows=[
            ["Core External", "2024-25 Total", "Funding", "2025-26 Total"],
            ["See note", "11,806.0", "Revenue Support Grant", "15,680.3"],
            ["", "117,046.1", "Social Care Grant", "137,143.6"],
            ["", "26,969.4", "Discharge Fund", "0.0"],
            ["", "1,429,506.8", "Total Funding", "1,530,923.8"],
        ],
        widths=[70, 70, 160, 70],
    )
    path = write_pages(tmp_path / "t.pdf", [Page([Heading("Funding"), grid])])
    table = one_table(path)
    assert [*table.header, *table.rows] == grid.rows
