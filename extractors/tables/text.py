"""Text inside tables: glyphs grouped into lines, words and chunks, and cell text.

Tables are read from glyphs rather than from ready-made words: column detection
needs the wide gaps of each line (a *chunk* is a run of words separated by ordinary
spaces), and cell text needs line breaks, bold type and rotated glyphs. A page's
glyphs are grouped into line bands once (:class:`PageText`); cells and the running
text outside tables are both cut from those bands.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Hashable, Iterable, Sequence
from functools import lru_cache
from itertools import pairwise
from operator import itemgetter

from extractors.layout import Line, Word, is_bold_font
from extractors.tables.settings import SETTINGS

Char = dict


def is_blank(char: Char) -> bool:
    return not char["text"].strip()


def split_chunks(line: Line, gap: float = SETTINGS.chunk_gap) -> list[Line]:
    """The line cut where words stand further apart than ``gap`` font sizes."""
    parts: list[list[Word]] = [[line.words[0]]]
    for prev, word in pairwise(line.words):
        if word.x0 - prev.x1 > gap * min(prev.size, word.size):
            parts.append([])
        parts[-1].append(word)
    return [Line(line.page, tuple(p)) for p in parts]


def line_bands(chars: Iterable[Char]) -> list[list[Char]]:
    """Upright glyphs grouped into lines (bands of overlapping height), top to bottom."""
    glyphs = sorted((c for c in chars if c.get("upright", True)), key=itemgetter("top", "x0"))
    least, lookback, share = SETTINGS.min_glyph_extent, SETTINGS.band_lookback, SETTINGS.line_overlap
    bands: list[list] = []  # [top, bottom, chars]
    # Comparisons rather than min() and max(): this runs once for every glyph of the page.
    for char in glyphs:
        top, bottom = char["top"], char["bottom"]
        height = bottom - top
        if height < least:
            height = least
        for band in reversed(bands[-lookback:]):
            upper, lower, members = band
            extent = lower - upper
            overlap = (lower if lower < bottom else bottom) - (upper if upper > top else top)
            if overlap >= share * (height if height < extent else extent):
                members.append(char)
                # A line's band follows its larger glyphs: superscripts do not widen it.
                if height >= extent:
                    band[0], band[1] = top, bottom
                break
        else:
            bands.append([top, bottom, [char]])
    return [b[2] for b in bands]


def lines_of(bands: Iterable[Sequence[Char]], page: int = 0) -> list[Line]:
    """Lines (with their words) made from line bands, top to bottom."""
    lines = [Line(page, words) for band in bands if (words := words_of(band))]
    return sorted(lines, key=lambda ln: (ln.top, ln.x0))


def words_of(chars: Sequence[Char]) -> tuple[Word, ...]:
    """The glyphs of one line cut into words at spaces and gaps."""
    ordered = sorted(chars, key=itemgetter("x0"))
    gap = SETTINGS.word_gap
    words: list[list[Char]] = []
    prev: Char | None = None
    for char in ordered:
        if not char["text"].strip():
            prev = None
            continue
        if prev is None or char["x0"] - prev["x1"] > gap * max(char["size"], prev["size"], 1.0):
            words.append([])
        words[-1].append(char)
        prev = char
    return tuple(_word(w) for w in words)


@lru_cache(maxsize=512)
def bold_font(fontname: str) -> bool:
    return is_bold_font(fontname)


def _word(chars: list[Char]) -> Word:
    top = min([c["top"] for c in chars])
    x1 = max([c["x1"] for c in chars])
    bottom = max([c["bottom"] for c in chars])
    size = max([0.0, *(c["size"] for c in chars)])
    bold = sum(map(bold_font, [c.get("fontname", "") for c in chars]))
    text = "".join([c["text"] for c in chars])
    return Word(text, chars[0]["x0"], top, x1, bottom, size, bold > SETTINGS.majority * len(chars))


class PageText:
    """The glyphs of one page, grouped into line bands once for every later use."""

    def __init__(self, chars: Sequence[Char], page: int):
        self.page = page
        self.bands = line_bands(chars)
        # How far down each band's glyph centres reach, so a grid skips bands outside it.
        centres = ([(c["top"] + c["bottom"]) * 0.5 for c in band] for band in self.bands)
        self._centres = [(min(ys), max(ys)) for ys in centres]
        self.rotated = [c for c in chars if not c.get("upright", True) and not is_blank(c)]

    def lines(self, keep: Callable[[Char], bool] | None = None) -> list[Line]:
        """The page's lines, made only of the glyphs ``keep`` accepts (all by default)."""
        if keep is None:
            return lines_of(self.bands, self.page)
        return lines_of(([c for c in band if keep(c)] for band in self.bands), self.page)

    def grid_cells(
        self, xs: Sequence[float], ys: Sequence[float], owner: Sequence[Sequence[Hashable]]
    ) -> dict[Hashable, tuple[list[Line], list[Char]]]:
        """Lines and rotated glyphs of each cell of a grid.

        ``xs`` and ``ys`` are the grid's column and row boundaries and ``owner[r][c]``
        names the (possibly merged) cell at each position; a glyph belongs to the cell
        holding its centre. A line crossing several cells becomes one line in each.
        """
        parts: dict[Hashable, list[list[Char]]] = {}
        rotated: dict[Hashable, list[Char]] = {}
        left, right, top, bottom = xs[0], xs[-1], ys[0], ys[-1]
        last_row, last_col = len(ys) - 2, len(xs) - 2
        level = [b for b, (a, z) in zip(self.bands, self._centres, strict=True) if z >= top and a <= bottom]
        for band in [*level, self.rotated]:
            split: dict[Hashable, list[Char]] = {}
            for c in band:
                cx = (c["x0"] + c["x1"]) * 0.5
                cy = (c["top"] + c["bottom"]) * 0.5
                if left <= cx <= right and top <= cy <= bottom:
                    r = bisect_left(ys, cy) - 1
                    k = bisect_left(xs, cx) - 1
                    r = 0 if r < 0 else last_row if r > last_row else r
                    k = 0 if k < 0 else last_col if k > last_col else k
                    split.setdefault(owner[r][k], []).append(c)
            if band is self.rotated:
                rotated = split
                continue
            for key, chars in split.items():
                parts.setdefault(key, []).append(chars)
        return {
            key: (lines_of(parts.get(key, []), self.page), rotated.get(key, []))
            for key in parts.keys() | rotated.keys()
        }


def rotated_blocks(chars: Iterable[Char]) -> list[list[Char]]:
    """Rotated glyphs grouped into blocks of text: one label each, however many lines.

    Glyphs join a block when they stand within a line's height of it across the
    baseline and within a word space of it along the baseline. A word space is about
    a glyph's advance (all of it in a fixed-pitch font), so two labels set one after
    the other down a column, further apart than that, stay two.
    """
    glyphs = sorted(
        (c for c in chars if not c.get("upright", True) and not is_blank(c)), key=lambda c: c["top"]
    )
    blocks: list[list] = []  # [x0, top, x1, bottom, chars]
    for char in glyphs:
        size = max(char["size"], 1.0)
        for block in blocks:
            advance = max(char["bottom"] - char["top"], (block[3] - block[1]) / len(block[4]))
            space = min(size, SETTINGS.word_space * advance)
            near_x = char["x0"] <= block[2] + size and char["x1"] >= block[0] - size
            near_y = char["top"] <= block[3] + space and char["bottom"] >= block[1] - space
            if near_x and near_y:
                block[0], block[1] = min(block[0], char["x0"]), min(block[1], char["top"])
                block[2], block[3] = max(block[2], char["x1"]), max(block[3], char["bottom"])
                block[4].append(char)
                break
        else:
            blocks.append([char["x0"], char["top"], char["x1"], char["bottom"], [char]])
    return [b[4] for b in blocks]


def rotated_lines(chars: Iterable[Char]) -> list[str]:
    """Text of glyphs set at a right angle, line by line in reading order.

    Text turned 90° anticlockwise reads bottom to top, its lines following one
    another to the right; text turned clockwise reads top to bottom, lines to the left.
    """
    glyphs = [c for c in chars if not c.get("upright", True) and not is_blank(c)]
    texts = []
    # The text matrix's b term is positive when the baseline points up the page.
    for upward in (True, False):
        columns: list[list] = []  # [x0, x1, chars]
        for char in sorted((c for c in glyphs if (c["matrix"][1] > 0) == upward), key=lambda c: c["x0"]):
            width = max(char["x1"] - char["x0"], SETTINGS.min_glyph_extent)
            col = columns[-1] if columns else None
            if col is not None and min(col[1], char["x1"]) - max(
                col[0], char["x0"]
            ) >= SETTINGS.line_overlap * min(width, col[1] - col[0]):
                col[2].append(char)
                col[1] = max(col[1], char["x1"])
            else:
                columns.append([char["x0"], char["x1"], [char]])
        if not upward:
            columns.reverse()
        for _, _, col_chars in columns:
            ordered = sorted(col_chars, key=lambda c: -c["bottom"] if upward else c["top"])
            texts.append(_join_rotated(ordered, upward))
    return texts


def _join_rotated(chars: Sequence[Char], upward: bool) -> str:
    out = [chars[0]["text"]]
    for prev, char in pairwise(chars):
        gap = (prev["top"] - char["bottom"]) if upward else (char["top"] - prev["bottom"])
        if gap > SETTINGS.word_gap * max(char["size"], prev["size"], 1.0):
            out.append(" ")
        out.append(char["text"])
    return "".join(out)


def cell_text(lines: Sequence[Line], rotated: Sequence[Char] = (), width: float | None = None) -> str:
    """The text of a cell: its lines (then any rotated text) joined with single spaces.

    A word the cell was too narrow to hold is printed broken over two lines with no
    hyphen; when the line above holds only that word's first part, ending against the
    cell's right edge, and the two parts together could not fit in ``width``, they are
    joined back into one word. (A word that does not fit the rest of a line moves to
    the next whole, so a broken word's first part always starts its line.)
    """
    parts: list[str] = []
    for prev, line in zip([None, *lines], lines, strict=False):
        if prev is not None and parts and width and _broken_word(prev, line, width):
            parts[-1] += line.text
        else:
            parts.append(line.text)
    parts.extend(rotated_lines(rotated))
    return collapse(" ".join(parts))


def _broken_word(prev: Line, line: Line, width: float) -> bool:
    tail, head = prev.words[-1], line.words[0]
    if len(prev.words) > 1 or not (tail.text[-1:].isalpha() and head.text[:1].islower()):
        return False
    joined = (tail.x1 - tail.x0) + (head.x1 - head.x0)
    return (
        joined > width * SETTINGS.broken_fill
        and (tail.x1 - tail.x0) + SETTINGS.broken_overflow * head.size > width
    )


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def is_vertical(lines: Sequence[Line], rotated: Sequence[Char]) -> bool:
    """Whether most of a cell's text is set at a right angle."""
    upright = sum(len(w.text) for ln in lines for w in ln.words)
    return len(rotated) > upright


def is_bold(lines: Sequence[Line]) -> bool:
    """Whether most of a cell's (upright) text is bold."""
    total = sum(len(w.text) for ln in lines for w in ln.words)
    bold = sum(len(w.text) for ln in lines for w in ln.words if w.bold)
    return total > 0 and bold > SETTINGS.majority * total
