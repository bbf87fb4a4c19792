"""Agenda front sheets: meeting details, members by council or group, numbered items."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.agenda import extract_front_sheet, is_front_sheet, lists_items, normalise_council
from extractors.base import Source
from extractors.names import strip_title
from pipeline.extract import extract_pdf, segment_pdf
from pipeline.pdf.pdfpages import open_document, sha256_of
from tests.pdfgen import PageSpec, Text, write_pdf
from tests.variants import build

SOURCE = Source("0" * 64)


def _sheet(tmp_path, lines):
    path = write_pdf(tmp_path / "agenda.pdf", [lines])
    with open_document(path) as doc:
        assert is_front_sheet(doc.pages[0])
        return extract_front_sheet(doc.pages, SOURCE)


def test_title_date_time_and_venue_line(tmp_path):
    sheet = _sheet(
        tmp_path,
        [
            Text("PLANNING COMMITTEE AGENDA", 16, True),
            Text("7.00 pm Tuesday 4 March 2025 Council Chamber, Civic Centre", 12, True),
        ],
    )
    assert sheet.meta.committee == "PLANNING COMMITTEE"
    assert sheet.meta.meeting_date == date(2025, 3, 4)
    assert sheet.meta.meeting_time == "19:00"
    assert sheet.meta.venue == "Council Chamber, Civic Centre"


def test_venue_label_on_its_own_line(tmp_path):
    sheet = _sheet(
        tmp_path,
        [
            Text("Notice of Meeting", 16, True),
            Text("Health and Wellbeing Board", 14, True),
            "Date: Wednesday 12 June 2024",
            "Time: 2.30 pm",
            "Venue: Committee Room 2, Guildhall",
            Text("AGENDA", 13, True),
            Text("1 APOLOGIES", 12, True),
            Text("2 MINUTES (Pages 3 - 8)", 12, True),
        ],
    )
    assert sheet.meta.meeting_date == date(2024, 6, 12)
    assert sheet.meta.meeting_time == "14:30"
    assert sheet.meta.venue == "Committee Room 2, Guildhall"


def test_venue_on_the_line_under_the_date_and_time(tmp_path):
    sheet = _sheet(
        tmp_path,
        [
            Text("EASTLEIGH TOWN COUNCIL", 12, True),
            Text("PLANNING COMMITTEE AGENDA", 16, True),
            "Wednesday 5th March 2025, 7.00 pm",
            "Committee Room 2, Town Hall",
            Text("Members of the Committee:", 11, True),
            "Cllr Ada Lovelace (Chair)",
            "Cllr Alan Turing (Vice-Chair)",
            "Councillor Grace Hopper",
            "Contact: Town Clerk",
            Text("Item 1 APOLOGIES FOR ABSENCE", 12, True),
            Text("Item 2 MINUTES (Pages 1 - 4)", 12, True),
            "To approve the minutes of the meeting held on 5 February 2025.",
            Text("Item 3 ANY OTHER BUSINESS", 12, True),
        ],
    )
    assert sheet.meta.meeting_date == date(2025, 3, 5)
    assert sheet.meta.meeting_time == "19:00"
    assert sheet.meta.venue == "Committee Room 2, Town Hall"
    assert [(m.name, m.role) for m in sheet.members] == [
        ("Ada Lovelace", "Chair"),
        ("Alan Turing", "Vice-Chair"),
        ("Grace Hopper", None),
    ]
    assert [(i.number, i.title, i.page_start) for i in sheet.items] == [
        ("1", "APOLOGIES FOR ABSENCE", None),
        ("2", "MINUTES", 1),
        ("3", "ANY OTHER BUSINESS", None),
    ]


def test_a_heading_under_the_date_is_no_venue(tmp_path):
    sheet = _sheet(
        tmp_path,
        [
            Text("CABINET AGENDA", 16, True),
            "Tuesday 4 March 2025, 10.00 am",
            Text("Membership:", 11, True),
            "Councillor Ada Lovelace (Chair)",
            Text("1 APOLOGIES", 12, True),
            Text("2 MINUTES (Pages 1 - 4)", 12, True),
        ],
    )
    assert sheet.meta.meeting_time == "10:00"
    assert sheet.meta.venue is None


def test_members_listed_under_council_headings(tmp_path):
    sheet = _sheet(
        tmp_path,
        [
            Text("SHARED SERVICES BOARD AGENDA", 16, True),
            Text("10.00 am Friday 6 June 2025 Room 1, Town Hall", 12, True),
            Text("COUNCILLORS:", 13, True),
            Text("ROYAL BOROUGH OF GREENWICH", 12, True),
            "Councillor Ada Lovelace",
            "Cllr Alan Turing (Chair)",
            Text("BRISTOL CITY COUNCIL", 12, True),
            "Mayor Grace Hopper",
            Text("For information about the meeting please contact:", 11, True),
            "Democratic Services",
        ],
    )
    assert [(m.name, m.council, m.role) for m in sheet.members] == [
        ("Ada Lovelace", "Greenwich", None),
        ("Alan Turing", "Greenwich", "Chair"),
        ("Grace Hopper", "Bristol", None),
    ]


def test_time_and_date_line_set_like_the_items_is_no_item(tmp_path):
    sheet = _sheet(
        tmp_path,
        [
            Text("LICENSING COMMITTEE AGENDA", 16, True),
            Text("7.00 pm Tuesday 4 March 2025 Council Chamber", 12, True),
            Text("1 APOLOGIES FOR ABSENCE", 12, True),
            Text("2 MINUTES (Pages 1 - 4)", 12, True),
        ],
    )
    assert [i.number for i in sheet.items] == ["1", "2"]


def test_members_listed_in_columns(tmp_path):
    def row(*names: str) -> Text:
        return Text("".join(f"{n:<40}" for n in names), 11, family="Courier")

    sheet = _sheet(
        tmp_path,
        [
            Text("AUDIT COMMITTEE AGENDA", 16, True),
            Text("Membership:", 11, True),
            row("Councillor Ada Lovelace (Chair)", "Councillor Alan Turing"),
            row("Councillor Grace Hopper"),
            Text("AGENDA", 13, True),
            Text("1 APOLOGIES", 12, True),
            Text("2 MINUTES (Pages 1 - 4)", 12, True),
        ],
    )
    assert [(m.name, m.role) for m in sheet.members] == [
        ("Ada Lovelace", "Chair"),
        ("Alan Turing", None),
        ("Grace Hopper", None),
    ]


def test_items_with_wrapped_titles_page_ranges_and_descriptions(tmp_path):
    sheet = _sheet(
        tmp_path,
        [
            Text("CABINET AGENDA", 16, True),
            Text("1. NOTES FOR VISITORS", 13, True),
            "Please sign in at reception.",
            Text("AGENDA ITEMS", 13, True),
            Text("1 APOLOGIES FOR ABSENCE", 12, True),
            "(if any) - receive",
            Text("4a MINUTES OF THE PREVIOUS MEETING (Pages 1 - 6)", 12, True),
            "To approve the minutes of the meeting held on 2 May 2025.",
            Text("5 BUDGET MONITORING REPORT FOR THE SECOND QUARTER (Pages", 12, True),
            Text("7 - 30)", 12, True),
            Text("B URGENT BUSINESS", 12, True),
        ],
    )
    got = [(i.number, i.title, i.page_start, i.page_end, i.description) for i in sheet.items]
    assert got == [
        ("1", "APOLOGIES FOR ABSENCE", None, None, "(if any) - receive"),
        (
            "4a",
            "MINUTES OF THE PREVIOUS MEETING",
            1,
            6,
            "To approve the minutes of the meeting held on 2 May 2025.",
        ),
        ("5", "BUDGET MONITORING REPORT FOR THE SECOND QUARTER", 7, 30, None),
        ("B", "URGENT BUSINESS", None, None, None),
    ]


def test_report_cover_is_not_a_front_sheet(tmp_path):
    path = write_pdf(tmp_path / "r.pdf", [[Text("CABINET", 16, True), "Subject heading:", "Budget"]])
    with open_document(path) as doc:
        assert not is_front_sheet(doc.pages[0])


def test_council_headings_reduce_to_place_names():
    assert normalise_council("LONDON BOROUGH OF HAVERING") == "Havering"
    assert normalise_council("Royal Borough of Kingston upon Thames") == "Kingston upon Thames"
    assert normalise_council("Bristol City Council") == "Bristol"
    assert normalise_council("Conservative Group") == "Conservative Group"


@given(
    st.sampled_from(["Councillor", "Cllr", "Cllr.", "Mayor", "Deputy Mayor", "Councillor Dr"]),
    st.lists(
        st.text("abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=9).filter(
            lambda p: p not in {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "mayor", "cllr", "cllrs"}
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_honorifics_are_stripped_and_names_kept(title, parts):
    name = " ".join(p.capitalize() for p in parts)
    assert strip_title(f"{title} {name}") == name


def test_members_printed_as_a_list_after_their_label(tmp_path):
    sheet = _sheet(
        tmp_path,
        [
            Text("OVERVIEW AND SCRUTINY COMMITTEE AGENDA", 16, True),
            "Thursday 6 March 2025 at 6.30 pm, Council Chamber",
            "Membership: Councillors Ada Lovelace (Chair), Alan Turing (Vice-Chair), Grace Hopper,",
            "Tim Berners-Lee and Mayor Edsger Dijkstra",
            Text("1 APOLOGIES", 12, True),
            Text("2 MINUTES (Pages 1 - 4)", 12, True),
        ],
    )
    assert [(m.name, m.role) for m in sheet.members] == [
        ("Ada Lovelace", "Chair"),
        ("Alan Turing", "Vice-Chair"),
        ("Grace Hopper", None),
        ("Tim Berners-Lee", None),
        ("Edsger Dijkstra", None),
    ]


def test_summons_sentence_gives_the_venue_and_a_wrapped_member_list_is_read_whole(tmp_path):
    sheet = _sheet(
        tmp_path,
        [
            Text("NORTHSHIRE COUNTY COUNCIL", 12, True),
            Text("CORPORATE GOVERNANCE COMMITTEE", 16, True),
            "NOTICE IS HEREBY GIVEN that a meeting of the Corporate Governance Committee will be",
            "held in the Council Chamber, County Hall on Thursday 10 April 2025 at 10.00 am, to",
            "transact the business set out below.",
            Text("Members: Councillors Ada Lovelace (Chairman), Alan Turing, Grace", space_before=8),
            "Hopper and Edsger Dijkstra",
            Text("Chief Executive", space_before=8),
            Text("AGENDA", 13, True),
            Text("I. APOLOGIES FOR ABSENCE", 12, True),
            Text("II. MINUTES (Pages 1 - 4)", 12, True),
        ],
    )
    assert sheet.meta.meeting_date == date(2025, 4, 10)
    assert sheet.meta.meeting_time == "10:00"
    assert sheet.meta.venue == "Council Chamber, County Hall"
    assert [m.name for m in sheet.members] == [
        "Ada Lovelace",
        "Alan Turing",
        "Grace Hopper",
        "Edsger Dijkstra",
    ]
    assert [(i.number, i.title) for i in sheet.items] == [("I", "APOLOGIES FOR ABSENCE"), ("II", "MINUTES")]


def test_committee_under_a_larger_council_name_or_agenda_heading(tmp_path):
    council_first = _sheet(
        tmp_path,
        [
            Text("Northshire District Council", 18, True),
            Text("Cabinet", 16, True),
            "Date: Tuesday, 8 April 2025",
            "Time: 6.30 p.m.",
            Text("AGENDA", 14, True),
            Text("1. Apologies for absence", 12, True),
            Text("2. Minutes of the previous meeting (Pages 5 - 10)", 12, True),
        ],
    )
    assert council_first.meta.committee == "Cabinet"
    assert council_first.meta.meeting_time == "18:30"
    agenda_first = _sheet(
        tmp_path,
        [
            Text("AGENDA", 16, True),
            Text("LICENSING SUB-COMMITTEE", 14, True),
            "A meeting of the Licensing Sub-Committee will be held on Monday 12 May 2025 at 10.00 am at the",
            "Civic Centre, Bridge Road.",
            Text("1  ELECTION OF CHAIR", 11, True),
            Text("2  APPLICATION FOR A PREMISES LICENCE (Pages 3 - 40)", 11, True),
        ],
    )
    assert agenda_first.meta.committee == "LICENSING SUB-COMMITTEE"
    assert agenda_first.meta.venue == "Civic Centre, Bridge Road"


def test_member_roles_printed_as_labels_before_the_names(tmp_path):
    sheet = _sheet(
        tmp_path,
        [
            Text("PLANNING COMMITTEE AGENDA", 16, True),
            "Tuesday 4 March 2025 at 7.00 pm",
            Text("Membership:", 11, True),
            "Chair: Councillor Ada Lovelace",
            "Vice-Chair: Cllr Alan Turing",
            "Councillors Grace Hopper and Edsger Dijkstra",
            Text("1 APOLOGIES", 12, True),
            Text("2 MINUTES (Pages 1 - 4)", 12, True),
        ],
    )
    assert [(m.name, m.role) for m in sheet.members] == [
        ("Ada Lovelace", "Chair"),
        ("Alan Turing", "Vice-Chair"),
        ("Grace Hopper", None),
        ("Edsger Dijkstra", None),
    ]


def test_a_description_of_an_earlier_meeting_gives_no_venue(tmp_path):
    sheet = _sheet(
        tmp_path,
        [
            Text("PLANNING COMMITTEE AGENDA", 16, True),
            Text("7.00 pm Tuesday 4 March 2025 Council Chamber, Civic Centre", 12, True),
            Text("1 MINUTES (Pages 1 - 4)", 12, True),
            "To approve the minutes of the meeting held on 4 February 2025 at the Town Hall.",
            Text("2 APPLICATIONS (Pages 5 - 9)", 12, True),
        ],
    )
    assert sheet.meta.venue == "Council Chamber, Civic Centre"


def test_items_typed_in_body_type_are_read_where_their_numbers_run_on(tmp_path):
    sheet = _sheet(
        tmp_path,
        [
            Text("PARISH COUNCIL AGENDA", 16, True),
            "Monday 7 April 2025 at 7.30 pm, Village Hall",
            "1. Apologies for absence",
            "2. Declarations of interest",
            "3. Minutes of the previous meeting (Pages 1 - 4)",
            "To approve the minutes of the meeting held on 3 March 2025.",
            "4. Planning applications",
        ],
    )
    assert [(i.number, i.title, i.page_start) for i in sheet.items] == [
        ("1", "Apologies for absence", None),
        ("2", "Declarations of interest", None),
        ("3", "Minutes of the previous meeting", 1),
        ("4", "Planning applications", None),
    ]
    assert sheet.items[2].description == "To approve the minutes of the meeting held on 3 March 2025."


def _grid_sheet(tmp_path, rows, middle):
    """A front sheet whose items are a grid: number | bold title over its description | page range."""

    def draw(canvas, width, height):
        y = height - 150
        for number, title, description, pages in rows:
            cell = [(title, True), *((line, False) for line in description)]
            level = y - 14 * ((len(cell) - 1) // 2 if middle else 0)
            canvas.setFont("Helvetica-Bold", 11)
            canvas.drawString(70, level, number)
            canvas.setFont("Helvetica", 10)
            for k, part in enumerate(pages.split("\n") if pages else []):
                canvas.drawRightString(width - 70, level - 14 * k, part)
            for text, bold in cell:
                canvas.setFont("Helvetica-Bold" if bold else "Helvetica", 11 if bold else 10)
                canvas.drawString(110, y, text)
                y -= 14
            y -= 6

    page = PageSpec(
        [Text("CABINET AGENDA", 16, True), "7.00 pm Tuesday 4 March 2025 Town Hall"], extra=[draw]
    )
    path = write_pdf(tmp_path / "agenda.pdf", [page])
    with open_document(path) as doc:
        return extract_front_sheet(doc.pages, SOURCE)


GRID_ROWS = [
    ("1.", "APOLOGIES FOR ABSENCE", ["To receive apologies for absence."], None),
    (
        "2.",
        "MINUTES",
        ["To confirm the minutes of the meeting", "held on 3 February 2025 as a correct", "record."],
        "(Pages 1 - 6)",
    ),
    (
        "3.",
        "Budget Monitoring",
        ["To consider the report of the", "Director of Resources."],
        "(Pages 7 - 20)",
    ),
    ("4.", "URGENT BUSINESS", [], None),
]


def test_a_grid_with_numbers_and_page_ranges_centred_in_their_rows_gives_each_item_its_own(tmp_path):
    sheet = _grid_sheet(tmp_path, GRID_ROWS, middle=True)
    got = [(i.number, i.title, i.page_start, i.page_end, i.description) for i in sheet.items]
    assert got == [
        ("1", "APOLOGIES FOR ABSENCE", None, None, "To receive apologies for absence."),
        (
            "2",
            "MINUTES",
            1,
            6,
            "To confirm the minutes of the meeting held on 3 February 2025 as a correct record.",
        ),
        ("3", "Budget Monitoring", 7, 20, "To consider the report of the Director of Resources."),
        ("4", "URGENT BUSINESS", None, None, None),
    ]


def test_a_short_bold_title_beside_a_longer_page_range_in_body_type_opens_an_item(tmp_path):
    sheet = _grid_sheet(tmp_path, GRID_ROWS, middle=False)
    assert [(i.number, i.title, i.page_start) for i in sheet.items] == [
        ("1", "APOLOGIES FOR ABSENCE", None),
        ("2", "MINUTES", 1),
        ("3", "Budget Monitoring", 7),
        ("4", "URGENT BUSINESS", None),
    ]


def test_page_ranges_wrapped_in_a_narrow_grid_column_are_read_whole(tmp_path):
    rows = [
        (n, title, text, pages.replace(" - ", " -\n") if pages else None)
        for n, title, text, pages in GRID_ROWS
    ]
    sheet = _grid_sheet(tmp_path, rows, middle=False)
    got = [(i.number, i.page_start, i.page_end, i.description) for i in sheet.items]
    assert got == [
        ("1", None, None, "To receive apologies for absence."),
        ("2", 1, 6, "To confirm the minutes of the meeting held on 3 February 2025 as a correct record."),
        ("3", 7, 20, "To consider the report of the Director of Resources."),
        ("4", None, None, None),
    ]


def test_an_agenda_grid_on_the_front_sheet_is_read_as_items_and_no_table(tmp_path):
    pdf, truth = build("grid-ruled", tmp_path)
    extraction = extract_pdf(pdf, segment_pdf(pdf, sha256_of(pdf)))
    assert extraction.tables == []
    assert [(i.number, i.page_start) for i in extraction.agenda_items] == [
        (str(a["number"]), a["page_start"]) for a in truth["agenda_items"]
    ]


@pytest.mark.parametrize(
    ("grid", "items"),
    [
        ([["1.", "APOLOGIES", ""], ["2.", "MINUTES To confirm the minutes.", "(Pages 1 - 6)"]], True),
        ([["Item 4", "Budget (Pages 7 - 20)"], ["Item 5", "Urgent business"]], True),
        # Numbered rows of figures, or ranges without item numbers, are data.
        ([["1", "Housing", "4.2"], ["2", "Roads", "3.1"]], False),
        ([["Minutes", "(Pages 1 - 6)"], ["Budget", "(Pages 7 - 20)"]], False),
    ],
)
def test_a_grid_numbering_its_rows_with_page_ranges_lists_agenda_items(grid, items):
    assert lists_items(grid) is items


def test_lettered_items_are_read_and_their_indented_sub_items_belong_to_them(tmp_path):
    # (text, indent): items bold at the margin, a description and sub-items set in.
    printed = [
        ("A. Roll Call", None),
        ("B. General Public Comment", None),
        ("An opportunity for the public to address the Board.", 16),
        ("C. Management Reports", None),
        ("1. Presentation on road safety", 36),
        ("2. Presentation on recruitment", 36),
        ("D. Adjournment", None),
    ]
    heading = [Text("BOARD OF COMMISSIONERS", 16, True), Text("Meeting Agenda – March 8, 2022", 14, True)]
    body = [Text(t, 12, indent is None, indent=indent or 0) for t, indent in printed]
    sheet = _sheet(tmp_path, heading + body)
    assert [(i.number, i.title) for i in sheet.items] == [
        ("A", "Roll Call"),
        ("B", "General Public Comment"),
        ("C", "Management Reports"),
        ("D", "Adjournment"),
    ]
    assert sheet.items[2].description.startswith("1. Presentation on road safety")


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        (["3101.", "3102.", "3103."], ["3101", "3102", "3103"]),
        (["ITEM 1:", "ITEM 2:", "ITEM 3:"], ["1", "2", "3"]),
        (["19.09.01", "19.09.02", "19.09.03"], ["19.09.01", "19.09.02", "19.09.03"]),
    ],
)
def test_items_in_body_type_are_read_in_any_numbering_that_runs_on(tmp_path, numbers, expected):
    titles = ["Highways Report", "Open Forum", "Apologies for absence"]
    sheet = _sheet(
        tmp_path,
        [
            Text("COMMUNITY COUNCIL", 14, True),
            "You are summoned to a meeting of the above Council on Monday 3rd June 2019 at 7.30pm",
            Text("AGENDA", 12, True),
            *(f"{n} {t}" for n, t in zip(numbers, titles, strict=True)),
        ],
    )
    assert [(i.number, i.title) for i in sheet.items] == list(zip(expected, titles, strict=True))


def test_a_wrapped_title_continues_to_the_next_numbered_line_and_a_separate_line_is_its_description(tmp_path):
    def draw(canvas, width, height):
        rows = [
            (0, "1.", "Declarations of Members' Interests in Items on this Agenda or", "(Pages 1 - 4)"),
            (1, "", "in any Matters Arising from the Previous Minutes", None),
            (3, "2.", "Local Transport Strategy", None),
            (4, "", "- To follow", None),
            (6, "3.", "Housing Delivery Plan 2024-39", None),
            (8, "", "Papers to be published separately before the meeting", None),
            (10, "4.", "Capital Programme 2025-35 and Revenue Budget 2025-26 and", "(Pages 5 - 20)"),
            (11, "", "(including Council Tax Setting 2025/26)", None),
        ]
        canvas.setFont("Helvetica", 12)
        for row, number, text, pages in rows:
            y = height - 200 - 14 * row
            canvas.drawString(56, y, number)
            canvas.drawString(86, y, text)
            if pages:
                canvas.drawRightString(width - 44, y, pages)

    path = write_pdf(tmp_path / "agenda.pdf", [PageSpec([Text("A G E N D A", 12, True)], extra=[draw])])
    with open_document(path) as doc:
        sheet = extract_front_sheet(doc.pages, SOURCE)
    assert [(i.number, i.title, i.description) for i in sheet.items] == [
        (
            "1",
            "Declarations of Members' Interests in Items on this Agenda or "
            "in any Matters Arising from the Previous Minutes",
            None,
        ),
        ("2", "Local Transport Strategy", "- To follow"),
        (
            "3",
            "Housing Delivery Plan 2024-39",
            "Papers to be published separately before the meeting",
        ),
        (
            "4",
            "Capital Programme 2025-35 and Revenue Budget 2025-26 and "
            "(including Council Tax Setting 2025/26)",
            None,
        ),
    ]


def test_a_run_in_title_before_its_sentences_is_the_title_and_a_value_after_a_colon_is_not(tmp_path):
    printed = [
        "1. Reports from Working Groups:- Finance. Review the insurance renewal",
        "2. Approval of minutes from meeting date: April 4, 2023",
        "3. Budget 2025/26: Month 4",
    ]
    sheet = _sheet(tmp_path, [Text("PARISH COUNCIL AGENDA", 16, True), *printed])
    described = {i.title: i.description for i in sheet.items}
    assert described == {
        "Reports from Working Groups": "Finance. Review the insurance renewal",
        "Approval of minutes from meeting date: April 4, 2023": None,
        "Budget 2025/26: Month 4": None,
    }


def test_a_supplements_covering_letter_lists_its_one_item_with_its_page_range(tmp_path):
    path = write_pdf(
        tmp_path / "supplement.pdf",
        [
            [
                Text("Dear Member", space_before=200),
                Text("COUNTY COUNCIL - THURSDAY, 16 JANUARY 2025", bold=True),
                Text("Agenda Item No", bold=True),
                Text("3 Local Transport Strategy (Pages 1 - 18)", bold=True),
                "Yours sincerely",
            ]
        ],
    )
    with open_document(path) as doc:
        assert is_front_sheet(doc.pages[0])
        sheet = extract_front_sheet(doc.pages, SOURCE)
    assert [(i.number, i.title, i.page_start, i.page_end) for i in sheet.items] == [
        ("3", "Local Transport Strategy", 1, 18)
    ]
    assert (sheet.meta.committee, sheet.meta.meeting_date) == ("COUNTY COUNCIL", date(2025, 1, 16))


def test_the_last_item_ends_before_a_heading_set_as_the_items_are_or_a_signature_set_apart(tmp_path):
    titled = _sheet(
        tmp_path,
        [
            Text("PLANNING COMMISSION AGENDA", 16, True),
            Text("ITEM 1: ELM ROAD SITE", 11, True),
            "Staff: Alex Planner",
            Text("ITEM 2: UNIVERSITY PLAN UPDATE", 11, True),
            "A workshop for the Commission.",
            Text("ADJOURNMENT", 11, True),
        ],
    )
    signed = _sheet(
        tmp_path,
        [
            Text("COMMUNITY COUNCIL AGENDA", 16, True),
            "2722. Any Other Business",
            "2723. Date of next meeting",
            Text("Jane Clerk (Clerk)", space_before=30),
        ],
    )
    assert [i.description for i in titled.items] == ["Staff: Alex Planner", "A workshop for the Commission."]
    assert signed.items[-1].description is None
