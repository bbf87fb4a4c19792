"""Extractions built in tests: minutes, agenda packs and reports as the extractors would give them.

``load(engine, extraction)`` records the source file and loads the extraction, as
the batch does, so meeting and search tests can start from known database content.
``sample_extraction(name)`` runs the real extractors once per process on a sample PDF.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from pipeline.extract import extract_pdf, segment_pdf
from pipeline.load import load_document
from pipeline.pdf.pdfpages import sha256_of
from schemas import sql
from schemas.records import (
    AgendaItem,
    Decision,
    DocumentExtraction,
    DocumentMeta,
    MinuteItem,
    Minutes,
    Provenance,
    Report,
    Section,
)

RAW_PDFS = Path(__file__).resolve().parents[1] / "raw_pdfs"


def sha_of(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


def prov(sha: str, page: int = 1) -> Provenance:
    return Provenance(sha256=sha, pdf_page=page, extractor="test", extractor_version="1")


def item(number: str, title: str, text: str, decisions: list[tuple[str, str]] = ()) -> MinuteItem:
    """A minute item; ``decisions`` are (kind, sentence). The document it is put in stamps its provenance."""
    return MinuteItem(
        number=number,
        title=title,
        text=text,
        decisions=[Decision(kind=k, text=t, prov=prov("")) for k, t in decisions],
        prov=prov(""),
    )


def _stamped(items: list[MinuteItem] | None, sha: str, page: int = 1) -> list[MinuteItem]:
    return [
        i.model_copy(
            update={
                "prov": prov(sha, page),
                "decisions": [d.model_copy(update={"prov": prov(sha, page)}) for d in i.decisions],
            }
        )
        for i in items or []
    ]


def minutes_doc(
    name: str,
    committee: str,
    held: date,
    items: list[MinuteItem] | None = None,
    time: str | None = "10:00",
    venue: str | None = "Town Hall",
) -> DocumentExtraction:
    """A PDF holding one set of minutes; its document date is the meeting's."""
    sha = sha_of(name)
    return DocumentExtraction(
        file=name,
        sha256=sha,
        page_count=2,
        document=DocumentMeta(
            committee=committee, meeting_date=held, meeting_time=time, venue=venue, prov=prov(sha)
        ),
        sections=[Section(kind="minutes", title="Minutes", pdf_page_start=1, pdf_page_end=2, prov=prov(sha))],
        minutes=[
            Minutes(
                meeting_date=held, venue=venue, start_time=time, items=_stamped(items, sha), prov=prov(sha)
            ),
        ],
    )


def pack_doc(
    name: str,
    committee: str,
    held: date,
    agenda: list[tuple[str, str]] = (),
    reports: list[tuple[str, str]] = (),
    minutes_of: date | None = None,
    minute_items: list[MinuteItem] | None = None,
    time: str | None = "10:00",
    venue: str | None = "Town Hall",
) -> DocumentExtraction:
    """An agenda pack: front sheet with ``agenda`` (number, title), then the earlier minutes, then
    one report per (agenda number, title) in ``reports``."""
    sha = sha_of(name)
    sections = [Section(kind="agenda", title="Agenda", pdf_page_start=1, pdf_page_end=1, prov=prov(sha))]
    minutes = []
    page = 2
    if minutes_of is not None:
        sections.append(
            Section(kind="minutes", title="Minutes", pdf_page_start=page, pdf_page_end=page, prov=prov(sha))
        )
        minutes.append(
            Minutes(meeting_date=minutes_of, items=_stamped(minute_items, sha, page), prov=prov(sha, page))
        )
        page += 1
    report_records = []
    for number, title in reports:
        sections.append(
            Section(
                kind="report",
                title=title,
                pdf_page_start=page,
                pdf_page_end=page,
                agenda_item=number,
                prov=prov(sha),
            )
        )
        report_records.append(
            Report(title=title, meeting_date=held, pdf_page_start=page, prov=prov(sha, page))
        )
        page += 1
    return DocumentExtraction(
        file=name,
        sha256=sha,
        page_count=page - 1,
        document=DocumentMeta(
            committee=committee, meeting_date=held, meeting_time=time, venue=venue, prov=prov(sha)
        ),
        agenda_items=[AgendaItem(number=n, title=t, prov=prov(sha)) for n, t in agenda],
        sections=sections,
        minutes=minutes,
        reports=report_records,
    )


def load(engine: Engine, extraction: DocumentExtraction) -> str:
    """Record the file and load its extraction; returns its sha256."""
    now = datetime.now(UTC)
    with Session(engine) as session, session.begin():
        if session.get(sql.SourceFile, extraction.sha256) is None:
            session.add(
                sql.SourceFile(
                    sha256=extraction.sha256,
                    file_name=extraction.file,
                    size=1,
                    first_seen=now,
                    last_seen=now,
                    status="pending",
                )
            )
    load_document(engine, extraction)
    return extraction.sha256


@cache
def sample_extraction(name: str) -> DocumentExtraction:
    """What the extractors find in a sample PDF of ``raw_pdfs/`` (computed once per process)."""
    path = RAW_PDFS / name
    return extract_pdf(path, segment_pdf(path, sha256_of(path)))
