"""Inconsistency rules: one small, documented rule per module, registered here."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from schemas.records import DocumentExtraction, Inconsistency

OtherDocuments = Callable[[], Sequence[DocumentExtraction]]

RULES: list = []


def run_rules(doc: DocumentExtraction, others: OtherDocuments) -> list[Inconsistency]:
    """Every flag the registered rules raise on ``doc`` (``others``: the rest of the database)."""
    flags: list[Inconsistency] = []
    for rule in RULES:
        flags.extend(rule.check(doc, others))
    return flags
