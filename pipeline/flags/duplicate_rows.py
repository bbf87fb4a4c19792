"""duplicate_row: a table that lists the same row twice.

Two body rows whose every cell reads the same (spacing and case aside) are one entry
listed twice. Rows are compared within the group they are printed under: a row with
a single printed cell (a section heading, a group's count) or a total row starts a new
group, so the same "N/A | 0" line under two headings, or a line restated in a block
below a total, is not a duplicate. Copies of the header row (repeated on each page)
are not compared, nor are rows without a word: "- | - | 0" twice is two entries whose
names are in a merged cell above, not one entry listed twice. An entry prints a figure
or at least three cells: two short cells of words alike are the ends of headings
(a small table's "Number of" / "% of" columns), not evidence of an entry listed twice.
"""

from __future__ import annotations

import re

from pipeline.flags.base import Finding, OtherDocuments, Rule, cell_location
from pipeline.flags.figures import parse_cell
from pipeline.flags.labels import is_total_label
from pipeline.flags.settings import SETTINGS
from schemas.records import DocumentExtraction


def _key(cells: list[str]) -> tuple[str, ...]:
    return tuple(re.sub(r"\s+", " ", c).strip().lower() for c in cells)


def _label(cells: list[str]) -> str:
    """The row's most telling cell: its longest cell that is not a figure."""
    texts = [c for c in cells if c.strip() and parse_cell(c) is None]
    return max(texts, key=len) if texts else ""


def _entry(cells: list[str]) -> bool:
    printed = [c for c in cells if c.strip()]
    return any(parse_cell(c) is not None for c in printed) or len(printed) >= SETTINGS.entry_cells


def check(doc: DocumentExtraction, others: OtherDocuments) -> list[Finding]:
    findings = []
    for table in doc.tables:
        headers = {_key(h) for h in table.header}
        seen: dict[tuple[str, ...], int] = {}
        offset = len(table.header)
        for r, row in enumerate(table.rows):
            key = _key(row)
            if sum(1 for c in key if c) < 2 or is_total_label(_label(row)):
                seen.clear()
                continue
            if key in headers or not any(re.search(r"[^\W\d_]", c) for c in key) or not _entry(row):
                continue
            if key not in seen:
                seen[key] = r
                continue
            first = seen[key]
            label = _label(row)
            findings.append(
                Finding(
                    description=f"Table {table.id} lists the row '{label}' twice "
                    f"({' | '.join(c for c in row if c.strip())})",
                    expected="listed once",
                    found="listed twice",
                    locations=[
                        cell_location(table, r + offset, label=label),
                        cell_location(table, first + offset, label=label),
                    ],
                    severity="low",
                )
            )
    return findings


RULE = Rule("duplicate_rows", "duplicate_row", check)
