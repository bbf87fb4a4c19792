"""Printed figures as intervals, and sums judged with the rounding of their printed digits."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from pipeline.flags import table_totals
from pipeline.flags.figures import money_in, parse_cell, percents_in, reconciles, written_like
from tests.flagdocs import document, no_others, table

ROUNDINGS = st.sampled_from([ROUND_HALF_UP, ROUND_HALF_EVEN])
AMOUNTS = st.integers(min_value=-50_000_000, max_value=50_000_000).map(lambda n: Decimal(n) / 10_000)


def printed(value: Decimal, decimals: int, rounding: str = ROUND_HALF_UP) -> str:
    """A value as a finance table prints it: fixed decimals, negatives in parentheses."""
    text = f"{abs(value.quantize(Decimal(1).scaleb(-decimals), rounding=rounding)):.{decimals}f}"
    return f"({text})" if value < 0 and Decimal(text) != 0 else text


@given(
    st.lists(st.tuples(AMOUNTS, st.integers(0, 3)), min_size=1, max_size=12),
    st.integers(0, 3),
    ROUNDINGS,
)
def test_correctly_rounded_sums_never_flag(items, total_decimals, rounding):
    parts = [parse_cell(printed(v, d, rounding)) for v, d in items]
    total = parse_cell(printed(sum((v for v, _ in items), Decimal(0)), total_decimals, rounding))
    assert reconciles(total, parts)


@given(
    st.lists(st.tuples(AMOUNTS, st.integers(0, 3)), min_size=1, max_size=12),
    st.integers(0, 3),
    st.integers(1, 1000),
    st.booleans(),
)
def test_a_total_changed_beyond_the_rounding_tolerance_always_flags(items, total_decimals, steps, up):
    parts = [parse_cell(printed(v, d)) for v, d in items]
    exact = sum((p.value for p in parts), Decimal(0))
    tolerance = sum((p.half for p in parts), Decimal(0)) + Decimal(5).scaleb(-total_decimals - 1)
    unit = Decimal(1).scaleb(-total_decimals)
    # A printable total more than the tolerance away from the exact sum, by ``steps`` units more.
    base = exact.quantize(unit, rounding=ROUND_HALF_UP)
    shift = (tolerance // unit + 1 + steps) * unit
    total = parse_cell(printed(base + (shift if up else -shift), total_decimals))
    assert abs(total.value - exact) > tolerance
    assert not reconciles(total, parts)


def test_printed_decimals_set_the_interval():
    assert parse_cell("0.8").lo == Decimal("0.75") and parse_cell("0.8").hi == Decimal("0.85")
    assert parse_cell("£581k").half == Decimal(500)
    assert parse_cell("(0.630)", "m").value == Decimal("-630000")
    assert parse_cell("-").half == 0 and parse_cell("-").value == 0
    assert parse_cell("£1m*").value == Decimal(1_000_000)
    assert parse_cell("TBC") is None


def test_mixed_units_reconcile_as_printed():
    # £0.8m stands for £0.75m-£0.85m: with £581k it can make £1.381m.
    assert reconciles(parse_cell("£1.381m"), [parse_cell("£0.8m"), parse_cell("£581k")])
    assert not reconciles(parse_cell("£1382k"), [parse_cell(x) for x in ("£468k", "£420k", "£360k", "£193k")])


def test_money_in_text_reads_sign_scale_and_approximation():
    found = money_in("an underspend of (£0.120m), c£1.2m of costs, £270k and an overspend of (3.2m)")
    assert [m.figure.raw for m in found] == ["(£0.120m)", "c£1.2m", "£270k", "(3.2m)"]
    assert [m.figure.value for m in found] == [Decimal("-120000"), Decimal("1200000"), 270000, -3200000]
    assert [m.figure.approximate for m in found] == [False, True, False, False]
    assert [m.figure.value for m in money_in("a budget of £2.5 billion")] == [Decimal("2.5E9")]


def test_percentages_in_text_keep_their_qualifier():
    found = percents_in("approximately 64% of indicators, ~70% in York and 12.5 per cent")
    assert [(m.figure.value, m.figure.approximate) for m in found] == [
        (Decimal(64), True),
        (Decimal(70), True),
        (Decimal("12.5"), False),
    ]


def test_same_figure_printed_twice_allows_only_rounding():
    assert parse_cell("(0.817)", "m").same_as(money_in("(£0.8m)")[0].figure)
    assert parse_cell("82.9%").same_as(parse_cell("82.90%"))
    assert not parse_cell("86%").same_as(parse_cell("87%"))
    assert not parse_cell("0.125").same_as(parse_cell("0.120"))


def test_expected_values_are_written_as_the_figure_was_printed():
    assert written_like(Decimal(1441000), parse_cell("£1382k")) == "£1441k"
    assert written_like(Decimal(-630000), parse_cell("(0.630)", "m")) == "(0.630)"
    assert written_like(Decimal(-1101034), parse_cell("(1,926,034)")) == "(1,101,034)"
    assert written_like(Decimal("51.0"), parse_cell("58%")) == "51%"


@given(
    st.lists(st.lists(AMOUNTS, min_size=3, max_size=3), min_size=2, max_size=6),
    st.integers(0, 3),
    st.integers(0, 2),
)
def test_a_table_whose_totals_are_correctly_rounded_raises_nothing(values, decimals, total_decimals):
    rows = [["Item " + str(i), *(printed(v, decimals) for v in row)] for i, row in enumerate(values)]
    rows = [[*r, printed(sum(row, Decimal(0)), total_decimals)] for r, row in zip(rows, values, strict=True)]
    sums = [sum((row[c] for row in values), Decimal(0)) for c in range(3)]
    rows.append(["Total", *(printed(s, total_decimals) for s in sums), printed(sum(sums), total_decimals)])
    grid = table("T001", [["Service", "North £m", "South £m", "East £m", "Total £m"]], rows)
    assert table_totals.check(document("t", ["Budget"], tables=[grid]), no_others) == []


@given(
    st.lists(st.lists(AMOUNTS, min_size=3, max_size=3), min_size=2, max_size=6),
    st.integers(0, 2),
    st.integers(0, 2),
    st.integers(1, 50),
)
def test_a_total_cell_changed_beyond_tolerance_is_flagged_at_that_cell(values, decimals, column, steps):
    printed_rows = [[printed(v, decimals) for v in row] for row in values]
    parts = [[parse_cell(x) for x in row] for row in printed_rows]
    sums = [sum((row[c].value for row in parts), Decimal(0)) for c in range(3)]
    tolerance = sum((row[column].half for row in parts), Decimal(0)) * 2
    unit = Decimal(1).scaleb(-decimals)
    totals = [printed(s, decimals) for s in sums]
    totals[column] = printed(sums[column] + (tolerance // unit + steps) * unit, decimals)
    rows = [[f"Item {i}", *r] for i, r in enumerate(printed_rows)] + [["Total", *totals]]
    grid = table("T001", [["Service", "Q1 £k", "Q2 £k", "Q3 £k"]], rows)
    findings = table_totals.check(document("t", ["Budget"], tables=[grid]), no_others)
    assert len(findings) == 1
    assert findings[0].locations[0].row_label == "Total"
    assert findings[0].found == totals[column]
