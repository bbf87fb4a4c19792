"""What the database holds, summarised for people."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from schemas import sql


@dataclass(frozen=True)
class DocumentStatus:
    file_name: str
    committee: str | None
    meeting: str | None
    pages: int
    sections: int
    tables: int
    flags: int


@dataclass(frozen=True)
class DatabaseStatus:
    documents: list[DocumentStatus]
    counts: dict[str, int]
    quarantined: list[tuple[str, str | None]]
    partial: list[tuple[str, list[str]]]
    """Documents an extractor or rule failed on, with their errors."""


def document_errors(engine: Engine, sha256: str) -> list[str]:
    """Each extraction error of a document in a line: what was lost, by which extractor, and why."""
    with Session(engine) as session:
        return errors_of(session, sha256)


def errors_of(session: Session, sha256: str) -> list[str]:
    """:func:`document_errors`, read in an open session."""
    rows = session.scalars(
        select(sql.ExtractionErrorRow)
        .where(sql.ExtractionErrorRow.sha256 == sha256)
        .order_by(sql.ExtractionErrorRow.stage, sql.ExtractionErrorRow.position)
    )
    return [f"{e.extractor} {e.extractor_version} lost {e.element}: {e.error}" for e in rows]


def database_status(engine: Engine) -> DatabaseStatus:
    """Documents with their sizes, row counts per table, and quarantined files."""
    with Session(engine) as session:

        def per_document(model) -> dict[str, int]:
            return dict(session.execute(select(model.sha256, func.count()).group_by(model.sha256)).all())

        sections = per_document(sql.SectionRow)
        tables = per_document(sql.TableRow)
        flags = per_document(sql.InconsistencyRow)
        documents = [
            DocumentStatus(
                file_name=d.file_name,
                committee=d.committee,
                meeting=" ".join(
                    x for x in (d.meeting_date and d.meeting_date.isoformat(), d.meeting_time) if x
                )
                or None,
                pages=d.page_count,
                sections=sections.get(d.sha256, 0),
                tables=tables.get(d.sha256, 0),
                flags=flags.get(d.sha256, 0),
            )
            for d in session.scalars(select(sql.Document).order_by(sql.Document.file_name))
        ]
        counts = {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in [sql.SourceFile, sql.Document, *sql.EXTRACTED_TABLES]
        }
        quarantined = [
            (f.file_name, f.reason)
            for f in session.scalars(select(sql.SourceFile).where(sql.SourceFile.status == "quarantined"))
        ]
        partial = [
            (f.file_name, errors_of(session, f.sha256))
            for f in session.scalars(select(sql.SourceFile).where(sql.SourceFile.status == "partial"))
        ]
    return DatabaseStatus(documents, counts, quarantined, partial)
