"""Dates and times as committee papers print them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.dates import find_dates, find_times, parse_date, parse_time

MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@pytest.fixture(autouse=True, scope="module")
def _parser_loaded():
    """dateparser loads its language tables on first use: before hypothesis times a draw."""
    parse_date("1 June 2020 and June 1, 2020")
    parse_date("1 juin and June 1", context=date(2020, 6, 1))


# dateparser compiles what it needs for a language or an order on first use: a draw may be slow.
patient = settings(deadline=None)


def _ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@patient
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


@patient
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


def test_an_ordinal_set_apart_as_a_superscript_is_read_with_its_day():
    assert [d for d, _, _ in find_dates("held on Monday 24 th June 2019 at 7.00pm")] == [date(2019, 6, 24)]
    assert [d for d, _, _ in find_dates("June 24 th, 2019")] == [date(2019, 6, 24)]


FRENCH_MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip
FRENCH_WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


@patient
@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)), st.integers(0, 23), st.integers(0, 59)
)
def test_us_dates_with_their_weekday_and_time_read_month_first(day, hour, minute):
    twelve, suffix = hour % 12 or 12, "A.M." if hour < 12 else "P.M."
    printed = (
        f"{WEEKDAYS[day.weekday()]}, {MONTH_NAMES[day.month - 1]} {day.day}, {day.year}, "
        f"at {twelve}:{minute:02d} {suffix}"
    )
    assert parse_date(printed) == day
    assert parse_time(printed) == f"{hour:02d}:{minute:02d}"


@patient
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)), st.booleans())
def test_an_ordinal_whose_superscript_stands_apart_still_gives_the_day(day, weekday):
    suffix = _ordinal(day.day)[-2:]
    lead = f"{WEEKDAYS[day.weekday()]} " if weekday else ""
    assert parse_date(f"held on {lead}{day.day} {suffix} {MONTH_NAMES[day.month - 1]} {day.year}") == day


@patient
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)))
def test_french_dates_read_their_month_names(day):
    printed = f"{FRENCH_WEEKDAYS[day.weekday()]} {day.day} {FRENCH_MONTHS[day.month - 1]} {day.year}"
    assert parse_date(f"Séance ordinaire du {printed}") == day


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)))
def test_numeric_dates_read_month_first_only_when_day_first_names_no_day(day):
    printed = f"{day.month}/{day.day}/{day.year}"
    expected = day if day.day > 12 or day.day == day.month else date(day.year, day.day, day.month)
    assert parse_date(printed) == expected


@patient
@given(
    st.dates(min_value=date(1991, 1, 1), max_value=date(2098, 12, 31)),
    st.integers(-150, 150),
    st.booleans(),
    st.booleans(),
)
def test_a_date_without_its_year_takes_the_year_nearest_the_meeting(meeting, offset, french, month_first):
    from datetime import timedelta

    day = meeting + timedelta(days=offset)
    month = (FRENCH_MONTHS if french else MONTH_NAMES)[day.month - 1]
    printed = f"{month} {day.day}" if month_first and not french else f"{day.day} {month}"
    assert parse_date(f"reported on {printed} to the board", context=meeting) == day
    assert parse_date(f"reported on {printed} to the board") is None


@given(st.integers(0, 23), st.integers(0, 59), st.booleans())
def test_times_typed_without_separator_or_in_french_become_24_hour(hour, minute, french):
    expected = f"{hour:02d}:{minute:02d}"
    if french:
        assert parse_time(f"à {hour} h {minute:02d}") == expected
    else:
        twelve, suffix = hour % 12 or 12, "am" if hour < 12 else "pm"
        assert parse_time(f"June 6, {twelve}{minute:02d}{suffix}") == expected


def test_a_lower_case_may_without_a_year_is_a_word():
    assert parse_date("the council may 5 times defer", context=date(2023, 5, 1)) is None
