"""The numbering grammar as minutes print it: item references, minute codes, run-in headings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.numbering import follows, item_reference, parse_numbering, run_in_heading


@pytest.mark.parametrize(
    ("text", "number"),
    [("(Item 4)", "4"), ("(Item 12)", "12"), ("(Agenda Item 5a)", "5a")],
)
def test_a_line_that_only_refers_to_an_item_gives_its_number(text, number):
    assert item_reference(text) == number


@pytest.mark.parametrize("text", ["Item 4 Budget", "(a) the report", "(Item 4 refers)", "(4)", "Item 4"])
def test_other_lines_are_no_item_reference(text):
    assert item_reference(text) is None


@given(st.integers(min_value=1, max_value=999))
def test_an_item_reference_reads_any_number(n):
    found = parse_numbering(f"(Item {n})")
    assert (found.label, found.worded, found.opened, found.bracketed, found.rest) == (
        str(n),
        True,
        True,
        True,
        "",
    )


@pytest.mark.parametrize(
    "text", ["MINUTES OF A MEETING OF THE", "Items noted", "Minutes: 4 March", "ITEMISED"]
)
def test_a_word_that_merely_begins_like_item_or_minute_opens_no_number(text):
    assert parse_numbering(text) is None


@pytest.mark.parametrize(
    ("first", "second"), [("25/42 APOLOGIES", "25/43 BUDGET"), ("PL/42 X", "PL/43 Y"), ("CAB12 X", "CAB13 Y")]
)
def test_minute_codes_are_numbers_when_asked_and_run_on(first, second):
    assert parse_numbering(first) is None
    a, b = parse_numbering(first, codes=True), parse_numbering(second, codes=True)
    assert a.style == b.style == "code"
    assert follows(a, b) and not follows(b, a)


def test_codes_of_different_years_or_bodies_do_not_run_on():
    assert not follows(parse_numbering("25/42 X", codes=True), parse_numbering("26/43 Y", codes=True))
    assert not follows(parse_numbering("PL/42 X", codes=True), parse_numbering("EX/43 Y", codes=True))


@pytest.mark.parametrize("text", ["Q2 RESULTS", "A14 WIDENING"])
def test_a_quarter_or_a_road_is_no_minute_code(text):
    assert parse_numbering(text, codes=True) is None


def test_a_bare_letter_is_a_number_only_when_set_apart():
    assert parse_numbering("B BUDGET") is None
    assert parse_numbering("B", set_apart=True).label == "B"


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("Public Forum: No one present.", "Public Forum"),
        ("Reports from outside bodies: Lower Wye Valley Trust", "Reports from outside bodies"),
        ("Apologies for absence: Cllr Ashman, Hoskins.", "Apologies for absence"),
    ],
)
def test_a_run_in_heading_names_a_subject_in_any_case(text, heading):
    assert run_in_heading(text)[0] == heading


@pytest.mark.parametrize(
    "text",
    ["The reasons are: cost and time.", "It was noted: the figures.", "RESOLVED: That the report be noted."],
)
def test_a_clause_before_a_colon_is_no_run_in_heading(text):
    assert run_in_heading(text) is None


@pytest.mark.parametrize("text", ["12", "2709.", "4a"])
def test_a_number_alone_on_its_line_is_a_number(text):
    assert parse_numbering(text).rest == ""
