"""Poll one ModernGov site: record what its web service says, download the documents that are new.

For each followed committee, the meetings from ``days_back`` ago to ``days_ahead``
ahead are listed; for each meeting the detail (agenda items, documents, attendees,
published flags) is stored in the ``api_*`` tables, one transaction per meeting, and
its documents are fetched (see :mod:`pipeline.sources.download`). The files that
arrive are returned with their origins for the batch to ingest; the sha256 of every
document is written beside its API record so each PDF can be tied to its meeting.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlparse

from sqlalchemy import Connection, Engine, delete, select, update

from pipeline.ingest import Origin
from pipeline.load import row_id, upsert
from pipeline.sources.config import ModernGovSite, names_committee
from pipeline.sources.download import Downloader, DownloadError, Fetched, previous_download, safe_file_name
from pipeline.sources.moderngov import (
    AgendaItem,
    Committee,
    LinkedDocument,
    MeetingDetail,
    MeetingSummary,
    ModernGovClient,
    ModernGovError,
)
from schemas.meetings import ApiAgendaItem, ApiAttendee, ApiDocument, ApiMeeting

NOT_PDF = frozenset(
    [
        ".doc",
        ".docx",
        ".xls",
        ".xlsx",
        ".ppt",
        ".pptx",
        ".odt",
        ".ods",
        ".rtf",
        ".txt",
        ".csv",
        ".jpg",
        ".jpeg",
        ".png",
        ".gif",
        ".zip",
        ".mp3",
        ".mp4",
    ]
)
"""Extensions of linked documents that are not PDFs (ModernGov links Word, Excel and media files too)."""


@dataclass(frozen=True)
class Download:
    """A downloaded file and the origin to record when it is ingested."""

    path: Path
    origin: Origin
    sha256: str


@dataclass
class SiteReport:
    """What polling one site found and did."""

    site: str
    committees: int = 0
    meetings: int = 0
    api_meeting_ids: list[str] = field(default_factory=list)
    downloads: list[Download] = field(default_factory=list)
    unchanged: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    """(what, why) for each request that failed: a committee's listing, a meeting, a document."""
    warnings: list[str] = field(default_factory=list)
    """What the configuration asks for that the site does not have: a committee it does not list."""
    fetched: dict[str, Fetched] = field(default_factory=dict, repr=False)
    """This poll's answer for each document URL, so a URL linked twice is asked for once."""

    def line(self) -> str:
        return (
            f"{self.site}: {self.meetings} meetings of {self.committees} committees; "
            f"{len(self.downloads)} downloaded, {self.unchanged} unchanged, {self.skipped} skipped, "
            f"{len(self.failed)} failed"
        )

    def failures(self) -> list[str]:
        """A line for each request that failed, saying why."""
        return [f"{self.site}: {what}: {why}" for what, why in self.failed]


def fetch_site(
    engine: Engine,
    site: ModernGovSite,
    downloads: Path,
    *,
    today: date | None = None,
    downloader: Downloader | None = None,
) -> SiteReport:
    """Record a site's meetings and download their new documents into ``downloads``.

    A request that fails is reported and the poll goes on with the rest; the next
    poll tries again (nothing is recorded as fetched until it has been).
    """
    today = today or date.today()
    start, end = today - timedelta(days=site.days_back), today + timedelta(days=site.days_ahead)
    report = SiteReport(site.name)
    own = downloader is None
    downloader = downloader or Downloader(
        timeout=site.timeout, retries=site.retries, user_agent=site.user_agent
    )
    try:
        client = ModernGovClient(site.base_url, downloader)
        try:
            listed = client.committees()
        except (DownloadError, ModernGovError) as exc:
            report.failed.append(("the list of committees", str(exc)))
            return report
        committees = [
            c
            for c in listed
            if site.follows(c.id, c.title) and (site.committees or not (c.deleted or c.expired))
        ]
        report.warnings.extend(unlisted_committees(site, listed))
        report.committees = len(committees)
        for committee in committees:
            try:
                summaries = client.meetings(committee.id, start, end)
            except (DownloadError, ModernGovError) as exc:
                report.failed.append((f"meetings of {committee.title}", str(exc)))
                continue
            for summary in summaries:
                _poll_meeting(engine, site, client, committee.id, committee.title, summary, downloads, report)
    finally:
        if own:
            downloader.close()
    return report


NEAR_TITLES = 3
"""How many of a site's committee titles are named beside one the configuration asks for in vain."""
NEAR_CUTOFF = 0.75
"""How alike (difflib's ratio, 0 to 1) a site's committee title must be to a wanted one to be named:
titles share words ("Committee"), so only a near spelling of the whole counts."""


def unlisted_committees(site: ModernGovSite, listed: Sequence[Committee]) -> list[str]:
    """A warning for each committee the configuration names that the site does not list, with the
    site's titles that are spelled most like it."""
    warnings = []
    for wanted in site.committees:
        if any(names_committee(wanted, c.id, c.title) for c in listed):
            continue
        if isinstance(wanted, int):
            warnings.append(f"{site.name}: the site lists no committee with id {wanted}")
            continue
        titles = {c.title.casefold(): c.title for c in listed}
        near = difflib.get_close_matches(wanted.casefold(), list(titles), n=NEAR_TITLES, cutoff=NEAR_CUTOFF)
        hint = f"; the nearest are: {', '.join(titles[n] for n in near)}" if near else ""
        warnings.append(f"{site.name}: the site lists no committee titled {wanted!r}{hint}")
    return warnings


def _poll_meeting(
    engine: Engine,
    site: ModernGovSite,
    client: ModernGovClient,
    committee_id: int,
    committee_title: str,
    summary: MeetingSummary,
    downloads: Path,
    report: SiteReport,
) -> None:
    try:
        detail = client.meeting(summary.id)
    except (DownloadError, ModernGovError) as exc:
        report.failed.append((f"meeting {summary.id} of {committee_title}", str(exc)))
        return
    api_id = store_meeting(engine, site, committee_id, committee_title, detail, summary)
    report.meetings += 1
    report.api_meeting_ids.append(api_id)
    for _, doc in chosen_documents(detail, site.documents):
        doc_id = _document_id(api_id, doc)
        reason = _skip_reason(doc)
        if reason:
            report.skipped += 1
            _record(engine, doc_id, status="skipped", reason=reason)
            continue
        if doc.url in report.fetched:
            fetched = report.fetched[doc.url]
            _record(engine, doc_id, status=fetched.status, sha256=fetched.sha256)
            continue
        try:
            fetched = client.downloader.download(
                doc.url, downloads, previous_download(engine, doc.url), name=document_file_name(doc)
            )
        except DownloadError as exc:
            report.failed.append((doc.url, exc.reason))
            _record(engine, doc_id, status="failed", reason=exc.reason)
            continue
        report.fetched[doc.url] = fetched
        _record(engine, doc_id, status=fetched.status, sha256=fetched.sha256)
        if fetched.status == "unchanged":
            report.unchanged += 1
        else:
            report.downloads.append(_download(fetched))


def chosen_documents(detail: MeetingDetail, choice: str) -> list[tuple[AgendaItem | None, LinkedDocument]]:
    """The documents of a meeting to download: its own (the pack) when it has any, or all of them."""
    docs = list(detail.all_documents())
    if choice == "packs" and detail.documents:
        docs = [(item, doc) for item, doc in docs if item is None]
    seen: set[str] = set()
    unique = []
    for item, doc in docs:
        if doc.url not in seen:
            seen.add(doc.url)
            unique.append((item, doc))
    return unique


def document_file_name(doc: LinkedDocument) -> str:
    """The name a downloaded document is ingested under: the URL's own, else its title and attachment id.

    ModernGov serves many documents through ``mgConvert2PDF.aspx?ID=...``, a name that
    says nothing; the title the meeting gives them does.
    """
    name = unquote(PurePosixPath(urlparse(doc.url).path).name)
    if name.casefold().endswith(".pdf"):
        return safe_file_name(name)
    suffix = f" {doc.attachment_id}" if doc.attachment_id is not None else ""
    return safe_file_name(f"{doc.title}{suffix}")


def _skip_reason(doc: LinkedDocument) -> str | None:
    if doc.restricted:
        return "restricted (not for publication)"
    suffix = PurePosixPath(urlparse(doc.url).path).suffix.casefold()
    if suffix in NOT_PDF:
        return f"not a PDF ({suffix})"
    return None


def _download(fetched: Fetched) -> Download:
    return Download(fetched.path, Origin(fetched.url, fetched.etag, fetched.last_modified), fetched.sha256)


def api_meeting_id(base_url: str, meeting_id: int) -> str:
    """The stable id of a site's meeting in ``api_meetings``."""
    return row_id("api_meeting", base_url.rstrip("/"), meeting_id)


def _document_id(api_id: str, doc: LinkedDocument) -> str:
    return row_id(api_id, "doc", doc.url)


def store_meeting(
    engine: Engine,
    site: ModernGovSite,
    committee_id: int | None,
    committee_title: str | None,
    detail: MeetingDetail,
    summary: MeetingSummary | None = None,
) -> str:
    """Write what the web service says about a meeting (one transaction); returns its ``api_meetings`` id.

    Agenda items, documents and attendees the service no longer lists are removed;
    documents still listed keep the sha256 and status of their last download.
    """
    api_id = api_meeting_id(site.base_url, detail.id)
    meeting = {
        "id": api_id,
        "site": site.base_url,
        "council": site.council,
        "meeting_id": detail.id,
        "committee_id": detail.committee_id or committee_id,
        "committee_title": detail.committee_title or committee_title,
        "meeting_date": detail.date or (summary.date if summary else None),
        "meeting_time": detail.time or (summary.time if summary else None),
        "status": detail.status or (summary.status if summary else None),
        "location": detail.location or (summary.location if summary else None),
        "agenda_published": _first(detail.agenda_published, summary.agenda_published if summary else None),
        "minutes_published": detail.minutes_published,
        "decisions_published": detail.decisions_published,
        "fetched_at": datetime.now(UTC),
    }
    items = []
    item_ids: dict[int, str] = {}
    for position, item in enumerate(detail.items):
        item_id = row_id(api_id, "item", item.id if item.id is not None else f"#{position}")
        item_ids[id(item)] = item_id
        items.append(
            {
                "id": item_id,
                "api_meeting_id": api_id,
                "position": position,
                "item_id": item.id,
                "number": item.number,
                "minutes_number": item.minutes_number,
                "title": item.title,
                "is_decision": item.is_decision,
            }
        )
    documents = []
    for position, (item, doc) in enumerate(detail.all_documents()):
        doc_id = _document_id(api_id, doc)
        if any(d["id"] == doc_id for d in documents):
            continue
        documents.append(
            {
                "id": doc_id,
                "api_meeting_id": api_id,
                "api_agenda_item_id": item_ids[id(item)] if item is not None else None,
                "position": position,
                "attachment_id": doc.attachment_id,
                "title": doc.title,
                "url": doc.url,
                "restricted": doc.restricted,
            }
        )
    attendees = [
        {
            "id": row_id(api_id, "attendee", position, a.member_id, a.name),
            "api_meeting_id": api_id,
            "position": position,
            "member_id": a.member_id,
            "name": a.name,
            "role": a.role,
            "attendance": a.attendance,
        }
        for position, a in enumerate(detail.attendees)
    ]
    with engine.begin() as conn:
        upsert(conn, ApiMeeting.__table__, [meeting])
        for model, rows in ((ApiAttendee, attendees), (ApiDocument, documents), (ApiAgendaItem, items)):
            _delete_unlisted(conn, model, api_id, {r["id"] for r in rows})
        for model, rows in ((ApiAgendaItem, items), (ApiDocument, documents), (ApiAttendee, attendees)):
            upsert(conn, model.__table__, rows)
    return api_id


def _delete_unlisted(conn: Connection, model: Any, api_id: str, keep: set[str]) -> None:
    listed = set(conn.scalars(select(model.id).where(model.api_meeting_id == api_id)))
    stale = sorted(listed - keep)
    if stale:
        conn.execute(delete(model).where(model.id.in_(stale)))


def _record(engine: Engine, doc_id: str, **values: Any) -> None:
    values.setdefault("reason", None)
    with engine.begin() as conn:
        conn.execute(update(ApiDocument).where(ApiDocument.id == doc_id).values(**values))


def _first(*values: Any) -> Any:
    return next((v for v in values if v is not None), None)


def downloaded_files(reports: Sequence[SiteReport]) -> list[Download]:
    """Every file the reports downloaded, once each (the same file may be linked from two meetings)."""
    seen: dict[Path, Download] = {}
    for report in reports:
        for d in report.downloads:
            seen.setdefault(d.path, d)
    return list(seen.values())
