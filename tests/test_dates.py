"""Dates and times as committee papers print them."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from extractors.dates import find_dates, find_times, parse_date, parse_time

MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)), st.integers(0, 5))
def test_printed_dates_parse_back_to_the_same_day(day, style):
    month = MONTH_NAMES[day.month - 1]
    printed = [
        f"{WEEKDAYS[day.weekday()]} {day.day} {month} {day.year}",
        f"{WEEKDAYS[day.weekday()]}, {_ordinal(day.day)} {month} {day.year}",
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        f"{month} {day.day}, {day.year}",
        f"{day.day} {month[:3]} {day.year}",
        f"{_ordinal(day.day)} of {month} {day.year}",
    ][style]
    assert parse_date(f"Meeting held on {printed} at the Town Hall") == day


@given(st.integers(0, 23), st.integers(0, 59))
def test_twelve_hour_times_become_24_hour(hour, minute):
    twelve = hour % 12 or 12
    suffix = "am" if hour < 12 else "pm"
    expected = f"{hour:02d}:{minute:02d}"
    assert parse_time(f"{twelve}.{minute:02d} {suffix}") == expected
    assert parse_time(f"{twelve}:{minute:02d}{suffix.upper()}") == expected
    assert parse_time(f"at {hour:02d}:{minute:02d}") == expected


def test_time_range_gives_start_and_end():
    assert find_times("(10.30 am – 12.15 pm)") == ["10:30", "12:15"]


def test_whole_hours_and_noon():
    assert find_times("from 7 pm until noon") == ["19:00", "12:00"]


def test_percentages_and_money_are_not_times():
    assert find_times("collection 98.70% and £12.50 spent in 2019/20") == []


def test_several_dates_come_in_reading_order():
    found = find_dates("the meetings held on 5 April 2019 and 3 May 2019")
    assert [d for d, _, _ in found] == [date(2019, 4, 5), date(2019, 5, 3)]


def test_impossible_dates_are_ignored():
    assert parse_date("31 February 2019") is None


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)), st.booleans())
def test_dashed_and_iso_dates_parse_back_to_the_same_day(day, iso):
    printed = day.isoformat() if iso else f"{day.day:02d}-{MONTH_NAMES[day.month - 1][:3]}-{day.year}"
    assert parse_date(f"Date of meeting: {printed}") == day


@given(
    st.integers(0, 23), st.integers(0, 59), st.sampled_from(["hrs", "hours"]), st.sampled_from(["", ".", ":"])
)
def test_twenty_four_hour_times_with_hours_after_them(hour, minute, word, separator):
    assert (
        parse_time(f"The meeting started at {hour:02d}{separator}{minute:02d} {word}")
        == f"{hour:02d}:{minute:02d}"
    )


def test_durations_and_year_ranges_are_not_times_or_dates():
    assert find_times("120 hours of training in 2019-20") == []
    assert parse_date("the 2019-20 budget, pages 10-12") is None


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)))
def test_an_ordinal_suffix_set_apart_from_its_day_still_reads(day):
    # A superscript "th" comes out of the text layer as a word of its own: "13 th March 2025".
    suffix = _ordinal(day.day)[len(str(day.day)) :]
    printed = f"To: County Council – {day.day} {suffix} {MONTH_NAMES[day.month - 1]} {day.year}"
    assert parse_date(printed) == day
