"""Minutes of a meeting: when and where it met, who attended, and each minute.

Minutes open with a heading block (committee, venue, date, time), a list of the
members present (the chair marked "(Chair)", "(Chairman)", "(in the Chair)" or given
as "Chair: ..."), apologies, and then the numbered minutes: a number and title set
bold, larger or in capitals, followed by paragraphs of text. Page stamps, running
headers and the signature line at the end ("Chairman ______") are not minutes text.
Paragraphs are rebuilt from the layout (a wider gap between lines, a short line after
a full stop, a bullet or an indented first line starts one) and the sentences that
record decisions are picked out by :mod:`extractors.decisions`.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from pdfplumber.page import Page

from extractors.base import Extractor, Source
from extractors.dates import find_dates, find_times, parse_time
from extractors.decisions import find_decisions
from extractors.layout import Line, Word, body_size, join_text, page_lines, page_stamp
from extractors.metadata import WEEKDAY, venue_where_held
from extractors.names import (
    HONORIFIC,
    IN_THE_CHAIR,
    TITLED_NAME,
    apologies_in,
    apology_names,
    split_names,
    strip_title,
)
from extractors.numbering import (
    DASH_BULLETS,
    Numbering,
    follows,
    item_reference,
    parse_numbering,
    run_in_heading,
)
from extractors.settings import SETTINGS
from schemas.records import BBox, Decision, MinuteItem, Minutes, Provenance

EXTRACTOR = Extractor("minutes", __name__)

# ---------------------------------------------------------------- printed wordings
_CHAIR_ROLE = re.compile(r"\b(?:chair(?:man|person|woman)?|presiding|convenor)\b", re.I)
_DEPUTY = re.compile(r"\b(?:vice|deputy)\b", re.I)

# "Present:", "Members present", "Members in attendance:", "Attendees:"; a bare "In
# attendance:" lists officers and guests.
_PRESENT = re.compile(
    r"^(?:(?:(?:committee\s+)?members\s+|councillors\s+)?present"
    r"|(?:(?:committee\s+)?members|councillors)\s+(?:in\s+attendance|attending)|attendees|attendance)"
    r"\b\s*[:–—-]?\s*",
    re.I,
)
_APOLOGIES = re.compile(r"^apolog(?:y|ies)\b", re.I)
_CHAIR_LABEL = re.compile(r"^(?:in\s+the\s+)?chair(?:man|person|woman)?\s*[:–—-]\s*", re.I)
_OTHER_LABEL = re.compile(
    r"^(?:also\s+(?:present|in\s+attendance|attending)|in\s+attendance|officers?\b|absent\b|substitut"
    r"|observers?\b|guests?\b|clerk\b|minute\s+taker|other\s+(?:members|councillors))",
    re.I,
)
# Labelled meeting details, wherever the heading area prints them.
_DETAIL_LABEL = re.compile(r"^(?:date|time|venue|place|location)\s*[:–—-]", re.I)
_VENUE_LABEL = re.compile(r"^(?:venue|place|location|held\s+at|meeting\s+venue|where)\s*[:–—-]\s*", re.I)
_MEMBERS_LIST = re.compile(r"^councillors?\b", re.I)

_TITLE_ENDS = re.compile(
    r"(?:\b(?:committee|sub-committee|meeting|board|cabinet|panel|council|forum|commission|executive|"
    r"assembly|partnership|group|minutes|trust|authority)|\bof(?:\s+(?:a|an|the))?)\s*[:–—-]?\s*$",
    re.I,
)

# "RESOLVED:", "AGREED – That ...": a block of decisions always starts a paragraph.
_DECISION_OPENING = re.compile(r"^\s*(?:RESOLVED|AGREED|DECIDED|DECISION|RECOMMENDED|NOTED)\b(?![a-z])")
_SENTENCE_CLOSE = (".", ":", ";", "!", "?", '."', ".”", ".)")

_SIGNATURE = re.compile(
    r"^(?:(?:signed|chair(?:man|person|woman)?|date[d]?|presiding\s+member|mayor)\b[\s:._…()-]*|[_.…]{3,}[\s()]*)+$",
    re.I,
)
# "Mr Cooke be elected to Chair the meeting", "Councillor Ann Lee was appointed Chairman".
_ELECTED_CHAIR = re.compile(
    rf"(?P<name>{TITLED_NAME})"
    r"\s+(?:be|was|is)\s+(?:duly\s+|unanimously\s+)?(?:elected|appointed)\s+(?:as\s+|to\s+)?(?:the\s+)?"
    r"(?i:chair(?:man|person|woman)?)\b"
)
_BLANK_PAGE = re.compile(
    r"\bthis\s+page\s+(?:is\s+|has\s+been\s+)?(?:intentionally|deliberately)\s+left\s+blank\b", re.I
)
# "The meeting closed at 8.15 pm", "The meeting commenced at 7.00 pm and ended at 20:15 hours",
# "There being no further business the meeting closed at 8.16".
_CLOSED = re.compile(
    r"^\s*(?:[^.]*?\s)?(?:the\s+)?meeting\b(?:[^.]|\d\.\d)*?\b(?:closed|ended|finished|concluded|terminated|rose|was\s+closed)\b"
    r"[^.]*?(?P<time>\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?\s?m\.?)?|noon|midday)\s*(?:hours|hrs)?\s*\.?\s*$",
    re.I,
)
_STARTED = re.compile(
    r"\b(?:commenced|started|began|opened|start)\s*(?:at|:)?\s*(?P<time>\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?\s?m\.?)?)",
    re.I,
)
_CLOCK = r"\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?\s?m\.?)?"
_ENDED = re.compile(
    r"\b(?:ended|finished|closed|concluded|end|close)\s*(?:at|:)?\s*(?P<time>\d{1,2}[.:]\d{2}\s*(?:[ap]\.?\s?m\.?)?"
    r"|\d{1,2}\s*[ap]\.?\s?m\.?)",
    re.I,
)
_TIME_RANGE = re.compile(
    rf"(?<![\d.:/£])(?P<a>{_CLOCK})\s*(?:[-–—]|\bto\b|\buntil\b)\s*(?P<b>{_CLOCK}|noon|midday)(?![\d]|[./]\d)",
    re.I,
)
_MERIDIEM = re.compile(r"([ap])\.?\s?m\.?", re.I)
_TIME_LINE = re.compile(
    r"\d\s*[ap]\.?\s?m\b|\bnoon\b|\bmidday\b|\btime\b|\bat\s+\d|\bcommenced|\bstarted|\bbegan"
    r"|^\W*\d{1,2}[.:]\d{2}\W*$|^\W*\d{1,2}[.:]\d{2}\s*[-–—]",
    re.I,
)


@dataclass(frozen=True)
class _Layout:
    """Measures of the running text that paragraph breaks are judged against."""

    left: float
    right: float
    gap: float
    body: float
    jitter: float = 0.0

    @classmethod
    def measure(cls, lines: Sequence[Line]) -> _Layout:
        body = body_size(lines)
        text = [ln for ln in lines if abs(ln.size - body) < SETTINGS.body_type] or list(lines)
        gaps = [
            b.top - a.bottom
            for a, b in pairwise(text)
            if a.page == b.page and 0 <= b.top - a.bottom < SETTINGS.max_line_gap * body
        ]
        gap, jitter = SETTINGS.default_line_gap * body, 0.0
        if gaps:
            gap, jitter = line_spacing(gaps, body)
        # The right margin is where the longest lines end; a stray wider line or two is
        # ignored. A share of the lines would not do: where most paragraphs take one line,
        # few lines reach the margin.
        ends = sorted((ln.x1 for ln in text), reverse=True)
        return cls(
            min(ln.x0 for ln in text), ends[min(SETTINGS.stray_wide_lines, len(ends) - 1)], gap, body, jitter
        )

    def wide_gap(self, prev: Line, line: Line) -> bool:
        limit = self.gap + self.jitter + SETTINGS.paragraph_gap_margin * max(prev.size, line.size)
        return line.page == prev.page and line.top - prev.bottom > limit

    def ends_short(self, prev: Line, line: Line) -> bool:
        """Whether the next line's first word would have fitted at the end of ``prev``."""
        first = line.words[0]
        return self.right - prev.x1 > (first.x1 - first.x0) + prev.size


def line_spacing(gaps: Sequence[float], body: float) -> tuple[float, float]:
    """The gap between lines of a paragraph, and how far single gaps stray from it.

    Lines inside a paragraph sit at the smallest spacing and paragraph gaps are wider.
    The spacing is read from a low percentile of the gaps, not the smallest one: the
    lines of a scanned page sit a point or two off their places, so a few gaps come
    out much narrower than the rest. How far that percentile lies below the typical
    gap measures the jitter, which a paragraph gap must exceed as well.

    Args:
        gaps: vertical gaps between consecutive lines of body text, in points.
        body: the body text size.

    Returns:
        (typical gap inside a paragraph, jitter), in points.
    """
    ordered = sorted(gaps)
    low = ordered[(len(ordered) - 1) // SETTINGS.spacing_quantile]
    # Where nearly every paragraph takes one line, the few gaps inside paragraphs lie
    # below that percentile, clearly narrower than a scan's jitter makes them: they set
    # the spacing.
    narrower = [g for g in ordered if g < low - SETTINGS.narrow_gap * body]
    if narrower:
        low = narrower[(len(narrower) - 1) // SETTINGS.spacing_quantile]
    gap = statistics.median(g for g in ordered if g <= low + SETTINGS.spacing_band * body)
    return gap, gap - low


@dataclass(frozen=True)
class _Heading:
    """A minute's heading: lines[start:end] (title lines and any "(Item N)" line after them)."""

    start: int
    end: int
    number: str
    title: str
    lines: tuple[Line, ...]
    numbering: Numbering | None = None
    rest: Line | None = None
    """The text run into the heading's line after a run-in title."""


# ---------------------------------------------------------------- names


def _is_chair(role: str | None) -> bool:
    """ "(Chairman)", "(in the Chair)", "(Vice-Chair, in the Chair)"; not "(Vice-Chair)"."""
    if not role:
        return False
    return bool(IN_THE_CHAIR.search(role) or (_CHAIR_ROLE.search(role) and not _DEPUTY.search(role)))


def _list_text(lines: Sequence[Line], layout: _Layout) -> str:
    """A printed list's lines joined, with a line break where a line ends a name."""
    text = ""
    for i, line in enumerate(lines):
        chunks = "\n".join(c.text for c in line.chunks())
        if i == 0:
            text = chunks
            continue
        text += ("\n" if _ends_name(text, lines[i - 1], line, layout) else " ") + chunks
    return text


def _ends_name(text: str, prev: Line, line: Line, layout: _Layout) -> bool:
    """Whether a list's name ends with ``prev`` (whose text so far is ``text``) rather than wrapping."""
    return not re.search(r"(?:,|;|&|\band)\s*$", text) and bool(
        HONORIFIC.match(line.text) or layout.ends_short(prev, line)
    )


# ---------------------------------------------------------------- page content


def _content_lines(pages: Sequence[Page]) -> list[Line]:
    """Lines of the pages, without page stamps, running headers, blank-page notes or signatures."""
    per_page = []
    for page in pages:
        lines = page_lines(page)
        _, stamp = page_stamp(lines, page.height)
        per_page.append((page, [ln for ln in lines if ln is not stamp and not _BLANK_PAGE.search(ln.text)]))
    running = _running_lines(per_page)
    body = body_size([ln for _, lines in per_page for ln in lines])
    content = [
        ln
        for k, (page, lines) in enumerate(per_page)
        for ln in lines
        if _running_key(ln) not in running and not (k and _running_head(ln, page, body))
    ]
    # The signature block closes the minutes; a "Chair: ____" line may also sit elsewhere.
    while content and _SIGNATURE.match(content[-1].text):
        content.pop()
    return [ln for ln in content if not (_SIGNATURE.match(ln.text) and re.search(r"[_.…]{3}", ln.text))]


def _running_head(line: Line, page: Page, body: float) -> bool:
    """A line in small type atop a continuation page ("Audit Committee - 8 December 2020").

    Printed on every page after the first, it shows only once in minutes of two pages.
    """
    return (
        line.top < SETTINGS.running_margin * page.height
        and line.size < body - SETTINGS.larger
        and not line.text.rstrip().endswith(_SENTENCE_CLOSE)
    )


def _running_key(line: Line) -> str:
    return re.sub(r"\d+", "#", line.text.strip().lower())


def _running_lines(per_page: list[tuple[Page, list[Line]]]) -> set[str]:
    """Texts printed in the top or bottom margin of more than one page."""
    if len(per_page) < SETTINGS.running_pages:
        return set()
    seen: Counter[str] = Counter()
    for page, lines in per_page:
        margin = SETTINGS.running_margin * page.height
        seen.update(
            _running_key(ln)
            for ln in lines
            if (ln.top < margin or ln.bottom > page.height - margin) and not ln.text.rstrip().endswith(".")
        )
    return {key for key, n in seen.items() if n >= SETTINGS.running_pages}


# ---------------------------------------------------------------- item headings


def _emphasised(line: Line, text: str, body: float) -> bool:
    letters = [c for c in text if c.isalpha()]
    capitals = len(letters) >= SETTINGS.emphasis_min_letters and sum(
        c.isupper() for c in letters
    ) >= SETTINGS.capitals_share * len(letters)
    return line.bold or line.size >= body + SETTINGS.larger or capitals


def _number_of(line: Line) -> tuple[Numbering, int] | None:
    """The item number a line opens with and how many words it takes.

    A bare letter or numeral ("B", "iv") is a number only set apart from its title by a
    wide gap or on a line of its own; a bracketed one ("(a)", "(1)"), a lower-case
    letter or a bullet opens a point inside a minute, not a minute.
    """
    found = parse_numbering(line.text, codes=True)
    first = line.chunks()[0]
    if (
        found is None
        and len(first.words) <= SETTINGS.number_chunk_words
        and (len(line.words) == 1 or len(first.words) < len(line.words))
    ):
        alone = parse_numbering(first.text, codes=True, set_apart=True)
        if alone is not None and not alone.rest:
            found = alone
    if found is None or found.style in ("bullet", "lower") or found.opened:
        return None
    used = len(found.token.split())
    if " ".join(w.text for w in line.words[:used]) != found.token:
        # The number runs into its title ("1.Apologies"): not a heading's number.
        return None
    return found, used


def _bold_lead(line: Line) -> int | None:
    """How many words open ``line`` in bold before text that is not: a run-in heading."""
    lead = next((k for k, w in enumerate(line.words) if not w.bold), len(line.words))
    if 0 < lead < len(line.words) and not any(w.bold for w in line.words[lead:]):
        return lead
    return None


def _find_headings(lines: Sequence[Line], layout: _Layout) -> list[_Heading]:
    """The minutes' headings, numbered or not, in reading order.

    Numbered titles are set bold, larger or in capitals. Minutes typed in plain text set
    them as the body is: then a numbered short line, a title rather than a sentence, is a
    heading where the numbers run on one by one. A number that carries the sequence on
    down the headings' margin is a heading too, however it is set. Unnumbered titles
    are set like the numbered ones (see :func:`_unnumbered_headings`).
    """
    headings = _scan_headings(lines, layout, strict=True)
    if len(headings) < 2:
        plain = _scan_headings(lines, layout, strict=False)
        if len(plain) >= 2 and all(follows(a.numbering, b.numbering) for a, b in pairwise(plain)):
            headings = plain
    headings = _run_in_like_the_rest(_fill_sequence(lines, headings, layout))
    unnumbered = _unnumbered_headings(lines, layout, headings)
    return sorted([*headings, *unnumbered], key=lambda h: h.start)


def _scan_headings(lines: Sequence[Line], layout: _Layout, strict: bool) -> list[_Heading]:
    headings: list[_Heading] = []
    i = 0
    while i < len(lines):
        heading = _heading_at(lines, i, layout, strict)
        if heading:
            headings.append(heading)
            i = heading.end
        else:
            i += 1
    return headings


def _fill_sequence(lines: Sequence[Line], headings: list[_Heading], layout: _Layout) -> list[_Heading]:
    """The headings with the numbered lines between them that carry their sequence on.

    A minute whose title is not set apart ("2711. Apologies for absence: ...", between
    bold "2710." and "2712.") is found by its number: at the margin of the others' numbers,
    next in their sequence, opening a title or a run-in heading.
    """
    if len(headings) < 2:
        return headings
    filled = [headings[0]]
    for nxt in [*headings[1:], None]:
        previous = filled[-1]
        stop = nxt.start if nxt else len(lines)
        i = previous.end
        while i < stop:
            found = _heading_at(lines, i, layout, strict=False)
            if found and _carries_on(previous, found, nxt, layout):
                filled.append(found)
                previous = found
                i = found.end
            else:
                i += 1
        if nxt:
            filled.append(nxt)
    return filled


def _carries_on(previous: _Heading, found: _Heading, nxt: _Heading | None, layout: _Layout) -> bool:
    margin = previous.lines[0].x0
    return (
        previous.numbering is not None
        and found.numbering is not None
        and abs(found.lines[0].x0 - margin) < SETTINGS.margin_tolerance * layout.body
        and follows(previous.numbering, found.numbering)
        and (
            nxt is None
            or nxt.numbering is None
            or follows(found.numbering, nxt.numbering)
            or (nxt.numbering.value or 0) > (found.numbering.value or 0) + 1
        )
    )


def _heading_at(lines: Sequence[Line], i: int, layout: _Layout, strict: bool = True) -> _Heading | None:
    line = lines[i]
    found = _number_of(line)
    if not found or _continues_line(lines[i - 1] if i else None, line, layout):
        return None
    if any(start == 0 for _, start, _ in find_dates(line.text)):
        return None
    numbering, used = found
    title_words = list(line.words[used:])
    title_lines = [line]
    end = i + 1
    if not title_words:
        # The number on a line of its own, the title below it; an "Item 4" stamp in the
        # right-hand corner of a pack page is not a heading.
        if (
            line.x0 > (layout.left + layout.right) / 2
            or end >= len(lines)
            or lines[end].page != line.page
            or lines[end].top - line.bottom > SETTINGS.number_title_gap * line.size
        ):
            return None
        title_lines.append(lines[end])
        title_words = list(lines[end].words)
        end += 1
    title_words, rest = _run_in(title_lines[-1], title_words, layout)
    title = " ".join(w.text for w in title_words)
    last = title_lines[-1]
    if not _title_like(title):
        return None
    # A title run into plain text by its colon alone is set as the text is.
    set_apart = (rest is None or rest.words[0].bold != title_words[0].bold) and (
        all(w.bold for w in title_words)
        or _emphasised(Line(last.page, tuple(title_words)), title, layout.body)
    )
    if not set_apart and (strict or not (rest or _plain_title(lines, end, title, layout))):
        return None
    while rest is None and end < len(lines) and _continues_title(last, lines[end], layout):
        last = lines[end]
        title_lines.append(last)
        title += " " + last.text
        end += 1
    number = numbering.label
    reference = item_reference(lines[end].text) if end < len(lines) and rest is None else None
    if reference:
        end += 1
    return _Heading(i, end, number, _clean_title(title), tuple(title_lines), numbering, rest)


def _run_in(line: Line, words: list[Word], layout: _Layout) -> tuple[list[Word], Line | None]:
    """A title run into its text ("Police Report: Attached. ..."): the title's words and
    the text after it, told by a bold title before plain text, or in plain type by a few
    words closed by a colon before a sentence."""
    lead = _bold_lead(line)
    start = len(line.words) - len(words)
    if lead is not None and start < lead:
        text = line.words[lead:]
        if not text[0].text.strip(":-–—"):
            # The title's colon, set apart and in plain type: "Reports from Sub-Committees :".
            text = text[1:]
        if any(ch.isalnum() for w in text for ch in w.text):
            return list(line.words[start:lead]), Line(line.page, text)
        return list(words), None
    text = " ".join(w.text for w in words)
    if lead is None and not line.bold and not _emphasised(line, text, layout.body):
        split = _split_run_in(line.page, words)
        if split:
            return split
    return words, None


def _split_run_in(page: int, words: Sequence[Word]) -> tuple[list[Word], Line] | None:
    """``words`` split after a run-in heading ("Police Report: Attached."): its words, and
    the text after its colon as a line of its own; None where they open with none."""
    found = run_in_heading(" ".join(w.text for w in words))
    if found is None:
        return None
    count = len(found[0].split())
    # The colon may stand apart: "Reports from Sub-Committees : Finance".
    skip = count + (1 if count < len(words) and not words[count].text.strip(":-–") else 0)
    if skip >= len(words):
        return None
    return list(words[:count]), Line(page, tuple(words[skip:]))


def _run_in_like_the_rest(headings: list[_Heading]) -> list[_Heading]:
    """Where most titles run into their text, a one-line title holding a run-in heading
    ("Reports from outside bodies: Lower Wye Valley Trust –", all bold) runs in too."""
    if sum(h.rest is not None for h in headings) * 2 < len(headings):
        return headings
    out = []
    for h in headings:
        used = len(h.numbering.token.split()) if h.numbering else 0
        split = (
            _split_run_in(h.lines[0].page, h.lines[0].words[used:])
            if h.rest is None and len(h.lines) == 1
            else None
        )
        if split:
            title = " ".join(w.text for w in split[0])
            h = replace(h, title=_clean_title(title), rest=split[1])
        out.append(h)
    return out


def _clean_title(title: str) -> str:
    return re.sub(r"\s*:\s*[-–]?\s*$", "", title).strip(" -–:")


def _unnumbered_headings(
    lines: Sequence[Line], layout: _Layout, numbered: Sequence[_Heading]
) -> list[_Heading]:
    """Minutes' titles printed without a number, set as the numbered ones are.

    A title followed by a reference line ("(Item 4)") is one wherever it stands. Other
    unnumbered titles are read only after the attendance list and before the first
    numbered minute (the business taken before the numbered minutes, such as electing
    a chair), at the margin of the numbered titles; inside a minute a bold line is a
    sub-heading of it. Minutes that number none of their titles set them bold at the
    left margin, each above plain text.
    """
    referenced = [i for i, line in enumerate(lines) if item_reference(line.text)]
    taken = {k for h in numbered for k in range(h.start, h.end)}
    if numbered:
        first = numbered[0].start
        margins = {round(h.lines[0].x0) for h in numbered}
        margins |= {
            round(h.lines[0].words[len(h.numbering.token.split())].x0)
            for h in numbered
            if h.numbering and len(h.lines[0].words) > len(h.numbering.token.split())
        }
    else:
        first = len(lines)
        margins = {round(layout.left)}
    opened = _attendance_end(lines[:first], layout)
    found: list[_Heading] = []
    i = 0
    while i < len(lines):
        if i in taken:
            i += 1
            continue
        heading = _unnumbered_at(lines, i, layout)
        if heading is None:
            i += 1
            continue
        referenced_here = heading.end - 1 in referenced
        placed = (
            opened is not None
            and opened <= i < first
            and any(abs(heading.lines[0].x0 - m) < SETTINGS.margin_tolerance * layout.body for m in margins)
        )
        if referenced_here or (placed and (numbered or not referenced)):
            found.append(heading)
            i = heading.end
        else:
            i += 1
    if not numbered and not referenced and len(found) < 2:
        return []
    return found


def _unnumbered_at(lines: Sequence[Line], i: int, layout: _Layout) -> _Heading | None:
    line = lines[i]
    prev = lines[i - 1] if i else None
    if _number_of(line) or item_reference(line.text) or (_label(line.text)[0] and not line.bold):
        return None
    if prev is not None and prev.page == line.page and not layout.wide_gap(prev, line):
        return None
    if not (line.bold or line.size >= layout.body + SETTINGS.larger) or line.text.rstrip().endswith(
        (".", ":", ";", ",")
    ):
        return None
    title_lines = [line]
    end = i + 1
    while end < len(lines) and _continues_title(title_lines[-1], lines[end], layout):
        title_lines.append(lines[end])
        end += 1
    title = " ".join(ln.text for ln in title_lines)
    if not _title_like(title) or len(title.split()) > SETTINGS.minutes_title_words:
        return None
    if end < len(lines) and item_reference(lines[end].text):
        return _Heading(
            i, end + 1, item_reference(lines[end].text) or "", _clean_title(title), tuple(title_lines)
        )
    following = lines[end] if end < len(lines) else None
    if following is None or following.bold or find_dates(title):
        return None
    return _Heading(i, end, "", _clean_title(title), tuple(title_lines))


def _attendance_end(lines: Sequence[Line], layout: _Layout) -> int | None:
    """Where the attendance list (its first labelled block) and the blocks after it end; None without one."""
    blocks, _ = _header_blocks(lines, layout)
    present = [b for b in blocks if b.kind in ("present", "chair")]
    if not present:
        return None
    last = blocks[-1]
    end = lines.index(last.label) + 1 + len(last.lines)
    return end


def _plain_title(lines: Sequence[Line], end: int, title: str, layout: _Layout) -> bool:
    """A title set in body type: a few words, no closing punctuation, on a line of its own."""
    if len(title.split()) > SETTINGS.plain_heading_words or title.rstrip().endswith((".", ";", ",", ":")):
        return False
    following = lines[end] if end < len(lines) else None
    return (
        following is None
        or following.page != lines[end - 1].page
        or layout.ends_short(lines[end - 1], following)
    )


def _title_like(title: str) -> bool:
    """A title, not a numbered sentence of text or a figure."""
    if sum(ch.isalpha() for ch in title) < SETTINGS.heading_min_letters or re.match(
        r"^(?:that\b|%|[ap]\.?m\b)", title, re.I
    ):
        return False
    return not (
        title.rstrip().endswith((".", ";", ",")) and len(title.split()) > SETTINGS.stopped_title_words
    )


def _continues_line(prev: Line | None, line: Line, layout: _Layout) -> bool:
    """Whether ``line`` carries on the text of ``prev``, set alike and wrapped at the margin."""
    return (
        prev is not None
        and line.page == prev.page
        and line.bold == prev.bold
        and abs(line.size - prev.size) < SETTINGS.same_size
        and line.top - prev.bottom < SETTINGS.wrap_gap * line.size
        and not layout.ends_short(prev, line)
    )


def _continues_title(last: Line, line: Line, layout: _Layout) -> bool:
    return _continues_line(last, line, layout) and _number_of(line) is None


# ---------------------------------------------------------------- paragraphs


def _paragraphs(lines: Sequence[Line], layout: _Layout) -> list[list[Line]]:
    paragraphs: list[list[Line]] = []
    hanging: float | None = None
    for i, line in enumerate(lines):
        prev = lines[i - 1] if i else None
        if prev is None or _starts_paragraph(prev, line, layout, hanging):
            paragraphs.append([])
            hanging = _bullet_text_x(line)
        paragraphs[-1].append(line)
    return paragraphs


def _starts_paragraph(prev: Line, line: Line, layout: _Layout, hanging: float | None) -> bool:
    closed = prev.text.rstrip().endswith(_SENTENCE_CLOSE)
    short = layout.ends_short(prev, line)
    size = line.size
    marker = parse_numbering(line.text)
    return (
        layout.wide_gap(prev, line)
        or _glyph_bullet(marker)
        or (closed and short)
        or ((closed or short) and (_list_marker(marker) or bool(_DECISION_OPENING.match(line.text))))
        or (hanging is not None and line.x0 < hanging - SETTINGS.outdent * size)
        or (
            closed
            and line.x0 > layout.left + SETTINGS.indent_step * size
            and prev.x0 <= layout.left + SETTINGS.at_margin * size
        )
    )


def _glyph_bullet(marker: Numbering | None) -> bool:
    """A bullet printed as a glyph ("•"), which always opens a point; a dash may be a dash."""
    return marker is not None and marker.style == "bullet" and marker.token not in DASH_BULLETS


def _list_marker(marker: Numbering | None) -> bool:
    """A dash bullet or the number of a point, "1.1", "(a)", "2)", "iv.", before its text."""
    if marker is None or not marker.rest:
        return False
    return marker.style in ("bullet", "decimal") or marker.token.endswith((".", ")"))


def _bullet_text_x(line: Line) -> float | None:
    """Where the text after a bullet starts, which wrapped lines of the bullet align to."""
    marker = parse_numbering(line.text)
    if marker is None or marker.style != "bullet" or len(line.words) < 2:
        return None
    first = line.words[0]
    # A bullet printed against its text ("•Text") is one word: skip one character's width.
    return line.words[1].x0 if len(first.text) == 1 else first.x0 + (first.x1 - first.x0) / len(first.text)


def _paragraph_text(lines: Sequence[Line]) -> tuple[str, list[tuple[int, Line]]]:
    """A paragraph's lines joined with spaces, bullet removed, with each line's offset."""
    text, offsets = "", []
    for k, line in enumerate(lines):
        part = line.text.strip()
        marker = parse_numbering(part) if k == 0 else None
        if marker is not None and marker.style == "bullet":
            part = marker.rest
        if text and not (re.search(r"\w-$", text) and part[:1].islower()):
            text += " "
        offsets.append((len(text), line))
        text += part
    return text, offsets


# ---------------------------------------------------------------- meeting details


def _clock(text: str, meridiem: str | None = None) -> str | None:
    text = text.strip()
    if meridiem and not _MERIDIEM.search(text):
        text = f"{text} {meridiem}m"
    if re.fullmatch(r"\d{1,2}", text):
        return None
    return parse_time(text)


def meeting_times(lines: Sequence[str]) -> tuple[str | None, str | None]:
    """Start and end time from heading lines such as "(10.30 am – 12.15 pm)" or "7.00 pm".

    A range whose start carries no am/pm takes the end's ("7.00 - 9.30 pm" is 19:00
    to 21:30) unless that would put the start after the end.

    Args:
        lines: lines of the minutes heading, in order.

    Returns:
        (start, end) as "HH:MM", None where not printed.
    """
    for text in lines:
        m = _TIME_RANGE.search(text) if _TIME_LINE.search(text) else None
        if not m or not re.search(r"[.:]|[ap]\.?\s?m", m.group(0), re.I):
            continue
        end = _clock(m.group("b"))
        end_meridiem = _MERIDIEM.search(m.group("b"))
        start = _clock(m.group("a"), end_meridiem.group(1) if end_meridiem else None)
        if start and end and start > end and end_meridiem and not _MERIDIEM.search(m.group("a")):
            start = _clock(m.group("a"), "a")
        if start and end:
            return start, end
    # "Meeting ended: 8.25 pm", "(closed 8.25 pm)": an end printed apart from the start.
    end = next((parse_time(m.group("time")) for text in lines if (m := _ENDED.search(text))), None)
    for text in lines:
        m = _STARTED.search(text)
        if m and parse_time(m.group("time")):
            return parse_time(m.group("time")), end
    for text in lines:
        times = find_times(text) if _TIME_LINE.search(text) else _times_beside_date(text)
        if times:
            return times[0], end
    return None, None


def _times_beside_date(text: str) -> list[str]:
    """Times on a line that prints the meeting's date: "Wednesday 18 October 2023, 18:30".

    A bare "18:30" elsewhere may be a figure; beside a date it is the time of the meeting.
    """
    dates = find_dates(text)
    for _, start, end in sorted(dates, key=lambda d: -d[1]):
        text = f"{text[:start]} ; {text[end:]}"
    return find_times(text) if dates else []


def _venue(block: Sequence[Line]) -> str | None:
    """The venue from a labelled line, a "held at ..." heading, or the lines after the title."""
    for k, line in enumerate(block):
        m = _VENUE_LABEL.match(line.text)
        if m:
            rest = line.text[m.end() :].strip()
            return rest or (block[k + 1].text.strip() if k + 1 < len(block) else None)
    venue = venue_where_held(join_text(block))
    if venue:
        return venue
    title_end = -1
    for k, line in enumerate(block):
        if re.search(r"\bminutes\b|\bmeeting\s+(?:of|held)\b", line.text, re.I):
            title_end = k
        elif find_dates(line.text) or _TIME_LINE.search(line.text):
            break
        elif _TITLE_ENDS.search(re.sub(r"\s*\([^)]*\)\s*$", "", line.text)):
            title_end = k
    parts = []
    for line in block[title_end + 1 :]:
        part = _without_date(line.text)
        if _TITLE_ENDS.search(part):
            continue
        if part:
            parts.append(part)
        elif not (find_dates(line.text) or _TIME_LINE.search(line.text)):
            # A line of running text: the venue, if any, was printed above it.
            break
    return " ".join(parts) or None


def _without_date(text: str) -> str:
    """A heading line with its date, time and weekday removed: what is left may be a venue."""
    if text.rstrip().endswith(".") or _MEMBERS_LIST.match(text):
        return ""
    original = text
    for found in sorted(find_dates(text), key=lambda d: -d[1]):
        text = text[: found[1]] + " " + text[found[2] :]
    text = _TIME_RANGE.sub(" ", text)
    text = re.sub(
        rf"\b{_CLOCK}(?=\s|$|\))", lambda m: " " if _MERIDIEM.search(m.group(0)) else m.group(0), text
    )
    text = WEEKDAY.sub(" ", text)
    text = re.sub(r"^\W*(?:date|time|held|on|at)\b\W*", "", text.strip(), flags=re.I)
    text = re.sub(r"\s+", " ", text).strip()
    if text != re.sub(r"\s+", " ", original).strip():
        # Punctuation that joined the venue to the date or time goes with them.
        text = text.strip(" ,;:()-–")
    return text if sum(ch.isalpha() for ch in text) >= SETTINGS.venue_min_letters else ""


# ---------------------------------------------------------------- header blocks


@dataclass
class _Block:
    kind: str
    lines: list[Line]
    first: str
    label: Line


def _header_blocks(header: Sequence[Line], layout: _Layout) -> tuple[list[_Block], int]:
    """Labelled blocks of the heading area (present, apologies, chair...) and where they begin."""
    blocks: list[_Block] = []
    first_label = len(header)
    current: _Block | None = None
    for i, line in enumerate(header):
        kind, rest = _label(line.text)
        if kind:
            if kind != "detail":
                first_label = min(first_label, i)
            current = _Block(kind, [], rest, line)
            blocks.append(current)
            continue
        if current is None:
            continue
        if layout.wide_gap(header[i - 1], line) and _block_ends(current, line):
            current = None
            continue
        current.lines.append(line)
    return blocks, first_label


def _block_ends(block: _Block, line: Line) -> bool:
    """Whether a wider gap before ``line`` ends ``block``.

    A gap after the label alone (or a "COUNCILLORS" sub-heading) does not, nor one
    between rows of a list set out in columns ("Labour Group   A, B").
    """
    has_content = bool(strip_title(block.first)) or any(strip_title(ln.text) for ln in block.lines)
    in_columns = bool(block.lines) and len(block.lines[-1].chunks()) > 1 and len(line.chunks()) > 1
    return has_content and not in_columns


def _label(text: str) -> tuple[str | None, str]:
    labels = (
        ("present", _PRESENT),
        ("chair", _CHAIR_LABEL),
        ("other", _OTHER_LABEL),
        ("detail", _DETAIL_LABEL),
    )
    for kind, pattern in labels:
        m = pattern.match(text)
        if m:
            return kind, text[m.end() :].strip()
    if _APOLOGIES.match(text):
        return "apologies", text
    return None, ""


def _block_text(block: _Block, layout: _Layout) -> str:
    listed = _list_text(block.lines, layout) if block.lines else ""
    if not block.first or not listed:
        return block.first or listed
    # The label's line may wrap a name onto the next: "..., Agnes" / "Quinlan, ...".
    return (
        block.first + ("\n" if _ends_name(block.first, block.label, block.lines[0], layout) else " ") + listed
    )


def _attendance(
    header: Sequence[Line], layout: _Layout
) -> tuple[list[tuple[str, str | None]], str | None, list[str] | None, int]:
    blocks, first_label = _header_blocks(header, layout)
    present: list[tuple[str, str | None]] = []
    chair = None
    apologies: list[str] | None = None
    for block in blocks:
        text = _block_text(block, layout)
        if block.kind == "present":
            present += split_names(text)
        elif block.kind == "chair":
            names = split_names(text)
            chair = names[0][0] if names else chair
        elif block.kind == "apologies":
            apologies = (apologies or []) + apology_names(text)
    if not present:
        # "Councillors A (Chair), B and C" printed without a "Present" label.
        for k, line in enumerate(header):
            if not _MEMBERS_LIST.match(line.text):
                continue
            para = [line]
            for nxt in header[k + 1 :]:
                if layout.wide_gap(para[-1], nxt) or _label(nxt.text)[0]:
                    break
                para.append(nxt)
            text = _list_text(para, layout)
            # A list, not a sentence about one councillor ("Councillor A declared ...").
            if re.match(r"^councillors\b", text, re.I) or re.search(r"\(\s*chair", text, re.I):
                present = split_names(text)
                first_label = min(first_label, k)
            break
    return present, chair, apologies, first_label


# ---------------------------------------------------------------- minutes


def extract_minutes(pages: Sequence[Page], source: Source) -> Minutes | None:
    """The minutes printed on ``pages`` (one set of minutes).

    Args:
        pages: the pages of the minutes, in order.
        source: the PDF they come from.

    Returns:
        The minutes, or None when the pages hold no numbered minutes and no
        meeting details.
    """
    lines = _content_lines(pages)
    if not lines:
        return None
    layout = _Layout.measure(lines)
    headings = _find_headings(lines, layout)
    header = lines[: headings[0].start] if headings else lines
    present, chair, apologies, first_label = _attendance(header, layout)
    heading_block = header[:first_label]
    details = [*heading_block, *(ln for ln in header[first_label:] if _DETAIL_LABEL.match(ln.text))]
    # A wrapped heading may break its date: "held on Tuesday 22" / "June 2021 at 7.30 pm".
    meeting_date = next((d for ln in details for d, _, _ in find_dates(ln.text)), None) or next(
        (d for d, _, _ in find_dates(join_text(details))), None
    )
    start, end = meeting_times(
        [ln.text for ln in details] + [ln.text for ln in header if _STARTED.search(ln.text)]
    )
    items, closed_at = _items(lines, headings, layout, source)
    if apologies is None:
        apologies = next(
            (apologies_in(i.text, listed=True) for i in items if re.search(r"apolog", i.title, re.I)), []
        )
    if not items and meeting_date is None and not present:
        return None
    chair = chair or next((name for name, role in present if _is_chair(role)), None)
    names = [name for name, _ in present]
    chair = chair or _elected_chair(items, names)
    if chair:
        names = [chair] + [n for n in names if n != chair]
    return Minutes(
        meeting_date=meeting_date,
        venue=_venue(details),
        start_time=start,
        end_time=end or _after(closed_at, start),
        chair=chair,
        present=names,
        apologies=apologies,
        items=items,
        prov=source.prov(EXTRACTOR, lines[0].page, lines[0].bbox),
    )


def _items(
    lines: Sequence[Line], headings: Sequence[_Heading], layout: _Layout, source: Source
) -> tuple[list[MinuteItem], str | None]:
    items = []
    closed_at = None
    for k, heading in enumerate(headings):
        stop = headings[k + 1].start if k + 1 < len(headings) else len(lines)
        paragraphs = []
        body = [heading.rest] if heading.rest else []
        for para in _paragraphs([*body, *lines[heading.end : stop]], layout):
            text, offsets = _paragraph_text(para)
            closing = _CLOSED.match(text)
            if closing:
                closed_at = parse_time(closing.group("time"))
                continue
            paragraphs.append((text, offsets))
        item_text, placed = "", []
        for text, offsets in paragraphs:
            base = len(item_text) + (1 if item_text else 0)
            item_text = f"{item_text}\n{text}" if item_text else text
            placed += [(base + offset, line) for offset, line in offsets]
        decisions = [
            Decision(text=d.text, kind=d.kind, prov=_prov_of_span(placed, d.start, d.end, source))
            for d in find_decisions(item_text)
        ]
        bbox = _union([ln.bbox for ln in heading.lines if ln.page == heading.lines[0].page])
        items.append(
            MinuteItem(
                number=heading.number,
                title=re.sub(r"\s+", " ", heading.title),
                text=item_text,
                decisions=decisions,
                prov=source.prov(EXTRACTOR, heading.lines[0].page, bbox),
            )
        )
    return items, closed_at


def _elected_chair(items: Sequence[MinuteItem], present: Sequence[str]) -> str | None:
    """Who was elected to chair the meeting ("RESOLVED that Mr Cooke be elected to Chair
    the meeting"), as the attendance list names them; None where no minute says."""
    for item in items:
        m = _ELECTED_CHAIR.search(item.text)
        if m:
            name = strip_title(m.group("name"))
            surname = name.split()[-1]
            listed = [n for n in present if n.split()[-1] == surname]
            return listed[0] if len(listed) == 1 else name
    return None


def _after(end: str | None, start: str | None) -> str | None:
    """An end time printed without am/pm ("closed at 8.16") read as the first such time after the start."""
    if end and start and end < start and int(end[:2]) < 12 and f"{int(end[:2]) + 12:02d}{end[2:]}" > start:
        return f"{int(end[:2]) + 12:02d}{end[2:]}"
    return end


def _prov_of_span(placed: list[tuple[int, Line]], start: int, end: int, source: Source) -> Provenance:
    """Provenance of a span of item text: the page it starts on and its lines there."""
    covering = [
        line
        for k, (offset, line) in enumerate(placed)
        if offset < end and (placed[k + 1][0] if k + 1 < len(placed) else end + 1) > start
    ]
    if not covering:
        return source.prov(EXTRACTOR)
    page = covering[0].page
    return source.prov(EXTRACTOR, page, _union([ln.bbox for ln in covering if ln.page == page]))


def _union(boxes: Sequence[BBox]) -> BBox:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
