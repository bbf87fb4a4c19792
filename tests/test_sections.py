"""Segmentation: the documents of a pack, their kinds, titles, printed pages and agenda items."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract import segment_pdf
from pipeline.pdf.pdfpages import sha256_of
from tests.pdfgen import PageSpec, Text, write_pdf


def _front_sheet(items: list[tuple[str, str]]) -> list[PageSpec]:
    lines: list[str | Text] = [
        Text("AUDIT AND GOVERNANCE COMMITTEE AGENDA", 16, True),
        Text("7.00 pm Monday 3 March 2025 Council Chamber, Civic Offices", 12, True),
        Text("AGENDA ITEMS", 13, True, space_before=20),
    ]
    for number, title in items:
        lines.append(Text(f"{number} {title}", 12, True, space_before=6))
    return [PageSpec(lines=lines)]


def _cover(title: str, stamp: str | None) -> PageSpec:
    return PageSpec(
        lines=[
            Text("AUDIT AND GOVERNANCE COMMITTEE", 16, True),
            Text("3 March 2025", 12, True),
            Text("Subject heading:", 11, True),
            Text(title, 12, True),
            Text("Report author and contact details:", 11, True),
            "Sam Jones, Head of Finance",
            "sam.jones@example.gov.uk",
            Text("Financial summary:", 11, True),
            "There are no financial implications.",
            Text("RECOMMENDATIONS", 13, True),
            "1. To note the report.",
        ]
        + ["Body text of the report continues here with the detail."] * 10,
        stamp=stamp,
    )


def _body(stamp: str | None, text: str = "The report goes on to explain the position in detail.") -> PageSpec:
    return PageSpec(lines=[text] * 30, stamp=stamp)


def _pack(tmp_path: Path, stamps: bool) -> Path:
    def s(n: int) -> str | None:
        return f"Page {n}" if stamps else None

    pages = [
        *_front_sheet(
            [
                ("1", "APOLOGIES FOR ABSENCE"),
                ("2", "MINUTES (Pages 1 - 2)"),
                ("3", "TREASURY MANAGEMENT (Pages 3 - 6)"),
                ("4", "STRATEGY BRIEFING (Pages 7 - 10)"),
            ]
        ),
        PageSpec(
            lines=[
                Text("MINUTES OF A MEETING OF THE", 16, True),
                Text("AUDIT AND GOVERNANCE COMMITTEE", 16, True),
                "Council Chamber, Civic Offices",
                "Monday, 2 December 2024 (7.00 pm - 8.30 pm)",
                Text("12 MINUTES", 12, True),
                "The minutes of the meeting were agreed as a correct record.",
            ],
            stamp=s(1),
        ),
        _body(s(2)),
        _cover("Treasury Management Mid-Year Review", s(3)),
        _body(s(4)),
        PageSpec(
            lines=[Text("Appendix A - Prudential Indicators", 16, True), "Indicator text"] * 3, stamp=s(5)
        ),
        PageSpec(lines=["This page is intentionally left blank"], stamp=s(6)),
        *[
            PageSpec(
                lines=[Text(title, 24, True), Text("• A point on the slide", 16)], landscape=True, stamp=s(n)
            )
            for n, title in ((7, "Strategy Briefing"), (8, "Where we are"), (9, "Next steps"))
        ],
        PageSpec(lines=["This page is intentionally left blank"], stamp=s(10)),
    ]
    return write_pdf(tmp_path / "pack.pdf", pages)


EXPECTED = [
    ("agenda", 1, 1, None),
    ("minutes", 2, 3, "2"),
    ("report", 4, 5, "3"),
    ("appendix", 6, 6, "3"),
    ("other", 7, 7, "3"),
    ("presentation", 8, 10, "4"),
    ("other", 11, 11, "4"),
]


def _sections(path: Path):
    seg = segment_pdf(path, sha256_of(path))
    return seg, [(s.kind, s.pdf_page_start, s.pdf_page_end, s.agenda_item) for s in seg.sections]


def test_stamped_pack_splits_into_its_documents_linked_to_agenda_items(tmp_path):
    seg, got = _sections(_pack(tmp_path, stamps=True))
    assert got == EXPECTED
    assert seg.printed_pages[2] == 1 and seg.printed_pages[11] == 10
    titles = {s.kind: s.title for s in seg.sections}
    assert titles["minutes"] == "Minutes"
    assert titles["appendix"] == "Appendix A - Prudential Indicators"
    assert titles["presentation"] == "Strategy Briefing"
    assert titles["other"] == "This page is intentionally left blank"


def test_pack_without_page_stamps_counts_pages_from_after_the_front_sheet(tmp_path):
    seg, got = _sections(_pack(tmp_path, stamps=False))
    assert got == EXPECTED
    assert seg.printed_pages[2] == 1


def test_single_report_is_one_document_with_its_appendix(tmp_path):
    path = write_pdf(
        tmp_path / "report.pdf",
        [
            _cover("Annual Governance Statement", None),
            _body(None),
            PageSpec([Text("Appendix 1: Action Plan", 16, True)]),
        ],
    )
    _, got = _sections(path)
    assert got == [("report", 1, 2, None), ("appendix", 3, 3, None)]


def test_standalone_minutes_are_one_document(tmp_path):
    path = write_pdf(
        tmp_path / "minutes.pdf",
        [
            [Text("MINUTES OF THE CABINET", 16, True), "held on 4 April 2024", Text("1 APOLOGIES", 12, True)],
            [Text("2 BUDGET", 12, True), "The Cabinet agreed the budget."],
        ],
    )
    _, got = _sections(path)
    assert got == [("minutes", 1, 2, None)]


@pytest.mark.parametrize(
    "heading",
    [
        "Notes of the meeting of the Cabinet held on 4 April 2024",
        "Note of the informal meeting of the Schools Forum, 4 April 2024",
        "ACTION NOTES OF THE MEETING OF THE PARTNERSHIP BOARD",
    ],
)
def test_notes_of_a_meeting_are_minutes(tmp_path, heading):
    path = write_pdf(
        tmp_path / "notes.pdf",
        [
            _cover("Budget Monitoring", None),
            [
                Text(heading, 14, True),
                Text("1 APOLOGIES", 12, True),
                "Apologies were received from Councillor Ann Lee.",
            ],
        ],
    )
    _, got = _sections(path)
    assert got == [("report", 1, 1, None), ("minutes", 2, 2, None)]


def test_appendix_titled_as_large_as_its_report_cover_starts_a_document(tmp_path):
    front = PageSpec(
        lines=[
            Text("STANDARDS COMMITTEE AGENDA", 20, True),
            Text("AGENDA ITEMS", 13, True, space_before=20),
            Text("1 ANNUAL REPORT (Pages 1 - 3)", 12, True),
            Text("2 URGENT BUSINESS", 12, True),
        ]
    )
    cover = PageSpec(
        lines=[
            Text("REPORT TO THE STANDARDS COMMITTEE", 15, True),
            Text("Report title:", 11, True),
            "Complaints Annual Report",
            Text("Report author:", 11, True),
            "Sam Jones, Monitoring Officer",
            Text("1. Background", 13, True),
        ]
        + ["The report sets out the complaints received during the year."] * 8,
        stamp="Page 1",
    )
    body = PageSpec(
        lines=[Text("2. Findings", 13, True)] + ["Most complaints were resolved."] * 20, stamp="Page 2"
    )
    appendix = PageSpec(
        lines=[Text("Complaints Received by Category", 15, True), "Table of complaints."], stamp="Page 3"
    )
    _, got = _sections(write_pdf(tmp_path / "pack.pdf", [front, cover, body, appendix]))
    assert got == [("agenda", 1, 1, None), ("report", 2, 3, "1"), ("appendix", 4, 4, "1")]


def _marked(item: str | None):
    """Page furniture: a protective marking atop every page, and an "Agenda Item" stamp."""

    def draw(canvas, width, height):
        canvas.setFont("Helvetica", 8)
        canvas.drawString(70, height - 25, "OFFICIAL")
        if item:
            canvas.setFont("Helvetica-Bold", 12)
            canvas.drawRightString(width - 70, height - 35, f"Agenda Item {item}")

    return [draw]


def test_running_marking_and_agenda_item_stamps_do_not_hide_where_documents_start(tmp_path):
    minutes = PageSpec(
        lines=[
            Text("MINUTES OF A MEETING OF THE", 16, True),
            Text("AUDIT AND GOVERNANCE COMMITTEE", 16, True),
            "Monday, 2 December 2024 (7.00 pm - 8.30 pm)",
            Text("12 MINUTES", 12, True),
            "The minutes of the meeting were agreed as a correct record.",
        ],
        extra=_marked("2"),
    )
    pages = [
        *_front_sheet(
            [("1", "APOLOGIES FOR ABSENCE"), ("2", "MINUTES (Pages 1 - 2)"), ("3", "BUDGET (Pages 3 - 4)")]
        ),
        PageSpec(lines=[Text("AGENDA ITEMS CONTINUED", 13, True), Text("4 URGENT BUSINESS", 12, True)]),
        minutes,
        PageSpec(lines=["The meeting closed at 8.30 pm."] * 3, extra=_marked(None)),
        PageSpec(lines=_cover("Budget Monitoring", None).lines, extra=_marked("3")),
        PageSpec(lines=["The report continues."] * 20, extra=_marked(None)),
    ]
    seg, got = _sections(write_pdf(tmp_path / "pack.pdf", pages))
    assert got == [("agenda", 1, 2, None), ("minutes", 3, 4, "2"), ("report", 5, 6, "3")]
    assert [i.number for i in seg.agenda_items] == ["1", "2", "3", "4"]
