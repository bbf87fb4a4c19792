"""Document metadata: the body a page title names."""

from __future__ import annotations

import pytest

from extractors.metadata import committee_from_title


@pytest.mark.parametrize(
    ("title", "committee"),
    [
        ("Minutes of the meeting of the Cabinet held on 4 April 2024", "Cabinet"),
        ("Notes of the meeting of the Cabinet held on 4 April 2024", "Cabinet"),
        ("NOTES OF THE MEETING OF THE AUDIT COMMITTEE", "AUDIT COMMITTEE"),
        ("Notes of the Health and Wellbeing Board meeting held on 3 May 2024", "Health and Wellbeing Board"),
        ("Notes of an informal meeting of the Planning Panel", "Planning Panel"),
        ("Note of the meeting of the Schools Forum held on 2 May 2024", "Schools Forum"),
    ],
)
def test_minutes_and_notes_headings_name_their_committee(title, committee):
    assert committee_from_title(title) == committee
