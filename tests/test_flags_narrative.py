"""narrative_vs_table rules: amounts tied to table cells, lists of results, claims about targets."""

from __future__ import annotations

from datetime import date

from pipeline.flags import listed_values, narrative_figures, target_claims
from pipeline.flags.matrix import LabelIndex, matrices_of
from pipeline.flags.text import doc_councils
from tests.flagdocs import document, kpi, minutes, no_others, report, series, sha_of, table

MEMBERS = [("A. Khan", "Wigan"), ("B. Lee", "Bolton"), ("C. Ward", "Salford")]
HEADER = [["", "Wigan (£'m)", "Bolton (£'m)", "Salford (£'m)", "Total (£'m)"]]
ROWS = [
    ["Shared", "0.240", "0.310", "0.050", "0.600"],
    ["Non-Shared", "(0.120)", "0.400", "(0.080)", "0.200"],
    ["Total", "0.120", "0.710", "(0.030)", "0.800"],
]


def finance_paper(text: str, name: str = "finance"):
    sha = sha_of(name)
    grid = table("T001", HEADER, ROWS, page=3, sha=sha)
    return document(
        name, [text, "Detail", "Summary table"], tables=[grid], members=MEMBERS, sections=[("report", 1, 3)]
    )


def narrative(text: str):
    return narrative_figures.check(finance_paper(text), no_others)


def test_amount_tied_to_a_council_and_category_that_misquotes_the_table_is_flagged():
    (finding,) = narrative("The non-shared budgets forecast an overspend of £0.450m for Bolton.")
    assert finding.found == "£0.450m" and finding.expected == "£0.400m"
    assert [loc.pdf_page for loc in finding.locations] == [1, 3]
    assert finding.locations[1].row_label == "Non-Shared" and finding.locations[1].bbox is not None
    assert finding.kind is None  # the rule's own kind: narrative_vs_table


def test_each_misquoted_council_is_its_own_flag():
    text = (
        "Variances: Wigan non-shared (£0.125m), Bolton non-shared £0.400m and Salford non-shared (£0.090m)."
    )
    findings = narrative(text)
    assert sorted(f.found for f in findings) == ["(£0.090m)", "(£0.125m)"]


def test_amounts_listed_respectively_follow_the_councils_in_order():
    text = "The shared position for Salford, Wigan and Bolton is £0.050m, £0.240m and £0.310m respectively."
    assert narrative(text) == []
    (finding,) = narrative(
        "The shared position for Salford, Wigan and Bolton is £0.050m, £0.240m and £0.300m respectively."
    )
    assert finding.expected == "£0.310m"


def test_rounded_amounts_that_round_the_table_are_consistent():
    text = (
        "The non-shared position was an underspend of (£0.1m) for Wigan and an overspend of £0.4m for Bolton."
    )
    assert narrative(text) == []


def test_an_overall_amount_is_compared_with_the_total_column():
    (finding,) = narrative("The overall shared position is an overspend of £0.650m.")
    assert finding.expected == "£0.600m"


def test_amounts_of_a_service_within_a_council_are_not_tied_to_the_council():
    text = "The overspend in Bolton non-shared was offset by an underspend within Exchequer of (£0.092m)."
    assert narrative(text) == []


def test_sentences_naming_two_categories_are_not_judged():
    assert narrative("Shared and non-shared costs for Bolton were £0.999m.") == []


def test_minutes_figures_are_checked_against_the_report_of_their_meeting_in_another_document():
    day = date(2021, 3, 4)
    minutes_doc = document(
        "minutes",
        ["The shared overspend was £0.600m, split Wigan £0.240m, Bolton £0.320m and Salford £0.050m."],
        members=MEMBERS,
        sections=[("minutes", 1, 1)],
    )
    minutes_doc.minutes.append(minutes(minutes_doc.sha256, 1, day))
    pack = finance_paper("Report text", "pack")
    pack.reports.append(report(pack.sha256, "Outturn", 1, ["Note the outturn"], meeting_date=day))
    (finding,) = narrative_figures.check(minutes_doc, lambda: [pack])
    assert finding.kind == "cross_reference_mismatch"
    assert finding.expected == "£0.310m"
    assert finding.locations[-1].document_sha256 == pack.sha256


def test_minutes_of_another_meeting_are_not_compared():
    minutes_doc = document(
        "minutes",
        ["The shared overspend for Bolton was £0.320m."],
        members=MEMBERS,
        sections=[("minutes", 1, 1)],
    )
    minutes_doc.minutes.append(minutes(minutes_doc.sha256, 1, date(2021, 1, 1)))
    pack = finance_paper("Report text", "pack")
    pack.reports.append(report(pack.sha256, "Outturn", 1, ["Note"], meeting_date=date(2021, 3, 4)))
    assert narrative_figures.check(minutes_doc, lambda: [pack]) == []


SURVEY_HEADER = [
    ["", "Legal", "Payroll", "Internal Audit", "Facilities Mgmt.", "H&S", "Pensions", "ICT", "Total"]
]
SURVEY_ROWS = [
    ["% satisfied overall", "91%", "70%", "88%", "84%", "95%", "76%", "79%", "83%"],
    ["% satisfied with speed", "85%", "66%", "80%", "78%", "90%", "70%", "75%", "78%"],
]


def survey_paper(*pages: str):
    sha = sha_of("survey")
    grid = table("T007", SURVEY_HEADER, SURVEY_ROWS, page=len(pages) + 1, sha=sha)
    return document("survey", [*pages, "Results"], tables=[grid])


def test_a_listed_figure_that_misquotes_its_table_line_is_flagged():
    text = (
        "The best services were Legal (91%), Health and Safety (95%), Internal Audit (88%) and "
        "Facilities Management (85%)."
    )
    (finding,) = listed_values.check(survey_paper(text), no_others)
    assert finding.found == "85%" and finding.expected == "84%"
    assert finding.locations[0].text == "Facilities Management (85%)"
    assert finding.locations[1].pdf_page == 2


def test_a_top_n_list_that_leaves_out_a_higher_figure_is_flagged():
    text = "\n".join(
        [
            "The top four performing services were:",
            "• H&S (95%)",
            "• Legal (91%)",
            "• Facilities Management (84%)",
            "• ICT (79%)",
        ]
    )
    (finding,) = listed_values.check(survey_paper(text), no_others)
    assert "Internal Audit (88%)" in finding.expected
    assert finding.found == "ICT (79%)"


def test_a_top_n_list_that_is_the_top_n_is_not_flagged():
    text = "The three best performing services were H&S (95%), Legal (91%) and Internal Audit (88%)."
    assert listed_values.check(survey_paper(text), no_others) == []


def test_a_list_about_something_else_is_not_compared():
    text = "In Wigan, the top services were Legal (100%), Payroll (92%), Internal Audit (75%) and ICT (60%)."
    assert listed_values.check(survey_paper(text), no_others) == []


def test_a_left_out_figure_the_page_discusses_apart_is_not_counted():
    text = (
        "The three best performing services were H&S (95%), Legal (91%) and Facilities Management (84%). "
        "Internal Audit (88%) is reported separately."
    )
    assert listed_values.check(survey_paper(text), no_others) == []


def kpi_paper(comment: str, outturn=("96.1%", "94.2%"), months=None):
    sha = sha_of("kpi")
    name = "% of invoices paid within 30 days"
    block = table(
        "T010",
        [["", "Leeds 2021/22 Q2", "York 2021/22 Q2"]],
        [["Outturn", *outturn], ["Target", "95%", "95%"]],
        page=1,
        kind="kpi_block",
        sha=sha,
    )
    records = [
        kpi(name, c, "95%", a, table_id="T010", sha=sha)
        for c, a in zip(("Leeds", "York"), outturn, strict=True)
    ]
    points = series(
        name,
        "T011",
        ["Jul-21", "Aug-21", "Sep-21"],
        months
        or {"Leeds": ["96%", "97%", "95%"], "York": ["93%", "94%", "96%"], "Target": ["95%", "95%", "95%"]},
        sha=sha,
    )
    text = "\n".join(
        [
            name,
            "Invoices paid within 30 days of receipt.",
            comment,
            "Staff turnover rate",
            "Comment: Turnover is above target in York.",
        ]
    )
    return document(
        "kpi",
        [text],
        tables=[block],
        kpis=records,
        kpi_series=points,
        members=[("D. Hart", "Leeds"), ("E. Moss", "York")],
    )


def claims(doc):
    return target_claims.check(doc, no_others)


def test_a_claim_that_a_council_met_its_target_against_a_miss_is_flagged():
    (finding,) = claims(kpi_paper("Comment: Performance was above target in Leeds and York."))
    assert "York 94.2% against 95%" in finding.expected
    assert [loc.pdf_page for loc in finding.locations] == [1, 1]
    assert finding.locations[1].table == "T010"


def test_a_claim_of_a_miss_carries_its_council_from_the_sentence_before():
    doc = kpi_paper(
        "Comment: In York, collection is ahead of last year. It is above target, although "
        "below target in August."
    )
    (finding,) = claims(doc)
    assert "York" in finding.expected


def test_a_claim_about_named_months_is_checked_month_by_month():
    (finding,) = claims(kpi_paper("Comment: The target was achieved in July and August."))
    assert "York Jul-21 93%" in finding.expected and "York Aug-21 94%" in finding.expected
    assert "Leeds" not in finding.expected


def test_true_claims_are_not_flagged():
    doc = kpi_paper(
        "Comment: Performance was above target in Leeds. In York, performance was below target. "
        "Target was met in September."
    )
    assert claims(doc) == []


def test_hedged_or_unresolvable_claims_are_not_judged():
    doc = kpi_paper(
        "Comment: York is broadly on target. Performance was on target for the first two months in York."
    )
    assert claims(doc) == []


def test_the_label_index_finds_the_tables_whose_row_labels_a_sentence_prints():
    other = table("T002", HEADER, [["Agency staff", "0.100", "0.200", "0.300", "0.600"]], page=3)
    doc = finance_paper("Summary")
    doc = doc.model_copy(update={"tables": [*doc.tables, other]})
    matrices = matrices_of(doc, doc_councils(doc))
    index = LabelIndex(matrices)
    # Spaces and hyphens alike, any case; a label inside a longer word is not printed.
    assert [m.grid.table.id for m in index.naming("The non shared costs for Wigan")] == ["T001"]
    assert [m.grid.table.id for m in index.naming("AGENCY STAFF costs rose")] == ["T002"]
    assert index.naming("Unshared and subagency costs") == []
