"""count_statement: a stated number of things that disagrees with the table listing them.

"There are 42 operational indicators ..." is checked against the one table whose
heading names the same things ("Operational Indicators"): its entries are its body
rows that print at least two cells (group headings, spacer rows and total rows left
out). A count for a council ("40 indicators for Leeds, 38 indicators for York and 6
for Selby") is checked against a table of counts with that council's column and a
Total row, whose heading or introduction names the things counted. A sentence that
puts its count at another time than the paper's tables ("last year there were 40
indicators", "originally there were 42") is not judged.

The phrases are found with spaCy's rule-based Matcher over the sentence's tokens.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.matcher import Matcher

from extractors.councils import Council
from extractors.nlp import shared
from pipeline.flags.base import Finding, OtherDocuments, Rule, cell_location, table_location, text_location
from pipeline.flags.labels import content_words, is_total_label, words
from pipeline.flags.settings import SETTINGS
from pipeline.flags.tablegrid import FigureGrid
from pipeline.flags.text import Sentence, councils_named, doc_councils, doc_text, nlp
from schemas.records import DocumentExtraction, Table

NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_NOUN_STOP = {
    "for",
    "across",
    "in",
    "that",
    "which",
    "who",
    "are",
    "is",
    "were",
    "was",
    "to",
    "on",
    "of",
    "and",
    "with",
    "from",
    "at",
    "by",
    "listed",
    "included",
    "set",
    "being",
    "have",
    "has",
    "will",
    "relating",
    "covering",
}


def _matcher() -> Matcher:
    """ "There are 73 ...", "There were currently twelve ...", "There are a total of 60 ..."."""
    return shared("count statements", _build_matcher)


def _build_matcher() -> Matcher:
    matcher = Matcher(nlp().vocab)
    filler = {"OP": "*", "LOWER": {"IN": ["currently", "now", "only", "a", "total", "of"]}}
    matcher.add(
        "THERE_ARE", [[{"LOWER": "there"}, {"LOWER": {"IN": ["are", "were"]}}, filler, {"LIKE_NUM": True}]]
    )
    return matcher


_OTHER_TIME = re.compile(
    r"\b(?:last|previous|prior|next|coming|following)\s+(?:year|quarter|month|report|meeting|plan)\b"
    r"|\b(?:previously|originally|formerly)\b",
    re.I,
)
"""Words that put a count at another time than the paper's own tables."""
_MORE = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(\d+)\s+(?:[a-z]+\s+){0,3}?for\s+")


def _number(text: str) -> int | None:
    text = text.lower().replace(",", "")
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text)


@dataclass
class _Statement:
    """A stated count: how many, of what, for which council (if any), where in the sentence."""

    sentence: Sentence
    count: int
    noun: str
    council: str | None
    start: int
    end: int


def _noun_after(tokens, i: int) -> int:
    """The index after the words naming what is counted (up to a preposition or verb)."""
    j = i
    while (
        j < len(tokens)
        and tokens[j].is_alpha
        and tokens[j].lower_ not in _NOUN_STOP
        and j - i < SETTINGS.counted_noun_words
    ):
        j += 1
    return j


def _council_at(text: str, pos: int, councils: Sequence[Council]) -> tuple[str | None, int]:
    """The council named right at ``pos`` (after "for "), and where its name ends."""
    named = councils_named(text[pos:], councils)
    if named and named[0].start == 0:
        return named[0].council, pos + named[0].end
    return None, pos


def _statements(sentence: Sentence, councils: Sequence[Council]) -> list[_Statement]:
    tokens = nlp()(sentence.text)
    text = sentence.text
    out = []
    for _, start, end in _matcher()(tokens):
        count = _number(tokens[end - 1].text)
        j = _noun_after(tokens, end)
        if count is None or j == end:
            continue
        noun = tokens[end:j].text
        pos = tokens[j - 1].idx + len(tokens[j - 1].text)
        qualifier = re.match(r"\s+for\s+", text[pos:])
        council, stop = _council_at(text, pos + qualifier.end(), councils) if qualifier else (None, pos)
        if qualifier and council is None:
            continue  # counted for something that is not a council: scope unknown
        out.append(_Statement(sentence, count, noun, council, tokens[start].idx, stop))
        # "40 indicators for Leeds, 38 indicators for York and 6 for Selby"
        while council is not None and (more := _MORE.match(text, stop)):
            council, end_at = _council_at(text, more.end(), councils)
            if council is not None:
                out.append(_Statement(sentence, int(more.group(1)), noun, council, more.start(1), end_at))
                stop = end_at
    return out


def _singular(text: str) -> list[str]:
    return [w[:-1] if w.endswith("s") else w for w in words(text)]


def _mentions(noun: str, text: str) -> bool:
    """Whether ``text`` names the things counted: all the noun phrase's words, in order."""
    wanted, have = _singular(noun), _singular(text)
    return any(have[i : i + len(wanted)] == wanted for i in range(len(have) - len(wanted) + 1))


class _Tables:
    """A document's tables, found by the words of their headings and introductions.

    A count is checked against the tables whose heading names the things counted; the
    tables worth reading for a noun are those whose heading and introduction hold its
    first word, whatever the number of tables in the document. Each table is read into
    figures once.
    """

    def __init__(self, doc: DocumentExtraction) -> None:
        self.tables = doc.tables
        self._by_word: dict[str, list[int]] = defaultdict(list)
        for i, table in enumerate(self.tables):
            for word in dict.fromkeys(_singular(_introduced(table))):
                self._by_word[word].append(i)
        self._grids: dict[int, FigureGrid] = {}

    def naming(self, noun: str, introduced: bool) -> Iterator[Table]:
        """The tables (in order) whose heading (with ``introduced``, or introduction) names ``noun``."""
        wanted = _singular(noun)
        candidates = self._by_word.get(wanted[0], []) if wanted else range(len(self.tables))
        text = _introduced if introduced else _heading
        return (self.tables[i] for i in candidates if _mentions(noun, text(self.tables[i])))

    def grid(self, table: Table) -> FigureGrid:
        key = id(table)
        if key not in self._grids:
            self._grids[key] = FigureGrid(table)
        return self._grids[key]


def _entries(grid: FigureGrid) -> int:
    headers = {tuple(c.strip().lower() for c in h) for h in grid.header_rows}
    count = 0
    for row, label in zip(grid.body, grid.row_labels, strict=True):
        printed = [c for c in row if c.strip()]
        if len(printed) < 2 or tuple(c.strip().lower() for c in row) in headers or is_total_label(label):
            continue
        count += 1
    return count


def _heading(table: Table) -> str:
    return " ".join(t for t in [table.section_title or "", *table.headings[-1:]] if t)


def _introduced(table: Table) -> str:
    """A table's heading and the text introducing it."""
    return " ".join([_heading(table), table.preamble or ""])


def _listing(index: _Tables, st: _Statement) -> Finding | None:
    # A count is checked against the one table naming its noun: two are enough to abstain.
    tables = list(itertools.islice(index.naming(st.noun, introduced=False), 2))
    if len(tables) != 1 or len(content_words(st.noun)) < 1:
        return None
    table = tables[0]
    listed = _entries(index.grid(table))
    if listed == st.count or listed == 0:
        return None
    stated = st.sentence.text[st.start : st.end]
    return Finding(
        description=f"The text says '{stated}', but the table of {st.noun} ({table.id}) lists {listed}",
        expected=str(listed),
        found=str(st.count),
        locations=[
            text_location(st.sentence.page_at(st.start), stated),
            table_location(table),
        ],
    )


def _counted(index: _Tables, st: _Statement, councils) -> Finding | None:
    found = []
    for table in index.naming(st.noun, introduced=True):
        grid = index.grid(table)
        cols = [
            c
            for c in grid.numeric_columns()
            if any(n.council == st.council for n in councils_named(grid.columns[c], councils))
        ]
        totals = [r for r, label in enumerate(grid.row_labels) if is_total_label(label)]
        if len(cols) == 1 and len(totals) == 1 and grid.figure(totals[0], cols[0]) is not None:
            found.append((table, grid, totals[0], cols[0]))
        if len(found) > 1:
            return None
    if len(found) != 1:
        return None
    table, grid, row, col = found[0]
    total = grid.figure(row, col)
    if total.kind != "number" or total.value == st.count:
        return None
    stated = st.sentence.text[st.start : st.end]
    return Finding(
        description=f"The text says '{stated}' ({st.council}), but the total in table {table.id} is "
        f"{total.raw.strip()}",
        expected=total.raw.strip(),
        found=str(st.count),
        locations=[
            text_location(st.sentence.page_at(st.start), stated),
            cell_location(table, row + grid.offset, col),
        ],
    )


def check(doc: DocumentExtraction, others: OtherDocuments) -> list[Finding]:
    councils = doc_councils(doc)
    index = _Tables(doc)
    findings = []
    for sentence in doc_text(doc).sentences:
        if _OTHER_TIME.search(sentence.text):
            continue
        for st in _statements(sentence, councils):
            finding = _counted(index, st, councils) if st.council else _listing(index, st)
            if finding is not None:
                findings.append(finding)
    return findings


RULE = Rule("count_statements", "count_statement", check)
