"""narrative_vs_table: a list of "Name (NN%)" in text that misquotes, or misranks, a table.

Summaries list results as "Facilities Management (86%), Projects and Programmes (80%),
..." or as bullet items under a lead-in ("The top five performing services were:").
The list is about the table line (a row, or a column) that most of its items quote
exactly: at least three items, and at least two thirds of those whose names find a
table label (:func:`pipeline.flags.labels.best_label`). Against that line:

* an item quoting another figure is flagged;
* a list that claims to be the top N ("top five", "ten best performing") and lists N
  items is flagged when the line has a figure, not listed, above the lowest listed one.
  Totals and names the same page mentions elsewhere (an aggregate discussed apart) are
  not counted as left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.flags.base import Finding, OtherDocuments, Rule, cell_location, text_location
from pipeline.flags.count_statements import NUMBER_WORDS
from pipeline.flags.figures import Figure, make_figure
from pipeline.flags.labels import best_label, clean_label, is_total_label, words
from pipeline.flags.settings import SETTINGS
from pipeline.flags.tablegrid import FigureGrid
from pipeline.flags.text import DocText, Sentence, doc_text
from schemas.records import DocumentExtraction

_ITEM = re.compile(
    r"(?P<name>[A-Z&][\w&'’.-]*(?:\s+(?:and|of|&|the|for|[A-Z&][\w&'’.-]*))*?)\s*\(\s*(?P<pct>\d+(?:\.\d+)?)\s*%\s*\)"
)
_NUMBER = r"\d+|" + "|".join(NUMBER_WORDS)
_RANKED = re.compile(
    rf"\b(?:top|best|highest)\s+(?P<a>{_NUMBER})\b|\b(?P<b>{_NUMBER})\s+(?:best|top|highest)\b", re.I
)


@dataclass
class _Item:
    name: str
    figure: Figure
    sentence: Sentence
    start: int
    end: int


def _items(sentence: Sentence) -> list[_Item]:
    out = []
    for m in _ITEM.finditer(sentence.text):
        figure = make_figure(m.group("pct"), kind="percent", raw=f"{m.group('pct')}%")
        out.append(_Item(m.group("name").strip(), figure, sentence, m.start(), m.end()))
    return out


def _lists(text: DocText) -> list[tuple[Sentence, list[_Item]]]:
    """Each sentence's items, with the bullet items of the list it introduces."""
    out = []
    for s in text.sentences:
        if s.bullet:
            continue
        items = _items(s)
        if s.text.rstrip().endswith(":"):
            for bullet in text.following_bullets(s):
                items += _items(bullet)
        if len(items) >= SETTINGS.list_items:
            out.append((s, items))
    return out


@dataclass
class _Line:
    """One row (or column) of a table of percentages, keyed by the other axis's labels."""

    grid: FigureGrid
    labels: list[str]
    cells: list[tuple[int, int]]  # body row, column of each label
    name: str

    def figure(self, k: int) -> Figure | None:
        return self.grid.figure(*self.cells[k])


def _lines(doc: DocumentExtraction) -> list[_Line]:
    out = []
    for table in doc.tables:
        grid = FigureGrid(table)
        cols = [c for c in grid.numeric_columns() if grid.columns[c]]
        for r, label in enumerate(grid.row_labels):
            cells = [(r, c) for c in cols if (f := grid.figure(r, c)) is not None and f.kind == "percent"]
            if len(cells) >= SETTINGS.list_items:
                out.append(_Line(grid, [grid.columns[c] for _, c in cells], cells, label))
        for c in cols:
            cells = [
                (r, c)
                for r in range(len(grid.figures))
                if grid.row_labels[r] and (f := grid.figure(r, c)) is not None and f.kind == "percent"
            ]
            if len(cells) >= SETTINGS.list_items:
                out.append(_Line(grid, [grid.row_labels[r] for r, _ in cells], cells, grid.columns[c]))
    return out


def _fit(items: list[_Item], line: _Line) -> tuple[int, int, dict[int, int]]:
    """(items quoting the line exactly, items whose name finds a label, item -> label index)."""
    resolved = {}
    for i, item in enumerate(items):
        k = best_label(item.name, line.labels)
        if k is not None:
            resolved[i] = k
    equal = sum(1 for i, k in resolved.items() if (f := line.figure(k)) and f.same_as(items[i].figure))
    return equal, len(resolved), resolved


def _ranked(sentence: Sentence) -> int | None:
    m = _RANKED.search(sentence.text)
    if not m:
        return None
    n = (m.group("a") or m.group("b")).lower()
    return int(n) if n.isdigit() else NUMBER_WORDS.get(n)


def check(doc: DocumentExtraction, others: OtherDocuments) -> list[Finding]:
    text = doc_text(doc)
    lines = _lines(doc)
    if not lines:
        return []
    lists = _lists(text)
    findings = []
    for lead, items in lists:
        fits = [(_fit(items, line), line) for line in lines]
        (equal, resolved, mapping), line = max(fits, key=lambda x: x[0][0])
        if equal < SETTINGS.list_items or equal < SETTINGS.list_agreeing * resolved:
            continue
        for i, k in mapping.items():
            f = line.figure(k)
            if f is not None and not f.same_as(items[i].figure):
                findings.append(_misquoted(items[i], line, k))
        ranked = _ranked(lead)
        if ranked == len(items):
            finding = _misranked(items, mapping, line, _named_on_page(text, lead, items, line))
            if finding is not None:
                findings.append(finding)
    return findings


def _named_on_page(text: DocText, lead: Sentence, items: list[_Item], line: _Line) -> set[int]:
    """Labels of the line that other "Name (NN%)" items on the list's pages name."""
    own = {(it.sentence.index, it.start) for it in items}
    pages = {lead.page} | {it.sentence.page for it in items}
    named = set()
    for s in text.sentences:
        if s.page not in pages:
            continue
        for item in _items(s):
            k = best_label(item.name, line.labels)
            if (s.index, item.start) not in own and k is not None:
                named.add(k)
    return named


def _misquoted(item: _Item, line: _Line, k: int) -> Finding:
    f = line.figure(k)
    r, c = line.cells[k]
    return Finding(
        description=f"The text gives {item.name} as {item.figure.raw}; table {line.grid.table.id} "
        f"('{clean_label(line.name)}') gives {clean_label(line.labels[k])} {f.raw.strip()}",
        expected=f.raw.strip(),
        found=item.figure.raw,
        locations=[
            text_location(item.sentence.page_at(item.start), item.sentence.text[item.start : item.end]),
            cell_location(line.grid.table, r + line.grid.offset, c),
        ],
    )


def _misranked(items: list[_Item], mapping: dict[int, int], line: _Line, named: set[int]) -> Finding | None:
    """A claimed top N that leaves out a higher figure of the line (not a total, not named apart)."""
    listed = set(mapping.values())
    for i, item in enumerate(items):
        if i in mapping:
            continue
        # An item whose name finds no label ("Legal and Governance" for "Legal Service"): the left-out
        # label with its figure and first word.
        first = words(item.name)[0][:4]
        for k, label in enumerate(line.labels):
            f = line.figure(k)
            if (
                k not in listed
                and f
                and f.same_as(item.figure)
                and words(label)
                and words(label)[0][:4] == first
            ):
                listed.add(k)
                break
    lowest_k = min(listed, key=lambda k: line.figure(k).value)
    lowest = line.figure(lowest_k)
    above = [
        k
        for k, label in enumerate(line.labels)
        if k not in listed
        and k not in named
        and not is_total_label(label)
        and line.figure(k).value > lowest.value
        and not line.figure(k).same_as(lowest)
    ]
    if not above:
        return None
    missing = ", ".join(f"{clean_label(line.labels[k])} ({line.figure(k).raw.strip()})" for k in above)
    low_item = next((it for i, it in enumerate(items) if mapping.get(i) == lowest_k), items[-1])
    r, c = line.cells[above[0]]
    listed_text = ", ".join(f"{it.name} ({it.figure.raw})" for it in items)
    return Finding(
        description=f"The text lists the top {len(items)} as {listed_text}; "
        f"table {line.grid.table.id} ('{clean_label(line.name)}') ranks {missing} above "
        f"{clean_label(line.labels[lowest_k])} ({lowest.raw.strip()})",
        expected=f"{missing} in the top {len(items)}",
        found=f"{low_item.name} ({low_item.figure.raw})",
        locations=[
            text_location(
                low_item.sentence.page_at(low_item.start),
                low_item.sentence.text[low_item.start : low_item.end],
            ),
            cell_location(line.grid.table, r + line.grid.offset, c),
        ],
    )


RULE = Rule("listed_values", "narrative_vs_table", check)
