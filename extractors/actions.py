"""Action-plan rows: one :class:`Action` per action of an improvement or action plan.

Columns are matched by what their headings say (reference, partner or lead, delivery,
outcome, target or due date, status or RAG, progress or update, next steps), in any
order and wording. A row that a page break or an unruled layout split in two arrives as
a row with an empty reference, and is joined to the action above. The service an action
belongs to is its plan's heading without the ending the document's plan headings share
("Asset Management Improvement Plan Update" -> "Asset Management").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.base import Extractor, Source
from extractors.table_kinds import (
    ACTION_FIELDS,
    action_columns,
    cell,
    column_labels,
    generic_suffix,
    merge_continuation_rows,
    read_table,
    row_location,
    strip_suffix,
)
from extractors.values import leading_rag, parse_rag
from schemas.records import Action, Table

EXTRACTOR = Extractor("actions", __name__)


def extract_actions(tables: Sequence[Table], source: Source) -> list[Action]:
    """Action records from every action-plan table of a document.

    Args:
        tables: the document's tables; those that are not action plans are skipped.
        source: the PDF the tables come from.

    Returns:
        One record per action, in table and row order.
    """
    plans = [t for kind, t in map(read_table, tables) if kind == "action_plan"]
    suffix = generic_suffix([t.section_title for t in plans if t.section_title])
    actions: list[Action] = []
    for table in plans:
        service = strip_suffix(table.section_title, suffix) if table.section_title else None
        actions.extend(_plan_actions(table, source, service))
    return actions


def _is_header_repeat(row: Sequence[str], labels: Sequence[str]) -> bool:
    texts = [cell(row, c) for c in range(len(row))]
    return any(texts) and all(t == (labels[c] if c < len(labels) else "") for c, t in enumerate(texts))


def _plan_actions(table: Table, source: Source, service: str | None) -> list[Action]:
    labels = column_labels(table)
    columns = action_columns(labels)
    ref_col = columns["ref"]
    # A header printed again on a later page is not an action.
    kept = [i for i, r in enumerate(table.rows) if not _is_header_repeat(r, labels)]
    rows = [table.rows[i] for i in kept]
    offset = len(table.header)
    actions = []
    spans = {(s.row, s.col): s.colspan for s in table.spans}

    def theme(index: int, row: Sequence[str]) -> bool:
        """A one-cell row heading a group of actions: spanning columns, or words in the reference column."""
        texts = [c for c in range(len(row)) if cell(row, c)]
        if len(texts) != 1:
            return False
        if spans.get((offset + kept[index], texts[0]), 1) > 1:
            return True
        # References carry a number ("IP01", "AP-3.2", "12"); a theme's title is words.
        text = cell(row, texts[0])
        return texts[0] == ref_col and (not re.search(r"\d", text) or len(text.split()) > 2)

    def continues(index: int, row: Sequence[str]) -> bool:
        return not cell(row, ref_col) and not theme(index, row)

    for index, row in merge_continuation_rows(rows, continues):
        ref = cell(row, ref_col)
        if not ref or theme(index, row):
            continue
        fields = {name: cell(row, columns.get(name)) or None for name in ACTION_FIELDS if name != "ref"}
        status = fields.pop("status")
        page, bbox = row_location(table, offset + kept[index])
        actions.append(
            Action(
                prov=source.prov(EXTRACTOR, page, bbox),
                ref=ref,
                status=parse_rag(status) or leading_rag(status),
                service=service,
                source_table=table.id,
                **fields,
            )
        )
    return actions
