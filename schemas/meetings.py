"""SQL tables for meetings across documents, and for what council websites say about them.

Two kinds of rows live here:

* what a ModernGov site's web service published (``api_*`` tables): its meetings,
  their agenda items, linked documents (with the sha256 of each file once
  downloaded) and attendees, kept beside what the PDFs say;
* meetings as entities (``meetings``: a committee on a date), the document each PDF
  is for (``document_meetings``), the earlier meeting each set of minutes records
  (``minutes_meetings``) and the agenda items and reports each minute item is about
  (``minute_item_links``). These are derived rows that ``pipeline.query.meetings`` rebuilds
  idempotently from the documents and the API metadata.

Full-text search over minute items and decisions is a SQLite FTS5 table each, kept
in step by triggers, or, on PostgreSQL, a GIN index on ``to_tsvector``; all are created by the Alembic
migrations and named in :data:`SEARCH_OBJECTS` so schema comparisons can leave them out.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from schemas.sql import Base

MINUTE_ITEMS_FTS = "minute_items_fts"
"""The SQLite FTS5 table indexing minute items' titles and text."""

MINUTE_ITEMS_TSV_INDEX = "ix_minute_items_tsv"
"""The PostgreSQL GIN index over minute items' titles and text."""

DECISIONS_FTS = "decisions_fts"
"""The SQLite FTS5 table indexing decisions' text."""

DECISIONS_TSV_INDEX = "ix_decisions_tsv"
"""The PostgreSQL GIN index over decisions' text."""

SEARCH_OBJECTS = frozenset({MINUTE_ITEMS_FTS, MINUTE_ITEMS_TSV_INDEX, DECISIONS_FTS, DECISIONS_TSV_INDEX})


def include_name(name: str | None, type_: str, parent_names: dict) -> bool:
    """Alembic filter: compare everything but the full-text search objects and FTS5's shadow tables."""
    if name is None:
        return True
    return not any(name == obj or name.startswith(f"{obj}_") for obj in SEARCH_OBJECTS)


class ApiMeeting(Base):
    """A meeting as a ModernGov web service lists it."""

    __tablename__ = "api_meetings"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    site: Mapped[str] = mapped_column(Text)
    council: Mapped[str | None] = mapped_column(String(200))
    meeting_id: Mapped[int] = mapped_column(Integer, index=True)
    committee_id: Mapped[int | None] = mapped_column(Integer)
    committee_title: Mapped[str | None] = mapped_column(String(300))
    meeting_date: Mapped[date | None] = mapped_column(Date, index=True)
    meeting_time: Mapped[str | None] = mapped_column(String(5))
    status: Mapped[str | None] = mapped_column(String(60))
    location: Mapped[str | None] = mapped_column(Text)
    agenda_published: Mapped[bool | None] = mapped_column(Boolean)
    minutes_published: Mapped[bool | None] = mapped_column(Boolean)
    decisions_published: Mapped[bool | None] = mapped_column(Boolean)
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ApiAgendaItem(Base):
    """An agenda item of an API meeting."""

    __tablename__ = "api_agenda_items"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    api_meeting_id: Mapped[str] = mapped_column(ForeignKey("api_meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[int | None] = mapped_column(Integer)
    number: Mapped[str | None] = mapped_column(String(20))
    minutes_number: Mapped[str | None] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Text)
    is_decision: Mapped[bool | None] = mapped_column(Boolean)


class ApiDocument(Base):
    """A document an API meeting links to, and the file it gave when downloaded."""

    __tablename__ = "api_documents"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    api_meeting_id: Mapped[str] = mapped_column(ForeignKey("api_meetings.id", ondelete="CASCADE"), index=True)
    api_agenda_item_id: Mapped[str | None] = mapped_column(
        ForeignKey("api_agenda_items.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    attachment_id: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(Text)
    restricted: Mapped[bool] = mapped_column(Boolean, default=False)
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    status: Mapped[str | None] = mapped_column(String(20))  # downloaded | unchanged | skipped | failed
    reason: Mapped[str | None] = mapped_column(Text)


class ApiAttendee(Base):
    """A member listed for an API meeting, with their role and attendance."""

    __tablename__ = "api_attendees"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    api_meeting_id: Mapped[str] = mapped_column(ForeignKey("api_meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    member_id: Mapped[int | None] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(200))
    attendance: Mapped[str | None] = mapped_column(String(60))


class Meeting(Base):
    """A meeting as an entity: a committee on a date, from the PDFs and the API together.

    ``scope`` is the council label of the source the evidence came from ("" when the
    files came without one). ``disagreements`` lists the fields where the API
    metadata and the PDF differ: ``{"field", "pdf", "api", "sha256"}``.
    """

    __tablename__ = "meetings"
    __table_args__ = (Index("ix_meetings_committee_date", "committee_key", "meeting_date"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    scope: Mapped[str] = mapped_column(String(200), default="")
    committee: Mapped[str] = mapped_column(String(300))
    committee_key: Mapped[str] = mapped_column(String(300))
    meeting_date: Mapped[date] = mapped_column(Date)
    meeting_time: Mapped[str | None] = mapped_column(String(5))
    venue: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(String(60))
    api_meeting_ref: Mapped[str | None] = mapped_column(ForeignKey("api_meetings.id", ondelete="SET NULL"))
    sources: Mapped[list] = mapped_column(JSON)
    disagreements: Mapped[list] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DocumentMeeting(Base):
    """The meeting a PDF is for (an agenda pack's meeting, a report's, a set of minutes')."""

    __tablename__ = "document_meetings"

    sha256: Mapped[str] = mapped_column(ForeignKey("documents.sha256", ondelete="CASCADE"), primary_key=True)
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    method: Mapped[str] = mapped_column(String(10))  # api | pdf


class MinutesMeeting(Base):
    """The meeting a set of minutes records (often an earlier one than its pack's)."""

    __tablename__ = "minutes_meetings"

    minutes_id: Mapped[str] = mapped_column(ForeignKey("minutes.id", ondelete="CASCADE"), primary_key=True)
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)


class MinuteItemLink(Base):
    """A minute item matched to the agenda item (and report) of the meeting it records."""

    __tablename__ = "minute_item_links"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    minute_item_id: Mapped[str] = mapped_column(ForeignKey("minute_items.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    agenda_item_id: Mapped[str | None] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"))
    api_agenda_item_id: Mapped[str | None] = mapped_column(
        ForeignKey("api_agenda_items.id", ondelete="CASCADE")
    )
    report_id: Mapped[str | None] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    method: Mapped[str] = mapped_column(String(10))  # number | title
    score: Mapped[float] = mapped_column(Float)
