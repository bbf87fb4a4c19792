"""People's names in attendance lists: titles removed, roles read, lists split."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.names import apologies_in, apology_names, split_names, strip_title


def test_strip_title_removes_stacked_titles():
    assert strip_title("Deputy Mayor Councillor Ann Lee") == "Ann Lee"
    assert strip_title("Cllr. Bob O'Neil.") == "Bob O'Neil"
    assert strip_title("Councillors Jo Bloggs") == "Jo Bloggs"


def test_split_names_reads_roles_and_removes_titles():
    names = split_names("Councillors Ron Ower (Chair), Lester Hudson, Mayor Donald Massey and Tonii Wilson.")
    assert names == [
        ("Ron Ower", "Chair"),
        ("Lester Hudson", None),
        ("Donald Massey", None),
        ("Tonii Wilson", None),
    ]


def test_split_names_breaks_after_a_role_without_comma():
    names = split_names("Councillors Roger Ramsey (Chairman) Robert Benham, David Leaf")
    assert [n for n, _ in names] == ["Roger Ramsey", "Robert Benham", "David Leaf"]


def test_split_names_reads_surnames_with_roles_between_them():
    names = split_names("Councillor Mac Cafferty (Chair) Appich (Joint Opposition Spokesperson) and Bell.")
    assert [n for n, _ in names] == ["Mac Cafferty", "Appich", "Bell"]
    assert names[0][1] == "Chair"


def test_split_names_keeps_and_inside_brackets():
    names = split_names("Councillor Amy Shaw (Chair of Audit and Governance) and Councillor Ben Ray")
    assert names == [("Amy Shaw", "Chair of Audit and Governance"), ("Ben Ray", None)]


def test_split_names_reads_in_the_chair_without_brackets():
    assert split_names("Councillor Ann Lee in the Chair\nCouncillor Bob Kay") == [
        ("Ann Lee", "in the Chair"),
        ("Bob Kay", None),
    ]


def test_split_names_skips_a_sentence_run_into_the_list():
    text = "Councillors Ann Lee (Chair) and Bob Kay\nThe Chairman reminded Members of the action to take."
    assert [n for n, _ in split_names(text)] == ["Ann Lee", "Bob Kay"]


# Words that are titles, list joiners or party-group names, which a name cannot be made of.
_NOT_NAMES = {
    "and",
    "from",
    "mrs",
    "miss",
    "mayor",
    "dame",
    "sir",
    "cllr",
    "cllrs",
    "councillor",
    "councillors",
}
_NOT_NAMES |= {
    "alderman",
    "aldermen",
    "group",
    "party",
    "association",
    "alliance",
    "independent",
    "independents",
}
_WORD = st.from_regex(r"[A-Z][a-z]{2,9}", fullmatch=True).filter(lambda w: w.lower() not in _NOT_NAMES)
_NAME = st.lists(_WORD, min_size=1, max_size=3).map(" ".join)


_TITLE = st.sampled_from(["", "Councillor ", "Cllr ", "Mayor ", "Dr "])


@given(
    st.lists(st.tuples(_TITLE, _NAME), min_size=1, max_size=8),
    st.sampled_from(["", "Councillors ", "Cllrs "]),
    st.sampled_from([", ", "; "]),
)
def test_split_names_round_trips_a_printed_list(titled, title, separator):
    printed = [t + n for t, n in titled]
    text = printed[0] if len(printed) == 1 else separator.join(printed[:-1]) + " and " + printed[-1]
    assert [n for n, _ in split_names(title + text + ".")] == [n for _, n in titled]


def test_split_names_reads_roles_after_a_dash_or_a_comma():
    text = "\n".join(
        [
            "Councillor Ann Lee - Chair",
            "Councillor Bob Kay – Vice-Chair",
            "Cllr Cy Moor, Deputy Leader",
            "Cllr Di Smith-Jones",
        ]
    )
    assert split_names(text) == [
        ("Ann Lee", "Chair"),
        ("Bob Kay", "Vice-Chair"),
        ("Cy Moor", "Deputy Leader"),
        ("Di Smith-Jones", None),
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Apologies for absence were received from Councillors Ann Lee and Bob Kay.", ["Ann Lee", "Bob Kay"]),
        ("Apologies: Cllr Ann Lee, who was substituted by Cllr Cy Moor", ["Ann Lee"]),
        ("Apologies were received on behalf of Councillor Di Nash. The Chair welcomed all.", ["Di Nash"]),
        ("Apologies for absence: none", []),
        ("Apologies were received from Councillor Ann Lee; Councillor Bob Kay substituted.", ["Ann Lee"]),
        (
            "Apologies were received from Cllr Ann Lee and Cllr Cy Moor; Cllr Bob Kay attended as substitute "
            "for Cllr Lee.",
            ["Ann Lee", "Cy Moor"],
        ),
        ("Apologies: Councillor Ann Lee; Councillor Cy Moor", ["Ann Lee", "Cy Moor"]),
        ("Apologies were received from Cllr Ann Lee, Cllr Bob Kay substituting.", ["Ann Lee"]),
    ],
)
def test_apology_names_stop_at_the_sentence_end_and_before_substitutes(text, names):
    assert apology_names(text) == names


def test_honours_after_a_name_are_no_name_of_their_own():
    names = split_names(
        "Mr P M Hill, OBE, Mr A R Hills, Sir Paul Carter, CBE,\nMrs T Dean MBE and Dr L Sullivan"
    )
    assert [n for n, _ in names] == ["P M Hill", "A R Hills", "Paul Carter", "T Dean", "L Sullivan"]
    assert strip_title("Mr R C Love, OBE") == "R C Love"


def test_a_councillor_of_another_council_and_an_officer_are_not_in_the_members_list():
    names = split_names("Cllrs Hayward (in the chair), Hillard, Evans, County Cllr Webb & the Clerk.")
    assert names == [("Hayward", "in the chair"), ("Hillard", None), ("Evans", None)]
    assert [n for n, _ in split_names("County Councillors Ann Lee and Bob Kay")] == ["Ann Lee", "Bob Kay"]


def test_apologies_are_read_from_every_sentence_that_gives_them():
    text = (
        "The Democratic Services Manager reported apologies from Mr Beaney, Miss Carey and Mr Wright.\n"
        "Ms Grehan had given her formal apologies but was attending the meeting virtually.\n"
        "Ms Game was in attendance virtually. The Chairman reported apologies from Sir Paul Carter, CBE."
    )
    assert apologies_in(text) == ["Beaney", "Carey", "Wright", "Grehan", "Paul Carter"]


@pytest.mark.parametrize(
    ("text", "names"), [("Cllr Ashman, Hoskins, Shewell.", ["Ashman", "Hoskins", "Shewell"]), ("None.", [])]
)
def test_an_apologies_minute_may_only_list_the_names(text, names):
    assert apologies_in(text, listed=True) == names
    assert apologies_in(text) == []
