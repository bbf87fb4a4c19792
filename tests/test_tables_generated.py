"""The table engine on PDFs drawn in the test: ruled and unruled tables, spans, page breaks."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from extractors.base import Source
from extractors.tables import extract_tables
from pipeline.pdf.pdfpages import open_document
from schemas.records import Table
from tests.test_tables_pdfs import FACES, Grid, Heading, Page, Para, write_pages

SOURCE = Source("0" * 64)

PROSE = (
    "The committee considered the quarterly report. Officers explained that the figures below "
    "were drawn from the finance system at the end of the period and remain subject to audit."
)


def tables_of(path: Path, breaks: tuple[int, ...] = ()) -> list[Table]:
    with open_document(path) as doc:
        return extract_tables(doc.pages, SOURCE, breaks=breaks)


def one_table(path: Path) -> Table:
    found = tables_of(path)
    assert len(found) == 1, [t.grid for t in found]
    return found[0]


FINANCE = Grid(
    rows=[
        ["Service", "Budget £", "Forecast £", "Variance £"],
        ["Legal", "1,200", "1,150", "(50)"],
        ["Payroll", "800", "845", "45"],
        ["Audit", "300", "300", "-"],
    ],
    widths=[150, 80, 80, 80],
)


def test_ruled_grid_with_shaded_header(tmp_path):
    path = write_pages(tmp_path / "t.pdf", [Page([Heading("Budget Monitoring"), Para(PROSE), FINANCE])])
    table = one_table(path)
    assert table.header == [["Service", "Budget £", "Forecast £", "Variance £"]]
    assert table.rows == [r for r in FINANCE.rows[1:]]
    assert table.ruled
    assert table.pdf_page == 1 and table.pages == [1]
    assert table.id == "T001"
    assert table.prov.extractor == "tables" and table.prov.bbox is not None


def test_section_title_heading_path_and_preamble(tmp_path):
    page = Page(
        [
            Heading("Quarterly Performance", 16),
            Para(PROSE),
            Heading("Finance", 13),
            Para("Spend by service this quarter:"),
            FINANCE,
        ]
    )
    table = one_table(write_pages(tmp_path / "t.pdf", [page]))
    assert table.section_title == "Finance"
    assert table.headings == ["Quarterly Performance", "Finance"]
    assert table.preamble == "Spend by service this quarter:"


def test_bold_body_size_line_is_not_a_heading(tmp_path):
    page = Page([Heading("Action Plan Update", 13), Para("2nd Quarter July - September", bold=True), FINANCE])
    table = one_table(write_pages(tmp_path / "t.pdf", [page]))
    assert table.section_title == "Action Plan Update"
    assert table.preamble == "2nd Quarter July - September"


def test_shallower_heading_drops_deeper_ones(tmp_path):
    page = Page(
        [
            Heading("Report", 18),
            Heading("Old section", 13),
            Para(PROSE),
            Heading("Appendix", 18),
            FINANCE,
        ]
    )
    table = one_table(write_pages(tmp_path / "t.pdf", [page]))
    assert table.headings == ["Appendix"]
    assert table.preamble is None


def test_merged_directorate_and_section_cells_become_spans(tmp_path):
    grid = Grid(
        rows=[
            ["Directorate", "Service Area", "KPI", "Target"],
            ["Corporate services", None, None, None],
            ["Finance", "Payroll", "% paid on time", "99%"],
            [None, "Pensions", "% of transfers in 10 days", "90%"],
            [None, "Audit", "Reports issued", "12"],
            ["Legal", "Litigation", "Claims won", ">90%"],
        ],
        widths=[90, 90, 170, 60],
        spans={(1, 0): (1, 4), (2, 0): (3, 1)},
    )
    table = one_table(write_pages(tmp_path / "t.pdf", [Page([Heading("KPIs"), grid])]))
    assert table.grid[1] == ["Corporate services", "", "", ""]
    assert table.grid[2][0] == "Finance" and table.grid[3][0] == "" and table.grid[4][0] == ""
    spans = {(s.row, s.col): (s.rowspan, s.colspan, s.vertical) for s in table.spans}
    assert spans == {(1, 0): (1, 4, False), (2, 0): (3, 1, False)}
    assert table.cell_bboxes[3][0] is None and table.cell_bboxes[2][0] is not None


def test_vertical_merged_cell_reads_bottom_to_top(tmp_path):
    grid = Grid(
        rows=[
            ["Directorate", "Service", "Outturn"],
            ["Resources", "Payroll", "98%"],
            [None, "Pensions", "91%"],
            [None, "Procurement", "87%"],
            [None, "Revenues", "96%"],
        ],
        widths=[40, 150, 80],
        spans={(1, 0): (4, 1)},
        vertical={(1, 0)},
    )
    table = one_table(write_pages(tmp_path / "t.pdf", [Page([Heading("Results"), grid])]))
    assert table.grid[1] == ["Resources", "Payroll", "98%"]
    assert [s.model_dump() for s in table.spans] == [
        {"row": 1, "col": 0, "rowspan": 4, "colspan": 1, "vertical": True}
    ]


def test_wrapped_cell_text_is_one_cell_with_bullets_kept(tmp_path):
    grid = Grid(
        rows=[
            ["Ref", "Action", "Status"],
            ["IP01", "• Agree the plan with partner councils • Report progress to each meeting", "G"],
            ["IP02", "Review the service offer and publish standards for every service", "A"],
        ],
        widths=[40, 160, 50],
    )
    table = one_table(write_pages(tmp_path / "t.pdf", [Page([Heading("Plan"), grid])]))
    assert table.rows[0][1] == "• Agree the plan with partner councils • Report progress to each meeting"
    assert table.rows[1] == ["IP02", "Review the service offer and publish standards for every service", "A"]


def test_word_too_long_for_its_cell_is_joined_back(tmp_path):
    grid = Grid(
        rows=[["Directorate", "Count"], ["Asset Management", "7"], ["Legal", "5"]],
        widths=[52, 60],
        header=1,
    )
    table = one_table(write_pages(tmp_path / "t.pdf", [Page([Heading("Counts"), grid])]))
    assert table.header == [["Directorate", "Count"]]
    assert table.rows[0] == ["Asset Management", "7"]


@pytest.mark.parametrize("family", ["Helvetica", "Times", "Courier"])
def test_fonts_and_landscape_pages(tmp_path, family):
    grid = Grid(rows=FINANCE.rows, widths=[170, 90, 90, 90], family=family, size=10)
    page = Page([Heading("Budget"), Para(PROSE), grid], landscape=True, family=family, stamp="Page 3")
    table = one_table(write_pages(tmp_path / "t.pdf", [page]))
    assert table.grid == [list(r) for r in FINANCE.rows]


def test_kpi_tiles_grid_is_a_table_without_header(tmp_path):
    tiles = Grid(
        rows=[
            ["£12.85m Savings achieved Target £10m", "97.1% Council Tax collection Target 96.75%"],
            ["19 days Speed of processing Target 20 days", "99.7% Systems availability Target 99.5%"],
        ],
        widths=[120, 120],
        header=0,
        shade_header=False,
    )
    table = one_table(write_pages(tmp_path / "t.pdf", [Page([Heading("KPIs"), tiles])]))
    assert table.header == []
    assert table.rows[1][0] == "19 days Speed of processing Target 20 days"


def test_box_around_a_paragraph_is_not_a_table(tmp_path):
    box = Grid(rows=[[PROSE], ["Contact the clerk for details."]], widths=[400], header=0, shade_header=False)
    frame = Grid(rows=[[PROSE, PROSE]], widths=[200, 200], header=0, shade_header=False)
    path = write_pages(tmp_path / "t.pdf", [Page([Heading("Notes"), box, Para(PROSE), frame])])
    assert tables_of(path) == []


UNRULED = Grid(
    rows=[
        ["Country", "2017", "2018", "2019"],
        ["Austria", "86.2", "13.8", "3,375"],
        ["Belgium", "0.5", "100.0", "3,973"],
        ["Bulgaria", "12.0", "100.0", "1,136"],
        ["Cyprus", "81.0", "3.8", "158"],
    ],
    widths=[150, 70, 70, 70],
    ruled=False,
    shade_header=False,
)


def test_unruled_table_is_found_from_text_alignment(tmp_path):
    path = write_pages(
        tmp_path / "t.pdf", [Page([Heading("Cases by country"), Para(PROSE), UNRULED, Para(PROSE)])]
    )
    table = one_table(path)
    assert not table.ruled
    assert table.grid == [list(r) for r in UNRULED.rows]
    assert table.header == [["Country", "2017", "2018", "2019"]]
    assert table.section_title == "Cases by country"


def test_unruled_wrapped_labels_stay_in_one_row(tmp_path):
    grid = Grid(
        rows=[
            ["Pollutant", "Air", "Water", "Land"],
            ["Chlorine and inorganic compounds (as HCl)", "10 000", "-", "-"],
            ["Halons", "1", "-", "-"],
            ["Non-methane volatile organic compounds", "100 000", "-", "-"],
            ["Sulphur oxides", "150 000", "-", "-"],
        ],
        widths=[110, 60, 60, 60],
        ruled=False,
        shade_header=False,
    )
    table = one_table(write_pages(tmp_path / "t.pdf", [Page([Heading("Thresholds"), grid])]))
    assert table.rows[0] == ["Chlorine and inorganic compounds (as HCl)", "10 000", "-", "-"]
    assert table.rows[2][0] == "Non-methane volatile organic compounds"
    assert len(table.rows) == 4


def test_numbered_list_and_prose_are_not_tables(tmp_path):
    items = [Para(f"{n}      ITEM TITLE NUMBER {n} FOR THE MEETING", bold=True) for n in range(1, 7)]
    path = write_pages(tmp_path / "t.pdf", [Page([Heading("Agenda"), *items, Para(PROSE), Para(PROSE)])])
    assert tables_of(path) == []


def _long_grid(first: int, last: int, header: bool) -> Grid:
    rows = [["Ref", "Action", "Owner", "Due"]] if header else []
    rows += [
        [f"A{n:02d}", f"Action number {n} agreed by the board", "Director", "2020"]
        for n in range(first, last)
    ]
    return Grid(rows=rows, widths=[50, 220, 80, 60], header=1 if header else 0, shade_header=header)


def test_table_over_two_pages_with_repeated_header_is_joined_once(tmp_path):
    pages = [
        Page([Heading("Action Plan"), Para(PROSE), _long_grid(1, 20, True)], stamp="Page 1"),
        Page([_long_grid(20, 26, True), Para(PROSE)], stamp="Page 2"),
    ]
    table = one_table(write_pages(tmp_path / "t.pdf", pages))
    assert table.pages == [1, 2]
    assert table.header == [["Ref", "Action", "Owner", "Due"]]
    assert [r[0] for r in table.rows] == [f"A{n:02d}" for n in range(1, 26)]
    assert table.row_pages == [1] * 20 + [2] * 6
    assert [r.page for r in table.regions] == [1, 2]


def test_table_over_two_pages_without_repeated_header_is_joined(tmp_path):
    pages = [
        Page([Heading("Action Plan"), Para(PROSE), _long_grid(1, 20, True)], stamp="Page 1"),
        Page([_long_grid(20, 26, False)], stamp="Page 2"),
    ]
    table = one_table(write_pages(tmp_path / "t.pdf", pages))
    assert [r[0] for r in table.rows] == [f"A{n:02d}" for n in range(1, 26)]


def test_no_join_across_a_document_break(tmp_path):
    pages = [
        Page([Heading("Action Plan"), Para(PROSE), _long_grid(1, 20, True)]),
        Page([_long_grid(20, 26, True)]),
    ]
    path = write_pages(tmp_path / "t.pdf", pages)
    found = tables_of(path, breaks=(2,))
    assert [t.pages for t in found] == [[1], [2]]
    assert [t.id for t in found] == ["T001", "T002"]


def test_no_join_when_text_separates_the_fragments(tmp_path):
    pages = [
        Page([Heading("Action Plan"), _long_grid(1, 20, True), Para(PROSE)]),
        Page([_long_grid(20, 26, False)]),
    ]
    found = tables_of(write_pages(tmp_path / "t.pdf", pages))
    assert len(found) == 2


def test_merged_cell_cut_by_page_break_is_one_span(tmp_path):
    rows = [["Directorate", "Service", "Value"], ["Finance", "Payroll", "1"], [None, "Audit", "2"]]
    rows += [[f"Team {n}", "Legal", str(n)] for n in range(3, 29)]
    rows += [["Property", "Lettings", "29"], [None, "Leases", "30"]]
    # The Property cell runs on over the page break.
    first = Grid(rows=rows, widths=[100, 100, 60], spans={(1, 0): (2, 1), (len(rows) - 2, 0): (2, 1)})
    second = Grid(
        rows=[
            ["Directorate", "Service", "Value"],
            [None, "Markets", "31"],
            [None, "Estates", "32"],
            ["ICT", "Desk", "33"],
        ],
        widths=[100, 100, 60],
        spans={(1, 0): (2, 1)},
    )
    table = one_table(write_pages(tmp_path / "t.pdf", [Page([Heading("KPIs"), first]), Page([second])]))
    assert table.pages == [1, 2]
    spans = {(s.row, s.col): s.rowspan for s in table.spans}
    property_row = next(i for i, row in enumerate(table.grid) if row[0] == "Property")
    assert spans[(property_row, 0)] == 4
    assert table.grid[property_row + 2] == ["", "Markets", "31"]


def test_row_cut_by_page_break_is_folded_into_one_row(tmp_path):
    rows = [
        ["Ref", "Progress"],
        *([f"P{n}", f"Update {n}"] for n in range(1, 30)),
        ["P30", "Work started in"],
    ]
    first = Grid(rows=rows, widths=[60, 250])
    # The rest of row P30 is printed at the top of the next page, its Ref cell blank.
    second = Grid(
        rows=[["", "April and is on track."], ["P31", "Done"]], widths=[60, 250], header=0, shade_header=False
    )
    table = one_table(write_pages(tmp_path / "t.pdf", [Page([Heading("Plan"), first]), Page([second])]))
    assert ["P30", "Work started in April and is on track."] in table.rows
    assert table.rows[-1] == ["P31", "Done"]
    assert len(table.row_pages) == len(table.grid)


def test_unruled_rotated_directorates_span_their_rows(tmp_path):
    grid = Grid(
        rows=[
            ["Directorate", "Service", "Target", "Actual"],
            ["Finance", "Payroll", "99%", "98%"],
            [None, "Pensions", "90%", "91%"],
            [None, "Audit", "12", "11"],
            ["Legal", "Litigation", "90%", "97%"],
            [None, "Property", "80%", "100%"],
            [None, "Planning", "6 months", "2.4 months"],
        ],
        widths=[60, 120, 80, 80],
        spans={(1, 0): (3, 1), (4, 0): (3, 1)},
        vertical={(1, 0), (4, 0)},
        ruled=False,
        shade_header=False,
    )
    table = one_table(
        write_pages(tmp_path / "t.pdf", [Page([Heading("Indicators"), Para(PROSE), grid, Para(PROSE)])])
    )
    assert [row[0] for row in table.grid] == ["Directorate", "Finance", "", "", "Legal", "", ""]
    assert table.grid[6] == ["", "Planning", "6 months", "2.4 months"]
    assert [(s.row, s.rowspan, s.vertical) for s in table.spans] == [(1, 3, True), (4, 3, True)]


def test_clockwise_text_reads_top_to_bottom(tmp_path):
    path = tmp_path / "t.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    xs, ys = [60, 100, 250, 330], [700, 680, 660, 640, 620]
    for y in ys:
        canvas.line(xs[0] if y in (ys[0], ys[1], ys[-1]) else xs[1], y, xs[-1], y)
    for x in xs:
        canvas.line(x, ys[0], x, ys[-1])
    canvas.setFont("Helvetica-Bold", 9)
    for x, text in zip(xs, ["Area", "Service", "Score"], strict=False):
        canvas.drawString(x + 3, 686, text)
    canvas.setFont("Helvetica", 9)
    for i, (service, score) in enumerate([("Payroll", "95"), ("Pensions", "88"), ("Audit", "70")]):
        canvas.drawString(103, ys[i + 1] - 14, service)
        canvas.drawString(253, ys[i + 1] - 14, score)
    canvas.saveState()
    canvas.translate(84, 670)
    canvas.rotate(-90)
    canvas.drawString(0, 0, "North Hub")
    canvas.restoreState()
    canvas.showPage()
    canvas.save()
    table = one_table(path)
    assert table.grid[1] == ["North Hub", "Payroll", "95"]
    assert [(s.row, s.col, s.rowspan, s.vertical) for s in table.spans] == [(1, 0, 3, True)]


def test_rule_under_first_row_marks_header_of_unruled_table(tmp_path):
    path = tmp_path / "t.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(60, 780, "Summary statistics")
    rows = [
        ["Variable", "Mean", "Std. Dev.", "Min", "Max"],
        ["Age", "50.8", "15.9", "21", "90"],
        ["Men", "0.47", "0.50", "0", "1"],
        ["East", "0.28", "0.45", "0", "1"],
        ["Married", "0.57", "0.50", "0", "1"],
        ["Household income (Euro/month)", "2,127", "1,389", "22", "22,500"],
    ]
    y = 750
    canvas.line(60, y + 12, 520, y + 12)
    for i, row in enumerate(rows):
        canvas.setFont("Times-Roman", 10)
        canvas.drawString(60, y, row[0])
        for x, text in zip([310, 380, 440, 510], row[1:], strict=True):
            canvas.drawRightString(x, y, text)
        if i in (0, 3):
            canvas.line(60, y - 4, 520, y - 4)
        y -= 13
    canvas.line(60, y + 9, 520, y + 9)
    canvas.drawString(60, y - 30, "Source: survey data, weighted by the sample design for all respondents.")
    canvas.showPage()
    canvas.save()
    table = one_table(path)
    assert table.header == [rows[0]]
    assert table.rows == rows[1:]
    assert table.section_title == "Summary statistics"


def test_shaded_rows_without_rulings(tmp_path):
    path = tmp_path / "t.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 13)
    canvas.drawString(60, 790, "Performance")
    rows = [
        ["Indicator", "Target", "Q1", "Q2"],
        ["Calls answered", "90%", "88%", "91%"],
        ["Invoices paid", "95%", "97%", "96%"],
        ["Claims processed", "20 days", "18 days", "22 days"],
        ["Complaints", "12", "9", "14"],
    ]
    y = 760
    for i, row in enumerate(rows):
        if i == 0 or i % 2 == 0:
            canvas.setFillColorRGB(*((0.2, 0.3, 0.6) if i == 0 else (0.9, 0.9, 0.95)))
            canvas.rect(60, y - 4, 400, 16, stroke=0, fill=1)
        canvas.setFillColorRGB(*((1, 1, 1) if i == 0 else (0, 0, 0)))
        canvas.setFont("Helvetica-Bold" if i == 0 else "Helvetica", 9)
        for x, text in zip([64, 220, 300, 380], row, strict=True):
            canvas.drawString(x, y, text)
        y -= 16
    canvas.showPage()
    canvas.save()
    table = one_table(path)
    assert table.header == [rows[0]]
    assert table.rows == rows[1:]


def test_unruled_table_over_two_pages_is_joined(tmp_path):
    head = ["Area", "2017", "2018", "2019"]
    body = [[f"Region {n}", f"{n}.5", f"{n * 2}.0", f"{n * 10:,}"] for n in range(1, 60)]

    def grid(rows):
        return Grid(rows=[head, *rows], widths=[150, 70, 70, 70], ruled=False, shade_header=False)

    pages = [
        Page([Heading("Cases"), Para(PROSE), grid(body[:36])], stamp="Page 1"),
        Page([grid(body[36:]), Para(PROSE)], stamp="Page 2"),
    ]
    table = one_table(write_pages(tmp_path / "t.pdf", pages))
    assert table.pages == [1, 2]
    assert table.header == [head]
    assert table.rows == body


def _plain(rows: list[list[str]], widths: list[float]) -> Grid:
    return Grid(rows=rows, widths=widths, header=0, ruled=False, shade_header=False)


def test_names_set_in_columns_are_not_a_table(tmp_path):
    names = _plain(
        [
            ["Councillor Ann Smith", "Councillor Bob Jones", "Councillor Cy Patel"],
            ["Councillor Di Brown", "Councillor Ed Green", "Councillor Flo White"],
            ["Councillor Gus Black", "Councillor Hal Grey", "Councillor Ivy Stone"],
        ],
        [150, 150, 150],
    )
    path = write_pages(tmp_path / "t.pdf", [Page([Heading("Minutes"), Para("Present:"), names, Para(PROSE)])])
    assert tables_of(path) == []


def test_contents_list_is_not_a_table(tmp_path):
    contents = _plain(
        [["Introduction", "1"], ["Financial summary", "3"], ["Performance", "7"], ["Risks", "12"]], [300, 60]
    )
    path = write_pages(tmp_path / "t.pdf", [Page([Heading("Contents"), contents, Para(PROSE)])])
    assert tables_of(path) == []


def test_labels_with_figures_are_a_table(tmp_path):
    pairs = _plain(
        [
            ["Shared services", "0.432"],
            ["Non-shared services", "0.235"],
            ["Reserves", "(1.926)"],
            ["Total", "0.667"],
        ],
        [200, 80],
    )
    table = one_table(
        write_pages(tmp_path / "t.pdf", [Page([Heading("Outturn"), Para(PROSE), pairs, Para(PROSE)])])
    )
    assert table.grid == pairs.rows
    assert table.header == []


def test_continued_caption_does_not_stop_the_join(tmp_path):
    pages = [
        Page([Heading("Action Plan"), Para(PROSE), _long_grid(1, 20, True)]),
        Page([Para("Action plan (continued)"), _long_grid(20, 26, True)]),
    ]
    table = one_table(write_pages(tmp_path / "t.pdf", pages))
    assert table.pages == [1, 2] and len(table.rows) == 25


def test_grid_of_prose_boxes_is_not_a_table(tmp_path):
    boxes = Grid(rows=[[PROSE, PROSE], [PROSE, PROSE]], widths=[220, 220], header=0, shade_header=False)
    assert tables_of(write_pages(tmp_path / "t.pdf", [Page([Heading("Context"), boxes])])) == []


def test_unruled_rows_set_apart_by_space_keep_every_line_of_their_cells(tmp_path):
    grid = Grid(
        rows=[
            ["Ref", "Owner", "Action", "Target date", "Progress"],
            [
                "A1",
                "Payroll Manager",
                "Review the operating model with partner councils",
                "December 2020",
                "Delays in agreeing the protocol mean this action is behind schedule and the review "
                "has started with workshops in September",
            ],
            [
                "A2",
                "Head of HR",
                "Publish service standards",
                "31 March 2021",
                "Standards have been drafted and shared with the partner councils for comment",
            ],
        ],
        widths=[40, 60, 110, 50, 120],
        ruled=False,
        shade_header=False,
        gap=6,
    )
    path = write_pages(tmp_path / "t.pdf", [Page([Heading("Action Plan"), Para(PROSE), grid, Para(PROSE)])])
    table = one_table(path)
    assert table.header == [grid.rows[0]]
    assert table.rows == grid.rows[1:]


def _draw(canvas: Canvas, font: str, x: float, top: float, text: str, turned: bool = False) -> None:
    """Text at 9 pt with its top ``top`` points down the page; ``turned`` reads bottom to top."""
    canvas.setFont(font, 9)
    if not turned:
        canvas.drawString(x, A4[1] - top - 9, text)
        return
    canvas.saveState()
    canvas.translate(x + 7, A4[1] - top)
    canvas.rotate(90)
    canvas.drawString(0, 0, text)
    canvas.restoreState()


def _rotated_table(path: Path, rows: list[list[str]], tops: list[float], spans: dict) -> Table:
    """An unruled table of ``rows`` at ``tops``, its first column's labels turned and centred on ``spans``."""
    regular, bold = FACES["Helvetica"]
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont(bold, 14)
    canvas.drawString(60, A4[1] - 70, "Operational Indicators")
    for x, text in ((60, "Service"), (110, "Service Area"), (210, "KPI"), (400, "2020/21")):
        _draw(canvas, bold, x, 100, text)
    _draw(canvas, bold, 400, 111, "Target")
    for top, row in zip(tops, rows, strict=True):
        for x, text in zip((110, 210, 400), row[1:], strict=True):
            _draw(canvas, regular, x, top, text)
    for text, (top, bottom) in spans.items():
        _draw(
            canvas, regular, 60, (top + bottom + canvas.stringWidth(text, regular, 9)) / 2, text, turned=True
        )
    canvas.showPage()
    canvas.save()
    return one_table(path)


def test_unruled_table_with_tall_rotated_cells_is_one_table(tmp_path):
    rows = [
        ["Place", "Waste Collection", "Household waste recycled", "93%"],
        ["", "Street Cleansing", "Streets with litter", "6%"],
        ["", "Street Cleansing", "Days to remove fly-tips", "4 days"],
        ["Governance", "Legal Services", "Contracts issued", "97%"],
        ["", "Human Resources", "Days lost to sickness", "7 days"],
        ["Resources", "Revenues", "Council tax collected", "96%"],
        ["", "Revenues", "Business rates collected", "91%"],
        ["", "Property", "Rent collected", "£420K"],
    ]
    # Rows 17 points apart; the Governance rows are heightened for their label, so a
    # gap opens above Revenues.
    spans = {"Place": (126, 177), "Governance": (177, 241), "Resources": (241, 292)}
    table = _rotated_table(tmp_path / "t.pdf", rows, [130, 147, 164, 181, 198, 245, 262, 279], spans)
    assert table.header == [["Service", "Service Area", "KPI", "2020/21 Target"]]
    assert table.rows == rows
    assert [(s.row, s.rowspan, s.vertical) for s in table.spans] == [(1, 3, True), (4, 2, True), (6, 3, True)]


def test_rotated_labels_take_the_rows_they_are_centred_on(tmp_path):
    rows = [
        ["Place", "Waste Collection", "Household waste recycled", "93%"],
        ["", "Street Cleansing", "Streets with litter", "6%"],
        ["Governance", "Legal Services", "Contracts issued", "97%"],
        ["", "Human Resources", "Days lost to sickness", "7 days"],
        ["Resources", "Customer Services", "Calls answered", "95%"],
        ["", "Revenues", "Council tax collected", "96%"],
        ["", "Revenues", "Business rates collected", "91%"],
        ["", "Property", "Rent collected", "£420K"],
        ["", "Property", "Rents reviewed", "12"],
    ]
    # Customer Services sits nearer the end of the Governance label than the start of
    # the Resources one; the Resources rows are the ones centred on their label.
    spans = {"Place": (126, 160), "Governance": (160, 219), "Resources": (219, 304)}
    table = _rotated_table(tmp_path / "t.pdf", rows, [130, 147, 164, 181, 223, 240, 257, 274, 291], spans)
    assert table.rows == rows
    assert [(s.row, s.rowspan) for s in table.spans] == [(1, 2), (3, 2), (5, 5)]


def test_report_cover_fields_in_a_grid_are_not_a_table(tmp_path):
    cover = Grid(
        rows=[
            ["Meeting:", "Joint Health Scrutiny Committee"],
            ["Meeting date:", "10 February 2022"],
            ["Title of report:", "Public Health Budget 2022/23"],
            ["Contact officer:", "George Norris, Programme Manager, Tel: 0113 496 4255"],
            ["Wards affected:", "All wards"],
        ],
        widths=[150, 300],
        header=0,
        shade_header=False,
    )
    path = write_pages(tmp_path / "t.pdf", [Page([Heading("Report to the Committee"), cover, Para(PROSE)])])
    assert tables_of(path) == []


def test_unruled_rows_a_line_apart_are_never_one_row(tmp_path):
    # Each label and figure fills its column, as a wrapped line would; but a cell's
    # lines are never set a whole line apart.
    block = Grid(
        rows=[
            ["", "2018/19", "LBW Q2"],
            ["Actual", "15.6 days", "9 days"],
            ["Threshold", "<13 days", "5 days"],
            ["RAG", "", "Red"],
            ["DoT", "", "NEW"],
        ],
        widths=[60, 70, 70],
        ruled=False,
        shade_header=False,
        family="Courier",
    )
    table = one_table(write_pages(tmp_path / "t.pdf", [Page([Heading("Collection rate"), block])]))
    assert table.grid == block.rows


def test_header_and_one_row_framed_by_rules_start_a_table_over_two_pages(tmp_path):
    regular, bold = FACES["Helvetica"]
    header = ["No.", "Action", "Officer", "Status"]
    xs = (60, 100, 250, 350)
    path = tmp_path / "t.pdf"
    canvas = Canvas(str(path), pagesize=A4)

    def rule(top: float) -> None:
        canvas.line(55, A4[1] - top, 420, A4[1] - top)

    def framed(top: float, rows: list[list[str]]) -> None:
        rule(top)
        for x, text in zip(xs, header, strict=True):
            _draw(canvas, bold, x, top + 4, text)
        rule(top + 20)
        for k, row in enumerate(rows):
            for x, text in zip(xs, row, strict=True):
                _draw(canvas, regular, x, top + 24 + 17 * k, text)
        rule(top + 38 + 17 * (len(rows) - 1))

    canvas.setFont(bold, 14)
    canvas.drawString(60, A4[1] - 70, "Human Resources Action Plan")
    canvas.setFont(regular, 11)
    canvas.drawString(60, A4[1] - 100, "Progress against each action is set out below.")
    # The page break leaves only the header and a theme row under it on the first page.
    framed(140, [["Theme 2: Customer access", "", "", ""]])
    canvas.showPage()
    body = [["SS4", "Agree the protocol", "LBW", "Green"], ["SS5", "Publish standards", "AVDC", "Red"]]
    framed(60, body)
    canvas.showPage()
    canvas.save()
    table = one_table(path)
    assert table.pages == [1, 2]
    assert table.header == [header]
    assert table.rows == [["Theme 2: Customer access", "", "", ""], *body]


_PLAN_HEADER = ["No.", "Action", "Officer", "Status"]
_PLAN_XS = (60, 100, 300, 400)


def _unruled_plan(
    path: Path,
    first: Sequence[Sequence[str] | str],
    second: Sequence[Sequence[str] | str] = (),
    space: float = 0,
) -> Path:
    """An unruled action plan under a heading and a paragraph, its header repeated on each page.

    Each page lists rows of cells, and theme rows (a string) printed across the table in
    bold, ``space`` points further from the rows above and below them than rows are from
    one another. With ``second``, the plan runs on to a second page and ``first`` ends at
    the foot of the first page, just above its stamp; else it follows the paragraph.
    """
    regular, bold = FACES["Helvetica"]
    canvas = Canvas(str(path), pagesize=A4)

    def page(top: float, items: Sequence[Sequence[str] | str], stamp: str) -> None:
        for x, text in zip(_PLAN_XS, _PLAN_HEADER, strict=True):
            _draw(canvas, bold, x, top, text)
        for item in items:
            top += 16
            if isinstance(item, str):
                top += space
                _draw(canvas, bold, _PLAN_XS[0], top, item)
                top += space
                continue
            for x, text in zip(_PLAN_XS, item, strict=True):
                _draw(canvas, regular, x, top, text)
        canvas.setFont(regular, 9)
        canvas.drawCentredString(A4[0] / 2, 30, stamp)
        canvas.showPage()

    canvas.setFont(bold, 14)
    canvas.drawString(60, A4[1] - 70, "Council Plan Action Plan")
    canvas.setFont(regular, 11)
    canvas.drawString(60, A4[1] - 100, "Progress against each action is set out below.")
    page(A4[1] - 60 - 16 * (len(first) + 1) if second else 130, first, "Page 1")
    if second:
        page(60, second, "Page 2")
    canvas.save()
    return path


_ACTIONS = [
    [f"{n}.{k}", f"Deliver action {n}.{k} of the plan", "Head of Service", "Green"]
    for n in (1, 2)
    for k in (1, 2, 3)
]


def test_bold_theme_row_under_the_header_of_an_unruled_table_is_a_body_row(tmp_path):
    table = one_table(
        _unruled_plan(tmp_path / "t.pdf", ["1. Housing", *_ACTIONS[:3], "2. Finance", *_ACTIONS[3:]])
    )
    assert table.header == [_PLAN_HEADER]
    assert table.rows == [
        ["1. Housing", "", "", ""],
        *_ACTIONS[:3],
        ["2. Finance", "", "", ""],
        *_ACTIONS[3:],
    ]


def test_theme_row_set_apart_by_space_does_not_split_an_unruled_table(tmp_path):
    items = ["1. Housing", *_ACTIONS[:3], "2. Finance", *_ACTIONS[3:]]
    table = one_table(_unruled_plan(tmp_path / "t.pdf", items, space=12))
    assert table.header == [_PLAN_HEADER]
    assert table.rows == [
        ["1. Housing", "", "", ""],
        *_ACTIONS[:3],
        ["2. Finance", "", "", ""],
        *_ACTIONS[3:],
    ]


def test_unruled_theme_row_left_at_the_page_foot_stays_in_its_table(tmp_path):
    first = ["1. Housing", *_ACTIONS[:3], "2. Finance and resources"]
    path = _unruled_plan(tmp_path / "t.pdf", first, _ACTIONS[3:])
    table = one_table(path)
    assert table.pages == [1, 2]
    assert table.header == [_PLAN_HEADER]
    assert table.rows == [
        ["1. Housing", "", "", ""],
        *_ACTIONS[:3],
        ["2. Finance and resources", "", "", ""],
        *_ACTIONS[3:],
    ]


def test_unruled_header_and_theme_row_at_the_page_foot_start_the_table(tmp_path):
    path = _unruled_plan(tmp_path / "t.pdf", ["1. Housing"], _ACTIONS[:3])
    table = one_table(path)
    assert table.pdf_page == 1 and table.pages == [1, 2]
    assert table.header == [_PLAN_HEADER]
    assert table.rows == [["1. Housing", "", "", ""], *_ACTIONS[:3]]
    assert table.section_title == "Council Plan Action Plan"


def test_a_rotated_label_beside_a_row_with_its_own_label_adds_to_that_label(tmp_path):
    path = tmp_path / "t.pdf"
    regular, bold = FACES["Helvetica"]
    canvas = Canvas(str(path), pagesize=A4)
    for x, text in ((60, "Group"), (110, "Service"), (400, "Spend")):
        _draw(canvas, bold, x, 100, text)
    rows = [("Legal", "12"), ("Payroll", "8"), ("Audit", "3"), ("HR", "5")]
    for top, (service, spend) in zip([130, 147, 164, 181], rows, strict=True):
        _draw(canvas, regular, 110, top, service)
        _draw(canvas, regular, 400, top, spend)
    # The first row prints its own label; a turned label is centred on that row as well.
    _draw(canvas, regular, 60, 130, "Core")
    _draw(canvas, regular, 60, 134 + canvas.stringWidth("Ops", regular, 9) / 2, "Ops", turned=True)
    canvas.showPage()
    canvas.save()
    table = one_table(path)
    assert [row[1:] for row in table.rows] == [["Legal", "12"], ["Payroll", "8"], ["Audit", "3"], ["HR", "5"]]
    assert "Ops" in table.rows[0][0] and "Core" in table.rows[0][0]
