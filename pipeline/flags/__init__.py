"""Inconsistency rules: one small, documented rule per module, registered here.

Each module holds one :class:`~pipeline.flags.base.Rule` named ``RULE``. A rule reads
one document's records as the database holds them (and, where it compares documents,
the rest of the database through ``others``) and returns flags that carry their
evidence: pages, table rows and cells, text snippets and the expected and found values.
"""

from __future__ import annotations

from functools import cache

from extractors.base import Faults
from pipeline.flags import (
    count_statements,
    duplicate_rows,
    itemised_totals,
    kpi_cross_reference,
    kpi_units,
    listed_values,
    money_scale,
    narrative_figures,
    percentage_counts,
    percentage_shares,
    rag_targets,
    references,
    repeated_counts,
    restated_amounts,
    sign_notation,
    stated_differences,
    table_totals,
    target_claims,
)
from pipeline.flags.base import OtherDocuments, Rule
from schemas.records import DocumentExtraction, Inconsistency

RULES: list[Rule] = [
    table_totals.RULE,
    itemised_totals.RULE,
    stated_differences.RULE,
    percentage_shares.RULE,
    narrative_figures.RULE,
    listed_values.RULE,
    target_claims.RULE,
    kpi_cross_reference.RULE,
    repeated_counts.RULE,
    restated_amounts.RULE,
    percentage_counts.RULE,
    count_statements.RULE,
    rag_targets.RULE,
    money_scale.RULE,
    sign_notation.RULE,
    kpi_units.RULE,
    duplicate_rows.RULE,
    references.RULE,
]


def run_rules(
    doc: DocumentExtraction, others: OtherDocuments, faults: Faults | None = None
) -> list[Inconsistency]:
    """Every flag the registered rules raise on ``doc`` (``others``: the rest of the database).

    ``others`` is called at most once, and only by a rule that needs other documents.
    With ``faults``, a rule that raises loses its own flags only and is recorded there.
    """
    rest = cache(others)
    flags: list[Inconsistency] = []
    for rule in RULES:
        if faults is None:
            flags.extend(rule.run(doc, rest))
        else:
            flags.extend(faults.run(rule, f"rule {rule.name}", rule.run, doc, rest, default=[]))
    return flags


def reads_other(doc: DocumentExtraction, other: DocumentExtraction) -> bool:
    """Whether a rule run on ``doc`` would read ``other``: checking ``doc`` again may flag more."""
    return any(rule.partner is not None and rule.partner(doc, other) for rule in RULES)


__all__ = ["RULES", "OtherDocuments", "Rule", "reads_other", "run_rules"]
