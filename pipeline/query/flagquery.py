"""Inconsistency flags from the database, as flat rows for a table, JSON or CSV.

Each row is one flag with its document, kind, severity, rule and version, the pages
it concerns, what was expected and found, and its evidence written out on one line
("p6 "Wigan non-shared (£0.125m)"; p9 T002 row 'Non-Shared'").
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Engine, or_, select
from sqlalchemy.orm import Session

from pipeline.query.status import document_errors
from schemas import sql

FLAG_COLUMNS = (
    "document",
    "kind",
    "severity",
    "pages",
    "description",
    "expected",
    "found",
    "evidence",
    "rule",
    "rule_version",
    "sha256",
    "id",
)
"""The columns of a flag row, in display order."""

_BATCH = 500
"""Ids per ``IN (...)`` list: well under the bound variables SQLite allows in one statement."""


def evidence(
    locations: list[dict[str, Any]], sha256: str | None = None, names: dict[str, str] | None = None
) -> str:
    """Locations written out: page, table and row, quoted text; "; " between them.

    A location in another document than ``sha256`` (the flag's own) names that document:
    by its file name when ``names`` (sha256 -> file name) has it.
    """
    parts = []
    for loc in locations:
        bits = [f"p{loc['pdf_page']}"] if loc.get("pdf_page") is not None else []
        if loc.get("table"):
            bits.append(loc["table"])
        if loc.get("row_label"):
            bits.append(f"row '{loc['row_label']}'")
        if loc.get("text"):
            bits.append(f"“{loc['text']}”")
        if (other := loc.get("document_sha256")) and other != sha256:
            name = (names or {}).get(other)
            bits.append(f"(in {name} {other[:12]})" if name else f"(document {other[:12]})")
        parts.append(" ".join(bits))
    return "; ".join(parts)


def _pages(locations: list[dict[str, Any]]) -> list[int]:
    return sorted({loc["pdf_page"] for loc in locations if loc.get("pdf_page") is not None})


def _names_document(document: str) -> ColumnElement[bool]:
    """Documents whose file name contains ``document`` (any case) or whose sha256 starts with it."""
    doc = sql.Document
    pattern = document.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    conditions = [doc.file_name.ilike(f"%{pattern}%", escape="\\")]
    if len(document) >= 6 and all(c in "0123456789abcdefABCDEF" for c in document):
        conditions.append(doc.sha256.startswith(document.lower()))
    return or_(*conditions)


def find_documents(engine: Engine, document: str | None = None) -> list[tuple[str, str]]:
    """``(sha256, file name)`` of the documents ``document`` names (as :func:`list_flags` reads it).

    None gives every document in the database, ordered by file name.
    """
    query = select(sql.Document.sha256, sql.Document.file_name).order_by(sql.Document.file_name)
    if document:
        query = query.where(_names_document(document))
    with Session(engine) as session:
        return [(sha, name) for sha, name in session.execute(query)]


def list_flags(engine: Engine, kind: str | None = None, document: str | None = None) -> list[dict[str, Any]]:
    """Flags stored in the database, optionally of one kind and for one document.

    Args:
        engine: the database.
        kind: a flag kind ("total_mismatch", "narrative_vs_table", ...), or None for all.
        document: part of a document's file name (any case), or its sha256 or a
            prefix of it (at least 6 characters); None for all documents.

    Returns:
        One dict per flag with the keys of :data:`FLAG_COLUMNS`, ordered by document,
        first page and kind. Every value is a string (``expected``/``found`` may be None);
        ``pages`` lists the pages ", " between them.
    """
    return [
        {**row, "pages": ", ".join(str(p) for p in row["pages"])}
        for row in _flags(engine, kind, document, structured=False)
    ]


def flag_records(
    engine: Engine, kind: str | None = None, document: str | None = None
) -> list[dict[str, Any]]:
    """The flags of :func:`list_flags` for other programs: ``pages`` a list of numbers, and
    ``locations`` each place with its document, page, table (``table_ref`` and
    ``table_label``), row, text and ``bbox`` ([x0, top, x1, bottom] in PDF points, or None).
    """
    return _flags(engine, kind, document, structured=True)


def _flags(engine: Engine, kind: str | None, document: str | None, structured: bool) -> list[dict[str, Any]]:
    flag, doc = sql.InconsistencyRow, sql.Document
    query = select(flag, doc.file_name).join(doc, doc.sha256 == flag.sha256)
    if kind:
        query = query.where(flag.kind == kind)
    if document:
        query = query.where(_names_document(document))
    query = query.order_by(doc.file_name, flag.pdf_page, flag.kind, flag.position)
    rows: list[dict[str, Any]] = []
    with Session(engine) as session:
        names = dict(session.execute(select(doc.sha256, doc.file_name)).all())
        found = list(session.execute(query))
        places = _locations(session, [row.id for row, _ in found], names) if structured else {}
        for row, file_name in found:
            locations = list(row.locations or [])
            rows.append(
                {
                    "document": file_name,
                    "kind": row.kind,
                    "severity": row.severity,
                    "pages": _pages(locations),
                    "description": row.description,
                    "expected": row.expected,
                    "found": row.found,
                    "evidence": evidence(locations, row.sha256, names),
                    "rule": row.rule,
                    "rule_version": row.rule_version,
                    "sha256": row.sha256,
                    "id": row.id,
                    **({"locations": places.get(row.id, [])} if structured else {}),
                }
            )
    return rows


def _locations(session: Session, flag_ids: list[str], names: dict[str, str]) -> dict[str, list[dict]]:
    """Each flag's locations from ``flag_locations``, in order."""
    loc = sql.FlagLocationRow
    out: dict[str, list[dict]] = {}
    for start in range(0, len(flag_ids), _BATCH):
        query = select(loc).where(loc.flag_id.in_(flag_ids[start : start + _BATCH])).order_by(loc.position)
        for r in session.scalars(query):
            box = [r.bbox_x0, r.bbox_top, r.bbox_x1, r.bbox_bottom] if r.bbox_x0 is not None else None
            out.setdefault(r.flag_id, []).append(
                {
                    "document": names.get(r.document_sha256),
                    "sha256": r.document_sha256,
                    "pdf_page": r.pdf_page,
                    "table_ref": r.table_ref,
                    "table_label": r.table_label,
                    "row_label": r.row_label,
                    "text": r.text,
                    "bbox": box,
                }
            )
    return out


def partial_documents(engine: Engine, document: str | None = None) -> list[tuple[str, list[str]]]:
    """Documents an extractor or rule failed on (named like ``document``, if given), with their errors."""
    query = (
        select(sql.Document.sha256, sql.Document.file_name)
        .join(sql.SourceFile, sql.SourceFile.sha256 == sql.Document.sha256)
        .where(sql.SourceFile.status == "partial")
    )
    if document:
        query = query.where(_names_document(document))
    with Session(engine) as session:
        found = list(session.execute(query.order_by(sql.Document.file_name)))
    return [(name, document_errors(engine, sha256)) for sha256, name in found]
