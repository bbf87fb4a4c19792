"""narrative_vs_table: amounts stated in text that disagree with the table cell they describe.

A sentence describes a cell when it names one of the table's row labels (the category:
"non-shared") and ties an amount to one of its column labels (the council: "Wigan
non-shared (£0.125m)", "£0.450m for Bolton", "(£0.700m) to Sefton", a list of
councils followed by their amounts "respectively", or an "overall" amount for the
Total column). The amount and the cell are compared by magnitude (text often drops
the sign a table prints) with the rounding of both printed figures.

A sentence is compared with the tables of its own document section. Minutes record
what a meeting considered, and a pack often prints the minutes of the last meeting
beside the reports of this one: a sentence in minutes is compared with every table of
its document and with those of other documents in the database for the meeting the
minutes record, and a disagreement is reported as a cross-reference. When a stated
total disagrees, the split stated with it is reported in the same flag.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import date
from functools import cache

from pipeline.flags.base import Finding, OtherDocuments, Rule, cell_location, text_location
from pipeline.flags.figures import money_in, percents_in, written_like
from pipeline.flags.labels import clean_label
from pipeline.flags.matrix import LabelIndex, Tie, matrices_of, ties
from pipeline.flags.text import Sentence, doc_councils, doc_text
from schemas.records import DocumentExtraction


def _agrees(tie: Tie) -> bool | None:
    cell, said = tie.matrix.grid.figure(tie.row, tie.col), tie.mention.figure
    if cell is None or said.approximate or cell.kind != said.kind:
        return None
    if said.kind == "money" and (said.scale is None) != (cell.scale is None):
        return None
    return said.magnitude().same_as(cell.magnitude())


def _page_sections(doc: DocumentExtraction) -> dict[int, int]:
    """The first section (by its index) that holds each page."""
    out: dict[int, int] = {}
    for i, section in enumerate(doc.sections):
        for page in range(section.pdf_page_start, section.pdf_page_end + 1):
            out.setdefault(page, i)
    return out


def _minutes_in(doc: DocumentExtraction) -> Callable[[int], list[date]]:
    """The meeting of each minutes record printed in a section (by its index), one per record."""
    records = sorted((m.prov.pdf_page or 0, i) for i, m in enumerate(doc.minutes) if m.meeting_date)
    pages = [page for page, _ in records]

    @cache
    def dates(index: int) -> list[date]:
        section = doc.sections[index]
        lo, hi = bisect_left(pages, section.pdf_page_start), bisect_right(pages, section.pdf_page_end)
        return [doc.minutes[i].meeting_date for _, i in sorted(records[lo:hi], key=lambda r: r[1])]

    return dates


def _minuted(doc: DocumentExtraction) -> set[date]:
    """The meetings whose minutes ``doc`` holds."""
    return {m.meeting_date for m in doc.minutes if m.meeting_date}


def _papers_for(doc: DocumentExtraction) -> set[date]:
    """The meetings ``doc`` holds papers for: its own and its reports'."""
    days = {doc.document.meeting_date} if doc.document and doc.document.meeting_date else set()
    return days | {r.meeting_date for r in doc.reports if r.meeting_date}


def _meeting_documents(
    doc: DocumentExtraction, others: OtherDocuments
) -> dict[date, list[DocumentExtraction]]:
    """Other documents holding the papers of each meeting whose minutes ``doc`` holds."""
    dates = _minuted(doc)
    if not dates:
        return {}
    found: dict[date, list[DocumentExtraction]] = {}
    for other in others():
        for day in dates & _papers_for(other):
            found.setdefault(day, []).append(other)
    return found


def partner(doc: DocumentExtraction, other: DocumentExtraction) -> bool:
    """Whether ``other`` holds papers of a meeting whose minutes ``doc`` holds."""
    return bool(_minuted(doc) & _papers_for(other))


def check(doc: DocumentExtraction, others: OtherDocuments) -> list[Finding]:
    councils = doc_councils(doc)
    own = matrices_of(doc, councils)
    index = LabelIndex(own)
    sections = _page_sections(doc)
    home = {id(m): sections.get(m.grid.table.pdf_page) for m in own}
    meetings = _meeting_documents(doc, others)
    minuted = _minutes_in(doc)

    @cache
    def papers(day: date) -> LabelIndex:
        return LabelIndex([x for other in meetings.get(day, []) for x in matrices_of(other, councils)])

    findings = []
    for sentence in doc_text(doc).sentences:
        section = sections.get(sentence.page)
        matrices = [
            m
            for m in index.naming(sentence.text)
            if section is None or home[id(m)] in (section, None) or sentence.section == "minutes"
        ]
        if sentence.section == "minutes" and section is not None:
            for day in minuted(section):
                matrices += papers(day).naming(sentence.text)
        mentions = sorted([*money_in(sentence.text), *percents_in(sentence.text)], key=lambda m: m.start)
        wrong = [t for t in ties(sentence.text, mentions, matrices) if _agrees(t) is False]
        if not wrong:
            continue
        total_wrong = any(t.col == t.matrix.total_column for t in wrong)
        groups = [wrong] if total_wrong else [[s] for s in wrong]
        for group in groups:
            findings.append(_finding(doc, sentence, group))
    return findings


def _finding(doc: DocumentExtraction, sentence: Sentence, group: list[Tie]) -> Finding:
    first = group[0]
    matrix = first.matrix
    owner = matrix.doc
    category = matrix.grid.row_labels[first.row]
    said = ", ".join(t.mention.figure.raw for t in group)
    printed = ", ".join(written_like(matrix.grid.figure(t.row, t.col).value, t.mention.figure) for t in group)
    columns = ", ".join(clean_label(matrix.grid.columns[t.col]) for t in group)
    elsewhere = owner.sha256 != doc.sha256
    where = f"table {matrix.grid.table.id}" + (f" of {owner.file}" if elsewhere else "")
    minutes = sentence.section == "minutes"
    locations = [
        text_location(sentence.page_at(t.mention.start), sentence.snippet(t.mention.start, t.mention.end))
        for t in group
    ]
    locations.append(
        cell_location(
            matrix.grid.table,
            first.row + matrix.grid.offset,
            first.col if len(group) == 1 else None,
            sha256=owner.sha256 if elsewhere else None,
        )
    )
    return Finding(
        description=f"{'Minutes record' if minutes else 'The text gives'} {category} ({columns}) as {said}; "
        f"{where} prints {printed}",
        expected=printed,
        found=said,
        locations=locations,
        severity="high" if first.mention.figure.kind == "money" else "medium",
        kind="cross_reference_mismatch" if minutes else None,
    )


RULE = Rule("narrative_figures", "narrative_vs_table", check, partner)
