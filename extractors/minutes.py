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
from dataclasses import dataclass
from itertools import pairwise

from pdfplumber.page import Page

from extractors.base import Extractor, Source
from extractors.dates import find_dates, find_times, parse_time
from extractors.decisions import find_decisions
from extractors.layout import Line, body_size, join_text, page_lines, page_stamp
from extractors.metadata import WEEKDAY, numbers_run_on, venue_where_held
from extractors.names import HONORIFIC, IN_THE_CHAIR, apology_names, split_names, strip_title
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

_ITEM_PREFIX = re.compile(r"^(?:minute|min\.?|item)$", re.I)
# Minute numbers: 4, 4a, 5.2, B, iv; numbered within the year ("25/42") or with the
# body's code ("PL/42", "CAB12", "EX.45"); not a quarter or a road ("Q2", "A14").
_ITEM_NUMBER = re.compile(
    r"^(?P<num>\d{1,4}(?:\.\d{1,2})?[a-z]?|\d{1,3}/\d{1,4}|[A-Z]{2,5}\d{1,3}[a-z]?|[A-Z]{1,5}[/.]\d{1,4}(?:/\d{1,4})?[a-z]?"
    r"|[A-Z]|[ivxIVX]{1,5})(?P<punct>[.):]?)$"
)
_ROMAN = re.compile(r"^(?=[ivx]+$)x{0,3}(?:ix|iv|v?i{0,3})$", re.I)
_TITLE_ENDS = re.compile(
    r"(?:\b(?:committee|sub-committee|meeting|board|cabinet|panel|council|forum|commission|executive|"
    r"assembly|partnership|group|minutes|trust|authority)|\bof(?:\s+(?:a|an|the))?)\s*[:–—-]?\s*$",
    re.I,
)

_BULLET = re.compile(r"^\s*[•●▪■◦○‣⁃·\uf0a7\uf0b7\uf0d8\uf076\uf0fc]\s*")
_DASH_BULLET = re.compile(r"^\s*[-–—*]\s+")
_LIST_START = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,2})+\.?|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)])\s+\S", re.I)
# "RESOLVED:", "AGREED – That ...": a block of decisions always starts a paragraph.
_DECISION_OPENING = re.compile(r"^\s*(?:RESOLVED|AGREED|DECIDED|DECISION|RECOMMENDED|NOTED)\b(?![a-z])")
_SENTENCE_CLOSE = (".", ":", ";", "!", "?", '."', ".”", ".)")

_SIGNATURE = re.compile(
    r"^(?:(?:signed|chair(?:man|person|woman)?|date[d]?|presiding\s+member|mayor)\b[\s:._…-]*|[_.…]{3,}\s*)+$",
    re.I,
)
_BLANK_PAGE = re.compile(
    r"\bthis\s+page\s+(?:is\s+|has\s+been\s+)?(?:intentionally|deliberately)\s+left\s+blank\b", re.I
)
# "The meeting closed at 8.15 pm", "The meeting commenced at 7.00 pm and ended at 20:15 hours".
_CLOSED = re.compile(
    r"^\s*(?:the\s+)?meeting\b(?:[^.]|\d\.\d)*?\b(?:closed|ended|finished|concluded|terminated|rose|was\s+closed)\b"
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
        text = [ln for ln in lines if abs(ln.size - body) < 0.6] or list(lines)
        gaps = [
            b.top - a.bottom
            for a, b in pairwise(text)
            if a.page == b.page and 0 <= b.top - a.bottom < 2 * body
        ]
        gap, jitter = 0.3 * body, 0.0
        if gaps:
            gap, jitter = line_spacing(gaps, body)
        # The right margin is where the longest lines end; a stray wider line or two is
        # ignored. A share of the lines would not do: where most paragraphs take one line,
        # few lines reach the margin.
        ends = sorted((ln.x1 for ln in text), reverse=True)
        return cls(min(ln.x0 for ln in text), ends[min(2, len(ends) - 1)], gap, body, jitter)

    def wide_gap(self, prev: Line, line: Line) -> bool:
        limit = self.gap + self.jitter + 0.2 * max(prev.size, line.size)
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
    low = ordered[(len(ordered) - 1) // 10]
    # Where nearly every paragraph takes one line, the few gaps inside paragraphs lie
    # below that percentile, clearly narrower than a scan's jitter makes them: they set
    # the spacing.
    narrower = [g for g in ordered if g < low - 0.25 * body]
    if narrower:
        low = narrower[(len(narrower) - 1) // 10]
    gap = statistics.median(g for g in ordered if g <= low + 0.2 * body)
    return gap, gap - low


@dataclass(frozen=True)
class _Heading:
    start: int
    end: int
    number: str
    title: str
    lines: tuple[Line, ...]


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
        line.top < 0.08 * page.height
        and line.size < body - 0.5
        and not line.text.rstrip().endswith(_SENTENCE_CLOSE)
    )


def _running_key(line: Line) -> str:
    return re.sub(r"\d+", "#", line.text.strip().lower())


def _running_lines(per_page: list[tuple[Page, list[Line]]]) -> set[str]:
    """Texts printed in the top or bottom margin of more than one page."""
    if len(per_page) < 2:
        return set()
    seen: Counter[str] = Counter()
    for page, lines in per_page:
        margin = 0.08 * page.height
        seen.update(
            _running_key(ln)
            for ln in lines
            if (ln.top < margin or ln.bottom > page.height - margin) and not ln.text.rstrip().endswith(".")
        )
    return {key for key, n in seen.items() if n >= 2}


# ---------------------------------------------------------------- item headings


def _emphasised(line: Line, text: str, body: float) -> bool:
    letters = [c for c in text if c.isalpha()]
    capitals = len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
    return line.bold or line.size >= body + 0.5 or capitals


def _number_of(line: Line) -> tuple[str, int] | None:
    """The item number a line opens with and how many words it takes."""
    words = [w.text for w in line.words]
    skip = 1 if len(words) > 1 and _ITEM_PREFIX.match(words[0]) else 0
    m = _ITEM_NUMBER.match(words[skip]) if len(words) > skip else None
    if not m:
        return None
    number = m.group("num")
    if not any(ch.isdigit() for ch in number):
        if len(number) > 1 and not _ROMAN.match(number):
            return None
        # A letter or numeral is also a word: it must be set apart to be a number.
        apart = len(words) == skip + 1 or line.chunks()[0].text == " ".join(words[: skip + 1])
        if not (m.group("punct") or apart or skip):
            return None
    return number, skip + 1


def _find_headings(lines: Sequence[Line], layout: _Layout) -> list[_Heading]:
    """The minutes' headings: numbered titles set bold, larger or in capitals.

    Minutes typed in plain text set them as the body is: then a numbered short line, a
    title rather than a sentence, is a heading where the numbers run on one by one.
    """
    headings = _scan_headings(lines, layout, strict=True)
    if len(headings) >= 2:
        return headings
    plain = _scan_headings(lines, layout, strict=False)
    return plain if len(plain) >= 2 and numbers_run_on([h.number for h in plain]) else headings


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


def _heading_at(lines: Sequence[Line], i: int, layout: _Layout, strict: bool = True) -> _Heading | None:
    line = lines[i]
    found = _number_of(line)
    if not found or _continues_line(lines[i - 1] if i else None, line, layout):
        return None
    if any(start == 0 for _, start, _ in find_dates(line.text)):
        return None
    number, used = found
    title_words = [w.text for w in line.words[used:]]
    title_lines = [line]
    end = i + 1
    if not title_words:
        # The number on a line of its own, the title below it; an "Item 4" stamp in the
        # right-hand corner of a pack page is not a heading.
        if (
            line.x0 > (layout.left + layout.right) / 2
            or end >= len(lines)
            or lines[end].page != line.page
            or lines[end].top - line.bottom > 1.5 * line.size
        ):
            return None
        title_lines.append(lines[end])
        title_words = [w.text for w in lines[end].words]
        end += 1
    title = " ".join(title_words)
    last = title_lines[-1]
    if not _title_like(title):
        return None
    if not _emphasised(last, title, layout.body) and (strict or not _plain_title(lines, end, title, layout)):
        return None
    while end < len(lines) and _continues_title(last, lines[end], layout):
        last = lines[end]
        title_lines.append(last)
        title += " " + last.text
        end += 1
    return _Heading(i, end, number, title.strip(" -–:"), tuple(title_lines))


def _plain_title(lines: Sequence[Line], end: int, title: str, layout: _Layout) -> bool:
    """A title set in body type: a few words, no closing punctuation, on a line of its own."""
    if len(title.split()) > 12 or title.rstrip().endswith((".", ";", ",", ":")):
        return False
    following = lines[end] if end < len(lines) else None
    return (
        following is None
        or following.page != lines[end - 1].page
        or layout.ends_short(lines[end - 1], following)
    )


def _title_like(title: str) -> bool:
    """A title, not a numbered sentence of text or a figure."""
    if sum(ch.isalpha() for ch in title) < 2 or re.match(r"^(?:that\b|%|[ap]\.?m\b)", title, re.I):
        return False
    return not (title.rstrip().endswith((".", ";", ",")) and len(title.split()) > 6)


def _continues_line(prev: Line | None, line: Line, layout: _Layout) -> bool:
    """Whether ``line`` carries on the text of ``prev``, set alike and wrapped at the margin."""
    return (
        prev is not None
        and line.page == prev.page
        and line.bold == prev.bold
        and abs(line.size - prev.size) < 0.3
        and line.top - prev.bottom < 0.8 * line.size
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
    return (
        layout.wide_gap(prev, line)
        or bool(_BULLET.match(line.text))
        or (closed and short)
        or (
            (closed or short)
            and any(p.match(line.text) for p in (_DASH_BULLET, _LIST_START, _DECISION_OPENING))
        )
        or (hanging is not None and line.x0 < hanging - 0.5 * size)
        or (closed and line.x0 > layout.left + 1.5 * size and prev.x0 <= layout.left + 0.5 * size)
    )


def _bullet_text_x(line: Line) -> float | None:
    """Where the text after a bullet starts, which wrapped lines of the bullet align to."""
    if not (_BULLET.match(line.text) or _DASH_BULLET.match(line.text)) or len(line.words) < 2:
        return None
    first = line.words[0]
    # A bullet printed against its text ("•Text") is one word: skip one character's width.
    return line.words[1].x0 if len(first.text) == 1 else first.x0 + (first.x1 - first.x0) / len(first.text)


def _paragraph_text(lines: Sequence[Line]) -> tuple[str, list[tuple[int, Line]]]:
    """A paragraph's lines joined with spaces, bullet removed, with each line's offset."""
    text, offsets = "", []
    for k, line in enumerate(lines):
        part = line.text.strip()
        if k == 0:
            part = _BULLET.sub("", part)
            part = _DASH_BULLET.sub("", part)
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
    return text if sum(ch.isalpha() for ch in text) >= 3 else ""


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
        apologies = next((apology_names(i.text) for i in items if re.search(r"apolog", i.title, re.I)), [])
    if not items and meeting_date is None and not present:
        return None
    chair = chair or next((name for name, role in present if _is_chair(role)), None)
    names = [name for name, _ in present]
    if chair:
        names = [chair] + [n for n in names if n != chair]
    return Minutes(
        meeting_date=meeting_date,
        venue=_venue(details),
        start_time=start,
        end_time=end or closed_at,
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
        for para in _paragraphs(lines[heading.end : stop], layout):
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
