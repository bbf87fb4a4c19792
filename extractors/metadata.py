"""Meeting details of a PDF that does not open with an agenda front sheet.

The committee is named in the first page's title ("PLANNING COMMITTEE", "MINUTES OF
A CABINET MEETING", "Minutes of the meeting of the Audit Committee held on ...");
date, time and venue come from the minutes heading or the report heading.

It also holds what front sheets, minutes and report covers share in how they state a
meeting: the body's name, the weekday, the venue of a "held at ..." phrase, and item
numbers that run on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Any

from pdfplumber.page import Page

from extractors.base import Extractor, Source
from extractors.dates import find_dates, find_times
from extractors.layout import (
    Line,
    body_size,
    join_text,
    left_margin,
    page_layout,
    set_alike,
)
from extractors.settings import SETTINGS
from schemas.records import DocumentMeta, Minutes, Report

EXTRACTOR = Extractor("metadata", __name__)

_WRAPPERS = [
    re.compile(
        r"^\s*(?:minutes|(?:action\s+)?notes?)\s+of\s+(?:an?|the)\s+(?:(?:extraordinary|special|ordinary|annual|informal)\s+)?"
        r"(?:meeting\s+of\s+(?:the\s+)?)?",
        re.I,
    ),
    re.compile(r"\s+meeting\b.*$", re.I),
    re.compile(r"\s+held\s+(?:on|at)\b.*$", re.I),
    re.compile(r"^\s*(?:report\s+to|meeting\s*:)\s*(?:the\s+)?", re.I),
    re.compile(r"\s*\b(?:agenda|minutes)\b\s*$", re.I),
]
COMMITTEE_WORD = re.compile(
    r"\b(?:committee|cabinet|council|board|panel|commission|forum|executive|sub-committee|partnership|authority)\b",
    re.I,
)


# A council's own name, printed above the committee's: "NORTHSHIRE DISTRICT COUNCIL".
COUNCIL_NAME = re.compile(
    r"^(?:the\s+)?(?:(?:london|royal)\s+borough\s+of\b.*|(?:\S+\s+){0,4}(?:borough|district|county|city|town|parish)"
    r"\s+council)$",
    re.I,
)
WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b,?", re.I)
_HELD = re.compile(r"\bheld\b(?P<rest>.*)$", re.I | re.S)


def venue_where_held(text: str) -> str | None:
    """The place in "... held on <date> at <time> in <venue>", its phrases in any order.

    "A meeting ... will be held in the Council Chamber, County Hall on Thursday 10 April
    2025 at 10.00 am" gives "Council Chamber, County Hall": the "at" or "in" phrase that
    holds no date, time or weekday, without the article the sentence puts before it.

    Args:
        text: a heading or sentence, lines joined.

    Returns:
        The venue, or None when no "held" phrase names one.
    """
    held = _HELD.search(text)
    if not held:
        return None
    rest = re.split(r"(?<=[a-z])\.\s", held.group("rest"))[0]
    for phrase in re.split(r"\s*,?\s*\b(?=on\b|at\b|in\b)", rest):
        m = re.match(r"(?:at|in)\s+(?P<v>.+)", phrase.strip(), re.I | re.S)
        if m and not find_dates(phrase) and not find_times(phrase) and not WEEKDAY.search(phrase):
            return re.sub(r"^the\s+(?=[A-Z])", "", m.group("v").strip(" ,.;:"))
    return None


def numbers_run_on(numbers: Sequence[str]) -> bool:
    """Whether item numbers run on one by one ("12", "13", "14"), as those of a paper's items do."""
    return all(n.isdigit() for n in numbers) and all(int(b) == int(a) + 1 for a, b in pairwise(numbers))


def names_body(text: str) -> bool:
    """Whether a heading names a committee or council ("LICENSING COMMITTEE") rather than a subject."""
    words = re.findall(r"[\w-]+", text)
    return bool(words) and bool(COMMITTEE_WORD.fullmatch(words[-1]))


def committee_from_title(title: str) -> str | None:
    """The body named by a page title, without "Minutes of a ... meeting" and similar wrappers."""
    text = re.sub(r"\s+", " ", title).strip()
    for wrapper in _WRAPPERS:
        text = wrapper.sub("", text).strip()
    dates = find_dates(text)
    if dates:
        text = text[: dates[0][1]].strip(" ,-–")
    return text if text and COMMITTEE_WORD.search(text) else None


def extract_document_meta(
    first_page: Page,
    source: Source,
    *,
    minutes: Minutes | None = None,
    report: Report | None = None,
) -> DocumentMeta:
    """The meeting a paper is for, whatever kind of paper: what its first page states
    (:func:`meeting_details`), and what its minutes or report record of it."""
    layout = page_layout(first_page)
    details = meeting_details(layout.main)
    committee = details.committee
    where = details.where
    if committee is None and (minutes is not None or report is not None):
        committee, where = _title_committee(layout.lines, first_page.height)
    meta = DocumentMeta(
        committee=committee,
        meeting_date=details.meeting_date,
        meeting_time=details.meeting_time,
        venue=details.venue,
        prov=source.prov(EXTRACTOR, first_page.page_number, where.bbox if where else None),
    )
    if minutes is not None:
        return meta.model_copy(
            update={
                "meeting_date": minutes.meeting_date or meta.meeting_date,
                "meeting_time": minutes.start_time or meta.meeting_time,
                "venue": minutes.venue or meta.venue,
            }
        )
    if report is not None:
        return meta.model_copy(update={"meeting_date": report.meeting_date or meta.meeting_date})
    return meta


def _title_committee(lines: Sequence[Line], height: float) -> tuple[str | None, Line | None]:
    """The body named by the largest type atop a page."""
    top = [ln for ln in lines if ln.top < height * SETTINGS.title_zone]
    size = max((ln.size for ln in top), default=0.0)
    title_lines = []
    for line in top:
        if line.size >= size - SETTINGS.larger:
            title_lines.append(line)
        elif title_lines:
            break
    committee = committee_from_title(join_text(title_lines))
    if committee is None:
        committee = next((c for ln in top if (c := committee_from_title(ln.text))), None)
    return committee, title_lines[0] if title_lines else None


# ---------------------------------------------------------------- the meeting a paper is for

# A body's name: words with a capital, joined by "of", "and", "&" ("Board of Harbor
# Commissioners", "Springfield Unified School District Board of Education"), and a
# number after it ("Area Council 014").
_NAME_WORD = r"(?=[\w'’-]*(?-i:[A-Z]))[\w'’&-]+"
_BODY = rf"(?P<body>{_NAME_WORD}(?:\s+(?:(?:of|and|&)\s+(?:the\s+)?)?{_NAME_WORD})*(?:\s+\d{{1,4}}\b)?)"
_KIND = r"(?:(?:extraordinary|special|ordinary|annual|budget|regular|public|informal|virtual|hybrid)\s+)*"
# "a meeting of the County Council", "Minutes of a meeting of the X", "Agenda for the X".
_MEETING_OF = re.compile(
    rf"\b(?:meeting|minutes|notes|agenda|summons)\s+(?:of|for)\s+(?:the|a|an)\s+{_KIND}"
    rf"(?:meeting\s+of\s+(?:the\s+)?)?{_BODY}",
    re.I,
)
# "Notice is hereby given that Area Council 014 will hold a public meeting."
_WILL_MEET = re.compile(rf"{_BODY}\s+will\s+(?:hold|meet)\b")
# "To: County Council – 9th January 2025", "To: All Members of the County Council".
_TO = re.compile(r"^\s*to\s*:\s*(?:(?:all\s+)?members\s+of\s+)?(?:the\s+)?(?P<rest>\S.*)$", re.I)
# Labels of the fields that say when and where: "Date/Time:", "Location/Address:".
_FIELD_LABELS = r"date\s*(?:/|and|&)\s*time|date|time|venue|place|location(?:\s*/\s*address)?|where"
_FIELD = re.compile(rf"^\s*(?P<label>{_FIELD_LABELS})\s*:\s*(?P<value>\S.*)$", re.I)
# The end of the sentence a "held" phrase stands in: a full stop before a capital.
_SENTENCE_END = re.compile(r"\.\s+(?=[A-Z(])|\.\s*$")
_PLACES = "chamber room hall centre center building house floor office offices library pavilion suite"
_PLACES += " auditorium institute hotel theatre theater online virtual"
_STREETS = "street st avenue ave road rd boulevard blvd lane ln way drive dr place square parade terrace"
# Words that name a meeting place ("Council Chamber", "Committee Room 2", "Village Hall").
_PLACE_WORD = re.compile(rf"\b(?:{'|'.join(_PLACES.split())})\b", re.I)
# A street address or a postcode makes a line a place: "215 West Main Street",
# "Springfield, IL 62701", "Northtown NT1 2AB".
_ADDRESS = re.compile(
    rf"\b\d{{1,5}}[A-Z]?\s+(?:[A-Z][\w.'’]*\s+){{1,4}}(?i:{'|'.join(_STREETS.split())})\b"
    r"|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b|\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b"
)


@dataclass(frozen=True)
class MeetingDetails:
    """What a paper says of the meeting it is for."""

    committee: str | None = None
    meeting_date: date | None = None
    meeting_time: str | None = None
    venue: str | None = None
    where: Line | None = None
    """The line naming the committee (or the meeting), for provenance."""


def meeting_details(lines: Sequence[Line], context: date | None = None) -> MeetingDetails:
    """The meeting a paper is for, as its opening states it, whatever kind of paper it is.

    Read in this order, each filling what the ones before left open: a sentence naming
    the meeting ("A meeting of the County Council will be held in <venue> on <date> at
    <time>", "Minutes of a meeting of the X held ...", "X will hold a public meeting");
    the body a paper is addressed to ("To: County Council – 9th January 2025"); labelled
    fields ("Date:", "Time:", "Venue:", "Location/Address:"); the heading (the largest
    type naming a body; a date and time printed in it, the place printed under the date
    or as an address). A paper that names no meeting (an appendix, a letter, a budget
    sheet) gives nothing: its heading names a council or a subject, not a meeting.

    Args:
        lines: the paper's opening lines in reading order, side columns left out.
        context: a date the meeting is near, for dates printed without a year.
    """
    lines = [ln for ln in lines if ln.text.strip()]
    if not lines:
        return MeetingDetails()
    found: dict[str, Any] = {}

    def fill(key: str, value: object) -> None:
        if value and not found.get(key):
            found[key] = value

    opening = lines[: SETTINGS.meeting_opening_lines]
    text = join_text(opening)
    named = _named_bodies(opening)
    for line, body in named:
        fill("committee", body)
        fill("where", line)
    statement = _held_statement(text, context)
    if statement:
        dates = find_dates(statement, context)
        fill("meeting_date", dates[0][0] if dates else None)
        times = find_times(statement[dates[0][2] :] if dates else statement)
        fill("meeting_time", times[0] if times else None)
        fill("venue", _place(venue_where_held(statement)))
    for line in opening:
        to = _TO.match(line.text)
        if to:
            dates = find_dates(to.group("rest"), context)
            fill("meeting_date", dates[0][0] if dates else None)
        chunks = [c.text for c in line.chunks()]
        for k, chunk in enumerate(chunks):
            # A label set in a column of its own has its value in the next one.
            value = f" {chunks[k + 1]}" if chunk.endswith(":") and k + 1 < len(chunks) else ""
            _read_field(chunk + value, fill, context)
    zone = _heading_zone(lines)
    heading = _heading(zone)
    if heading:
        printed = _body_of_heading(join_text(heading))
        if printed and found.get("committee", "").lower() == printed.lower():
            found["committee"] = printed  # as the heading prints it
        fill("committee", printed)
        fill("where", heading[0])
    for k, line in enumerate(zone):
        dates = find_dates(line.text, context)
        if dates:
            fill("meeting_date", dates[0][0])
            times = find_times(line.text[dates[0][2] :]) or find_times(line.text)
            fill("meeting_time", times[0] if times else None)
            fill("venue", _venue_under(zone, k))
            break
    fill("venue", _address(zone))
    # A date in a heading that names no body is a letter's or a report's own.
    if not (statement or named or (found.get("meeting_date") and found.get("committee"))):
        return MeetingDetails()
    return MeetingDetails(
        committee=found.get("committee"),
        meeting_date=found.get("meeting_date"),
        meeting_time=found.get("meeting_time"),
        venue=found.get("venue"),
        where=found.get("where"),
    )


def _place(text: str | None) -> str | None:
    """``text`` if it reads as a place: a word naming one, an address, or a short name in capitals."""
    if not text:
        return None
    words = text.split()
    named = len(words) <= SETTINGS.place_words and all(w[:1].isupper() or not w[:1].isalpha() for w in words)
    return text if _PLACE_WORD.search(text) or _ADDRESS.search(text) or named else None


def _named_bodies(lines: Sequence[Line]) -> list[tuple[Line, str]]:
    """Bodies named as the meeting's, in reading order: "meeting of the X", "X will hold", "To: X"."""
    named: list[tuple[int, Line, str]] = []
    offsets, text = _offsets(lines)
    for pattern in (_MEETING_OF, _WILL_MEET):
        for m in pattern.finditer(text):
            body = committee_from_title(m.group("body"))
            if body:
                line = lines[max(k for k, start in enumerate(offsets) if start <= m.start("body"))]
                named.append((m.start(), line, body))
    for k, line in enumerate(lines):
        to = _TO.match(line.text)
        if to:
            rest = to.group("rest")
            dates = find_dates(rest)
            rest = rest[: dates[0][1]] if dates else rest
            # The body ends where a dash, a comma or the next label sets off the date.
            body = committee_from_title(
                re.split(r"\s+[-–—]\s+|,|\s+date\s*:", rest, flags=re.I)[0].strip(" ,-–:")
            )
            if body:
                named.append((offsets[k], line, body))
    return [(line, body) for _, line, body in sorted(named, key=lambda n: n[0])]


def _offsets(lines: Sequence[Line]) -> tuple[list[int], str]:
    """Where each line starts in the lines joined with single spaces, and that text."""
    offsets, parts, at = [], [], 0
    for line in lines:
        offsets.append(at)
        parts.append(line.text)
        at += len(line.text) + 1
    return offsets, " ".join(parts)


def _held_statement(text: str, context: date | None) -> str:
    """The sentence that says where and when the meeting is or was held, up to its end.

    It gives a date, or names "the meeting" it is about: "Special meetings are held at
    the date, time and place specified" states a rule, not a meeting.
    """
    for held in re.finditer(r"\bheld\b", text, re.I):
        start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, held.start())), default=0)
        end = _SENTENCE_END.search(text, held.start())
        sentence = text[start : end.start() if end else len(text)]
        if find_dates(sentence, context) or re.search(r"\bmeeting\b(?!s)", text[start : held.start()], re.I):
            return sentence
    return ""


def _read_field(text: str, fill: Any, context: date | None) -> None:
    field = _FIELD.match(text)
    if not field:
        return
    label, value = field.group("label").lower(), field.group("value").strip()
    if label.startswith("date") or label == "time":
        dates = find_dates(value, context)
        fill("meeting_date", dates[0][0] if dates else None)
        times = find_times(value[dates[0][2] :] if dates else value)
        fill("meeting_time", times[0] if times else None)
    else:
        fill("venue", value.strip(" ,;"))


def _heading_zone(lines: Sequence[Line]) -> list[Line]:
    """The lines before running text starts: a line in body type from the margin across most of
    the column (a centred line of the heading is narrower or starts further in)."""
    body = body_size(lines)
    left, right = left_margin(lines, body), max(ln.x1 for ln in lines)
    for k, line in enumerate(lines):
        if (
            abs(line.size - body) < SETTINGS.larger
            and not line.bold
            and abs(line.x0 - left) <= SETTINGS.align_tolerance
            and line.x1 - line.x0 > SETTINGS.paragraph_width * (right - left)
            and len(line.chunks()) == 1
        ):
            return list(lines[:k])
    return list(lines)


def _heading(zone: Sequence[Line]) -> list[Line]:
    """The largest consecutive lines of the heading that name a body (bold or larger than the text)."""
    if not zone:
        return []
    body = body_size(zone)
    groups: list[list[Line]] = []
    for line in zone:
        if not (line.bold or line.size >= body + SETTINGS.larger):
            continue
        if (
            groups
            and set_alike(groups[-1][-1], line)
            and line.top - groups[-1][-1].bottom < SETTINGS.wrap_gap * line.size
        ):
            groups[-1].append(line)
        else:
            groups.append([line])
    named = [
        g
        for g in groups
        if _body_of_heading(join_text(g)) and len(join_text(g).split()) <= SETTINGS.body_heading_words
    ]
    # A council's own name set above its committee's ("Northshire District Council" over
    # "Cabinet") is not the committee.
    committees = [
        g
        for g in named
        if names_body(join_text(g)) and not COUNCIL_NAME.search(_body_of_heading(join_text(g)) or "")
    ]
    councils = [g for g in named if COUNCIL_NAME.search(_body_of_heading(join_text(g)) or "")]
    return max(committees if councils and committees else named, key=lambda g: g[0].size, default=[])


def _body_of_heading(text: str) -> str | None:
    """The body a heading names: "FOSTERING PANEL– 29 October 2024" gives the panel,
    "Budget Update Appendix 1 – County Council" the council (the part that names a body)."""
    dates = find_dates(text)
    if dates:
        text = WEEKDAY.sub(" ", text[: dates[0][1]])
    text = re.sub(r"\b(?:agenda|notice(?:\s+of)?|summons|minutes)\b", " ", text, flags=re.I)
    parts = [p.strip(" ,-–—:") for p in re.split(r"\s+[-–—]\s+|[-–—]\s*$", re.sub(r"\s+", " ", text))]
    parts = [p for p in parts if p]
    named = [p for p in parts if names_body(p)]
    return committee_from_title(named[-1] if named else " ".join(parts))


def _venue_under(zone: Sequence[Line], k: int) -> str | None:
    """The place printed under the meeting's date: lines set alike, close below, naming a place."""
    parts: list[Line] = []
    for line in zone[k + 1 :]:
        previous = parts[-1] if parts else zone[k]
        if (
            (parts and not set_alike(parts[-1], line))
            or line.top - previous.bottom > SETTINGS.venue_gap * line.size
            or find_dates(line.text)
            or find_times(line.text)
            or ":" in line.text
            or names_body(line.text)
        ):
            break
        parts.append(line)
    venue = " ".join(ln.text for ln in parts)
    return venue.strip(" ,") if _PLACE_WORD.search(venue) or _ADDRESS.search(venue) else None


def _address(zone: Sequence[Line]) -> str | None:
    """A postal address in the heading, with the lines of it that follow in its column."""
    for k, line in enumerate(zone):
        for chunk in line.chunks():
            if not _ADDRESS.search(chunk.text) or find_dates(chunk.text):
                continue
            parts = [chunk.text]
            for below in zone[k + 1 :]:
                nxt = next(
                    (c for c in below.chunks() if abs(c.x0 - chunk.x0) <= SETTINGS.align_tolerance), None
                )
                if nxt is None or not _ADDRESS.search(nxt.text) or find_dates(nxt.text):
                    break
                parts.append(nxt.text)
            return ", ".join(p.strip(" ,") for p in parts)
    return None
