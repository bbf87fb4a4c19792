"""A local stand-in for a ModernGov site, for tests: its web service's XML and its documents.

It listens on 127.0.0.1 (a thread of ``http.server``) and answers the three web-service
operations the client uses, shaped as ModernGov sends them, plus the document URLs
the meetings link to (absolute ``documents/...`` paths and relative
``mgConvert2PDF.aspx?ID=`` links). Documents carry ``ETag`` and ``Last-Modified`` and
answer conditional requests with 304. Like some real installs, ``GetMeetings``
ignores its date range unless told otherwise. Every request is logged, and faults can
be injected: a dropped connection (an I/O error) or an error status.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse
from xml.sax.saxutils import escape, quoteattr

LAST_MODIFIED = 1_570_000_000  # a fixed time for every document, so tests are repeatable


@dataclass
class StandInDocument:
    attachment_id: int
    title: str
    file: Path
    relative: bool = False
    """Link it as ``mgConvert2PDF.aspx?ID=`` (relative) rather than an absolute documents/ URL."""
    restricted: bool = False


@dataclass
class StandInItem:
    id: int
    number: str
    title: str
    minutes_number: str | None = None
    is_decision: bool = False
    documents: list[StandInDocument] = field(default_factory=list)


@dataclass
class StandInMeeting:
    id: int
    committee_id: int
    date: date
    time: str = "10.00 am"
    status: str = "Confirmed"
    location: str | None = None
    documents: list[StandInDocument] = field(default_factory=list)
    items: list[StandInItem] = field(default_factory=list)
    attendees: list[tuple[str, str, str]] = field(default_factory=list)
    """(name, role, attendance)."""
    minutes_published: bool = False


@dataclass
class Request:
    path: str
    status: int
    headers: dict[str, str]


class ModernGovStandIn:
    """The stand-in site; use as a context manager, or :meth:`start` and :meth:`stop`."""

    def __init__(self, committees: dict[int, str], meetings: list[StandInMeeting] | None = None):
        self.committees = committees
        self.meetings = list(meetings or [])
        self.requests: list[Request] = []
        self.drop: dict[str, int] = {}
        """Path prefix -> how many more requests to it to drop without an answer."""
        self.fail: dict[str, int] = {}
        """Path prefix -> the HTTP status to answer requests to it with."""
        self.truncate: dict[str, int] = {}
        """Path prefix -> how many more answers to it to break off halfway through the body."""
        self.delay: dict[str, float] = {}
        """Path prefix -> seconds to wait before answering."""
        self.validators = True
        self.honour_dates = False
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> ModernGovStandIn:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> ModernGovStandIn:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def publish(self, meeting: StandInMeeting) -> None:
        """A new meeting appears on the site."""
        with self._lock:
            self.meetings.append(meeting)

    def document_downloads(self) -> list[Request]:
        """Requests for documents answered with a body (200)."""
        return [r for r in self.requests if _is_document(r.path) and r.status == 200]

    def not_modified(self) -> list[Request]:
        return [r for r in self.requests if r.status == 304]

    def url_of(self, doc: StandInDocument) -> str:
        if doc.relative:
            return f"mgConvert2PDF.aspx?ID={doc.attachment_id}"
        return f"{self.base_url}/documents/s{doc.attachment_id}/{quote(doc.file.name)}"

    # -- answers -------------------------------------------------------------------

    def committees_xml(self) -> str:
        body = "".join(
            f"<committee><committeeid>{cid}</committeeid><committeetitle>{escape(title)}</committeetitle>"
            "<committeecategory>Committees</committeecategory><committeedeleted>False</committeedeleted>"
            "<committeeexpired>False</committeeexpired></committee>"
            for cid, title in self.committees.items()
        )
        return f"<committees><committeescount>{len(self.committees)}</committeescount>{body}</committees>"

    def meetings_xml(self, committee_id: int, start: date | None, end: date | None) -> str:
        with self._lock:
            listed = [m for m in self.meetings if m.committee_id == committee_id]
        if self.honour_dates and start and end:
            listed = [m for m in listed if start <= m.date <= end]
        body = "".join(
            f"<meeting><meetingid>{m.id}</meetingid><meetingdate>{m.date:%d/%m/%Y}</meetingdate>"
            f"<meetingtime>{escape(m.time)}</meetingtime><meetingstatus>{m.status}</meetingstatus>"
            f"<meetinglocation>{escape(m.location or '')}</meetinglocation>"
            f"<agendapublished>{bool(m.documents or m.items)}</agendapublished></meeting>"
            for m in listed
        )
        title = escape(self.committees.get(committee_id, ""))
        return (
            f"<getmeetings><committee><committeeid>{committee_id}</committeeid>"
            f"<committeetitle>{title}</committeetitle><committeemeetings>{body}</committeemeetings>"
            "</committee></getmeetings>"
        )

    def meeting_xml(self, meeting_id: int) -> str | None:
        with self._lock:
            m = next((m for m in self.meetings if m.id == meeting_id), None)
        if m is None:
            return None
        items = "".join(
            f"<agendaitem><agendaitemid>{i.id}</agendaitemid><agendaitemnumber>{i.number}</agendaitemnumber>"
            f"<agendaitemtitle>{escape(i.title)}</agendaitemtitle>"
            f"<minutesitemnumber>{i.minutes_number or ''}</minutesitemnumber>"
            f"<isdecision>{i.is_decision}</isdecision>{self._docs_xml(i.documents)}</agendaitem>"
            for i in m.items
        )
        attendees = "".join(
            f"<attendee memberid={quoteattr(str(n))} name={quoteattr(name)} "
            f"roledescription={quoteattr(role)} attendance={quoteattr(attendance)}/>"
            for n, (name, role, attendance) in enumerate(m.attendees, start=1)
        )
        return (
            f"<meeting><meetingid>{m.id}</meetingid><meetingdate>{m.date:%d/%m/%Y}</meetingdate>"
            f"<meetingtime>{escape(m.time)}</meetingtime><meetingstatus>{m.status}</meetingstatus>"
            f"<meetinglocation>{escape(m.location or '')}</meetinglocation>"
            f"<agendapublished>{bool(m.documents or m.items)}</agendapublished>"
            f"<minutepublished>{m.minutes_published}</minutepublished><decisionpublished>False</decisionpublished>"
            f"{self._docs_xml(m.documents)}<agendaitems>{items}</agendaitems><attendees>{attendees}</attendees>"
            "</meeting>"
        )

    def _docs_xml(self, docs: list[StandInDocument]) -> str:
        body = "".join(
            f"<linkeddoc><attachmentid>{d.attachment_id}</attachmentid><title>{escape(d.title)}</title>"
            f"<url>{escape(self.url_of(d))}</url><isrestricted>{d.restricted}</isrestricted>"
            "<publicationdate>01/07/2019</publicationdate></linkeddoc>"
            for d in docs
        )
        return f"<linkeddocuments>{body}</linkeddocuments>"

    def document(self, path: str, query: dict[str, list[str]]) -> StandInDocument | None:
        if path.startswith("/documents/s"):
            wanted = path.split("/")[2][1:]
        elif path.casefold() == "/mgconvert2pdf.aspx":
            wanted = (query.get("ID") or [""])[0]
        else:
            return None
        with self._lock:
            docs = [
                d for m in self.meetings for d in [*m.documents, *(d for i in m.items for d in i.documents)]
            ]
        return next((d for d in docs if str(d.attachment_id) == wanted), None)


def _is_document(path: str) -> bool:
    return path.startswith("/documents/") or path.casefold().startswith("/mgconvert2pdf.aspx")


def _handler(site: ModernGovStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            url = urlparse(self.path)
            for prefix, remaining in list(site.drop.items()):
                if remaining and url.path.startswith(prefix):
                    site.drop[prefix] = remaining - 1
                    site.requests.append(Request(self.path, 0, dict(self.headers)))
                    self.close_connection = True
                    return
            pause = next((s for prefix, s in site.delay.items() if url.path.startswith(prefix)), 0)
            if pause:
                time.sleep(pause)
            status = next((s for prefix, s in site.fail.items() if url.path.startswith(prefix)), None)
            if status:
                return self._send(status, b"error", "text/plain")
            query = parse_qs(url.query)
            operation = url.path.rsplit("/", 1)[-1]
            if url.path.casefold().startswith("/mgwebservice.asmx/"):
                return self._service(operation, query)
            doc = site.document(url.path, query)
            if doc is None:
                return self._send(404, b"not found", "text/plain")
            return self._document(doc)

        def _service(self, operation: str, query: dict[str, list[str]]) -> None:
            def arg(name: str) -> str:
                return (query.get(name) or [""])[0]

            if operation == "GetCommittees":
                xml = site.committees_xml()
            elif operation == "GetMeetings":
                xml = site.meetings_xml(
                    int(arg("lCommitteeId")), _date(arg("sFromDate")), _date(arg("sToDate"))
                )
            elif operation == "GetMeeting":
                xml = site.meeting_xml(int(arg("lMeetingId")))
                if xml is None:
                    return self._send(500, b"meeting not found", "text/plain")
            else:
                return self._send(500, b"unknown operation", "text/plain")
            body = ('<?xml version="1.0" encoding="utf-8"?>\n' + xml).encode()
            self._send(200, body, "text/xml; charset=utf-8")

        def _document(self, doc: StandInDocument) -> None:
            data = doc.file.read_bytes()
            headers = {}
            if site.validators:
                etag = '"' + hashlib.sha256(data).hexdigest()[:20] + '"'
                headers = {"ETag": etag, "Last-Modified": formatdate(LAST_MODIFIED, usegmt=True)}
                # If-None-Match, when sent, decides alone (RFC 9110 13.2.2).
                asked = self.headers.get("If-None-Match")
                fresh = (
                    asked == etag
                    if asked is not None
                    else _not_modified_since(self.headers.get("If-Modified-Since"))
                )
                if fresh:
                    return self._send(304, b"", None, headers)
            self._send(200, data, "application/pdf", headers)

        def _send(
            self, status: int, body: bytes, kind: str | None, headers: dict[str, str] | None = None
        ) -> None:
            site.requests.append(Request(self.path, status, dict(self.headers)))
            self.send_response(status)
            if kind:
                self.send_header("Content-Type", kind)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status == 304:
                return
            path = urlparse(self.path).path
            for prefix, remaining in list(site.truncate.items()):
                if remaining and path.startswith(prefix):
                    site.truncate[prefix] = remaining - 1
                    self.wfile.write(body[: len(body) // 2])
                    self.close_connection = True
                    return
            self.wfile.write(body)

    return Handler


def _date(value: str) -> date | None:
    try:
        day, month, year = (int(x) for x in value.split("/"))
        return date(year, month, day)
    except ValueError:
        return None


def _not_modified_since(value: str | None) -> bool:
    if not value:
        return False
    try:
        return parsedate_to_datetime(value).timestamp() >= LAST_MODIFIED
    except (TypeError, ValueError):
        return False
