"""Indicator rules: one figure printed twice, RAG against target, units, shares of counts, stated counts."""

from __future__ import annotations

from pipeline.flags import count_statements, kpi_cross_reference, kpi_units, percentage_counts, rag_targets
from tests.flagdocs import document, kpi, no_others, series, sha_of, table

SHA = sha_of("kpi")
COUNCILS = [("D. Hart", "Leeds"), ("E. Moss", "York")]
INVOICES = "% of invoices paid within 30 days"


def exception_table(rows):
    return table(
        "T003",
        [["Directorate", "Indicator", "Target", "Quarter 2", "RAG"]],
        [["Finance", r.indicator, r.target, r.actual, (r.rag or "").upper()] for r in rows],
        page=2,
        kind="kpi_exception",
        sha=SHA,
    )


def outturn_block(name, leeds, york, target="95%", page=4, tid="T010"):
    return table(
        tid,
        [["", "Leeds 2021/22 Q2", "York 2021/22 Q2"]],
        [["Outturn", leeds, york], ["Target", target, target]],
        page=page,
        kind="kpi_block",
        title=name,
        sha=SHA,
    )


def kpi_doc(kpis, tables, points=(), pages=("Indicators",)):
    return document("kpi", list(pages), kpis=kpis, tables=tables, kpi_series=list(points), members=COUNCILS)


def test_an_actual_printed_differently_in_two_tables_is_flagged():
    listed = kpi(
        INVOICES + " (of receipt by the Finance Team)",
        "York",
        "95.00%",
        "97.70%",
        table_id="T003",
        page=2,
        directorate="Finance",
        sha=SHA,
    )
    block = [
        kpi(INVOICES, c, "95%", a, table_id="T010", page=4, directorate="Finance and Exchequer", sha=SHA)
        for c, a in (("Leeds", "96.1%"), ("York", "94.8%"))
    ]
    doc = kpi_doc([listed, *block], [exception_table([listed]), outturn_block(INVOICES, "96.1%", "94.8%")])
    (finding,) = kpi_cross_reference.check(doc, no_others)
    assert finding.found == "97.70% vs 94.8%"
    assert sorted(loc.pdf_page for loc in finding.locations) == [2, 4]
    assert {loc.table for loc in finding.locations} == {"T003", "T010"}


def test_the_same_actual_printed_with_more_decimals_is_not_flagged():
    listed = kpi(INVOICES, "York", "95.00%", "94.80%", table_id="T003", page=2, sha=SHA)
    block = kpi(INVOICES, "York", "95%", "94.8%", table_id="T010", page=4, sha=SHA)
    doc = kpi_doc([listed, block], [exception_table([listed]), outturn_block(INVOICES, "96%", "94.8%")])
    assert kpi_cross_reference.check(doc, no_others) == []


def test_indicators_of_different_directorates_are_not_compared():
    a = kpi(
        "Customer Satisfaction Rating", "York", "6.3", "6.35", table_id="T003", directorate="ICT", sha=SHA
    )
    b = kpi(
        "LEGAL - Customer Satisfaction Rating",
        "York",
        "94%",
        "90%",
        table_id="T010",
        directorate="Legal",
        sha=SHA,
    )
    assert kpi_cross_reference.check(kpi_doc([a, b], []), no_others) == []


def test_quarter_column_and_constant_target_row_must_match_the_outturn_table():
    block = [
        kpi(INVOICES, c, "95%", a, table_id="T010", page=4, sha=SHA)
        for c, a in (("Leeds", "88%"), ("York", "78%"))
    ]
    points = series(
        INVOICES,
        "T011",
        ["Quarter 1", "Quarter 2", "Quarter 3"],
        {"Leeds": ["90%", "78%", "-"], "York": ["70%", "78%", "-"], "Target": ["90%", "90%", "90%"]},
        page=5,
        sha=SHA,
    )
    doc = kpi_doc(block, [outturn_block(INVOICES, "88%", "78%")], points)
    findings = kpi_cross_reference.check(doc, no_others)
    assert sorted(f.found for f in findings) == ["88% vs 78%", "95% vs 90%"]
    target = next(f for f in findings if "target" in f.description)
    assert "Leeds" in target.description and "York" in target.description


def test_an_annual_target_beside_a_year_to_date_target_is_not_a_misprint():
    listed = kpi(INVOICES, "York", "98.70%", "34.69%", table_id="T003", page=2, sha=SHA)
    block = kpi(INVOICES, "York", "30.68%", "34.69%", table_id="T010", page=4, sha=SHA)
    doc = kpi_doc([listed, block], [exception_table([listed]), outturn_block(INVOICES, "35%", "34.69%")])
    assert kpi_cross_reference.check(doc, no_others) == []


def test_a_monthly_target_profile_is_not_one_target():
    block = [kpi(INVOICES, "Leeds", "31.1%", "30.5%", table_id="T010", sha=SHA)]
    points = series(
        INVOICES,
        "T011",
        ["Jul-21", "Aug-21", "Sep-21"],
        {"Leeds": ["12%", "21%", "30.5%"], "Target": ["12.8%", "22.0%", "31.1%"]},
        sha=SHA,
    )
    assert kpi_cross_reference.check(kpi_doc(block, [], points), no_others) == []


def test_a_figure_printed_differently_in_another_document_is_flagged():
    here = kpi(INVOICES, "York", "95%", "94.8%", table_id="T010", sha=SHA)
    other_sha = sha_of("earlier")
    there = kpi(INVOICES, "York", "95%", "96.2%", table_id="T004", page=7, sha=other_sha)
    earlier = document("earlier", ["x"] * 7, kpis=[there], members=COUNCILS)
    (finding,) = kpi_cross_reference.check(kpi_doc([here], []), lambda: [earlier])
    assert any(loc.document_sha256 == earlier.sha256 for loc in finding.locations)


def rag(*records):
    return rag_targets.check(kpi_doc(list(records), [exception_table(records)]), no_others)


def test_green_with_an_actual_short_of_target_by_more_than_five_percent_is_flagged_red():
    record = kpi(
        "Properties recorded on the asset system",
        "York",
        "100%",
        "92%",
        rag="green",
        table_id="T003",
        page=2,
        sha=SHA,
    )
    (finding,) = rag(record)
    assert finding.expected == "red" and finding.found.startswith("green")
    assert finding.locations[0].table == "T003" and finding.locations[0].pdf_page == 2


def test_green_within_five_percent_of_target_is_amber():
    (finding,) = rag(kpi("% of calls answered", "Leeds", "90%", "87%", rag="green", sha=SHA))
    assert finding.expected == "amber"


def test_polarity_decides_whether_a_figure_meets_its_target():
    assert (
        rag(kpi("Average time to process claims", "Leeds", "<20 days", "18 days", rag="green", sha=SHA)) == []
    )
    (finding,) = rag(
        kpi("Average time to process claims", "Leeds", "20 days", "24 days", rag="green", sha=SHA)
    )
    assert finding.expected == "red"
    (finding,) = rag(kpi("Average time to process claims", "Leeds", "20 days", "18 days", rag="red", sha=SHA))
    assert finding.expected == "green"


def test_a_share_of_something_bad_is_better_low():
    litter = "% of streets with unacceptable levels of litter"
    assert rag(kpi(litter, "Leeds", "92%", "89.8%", rag="green", sha=SHA)) == []
    assert rag(kpi(litter, "Leeds", "88.56%", "95.7%", rag="red", sha=SHA)) == []
    (finding,) = rag(kpi(litter, "Leeds", "86%", "90.1%", rag="green", sha=SHA))
    assert finding.expected == "amber"
    assert rag(kpi("Missed collections per 100,000", "York", "30", "76", rag="red", sha=SHA)) == []


def test_a_name_whose_words_pull_both_ways_is_not_judged():
    resolved = "% of complaints resolved within 10 days"
    assert rag(kpi(resolved, "Leeds", "90%", "80%", rag="green", sha=SHA)) == []
    assert rag(kpi(resolved, "Leeds", "20%", "80%", rag="red", sha=SHA)) == []
    # A comparator on the target still says which way is better.
    (finding,) = rag(kpi(resolved, "Leeds", ">90%", "80%", rag="green", sha=SHA))
    assert finding.expected == "red"


def test_amber_against_red_is_the_council_s_tolerance_and_not_judged():
    assert rag(kpi("% of business rates collected", "York", "87.34%", "83.4%", rag="red", sha=SHA)) == []
    assert rag(kpi("% of Council Tax collected", "York", ">92%", "84.8%", rag="amber", sha=SHA)) == []
    (finding,) = rag(kpi("% of Council Tax collected", "York", "95%", "97.5%", rag="amber", sha=SHA))
    assert finding.expected == "green"


def test_annual_and_forecast_targets_against_part_year_figures_are_not_judged():
    assert (
        rag(kpi("Annual rent income forecast v actual", "York", "£6.8M", "£567K", rag="green", sha=SHA)) == []
    )
    assert rag(kpi("% of business rates collected", "York", "98.70%", "34.69%", rag="green", sha=SHA)) == []


def test_an_actual_in_another_unit_than_its_target_is_flagged():
    good = kpi("Average hearings per case", "Leeds", "<5 cases", "6 cases", table_id="T010", sha=SHA)
    bad = kpi("Average hearings per case", "York", "<5 cases", "6.3 weeks", table_id="T010", sha=SHA)
    (finding,) = kpi_units.check(
        kpi_doc([good, bad], [outturn_block("Average hearings", "6 cases", "6.3 weeks")]), no_others
    )
    assert finding.found == "6.3 weeks" and finding.expected == "cases"
    assert kpi_units.check(kpi_doc([good], []), no_others) == []
    assert kpi_units.check(kpi_doc([kpi("Time", "York", "5 days", "2.2")], []), no_others) == []
    assert kpi_units.check(kpi_doc([kpi("Time", "York", "<2 weeks", "10 days")], []), no_others) == []


SUMMARY = [
    ["Green", "20", "30"],
    ["Amber", "5", "6"],
    ["Red", "5", "4"],
    ["Not applicable", "10", "0"],
    ["Total", "40", "40"],
]


def summary_doc(text):
    grid = table("T002", [["", "Leeds", "York"]], SUMMARY, page=1, kind="kpi_summary", sha=SHA)
    return document("kpi", [text], tables=[grid], members=COUNCILS)


def test_a_percentage_that_no_share_of_the_counts_gives_is_flagged():
    (finding,) = percentage_counts.check(
        summary_doc(
            "For Leeds, around 80% of indicators were rated green, excluding non-applicable indicators."
        ),
        no_others,
    )
    assert finding.expected == "67%" and finding.found == "around 80%"
    assert finding.locations[1].row_label == "Green"


def test_a_percentage_of_the_total_or_of_the_applicable_counts_is_consistent():
    assert (
        percentage_counts.check(summary_doc("In Leeds 50% of indicators were rated green."), no_others) == []
    )
    assert (
        percentage_counts.check(summary_doc("In Leeds 67% of applicable indicators were green."), no_others)
        == []
    )
    assert percentage_counts.check(summary_doc("75% were rated green in York."), no_others) == []


def listing_doc(text, rows):
    grid = table(
        "T005",
        [["Service", "Indicator", "Target"]],
        rows,
        page=3,
        kind="kpi_targets",
        title="Operational Indicators",
    )
    return document("plan", [text, "", ""], tables=[grid], members=COUNCILS)


ROWS = [["Finance", f"Indicator {i}", "95%"] for i in range(12)]


def test_a_stated_count_that_disagrees_with_the_listing_table_is_flagged():
    (finding,) = count_statements.check(
        listing_doc("There are 14 operational indicators in the plan.", ROWS), no_others
    )
    assert finding.expected == "12" and finding.found == "14"
    assert [loc.pdf_page for loc in finding.locations] == [1, 3]


def test_a_stated_count_that_matches_the_listing_or_names_no_table_is_not_flagged():
    assert (
        count_statements.check(listing_doc("There are twelve operational indicators.", ROWS), no_others) == []
    )
    assert count_statements.check(listing_doc("There are 14 strategic risks.", ROWS), no_others) == []


def test_a_count_at_another_time_than_the_listing_is_not_judged():
    for text in (
        "Last year there were 14 operational indicators.",
        "There were originally 14 operational indicators, since reduced.",
    ):
        assert count_statements.check(listing_doc(text, ROWS), no_others) == [], text


def test_counts_per_council_are_checked_against_the_council_totals():
    grid = table(
        "T002", [["", "Leeds", "York"]], SUMMARY, page=1, preamble="Performance indicators by rating"
    )
    text = "There are 40 indicators for Leeds and 38 for York."
    (finding,) = count_statements.check(document("kpi", [text], tables=[grid], members=COUNCILS), no_others)
    assert finding.found == "38" and finding.expected == "40"
