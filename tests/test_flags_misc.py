"""Rules on single statements and tables: restated facts, unit slips, signs, duplicates, references."""

from __future__ import annotations

from pipeline.flags import duplicate_rows, money_scale, references, repeated_counts, run_rules, sign_notation
from tests.flagdocs import document, no_others, report, sha_of, table


def test_a_fact_restated_elsewhere_with_another_count_is_flagged():
    doc = document(
        "annual",
        [
            "The partnership was formed in 2015, bringing together 14 services and 620 staff from two "
            "councils.",
            "Highlights of the year.",
            "• Formed from 14 service areas and 680 staff, with a third council joining in 2018.",
        ],
    )
    (finding,) = repeated_counts.check(doc, no_others)
    assert finding.found == "620 vs 680"
    assert [loc.pdf_page for loc in finding.locations] == [1, 3]


def test_restatements_that_agree_or_share_no_count_are_not_flagged():
    doc = document(
        "annual",
        [
            "The partnership brought together 14 services and 620 staff.",
            "It now has 9 services and 480 staff after the restructure.",
            "Formed from 14 services and 620 staff.",
        ],
    )
    assert repeated_counts.check(doc, no_others) == []


def test_approximate_counts_and_numbered_headings_are_not_counts():
    doc = document(
        "annual",
        [
            "It employs 14 services and 620 staff.",
            "It employs 14 services and around 700 staff.",
            "6 FINANCE 7 AUDIT",
        ],
    )
    assert repeated_counts.check(doc, no_others) == []


def test_an_amount_a_thousand_times_its_neighbours_is_a_unit_slip():
    text = (
        "Adult services forecast an overspend of £0.210m. This is due to care packages £0.150m and "
        "transport £95m, offset by vacancies of (£0.035m)."
    )
    (finding,) = money_scale.check(document("report", [text]), no_others)
    assert finding.found == "£95m" and finding.expected == "£0.095m"
    assert finding.locations[0].text == "and transport £95m, offset"


def test_amounts_of_different_sizes_that_are_not_slips_are_not_flagged():
    text = "The capital programme is £45m, of which £12m is borrowing and £0.5m grant. Reserves hold £2.3m."
    assert money_scale.check(document("report", [text]), no_others) == []
    assert (
        money_scale.check(
            document("report", ["Councils save almost £1b a year, and we saved £0.2m and £0.3m."]), no_others
        )
        == []
    )


def test_a_whole_many_times_its_parts_is_not_a_unit_slip():
    for text in (
        "The council's net budget of £250m includes savings of £0.5m and £0.8m.",
        "The public health grant for 2022/23 is £42m; the service saved £0.2m and £0.3m.",
    ):
        assert money_scale.check(document("report", [text]), no_others) == [], text


def test_an_overspend_in_parentheses_where_parentheses_mean_underspend_is_flagged():
    text = (
        "Variances were an underspend of (£0.3m) for Sefton, an overspend of (£1.2m) for Wirral "
        "and (£0.1m) underspend."
    )
    (finding,) = sign_notation.check(document("report", [text]), no_others)
    assert finding.found == "(£1.2m)" and finding.expected == "£1.2m"
    assert finding.locations[0].text == "an overspend of (£1.2m)"


def test_parentheses_are_not_judged_where_the_document_does_not_use_them_for_underspends():
    assert sign_notation.check(document("report", ["An overspend of (£1.2m) is forecast."]), no_others) == []
    text = (
        "An underspend of (£0.3m) and an overspend of £1.2m; the overspend in Wirral was offset by (£0.1m)."
    )
    assert sign_notation.check(document("report", [text]), no_others) == []


def test_a_row_listed_twice_is_flagged_once():
    rows = [
        ["Housing", "Possession claims upheld", ">90%"],
        ["Housing", "Rent arrears recovered", "80%"],
        ["Housing", "Possession claims upheld", ">90%"],
    ]
    grid = table("T002", [["Service", "Indicator", "Target"]], rows, row_pages=[5, 5, 6, 6])
    (finding,) = duplicate_rows.check(document("plan", ["x"] * 6, tables=[grid]), no_others)
    assert finding.locations[0].row_label == "Possession claims upheld"
    assert [loc.pdf_page for loc in finding.locations] == [6, 5]


def test_the_same_row_under_two_group_headings_is_not_a_duplicate():
    rows = [
        ["1. Finance", "", ""],
        ["N/A", "0", "0%"],
        ["2. Legal", "", ""],
        ["N/A", "0", "0%"],
    ]
    grid = table("T002", [["Status", "Actions", "Share"]], rows)
    assert duplicate_rows.check(document("plan", ["x"], tables=[grid]), no_others) == []


def test_rows_of_figures_alone_are_not_duplicates():
    rows = [["Agency staff", "120", "95"], ["", "-", "-"], ["Vehicle hire", "40", "40"], ["", "-", "-"]]
    grid = table("T004", [["Pressure", "Budget £000", "Forecast £000"]], rows)
    assert duplicate_rows.check(document("plan", ["x"], tables=[grid]), no_others) == []


def test_a_reference_to_a_recommendation_the_report_does_not_make_is_flagged():
    sha = sha_of("ict")
    doc = document(
        "ict",
        ["RECOMMENDATIONS", "Financial implications: approval of the strategy (recommendation 3) has costs."],
        sections=[("report", 1, 2)],
        reports=[report(sha, "ICT Strategy", 1, ["Note the update", "Agree the roadmap"])],
    )
    (finding,) = references.check(doc, no_others)
    assert finding.found == "recommendation 3" and finding.expected == "2 recommendations"
    assert finding.locations[0].pdf_page == 2


def test_references_to_recommendations_the_report_makes_are_not_flagged():
    sha = sha_of("ict")
    doc = document(
        "ict",
        ["See recommendations 1 and 2."],
        sections=[("report", 1, 1)],
        reports=[report(sha, "ICT Strategy", 1, ["Note the update", "Agree the roadmap"])],
    )
    assert references.check(doc, no_others) == []


def test_stored_flags_carry_their_rule_provenance_and_document():
    rows = [["Housing", "Possession claims upheld", ">90%"], ["Housing", "Possession claims upheld", ">90%"]]
    grid = table("T002", [["Service", "Indicator", "Target"]], rows, row_pages=[2, 2, 3])
    doc = document("plan", ["x", "y", "z"], tables=[grid])
    doc.pages[2].printed_page = 7
    (flag,) = run_rules(doc, no_others)
    assert (flag.kind, flag.rule, flag.rule_version) == (
        "duplicate_row",
        "duplicate_rows",
        duplicate_rows.RULE.version,
    )
    assert flag.prov.sha256 == doc.sha256 and flag.prov.pdf_page == 3 and flag.prov.printed_page == 7
    assert flag.prov.bbox == flag.locations[0].bbox and flag.prov.extractor == "duplicate_rows"
    assert {loc.document_sha256 for loc in flag.locations} == {doc.sha256}
