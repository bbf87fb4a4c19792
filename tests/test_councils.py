"""Councils named by a document, their abbreviations, and how labels resolve to them."""

from __future__ import annotations

from extractors.councils import (
    Council,
    council_in_brackets,
    council_prefix,
    councils_in,
    find_councils,
    resolve_council,
)


def _by_name(councils: list[Council]) -> dict[str, tuple[str, ...]]:
    return {c.name: c.abbreviations for c in councils}


def test_members_list_headings_give_councils_and_initials():
    lines = [
        "COUNCILLORS:",
        "LONDON BOROUGH OF HAVERING",
        "Councillor Robert Benham",
        "LONDON BOROUGH OF NEWHAM",
        "Mayor Rokhsana Fiaz",
        "LONDON BOROUGH OF KENSINGTON AND CHELSEA",
        "Councillor Jane Doe",
    ]
    found = _by_name(find_councils(lines))
    assert found == {"Havering": ("LBH",), "Newham": ("LBN",), "Kensington and Chelsea": ("LBKC",)}


def test_other_council_types_give_their_own_initials():
    lines = [
        "A joint report of the Royal Borough of Greenwich and Bristol City Council.",
        "Wigan Metropolitan Borough Council has not agreed the terms.",
        "The RBG figures are provisional.",
    ]
    found = _by_name(find_councils(lines))
    assert found == {"Greenwich": ("RBG",), "Bristol": ("BCC",), "Wigan": ("WMBC",)}


def test_short_forms_name_councils_the_document_never_writes_in_lower_case():
    lines = [
        "This mirrors the reporting procedures in Havering and",
        "Bexley Councils, and the mechanisms in Newham Council.",
        "The partner councils agreed. Each Partner Council will report.",
        "Council Tax collection improved; the Council Tax base grew.",
    ]
    names = [c.name for c in find_councils(lines)]
    assert names == ["Havering", "Bexley", "Newham"]


def test_abbreviation_without_long_form_matches_by_initial():
    lines = ["Havering and Bexley Councils", "Oracle Cloud (LBB) delivery", "Council Tax (LBH only)"]
    councils = find_councils(lines)
    assert resolve_council("LBB", councils).name == "Bexley"
    assert resolve_council("LBH", councils).name == "Havering"
    assert dict(_by_name(councils)) == {"Havering": ("LBH",), "Bexley": ("LBB",)}


def test_abbreviation_shared_by_two_councils_resolves_to_none():
    councils = [Council("Hackney"), Council("Havering")]
    assert resolve_council("LBH", councils) is None


def test_names_spelt_with_a_slip_still_resolve():
    councils = [Council("Havering", ("LBH",)), Council("Newham", ("LBN",))]
    assert [c.name for c in councils_in("Haivering Performance", councils)] == ["Havering"]
    assert councils_in("Summary Information", councils) == []
    both = councils_in("Mandatory e-learning carried out by Havering and Newham staff", councils)
    assert [c.name for c in both] == ["Havering", "Newham"]


def test_bracketed_council_notes():
    councils = [Council("Havering", ("LBH",)), Council("Newham", ("LBN",)), Council("Greenwich", ("RBG",))]
    assert council_in_brackets("Council Tax collection rate (LBH only)", councils).name == "Havering"
    assert council_in_brackets("P&P (RBG)", councils).name == "Greenwich"
    assert council_in_brackets("Repairs (Newham only)", councils).name == "Newham"
    assert council_in_brackets("Outturn (LBN/LBH)", councils) is None
    assert council_in_brackets("Rate (within 2 hours)", councils) is None


def test_council_prefix_of_a_tile_is_split_off():
    councils = [Council("Havering", ("LBH",)), Council("Bristol", ("BCC",))]
    council, rest = council_prefix("BCC Council Tax collection rate", councils)
    assert council.name == "Bristol" and rest == "Council Tax collection rate"
    assert council_prefix("NNDR collection rate", councils) == (None, "NNDR collection rate")


def test_abbreviation_defined_in_brackets_after_a_long_form():
    lines = [
        "The service is shared by Northshire County Council (NCC) and the",
        "Royal Borough of Kingsbury upon Tern (RBK).",
        "RBK Q2 figures are provisional.",
    ]
    councils = find_councils(lines)
    assert _by_name(councils) == {"Northshire": ("NCC",), "Kingsbury upon Tern": ("RBK", "RBKT")}
    assert resolve_council("RBK", councils).name == "Kingsbury upon Tern"


def test_column_headed_by_the_place_alone_resolves_to_its_council():
    councils = find_councils(
        ["A partnership of the Royal Borough of Kingsbury upon Tern and Eastmoor City Council."]
    )
    assert [c.name for c in councils_in("Kingsbury", councils)] == ["Kingsbury upon Tern"]
    assert councils_in("Tern", councils) == []
