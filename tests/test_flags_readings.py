"""Flags an auditor can trust: a rule flags only what holds under every reading the paper allows.

Each case is a shape met in real budget, capital and performance papers: row numbering
beside the figures, an opening row printed under the headings, running totals and
subtotals under headings, statements that explain their own figure, rates beside
counts, ordinals printed apart from their number, and stated changes.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from pipeline.flags import (
    duplicate_rows,
    itemised_totals,
    kpi_cross_reference,
    narrative_figures,
    repeated_counts,
    restated_amounts,
    stated_differences,
    table_totals,
)
from pipeline.flags.tablegrid import FigureGrid
from pipeline.flags.text import normalise_ordinals
from tests.flagdocs import document, kpi, no_others, sha_of, table


def totals(*tables, text="Budget monitoring"):
    return table_totals.check(document("paper", [text], tables=list(tables)), no_others)


def flagged_once(check, sound, misprinted):
    """The one finding on the misprinted version of an input whose sound version raises nothing."""
    assert check(sound) == []
    (finding,) = check(misprinted)
    return finding


def flags_on(rule, *pages: str):
    """The rule's findings on a paper of these pages of text, alone in the database."""
    return rule.check(document("paper", list(pages)), no_others)


# ------------------------------------------------------------------ tables


def test_a_row_numbering_column_is_never_summed():
    header = [["Row Ref", "Category", "2025-26 £000s"]]
    rows = [["7", "Pay", "120.0"], ["8", "Prices", "80.0"], ["9", "TOTAL", "200.0"]]
    assert totals(table("T001", header, rows)) == []
    unlabelled = [["", "Category", "2025-26 £000s"]]
    assert (
        totals(
            table(
                "T001", unlabelled, [["1", "Pay", "120.0"], ["2", "Prices", "80.0"], ["3", "TOTAL", "200.0"]]
            )
        )
        == []
    )
    assert FigureGrid(table("T001", unlabelled, rows)).identifiers == {0}


def test_a_total_counts_the_rows_printed_under_the_headings():
    header = [["", "£000s"], ["Opening balance", "1,000.0"]]
    rows = [["Additions", "250.0"], ["Disposals", "-50.0"], ["Total", "1,200.0"]]
    assert totals(table("T001", header, rows)) == []
    rows[-1] = ["Total", "1,300.0"]
    (finding,) = totals(table("T001", header, rows))
    assert finding.expected == "1,200.0"


def test_words_heading_the_figure_columns_are_column_labels_not_rows():
    rows = [
        ["Band", "2024-25 £p", "2025-26 £p", "Increase £p"],
        ["A", "1,000.00", "1,050.00", "50.00"],
        ["B", "1,100.00", "1,155.00", "55.00"],
    ]
    grid = FigureGrid(table("T001", [], rows))
    assert grid.columns[3] == "Increase £p" and grid.row_labels == ["A", "B"]


def test_a_running_total_adds_the_previous_total_and_the_rows_since():
    rows = [
        ["Spending", "900.0"],
        ["Reserves", "100.0"],
        ["Budget requirement total", "1,000.0"],
        ["Funding", "-1,000.0"],
        ["Total budget", "0.0"],
    ]
    assert totals(table("T001", [["", "£000s"]], rows)) == []


def test_a_grand_total_may_add_the_subtotals_under_its_own_heading():
    rows = [
        ["Borrowing", "", ""],
        ["Loans", "432.40", "4.33"],
        ["Bonds", "90.00", "4.15"],
        ["Total borrowing", "522.40", "4.29"],
        ["Investments", "", ""],
        ["Call accounts", "6.00", "4.20"],
        ["Money market funds", "116.05", "4.03"],
        ["Total internal investments", "122.05", "4.04"],
        ["Pooled funds", "", ""],
        ["Property", "54.56", "5.35"],
        ["Equity", "30.17", "4.60"],
        ["Total pooled funds", "84.73", "5.08"],
        ["Total investments", "206.78", "4.48"],
    ]
    grid = table("T001", [["", "Portfolio £m", "Average rate %"]], rows)
    assert totals(grid) == []
    rows[-1] = ["Total investments", "216.78", "4.48"]
    (finding,) = totals(table("T001", [["", "Portfolio £m", "Average rate %"]], rows))
    assert finding.found == "216.78"


def test_a_total_may_add_only_the_rows_its_label_names():
    rows = [
        ["Call account", "Bank A", "1,000,000"],
        ["Total call accounts", "", "1,000,000"],
        ["Empty homes loans", "", "16,754,903"],
        ["Money market funds", "Fund A", "19,998,420"],
        ["Money market funds", "Fund B", "14,997,400"],
        ["Total money market funds", "", "34,995,820"],
    ]
    assert totals(table("T001", [["Type", "Counterparty", "Principal £"]], rows)) == []


def test_a_name_with_total_inside_it_is_no_total():
    rows = [
        ["Property Fund", "60.0"],
        ["Global Total Return Fund", "5.0"],
        ["Income Fund", "25.0"],
        ["Total external investments", "90.0"],
    ]
    assert totals(table("T001", [["Fund", "Book cost £m"]], rows)) == []


def test_a_table_numbered_from_past_one_prints_its_first_rows_elsewhere():
    header = [["Ref", "Project", "2029-30 £000s"]]
    rows = [["48", "Buses", "0"], ["49", "Roads", "1,150"], ["50", "Total projects", "5,573"]]
    assert totals(table("T012", header, rows, page=12)) == []
    rows = [["1", "Buses", "0"], ["2", "Roads", "1,150"], ["3", "Total projects", "5,573"]]
    (finding,) = totals(table("T012", header, rows, page=12))
    assert finding.found == "5,573"


def test_a_row_with_figures_run_together_in_one_cell_is_not_judged():
    rows = [
        ["Pay", "505.1", "1,200.0"],
        ["Prices", "16,393.1 -10,327.3", ""],
        ["Total spending", "-9,380.7", "1,200.0"],
    ]
    assert totals(table("T001", [["", "External £000s", "Core £000s"]], rows)) == []


def test_whole_thousands_under_a_money_heading_are_judged_with_their_rounding():
    rows = [[f"Service {i}", f"{100 + i:,}"] for i in range(14)]
    rows.append(["Total", f"{sum(100 + i for i in range(14)) + 2:,}"])
    grid = table("T001", [["Service", "Budget"]], rows, headings=["Revenue budget (£000)", "By service"])
    assert totals(grid) == []


def test_a_memorandum_block_selects_rather_than_adds():
    rows = [
        ["Savings", "-60.0"],
        ["Income", "-20.0"],
        ["Total savings", "-80.0"],
        ["Memorandum:", ""],
        ["Removal of undelivered savings", "35.0"],
        ["New savings", "-72.0"],
        ["Prior year savings", "-19.0"],
        ["Total savings for delivery", "-91.0"],
    ]
    assert totals(table("T001", [["", "£000s"]], rows)) == []


def test_counts_that_miss_their_total_are_flagged():
    rows = [["North", "433"], ["South", "672"], ["Either", "99"], ["Total", "1,016"]]
    (finding,) = totals(table("T005", [["Centre", "Responses"]], rows, page=11))
    assert (finding.expected, finding.found) == ("1,204", "1,016")


def test_a_line_restated_below_a_total_is_no_duplicate():
    rows = [
        ["Contributions to reserves", "42.9", "14.2"],
        ["Drawdowns from reserves", "-10.6", "-25.6"],
        ["Total reserves", "32.3", "-11.4"],
        ["Net budget", "1,530.9", "0.0"],
        ["Drawdowns from reserves", "-10.6", "-25.6"],
    ]
    grid = table("T002", [["", "Core", "External"]], rows)
    assert duplicate_rows.check(document("plan", ["x"], tables=[grid]), no_others) == []


def test_two_short_cells_of_heading_words_twice_are_no_duplicate():
    rows = [
        ["GENDER Number of", "% of"],
        ["consultees answering", "consultees answering"],
        ["Male", "13%"],
        ["AGE Number of", "% of"],
        ["consultees answering", "consultees answering"],
        ["0-15", "2%"],
    ]
    grid = table("T004", [["", ""]], rows)
    assert duplicate_rows.check(document("eqia", ["x"], tables=[grid]), no_others) == []


# ------------------------------------------------------------------ text against tables


def test_a_figure_outside_the_aside_that_names_a_row_is_not_that_rows_figure():
    grid = table(
        "T011",
        [["Change in net spending", "Core Funded", "External Funded"]],
        [["Base adjustment", "-£0.8m", "+£0.8m"], ["Estimated additional spending", "+£151.2m", "+£49.0m"]],
        page=2,
    )
    text = (
        "The final draft budget includes £150.3m of core funded spending growth (including -£0.8m "
        "internal base adjustment between core and externally funded spend)."
    )
    doc = document("budget", [text, "Table 7.3"], tables=[grid])
    assert narrative_figures.check(doc, no_others) == []


# ------------------------------------------------------------------ text breakdowns


def itemised(text: str):
    return flags_on(itemised_totals, text)


def test_a_figure_explained_by_signed_parts_is_checked_as_that_explanation():
    text = "The forecast underspend of £111.6m is made up of +£12.9m real variance and -£124.5m re-phasing."
    finding = flagged_once(itemised, text, text.replace("-£124.5m", "-£134.5m"))
    assert finding.found == "£111.6m"


def test_an_amount_included_in_a_part_is_not_counted_again():
    text = (
        "Usable reserves were £357.6m, comprising £43.0m general reserve, £297.6m earmarked reserves "
        "(including £36.2m from contributions), and £17.0m public health reserve."
    )
    assert itemised(text) == []


def test_a_part_offset_by_a_deduction_is_taken_off():
    text = (
        "Savings of £61.5m net (comprising £96.1m of new savings partly offset by £34.6m removal of "
        "one-off savings) are set out in appendix F."
    )
    finding = flagged_once(itemised, text, text.replace("£34.6m", "£24.6m"))
    assert finding.found == "£61.5m" and finding.expected == "£71.5m"


def test_a_breakdown_may_restate_the_amount_of_the_sentence_before():
    text = (
        "The budget requires net £61.5m of savings. This comprises £72.6m of savings, £23.5m of income "
        "partially offset by £34.6m removal of one-offs."
    )
    assert itemised(text) == []


def test_a_count_that_closes_its_sentence_is_read():
    text = "28 awards were handed out, broken down into: certificates x 15; reservist x 1; cadets x 12."
    finding = flagged_once(itemised, text, text.replace("x 12.", "x 10."))
    assert finding.expected == "26"


def test_parts_after_of_which_may_fall_short_of_the_whole_but_not_exceed_it():
    text = "Growth is £81.9m, of which £{}m is in adults and £{}m in children."
    finding = flagged_once(itemised, text.format("60.3", "1.6"), text.format("80.3", "11.6"))
    assert finding.expected == "£91.9m"


def test_parts_whose_shares_make_the_whole_must_add_up_to_it():
    text = "The programme of £250m, of which £175m (70%) is borrowing and £75m (30%) grants, is affordable."
    finding = flagged_once(itemised, text, text.replace("£250m", "£260m"))
    assert finding.found == "£260m" and finding.expected == "£250m"


def test_a_share_that_is_not_its_parts_share_of_the_whole_is_flagged():
    text = "The programme of £250m comprises £175m (60%) borrowing and £75m (30%) grants."
    (finding,) = itemised(text)
    assert finding.found == "60%" and finding.expected == "70%"


def test_a_list_after_this_comprises_takes_its_total_from_the_sentence_before():
    text = "\n".join(
        [
            "£40.7m Net increases in the final settlement. This comprises the following changes:",
            "• £20.1m increase in Social Care Grant",
            "• £6.2m increase in the Settlement Funding Assessment (Revenue",
            "Support Grant and baseline funding)",
            "• -£3.6m reduction in grants now rolled in",
            "• £18.0m other grants",
            "Revenue spending is explained below.",
        ]
    )
    finding = flagged_once(itemised, text, text.replace("£18.0m", "£19.0m"))
    assert finding.expected == "£41.7m"


# ------------------------------------------------------------------ stated changes


def changes(*pages, tables=()):
    return stated_differences.check(document("paper", list(pages), tables=list(tables)), no_others)


def test_an_increase_that_is_not_the_difference_of_its_figures_is_flagged():
    text = "Spending rose from £12.4m to £15.1m, an increase of £{}m."
    finding = flagged_once(changes, text.format("2.7"), text.format("3.7"))
    assert (finding.expected, finding.found) == ("£2.7m", "£3.7m")


def test_a_percentage_increase_is_judged_on_the_figure_it_rose_from():
    text = "The block has increased by £108.5m ({}%) to £1.4bn on last year."
    finding = flagged_once(changes, text.format("8.4"), text.format("7.8"))
    assert (finding.expected, finding.found) == ("8.4%", "7.8%")


def test_an_increase_stated_in_an_aside_after_its_new_figure_is_checked():
    text = "Funding is £1,530.9m (an increase of £101.4m, {}%, on 2024-25)."
    finding = flagged_once(changes, text.format("7.1"), text.format("9.1"))
    assert finding.found == "9.1%"


def test_an_amount_less_than_another_is_their_difference():
    text = "The budget includes a £3.2m surplus, this is £3.8m less than the £7m assumed in November."
    finding = flagged_once(changes, text, text.replace("£3.8m", "£4.8m"))
    assert finding.expected == "£3.8m"


def test_a_percentage_of_something_else_or_over_another_span_is_not_the_rate_of_a_change():
    assert changes("Borrowing is forecast to rise by £5.6bn to £127.5bn (4.5% of GDP) this year.") == []
    assert changes("The budget has increased by £5m (3.4% a year) to £50m since 2022.") == []
    assert changes("Spending power rose by £1.3bn (3.2% in real terms) to £20bn.") == []


def test_two_changes_in_one_sentence_are_not_read():
    text = "Pay rose by £2m (5%) to £42m and prices rose by £1m (9%) to £12m."
    assert changes(text) == []


def band_table(b_increase: str):
    rows = [
        ["A", "6/9", "1,073.88", "1,127.46", "53.58"],
        ["B", "7/9", "1,252.86", "1,315.37", b_increase],
        ["C", "8/9", "1,431.84", "1,503.28", "71.44"],
        ["D", "9/9", "1,610.82", "1,691.19", "80.37"],
    ]
    return table("T005", [["Band", "Proportion", "2024-25 £p", "2025-26 £p", "Increase £p"]], rows, page=20)


def test_a_change_column_cell_that_is_not_the_difference_of_its_row_is_flagged():
    assert changes("Council tax", tables=[band_table("62.51")]) == []
    (finding,) = changes("Council tax", tables=[band_table("65.21")])
    assert (finding.expected, finding.found) == ("62.51", "65.21")
    assert finding.locations[0].row_label == "B" and finding.locations[0].pdf_page == 20


def test_a_total_rows_change_is_left_to_the_totals_rule():
    rows = [["Sexual health", "8,120", "8,228", "108"], ["Stop smoking", "7,627", "7,627", "-"]]
    rows += [["Other", "1,488", "1,500", "12"], ["Total", "17,235", "17,355", "220"]]
    grid = table("T001", [["Service", "Budget £000", "Forecast £000", "Variance £000"]], rows)
    assert changes("Monitoring", tables=[grid]) == []
    assert [f.found for f in totals(grid)] == ["220"]


def test_a_change_column_that_no_reading_fits_is_not_judged():
    rows = [["A", "10.0", "12.0", "5.0"], ["B", "20.0", "21.0", "7.0"], ["C", "30.0", "33.0", "1.0"]]
    grid = table("T001", [["", "Budget £m", "Forecast £m", "Variance £m"]], rows)
    assert changes("Monitoring", tables=[grid]) == []


MONEY = st.integers(min_value=1_000, max_value=9_000_000).map(lambda n: Decimal(n) / 100)


def _printed(value: Decimal, decimals: int) -> str:
    return f"{value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP):,.{decimals}f}"


@given(MONEY, MONEY, st.integers(0, 2))
def test_a_correctly_rounded_stated_change_never_flags(before, after, decimals):
    low, high = sorted((before, after))
    if low == high:
        return
    rate = (high - low) / low * 100
    text = (
        f"Spending rose from £{_printed(low, decimals)}m to £{_printed(high, decimals)}m, "
        f"an increase of £{_printed(high - low, decimals)}m ({_printed(rate, 1)}%)."
    )
    assert changes(text) == []


@given(MONEY, MONEY, st.integers(0, 2), st.integers(2, 50))
def test_a_stated_change_off_by_more_than_rounding_always_flags(before, after, decimals, steps):
    low, high = sorted((before, after))
    unit = Decimal(1).scaleb(-decimals)
    # Each printed figure is ±½ unit: a change more than 1½ units from the printed difference is wrong.
    shown = Decimal(_printed(high, decimals).replace(",", "")) - Decimal(
        _printed(low, decimals).replace(",", "")
    )
    wrong = shown + steps * unit
    text = (
        f"Spending rose from £{_printed(low, decimals)}m to £{_printed(high, decimals)}m, "
        f"an increase of £{_printed(wrong, decimals)}m."
    )
    (finding,) = changes(text)
    assert finding.found == f"£{_printed(wrong, decimals)}m"


@given(st.lists(st.tuples(MONEY, MONEY), min_size=3, max_size=8), st.integers(0, 2), st.integers(2, 50))
def test_a_change_column_flags_exactly_the_misprinted_row(pairs, decimals, steps):
    unit = Decimal(1).scaleb(-decimals)
    rows = []
    for i, (a, b) in enumerate(pairs):
        pa, pb = _printed(a, decimals), _printed(b, decimals)
        gap = Decimal(pb.replace(",", "")) - Decimal(pa.replace(",", ""))
        if i == 1:
            gap += steps * unit
        rows.append([f"Line {i}", pa, pb, _printed(gap, decimals)])
    grid = table("T001", [["", "2024-25 £m", "2025-26 £m", "Change £m"]], rows)
    found = changes("Budget", tables=[grid])
    assert [f.locations[0].row_label for f in found] == ["Line 1"]


# ------------------------------------------------------------------ restatements


RESERVES = (
    "This includes £15.8m contribution towards general reserves, including £11.1m repayment of the "
    "amount drawn down and {x} for the additional annual contribution to maintain general reserves."
)


def test_a_statement_restated_in_another_paper_with_one_amount_changed_is_flagged():
    statement = document("statement", ["Risks.", RESERVES.format(x="£4.7m")])
    report = document("report", ["Reserves. " + RESERVES.format(x="£4.8m")])
    assert restated_amounts.partner(report, statement)
    (finding,) = restated_amounts.check(report, lambda: [statement])
    assert (finding.expected, finding.found) == ("£4.7m", "£4.8m")
    assert finding.locations[1].pdf_page == 2 and finding.locations[1].document_sha256 == statement.sha256


def test_restatements_that_agree_or_differ_in_wording_are_not_flagged():
    again = "Later.\n" + RESERVES.format(x="£4.70m")
    assert flags_on(restated_amounts, RESERVES.format(x="£4.7m"), again) == []
    other_fact = "Capital receipts of £15.8m, £11.1m of land sales and £6.2m from buildings are forecast."
    assert flags_on(restated_amounts, RESERVES.format(x="£4.7m"), other_fact) == []


def test_a_corrected_version_of_a_paper_does_not_contradict_it():
    pages = ["Revenue monitoring.", "Transport is forecast to overspend.", RESERVES.format(x="£4.7m")]
    first = document("paper", pages)
    corrected = document("paper-v2", [*pages[:2], RESERVES.format(x="£4.8m")])
    assert restated_amounts.check(corrected, lambda: [first]) == []


def test_an_amount_printed_without_its_multiplier_is_the_same_amount():
    split = "The overspend is split as follows; £0.223{} Newham, £0.138m Havering and £0.071m Bexley."
    assert flags_on(restated_amounts, split.format("m"), split.format("")) == []


# ------------------------------------------------------------------ rates, counts and ordinals


def test_a_rate_per_ten_thousand_is_not_compared_with_a_count():
    sha = sha_of("kpi")
    count = kpi("Children in care", "Leeds", None, "311", table_id="T001", page=1, sha=sha)
    rate = kpi(
        "Children in care rate per 10,000 children", "Leeds", None, "52.3", table_id="T002", page=2, sha=sha
    )
    doc = document("kpi", ["Indicators", "Rates"], kpis=[count, rate], members=[("D. Hart", "Leeds")])
    assert kpi_cross_reference.check(doc, no_others) == []


def test_the_base_of_a_rate_is_not_a_count_of_things():
    count = "There are 311 children and 40 carers in the service."
    rate = "Other councils report 52 children per 10,000 children and 40 carers."
    assert flags_on(repeated_counts, count, rate) == []


def test_ordinals_printed_apart_from_their_suffix_are_not_counts():
    first = "The settlement was announced on 4 th February with 12 grants and 3 th reviews."
    second = "Cabinet met on 13 th February with 12 grants and 3 th reviews."
    assert flags_on(repeated_counts, first, second) == []


@given(st.integers(1, 31), st.sampled_from(["st", "nd", "rd", "th"]), st.sampled_from([" ", "  "]))
def test_an_ordinal_suffix_printed_apart_joins_its_number(day, suffix, gap):
    text = f"announced on {day}{gap}{suffix} January 2025"
    assert normalise_ordinals(text) == f"announced on {day}{suffix} January 2025"
    assert normalise_ordinals(normalise_ordinals(text)) == normalise_ordinals(text)


@given(st.text(alphabet="abc 0123456789£.,%()", max_size=40))
def test_text_without_an_ordinal_suffix_is_left_as_it_is(text):
    assert normalise_ordinals(text) == text


@given(st.lists(st.integers(1, 9_000), min_size=2, max_size=5), st.integers(0, 1))
def test_parts_printed_with_their_true_shares_of_the_whole_never_flag(parts, decimals):
    whole = sum(parts)
    listed = " and ".join(f"£{p / 10:.1f}m ({_printed(Decimal(p) / whole * 100, decimals)}%)" for p in parts)
    assert itemised(f"The programme of £{whole / 10:.1f}m comprises {listed}.") == []
