"""The table engine on PDFs drawn in the test: ruled and unruled tables, spans, page breaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.base import Source
from extractors.tables import extract_tables
from pipeline.pdfpages import open_document
from schemas.records import Table
from tests.test_tables_pdfs import Grid, Heading, Page, Para, write_pages

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
    path = write_pages(tmp_path / "t.pdf", [Page([Heading("Cases by country"), Para(PROSE), UNRULED, Para(PROSE)])])
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
    rows += [[f"A{n:02d}", f"Action number {n} agreed by the board", "Director", "2020"] for n in range(first, last)]
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
    first = Grid(
        rows=[["Directorate", "Service", "Value"], ["Finance", "Payroll", "1"], [None, "Audit", "2"]]
        + [[f"Team {n}", "Legal", str(n)] for n in range(3, 30)],
        widths=[100, 100, 60],
        spans={(1, 0): (2, 1)},
    )
    first.rows[-1][0] = "Property"
    first.rows.append([None, "Leases", "30"])
    first.spans[(len(first.rows) - 2, 0)] = (2, 1)
    second = Grid(
        rows=[["Directorate", "Service", "Value"], [None, "Markets", "31"], [None, "Estates", "32"], ["ICT", "Desk", "33"]],
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
    first = Grid(rows=[["Ref", "Progress"]] + [[f"P{n}", f"Update {n}"] for n in range(1, 30)], widths=[60, 250])
    first.rows.append(["P30", "Work started in"])
    second = Grid(rows=[[None, "April and is on track."], ["P31", "Done"]], widths=[60, 250], header=0, shade_header=False)
    second.rows[0] = ["", "April and is on track."]
    table = one_table(write_pages(tmp_path / "t.pdf", [Page([Heading("Plan"), first]), Page([second])]))
    assert ["P30", "Work started in April and is on track."] in table.rows
    assert table.rows[-1] == ["P31", "Done"]
    assert len(table.row_pages) == len(table.grid)
