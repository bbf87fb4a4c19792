"""Export the database as JSON: one ``NAME.json`` per source PDF, in the corpus format.

Records are read back from the database (:mod:`pipeline.readback`), so an export
shows exactly what the database holds. NAME is the source PDF's file stem.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pipeline.readback import read_extraction
from schemas import sql
from schemas.records import DocumentExtraction, Table


def _number(text: str | None) -> int | str | None:
    """Item numbers as the corpus gives them: plain numbers as integers."""
    if text is None:
        return None
    return int(text) if text.isdigit() else text


def _dump(record: Any, exclude: set[str] = frozenset()) -> dict[str, Any]:
    return record.model_dump(mode="json", exclude={"prov", *exclude})


def to_json(ex: DocumentExtraction) -> dict[str, Any]:
    """One document's records in the corpus JSON format."""
    meta = ex.document
    document: dict[str, Any] = {
        "file": ex.file,
        "sha256": ex.sha256,
        "page_count": ex.page_count,
        "committee": meta.committee if meta else None,
        "meeting_date": meta.meeting_date.isoformat() if meta and meta.meeting_date else None,
        "meeting_time": meta.meeting_time if meta else None,
        "venue": meta.venue if meta else None,
    }
    if ex.scanned:
        document["scanned"] = True
    return {
        "document": document,
        "members": [_dump(m, {"role"}) for m in ex.members],
        "agenda_items": [{**_dump(a), "number": _number(a.number)} for a in ex.agenda_items],
        "sections": [
            {**_dump(s, {"printed_page_start", "printed_page_end"}), "agenda_item": _number(s.agenda_item)}
            for s in ex.sections
        ],
        "minutes": [
            {
                **_dump(m, {"items"}),
                "items": [
                    {
                        **_dump(i, {"decisions"}),
                        "number": _number(i.number),
                        "decisions": [d.text for d in i.decisions],
                    }
                    for i in m.items
                ],
            }
            for m in ex.minutes
        ],
        "reports": [_dump(r) for r in ex.reports],
        "tables": [_table(t) for t in ex.tables],
        "kpis": [_dump(k, {"target_comparator", "actual_comparator"}) for k in ex.kpis],
        "kpi_series": [_dump(p) for p in ex.kpi_series],
        "actions": [_dump(a) for a in ex.actions],
        "financial_cells": [_dump(f) for f in ex.financial_cells],
        "inconsistencies": [
            {
                **_dump(f, {"locations"}),
                "locations": [loc.model_dump(mode="json", exclude_none=True) for loc in f.locations],
            }
            for f in ex.inconsistencies
        ],
    }


def _table(t: Table) -> dict[str, Any]:
    return {
        "id": t.id,
        "kind": t.kind,
        "pdf_page": t.pdf_page,
        "pages": t.pages,
        "section_title": t.section_title,
        "header": t.header,
        "rows": t.rows,
        "spans": [s.model_dump() for s in t.spans],
    }


def export_all(engine: Engine, out_dir: Path) -> list[Path]:
    """Write ``NAME.json`` for every document in the database; returns the files written.

    When several versions of a file (same name, different bytes) were loaded, the
    one seen most recently is exported under the plain name.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    with Session(engine) as session:
        docs = session.execute(
            select(sql.Document.sha256, sql.Document.file_name)
            .join(sql.SourceFile, sql.SourceFile.sha256 == sql.Document.sha256)
            .order_by(sql.SourceFile.last_seen.desc(), sql.Document.file_name)
        ).all()
        for sha256, file_name in docs:
            stem = Path(file_name).stem
            name = stem if stem not in written else f"{stem}.{sha256[:12]}"
            ex = read_extraction(session, sha256)
            if ex is None:
                continue
            path = out_dir / f"{name}.json"
            path.write_text(json.dumps(to_json(ex), indent=1, ensure_ascii=False), encoding="utf-8")
            written[name] = path
    return list(written.values())
