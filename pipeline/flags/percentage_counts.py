"""percentage_vs_count: a percentage stated in text that does not follow from a table's counts.

"For Leeds, around 80% of indicators were rated green" against a summary table of
counts (Green 20, Amber 5, ..., Not applicable 10, Total 40) must be 20 out
of the total — or out of the total less the rows the text says it discounts ("Not
applicable", "Incomplete" and the like). The statement is tied to its cell as in
:mod:`pipeline.flags.matrix` (row label named, council paired with the percentage);
it is consistent when any of those shares rounds to the stated figure (within one
point more when the text says "approximately", "~", "around").
"""

from __future__ import annotations

import re
from decimal import Decimal

from pipeline.flags.base import Finding, OtherDocuments, Rule, cell_location, text_location
from pipeline.flags.figures import Figure, percents_in
from pipeline.flags.labels import content_words, is_total_label
from pipeline.flags.matrix import LabelIndex, TableMatrix, Tie, matrices_of, ties
from pipeline.flags.settings import SETTINGS
from pipeline.flags.text import doc_councils, doc_text
from schemas.records import DocumentExtraction

_NOT_COUNTED = re.compile(
    r"not\s+applicable|\bn/?a\b|incomplete|not\s+(?:yet\s+)?(?:measured|rated|reported|available|due|started)"
    r"|no\s+data|missing|excluded|tb[cd]\b|unknown",
    re.I,
)
_DISCOUNTING = re.compile(r"\b(?:discount\w*|exclud\w*|excl\.?|not\s+counting|leaving\s+out|less)\b", re.I)


def _is_count_table(matrix: TableMatrix) -> bool:
    figures = [f for row in matrix.grid.figures for f in row if f is not None]
    return bool(figures) and all(f.kind == "number" and f.value == f.value.to_integral() for f in figures)


def _column_total(matrix: TableMatrix, col: int) -> Decimal | None:
    grid = matrix.grid
    for r, label in enumerate(grid.row_labels):
        if is_total_label(label) and grid.figure(r, col) is not None:
            return grid.figure(r, col).value
    values = [grid.figure(r, col) for r in matrix.rows.values()]
    return sum((f.value for f in values if f is not None), Decimal(0)) if values else None


def _shares(tie: Tie, sentence: str) -> tuple[list[Decimal], Decimal | None]:
    """Every share the text may mean, and the count its own wording takes the share of."""
    grid, col = tie.matrix.grid, tie.col
    count = grid.figure(tie.row, col).value
    total = _column_total(tie.matrix, col)
    if not total:
        return [], None
    uncounted = {
        label: grid.figure(r, col).value
        for label, r in tie.matrix.rows.items()
        if _NOT_COUNTED.search(label) and r != tie.row and grid.figure(r, col) is not None
    }
    named = [v for label, v in uncounted.items() if content_words(label) & content_words(sentence)]
    denominators = {
        total,
        total - sum(uncounted.values(), Decimal(0)),
        *(total - v for v in uncounted.values()),
    }
    shares = [count / d * 100 for d in denominators if d > 0]
    meant = total - sum(named, Decimal(0)) if named and _DISCOUNTING.search(sentence) else total
    return shares, meant if meant > 0 else None


def _fits(stated: Figure, share: Decimal) -> bool:
    slack = stated.half + (SETTINGS.approximate_points if stated.approximate else 0)
    return abs(stated.value - share) <= slack


def check(doc: DocumentExtraction, others: OtherDocuments) -> list[Finding]:
    councils = doc_councils(doc)
    matrices = [m for m in matrices_of(doc, councils) if _is_count_table(m)]
    if not matrices:
        return []
    index = LabelIndex(matrices)
    findings = []
    for sentence in doc_text(doc).sentences:
        mentions = percents_in(sentence.text)
        if not mentions:
            continue
        for tie in ties(sentence.text, mentions, index.naming(sentence.text)):
            shares, out_of = _shares(tie, sentence.text)
            stated = tie.mention.figure
            if not shares or out_of is None or any(_fits(stated, s) for s in shares):
                continue
            grid = tie.matrix.grid
            count = grid.figure(tie.row, tie.col)
            expected = f"{count.value / out_of * 100:.0f}%"
            label = grid.row_labels[tie.row]
            findings.append(
                Finding(
                    description=f"{grid.columns[tie.col]}: the text gives {stated.raw} for '{label}', "
                    f"but the table counts {count.raw.strip()} of {out_of}, which is {expected}",
                    expected=expected,
                    found=stated.raw,
                    locations=[
                        text_location(
                            sentence.page_at(tie.mention.start),
                            sentence.snippet(tie.mention.start, tie.mention.end, 4),
                        ),
                        cell_location(grid.table, tie.row + grid.offset, tie.col),
                    ],
                )
            )
    return findings


RULE = Rule("percentage_counts", "percentage_vs_count", check)
