"""Validation: run the inconsistency rules on a loaded document and store the flags."""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pipeline.flags import run_rules
from pipeline.load import PIPELINE_VERSION, replace_flags
from pipeline.readback import read_extraction
from schemas import sql
from schemas.records import DocumentExtraction, Inconsistency


def is_current(engine: Engine, sha256: str) -> bool:
    """Whether this file is loaded, by this version of the pipeline."""
    with Session(engine) as session:
        source = session.get(sql.SourceFile, sha256)
        doc = session.get(sql.Document, sha256)
        return (
            source is not None
            and source.status == "loaded"
            and doc is not None
            and doc.pipeline_version == PIPELINE_VERSION
        )


def validate_document(engine: Engine, sha256: str) -> list[Inconsistency]:
    """Flag the inconsistencies of a loaded document, replacing its earlier flags."""
    with Session(engine) as session:
        doc = read_extraction(session, sha256)
        if doc is None:
            return []

        def others() -> list[DocumentExtraction]:
            shas = session.scalars(select(sql.Document.sha256).where(sql.Document.sha256 != sha256))
            return [d for s in list(shas) if (d := read_extraction(session, s)) is not None]

        flags = run_rules(doc, others)
    replace_flags(engine, sha256, flags)
    return flags
