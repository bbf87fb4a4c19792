"""The one grammar for item and paragraph numbers: every form councils print, and what follows what."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extractors.numbering import follows, parse_numbering, run_in_heading

TITLES = st.sampled_from(["Roll Call", "Highways Report", "Apologies for absence", "MINUTES", "Open Forum"])


def _roman(n: int) -> str:
    numerals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out


# How a number n is printed in each scheme, and the label it reads back as.
SCHEMES = {
    "arabic": (lambda n: f"{n}.", str),
    "worded": (lambda n: f"ITEM {n}:", str),
    "running": (lambda n: f"{2700 + n}.", lambda n: str(2700 + n)),
    "upper": (lambda n: f"{chr(64 + n)}.", lambda n: chr(64 + n)),
    "lower_bracket": (lambda n: f"({chr(96 + n)})", lambda n: chr(96 + n)),
    "roman": (lambda n: f"({_roman(n)})", _roman),
    "decimal": (lambda n: f"19.09.{n:02d}", lambda n: f"19.09.{n:02d}"),
}


@given(st.sampled_from(sorted(SCHEMES)), st.integers(1, 20), TITLES)
def test_every_scheme_reads_back_its_label_and_title(scheme, n, title):
    printed, label = SCHEMES[scheme]
    if scheme == "roman":
        found = parse_numbering(f"{printed(n)} {title}", prefer_roman=True)
    else:
        found = parse_numbering(f"{printed(n)} {title}")
    assert found is not None
    assert found.label == label(n)
    assert found.rest == title


@given(st.sampled_from(sorted(SCHEMES)), st.integers(1, 19), TITLES, TITLES)
def test_the_next_number_of_a_scheme_follows_and_a_skipped_one_does_not(scheme, n, first, second):
    printed, _ = SCHEMES[scheme]
    roman = scheme == "roman"
    this = parse_numbering(f"{printed(n)} {first}", prefer_roman=roman)
    following = parse_numbering(f"{printed(n + 1)} {second}", prefer_roman=roman)
    assert follows(this, following)
    if n + 2 <= 20:
        skipped = parse_numbering(f"{printed(n + 2)} {second}", prefer_roman=roman)
        assert not follows(this, skipped)


@given(st.sampled_from(["A", "B", "K", "N"]), TITLES)
def test_a_letter_without_a_stop_numbers_only_a_line_set_as_a_heading(letter, title):
    line = f"{letter} {title.upper()}"
    assert parse_numbering(line) is None
    found = parse_numbering(line, set_apart=True)
    assert found is not None and found.label == letter


@given(TITLES, st.sampled_from([":", ":-", ":–"]))
def test_a_heading_runs_in_before_its_text_with_a_colon_or_colon_dash(heading, mark):
    assert run_in_heading(f"{heading}{mark} Finance. Review the insurance renewal") == (
        heading,
        "Finance. Review the insurance renewal",
    )


def test_a_time_or_a_sum_is_no_number():
    assert parse_numbering("10.30 am Town Hall") is None
    assert parse_numbering("5 % of the budget") is None
