"""Document metadata: the meeting a paper is for, whatever kind of paper it is."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.base import Source
from extractors.metadata import committee_from_title, extract_document_meta
from pipeline.pdf.pdfpages import open_document
from schemas.records import DocumentMeta
from tests.pdfgen import PageSpec, Text, write_pdf


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


def _details(tmp_path, page: PageSpec, name: str = "paper.pdf") -> DocumentMeta:
    path = write_pdf(tmp_path / name, [page])
    with open_document(path) as doc:
        return extract_document_meta(doc.pages[0], Source("0" * 64))


def _aside(*lines: str, x: float = 380, top: float = 90):
    """Lines printed in a side column right of blank space, as a letter's contact block."""

    def draw(canvas, width, height):
        canvas.setFont("Helvetica", 9)
        for k, text in enumerate(lines):
            canvas.drawString(x, height - top - 11 * k, text)

    return draw


def test_a_report_addressed_to_a_body_gives_its_meeting_date(tmp_path):
    meta = _details(
        tmp_path,
        PageSpec(
            [
                "From: Jane Smith, Leader of the Council",
                Text("To: County Council – 9 th January 2025", bold=True),
                "Subject: Local Transport Strategy",
                "Classification: Unrestricted",
            ]
        ),
    )
    assert (meta.committee, meta.meeting_date) == ("County Council", date(2025, 1, 9))


def test_a_minutes_sentence_names_the_body_under_the_councils_own_name(tmp_path):
    meta = _details(
        tmp_path,
        PageSpec(
            [
                Text("NORTHSHIRE COUNTY COUNCIL", 12, True),
                Text("COUNTY COUNCIL", 12, True, space_before=20),
                "MINUTES of a meeting of the County Council held in the Council Chamber,",
                "Shire Hall, Northtown on Thursday, 9 January 2025.",
                "PRESENT: Mr A Baker, Mrs B Cole and Ms C Dean",
            ]
        ),
    )
    assert meta.committee == "County Council"
    assert meta.meeting_date == date(2025, 1, 9)
    assert meta.venue == "Council Chamber, Shire Hall, Northtown"


def test_a_letters_own_date_in_its_side_column_is_not_the_meeting(tmp_path):
    page = PageSpec(
        [
            Text("Dear Member", space_before=120),
            Text("COUNTY COUNCIL - THURSDAY, 13 MARCH 2025", bold=True),
            Text("Agenda Item No", bold=True),
            Text("6 Questions (Pages 1 - 18)", bold=True),
        ],
        extra=[_aside("Ask for: Sam Officer", "Date: 5 March 2025", "Venue: ignored")],
    )
    meta = _details(tmp_path, page)
    assert (meta.committee, meta.meeting_date, meta.venue) == ("COUNTY COUNCIL", date(2025, 3, 13), None)


def test_a_paper_that_names_no_meeting_has_no_committee(tmp_path):
    budget = _details(
        tmp_path, PageSpec([Text("PARISH COUNCIL - BUDGET 2018-19", 14, True), "Clerk's Salary 3,500"])
    )
    letter = _details(
        tmp_path,
        PageSpec(
            [Text("Dear Minister,", space_before=120), Text("Re: Regional Growth Programme", bold=True)],
            extra=[_aside("10 January 2025")],
        ),
        "letter.pdf",
    )
    assert budget.committee is None and letter.committee is None and letter.meeting_date is None


def test_a_us_notice_gives_date_time_and_the_address_under_its_heading(tmp_path):
    page = PageSpec(
        [
            Text("BOARD OF HARBOR COMMISSIONERS", 16, True),
            Text("Room 402, 215 West Main Street, Springfield, IL 62701", 10),
            Text("REGULAR MEETING AGENDA", 18, True),
            Text("Tuesday, March 8, 2022, at 10:00 A.M.", 18, True),
            "Members of the public may comment on any item on the agenda by calling the Board office.",
        ]
    )
    meta = _details(tmp_path, page)
    assert meta.committee == "BOARD OF HARBOR COMMISSIONERS"
    assert (meta.meeting_date, meta.meeting_time) == (date(2022, 3, 8), "10:00")
    assert meta.venue == "Room 402, 215 West Main Street, Springfield, IL 62701"
