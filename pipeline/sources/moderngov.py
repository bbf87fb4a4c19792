"""A client for the public web service of ModernGov sites (``{base}/mgWebService.asmx``).

Most UK councils publish committee papers through ModernGov. Its ASP.NET web service
answers plain HTTP GET with XML; this module uses three operations:

* ``GetCommittees``: ``<committees>`` holding ``<committee>`` elements with
  ``committeeid``, ``committeetitle``, ``committeecategory``, ``committeedeleted``,
  ``committeeexpired``;
* ``GetMeetings?lCommitteeId=ID&sFromDate=dd/mm/yyyy&sToDate=dd/mm/yyyy``:
  ``<getmeetings><committee>...<committeemeetings>`` holding ``<meeting>`` elements
  with ``meetingid``, ``meetingdate`` (dd/mm/yyyy), ``meetingtime``,
  ``meetingstatus``, ``meetinglocation``, ``agendapublished``;
* ``GetMeeting?lMeetingId=ID``: one ``<meeting>`` with the same fields plus
  ``minutepublished``, ``decisionpublished``, ``<agendaitems>`` (each
  ``<agendaitem>``: ``agendaitemid``, ``agendaitemnumber``, ``agendaitemtitle``,
  ``minutesitemnumber``, ``isdecision`` and ``<linkeddocuments>`` of ``<linkeddoc>``:
  ``attachmentid``, ``title``, ``url``, ``isrestricted``, ``publicationdate``),
  ``<linkeddocuments>`` of the meeting itself (the agenda pack, printed minutes),
  and ``<attendees>`` of ``<attendee>`` whose ``memberid``, ``name``,
  ``roledescription`` and ``attendance`` are attributes.

Sites differ in the details, so parsing is lenient: elements are found by local
name wherever they sit (a SOAP envelope or namespace around them is ignored), an
attendee's fields may be attributes or child elements, booleans are "True"/"False"
in any case. Some installs ignore the date range of ``GetMeetings`` and return a
committee's whole history, so meetings are filtered by date here too. Document URLs
may be relative to the site, or plain http.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urljoin

from extractors.dates import parse_time
from pipeline.sources.download import Downloader

SERVICE = "mgWebService.asmx"


class ModernGovError(Exception):
    """The web service answered with something that is not the XML it should send."""


@dataclass(frozen=True)
class Committee:
    id: int
    title: str
    category: str | None = None
    deleted: bool = False
    expired: bool = False


@dataclass(frozen=True)
class MeetingSummary:
    """A meeting as ``GetMeetings`` lists it."""

    id: int
    committee_id: int | None
    date: date | None
    time: str | None
    status: str | None
    location: str | None
    agenda_published: bool | None


@dataclass(frozen=True)
class LinkedDocument:
    """A document linked from a meeting or one of its agenda items."""

    title: str
    url: str
    attachment_id: int | None = None
    restricted: bool = False
    publication_date: str | None = None


@dataclass(frozen=True)
class AgendaItem:
    id: int | None
    number: str | None
    title: str
    minutes_number: str | None
    is_decision: bool | None
    documents: tuple[LinkedDocument, ...] = ()


@dataclass(frozen=True)
class Attendee:
    name: str
    role: str | None
    attendance: str | None
    member_id: int | None = None


@dataclass(frozen=True)
class MeetingDetail:
    """Everything ``GetMeeting`` says about one meeting."""

    id: int
    committee_id: int | None
    committee_title: str | None
    date: date | None
    time: str | None
    status: str | None
    location: str | None
    agenda_published: bool | None
    minutes_published: bool | None
    decisions_published: bool | None
    items: tuple[AgendaItem, ...]
    documents: tuple[LinkedDocument, ...]
    """The meeting's own documents (not those of an agenda item)."""
    attendees: tuple[Attendee, ...]

    def all_documents(self) -> Iterator[tuple[AgendaItem | None, LinkedDocument]]:
        """The meeting's documents, then each agenda item's, with the item they belong to."""
        for doc in self.documents:
            yield None, doc
        for item in self.items:
            for doc in item.documents:
                yield item, doc


def service_url(base_url: str, operation: str) -> str:
    """The URL of a web-service operation of the site at ``base_url``."""
    return f"{base_url.rstrip('/')}/{SERVICE}/{operation}"


def api_date(day: date) -> str:
    """A date as the web service takes it: dd/mm/yyyy."""
    return day.strftime("%d/%m/%Y")


class ModernGovClient:
    """The web service of one ModernGov site, fetched through a :class:`Downloader`."""

    def __init__(self, base_url: str, downloader: Downloader):
        self.base_url = base_url.rstrip("/")
        self.downloader = downloader

    def committees(self) -> list[Committee]:
        """Every committee the site lists."""
        return parse_committees(self._get("GetCommittees", {}))

    def meetings(self, committee_id: int, start: date, end: date) -> list[MeetingSummary]:
        """A committee's meetings from ``start`` to ``end`` inclusive."""
        params = {"lCommitteeId": str(committee_id), "sFromDate": api_date(start), "sToDate": api_date(end)}
        found = parse_meetings(self._get("GetMeetings", params))
        # Some sites ignore the range and return every meeting the committee ever held.
        return [m for m in found if m.date is None or start <= m.date <= end]

    def meeting(self, meeting_id: int) -> MeetingDetail:
        """One meeting with its agenda items, documents and attendees; URLs made absolute."""
        return parse_meeting(self._get("GetMeeting", {"lMeetingId": str(meeting_id)}), base_url=self.base_url)

    def _get(self, operation: str, params: dict[str, str]) -> bytes:
        return self.downloader.get_bytes(service_url(self.base_url, operation), params=params)


def parse_committees(xml: bytes | str) -> list[Committee]:
    """The committees of a ``GetCommittees`` answer."""
    committees = []
    for el in _iter(_root(xml), "committee"):
        cid = _int(_text(el, "committeeid"))
        title = _text(el, "committeetitle")
        if cid is None or not title:
            continue
        committees.append(
            Committee(
                id=cid,
                title=title,
                category=_text(el, "committeecategory"),
                deleted=bool(_bool(_text(el, "committeedeleted"))),
                expired=bool(_bool(_text(el, "committeeexpired"))),
            )
        )
    return committees


def parse_meetings(xml: bytes | str) -> list[MeetingSummary]:
    """The meetings of a ``GetMeetings`` answer, each with the committee it is listed under."""
    root = _root(xml)
    meetings = []
    for committee in [*_iter(root, "committee")] or [root]:
        committee_id = _int(_text(committee, "committeeid"))
        for el in _iter(committee, "meeting"):
            mid = _int(_text(el, "meetingid"))
            if mid is None:
                continue
            meetings.append(
                MeetingSummary(
                    id=mid,
                    committee_id=committee_id,
                    date=parse_api_date(_text(el, "meetingdate")),
                    time=_time(_text(el, "meetingtime")),
                    status=_text(el, "meetingstatus"),
                    location=_text(el, "meetinglocation"),
                    agenda_published=_bool(_text(el, "agendapublished")),
                )
            )
    return meetings


def parse_meeting(xml: bytes | str, base_url: str | None = None) -> MeetingDetail:
    """The meeting of a ``GetMeeting`` answer; relative document URLs are joined to ``base_url``.

    Raises:
        ModernGovError: the answer holds no meeting.
    """
    root = _root(xml)
    meeting = root if _local(root.tag) == "meeting" else next(_iter(root, "meeting"), None)
    if meeting is None or _int(_text(meeting, "meetingid")) is None:
        raise ModernGovError("the answer holds no <meeting> with a <meetingid>")
    items_el = _child(meeting, "agendaitems")
    items = []
    for el in _iter(items_el, "agendaitem") if items_el is not None else ():
        items.append(
            AgendaItem(
                id=_int(_text(el, "agendaitemid")),
                number=_text(el, "agendaitemnumber"),
                title=_text(el, "agendaitemtitle") or "",
                minutes_number=_text(el, "minutesitemnumber"),
                is_decision=_bool(_text(el, "isdecision")),
                documents=_documents(_child(el, "linkeddocuments"), base_url),
            )
        )
    attendees_el = _child(meeting, "attendees")
    attendees = [
        a
        for el in (_iter(attendees_el, "attendee") if attendees_el is not None else ())
        if (a := _attendee(el)) is not None
    ]
    minutes_published = _text(meeting, "minutepublished") or _text(meeting, "isminutepublished")
    return MeetingDetail(
        id=_int(_text(meeting, "meetingid")),
        committee_id=_int(_text(meeting, "committeeid")),
        committee_title=_text(meeting, "committeetitle") or _text(meeting, "committeename"),
        date=parse_api_date(_text(meeting, "meetingdate")),
        time=_time(_text(meeting, "meetingtime")),
        status=_text(meeting, "meetingstatus"),
        location=_text(meeting, "meetinglocation"),
        agenda_published=_bool(_text(meeting, "agendapublished")),
        minutes_published=_bool(minutes_published),
        decisions_published=_bool(_text(meeting, "decisionpublished")),
        items=tuple(items),
        documents=_documents(_child(meeting, "linkeddocuments"), base_url),
        attendees=tuple(attendees),
    )


def parse_api_date(value: str | None) -> date | None:
    """A web-service date: "dd/mm/yyyy", possibly followed by a time, or ISO "yyyy-mm-dd"."""
    if not value:
        return None
    head = value.strip().split()[0].split("T")[0]
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y"):
        try:
            return datetime.strptime(head, fmt).date()
        except ValueError:
            continue
    return None


def _documents(container: ET.Element | None, base_url: str | None) -> tuple[LinkedDocument, ...]:
    if container is None:
        return ()
    docs = []
    for el in _iter(container, "linkeddoc"):
        url = _text(el, "url")
        if not url:
            continue
        if base_url:
            url = urljoin(base_url.rstrip("/") + "/", url)
        docs.append(
            LinkedDocument(
                title=_text(el, "title") or url.rsplit("/", 1)[-1],
                url=url,
                attachment_id=_int(_text(el, "attachmentid")),
                restricted=bool(_bool(_text(el, "isrestricted"))),
                publication_date=_text(el, "publicationdate"),
            )
        )
    return tuple(docs)


def _attendee(el: ET.Element) -> Attendee | None:
    def field(name: str) -> str | None:
        """An attribute (any case), else a child element, of this name."""
        value = next((v for k, v in el.attrib.items() if k.casefold() == name), None)
        if value is None:
            return _text(el, name)
        return value.strip() or None

    name = field("name") or field("fullusername")
    if not name:
        return None
    return Attendee(
        name=name,
        role=field("roledescription") or field("role"),
        attendance=field("attendance"),
        member_id=_int(field("memberid")),
    )


def _root(xml: bytes | str) -> ET.Element:
    try:
        return ET.fromstring(xml)
    except ET.ParseError as exc:
        raise ModernGovError(f"not XML: {exc}") from exc


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].casefold()


def _iter(el: ET.Element, name: str) -> Iterator[ET.Element]:
    """Descendants named ``name`` (any namespace), not looking inside a match."""
    for child in el:
        if _local(child.tag) == name:
            yield child
        else:
            yield from _iter(child, name)


def _child(el: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in el if _local(c.tag) == name), None)


def _text(el: ET.Element, name: str) -> str | None:
    child = _child(el, name)
    if child is None or child.text is None:
        return None
    return " ".join(child.text.split()) or None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _bool(value: str | None) -> bool | None:
    if value is None:
        return None
    folded = value.strip().casefold()
    if folded in ("true", "1", "yes"):
        return True
    if folded in ("false", "0", "no"):
        return False
    return None


def _time(value: str | None) -> str | None:
    return parse_time(value) if value else None
