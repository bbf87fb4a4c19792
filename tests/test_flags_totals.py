"""total_mismatch rules: totals and balances in tables, breakdowns in text, shares of a whole."""

from __future__ import annotations

from pipeline.flags import itemised_totals, percentage_shares, table_totals
from tests.flagdocs import document, no_others, table


def totals(*tables, text="Budget monitoring"):
    return table_totals.check(document("paper", [text], tables=list(tables)), no_others)


def test_total_row_that_misses_its_rows_is_flagged_with_the_sum():
    grid = table(
        "T004",
        [["Area", "Spend"]],
        [["Libraries", "£212k"], ["Parks", "£95k"], ["Leisure", "£140k"], ["Total", "£437k"]],
        page=3,
    )
    (finding,) = totals(grid)
    assert finding.expected == "£447k" and finding.found == "£437k"
    assert finding.locations[0].pdf_page == 3 and finding.locations[0].row_label == "Total"
    assert finding.locations[0].bbox is not None


def test_total_within_rounding_of_its_rows_is_not_flagged():
    grid = table(
        "T001",
        [["", "Wigan", "Bolton", "Total"]],
        [["Capital", "£1m", "£1m", "£2m"], ["Revenue", "£0.8m", "£581k", "£1.381m"]],
    )
    assert totals(grid) == []


def test_grand_total_row_may_sum_subtotals():
    grid = table(
        "T002",
        [["Line", "£000"]],
        [
            ["Salaries", "1,200"],
            ["Agency", "300"],
            ["Sub-total staffing", "1,500"],
            ["Supplies", "250"],
            ["Transport", "50"],
            ["Sub-total non-staffing", "300"],
            ["Grand total", "1,800"],
        ],
    )
    assert totals(grid) == []


def test_misprinted_cell_shared_by_a_row_and_a_column_total_is_reported_once():
    grid = table(
        "T003",
        [["", "Croydon (£'m)", "Sutton (£'m)", "Total (£'m)"]],
        [
            ["Shared", "0.210", "0.150", "0.330"],
            ["Non-Shared", "0.100", "0.050", "0.150"],
            ["Total", "0.280", "0.200", "0.480"],
        ],
    )
    (finding,) = totals(grid)
    assert finding.found == "0.210" and finding.expected == "0.180"
    assert sorted(loc.row_label for loc in finding.locations) == ["Shared", "Shared", "Total"]


def test_closing_balance_must_follow_from_opening_balance_and_movements():
    header = [["", "North £", "South £", "Total £"]]
    rows = [
        ["Opening balance 1 April", "(50,000)", "(20,000)", "(70,000)"],
        ["Drawdown", "10,000", "5,000", "15,000"],
        ["Contribution", "(2,000)", "", "(2,000)"],
        ["Closing balance 31 March", "(42,000)", "(15,000)", "(57,000)"],
    ]
    assert totals(table("T001", header, rows)) == []
    rows[-1] = ["Closing balance 31 March", "(42,000)", "(25,000)", "(67,000)"]
    (finding,) = totals(table("T001", header, rows))
    assert finding.found == "(25,000)" and "balance" in finding.description


def test_balances_may_count_movements_as_reductions():
    rows = [
        ["Balance brought forward", "900"],
        ["Used in year", "250"],
        ["Balance carried forward", "650"],
    ]
    assert totals(table("T001", [["Reserve", "£k"]], rows)) == []


def test_total_column_over_columns_that_are_not_its_parts_is_not_judged():
    grid = table(
        "T001",
        [["Service", "Budget £k", "Spend to date £k", "Total forecast £k"]],
        [["Legal", "900", "410", "880"], ["Audit", "300", "120", "310"], ["Payroll", "450", "200", "455"]],
    )
    assert totals(grid) == []


def test_a_net_total_may_take_off_rows_labelled_as_income():
    rows = [
        ["Employees", "2,400"],
        ["Supplies", "600"],
        ["Less: fees and charges income", "(900)"],
        ["Net total", "2,100"],
    ]
    assert totals(table("T001", [["", "£000"]], rows)) == []
    rows[2] = ["Fees and charges income", "900"]
    assert totals(table("T001", [["", "£000"]], rows)) == []
    rows[3] = ["Net total", "2,200"]
    (finding,) = totals(table("T001", [["", "£000"]], rows))
    assert finding.found == "2,200"


def test_count_table_total_row_is_checked():
    rows = [["Green", "12", "9"], ["Amber", "4", "3"], ["Red", "2", "5"], ["Total", "18", "18"]]
    (finding,) = totals(table("T009", [["", "Leeds", "York"]], rows))
    assert finding.expected == "17" and finding.found == "18"


def test_columns_of_averages_are_not_summed():
    rows = [["Legal", "40", "41,200"], ["Audit", "10", "38,900"], ["Total", "50", "40,740"]]
    assert totals(table("T001", [["Service", "Staff", "Average salary £"]], rows)) == []


def test_rows_of_averages_are_not_summed_across_a_total_column():
    rows = [["Median days to decide", "12", "14", "13"], ["Cases", "40", "60", "100"]]
    assert totals(table("T001", [["", "Leeds", "York", "Total"]], rows)) == []
    (finding,) = totals(table("T001", [["", "Leeds", "York", "Total"]], [*rows, ["Appeals", "4", "6", "12"]]))
    assert finding.found == "12" and finding.expected == "10"


def test_rows_breaking_down_the_row_above_are_not_added_again():
    rows = [
        ["Complaints received", "120", "130"],
        ["of which upheld", "40", "45"],
        ["Compliments", "30", "20"],
        ["Total contacts", "150", "150"],
    ]
    assert totals(table("T001", [["", "2021/22", "2022/23"]], rows)) == []
    rows[-1] = ["Total contacts", "150", "160"]
    (finding,) = totals(table("T001", [["", "2021/22", "2022/23"]], rows))
    assert finding.found == "160" and finding.expected == "150"


def test_percentage_columns_are_not_summed():
    rows = [["Satisfied", "80%"], ["Not satisfied", "15%"], ["Total", "100%"]]
    assert totals(table("T001", [["", "Share"]], rows)) == []


def itemised(text: str):
    return itemised_totals.check(document("paper", [text]), no_others)


def test_bulleted_breakdown_that_misses_its_stated_amount_is_flagged():
    text = "\n".join(
        [
            "The highways service reported an adverse variance of £2.310m; the main causes were:",
            "• £1.500m – winter maintenance",
            "• £0.600m – street lighting energy",
            "• £0.150m – bridge inspections",
            "A recovery plan is in place.",
        ]
    )
    (finding,) = itemised(text)
    assert finding.found == "£2.310m" and finding.expected == "£2.250m"
    assert finding.locations[0].pdf_page == 1 and "£2.310m" in finding.locations[0].text


def test_bulleted_breakdown_that_adds_up_is_not_flagged():
    text = "Pressures of £1.2m arose as follows:\n• £0.7m – placements\n• £0.5m – transport\nEnd."
    assert itemised(text) == []


def test_amounts_totalling_a_stated_sum_are_checked():
    assert itemised("Vacancies of £0.120m and overtime savings of £0.026m totalling £0.146m.") == []
    (finding,) = itemised("Vacancies of £0.120m and overtime savings of £0.036m totalling £0.146m.")
    assert finding.expected == "£0.156m"


def test_a_total_that_comprises_its_parts_is_checked():
    assert (
        itemised("The pressure of £0.900m comprises £0.500m rates, £0.250m energy and £0.150m security.")
        == []
    )
    (finding,) = itemised(
        "The pressure of £0.900m comprises £0.500m rates, £0.250m energy and £0.180m security."
    )
    assert finding.expected == "£0.930m"


def test_counts_comprising_parts_are_checked():
    assert itemised("There are 96 indicators, comprising 40 for Leeds, 50 for York and 6 for Selby.") == []
    (finding,) = itemised("There are 96 indicators, comprising 40 for Leeds, 48 for York and 6 for Selby.")
    assert finding.found == "96" and finding.expected == "94"


def test_split_as_follows_takes_its_total_from_the_sentence_before():
    text = (
        "The shared underspend is (£1.500m). This is split between the partners as follows; "
        "(£0.700m) to Sefton, (£0.500m) to Wirral and (£0.200m) to Halton."
    )
    (finding,) = itemised(text)
    assert finding.found == "(£1.500m)" and finding.expected == "(£1.400m)"


def test_parts_printed_with_and_without_a_multiplier_are_not_judged():
    text = "The overspend is £0.432m. It is split as follows; £0.223 Leeds, £0.138m York and £0.071m Hull."
    assert itemised(text) == []


def test_approximate_parts_are_not_judged():
    assert itemised("Grants of approximately £0.5m and fees of £0.2m totalling £0.9m.") == []


def shares(text: str):
    return percentage_shares.check(document("paper", [text]), no_others)


def test_shares_of_a_whole_must_add_up_to_one_hundred():
    (finding,) = shares("The cost is split 33.40% by Kent, 41.25% by Medway and 25.60% by Swale.")
    assert finding.found == "100.25%" and finding.expected == "100%"
    lead = "The budget is funded as follows:\n• 33.40% by Kent - 41.25% by Medway - 25.60% by Swale"
    assert len(shares(lead)) == 1


def test_shares_within_rounding_of_one_hundred_are_not_flagged():
    assert shares("Funded 33.3% by Kent, 33.3% by Medway and 33.3% by Swale.") == []  # 99.9%: rounding
    assert shares("Funded 12.53% by Kent, 39.15% by Medway and 48.32% by Swale.") == []


def test_percentages_of_different_things_are_not_read_as_shares():
    assert shares("Satisfaction was 83% in Kent, 73% in Medway and 75% in Swale.") == []
    assert shares("Satisfaction rose from 30% to 35%; 36% of staff replied.") == []
    assert shares("Response rates were 33%, 30% and 35% in Kent, Medway and Swale respectively.") == []


def _savings(tid: str, page: int, rows: list[list[str]]):
    return table(tid, [["Category", "Item", "2025-26 £000's"]], rows, page=page)


def test_a_total_whose_rows_began_on_the_page_before_under_the_same_headings_is_not_judged():
    before = _savings(
        "T001", 4, [["Pay", "Staffing", "120.0"], ["Total pay", "", "120.0"], ["Prices", "Fuel", "80.0"]]
    )
    after = _savings("T002", 5, [["Prices", "Contracts", "20.0"], ["Total prices", "", "100.0"]])
    assert totals(before, after) == []


def test_a_table_on_the_next_page_after_a_closing_total_is_judged_on_its_own_rows():
    before = _savings("T001", 4, [["Pay", "Staffing", "120.0"], ["Total pay", "", "120.0"]])
    after = _savings(
        "T002", 5, [["Prices", "Fuel", "80.0"], ["Prices", "Contracts", "20.0"], ["Total prices", "", "90.0"]]
    )
    (finding,) = totals(before, after)
    assert finding.expected == "100.0" and finding.found == "90.0"


def test_a_grand_total_over_subtotals_printed_on_earlier_pages_is_not_judged():
    projects = ["Bus lanes", "Station", "Junction", "Total individual projects", "Total - transport"]
    costs = ["9,526", "15,953", "6,622", "32,101", "45,000"]
    # Rows numbered from 48: the rolling programmes and their subtotal are on the pages before.
    rows = [[str(n), p, c] for n, p, c in zip(range(48, 53), projects, costs, strict=True)]
    assert totals(table("T008", [["Row Ref", "Project", "Cost £000s"]], rows)) == []


def test_punctuation_in_a_long_total_label_is_no_word():
    labels = ["Demand", "Demand", "TOTAL DEMAND & COST DRIVER - DEMAND", "Household support", "Misuse"]
    figures = ["100.0", "50.0", "150.0", "30.0", "10.0"]
    rows = [*map(list, zip(labels, figures, strict=True)), ["TOTAL GOVERNMENT & LEGISLATIVE", "40.0"]]
    assert totals(table("T001", [["Category", "£000s"]], rows)) == []
