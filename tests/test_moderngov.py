"""The ModernGov web-service client: XML as sites send it, and a run against a local stand-in site."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.sources.download import Downloader
from pipeline.sources.moderngov import (
    ModernGovClient,
    ModernGovError,
    api_date,
    parse_api_date,
    parse_committees,
    parse_meeting,
    parse_meetings,
    service_url,
)
from tests.moderngov_standin import ModernGovStandIn, StandInDocument, StandInItem, StandInMeeting

MEETING_XML = """<?xml version="1.0" encoding="utf-8"?>
<meeting>
  <meetingid>4242</meetingid>
  <meetingdate>05/03/2024</meetingdate>
  <meetingtime>7.00 pm</meetingtime>
  <meetingstatus>Confirmed</meetingstatus>
  <meetinglocation>Council Chamber, Town Hall</meetinglocation>
  <agendapublished>True</agendapublished>
  <minutepublished>False</minutepublished>
  <decisionpublished>True</decisionpublished>
  <linkeddocuments>
    <linkeddoc><attachmentid>9001</attachmentid><title>Agenda frontsheet</title>
      <url>http://democracy.example.test/documents/g4242/Agenda frontsheet.pdf</url>
      <isrestricted>False</isrestricted></linkeddoc>
  </linkeddocuments>
  <agendaitems>
    <agendaitem>
      <agendaitemid>71</agendaitemid><agendaitemnumber>5.</agendaitemnumber>
      <agendaitemtitle>Budget Monitoring   Report</agendaitemtitle>
      <minutesitemnumber>112</minutesitemnumber><isdecision>True</isdecision>
      <linkeddocuments>
        <linkeddoc><attachmentid>9002</attachmentid><title>Report</title><url>mgConvert2PDF.aspx?ID=9002</url>
          <isrestricted>False</isrestricted></linkeddoc>
        <linkeddoc><attachmentid>9003</attachmentid><title>Exempt appendix</title>
          <url>mgConvert2PDF.aspx?ID=9003</url><isrestricted>True</isrestricted></linkeddoc>
      </linkeddocuments>
    </agendaitem>
    <agendaitem><agendaitemid>72</agendaitemid><agendaitemnumber>6.</agendaitemnumber>
      <agendaitemtitle>Any other business</agendaitemtitle><isdecision>False</isdecision></agendaitem>
  </agendaitems>
  <attendees>
    <attendee memberid="12" name="Councillor Ada Example" roledescription="Chair" attendance="Present"/>
    <attendee memberid="13" name="Councillor Bo Sample" roledescription="Member"
      attendance="Apologies"/>
  </attendees>
</meeting>"""


def test_meeting_detail_keeps_items_documents_attendees_and_flags():
    m = parse_meeting(MEETING_XML, base_url="http://democracy.example.test")
    assert (m.id, m.date, m.time, m.status) == (4242, date(2024, 3, 5), "19:00", "Confirmed")
    assert (m.agenda_published, m.minutes_published, m.decisions_published) == (True, False, True)
    assert [d.title for d in m.documents] == ["Agenda frontsheet"]
    item = m.items[0]
    assert (item.number, item.title, item.minutes_number, item.is_decision) == (
        "5.",
        "Budget Monitoring Report",
        "112",
        True,
    )
    assert [d.url for d in item.documents] == [
        "http://democracy.example.test/mgConvert2PDF.aspx?ID=9002",
        "http://democracy.example.test/mgConvert2PDF.aspx?ID=9003",
    ]
    assert item.documents[1].restricted
    assert [(a.name, a.role, a.attendance, a.member_id) for a in m.attendees] == [
        ("Councillor Ada Example", "Chair", "Present", 12),
        ("Councillor Bo Sample", "Member", "Apologies", 13),
    ]
    assert [(i.number if i else None, d.attachment_id) for i, d in m.all_documents()] == [
        (None, 9001),
        ("5.", 9002),
        ("5.", 9003),
    ]


def test_a_soap_envelope_and_namespaces_around_the_answer_are_ignored():
    wrapped = (
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
        '<GetMeetingResponse xmlns="http://moderngov.co.uk/namespaces"><GetMeetingResult>'
        + MEETING_XML.split("?>", 1)[1]
        + "</GetMeetingResult></GetMeetingResponse></soap:Body></soap:Envelope>"
    )
    assert parse_meeting(wrapped).id == 4242


def test_attendee_fields_may_be_child_elements():
    xml = (
        "<meeting><meetingid>1</meetingid><attendees><attendee><name>A Person</name>"
        "<roledescription>Vice-Chair</roledescription><attendance>Present, as substitute</attendance>"
        "</attendee></attendees></meeting>"
    )
    [a] = parse_meeting(xml).attendees
    assert (a.name, a.role, a.attendance) == ("A Person", "Vice-Chair", "Present, as substitute")


def test_committees_and_meetings_lists():
    committees = parse_committees(
        "<committees><committeescount>2</committeescount>"
        "<committee><committeeid>3</committeeid><committeetitle>Planning Committee</committeetitle>"
        "<committeedeleted>False</committeedeleted><committeeexpired>True</committeeexpired></committee>"
        "<committee><committeeid>x</committeeid><committeetitle>Broken</committeetitle></committee>"
        "</committees>"
    )
    assert [(c.id, c.title, c.expired) for c in committees] == [(3, "Planning Committee", True)]
    meetings = parse_meetings(
        "<getmeetings><committee><committeeid>3</committeeid><committeemeetings>"
        "<meeting><meetingid>10</meetingid><meetingdate>31/01/2025</meetingdate><meetingtime>10:30</meetingtime>"
        "<meetingstatus>Cancelled</meetingstatus></meeting>"
        "</committeemeetings></committee></getmeetings>"
    )
    assert [(m.id, m.committee_id, m.date, m.time, m.status) for m in meetings] == [
        (10, 3, date(2025, 1, 31), "10:30", "Cancelled")
    ]


def test_an_answer_that_is_not_a_meeting_is_an_error():
    with pytest.raises(ModernGovError):
        parse_meeting("<html><body>Service unavailable</body></html>")
    with pytest.raises(ModernGovError):
        parse_meeting("not xml at all")


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)))
def test_api_dates_round_trip(day):
    assert parse_api_date(api_date(day)) == day
    assert parse_api_date(f"{api_date(day)} 00:00:00") == day


def test_service_urls_tolerate_a_trailing_slash():
    assert service_url("https://x.test/", "GetCommittees") == "https://x.test/mgWebService.asmx/GetCommittees"


def test_client_against_the_stand_in_filters_meetings_by_date_itself(raw_pdfs):
    pack = StandInDocument(501, "Agenda pack", raw_pdfs / "oneSource-2020-02-07-kpi-q2-cover.pdf")
    report = StandInDocument(502, "Report", raw_pdfs / "oneSource-2019-07-12-minutes.pdf", relative=True)
    site = ModernGovStandIn(
        {7: "Example Committee"},
        [
            StandInMeeting(11, 7, date(2019, 7, 12), documents=[pack]),
            StandInMeeting(
                12, 7, date(2020, 2, 7), items=[StandInItem(1, "4", "Minutes", documents=[report])]
            ),
        ],
    )
    with site, Downloader(backoff=0) as http:
        client = ModernGovClient(site.base_url, http)
        assert [(c.id, c.title) for c in client.committees()] == [(7, "Example Committee")]
        # The stand-in, like some sites, returns the whole history whatever the range.
        found = client.meetings(7, date(2020, 1, 1), date(2020, 12, 31))
        assert [m.id for m in found] == [12]
        detail = client.meeting(12)
    assert detail.items[0].documents[0].url == f"{site.base_url}/mgConvert2PDF.aspx?ID=502"
    sent = [r.path for r in site.requests]
    assert (
        "/mgWebService.asmx/GetMeetings?lCommitteeId=7&sFromDate=01%2F01%2F2020&sToDate=31%2F12%2F2020"
        in sent
    )
