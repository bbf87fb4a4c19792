"""Financial cells from tables recognised as financial by their content."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.financial import extract_financial_cells
from extractors.table_kinds import classify_table
from tests.test_kpis import SOURCE, _load_scorer, make_table


def _cells(*tables):
    return [
        (c.table, c.row_label, c.column_label, c.raw, c.value, c.unit)
        for c in extract_financial_cells(tables, SOURCE)
    ]


def test_million_pound_table_with_parenthesised_negatives():
    table = make_table(
        "T001",
        [["", "Greenwich (£'m)", "Bristol (£'m)", "Total (£'m)"]],
        [["Shared", "0.138", "(0.114)", "0.024"], ["Total", "-", "(0.043)", ""]],
        headings=["Forecast outturn"],
    )
    assert classify_table(table) == "financial"
    assert _cells(table) == [
        ("T001", "Shared", "Greenwich (£'m)", "0.138", 0.138, "£m"),
        ("T001", "Shared", "Bristol (£'m)", "(0.114)", -0.114, "£m"),
        ("T001", "Shared", "Total (£'m)", "0.024", 0.024, "£m"),
        ("T001", "Total", "Bristol (£'m)", "(0.043)", -0.043, "£m"),
    ]


def test_cell_units_and_whole_pounds():
    investment = make_table(
        "T002",
        [["", "Greenwich", "Bristol", "Total"]],
        [["Capital", "£1m*", "£1m", "£2m"], ["Revenue", "£0.8m", "£581k", "£1.381m"]],
    )
    reserve = make_table(
        "T003",
        [["", "Greenwich £", "Total £"]],
        [
            ["Closing balance", "(63,112)", "(1,926,034)"],
            ["Drawn down", "", "-"],
            ["Power BI", "5,000", "55,000"],
        ],
    )
    assert [(c[1], c[2], c[4], c[5]) for c in _cells(investment, reserve)] == [
        ("Capital", "Greenwich", 1.0, "£m"),
        ("Capital", "Bristol", 1.0, "£m"),
        ("Capital", "Total", 2.0, "£m"),
        ("Revenue", "Greenwich", 0.8, "£m"),
        ("Revenue", "Bristol", 581.0, "£k"),
        ("Revenue", "Total", 1.381, "£m"),
        ("Closing balance", "Greenwich £", -63112.0, "£"),
        ("Closing balance", "Total £", -1926034.0, "£"),
        ("Power BI", "Greenwich £", 5000.0, "£"),
        ("Power BI", "Total £", 55000.0, "£"),
    ]


def test_table_without_label_column_gives_empty_row_labels():
    table = make_table("T004", [["Greenwich", "Bristol", "Wigan"]], [["(£0.8m)", "£7.1m", "(£0.4m)"]])
    assert [(c[1], c[2], c[4]) for c in _cells(table)] == [
        ("", "Greenwich", -0.8),
        ("", "Bristol", 7.1),
        ("", "Wigan", -0.4),
    ]


def test_a_row_is_labelled_by_its_text_not_its_reference_number():
    table = make_table(
        "T008",
        [["Row ref", "Directorate", "Dir", "Total Cost", "2025-26"], ["", "", "", "£000s", "£000s"]],
        [
            ["1", "Adult Social Care", "ASC", "7,003", "549"],
            ["2", "Children and Education", "CE", "565,619", "97,113"],
            ["", "Funded By:", "", "", ""],
            ["3", "Borrowing", "", "441,101", "45,168"],
        ],
    )
    assert classify_table(table) == "financial"
    assert [(c[1], c[2], c[4]) for c in _cells(table)] == [
        ("Adult Social Care", "Total Cost £000s", 7003.0),
        ("Adult Social Care", "2025-26 £000s", 549.0),
        ("Children and Education", "Total Cost £000s", 565619.0),
        ("Children and Education", "2025-26 £000s", 97113.0),
        ("Borrowing", "Total Cost £000s", 441101.0),
        ("Borrowing", "2025-26 £000s", 45168.0),
    ]


def test_rows_labelled_between_last_years_figures_and_this_years_take_that_label():
    table = make_table(
        "T010",
        [["2024-25", "", "2025-26", "2026-27"], ["£000s", "", "£000s", "£000s"]],
        [
            ["1,315,610.6", "Revised base", "1,428,670.2", "1,530,923.8"],
            ["", "Spending", "", ""],
            ["31,721.5", "Base budget changes", "10,320.7", "-100.0"],
        ],
    )
    assert classify_table(table) == "financial"
    assert [(c[1], c[2], c[4]) for c in _cells(table)][:4] == [
        ("Revised base", "2024-25 £000s", 1315610.6),
        ("Revised base", "2025-26 £000s", 1428670.2),
        ("Revised base", "2026-27 £000s", 1530923.8),
        ("Base budget changes", "2024-25 £000s", 31721.5),
    ]


def test_columns_describing_each_project_beside_the_figures_leave_the_table_financial():
    table = make_table(
        "T011",
        [["Directorate", "Project", "Description", "2029-30 £000s", "2030-31 £000s"]],
        [
            ["CYPE", "Schools Modernisation", "Upgrading school buildings", "4,500", "5,000"],
            ["GET", "Kent Scientific Services", "Renewal of laboratory facilities", "", ""],
            ["GET", "Thanet Way", "Structural improvements", "", ""],
            ["", "Total", "", "4,500", "5,000"],
        ],
    )
    assert classify_table(table) == "financial"


def test_a_column_of_group_codes_before_the_labels_does_not_label_the_rows():
    table = make_table(
        "T012",
        [["Directorate", "Project", "Total Cost £000s"]],
        [
            ["GET", "Public Rights of Way", "25,130"],
            ["GET", "Thanet Way", "20,000"],
            ["DCED", "Future Assets", "52,000"],
            ["", "Total", "97,130"],
        ],
    )
    assert [c[1] for c in _cells(table)] == ["Public Rights of Way", "Thanet Way", "Future Assets", "Total"]


def test_a_score_on_a_scale_beside_money_columns_is_not_money():
    table = make_table(
        "T013",
        [["Risk", "Likelihood (1-5)", "Annual Exposure"], ["", "", "£m"]],
        [["High needs spending", "4", "165.0"], ["Revenue inflation", "3", "14.0"]],
    )
    assert [(c[1], c[2], c[4], c[5]) for c in _cells(table)] == [
        ("High needs spending", "Annual Exposure £m", 165.0, "£m"),
        ("Revenue inflation", "Annual Exposure £m", 14.0, "£m"),
    ]


def test_a_budget_printed_without_a_pound_sign_is_financial_by_its_words():
    table = make_table(
        "T009",
        [["Item", "Budget 2017-18", "Spent", "Budget 2018-19"]],
        [
            ["Revenue", "", "", ""],
            ["Clerk's salary", "3,500", "3,421", "3,500"],
            ["Insurance", "320", "1,346", "1,400"],
            ["Revenue total", "3,820", "4,767", "4,900"],
        ],
    )
    assert classify_table(table) == "financial"
    assert _cells(table)[:2] == [
        ("T009", "Clerk's salary", "Budget 2017-18", "3,500", 3500.0, "£"),
        ("T009", "Clerk's salary", "Spent", "3,421", 3421.0, "£"),
    ]
    # Counts under a heading that names money only once are no budget.
    counts = table.model_copy(update={"rows": [["Applications", "350", "410", "420"]]})
    assert classify_table(counts) != "financial"


def test_text_and_percentage_columns_of_a_financial_table_are_skipped():
    table = make_table(
        "T005",
        [["", "2023-24 Pressure (£'m)", "Action", "Variance %", "Est. 2024-25 (£'m)"]],
        [
            ["Pressures", "", "", "", ""],
            ["Rent income", "2.6", "Funding allocated as part of MTFS", "4", "0.9"],
            ["Staircase ruling", "1.2", "To be reversed", "2", "(1.2)"],
        ],
        spans=[{"row": 1, "col": 0, "colspan": 5}],
    )
    assert [(c[1], c[2], c[4]) for c in _cells(table)] == [
        ("Rent income", "2023-24 Pressure (£'m)", 2.6),
        ("Rent income", "Est. 2024-25 (£'m)", 0.9),
        ("Staircase ruling", "2023-24 Pressure (£'m)", 1.2),
        ("Staircase ruling", "Est. 2024-25 (£'m)", -1.2),
    ]


def test_header_rows_split_over_two_lines_make_one_column_label():
    table = make_table(
        "T006",
        [["", "2023-24", "2023-24"], ["", "Budget £'000", "Outturn £'000"]],
        [["Legal", "1,200", "(35)"]],
    )
    assert [(c[2], c[4], c[5]) for c in _cells(table)] == [
        ("2023-24 Budget £'000", 1200.0, "£k"),
        ("2023-24 Outturn £'000", -35.0, "£k"),
    ]


def test_plain_figures_take_the_thousands_their_heading_announces():
    table = make_table(
        "T003",
        [["Scheme", "Budget", "Forecast", "Variance"]],
        [["Play areas", "1,204", "1,180", "-24"], ["Total", "1,204", "1,180", "-24"]],
        headings=["Report", "3. Capital programme (£'000)"],
    )
    assert classify_table(table) == "financial"
    assert _cells(table)[2:4] == [
        ("T003", "Play areas", "Variance", "-24", -24.0, "£k"),
        ("T003", "Total", "Budget", "1,204", 1204.0, "£k"),
    ]
    # A bare "£" in a heading says nothing of the figures' scale.
    fees = table.model_copy(
        update={"section_title": "Fees and charges £", "headings": ["Fees and charges £"]}
    )
    assert classify_table(fees) != "financial"


def test_year_columns_under_a_thousands_corner_are_money_not_a_series():
    table = make_table(
        "T005",
        [["£'000", "2025/26", "2026/27", "2027/28"]],
        [["Pay inflation", "420", "610", "790"], ["Demand growth", "150", "260", "380"]],
        headings=["Medium term financial plan"],
    )
    assert classify_table(table) == "financial"
    assert _cells(table)[:2] == [
        ("T005", "Pay inflation", "2025/26", "420", 420.0, "£k"),
        ("T005", "Pay inflation", "2026/27", "610", 610.0, "£k"),
    ]


@pytest.mark.parametrize(
    ("header", "rows"),
    [
        ([["", "Greenwich", "Bristol"]], [["Green", "0", "26"], ["Amber", "0", "8"], ["Total", "8", "60"]]),
        ([["Service", "Satisfied", "Quality"]], [["HR", "72%", "70%"], ["ICT", "87%", "91%"]]),
        ([["Organisation", "Delivered"]], [["RBG", "Webchat for £2.5 billion fund"]]),
    ],
)
def test_counts_percentages_and_text_are_not_financial(header, rows):
    table = make_table("T007", header, rows)
    assert classify_table(table) != "financial"
    assert _cells(table) == []


def test_corpus_financial_cells_score(corpus_dir: Path):
    """Tables as the truth gives them give the truth's financial cells."""
    score = _load_scorer(corpus_dir)
    tally = score.Tally()
    for truth_path in sorted(corpus_dir.glob("*.truth.json")):
        truth = json.loads(truth_path.read_text())
        tables = [
            make_table(t["id"], t["header"], t["rows"], spans=t["spans"], page=t["pdf_page"])
            for t in truth["tables"]
        ]
        pred = {
            "tables": [{"id": t.id, "pdf_page": t.pdf_page} for t in tables],
            "financial_cells": [
                c.model_dump(exclude={"prov"}) for c in extract_financial_cells(tables, SOURCE)
            ],
        }
        score.score_financial(truth, pred, tally)
    assert tally.f1 >= 0.95, tally.misses[:10]
