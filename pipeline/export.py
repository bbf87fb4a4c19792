"""Export the database for other tools.

* :func:`export_all`: one ``NAME.json`` per source PDF, in the corpus format. Records
  are read back from the database (:mod:`pipeline.readback`), so an export shows
  exactly what the database holds. NAME is the source PDF's file stem; a stem too long
  for a file system is cut and given a prefix of the file's SHA-256 (:func:`export_name`).
* :func:`export_tables`: every table and view as CSV (with a byte-order mark), JSON or Parquet.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Engine, Float, Integer, String, inspect, select, text
from sqlalchemy.orm import Session

from pipeline.readback import read_extraction
from pipeline.storage import writing_to
from schemas import sql
from schemas.records import DocumentExtraction, Table

MAX_NAME_BYTES = 200
"""Bytes of an exported file's name: under the 255 most file systems allow, with room for
the suffix a tool adds when it writes beside it (".part", ".tmp")."""
SHA_PREFIX = 12
"""Hex digits of the SHA-256 that tell two documents of one name (or one cut name) apart."""


def export_name(stem: str, sha256: str, suffix: str = ".json", *, taken: bool = False) -> str:
    """The file name a document named ``stem`` is exported under: ``stem`` + ``suffix`` when it fits
    in :data:`MAX_NAME_BYTES`; else (or when ``taken`` by another document) a SHA-256 prefix
    is added, the stem cut on a character to make room."""
    tail = f".{sha256[:SHA_PREFIX]}{suffix}" if taken else suffix
    if len(f"{stem}{tail}".encode()) <= MAX_NAME_BYTES:
        return f"{stem}{tail}"
    tail = f".{sha256[:SHA_PREFIX]}{suffix}"
    cut = stem.encode()[: MAX_NAME_BYTES - len(tail.encode())].decode("utf-8", "ignore")
    return f"{cut}{tail}"


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
    written: dict[str, Path] = {}
    with writing_to(out_dir), Session(engine) as session:
        out_dir.mkdir(parents=True, exist_ok=True)
        docs = session.execute(
            select(sql.Document.sha256, sql.Document.file_name)
            .join(sql.SourceFile, sql.SourceFile.sha256 == sql.Document.sha256)
            .order_by(sql.SourceFile.last_seen.desc(), sql.Document.file_name)
        ).all()
        for sha256, file_name in docs:
            stem = Path(file_name).stem
            name = export_name(stem, sha256, taken=export_name(stem, sha256) in written)
            ex = read_extraction(session, sha256)
            if ex is None:
                continue
            path = out_dir / name
            path.write_text(json.dumps(to_json(ex), indent=1, ensure_ascii=False), encoding="utf-8")
            written[name] = path
    return list(written.values())


TABLE_FORMATS = ("csv", "json", "parquet")
"""Formats in which :func:`export_tables` writes every table and view, a file each."""

_BOX = ("bbox_x0", "bbox_top", "bbox_x1", "bbox_bottom")


def export_tables(engine: Engine, out_dir: Path, fmt: str) -> list[Path]:
    """Write every table and view of the database to ``out_dir``, as ``NAME.csv``, ``.json`` or ``.parquet``.

    * CSV: UTF-8 with a byte-order mark (so spreadsheet programs read "£" right), a
      header row, lists and objects as JSON text, empty for NULL;
    * JSON: an array of objects; lists stay lists, and the four box columns are one
      ``bbox`` list [x0, top, x1, bottom] (PDF points from the page's top left), or null;
    * Parquet: typed columns (numbers, dates, booleans, lists and structs where the
      values allow, else JSON text).
    """
    if fmt not in TABLE_FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(TABLE_FORMATS)}")
    written = []
    with writing_to(out_dir):
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, columns, types, rows in _relations(engine):
            path = out_dir / f"{name}.{fmt}"
            if fmt == "csv":
                _write_csv(path, columns, rows)
            elif fmt == "json":
                _write_json(path, columns, rows)
            else:
                _write_parquet(path, columns, types, rows)
            written.append(path)
    return written


def _relations(engine: Engine) -> Iterator[tuple[str, list[str], list[Any], list[tuple]]]:
    """Each table (as SQLAlchemy reads it, JSON decoded) and view: its name, columns, their SQL
    types (None where a view does not say) and rows."""
    import schemas.meetings  # noqa: F401  (its tables are part of the database)

    with engine.connect() as conn:
        for table in sql.Base.metadata.sorted_tables:
            result = conn.execute(select(table))
            types = [c.type for c in table.columns]
            yield table.name, list(result.keys()), types, [tuple(r) for r in result]
        for view in sorted(inspect(conn).get_view_names()):
            result = conn.execute(text(f'SELECT * FROM "{view}"'))
            keys = list(result.keys())
            yield view, keys, [None] * len(keys), [tuple(r) for r in result]


def _plain(value: Any) -> Any:
    """A value as JSON has it: dates in ISO form."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _write_csv(path: Path, columns: list[str], rows: list[tuple]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(
                [
                    ""
                    if v is None
                    else json.dumps(v, ensure_ascii=False)
                    if isinstance(v, list | dict)
                    else _plain(v)
                    for v in row
                ]
            )


def _write_json(path: Path, columns: list[str], rows: list[tuple]) -> None:
    boxed = all(c in columns for c in _BOX)
    records = []
    for row in rows:
        record = {c: _plain(v) for c, v in zip(columns, row, strict=True)}
        if boxed:
            box = [record.pop(c) for c in _BOX]
            record["bbox"] = box if box[0] is not None else None
        records.append(record)
    path.write_text(json.dumps(records, indent=1, ensure_ascii=False), encoding="utf-8")


def _arrow_type(sql_type: Any) -> Any:
    """The Arrow type of a SQL column type; None to infer it from the values (JSON, or unknown)."""
    import pyarrow as pa

    for kind, arrow in (
        (Boolean, pa.bool_()),
        (Integer, pa.int64()),
        (Float, pa.float64()),
        (DateTime, pa.timestamp("us", tz="UTC")),
        (Date, pa.date32()),
        (String, pa.string()),
    ):
        if isinstance(sql_type, kind):
            return arrow
    return None


def _write_parquet(path: Path, columns: list[str], types: list[Any], rows: list[tuple]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrays = []
    for i, sql_type in enumerate(types):
        values = [row[i] for row in rows]
        try:
            arrays.append(pa.array(values, type=_arrow_type(sql_type)))
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
            # Values of mixed shapes (a JSON column whose objects differ) go as JSON text.
            arrays.append(pa.array([None if v is None else json.dumps(v, default=str) for v in values]))
    pq.write_table(pa.table(arrays, names=columns), path)
