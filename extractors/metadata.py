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
from itertools import pairwise

from pdfplumber.page import Page

from extractors.base import Extractor, Source
from extractors.dates import find_dates, find_times
from extractors.layout import join_text, page_lines
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
    """Meeting details from the title of the first page and the first document's records."""
    lines = page_lines(first_page)
    top = [ln for ln in lines if ln.top < first_page.height * 0.35]
    size = max((ln.size for ln in top), default=0.0)
    title_lines = []
    for line in top:
        if line.size >= size - 0.5:
            title_lines.append(line)
        elif title_lines:
            break
    committee = committee_from_title(join_text(title_lines))
    if committee is None:
        committee = next((c for ln in top if (c := committee_from_title(ln.text))), None)
    meta = DocumentMeta(
        committee=committee,
        prov=source.prov(EXTRACTOR, first_page.page_number, title_lines[0].bbox if title_lines else None),
    )
    if minutes is not None:
        meta = meta.model_copy(
            update={
                "meeting_date": minutes.meeting_date,
                "meeting_time": minutes.start_time,
                "venue": minutes.venue,
            }
        )
    elif report is not None:
        meta = meta.model_copy(update={"meeting_date": report.meeting_date})
    return meta
