"""Text lines with their typography, read from pdfplumber pages.

Extractors reason about lines (what a person sees as one line of print) rather than
characters: a line knows its page, box, dominant font size and whether it is bold,
which is what headings, labels and page stamps are recognised by.
"""

from __future__ import annotations

import re
import statistics
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pdfplumber.page import Page

from schemas.records import BBox

# Words whose tops differ by less than this fraction of the font size share a line.
_LINE_TOLERANCE = 0.45
# A horizontal gap wider than this many font sizes separates two chunks of a line.
_CHUNK_GAP = 1.6

_WORDS: weakref.WeakKeyDictionary[Page, list[Word]] = weakref.WeakKeyDictionary()

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

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def size(self) -> float:
        """Font size of most of the line's characters."""
        weights: dict[float, int] = {}
        for w in self.words:
            weights[round(w.size, 1)] = weights.get(round(w.size, 1), 0) + len(w.text)
        return max(weights, key=weights.__getitem__)

    @property
    def bold(self) -> bool:
        """True when most of the line's characters are bold."""
        bold = sum(len(w.text) for w in self.words if w.bold)
        return bold * 2 > sum(len(w.text) for w in self.words)

    def chunks(self) -> list[Line]:
        """The line split where a gap much wider than a space separates its parts."""
        parts: list[list[Word]] = [[self.words[0]]]
        for prev, word in zip(self.words, self.words[1:], strict=False):
            if word.x0 - prev.x1 > _CHUNK_GAP * max(prev.size, word.size):
                parts.append([])
            parts[-1].append(word)
        return [Line(self.page, tuple(p)) for p in parts]


def is_bold_font(fontname: str) -> bool:
    """Whether a font name denotes a bold or heavy face."""
    name = fontname.lower()
    return any(mark in name for mark in ("bold", "black", "heavy", "semibold", "demi"))


def page_words(page: Page) -> list[Word]:
    """Upright words of a page with their font size and weight.

    Several extractors read the same page; the words are worked out once per page
    object (a cropped or filtered page is a page object of its own).
    """
    cached = _WORDS.get(page)
    if cached is None:
        words = page.extract_words(
            extra_attrs=["size", "fontname"], keep_blank_chars=False, use_text_flow=False
        )
        cached = [
            Word(
                w["text"],
                w["x0"],
                w["top"],
                w["x1"],
                w["bottom"],
                float(w["size"]),
                is_bold_font(w["fontname"]),
            )
            for w in words
            if w.get("upright", True)
        ]
        _WORDS[page] = cached
    return list(cached)


def group_lines(words: Iterable[Word], page_number: int) -> list[Line]:
    """Group words into lines, top to bottom, each left to right."""
    ordered = sorted(words, key=lambda w: (w.top, w.x0))
    rows: list[list[Word]] = []
    for word in ordered:
        tol = _LINE_TOLERANCE * word.size
        for row in reversed(rows[-3:]):
            anchor = statistics.median(w.bottom for w in row)
            if abs(anchor - word.bottom) <= tol:
                row.append(word)
                break
        else:
            rows.append([word])
    lines = [Line(page_number, tuple(sorted(row, key=lambda w: w.x0))) for row in rows]
    return sorted(lines, key=lambda ln: (ln.top, ln.x0))


def page_lines(page: Page, exclude: Sequence[BBox] = ()) -> list[Line]:
    """Lines of a page, leaving out words whose centre lies in any ``exclude`` box."""
    words = [w for w in page_words(page) if not _inside_any(w, exclude)]
    return group_lines(words, page.page_number)


def _inside_any(word: Word, boxes: Sequence[BBox]) -> bool:
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def page_stamp(lines: Sequence[Line], page_height: float) -> tuple[int | None, Line | None]:
    """The printed page number ("Page 7", "- 7 -", a bare "7") in the page's margins.

    Only lines in the top or bottom 10% of the page count, so a number in the body
    text is never taken for a page stamp.
    """
    margin = 0.10 * page_height
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
    return max(weights, key=weights.__getitem__) if weights else 10.0


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
    """Set at least half a point above the body size, short, and made of words.

    A bold line at body size (a sub-caption such as a quarter under a heading) is not
    a heading: only size sets headings apart from emphasis.
    """
    text = line.text.strip()
    return (
        line.size >= body + 0.5
        and len(text) <= 200
        and sum(ch.isalpha() for ch in text) >= 2
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
            and abs(prev.size - line.size) < 0.3
            and prev.bold == line.bold
            and line.top - prev.bottom < 0.8 * line.size
        )
        if joined:
            found[-1].append(line)
        else:
            found.append([line])
        prev = line
    return [Heading(tuple(group)) for group in found]
