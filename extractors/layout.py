"""Text lines with their typography, read from pdfplumber pages.

Extractors reason about lines (what a person sees as one line of print) rather than
characters: a line knows its page, box, dominant font size and whether it is bold,
which is what headings, labels and page stamps are recognised by.
"""

from __future__ import annotations

import re
import statistics
import threading
import weakref
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby
from operator import itemgetter

from pdfplumber.page import Page
from pdfplumber.utils.text import LIGATURES

from extractors.settings import SETTINGS
from schemas.records import BBox

# Letters set as a superscript after a number: ordinal endings ("4th", "1er", "2nd").
_ORDINAL_TAIL = re.compile(r"^[^\W\d_]{1,3}$")

_LAYERS: weakref.WeakKeyDictionary[Page, TextLayer] = weakref.WeakKeyDictionary()
_LAYERS_LOCK = threading.Lock()

_PAGE_STAMP = re.compile(
    r"^\s*(?:page\s+(\d{1,4})(?:\s+of\s+\d+)?|[-–]\s*(\d{1,4})\s*[-–]|(\d{1,4}))\s*$", re.I
)


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool


@dataclass(frozen=True)
class Line:
    """One printed line: its words left to right, on one physical page."""

    page: int
    words: tuple[Word, ...]
    text: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", " ".join(w.text for w in self.words))

    @cached_property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @cached_property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @cached_property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @cached_property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @cached_property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)

    @cached_property
    def size(self) -> float:
        """Font size of most of the line's characters."""
        weights: dict[float, int] = {}
        for w in self.words:
            size = round(w.size, SETTINGS.size_digits)
            weights[size] = weights.get(size, 0) + len(w.text)
        return max(weights, key=weights.__getitem__)

    @cached_property
    def bold(self) -> bool:
        """True when most of the line's characters are bold."""
        bold = sum(len(w.text) for w in self.words if w.bold)
        return bold * 2 > sum(len(w.text) for w in self.words)

    def chunks(self) -> list[Line]:
        """The line split where a gap much wider than a space separates its parts."""
        parts: list[list[Word]] = [[self.words[0]]]
        for prev, word in zip(self.words, self.words[1:], strict=False):
            if word.x0 - prev.x1 > SETTINGS.chunk_gap * max(prev.size, word.size):
                parts.append([])
            parts[-1].append(word)
        return [Line(self.page, tuple(p)) for p in parts]


def is_bold_font(fontname: str) -> bool:
    """Whether a font name denotes a bold or heavy face."""
    name = fontname.lower()
    return any(mark in name for mark in ("bold", "black", "heavy", "semibold", "demi"))


class TextLayer:
    """A page's upright words and its lines, read once for every extractor of that page."""

    __slots__ = ("lines", "words")

    def __init__(self, words: Sequence[Word], page_number: int):
        self.words = tuple(words)
        self.lines = tuple(group_lines(self.words, page_number))


def text_layer(page: Page) -> TextLayer:
    """The words and lines of a page, worked out on first use and kept while the page lives.

    Several extractors read the same page; a cropped or filtered page is a page object
    of its own, with its own layer. Two threads asking at once may both read the page;
    either result serves.
    """
    with _LAYERS_LOCK:
        layer = _LAYERS.get(page)
    if layer is None:
        layer = TextLayer(read_words(page.chars), page.page_number)
        with _LAYERS_LOCK:
            _LAYERS[page] = layer
    return layer


def page_words(page: Page) -> list[Word]:
    """Upright words of a page with their font size and weight."""
    return list(text_layer(page).words)


def read_words(chars: Iterable[dict]) -> list[Word]:
    """Upright words of a page's glyphs (pdfplumber's char dicts), in one pass over them.

    They are the words pdfplumber's ``extract_words`` gives with the font size and name as
    extra attributes: each run of glyphs in one font and size is cut into lines (glyph
    tops within a tolerance) and each line, left to right, into words at spaces and gaps.
    """
    words: list[Word] = []
    for (upright, size, fontname), run in groupby(chars, key=_RUN_KEY):
        if not upright:
            continue
        bold = is_bold_font(fontname)
        for line in _run_lines(list(run)):
            words.extend(
                Word(
                    "".join(LIGATURES.get(c["text"], c["text"] or "") for c in glyphs),
                    min(c["x0"] for c in glyphs),
                    min(c["top"] for c in glyphs),
                    max(c["x1"] for c in glyphs),
                    max(c["bottom"] for c in glyphs),
                    float(size),
                    bold,
                )
                for glyphs in _line_words(line)
            )
    return join_superscripts(words)


_RUN_KEY = itemgetter("upright", "size", "fontname")


def _run_lines(run: list[dict]) -> list[list[dict]]:
    """A run's glyphs in lines, top to bottom, each left to right (ties in reading order)."""
    cluster: dict[float, int] = {}
    k, last = -1, None
    for top in sorted({c["top"] for c in run}):
        if last is None or top > last + SETTINGS.word_y_tolerance:
            k += 1
        cluster[top], last = k, top
    lines: list[list[dict]] = [[] for _ in range(k + 1)]
    for char in run:
        lines[cluster[char["top"]]].append(char)
    return [sorted(line, key=_X0) for line in lines]


_X0 = itemgetter("x0")


def _line_words(line: Sequence[dict]) -> Iterator[list[dict]]:
    """A line's glyphs cut into words: at blanks, where a glyph steps back or stands apart."""
    word: list[dict] = []
    for char in line:
        text = char["text"]
        if text.isspace():
            if word:
                yield word
            word = []
        elif not text:
            # pdfplumber makes a glyph of no text a word of its own.
            if word:
                yield word
            yield [char]
            word = []
        elif word and (
            char["x0"] < word[-1]["x0"]
            or char["x0"] > word[-1]["x1"] + SETTINGS.word_x_tolerance
            or abs(char["top"] - word[-1]["top"]) > SETTINGS.word_y_tolerance
        ):
            yield word
            word = [char]
        else:
            word.append(char)
    if word:
        yield word


def join_superscripts(words: Sequence[Word]) -> list[Word]:
    """The words with each ordinal ending set as a superscript joined to its number: "4th", not "4 th".

    Word extraction parts characters of different sizes, so a raised, smaller "th" right
    after "24" comes out as a word of its own. A superscript figure after a word (a
    footnote mark) is left apart: joined, it would change the number it follows.
    """
    out: list[Word] = []
    for word in words:
        base = out[-1] if out else None
        if base is not None and _is_ordinal_superscript(base, word):
            out[-1] = Word(
                base.text + word.text, base.x0, base.top, word.x1, base.bottom, base.size, base.bold
            )
        else:
            out.append(word)
    return out


def _is_ordinal_superscript(base: Word, word: Word) -> bool:
    return (
        base.text[-1:].isdigit()
        and bool(_ORDINAL_TAIL.match(word.text))
        and word.size <= SETTINGS.superscript_size * base.size
        and base.bottom - word.bottom >= SETTINGS.superscript_rise * base.size
        and word.bottom > base.top
        and -SETTINGS.superscript_gap * base.size <= word.x0 - base.x1 <= SETTINGS.superscript_gap * base.size
    )


def group_lines(words: Iterable[Word], page_number: int) -> list[Line]:
    """Group words into lines, top to bottom, each left to right."""
    ordered = sorted(words, key=lambda w: (w.top, w.x0))
    rows: list[list[Word]] = []
    anchors: list[float] = []  # each row's median bottom
    for word in ordered:
        tol = SETTINGS.line_tolerance * word.size
        for k in range(len(rows) - 1, max(len(rows) - 1 - SETTINGS.line_lookback, -1), -1):
            if abs(anchors[k] - word.bottom) <= tol:
                rows[k].append(word)
                anchors[k] = statistics.median(w.bottom for w in rows[k])
                break
        else:
            rows.append([word])
            anchors.append(word.bottom)
    lines = [Line(page_number, tuple(sorted(row, key=lambda w: w.x0))) for row in rows]
    return sorted(lines, key=lambda ln: (ln.top, ln.x0))


def page_lines(page: Page, exclude: Sequence[BBox] = ()) -> list[Line]:
    """Lines of a page, leaving out words whose centre lies in any ``exclude`` box."""
    layer = text_layer(page)
    if not exclude:
        return list(layer.lines)
    return group_lines([w for w in layer.words if not _inside_any(w, exclude)], page.page_number)


def _inside_any(word: Word, boxes: Sequence[BBox]) -> bool:
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def page_stamp(lines: Sequence[Line], page_height: float) -> tuple[int | None, Line | None]:
    """The printed page number ("Page 7", "- 7 -", a bare "7") in the page's margins.

    Only lines in the page's top or bottom margin count (``SETTINGS.stamp_margin``), so a
    number in the body text is never taken for a page stamp.
    """
    margin = SETTINGS.stamp_margin * page_height
    candidates = [ln for ln in lines if ln.bottom >= page_height - margin or ln.top <= margin]
    # A "Page N" stamp wins over a bare number, which could be a date or a total.
    for strict in (True, False):
        for line in sorted(candidates, key=lambda ln: -ln.bottom):
            m = _PAGE_STAMP.match(line.text)
            if m and (m.group(1) or not strict):
                return int(next(g for g in m.groups() if g)), line
    return None, None


def body_size(lines: Sequence[Line]) -> float:
    """The font size most of the text is set in."""
    weights: dict[float, int] = {}
    for line in lines:
        weights[line.size] = weights.get(line.size, 0) + len(line.text)
    return max(weights, key=weights.__getitem__) if weights else SETTINGS.default_body_size


def join_text(lines: Iterable[Line]) -> str:
    """Lines joined with single spaces, as the export gives paragraph text."""
    return re.sub(r"\s+", " ", " ".join(ln.text for ln in lines)).strip()


@dataclass(frozen=True)
class Heading:
    """A heading: one or more consecutive lines set larger than the body text."""

    lines: tuple[Line, ...]

    @property
    def text(self) -> str:
        return join_text(self.lines)

    @property
    def page(self) -> int:
        return self.lines[0].page

    @property
    def size(self) -> float:
        return self.lines[0].size

    @property
    def top(self) -> float:
        return self.lines[0].top

    @property
    def bottom(self) -> float:
        return self.lines[-1].bottom


def is_heading(line: Line, body: float) -> bool:
    """Set larger than the body text, short, and made of words.

    A bold line at body size (a sub-caption such as a quarter under a heading) is not
    a heading: only size sets headings apart from emphasis.
    """
    text = line.text.strip()
    return (
        line.size >= body + SETTINGS.larger
        and len(text) <= SETTINGS.heading_max_chars
        and sum(ch.isalpha() for ch in text) >= SETTINGS.heading_min_letters
        and _PAGE_STAMP.match(text) is None
    )


def find_headings(lines: Sequence[Line], body: float) -> list[Heading]:
    """Headings among ``lines`` (in reading order), wrapped heading lines joined."""
    found: list[list[Line]] = []
    prev: Line | None = None
    for line in lines:
        if not is_heading(line, body):
            prev = None
            continue
        joined = (
            prev is not None
            and found
            and prev.page == line.page
            and abs(prev.size - line.size) < SETTINGS.same_size
            and prev.bold == line.bold
            and line.top - prev.bottom < SETTINGS.wrap_gap * line.size
        )
        if joined:
            found[-1].append(line)
        else:
            found.append([line])
        prev = line
    return [Heading(tuple(group)) for group in found]


@dataclass(frozen=True)
class PageLayout:
    """A page's lines with what sets each apart: size and weight against the page's body text,
    indentation from its left margin, and whether it stands in a side column.

    A side column (the sender's address, "Ask for:", "Date:" of a letter, printed right
    of blank space) is a block of its own: what it says is not the meeting's.
    """

    number: int
    width: float
    height: float
    lines: tuple[Line, ...]
    body: float
    margin: float
    """Left edge of the page's body text."""
    right: float
    """Right edge of the page's text."""
    aside: frozenset[int] = frozenset()
    """Indexes into ``lines`` of the lines standing in a side column."""

    def relative_size(self, line: Line) -> float:
        """The line's size as a multiple of the body text's."""
        return line.size / self.body if self.body else 1.0

    def indent(self, line: Line) -> float:
        """How far right of the body text's left margin the line starts."""
        return line.x0 - self.margin

    def set_apart(self, line: Line) -> bool:
        """Set off from body text: bold, larger, or in capitals."""
        return line.bold or line.size >= self.body + SETTINGS.larger or is_capitals(line.text)

    def is_aside(self, line: Line) -> bool:
        return any(self.lines[i] is line for i in self.aside)

    @property
    def main(self) -> list[Line]:
        """The lines outside side columns, in reading order."""
        return [ln for i, ln in enumerate(self.lines) if i not in self.aside]


def page_layout(page: Page, exclude: Sequence[BBox] = ()) -> PageLayout:
    """The layout of a page (words in ``exclude`` boxes left out, as :func:`page_lines`)."""
    return layout_of(page_lines(page, exclude), page.page_number, float(page.width), float(page.height))


def layout_of(lines: Sequence[Line], number: int, width: float, height: float) -> PageLayout:
    """The layout of one page's lines."""
    lines = tuple(lines)
    if not lines:
        return PageLayout(number, width, height, lines, SETTINGS.default_body_size, 0.0, width)
    body = body_size(lines)
    margin = left_margin(lines, body)
    right = max(ln.x1 for ln in lines)
    aside = frozenset(i for i, ln in enumerate(lines) if _stands_aside(ln, margin, right))
    return PageLayout(number, width, height, lines, body, margin, right, aside)


def left_margin(lines: Sequence[Line], body: float) -> float:
    """The left edge most of the body text starts at."""
    starts: dict[float, int] = {}
    for line in lines:
        if abs(line.size - body) < SETTINGS.larger:
            key = round(line.x0)
            starts[key] = starts.get(key, 0) + len(line.text)
    margin = float(max(starts, key=starts.__getitem__)) if starts else min(ln.x0 for ln in lines)
    return min((ln.x0 for ln in lines if abs(ln.x0 - margin) <= SETTINGS.align_tolerance), default=margin)


def _stands_aside(line: Line, margin: float, right: float) -> bool:
    span = right - margin
    if span <= 0:
        return False
    centre = (line.x0 + line.x1) / 2
    return (
        line.x0 > margin + SETTINGS.aside_start * span
        and abs(centre - (margin + right) / 2) > SETTINGS.aside_off_centre * span
        and len(line.chunks()) == 1
    )


def is_capitals(text: str) -> bool:
    """Whether the letters of ``text`` are (nearly) all capitals: a heading set in upper case."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= SETTINGS.capitals_min_letters and sum(
        c.isupper() for c in letters
    ) >= SETTINGS.capitals_share * len(letters)


def set_alike(a: Line, b: Line) -> bool:
    """Whether two lines are set in the same size and weight."""
    return abs(a.size - b.size) < SETTINGS.same_size and a.bold == b.bold
