"""Parsers of printed values: money, KPI figures and units, trend and RAG marks, periods."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.values import (
    comparator,
    fiscal_year,
    fiscal_year_of_month,
    is_not_reported,
    is_period_label,
    kpi_number,
    kpi_unit,
    money_unit_in,
    month_label,
    parse_direction,
    parse_money,
    parse_rag,
    printed_unit,
    quarter,
    rag_of_colour,
    stated_rag,
)


@pytest.mark.parametrize(
    ("raw", "default", "value", "unit"),
    [
        ("(63,112)", "£", -63112, "£"),
        ("£1.381m", None, 1.381, "£m"),
        ("£468k", None, 468, "£k"),
        ("(£0.8m)", None, -0.8, "£m"),
        ("£(0.8m)", None, -0.8, "£m"),
        ("£1m*", None, 1.0, "£m"),
        ("0.223", "£m", 0.223, "£m"),
        ("(0.114)", "£m", -0.114, "£m"),
        ("-1,250", None, -1250, "£"),
        ("−0.5", "£m", -0.5, "£m"),
        ("£1.2bn", None, 1200, "£m"),
        ("12,888", None, 12888, "£"),
    ],
)
def test_money_cells_parse_to_signed_values_in_their_unit(raw, default, value, unit):
    money = parse_money(raw, default)
    assert money is not None
    assert money.value == pytest.approx(value)
    assert money.unit == unit


@pytest.mark.parametrize("raw", ["-", "", "N/A", "TBC", "14%", "(1.2", "Funding allocated", "1.2 and 3.4"])
def test_cells_that_are_not_a_single_amount_give_no_money(raw):
    assert parse_money(raw, "£m") is None


@pytest.mark.parametrize(
    ("heading", "unit"),
    [
        ("Havering (£'m)", "£m"),
        ("Est. pressure for 2018-19 (£’m)", "£m"),
        ("Budget £m", "£m"),
        ("Spend £'000", "£k"),
        ("Forecast (£000s)", "£k"),
        ("Bexley £", "£"),
        ("Total", None),
    ],
)
def test_money_unit_announced_by_a_heading(heading, unit):
    assert money_unit_in(heading) == unit


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("<£20,000", 20000),
        ("£12.78M", 12_780_000),
        ("360K", 360_000),
        ("£28.7K", 28_700),
        ("£1.0m", 1_000_000),
        ("95%", 95),
        ("100%%", 100),
        ("-41%", -41),
        ("6.36% (Cumulative Total)", 6.36),
        ("2.4 months", 2.4),
        ("£262,041.11", 262041.11),
        (">90%", 90),
    ],
)
def test_kpi_number_is_the_single_number_printed(printed, value):
    assert kpi_number(printed) == pytest.approx(value)


@pytest.mark.parametrize(
    "printed",
    [
        "Spend £8,078 Saving £1,315 (14%)",
        "98.70% (LBH) 99.6% (LBN)",
        "4.1 (LBN - GLPC) 12 (LBH – HAY)",
        "GLPC 78% HAY 40%",
        "TBD",
        "As much as possible during the year",
        "",
        None,
    ],
)
def test_kpi_number_is_null_without_exactly_one_number(printed):
    assert kpi_number(printed) is None


def test_comparators_are_kept_apart_from_the_value():
    assert comparator("<£20,000") == "<"
    assert comparator(">90%") == ">"
    assert comparator("≥ 95%") == ">="
    assert comparator("95%") is None


@pytest.mark.parametrize(
    ("values", "unit"),
    [
        (["95%", "6.36"], "%"),
        (["£3.15M", "£250K"], "£"),
        (["360K", "£28.7K"], "£"),
        (["5 days", "2.2"], "days"),
        (["<5 cases", "6.3 weeks"], "weeks"),
        (["<5 cases", "6 cases"], "count"),
        (["<6 months", "2.4 months"], "months"),
        (["<175", "92"], None),
    ],
)
def test_unit_from_printed_values_in_rule_order(values, unit):
    assert printed_unit(values) == unit


@pytest.mark.parametrize(
    ("indicator", "values", "unit"),
    [
        ("% of corporate complaints", ["0", "0"], "%"),
        ("Percentage of amendments completed", ["95", None], "%"),
        ("Customer Satisfaction Rating", ["6.3", "6.35"], "score"),
        ("Average number of hearings per case", ["<5", None], "count"),
        ("Number of projects completed on time", ["0.9", None], None),
        ("Average time to complete agreements", ["<175", "92"], None),
        ("External spend", ["As much as possible", "Spend £8,078 Saving £1,315 (14%)"], None),
        ("% of job evaluations", ["100%", "GLPC 78% HAY 40%"], "%"),
        ("Savings achieved", ["TBC", None], None),
    ],
)
def test_kpi_unit_falls_back_to_the_indicator_name(indicator, values, unit):
    assert kpi_unit(indicator, values) == unit


@pytest.mark.parametrize(
    ("mark", "direction"),
    [("↑", "up"), ("↓", "down"), ("→", "flat"), ("NEW", "new"), ("New", "new"), ("GREEN", None), ("", None)],
)
def test_direction_marks(mark, direction):
    assert parse_direction(mark) == direction


@pytest.mark.parametrize(
    ("mark", "rag"),
    [
        ("G", "green"),
        ("A", "amber"),
        ("R", "red"),
        ("GREEN", "green"),
        ("Amber", "amber"),
        ("↑", None),
        ("Rx", None),
    ],
)
def test_rag_marks(mark, rag):
    assert parse_rag(mark) == rag


def test_rag_stated_for_a_whole_table():
    assert stated_rag("indicators achieved their target (i.e. RAG rated = Green) this Quarter.") == "green"
    assert stated_rag("These measures are RAG rated Red.") == "red"
    assert stated_rag("The following indicators are reported annually.") is None


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2019/20 Target", "2019/20"),
        ("LBB 19/20 Q1", "2019/20"),
        ("2019-20", "2019/20"),
        ("2019/2020", "2019/20"),
    ],
)
def test_financial_years_are_normalised(text, year):
    assert fiscal_year(text) == year


def test_dates_are_not_financial_years():
    assert fiscal_year("18/10/2019") is None


def test_periods_in_column_headings():
    assert quarter("Quarter 1") == "Q1"
    assert quarter("LBH 2019/20 Q3") == "Q3"
    assert month_label("Apr-19") == (4, 2019)
    assert fiscal_year_of_month(3, 2020) == "2019/20"
    for label in ("Apr-19", "Quarter 2", "Q4", "2018/19", "2018/19 Annual", "Jan 2020"):
        assert is_period_label(label), label
    for label in ("2019/20 Target", "Total", "Havering", ""):
        assert not is_period_label(label), label


def test_not_reported_cells():
    assert all(is_not_reported(t) for t in ["", "-", "N/A", "n/a", "TBC"])
    assert not is_not_reported("0")


# ---------------------------------------------------------------- properties

_tenths = st.integers(min_value=0, max_value=10**9)


@given(_tenths)
def test_thousands_with_separators_round_trip(n):
    amount = n / 10
    money = parse_money(f"£{amount:,.1f}k")
    assert money is not None and money.unit == "£k"
    assert money.value == pytest.approx(amount)


@given(st.integers(min_value=0, max_value=10**12))
def test_accounting_parentheses_round_trip_as_negative(n):
    money = parse_money(f"({n:,})", "£")
    assert money is not None and money.unit == "£"
    assert money.value == -n


@given(_tenths, st.booleans())
def test_millions_round_trip_with_sign(n, negative):
    amount = n / 10
    text = f"£{amount:.1f}m"
    money = parse_money(f"({text})" if negative else text)
    assert money is not None and money.unit == "£m"
    assert money.value == pytest.approx(-amount if negative else amount)


@given(st.integers(min_value=-(10**6), max_value=10**6), st.sampled_from(["", "<", ">"]))
def test_percentages_round_trip(hundredths, sign):
    value = hundredths / 100
    text = f"{sign}{value:.2f}%"
    assert kpi_number(text) == pytest.approx(value)
    assert comparator(text) == (sign or None)
    assert printed_unit([text]) == "%"


@given(
    st.integers(min_value=0, max_value=10**7),
    st.sampled_from([("K", 1e3), ("M", 1e6), ("k", 1e3), ("m", 1e6)]),
)
def test_kpi_multipliers_apply(hundredths, suffix):
    letter, factor = suffix
    value = hundredths / 100
    assert kpi_number(f"£{value:,.2f}{letter}") == pytest.approx(value * factor)


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["day", "days", "week", "weeks", "months"]))
def test_time_units_round_trip(n, word):
    text = f"{n} {word}"
    assert kpi_number(text) == n
    assert printed_unit([text]) == (word if word.endswith("s") else word + "s")


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=10**6))
def test_two_amounts_give_no_kpi_number(a, b):
    assert kpi_number(f"Spend £{a:,} Saving £{b:,}") is None


@pytest.mark.parametrize(
    ("status", "rag"),
    [
        ("On target", "green"),
        ("On track", "green"),
        ("Within tolerance", "amber"),
        ("At risk", "amber"),
        ("Off target", "red"),
        ("Off-track", "red"),
        ("Ontrack", "green"),
        ("Withintolerance", "amber"),
        ("Target", None),
        ("Complete", None),
        ("G1", None),
    ],
)
def test_statuses_printed_as_words_give_the_rag_their_key_means(status, rag):
    assert parse_rag(status) == rag


@pytest.mark.parametrize(
    ("trend", "direction"),
    [
        ("Improving", "up"),
        ("Declining", "down"),
        ("Deteriorating", "down"),
        ("No change", "flat"),
        ("Static", "flat"),
        ("Better", "up"),
        ("Worse", "down"),
        ("Improvement plan", None),
    ],
)
def test_trends_printed_as_words_give_their_direction(trend, direction):
    assert parse_direction(trend) == direction


_STATUS_WORDS = st.sampled_from(
    ["On target", "Within tolerance", "Off target", "On track", "At risk", "Off track"]
)


@given(
    _STATUS_WORDS,
    st.sampled_from([str.upper, str.lower, str.title]),
    st.sampled_from([" ", "  ", "-", "\n", ""]),
)
def test_status_words_read_alike_in_any_case_and_spacing(status, case, gap):
    assert parse_rag(case(status).replace(" ", gap)) == parse_rag(status) is not None


@given(
    st.integers(min_value=-(10**7), max_value=10**7),
    st.sampled_from(["*", "†", "‡", "#", "¹", "²", "³", "⁴"]),
    st.sampled_from(["(", "-", "−"]),
)
def test_a_footnote_mark_after_an_amount_leaves_its_value(amount, mark, negative):
    printed = f"{abs(amount):,}"
    if amount < 0:
        printed = f"({printed})" if negative == "(" else f"{negative}{printed}"
    assert parse_money(f"{printed}{mark}", "£k") == parse_money(printed, "£k")
    assert parse_money(f"{printed}{mark}", "£k").value == amount


@pytest.mark.parametrize(
    ("colour", "rag"),
    [
        ("#d91a1a", "red"),
        ("#ff0000", "red"),
        ("#ffc000", "amber"),
        ("#ffbf00", "amber"),
        ("#ffff00", "amber"),
        ("#00b050", "green"),
        ("#009933", "green"),
        ("#92d050", "green"),
        # Pale tints, greys, blues and dark ink are no status.
        ("#fde9d9", None),
        ("#d9d9d9", None),
        ("#4f81bd", None),
        ("#1a1a1a", None),
        (None, None),
        ("not a colour", None),
    ],
)
def test_a_cell_colour_gives_the_rag_it_shows(colour, rag):
    assert rag_of_colour(colour) == rag


@given(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255))
def test_any_colour_reads_as_one_status_or_none(r, g, b):
    assert rag_of_colour(f"#{r:02x}{g:02x}{b:02x}") in {"red", "amber", "green", None}
