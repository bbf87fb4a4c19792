"""KPI records and series points from every form of KPI table."""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from extractors.base import Extractor, Source
from extractors.councils import Council
from extractors.kpis import extract_kpis
from extractors.table_kinds import classify_table
from schemas.records import Span, Table

SOURCE = Source("0" * 64, {3: 1})
ENGINE = Extractor("tables", "test")
GREENWICH = Council("Greenwich", ("RBG",))
BRISTOL = Council("Bristol", ("BCC",))
HAVERING = Council("Havering", ("LBH",))
NEWHAM = Council("Newham", ("LBN",))
BEXLEY = Council("Bexley", ())
COUNCILS = [GREENWICH, BRISTOL]


def make_table(
    tid: str,
    header: Sequence[Sequence[str]],
    rows: Sequence[Sequence[str]],
    *,
    headings: Sequence[str] = (),
    preamble: str | None = None,
    spans: Sequence[dict] = (),
    page: int = 3,
) -> Table:
    return Table(
        prov=SOURCE.prov(ENGINE, page),
        id=tid,
        pdf_page=page,
        pages=[page],
        section_title=headings[-1] if headings else None,
        headings=list(headings),
        preamble=preamble,
        header=[list(h) for h in header],
        rows=[list(r) for r in rows],
        spans=[Span(**s) for s in spans],
        row_pages=[page] * (len(header) + len(rows)),
        cell_bboxes=[
            [(10.0 * c, 20.0 * r, 10.0 * c + 9, 20.0 * r + 19) for c in range(len(row))]
            for r, row in enumerate([*header, *rows])
        ],
    )


EXCEPTION_HEADER = [
    ["Directorate", "Service Area", "KPI", "2021/22 Target", "Quarter 2", "Direction of Travel"]
]


def test_exception_table_reads_targets_actuals_direction_and_stated_rag():
    table = make_table(
        "T001",
        EXCEPTION_HEADER,
        [
            ["Digital", "IT", "% of system availability", "99.50%", "100%", "↑"],
            ["", "IT", "Average cost per ticket", "<£20,000", "£15,726", "↓"],
            ["", "Estates", "Capital receipts", "£12.78M", "£28K", "NEW"],
            [
                "",
                "Legal",
                "External spend on barristers",
                "As much as possible",
                "Spend £8,078 Saving £1,315",
                "→",
            ],
        ],
        headings=["Performance Report", "Greenwich Performance"],
        preamble="The following indicators achieved their target (i.e. RAG rated = Green) this Quarter.",
    )
    assert classify_table(table) == "kpi_exception"
    kpis, series = extract_kpis([table], COUNCILS, SOURCE)
    assert series == []
    first, cost, receipts, spend = kpis
    assert (first.council, first.directorate, first.service_area, first.period) == (
        "Greenwich",
        "Digital",
        "IT",
        "2021/22 Q2",
    )
    assert (first.target_value, first.actual_value, first.unit, first.direction, first.rag) == (
        99.5,
        100.0,
        "%",
        "up",
        "green",
    )
    assert (cost.target_comparator, cost.target_value, cost.actual_value, cost.unit) == (
        "<",
        20000,
        15726,
        "£",
    )
    assert (receipts.target_value, receipts.actual_value, receipts.direction) == (12_780_000, 28_000, "new")
    assert (spend.target_value, spend.actual_value, spend.unit, spend.direction) == (None, None, None, "flat")
    assert first.prov.pdf_page == 3 and first.prov.printed_page == 1 and first.prov.bbox is not None
    assert first.source_table == "T001"


def test_merged_directorate_cells_fill_down():
    rows = [
        ["Estates", "FM", "Repairs within 2 hours", "97%", "97%", "NEW"],
        ["", "", "Repairs within 1 day", "97%", "98%", "NEW"],
        ["", "H&S", "Notices answered on time", "100%", "100%", "NEW"],
        ["Legal", "Planning", "Average time to complete agreements", "<6 months", "2.4 months", "↓"],
        ["", "", "Average time to obtain orders", "<26 weeks", "30 weeks", "↑"],
    ]
    spans = [
        {"row": 1, "col": 0, "rowspan": 3},
        {"row": 1, "col": 1, "rowspan": 2},
        {"row": 4, "col": 0, "rowspan": 2},
    ]
    for given_spans in (spans, []):
        table = make_table(
            "T002", EXCEPTION_HEADER, rows, headings=["Bristol Performance"], spans=given_spans
        )
        kpis, _ = extract_kpis([table], COUNCILS, SOURCE)
        assert [(k.directorate, k.service_area) for k in kpis] == [
            ("Estates", "FM"),
            ("Estates", "FM"),
            ("Estates", "H&S"),
            ("Legal", "Planning"),
            ("Legal", "Planning"),
        ]
        assert {k.council for k in kpis} == {"Bristol"}
        assert [k.unit for k in kpis[3:]] == ["months", "weeks"]


def test_council_heading_spelt_with_a_slip_and_rag_column_holding_arrows():
    table = make_table(
        "T003",
        [["Directorate", "Service Area", "KPI", "Target", "Quarter 1", "RAG Rating"]],
        [
            ["ICT", "ICT", "Customer Satisfaction Rating", "6.3", "6.35", "↓"],
            ["Exchequer", "Payables", "% of suppliers paid within 30 days", "95.00%", "97.70%", "GREEN"],
        ],
        headings=["Quarterly report", "Haivering Performance"],
    )
    kpis, _ = extract_kpis([table], [HAVERING, NEWHAM], SOURCE, year_hint="2019/20")
    rating, suppliers = kpis
    assert rating.council == suppliers.council == "Havering"
    assert rating.period == "2019/20 Q1"
    assert (rating.unit, rating.direction, rating.rag) == ("score", "down", None)
    assert (suppliers.direction, suppliers.rag) == (None, "green")


def test_target_list_columns_in_another_order_and_bracketed_councils():
    table = make_table(
        "T004",
        [["2022/23 Target", "Indicator", "Service area", "Service"]],
        [
            ["97.00%", "Percentage of Council Tax collected", "Council Tax (RBG)", "Exchequer"],
            ["TBD", "Secondary school programme spend", "P&P (BCC)", ""],
            ["0.9", "Number of projects completed on time", "Technical Services", "Technical"],
            ["<5", "Average number of hearings per case", "Community Team", ""],
            ["98.70% (RBG) 99.6% (BCC)", "NNDR collection rate", "NNDR", ""],
        ],
        headings=["Operational Indicators"],
    )
    assert classify_table(table) == "kpi_targets"
    kpis, _ = extract_kpis([table], COUNCILS, SOURCE)
    assert [k.period for k in kpis] == ["2022/23"] * 5
    assert [k.council for k in kpis] == ["Greenwich", "Bristol", None, None, None]
    assert [k.directorate for k in kpis] == ["Exchequer", "Exchequer", "Technical", "Technical", "Technical"]
    assert [k.unit for k in kpis] == ["%", None, None, "count", None]
    assert all(k.actual is None for k in kpis)
    assert kpis[4].target_value is None


def test_exception_table_with_a_column_per_council():
    table = make_table(
        "T005",
        [["KPI", "Target", "RBG Q3", "BCC Q3"]],
        [["Invoices paid within 30 days", "95%", "96.1%", "93%"]],
        headings=["Shared service indicators"],
    )
    kpis, _ = extract_kpis([table], COUNCILS, SOURCE, year_hint="2023/24")
    assert [(k.council, k.period, k.target, k.actual) for k in kpis] == [
        ("Greenwich", "2023/24 Q3", "95%", "96.1%"),
        ("Bristol", "2023/24 Q3", "95%", "93%"),
    ]


def test_indicator_split_over_two_rows_is_one_record():
    table = make_table(
        "T006",
        EXCEPTION_HEADER,
        [
            ["Legal", "Cross Service", "External spend on barristers through the", "None", "£40,679", "↑"],
            ["", "", "framework", "", "", ""],
            ["", "Property", "Average time to complete Right To Buy", "<175", "92", "↓"],
            ["", "", "agreements", "", "", ""],
        ],
    )
    kpis, _ = extract_kpis([table], COUNCILS, SOURCE)
    assert [k.indicator for k in kpis] == [
        "External spend on barristers through the framework",
        "Average time to complete Right To Buy agreements",
    ]


BLOCK_HEADER = [["", "2020/21", "RBG 2021/22 Q1", "BCC 2021/22 Q1"]]
SERIES_HEADER = [["", "Apr-21", "May-21", "Jun-21", "Jul-21"]]


def test_block_gives_records_for_current_year_reporting_columns_only():
    block = make_table(
        "T010",
        BLOCK_HEADER,
        [
            ["Outturn", "99.04% (RBG) 99.51% (BCC)", "34.69%", "32.73%"],
            ["Target", "98.7%", "30.68%", "32.98%"],
            ["RAG", "", "G", ""],
            ["DoT", "", "↑", "N/A"],
        ],
        headings=["Performance Information", "Exchequer Performance Information", "% of NNDR collected"],
    )
    series = make_table(
        "T011",
        SERIES_HEADER,
        [
            ["Greenwich", "13.52%", "26.83%", "34.69%", "-"],
            ["RBG Target", "11.31%", "19.52%", "30.68%", "40.36%"],
            ["Bristol", "N/A", "", "32.73%", "-"],
        ],
        headings=block.headings,
    )
    other = make_table(
        "T012",
        [["", "2020/21", "RBG Q1", "BCC Q1"]],
        [["Outturn", "5", "4.5", "6"], ["Threshold", "<5 cases", "<5 cases", "<5 cases"]],
        headings=["Performance Information", "Legal Performance Information", "Average number of hearings"],
    )
    assert [classify_table(t) for t in (block, series, other)] == ["kpi_block", "kpi_series", "kpi_block"]
    kpis, points = extract_kpis([block, series, other], COUNCILS, SOURCE)
    assert [(k.council, k.period, k.target, k.actual) for k in kpis] == [
        ("Greenwich", "2021/22 Q1", "30.68%", "34.69%"),
        ("Bristol", "2021/22 Q1", "32.98%", "32.73%"),
        ("Greenwich", "2021/22 Q1", "<5 cases", "4.5"),
        ("Bristol", "2021/22 Q1", "<5 cases", "6"),
    ]
    assert [(k.rag, k.direction) for k in kpis[:2]] == [("green", "up"), (None, None)]
    assert [k.directorate for k in kpis] == ["Exchequer", "Exchequer", "Legal", "Legal"]
    assert kpis[0].indicator == "% of NNDR collected" and kpis[0].unit == "%"
    assert [k.unit for k in kpis[2:]] == ["count", "count"]

    assert len(points) == 12
    assert {p.indicator for p in points} == {"% of NNDR collected"}
    by_cell = {(p.series, p.period_label): (p.value, p.value_number) for p in points}
    assert by_cell[("Greenwich", "Apr-21")] == ("13.52%", 13.52)
    assert by_cell[("Greenwich", "Jul-21")] == ("-", None)
    assert by_cell[("Bristol", "Apr-21")] == ("N/A", None)
    assert by_cell[("Bristol", "May-21")] == ("", None)
    assert by_cell[("RBG Target", "Jul-21")] == ("40.36%", 40.36)


def test_block_without_council_columns_takes_the_council_in_the_indicator():
    block = make_table(
        "T013",
        [["", "2018/19", "2019/20 Q1", "2019/20 RAG"]],
        [["Outturn", "18", "22.3 days", ""], ["Target", "20 days", "20 days", ""], ["DoT", "", "↑", ""]],
        headings=["Report", "Benefits", "Average number of days for new claims (LBH only)"],
    )
    kpis, _ = extract_kpis([block], [HAVERING, NEWHAM], SOURCE)
    assert [(k.council, k.period, k.target_value, k.actual_value, k.unit, k.direction) for k in kpis] == [
        ("Havering", "2019/20 Q1", 20, 22.3, "days", "up")
    ]


def test_block_row_split_over_two_lines_is_joined():
    block = make_table(
        "T014",
        BLOCK_HEADER,
        [
            ["Outturn", "3.43", "2.2", "4.1 (GLPC)"],
            ["", "", "", "12 (HAY)"],
            ["Target", "5", "5", "5"],
        ],
        headings=["Report", "HR", "Average time taken for job evaluations"],
    )
    kpis, _ = extract_kpis([block], COUNCILS, SOURCE)
    assert [k.actual for k in kpis] == ["2.2", "4.1 (GLPC) 12 (HAY)"]
    assert kpis[1].actual_value is None


def test_block_with_council_columns_only_reports_the_document_year():
    block = make_table(
        "T015",
        [["", "Greenwich", "Bristol"]],
        [["Actual", "81%", "79%"], ["Target", "80%", "80%"]],
        headings=["Annual report", "Resident satisfaction"],
    )
    kpis, _ = extract_kpis([block], COUNCILS, SOURCE, year_hint="2022/23")
    assert [(k.council, k.period, k.actual, k.target) for k in kpis] == [
        ("Greenwich", "2022/23", "81%", "80%"),
        ("Bristol", "2022/23", "79%", "80%"),
    ]


def test_series_is_read_as_the_series_of_the_block_it_follows():
    block = make_table(
        "T016",
        [["", "RBG Q2"]],
        [["Outturn", "6 days"], ["Target", "5 days"]],
        headings=["Report", "Average days to process claims"],
    )
    series = make_table(
        "T017", [["", "Quarter 1", "Quarter 2"]], [["Greenwich", "5.5", "6"]], headings=["Quarterly figures"]
    )
    lone = make_table(
        "T018", [["", "Jan-22", "Feb-22"]], [["Bristol", "4", "5"]], headings=["Complaints answered"]
    )
    kpis, points = extract_kpis([block, series, lone], COUNCILS, SOURCE, year_hint="2021/22")
    assert [(k.council, k.period, k.unit) for k in kpis] == [("Greenwich", "2021/22 Q2", "days")]
    assert [(p.indicator, p.series, p.period_label, p.value_number) for p in points] == [
        ("Average days to process claims", "Greenwich", "Quarter 1", 5.5),
        ("Average days to process claims", "Greenwich", "Quarter 2", 6.0),
        ("Complaints answered", "Bristol", "Jan-22", 4.0),
        ("Complaints answered", "Bristol", "Feb-22", 5.0),
    ]


def test_tiles_give_figure_council_name_and_target():
    tiles = make_table(
        "T020",
        [],
        [
            ["£12.85m Savings achieved 2020/21", "97.10% RBG Council Tax collection rate Target 96.75%"],
            [
                "19 days BCC speed of processing claims Target: 20 days",
                "99.7% RBG Systems availability Target: 99.5%",
            ],
        ],
        headings=["Annual report", "KPIs"],
    )
    assert classify_table(tiles) == "kpi_tiles"
    kpis, _ = extract_kpis([tiles], COUNCILS, SOURCE)
    assert [(k.council, k.indicator, k.actual, k.target, k.period) for k in kpis] == [
        (None, "Savings achieved 2020/21", "£12.85m", None, "2020/21"),
        ("Greenwich", "Council Tax collection rate", "97.10%", "96.75%", "2020/21"),
        ("Bristol", "speed of processing claims", "19 days", "20 days", "2020/21"),
        ("Greenwich", "Systems availability", "99.7%", "99.5%", "2020/21"),
    ]
    assert kpis[0].actual_value == 12_850_000 and kpis[0].unit == "£"
    assert kpis[2].unit == "days"


def test_tiles_read_as_rows_of_figures_names_and_targets():
    tiles = make_table(
        "T021",
        [],
        [
            ["£12.85m", "97.10%"],
            ["Savings achieved 2020/21", "RBG Council Tax collection"],
            ["", "rate Target 96.75%"],
            ["19 days", "99.7%"],
            ["BCC speed of processing", "RBG Systems availability"],
            ["Target: 20 days", "Target: 99.5%"],
        ],
    )
    kpis, _ = extract_kpis([tiles], COUNCILS, SOURCE)
    assert [(k.council, k.indicator, k.actual, k.target) for k in kpis] == [
        (None, "Savings achieved 2020/21", "£12.85m", None),
        ("Greenwich", "Council Tax collection rate", "97.10%", "96.75%"),
        ("Bristol", "speed of processing", "19 days", "20 days"),
        ("Greenwich", "Systems availability", "99.7%", "99.5%"),
    ]


def test_header_left_among_the_rows_is_read_as_header():
    table = make_table(
        "T030",
        [],
        [["Service", "KPI", "Target"], ["IT", "% of system availability", "99.5%"]],
        headings=["2024/25 targets"],
    )
    kpis, _ = extract_kpis([table], COUNCILS, SOURCE, year_hint="2024/25")
    assert [(k.service_area, k.indicator, k.target, k.period) for k in kpis] == [
        ("IT", "% of system availability", "99.5%", "2024/25")
    ]


def test_tables_of_other_kinds_give_no_kpis():
    summary = make_table("T040", [["", "Greenwich", "Bristol"]], [["Green", "26", "20"], ["Amber", "8", "4"]])
    money = make_table("T041", [["", "Greenwich (£'m)", "Total (£'m)"]], [["Shared", "(0.630)", "(1.342)"]])
    assert [classify_table(summary), classify_table(money)] == ["kpi_summary", "financial"]
    assert extract_kpis([summary, money], COUNCILS, SOURCE) == ([], [])


def test_actual_column_without_a_quarter_reports_the_quarter_its_heading_names():
    table = make_table(
        "T050",
        [["Measure", "Good is", "Target", "Actual", "RAG"]],
        [["% of invoices paid within 30 days", "Higher", "95%", "96.1%", "Green"]],
        headings=["Performance Report", "Corporate health measures: Quarter 3 2024/25"],
    )
    (kpi,), _series = extract_kpis([table], COUNCILS, SOURCE, year_hint="2023/24")
    assert (kpi.period, kpi.target_value, kpi.actual_value, kpi.rag) == ("2024/25 Q3", 95.0, 96.1, "green")


def test_quarter_columns_share_the_status_and_trend_words_of_their_row():
    table = make_table(
        "T051",
        [["Indicator", "Polarity", "Target 2024/25", "Q1", "Q2", "Status", "Trend"]],
        [
            [
                "Average days to resolve a complaint",
                "Low is good",
                "12 days",
                "14 days",
                "11.5 days",
                "Within tolerance",
                "Improving",
            ]
        ],
    )
    q1, q2 = extract_kpis([table], COUNCILS, SOURCE)[0]
    assert [(k.period, k.actual_value, k.unit, k.rag, k.direction) for k in (q1, q2)] == [
        ("2024/25 Q1", 14.0, "days", "amber", "up"),
        ("2024/25 Q2", 11.5, "days", "amber", "up"),
    ]


def test_each_quarter_actual_takes_the_target_under_its_own_quarter():
    table = make_table(
        "T052",
        [
            ["Indicator", "Quarter 2", "", "Quarter 3", "", "RAG"],
            ["", "Target", "Actual", "Target", "Actual", ""],
        ],
        [["% of Council Tax collected", "55%", "56.2%", "82%", "80.9%", "A"]],
        spans=[{"row": 0, "col": 1, "colspan": 2}, {"row": 0, "col": 3, "colspan": 2}],
    )
    kpis, _series = extract_kpis([table], COUNCILS, SOURCE, year_hint="2024/25")
    assert [(k.period, k.target, k.actual, k.rag) for k in kpis] == [
        ("2024/25 Q2", "55%", "56.2%", "amber"),
        ("2024/25 Q3", "82%", "80.9%", "amber"),
    ]


def test_unruled_row_naming_a_group_is_the_directorate_of_the_rows_below():
    table = make_table(
        "T053",
        [["Indicator", "Target", "Q3 2024/25"]],
        [
            ["Housing", "", ""],
            ["Average days to re-let a home", "20 days", "23 days"],
            ["Number of affordable homes delivered", "120", "96"],
            ["Resources", "", ""],
            ["% of invoices paid within", "95%", "96.1%"],
            ["30 days", "", ""],
            ["Days lost to sickness per employee", "8", "7.5"],
        ],
    )
    kpis, _series = extract_kpis([table], COUNCILS, SOURCE)
    assert [(k.directorate, k.indicator) for k in kpis] == [
        ("Housing", "Average days to re-let a home"),
        ("Housing", "Number of affordable homes delivered"),
        ("Resources", "% of invoices paid within 30 days"),
        ("Resources", "Days lost to sickness per employee"),
    ]


def test_each_council_actual_takes_its_own_councils_target():
    table = make_table(
        "T054",
        [["Indicator", "RBG Target", "RBG Actual", "BCC Target", "BCC Actual"]],
        [["% of Council Tax collected", "55%", "56.2%", "58%", "57.1%"]],
        headings=["Partner targets: Quarter 2 2024/25"],
    )
    kpis, _series = extract_kpis([table], COUNCILS, SOURCE)
    assert [(k.council, k.period, k.target, k.actual) for k in kpis] == [
        ("Greenwich", "2024/25 Q2", "55%", "56.2%"),
        ("Bristol", "2024/25 Q2", "58%", "57.1%"),
    ]


def test_status_naming_its_colour_before_other_words_gives_the_rag():
    table = make_table(
        "T055",
        [["Measure", "Target", "Q2 2024/25", "Status"]],
        [
            ["% of Council Tax collected", "55%", "54.2%", "Amber – within 5% of target"],
            ["% of calls answered", "90%", "91.5%", "Green (on target)"],
        ],
    )
    kpis, _series = extract_kpis([table], COUNCILS, SOURCE)
    assert [k.rag for k in kpis] == ["amber", "green"]


def test_last_years_outturn_beside_this_years_quarters_gives_no_record():
    table = make_table(
        "T056",
        [["Indicator", "2023/24 Outturn", "Target 2024/25", "Q1", "Q2"]],
        [["% of Council Tax collected", "96.1%", "96%", "28.4%", "55.0%"]],
    )
    kpis, _series = extract_kpis([table], COUNCILS, SOURCE)
    assert [(k.period, k.target, k.actual) for k in kpis] == [
        ("2024/25 Q1", "96%", "28.4%"),
        ("2024/25 Q2", "96%", "55.0%"),
    ]


def test_a_column_naming_a_year_after_the_documents_own_gives_no_record():
    table = make_table(
        "T058",
        [["Indicator", "2024/25", "2025/26", "2026/27"]],
        [["% of invoices paid within 30 days", "94%", "95%", "96%"]],
    )
    kpis, _series = extract_kpis([table], COUNCILS, SOURCE, year_hint="2024/25")
    assert [(k.period, k.actual) for k in kpis] == [("2024/25", "94%")]


def test_an_actual_dated_in_its_heading_reports_the_year_of_its_date():
    table = make_table(
        "T059",
        [["Credit risk indicator", "Actual 30/09/2024", "Target"]],
        [["Portfolio average credit rating", "AA+", "AA-"]],
    )
    other = make_table(
        "T060", [["Indicator", "2024/25", "2026/27"]], [["Limit on investments", "90%", "80%"]]
    )
    kpis, _series = extract_kpis([table, other], COUNCILS, SOURCE)
    assert [(k.indicator, k.period, k.actual) for k in kpis] == [
        ("Portfolio average credit rating", "2024/25", "AA+"),
        ("Limit on investments", "2024/25", "90%"),
    ]


def test_years_over_money_figures_are_a_financial_plan_not_indicators():
    table = make_table(
        "T061",
        [["Price risk indicator", "2025-26", "2026-27", "2027-28"]],
        [["Limit on principal invested beyond year end", "£150m", "£100m", "£50m"]],
    )
    assert classify_table(table) == "financial"
    assert extract_kpis([table], COUNCILS, SOURCE) == ([], [])


def test_indicator_code_column_is_not_the_indicator_name():
    table = make_table(
        "T057",
        [["PI Code", "Performance Indicator", "Target", "Q3 2024/25", "RAG"]],
        [["HS01", "% of homes re-let within 28 days", "90%", "86.5%", "R"]],
    )
    assert classify_table(table) == "kpi_exception"
    (kpi,), _series = extract_kpis([table], COUNCILS, SOURCE)
    assert (kpi.indicator, kpi.period, kpi.actual_value, kpi.rag) == (
        "% of homes re-let within 28 days",
        "2024/25 Q3",
        86.5,
        "red",
    )


def test_description_column_names_the_indicator_of_a_targets_and_actuals_table():
    table = make_table(
        "T058",
        [["Ref", "Description", "Target", "Q3 2024/25"]],
        [["RP1", "% of homes re-let within 28 days", "90%", "86.5%"]],
    )
    assert classify_table(table) == "kpi_exception"
    (kpi,), _series = extract_kpis([table], COUNCILS, SOURCE)
    assert (kpi.indicator, kpi.target_value, kpi.actual_value) == (
        "% of homes re-let within 28 days",
        90.0,
        86.5,
    )
    # A savings tracker's description is a savings line, its figures money.
    savings = make_table(
        "T060",
        [["Ref", "Description", "Savings Target £000", "Actual £000"]],
        [["S1", "Restructure of the print service", "120", "95"]],
    )
    assert classify_table(savings) == "financial"


def test_council_column_names_each_rows_council_under_an_indicator_printed_once():
    table = make_table(
        "T059",
        [["Indicator", "Council", "Target", "Q2 2024/25"]],
        [
            ["% of Council Tax collected", "RBG", "55%", "56.2%"],
            ["", "Bristol", "58%", "57.1%"],
        ],
    )
    kpis, _series = extract_kpis([table], COUNCILS, SOURCE)
    assert [(k.council, k.indicator, k.actual) for k in kpis] == [
        ("Greenwich", "% of Council Tax collected", "56.2%"),
        ("Bristol", "% of Council Tax collected", "57.1%"),
    ]


# ---------------------------------------------------------------- corpus


def _load_scorer(corpus_dir: Path):
    spec = importlib.util.spec_from_file_location("score", corpus_dir.parents[1] / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _key(text: str | None) -> str:
    return re.sub(r"[^0-9a-z£%]", "", (text or "").lower())


def _preamble(lines, title: str | None, first_header: str) -> str | None:
    """Text between a table's heading and its header row, read from the page (the table engine's job)."""
    if not title:
        return None
    for i, line in enumerate(lines):
        if _key(line.text) and _key(title).startswith(_key(line.text)):
            heading, j = _key(line.text), i + 1
            while j < len(lines) and _key(title).startswith(heading + _key(lines[j].text)):
                heading, j = heading + _key(lines[j].text), j + 1
            text = []
            for line_after in lines[j:]:
                if _key(line_after.text).startswith(_key(first_header)):
                    return " ".join(text) or None
                text.append(line_after.text)
    return None


def _corpus_tables(pdf: Path, truth: dict) -> list[Table]:
    from extractors.layout import page_lines
    from pipeline.pdf.pdfpages import open_document

    document = open_document(pdf)
    lines = {}
    tables = []
    for t in truth["tables"]:
        first = next((c for c in (t["header"] or t["rows"])[0] if c), "")
        pages = [p for p in (t["pdf_page"] - 1, t["pdf_page"]) if p >= 1]
        for p in pages:
            lines.setdefault(p, page_lines(document.pages[p - 1]))
        found = [_preamble(lines[p], t["section_title"], first) for p in pages]
        table = make_table(
            t["id"],
            t["header"],
            t["rows"],
            headings=[t["section_title"]] if t["section_title"] else [],
            preamble=next((f for f in reversed(found) if f), None),
            spans=t["spans"],
            page=t["pdf_page"],
        )
        tables.append(table.model_copy(update={"pages": t["pages"]}))
    return tables


@pytest.mark.slow
def test_corpus_kpis_and_series_score(corpus_dir: Path):
    """Tables as the truth gives them (grid, heading, introducing text) give the truth's KPI records."""
    from extractors.councils import find_councils
    from extractors.layout import page_lines
    from pipeline.pdf.pdfpages import open_document

    score = _load_scorer(corpus_dir)
    tallies = {"kpis": score.Tally(), "kpi_series": score.Tally()}
    for truth_path in sorted(corpus_dir.glob("*.truth.json")):
        truth = json.loads(truth_path.read_text())
        if not truth.get("kpis") and not truth.get("kpi_series"):
            continue
        pdf = truth_path.with_name(truth_path.name.replace(".truth.json", ".pdf"))
        lines = [ln.text for page in open_document(pdf).pages for ln in page_lines(page)]
        kpis, series = extract_kpis(_corpus_tables(pdf, truth), find_councils(lines), SOURCE)
        pred = {
            "kpis": [k.model_dump(exclude={"prov"}) for k in kpis],
            "kpi_series": [p.model_dump(exclude={"prov"}) for p in series],
        }
        score.score_kpis(truth, pred, tallies["kpis"])
        score.score_series(truth, pred, tallies["kpi_series"])
    assert tallies["kpis"].f1 >= 0.95, tallies["kpis"].misses[:10]
    assert tallies["kpi_series"].f1 >= 0.95, tallies["kpi_series"].misses[:10]
