"""Meetings as entities: documents and minutes linked to them, API metadata beside the PDFs."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pipeline.db import make_engine
from pipeline.query.meetings import committee_key, link_meetings, meeting_id, title_similarity
from pipeline.sources.config import ModernGovSite
from pipeline.sources.fetch import store_meeting
from pipeline.sources.moderngov import LinkedDocument, MeetingDetail
from schemas import sql
from schemas.meetings import ApiDocument, DocumentMeeting, Meeting, MinuteItemLink, MinutesMeeting
from tests.dbcontent import database_content
from tests.records import item, load, minutes_doc, pack_doc, sample_extraction

JULY, OCTOBER = date(2021, 7, 9), date(2021, 10, 15)
ITEMS = [
    item("12", "MINUTES", "The minutes were agreed.", [("agreed", "The minutes were agreed.")]),
    item("13", "BUDGET MONITORING REPORT", "The budget was discussed.", [("noted", "The budget was noted.")]),
    item("14", "ANY OTHER BUSINESS", "None."),
]


def _meetings(engine) -> list[Meeting]:
    with Session(engine) as s:
        return list(s.scalars(select(Meeting).order_by(Meeting.meeting_date)))


def _meeting_of_minutes(engine, sha: str) -> str:
    with Session(engine) as s:
        return s.scalar(select(MinutesMeeting.meeting_id).where(MinutesMeeting.sha256 == sha))


def _meeting_of_document(engine, sha: str) -> str:
    with Session(engine) as s:
        return s.scalar(select(DocumentMeeting.meeting_id).where(DocumentMeeting.sha256 == sha))


def _standalone_and_pack(engine, order: str = "minutes first") -> tuple[str, str]:
    minutes = minutes_doc("minutes.pdf", "Audit Committee", JULY, ITEMS, time="10:30")
    pack = pack_doc(
        "pack.pdf",
        "AUDIT COMMITTEE",
        OCTOBER,
        agenda=[("1", "APOLOGIES")],
        minutes_of=JULY,
        minute_items=ITEMS,
    )
    docs = [minutes, pack] if order == "minutes first" else [pack, minutes]
    for doc in docs:
        load(engine, doc)
        link_meetings(engine, [doc.sha256])
    return minutes.sha256, pack.sha256


def test_minutes_in_a_later_pack_are_linked_to_the_meeting_of_the_standalone_minutes(db_url):
    engine = make_engine(db_url)
    minutes, pack = _standalone_and_pack(engine)
    july, october = _meetings(engine)
    assert (july.meeting_date, october.meeting_date) == (JULY, OCTOBER)
    assert _meeting_of_document(engine, minutes) == july.id
    assert _meeting_of_minutes(engine, minutes) == july.id
    assert _meeting_of_minutes(engine, pack) == july.id
    assert _meeting_of_document(engine, pack) == october.id
    assert july.committee == "Audit Committee" and july.meeting_time == "10:30"
    assert july.sources == ["minutes"] and october.sources == ["agenda"]


@pytest.mark.parametrize("order", ["minutes first", "pack first"])
def test_the_order_documents_arrive_in_does_not_matter(tmp_path, order):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    _standalone_and_pack(engine, order)
    reference = make_engine(f"sqlite:///{tmp_path / 'ref.sqlite'}")
    _standalone_and_pack(reference, "minutes first")
    assert database_content(engine) == database_content(reference)


def test_linking_again_changes_nothing(db_url):
    engine = make_engine(db_url)
    _standalone_and_pack(engine)
    before = database_content(engine)
    summary = link_meetings(engine)
    assert summary.documents == 2 and summary.minutes == 2
    assert database_content(engine) == before


def test_minute_items_are_matched_to_the_agenda_items_and_reports_of_the_meeting_they_record(db_url):
    engine = make_engine(db_url)
    july_pack = pack_doc(
        "july-pack.pdf",
        "Audit Committee",
        JULY,
        agenda=[("1", "MINUTES"), ("2", "BUDGET MONITORING"), ("3", "TREASURY MANAGEMENT")],
        reports=[("2", "Budget monitoring report 2021/22"), ("3", "Treasury management")],
    )
    october_pack = pack_doc(
        "october-pack.pdf", "Audit Committee", OCTOBER, minutes_of=JULY, minute_items=ITEMS
    )
    for doc in (october_pack, july_pack):  # the minutes first: links appear when the agenda arrives
        load(engine, doc)
        link_meetings(engine, [doc.sha256])
    with Session(engine) as s:
        links = s.execute(
            select(
                sql.MinuteItemRow.title, sql.AgendaItemRow.title, sql.ReportRow.title, MinuteItemLink.method
            )
            .join(MinuteItemLink, MinuteItemLink.minute_item_id == sql.MinuteItemRow.id)
            .outerjoin(sql.AgendaItemRow, sql.AgendaItemRow.id == MinuteItemLink.agenda_item_id)
            .outerjoin(sql.ReportRow, sql.ReportRow.id == MinuteItemLink.report_id)
            .order_by(sql.MinuteItemRow.position)
        ).all()
    assert [tuple(r) for r in links] == [
        ("MINUTES", "MINUTES", None, "title"),
        ("BUDGET MONITORING REPORT", "BUDGET MONITORING", "Budget monitoring report 2021/22", "title"),
    ]


SITE = ModernGovSite("site", "http://democracy.example.test", council="Example Council")


def _api_meeting(
    held: date, time: str = "10:00", location: str = "Town Hall, High Street", title: str = "Audit Committee"
):
    return MeetingDetail(
        id=501,
        committee_id=9,
        committee_title=title,
        date=held,
        time=time,
        status="Confirmed",
        location=location,
        agenda_published=True,
        minutes_published=False,
        decisions_published=False,
        items=(),
        documents=(LinkedDocument("Agenda pack", "http://democracy.example.test/documents/g501/pack.pdf"),),
        attendees=(),
    )


def _downloaded_as(engine, api_id: str, sha: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            ApiDocument.__table__.update().where(ApiDocument.api_meeting_id == api_id).values(sha256=sha)
        )


def test_api_metadata_sits_beside_the_pdf_and_disagreements_are_flagged(db_url):
    engine = make_engine(db_url)
    pack = pack_doc("pack.pdf", "AUDIT COMMITTEE", OCTOBER, time="10:00", venue="Town Hall")
    load(engine, pack)
    api_id = store_meeting(engine, SITE, 9, "Audit Committee", _api_meeting(OCTOBER, time="14:00"))
    _downloaded_as(engine, api_id, pack.sha256)
    link_meetings(engine, [pack.sha256], [api_id])
    [meeting] = _meetings(engine)
    assert meeting.scope == "Example Council" and meeting.api_meeting_ref == api_id
    assert meeting.meeting_time == "14:00" and meeting.venue == "Town Hall, High Street"
    assert meeting.sources == ["agenda", "api"]
    # The venue printed is part of the website's; only the time disagrees.
    assert meeting.disagreements == [{"field": "time", "pdf": "10:00", "api": "14:00", "sha256": pack.sha256}]
    with Session(engine) as s:
        assert s.get(DocumentMeeting, pack.sha256).method == "api"


def test_a_pdf_whose_committee_and_date_differ_from_the_website_is_flagged(db_url):
    engine = make_engine(db_url)
    pack = pack_doc("pack.pdf", "Standards Committee", date(2021, 10, 14))
    load(engine, pack)
    api_id = store_meeting(engine, SITE, 9, "Audit Committee", _api_meeting(OCTOBER))
    _downloaded_as(engine, api_id, pack.sha256)
    link_meetings(engine, [pack.sha256], [api_id])
    [meeting] = _meetings(engine)
    assert (meeting.committee, meeting.meeting_date) == ("Audit Committee", OCTOBER)
    assert {d["field"] for d in meeting.disagreements} == {"committee", "date"}


def test_a_meeting_known_only_from_the_website_is_an_entity_too(db_url):
    engine = make_engine(db_url)
    api_id = store_meeting(engine, SITE, 9, "Audit Committee", _api_meeting(OCTOBER))
    link_meetings(engine, (), [api_id])
    [meeting] = _meetings(engine)
    assert meeting.sources == ["api"] and meeting.status == "Confirmed"


def test_a_pdf_from_a_folder_joins_the_meeting_the_website_described(db_url):
    engine = make_engine(db_url)
    api_id = store_meeting(engine, SITE, 9, "Audit Committee", _api_meeting(JULY))
    link_meetings(engine, (), [api_id])
    minutes = minutes_doc("minutes.pdf", "AUDIT COMMITTEE", JULY, ITEMS)
    load(engine, minutes)
    link_meetings(engine, [minutes.sha256])
    [meeting] = _meetings(engine)
    assert _meeting_of_minutes(engine, minutes.sha256) == meeting.id
    assert meeting.scope == "Example Council" and meeting.sources == ["api", "minutes"]


def test_a_meeting_left_without_evidence_is_removed(db_url):
    engine = make_engine(db_url)
    _, pack = _standalone_and_pack(engine)
    with engine.begin() as conn:
        conn.execute(delete(sql.Document).where(sql.Document.sha256 == pack))
    link_meetings(engine, [pack])
    assert [m.meeting_date for m in _meetings(engine)] == [JULY]


def test_committee_names_compare_without_case_punctuation_or_a_leading_the():
    assert committee_key("The Audit & Governance Committee") == committee_key(
        "AUDIT AND GOVERNANCE COMMITTEE"
    )
    assert committee_key("Cabinet") != committee_key("Cabinet Committee")
    assert meeting_id("", "Cabinet", JULY) == meeting_id("", "CABINET", JULY)


@given(st.text(min_size=1, max_size=60), st.text(min_size=1, max_size=60))
def test_title_similarity_is_symmetric_and_bounded(a, b):
    score = title_similarity(a, b)
    assert score == title_similarity(b, a)
    assert 0.0 <= score <= 1.0


def test_titles_printed_slightly_differently_match():
    assert title_similarity("2018/19 FINANCIAL OUTTURN REPORT", "2018/19 Financial Outturn") >= 0.75
    assert title_similarity("SHARED SAVINGS", "COMMERCIAL PROTOCOL") == 0.0


def test_the_sample_minutes_in_the_pack_link_to_the_meeting_of_the_standalone_minutes(db_url):
    engine = make_engine(db_url)
    minutes = load(engine, sample_extraction("oneSource-2019-07-12-minutes.pdf"))
    pack = load(engine, sample_extraction("oneSource-2019-10-18-pack.pdf"))
    link_meetings(engine, [minutes, pack])
    standalone_meeting = _meeting_of_document(engine, minutes)
    pack_meeting_id = _meeting_of_document(engine, pack)
    with Session(engine) as s:
        meeting = s.get(Meeting, standalone_meeting)
        pack_meeting = s.get(Meeting, pack_meeting_id)
    assert meeting.meeting_date == date(2019, 7, 12)
    assert _meeting_of_minutes(engine, pack) == standalone_meeting
    assert pack_meeting.meeting_date == date(2019, 10, 18)
