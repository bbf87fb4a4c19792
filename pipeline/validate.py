"""Validation: run the inconsistency rules on a loaded document and store the flags.

The rules (and the spaCy pipelines they load) are imported where a document is
validated: a batch checking whether its files are current never loads them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from extractors.base import Faults
from pipeline.ingest import mark_partial
from pipeline.load import pipeline_version, replace_flags
from pipeline.readback import read_extraction
from schemas import sql
from schemas.records import DocumentExtraction, Inconsistency


def _store(engine: Engine, sha256: str, flags: list[Inconsistency], faults: Faults) -> list[Inconsistency]:
    """Keep a validation's flags; a rule that raised is recorded and the document marked partial."""
    replace_flags(engine, sha256, flags, faults.errors)
    if faults.errors:
        mark_partial(engine, sha256, len(faults.errors))
    return flags


def is_current(engine: Engine, sha256: str) -> bool:
    """Whether this file is loaded by the code that runs now (its rows came from no other code)."""
    with Session(engine) as session:
        source = session.get(sql.SourceFile, sha256)
        doc = session.get(sql.Document, sha256)
        return (
            source is not None
            and source.status == "loaded"
            and doc is not None
            and doc.pipeline_version == pipeline_version()
        )


def validate_document(engine: Engine, sha256: str) -> list[Inconsistency]:
    """Flag the inconsistencies of a loaded document, replacing its earlier flags."""
    from pipeline.flags import run_rules

    with Session(engine) as session:
        doc = read_extraction(session, sha256)
        if doc is None:
            return []

        def others() -> list[DocumentExtraction]:
            shas = session.scalars(select(sql.Document.sha256).where(sql.Document.sha256 != sha256))
            return [d for s in list(shas) if (d := read_extraction(session, s)) is not None]

        faults = Faults("validate")
        flags = run_rules(doc, others, faults)
    return _store(engine, sha256, flags, faults)


def revalidate_partners(engine: Engine, sha256s: Iterable[str]) -> dict[str, int]:
    """Validate again every document whose rules read one of ``sha256s``, loaded since.

    A document is validated when it is loaded, against the documents loaded before it:
    minutes of a meeting whose papers come later, or indicator figures printed again in
    a later report, find their partner only when it arrives. Run after a batch, this
    checks again each document (of the batch or earlier) that a cross-document rule
    links to a document of the batch. Validation replaces a document's flags, so
    running it twice changes nothing.

    Returns:
        The number of flags of each document validated again, by SHA-256.
    """
    from pipeline.flags import reads_other

    with Session(engine) as session:
        docs = {
            s: d
            for s in list(session.scalars(select(sql.Document.sha256)))
            if (d := read_extraction(session, s)) is not None
        }
    arrived = [docs[s] for s in dict.fromkeys(sha256s) if s in docs]
    due = [s for s, doc in docs.items() if any(a.sha256 != s and reads_other(doc, a) for a in arrived)]
    return {s: len(_revalidate(engine, docs[s], docs)) for s in due}


def _revalidate(
    engine: Engine, doc: DocumentExtraction, docs: Mapping[str, DocumentExtraction]
) -> list[Inconsistency]:
    """Flag ``doc`` against the documents already read, replacing its earlier flags."""
    from pipeline.flags import run_rules

    faults = Faults("validate")
    flags = run_rules(doc, lambda: [d for s, d in docs.items() if s != doc.sha256], faults)
    return _store(engine, doc.sha256, flags, faults)
