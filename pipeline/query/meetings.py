"""Meetings as entities, and the links from documents and minutes to them.

A meeting is a committee on a date. The evidence for one comes from the PDFs (an
agenda front sheet, a report heading, a minutes heading) and, for files downloaded
from a ModernGov site, from the web service's metadata kept beside them. Linking:

* each document is for one meeting: the API meeting it was downloaded for, else
  the committee and date its first page prints (``document_meetings``);
* each set of minutes records a meeting: the committee of the document holding it
  and the date in its heading; minutes printed in a later agenda pack therefore
  land on the earlier meeting's record (``minutes_meetings``);
* each minute item is matched to that meeting's agenda items (by the minutes number
  the API gives, else by title) and through them to the reports printed for those
  items (``minute_item_links``);
* where the API and a PDF disagree about a meeting's committee, date, time or venue,
  the meeting carries a ``disagreements`` entry for each field.

Meeting ids are stable hashes of (scope, committee, date), where the scope is the
council label of the source the evidence came from ("" for files given without
one). Evidence without a scope joins the one meeting of that committee and date
when there is exactly one, so a folder of PDFs and a ModernGov site describing the
same meeting meet on one record.

Everything here is derived: :func:`link_meetings` rebuilds the links of the
documents and API meetings it is given, in one transaction (which also marks their
pending ``link`` work done), and running it again changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, select, text, update

from pipeline.load import clear_pending, row_id, upsert
from schemas import sql
from schemas.meetings import (
    ApiAgendaItem,
    ApiDocument,
    ApiMeeting,
    DocumentMeeting,
    Meeting,
    MinuteItemLink,
    MinutesMeeting,
)

TITLE_MATCH = 0.5
"""Least title similarity (Jaccard over content words) for a minute item to match an agenda item."""

_LOCK_KEY = 0x4D45_4554  # PostgreSQL advisory lock serialising meeting linking
_STOPWORDS = frozenset(["a", "an", "and", "of", "the", "to", "for", "on", "in", "at", "by", "with", "from"])
_WORD = re.compile(r"[a-z0-9]+(?:/[a-z0-9]+)?")


def committee_key(name: str) -> str:
    """A committee name in comparable form: case, punctuation, "&" and a leading "The" ignored."""
    words = re.sub(r"&", " and ", name.casefold())
    words = re.sub(r"[^\w\s]", " ", words).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def meeting_id(scope: str, committee: str, meeting_date: date) -> str:
    """The stable id of a committee's meeting on a date."""
    return row_id("meeting", scope, committee_key(committee), meeting_date.isoformat())


def title_words(title: str) -> frozenset[str]:
    """The content words of a title, for matching titles printed slightly differently."""
    return frozenset(w for w in _WORD.findall(title.casefold()) if w not in _STOPWORDS)


def title_similarity(a: str, b: str) -> float:
    """Jaccard similarity of two titles' content words (1.0 when one's words contain the other's)."""
    wa, wb = title_words(a), title_words(b)
    if not wa or not wb:
        return 0.0
    if wa <= wb or wb <= wa:
        return 1.0 if wa == wb else max(0.8, len(wa & wb) / len(wa | wb))
    return len(wa & wb) / len(wa | wb)


def _number_key(number: str | None) -> str:
    return re.sub(r"[\s.()]", "", (number or "").casefold())


def _venue_key(venue: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", venue.casefold()).split())


@dataclass
class LinkSummary:
    """What a linking pass touched."""

    meetings: int = 0
    documents: int = 0
    minutes: int = 0
    item_links: int = 0


@dataclass
class _Identity:
    scope: str
    committee: str
    meeting_date: date
    method: str  # api | pdf
    api_meeting: Any | None = None


@dataclass
class _Pass:
    """State of one linking pass inside its transaction."""

    conn: Connection
    now: datetime
    touched: set[str] = field(default_factory=set)
    summary: LinkSummary = field(default_factory=LinkSummary)


def link_meetings(
    engine: Engine,
    sha256s: Iterable[str] | None = None,
    api_meeting_ids: Iterable[str] | None = None,
) -> LinkSummary:
    """Rebuild meetings and their links for the given documents and API meetings (all when both are None).

    Args:
        engine: the database.
        sha256s: documents whose links to rebuild.
        api_meeting_ids: ids of ``api_meetings`` rows whose meetings to rebuild.
    """
    everything = sha256s is None and api_meeting_ids is None
    with engine.begin() as conn:
        _serialise(conn)
        if everything:
            shas = set(conn.scalars(select(sql.Document.sha256)))
            api_ids = set(conn.scalars(select(ApiMeeting.id)))
        else:
            shas, api_ids = set(sha256s or ()), set(api_meeting_ids or ())
        shas |= set(
            conn.scalars(
                select(sql.Document.sha256)
                .join(ApiDocument, ApiDocument.sha256 == sql.Document.sha256)
                .where(ApiDocument.api_meeting_id.in_(api_ids))
            )
        )
        state = _Pass(conn, datetime.now(UTC))
        for api in conn.execute(select(ApiMeeting).where(ApiMeeting.id.in_(api_ids))).all():
            if api.meeting_date and api.committee_title:
                identity = _Identity(api.council or "", api.committee_title, api.meeting_date, "api", api)
                _resolve(state, identity)
        for sha in sorted(shas):
            _link_document(state, sha)
        _rebuild_meetings(state)
        clear_pending(conn, "link", shas, state.now)
    return state.summary


def _serialise(conn: Connection) -> None:
    """Make concurrent linking passes take turns, so two never create the same meeting twice."""
    # SQLite needs nothing more: the engine begins every transaction IMMEDIATE, taking
    # the database's write lock (pipeline.db).
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})


def _resolve(state: _Pass, identity: _Identity) -> str:
    """The id of the meeting this evidence is about, creating the meeting if need be."""
    conn = state.conn
    key = committee_key(identity.committee)
    candidates = conn.execute(
        select(Meeting.id, Meeting.scope).where(
            Meeting.committee_key == key, Meeting.meeting_date == identity.meeting_date
        )
    ).all()
    scope = identity.scope
    chosen = next((c.id for c in candidates if c.scope == scope), None)
    if chosen is None and not scope and len(candidates) == 1:
        chosen = candidates[0].id
    if chosen is None and scope:
        unscoped = [c for c in candidates if c.scope == ""]
        if len(unscoped) == 1 and all(c.scope in ("", scope) for c in candidates):
            chosen = unscoped[0].id
            conn.execute(update(Meeting).where(Meeting.id == chosen).values(scope=scope))
    if chosen is None:
        chosen = meeting_id(scope, identity.committee, identity.meeting_date)
        upsert(
            conn,
            Meeting.__table__,
            [
                {
                    "id": chosen,
                    "scope": scope,
                    "committee": identity.committee,
                    "committee_key": key,
                    "meeting_date": identity.meeting_date,
                    "sources": [],
                    "disagreements": [],
                    "updated_at": state.now,
                }
            ],
        )
    if identity.api_meeting is not None:
        conn.execute(
            update(Meeting).where(Meeting.id == chosen).values(api_meeting_ref=identity.api_meeting.id)
        )
    state.touched.add(chosen)
    return chosen


def _document_identity(conn: Connection, sha256: str) -> _Identity | None:
    """The meeting a document is for: its API meeting, else the committee and date it prints."""
    api = conn.execute(
        select(ApiMeeting)
        .join(ApiDocument, ApiDocument.api_meeting_id == ApiMeeting.id)
        .where(ApiDocument.sha256 == sha256, ApiMeeting.meeting_date.is_not(None))
        .order_by(ApiDocument.api_agenda_item_id.is_not(None), ApiMeeting.meeting_date, ApiMeeting.id)
    ).first()
    doc = conn.execute(select(sql.Document).where(sql.Document.sha256 == sha256)).first()
    if api is not None and api.committee_title:
        return _Identity(api.council or "", api.committee_title, api.meeting_date, "api", api)
    if doc is not None and doc.committee and doc.meeting_date:
        return _Identity("", doc.committee, doc.meeting_date, "pdf")
    return None


def _link_document(state: _Pass, sha256: str) -> None:
    conn = state.conn
    doc = conn.execute(select(sql.Document).where(sql.Document.sha256 == sha256)).first()
    previous = set(conn.scalars(select(DocumentMeeting.meeting_id).where(DocumentMeeting.sha256 == sha256)))
    previous |= set(conn.scalars(select(MinutesMeeting.meeting_id).where(MinutesMeeting.sha256 == sha256)))
    state.touched |= previous
    conn.execute(delete(DocumentMeeting).where(DocumentMeeting.sha256 == sha256))
    conn.execute(delete(MinutesMeeting).where(MinutesMeeting.sha256 == sha256))
    if doc is None:
        return
    identity = _document_identity(conn, sha256)
    if identity is not None:
        meeting = _resolve(state, identity)
        upsert(
            conn,
            DocumentMeeting.__table__,
            [{"sha256": sha256, "meeting_id": meeting, "method": identity.method}],
        )
        state.summary.documents += 1
    committee = identity.committee if identity else doc.committee
    scope = identity.scope if identity else ""
    if not committee:
        return
    for minutes in conn.execute(
        select(sql.MinutesRow.id, sql.MinutesRow.meeting_date).where(sql.MinutesRow.sha256 == sha256)
    ).all():
        if minutes.meeting_date is None:
            continue
        recorded = _resolve(state, _Identity(scope, committee, minutes.meeting_date, "pdf"))
        upsert(
            conn,
            MinutesMeeting.__table__,
            [{"minutes_id": minutes.id, "meeting_id": recorded, "sha256": sha256}],
        )
        state.summary.minutes += 1


def _first_kinds(conn: Connection, shas: Sequence[str]) -> dict[str, str]:
    """Each document's first section kind: an agenda pack, minutes, a report..."""
    kinds: dict[str, str] = {}
    for row in conn.execute(
        select(sql.SectionRow.sha256, sql.SectionRow.kind)
        .where(sql.SectionRow.sha256.in_(shas))
        .order_by(sql.SectionRow.sha256, sql.SectionRow.pdf_page_start)
    ):
        kinds.setdefault(row.sha256, row.kind)
    return kinds


def _rebuild_meetings(state: _Pass) -> None:
    """Recompute each touched meeting from its evidence; drop meetings left without any."""
    conn = state.conn
    # Evidence also goes when a document is deleted (its links cascade), so look everywhere.
    conn.execute(
        delete(Meeting).where(
            Meeting.api_meeting_ref.is_(None),
            Meeting.id.not_in(select(DocumentMeeting.meeting_id)),
            Meeting.id.not_in(select(MinutesMeeting.meeting_id)),
        )
    )
    for mid in sorted(state.touched):
        meeting = conn.execute(select(Meeting).where(Meeting.id == mid)).first()
        if meeting is None:
            continue
        docs = conn.execute(
            select(sql.Document)
            .join(DocumentMeeting, DocumentMeeting.sha256 == sql.Document.sha256)
            .where(DocumentMeeting.meeting_id == mid)
            .order_by(sql.Document.sha256)
        ).all()
        minutes = conn.execute(
            select(sql.MinutesRow, sql.Document.committee.label("document_committee"))
            .join(MinutesMeeting, MinutesMeeting.minutes_id == sql.MinutesRow.id)
            .join(sql.Document, sql.Document.sha256 == sql.MinutesRow.sha256)
            .where(MinutesMeeting.meeting_id == mid)
            .order_by(sql.MinutesRow.id)
        ).all()
        api = None
        if meeting.api_meeting_ref:
            api = conn.execute(select(ApiMeeting).where(ApiMeeting.id == meeting.api_meeting_ref)).first()
        kinds = _first_kinds(conn, [d.sha256 for d in docs])
        papers = [d for d in docs if kinds.get(d.sha256) != "minutes"]
        conn.execute(
            update(Meeting)
            .where(Meeting.id == mid)
            .values(**_meeting_fields(meeting, api, docs, papers, minutes, kinds), updated_at=state.now)
        )
        state.summary.meetings += 1
        _link_items(state, mid, api, docs, kinds, minutes)


def _meeting_fields(
    meeting: Any, api: Any, docs: list, papers: list, minutes: list, kinds: dict[str, str]
) -> dict[str, Any]:
    """A meeting's committee, time, venue and status, the kinds of evidence, and where sources disagree.

    Each value comes from the best evidence that has it, whatever order the evidence
    arrived in: the website, then the meeting's own papers, then its minutes.
    """

    def first(values: Iterable[Any]) -> Any:
        return next((v for v in values if v), None)

    committee = (
        (api.committee_title if api else None)
        or first(d.committee for d in papers)
        or first(d.committee for d in docs)
        or first(m.document_committee for m in minutes)
        or meeting.committee
    )
    sources = {"api"} if api else set()
    sources |= {kinds.get(d.sha256, "document") for d in papers}
    if minutes:
        sources.add("minutes")
    disagreements = []
    if api is not None:
        for d in papers:
            disagreements.extend(_disagreements(api, d))
    return {
        "committee": committee,
        "meeting_time": (api.meeting_time if api else None)
        or first(d.meeting_time for d in papers)
        or first(m.start_time for m in minutes),
        "venue": (api.location if api else None)
        or first(d.venue for d in papers)
        or first(m.venue for m in minutes),
        "status": api.status if api else None,
        "sources": sorted(sources),
        "disagreements": disagreements,
    }


def _disagreements(api: Any, doc: Any) -> list[dict[str, str]]:
    """The fields on which the API's metadata and what the PDF prints differ."""
    pairs = []
    if (
        api.committee_title
        and doc.committee
        and committee_key(api.committee_title) != committee_key(doc.committee)
    ):
        pairs.append(("committee", doc.committee, api.committee_title))
    if api.meeting_date and doc.meeting_date and api.meeting_date != doc.meeting_date:
        pairs.append(("date", doc.meeting_date.isoformat(), api.meeting_date.isoformat()))
    if api.meeting_time and doc.meeting_time and api.meeting_time != doc.meeting_time:
        pairs.append(("time", doc.meeting_time, api.meeting_time))
    if api.location and doc.venue:
        a, b = _venue_key(api.location), _venue_key(doc.venue)
        if a not in b and b not in a:
            pairs.append(("venue", doc.venue, api.location))
    return [{"field": f, "pdf": pdf, "api": value, "sha256": doc.sha256} for f, pdf, value in pairs]


def _link_items(state: _Pass, mid: str, api: Any, docs: list, kinds: dict[str, str], minutes: list) -> None:
    """Match the minute items recording meeting ``mid`` to its agenda items and reports."""
    conn = state.conn
    items = conn.execute(
        select(sql.MinuteItemRow)
        .where(sql.MinuteItemRow.minutes_id.in_([m.id for m in minutes]))
        .order_by(sql.MinuteItemRow.minutes_id, sql.MinuteItemRow.position)
    ).all()
    conn.execute(delete(MinuteItemLink).where(MinuteItemLink.meeting_id == mid))
    if not items:
        return
    agenda_shas = [d.sha256 for d in docs if kinds.get(d.sha256) == "agenda"]
    agenda = conn.execute(
        select(sql.AgendaItemRow)
        .where(sql.AgendaItemRow.sha256.in_(agenda_shas))
        .order_by(sql.AgendaItemRow.id)
    ).all()
    api_items = []
    if api is not None:
        api_items = conn.execute(
            select(ApiAgendaItem)
            .where(ApiAgendaItem.api_meeting_id == api.id)
            .order_by(ApiAgendaItem.position)
        ).all()
    report_docs = [d.sha256 for d in docs if kinds.get(d.sha256) == "report"]
    standalone_reports = conn.execute(
        select(sql.ReportRow).where(sql.ReportRow.sha256.in_(report_docs)).order_by(sql.ReportRow.id)
    ).all()
    rows = []
    for item in items:
        link: dict[str, Any] = {}
        api_item, method, score = _match_api_item(item, api_items)
        if api_item is not None:
            link["api_agenda_item_id"] = api_item.id
        agenda_item, agenda_score = _best(item.title, agenda, lambda a: a.title)
        if agenda_item is not None:
            link["agenda_item_id"] = agenda_item.id
            link["report_id"] = _report_for(conn, agenda_item)
            if api_item is None:
                method, score = "title", agenda_score
        if link.get("report_id") is None:
            report, report_score = _best(item.title, standalone_reports, lambda r: r.title)
            if report is not None:
                link["report_id"] = report.id
                if not link.get("agenda_item_id") and api_item is None:
                    method, score = "title", report_score
        if not link:
            continue
        rows.append(
            {
                "id": row_id(item.id, "link", mid),
                "minute_item_id": item.id,
                "meeting_id": mid,
                "agenda_item_id": link.get("agenda_item_id"),
                "api_agenda_item_id": link.get("api_agenda_item_id"),
                "report_id": link.get("report_id"),
                "method": method,
                "score": round(score, 3),
            }
        )
    upsert(conn, MinuteItemLink.__table__, rows)
    state.summary.item_links += len(rows)


def _match_api_item(item: Any, api_items: list) -> tuple[Any, str, float]:
    """The API agenda item a minute item records: same minutes number, else the closest title."""
    number = _number_key(item.number)
    if number:
        for candidate in api_items:
            if _number_key(candidate.minutes_number) == number:
                return candidate, "number", 1.0
    best, score = _best(item.title, api_items, lambda a: a.title)
    return best, "title", score


def _best(title: str, candidates: list, title_of) -> tuple[Any, float]:
    """The candidate whose title is most like ``title``, if it is like enough."""
    best, best_score = None, 0.0
    for candidate in candidates:
        score = title_similarity(title, title_of(candidate) or "")
        if score > best_score:
            best, best_score = candidate, score
    if best_score < TITLE_MATCH:
        return None, 0.0
    return best, best_score


def _report_for(conn: Connection, agenda_item: Any) -> str | None:
    """The report printed for an agenda item of a pack (the report section the agenda links to it)."""
    section = conn.execute(
        select(sql.SectionRow.pdf_page_start, sql.SectionRow.pdf_page_end)
        .where(
            sql.SectionRow.sha256 == agenda_item.sha256,
            sql.SectionRow.kind == "report",
            sql.SectionRow.agenda_item == agenda_item.number,
        )
        .order_by(sql.SectionRow.pdf_page_start)
    ).first()
    if section is None:
        return None
    return conn.scalar(
        select(sql.ReportRow.id)
        .where(
            sql.ReportRow.sha256 == agenda_item.sha256,
            sql.ReportRow.pdf_page_start >= section.pdf_page_start,
            sql.ReportRow.pdf_page_start <= section.pdf_page_end,
        )
        .order_by(sql.ReportRow.pdf_page_start)
    )
