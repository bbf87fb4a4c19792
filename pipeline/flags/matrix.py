"""A table read as categories (row labels) by entities (column labels), and sentences tied to it.

Text describes a table cell by naming one of its row labels ("non-shared", "Green")
and tying a figure to one of its column labels, usually a council ("Wigan
non-shared (£0.125m)", "£0.450m for Bolton", "~70% in Salford"). These helpers find
those names in a sentence and pair each figure with the column it is about.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from extractors.councils import Council
from pipeline.flags.figures import Mention
from pipeline.flags.labels import clean_label, is_total_label
from pipeline.flags.settings import SETTINGS
from pipeline.flags.tablegrid import FigureGrid
from pipeline.flags.text import aside_of, asides, councils_named
from schemas.records import DocumentExtraction

# "by" is not glue: "short of the budget by £0.150m" gives a difference, not the budget.
_GLUE = re.compile(r"^[\s,:;–-]*(?:(?:for|to|in|of|at|from|is|was|were|the)\s+)*[\s:–-]*$", re.I)
_OVERALL = re.compile(r"\b(?:overall|total)\b", re.I)
_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
_WORD_START = re.compile(r"(?<![A-Za-z0-9_-])(?=.)", re.S)
"""Where a label may start in a text: anywhere but after a letter, digit or hyphen of a word."""
_EXCLUDED = re.compile(
    r"\b(?:excluding|excludes?|discounting|except|other\s+than|not\s+counting|leaving\s+out)\s+(?:\w+\s+){0,3}$",
    re.I,
)


def _pieces(label: str) -> list[str]:
    return [w for w in re.split(r"[\s-]+", label) if w]


@lru_cache(maxsize=SETTINGS.label_patterns)
def label_pattern(label: str) -> re.Pattern[str]:
    """A label as text prints it: any case, hyphens and spaces alike ("Non-Shared", "non shared")."""
    parts = [re.escape(w) for w in _pieces(label)]
    return re.compile(r"(?<![\w-])" + r"[\s-]*".join(parts) + r"(?![\w-])", re.I)


@dataclass
class TableMatrix:
    """A table read as categories (rows) by entities (columns)."""

    doc: DocumentExtraction
    grid: FigureGrid
    councils: Sequence[Council]

    @cached_property
    def rows(self) -> dict[str, int]:
        """Body rows with figures, by label; totals are not categories."""
        out: dict[str, int] = {}
        for r, label in enumerate(self.grid.row_labels):
            figures = [f for f in self.grid.figures[r] if f is not None]
            if label and figures and not is_total_label(label) and len(label) >= SETTINGS.label_letters:
                out.setdefault(label, r)
        return out

    @cached_property
    def columns(self) -> dict[str, int]:
        """Numeric columns by the council they name, else by their label (lower case)."""
        out: dict[str, int] = {}
        for c in self.grid.numeric_columns():
            label = clean_label(self.grid.columns[c]) if c < len(self.grid.columns) else ""
            if not label:
                continue
            named = {n.council for n in councils_named(label, self.councils)}
            key = named.pop() if len(named) == 1 else label.lower()
            out.setdefault(key, c)
        return out

    @cached_property
    def total_column(self) -> int | None:
        """The one column labelled as a total, if any."""
        found = [c for key, c in self.columns.items() if is_total_label(key)]
        return found[0] if len(found) == 1 else None

    def categories_in(self, text: str) -> list[tuple[int, int, str]]:
        """Row labels named in ``text``: (start, end, label), longest first where they overlap."""
        return list(_categories(tuple(self.rows), text))

    def entities_in(self, text: str) -> list[tuple[int, int, str]]:
        """Column keys named in ``text``: (start, end, key)."""
        return list(_entities(tuple(self.councils), tuple(self.columns), text))


# Tables of one document often share their labels (a table per page under the same
# headings): a sentence reads each set of labels once.
@lru_cache(maxsize=SETTINGS.label_readings)
def _categories(labels: tuple[str, ...], text: str) -> tuple[tuple[int, int, str], ...]:
    found = [(m.start(), m.end(), label) for label in labels for m in label_pattern(label).finditer(text)]
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    kept: list[tuple[int, int, str]] = []
    for item in found:
        if not any(item[0] < k[1] and k[0] < item[1] for k in kept):
            kept.append(item)
    return tuple(kept)


@lru_cache(maxsize=SETTINGS.label_readings)
def _entities(
    councils: tuple[Council, ...], columns: tuple[str, ...], text: str
) -> tuple[tuple[int, int, str], ...]:
    found = [(n.start, n.end, n.council) for n in councils_named(text, councils) if n.council in columns]
    names = {c.name for c in councils}
    for key in columns:
        if key in names or is_total_label(key) or len(key) < SETTINGS.label_letters:
            continue
        found += [(m.start(), m.end(), key) for m in label_pattern(key).finditer(text)]
    return tuple(sorted(found))


class LabelIndex:
    """The tables whose row labels a text names, found through the first letters of each label.

    A sentence is tied to a table only when it names one of the table's row labels, so
    the tables worth reading for a sentence are those with a label printed in it. The
    index keys each label by the first letters of its first word: a sentence looks up the
    letters at each of its word starts and reads the few labels found there, whatever the
    number of tables in the document.
    """

    def __init__(self, matrices: Sequence[TableMatrix]) -> None:
        self._by_start: dict[str, dict[str, list[int]]] = defaultdict(dict)
        self._matrices = list(matrices)
        for i, matrix in enumerate(self._matrices):
            for label in matrix.rows:
                first = _pieces(label)[0].lower()
                self._by_start[first[: SETTINGS.label_index_letters]].setdefault(label, []).append(i)

    def naming(self, text: str) -> list[TableMatrix]:
        """The indexed tables (in their order) with a row label that ``text`` prints."""
        lower = text.lower()
        width = SETTINGS.label_index_letters
        labels: dict[str, list[int]] = {}
        for start in _WORD_START.finditer(lower):
            at = start.start()
            for n in range(1, width + 1):
                labels.update(self._by_start.get(lower[at : at + n], {}))
        found = {i for label, ids in labels.items() if label_pattern(label).search(text) for i in ids}
        return [self._matrices[i] for i in sorted(found)]


def pair_amounts(
    sentence: str,
    amounts: list[Mention],
    entities: list[tuple[int, int, str]],
    categories: list[tuple[int, int, str]],
) -> dict[int, str]:
    """Which amount (by index) is about which column key.

    A council and an amount go together when only glue words, punctuation or the
    category separate them ("Wigan non-shared (£0.125m)", "£0.450m for Bolton");
    several councils listed before as many amounts, or followed by "respectively", go
    with the amounts in order.
    """
    keys = [e[2] for e in entities]
    if _RESPECTIVELY.search(sentence) and len(dict.fromkeys(keys)) == len(amounts) == len(keys):
        return dict(enumerate(keys))
    if len(keys) >= 2 and len(keys) == len(amounts) and entities[-1][1] <= amounts[0].start:
        between = [sentence[a[1] : b[0]] for a, b in itertools.pairwise(entities)]
        if all(re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", g) for g in between):
            return dict(enumerate(keys))
    for start, end, _ in categories:
        sentence = sentence[:start] + " " * (end - start) + sentence[end:]
    spans = [(a.start, a.end) for a in amounts]
    options = []
    for i, (a0, a1) in enumerate(spans):
        for j, (e0, e1, key) in enumerate(entities):
            gap = sentence[a1:e0] if a1 <= e0 else sentence[e1:a0]
            lo, hi = (a1, e0) if a1 <= e0 else (e1, a0)
            if any(lo < s < hi for s, _ in spans) or any(lo < s < hi for s, _, _ in entities):
                continue
            if not _GLUE.match(gap):
                continue
            cost = (0 if not gap.strip() else 1) + gap.count(",") + gap.count(";")
            options.append((cost, min(a0, e0), i, j, key))
    pairs: dict[int, str] = {}
    used: set[int] = set()
    for _, _, i, j, key in sorted(options):
        if i not in pairs and j not in used:
            pairs[i] = key
            used.add(j)
    return pairs


@dataclass
class Tie:
    """A figure in a sentence tied to one cell of a table."""

    mention: Mention
    matrix: TableMatrix
    row: int
    col: int


def _names(text: str, mention: Mention, category: tuple[int, int, str]) -> bool:
    """Whether a row label follows a figure as its noun, with at most a word or two between."""
    gap = text[mention.end : category[0]].split()
    plain = all(w.isalpha() and w.islower() for w in gap)
    return mention.end <= category[0] and len(gap) <= SETTINGS.noun_words and plain


def matrices_of(doc: DocumentExtraction, councils: Sequence[Council]) -> list[TableMatrix]:
    """The document's tables that have labelled rows and labelled figure columns."""
    out = []
    for table in doc.tables:
        matrix = TableMatrix(doc, FigureGrid(table), councils)
        if matrix.rows and matrix.columns:
            out.append(matrix)
    return out


def ties(text: str, mentions: list[Mention], matrices: Sequence[TableMatrix]) -> list[Tie]:
    """The cells the figures of a sentence describe.

    The sentence must name exactly one row label of exactly one of the tables (labels
    it names as left out, "excluding those not applicable", do not count); each figure
    is tied to the column its council (or other column label) is paired with, or to the
    Total column when it follows "overall" or "total" before any council. A label is
    about the figures printed at its own level of parentheses ("£150.3m of core funded
    growth (including -£0.8m base adjustment)": only the -£0.8m is about the base
    adjustment), and only about a figure it directly follows as its noun when there is one
    ("£49.8m external, both including £0.8m base adjustment").
    """
    named = []
    for matrix in matrices:
        categories = [c for c in matrix.categories_in(text) if not _EXCLUDED.search(text[: c[0]])]
        if len({c[2] for c in categories}) == 1:
            named.append((matrix, categories))
    # A table with a Total column takes a sentence that names none of its columns.
    candidates = [(m, c) for m, c in named if m.total_column is not None]
    for matrix, categories in named:
        if len(candidates) > 1:
            return []
        if matrix.total_column is None and matrix.entities_in(text):
            candidates.append((matrix, categories))
    if len(candidates) != 1:
        return []
    matrix, categories = candidates[0]
    entities = matrix.entities_in(text)
    row = matrix.rows[categories[0][2]]
    pairs = pair_amounts(text, mentions, entities, categories)
    groups = asides(text)
    scoped = [
        (i, c)
        for i, m in enumerate(mentions)
        for c in categories
        if aside_of(m.start, m.end, groups) == aside_of(c[0], c[1], groups)
    ]
    named = {(i, c) for i, c in scoped if _names(text, mentions[i], c)}
    out = []
    for i, mention in enumerate(mentions):
        own = [c for j, c in scoped if j == i]
        if not any((i, c) in named or not any((j, c) in named for j in range(len(mentions))) for c in own):
            continue
        col = matrix.columns.get(pairs[i]) if i in pairs else None
        overall = _OVERALL.search(text[: mention.start]) and not any(e[0] < mention.start for e in entities)
        if col is None and matrix.total_column is not None and overall:
            col = matrix.total_column
        if col is not None:
            out.append(Tie(mention, matrix, row, col))
    return out
